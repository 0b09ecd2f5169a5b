/* shim-fixtures.h: what the shim's unit tests share: a scratch folder,
 * documents put in an index, queries built and run.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Included by tests/unit/shim.c (handles, statuses, errors) and
 * tests/unit/shim-index.c (writing, reading and searching real indexes).
 * The helpers are static inline: each test uses some of them.
 */
#ifndef TRAWL_SHIM_FIXTURES_H
#define TRAWL_SHIM_FIXTURES_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tap.h"
#include "xs.h"

static char tmpdir[4096];

/* TMPDIR/NAME, in a buffer of its own that lives until the end. */
static inline const char *path_in_tmp(const char *name)
{
    static char buf[32][4200];
    static size_t used;
    if (used == sizeof buf / sizeof buf[0])
        abort();
    snprintf(buf[used], sizeof buf[0], "%s/%s", tmpdir, name);
    return buf[used++];
}

static inline int remove_entry(const char *path, const struct stat *st, int type,
                        struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

static inline double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline int contains(const char *haystack, const char *needle)
{
    return haystack && strstr(haystack, needle) != NULL;
}

static inline void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* ------------------------------------------------------------ fixtures */

/* Adds a document whose words are posted at positions 1, 2, ...; VALUES is
 * a NULL-terminated list of "slot=value" strings. */
static inline xs_status_t put_doc(xs_db_t *db, const char *unique, const char *words,
                           const char *data, const char *const *values,
                           unsigned *docid)
{
    xs_doc_t *doc;
    xs_status_t st = xs_doc_new(&doc);
    if (st != XS_OK)
        return st;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", words);
    unsigned pos = 1;
    for (char *w = strtok(buf, " "); w && st == XS_OK; w = strtok(NULL, " "))
        st = xs_doc_add_posting(doc, w, strlen(w), pos++, 1);
    if (st == XS_OK)
        st = xs_doc_add_term(doc, unique, strlen(unique), 0);
    if (st == XS_OK)
        st = xs_doc_set_data(doc, data, strlen(data));
    for (size_t i = 0; values && values[i] && st == XS_OK; i++) {
        const char *eq = strchr(values[i], '=');
        st = xs_doc_set_value(doc, (unsigned)atoi(values[i]), eq + 1,
                              strlen(eq + 1));
    }
    if (st == XS_OK)
        st = xs_db_replace_document(db, unique, strlen(unique), doc, docid);
    xs_doc_destroy(doc);
    return st;
}

static inline xs_query_t *term(const char *t)
{
    xs_query_t *q = NULL;
    xs_query_term(t, strlen(t), 1, 0, &q);
    return q;
}

/* Combines two queries with OP, consuming them. */
static inline xs_query_t *combine2(xs_op_t op, xs_query_t *a, xs_query_t *b,
                            unsigned window)
{
    const xs_query_t *subs[2] = {a, b};
    xs_query_t *q = NULL;
    xs_query_combine(op, subs, 2, window, &q);
    xs_query_destroy(a);
    xs_query_destroy(b);
    return q;
}

/* Runs Q (consuming it) and renders the docids in result order, "1,3", or
 * "error N" when the search fails. */
static inline const char *ids_with(xs_db_t *db, xs_query_t *q,
                            const xs_search_options_t *opts)
{
    static char buf[256];
    xs_results_t *r = NULL;
    xs_status_t st = xs_db_search(db, q, opts, &r);
    xs_query_destroy(q);
    if (st != XS_OK) {
        snprintf(buf, sizeof buf, "error %d", (int)st);
        return buf;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < xs_results_size(r); i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%u",
                 i ? "," : "", xs_results_docid(r, i));
    xs_results_destroy(r);
    return buf;
}

static inline const char *ids(xs_db_t *db, xs_query_t *q)
{
    xs_search_options_t opts;
    xs_search_options_init(&opts);
    return ids_with(db, q, &opts);
}

/* The weight of DOCID for Q (consumed), or -1 if it does not match. */
static inline double weight_of(xs_db_t *db, xs_query_t *q, unsigned docid)
{
    xs_search_options_t opts;
    xs_search_options_init(&opts);
    xs_results_t *r = NULL;
    double w = -1;
    if (xs_db_search(db, q, &opts, &r) == XS_OK)
        for (size_t i = 0; i < xs_results_size(r); i++)
            if (xs_results_docid(r, i) == docid)
                w = xs_results_weight(r, i);
    xs_results_destroy(r);
    xs_query_destroy(q);
    return w;
}

static inline int collect_term(void *ctx, const char *t, size_t len, unsigned freq)
{
    char *out = ctx;
    snprintf(out + strlen(out), 256 - strlen(out), "%.*s:%u,", (int)len, t,
             freq);
    return 0;
}

static inline int stop_at_first(void *ctx, const char *t, size_t len, unsigned freq)
{
    (void)t;
    (void)len;
    (void)freq;
    ++*(int *)ctx;
    return 1;
}

static inline int collect_value(void *ctx, unsigned docid, const char *v, size_t len)
{
    char *out = ctx;
    snprintf(out + strlen(out), 256 - strlen(out), "%u:%.*s,", docid, (int)len,
             v);
    return 0;
}


/* Checks that hit I of R (NULL, or past its end) has no data and no value
 * 0, each of length 0. */
static inline void is_empty_at(const xs_results_t *r, size_t i, const char *what)
{
    char name[128];
    size_t len = 7;
    snprintf(name, sizeof name, "%s: no data", what);
    is_str(xs_results_data(r, i, &len), "", name);
    is_int((long)len, 0, "... length 0");
    len = 7;
    snprintf(name, sizeof name, "%s: no value", what);
    is_str(xs_results_value(r, i, 0, &len), "", name);
    is_int((long)len, 0, "... length 0");
}

/* Makes the scratch folder TMPDIR/trawl-shim-XXXXXX.  Returns 0, or -1
 * (said on stderr). */
static inline int shim_tmp_begin(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/trawl-shim-XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return -1;
    }
    return 0;
}

/* Removes the scratch folder and all in it. */
static inline void shim_tmp_end(void)
{
    nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif /* TRAWL_SHIM_FIXTURES_H */
