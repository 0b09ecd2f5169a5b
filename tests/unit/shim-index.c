/* shim-index.c: unit tests of the Xapian shim (shim/xs.h) over real
 * indexes: writing, reading, searching, facets, expansion, compaction,
 * shards and checks.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _XOPEN_SOURCE 700 /* nftw */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shim-fixtures.h"
#include "tap.h"
#include "xs.h"

/* Builds the index the rest of the tests read:
 *   1 Qa "the quick brown fox"      slot0 2020 slot1 b
 *   2 Qb "the brown quick dog brown" slot0 2021 slot1 a
 *   3 Qc "lazy dog sleeps" + XTtag  slot0 2019 slot1 c
 *   (4 Qd "fox", deleted) */
static void test_write(const char *path)
{
    xs_db_t *db = NULL;
    unsigned id = 0, n = 0;
    const char *va[] = {"0=2020", "1=b", NULL};
    const char *vb[] = {"0=2021", "1=a", NULL};
    const char *vc[] = {"0=2019", "1=c", NULL};

    is_int(xs_db_open_write(path, 0, &db, NULL), XS_OK, "create the index");
    is_int(put_doc(db, "Qa", "old text", "old a", va, &id), XS_OK, "add Qa");
    is_int(id, 1, "... as docid 1");
    is_int(put_doc(db, "Qb", "the brown quick dog brown", "doc b", vb, &id),
           XS_OK, "add Qb");
    is_int(id, 2, "... as docid 2");
    is_int(put_doc(db, "Qc", "lazy dog sleeps", "doc c", vc, &id), XS_OK,
           "add Qc");
    is_int(id, 3, "... as docid 3");
    is_int(put_doc(db, "Qd", "fox", "doc d", NULL, &id), XS_OK, "add Qd");
    is_int(put_doc(db, "Qa", "the quick brown fox", "doc a", va, &id), XS_OK,
           "replace Qa");
    is_int(id, 1, "... keeps docid 1");
    is_int(put_doc(db, "Qa", "the quick brown fox", "doc a", va, &id), XS_OK,
           "replace Qa again");
    xs_db_doc_count(db, &n);
    is_int(n, 4, "replacing twice does not duplicate (writer sees 4)");
    is_int(xs_db_delete_document(db, "Qd", 2), XS_OK, "delete Qd");
    is_int(xs_db_delete_document(db, "Qnone", 5), XS_OK,
           "deleting an absent term is no error");
    xs_db_doc_count(db, &n);
    is_int(n, 3, "writer sees 3 documents");

    xs_doc_t *doc;
    xs_doc_new(&doc);
    xs_doc_add_term(doc, "XTtag", 5, 0);
    xs_doc_add_posting(doc, "lazy", 4, 1, 1);
    xs_doc_add_posting(doc, "dog", 3, 2, 1);
    xs_doc_add_posting(doc, "sleeps", 6, 3, 1);
    xs_doc_add_term(doc, "Qc", 2, 0);
    xs_doc_set_data(doc, "doc c", 5);
    xs_doc_set_value(doc, 0, "2019", 4);
    xs_doc_set_value(doc, 1, "c", 1);
    is_int(xs_db_replace_document(db, "Qc", 2, doc, NULL), XS_OK,
           "replace Qc with a tagged version (NULL docid_out)");
    xs_doc_destroy(doc);

    is_int(xs_db_set_metadata(db, "key", "value", 5), XS_OK, "set metadata");
    is_int(xs_db_add_spelling(db, "bullying", 8), XS_OK, "add spelling");
    is_int(xs_db_commit(db), XS_OK, "commit");
    is_str(xs_db_last_error(db), "", "no last error after success");
    unsigned long rev = 0;
    xs_db_revision(db, &rev);
    is_int((long)rev, 1, "revision 1 after the first commit");
    xs_db_close(db);
}

static void test_discard_on_close(const char *path)
{
    xs_db_t *db = NULL;
    unsigned n = 0;
    unsigned long rev = 0;
    is_int(xs_db_open_write(path, 0, &db, NULL), XS_OK, "reopen the writer");
    is_int(put_doc(db, "Qe", "extra words", "doc e", NULL, NULL), XS_OK,
           "add Qe");
    is_int(put_doc(db, "Qa", "replaced", "doc a2", NULL, NULL), XS_OK,
           "replace Qa");
    is_int(xs_db_delete_document(db, "Qb", 2), XS_OK, "delete Qb");
    is_int(xs_db_set_metadata(db, "key", "changed", 7), XS_OK,
           "change metadata");
    xs_db_doc_count(db, &n);
    is_int(n, 3, "writer sees its uncommitted changes");
    xs_db_close(db);

    is_int(xs_db_open_read(path, &db, NULL), XS_OK, "open read-only");
    xs_db_doc_count(db, &n);
    is_int(n, 3, "close without commit discarded the changes: 3 docs");
    xs_db_revision(db, &rev);
    is_int((long)rev, 1, "... revision still 1");
    unsigned id = 0;
    is_int(xs_db_find_unique(db, "Qe", 2, &id), XS_NOT_FOUND, "... no Qe");
    is_int(xs_db_find_unique(db, "Qb", 2, &id), XS_OK, "... Qb still there");
    char *s = NULL;
    size_t len = 0;
    xs_db_get_metadata(db, "key", &s, &len);
    is_str(s, "value", "... metadata unchanged");
    xs_free(s);
    xs_db_document_data(db, 1, &s, &len);
    is_str(s, "doc a", "... Qa's data unchanged");
    xs_free(s);
    xs_db_close(db);
}

