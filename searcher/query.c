/* query.c: the query language: a lexer, a recursive-descent parser, and
 * the Xapian queries and snippet terms it builds (see query.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "query.h"
#include "schema.h"
#include "stopwords.h"
#include "utf8.h"

#define OPEN_QUOTE  "\xE2\x80\x9C"   /* “ */
#define CLOSE_QUOTE "\xE2\x80\x9D"   /* ” */

typedef enum {
    TOK_WORDS,      /* a run of text for the analyzer */
    TOK_PHRASE,     /* the text between quotes */
    TOK_WILDCARD,   /* word*: value is the word */
    TOK_LPAREN, TOK_RPAREN,
    TOK_AND, TOK_OR, TOK_NOT,
    TOK_NEAR, TOK_ADJ,
    TOK_PLUS, TOK_MINUS,
    TOK_FIELD,      /* title: body: comments: source: (applies to what follows) */
    TOK_DATE,       /* date:VALUE */
    TOK_ID,         /* id:VALUE */
    TOK_END
} tok_kind_t;

typedef enum { FIELD_ANY, FIELD_TITLE, FIELD_BODY, FIELD_COMMENTS, FIELD_SOURCE } field_t;

typedef struct {
    tok_kind_t kind;
    size_t start, end;      /* the value's bytes in the query text */
    field_t field;          /* TOK_FIELD */
    unsigned distance;      /* TOK_NEAR, TOK_ADJ */
} lex_token_t;

/* A parsed part of the query: its Xapian query, and whether it only
 * filters (dates, sources, ids: no weight), which decides how it joins a
 * sequence of plain words. */
typedef struct {
    xs_query_t *q;          /* NULL: nothing to search (e.g. only "!!!") */
    int filter;
} node_t;

typedef struct {
    analyzer_t *analyzer;
    unsigned index_fields;  /* QUERY_FIELD_* the index holds */
    const char *text;
    query_mode_t mode;
    lex_token_t *toks;
    size_t tok_count, at;
    field_t field;          /* the field the current primary stands in */
    int negated;            /* inside NOT or -: record no snippet terms */
    unsigned depth;
    unsigned next_group;    /* snippet groups */
    int syntax_error;       /* set: read the query again as plain words */
    const char *syntax_why; /* for the explanation */
    int words_capped;       /* QUERY_MAX_WORDS reached */
    int failed;             /* out of memory */
    char *error;            /* a real error (a bad date): malloc'ed */
    buf_t explain;
    query_t *q;
} parser_t;

/* ------------------------------------------------------------------ lexer */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
           || c == '\v';
}

static int quote_at(const char *t, size_t len, size_t i)
{
    if (t[i] == '"')
        return 1;
    if (len - i >= 3 && (memcmp(t + i, OPEN_QUOTE, 3) == 0
                         || memcmp(t + i, CLOSE_QUOTE, 3) == 0))
        return 3;
    return 0;
}

/* Whether a chunk (a run of text that a blank, a bracket or a quote ends)
 * stops at I. */
static int chunk_ends(const char *t, size_t len, size_t i)
{
    return i >= len || is_blank(t[i]) || t[i] == '(' || t[i] == ')'
           || quote_at(t, len, i);
}

static int equals(const char *t, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(t, word, n) == 0;
}

/* NEAR, NEAR/n, ADJ, ADJ/n: sets *distance; 0 if T[0..N) is not one. */
static tok_kind_t proximity_operator(const char *t, size_t n, unsigned *distance)
{
    tok_kind_t kind;
    size_t k;
    unsigned long d = 0;

    if (n >= 4 && memcmp(t, "NEAR", 4) == 0) {
        kind = TOK_NEAR;
        k = 4;
    } else if (n >= 3 && memcmp(t, "ADJ", 3) == 0) {
        kind = TOK_ADJ;
        k = 3;
    } else {
        return TOK_END;
    }
    *distance = QUERY_NEAR_DEFAULT;
    if (k == n)
        return kind;
    if (t[k] != '/' || k + 1 == n)
        return TOK_END;
    for (k++; k < n; k++) {
        if (t[k] < '0' || t[k] > '9')
            return TOK_END;
        if (d <= QUERY_NEAR_MAX)
            d = d * 10 + (unsigned)(t[k] - '0');
    }
    *distance = d > QUERY_NEAR_MAX ? QUERY_NEAR_MAX : (unsigned)d;
    return kind;
}

static int push(parser_t *p, tok_kind_t kind, size_t start, size_t end)
{
    lex_token_t *t = &p->toks[p->tok_count++];

    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = start;
    t->end = end;
    return 0;
}

