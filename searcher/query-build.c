/* query-build.c: the query parser's tree and terms: building the nodes
 * (query-tree.h) with the parser's failure noted once, the fields a word is
 * looked up in, match terms, and the analyzer's tokens of a chunk.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "query-private.h"
#include "schema.h"

void qp_syntax(parser_t *p, const char *why)
{
    if (!p->syntax_error) {
        p->syntax_error = 1;
        p->syntax_why = why;
    }
}

/* Q, just made; NULL (and P failed) when making it failed. */
qtree_t *qp_need(parser_t *p, qtree_t *q)
{
    if (q == NULL)
        p->failed = 1;
    return q;
}

/* Q with its weights multiplied by WEIGHT. */
qtree_t *qp_scale(parser_t *p, qtree_t *q, double weight)
{
    qtree_t *scaled = NULL;

    if (q == NULL || weight == 1.0)
        return q;
    scaled = qp_need(p, qtree_scale(p->q->arena, q, weight));
    return scaled;
}

size_t qp_merge_repeats(parser_t *p, qtree_op_t op, qtree_t **parts, size_t count)
{
    /* Which parts may merge, and whether a merged one keeps the weight of
     * its copies (they add up: N equal parts weigh N times one). */
    size_t first = op == QTREE_AND || op == QTREE_OR ? 0 : 1;
    int weighted = op != QTREE_FILTER && op != QTREE_AND_NOT;
    size_t n = first;

    if (op == QTREE_PHRASE || op == QTREE_NEAR || op == QTREE_SYNONYM || count <= first)
        return count;
    for (size_t i = first; i < count; i++) {
        unsigned times = 1;
        if (parts[i] == NULL)
            continue;
        for (size_t j = i + 1; j < count; j++)
            if (parts[j] == parts[i]) {
                parts[j] = NULL;
                times++;
            }
        parts[n++] = weighted && times > 1 ? qp_scale(p, parts[i], times) : parts[i];
    }
    return n;
}

/* PARTS[0..COUNT) combined with OP.  NULL parts (nothing to search) are
 * skipped; NULL when none is left. */
qtree_t *qp_join(parser_t *p, qtree_op_t op, qtree_t *const *parts,
                 size_t count, unsigned window)
{
    qtree_t **kept = calloc(count ? count : 1, sizeof *kept);
    size_t n = 0;
    qtree_t *q = NULL;

    if (kept == NULL) {
        p->failed = 1;
        return NULL;
    }
    for (size_t i = 0; i < count; i++)
        if (parts[i] != NULL)
            kept[n++] = parts[i];
    n = qp_merge_repeats(p, op, kept, n);
    if (n > 0 && !p->failed)
        q = qp_need(p, qtree_combine(p->q->arena, op, kept, n, window));
    free(kept);
    return q;
}

/* Like qp_join(), but destroys the parts; a single part is returned as it is
 * (except for PHRASE and NEAR, whose window matters). */
qtree_t *qp_combine(parser_t *p, qtree_op_t op, qtree_t **parts,
                    size_t count, unsigned window)
{
    size_t n = 0;
    qtree_t *q;

    for (size_t i = 0; i < count; i++)
        if (parts[i] != NULL)
            parts[n++] = parts[i];
    if (n == 1 && op != QTREE_PHRASE && op != QTREE_NEAR)
        return parts[0];
    q = qp_join(p, op, parts, n, window);
    return q;
}

qtree_t *qp_combine2(parser_t *p, qtree_op_t op, qtree_t *a, qtree_t *b)
{
    qtree_t *parts[2] = { a, b };

    return qp_combine(p, op, parts, 2, 0);
}

/* PREFIX followed by WORD[0..LEN) as a term query weighted by WEIGHT
 * (0: a filter). */
qtree_t *qp_term(parser_t *p, const char *prefix, const char *word,
                 size_t len, double weight)
{
    buf_t name = BUF_INIT;
    qtree_t *q = NULL;

    buf_puts(&name, prefix);
    buf_append(&name, word, len);
    /* A term Xapian would reject (too long) matches nothing anyway. */
    if (!name.failed && !p->failed && name.len <= MAX_TERM_BYTES)
        q = qp_need(p, qtree_term(p->q->arena, name.data, name.len));
    else if (name.failed)
        p->failed = 1;
    buf_free(&name);
    return qp_scale(p, q, weight);
}

