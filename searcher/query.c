/* query.c: the query language's grammar: a recursive-descent parser from
 * tokens (query-lex.c) to a tree of index terms (query-tree.h), its match
 * terms, its plain words and its explanation (see query.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "query-private.h"
#include "stopwords.h"

static int is_operator(tok_kind_t k)
{
    return k == TOK_AND || k == TOK_OR || k == TOK_NOT || k == TOK_NEAR || k == TOK_ADJ;
}

const lex_token_t *qp_peek(const parser_t *p)
{
    return &p->toks[p->at];
}

static qtree_t *sequence(parser_t *p, int top, int *filter_only);

/* primary: words, "phrase", word*, (sequence), field:primary, date:, id: */
static node_t primary(parser_t *p)
{
    const lex_token_t *lt = qp_peek(p);
    node_t node = { NULL, 0 };

    if (p->syntax_error || p->failed || p->error)
        return node;
    switch (lt->kind) {
    case TOK_WORDS:
        p->at++;
        node.q = qp_words(p, lt);
        break;
    case TOK_PHRASE:
        p->at++;
        node.q = qp_phrase(p, lt);
        break;
    case TOK_WILDCARD:
        p->at++;
        node.q = qp_wildcard(p, lt);
        break;
    case TOK_DATE:
        p->at++;
        return qp_date_range(p, lt);
    case TOK_ID:
        p->at++;
        return qp_id_filter(p, lt);
    case TOK_VALUE:
        p->at++;
        return qp_value_filter(p, lt);
    case TOK_FIELD: {
        qfield_t saved = p->field;
        char saved_prefix[sizeof p->meta_prefix];
        memcpy(saved_prefix, p->meta_prefix, sizeof saved_prefix);
        /* Of fields one after another ("title:title:...x"), the last one
         * applies: a loop, where recursion would exhaust the stack. */
        while (lt[1].kind == TOK_FIELD)
            lt++, p->at++;
        p->at++;
        p->field = lt->field;
        if (lt->field == QFIELD_META)
            qp_meta_prefix(p, lt, FIELD_WORD_MARK);
        node = primary(p);
        p->field = saved;
        memcpy(p->meta_prefix, saved_prefix, sizeof saved_prefix);
        node.filter = lt->field == QFIELD_SOURCE || lt->field == QFIELD_META;
        break;
    }
    case TOK_LPAREN:
        if (p->depth >= QUERY_MAX_DEPTH) {
            qp_syntax(p, "brackets are nested too deeply");
            break;
        }
        p->at++;
        p->depth++;
        node.q = sequence(p, 0, &node.filter);
        p->depth--;
        if (qp_peek(p)->kind != TOK_RPAREN)
            qp_syntax(p, "a bracket is not closed");
        else
            p->at++;
        break;
    default:
        qp_syntax(p, lt->kind == TOK_RPAREN ? "a bracket is not opened"
                                         : "an operator has nothing to work on");
        break;
    }
    return node;
}

static node_t near_expr(parser_t *p)
{
    const lex_token_t *lt = qp_peek(p);

    if ((lt->kind == TOK_WORDS || lt->kind == TOK_PHRASE)
        && (lt[1].kind == TOK_NEAR || lt[1].kind == TOK_ADJ))
        return qp_proximity(p);
    return primary(p);
}

/* and_expr: near_expr ((AND | NOT) near_expr)* */
static node_t and_expr(parser_t *p)
{
    node_t left = near_expr(p);

    while (!p->syntax_error && !p->failed && !p->error
           && (qp_peek(p)->kind == TOK_AND || qp_peek(p)->kind == TOK_NOT)) {
        int not = qp_peek(p)->kind == TOK_NOT;
        node_t right;

        p->at++;
        p->negated += not;
        right = near_expr(p);
        p->negated -= not;
        if (left.q == NULL || right.q == NULL) {
            if (!not && left.q == NULL) {
                left = right;   /* "!!! AND x": nothing AND x is x */
                continue;
            }
            continue;
        }
        left.q = qp_combine2(p, not ? QTREE_AND_NOT : QTREE_AND, left.q, right.q);
        left.filter = not ? left.filter : left.filter && right.filter;
    }
    return left;
}

/* or_expr: and_expr (OR and_expr)* */
static node_t or_expr(parser_t *p)
{
    node_t left = and_expr(p);

    while (!p->syntax_error && !p->failed && !p->error && qp_peek(p)->kind == TOK_OR) {
        node_t right;

        p->at++;
        right = and_expr(p);
        left.filter = (left.q == NULL || left.filter) && (right.q == NULL || right.filter);
        left.q = qp_combine2(p, QTREE_OR, left.q, right.q);
    }
    return left;
}

