/* query-lex.c: the query language's lexer: a query's text as tokens.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "query.h"
#include "query-lex.h"

#define OPEN_QUOTE  "\xE2\x80\x9C"   /* “ */
#define CLOSE_QUOTE "\xE2\x80\x9D"   /* ” */

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

/* Appends a token to TOKS (*COUNT of them so far) and returns it. */
static lex_token_t *push(lex_token_t *toks, size_t *count, tok_kind_t kind, size_t start,
                         size_t end)
{
    lex_token_t *t = &toks[(*count)++];

    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = start;
    t->end = end;
    return t;
}

size_t query_lex(const char *text, size_t len, lex_token_t *toks, const char **why)
{
    static const struct { const char *name; qfield_t field; tok_kind_t kind; } fields[] = {
        { "title:", QFIELD_TITLE, TOK_FIELD },
        { "body:", QFIELD_BODY, TOK_FIELD },
        { "comments:", QFIELD_COMMENTS, TOK_FIELD },
        { "comment:", QFIELD_COMMENTS, TOK_FIELD },
        { "source:", QFIELD_SOURCE, TOK_FIELD },
        { "date:", QFIELD_ANY, TOK_DATE },
        { "id:", QFIELD_ANY, TOK_ID },
    };
    const char *t = text;
    size_t i = 0, n = 0;

    while (i < len) {
        size_t q, start, end;
        unsigned distance;
        tok_kind_t op;

        if (is_blank(t[i])) {
            i++;
            continue;
        }
        if (t[i] == '(' || t[i] == ')') {
            push(toks, &n, t[i] == '(' ? TOK_LPAREN : TOK_RPAREN, i, i + 1);
            i++;
            continue;
        }
        if ((q = (size_t)quote_at(t, len, i)) > 0) {
            start = i + q;
            for (end = start; end < len && !quote_at(t, len, end); end++)
                ;
            if (end == len) {
                *why = "a quote is not closed";
                return 0;
            }
            push(toks, &n, TOK_PHRASE, start, end);
            i = end + (size_t)quote_at(t, len, end);
            continue;
        }
        /* + and - before anything but a blank modify what follows. */
        if ((t[i] == '+' || t[i] == '-') && i + 1 < len && !is_blank(t[i + 1])
            && t[i + 1] != ')') {
            push(toks, &n, t[i] == '+' ? TOK_PLUS : TOK_MINUS, i, i + 1);
            i++;
            continue;
        }
        for (end = i; !chunk_ends(t, len, end); end++)
            ;
        if (equals(t + i, end - i, "AND") || equals(t + i, end - i, "OR")
            || equals(t + i, end - i, "NOT")) {
            push(toks, &n, t[i] == 'A' ? TOK_AND : t[i] == 'O' ? TOK_OR : TOK_NOT, i, end);
            i = end;
            continue;
        }
        if ((op = proximity_operator(t + i, end - i, &distance)) != TOK_END) {
            push(toks, &n, op, i, end)->distance = distance;
            i = end;
            continue;
        }
        size_t f;
        for (f = 0; f < sizeof fields / sizeof *fields; f++) {
            size_t name_len = strlen(fields[f].name);
            if (end - i >= name_len && memcmp(t + i, fields[f].name, name_len) == 0)
                break;
        }
        if (f < sizeof fields / sizeof *fields) {
            size_t name_len = strlen(fields[f].name);
            if (fields[f].kind != TOK_FIELD) {
                if (end - i == name_len) {
                    *why = "a field has nothing after it";
                    return 0;
                }
                push(toks, &n, fields[f].kind, i + name_len, end);
                i = end;
                continue;
            }
            if (i + name_len == len || is_blank(t[i + name_len]) || t[i + name_len] == ')') {
                *why = "a field has nothing after it";
                return 0;
            }
            push(toks, &n, TOK_FIELD, i, i + name_len)->field = fields[f].field;
            i += name_len;
            continue;
        }
        if (end - i > 1 && t[end - 1] == '*')
            push(toks, &n, TOK_WILDCARD, i, end - 1);
        else
            push(toks, &n, TOK_WORDS, i, end);
        i = end;
    }
    push(toks, &n, TOK_END, len, len);
    return n;
}
