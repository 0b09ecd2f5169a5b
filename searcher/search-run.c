/* search-run.c: running a parsed query: the ranking passes (all words,
 * then some), exact counts, hits with their snippets, pseudo-relevance
 * feedback, "did you mean" and --explain (searcher_run() in search.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"
#include "search-private.h"

/* One run of a query: what every pass needs. */
typedef struct {
    searcher_t *s;
    const search_options_t *opts;
    matcher_t *matcher;        /* makes the hits' snippets; NULL: none */
    search_result_t *out;
    size_t passes;             /* the passes run_passes() is running */
} run_t;

static search_status_t no_memory(searcher_t *s)
{
    return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
}

/* Appends the hit DOCID (weight WEIGHT, stored data DATA[0..LEN)) to the
 * run's hits, ranked RANK, decoded, with its copies and snippet. */
static search_status_t add_hit(run_t *run, unsigned docid, double weight, const char *data,
                               size_t data_len, int has_all_words, unsigned rank)
{
    search_result_t *out = run->out;
    const search_options_t *opts = run->opts;
    char *errmsg = NULL;
    hit_t *hits = realloc(out->hits, (out->hit_count + 1) * sizeof *hits);

    if (hits == NULL)
        return no_memory(run->s);
    out->hits = hits;
    hit_t *hit = &out->hits[out->hit_count];
    memset(hit, 0, sizeof *hit);
    hit->rank = rank;
    hit->docid = docid;
    hit->score = weight;
    hit->has_all_words = has_all_words;
    if (docdata_decode(data, data_len, opts->snippet_chars > 0 || opts->marks, &hit->doc,
                       &errmsg) != 0) {
        /* A stored document that cannot be read is a damaged index. */
        search_status_t status = errmsg ? search_fail(run->s, SEARCH_INDEX_ERROR, "search failed in '%s': %s", run->s->db_path, errmsg)
                                        : no_memory(run->s);
        free(errmsg);
        return status;
    }
    out->hit_count++;
    if (opts->copies) {
        search_status_t status = search_find_copies(run->s, hit);
        if (status != SEARCH_OK)
            return status;
    }
    if (run->matcher && opts->snippet_chars
        && snippet_make(run->matcher, hit->doc.text, hit->doc.text_len, opts->snippet_chars,
                        &hit->snippet) != 0)
        return no_memory(run->s);
    if (run->matcher && opts->marks
        && matcher_marks(run->matcher, hit->doc.text, hit->doc.text_len, &hit->marks,
                         &hit->mark_count) != 0)
        return no_memory(run->s);
    return SEARCH_OK;
}

/* Appends the results of RESULTS to the run's hits, ranked from
 * FIRST_RANK. */
static search_status_t add_hits(run_t *run, const xs_results_t *results, int has_all_words,
                                unsigned first_rank)
{
    search_status_t status = SEARCH_OK;

    for (size_t i = 0; i < xs_results_size(results) && status == SEARCH_OK; i++) {
        size_t len;
        const char *data = xs_results_data(results, i, &len);
        status = add_hit(run, xs_results_docid(results, i), xs_results_weight(results, i), data,
                         len, has_all_words, first_rank + (unsigned)i);
    }
    return status;
}

/* Appends the page of Q's stories that EARLIER has none of
 * (search_new_stories()) to the run's hits, ranked from FIRST_RANK. */
static search_status_t add_new_stories(run_t *run, const xs_query_t *q, const xs_query_t *earlier,
                                       const xs_search_options_t *xo, unsigned offset,
                                       unsigned limit, int has_all_words, unsigned first_rank)
{
    searcher_t *s = run->s;
    search_pick_t *picks = NULL;
    size_t count = 0;
    xs_query_t *filtered = NULL;
    search_status_t status;

    if (s->filter && (earlier = filtered = search_restricted(s, earlier)) == NULL)
        return no_memory(s);
    status = search_new_stories(s, q, earlier, xo, offset, limit, &picks, &count);
    for (size_t i = 0; i < count && status == SEARCH_OK; i++) {
        char *data = NULL;
        size_t len = 0;
        xs_status_t st = xs_db_document_data(s->db, picks[i].docid, &data, &len);
        status = st != XS_OK ? search_index_failed(s, st)
                             : add_hit(run, picks[i].docid, picks[i].weight, data, len,
                                       has_all_words, first_rank + (unsigned)i);
        xs_free(data);
    }
    free(picks);
    xs_query_destroy(filtered);
    return status;
}

