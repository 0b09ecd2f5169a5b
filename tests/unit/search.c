/* search.c: unit tests for the searcher's door (searcher/search.h), on an
 * index of the seed corpus made by trawl-index: every status where it
 * arises, typed (never told by the text), with its message; one parse run
 * and marked; articles; the one facet counter; restrictions; statistics.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "schema.h"
#include "search.h"
#include "tap.h"
#include "xs.h"

static char dir[] = "/tmp/trawl-search-test.XXXXXX";
static char db[256], foreign[256];

/* Opens PATH; the searcher or NULL, *STATUS and *ERRMSG (malloc'ed) set. */
static searcher_t *open_one(const char *path, search_status_t *status, char **errmsg)
{
    searcher_t *s = NULL;
    *status = searcher_open(&path, 1, &s, errmsg);
    return s;
}

/* Parses and runs TEXT on S with LIMIT hits; the run's status. */
static search_status_t run(searcher_t *s, const char *text, unsigned limit, search_result_t *r)
{
    search_options_t opts = { .limit = limit, .snippet_chars = SNIPPET_DEFAULT_CHARS };
    query_t *q = NULL;
    search_status_t st = searcher_parse(s, text, strlen(text), &q);

    memset(r, 0, sizeof *r);
    if (st == SEARCH_OK)
        st = searcher_run(s, q, &opts, r);
    searcher_query_free(q);
    return st;
}

static void test_statuses(void)
{
    static const search_status_t all[] = {
        SEARCH_OK, SEARCH_NO_MEMORY, SEARCH_NO_WORDS, SEARCH_BAD_QUERY, SEARCH_TOO_BROAD,
        SEARCH_NO_INDEX, SEARCH_BAD_INDEX, SEARCH_INDEX_ERROR, SEARCH_NOT_FOUND,
        SEARCH_TOO_COMPLEX,
    };
    int distinct = 1;
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        for (size_t k = 0; k < i; k++)
            distinct &= strcmp(search_status_to_string(all[i]),
                               search_status_to_string(all[k])) != 0;
    ok(distinct && SEARCH_OK == 0, "each status has its own phrase; SEARCH_OK is 0");
    is_str(search_status_to_string(SEARCH_STATUS_LAST), "unknown status", "out of range");
    is_str(search_status_to_string(SEARCH_INDEX_ERROR), "the index cannot be read",
           "an index error");
}

static void test_open(void)
{
    search_status_t st;
    char *errmsg = NULL;
    char missing[300];
    buf_t expected = BUF_INIT;

    snprintf(missing, sizeof missing, "%s/none", dir);
    ok(open_one(missing, &st, &errmsg) == NULL && st == SEARCH_NO_INDEX, "no index: SEARCH_NO_INDEX");
    buf_printf(&expected, "no index at '%s': run trawl-index first", missing);
    is_str(errmsg, expected.data, "... naming the path");
    free(errmsg);
    buf_free(&expected);
    ok(open_one(foreign, &st, &errmsg) == NULL && st == SEARCH_BAD_INDEX,
       "another schema: SEARCH_BAD_INDEX");
    ok(errmsg && strstr(errmsg, "is not a trawl index of this version") != NULL, "... saying so");
    free(errmsg);
}

/* An index whose schema is another one's, with one document. */
static void make_foreign(void)
{
    xs_db_t *w = NULL;
    xs_doc_t *doc = NULL;

    snprintf(foreign, sizeof foreign, "%s/foreign", dir);
    if (xs_db_open_write(foreign, 0, &w, NULL) != XS_OK || xs_doc_new(&doc) != XS_OK)
        return;
    xs_doc_add_term(doc, "Qx", 2, 0);
    xs_db_replace_document(w, "Qx", 2, doc, NULL);
    xs_db_set_metadata(w, META_SCHEMA, "1", 1);
    xs_db_commit(w);
    xs_doc_destroy(doc);
    xs_db_close(w);
}

/* Adds an article whose stored data is damaged, holding the word zorblax
 * and 201 words zzq0 ... zzq200. */
static int add_damaged(void)
{
    xs_db_t *w = NULL;
    xs_doc_t *doc = NULL;
    int rc = -1;

    if (xs_db_open_write(db, 0, &w, NULL) == XS_OK && xs_doc_new(&doc) == XS_OK) {
        char word[16];
        xs_doc_add_term(doc, "Qbroken", 7, 0);
        xs_doc_add_posting(doc, "zorblax", 7, 1, 1);
        xs_doc_add_term(doc, PREFIX_STEM "zorblax", 8, 1);
        for (int i = 0; i <= 200; i++) {
            int n = snprintf(word, sizeof word, "zzq%d", i);
            xs_doc_add_posting(doc, word, (size_t)n, (unsigned)i + 2, 1);
        }
        xs_doc_set_data(doc, "garbage", 7);
        if (xs_db_replace_document(w, "Qbroken", 7, doc, NULL) == XS_OK && xs_db_commit(w) == XS_OK)
            rc = 0;
    }
    xs_doc_destroy(doc);
    xs_db_close(w);
    return rc;
}