/* A growable array of queries. */
typedef struct {
    qtree_t **items;
    size_t count, cap;
} parts_t;

static void parts_add(parser_t *p, parts_t *a, qtree_t *q)
{
    if (q == NULL)
        return;
    if (a->count == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 8;
        qtree_t **items = realloc(a->items, cap * sizeof *items);
        if (items == NULL) {
            p->failed = 1;
            return;
        }
        a->items = items;
        a->cap = cap;
    }
    a->items[a->count++] = q;
}

/* The nodes stay in the query's arena: only the array is freed. */
static void parts_free(parts_t *a)
{
    free(a->items);
}

/* CORE restricted to the FILTERS and without the EXCLUDED (CORE still
 * belongs to the caller).  A NULL CORE matches every article when there
 * are filters or exclusions, else nothing. */
static qtree_t *restrict_core(parser_t *p, qtree_t *core, const parts_t *filters,
                                 const parts_t *excluded)
{
    qtree_t *q = NULL;

    if (core == NULL && filters->count == 0 && excluded->count == 0)
        return NULL;
    if (core == NULL)
        core = qp_need(p, qtree_match_all(p->q->arena));
    if (core == NULL)
        return NULL;
    if (filters->count > 0) {
        qtree_t **parts = calloc(filters->count + 1, sizeof *parts);
        if (parts == NULL) {
            p->failed = 1;
        } else {
            parts[0] = core;
            memcpy(parts + 1, filters->items, filters->count * sizeof *parts);
            q = qp_join(p, QTREE_FILTER, parts, filters->count + 1, 0);
            free(parts);
        }
    } else {
        q = qp_join(p, QTREE_OR, &core, 1, 0);   /* a copy */
    }
    if (q != NULL && excluded->count > 0) {
        qtree_t **parts = calloc(excluded->count + 1, sizeof *parts);
        qtree_t *without = NULL;
        if (parts == NULL) {
            p->failed = 1;
        } else {
            parts[0] = q;
            memcpy(parts + 1, excluded->items, excluded->count * sizeof *parts);
            without = qp_join(p, QTREE_AND_NOT, parts, excluded->count + 1, 0);
            free(parts);
        }
        q = without;
    }
    return q;
}

/* Whether the plain word STEM was already searched in this sequence. */
static int seen_before(const query_t *q, size_t first_word, const token_t *tok)
{
    for (size_t i = first_word; i < q->word_count; i++)
        if (strlen(q->words[i].stem) == tok->stem_len
            && memcmp(q->words[i].stem, tok->stem, tok->stem_len) == 0)
            return 1;
    return 0;
}

/* The plain-word groups of a sequence, for weighting repeated words. */
typedef struct {
    size_t group;           /* index in the sequence's groups */
    const token_t *tok;     /* the word (its first occurrence) */
} plain_group_t;

/* Adds the plain word TOK to GROUPS as a group of its own, noting it in
 * PLAIN (*PLAIN_COUNT entries). */
static void add_plain_group(parser_t *p, parts_t *groups, plain_group_t **plain,
                            size_t *plain_count, const token_t *tok)
{
    qtree_t *q = qp_plain_word(p, tok);
    plain_group_t *grown;

    if (q == NULL)
        return;
    grown = realloc(*plain, (*plain_count + 1) * sizeof *grown);
    if (grown == NULL) {
        p->failed = 1;
        return;
    }
    *plain = grown;
    grown[(*plain_count)++] = (plain_group_t){ groups->count, tok };
    parts_add(p, groups, q);
}

/* A word typed N times weighs N times as much: BM25's query-term frequency
 * factor with k3 large, so linear (as Okapi's TREC runs set it).  A
 * sentence-long question keeps coming back to its subject ("parallel
 * languages ... parallel algorithms"); measured on CACM and Cranfield
 * (doc/relevance.md). */
static void weight_repeats(parser_t *p, parts_t *groups, const plain_group_t *plain,
                           size_t plain_count, const tokens_t *chunks, size_t chunk_count)
{
    for (size_t g = 0; g < plain_count && !p->failed; g++) {
        const token_t *tok = plain[g].tok;
        unsigned times = 0;
        for (size_t c = 0; c < chunk_count; c++)
            for (size_t i = 0; i < chunks[c].count; i++)
                times += chunks[c].items[i].stem_len == tok->stem_len
                         && memcmp(chunks[c].items[i].stem, tok->stem, tok->stem_len) == 0;
        if (times < 2)
            continue;
        buf_printf(&p->explain, "repeated: %s (%u times, weighs %u times as much)\n",
                   tok->word, times, times);
        groups->items[plain[g].group] = qp_scale(p, groups->items[plain[g].group], times);
    }
}