/* Splits the query into tokens.  Each byte makes at most one token, so
 * LEN + 1 tokens always suffice.  An unbalanced quote is a syntax error. */
static void lex(parser_t *p, size_t len)
{
    static const struct { const char *name; field_t field; tok_kind_t kind; } fields[] = {
        { "title:", FIELD_TITLE, TOK_FIELD },
        { "body:", FIELD_BODY, TOK_FIELD },
        { "comments:", FIELD_COMMENTS, TOK_FIELD },
        { "comment:", FIELD_COMMENTS, TOK_FIELD },
        { "source:", FIELD_SOURCE, TOK_FIELD },
        { "date:", FIELD_ANY, TOK_DATE },
        { "id:", FIELD_ANY, TOK_ID },
    };
    const char *t = p->text;
    size_t i = 0;

    while (i < len && !p->syntax_error) {
        size_t q, start, end;
        unsigned distance;
        tok_kind_t op;

        if (is_blank(t[i])) {
            i++;
            continue;
        }
        if (t[i] == '(' || t[i] == ')') {
            push(p, t[i] == '(' ? TOK_LPAREN : TOK_RPAREN, i, i + 1);
            i++;
            continue;
        }
        if ((q = (size_t)quote_at(t, len, i)) > 0) {
            start = i + q;
            for (end = start; end < len && !quote_at(t, len, end); end++)
                ;
            if (end == len) {
                p->syntax_error = 1;
                p->syntax_why = "a quote is not closed";
                return;
            }
            push(p, TOK_PHRASE, start, end);
            i = end + (size_t)quote_at(t, len, end);
            continue;
        }
        /* + and - before anything but a blank modify what follows. */
        if ((t[i] == '+' || t[i] == '-') && i + 1 < len && !is_blank(t[i + 1])
            && t[i + 1] != ')') {
            push(p, t[i] == '+' ? TOK_PLUS : TOK_MINUS, i, i + 1);
            i++;
            continue;
        }
        for (end = i; !chunk_ends(t, len, end); end++)
            ;
        if (equals(t + i, end - i, "AND") || equals(t + i, end - i, "OR")
            || equals(t + i, end - i, "NOT")) {
            push(p, t[i] == 'A' ? TOK_AND : t[i] == 'O' ? TOK_OR : TOK_NOT, i, end);
            i = end;
            continue;
        }
        if ((op = proximity_operator(t + i, end - i, &distance)) != TOK_END) {
            push(p, op, i, end);
            p->toks[p->tok_count - 1].distance = distance;
            i = end;
            continue;
        }
        size_t f;
        for (f = 0; f < sizeof fields / sizeof *fields; f++) {
            size_t n = strlen(fields[f].name);
            if (end - i >= n && memcmp(t + i, fields[f].name, n) == 0)
                break;
        }
        if (f < sizeof fields / sizeof *fields) {
            size_t n = strlen(fields[f].name);
            if (fields[f].kind != TOK_FIELD) {
                if (end - i == n) {
                    p->syntax_error = 1;
                    p->syntax_why = "a field has nothing after it";
                    return;
                }
                push(p, fields[f].kind, i + n, end);
                i = end;
                continue;
            }
            if (i + n == len || is_blank(t[i + n]) || t[i + n] == ')') {
                p->syntax_error = 1;
                p->syntax_why = "a field has nothing after it";
                return;
            }
            push(p, TOK_FIELD, i, i + n);
            p->toks[p->tok_count - 1].field = fields[f].field;
            i += n;
            continue;
        }
        if (end - i > 1 && t[end - 1] == '*')
            push(p, TOK_WILDCARD, i, end - 1);
        else
            push(p, TOK_WORDS, i, end);
        i = end;
    }
    push(p, TOK_END, len, len);
}

/* ------------------------------------------------------- building queries */

static void syntax(parser_t *p, const char *why)
{
    if (!p->syntax_error) {
        p->syntax_error = 1;
        p->syntax_why = why;
    }
}

/* *Q, just made with status ST; NULL (and P failed) if that failed. */
static xs_query_t *check(parser_t *p, xs_status_t st, xs_query_t **q)
{
    if (st != XS_OK || *q == NULL) {
        xs_query_destroy(*q);
        p->failed = 1;
        return NULL;
    }
    return *q;
}

/* Q with its weights multiplied by WEIGHT; Q is used up. */
static xs_query_t *scale(parser_t *p, xs_query_t *q, double weight)
{
    xs_query_t *scaled = NULL;

    if (q == NULL || weight == 1.0)
        return q;
    scaled = check(p, xs_query_scale(q, weight, &scaled), &scaled);
    xs_query_destroy(q);
    return scaled;
}