static void test_read_only(const char *path)
{
    xs_db_t *db = NULL;
    xs_doc_t *doc = NULL;
    xs_db_open_read(path, &db, NULL);
    xs_doc_new(&doc);
    xs_doc_add_term(doc, "Qz", 2, 0);
    is_int(xs_db_commit(db), XS_INVALID_ARGUMENT, "read-only: commit refused");
    is_str(xs_db_last_error(db), "index opened read-only", "... with a message");
    is_int(xs_db_replace_document(db, "Qz", 2, doc, NULL), XS_INVALID_ARGUMENT,
           "read-only: replace refused");
    is_int(xs_db_delete_document(db, "Qa", 2), XS_INVALID_ARGUMENT,
           "read-only: delete refused");
    is_int(xs_db_set_metadata(db, "k", "v", 1), XS_INVALID_ARGUMENT,
           "read-only: set_metadata refused");
    is_int(xs_db_add_spelling(db, "w", 1), XS_INVALID_ARGUMENT,
           "read-only: add_spelling refused");
    unsigned n = 0;
    is_int(xs_db_doc_count(db, &n), XS_OK, "a successful call ...");
    is_str(xs_db_last_error(db), "", "... clears the last error");
    is_int(n, 3, "... and nothing was written");
    xs_doc_destroy(doc);
    xs_db_close(db);
}

