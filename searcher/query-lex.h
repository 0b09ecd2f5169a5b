/* query-lex.h: the tokens of the query language (query.h), for the parser.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_QUERY_LEX_H
#define TRAWL_QUERY_LEX_H

#include <stddef.h>

typedef struct query_index query_index_t;

typedef enum {
    TOK_WORDS,      /* a run of text for the analyzer */
    TOK_PHRASE,     /* the text between quotes */
    TOK_WILDCARD,   /* word*: value is the word */
    TOK_LPAREN, TOK_RPAREN,
    TOK_AND, TOK_OR, TOK_NOT,
    TOK_NEAR, TOK_ADJ,
    TOK_PLUS, TOK_MINUS,
    TOK_FIELD,      /* title: body: comments: source: NAME: (applies to what follows) */
    TOK_VALUE,      /* NAME=VALUE, source=VALUE: the value exactly as stored */
    TOK_DATE,       /* date:VALUE */
    TOK_ID,         /* id:VALUE */
    TOK_END
} tok_kind_t;

/* QFIELD_META: a metadata field of the index (the byline, a JSON Lines
 * member, a manifest column), named by the token's name. */
typedef enum {
    QFIELD_ANY, QFIELD_TITLE, QFIELD_BODY, QFIELD_COMMENTS, QFIELD_SOURCE, QFIELD_META
} qfield_t;

typedef struct {
    tok_kind_t kind;
    size_t start, end;      /* the value's bytes in the query text */
    qfield_t field;          /* TOK_FIELD, TOK_VALUE */
    unsigned distance;      /* TOK_NEAR, TOK_ADJ */
    size_t name_start, name_end;  /* QFIELD_META: the field's name as typed */
} lex_token_t;

/* Why query_lex() stopped: a syntax error (WHY: a static phrase such as
 * "a quote is not closed"), which makes the parser read the query again
 * as plain words; or a field name the index does not have (UNKNOWN_FIELD,
 * its bytes START..END), which is an error: it must never become words. */
typedef struct {
    const char *why;
    int unknown_field;
    size_t start, end;
} lex_error_t;

/* Splits TEXT[0..LEN) into tokens, written to TOKS, which has room for
 * LEN + 2 (each byte makes at most one token, and TOK_END ends them).
 * Field names are those of the query language and the metadata fields of
 * INDEX (query.h; NULL: none), in any case.  Returns the number of
 * tokens, TOK_END included; or 0 with *ERR set. */
size_t query_lex(const char *text, size_t len, const query_index_t *index, lex_token_t *toks,
                 lex_error_t *err);

#endif /* TRAWL_QUERY_LEX_H */