/* What collect() counted of a pass. */
typedef struct {
    unsigned matches;          /* articles */
    unsigned stories;          /* collapsing: the stories they make, exact
                                  up to the page's end; else the articles */
    int stories_exact;         /* 1: stories is exact */
} tally_t;

/* Runs Q (ordered by date when BY_DATE, else by score) and appends its
 * results to the run's hits, ranked from FIRST_RANK; collapsing
 * (opts->collapse), one per story, and with EARLIER (the passes before,
 * or NULL) only the stories it has none of.  *T gets the counts, and
 * *EXACT is cleared when the number of matches is Xapian's estimate. */
static search_status_t collect(run_t *run, const xs_query_t *q, const xs_query_t *earlier,
                               unsigned offset, unsigned limit, int has_all_words, int by_date,
                               unsigned first_rank, tally_t *t, int *exact)
{
    searcher_t *s = run->s;
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    xs_query_t *filtered = NULL;
    search_status_t status;
    /* Only a page is collapsed: the stories of a count are counted
     * (run_passes()). */
    int collapse = run->opts->collapse && limit > 0;

    search_ranking_options(s, &xo);
    xo.offset = offset;
    xo.limit = collapse && earlier ? 0 : limit;
    /* Hits are read from their stored data; copying values was a fifth of
     * a search without snippets. */
    xo.skip_values = 1;
    /* Exact up to the page's end; the count after, if need be. */
    xo.check_at_least = offset + limit;
    if (collapse)
        xo.collapse_slot = SLOT_GROUP;
    if (by_date) {
        xo.sort_slot = SLOT_DATE;
        xo.sort_descending = s->sort == SEARCH_NEWEST_FIRST;
    }
    if (s->filter) {
        if ((filtered = search_restricted(s, q)) == NULL)
            return no_memory(s);
        q = filtered;
    }
    if ((status = search_within(s, q, &xo, 0, &results)) != SEARCH_OK) {
        xs_query_destroy(filtered);
        return status;
    }
    t->matches = collapse ? xs_results_uncollapsed_estimated(results)
                          : xs_results_matches_estimated(results);
    t->stories = collapse ? xs_results_matches_estimated(results) : t->matches;
    t->stories_exact = collapse
                       && xs_results_matches_lower(results) == xs_results_matches_upper(results);
    /* A later pass's page starts after this pass's stories: they must be
     * exact unless the page ends within them. */
    int stories_needed = collapse && !t->stories_exact
                         && xs_results_matches_lower(results) < offset + limit;
    int matches_needed = collapse ? xs_results_uncollapsed_lower(results)
                                        != xs_results_uncollapsed_upper(results)
                                  : xs_results_matches_lower(results)
                                        != xs_results_matches_upper(results);
    if (matches_needed && run->opts->skip_counts) {
        *exact = 0;
        matches_needed = 0;
    }
    /* Collapsing one pass, one count gives both the articles and the
     * stories, which search_count_stories() then need not count again (a
     * second pass over every match doubled a heavy query's cost).  Of two
     * passes the stories are counted over both at once instead. */
    if (stories_needed || (matches_needed && collapse && run->passes == 1)) {
        int complete = 1;
        status = search_count(s, run->opts, q, &t->matches, &t->stories, &complete);
        t->stories_exact = complete;
        if (matches_needed && !complete)
            *exact = 0;
    } else if (matches_needed)
        status = search_count(s, run->opts, q, &t->matches, NULL, exact);
    if (status == SEARCH_OK && collapse && earlier) {
        xo.limit = limit;
        status = add_new_stories(run, q, earlier, &xo, offset, limit, has_all_words, first_rank);
    } else if (status == SEARCH_OK)
        status = add_hits(run, results, has_all_words, first_rank);
    xs_results_destroy(results);
    xs_query_destroy(filtered);
    return status;
}