static void test_read(const char *path)
{
    xs_db_t *db = NULL;
    char *msg = (char *)1;
    is_int(xs_db_open_read(path, &db, &msg), XS_OK, "open read-only");
    ok(msg == NULL, "... *errmsg NULL on success");

    unsigned n = 0;
    unsigned long cf = 0;
    double avg = 0;
    xs_db_doc_count(db, &n);
    is_int(n, 3, "doc_count");
    xs_db_avg_length(db, &avg);
    ok(avg == 4.0, "avg_length is (4 + 5 + 3) / 3 = 4 (got %g)", avg);
    xs_db_term_freq(db, "the", 3, &n);
    is_int(n, 2, "term_freq(the)");
    xs_db_term_freq(db, "fox", 3, &n);
    is_int(n, 1, "term_freq(fox): the deleted doc is gone");
    xs_db_term_freq(db, "nothing", 7, &n);
    is_int(n, 0, "term_freq(absent)");
    xs_db_collection_freq(db, "brown", 5, &cf);
    is_int((long)cf, 3, "collection_freq(brown)");
    xs_db_collection_freq(db, "nothing", 7, &cf);
    is_int((long)cf, 0, "collection_freq(absent)");

    char *s = NULL;
    size_t len = 7;
    is_int(xs_db_uuid(db, &s), XS_OK, "uuid");
    is_int((long)strlen(s), 36, "... 36 characters");
    xs_free(s);

    is_int(xs_db_get_metadata(db, "key", &s, &len), XS_OK, "get_metadata");
    is_str(s, "value", "... value");
    is_int((long)len, 5, "... length");
    xs_free(s);
    is_int(xs_db_get_metadata(db, "nokey", &s, &len), XS_OK,
           "get_metadata of a missing key");
    is_str(s, "", "... empty");
    is_int((long)len, 0, "... length 0");
    xs_free(s);

    char buf[256] = "";
    is_int(xs_db_each_term(db, "Q", collect_term, buf), XS_OK, "each_term(Q)");
    is_str(buf, "Qa:1,Qb:1,Qc:1,", "... lists the unique terms");
    buf[0] = '\0';
    xs_db_each_term(db, "XT", collect_term, buf);
    is_str(buf, "XTtag:1,", "each_term(XT)");
    int calls = 0;
    is_int(xs_db_each_term(db, "", stop_at_first, &calls), XS_OK,
           "each_term stopped early");
    is_int(calls, 1, "... after one call");
    buf[0] = '\0';
    is_int(xs_db_each_value(db, 0, collect_value, buf), XS_OK,
           "each_value(0)");
    is_str(buf, "1:2020,2:2021,3:2019,", "... in docid order");
    buf[0] = '\0';
    xs_db_each_value(db, 9, collect_value, buf);
    is_str(buf, "", "each_value of an empty slot");

    unsigned id = 0;
    is_int(xs_db_find_unique(db, "Qb", 2, &id), XS_OK, "find_unique(Qb)");
    is_int(id, 2, "... docid 2");
    is_int(xs_db_find_unique(db, "Qd", 2, &id), XS_NOT_FOUND,
           "find_unique(deleted Qd)");
    is_int(id, 0, "... docid 0");

    is_int(xs_db_document_data(db, 1, &s, &len), XS_OK, "document_data(1)");
    is_str(s, "doc a", "... data");
    is_int((long)len, 5, "... length");
    xs_free(s);
    is_int(xs_db_document_data(db, 4, &s, &len), XS_NOT_FOUND,
           "document_data(deleted 4)");
    ok(s == NULL, "... *data_out NULL");
    ok(contains(xs_db_last_error(db), "DocNotFoundError"),
       "... last error: %s", xs_db_last_error(db));
    is_int(xs_db_document_value(db, 2, 0, &s, &len), XS_OK,
           "document_value(2, 0)");
    is_str(s, "2021", "... value");
    xs_free(s);
    is_int(xs_db_document_value(db, 2, 7, &s, &len), XS_OK,
           "document_value of an empty slot");
    is_str(s, "", "... empty");
    is_int((long)len, 0, "... length 0");
    xs_free(s);

    is_int(xs_db_spelling_suggestion(db, "bulying", 7, 2, &s), XS_OK,
           "spelling_suggestion(bulying)");
    is_str(s, "bullying", "... bullying");
    xs_free(s);
    xs_db_spelling_suggestion(db, "zzzzzz", 6, 2, &s);
    is_str(s, "", "no suggestion for zzzzzz");
    xs_free(s);

    /* Positional queries. */
    static const struct {
        xs_op_t op;
        const char *a, *b;
        unsigned window;
        const char *ids, *name;
    } positional[] = {
        { XS_OP_PHRASE, "quick", "brown", 0, "1", "phrase 'quick brown'" },
        { XS_OP_PHRASE, "brown", "quick", 0, "2", "phrase 'brown quick'" },
        { XS_OP_PHRASE, "quick", "fox", 0, "", "phrase 'quick fox' does not match" },
        { XS_OP_PHRASE, "quick", "fox", 3, "1", "phrase 'quick fox' within 3" },
        { XS_OP_PHRASE, "fox", "quick", 3, "", "phrase 'fox quick' within 3: order matters" },
        { XS_OP_NEAR, "fox", "quick", 3, "1", "near 'fox quick' within 3" },
        { XS_OP_NEAR, "the", "dog", 3, "", "near 'the dog' within 3 does not match" },
        { XS_OP_NEAR, "the", "dog", 4, "2", "near 'the dog' within 4" },
    };
    for (size_t i = 0; i < sizeof positional / sizeof positional[0]; i++)
        is_str(ids(db, combine2(positional[i].op, term(positional[i].a), term(positional[i].b),
                                positional[i].window)),
               positional[i].ids, positional[i].name);

    /* Boolean operators. */
    xs_search_options_t opts;
    xs_search_options_init(&opts);
    opts.sort_slot = 0; /* order by year so sets compare exactly */
    is_str(ids_with(db, combine2(XS_OP_AND, term("the"), term("dog"), 0),
                    &opts),
           "2", "AND");
    is_str(ids_with(db, combine2(XS_OP_OR, term("fox"), term("lazy"), 0),
                    &opts),
           "3,1", "OR");
    is_str(ids_with(db, combine2(XS_OP_AND_NOT, term("the"), term("dog"), 0),
                    &opts),
           "1", "AND_NOT");
    is_str(ids_with(db,
                    combine2(XS_OP_AND_MAYBE, term("dog"), term("quick"), 0),
                    &opts),
           "3,2", "AND_MAYBE matches only the first");
    double plain = weight_of(db, term("dog"), 2);
    double maybe =
        weight_of(db, combine2(XS_OP_AND_MAYBE, term("dog"), term("quick"), 0),
                  2);
    ok(plain > 0 && maybe > plain,
       "AND_MAYBE adds the others' weight (%g > %g)", maybe, plain);
    is_str(ids_with(db, combine2(XS_OP_FILTER, term("dog"), term("XTtag"), 0),
                    &opts),
           "3", "FILTER");
    double filtered =
        weight_of(db, combine2(XS_OP_FILTER, term("dog"), term("XTtag"), 0), 3);
    ok(filtered == weight_of(db, term("dog"), 3),
       "FILTER adds no weight (%g)", filtered);
    is_str(ids_with(db, combine2(XS_OP_SYNONYM, term("fox"), term("lazy"), 0),
                    &opts),
           "3,1", "SYNONYM");

    /* Value ranges. */
    xs_query_t *q = NULL;
    xs_query_value_range(0, "2020", "2021", &q);
    is_str(ids(db, q), "1,2", "value range [2020, 2021]");
    xs_query_value_range(0, NULL, "2020", &q);
    is_str(ids(db, q), "1,3", "value range [, 2020]");
    xs_query_value_range(0, "2020", NULL, &q);
    is_str(ids(db, q), "1,2", "value range [2020, ]");
    xs_query_value_range(0, NULL, NULL, &q);
    is_str(ids(db, q), "1,2,3", "value range [, ] matches all");
    xs_query_value_range(0, "2022", NULL, &q);
    is_str(ids(db, q), "", "value range [2022, ] matches none");

    /* Weights and ordering. */
    xs_query_t *the = term("the");
    xs_query_scale(the, 0, &q);
    xs_query_destroy(the);
    xs_results_t *r = NULL;
    xs_search_options_init(&opts);
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "search 'the' scaled by 0");
    xs_query_destroy(q);
    is_int((long)xs_results_size(r), 2, "... 2 results");
    ok(xs_results_weight(r, 0) == 0.0 && xs_results_weight(r, 1) == 0.0,
       "... both of weight 0");
    xs_results_destroy(r);

    xs_query_match_all(&q);
    xs_search_options_init(&opts);
    opts.sort_slot = 1;
    is_str(ids_with(db, q, &opts), "2,1,3", "sort by slot 1 ascending");
    xs_query_match_all(&q);
    opts.sort_descending = 1;
    is_str(ids_with(db, q, &opts), "3,1,2", "sort by slot 1 descending");
    xs_query_match_all(&q);
    xs_search_options_init(&opts);
    is_str(ids_with(db, q, &opts), "1,2,3", "equal weights: ascending docids");
    xs_query_match_all(&q);
    opts.docid_descending = 1;
    is_str(ids_with(db, q, &opts), "3,2,1", "docid_descending");
    xs_query_match_all(&q);
    xs_search_options_init(&opts);
    opts.offset = 1;
    opts.limit = 1;
    is_str(ids_with(db, q, &opts), "2", "offset 1 limit 1");

    xs_query_match_all(&q);
    opts.offset = 0;
    opts.limit = 0;
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "limit 0: counts only");
    xs_query_destroy(q);
    is_int((long)xs_results_size(r), 0, "... no results");
    is_int(xs_results_matches_lower(r), 3, "... lower bound 3");
    is_int(xs_results_matches_estimated(r), 3, "... estimate 3");
    is_int(xs_results_matches_upper(r), 3, "... upper bound 3");
    xs_results_destroy(r);

    /* Result contents. */
    q = term("lazy");
    xs_search_options_init(&opts);
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "search 'lazy'");
    xs_query_destroy(q);
    is_int((long)xs_results_size(r), 1, "... 1 result");
    is_int(xs_results_docid(r, 0), 3, "... docid 3");
    ok(xs_results_weight(r, 0) > 0, "... positive weight");
    is_str(xs_results_data(r, 0, &len), "doc c", "... data");
    is_int((long)len, 5, "... data length");
    is_str(xs_results_value(r, 0, 0, &len), "2019", "... value 0");
    is_int((long)len, 4, "... value length");
    is_str(xs_results_value(r, 0, 1, &len), "c", "... value 1");
    is_str(xs_results_value(r, 0, 5, &len), "", "... absent value");
    is_int((long)len, 0, "... absent value length 0");
    is_int(xs_results_docid(r, 1), 0, "out of range docid 0");
    ok(xs_results_weight(r, 1) == 0.0, "out of range weight 0");
    is_empty_at(r, 1, "out of range");
    xs_results_destroy(r);

    /* Wildcards. */
    xs_query_wildcard("do", 2, 0, &q);
    is_str(ids(db, q), "3,2", "wildcard do* (the shorter document first)");
    xs_query_wildcard("Q", 1, 3, &q);
    is_str(ids(db, q), "1,2,3", "wildcard Q* within 3 terms");
    xs_query_wildcard("Q", 1, 2, &q);
    is_str(ids(db, q), "error 3", "wildcard Q* over 2 terms: INVALID_ARGUMENT");
    ok(contains(xs_db_last_error(db), "WildcardError") &&
           contains(xs_db_last_error(db), path),
       "... last error: %s", xs_db_last_error(db));
    xs_query_match_all(&q);
    is_str(ids(db, q), "1,2,3", "the next call clears the error");
    is_str(xs_db_last_error(db), "", "... last error empty");

    xs_db_close(db);
}

