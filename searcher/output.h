/* output.h: how trawl-search prints results: text for people, JSON Lines
 * for programs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_OUTPUT_H
#define TRAWL_OUTPUT_H

#include <stdio.h>
#include "buf.h"
#include "search.h"

typedef struct {
    int color;               /* 1: bold title and coloured marks (a terminal) */
    const char *query;       /* as typed, for the header line */
} output_options_t;

/* The reference for HIT, to paste into a paper:
 *   "Title." Source, 3 June 2014. 002_x.txt, ¶4 (reader comment).
 * Unknown fields are left out ("n.d." for an unknown date), never made up. */
void output_citation(buf_t *out, const hit_t *hit);

void output_text(FILE *fp, const search_result_t *r, const output_options_t *opts);
/* One JSON object per hit, one per line. */
void output_json(FILE *fp, const search_result_t *r, const output_options_t *opts);

#endif /* TRAWL_OUTPUT_H */
