/* trawl.c: libtrawl, the public API (trawl.h) over the searcher (search.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A thin layer: the search, snippets and citations are trawl-search's own
 * (searcher_parse(), searcher_run(), cite_citation()); this file checks
 * arguments, maps the searcher's statuses to its own, and copies what C
 * strings the caller is handed.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cite.h"
#include "search.h"
#include "trawl.h"
#include "utf8.h"

struct trawl_index {
    searcher_t *searcher;
    char *error;              /* the last failure's detail (malloc'ed), or NULL */
};

typedef struct {
    char *citation;                              /* as trawl-search prints it */
    char *fragments[SNIPPET_MAX_FRAGMENTS];      /* NUL-terminated copies */
} hit_strings_t;

struct trawl_results {
    search_result_t result;
    hit_strings_t *strings;   /* one per hit */
};

static const char *const status_text[] = {
    [TRAWL_OK] = "success",
    [TRAWL_NO_MEMORY] = "out of memory",
    [TRAWL_NULL_ARGUMENT] = "a required argument is NULL",
    [TRAWL_INVALID_ARGUMENT] = "an argument is out of range",
    [TRAWL_NO_INDEX] = "no index at the path",
    [TRAWL_BAD_INDEX] = "not a trawl index, or damaged",
    [TRAWL_BAD_QUERY] = "the query cannot be searched",
    [TRAWL_SEARCH_FAILED] = "the search failed",
};

const char *trawl_version(void)
{
    return TRAWL_VERSION;
}

const char *trawl_status_string(trawl_status_t status)
{
    if ((unsigned)status >= TRAWL_STATUS_LAST)
        return "unknown status";
    return status_text[status];
}

void trawl_free(void *p)
{
    free(p);
}

/* Sets INDEX's last error to a copy of MESSAGE and returns STATUS (or
 * TRAWL_NO_MEMORY when there is no memory for the copy). */
static trawl_status_t fail(trawl_index_t *index, trawl_status_t status, const char *message)
{
    free(index->error);
    index->error = strdup(message);
    return index->error ? status : TRAWL_NO_MEMORY;
}

/* The status of libtrawl for the searcher's ST (not SEARCH_OK): a query
 * the caller can mend, one the search could not run, or no memory. */
static trawl_status_t status_of(search_status_t st)
{
    switch (st) {
    case SEARCH_NO_MEMORY: return TRAWL_NO_MEMORY;
    case SEARCH_NO_WORDS: case SEARCH_BAD_QUERY: case SEARCH_TOO_COMPLEX:
        return TRAWL_BAD_QUERY;
    case SEARCH_NO_INDEX: return TRAWL_NO_INDEX;
    case SEARCH_BAD_INDEX: return TRAWL_BAD_INDEX;
    default: return TRAWL_SEARCH_FAILED;   /* too broad, an index error */
    }
}

trawl_status_t trawl_open(const char *path, trawl_index_t **index_out, char **errmsg)
{
    trawl_index_t *index;
    char *message = NULL;

    if (errmsg)
        *errmsg = NULL;
    if (index_out == NULL)
        return TRAWL_NULL_ARGUMENT;
    *index_out = NULL;
    if (path == NULL)
        return TRAWL_NULL_ARGUMENT;
    if ((index = calloc(1, sizeof *index)) == NULL)
        return TRAWL_NO_MEMORY;
    search_status_t st = searcher_open(&path, 1, &index->searcher, &message);
    if (st == SEARCH_OK) {
        *index_out = index;
        return TRAWL_OK;
    }
    free(index);
    if (st == SEARCH_NO_MEMORY || message == NULL) {
        free(message);
        return TRAWL_NO_MEMORY;
    }
    if (errmsg)
        *errmsg = message;
    else
        free(message);
    return st == SEARCH_NO_INDEX ? TRAWL_NO_INDEX : TRAWL_BAD_INDEX;
}

void trawl_close(trawl_index_t *index)
{
    if (index == NULL)
        return;
    searcher_close(index->searcher);
    free(index->error);
    free(index);
}

const char *trawl_last_error(const trawl_index_t *index)
{
    return index && index->error ? index->error : "";
}

void trawl_results_free(trawl_results_t *results)
{
    if (results == NULL)
        return;
    for (size_t i = 0; results->strings && i < results->result.hit_count; i++) {
        free(results->strings[i].citation);
        for (size_t k = 0; k < SNIPPET_MAX_FRAGMENTS; k++)
            free(results->strings[i].fragments[k]);
    }
    free(results->strings);
    search_result_free(&results->result);
    free(results);
}

