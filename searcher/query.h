/* query.h: from what a person typed to a Xapian query and snippet terms.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each word of the query goes through the shared analyzer and becomes a
 * "group": its stem, looked up in the body, the title (weighing more) and
 * reader comments (weighing less).  Two queries come out: every group
 * (AND), and any group (OR), so the searcher can put articles that contain
 * all the words first.
 */
#ifndef TRAWL_QUERY_H
#define TRAWL_QUERY_H

#include <stddef.h>
#include "analyzer.h"
#include "snippet.h"
#include "xs.h"

/* Field weights: a word in the headline says more about an article than one
 * in the body; a word in a reader comment says less. */
#define QUERY_TITLE_WEIGHT   2.0
#define QUERY_COMMENT_WEIGHT 0.5

typedef struct {
    match_term_t *terms;      /* for snippets; strings owned by the query */
    size_t term_count;
    unsigned group_count;     /* distinct query words */
    xs_query_t *all;          /* articles with every word */
    xs_query_t *any;          /* articles with at least one word */
} query_t;

/* Parses TEXT[0..LEN).  Returns 0, or -1 with a malloc'ed *errmsg (e.g.
 * "the query has no words to search for").  Free with query_free(). */
int query_parse(analyzer_t *analyzer, const char *text, size_t len,
                query_t *out, char **errmsg);
void query_free(query_t *q);

#endif /* TRAWL_QUERY_H */