/* One search of a run: its matches rank after those of the passes before. */
typedef struct {
    const xs_query_t *q;
    int has_all_words;         /* 1: every match has every word; -1: not known */
    int by_date;               /* ordered by date (searcher_restrict()) */
    unsigned *count;           /* where its number of matches goes too, or NULL */
} pass_t;

/* Runs the COUNT PASSES (one or two) in order, the page (opts->offset,
 * opts->limit) running on across them; every pass is run, for its count.
 * The run's matches is their sum.  Collapsing, the page is of stories: a
 * story the first pass holds is not shown again by the second; EVERY is
 * what the passes run together (NULL: the one pass's query). */
static search_status_t run_passes(run_t *run, const pass_t *passes, size_t count,
                                  const xs_query_t *every)
{
    search_result_t *out = run->out;
    unsigned before = 0;     /* hits (articles or stories) of the passes run so far */
    unsigned matches = 0, stories = 0;
    int stories_exact = 1;

    run->passes = count;
    for (size_t i = 0; i < count; i++) {
        unsigned offset = run->opts->offset > before ? run->opts->offset - before : 0;
        unsigned limit = run->opts->limit - (unsigned)out->hit_count;
        tally_t t = { 0, 0, 0 };
        search_status_t status = collect(run, passes[i].q, i > 0 ? passes[0].q : NULL, offset,
                                         limit, passes[i].has_all_words, passes[i].by_date,
                                         before + offset + 1, &t, &out->counts_exact);
        if (status != SEARCH_OK)
            return status;
        if (passes[i].count)
            *passes[i].count = t.matches;
        matches += t.matches;
        before += t.stories;
        stories += t.stories;
        stories_exact &= t.stories_exact;
    }
    out->matches = matches;
    return run->opts->collapse ? search_count_stories(run->s, run->opts, every ? every : passes[0].q,
                                                      count, stories, stories_exact, out)
                               : SEARCH_OK;
}

/* Counts the matches of Q into *COUNT (exact as collect() makes it). */
static search_status_t count_only(run_t *run, const xs_query_t *q, unsigned *count)
{
    tally_t t = { 0, 0, 0 };
    search_status_t status = collect(run, q, NULL, 0, 0, 0, 0, 1, &t, &run->out->counts_exact);

    *count = t.matches;
    return status;
}

/* Sets has_all_words for the hits of the run from FIRST on, which a pass
 * over articles with some words gave: those that ALL (the query for every
 * word) matches too.  One search, among those hits only (by their id
 * terms). */
static search_status_t mark_all_words(run_t *run, const xs_query_t *all, size_t first)
{
    searcher_t *s = run->s;
    search_result_t *out = run->out;
    size_t n = out->hit_count - first;
    xs_query_t **ids, *among = NULL, *both = NULL;
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    search_status_t status = SEARCH_NO_MEMORY;
    xs_status_t st;

    if (n == 0)
        return SEARCH_OK;
    if ((ids = calloc(n, sizeof *ids)) == NULL)
        return no_memory(s);
    for (size_t i = 0; i < n; i++) {
        buf_t term = BUF_INIT;
        docdata_id_term(out->hits[first + i].doc.id, &term);
        st = term.failed ? XS_NO_MEMORY : xs_query_term(term.data, term.len, 1, 0, &ids[i]);
        buf_free(&term);
        if (st != XS_OK)
            goto done;
    }
    if (xs_query_combine(XS_OP_OR, (const xs_query_t *const *)ids, n, 0, &among) != XS_OK)
        goto done;
    const xs_query_t *pair[2] = { all, among };
    if (xs_query_combine(XS_OP_FILTER, pair, 2, 0, &both) != XS_OK)
        goto done;
    xs_search_options_init(&xo);
    xo.limit = (unsigned)n;
    xo.skip_values = 1;
    if ((status = search_within(s, both, &xo, 0, &results)) != SEARCH_OK)
        goto done;
    for (size_t i = first; i < out->hit_count; i++) {
        out->hits[i].has_all_words = 0;
        for (size_t k = 0; k < xs_results_size(results); k++)
            if (xs_results_docid(results, k) == out->hits[i].docid)
                out->hits[i].has_all_words = 1;
    }
    status = SEARCH_OK;
done:
    if (status == SEARCH_NO_MEMORY)
        no_memory(s);
    for (size_t i = 0; i < n; i++)
        xs_query_destroy(ids[i]);
    free(ids);
    xs_query_destroy(among);
    xs_query_destroy(both);
    xs_results_destroy(results);
    return status;
}