/* sequence: items side by side, up to the end (TOP) or a ')'.  Each item
 * is a group (plain words one by one, phrases, brackets...), +required,
 * -excluded or a filter (dates, sources, ids).  At the top the query's
 * all/any queries are set and NULL is returned; in brackets the items
 * are AND-ed (OR-ed in QUERY_ANY) and *FILTER_ONLY says whether only
 * filters were found. */
static qtree_t *sequence(parser_t *p, int top, int *filter_only)
{
    parts_t groups = { 0 }, required = { 0 }, filters = { 0 }, excluded = { 0 };
    tokens_t *chunks = NULL;
    size_t chunk_count = 0, first_word = p->q->word_count;
    struct { size_t chunk, token; } *stops = NULL;
    size_t stop_count = 0, plain_count = 0;
    plain_group_t *plain = NULL;
    qtree_t *result = NULL;

    while (!p->syntax_error && !p->failed && !p->error) {
        const lex_token_t *lt = qp_peek(p);
        node_t node;

        if (lt->kind == TOK_END || (!top && lt->kind == TOK_RPAREN))
            break;
        if (lt->kind == TOK_PLUS || lt->kind == TOK_MINUS) {
            int minus = lt->kind == TOK_MINUS;
            p->at++;
            p->negated += minus;
            node = near_expr(p);
            p->negated -= minus;
            parts_add(p, minus ? &excluded : node.filter ? &filters : &required, node.q);
            continue;
        }
        if (lt->kind == TOK_WORDS && !is_operator(lt[1].kind)) {
            /* Plain words: each a group of its own. */
            tokens_t *grown = realloc(chunks, (chunk_count + 1) * sizeof *chunks);
            if (grown == NULL) {
                p->failed = 1;
                break;
            }
            chunks = grown;
            p->at++;
            qp_analyze(p, lt, &chunks[chunk_count]);
            tokens_t *t = &chunks[chunk_count++];
            for (size_t i = 0; i < t->count && !p->failed; i++) {
                const token_t *tok = &t->items[i];
                if (p->field == QFIELD_ANY && seen_before(p->q, first_word, tok))
                    continue;
                if (p->q->word_count >= QUERY_MAX_WORDS) {
                    if (!p->words_capped)
                        buf_printf(&p->explain, "more than %d words: the rest left out\n",
                                   QUERY_MAX_WORDS);
                    p->words_capped = 1;
                    continue;
                }
                if (analyzer_is_stopword(p->analyzer, tok->word, tok->word_len)) {
                    void *more = realloc(stops, (stop_count + 1) * sizeof *stops);
                    if (more == NULL) {
                        p->failed = 1;
                        break;
                    }
                    stops = more;
                    stops[stop_count].chunk = chunk_count - 1;
                    stops[stop_count++].token = i;
                    continue;
                }
                add_plain_group(p, &groups, &plain, &plain_count, tok);
            }
            continue;
        }
        node = or_expr(p);
        parts_add(p, node.filter ? &filters : &groups, node.q);
    }

    /* Stopwords count only when nothing else is searched. */
    if (stop_count > 0 && groups.count + required.count + filters.count == 0) {
        for (size_t i = 0; i < stop_count; i++) {
            const token_t *tok = &chunks[stops[i].chunk].items[stops[i].token];
            if (!seen_before(p->q, first_word, tok))
                add_plain_group(p, &groups, &plain, &plain_count, tok);
        }
    } else if (stop_count > 0) {
        buf_puts(&p->explain, "stopwords left out:");
        for (size_t i = 0; i < stop_count; i++)
            buf_printf(&p->explain, " %s", chunks[stops[i].chunk].items[stops[i].token].word);
        buf_putc(&p->explain, '\n');
    }
    weight_repeats(p, &groups, plain, plain_count, chunks, chunk_count);
    /* A phrase or bracket typed N times is one group weighing N times as
     * much, as a repeated word is: 102 copies of "that is" cost one. */
    size_t typed = groups.count + required.count;
    groups.count = qp_merge_repeats(p, QTREE_OR, groups.items, groups.count);
    required.count = qp_merge_repeats(p, QTREE_AND, required.items, required.count);
    if (groups.count + required.count < typed)
        buf_printf(&p->explain, "repeated: %zu group%s merged with an equal one\n",
                   typed - groups.count - required.count,
                   typed - groups.count - required.count == 1 ? "" : "s");

    if (!p->syntax_error && !p->failed && !p->error) {
        qtree_op_t join_op = !top && p->mode == QUERY_ANY ? QTREE_OR : QTREE_AND;
        parts_t weighted = { 0 };
        qtree_t *all_core = NULL, *any_core = NULL, *req = NULL, *some = NULL;

        for (size_t i = 0; i < groups.count; i++)
            parts_add(p, &weighted, qp_join(p, QTREE_OR, &groups.items[i], 1, 0));
        for (size_t i = 0; i < required.count; i++)
            parts_add(p, &weighted, qp_join(p, QTREE_OR, &required.items[i], 1, 0));
        all_core = qp_join(p, join_op, weighted.items, weighted.count, 0);
        req = qp_join(p, QTREE_AND, required.items, required.count, 0);
        some = qp_join(p, QTREE_OR, groups.items, groups.count, 0);
        if (req != NULL && some != NULL)
            any_core = qp_combine2(p, QTREE_AND_MAYBE, req, some);
        else
            any_core = req != NULL ? req : some;
        if (top) {
            p->q->group_count = (unsigned)(groups.count + required.count);
            p->q->any = restrict_core(p, any_core, &filters, &excluded);
            p->q->all = restrict_core(p, all_core, &filters, &excluded);
        } else {
            result = restrict_core(p, all_core, &filters, &excluded);
            *filter_only = weighted.count == 0 && filters.count > 0;
        }
        parts_free(&weighted);
    }
    for (size_t i = 0; i < chunk_count; i++)
        qp_tokens_free(&chunks[i]);
    free(chunks);
    free(stops);
    free(plain);
    parts_free(&groups);
    parts_free(&required);
    parts_free(&filters);
    parts_free(&excluded);
    return result;
}