/* A reader sees a later commit only after xs_db_reopen(). */
static void test_reopen(const char *path)
{
    xs_db_t *reader = NULL, *writer = NULL;
    unsigned n = 0;
    xs_db_open_read(path, &reader, NULL);
    is_int(xs_db_open_write(path, 0, &writer, NULL), XS_OK, "open a writer");
    is_int(put_doc(writer, "Qf", "fresh", "doc f", NULL, NULL), XS_OK,
           "add Qf");
    is_int(xs_db_commit(writer), XS_OK, "commit");
    is_int(put_doc(writer, "Qg", "more", "doc g", NULL, NULL), XS_OK,
           "add Qg after the commit");
    is_int(xs_db_commit(writer), XS_OK, "commit again");
    is_int(put_doc(writer, "Qh", "uncommitted", "doc h", NULL, NULL), XS_OK,
           "add Qh, never committed");
    xs_db_doc_count(reader, &n);
    is_int(n, 3, "the reader still sees 3 documents");
    is_int((long)xs_db_reopen_count(reader), 0, "... and has not moved yet");
    is_int(xs_db_reopen(reader), XS_OK, "reopen the reader");
    xs_db_doc_count(reader, &n);
    is_int(n, 5, "... now it sees both commits");
    is_int((long)xs_db_reopen_count(reader), 1, "... the move is counted");
    unsigned long rev = 0;
    xs_db_revision(reader, &rev);
    is_int((long)rev, 3, "... at revision 3");
    xs_db_close(writer);
    xs_db_close(reader);

    xs_db_open_read(path, &reader, NULL);
    xs_db_doc_count(reader, &n);
    is_int(n, 5, "the work after the last commit was discarded");
    xs_db_close(reader);
}

/* Rewrites the data of 2000 documents (enough for multi-level B-trees) to
 * TAG repeated, then commits. */
static xs_status_t rewrite_many(xs_db_t *db, char tag)
{
    xs_status_t st = XS_OK;
    char unique[16], data[150];
    memset(data, tag, sizeof data);
    for (int i = 0; i < 2000 && st == XS_OK; i++) {
        xs_doc_t *doc = NULL;
        snprintf(unique, sizeof unique, "Q%d", i);
        st = xs_doc_new(&doc);
        if (st == XS_OK)
            st = xs_doc_add_term(doc, unique, strlen(unique), 0);
        if (st == XS_OK)
            st = xs_doc_set_data(doc, data, sizeof data);
        if (st == XS_OK)
            st = xs_db_replace_document(db, unique, strlen(unique), doc, NULL);
        xs_doc_destroy(doc);
    }
    return st == XS_OK ? xs_db_commit(db) : st;
}