/* Context for count_word(). */
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

/* Whether QUERY's wildcard I was listed before it (a wildcard typed twice
 * is searched once: query-tree.h). */
static int wildcard_repeated(const query_t *query, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(query->wildcards[j], query->wildcards[i]) == 0)
            return 1;
    return 0;
}

/* Checks that each wildcard of QUERY expands to at most
 * QUERY_WILDCARD_MAX_TERMS body words (SEARCH_TOO_BROAD, saying how to
 * narrow it), that there are at most QUERY_MAX_WILDCARDS different ones,
 * QUERY_MAX_EXPANSIONS words for all and QUERY_MAX_TERMS terms with the
 * query's own (SEARCH_TOO_COMPLEX), and lists the words in EXPLAIN (may
 * be NULL). */
static search_status_t check_wildcards(searcher_t *s, const query_t *query, buf_t *explain)
{
    size_t distinct = 0, words = 0;

    for (size_t i = 0; i < query->wildcard_count; i++)
        distinct += !wildcard_repeated(query, i);
    if (distinct > QUERY_MAX_WILDCARDS)
        return search_fail(s, SEARCH_TOO_COMPLEX, "query too complex: %zu different wildcards "
                           "(at most %d)", distinct, QUERY_MAX_WILDCARDS);
    for (size_t i = 0; i < query->wildcard_count; i++) {
        expansion_t e = { explain, 0 };
        xs_status_t st;

        if (wildcard_repeated(query, i))
            continue;
        if (explain)
            buf_printf(explain, "wildcard %s* expands to:", query->wildcards[i]);
        if ((st = xs_db_each_term(s->db, query->wildcards[i], count_word, &e)) != XS_OK)
            return search_index_failed(s, st);
        if (e.count > QUERY_WILDCARD_MAX_TERMS)
            return search_fail(s, SEARCH_TOO_BROAD, "'%s*' matches more than %d words: give "
                               "more letters before the '*'", query->wildcards[i],
                               QUERY_WILDCARD_MAX_TERMS);
        if (explain)
            buf_printf(explain, "%s (%u word%s)\n", e.count > 20 ? ", ..." : e.count ? "" : " nothing",
                       e.count, e.count == 1 ? "" : "s");
        words += e.count;
    }
    if (words > QUERY_MAX_EXPANSIONS)
        return search_fail(s, SEARCH_TOO_COMPLEX, "query too complex: the wildcards stand for "
                           "%zu words (at most %d)", words, QUERY_MAX_EXPANSIONS);
    if (words + query->term_nodes > QUERY_MAX_TERMS)
        return search_fail(s, SEARCH_TOO_COMPLEX, "query too complex: %zu terms to look up, "
                           "the wildcards' words included (at most %d)",
                           words + query->term_nodes, QUERY_MAX_TERMS);
    return SEARCH_OK;
}

/* The articles that have STEM (body, title or comments: the most of the
 * three), or UINT_MAX when that cannot be read (then nothing is
 * corrected). */
