/* search-facets.c: the one facet counter: articles by source, year and
 * month, among a query's matches or in the whole index (the search page's
 * facets, --count-by, --stats), and the index's statistics.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "schema.h"
#include "search-private.h"

/* The value slot of each facet. */
static const unsigned facet_slots[SEARCH_FACET_LAST] = {
    [SEARCH_FACET_SOURCE] = SLOT_SOURCE,
    [SEARCH_FACET_YEAR] = SLOT_YEAR,
    [SEARCH_FACET_MONTH] = SLOT_MONTH,
};

/* Appends VALUE[0..LEN) with COUNT to F.  Returns 0, or -1 when memory
 * runs out. */
static int facet_add(search_facet_t *f, const char *value, size_t len, unsigned count)
{
    search_facet_value_t *values = realloc(f->values, (f->count + 1) * sizeof *values);
    char *copy = values ? xstrndup(value, len) : NULL;

    if (values)
        f->values = values;
    if (copy == NULL)
        return -1;
    f->values[f->count++] = (search_facet_value_t){ copy, count };
    return 0;
}

void search_facet_free(search_facet_t *facet)
{
    for (size_t i = 0; i < facet->count; i++)
        free(facet->values[i].value);
    free(facet->values);
    memset(facet, 0, sizeof *facet);
}

/* Context of the callbacks below: the facet filled, and whether memory ran
 * out. */
typedef struct {
    search_facet_t *facet;
    int failed;
} fill_t;

/* Year and month totals from the boolean terms Y2014 and M201406, whose
 * document frequency is the number of articles of that period: far cheaper
 * than reading every article's value. */
static int add_period(void *ctx, const char *term, size_t term_len, unsigned doc_freq)
{
    fill_t *fill = ctx;

    if (term[0] == PREFIX_YEAR[0] && term_len == 5)
        fill->failed = facet_add(fill->facet, term + 1, 4, doc_freq) != 0;
    else if (term[0] == PREFIX_MONTH[0] && term_len == 7) {
        char key[8];
        memcpy(key, term + 1, 4);
        key[4] = '-';
        memcpy(key + 5, term + 5, 2);
        fill->failed = facet_add(fill->facet, key, 7, doc_freq) != 0;
    }
    return fill->failed;
}

/* Every value of a slot, once per document (merged after sorting). */
static int add_value(void *ctx, unsigned docid, const char *value, size_t len)
{
    fill_t *fill = ctx;

    (void)docid;
    if (len)
        fill->failed = facet_add(fill->facet, value, len, 1) != 0;
    return fill->failed;
}

static int by_value(const void *a, const void *b)
{
    return strcmp(((const search_facet_value_t *)a)->value,
                  ((const search_facet_value_t *)b)->value);
}

/* Sorts F by value and merges equal values, adding up their counts. */
static void facet_merge(search_facet_t *f)
{
    size_t kept = 0;

    if (f->count == 0)
        return;
    qsort(f->values, f->count, sizeof *f->values, by_value);
    for (size_t i = 1; i < f->count; i++) {
        if (strcmp(f->values[i].value, f->values[kept].value) == 0) {
            f->values[kept].count += f->values[i].count;
            free(f->values[i].value);
        } else
            f->values[++kept] = f->values[i];
    }
    f->count = kept + 1;
}

/* The index's own counts of KIND into *OUT. */
static search_status_t index_totals(searcher_t *s, search_facet_kind_t kind, search_facet_t *out)
{
    fill_t fill = { out, 0 };
    xs_status_t st;

    if (kind == SEARCH_FACET_SOURCE) {
        st = xs_db_each_value(s->db, SLOT_SOURCE, add_value, &fill);
        if (st == XS_OK && !fill.failed)
            facet_merge(out);
    } else
        st = xs_db_each_term(s->db, kind == SEARCH_FACET_YEAR ? PREFIX_YEAR : PREFIX_MONTH,
                             add_period, &fill);
    if (fill.failed)
        return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    return st == XS_OK ? SEARCH_OK : search_shim_failed(s, st);
}

/* The counts of the facets KINDS among the matches of QUERY (under S's
 * restriction), with a match spy on each slot over every match. */
