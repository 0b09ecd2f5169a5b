/* cgi-page.h: what trawl.cgi shows: its HTML pages (JSON: cgi-json.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every function appends to a buf_t and escapes each value for the place it
 * goes (esc_html, esc_attr, esc_url, esc_json) as it writes it; callers
 * hand over raw values.  Pages need no JavaScript, and links are relative
 * ("?q=...") so the program works under any script name.
 */
#ifndef TRAWL_CGI_PAGE_H
#define TRAWL_CGI_PAGE_H

#include "buf.h"
#include "cgi-request.h"
#include "cgi-settings.h"
#include "search.h"

typedef struct {
    const search_result_t *result;
    double seconds;              /* time taken to answer */
    const char *suggestion;      /* "did you mean": the corrected query, or NULL */
    const search_facet_t *sources;   /* most matches first */
    const search_facet_t *years;     /* newest first */
    const search_facet_t *months;    /* "2014-06", in byte order */
    const search_facet_t *fields;    /* TRAWL_CGI_FACETS' fields, most matches first */
    const char *field_names[CGI_MAX_FIELD_FACETS];
    size_t field_count;
    unsigned last_page;          /* the last page that can be asked for */
} cgi_results_t;

/* The document head, the site heading and the search form, filled in from
 * REQ; TITLE is the page's <title> (before " - " and the site title). */
void cgi_page_begin(buf_t *out, const cgi_request_t *req, const char *title);
/* Closes what cgi_page_begin() opened. */
void cgi_page_end(buf_t *out);

/* The results: summary, "did you mean", hits, pagination and facets. */
void cgi_page_results(buf_t *out, const cgi_request_t *req, const cgi_results_t *res);

/* The page with no query: what the index holds (REQ's totals, when
 * known) and how to search it. */
void cgi_page_start(buf_t *out, const cgi_request_t *req);

/* href="URL" for the results page REQ, escaped (for cgi-chart.c). */
void cgi_page_results_href(buf_t *out, const cgi_request_t *req);

/* href="?KEY=ID&q=Q" for an article's pages (KEY "doc": the view, "cite":
 * its reference), escaped (for cgi-kwic.c). */
void cgi_page_doc_href(buf_t *out, const char *key, const char *id, const char *q);

/* One stored article with numbered paragraphs, its metadata and its reader
 * comments apart; the MARK_COUNT MARKS (byte offsets into its stored text,
 * in order: what the query matches, match.h) in <mark>. */
void cgi_page_article(buf_t *out, const cgi_request_t *req, const stored_doc_t *doc,
                      const mark_t *marks, size_t mark_count);

/* The reference for HIT as text and as BibTeX.  ACCESSED is "YYYY-MM-DD". */
void cgi_page_cite(buf_t *out, const cgi_request_t *req, const hit_t *hit,
                   const char *accessed);

/* A heading and a sentence: errors and notices. */
void cgi_page_message(buf_t *out, const char *heading, const char *text);

#endif /* TRAWL_CGI_PAGE_H */