static unsigned stem_freq(searcher_t *s, const char *stem)
{
    static const char *const prefixes[] = {
        PREFIX_STEM, PREFIX_STEM PREFIX_TITLE, PREFIX_STEM PREFIX_COMMENT
    };
    unsigned most = 0;

    for (size_t i = 0; i < 3; i++) {
        buf_t term = BUF_INIT;
        unsigned freq = 0;
        buf_puts(&term, prefixes[i]);
        buf_puts(&term, stem);
        xs_status_t st = term.failed ? XS_NO_MEMORY
                                     : xs_db_term_freq(s->db, term.data, term.len, &freq);
        buf_free(&term);
        if (st != XS_OK)
            return UINT_MAX;   /* when in doubt, suggest nothing */
        if (freq > most)
            most = freq;
    }
    return most;
}

/* Words looked up for "did you mean", at most. */
#define SEARCH_MAX_SUGGESTIONS 16
/* How many times more a corrected query must match to be suggested. */
#define SEARCH_SUGGEST_RATIO 10

/* Whether the word typed as TEXT[START..END) is an operator (AND, NEAR/8's
 * NEAR and 8): never "corrected".  (Field names never reach here: the
 * lexer takes a known one and refuses an unknown one.) */
static int is_operator(const char *text, size_t len, size_t start, size_t end)
{
    static const char *const operators[] = { "AND", "OR", "NOT", "NEAR", "ADJ" };
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
        if (strlen(operators[i]) == end - start && memcmp(text + start, operators[i], end - start) == 0)
            return 1;
    return (end < len && text[end] == '/') || (start > 0 && text[start - 1] == '/');
}

/* The articles with every word of the query TEXT (its all-words count), or
 * 0 when it cannot be counted. */
static unsigned count_all_words(searcher_t *s, const search_options_t *opts, const char *text)
{
    query_t *q = NULL;
    xs_query_t *all = NULL, *any = NULL;
    search_result_t scratch;
    unsigned n = 0;

    memset(&scratch, 0, sizeof scratch);
    run_t run = { s, opts, NULL, &scratch, 0 };
    if (searcher_parse(s, text, strlen(text), &q) == SEARCH_OK
        && search_query_build_pair(q->all, q->any, &all, &any) == 0
        && count_only(&run, all, &n) != SEARCH_OK)
        n = 0;
    xs_query_destroy(all);
    xs_query_destroy(any);
    searcher_query_free(q);
    return n;
}

/* "Did you mean": QUERY's text with its plain words replaced by the closest
 * words of the index's spelling data, when that query would find markedly
 * more articles with every word: some where the query as typed finds none,
 * else SEARCH_SUGGEST_RATIO times as many (goverment: 1, government:
 * 512).  A word is only replaced by one SEARCH_SUGGEST_RATIO
 * times as common (a word the index lacks by any it has), never by one of
 * its own stem, and operators and field names are left as typed.  NULL
 * when there is no such correction. */