/* Parses the query once: with PLAIN, the whole text is plain words. */
char *query_field_error(const query_index_t *index, const char *name, size_t n, int exact)
{
    static const char *const own[] = { "title", "body", "comments", "source", "date", "id",
                                       BYLINE_FIELD, QUERY_AUTHOR_FIELD };
    enum { MAX_NAMED = 40 };    /* a manifest may have many columns */
    buf_t m = BUF_INIT;
    size_t named = 0;

    buf_puts(&m, "the index has no field '");
    buf_append(&m, name, n);
    buf_puts(&m, exact ? "=' (exact values are for source= and the fields of"
                                        " the articles' metadata); its fields: "
                                      : "'; its fields: ");
    for (size_t i = 0; i < sizeof own / sizeof *own; i++)
        buf_printf(&m, "%s%s", i ? ", " : "", own[i]);
    for (size_t i = 0; index && i < index->name_count; i++) {
        if (strcmp(index->names[i], BYLINE_FIELD) == 0)
            continue;
        if (named++ == MAX_NAMED) {
            buf_printf(&m, " and %zu more", index->name_count - i);
            break;
        }
        buf_printf(&m, ", %s", index->names[i]);
    }
    return buf_detach(&m);
}

static void parse_once(parser_t *p, size_t len, int plain)
{
    lex_error_t err;

    p->toks = calloc(len + 2, sizeof *p->toks);
    if (p->toks == NULL) {
        p->failed = 1;
        return;
    }
    if (plain) {
        p->toks[0] = (lex_token_t){ .kind = TOK_WORDS, .start = 0, .end = len };
        p->toks[1] = (lex_token_t){ .kind = TOK_END, .start = len, .end = len };
        p->tok_count = 2;
    } else if ((p->tok_count = query_lex(p->text, len, p->index, p->toks, &err)) == 0) {
        if (err.unknown_field) {
            char *why = query_field_error(p->index, p->text + err.start,
                                          err.end - err.start - 1, p->text[err.end - 1] == '=');
            buf_t m = BUF_INIT;
            buf_puts(&m, why ? why : "");
            buf_puts(&m, " (to search the words as they are, put them in quotes)");
            p->error = why && !m.failed ? buf_detach(&m) : NULL;
            buf_free(&m);
            free(why);
            p->error_status = QUERY_BAD_FIELD;
            if (p->error == NULL)
                p->failed = 1;
        } else
            qp_syntax(p, err.why);
    }
    if (p->error || p->failed) {
        free(p->toks);
        p->toks = NULL;
        return;
    }
    if (!p->syntax_error)
        sequence(p, 1, NULL);
    if (!p->syntax_error && !p->failed && qp_peek(p)->kind != TOK_END)
        qp_syntax(p, "a bracket is not opened");
    free(p->toks);
    p->toks = NULL;
}

