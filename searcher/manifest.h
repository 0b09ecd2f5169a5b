/* manifest.h: what a researcher needs to reproduce a run, as JSON.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_MANIFEST_H
#define TRAWL_MANIFEST_H

#include "search.h"

/* The manifest of a run of trawl-search on S (opened at DB_PATH), ranking
 * as S is set to rank (searcher_ranking()), with the command line ARGV:
 * one JSON object (no
 * newline) with trawl's and Xapian's versions, the index (path, UUID,
 * revision, documents, schema), the analyzer (language, stopwords), the
 * ranking parameters and the command line.  Nothing in it
 * depends on the time or the machine, so the same run gives the same
 * bytes.  Returns a malloc'ed string, or NULL with a malloc'ed *errmsg. */
char *manifest_json(searcher_t *s, const char *db_path, int argc, char **argv,
                    char **errmsg);

#endif /* TRAWL_MANIFEST_H */