/* PARTS[0..COUNT) combined with OP; the parts still belong to the caller.
 * NULL parts (nothing to search) are skipped; NULL when none is left. */
static xs_query_t *join(parser_t *p, xs_op_t op, xs_query_t *const *parts,
                        size_t count, unsigned window)
{
    const xs_query_t **kept = calloc(count ? count : 1, sizeof *kept);
    size_t n = 0;
    xs_query_t *q = NULL;

    if (kept == NULL) {
        p->failed = 1;
        return NULL;
    }
    for (size_t i = 0; i < count; i++)
        if (parts[i] != NULL)
            kept[n++] = parts[i];
    if (n > 0 && !p->failed)
        q = check(p, xs_query_combine(op, kept, n, window, &q), &q);
    free(kept);
    return q;
}

/* Like join(), but destroys the parts; a single part is returned as it is
 * (except for PHRASE and NEAR, whose window matters). */
static xs_query_t *combine(parser_t *p, xs_op_t op, xs_query_t **parts,
                           size_t count, unsigned window)
{
    size_t n = 0;
    xs_query_t *q;

    for (size_t i = 0; i < count; i++)
        if (parts[i] != NULL)
            parts[n++] = parts[i];
    if (n == 1 && op != XS_OP_PHRASE && op != XS_OP_NEAR)
        return parts[0];
    q = join(p, op, parts, n, window);
    for (size_t i = 0; i < n; i++)
        xs_query_destroy(parts[i]);
    return q;
}

static xs_query_t *combine2(parser_t *p, xs_op_t op, xs_query_t *a, xs_query_t *b)
{
    xs_query_t *parts[2] = { a, b };

    return combine(p, op, parts, 2, 0);
}

/* PREFIX followed by WORD[0..LEN) as a term query weighted by WEIGHT
 * (0: a filter). */
static xs_query_t *term(parser_t *p, const char *prefix, const char *word,
                        size_t len, double weight)
{
    buf_t name = BUF_INIT;
    xs_query_t *q = NULL;

    buf_puts(&name, prefix);
    buf_append(&name, word, len);
    /* A term Xapian would reject (too long) matches nothing anyway. */
    if (!name.failed && !p->failed && name.len <= MAX_TERM_BYTES)
        q = check(p, xs_query_term(name.data, name.len, 1, 0, &q), &q);
    else if (name.failed)
        p->failed = 1;
    buf_free(&name);
    return scale(p, q, weight);
}

/* The prefixes and weights a word is looked up under in field F, in the
 * order article text, headline, comments.  A stemmed word's Z<stem> term
 * already holds the headline (TITLE_STEM_WDF), so the article is that one
 * term; exact words, phrases and wildcards have the text's and the
 * headline's terms (with positions).  "body:" is the article, headline
 * included; "title:" the headline alone.  Plain words leave out a field
 * the index lacks (INDEX_FIELDS): it would cost Xapian a lookup per word
 * for nothing.  Returns the number written. */
static size_t field_prefixes(field_t f, unsigned index_fields, int stemmed,
                             const char **prefixes, double *weights)
{
    static const char *const exact[] = { "", PREFIX_TITLE, PREFIX_COMMENT };
    static const char *const stems[] = {
        PREFIX_STEM, PREFIX_STEM PREFIX_TITLE, PREFIX_STEM PREFIX_COMMENT
    };
    const char *const *names = stemmed ? stems : exact;
    const double all_weights[] = { 1.0, QUERY_TITLE_WEIGHT, QUERY_COMMENT_WEIGHT };
    int anywhere = f == FIELD_ANY || f == FIELD_SOURCE;
    int in_article = anywhere || f == FIELD_BODY;
    const int wanted[3] = { in_article, (in_article && !stemmed) || f == FIELD_TITLE,
                            (anywhere && (index_fields & QUERY_FIELD_COMMENTS))
                                || f == FIELD_COMMENTS };
    size_t n = 0;

    for (size_t i = 0; i < 3; i++)
        if (wanted[i]) {
            prefixes[n] = names[i];
            weights[n++] = all_weights[i];
        }
    return n;
}

