/* search-stories.c: counting a pass's matches, as articles or as stories
 * (near-duplicate groups, Xapian's collapse key SLOT_GROUP), and the page
 * of a later pass's stories that no earlier pass holds (search-run.c runs
 * the passes).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"
#include "search-private.h"

/* The failure of xs_db_search() on S with ST: Xapian refuses a wildcard
 * that expands too far as an invalid argument (the shim's detail says
 * so); anything else is the index's. */
static search_status_t search_failed(searcher_t *s, xs_status_t st)
{
    if (st == XS_TIME_LIMIT)
        return search_time_up(s);
    if (st == XS_INVALID_ARGUMENT)
        return search_fail(s, SEARCH_TOO_BROAD, "search failed in '%s': %s", s->db_path,
                           xs_db_last_error(s->db));
    return search_index_failed(s, st);
}

static search_status_t no_memory(searcher_t *s)
{
    return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
}

search_status_t search_within(searcher_t *s, const xs_query_t *q, xs_search_options_t *xo,
                              int counting, xs_results_t **results)
{
    search_status_t status = search_budget_options(s, xo, counting);
    xs_status_t st;

    if (status != SEARCH_OK)
        return status;
    /* xs_db_search() itself reopens and retries when an indexer commits
     * under it. */
    st = xs_db_search(s->db, q, xo, results);
    return st == XS_OK ? SEARCH_OK : search_failed(s, st);
}

/* The stories among the matches RESULTS counted with a spy on SLOT_GROUP:
 * a story for each group, and one for each match in none (an index made
 * before groups, or from other tools). */
static unsigned stories_of(const xs_results_t *results)
{
    unsigned grouped = 0, groups = (unsigned)xs_results_facet_size(results, 0);

    for (size_t i = 0; i < groups; i++)
        grouped += xs_results_facet_count(results, 0, i);
    return groups + (xs_results_matches_lower(results) - grouped);
}

/* *COUNT gets COUNTED, or where the count stopped short (time ran out)
 * the larger of it and the ranking pass's estimate already there. */
static void take_count(unsigned *count, unsigned counted, int stopped)
{
    if (count && (!stopped || *count < counted))
        *count = counted;
}

search_status_t search_count(searcher_t *s, const search_options_t *opts, const xs_query_t *q,
                             unsigned *matches, unsigned *stories, int *exact)
{
    static const unsigned group_slot = SLOT_GROUP;
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    xs_query_t *boolean = NULL;

    xs_search_options_init(&xo);
    xo.limit = 0;
    xo.skip_values = 1;
    xo.check_at_least = opts->exact_counts ? (unsigned)-1 : SEARCH_EXACT_COUNT_MAX;
    /* Stories are the distinct groups of the matches, which a spy sees
     * each of: Xapian's collapsed counts are estimates even when every
     * match was looked at. */
    if (stories) {
        xo.facet_slots = &group_slot;
        xo.facet_slot_count = 1;
    }
    if (xs_query_scale(q, 0, &boolean) != XS_OK)
        return no_memory(s);
    /* Asked for exact counts, they take what they take (within the time
     * limit); else SEARCH_COUNT_SECONDS. */
    search_status_t status = search_within(s, boolean, &xo, !opts->exact_counts, &results);
    xs_query_destroy(boolean);
    if (status != SEARCH_OK)
        return status;
    int stopped = xs_results_stopped(results);
    take_count(matches, stopped ? xs_results_matches_lower(results)
                                : xs_results_matches_estimated(results), stopped);
    if (stories)
        take_count(stories, stories_of(results), stopped);
    if (xs_results_matches_lower(results) != xs_results_matches_upper(results))
        *exact = 0;
    xs_results_destroy(results);
    return SEARCH_OK;
}

