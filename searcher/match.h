/* match.h: which words of a text a query matches, decided in one place for
 * every view: snippets, trawl-search --show and the article page.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The query parser (query.h) turns a query into match terms: a plain word
 * matches by stem, a quoted word by its exact folded form, a wildcard by
 * the start of the folded word; a phrase is PHRASE_LENGTH consecutive
 * terms of one group and matches only where its words stand in a row
 * within one paragraph, as one span from its first word to its last; the
 * words of a NEAR or ADJ are terms (groups) of their own; a word under NOT
 * or '-' is no term at all, so it is never marked.  Tokens come from the
 * shared analyzer, so a word matches here exactly when it matches in the
 * index.
 *
 * A run tokenizes only what can match: a byte scan skips the runs of text
 * between white space where no matching token can start, which is most of
 * an article (see match.c).
 */
#ifndef TRAWL_MATCH_H
#define TRAWL_MATCH_H

#include <stddef.h>
#include "analyzer.h"

typedef enum {
    MATCH_STEM,   /* the token's stem equals text (a plain query word) */
    MATCH_EXACT,  /* the token's folded word equals text (a quoted word) */
    MATCH_PREFIX  /* the token's folded word starts with text (a wildcard) */
} match_kind_t;

typedef struct {
    match_kind_t kind;
    const char *text;     /* stem or folded word, as the analyzer makes them */
    size_t len;
    unsigned group;       /* query word this belongs to (0, 1, ...): coverage
                             counts distinct groups */
    unsigned phrase_length; /* 0 or 1: a single word; else the phrase's
                               number of words */
    unsigned phrase_index;  /* with phrase_length > 1: which word (0-based) */
} match_term_t;

/* A span of text to mark: byte offsets [start, end). */
typedef struct {
    size_t start, end;
} mark_t;

/* One match: a word, or a whole phrase. */
typedef struct {
    size_t start, end;    /* bytes of the text, first word to last */
    unsigned group;       /* the term's group */
    unsigned words;       /* 1, or the phrase's number of words */
} match_t;

/* Called for each match, in the order of the token that ends it: a token
 * gives one match for each group its word matches (in the order of the
 * terms), then one for each phrase it completes.  Return 0 to go on,
 * non-zero to stop: matcher_run() then returns that value. */
typedef int (*match_fn)(void *ctx, const match_t *match);

typedef struct matcher matcher_t;

/* A matcher for the TERM_COUNT TERMS, tokenizing with ANALYZER; both are
 * borrowed and must outlive it.  Returns NULL when memory runs out.  Free
 * it with matcher_free(). */
matcher_t *matcher_new(analyzer_t *analyzer, const match_term_t *terms, size_t term_count);
void matcher_free(matcher_t *m);

/* The number of groups of its terms (the highest group + 1; 0 without
 * terms). */
unsigned matcher_group_count(const matcher_t *m);

/* Calls FN for every match in TEXT[0..LEN) (valid UTF-8, paragraphs
 * separated by '\n').  Returns 0, FN's non-zero return, or -1 when memory
 * runs out.  A matcher runs on one text at a time. */
int matcher_run(matcher_t *m, const char *text, size_t len, match_fn fn, void *ctx);

/* The marks of TEXT[0..LEN): the span of every match, in text order,
 * overlapping spans merged into one (a word of two groups; a phrase and
 * its first word searched alone too).  No mark crosses a '\n'.
 * *marks_out is malloc'ed, NULL when there is none: free() it.  Returns 0,
 * or -1 when memory runs out (*marks_out NULL, *count_out 0). */
int matcher_marks(matcher_t *m, const char *text, size_t len, mark_t **marks_out,
                  size_t *count_out);

#endif /* TRAWL_MATCH_H */
