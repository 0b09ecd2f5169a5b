/* query-words.c: the leaves of the query language: what a plain word, a
 * quoted word or phrase, a wildcard, words NEAR each other, a date range and
 * an id become in the index's terms, with their match terms and the lines
 * --explain prints.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "query-private.h"
#include "schema.h"
#include "utf8.h"

/* One analyzed word in the current field: stemmed unless EXACT. */
static qtree_t *word_query(parser_t *p, const token_t *tok, int exact)
{
    const char *prefixes[3];
    double weights[3];
    qtree_t *parts[3];
    /* An acronym's plural ("CCGs") is searched as its singular, which every
     * article with either has (analyzer.h: alt_stem). */
    const char *w = exact ? tok->word : tok->alt_stem ? tok->alt_stem : tok->stem;
    size_t len = exact ? tok->word_len : tok->alt_stem ? tok->alt_stem_len : tok->stem_len, n;

    if (p->field == QFIELD_SOURCE) {
        qp_add_term(p, MATCH_EXACT, tok->word, tok->word_len, p->next_group++, 0, 0);
        return qp_term(p, PREFIX_SOURCE, tok->word, tok->word_len, 0);
    }
    /* A metadata field's words are as written (no stems), and filter. */
    if (p->field == QFIELD_META)
        return qp_term(p, p->meta_prefix, tok->word, tok->word_len, 0);
    qp_add_term(p, exact ? MATCH_EXACT : MATCH_STEM, w, len, p->next_group++, 0, 0);
    n = qp_field_prefixes(p->field, p->index_fields, !exact, prefixes, weights);
    size_t first = 0, count = 0;
    /* An exact word in text and headline: one BM25 term (a SYNONYM adds
     * their wdfs), each headline occurrence counting QUERY_TITLE_WEIGHT
     * times, as the stemmed Z<stem> term counts it at indexing. */
    if (exact && n >= 2 && strcmp(prefixes[0], "") == 0 && strcmp(prefixes[1], PREFIX_TITLE) == 0) {
        enum { TITLE_COPIES = TITLE_STEM_WDF };
        qtree_t *copies[1 + TITLE_COPIES];
        copies[0] = qp_term(p, prefixes[0], w, len, 1.0);
        for (int c = 1; c <= TITLE_COPIES; c++)
            copies[c] = qp_term(p, prefixes[1], w, len, 1.0);
        parts[count++] = qp_combine(p, QTREE_SYNONYM, copies, 1 + TITLE_COPIES, 0);
        first = 2;
    }
    /* Comments stay a term of their own, weighing less. */
    for (size_t i = first; i < n; i++)
        parts[count++] = qp_term(p, prefixes[i], w, len, weights[i]);
    return count == 1 ? parts[0] : qp_combine(p, QTREE_OR, parts, count, 0);
}

/* Starts a line of --explain: WHAT ("word: ") and the field searched. */
static void explain_field(parser_t *p, const char *what)
{
    static const char *const names[] = { "", "title:", "body:", "comments:", "source:" };

    buf_puts(&p->explain, what);
    if (p->field == QFIELD_META)
        buf_puts(&p->explain, p->meta_prefix + strlen(PREFIX_FIELD));
    else
        buf_puts(&p->explain, names[p->field]);
}

/* Records a plain word for "did you mean". */
static void add_word(parser_t *p, const token_t *tok)
{
    query_t *q = p->q;
    query_word_t *words;

    if (p->negated || p->failed || p->field != QFIELD_ANY)
        return;
    words = realloc(q->words, (q->word_count + 1) * sizeof *words);
    if (words == NULL) {
        p->failed = 1;
        return;
    }
    q->words = words;
    words[q->word_count].start = tok->start;
    words[q->word_count].end = tok->end;
    words[q->word_count].word = xstrndup(tok->word, tok->word_len);
    words[q->word_count].stem = xstrndup(tok->stem, tok->stem_len);
    q->word_count++;
    if (words[q->word_count - 1].word == NULL || words[q->word_count - 1].stem == NULL)
        p->failed = 1;
}

static void explain_word(parser_t *p, const token_t *tok)
{
    explain_field(p, "word: ");
    buf_append(&p->explain, tok->word, tok->word_len);
    if (p->field != QFIELD_SOURCE && (tok->stem_len != tok->word_len
                                     || memcmp(tok->stem, tok->word, tok->word_len) != 0)) {
        buf_puts(&p->explain, " (stem ");
        buf_append(&p->explain, tok->stem, tok->stem_len);
        buf_putc(&p->explain, ')');
    }
    buf_puts(&p->explain, p->negated ? " (excluded)\n" : "\n");
}

