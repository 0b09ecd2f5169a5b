/* report.h: statistics of the index and counts of matches over time and
 * sources, for research (--stats, --count-by).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_REPORT_H
#define TRAWL_REPORT_H

#include <stdio.h>
#include "output.h"
#include "search.h"

/* Prints the statistics of S's index: documents, distinct terms, average
 * length (in indexed terms), the date range and how many articles are
 * dated, and the sources with their article counts.  FORMAT_JSON gives
 * one JSON object, anything else text.  Returns an exit status
 * (EXIT_MATCH, or EXIT_TROUBLE after reporting an error). */
int report_stats(FILE *fp, searcher_t *s, format_t format);

/* --groups: every near-duplicate group of two or more articles, one line
 * an article: "group<TAB>id" (TSV, also for text), CSV or JSON Lines
 * ({"group":...,"id":...}), the group named by its earliest article's id.
 * Returns EXIT_MATCH, EXIT_NO_MATCH (no group) or EXIT_TROUBLE
 * (reported). */
int report_groups(FILE *fp, searcher_t *s, format_t format);

/* Prints, for each year, month or source (BY), how many articles match the
 * query TEXT[0..LEN), in S's mode (as --count counts), how many the
 * index holds there, and the share.  Years and months run from the first
 * to the last dated article; one with no article in the index is a gap
 * (its matches and share are empty / null, never 0).  A last row counts
 * the undated articles ("undated") or those of no known source
 * ("unknown").  FORMAT_JSON gives JSON Lines, anything else CSV (RFC 4180,
 * header row: BY,matches,articles,share); CHART (non-zero: the
 * terminal's width) a bar chart of the same rows that fits it (Unicode
 * blocks, "38 of 120 (31.7%)").  A
 * metadata field as BY counts its values, the last row "(none)".
 * Returns EXIT_MATCH or
 * EXIT_NO_MATCH (nothing matched), or EXIT_TROUBLE after reporting an
 * error. */
int report_count_by(FILE *fp, searcher_t *s, const char *by, const char *text, size_t len,
                    format_t format, unsigned chart);

#endif /* TRAWL_REPORT_H */
