/* shim.c: unit tests of the Xapian shim (shim/xs.h): handles, statuses
 * and errors; what a real index holds is shim-index.c's.
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

static void test_basics(void)
{
    static const struct { xs_status_t status; const char *text, *name; } statuses[] = {
        { XS_OK, "success", "OK" },
        { XS_NO_MEMORY, "out of memory", "NO_MEMORY" },
        { XS_NULL_ARGUMENT, "a required argument was NULL", "NULL_ARGUMENT" },
        { XS_INVALID_ARGUMENT, "invalid argument", "INVALID_ARGUMENT" },
        { XS_NOT_FOUND, "not found", "NOT_FOUND" },
        { XS_LOCKED, "index is locked", "LOCKED" },
        { XS_CORRUPT, "index is corrupt or not an index", "CORRUPT" },
        { XS_MODIFIED, "index was modified while reading", "MODIFIED" },
        { XS_IO_ERROR, "input/output error", "IO_ERROR" },
        { XS_XAPIAN_ERROR, "Xapian error", "XAPIAN_ERROR" },
        { XS_STATUS_LAST, "unknown status", "STATUS_LAST is unknown" },
        { (xs_status_t)-1, "unknown status", "negative is unknown" },
    };
    char name[64];
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        snprintf(name, sizeof name, "status string: %s", statuses[i].name);
        is_str(xs_status_to_string(statuses[i].status), statuses[i].text, name);
    }
    const char *version = xs_xapian_version();
    ok(strncmp(version, "1.4.", 4) == 0 && strlen(version) > 4,
       "Xapian version 1.4.x: %s", version);

    ok(xs_unicode_is_wordchar('a') && xs_unicode_is_wordchar('7') &&
           xs_unicode_is_wordchar(0x00E9) && xs_unicode_is_wordchar('_'),
       "letters, digits and connectors are word characters");
    ok(!xs_unicode_is_wordchar('-') && !xs_unicode_is_wordchar(' ') &&
           !xs_unicode_is_wordchar('$'),
       "punctuation, space and symbols are not word characters");
    ok(xs_unicode_is_currency('$') && xs_unicode_is_currency(0x20AC) &&
           !xs_unicode_is_currency('a') && !xs_unicode_is_currency('%'),
       "currency symbols: $ and EUR yes, a and %% no");
    ok(xs_unicode_is_whitespace(' ') && xs_unicode_is_whitespace(0x00A0) &&
           xs_unicode_is_whitespace(0x2029) && !xs_unicode_is_whitespace('x'),
       "white space: space, NBSP, paragraph separator; not x");
    is_int(xs_unicode_tolower('A'), 'a', "tolower A");
    is_int(xs_unicode_tolower(0x00C9), 0x00E9, "tolower E-acute");
    is_int(xs_unicode_tolower('1'), '1', "tolower leaves digits");
}

/* ok if MSG names PATH and holds DETAIL (the test named WHAT, with MSG);
 * frees MSG. */
static void says(char *msg, const char *detail, const char *path, const char *what)
{
    ok(contains(msg, detail) && contains(msg, path), "%s: %s", what, msg ? msg : "(null)");
    xs_free(msg);
}

/* xs_db_open_read of PATH fails with WANT (the test named WHAT) and sets
 * *db_out to NULL; *MSG (when MSG is not NULL) is its message. */
static void read_fails(const char *path, char **msg, xs_status_t want, const char *what)
{
    xs_db_t *db = (xs_db_t *)1;
    if (msg)
        *msg = NULL;
    is_int(xs_db_open_read(path, &db, msg), want, what);
    ok(db == NULL, "... and *db_out is NULL");
}

