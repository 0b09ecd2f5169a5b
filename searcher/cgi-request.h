/* cgi-request.h: one request of trawl.cgi: its variables, and its
 * parameters decoded and checked into what is asked for.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What a request may ask for is bounded (the limits below); whatever
 * breaks a rule is an error that names the parameter, which the page
 * answers with 400 (or 405 for a method it does not answer).
 */
#ifndef TRAWL_CGI_REQUEST_H
#define TRAWL_CGI_REQUEST_H

#include <stddef.h>

#include "cgi-download.h"
#include "cgi-param.h"
#include "cgi-totals.h"
#include "cgi.h"
#include "search.h"

/* Limits on what one request may ask for. */
#define CGI_MAX_REQUEST_BYTES 16384   /* query string or POST body, encoded */
#define CGI_MAX_PARAMS 16             /* key=value pairs */
#define CGI_MAX_QUERY_BYTES 1024      /* q, decoded: a long question, not a document */
#define CGI_MAX_FIELD_BYTES 256       /* source filter, article ids */
#define CGI_MAX_HITS_PER_PAGE 100
#define CGI_MAX_RESULT_DEPTH 10000    /* no page reaches past this rank */

/* The request, checked: every string is valid UTF-8 without controls. */
typedef struct {
    const char *site_title;      /* the page heading (TRAWL_CGI_TITLE) */
    const char *facets;          /* TRAWL_CGI_FACETS, or NULL */
    const char *q;               /* the query as typed ("" for none) */
    const char *source;          /* filters: NULL for none */
    const char *from, *to;       /* "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
    search_sort_t sort;
    int keep_duplicates;         /* dup=keep: every article, not one hit a
                                    story (dup=collapse, the default) */
    int kwic;                    /* view=kwic: the hits' matches as
                                    concordance lines (cgi-kwic.h) */
    unsigned page;               /* 1-based */
    unsigned hits_per_page;
    unsigned default_hits;       /* hits per page when not asked (links omit it) */
    const cgi_totals_t *totals;  /* the index's counts (the source list, the
                                    date range), set by the handler; NULL
                                    when unknown */
    int has_results;             /* set by the handler: the page lists results
                                    (the skip link goes to them) */
} cgi_request_t;

/* What a request asks for, or why it cannot be answered. */
typedef struct {
    cgi_request_t req;           /* the results page (or the query to mark) */
    const char *doc;             /* ?doc=ID: the article view; or NULL */
    const char *cite;            /* ?cite=ID: the reference; or NULL */
    int json;                    /* format=json: answer in JSON (also an error,
                                    when the rest cannot be decoded) */
    cgi_download_t download;     /* format=csv, bibtex or ris: the results as a
                                    file; or CGI_DOWNLOAD_NONE */
    const char *heading;         /* on error: "Bad request", "Method not
                                    allowed", "Server error" */
    char message[200];           /* on error: the sentence the page shows */
} cgi_wanted_t;

/* The request variable NAME (REQUEST_METHOD ...) of IO, or NULL.  Owned
 * by IO. */
const char *cgi_request_var(const cgi_io_t *io, const char *name);

/* Parses a decimal number of at most 9 digits into *OUT.  Returns 0, or
 * -1 when S is not one. */
int cgi_parse_unsigned(const char *s, unsigned *out);

/* Reads the parameters of IO's request (the query string of a GET or HEAD,
 * the form a POST sends) into *PARAMS and checks them into *W, whose
 * req must hold the defaults (site title, hits per page; page 1).  The
 * strings of *W point into *PARAMS: free it with cgi_params_free() in
 * every case.  Returns 0; or an HTTP status (400, 405, or 500 when memory
 * runs out) with W->heading and W->message saying why. */
int cgi_request_read(cgi_io_t *io, cgi_params_t *params, cgi_wanted_t *w);

#endif /* TRAWL_CGI_REQUEST_H */