/* A plain word. */
qtree_t *qp_plain_word(parser_t *p, const token_t *tok)
{
    explain_word(p, tok);
    add_word(p, tok);
    return word_query(p, tok, 0);
}

/* The prefixes and weights of exact words (phrases, wildcards) in the
 * current field: the source's words are a filter of their own. */
static size_t exact_prefixes(const parser_t *p, const char **prefixes, double *weights)
{
    if (p->field != QFIELD_SOURCE && p->field != QFIELD_META)
        return qp_field_prefixes(p->field, p->index_fields, 0, prefixes, weights);
    prefixes[0] = p->field == QFIELD_META ? p->meta_prefix : PREFIX_SOURCE;
    weights[0] = 0;
    return 1;
}

/* The words of a phrase (or a quoted word: exact, not stemmed). */
qtree_t *qp_phrase(parser_t *p, const lex_token_t *lt)
{
    const char *prefixes[3];
    double weights[3];
    qtree_t *per_field[3];
    tokens_t t;
    size_t n;
    unsigned group;

    qp_analyze(p, lt, &t);
    if (t.count == 0) {
        qp_tokens_free(&t);
        return NULL;
    }
    if (t.count == 1) {
        explain_field(p, "exact word: ");
        buf_printf(&p->explain, "\"%s\"%s\n", t.items[0].word, p->negated ? " (excluded)" : "");
        qtree_t *q = word_query(p, &t.items[0], 1);
        qp_tokens_free(&t);
        return q;
    }
    explain_field(p, "phrase: ");
    buf_putc(&p->explain, '"');
    group = p->next_group++;
    for (size_t i = 0; i < t.count; i++) {
        buf_printf(&p->explain, "%s%s", i ? " " : "", t.items[i].word);
        qp_add_term(p, MATCH_EXACT, t.items[i].word, t.items[i].word_len, group,
                    (unsigned)t.count, (unsigned)i);
    }
    buf_printf(&p->explain, "\"%s\n", p->negated ? " (excluded)" : "");
    n = exact_prefixes(p, prefixes, weights);
    for (size_t f = 0; f < n; f++) {
        qtree_t **words = calloc(t.count, sizeof *words);
        if (words == NULL) {
            p->failed = 1;
            per_field[f] = NULL;
            continue;
        }
        for (size_t i = 0; i < t.count; i++)
            words[i] = qp_term(p, prefixes[f], t.items[i].word, t.items[i].word_len, 1.0);
        /* The source field has no positions: all its words. */
        per_field[f] = qp_scale(p, qp_combine(p, p->field == QFIELD_SOURCE ? QTREE_AND
                                                                          : QTREE_PHRASE,
                                              words, t.count, 0), weights[f]);
        free(words);
    }
    qp_tokens_free(&t);
    return qp_combine(p, QTREE_OR, per_field, n, 0);
}

qtree_t *qp_wildcard(parser_t *p, const lex_token_t *lt)
{
    const char *prefixes[3];
    double weights[3];
    qtree_t *parts[3];
    tokens_t t;
    size_t n;

    qp_analyze(p, lt, &t);
    /* Only a single word of enough characters makes a wildcard; else the
     * '*' is ignored ("5*" searches "5"). */
    if (t.count != 1 || t.items[0].start != lt->start || t.items[0].end != lt->end
        || utf8_count(t.items[0].word, t.items[0].word_len) < QUERY_WILDCARD_MIN_PREFIX) {
        qtree_t *parts_words[1];
        if (t.count == 0) {
            qp_tokens_free(&t);
            return NULL;
        }
        buf_printf(&p->explain, "too short for a wildcard (at least %d characters): searched as words\n",
                   QUERY_WILDCARD_MIN_PREFIX);
        qtree_t **words = calloc(t.count, sizeof *words);
        if (words == NULL) {
            p->failed = 1;
            qp_tokens_free(&t);
            return NULL;
        }
        for (size_t i = 0; i < t.count; i++)
            words[i] = qp_plain_word(p, &t.items[i]);
        parts_words[0] = qp_combine(p, p->mode == QUERY_ANY ? QTREE_OR : QTREE_AND,
                                    words, t.count, 0);
        free(words);
        qp_tokens_free(&t);
        return parts_words[0];
    }
    explain_field(p, "wildcard: ");
    buf_printf(&p->explain, "%s*%s\n", t.items[0].word, p->negated ? " (excluded)" : "");
    if (!p->negated) {
        char **w = realloc(p->q->wildcards, (p->q->wildcard_count + 1) * sizeof *w);
        if (w == NULL || (w[p->q->wildcard_count] = xstrndup(t.items[0].word,
                                                              t.items[0].word_len)) == NULL)
            p->failed = 1;
        if (w != NULL)
            p->q->wildcards = w;
        if (!p->failed)
            p->q->wildcard_count++;
    }
    qp_add_term(p, MATCH_PREFIX, t.items[0].word, t.items[0].word_len, p->next_group++, 0, 0);
    n = exact_prefixes(p, prefixes, weights);
    memset(parts, 0, sizeof parts);
    for (size_t f = 0; f < n && !p->failed; f++) {
        buf_t name = BUF_INIT;
        qtree_t *q = NULL;
        buf_puts(&name, prefixes[f]);
        buf_append(&name, t.items[0].word, t.items[0].word_len);
        if (name.failed)
            p->failed = 1;
        else
            q = qp_need(p, qtree_wildcard(p->q->arena, name.data, name.len, QUERY_WILDCARD_MAX_TERMS));
        buf_free(&name);
        parts[f] = qp_scale(p, q, weights[f]);
    }
    qp_tokens_free(&t);
    return qp_combine(p, QTREE_OR, parts, n, 0);
}