static void test_open_errors(void)
{
    xs_db_t *db = (xs_db_t *)1;
    char *msg = NULL;
    const char *missing = path_in_tmp("missing");
    read_fails(missing, &msg, XS_NOT_FOUND, "open_read of a missing path: NOT_FOUND");
    says(msg, "no index at", missing, "... message names the path");

    const char *empty = path_in_tmp("empty");
    mkdir(empty, 0755);
    read_fails(empty, NULL, XS_NOT_FOUND, "open_read of an empty directory: NOT_FOUND");

    const char *junk = path_in_tmp("junk");
    mkdir(junk, 0755);
    write_file(path_in_tmp("junk/iamglass"), "this is not a version file\n");
    read_fails(junk, &msg, XS_CORRUPT,
               "open_read of a directory with a junk iamglass: CORRUPT");
    says(msg, "DatabaseCorruptError", junk, "... message names the path and the error");

    const char *stub = path_in_tmp("stub");
    write_file(stub, "garbage that is no stub\n");
    is_int(xs_db_open_read(stub, &db, NULL), XS_CORRUPT,
           "open_read of a bad stub file: CORRUPT");

    const char *nodir = path_in_tmp("no/such/dir");
    msg = NULL;
    db = (xs_db_t *)1;
    is_int(xs_db_open_write(nodir, 0, &db, &msg), XS_IO_ERROR,
           "open_write below a missing directory: IO_ERROR");
    ok(db == NULL, "... and *db_out is NULL");
    says(msg, "No such file or directory", nodir, "... readable message");

    /* A truncated table: Xapian reports "EOF reading block", which is
     * damage, not an I/O failure. */
    const char *trunc = path_in_tmp("trunc");
    is_int(xs_db_open_write(trunc, 0, &db, NULL), XS_OK, "create an index");
    is_int(put_doc(db, "Qx", "some words here", "x", NULL, NULL), XS_OK,
           "... add a document");
    is_int(xs_db_commit(db), XS_OK, "... commit");
    xs_db_close(db);
    is_int(truncate(path_in_tmp("trunc/postlist.glass"), 10), 0,
           "truncate postlist.glass to 10 bytes");
    read_fails(trunc, &msg, XS_CORRUPT, "open_read of the truncated index: CORRUPT");
    says(msg, "EOF reading block", trunc, "... message has the detail and path");

    is_int(truncate(path_in_tmp("trunc/iamglass"), 10), 0,
           "truncate iamglass to 10 bytes");
    read_fails(trunc, NULL, XS_CORRUPT,
               "open_read of a truncated version file: CORRUPT");
    msg = NULL;
    is_int(xs_db_open_write(trunc, 0, &db, &msg), XS_CORRUPT,
           "open_write of a truncated version file: CORRUPT");
    says(msg, "is damaged or not an index", trunc, "... message");
}

static void test_lock(void)
{
    const char *path = path_in_tmp("locked");
    xs_db_t *w1 = NULL, *w2 = (xs_db_t *)1;
    char *msg = NULL;
    is_int(xs_db_open_write(path, 0, &w1, &msg), XS_OK, "open a writer");
    ok(msg == NULL, "... with no message");
    double start = now_seconds();
    is_int(xs_db_open_write(path, 0.3, &w2, &msg), XS_LOCKED,
           "second writer: LOCKED");
    double waited = now_seconds() - start;
    ok(waited >= 0.29 && waited < 2.0, "... after waiting %.2f s", waited);
    ok(w2 == NULL, "... and *db_out is NULL");
    /* The holder is this process (Xapian's lock is per open file). */
    char holder[64];
    snprintf(holder, sizeof holder, "is locked by process %ld (waited 0.3 s)", (long)getpid());
    says(msg, path, holder, "... message names the holder");

    /* A reader is not blocked by the writer. */
    xs_db_t *r = NULL;
    is_int(xs_db_open_read(path, &r, NULL), XS_OK, "a reader opens meanwhile");
    xs_db_close(r);

    xs_db_close(w1);
    is_int(xs_db_open_write(path, 0, &w2, NULL), XS_OK,
           "after close, a writer can open again");
    xs_db_close(w2);
}

/* Every destructor, xs_free() and xs_search_options_init() take NULL. */
static void destroy_nulls(void)
{
    xs_db_close(NULL);
    xs_doc_destroy(NULL);
    xs_query_destroy(NULL);
    xs_results_destroy(NULL);
    xs_free(NULL);
    xs_search_options_init(NULL);
}