static void test_queries(searcher_t *s)
{
    static const struct {
        const char *query;
        search_status_t status;
        const char *message;     /* searcher_last_error() on failure */
        unsigned matches;
    } rows[] = {
        { "area teams bullying", SEARCH_OK, "", 5 },
        { "\"area teams\"", SEARCH_OK, "", 3 },
        { "area NOT teams", SEARCH_OK, "", 1 },
        { "commission*", SEARCH_OK, "", 5 },
        { "", SEARCH_NO_WORDS, "the query has no words to search for", 0 },
        { "!!!", SEARCH_NO_WORDS, "the query has no words to search for", 0 },
        { "date:2014-13", SEARCH_BAD_QUERY,
          "date:2014-13: not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)", 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        search_result_t r;
        search_status_t st = run(s, rows[i].query, 10, &r);
        ok(st == rows[i].status, "'%s': status %d", rows[i].query, (int)rows[i].status);
        if (st == SEARCH_OK)
            is_int(r.matches, rows[i].matches, "... its matches");
        else
            is_str(searcher_last_error(s), rows[i].message, "... its message");
        search_result_free(&r);
    }
}

static void test_one_parse(searcher_t *s)
{
    search_options_t opts = { .limit = 2, .snippet_chars = SNIPPET_DEFAULT_CHARS };
    search_result_t first, again;
    query_t *q = NULL;

    ok(searcher_parse(s, "area teams bullying", 19, &q) == SEARCH_OK, "one parse");
    ok(searcher_run(s, q, &opts, &first) == SEARCH_OK && first.hit_count == 2,
       "... runs a page");
    opts.offset = 2;
    ok(searcher_run(s, q, &opts, &again) == SEARCH_OK && again.hit_count == 2
       && again.hits[0].rank == 3, "... and the next page, from the same parse");
    ok(first.hit_count && strcmp(first.hits[0].doc.id, "002_7add833defd93f9a.txt") == 0
       && first.hits[0].snippet.fragment_count > 0, "... its first hit, with a snippet");
    search_result_free(&first);
    search_result_free(&again);
    searcher_query_free(q);
}

static void test_articles(searcher_t *s)
{
    stored_doc_t doc;
    query_t *q = NULL;
    mark_t *marks = NULL;
    size_t count = 0;
    snippet_t snip;

    ok(searcher_article(s, "nope.txt", &doc) == SEARCH_NOT_FOUND, "an unknown id: SEARCH_NOT_FOUND");
    is_str(searcher_last_error(s), "no article with the id 'nope.txt' in the index", "... saying so");
    if (!ok(searcher_article(s, "002_7add833defd93f9a.txt", &doc) == SEARCH_OK,
            "an article: loaded"))
        return;
    is_str(doc.title, "CCGs confident but still deliver a kick to the regions", "... its title");
    ok(doc.text != NULL && doc.paragraph_count > 10, "... and its text");
    searcher_parse(s, "\"area teams\"", 12, &q);
    ok(searcher_marks(s, q, doc.text, doc.text_len, &marks, &count) == SEARCH_OK && count == 3,
       "a phrase is marked three times");
    int spans = count == 3;
    for (size_t i = 0; i < count; i++)
        spans &= marks[i].end - marks[i].start == 10;
    ok(spans, "... each a span of its two words");
    ok(searcher_snippet(s, q, &doc, 0, &snip) == SEARCH_OK && snip.fragment_count > 0,
       "its snippet, as a search makes it");
    snippet_free(&snip);
    free(marks);
    searcher_query_free(q);
    docdata_free(&doc);
}

/* The facet F as "value:count,...". */
static void render_facet(const search_facet_t *f, buf_t *out)
{
    for (size_t i = 0; i < f->count; i++)
        buf_printf(out, "%s%s:%u", i ? "," : "", f->values[i].value, f->values[i].count);
}

static void test_facets(searcher_t *s)
{
    static const search_facet_kind_t kinds[] = {
        SEARCH_FACET_SOURCE, SEARCH_FACET_YEAR, SEARCH_FACET_MONTH
    };
    static const struct {
        const char *query;       /* NULL: the whole index */
        const char *source;      /* the restriction, or NULL */
        unsigned matches;
        const char *expected[3];
    } rows[] = {
        { NULL, NULL, 5, { "HSJ:2,Pulse:1", "2014:1", "2014-06:1" } },
        { "nhs", NULL, 5, { "HSJ:2,Pulse:1", "2014:1", "2014-06:1" } },
        { "nhs", "HSJ", 2, { "HSJ:2", "", "" } },
        { "brambles", NULL, 1, { "HSJ:1", "", "" } },
        { "zebra", NULL, 0, { "", "", "" } },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        search_filter_t filter = { rows[i].source, NULL, NULL };
        search_facet_t facets[3];
        query_t *q = NULL;
        unsigned matches = 99;

        if (rows[i].query)
            searcher_parse(s, rows[i].query, strlen(rows[i].query), &q);
        searcher_restrict(s, rows[i].source ? &filter : NULL, SEARCH_BY_RELEVANCE);
        ok(searcher_facets(s, q, kinds, 3, facets, &matches) == SEARCH_OK
           && matches == rows[i].matches, "facets of %s%s: %u", rows[i].query ? rows[i].query
           : "the index", rows[i].source ? " in HSJ" : "", rows[i].matches);
        for (size_t k = 0; k < 3; k++) {
            buf_t out = BUF_INIT;
            render_facet(&facets[k], &out);
            is_str(out.data ? out.data : "", rows[i].expected[k], "... by value");
            buf_free(&out);
            search_facet_free(&facets[k]);
        }
        searcher_query_free(q);
    }
    searcher_restrict(s, NULL, SEARCH_BY_RELEVANCE);
}

static void test_restrict(searcher_t *s)
{
    static const struct {
        search_filter_t filter;
        search_status_t status;
        unsigned matches;        /* of "nhs" */
    } rows[] = {
        { { NULL, NULL, NULL }, SEARCH_OK, 5 },
        { { "HSJ", NULL, NULL }, SEARCH_OK, 2 },
        { { "Nobody", NULL, NULL }, SEARCH_OK, 0 },
        { { NULL, "2014", "2014" }, SEARCH_OK, 1 },
        { { NULL, "2014-06-04", NULL }, SEARCH_OK, 0 },
        { { NULL, NULL, "2014-06" }, SEARCH_OK, 1 },
        { { "HSJ", "2015", NULL }, SEARCH_OK, 0 },
        { { NULL, "June", NULL }, SEARCH_BAD_QUERY, 5 },
        { { NULL, NULL, "2014/06" }, SEARCH_BAD_QUERY, 5 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        search_result_t r;
        search_status_t st = searcher_restrict(s, &rows[i].filter, SEARCH_BY_RELEVANCE);
        ok(st == rows[i].status, "restriction %zu: status %d", i, (int)rows[i].status);
        ok(run(s, "nhs", 10, &r) == SEARCH_OK && r.matches == rows[i].matches,
           "... then %u matches (a refused one restricts nothing)", rows[i].matches);
        search_result_free(&r);
    }
    searcher_restrict(s, NULL, SEARCH_NEWEST_FIRST);
    search_result_t r;
    ok(run(s, "nhs", 10, &r) == SEARCH_OK && r.hit_count == 5 && r.undated == 4
       && strcmp(r.hits[0].doc.id, "003_991a6bc901fd0169.txt") == 0,
       "newest first: the dated article, then the undated");
    search_result_free(&r);
    searcher_restrict(s, NULL, SEARCH_BY_RELEVANCE);
}

static void test_about(searcher_t *s)
{
    search_stats_t stats;
    search_info_t info;
    search_ranking_t ranking;

    ok(searcher_stats(s, &stats) == SEARCH_OK && stats.documents == 5 && stats.dated == 1
       && stats.terms > 1000 && stats.average_length > 100, "statistics");
    is_str(stats.first_date, "2014-06-03", "... the first date, as stored");
    is_str(stats.last_date, "2014-06-03", "... the last");
    ok(searcher_info(s, &info) == SEARCH_OK && info.documents == 5 && info.revision >= 1
       && strlen(info.uuid) == 36, "the index's identity");
    is_str(info.language, "english", "... its language");
    searcher_set_ranking(s, QUERY_ALL, 1.2, 0.75);
    searcher_set_feedback(s, SEARCH_FEEDBACK_OFF);
    searcher_ranking(s, &ranking);
    ok(ranking.mode == QUERY_ALL && ranking.k1 == 1.2 && ranking.b == 0.75 && ranking.k2 == 0
       && ranking.k3 == 1 && ranking.min_normlen == 0.5 && ranking.feedback == SEARCH_FEEDBACK_OFF,
       "the ranking, as set, and Xapian's other BM25 parameters");
    searcher_set_ranking(s, QUERY_DEFAULT, SEARCH_DEFAULT_K1, SEARCH_DEFAULT_B);
    searcher_set_feedback(s, SEARCH_FEEDBACK_AUTO);
}

/* A damaged stored article is the index's fault, whatever its message. */
static void test_damaged(searcher_t *s)
{
    search_result_t r;
    stored_doc_t doc;

    ok(run(s, "zorblax", 10, &r) == SEARCH_INDEX_ERROR, "a damaged stored article: SEARCH_INDEX_ERROR");
    ok(strstr(searcher_last_error(s), "damaged") != NULL, "... the decoder's detail");
    search_result_free(&r);
    ok(run(s, "zorblax", 0, &r) == SEARCH_OK && r.matches == 1, "... counting it is fine");
    search_result_free(&r);
    ok(searcher_article(s, "broken", &doc) == SEARCH_INDEX_ERROR, "... and loading it is an index error");
    ok(run(s, "zzq*", 10, &r) == SEARCH_TOO_BROAD, "a wildcard of 201 words: SEARCH_TOO_BROAD");
    is_str(searcher_last_error(s),
           "'zzq*' matches more than 200 words: give more letters before the '*'",
           "... saying how to narrow it");
    search_result_free(&r);
}

/* The time limit: a run with no time left is refused, typed. */
static void test_time_limit(searcher_t *s)
{
    search_result_t r;

    searcher_set_time_limit(s, 1e-12);
    ok(run(s, "nhs", 10, &r) == SEARCH_TOO_COMPLEX, "past the time limit: SEARCH_TOO_COMPLEX");
    static const char said[] = "query too complex: the search took more than ";
    ok(strncmp(searcher_last_error(s), said, sizeof said - 1) == 0, "... saying so");
    search_result_free(&r);
    searcher_set_time_limit(s, SEARCH_DEFAULT_SECONDS);
    ok(run(s, "nhs", 10, &r) == SEARCH_OK, "... and within it, the search runs");
    search_result_free(&r);
}

/* "Did you mean" where the front end shows it, and no spelling look-up
 * where it does not (TSV, CSV, TREC, --count). */
static void test_suggestion(searcher_t *s)
{
    search_options_t opts = { .limit = 1 };
    search_result_t r;
    query_t *q = NULL;

    ok(searcher_parse(s, "bulying", 7, &q) == SEARCH_OK, "a misspelt word");
    ok(searcher_run(s, q, &opts, &r) == SEARCH_OK && r.suggestion, "... suggested");
    is_str(r.suggestion ? r.suggestion : "", "bullying", "... as the word of the index");
    search_result_free(&r);
    opts.skip_suggestion = 1;
    ok(searcher_run(s, q, &opts, &r) == SEARCH_OK && r.suggestion == NULL,
       "... and not with skip_suggestion");
    is_int(r.all_words, 0, "... which counts the same");
    search_result_free(&r);
    searcher_query_free(q);
}

int main(void)
{
    const char *indexer = getenv("TRAWL_INDEX"), *srcdir = getenv("TRAWL_SRCDIR");
    buf_t cmd = BUF_INIT;
    search_status_t st;
    char *errmsg = NULL;
    searcher_t *s;

    test_statuses();
    if (indexer == NULL || srcdir == NULL || mkdtemp(dir) == NULL) {
        printf("1..0 # SKIP run with make check (TRAWL_INDEX, TRAWL_SRCDIR)\n");
        return 0;
    }
    snprintf(db, sizeof db, "%s/db", dir);
    buf_printf(&cmd, "'%s' -q --db '%s' '%s/corpus'", indexer, db, srcdir);
    if (!ok(system(cmd.data) == 0, "the seed corpus indexed"))
        return tap_done();
    make_foreign();
    test_open();
    if ((s = open_one(db, &st, &errmsg)) == NULL) {
        ok(0, "open: %s", errmsg);
        return tap_done();
    }
    is_str(searcher_last_error(s), "", "opened: no error");
    test_queries(s);
    test_one_parse(s);
    test_articles(s);
    test_facets(s);
    test_restrict(s);
    test_about(s);
    test_suggestion(s);
    test_time_limit(s);
    searcher_close(s);
    if (ok(add_damaged() == 0, "a damaged article added")
        && (s = open_one(db, &st, &errmsg)) != NULL) {
        test_damaged(s);
        searcher_close(s);
    }
    buf_reset(&cmd);
    buf_printf(&cmd, "rm -rf '%s'", dir);
    if (system(cmd.data) != 0)
        printf("# could not remove %s\n", dir);
    buf_free(&cmd);
    return tap_done();
}