search_status_t search_count_stories(searcher_t *s, const search_options_t *opts,
                                     const xs_query_t *every, size_t passes, unsigned estimate,
                                     int exact, search_result_t *out)
{
    xs_query_t *filtered = NULL;

    out->collapsed = 1;
    out->stories = estimate;
    if (passes == 1 && exact)
        return SEARCH_OK;
    if (opts->skip_counts) {
        out->counts_exact = 0;
        return SEARCH_OK;
    }
    if (s->filter && (every = filtered = search_restricted(s, every)) == NULL)
        return no_memory(s);
    search_status_t status = search_count(s, opts, every, NULL, &out->stories, &out->counts_exact);
    xs_query_destroy(filtered);
    return status;
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The stories of R (collapsed results) that EARLIER holds too: *FOUND
 * gets their keys (malloc'ed, sorted; free with free_keys()).  One search,
 * EARLIER among the members of R's groups (their PREFIX_GROUP terms). */
static search_status_t keys_in(searcher_t *s, const xs_results_t *r, const xs_query_t *earlier,
                               char ***found, size_t *found_count)
{
    size_t n = xs_results_size(r), terms = 0;
    xs_query_t **groups = calloc(n ? n : 1, sizeof *groups), *any = NULL, *both = NULL;
    xs_results_t *in = NULL;
    xs_search_options_t xo;
    search_status_t status = SEARCH_NO_MEMORY;

    *found = NULL;
    *found_count = 0;
    if (groups == NULL)
        return no_memory(s);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *key = xs_results_collapse_key(r, i, &len);
        buf_t term = BUF_INIT;

        if (len == 0)           /* in no group: a story of its own */
            continue;
        docdata_id_term_with(PREFIX_GROUP, key, &term);
        xs_status_t st = term.failed ? XS_NO_MEMORY
                                     : xs_query_term(term.data, term.len, 1, 0, &groups[terms]);
        buf_free(&term);
        if (st != XS_OK)
            goto done;
        terms++;
    }
    status = SEARCH_OK;
    if (terms == 0)
        goto done;
    status = SEARCH_NO_MEMORY;
    if (xs_query_combine(XS_OP_OR, (const xs_query_t *const *)groups, terms, 0, &any) != XS_OK)
        goto done;
    const xs_query_t *pair[2] = { earlier, any };
    if (xs_query_combine(XS_OP_FILTER, pair, 2, 0, &both) != XS_OK)
        goto done;
    xs_search_options_init(&xo);
    xo.limit = (unsigned)terms;
    xo.docids_only = 1;
    xo.collapse_slot = SLOT_GROUP;
    if ((status = search_within(s, both, &xo, 0, &in)) != SEARCH_OK)
        goto done;
    status = SEARCH_NO_MEMORY;
    if ((*found = calloc(xs_results_size(in) + 1, sizeof **found)) == NULL)
        goto done;
    for (size_t i = 0; i < xs_results_size(in); i++) {
        size_t len;
        const char *key = xs_results_collapse_key(in, i, &len);
        if (((*found)[i] = xstrndup(key, len)) == NULL)
            goto done;
        (*found_count)++;
    }
    qsort(*found, *found_count, sizeof **found, compare_keys);
    status = SEARCH_OK;
done:
    if (status == SEARCH_NO_MEMORY)
        no_memory(s);
    for (size_t i = 0; i < terms; i++)
        xs_query_destroy(groups[i]);
    free(groups);
    xs_query_destroy(any);
    xs_query_destroy(both);
    xs_results_destroy(in);
    return status;
}

static void free_keys(char **keys, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(keys[i]);
    free(keys);
}

/* Whether R's result I is a story of KEYS (sorted). */
static int story_in(const xs_results_t *r, size_t i, char *const *keys, size_t count)
{
    size_t len;
    const char *key = xs_results_collapse_key(r, i, &len);

    return len > 0 && count > 0 && bsearch(&key, keys, count, sizeof *keys, compare_keys);
}

search_status_t search_new_stories(searcher_t *s, const xs_query_t *q, const xs_query_t *earlier,
                                   const xs_search_options_t *ranking, unsigned offset,
                                   unsigned limit, search_pick_t **picks, size_t *count)
{
    xs_search_options_t xo = *ranking;
    unsigned pos = 0, batch = offset + 2 * limit, survivors = 0;
    search_status_t status = SEARCH_OK;

    *count = 0;
    if ((*picks = calloc(limit ? limit : 1, sizeof **picks)) == NULL)
        return no_memory(s);
    xo.docids_only = 1;
    xo.collapse_slot = SLOT_GROUP;
    xo.check_at_least = 0;
    /* The walk goes over Q's stories from its first, as a page of stories
     * must count the ones it leaves out; batches double, so a deep page
     * costs a few searches. */
    while (*count < limit && status == SEARCH_OK) {
        xs_results_t *r = NULL;
        char **keys = NULL;
        size_t key_count = 0, size;

        xo.offset = pos;
        xo.limit = batch;
        if ((status = search_within(s, q, &xo, 0, &r)) == SEARCH_OK
            && (status = keys_in(s, r, earlier, &keys, &key_count)) == SEARCH_OK)
            for (size_t i = 0; i < xs_results_size(r) && *count < limit; i++)
                if (!story_in(r, i, keys, key_count) && survivors++ >= offset)
                    (*picks)[(*count)++] = (search_pick_t){ xs_results_docid(r, i),
                                                            xs_results_weight(r, i) };
        size = xs_results_size(r);
        free_keys(keys, key_count);
        xs_results_destroy(r);
        if (size < batch)
            break;
        pos += batch;
        batch = batch > 1u << 30 ? batch : batch * 2;
    }
    return status;
}