static void test_null_arguments(void)
{
    xs_db_t *db = (xs_db_t *)1;
    char *msg = (char *)1;
    is_int(xs_db_open_read(NULL, &db, &msg), XS_NULL_ARGUMENT,
           "open_read(NULL path)");
    ok(db == NULL, "... *db_out set to NULL");
    ok(msg != NULL, "... with a message");
    xs_free(msg);
    is_int(xs_db_open_read("x", NULL, NULL), XS_NULL_ARGUMENT,
           "open_read(NULL db_out)");
    db = (xs_db_t *)1;
    is_int(xs_db_open_write(NULL, 0, &db, NULL), XS_NULL_ARGUMENT,
           "open_write(NULL path)");
    ok(db == NULL, "... *db_out set to NULL");

    unsigned u = 7;
    unsigned long ul = 7;
    double d = 7;
    char *s = (char *)1;
    size_t len = 7;
    is_int(xs_db_commit(NULL), XS_NULL_ARGUMENT, "commit(NULL)");
    is_int(xs_db_reopen(NULL), XS_NULL_ARGUMENT, "reopen(NULL)");
    is_int(xs_db_doc_count(NULL, &u), XS_NULL_ARGUMENT, "doc_count(NULL)");
    is_int(xs_db_avg_length(NULL, &d), XS_NULL_ARGUMENT, "avg_length(NULL)");
    is_int(xs_db_revision(NULL, &ul), XS_NULL_ARGUMENT, "revision(NULL)");
    is_int(xs_db_uuid(NULL, &s), XS_NULL_ARGUMENT, "uuid(NULL)");
    ok(s == NULL, "... *uuid_out set to NULL");
    is_int(xs_db_term_freq(NULL, "a", 1, &u), XS_NULL_ARGUMENT,
           "term_freq(NULL)");
    is_int(xs_db_collection_freq(NULL, "a", 1, &ul), XS_NULL_ARGUMENT,
           "collection_freq(NULL)");
    s = (char *)1;
    is_int(xs_db_get_metadata(NULL, "k", &s, &len), XS_NULL_ARGUMENT,
           "get_metadata(NULL)");
    ok(s == NULL && len == 0, "... outs cleared");
    is_int(xs_db_set_metadata(NULL, "k", "v", 1), XS_NULL_ARGUMENT,
           "set_metadata(NULL)");
    is_int(xs_db_each_term(NULL, "", collect_term, NULL), XS_NULL_ARGUMENT,
           "each_term(NULL)");
    is_int(xs_db_each_value(NULL, 0, collect_value, NULL), XS_NULL_ARGUMENT,
           "each_value(NULL)");
    is_int(xs_db_find_unique(NULL, "Q", 1, &u), XS_NULL_ARGUMENT,
           "find_unique(NULL)");
    is_int(xs_db_document_data(NULL, 1, &s, &len), XS_NULL_ARGUMENT,
           "document_data(NULL)");
    is_int(xs_db_document_value(NULL, 1, 0, &s, &len), XS_NULL_ARGUMENT,
           "document_value(NULL)");
    is_int(xs_db_add_spelling(NULL, "w", 1), XS_NULL_ARGUMENT,
           "add_spelling(NULL)");
    is_int(xs_db_spelling_suggestion(NULL, "w", 1, 2, &s), XS_NULL_ARGUMENT,
           "spelling_suggestion(NULL)");
    is_str(xs_db_last_error(NULL), "", "last_error(NULL) is empty");

    xs_doc_t *doc = NULL;
    is_int(xs_doc_new(NULL), XS_NULL_ARGUMENT, "doc_new(NULL)");
    is_int(xs_doc_add_posting(NULL, "a", 1, 1, 1), XS_NULL_ARGUMENT,
           "doc_add_posting(NULL doc)");
    is_int(xs_doc_add_term(NULL, "a", 1, 1), XS_NULL_ARGUMENT,
           "doc_add_term(NULL doc)");
    is_int(xs_doc_set_value(NULL, 0, "a", 1), XS_NULL_ARGUMENT,
           "doc_set_value(NULL doc)");
    is_int(xs_doc_set_data(NULL, "a", 1), XS_NULL_ARGUMENT,
           "doc_set_data(NULL doc)");
    is_int(xs_doc_new(&doc), XS_OK, "doc_new");
    is_int(xs_doc_add_posting(doc, NULL, 0, 1, 1), XS_NULL_ARGUMENT,
           "doc_add_posting(NULL term)");
    is_int(xs_doc_add_term(doc, NULL, 0, 1), XS_NULL_ARGUMENT,
           "doc_add_term(NULL term)");
    is_int(xs_doc_set_value(doc, 0, NULL, 0), XS_NULL_ARGUMENT,
           "doc_set_value(NULL value)");
    is_int(xs_doc_set_data(doc, NULL, 0), XS_NULL_ARGUMENT,
           "doc_set_data(NULL data)");
    u = 7;
    is_int(xs_db_replace_document(NULL, "Q", 1, doc, &u), XS_NULL_ARGUMENT,
           "replace_document(NULL db)");
    ok(u == 0, "... *docid_out cleared");
    is_int(xs_db_delete_document(NULL, "Q", 1), XS_NULL_ARGUMENT,
           "delete_document(NULL db)");
    xs_doc_destroy(doc);

    xs_query_t *q = (xs_query_t *)1;
    is_int(xs_query_term(NULL, 1, 1, 0, &q), XS_NULL_ARGUMENT,
           "query_term(NULL)");
    ok(q == NULL, "... *out set to NULL");
    is_int(xs_query_term("a", 1, 1, 0, NULL), XS_NULL_ARGUMENT,
           "query_term(NULL out)");
    is_int(xs_query_combine(XS_OP_AND, NULL, 2, 0, &q), XS_NULL_ARGUMENT,
           "query_combine(NULL subqueries)");
    const xs_query_t *subs[2] = {NULL, NULL};
    is_int(xs_query_combine(XS_OP_OR, subs, 2, 0, &q), XS_NULL_ARGUMENT,
           "query_combine(NULL subquery)");
    is_int(xs_query_combine(XS_OP_OR, subs, 0, 0, NULL), XS_NULL_ARGUMENT,
           "query_combine(NULL out)");
    is_int(xs_query_value_range(0, "a", "b", NULL), XS_NULL_ARGUMENT,
           "query_value_range(NULL out)");
    is_int(xs_query_scale(NULL, 1, &q), XS_NULL_ARGUMENT, "query_scale(NULL)");
    is_int(xs_query_wildcard(NULL, 0, 0, &q), XS_NULL_ARGUMENT,
           "query_wildcard(NULL)");
    is_int(xs_query_match_all(NULL), XS_NULL_ARGUMENT, "match_all(NULL)");
    is_int(xs_query_match_nothing(NULL), XS_NULL_ARGUMENT,
           "match_nothing(NULL)");
    ok(xs_query_describe(NULL) == NULL, "query_describe(NULL) is NULL");

    xs_results_t *r = (xs_results_t *)1;
    xs_search_options_t opts;
    xs_search_options_init(&opts);
    is_int(xs_db_search(NULL, NULL, &opts, &r), XS_NULL_ARGUMENT,
           "search(NULL)");
    ok(r == NULL, "... *out set to NULL");
    is_int((long)xs_results_size(NULL), 0, "results_size(NULL)");
    is_int(xs_results_matches_lower(NULL), 0, "results_matches_lower(NULL)");
    is_int(xs_results_matches_estimated(NULL), 0,
           "results_matches_estimated(NULL)");
    is_int(xs_results_matches_upper(NULL), 0, "results_matches_upper(NULL)");
    is_int(xs_results_docid(NULL, 0), 0, "results_docid(NULL)");
    ok(xs_results_weight(NULL, 0) == 0.0, "results_weight(NULL)");
    is_empty_at(NULL, 0, "results(NULL)");

    survives(destroy_nulls, "destroying NULL does nothing");
}

