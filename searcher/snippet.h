/* snippet.h: the passages of an article that best show why it matched.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A snippet is one to SNIPPET_MAX_FRAGMENTS fragments of the stored text,
 * together at most max_chars characters (not counting ellipses), chosen so
 * that as many different query words as possible are shown, each fragment
 * cut on sentence boundaries where the budget allows, else on word
 * boundaries, and never inside a UTF-8 sequence nor across a paragraph.
 * Every token of a fragment that matches a query word is marked.
 * Tokens are found with the shared analyzer, so a word matches here exactly
 * when it matches in the index.
 */
#ifndef TRAWL_SNIPPET_H
#define TRAWL_SNIPPET_H

#include <stddef.h>
#include "analyzer.h"

#define SNIPPET_MAX_FRAGMENTS 3
#define SNIPPET_DEFAULT_CHARS 320

typedef enum {
    MATCH_STEM,   /* the token's stem equals text (a plain query word) */
    MATCH_EXACT,  /* the token's folded word equals text (a quoted word) */
    MATCH_PREFIX  /* the token's folded word starts with text (a wildcard) */
} match_kind_t;

/* A phrase is PHRASE_LENGTH consecutive terms of one group, words
 * 0, 1, ... of the phrase: it matches only where its words stand in a row
 * within one paragraph, and is marked as one span from the first word to
 * the last. */
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

typedef struct {
    size_t start, end;    /* byte offsets of a marked word in the fragment text */
} mark_t;

typedef struct {
    size_t start, end;    /* the fragment: byte offsets into the stored text */
    unsigned paragraph;   /* 1-based paragraph holding it (paragraphs are
                             separated by '\n' in the stored text) */
    int cut_before;       /* 1: text was cut before start (show an ellipsis) */
    int cut_after;        /* 1: text was cut after end */
    mark_t *marks;        /* offsets relative to start; malloc'ed */
    size_t mark_count;
} fragment_t;

typedef struct {
    fragment_t fragments[SNIPPET_MAX_FRAGMENTS];  /* in text order */
    size_t fragment_count;                        /* 0 only for blank text */
    unsigned groups_shown;   /* distinct groups marked in the fragments */
    unsigned groups_present; /* distinct groups found anywhere in the text */
} snippet_t;

/* Makes the snippet of TEXT[0..LEN) (valid UTF-8, paragraphs separated by
 * '\n') for the TERM_COUNT query terms, in at most MAX_CHARS characters
 * (0: SNIPPET_DEFAULT_CHARS).  With no matching word it shows the start of
 * the first paragraph that is not blank.  Returns 0, or -1 when memory
 * runs out.  Free *OUT with snippet_free(). */
int snippet_make(analyzer_t *analyzer, const char *text, size_t len,
                 const match_term_t *terms, size_t term_count,
                 size_t max_chars, snippet_t *out);

void snippet_free(snippet_t *snippet);

#endif /* TRAWL_SNIPPET_H */