static char *suggest(searcher_t *s, const search_options_t *opts, const query_t *query,
                     const search_result_t *typed)
{
    buf_t out = BUF_INIT;
    size_t at = 0;
    int changed = 0;
    unsigned documents = 0;

    if (xs_db_doc_count(s->db, &documents) != XS_OK)
        return NULL;
    /* Each suggestion costs milliseconds: a few words are enough. */
    for (size_t i = 0; i < query->word_count && i < SEARCH_MAX_SUGGESTIONS; i++) {
        const query_word_t *w = &query->words[i];
        char *better = NULL;
        const char *stem;
        size_t stem_len;

        if (is_operator(query->text, query->len, w->start, w->end))
            continue;
        unsigned freq = stem_freq(s, w->stem);
        /* A word in a tenth of the articles cannot be bettered tenfold; and
         * the words of a sentence (4 or more), whose every word is seldom
         * all found, are only looked up when the index lacks them: a look-up
         * costs a millisecond, and a batch of sentences pays it per word. */
        if (freq == UINT_MAX
            || (freq > 0 && ((unsigned long)freq * SEARCH_SUGGEST_RATIO > documents
                             || query->word_count >= SEARCH_FEEDBACK_MIN_WORDS)))
            continue;
        if (xs_db_spelling_suggestion(s->db, w->word, strlen(w->word), 2, &better) != XS_OK
            || better == NULL || *better == '\0' || strcmp(better, w->word) == 0
            || analyzer_stem(s->analyzer, better, strlen(better), &stem, &stem_len) != 0
            || strcmp(stem, w->stem) == 0) {
            xs_free(better);
            continue;
        }
        unsigned better_freq = stem_freq(s, stem);
        if (better_freq == UINT_MAX
            || better_freq < (freq ? (unsigned long)freq * SEARCH_SUGGEST_RATIO : 1)) {
            xs_free(better);
            continue;
        }
        buf_append(&out, query->text + at, w->start - at);
        buf_puts(&out, better);
        at = w->end;
        changed = 1;
        xs_free(better);
    }
    if (changed)
        buf_append(&out, query->text + at, query->len - at);
    buf_putc(&out, '\0');
    if (!changed || out.failed) {
        buf_free(&out);
        return NULL;
    }
    /* The words bettered one by one; the query as a whole must be too. */
    unsigned corrected = count_all_words(s, opts, out.data);
    if (corrected == 0
        || (unsigned long)corrected < (unsigned long)typed->all_words * SEARCH_SUGGEST_RATIO) {
        buf_free(&out);
        return NULL;
    }
    return buf_detach(&out);
}

/* Context for feedback(). */
typedef struct {
    const query_t *query;
    const analyzer_t *analyzer;    /* whose stopwords are not added */
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
        || analyzer_is_stopword(f->analyzer, stem, n))
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
 * --any ranks them) re-rank its matches *ALL and *ANY (replaced), each
 * weighing SEARCH_FEEDBACK_WEIGHT as much as a query word: articles on the
 * same subject in other words rise, and no article is added or removed.
 * A query without plain words is left as it is. */
static search_status_t feedback(searcher_t *s, const query_t *query, xs_query_t **all,
                                xs_query_t **any, buf_t *explain)
{
    feedback_t f = { query, s->analyzer, { NULL }, 0, explain };
    xs_search_options_t xo;
    xs_results_t *results = NULL;
    xs_query_t *top = NULL, *extra = NULL, *scaled = NULL, *with_all = NULL, *with_any = NULL;
    unsigned docids[SEARCH_FEEDBACK_DOCS];
    size_t n = 0;
    search_status_t status = SEARCH_NO_MEMORY;
    xs_status_t st;

    if (query->word_count == 0)
        return SEARCH_OK;
    search_ranking_options(s, &xo);
    xo.limit = SEARCH_FEEDBACK_DOCS;
    xo.skip_values = 1;
    if (s->filter && (top = search_restricted(s, *any)) == NULL)
        goto done;
    if ((status = search_within(s, top ? top : *any, &xo, 0, &results)) != SEARCH_OK)
        goto done;
    status = SEARCH_NO_MEMORY;
    for (n = 0; n < xs_results_size(results); n++)
        docids[n] = xs_results_docid(results, n);
    if (explain)
        buf_printf(explain, "feedback from the %zu best articles:", n);
    if ((st = xs_db_expand(s->db, docids, n, SEARCH_FEEDBACK_TERMS, feedback_accept,
                           feedback_term, &f)) != XS_OK) {
        status = search_index_failed(s, st);
        goto done;
    }
    if (explain)
        buf_puts(explain, f.count ? "\n" : " nothing\n");
    if (f.count > 0) {
        if (xs_query_combine(XS_OP_OR, (const xs_query_t *const *)f.terms, f.count, 0,
                             &extra) != XS_OK
            || xs_query_scale(extra, SEARCH_FEEDBACK_WEIGHT, &scaled) != XS_OK)
            goto done;
        const xs_query_t *pair_all[2] = { *all, scaled };
        const xs_query_t *pair_any[2] = { *any, scaled };
        if (xs_query_combine(XS_OP_AND_MAYBE, pair_all, 2, 0, &with_all) != XS_OK
            || xs_query_combine(XS_OP_AND_MAYBE, pair_any, 2, 0, &with_any) != XS_OK)
            goto done;
        xs_query_destroy(*all);
        xs_query_destroy(*any);
        *all = with_all;
        *any = with_any;
        with_all = with_any = NULL;
    }
    status = SEARCH_OK;
done:
    if (status == SEARCH_NO_MEMORY)
        no_memory(s);
    for (size_t i = 0; i < f.count; i++)
        xs_query_destroy(f.terms[i]);
    xs_query_destroy(extra);
    xs_query_destroy(scaled);
    xs_query_destroy(with_all);
    xs_query_destroy(with_any);
    xs_query_destroy(top);
    xs_results_destroy(results);
    return status;
}