static void test_invalid_arguments(void)
{
    xs_doc_t *doc = NULL;
    char big[247];
    memset(big, 'a', sizeof big);
    xs_doc_new(&doc);
    is_int(xs_doc_add_posting(doc, "", 0, 1, 1), XS_INVALID_ARGUMENT,
           "add_posting of an empty term");
    is_int(xs_doc_add_posting(doc, "a", 1, 0, 1), XS_INVALID_ARGUMENT,
           "add_posting at position 0");
    is_int(xs_doc_add_term(doc, big, 246, 1), XS_INVALID_ARGUMENT,
           "add_term of a 246-byte term");
    is_int(xs_doc_add_term(doc, big, 245, 1), XS_OK,
           "add_term of a 245-byte term");
    is_int(xs_doc_add_term(doc, "a\0b", 3, 1), XS_OK,
           "add_term of a term holding a NUL byte");
    is_int(xs_doc_set_value(doc, 0xFFFFFFFFu, "v", 1), XS_INVALID_ARGUMENT,
           "set_value in the invalid slot");
    xs_doc_destroy(doc);

    xs_query_t *q = (xs_query_t *)1, *t = term("a");
    is_int(xs_query_term("", 0, 1, 0, &q), XS_INVALID_ARGUMENT,
           "query_term of an empty term");
    ok(q == NULL, "... *out set to NULL");
    const xs_query_t *subs[1] = {t};
    is_int(xs_query_combine(XS_OP_LAST, subs, 1, 0, &q), XS_INVALID_ARGUMENT,
           "query_combine with XS_OP_LAST");
    is_int(xs_query_scale(t, -1, &q), XS_INVALID_ARGUMENT,
           "query_scale by -1");
    is_int(xs_query_scale(t, NAN, &q), XS_INVALID_ARGUMENT,
           "query_scale by NaN");
    xs_query_destroy(t);
}

