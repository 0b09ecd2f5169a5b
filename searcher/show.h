/* show.h: print one stored article whole (--show), for reading and quoting.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_SHOW_H
#define TRAWL_SHOW_H

#include <stdio.h>
#include "output.h"
#include "search.h"

/* Prints the article whose id is ID: its metadata, then its paragraphs
 * numbered as citations number them ("¶4"), reader comments set apart
 * under a heading and labelled.  With a query TEXT[0..LEN) (LEN 0: none)
 * its words are marked as in snippets.  FORMAT_JSON gives one object with
 * the stored text whole and each paragraph's byte offsets in it (the
 * offsets snippets give) and its marks; anything else gives text.  Returns
 * EXIT_MATCH, EXIT_NO_MATCH (no such article: reported) or EXIT_TROUBLE
 * (reported). */
int show_article(FILE *fp, searcher_t *s, const char *id, const char *text,
                 size_t len, format_t format, int color);

#endif /* TRAWL_SHOW_H */