static void add_term(parser_t *p, match_kind_t kind, const char *text,
                     size_t len, unsigned group, unsigned phrase_length,
                     unsigned phrase_index)
{
    query_t *q = p->q;
    match_term_t *terms;
    char *copy;

    if (p->negated || p->failed)
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

/* One analyzed word in the current field: stemmed unless EXACT. */
static xs_query_t *word_query(parser_t *p, const token_t *tok, int exact)
{
    const char *prefixes[3];
    double weights[3];
    xs_query_t *parts[3];
    const char *w = exact ? tok->word : tok->stem;
    size_t len = exact ? tok->word_len : tok->stem_len, n;

    if (p->field == FIELD_SOURCE) {
        add_term(p, MATCH_EXACT, tok->word, tok->word_len, p->next_group++, 0, 0);
        return term(p, PREFIX_SOURCE, tok->word, tok->word_len, 0);
    }
    add_term(p, exact ? MATCH_EXACT : MATCH_STEM, w, len, p->next_group++, 0, 0);
    n = field_prefixes(p->field, p->index_fields, !exact, prefixes, weights);
    size_t first = 0, count = 0;
    /* An exact word in text and headline: one BM25 term (a SYNONYM adds
     * their wdfs), each headline occurrence counting QUERY_TITLE_WEIGHT
     * times, as the stemmed Z<stem> term counts it at indexing. */
    if (exact && n >= 2 && strcmp(prefixes[0], "") == 0 && strcmp(prefixes[1], PREFIX_TITLE) == 0) {
        enum { TITLE_COPIES = TITLE_STEM_WDF };
        xs_query_t *copies[1 + TITLE_COPIES];
        copies[0] = term(p, prefixes[0], w, len, 1.0);
        for (int c = 1; c <= TITLE_COPIES; c++)
            copies[c] = term(p, prefixes[1], w, len, 1.0);
        parts[count++] = combine(p, XS_OP_SYNONYM, copies, 1 + TITLE_COPIES, 0);
        first = 2;
    }
    /* Comments stay a term of their own, weighing less. */
    for (size_t i = first; i < n; i++)
        parts[count++] = term(p, prefixes[i], w, len, weights[i]);
    return count == 1 ? parts[0] : combine(p, XS_OP_OR, parts, count, 0);
}

/* Tokens of a chunk, copied out of the analyzer's callback. */
typedef struct {
    token_t *items;
    size_t count;
    char *strings;          /* words and stems, NUL-separated */
    buf_t store;
    int failed;
} tokens_t;

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

/* Analyzes the bytes of lexer token LT into T (free with tokens_free()). */
static void analyze(parser_t *p, const lex_token_t *lt, tokens_t *t)
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

static void tokens_free(tokens_t *t)
{
    free(t->items);
    buf_free(&t->store);
}

static void explain_field(parser_t *p)
{
    static const char *const names[] = { "", "title:", "body:", "comments:", "source:" };

    buf_puts(&p->explain, names[p->field]);
}

/* Records a plain word for "did you mean". */
static void add_word(parser_t *p, const token_t *tok)
{
    query_t *q = p->q;
    query_word_t *words;

    if (p->negated || p->failed || p->field != FIELD_ANY)
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
    buf_puts(&p->explain, "word: ");
    explain_field(p);
    buf_append(&p->explain, tok->word, tok->word_len);
    if (p->field != FIELD_SOURCE && (tok->stem_len != tok->word_len
                                     || memcmp(tok->stem, tok->word, tok->word_len) != 0)) {
        buf_puts(&p->explain, " (stem ");
        buf_append(&p->explain, tok->stem, tok->stem_len);
        buf_putc(&p->explain, ')');
    }
    buf_puts(&p->explain, p->negated ? " (excluded)\n" : "\n");
}

/* A plain word. */
static xs_query_t *plain_word(parser_t *p, const token_t *tok)
{
    explain_word(p, tok);
    add_word(p, tok);
    return word_query(p, tok, 0);
}

/* The words of a phrase (or a quoted word: exact, not stemmed). */
static xs_query_t *phrase(parser_t *p, const lex_token_t *lt)
{
    const char *prefixes[3];
    double weights[3];
    xs_query_t *per_field[3];
    tokens_t t;
    size_t n;
    unsigned group;

    analyze(p, lt, &t);
    if (t.count == 0) {
        tokens_free(&t);
        return NULL;
    }
    if (t.count == 1) {
        buf_puts(&p->explain, "exact word: ");
        explain_field(p);
        buf_printf(&p->explain, "\"%s\"%s\n", t.items[0].word, p->negated ? " (excluded)" : "");
        xs_query_t *q = word_query(p, &t.items[0], 1);
        tokens_free(&t);
        return q;
    }
    buf_puts(&p->explain, "phrase: ");
    explain_field(p);
    buf_putc(&p->explain, '"');
    group = p->next_group++;
    for (size_t i = 0; i < t.count; i++) {
        buf_printf(&p->explain, "%s%s", i ? " " : "", t.items[i].word);
        add_term(p, MATCH_EXACT, t.items[i].word, t.items[i].word_len, group,
                 (unsigned)t.count, (unsigned)i);
    }
    buf_printf(&p->explain, "\"%s\n", p->negated ? " (excluded)" : "");
    if (p->field == FIELD_SOURCE) {
        prefixes[0] = PREFIX_SOURCE;
        weights[0] = 0;
        n = 1;
    } else {
        n = field_prefixes(p->field, p->index_fields, 0, prefixes, weights);
    }
    for (size_t f = 0; f < n; f++) {
        xs_query_t **words = calloc(t.count, sizeof *words);
        if (words == NULL) {
            p->failed = 1;
            per_field[f] = NULL;
            continue;
        }
        for (size_t i = 0; i < t.count; i++)
            words[i] = term(p, prefixes[f], t.items[i].word, t.items[i].word_len, 1.0);
        /* The source field has no positions: all its words. */
        per_field[f] = scale(p, combine(p, p->field == FIELD_SOURCE ? XS_OP_AND : XS_OP_PHRASE,
                                        words, t.count, 0), weights[f]);
        free(words);
    }
    tokens_free(&t);
    return combine(p, XS_OP_OR, per_field, n, 0);
}

static xs_query_t *wildcard(parser_t *p, const lex_token_t *lt)
{
    const char *prefixes[3];
    double weights[3];
    xs_query_t *parts[3];
    tokens_t t;
    size_t n;

    analyze(p, lt, &t);
    /* Only a single word of enough characters makes a wildcard; else the
     * '*' is ignored ("5*" searches "5"). */
    if (t.count != 1 || t.items[0].start != lt->start || t.items[0].end != lt->end
        || utf8_count(t.items[0].word, t.items[0].word_len) < QUERY_WILDCARD_MIN_PREFIX) {
        xs_query_t *parts_words[1];
        if (t.count == 0) {
            tokens_free(&t);
            return NULL;
        }
        buf_printf(&p->explain, "too short for a wildcard (at least %d characters): searched as words\n",
                   QUERY_WILDCARD_MIN_PREFIX);
        xs_query_t **words = calloc(t.count, sizeof *words);
        if (words == NULL) {
            p->failed = 1;
            tokens_free(&t);
            return NULL;
        }
        for (size_t i = 0; i < t.count; i++)
            words[i] = plain_word(p, &t.items[i]);
        parts_words[0] = combine(p, p->mode == QUERY_ANY ? XS_OP_OR : XS_OP_AND,
                                 words, t.count, 0);
        free(words);
        tokens_free(&t);
        return parts_words[0];
    }
    buf_puts(&p->explain, "wildcard: ");
    explain_field(p);
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
    add_term(p, MATCH_PREFIX, t.items[0].word, t.items[0].word_len, p->next_group++, 0, 0);
    if (p->field == FIELD_SOURCE) {
        prefixes[0] = PREFIX_SOURCE;
        weights[0] = 0;
        n = 1;
    } else {
        n = field_prefixes(p->field, p->index_fields, 0, prefixes, weights);
    }
    memset(parts, 0, sizeof parts);
    for (size_t f = 0; f < n && !p->failed; f++) {
        buf_t name = BUF_INIT;
        xs_query_t *q = NULL;
        buf_puts(&name, prefixes[f]);
        buf_append(&name, t.items[0].word, t.items[0].word_len);
        if (name.failed)
            p->failed = 1;
        else
            q = check(p, xs_query_wildcard(name.data, name.len, QUERY_WILDCARD_MAX_TERMS, &q), &q);
        buf_free(&name);
        parts[f] = scale(p, q, weights[f]);
    }
    tokens_free(&t);
    return combine(p, XS_OP_OR, parts, n, 0);
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
static node_t date_range(parser_t *p, const lex_token_t *lt)
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
    node.q = check(p, xs_query_value_range(SLOT_DATE, from, to, &node.q), &node.q);
    return node;
}

/* id:VALUE: the article with that id (a filter). */
static node_t id_filter(parser_t *p, const lex_token_t *lt)
{
    node_t node = { NULL, 1 };

    buf_puts(&p->explain, "id: ");
    buf_append(&p->explain, p->text + lt->start, lt->end - lt->start);
    buf_putc(&p->explain, '\n');
    node.q = term(p, PREFIX_ID, p->text + lt->start, lt->end - lt->start, 0);
    return node;
}

static int is_operator(tok_kind_t k)
{
    return k == TOK_AND || k == TOK_OR || k == TOK_NOT || k == TOK_NEAR || k == TOK_ADJ;
}

static const lex_token_t *peek(const parser_t *p)
{
    return &p->toks[p->at];
}

static xs_query_t *sequence(parser_t *p, int top, int *filter_only);

/* Words of a WORDS chunk that is not a group of its own: AND-ed (OR-ed in
 * QUERY_ANY). */
static xs_query_t *words(parser_t *p, const lex_token_t *lt)
{
    tokens_t t;
    xs_query_t **parts, *q;

    analyze(p, lt, &t);
    parts = calloc(t.count ? t.count : 1, sizeof *parts);
    if (parts == NULL) {
        p->failed = 1;
        tokens_free(&t);
        return NULL;
    }
    for (size_t i = 0; i < t.count; i++)
        parts[i] = plain_word(p, &t.items[i]);
    q = combine(p, p->mode == QUERY_ANY ? XS_OP_OR : XS_OP_AND, parts, t.count, 0);
    free(parts);
    tokens_free(&t);
    return q;
}

/* primary: words, "phrase", word*, (sequence), field:primary, date:, id: */
static node_t primary(parser_t *p)
{
    const lex_token_t *lt = peek(p);
    node_t node = { NULL, 0 };

    if (p->syntax_error || p->failed || p->error)
        return node;
    switch (lt->kind) {
    case TOK_WORDS:
        p->at++;
        node.q = words(p, lt);
        break;
    case TOK_PHRASE:
        p->at++;
        node.q = phrase(p, lt);
        break;
    case TOK_WILDCARD:
        p->at++;
        node.q = wildcard(p, lt);
        break;
    case TOK_DATE:
        p->at++;
        return date_range(p, lt);
    case TOK_ID:
        p->at++;
        return id_filter(p, lt);
    case TOK_FIELD: {
        field_t saved = p->field;
        p->at++;
        p->field = lt->field;
        node = primary(p);
        p->field = saved;
        node.filter = lt->field == FIELD_SOURCE;
        break;
    }
    case TOK_LPAREN:
        if (p->depth >= QUERY_MAX_DEPTH) {
            syntax(p, "brackets are nested too deeply");
            break;
        }
        p->at++;
        p->depth++;
        node.q = sequence(p, 0, &node.filter);
        p->depth--;
        if (peek(p)->kind != TOK_RPAREN)
            syntax(p, "a bracket is not closed");
        else
            p->at++;
        break;
    default:
        syntax(p, lt->kind == TOK_RPAREN ? "a bracket is not opened"
                                         : "an operator has nothing to work on");
        break;
    }
    return node;
}

/* proximity: words or phrases joined by NEAR/n or ADJ/n, looked up in the
 * body, the title and the comments (the fields with positions). */
static node_t proximity(parser_t *p)
{
    token_t *items = NULL;
    size_t count = 0;
    unsigned distance = 0;
    int ordered = 1;
    node_t node = { NULL, 0 };
    const char *prefixes[3];
    double weights[3];
    xs_query_t *per_field[3] = { NULL, NULL, NULL };
    size_t n;
    buf_t store = BUF_INIT;     /* the words, NUL-separated */

    for (;;) {
        const lex_token_t *lt = peek(p);
        tokens_t t;

        if (lt->kind != TOK_WORDS && lt->kind != TOK_PHRASE) {
            syntax(p, "NEAR and ADJ work on words and phrases only");
            break;
        }
        p->at++;
        analyze(p, lt, &t);
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
        tokens_free(&t);
        if (p->failed || !(peek(p)->kind == TOK_NEAR || peek(p)->kind == TOK_ADJ))
            break;
        if (peek(p)->distance > distance)
            distance = peek(p)->distance;
        ordered &= peek(p)->kind == TOK_ADJ;
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
        add_term(p, MATCH_EXACT, items[i].word, items[i].word_len, p->next_group++, 0, 0);
    }
    buf_puts(&p->explain, p->negated ? " (excluded)\n" : "\n");
    n = field_prefixes(p->field == FIELD_SOURCE ? FIELD_ANY : p->field, p->index_fields, 0,
                       prefixes, weights);
    for (size_t f = 0; f < n; f++) {
        xs_query_t **parts = calloc(count, sizeof *parts);
        if (parts == NULL) {
            p->failed = 1;
            break;
        }
        for (size_t i = 0; i < count; i++)
            parts[i] = term(p, prefixes[f], items[i].word, items[i].word_len, 1.0);
        /* Xapian's window is the span of positions the words may cover. */
        per_field[f] = scale(p, combine(p, ordered ? XS_OP_PHRASE : XS_OP_NEAR, parts, count,
                                        (unsigned)count + distance), weights[f]);
        free(parts);
    }
    node.q = combine(p, XS_OP_OR, per_field, n, 0);
    free(items);
    buf_free(&store);
    return node;
}

static node_t near_expr(parser_t *p)
{
    const lex_token_t *lt = peek(p);

    if ((lt->kind == TOK_WORDS || lt->kind == TOK_PHRASE)
        && (lt[1].kind == TOK_NEAR || lt[1].kind == TOK_ADJ))
        return proximity(p);
    return primary(p);
}

/* and_expr: near_expr ((AND | NOT) near_expr)* */
static node_t and_expr(parser_t *p)
{
    node_t left = near_expr(p);

    while (!p->syntax_error && !p->failed && !p->error
           && (peek(p)->kind == TOK_AND || peek(p)->kind == TOK_NOT)) {
        int not = peek(p)->kind == TOK_NOT;
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
            xs_query_destroy(right.q);
            continue;
        }
        left.q = combine2(p, not ? XS_OP_AND_NOT : XS_OP_AND, left.q, right.q);
        left.filter = not ? left.filter : left.filter && right.filter;
    }
    return left;
}