/* Two commits after a reader opened can recycle the blocks it still reads. */
static void test_modified(void)
{
    const char *path = path_in_tmp("modified");
    xs_db_t *writer = NULL, *reader = NULL;
    char *s = NULL;
    size_t len = 0;
    xs_db_open_write(path, 0, &writer, NULL);
    is_int(rewrite_many(writer, 'a'), XS_OK, "write 2000 documents");
    is_int(xs_db_open_read(path, &reader, NULL), XS_OK, "open a reader");
    is_int(rewrite_many(writer, 'b'), XS_OK, "rewrite them");
    is_int(rewrite_many(writer, 'c'), XS_OK, "rewrite them again");
    is_int(xs_db_document_data(reader, 1000, &s, &len), XS_MODIFIED,
           "the stale reader gets MODIFIED");
    ok(contains(xs_db_last_error(reader), "DatabaseModifiedError"),
       "... last error: %s", xs_db_last_error(reader));
    is_int(xs_db_reopen(reader), XS_OK, "reopen");
    is_int(xs_db_document_data(reader, 1000, &s, &len), XS_OK,
           "... then reading works");
    ok(s && len == 150 && s[0] == 'c', "... and sees the latest data");
    xs_free(s);
    xs_db_close(reader);
    xs_db_close(writer);
}

/* Renders facet F of R as "value:count,...". */
static const char *facet_text(const xs_results_t *r, size_t f)
{
    static char buf[256];
    buf[0] = '\0';
    for (size_t i = 0; i < xs_results_facet_size(r, f); i++) {
        size_t len;
        const char *v = xs_results_facet_value(r, f, i, &len);
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%.*s:%u,",
                 (int)len, v, xs_results_facet_count(r, f, i));
    }
    return buf;
}

/* The docids of R, "1,3,", and their collapse keys, "HSJ,,". */
static const char *docids_and_keys(const xs_results_t *r)
{
    static char buf[256];
    buf[0] = '\0';
    for (size_t i = 0; i < xs_results_size(r); i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%u,", xs_results_docid(r, i));
    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " ");
    for (size_t i = 0; i < xs_results_size(r); i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s,",
                 xs_results_collapse_key(r, i, NULL));
    return buf;
}

/* Collapsing on slot 5 of test_facets()'s index: one result a value, the
 * best-ranked; documents without a value are never collapsed together
 * (what trawl's SLOT_GROUP relies on). */
static void test_collapse(xs_db_t *db)
{
    xs_search_options_t opts;
    xs_results_t *r = NULL;
    xs_query_t *q = term("nurse");

    xs_search_options_init(&opts);
    is_int(opts.collapse_slot, -1, "collapse: options_init collapses nothing");
    opts.collapse_slot = 5;
    opts.docid_descending = 1;
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "collapse: search 'nurse'");
    xs_query_destroy(q);
    is_str(docids_and_keys(r), "2,3, HSJ,BBC,",
           "... one result a source: of HSJ's two (equal weights), the higher docid");
    xs_results_destroy(r);
    q = term("pay");
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "collapse: search 'pay'");
    xs_query_destroy(q);
    is_str(docids_and_keys(r), "5,4,1,3, ,,HSJ,BBC,",
           "... two without a value stay two");
    is_int(xs_results_uncollapsed_lower(r), 4, "... four documents before collapsing");
    xs_results_destroy(r);
    is_str(xs_results_collapse_key(NULL, 0, NULL), "", "collapse_key(NULL) is \"\"");
}

/* A new index at PATH of documents Q1, Q2, ... Qn with the data "1", "2",
 * ... "n", each holding WORDS[i] and, where VALUES, the values VALUES[i]
 * (put_doc()); WHAT names the checks that it is made and committed. */
static xs_db_t *numbered_index(const char *path, const char *what, const char *const words[],
                               const char *const *const values[], size_t n)
{
    xs_db_t *db = NULL;
    char name[64];

    snprintf(name, sizeof name, "%s: create an index", what);
    is_int(xs_db_open_write(path, 0, &db, NULL), XS_OK, name);
    for (size_t i = 0; i < n; i++) {
        char unique[16], data[16];
        snprintf(unique, sizeof unique, "Q%zu", i + 1);
        snprintf(data, sizeof data, "%zu", i + 1);
        put_doc(db, unique, words[i], data, values ? values[i] : NULL, NULL);
    }
    snprintf(name, sizeof name, "%s: commit", what);
    is_int(xs_db_commit(db), XS_OK, name);
    return db;
}

/* Counting values over the matches (the CGI's facets by source and year). */
static void test_facets(const char *path)
{
    static const char *const words[] = {
        "nurse pay", "nurse strike", "nurse pay rise", "pay", "pay",
    };
    static const char *const v1[] = {"5=HSJ", "6=2014", NULL};
    static const char *const v2[] = {"5=HSJ", "6=2021", NULL};
    static const char *const v3[] = {"5=BBC", "6=2014", NULL};
    static const char *const v4[] = {"6=2014", NULL};
    static const char *const *const values[] = { v1, v2, v3, v4, NULL };
    xs_db_t *db = numbered_index(path, "facets", words, values, 5);

    const unsigned slots[] = {5, 6, 9};
    xs_search_options_t opts;
    xs_search_options_init(&opts);
    ok(opts.facet_slots == NULL && opts.facet_slot_count == 0,
       "options_init asks for no facets");
    opts.facet_slots = slots;
    opts.facet_slot_count = 3;
    opts.limit = 1;
    opts.check_at_least = 4;
    xs_results_t *r = NULL;
    xs_query_t *q = term("nurse");
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "facets: search 'nurse'");
    xs_query_destroy(q);
    is_int((long)xs_results_size(r), 1, "... one hit returned");
    is_str(facet_text(r, 0), "BBC:1,HSJ:2,", "... sources counted over every match");
    is_str(facet_text(r, 1), "2014:2,2021:1,", "... years counted over every match");
    is_str(facet_text(r, 2), "", "... an empty slot has no values");
    is_str(facet_text(r, 3), "", "... a facet that was not asked for is empty");
    size_t len = 9;
    is_str(xs_results_facet_value(r, 0, 2, &len), "", "... value out of range is \"\"");
    is_int((long)len, 0, "... with length 0");
    is_int(xs_results_facet_count(r, 0, 2), 0, "... count out of range is 0");
    xs_results_destroy(r);

    q = term("pay");
    opts.limit = 0;
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "facets: counts only (limit 0)");
    xs_query_destroy(q);
    is_str(facet_text(r, 0), "BBC:1,HSJ:1,", "... a document without a source is not counted");
    is_str(facet_text(r, 1), "2014:3,", "... years");
    xs_results_destroy(r);

    opts.facet_slots = NULL;
    q = term("pay");
    is_int(xs_db_search(db, q, &opts, &r), XS_NULL_ARGUMENT,
           "facets: a count without slots is a NULL argument");
    ok(r == NULL, "... *out NULL");
    xs_query_destroy(q);
    is_int((long)xs_results_facet_size(NULL, 0), 0, "facet_size(NULL) is 0");
    test_collapse(db);
    xs_db_close(db);
}