/* Makes the strings of R's hits that the stored document does not hold as
 * C strings: the citation and each fragment.  Returns 0, or -1 when memory
 * runs out. */
static int make_strings(trawl_results_t *r)
{
    size_t n = r->result.hit_count;

    if (n == 0)
        return 0;
    if ((r->strings = calloc(n, sizeof *r->strings)) == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const hit_t *hit = &r->result.hits[i];
        buf_t citation = BUF_INIT;

        cite_citation(&citation, hit);
        if (citation.failed || (r->strings[i].citation = buf_detach(&citation)) == NULL)
            return -1;
        for (size_t k = 0; k < hit->snippet.fragment_count; k++) {
            const fragment_t *f = &hit->snippet.fragments[k];
            r->strings[i].fragments[k] = xstrndup(hit->doc.text + f->start, f->end - f->start);
            if (r->strings[i].fragments[k] == NULL)
                return -1;
        }
    }
    return 0;
}

trawl_status_t trawl_search(trawl_index_t *index, const char *query, unsigned offset,
                            unsigned limit, unsigned flags, trawl_results_t **results_out)
{
    const unsigned known = TRAWL_ALL_WORDS | TRAWL_ANY_WORD | TRAWL_OLDEST_FIRST
                           | TRAWL_NEWEST_FIRST | TRAWL_NO_SNIPPETS | TRAWL_KEEP_DUPLICATES;
    search_options_t opts = { .offset = offset, .limit = limit,
                              .snippet_chars = SNIPPET_DEFAULT_CHARS,
                              .collapse = !(flags & TRAWL_KEEP_DUPLICATES) };
    query_mode_t mode = QUERY_DEFAULT;
    search_sort_t sort = SEARCH_BY_RELEVANCE;
    trawl_results_t *r;
    query_t *parsed = NULL;
    search_status_t st;
    size_t len;

    if (results_out)
        *results_out = NULL;
    if (index == NULL)
        return TRAWL_NULL_ARGUMENT;
    free(index->error);
    index->error = NULL;
    if (query == NULL || results_out == NULL)
        return fail(index, TRAWL_NULL_ARGUMENT, "the query or the results are NULL");
    if ((flags & ~known) || (flags & TRAWL_ALL_WORDS && flags & TRAWL_ANY_WORD)
        || (flags & TRAWL_OLDEST_FIRST && flags & TRAWL_NEWEST_FIRST))
        return fail(index, TRAWL_INVALID_ARGUMENT,
                    "unknown or contradicting flags of trawl_search()");
    if (limit > TRAWL_MAX_LIMIT)
        return fail(index, TRAWL_INVALID_ARGUMENT,
                    "more hits asked for than TRAWL_MAX_LIMIT: page with the offset");
    len = strlen(query);
    if (!utf8_valid(query, len))
        return fail(index, TRAWL_BAD_QUERY, "the query is not valid UTF-8");
    if (flags & TRAWL_ALL_WORDS)
        mode = QUERY_ALL;
    else if (flags & TRAWL_ANY_WORD)
        mode = QUERY_ANY;
    if (flags & TRAWL_OLDEST_FIRST)
        sort = SEARCH_OLDEST_FIRST;
    else if (flags & TRAWL_NEWEST_FIRST)
        sort = SEARCH_NEWEST_FIRST;
    if (flags & TRAWL_NO_SNIPPETS)
        opts.snippet_chars = 0;

    searcher_set_ranking(index->searcher, mode, SEARCH_DEFAULT_K1, SEARCH_DEFAULT_B);
    searcher_restrict(index->searcher, NULL, sort);
    if ((st = searcher_parse(index->searcher, query, len, &parsed)) != SEARCH_OK)
        return fail(index, status_of(st), searcher_last_error(index->searcher));
    if ((r = calloc(1, sizeof *r)) == NULL) {
        searcher_query_free(parsed);
        return fail(index, TRAWL_NO_MEMORY, "out of memory");
    }
    st = searcher_run(index->searcher, parsed, &opts, &r->result);
    searcher_query_free(parsed);
    if (st != SEARCH_OK) {
        free(r);
        return fail(index, status_of(st), searcher_last_error(index->searcher));
    }
    if (make_strings(r) != 0) {
        trawl_results_free(r);
        return fail(index, TRAWL_NO_MEMORY, "out of memory");
    }
    *results_out = r;
    return TRAWL_OK;
}

