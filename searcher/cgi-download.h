/* cgi-download.h: the results of a search as a file to download (CSV,
 * BibTeX, RIS), written by trawl-search's own writers (output.c, cite.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_CGI_DOWNLOAD_H
#define TRAWL_CGI_DOWNLOAD_H

#include "buf.h"
#include "search.h"

/* What format= may ask for besides html and json. */
typedef enum {
    CGI_DOWNLOAD_NONE = 0,
    CGI_DOWNLOAD_CSV,        /* trawl-search --format csv */
    CGI_DOWNLOAD_BIBTEX,     /* trawl-search --cite bibtex */
    CGI_DOWNLOAD_RIS         /* trawl-search --cite ris */
} cgi_download_t;

/* A download holds at most this many results, the first in the page's
 * order: enough for a reference manager or a spreadsheet, and written
 * within the request's time limit. */
#define CGI_MAX_DOWNLOAD 1000
#define CGI_MAX_DOWNLOAD_TEXT "1000"

/* The format named NAME ("csv", "bibtex", "ris"), or CGI_DOWNLOAD_NONE. */
cgi_download_t cgi_download_parse(const char *name);

/* The Content-Type and the file name (Content-Disposition) of FORMAT. */
const char *cgi_download_type(cgi_download_t format);
const char *cgi_download_filename(cgi_download_t format);

/* The search options FORMAT needs: snippets for the citations, copies
 * for the copies column, as trawl-search asks for them. */
void cgi_download_options(cgi_download_t format, search_options_t *opts);

/* Appends R's hits for the query TEXT in FORMAT, with the bytes
 * trawl-search writes for them (the header row, the references with the
 * ACCESSED date, "YYYY-MM-DD").  Returns 0, or -1 when memory ran out. */
int cgi_download_write(buf_t *out, cgi_download_t format, const char *text,
                       const search_result_t *r, const char *accessed);

#endif /* TRAWL_CGI_DOWNLOAD_H */
