/* snippet.h: the passages of an article that best show why it matched.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A snippet is one to SNIPPET_MAX_FRAGMENTS fragments of the stored text,
 * together at most max_chars characters (not counting ellipses), chosen so
 * that as many different query words as possible are shown, each fragment
 * cut on sentence boundaries where the budget allows, else on word
 * boundaries, and never inside a UTF-8 sequence nor across a paragraph.
 * What matches the query is the matcher's to say (match.h), so a fragment
 * marks the words --show and the article page mark.
 */
#ifndef TRAWL_SNIPPET_H
#define TRAWL_SNIPPET_H

#include <stddef.h>
#include "match.h"

#define SNIPPET_MAX_FRAGMENTS 3
#define SNIPPET_DEFAULT_CHARS 320

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
 * '\n') for the query of MATCHER, in at most MAX_CHARS characters (0:
 * SNIPPET_DEFAULT_CHARS).  With no matching word it shows the start of
 * the first paragraph that is not blank.  Returns 0, or -1 when memory
 * runs out.  Free *OUT with snippet_free(). */
int snippet_make(matcher_t *matcher, const char *text, size_t len, size_t max_chars,
                 snippet_t *out);

void snippet_free(snippet_t *snippet);

#endif /* TRAWL_SNIPPET_H */
