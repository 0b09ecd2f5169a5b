/* search.c: two-pass ranking (all words, then some), hits and snippets.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"
#include "search.h"
#include "stopwords.h"

struct searcher {
    xs_db_t *db;
    char *db_path;
    analyzer_t *analyzer;
    const xs_query_t *filter;  /* borrowed; NULL: none (searcher_restrict()) */
    search_sort_t sort;
    query_mode_t mode;         /* searcher_set_ranking() */
    double k1, b;
    search_feedback_t feedback;   /* searcher_set_feedback() */
    int explain;               /* searcher_set_explain() */
    unsigned fields;           /* searcher_fields(), as of the index's */
    unsigned long fields_reopens;  /* reopen count (xs_db_reopen_count()) + 1; 0: not yet */
};

static char *message(const char *fmt, const char *a, const char *b)
{
    buf_t m = BUF_INIT;
    buf_printf(&m, fmt, a, b);
    return buf_detach(&m);
}

searcher_t *searcher_open(const char *db_path, char **errmsg)
{
    return searcher_open_many(&db_path, 1, errmsg);
}

searcher_t *searcher_open_many(const char *const *db_paths, size_t count, char **errmsg)
{
    searcher_t *s = calloc(1, sizeof *s);
    char *detail = NULL, *schema = NULL, *language = NULL;
    size_t len;
    xs_status_t st;
    buf_t joined = BUF_INIT;

    *errmsg = NULL;
    if (s != NULL) {
        s->k1 = SEARCH_DEFAULT_K1;
        s->b = SEARCH_DEFAULT_B;
        s->feedback = SEARCH_FEEDBACK_AUTO;
    }
    for (size_t i = 0; i < count; i++)
        buf_printf(&joined, "%s%s", i ? ", " : "", db_paths[i]);
    if (s == NULL || (s->db_path = buf_detach(&joined)) == NULL) {
        *errmsg = strdup("out of memory");
        goto fail;
    }
    const char *db_path = s->db_path;
    st = xs_db_open_read_many(db_paths, count, &s->db, &detail);
    if (st == XS_NOT_FOUND && count > 1) {
        /* Only the shim's detail says which of them is missing. */
        *errmsg = message("%s%s", detail ? detail : xs_status_to_string(st), "");
        goto fail;
    }
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
    /* An indexer stopped before its first commit leaves an empty index
     * without trawl's metadata: that is an empty index, not a foreign one. */
    unsigned doc_count = 1;
    int empty = *schema == '\0' && xs_db_doc_count(s->db, &doc_count) == XS_OK
                && doc_count == 0;
    if (!empty && strcmp(schema, SCHEMA_VERSION) != 0) {
        *errmsg = message("'%s' is not a trawl index of this version%s: re-run trawl-index "
                          "into a new --db", db_path, *schema ? "" : " (no trawl schema)");
        goto fail;
    }
    s->analyzer = analyzer_new(*language ? language : NULL, &detail);
    if (s->analyzer == NULL) {
        *errmsg = message("cannot search '%s': %s", db_path, detail ? detail : "out of memory");
        goto fail;
    }
    xs_free(schema);
    xs_free(language);
    return s;
fail:
    buf_free(&joined);
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

/* Stops xs_db_each_term() at the first term. */
static int found_term(void *ctx, const char *term, size_t len, unsigned doc_freq)
{
    (void)term, (void)len, (void)doc_freq;
    *(int *)ctx = 1;
    return 1;
}

unsigned searcher_fields(searcher_t *s)
{
    /* The index's fields change only with its documents: looked at again
     * only after the reader has moved to a newer revision. */
    unsigned long reopens = xs_db_reopen_count(s->db) + 1;
    int comments = 0;

    if (s->fields_reopens != reopens) {
        if (xs_db_each_term(s->db, PREFIX_STEM PREFIX_COMMENT, found_term, &comments) != XS_OK)
            return QUERY_FIELDS_ALL;      /* cannot tell: leave nothing out */
        s->fields = comments ? QUERY_FIELD_COMMENTS : 0;
        s->fields_reopens = reopens;
    }
    return s->fields;
}

xs_db_t *searcher_db(searcher_t *s)
{
    return s->db;
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

void searcher_restrict(searcher_t *s, const xs_query_t *filter, search_sort_t sort)
{
    s->filter = filter;
    s->sort = sort;
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

/* Xapian's options for ranking as S ranks (offset and limit left at 0 and 10). */
static void ranking_options(const searcher_t *s, xs_search_options_t *xo)
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

/* Q restricted to S's filter (searcher_restrict(); S has one): a new
 * query, or NULL when out of memory. */
static xs_query_t *restricted(const searcher_t *s, const xs_query_t *q)
{
    const xs_query_t *pair[2] = { q, s->filter };
    xs_query_t *out = NULL;

    return xs_query_combine(XS_OP_FILTER, pair, 2, 0, &out) == XS_OK ? out : NULL;
}

/* Counts the matches of Q (already restricted) into *MATCHES: exact up to
 * SEARCH_EXACT_COUNT_MAX matches (every match with opts->exact_counts),
 * else Xapian's estimate, and *EXACT cleared.  Weights play no part
 * (the query is scaled to 0), which makes counting a fraction of the cost
 * of ranking every match.  Returns 0, or -1 with *errmsg set. */
static int count_matches(searcher_t *s, const xs_query_t *q, const search_options_t *opts,
                         unsigned *matches, int *exact, char **errmsg)
{
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    xs_query_t *boolean = NULL;

    xs_search_options_init(&xo);
    xo.limit = 0;
    xo.skip_values = 1;
    xo.check_at_least = opts->exact_counts ? (unsigned)-1 : SEARCH_EXACT_COUNT_MAX;
    if (xs_query_scale(q, 0, &boolean) != XS_OK) {
        *errmsg = strdup("out of memory");
        return -1;
    }
    xs_status_t st = xs_db_search(s->db, boolean, &xo, &results);
    xs_query_destroy(boolean);
    if (st != XS_OK) {
        *errmsg = message("search failed in '%s': %s", s->db_path, xs_db_last_error(s->db));
        return -1;
    }
    *matches = xs_results_matches_estimated(results);
    if (xs_results_matches_lower(results) != xs_results_matches_upper(results))
        *exact = 0;
    xs_results_destroy(results);
    return 0;
}

/* Runs Q (ordered by date when BY_DATE, else by score) and appends its
 * results to OUT, ranked from FIRST_RANK.  *MATCHES gets the number of
 * matches, and *EXACT is cleared when that number is Xapian's estimate. */
static int collect(searcher_t *s, matcher_t *matcher, const xs_query_t *q,
                   unsigned offset, unsigned limit, int has_all_words, int by_date,
                   unsigned first_rank, const search_options_t *opts,
                   search_result_t *out, unsigned *matches, int *exact, char **errmsg)
{
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    xs_query_t *filtered = NULL;
    xs_status_t st;
    int rc = -1;

    ranking_options(s, &xo);
    xo.offset = offset;
    xo.limit = limit;
    /* Hits are read from their stored data; copying values was a fifth of
     * a search without snippets. */
    xo.skip_values = 1;
    /* Exact up to the page's end; the count after, if need be. */
    xo.check_at_least = offset + limit;
    if (by_date) {
        xo.sort_slot = SLOT_DATE;
        xo.sort_descending = s->sort == SEARCH_NEWEST_FIRST;
    }
    if (s->filter) {
        if ((filtered = restricted(s, q)) == NULL) {
            *errmsg = strdup("out of memory");
            return -1;
        }
        q = filtered;
    }
    st = xs_db_search(s->db, q, &xo, &results);
    /* xs_db_search() itself reopens and retries when an indexer commits
     * under it. */
    if (st != XS_OK) {
        xs_query_destroy(filtered);
        *errmsg = message("search failed in '%s': %s", s->db_path, xs_db_last_error(s->db));
        return -1;
    }
    *matches = xs_results_matches_estimated(results);
    if (xs_results_matches_lower(results) != xs_results_matches_upper(results)) {
        if (opts->skip_counts)
            *exact = 0;
        else if (count_matches(s, q, opts, matches, exact, errmsg) != 0)
            goto done;
    }
    size_t n = xs_results_size(results);
    if (n) {
        hit_t *hits = realloc(out->hits, (out->hit_count + n) * sizeof *hits);
        if (hits == NULL)
            goto oom;
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
        if (docdata_decode(data, data_len, opts->snippet_chars > 0, &hit->doc, errmsg) != 0)
            goto done;
        out->hit_count++;
        if (opts->snippet_chars
            && snippet_make(matcher, hit->doc.text, hit->doc.text_len, opts->snippet_chars,
                            &hit->snippet) != 0)
            goto oom;
    }
    rc = 0;
    goto done;
oom:
    *errmsg = strdup("out of memory");
done:
    xs_results_destroy(results);
    xs_query_destroy(filtered);
    return rc;
}

/* One search of a run: its matches rank after those of the passes before. */
typedef struct {
    const xs_query_t *q;
    int has_all_words;         /* 1: every match has every word; -1: not known */
    int by_date;               /* ordered by date (searcher_restrict()) */
    unsigned *count;           /* where its number of matches goes too, or NULL */
} pass_t;

/* Runs the COUNT PASSES in order, the page (opts->offset, opts->limit)
 * running on across them; every pass is run, for its count.  OUT->matches
 * is their sum.  Returns 0, or -1 with *errmsg set. */
static int run_passes(searcher_t *s, matcher_t *matcher, const pass_t *passes, size_t count,
                      const search_options_t *opts, search_result_t *out, char **errmsg)
{
    unsigned before = 0;     /* matches of the passes run so far */

    for (size_t i = 0; i < count; i++) {
        unsigned offset = opts->offset > before ? opts->offset - before : 0;
        unsigned limit = opts->limit - (unsigned)out->hit_count, n = 0;
        if (collect(s, matcher, passes[i].q, offset, limit, passes[i].has_all_words,
                    passes[i].by_date, before + offset + 1, opts, out, &n, &out->counts_exact,
                    errmsg) != 0)
            return -1;
        if (passes[i].count)
            *passes[i].count = n;
        before += n;
    }
    out->matches = before;
    return 0;
}

/* Counts the matches of Q into *COUNT (exact as collect() makes it). */
static int count_only(searcher_t *s, const xs_query_t *q,
                      const search_options_t *opts, search_result_t *out, unsigned *count,
                      char **errmsg)
{
    return collect(s, NULL, q, 0, 0, 0, 0, 1, opts, out, count, &out->counts_exact, errmsg);
}

/* Sets has_all_words for the hits of OUT from FIRST on, which a pass over
 * articles with some words gave: those that ALL (the query for every word)
 * matches too.  One search, among those hits only (by their id terms).
 * Returns 0, or -1 with *errmsg set. */
static int mark_all_words(searcher_t *s, const xs_query_t *all, search_result_t *out,
                          size_t first, char **errmsg)
{
    size_t n = out->hit_count - first;
    xs_query_t **ids = calloc(n ? n : 1, sizeof *ids), *among = NULL, *both = NULL;
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    int rc = -1;

    if (n == 0) {
        free(ids);
        return 0;
    }
    for (size_t i = 0; ids && i < n; i++) {
        buf_t term = BUF_INIT;
        docdata_id_term(out->hits[first + i].doc.id, &term);
        xs_status_t st = term.failed ? XS_NO_MEMORY
                                     : xs_query_term(term.data, term.len, 1, 0, &ids[i]);
        buf_free(&term);
        if (st != XS_OK)
            goto oom;
    }
    if (ids == NULL || xs_query_combine(XS_OP_OR, (const xs_query_t *const *)ids, n, 0, &among)
                           != XS_OK)
        goto oom;
    const xs_query_t *pair[2] = { all, among };
    if (xs_query_combine(XS_OP_FILTER, pair, 2, 0, &both) != XS_OK)
        goto oom;
    xs_search_options_init(&xo);
    xo.limit = (unsigned)n;
    xo.skip_values = 1;
    if (xs_db_search(s->db, both, &xo, &results) != XS_OK) {
        *errmsg = message("search failed in '%s': %s", s->db_path, xs_db_last_error(s->db));
        goto done;
    }
    for (size_t i = first; i < out->hit_count; i++) {
        out->hits[i].has_all_words = 0;
        for (size_t k = 0; k < xs_results_size(results); k++)
            if (xs_results_docid(results, k) == out->hits[i].docid)
                out->hits[i].has_all_words = 1;
    }
    rc = 0;
    goto done;
oom:
    *errmsg = strdup("out of memory");
done:
    for (size_t i = 0; ids && i < n; i++)
        xs_query_destroy(ids[i]);
    free(ids);
    xs_query_destroy(among);
    xs_query_destroy(both);
    xs_results_destroy(results);
    return rc;
}

/* Context for count_words(). */
typedef struct {
    buf_t *list;               /* the first words, for --explain */
    unsigned count;
} expansion_t;

static int count_word(void *ctx, const char *term, size_t len, unsigned doc_freq)
{
    expansion_t *e = ctx;

    (void)doc_freq;
    if (e->list && e->count < 20) {
        buf_puts(e->list, e->count ? ", " : " ");
        buf_append(e->list, term, len);
    }
    return ++e->count > QUERY_WILDCARD_MAX_TERMS;
}

/* Checks that each wildcard of QUERY expands to at most
 * QUERY_WILDCARD_MAX_TERMS body words, and lists the words in EXPLAIN (may
 * be NULL).  Returns 0, or -1 with *errmsg set. */
static int check_wildcards(searcher_t *s, const query_t *query, buf_t *explain,
                           char **errmsg)
{
    for (size_t i = 0; i < query->wildcard_count; i++) {
        expansion_t e = { explain, 0 };
        buf_t m = BUF_INIT;

        if (explain)
            buf_printf(explain, "wildcard %s* expands to:", query->wildcards[i]);
        if (xs_db_each_term(s->db, query->wildcards[i], count_word, &e) != XS_OK) {
            *errmsg = message("search failed in '%s': %s", s->db_path, xs_db_last_error(s->db));
            return -1;
        }
        if (e.count > QUERY_WILDCARD_MAX_TERMS) {
            buf_printf(&m, "'%s*' matches more than %d words: give more letters before the '*'",
                       query->wildcards[i], QUERY_WILDCARD_MAX_TERMS);
            *errmsg = buf_detach(&m);
            buf_free(&m);
            return -1;
        }
        if (explain)
            buf_printf(explain, "%s (%u word%s)\n", e.count > 20 ? ", ..." : e.count ? "" : " nothing",
                       e.count, e.count == 1 ? "" : "s");
    }
    return 0;
}

/* Whether STEM is a word of the index (body, title or comments). */
static int known_stem(searcher_t *s, const char *stem)
{
    static const char *const prefixes[] = {
        PREFIX_STEM, PREFIX_STEM PREFIX_TITLE, PREFIX_STEM PREFIX_COMMENT
    };

    for (size_t i = 0; i < 3; i++) {
        buf_t term = BUF_INIT;
        unsigned freq = 0;
        buf_puts(&term, prefixes[i]);
        buf_puts(&term, stem);
        xs_status_t st = term.failed ? XS_NO_MEMORY
                                     : xs_db_term_freq(s->db, term.data, term.len, &freq);
        buf_free(&term);
        if (st != XS_OK || freq > 0)
            return 1;   /* when in doubt, suggest nothing */
    }
    return 0;
}

/* Words looked up for "did you mean", at most. */
#define SEARCH_MAX_SUGGESTIONS 16

/* "Did you mean": TEXT with each plain word of QUERY that the index does
 * not know (every word when NOTHING_FOUND) replaced by the closest word of
 * the index's spelling data, or NULL when there is no correction. */
static char *suggest(searcher_t *s, const query_t *query, const char *text,
                     size_t len, int nothing_found)
{
    buf_t out = BUF_INIT;
    size_t at = 0;
    int changed = 0;

    /* Each suggestion costs milliseconds: a few words are enough. */
    for (size_t i = 0; i < query->word_count && i < SEARCH_MAX_SUGGESTIONS; i++) {
        const query_word_t *w = &query->words[i];
        char *better = NULL;

        if (!nothing_found && known_stem(s, w->stem))
            continue;
        if (xs_db_spelling_suggestion(s->db, w->word, strlen(w->word), 2, &better) != XS_OK
            || better == NULL || *better == '\0' || strcmp(better, w->word) == 0) {
            xs_free(better);
            continue;
        }
        buf_append(&out, text + at, w->start - at);
        buf_puts(&out, better);
        at = w->end;
        changed = 1;
        xs_free(better);
    }
    if (!changed || out.failed) {
        buf_free(&out);
        return NULL;
    }
    buf_append(&out, text + at, len - at);
    return buf_detach(&out);
}

/* Context for feedback(). */
typedef struct {
    const query_t *query;
    xs_query_t *terms[SEARCH_FEEDBACK_TERMS];
    size_t count;
    buf_t *explain;            /* the stems chosen, for --explain; or NULL */
} feedback_t;

/* A stem worth adding: a body stem (Z then a lower-case word: field
 * prefixes are upper case), not a number or a stopword, not a word the
 * query already has. */
static int feedback_accept(void *ctx, const char *term, size_t len)
{
    const feedback_t *f = ctx;
    size_t prefix = strlen(PREFIX_STEM), n = len - prefix;
    const char *stem = term + prefix;

    if (len < prefix + 2 || memcmp(term, PREFIX_STEM, prefix) != 0
        || (*stem >= 'A' && *stem <= 'Z') || (*stem >= '0' && *stem <= '9')
        || stopword_is(stem, n))
        return 0;
    for (size_t i = 0; i < f->query->word_count; i++)
        if (strlen(f->query->words[i].stem) == n && memcmp(f->query->words[i].stem, stem, n) == 0)
            return 0;
    return 1;
}

static void feedback_term(void *ctx, const char *term, size_t len, double weight)
{
    feedback_t *f = ctx;

    (void)weight;               /* the order is enough: each weighs the same */
    if (f->count < SEARCH_FEEDBACK_TERMS
        && xs_query_term(term, len, 1, 0, &f->terms[f->count]) == XS_OK)
        f->count++;
    if (f->explain)
        buf_printf(f->explain, " %.*s", (int)(len - strlen(PREFIX_STEM)),
                   term + strlen(PREFIX_STEM));
}

/* Pseudo-relevance feedback: the SEARCH_FEEDBACK_TERMS stems that best mark
 * the SEARCH_FEEDBACK_DOCS best articles for QUERY's words (by score, as
 * --any ranks them) re-rank its matches, each weighing
 * SEARCH_FEEDBACK_WEIGHT as much as a query word: articles on the same
 * subject in other words rise, and no article is added or removed.  A
 * query without plain words is left as it is.  Returns 0, or -1 with
 * *errmsg set. */
static int feedback(searcher_t *s, query_t *query, buf_t *explain, char **errmsg)
{
    feedback_t f = { query, { NULL }, 0, explain };
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    xs_query_t *top = NULL, *extra = NULL;
    unsigned docids[SEARCH_FEEDBACK_DOCS];
    size_t n = 0;
    int rc = -1;

    if (query->word_count == 0)
        return 0;
    ranking_options(s, &xo);
    xo.limit = SEARCH_FEEDBACK_DOCS;
    xo.skip_values = 1;
    if (s->filter && (top = restricted(s, query->any)) == NULL)
        goto oom;
    if (xs_db_search(s->db, top ? top : query->any, &xo, &results) != XS_OK)
        goto failed;
    for (n = 0; n < xs_results_size(results); n++)
        docids[n] = xs_results_docid(results, n);
    if (explain)
        buf_printf(explain, "feedback from the %zu best articles:", n);
    if (xs_db_expand(s->db, docids, n, SEARCH_FEEDBACK_TERMS, feedback_accept,
                     feedback_term, &f) != XS_OK)
        goto failed;
    if (explain)
        buf_puts(explain, f.count ? "\n" : " nothing\n");
    if (f.count > 0) {
        xs_query_t *all = NULL, *any = NULL, *scaled = NULL;
        if (xs_query_combine(XS_OP_OR, (const xs_query_t *const *)f.terms, f.count, 0,
                             &extra) != XS_OK
            || xs_query_scale(extra, SEARCH_FEEDBACK_WEIGHT, &scaled) != XS_OK)
            goto oom;
        const xs_query_t *with_all[2] = { query->all, scaled };
        const xs_query_t *with_any[2] = { query->any, scaled };
        if (xs_query_combine(XS_OP_AND_MAYBE, with_all, 2, 0, &all) != XS_OK
            || xs_query_combine(XS_OP_AND_MAYBE, with_any, 2, 0, &any) != XS_OK) {
            xs_query_destroy(all);
            xs_query_destroy(scaled);
            goto oom;
        }
        xs_query_destroy(scaled);
        xs_query_destroy(query->all);
        xs_query_destroy(query->any);
        query->all = all;
        query->any = any;
    }
    rc = 0;
    goto done;
oom:
    *errmsg = strdup("out of memory");
    goto done;
failed:
    *errmsg = message("search failed in '%s': %s", s->db_path, xs_db_last_error(s->db));
done:
    for (size_t i = 0; i < f.count; i++)
        xs_query_destroy(f.terms[i]);
    xs_query_destroy(extra);
    xs_query_destroy(top);
    xs_results_destroy(results);
    return rc;
}

/* Appends Xapian's description of Q to EXPLAIN under NAME. */
static void describe(buf_t *explain, const char *name, const xs_query_t *q)
{
    char *d = xs_query_describe(q);

    buf_printf(explain, "%s: %s\n", name, d ? d : "(out of memory)");
    xs_free(d);
}

int searcher_run(searcher_t *s, const char *text, size_t len,
                 const search_options_t *opts, search_result_t *out,
                 char **errmsg)
{
    query_t query;
    xs_query_t *rest = NULL, *dated = NULL, *with_date = NULL;
    matcher_t *matcher = NULL;
    buf_t explain = BUF_INIT;
    int rc = -1;

    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    if (query_parse_in(s->analyzer, searcher_fields(s), text, len, s->mode, &query,
                       errmsg) != 0)
        return -1;
    out->group_count = query.group_count;
    if (s->explain)
        buf_puts(&explain, query.explain);
    if (check_wildcards(s, &query, s->explain ? &explain : NULL, errmsg) != 0)
        goto done;
    /* Feedback changes scores only: not worth a search when sorting by
     * date or only counting. */
    if ((s->feedback == SEARCH_FEEDBACK_ON
         || (s->feedback == SEARCH_FEEDBACK_AUTO
             && query.word_count >= SEARCH_FEEDBACK_MIN_WORDS))
        && s->sort == SEARCH_BY_RELEVANCE && opts->limit > 0
        && feedback(s, &query, s->explain ? &explain : NULL, errmsg) != 0)
        goto done;

    /* The hits' snippets mark what the one matcher finds (match.h). */
    if (opts->snippet_chars && opts->limit
        && (matcher = matcher_new(s->analyzer, query.terms, query.term_count)) == NULL)
        goto oom;
    out->counts_exact = 1;
    out->sort = s->sort;
    int one_group = query.group_count <= 1;
    if (s->sort != SEARCH_BY_RELEVANCE) {
        /* By date: strictly chronological over every match (with every
         * word or not), then the undated, by score, counted apart. */
        const xs_query_t *base = s->mode == QUERY_ALL || one_group ? query.all : query.any;
        const xs_query_t *pair[2] = { base, NULL };
        if (xs_query_value_range(SLOT_DATE, "0", NULL, &dated) != XS_OK)
            goto oom;
        pair[1] = dated;
        if (xs_query_combine(XS_OP_FILTER, pair, 2, 0, &with_date) != XS_OK
            || xs_query_combine(XS_OP_AND_NOT, pair, 2, 0, &rest) != XS_OK)
            goto oom;
        pass_t passes[2] = { { with_date, base == query.all, 1, NULL },
                             { rest, base == query.all, 0, &out->undated } };
        if (s->explain) {
            buf_printf(&explain, "ranking: %s, %s first; undated articles last, by BM25 "
                       "score\n", base == query.all ? "articles with every word"
                                                    : "articles with any word",
                       s->sort == SEARCH_NEWEST_FIRST ? "newest" : "oldest");
            describe(&explain, "Xapian query", base);
        }
        if (run_passes(s, matcher, passes, 2, opts, out, errmsg) != 0)
            goto done;
        if (base == query.all)
            out->all_words = out->matches;
        else if (count_only(s, query.all, opts, out, &out->all_words, errmsg) != 0
                 || mark_all_words(s, query.all, out, 0, errmsg) != 0)
            goto done;
    } else if (s->mode == QUERY_ANY) {
        /* One pass by score; the count of articles with every word is only
         * counted. */
        pass_t pass = { query.any, 0, 0, NULL };
        if (s->explain) {
            buf_puts(&explain, "ranking: any word, by BM25 score\n");
            describe(&explain, "Xapian query", query.any);
        }
        if (run_passes(s, matcher, &pass, 1, opts, out, errmsg) != 0
            || (!one_group
                && count_only(s, query.all, opts, out, &out->all_words, errmsg) != 0))
            goto done;
        if (one_group)
            out->all_words = out->matches;
    } else if (s->mode == QUERY_ALL || one_group) {
        pass_t pass = { query.all, 1, 0, NULL };
        if (s->explain) {
            buf_puts(&explain, "ranking: articles with every word, by BM25 score\n");
            describe(&explain, "Xapian query", query.all);
        }
        if (run_passes(s, matcher, &pass, 1, opts, out, errmsg) != 0)
            goto done;
        out->all_words = out->matches;
    } else {
        /* Articles with every word, then the rest, which rank below them
         * whatever their score, as a reader of three words expects. */
        const xs_query_t *pair[2] = { query.any, query.all };
        if (xs_query_combine(XS_OP_AND_NOT, pair, 2, 0, &rest) != XS_OK)
            goto oom;
        pass_t passes[2] = { { query.all, 1, 0, &out->all_words }, { rest, 0, 0, NULL } };
        if (s->explain) {
            buf_puts(&explain, "ranking: articles with every word first, then those with some, "
                     "each by BM25 score\n");
            describe(&explain, "Xapian query (every word)", query.all);
            describe(&explain, "Xapian query (some words)", query.any);
        }
        if (run_passes(s, matcher, passes, 2, opts, out, errmsg) != 0)
            goto done;
    }
    rc = 0;
    goto done;
oom:
    *errmsg = strdup("out of memory");
done:
    if (rc == 0) {
        out->suggestion = suggest(s, &query, text, len, out->matches == 0);
        if (s->explain && out->suggestion)
            buf_printf(&explain, "did you mean: %s\n", out->suggestion);
        if (s->explain && (explain.failed || (out->explain = buf_detach(&explain)) == NULL)) {
            *errmsg = strdup("out of memory");
            rc = -1;
        }
    }
    buf_free(&explain);
    xs_query_destroy(rest);
    xs_query_destroy(dated);
    xs_query_destroy(with_date);
    matcher_free(matcher);
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
    free(r->explain);
    free(r->suggestion);
    memset(r, 0, sizeof *r);
}