static void test_queries_describe(void)
{
    xs_query_t *q = NULL;
    char *s;

    q = combine2(XS_OP_OR, term("fox"), term("lazy"), 0);
    s = xs_query_describe(q);
    is_str(s, "Query((fox OR lazy))", "describe OR");
    xs_free(s);
    xs_query_destroy(q);

    xs_query_combine(XS_OP_AND, NULL, 0, 0, &q);
    s = xs_query_describe(q);
    is_str(s, "Query()", "combining 0 subqueries matches nothing");
    xs_free(s);
    xs_query_destroy(q);

    q = combine2(XS_OP_PHRASE, term("a"), term("b"), 0);
    s = xs_query_describe(q);
    is_str(s, "Query((a PHRASE 2 b))", "phrase window 0 is the term count");
    xs_free(s);
    xs_query_destroy(q);

    q = combine2(XS_OP_NEAR, term("a"), term("b"), 5);
    s = xs_query_describe(q);
    is_str(s, "Query((a NEAR 5 b))", "near window 5");
    xs_free(s);
    xs_query_destroy(q);

    xs_query_value_range(3, "a", "m", &q);
    s = xs_query_describe(q);
    is_str(s, "Query(VALUE_RANGE 3 a m)", "describe value range");
    xs_free(s);
    xs_query_destroy(q);

    xs_query_value_range(3, NULL, NULL, &q);
    s = xs_query_describe(q);
    is_str(s, "Query(<alldocuments>)", "value range with both ends open");
    xs_free(s);
    xs_query_destroy(q);

    xs_query_match_nothing(&q);
    s = xs_query_describe(q);
    is_str(s, "Query()", "describe match_nothing");
    xs_free(s);
    xs_query_destroy(q);

    xs_query_wildcard("ab", 2, 5, &q);
    s = xs_query_describe(q);
    is_str(s, "Query(WILDCARD SYNONYM ab)", "describe wildcard");
    xs_free(s);
    xs_query_destroy(q);
}

int main(void)
{
    if (shim_tmp_begin() != 0)
        return 1;
    test_basics();
    test_open_errors();
    test_lock();
    test_null_arguments();
    test_invalid_arguments();
    test_queries_describe();
    shim_tmp_end();
    return tap_done();
}
