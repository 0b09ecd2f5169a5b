/* search.c: two-pass ranking (all words, then some), hits and snippets.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"
#include "search.h"

struct searcher {
    xs_db_t *db;
    char *db_path;
    analyzer_t *analyzer;
};

static char *message(const char *fmt, const char *a, const char *b)
{
    buf_t m = BUF_INIT;
    buf_printf(&m, fmt, a, b);
    return buf_detach(&m);
}

searcher_t *searcher_open(const char *db_path, char **errmsg)
{
    searcher_t *s = calloc(1, sizeof *s);
    char *detail = NULL, *schema = NULL, *language = NULL;
    size_t len;
    xs_status_t st;

    *errmsg = NULL;
    if (s == NULL || (s->db_path = strdup(db_path)) == NULL) {
        *errmsg = strdup("out of memory");
        goto fail;
    }
    st = xs_db_open_read(db_path, &s->db, &detail);
    if (st == XS_NOT_FOUND) {
        *errmsg = message("no index at '%s': run trawl-index first%s", db_path, "");
        goto fail;
    }
    if (st != XS_OK) {
        *errmsg = message("cannot open the index '%s': %s", db_path,
                          detail ? detail : xs_status_to_string(st));
        goto fail;
    }
    if (xs_db_get_metadata(s->db, META_SCHEMA, &schema, &len) != XS_OK
        || xs_db_get_metadata(s->db, META_LANGUAGE, &language, &len) != XS_OK) {
        *errmsg = message("cannot read the index '%s': %s", db_path, xs_db_last_error(s->db));
        goto fail;
    }
    if (strcmp(schema, SCHEMA_VERSION) != 0) {
        *errmsg = message("'%s' is not a trawl index of this version%s: re-run trawl-index "
                          "into a new --db", db_path, *schema ? "" : " (no trawl schema)");
        goto fail;
    }
    s->analyzer = analyzer_new(language, &detail);
    if (s->analyzer == NULL) {
        *errmsg = message("cannot search '%s': %s", db_path, detail ? detail : "out of memory");
        goto fail;
    }
    xs_free(schema);
    xs_free(language);
    return s;
fail:
    xs_free(detail);
    xs_free(schema);
    xs_free(language);
    searcher_close(s);
    return NULL;
}

void searcher_close(searcher_t *s)
{
    if (s == NULL)
        return;
    xs_db_close(s->db);
    analyzer_free(s->analyzer);
    free(s->db_path);
    free(s);
}

analyzer_t *searcher_analyzer(searcher_t *s)
{
    return s->analyzer;
}

/* Runs Q and appends its results to OUT, ranked from FIRST_RANK. */
static int collect(searcher_t *s, const query_t *query, const xs_query_t *q,
                   unsigned offset, unsigned limit, int has_all_words,
                   unsigned first_rank, const search_options_t *opts,
                   search_result_t *out, unsigned *matches, char **errmsg)
{
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    xs_status_t st;

    xs_search_options_init(&xo);
    xo.offset = offset;
    xo.limit = limit;
    /* Exact counts up to the page end, so the second pass starts right. */
    xo.check_at_least = opts->exact_counts ? (unsigned)-1 : offset + limit;
    st = xs_db_search(s->db, q, &xo, &results);
    if (st != XS_OK) {
        *errmsg = message("search failed in '%s': %s", s->db_path, xs_db_last_error(s->db));
        return -1;
    }
    *matches = xs_results_matches_estimated(results);
    size_t n = xs_results_size(results);
    if (n) {
        hit_t *hits = realloc(out->hits, (out->hit_count + n) * sizeof *hits);
        if (hits == NULL) {
            xs_results_destroy(results);
            *errmsg = strdup("out of memory");
            return -1;
        }
        out->hits = hits;
    }
    for (size_t i = 0; i < n; i++) {
        hit_t *hit = &out->hits[out->hit_count];
        size_t data_len;
        const char *data = xs_results_data(results, i, &data_len);
        memset(hit, 0, sizeof *hit);
        hit->rank = first_rank + (unsigned)i;
        hit->docid = xs_results_docid(results, i);
        hit->score = xs_results_weight(results, i);
        hit->has_all_words = has_all_words;
        if (docdata_decode(data, data_len, opts->snippet_chars > 0, &hit->doc, errmsg) != 0) {
            xs_results_destroy(results);
            return -1;
        }
        out->hit_count++;
        if (opts->snippet_chars
            && snippet_make(s->analyzer, hit->doc.text, hit->doc.text_len, query->terms,
                            query->term_count, opts->snippet_chars, &hit->snippet) != 0) {
            xs_results_destroy(results);
            *errmsg = strdup("out of memory");
            return -1;
        }
    }
    xs_results_destroy(results);
    return 0;
}

int searcher_run(searcher_t *s, const char *text, size_t len,
                 const search_options_t *opts, search_result_t *out,
                 char **errmsg)
{
    query_t query;
    xs_query_t *rest = NULL;
    unsigned all_count = 0, rest_count = 0;
    int rc = -1;

    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    if (query_parse(s->analyzer, text, len, &query, errmsg) != 0)
        return -1;
    out->group_count = query.group_count;

    /* Pass 1: articles with every word.  Pass 2: the rest, which rank below
     * them whatever their score, as a reader of three words expects. */
    if (collect(s, &query, query.all, opts->offset, opts->limit, 1, opts->offset + 1,
                opts, out, &all_count, errmsg) != 0)
        goto done;
    out->all_words = all_count;
    out->matches = all_count;
    if (query.group_count > 1) {
        const xs_query_t *pair[2] = { query.any, query.all };
        unsigned offset = opts->offset > all_count ? opts->offset - all_count : 0;
        unsigned limit = opts->limit - (unsigned)out->hit_count;
        if (xs_query_combine(XS_OP_AND_NOT, pair, 2, 0, &rest) != XS_OK) {
            *errmsg = strdup("out of memory");
            goto done;
        }
        if (collect(s, &query, rest, offset, limit, 0, all_count + offset + 1,
                    opts, out, &rest_count, errmsg) != 0)
            goto done;
        out->matches += rest_count;
    }
    rc = 0;
done:
    xs_query_destroy(rest);
    query_free(&query);
    if (rc != 0)
        search_result_free(out);
    return rc;
}

void search_result_free(search_result_t *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->hit_count; i++) {
        docdata_free(&r->hits[i].doc);
        snippet_free(&r->hits[i].snippet);
    }
    free(r->hits);
    memset(r, 0, sizeof *r);
}
