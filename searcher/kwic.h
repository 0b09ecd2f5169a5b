/* kwic.h: concordance lines (keyword in context), as corpus linguists
 * read hits: one line a match, the match in one column.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_KWIC_H
#define TRAWL_KWIC_H

#include "buf.h"
#include "search.h"

typedef enum {
    KWIC_ALIGNED,    /* --format kwic: columns aligned for a terminal */
    KWIC_TSV,        /* --format kwic-tsv: id, paragraph, left, match, right */
    KWIC_CSV         /* --format kwic-csv: the same, RFC 4180 */
} kwic_layout_t;

typedef enum {
    KWIC_SORT_NONE,  /* in the order of the hits, and of the text in a hit */
    KWIC_SORT_LEFT,  /* by the word before the match, then the one before it... */
    KWIC_SORT_RIGHT  /* by the word after the match, then the one after it... */
} kwic_sort_t;

/* Lines held back to be written in order of a sort (kwic_hit() with
 * KWIC_SORT_LEFT or RIGHT, then kwic_flush()).  Zeroed to start. */
typedef struct {
    struct kwic_held *lines;
    size_t count, cap;
    int failed;          /* out of memory: lines were lost */
} kwic_lines_t;

typedef struct {
    unsigned width;      /* columns of context on each side */
    int color;           /* aligned: the match in bold red, not "**" */
    kwic_layout_t layout;
    kwic_sort_t sort;
} kwic_style_t;

/* One concordance line's parts, pointers into its hit's text: the
 * paragraph's text before the match, cut to the width (CUT_LEFT: the
 * paragraph goes on before it, shown as "…"), the match, the text after
 * it; PARAGRAPH numbered as citations number them. */
typedef struct {
    const char *left, *match, *right;
    size_t left_len, match_len, right_len;
    int cut_left, cut_right;
    unsigned left_columns;       /* the left context's width, "…" included */
    unsigned paragraph;
    const char *before, *after;  /* the whole paragraph before and after the
                                    match, uncut (what sorting reads) */
    size_t before_len, after_len;
} kwic_line_t;

/* Calls FN for each of HIT's marks in order, with context of WIDTH
 * columns on each side (columns as a terminal counts them).  FN returns
 * 0 to go on.  The one cutting of concordance lines: the terminal, the
 * tables and the search page are views of it. */
void kwic_each(const hit_t *hit, unsigned width,
               int (*fn)(void *ctx, const hit_t *hit, const kwic_line_t *line), void *ctx);

/* The context on each side when --kwic-width is not given: what fits a
 * terminal of COLUMNS columns beside the match and the citation. */
unsigned kwic_default_width(unsigned columns);

/* The header row of the table layouts ("id", "paragraph", "left",
 * "match", "right"); nothing for KWIC_ALIGNED. */
void kwic_header(buf_t *out, kwic_layout_t layout);

/* A line for each of HIT's marks (search_options_t.marks: every match in
 * its text, a phrase as one): appended to OUT, or kept in HELD when
 * STYLE sorts.  Aligned: the paragraph's text before the match, cut to
 * WIDTH columns and right-aligned in them; two spaces; the match (marked
 * "**" or, with color, in bold red); two spaces; the text after it, cut
 * to WIDTH columns; two spaces and "id ¶N".  The tables have the same
 * cells without the padding.  Context never crosses a paragraph; a cut is
 * shown by "…"; columns count characters (an East Asian wide one two), so
 * the matches line up. */
void kwic_hit(buf_t *out, const hit_t *hit, const kwic_style_t *style, kwic_lines_t *held);

/* Appends HELD's lines to OUT sorted by their neighbouring words (case
 * folded; equal keys keep the order they came in), and empties HELD.
 * Returns -1 when lines were lost for want of memory, else 0. */
int kwic_flush(buf_t *out, kwic_lines_t *held);

#endif /* TRAWL_KWIC_H */
