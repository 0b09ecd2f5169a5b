/* kwic.h: concordance lines (keyword in context), as corpus linguists
 * read hits: one line a match, the match in one column.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_KWIC_H
#define TRAWL_KWIC_H

#include "buf.h"
#include "search.h"

/* The context on each side when --kwic-width is not given: what fits a
 * terminal of COLUMNS columns beside the match and the citation. */
unsigned kwic_default_width(unsigned columns);

/* Appends a line for each of HIT's marks (search_options_t.marks: every
 * match in its text, a phrase as one) to OUT: the paragraph's text before
 * the match, cut to WIDTH columns and right-aligned in them; two spaces;
 * the match (marked "**" or, with COLOR, in bold red); two spaces; the text
 * after it, cut to WIDTH columns; two spaces and "id ¶N".  Context never
 * crosses a paragraph; a cut is shown by "…"; columns count characters
 * (an East Asian wide one two), so the matches line up. */
void kwic_hit(buf_t *out, const hit_t *hit, unsigned width, int color);

#endif /* TRAWL_KWIC_H */
