/* cgi-json.h: trawl.cgi's answers as JSON (format=json).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_CGI_JSON_H
#define TRAWL_CGI_JSON_H

#include "buf.h"
#include "cgi-page.h"

/* The results as one JSON object: the request, the counts, the facets and
 * the hits, each hit as trawl-search --format json writes it (the one
 * writer, output_json_hit()), with the keys of its JSON Lines but the
 * server-side path and metadata. */
void cgi_json_results(buf_t *out, const cgi_request_t *req, const cgi_results_t *res);

/* {"error": MESSAGE, "status": STATUS} */
void cgi_json_error(buf_t *out, int status, const char *message);

#endif /* TRAWL_CGI_JSON_H */