/* Appends Xapian's description of Q to EXPLAIN under NAME. */
static void describe(buf_t *explain, const char *name, const xs_query_t *q)
{
    char *d = xs_query_describe(q);

    buf_printf(explain, "%s: %s\n", name, d ? d : "(out of memory)");
    xs_free(d);
}

/* By date: strictly chronological over every match (with every word or
 * not), then the undated, by score, counted apart. */
static search_status_t run_by_date(run_t *run, const query_t *query, const xs_query_t *all,
                                   const xs_query_t *any, buf_t *explain)
{
    searcher_t *s = run->s;
    search_result_t *out = run->out;
    int every = s->mode == QUERY_ALL || query->group_count <= 1;
    const xs_query_t *base = every ? all : any;
    xs_query_t *dated = NULL, *with_date = NULL, *rest = NULL;
    search_status_t status = SEARCH_NO_MEMORY;

    const xs_query_t *pair[2] = { base, NULL };
    if (xs_query_value_range(SLOT_DATE, "0", NULL, &dated) != XS_OK)
        goto done;
    pair[1] = dated;
    if (xs_query_combine(XS_OP_FILTER, pair, 2, 0, &with_date) != XS_OK
        || xs_query_combine(XS_OP_AND_NOT, pair, 2, 0, &rest) != XS_OK)
        goto done;
    pass_t passes[2] = { { with_date, every, 1, NULL }, { rest, every, 0, &out->undated } };
    if (explain) {
        buf_printf(explain, "ranking: %s, %s first; undated articles last, by BM25 "
                   "score\n", every ? "articles with every word" : "articles with any word",
                   s->sort == SEARCH_NEWEST_FIRST ? "newest" : "oldest");
        describe(explain, "Xapian query", base);
    }
    if ((status = run_passes(run, passes, 2, base)) != SEARCH_OK)
        goto done;
    if (every)
        out->all_words = out->matches;
    else if ((status = count_only(run, all, &out->all_words)) == SEARCH_OK)
        status = mark_all_words(run, all, 0);
done:
    if (status == SEARCH_NO_MEMORY)
        no_memory(s);
    xs_query_destroy(dated);
    xs_query_destroy(with_date);
    xs_query_destroy(rest);
    return status;
}