/* or_expr: and_expr (OR and_expr)* */
static node_t or_expr(parser_t *p)
{
    node_t left = and_expr(p);

    while (!p->syntax_error && !p->failed && !p->error && peek(p)->kind == TOK_OR) {
        node_t right;

        p->at++;
        right = and_expr(p);
        left.filter = (left.q == NULL || left.filter) && (right.q == NULL || right.filter);
        left.q = combine2(p, XS_OP_OR, left.q, right.q);
    }
    return left;
}

/* A growable array of queries. */
typedef struct {
    xs_query_t **items;
    size_t count, cap;
} parts_t;

static void parts_add(parser_t *p, parts_t *a, xs_query_t *q)
{
    if (q == NULL)
        return;
    if (a->count == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 8;
        xs_query_t **items = realloc(a->items, cap * sizeof *items);
        if (items == NULL) {
            p->failed = 1;
            xs_query_destroy(q);
            return;
        }
        a->items = items;
        a->cap = cap;
    }
    a->items[a->count++] = q;
}

static void parts_free(parts_t *a)
{
    for (size_t i = 0; i < a->count; i++)
        xs_query_destroy(a->items[i]);
    free(a->items);
}

/* CORE restricted to the FILTERS and without the EXCLUDED (CORE still
 * belongs to the caller).  A NULL CORE matches every article when there
 * are filters or exclusions, else nothing. */
