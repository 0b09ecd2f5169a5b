/* cgi-totals.h: what the whole index holds, for trawl.cgi: articles by
 * source, year and month (the source list, the date range, the chart's
 * denominators), kept between requests until the index changes.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_CGI_TOTALS_H
#define TRAWL_CGI_TOTALS_H

#include "search.h"

typedef struct {
    int valid;                   /* 1: the counts below are of UUID at REVISION */
    char uuid[SEARCH_UUID_SIZE];
    unsigned long revision;
    unsigned documents;          /* articles in the index */
    search_facet_t sources;      /* articles per source, in byte order */
    search_facet_t years;        /* per year ("2014"), oldest first */
    search_facet_t months;       /* per month ("2014-06"), oldest first */
} cgi_totals_t;

/* Fills *T for S's index, counting again only when the index is another
 * one or has a new revision since.  Returns SEARCH_OK, or the searcher's
 * status (the detail in searcher_last_error(S)) with *T emptied. */
search_status_t cgi_totals_update(searcher_t *s, cgi_totals_t *t);

/* The count of VALUE in F (values in byte order), 0 when it has none. */
unsigned cgi_facet_count(const search_facet_t *f, const char *value);

void cgi_totals_free(cgi_totals_t *t);

#endif /* TRAWL_CGI_TOTALS_H */