/* xs_db_expand(): what the caller accepts, and the terms in order. */
static int accept_not_pay(void *ctx, const char *term, size_t len)
{
    (void)ctx;
    return term[0] != 'Q' && !(len == 3 && memcmp(term, "pay", 3) == 0);
}

/* A search past its stop_seconds is abandoned (the match spy looks at the
 * clock every 64 matching documents); past count_seconds it stops with
 * what it counted. */
static void test_time_limit(void)
{
    const char *path = path_in_tmp("timed");
    xs_db_t *db = NULL;
    xs_query_t *q = NULL;
    xs_results_t *r = NULL;
    xs_search_options_t opts;

    is_int(xs_db_open_write(path, 0, &db, NULL), XS_OK, "time limit: an index");
    for (unsigned i = 0; i < 300; i++) {
        char id[16];
        snprintf(id, sizeof id, "Q%u", i);
        put_doc(db, id, "common word", id, NULL, NULL);
    }
    xs_db_commit(db);
    xs_query_term("common", 6, 1, 0, &q);
    xs_search_options_init(&opts);
    opts.check_at_least = 300;
    opts.limit = 0;
    opts.count_seconds = 1e-9;
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "past count_seconds: the search succeeds");
    ok(xs_results_stopped(r), "... stopped");
    is_int((int)xs_results_matches_lower(r), 64, "... with what it counted by then");
    ok(xs_results_matches_upper(r) > 300, "... which is not the whole count");
    xs_results_destroy(r);
    r = NULL;
    opts.count_seconds = 0;
    opts.stop_seconds = 1e-9;
    is_int(xs_db_search(db, q, &opts, &r), XS_TIME_LIMIT, "past stop_seconds: XS_TIME_LIMIT");
    ok(r == NULL, "... and no results");
    ok(strstr(xs_db_last_error(db), "stopped after") != NULL, "... saying so");
    opts.stop_seconds = 60;
    opts.count_seconds = 60;
    is_int(xs_db_search(db, q, &opts, &r), XS_OK, "limits not reached change nothing");
    ok(!xs_results_stopped(r), "... not stopped");
    is_int((int)xs_results_matches_lower(r), 300, "... the count exact");
    xs_results_destroy(r);
    xs_query_destroy(q);
    xs_db_close(db);
}

static void append_term(void *ctx, const char *term, size_t len, double weight)
{
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 256 - n, "%.*s%s", (int)len, term, weight > 0 ? "," : "(<=0),");
}

static void test_expand(const char *path)
{
    static const char *const words[] = {
        "nurse pay strike rise", "nurse pay strike union", "weather rain", "weather sun rain",
        "rain nurse",
    };
    xs_db_t *db = numbered_index(path, "expand", words, NULL, 5);
    char got[256] = "";
    const unsigned best[] = {1, 2}, missing[] = {99};

    is_int(xs_db_expand(db, best, 2, 10, accept_not_pay, append_term, got), XS_OK,
           "expand: documents 1 and 2");
    is_str(got, "strike,nurse,union,rise,",
           "... terms both hold first, the rarer first; refused and id terms left out");
    got[0] = '\0';
    xs_db_expand(db, best, 2, 1, accept_not_pay, append_term, got);
    is_str(got, "strike,", "... at most MAX_TERMS");
    got[0] = '\0';
    is_int(xs_db_expand(db, best, 0, 10, accept_not_pay, append_term, got), XS_OK,
           "expand: no documents");
    is_str(got, "", "... no terms");
    is_int(xs_db_expand(db, missing, 1, 10, accept_not_pay, append_term, got), XS_NOT_FOUND,
           "expand: a docid not in the index");
    is_int(xs_db_expand(db, NULL, 1, 10, accept_not_pay, append_term, got), XS_NULL_ARGUMENT,
           "expand: NULL docids");
    is_int(xs_db_expand(db, best, 2, 10, NULL, append_term, got), XS_NULL_ARGUMENT,
           "expand: NULL accept");

    /* The same query under each weighting scheme: the same matches, other
     * weights. */
    xs_search_options_t opts;
    xs_results_t *r = NULL;
    xs_query_t *q = term("nurse");
    double first[XS_WEIGHT_LAST];
    xs_search_options_init(&opts);
    is_int(opts.weighting, XS_WEIGHT_BM25, "weighting: BM25 unless set");
    for (int w = 0; w < XS_WEIGHT_LAST; w++) {
        opts.weighting = (xs_weighting_t)w;
        is_int(xs_db_search(db, q, &opts, &r), XS_OK, "weighting: search 'nurse'");
        is_int((long)xs_results_size(r), 3, "... three matches");
        first[w] = xs_results_weight(r, 0);
        xs_results_destroy(r);
    }
    ok(first[XS_WEIGHT_DPH] != first[XS_WEIGHT_BM25] && first[XS_WEIGHT_PL2] != first[XS_WEIGHT_BM25]
       && first[XS_WEIGHT_PL2] != first[XS_WEIGHT_DPH], "... each scheme weighs differently");
    opts.weighting = XS_WEIGHT_LAST;
    is_int(xs_db_search(db, q, &opts, &r), XS_INVALID_ARGUMENT, "weighting: no such scheme");
    ok(r == NULL, "... no results");
    xs_query_destroy(q);
    xs_db_close(db);
}