/* The lowest and highest SLOT_DATE values that the date T[0..N) covers
 * (date_slot_bounds()): YYYY, YYYY-MM or YYYY-MM-DD, a date that exists
 * (date_parse_iso()).  Returns 0, or -1 if T is none of these. */
static int date_bounds(const char *t, size_t n, char lo[DATE_SLOT_SIZE], char hi[DATE_SLOT_SIZE])
{
    date_t d;
    if (date_parse_iso(t, n, &d) == DATE_NONE)
        return -1;
    date_slot_bounds(&d, lo, hi);
    return 0;
}

/* date:VALUE: a value range on SLOT_DATE (a filter). */
node_t qp_date_range(parser_t *p, const lex_token_t *lt)
{
    const char *t = p->text + lt->start;
    size_t n = lt->end - lt->start, dots;
    char lo[DATE_SLOT_SIZE], hi[DATE_SLOT_SIZE], ignored[DATE_SLOT_SIZE];
    int bad;
    node_t node = { NULL, 1 };

    for (dots = 0; dots + 1 < n && memcmp(t + dots, "..", 2) != 0; dots++)
        ;
    if (dots + 1 >= n)          /* one date */
        bad = date_bounds(t, n, lo, hi) != 0;
    else                        /* FROM..TO, either end may be open */
        bad = (dots == 0 && n == 2)
              || (dots > 0 && date_bounds(t, dots, lo, ignored) != 0)
              || (dots + 2 < n && date_bounds(t + dots + 2, n - dots - 2, ignored, hi) != 0);
    if (bad) {
        buf_t m = BUF_INIT;
        buf_puts(&m, "date:");
        buf_append(&m, t, n);
        buf_puts(&m, ": not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)");
        if (p->error == NULL)
            p->error = buf_detach(&m);
        buf_free(&m);
        return node;
    }
    const char *from = dots + 1 < n && dots == 0 ? NULL : lo;
    const char *to = dots + 1 < n && dots + 2 == n ? NULL : hi;
    buf_printf(&p->explain, "date: %s..%s%s\n", from ? from : "", to ? to : "",
               p->negated ? " (excluded)" : "");
    node.q = qp_need(p, qtree_value_range(p->q->arena, SLOT_DATE, from, to));
    return node;
}

/* id:VALUE: the article with that id (a filter). */
node_t qp_id_filter(parser_t *p, const lex_token_t *lt)
{
    node_t node = { NULL, 1 };

    buf_puts(&p->explain, "id: ");
    buf_append(&p->explain, p->text + lt->start, lt->end - lt->start);
    buf_putc(&p->explain, '\n');
    node.q = qp_term(p, PREFIX_ID, p->text + lt->start, lt->end - lt->start, 0);
    return node;
}

void qp_meta_prefix(parser_t *p, const lex_token_t *lt, char mark)
{
    size_t at = strlen(PREFIX_FIELD);

    memcpy(p->meta_prefix, PREFIX_FIELD, at);
    at += query_field_name(p->text + lt->name_start, lt->name_end - lt->name_start,
                           p->meta_prefix + at);
    p->meta_prefix[at++] = mark;
    p->meta_prefix[at] = '\0';
}

node_t qp_value_filter(parser_t *p, const lex_token_t *lt)
{
    const char *value = p->text + lt->start;
    size_t len = lt->end - lt->start;
    node_t node = { NULL, 1 };

    if (lt->field == QFIELD_SOURCE) {
        /* The source exactly: its value slot, as the search page's filter. */
        char *copy = xstrndup(value, len);
        buf_puts(&p->explain, "source=");
        if (copy == NULL) {
            p->failed = 1;
            return node;
        }
        node.q = qp_need(p, qtree_value_range(p->q->arena, SLOT_SOURCE, copy, copy));
        free(copy);
    } else {
        qp_meta_prefix(p, lt, FIELD_VALUE_MARK);
        buf_puts(&p->explain, p->meta_prefix + strlen(PREFIX_FIELD));
        node.q = qp_term(p, p->meta_prefix, value, len, 0);
    }
    buf_append(&p->explain, value, len);
    buf_puts(&p->explain, p->negated ? " (excluded)\n" : "\n");
    return node;
}