size_t trawl_result_count(const trawl_results_t *results)
{
    return results ? results->result.hit_count : 0;
}

unsigned trawl_result_matches(const trawl_results_t *results)
{
    return results ? results->result.matches : 0;
}

unsigned trawl_result_all_words(const trawl_results_t *results)
{
    return results ? results->result.all_words : 0;
}

unsigned trawl_result_stories(const trawl_results_t *results)
{
    return results ? results->result.stories : 0;
}

int trawl_result_counts_exact(const trawl_results_t *results)
{
    return results ? results->result.counts_exact : 0;
}

const char *trawl_result_suggestion(const trawl_results_t *results)
{
    return results ? results->result.suggestion : NULL;
}

/* Hit HIT of RESULTS, or NULL when out of range. */
static const hit_t *get_hit(const trawl_results_t *results, size_t hit)
{
    if (results == NULL || hit >= results->result.hit_count)
        return NULL;
    return &results->result.hits[hit];
}

/* Fragment FRAGMENT of hit HIT, or NULL when out of range. */
static const fragment_t *get_fragment(const trawl_results_t *results, size_t hit,
                                      size_t fragment)
{
    const hit_t *h = get_hit(results, hit);
    if (h == NULL || fragment >= h->snippet.fragment_count)
        return NULL;
    return &h->snippet.fragments[fragment];
}

unsigned trawl_result_rank(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? h->rank : 0;
}

double trawl_result_score(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? h->score : 0.0;
}

const char *trawl_result_id(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? h->doc.id : NULL;
}

/* As trawl-search shows it: the title, else the file it came from. */
const char *trawl_result_title(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? cite_title(h) : NULL;
}

const char *trawl_result_source(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? h->doc.source : NULL;
}

const char *trawl_result_date(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? h->doc.date : NULL;
}

const char *trawl_result_byline(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? h->doc.byline : NULL;
}

const char *trawl_result_url(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? h->doc.url : NULL;
}

const char *trawl_result_citation(const trawl_results_t *results, size_t hit)
{
    return get_hit(results, hit) ? results->strings[hit].citation : NULL;
}

size_t trawl_result_snippet_count(const trawl_results_t *results, size_t hit)
{
    const hit_t *h = get_hit(results, hit);
    return h ? h->snippet.fragment_count : 0;
}

const char *trawl_result_snippet(const trawl_results_t *results, size_t hit,
                                 size_t fragment, size_t *len_out)
{
    const fragment_t *f = get_fragment(results, hit, fragment);
    if (len_out)
        *len_out = f ? f->end - f->start : 0;
    return f ? results->strings[hit].fragments[fragment] : NULL;
}

unsigned trawl_result_snippet_paragraph(const trawl_results_t *results, size_t hit,
                                        size_t fragment)
{
    const fragment_t *f = get_fragment(results, hit, fragment);
    return f ? f->paragraph : 0;
}

unsigned trawl_result_snippet_flags(const trawl_results_t *results, size_t hit,
                                    size_t fragment)
{
    const fragment_t *f = get_fragment(results, hit, fragment);
    if (f == NULL)
        return 0;
    return (f->cut_before ? TRAWL_CUT_BEFORE : 0) | (f->cut_after ? TRAWL_CUT_AFTER : 0)
           | (docdata_paragraph_kind(&results->result.hits[hit].doc, f->paragraph) == 'C'
                  ? TRAWL_COMMENT : 0);
}

size_t trawl_result_mark_count(const trawl_results_t *results, size_t hit, size_t fragment)
{
    const fragment_t *f = get_fragment(results, hit, fragment);
    return f ? f->mark_count : 0;
}

trawl_status_t trawl_result_mark(const trawl_results_t *results, size_t hit,
                                 size_t fragment, size_t mark, size_t *start_out,
                                 size_t *end_out)
{
    const fragment_t *f = get_fragment(results, hit, fragment);
    if (results == NULL || start_out == NULL || end_out == NULL)
        return TRAWL_NULL_ARGUMENT;
    if (f == NULL || mark >= f->mark_count)
        return TRAWL_INVALID_ARGUMENT;
    *start_out = f->marks[mark].start;
    *end_out = f->marks[mark].end;
    return TRAWL_OK;
}
