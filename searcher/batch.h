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

/* What running one query gives. */
typedef enum {
    BATCH_OK = 0,
    BATCH_SEARCH_FAILED,          /* the query or the index failed:
                                     searcher_last_error() says why */
    BATCH_NO_MEMORY,              /* the hits could not be written out */
    BATCH_WRITE_FAILED            /* the output stream failed (the caller
                                     reports it once, when it flushes) */
} batch_status_t;

/* Parses the query TEXT[0..LEN) named ID once, runs it and writes its
 * hits, page by page.  BATCH: one of many (text output then names each
 * query).  Returns BATCH_OK with *matches set to the number of matching
 * articles, or another batch_status_t. */
batch_status_t batch_run_query(batch_t *b, const char *id, const char *text, size_t len,
                               int batch, unsigned *matches);

/* Runs every line of IN (NAME is how messages call it): "id<TAB>query",
 * or a bare query whose id is its line number; blank lines are skipped.
 * A bad line is reported ("NAME line 7: ...") and the run goes on; a
 * failed write stops it, unreported (the caller's flush reports it).
 * Returns EXIT_TROUBLE if any line failed (or IN could not be read), else
 * EXIT_MATCH if any query matched, else EXIT_NO_MATCH. */
int batch_run_file(batch_t *b, FILE *in, const char *name);

#endif /* TRAWL_BATCH_H */