/* Two partial indexes merged by compaction, and opened together. */
static void test_compact_and_many(void)
{
    const char *a = path_in_tmp("part-a"), *b = path_in_tmp("part-b");
    const char *merged = path_in_tmp("merged");
    const char *parts[] = { a, b };
    xs_db_t *db = NULL;
    unsigned n = 0, freq = 0;
    char *err = NULL;

    is_int(xs_db_open_write(a, 0, &db, NULL), XS_OK, "compact: part a");
    put_doc(db, "Qa1", "red fox", "a1", NULL, NULL);
    put_doc(db, "Qa2", "red hen", "a2", NULL, NULL);
    is_int(xs_db_add_spelling_count(db, "fox", 3, 5), XS_OK, "spelling with a count");
    is_int(xs_db_add_spelling_count(db, "fox", 3, 0), XS_INVALID_ARGUMENT,
           "spelling count 0 is refused");
    xs_db_set_metadata(db, "trawl.schema", "1", 1);
    xs_db_commit(db);
    xs_db_close(db);
    is_int(xs_db_open_write(b, 0, &db, NULL), XS_OK, "compact: part b");
    xs_doc_t *doc;
    xs_doc_new(&doc);
    xs_doc_add_posting(doc, "red", 3, 1, 1);
    xs_doc_add_term(doc, "Qb1", 3, 0);
    is_int(xs_db_add_document(db, doc, &n), XS_OK, "add_document");
    is_int(n, 1, "... as docid 1");
    xs_doc_destroy(doc);
    xs_db_commit(db);
    xs_db_close(db);

    is_int(xs_db_open_read_many(parts, 2, &db, &err), XS_OK, "open two indexes as one");
    xs_db_doc_count(db, &n);
    is_int(n, 3, "... which hold 3 documents");
    xs_db_term_freq(db, "red", 3, &freq);
    is_int(freq, 3, "... and count terms over both");
    xs_db_close(db);

    is_int(xs_db_compact(parts, 2, merged, &err), XS_OK, "compact two into one");
    is_int(xs_db_open_read(merged, &db, NULL), XS_OK, "open the merged index");
    xs_db_doc_count(db, &n);
    is_int(n, 3, "... all 3 documents");
    unsigned docid = 0;
    is_int(xs_db_find_unique(db, "Qb1", 3, &docid), XS_OK, "... the second part's too");
    is_int(docid, 3, "... renumbered after the first part's");
    char *value = NULL, *suggestion = NULL;
    size_t len = 0;
    xs_db_get_metadata(db, "trawl.schema", &value, &len);
    is_str(value, "1", "... metadata kept");
    xs_db_spelling_suggestion(db, "fux", 3, 1, &suggestion);
    is_str(suggestion, "fox", "... spelling data kept");
    xs_free(value);
    xs_free(suggestion);
    xs_db_close(db);

    is_int(xs_db_compact(parts, 2, merged, &err), XS_INVALID_ARGUMENT,
           "compacting into an existing path is refused");
    char expected[4300];
    snprintf(expected, sizeof expected, "cannot compact into '%s': it exists", merged);
    is_str(err, expected, "... with a message naming it");
    xs_free(err);
    const char *missing[] = { a, path_in_tmp("no-such-part") };
    is_int(xs_db_compact(missing, 2, path_in_tmp("merged2"), &err), XS_NOT_FOUND,
           "a missing source is not found");
    ok(err != NULL, "... with a message");
    xs_free(err);
    is_int(xs_db_open_read_many(parts, 0, &db, &err), XS_INVALID_ARGUMENT,
           "opening no index is refused");
    ok(db == NULL, "... and gives no handle");
    xs_free(err);
}

/* The unique terms of the index at PATH with their frequencies, "Q2:1,". */
static const char *ids_in(const char *path)
{
    static char buf[256];
    xs_db_t *db = NULL;
    buf[0] = '\0';
    if (xs_db_open_read(path, &db, NULL) == XS_OK)
        xs_db_each_term(db, "Q", collect_term, buf);
    xs_db_close(db);
    return buf;
}

