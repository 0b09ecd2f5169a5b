/* cgi-kwic.h: the results page's concordance view (view=kwic): the lines
 * of kwic.h as a table, the match in one column.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_CGI_KWIC_H
#define TRAWL_CGI_KWIC_H

#include "buf.h"
#include "cgi-request.h"
#include "search.h"

/* Columns of context on each side of a match on the page: what lets the
 * whole line and its citation fit a 1280-pixel window. */
#define CGI_KWIC_WIDTH 36

/* A table row for each match in R's hits (run with search_options_t.marks),
 * each citing its article and paragraph, linked to the article view. */
void cgi_kwic(buf_t *out, const cgi_request_t *req, const search_result_t *r);

#endif /* TRAWL_CGI_KWIC_H */
