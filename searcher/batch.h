/* batch.h: running queries, one or a file of them, with streamed output.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_BATCH_H
#define TRAWL_BATCH_H

#include <stdio.h>
#include "output.h"
#include "search.h"

/* Hits fetched per round when paging through a long result list: memory
 * holds one page, whatever the number of matches. */
#define BATCH_PAGE_HITS 1000

typedef struct {
    searcher_t *searcher;
    search_options_t search;      /* offset and snippets; limit as below */
    unsigned limit;               /* hits per query (0: every match) */
    output_options_t *output;
    FILE *fp;                     /* where results go */
} batch_t;

/* What batch_run_query() returns when the output stream failed: the
 * caller reports it (main.c, once, when it flushes). */
#define BATCH_WRITE_FAILED (-2)

/* Runs the query TEXT[0..LEN) named ID and writes its hits, page by page.
 * BATCH: one of many (text output then names each query).  Returns 0 and
 * sets *matches to the number of matching articles, or -1 with a malloc'ed
 * *errmsg (a bad query, an index error, no memory for the output), or
 * BATCH_WRITE_FAILED (*errmsg NULL) when writing failed. */
int batch_run_query(batch_t *b, const char *id, const char *text, size_t len,
                    int batch, unsigned *matches, char **errmsg);

/* Runs every line of IN (NAME is how messages call it): "id<TAB>query",
 * or a bare query whose id is its line number; blank lines are skipped.
 * A bad line is reported ("NAME line 7: ...") and the run goes on; a
 * failed write stops it (unreported: the caller's flush reports it).
 * Returns EXIT_TROUBLE if any line failed (or IN could not be read), else
 * EXIT_MATCH if any query matched, else EXIT_NO_MATCH. */
int batch_run_file(batch_t *b, FILE *in, const char *name);

#endif /* TRAWL_BATCH_H */