/* Frees what Q holds, leaving it empty. */
static void clear(query_t *q)
{
    for (size_t i = 0; i < q->term_count; i++)
        free((char *)q->terms[i].text);
    free(q->terms);
    for (size_t i = 0; i < q->word_count; i++) {
        free(q->words[i].word);
        free(q->words[i].stem);
    }
    free(q->words);
    for (size_t i = 0; i < q->wildcard_count; i++)
        free(q->wildcards[i]);
    free(q->wildcards);
    qtree_arena_free(q->arena);
    free(q->explain);
    free(q->text);
    memset(q, 0, sizeof *q);
}

/* A parser for TEXT into OUT. */
static void parser_init(parser_t *p, analyzer_t *analyzer, const query_index_t *index,
                        const char *text, query_mode_t mode, query_t *out)
{
    memset(p, 0, sizeof *p);
    p->analyzer = analyzer;
    p->index = index;
    p->index_fields = index ? index->fields : QUERY_FIELDS_ALL;
    p->error_status = QUERY_BAD_DATE;
    p->text = text;
    p->mode = mode;
    p->q = out;
}

query_status_t query_parse(analyzer_t *analyzer, const query_index_t *index, const char *text,
                           size_t len, query_mode_t mode, query_t **query_out, char **errmsg)
{
    query_t *out = calloc(1, sizeof *out);
    query_status_t status = QUERY_NO_MEMORY;
    parser_t p;

    *query_out = NULL;
    *errmsg = NULL;
    if (out == NULL || (out->text = xstrndup(text, len)) == NULL
        || (out->arena = qtree_arena_new()) == NULL) {
        if (out)
            free(out->text);
        free(out);
        *errmsg = strdup("out of memory");
        return QUERY_NO_MEMORY;
    }
    out->len = len;
    parser_init(&p, analyzer, index, text, mode, out);
    parse_once(&p, len, 0);
    if (p.syntax_error && !p.failed) {
        const char *why = p.syntax_why;
        char *copy = out->text;
        out->text = NULL;
        clear(out);
        out->text = copy;
        out->len = len;
        if ((out->arena = qtree_arena_new()) == NULL) {
            query_free(out);
            *errmsg = strdup("out of memory");
            return QUERY_NO_MEMORY;
        }
        buf_free(&p.explain);
        free(p.error);   /* a bad date before the syntax error: moot now */
        parser_init(&p, analyzer, index, text, mode, out);
        buf_printf(&p.explain, "query syntax not understood (%s): searched as plain words\n", why);
        parse_once(&p, len, 1);
    }
    size_t phrases = qtree_arena_op_count(out->arena, QTREE_PHRASE)
                     + qtree_arena_op_count(out->arena, QTREE_NEAR);
    out->term_nodes = qtree_arena_kind_count(out->arena, QTREE_TERM);
    if (p.failed || p.explain.failed) {
        *errmsg = strdup("out of memory");
    } else if (!p.error && (phrases > QUERY_MAX_PHRASES || out->term_nodes > QUERY_MAX_TERMS)) {
        buf_t why = BUF_INIT;
        if (phrases > QUERY_MAX_PHRASES)
            buf_printf(&why, "query too complex: %zu phrase or NEAR searches (at most %d; "
                       "a phrase counts once for the text, once for the headline)",
                       phrases, QUERY_MAX_PHRASES);
        else
            buf_printf(&why, "query too complex: %zu terms to look up (at most %d)",
                       out->term_nodes, QUERY_MAX_TERMS);
        *errmsg = buf_detach(&why);
        status = QUERY_TOO_COMPLEX;
    } else if (p.error) {
        *errmsg = p.error;
        p.error = NULL;
        status = p.error_status;
    } else if (out->any == NULL && out->all == NULL) {
        *errmsg = strdup("the query has no words to search for");
        status = QUERY_NO_WORDS;
    } else {
        out->explain = buf_detach(&p.explain);
        *query_out = out;
        return QUERY_OK;
    }
    free(p.error);
    buf_free(&p.explain);
    query_free(out);
    return status;
}

void query_free(query_t *q)
{
    if (q == NULL)
        return;
    clear(q);
    free(q);
}