static search_status_t match_counts(searcher_t *s, const query_t *query,
                                    const search_facet_kind_t *kinds, size_t count,
                                    search_facet_t *out, unsigned *matches_out)
{
    unsigned slots[SEARCH_FACET_LAST], documents = 0;
    xs_query_t *q = search_query_build(query->any), *filtered = NULL;
    xs_search_options_t xo;
    xs_results_t *r = NULL;
    search_status_t status = SEARCH_OK;
    xs_status_t st;

    for (size_t i = 0; i < count; i++)
        slots[i] = facet_slots[kinds[i]];
    xs_search_options_init(&xo);
    xo.limit = 0;
    xo.facet_slots = slots;
    xo.facet_slot_count = count;
    if (q == NULL || (s->filter && (filtered = search_restricted(s, q)) == NULL))
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    else if ((st = xs_db_doc_count(s->db, &documents)) != XS_OK)
        status = search_shim_failed(s, st);
    else {
        /* Counted over every match, not only those a page would look at. */
        xo.check_at_least = documents;
        search_budget_start(s);
        if ((status = search_budget_options(s, &xo)) == SEARCH_OK
            && (st = xs_db_search(s->db, filtered ? filtered : q, &xo, &r)) != XS_OK)
            status = st == XS_TIME_LIMIT ? search_time_up(s) : search_shim_failed(s, st);
    }
    for (size_t i = 0; status == SEARCH_OK && i < count; i++)
        for (size_t k = 0; k < xs_results_facet_size(r, i); k++) {
            size_t len;
            const char *v = xs_results_facet_value(r, i, k, &len);
            if (facet_add(&out[i], v, len, xs_results_facet_count(r, i, k)) != 0) {
                status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
                break;
            }
        }
    if (status == SEARCH_OK && matches_out)
        *matches_out = xs_results_matches_estimated(r);
    xs_results_destroy(r);
    xs_query_destroy(filtered);
    xs_query_destroy(q);
    return status;
}

search_status_t searcher_facets(searcher_t *s, const query_t *query,
                                const search_facet_kind_t *kinds, size_t count,
                                search_facet_t *out, unsigned *matches_out)
{
    search_status_t status = SEARCH_OK;
    xs_status_t st;

    for (size_t i = 0; i < count; i++)
        memset(&out[i], 0, sizeof out[i]);
    if (count > SEARCH_FACET_LAST)
        return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    if (query)
        return match_counts(s, query, kinds, count, out, matches_out);
    for (size_t i = 0; i < count && status == SEARCH_OK; i++)
        status = index_totals(s, kinds[i], &out[i]);
    if (status == SEARCH_OK && matches_out && (st = xs_db_doc_count(s->db, matches_out)) != XS_OK)
        status = search_shim_failed(s, st);
    return status;
}

/* --stats: the span of the date slot, and the dated articles. */
static int see_date(void *ctx, unsigned docid, const char *value, size_t len)
{
    search_stats_t *stats = ctx;
    char date[9];

    (void)docid;
    if (len != 8)
        return 0;
    memcpy(date, value, 8);
    date[8] = '\0';
    /* first_date and last_date hold the slot's form until the end. */
    if (stats->dated == 0 || strcmp(date, stats->first_date) < 0)
        memcpy(stats->first_date, date, 9);
    if (stats->dated == 0 || strcmp(date, stats->last_date) > 0)
        memcpy(stats->last_date, date, 9);
    stats->dated++;
    return 0;
}

static int count_term(void *ctx, const char *term, size_t term_len, unsigned doc_freq)
{
    (void)term, (void)term_len, (void)doc_freq;
    (*(unsigned long *)ctx)++;
    return 0;
}

/* A SLOT_DATE value "20140603" as stored: "2014-06-03"; "20140600" as
 * "2014-06", "20140000" as "2014" (date_from_slot()); a value that is no
 * date stays as it is. */
static void stored_date(char date[DATE_TEXT_SIZE])
{
    char text[DATE_TEXT_SIZE];
    date_t d;

    if (date_from_slot(date, strlen(date), &d) && date_format(&d, text))
        memcpy(date, text, sizeof text);
}

search_status_t searcher_stats(searcher_t *s, search_stats_t *stats)
{
    xs_status_t st;

    memset(stats, 0, sizeof *stats);
    if ((st = xs_db_doc_count(s->db, &stats->documents)) != XS_OK
        || (st = xs_db_avg_length(s->db, &stats->average_length)) != XS_OK
        || (st = xs_db_each_term(s->db, "", count_term, &stats->terms)) != XS_OK
        || (st = xs_db_each_value(s->db, SLOT_DATE, see_date, stats)) != XS_OK)
        return search_shim_failed(s, st);
    if (stats->dated) {
        stored_date(stats->first_date);
        stored_date(stats->last_date);
    }
    return SEARCH_OK;
}
