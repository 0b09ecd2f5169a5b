/* search.c: the searcher itself: opening an index, its settings and
 * restriction, parsing queries for it, what it says of its index, and its
 * errors (search.h).  Runs are in search-run.c, articles in search-doc.c,
 * counts by value in search-facets.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "date.h"
#include "schema.h"
#include "search-private.h"
#include "stopwords.h"

static const char *const status_text[] = {
    [SEARCH_OK] = "success",
    [SEARCH_NO_MEMORY] = "out of memory",
    [SEARCH_NO_WORDS] = "the query has no words to search for",
    [SEARCH_BAD_QUERY] = "the query cannot be searched",
    [SEARCH_TOO_BROAD] = "the query stands for too many words",
    [SEARCH_NO_INDEX] = "no index at the path",
    [SEARCH_BAD_INDEX] = "not a trawl index that can be searched",
    [SEARCH_INDEX_ERROR] = "the index cannot be read",
    [SEARCH_NOT_FOUND] = "no such article",
    [SEARCH_TOO_COMPLEX] = "the query is too complex",
};

const char *search_status_to_string(search_status_t status)
{
    if ((unsigned)status >= SEARCH_STATUS_LAST)
        return "unknown status";
    return status_text[status];
}

const char *search_xapian_version(void)
{
    return xs_xapian_version();
}

/* The text S keeps when there is no memory for its own. */
static char no_memory[] = "out of memory";

/* Makes MESSAGE (malloc'ed, taken over; NULL when there was no memory for
 * it) S's last error. */
static void set_error(searcher_t *s, char *message)
{
    if (s->error != no_memory)
        free(s->error);
    s->error = message ? message : no_memory;
}

static void clear_error(searcher_t *s)
{
    if (s->error != no_memory)
        free(s->error);
    s->error = NULL;
}