/* By score: one pass, or articles with every word then the rest. */
static search_status_t run_by_score(run_t *run, const query_t *query, const xs_query_t *all,
                                    const xs_query_t *any, buf_t *explain)
{
    searcher_t *s = run->s;
    search_result_t *out = run->out;
    int one_group = query->group_count <= 1;
    search_status_t status;

    if (s->mode == QUERY_ANY) {
        /* One pass by score; the count of articles with every word is only
         * counted. */
        pass_t pass = { any, 0, 0, NULL };
        if (explain) {
            buf_puts(explain, "ranking: any word, by BM25 score\n");
            describe(explain, "Xapian query", any);
        }
        if ((status = run_passes(run, &pass, 1, NULL)) == SEARCH_OK && !one_group)
            status = count_only(run, all, &out->all_words);
        if (one_group)
            out->all_words = out->matches;
        return status;
    }
    if (s->mode == QUERY_ALL || one_group) {
        pass_t pass = { all, 1, 0, NULL };
        if (explain) {
            buf_puts(explain, "ranking: articles with every word, by BM25 score\n");
            describe(explain, "Xapian query", all);
        }
        status = run_passes(run, &pass, 1, NULL);
        out->all_words = out->matches;
        return status;
    }
    /* Articles with every word, then the rest, which rank below them
     * whatever their score, as a reader of three words expects. */
    const xs_query_t *pair[2] = { any, all };
    xs_query_t *rest = NULL;
    if (xs_query_combine(XS_OP_AND_NOT, pair, 2, 0, &rest) != XS_OK)
        return no_memory(s);
    pass_t passes[2] = { { all, 1, 0, &out->all_words }, { rest, 0, 0, NULL } };
    if (explain) {
        buf_puts(explain, "ranking: articles with every word first, then those with some, "
                 "each by BM25 score\n");
        describe(explain, "Xapian query (every word)", all);
        describe(explain, "Xapian query (some words)", any);
    }
    status = run_passes(run, passes, 2, any);
    xs_query_destroy(rest);
    return status;
}

search_status_t searcher_run(searcher_t *s, const query_t *query,
                             const search_options_t *opts, search_result_t *out)
{
    xs_query_t *all = NULL, *any = NULL;
    run_t run = { s, opts, NULL, out, 0 };
    buf_t explain = BUF_INIT, *ex = s->explain ? &explain : NULL;
    search_status_t status;

    memset(out, 0, sizeof *out);
    search_budget_start(s);
    out->group_count = query->group_count;
    if (search_query_build_pair(query->all, query->any, &all, &any) != 0) {
        status = no_memory(s);
        goto done;
    }
    buf_puts(&explain, s->explain ? query->explain : "");
    if ((status = check_wildcards(s, query, ex)) != SEARCH_OK)
        goto done;
    /* Feedback changes scores only: not worth a search when sorting by
     * date or only counting. */
    if ((s->feedback == SEARCH_FEEDBACK_ON
         || (s->feedback == SEARCH_FEEDBACK_AUTO
             && query->word_count >= SEARCH_FEEDBACK_MIN_WORDS))
        && s->sort == SEARCH_BY_RELEVANCE && opts->limit > 0
        && (status = feedback(s, query, &all, &any, ex)) != SEARCH_OK)
        goto done;
    /* The hits' snippets mark what the one matcher finds (match.h). */
    if ((opts->snippet_chars || opts->marks) && opts->limit
        && (run.matcher = matcher_new(s->analyzer, query->terms, query->term_count)) == NULL) {
        status = no_memory(s);
        goto done;
    }
    out->counts_exact = 1;
    out->sort = s->sort;
    status = s->sort != SEARCH_BY_RELEVANCE ? run_by_date(&run, query, all, any, ex)
                                            : run_by_score(&run, query, all, any, ex);
    if (status != SEARCH_OK)
        goto done;
    out->suggestion = opts->skip_suggestion ? NULL : suggest(s, opts, query, out);
    if (ex && out->suggestion)
        buf_printf(&explain, "did you mean: %s\n", out->suggestion);
    if (ex && (explain.failed || (out->explain = buf_detach(&explain)) == NULL))
        status = no_memory(s);
done:
    buf_free(&explain);
    xs_query_destroy(all);
    xs_query_destroy(any);
    matcher_free(run.matcher);
    if (status != SEARCH_OK)
        search_result_free(out);
    return status;
}

void search_result_free(search_result_t *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->hit_count; i++) {
        docdata_free(&r->hits[i].doc);
        snippet_free(&r->hits[i].snippet);
        for (size_t k = 0; k < r->hits[i].copy_count; k++) {
            free(r->hits[i].copies[k].id);
            free(r->hits[i].copies[k].source);
        }
        free(r->hits[i].copies);
        free(r->hits[i].marks);
    }
    free(r->hits);
    free(r->explain);
    free(r->suggestion);
    memset(r, 0, sizeof *r);
}