static xs_query_t *restrict_core(parser_t *p, xs_query_t *core, const parts_t *filters,
                                 const parts_t *excluded)
{
    xs_query_t *q = NULL, *all = NULL;

    if (core == NULL && filters->count == 0 && excluded->count == 0)
        return NULL;
    if (core == NULL)
        core = all = check(p, xs_query_match_all(&all), &all);
    if (core == NULL)
        return NULL;
    if (filters->count > 0) {
        xs_query_t **parts = calloc(filters->count + 1, sizeof *parts);
        if (parts == NULL) {
            p->failed = 1;
        } else {
            parts[0] = core;
            memcpy(parts + 1, filters->items, filters->count * sizeof *parts);
            q = join(p, XS_OP_FILTER, parts, filters->count + 1, 0);
            free(parts);
        }
    } else {
        q = join(p, XS_OP_OR, &core, 1, 0);   /* a copy */
    }
    if (q != NULL && excluded->count > 0) {
        xs_query_t **parts = calloc(excluded->count + 1, sizeof *parts);
        xs_query_t *without = NULL;
        if (parts == NULL) {
            p->failed = 1;
        } else {
            parts[0] = q;
            memcpy(parts + 1, excluded->items, excluded->count * sizeof *parts);
            without = join(p, XS_OP_AND_NOT, parts, excluded->count + 1, 0);
            free(parts);
        }
        xs_query_destroy(q);
        q = without;
    }
    xs_query_destroy(all);
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
    xs_query_t *q = plain_word(p, tok);
    plain_group_t *grown;

    if (q == NULL)
        return;
    grown = realloc(*plain, (*plain_count + 1) * sizeof *grown);
    if (grown == NULL) {
        xs_query_destroy(q);
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
        groups->items[plain[g].group] = scale(p, groups->items[plain[g].group], times);
    }
}

