/* query-lex.h: the tokens of the query language (query.h), for the parser.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_QUERY_LEX_H
#define TRAWL_QUERY_LEX_H

#include <stddef.h>

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

typedef enum { QFIELD_ANY, QFIELD_TITLE, QFIELD_BODY, QFIELD_COMMENTS, QFIELD_SOURCE } qfield_t;

typedef struct {
    tok_kind_t kind;
    size_t start, end;      /* the value's bytes in the query text */
    qfield_t field;          /* TOK_FIELD */
    unsigned distance;      /* TOK_NEAR, TOK_ADJ */
} lex_token_t;

/* Splits TEXT[0..LEN) into tokens, written to TOKS, which has room for
 * LEN + 2 (each byte makes at most one token, and TOK_END ends them).
 * Returns the number of tokens, TOK_END included; or 0 with *WHY set to a
 * static phrase ("a quote is not closed", "a field has nothing after
 * it") on a syntax error, which makes the parser read the query again as
 * plain words. */
size_t query_lex(const char *text, size_t len, lex_token_t *toks, const char **why);

#endif /* TRAWL_QUERY_LEX_H */