/* Words of a WORDS chunk that is not a group of its own: AND-ed (OR-ed in
 * QUERY_ANY). */
qtree_t *qp_words(parser_t *p, const lex_token_t *lt)
{
    tokens_t t;
    qtree_t **parts, *q;

    qp_analyze(p, lt, &t);
    parts = calloc(t.count ? t.count : 1, sizeof *parts);
    if (parts == NULL) {
        p->failed = 1;
        qp_tokens_free(&t);
        return NULL;
    }
    for (size_t i = 0; i < t.count; i++)
        parts[i] = qp_plain_word(p, &t.items[i]);
    q = qp_combine(p, p->mode == QUERY_ANY ? QTREE_OR : QTREE_AND, parts, t.count, 0);
    free(parts);
    qp_tokens_free(&t);
    return q;
}

/* proximity: words or phrases joined by NEAR/n or ADJ/n, looked up in the
 * body, the title and the comments (the fields with positions). */
node_t qp_proximity(parser_t *p)
{
    token_t *items = NULL;
    size_t count = 0;
    unsigned distance = 0;
    int ordered = 1;
    node_t node = { NULL, 0 };
    const char *prefixes[3];
    double weights[3];
    qtree_t *per_field[3] = { NULL, NULL, NULL };
    size_t n;
    buf_t store = BUF_INIT;     /* the words, NUL-separated */

    for (;;) {
        const lex_token_t *lt = qp_peek(p);
        tokens_t t;

        if (lt->kind != TOK_WORDS && lt->kind != TOK_PHRASE) {
            qp_syntax(p, "NEAR and ADJ work on words and phrases only");
            break;
        }
        p->at++;
        qp_analyze(p, lt, &t);
        token_t *grown = realloc(items, (count + t.count + 1) * sizeof *items);
        if (grown == NULL)
            p->failed = 1;
        else
            items = grown;
        for (size_t i = 0; !p->failed && i < t.count; i++) {
            /* Offsets into STORE until it stops moving. */
            items[count] = t.items[i];
            items[count].word = (const char *)(size_t)store.len;
            buf_append(&store, t.items[i].word, t.items[i].word_len + 1);
            count++;
        }
        qp_tokens_free(&t);
        if (p->failed || !(qp_peek(p)->kind == TOK_NEAR || qp_peek(p)->kind == TOK_ADJ))
            break;
        if (qp_peek(p)->distance > distance)
            distance = qp_peek(p)->distance;
        ordered &= qp_peek(p)->kind == TOK_ADJ;
        p->at++;
    }
    if (store.failed)
        p->failed = 1;
    if (p->syntax_error || p->failed || count == 0) {
        free(items);
        buf_free(&store);
        return node;
    }
    buf_printf(&p->explain, "%s/%u:", ordered ? "ADJ" : "NEAR", distance);
    for (size_t i = 0; i < count; i++) {
        items[i].word = store.data + (size_t)items[i].word;
        buf_printf(&p->explain, " %s", items[i].word);
        qp_add_term(p, MATCH_EXACT, items[i].word, items[i].word_len, p->next_group++, 0, 0);
    }
    buf_puts(&p->explain, p->negated ? " (excluded)\n" : "\n");
    n = p->field == QFIELD_META ? exact_prefixes(p, prefixes, weights)
        : qp_field_prefixes(p->field == QFIELD_SOURCE ? QFIELD_ANY : p->field, p->index_fields,
                            0, prefixes, weights);
    for (size_t f = 0; f < n; f++) {
        qtree_t **parts = calloc(count, sizeof *parts);
        if (parts == NULL) {
            p->failed = 1;
            break;
        }
        for (size_t i = 0; i < count; i++)
            parts[i] = qp_term(p, prefixes[f], items[i].word, items[i].word_len, 1.0);
        /* Xapian's window is the span of positions the words may cover. */
        per_field[f] = qp_scale(p, qp_combine(p, ordered ? QTREE_PHRASE : QTREE_NEAR, parts, count,
                                              (unsigned)count + distance), weights[f]);
        free(parts);
    }
    node.q = qp_combine(p, QTREE_OR, per_field, n, 0);
    free(items);
    buf_free(&store);
    return node;
}