search_status_t search_fail(searcher_t *s, search_status_t status, const char *fmt, ...)
{
    va_list ap;
    char *text = NULL;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && (text = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    set_error(s, text);
    return status;
}

search_status_t search_index_failed(searcher_t *s, xs_status_t st)
{
    if (st == XS_NO_MEMORY)
        return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    return search_fail(s, SEARCH_INDEX_ERROR, "search failed in '%s': %s", s->db_path,
                       xs_db_last_error(s->db));
}

search_status_t search_shim_failed(searcher_t *s, xs_status_t st)
{
    if (st == XS_NO_MEMORY)
        return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    return search_fail(s, SEARCH_INDEX_ERROR, "%s", xs_db_last_error(s->db));
}

const char *searcher_last_error(const searcher_t *s)
{
    return s && s->error ? s->error : "";
}

/* Sets *ERRMSG (when ERRMSG is not NULL) to a copy of S's last error and
 * returns STATUS. */
static search_status_t open_failed(searcher_t *s, search_status_t status, char **errmsg)
{
    if (errmsg)
        *errmsg = strdup(searcher_last_error(s));
    return status;
}

/* Gives S's analyzer the stop list its index was made with (none stored:
 * the language's built-in one), so a query means what it did; *TEXT gets
 * the stored list (the caller frees it).  Returns SEARCH_OK,
 * SEARCH_INDEX_ERROR or SEARCH_NO_MEMORY. */
static search_status_t set_stoplist(searcher_t *s, char **text)
{
    size_t len = 0;
    xs_status_t st = xs_db_get_metadata(s->db, META_STOPWORDS, text, &len);

    if (st != XS_OK)
        return search_fail(s, st == XS_NO_MEMORY ? SEARCH_NO_MEMORY : SEARCH_INDEX_ERROR,
                           "cannot read the index '%s': %s", s->db_path, xs_db_last_error(s->db));
    if (len) {
        stoplist_t *list = stoplist_parse(*text, len);
        if (list == NULL)
            return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
        analyzer_set_stoplist(s->analyzer, list);
    }
    return SEARCH_OK;
}

search_status_t searcher_open(const char *const *paths, size_t count,
                              searcher_t **searcher_out, char **errmsg)
{
    searcher_t *s = calloc(1, sizeof *s);
    char *detail = NULL, *schema = NULL, *language = NULL, *stopwords = NULL;
    size_t len;
    xs_status_t st;
    search_status_t status;
    buf_t joined = BUF_INIT;

    *searcher_out = NULL;
    if (errmsg)
        *errmsg = NULL;
    if (s == NULL) {
        if (errmsg)
            *errmsg = strdup("out of memory");
        return SEARCH_NO_MEMORY;
    }
    s->k1 = SEARCH_DEFAULT_K1;
    s->b = SEARCH_DEFAULT_B;
    s->feedback = SEARCH_FEEDBACK_AUTO;
    s->time_limit = SEARCH_DEFAULT_SECONDS;
    for (size_t i = 0; i < count; i++)
        buf_printf(&joined, "%s%s", i ? ", " : "", paths[i]);
    if (joined.failed || (s->db_path = buf_detach(&joined)) == NULL) {
        status = open_failed(s, search_fail(s, SEARCH_NO_MEMORY, "out of memory"), errmsg);
        goto fail;
    }
    const char *db_path = s->db_path;
    st = xs_db_open_read_many(paths, count, &s->db, &detail);
    if (st == XS_NOT_FOUND && count > 1) {
        /* Only the shim's detail says which of them is missing. */
        status = search_fail(s, SEARCH_NO_INDEX, "%s", detail ? detail : xs_status_to_string(st));
    } else if (st == XS_NOT_FOUND) {
        status = search_fail(s, SEARCH_NO_INDEX, "no index at '%s': run trawl-index first",
                             db_path);
    } else if (st != XS_OK) {
        status = search_fail(s, st == XS_NO_MEMORY ? SEARCH_NO_MEMORY : SEARCH_INDEX_ERROR,
                             "cannot open the index '%s': %s", db_path,
                             detail ? detail : xs_status_to_string(st));
    } else if ((st = xs_db_get_metadata(s->db, META_SCHEMA, &schema, &len)) != XS_OK
               || (st = xs_db_get_metadata(s->db, META_LANGUAGE, &language, &len)) != XS_OK) {
        status = search_fail(s, st == XS_NO_MEMORY ? SEARCH_NO_MEMORY : SEARCH_INDEX_ERROR,
                             "cannot read the index '%s': %s", db_path, xs_db_last_error(s->db));
    } else {
        /* An indexer stopped before its first commit leaves an empty index
         * without trawl's metadata: that is an empty index, not a foreign
         * one. */
        unsigned doc_count = 1;
        int empty = *schema == '\0' && xs_db_doc_count(s->db, &doc_count) == XS_OK
                    && doc_count == 0;
        xs_free(detail);
        detail = NULL;
        if (!empty && !schema_readable(schema))
            status = search_fail(s, SEARCH_BAD_INDEX, "'%s' is not a trawl index of this "
                                 "version%s: re-run trawl-index into a new --db", db_path,
                                 *schema ? "" : " (no trawl schema)");
        else if ((s->analyzer = analyzer_new(*language ? language : NULL, &detail)) == NULL)
            status = search_fail(s, detail ? SEARCH_BAD_INDEX : SEARCH_NO_MEMORY,
                                 "cannot search '%s': %s", db_path,
                                 detail ? detail : "out of memory");
        else
            status = set_stoplist(s, &stopwords);
    }
    xs_free(schema);
    xs_free(language);
    xs_free(stopwords);
    if (status == SEARCH_OK) {
        clear_error(s);
        *searcher_out = s;
        return SEARCH_OK;
    }
    open_failed(s, status, errmsg);
fail:
    buf_free(&joined);
    xs_free(detail);
    searcher_close(s);
    return status;
}

static void index_clear(query_index_t *index)
{
    for (size_t i = 0; i < index->name_count; i++)
        free(index->names[i]);
    free(index->names);
    memset(index, 0, sizeof *index);
}

void searcher_close(searcher_t *s)
{
    if (s == NULL)
        return;
    xs_db_close(s->db);
    xs_query_destroy(s->filter);
    index_clear(&s->index);
    analyzer_free(s->analyzer);
    free(s->db_path);
    clear_error(s);
    free(s);
}

search_status_t searcher_reopen(searcher_t *s)
{
    xs_status_t st = xs_db_reopen(s->db);

    return st == XS_OK ? SEARCH_OK : search_index_failed(s, st);
}

search_status_t searcher_info(searcher_t *s, search_info_t *info)
{
    char *uuid = NULL;
    xs_status_t st;

    memset(info, 0, sizeof *info);
    if ((st = xs_db_uuid(s->db, &uuid)) != XS_OK
        || (st = xs_db_revision(s->db, &info->revision)) != XS_OK
        || (st = xs_db_doc_count(s->db, &info->documents)) != XS_OK) {
        xs_free(uuid);
        if (st == XS_NO_MEMORY)
            return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
        return search_fail(s, SEARCH_INDEX_ERROR, "cannot read the index '%s': %s", s->db_path,
                           xs_db_last_error(s->db));
    }
    snprintf(info->uuid, sizeof info->uuid, "%s", uuid ? uuid : "");
    info->language = analyzer_language(s->analyzer);
    xs_free(uuid);
    return SEARCH_OK;
}

/* Stops xs_db_each_term() at the first term. */
static int found_term(void *ctx, const char *term, size_t len, unsigned doc_freq)
{
    (void)term, (void)len, (void)doc_freq;
    *(int *)ctx = 1;
    return 1;
}

/* Collects the metadata fields' names from their XK<name> terms; a NULL
 * name last says memory ran out. */
static int add_field_name(void *ctx, const char *term, size_t len, unsigned doc_freq)
{
    query_index_t *index = ctx;
    size_t prefix = strlen(PREFIX_FIELD_NAME);
    char **names = realloc(index->names, (index->name_count + 1) * sizeof *names);

    (void)doc_freq;
    if (names == NULL)
        return 1;
    index->names = names;
    names[index->name_count] = xstrndup(term + prefix, len - prefix);
    return names[index->name_count++] == NULL;
}

const query_index_t *search_index(searcher_t *s)
{
    /* The index's fields change only with its documents: looked at again
     * only after the reader has moved to a newer revision. */
    unsigned long reopens = xs_db_reopen_count(s->db) + 1;
    int comments = 0;

    if (s->index_reopens != reopens) {
        index_clear(&s->index);
        s->index_reopens = 0;
        if (xs_db_each_term(s->db, PREFIX_STEM PREFIX_COMMENT, found_term, &comments) != XS_OK
            || xs_db_each_term(s->db, PREFIX_FIELD_NAME, add_field_name, &s->index) != XS_OK
            || (s->index.name_count && s->index.names[s->index.name_count - 1] == NULL)) {
            index_clear(&s->index);
            return NULL;           /* cannot tell: leave nothing out */
        }
        s->index.fields = comments ? QUERY_FIELD_COMMENTS : 0;
        s->index_reopens = reopens;
    }
    return &s->index;
}

const char *search_sort_name(search_sort_t sort)
{
    return sort == SEARCH_NEWEST_FIRST ? "newest"
           : sort == SEARCH_OLDEST_FIRST ? "oldest" : "relevance";
}

int search_sort_parse(const char *name, search_sort_t *sort)
{
    static const struct { const char *name; search_sort_t sort; } names[] = {
        { "relevance", SEARCH_BY_RELEVANCE },
        { "newest", SEARCH_NEWEST_FIRST }, { "-date", SEARCH_NEWEST_FIRST },
        { "oldest", SEARCH_OLDEST_FIRST }, { "date", SEARCH_OLDEST_FIRST },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) {
            *sort = names[i].sort;
            return 0;
        }
    return -1;
}

void searcher_ranking(const searcher_t *s, search_ranking_t *ranking)
{
    xs_search_options_t xo;

    /* k2, k3 and min_normlen stay Xapian's (search_ranking_options()). */
    xs_search_options_init(&xo);
    ranking->mode = s->mode;
    ranking->k1 = s->k1;
    ranking->b = s->b;
    ranking->k2 = xo.bm25_k2;
    ranking->k3 = xo.bm25_k3;
    ranking->min_normlen = xo.bm25_min_normlen;
    ranking->feedback = s->feedback;
}

void searcher_set_ranking(searcher_t *s, query_mode_t mode, double k1, double b)
{
    s->mode = mode;
    s->k1 = k1;
    s->b = b;
}

void searcher_set_feedback(searcher_t *s, search_feedback_t feedback)
{
    s->feedback = feedback;
}

void searcher_set_explain(searcher_t *s, int explain)
{
    s->explain = explain;
}

void search_ranking_options(const searcher_t *s, xs_search_options_t *xo)
{
    xs_search_options_init(xo);
    xo->bm25_k1 = s->k1;
    xo->bm25_b = s->b;
    /* Equal scores: the higher article id first (byte order), the
     * direction trec_eval breaks ties in, so a printed rank is the
     * evaluated rank.  The id, not the docid: docids follow the order files
     * were first indexed, which incremental runs do not keep. */
    xo->tie_slot = SLOT_ID;
    xo->docid_descending = 1;
}

xs_query_t *search_restricted(const searcher_t *s, const xs_query_t *q)
{
    const xs_query_t *pair[2] = { q, s->filter };
    xs_query_t *out = NULL;

    return xs_query_combine(XS_OP_FILTER, pair, 2, 0, &out) == XS_OK ? out : NULL;
}

/* The SLOT_DATE values the date S ("YYYY", "YYYY-MM" or "YYYY-MM-DD")
 * covers, as date: in the query makes them (date_slot_bounds()).  Returns
 * 0, or -1 when S is not such a date. */
static int date_bounds(const char *s, char lo[DATE_SLOT_SIZE], char hi[DATE_SLOT_SIZE])
{
    date_t d;

    if (date_parse_iso(s, strlen(s), &d) == DATE_NONE)
        return -1;
    date_slot_bounds(&d, lo, hi);
    return 0;
}

/* The query FILTER makes into *OUT (NULL when it restricts nothing). */
static search_status_t make_filter(searcher_t *s, const search_filter_t *filter, xs_query_t **out)
{
    xs_query_t *parts[2] = { NULL, NULL };
    size_t n = 0;
    char lo[DATE_SLOT_SIZE], hi[DATE_SLOT_SIZE], ignored[DATE_SLOT_SIZE];
    xs_status_t st = XS_OK;

    *out = NULL;
    if ((filter->from && date_bounds(filter->from, lo, ignored) != 0)
        || (filter->to && date_bounds(filter->to, ignored, hi) != 0))
        return search_fail(s, SEARCH_BAD_QUERY, "a date is written YYYY, YYYY-MM or YYYY-MM-DD");
    if (filter->source)
        st = xs_query_value_range(SLOT_SOURCE, filter->source, filter->source, &parts[n++]);
    if (st == XS_OK && (filter->from || filter->to))
        st = xs_query_value_range(SLOT_DATE, filter->from ? lo : NULL, filter->to ? hi : NULL,
                                  &parts[n++]);
    if (st == XS_OK && n == 1) {
        *out = parts[0];
        parts[0] = NULL;
    } else if (st == XS_OK && n == 2)
        st = xs_query_combine(XS_OP_AND, (const xs_query_t *const *)parts, 2, 0, out);
    xs_query_destroy(parts[0]);
    xs_query_destroy(parts[1]);
    return st == XS_OK ? SEARCH_OK : search_fail(s, SEARCH_NO_MEMORY, "out of memory");
}

search_status_t searcher_restrict(searcher_t *s, const search_filter_t *filter,
                                  search_sort_t sort)
{
    xs_query_t *q = NULL;
    search_status_t status = filter ? make_filter(s, filter, &q) : SEARCH_OK;

    xs_query_destroy(s->filter);
    s->filter = q;
    s->sort = sort;
    return status;
}

search_status_t searcher_parse(searcher_t *s, const char *text, size_t len, query_t **query_out)
{
    char *errmsg = NULL;
    query_status_t st = query_parse(s->analyzer, search_index(s), text, len, s->mode,
                                    query_out, &errmsg);

    if (st == QUERY_OK)
        return SEARCH_OK;
    set_error(s, errmsg);
    return st == QUERY_NO_WORDS ? SEARCH_NO_WORDS
           : st == QUERY_BAD_DATE || st == QUERY_BAD_FIELD ? SEARCH_BAD_QUERY
           : st == QUERY_TOO_COMPLEX ? SEARCH_TOO_COMPLEX : SEARCH_NO_MEMORY;
}

void searcher_set_time_limit(searcher_t *s, double seconds)
{
    if (seconds > 0)
        s->time_limit = seconds;
}

void search_budget_start(searcher_t *s)
{
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &s->started);
}

search_status_t search_budget_options(searcher_t *s, xs_search_options_t *xo, int counting)
{
    struct timespec now;
    double left;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    left = s->time_limit - (double)(now.tv_sec - s->started.tv_sec)
           - (double)(now.tv_nsec - s->started.tv_nsec) / 1e9;
    if (left <= 0)
        return search_time_up(s);
    xo->stop_seconds = left;
    if (counting)
        xo->count_seconds = SEARCH_COUNT_SECONDS;
    return SEARCH_OK;
}

search_status_t search_time_up(searcher_t *s)
{
    return search_fail(s, SEARCH_TOO_COMPLEX, "query too complex: the search took more than "
                       "%g s of CPU (the time limit)", s->time_limit);
}

void searcher_query_free(query_t *query)
{
    query_free(query);
}
