/* cgi-totals.c: the whole index's counts by source, year and month, kept
 * for as long as the index stays at one revision.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "cgi-totals.h"

void cgi_totals_free(cgi_totals_t *t)
{
    search_facet_free(&t->sources);
    search_facet_free(&t->years);
    search_facet_free(&t->months);
    memset(t, 0, sizeof *t);
}

search_status_t cgi_totals_update(searcher_t *s, cgi_totals_t *t)
{
    static const search_facet_kind_t kinds[3] = {
        SEARCH_FACET_SOURCE, SEARCH_FACET_YEAR, SEARCH_FACET_MONTH,
    };
    search_facet_t facets[3];
    search_info_t info;
    search_status_t st = searcher_info(s, &info);

    if (st != SEARCH_OK) {
        cgi_totals_free(t);
        return st;
    }
    if (t->valid && t->revision == info.revision && strcmp(t->uuid, info.uuid) == 0)
        return SEARCH_OK;
    cgi_totals_free(t);
    memset(facets, 0, sizeof facets);
    /* No query: every article of the index, whatever the filters. */
    st = searcher_facets(s, NULL, kinds, 3, facets, &t->documents);
    if (st != SEARCH_OK) {
        for (int i = 0; i < 3; i++)
            search_facet_free(&facets[i]);
        t->documents = 0;
        return st;
    }
    t->sources = facets[0];
    t->years = facets[1];
    t->months = facets[2];
    memcpy(t->uuid, info.uuid, sizeof t->uuid);
    t->revision = info.revision;
    t->valid = 1;
    return SEARCH_OK;
}

unsigned cgi_facet_count(const search_facet_t *f, const char *value)
{
    size_t lo = 0, hi = f->count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->values[mid].value, value);
        if (c == 0)
            return f->values[mid].count;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