/* sequence: items side by side, up to the end (TOP) or a ')'.  Each item
 * is a group (plain words one by one, phrases, brackets...), +required,
 * -excluded or a filter (dates, sources, ids).  At the top the query's
 * all/any queries are set and NULL is returned; in brackets the items
 * are AND-ed (OR-ed in QUERY_ANY) and *FILTER_ONLY says whether only
 * filters were found. */
static xs_query_t *sequence(parser_t *p, int top, int *filter_only)
{
    parts_t groups = { 0 }, required = { 0 }, filters = { 0 }, excluded = { 0 };
    tokens_t *chunks = NULL;
    size_t chunk_count = 0, first_word = p->q->word_count;
    struct { size_t chunk, token; } *stops = NULL;
    size_t stop_count = 0, plain_count = 0;
    plain_group_t *plain = NULL;
    xs_query_t *result = NULL;

    while (!p->syntax_error && !p->failed && !p->error) {
        const lex_token_t *lt = peek(p);
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
            analyze(p, lt, &chunks[chunk_count]);
            tokens_t *t = &chunks[chunk_count++];
            for (size_t i = 0; i < t->count && !p->failed; i++) {
                const token_t *tok = &t->items[i];
                if (p->field == FIELD_ANY && seen_before(p->q, first_word, tok))
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

    if (!p->syntax_error && !p->failed && !p->error) {
        xs_op_t join_op = !top && p->mode == QUERY_ANY ? XS_OP_OR : XS_OP_AND;
        parts_t weighted = { 0 };
        xs_query_t *all_core = NULL, *any_core = NULL, *req = NULL, *some = NULL;

        for (size_t i = 0; i < groups.count; i++)
            parts_add(p, &weighted, join(p, XS_OP_OR, &groups.items[i], 1, 0));
        for (size_t i = 0; i < required.count; i++)
            parts_add(p, &weighted, join(p, XS_OP_OR, &required.items[i], 1, 0));
        all_core = join(p, join_op, weighted.items, weighted.count, 0);
        req = join(p, XS_OP_AND, required.items, required.count, 0);
        some = join(p, XS_OP_OR, groups.items, groups.count, 0);
        if (req != NULL && some != NULL)
            any_core = combine2(p, XS_OP_AND_MAYBE, req, some);
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
        xs_query_destroy(all_core);
        xs_query_destroy(any_core);
        parts_free(&weighted);
    }
    for (size_t i = 0; i < chunk_count; i++)
        tokens_free(&chunks[i]);
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
static void parse_once(parser_t *p, size_t len, int plain)
{
    p->toks = calloc(len + 2, sizeof *p->toks);
    if (p->toks == NULL) {
        p->failed = 1;
        return;
    }
    if (plain) {
        push(p, TOK_WORDS, 0, len);
        push(p, TOK_END, len, len);
    } else {
        lex(p, len);
    }
    if (!p->syntax_error)
        sequence(p, 1, NULL);
    if (!p->syntax_error && !p->failed && peek(p)->kind != TOK_END)
        syntax(p, "a bracket is not opened");
    free(p->toks);
    p->toks = NULL;
}

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
    xs_query_destroy(q->all);
    xs_query_destroy(q->any);
    free(q->explain);
    memset(q, 0, sizeof *q);
}

int query_parse(analyzer_t *analyzer, const char *text, size_t len,
                query_mode_t mode, query_t *out, char **errmsg)
{
    return query_parse_in(analyzer, QUERY_FIELDS_ALL, text, len, mode, out, errmsg);
}

int query_parse_in(analyzer_t *analyzer, unsigned index_fields, const char *text,
                   size_t len, query_mode_t mode, query_t *out, char **errmsg)
{
    parser_t p;

    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    memset(&p, 0, sizeof p);
    p.analyzer = analyzer;
    p.index_fields = index_fields;
    p.text = text;
    p.mode = mode;
    p.q = out;
    parse_once(&p, len, 0);
    if (p.syntax_error && !p.failed) {
        const char *why = p.syntax_why;
        clear(out);
        buf_free(&p.explain);
        free(p.error);   /* a bad date before the syntax error: moot now */
        memset(&p, 0, sizeof p);
        p.analyzer = analyzer;
        p.index_fields = index_fields;
        p.text = text;
        p.mode = mode;
        p.q = out;
        buf_printf(&p.explain, "query syntax not understood (%s): searched as plain words\n", why);
        parse_once(&p, len, 1);
    }
    if (p.failed || p.explain.failed) {
        *errmsg = strdup("out of memory");
    } else if (p.error) {
        *errmsg = p.error;
        p.error = NULL;
    } else if (out->any == NULL && out->all == NULL) {
        *errmsg = strdup("the query has no words to search for");
    } else {
        out->explain = buf_detach(&p.explain);
        return 0;
    }
    free(p.error);
    buf_free(&p.explain);
    clear(out);
    return -1;
}

void query_free(query_t *q)
{
    if (q != NULL)
        clear(q);
}