/* The prefixes and weights a word is looked up under in field F, in the
 * order article text, headline, comments.  A stemmed word's Z<stem> term
 * already holds the headline (TITLE_STEM_WDF), so the article is that one
 * term; exact words, phrases and wildcards have the text's and the
 * headline's terms (with positions).  "body:" is the article, headline
 * included; "title:" the headline alone.  Plain words leave out a field
 * the index lacks (INDEX_FIELDS): it would cost Xapian a lookup per word
 * for nothing.  Returns the number written. */
size_t qp_field_prefixes(qfield_t f, unsigned index_fields, int stemmed,
                         const char **prefixes, double *weights)
{
    static const char *const exact[] = { "", PREFIX_TITLE, PREFIX_COMMENT };
    static const char *const stems[] = {
        PREFIX_STEM, PREFIX_STEM PREFIX_TITLE, PREFIX_STEM PREFIX_COMMENT
    };
    const char *const *names = stemmed ? stems : exact;
    const double all_weights[] = { 1.0, QUERY_TITLE_WEIGHT, QUERY_COMMENT_WEIGHT };
    int anywhere = f == QFIELD_ANY || f == QFIELD_SOURCE;
    int in_article = anywhere || f == QFIELD_BODY;
    const int wanted[3] = { in_article, (in_article && !stemmed) || f == QFIELD_TITLE,
                            (anywhere && (index_fields & QUERY_FIELD_COMMENTS))
                                || f == QFIELD_COMMENTS };
    size_t n = 0;

    for (size_t i = 0; i < 3; i++)
        if (wanted[i]) {
            prefixes[n] = names[i];
            weights[n++] = all_weights[i];
        }
    return n;
}

void qp_add_term(parser_t *p, match_kind_t kind, const char *text,
                 size_t len, unsigned group, unsigned phrase_length,
                 unsigned phrase_index)
{
    query_t *q = p->q;
    match_term_t *terms;
    char *copy;

    /* A metadata field's words are not in the text the views mark. */
    if (p->negated || p->failed || p->field == QFIELD_META)
        return;
    terms = realloc(q->terms, (q->term_count + 1) * sizeof *terms);
    if (terms == NULL) {
        p->failed = 1;
        return;
    }
    q->terms = terms;
    if ((copy = xstrndup(text, len)) == NULL) {
        p->failed = 1;
        return;
    }
    terms[q->term_count++] = (match_term_t){ kind, copy, len, group,
                                             phrase_length, phrase_index };
}

static int collect_token(void *ctx, const token_t *tok)
{
    tokens_t *t = ctx;
    token_t *items = realloc(t->items, (t->count + 1) * sizeof *items);

    if (items == NULL) {
        t->failed = 1;
        return 1;
    }
    t->items = items;
    items[t->count] = *tok;
    /* Offsets into store for now; pointers once it stops moving. */
    items[t->count].word = (const char *)(size_t)t->store.len;
    buf_append(&t->store, tok->word, tok->word_len + 1);
    items[t->count].stem = (const char *)(size_t)t->store.len;
    buf_append(&t->store, tok->stem, tok->stem_len + 1);
    t->count++;
    return 0;
}

/* Analyzes the bytes of lexer token LT into T (free with qp_tokens_free()). */
void qp_analyze(parser_t *p, const lex_token_t *lt, tokens_t *t)
{
    memset(t, 0, sizeof *t);
    if (analyzer_tokenize(p->analyzer, p->text + lt->start, lt->end - lt->start,
                          collect_token, t) != 0 || t->failed || t->store.failed) {
        p->failed = 1;
        t->count = 0;
        return;
    }
    for (size_t i = 0; i < t->count; i++) {
        t->items[i].word = t->store.data + (size_t)t->items[i].word;
        t->items[i].stem = t->store.data + (size_t)t->items[i].stem;
        t->items[i].start += lt->start;
        t->items[i].end += lt->start;
    }
}

void qp_tokens_free(tokens_t *t)
{
    free(t->items);
    buf_free(&t->store);
}
