/* query-lex.c: the query language's lexer: a query's text as tokens.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "query.h"
#include "query-lex.h"
#include "schema.h"

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

/* The query language's own fields. */
static const struct { const char *name; qfield_t field; tok_kind_t kind; } builtin_fields[] = {
    { "title", QFIELD_TITLE, TOK_FIELD },
    { "body", QFIELD_BODY, TOK_FIELD },
    { "comments", QFIELD_COMMENTS, TOK_FIELD },
    { "comment", QFIELD_COMMENTS, TOK_FIELD },
    { "source", QFIELD_SOURCE, TOK_FIELD },
    { "date", QFIELD_ANY, TOK_DATE },
    { "id", QFIELD_ANY, TOK_ID },
};

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether T[0..N) is NAME, in any case. */
static int same_name(const char *t, size_t n, const char *name)
{
    if (strlen(name) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i] >= 'A' && t[i] <= 'Z' ? (char)(t[i] - 'A' + 'a') : t[i];
        if (c != name[i])
            return 0;
    }
    return 1;
}

int query_is_metadata_field(const query_index_t *index, const char *name, size_t n)
{
    if (same_name(name, n, BYLINE_FIELD) || same_name(name, n, QUERY_AUTHOR_FIELD))
        return 1;
    for (size_t i = 0; index && i < index->name_count; i++)
        if (same_name(name, n, index->names[i]))
            return 1;
    return 0;
}

size_t query_field_name(const char *name, size_t n, char *out)
{
    if (same_name(name, n, QUERY_AUTHOR_FIELD)) {
        name = BYLINE_FIELD;
        n = strlen(BYLINE_FIELD);
    }
    if (n > FIELD_NAME_MAX)
        n = FIELD_NAME_MAX;
    for (size_t i = 0; i < n; i++)
        out[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] - 'A' + 'a') : name[i];
    out[n] = '\0';
    return n;
}

/* The length of the field name at T[I..LEN) that ':' or '=' ends (a letter,
 * then letters, digits, '_' or '-'; at most FIELD_NAME_MAX bytes), or 0.
 * Bounded by FIELD_NAME_MAX, so "title:title:..." costs its length. */
static size_t field_name_length(const char *t, size_t len, size_t i)
{
    size_t k = i;

    if (!is_letter(t[i]))
        return 0;
    while (k < len && k - i <= FIELD_NAME_MAX
           && (is_letter(t[k]) || (t[k] >= '0' && t[k] <= '9') || t[k] == '_' || t[k] == '-'))
        k++;
    if (k >= len || k - i > FIELD_NAME_MAX || (t[k] != ':' && t[k] != '='))
        return 0;
    return k - i;
}

/* Whether a field's value is missing at T[I..LEN). */
static int nothing_at(const char *t, size_t len, size_t i)
{
    return i == len || is_blank(t[i]) || t[i] == ')';
}

size_t query_lex(const char *text, size_t len, const query_index_t *index, lex_token_t *toks,
                 lex_error_t *err)
{
    const char *t = text;
    size_t i = 0, n = 0;

    memset(err, 0, sizeof *err);
    while (i < len) {
        size_t q, start, end, name_len;
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
                err->why = "a quote is not closed";
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
        if ((name_len = field_name_length(t, len, i)) > 0) {
            size_t at = i + name_len + 1;     /* after the ':' or '=' */
            int exact = t[at - 1] == '=';
            size_t f;
            for (f = 0; f < sizeof builtin_fields / sizeof *builtin_fields; f++)
                if (same_name(t + i, name_len, builtin_fields[f].name))
                    break;
            int builtin = f < sizeof builtin_fields / sizeof *builtin_fields;
            int metadata = !builtin && query_is_metadata_field(index, t + i, name_len);
            int takes_value = metadata || (builtin && (!exact || builtin_fields[f].field
                                                                     == QFIELD_SOURCE
                                                       || builtin_fields[f].kind == TOK_ID));
            if (!takes_value) {
                /* "Note: ...", "http://...": no field was meant. */
                if (nothing_at(t, len, at) || t[at] == '/')
                    goto words;
                err->unknown_field = 1;
                err->start = i;
                err->end = at;
                return 0;
            }
            if (nothing_at(t, len, at)) {
                err->why = "a field has nothing after it";
                return 0;
            }
            if (exact || (builtin && builtin_fields[f].kind != TOK_FIELD)) {
                /* A value: the rest of the chunk, or a quoted string. */
                tok_kind_t kind = builtin && builtin_fields[f].kind == TOK_ID ? TOK_ID
                                  : builtin && builtin_fields[f].kind == TOK_DATE ? TOK_DATE
                                                                              : TOK_VALUE;
                start = at;
                if (exact && (q = (size_t)quote_at(t, len, at)) > 0) {
                    start = at + q;
                    for (end = start; end < len && !quote_at(t, len, end); end++)
                        ;
                    if (end == len || end == start) {
                        err->why = end == len ? "a quote is not closed"
                                              : "a field has nothing after it";
                        return 0;
                    }
                    i = end + (size_t)quote_at(t, len, end);
                } else {
                    for (end = at; !chunk_ends(t, len, end); end++)
                        ;
                    i = end;
                }
                lex_token_t *tok = push(toks, &n, kind, start, end);
                tok->field = metadata ? QFIELD_META : builtin_fields[f].field;
                tok->name_start = at - 1 - name_len;
                tok->name_end = at - 1;
                continue;
            }
            lex_token_t *tok = push(toks, &n, TOK_FIELD, i, at);
            tok->field = metadata ? QFIELD_META : builtin_fields[f].field;
            tok->name_start = i;
            tok->name_end = i + name_len;
            i = at;
            continue;
        }
    words:
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
        if (end - i > 1 && t[end - 1] == '*')
            push(toks, &n, TOK_WILDCARD, i, end - 1);
        else
            push(toks, &n, TOK_WORDS, i, end);
        i = end;
    }
    push(toks, &n, TOK_END, len, len);
    return n;
}