static void test_shards(void)
{
    const char *s1 = path_in_tmp("shard-1"), *s2 = path_in_tmp("shard-2");
    const char *shards[] = { s1, s2 };
    xs_db_t *db = NULL, *other = NULL;
    unsigned docid = 0, found = 0, n = 0;
    char *err = NULL, *value = NULL;
    size_t len = 0;

    is_int(xs_db_open_write_shards(shards, 2, 0, &db, &err), XS_OK, "shards: open two");
    /* FNV-1a of "Q1" is odd, of "Q2" even: shard 2, then shard 1. */
    is_int(put_doc(db, "Q1", "red fox", "1", NULL, &docid), XS_OK, "shards: add Q1");
    is_int(docid, 2, "... docid 2 of the whole (shard 2's first)");
    xs_db_find_unique(db, "Q1", 2, &found);
    is_int(found, 2, "... and found there through the same handle");
    is_int(put_doc(db, "Q2", "red hen", "2", NULL, &docid), XS_OK, "shards: add Q2");
    is_int(docid, 1, "... docid 1 (shard 1's first)");
    put_doc(db, "Q3", "blue owl", "3", NULL, NULL);
    put_doc(db, "Q4", "blue fox", "4", NULL, NULL);
    put_doc(db, "Q5", "doomed", "5", NULL, NULL);
    is_int(xs_db_delete_document(db, "Q5", 2), XS_OK, "shards: delete Q5");
    is_int(xs_db_add_spelling_count(db, "fox", 3, 2), XS_OK, "shards: spelling fox");
    is_int(xs_db_add_spelling_count(db, "owl", 3, 1), XS_OK, "shards: spelling owl");
    is_int(xs_db_set_metadata(db, "trawl.schema", "1", 1), XS_OK, "shards: metadata");
    xs_db_doc_count(db, &n);
    is_int(n, 4, "shards: 4 documents before the commit");
    xs_doc_t *doc;
    xs_doc_new(&doc);
    is_int(xs_db_add_document(db, doc, NULL), XS_INVALID_ARGUMENT,
           "shards: add_document is refused");
    ok(contains(xs_db_last_error(db), "needs a unique term"), "... saying why");
    xs_doc_destroy(doc);

    char expected[4300];
    is_int(xs_db_open_write_shards(shards, 2, 0, &other, &err), XS_LOCKED,
           "shards: a second writer is locked out");
    snprintf(expected, sizeof expected, "index '%s' is locked by ", s1);
    ok(err && strncmp(err, expected, strlen(expected)) == 0,
       "... by the first shard, named");
    xs_free(err);
    is_int(xs_db_commit(db), XS_OK, "shards: commit");
    xs_db_close(db);

    is_str(ids_in(s1), "Q2:1,Q4:1,", "shard 1 holds the even hashes");
    is_str(ids_in(s2), "Q1:1,Q3:1,", "shard 2 the odd ones, Q5 deleted");
    for (size_t i = 0; i < 2; i++) {
        xs_db_open_read(shards[i], &db, NULL);
        xs_db_get_metadata(db, "trawl.schema", &value, &len);
        is_str(value, "1", "metadata in every shard");
        xs_free(value);
        xs_db_close(db);
    }
    xs_db_open_read_many(shards, 2, &db, NULL);
    char *suggestion = NULL;
    xs_db_spelling_suggestion(db, "fux", 3, 1, &suggestion);
    is_str(suggestion, "fox", "spelling data of shard 1 found over both");
    xs_free(suggestion);
    xs_db_spelling_suggestion(db, "awl", 3, 1, &suggestion);
    is_str(suggestion, "owl", "... and of shard 2");
    xs_free(suggestion);
    xs_db_close(db);

    is_int(xs_db_open_write_shards(shards, 0, 0, &db, &err), XS_INVALID_ARGUMENT,
           "shards: none is refused");
    ok(db == NULL, "... and gives no handle");
    xs_free(err);
}

/* xs_db_check(): sound, truncated and missing indexes, NULL arguments. */
static void test_check(const char *path)
{
    size_t problems = 99;
    char *report = NULL;
    is_int(xs_db_check(path, &problems, &report), XS_OK, "check a sound index: OK");
    ok(problems == 0 && contains(report, "postlist table structure checked OK"),
       "... no problems; the report names each table");
    xs_free(report);

    const char *missing = path_in_tmp("no-such-index");
    report = NULL;
    is_int(xs_db_check(missing, &problems, &report), XS_NOT_FOUND, "check a missing index: NOT_FOUND");
    ok(contains(report, "no index at") && contains(report, missing),
       "... report: %s", report ? report : "(null)");
    xs_free(report);

    /* A copy of the index with its postings cut to one block. */
    const char *cut = path_in_tmp("cut");
    is_int(xs_db_compact(&path, 1, cut, NULL), XS_OK, "copy the index");
    ok(truncate(path_in_tmp("cut/postlist.glass"), 0) == 0, "... and truncate its postings");
    report = NULL;
    xs_status_t st = xs_db_check(cut, &problems, &report);
    ok((st == XS_CORRUPT || st == XS_OK) && problems > 0,
       "check a truncated index: problems found (status %d, %zu)", st, problems);
    ok(contains(report, "EOF reading block"), "... report: %s", report ? report : "(null)");
    xs_free(report);

    is_int(xs_db_check(NULL, &problems, NULL), XS_NULL_ARGUMENT, "check(NULL path): NULL_ARGUMENT");
    is_int(xs_db_check(path, NULL, NULL), XS_NULL_ARGUMENT, "check(NULL count): NULL_ARGUMENT");
    is_int(xs_db_check(path, &problems, NULL), XS_OK, "check without a report: OK");
}

int main(void)
{
    if (shim_tmp_begin() != 0)
        return 1;
    const char *index = path_in_tmp("index");
    test_write(index);
    test_discard_on_close(index);
    test_read_only(index);
    test_read(index);
    test_reopen(index);
    test_check(index);
    test_modified();
    test_facets(path_in_tmp("facets"));
    test_expand(path_in_tmp("expand"));
    test_compact_and_many();
    test_time_limit();
    test_shards();
    shim_tmp_end();
    return tap_done();
}
