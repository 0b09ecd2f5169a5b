/* query-private.h: what the files of the query parser share (query.c: the
 * grammar; query-words.c: what each word, phrase, wildcard, date and id
 * becomes; query-build.c: building the tree).  Not for other modules.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_QUERY_PRIVATE_H
#define TRAWL_QUERY_PRIVATE_H

#include "buf.h"
#include "query.h"
#include "query-lex.h"

/* A parsed part of the query: its Xapian query, and whether it only
 * filters (dates, sources, ids: no weight), which decides how it joins a
 * sequence of plain words. */
typedef struct {
    qtree_t *q;          /* NULL: nothing to search (e.g. only "!!!") */
    int filter;
} node_t;

typedef struct {
    analyzer_t *analyzer;
    const query_index_t *index;   /* NULL: see query_parse() */
    unsigned index_fields;  /* QUERY_FIELD_* the index holds */
    const char *text;
    query_mode_t mode;
    lex_token_t *toks;
    size_t tok_count, at;
    qfield_t field;          /* the field the current primary stands in */
    char meta_prefix[sizeof PREFIX_FIELD + FIELD_NAME_MAX + 1];  /* QFIELD_META:
                                 XF<name>: (schema.h) */
    int negated;            /* inside NOT or -: record no snippet terms */
    unsigned depth;
    unsigned next_group;    /* snippet groups */
    int syntax_error;       /* set: read the query again as plain words */
    const char *syntax_why; /* for the explanation */
    int words_capped;       /* QUERY_MAX_WORDS reached */
    int failed;             /* out of memory */
    char *error;            /* a real error (a bad date): malloc'ed */
    query_status_t error_status;  /* its kind */
    buf_t explain;
    query_t *q;
} parser_t;

/* Tokens of a chunk, copied out of the analyzer's callback. */
typedef struct {
    token_t *items;
    size_t count;
    char *strings;          /* words and stems, NUL-separated */
    buf_t store;
    int failed;
} tokens_t;

/* query-build.c: the tree, with P's failure noted (p->failed) instead of
 * returned: a NULL part is skipped, so a failure needs checking once. */

/* Marks a syntax error (the first one's WHY is kept for the explanation). */
void qp_syntax(parser_t *p, const char *why);
/* Q, just made; NULL (and P failed) when making it failed. */
qtree_t *qp_need(parser_t *p, qtree_t *q);
/* Q with its weights multiplied by WEIGHT. */
qtree_t *qp_scale(parser_t *p, qtree_t *q, double weight);
/* PARTS[0..COUNT) combined with OP.  NULL parts (nothing to search) are
 * skipped; NULL when none is left. */
qtree_t *qp_join(parser_t *p, qtree_op_t op, qtree_t *const *parts, size_t count,
                 unsigned window);
/* Merges the equal parts (the same interned node, query-tree.h) of
 * PARTS[0..COUNT) as OP joins them, in place: AND and OR keep one of each,
 * weighted by its copies (the same score as the copies gave); AND_MAYBE
 * the same after its first part; FILTER and AND_NOT one of each after the
 * first; PHRASE, NEAR and SYNONYM are left as they are (order and count
 * matter).  PARTS holds no NULL.  Returns the parts left. */
size_t qp_merge_repeats(parser_t *p, qtree_op_t op, qtree_t **parts, size_t count);
/* Like qp_join(), but a single part is returned as it is (except for
 * PHRASE and NEAR, whose window matters): no node of one part. */
qtree_t *qp_combine(parser_t *p, qtree_op_t op, qtree_t **parts, size_t count,
                    unsigned window);
qtree_t *qp_combine2(parser_t *p, qtree_op_t op, qtree_t *a, qtree_t *b);
/* PREFIX followed by WORD[0..LEN) as a term weighted by WEIGHT (0: a
 * filter). */
qtree_t *qp_term(parser_t *p, const char *prefix, const char *word, size_t len,
                 double weight);
/* The prefixes and weights a word is looked up under in field F (at most
 * 3; see query-build.c).  Returns the number written. */
size_t qp_field_prefixes(qfield_t f, unsigned index_fields, int stemmed, const char **prefixes,
                         double *weights);
/* Adds a match term (match.h) unless inside NOT. */
void qp_add_term(parser_t *p, match_kind_t kind, const char *text, size_t len, unsigned group,
                 unsigned phrase_length, unsigned phrase_index);
/* Analyzes the bytes of lexer token LT into T (free with qp_tokens_free()). */
void qp_analyze(parser_t *p, const lex_token_t *lt, tokens_t *t);
void qp_tokens_free(tokens_t *t);

/* query-words.c: the leaves of the grammar. */

/* A plain word: its stems in the current field, recorded for "did you
 * mean" and --explain. */
qtree_t *qp_plain_word(parser_t *p, const token_t *tok);
/* A WORDS chunk that is not a group of its own: its words AND-ed (OR-ed in
 * QUERY_ANY). */
qtree_t *qp_words(parser_t *p, const lex_token_t *lt);
/* The words of a phrase (or a quoted word: exact, not stemmed). */
qtree_t *qp_phrase(parser_t *p, const lex_token_t *lt);
/* word*: every word starting so, or the words when too short. */
qtree_t *qp_wildcard(parser_t *p, const lex_token_t *lt);
/* date:VALUE: a value range on SLOT_DATE (a filter); a bad date sets
 * p->error. */
node_t qp_date_range(parser_t *p, const lex_token_t *lt);
/* id:VALUE: the article with that id (a filter). */
node_t qp_id_filter(parser_t *p, const lex_token_t *lt);
/* Sets P's meta_prefix to XF<name><MARK> for the field of token LT. */
void qp_meta_prefix(parser_t *p, const lex_token_t *lt, char mark);
/* NAME=VALUE, source=VALUE: the articles whose field holds VALUE (a
 * filter). */
node_t qp_value_filter(parser_t *p, const lex_token_t *lt);
/* Words or phrases joined by NEAR/n or ADJ/n, from the current token on. */
node_t qp_proximity(parser_t *p);

/* query.c */
const lex_token_t *qp_peek(const parser_t *p);

#endif /* TRAWL_QUERY_PRIVATE_H */
