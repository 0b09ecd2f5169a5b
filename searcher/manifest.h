/* manifest.h: what a researcher needs to reproduce a run, as JSON.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_MANIFEST_H
#define TRAWL_MANIFEST_H

#include "query.h"
#include "search.h"

/* The ranking a run was asked for (the searcher does not report it). */
typedef struct {
    query_mode_t mode;        /* QUERY_DEFAULT, QUERY_ALL or QUERY_ANY */
    double k1, b;             /* BM25 parameters */
    search_feedback_t feedback;   /* pseudo-relevance feedback */
} manifest_ranking_t;

/* The manifest of a run of trawl-search on S (opened at DB_PATH), ranking
 * as RANKING says, with the command line ARGV: one JSON object (no
 * newline) with trawl's and Xapian's versions, the index (path, UUID,
 * revision, documents, schema), the analyzer (language, stopwords), the
 * ranking parameters and the command line.  Nothing in it
 * depends on the time or the machine, so the same run gives the same
 * bytes.  Returns a malloc'ed string, or NULL with a malloc'ed *errmsg. */
char *manifest_json(searcher_t *s, const char *db_path, const manifest_ranking_t *ranking,
                    int argc, char **argv, char **errmsg);

#endif /* TRAWL_MANIFEST_H */
