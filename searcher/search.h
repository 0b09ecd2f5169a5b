/* search.h: run a query on an index and gather hits with snippets.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Shared by trawl-search and (later) trawl.cgi, so both rank, cut snippets
 * and cite the same way.
 */
#ifndef TRAWL_SEARCH_H
#define TRAWL_SEARCH_H

#include <stddef.h>
#include "analyzer.h"
#include "docdata.h"
#include "query.h"
#include "snippet.h"
#include "xs.h"

typedef struct {
    unsigned offset;          /* first hit to return (0-based) */
    unsigned limit;           /* hits to return (0: count only) */
    size_t snippet_chars;     /* snippet budget per hit (0: no snippets) */
    int exact_counts;         /* 1: count every match (slower on big indexes) */
} search_options_t;

typedef struct {
    unsigned rank;            /* 1-based, over the whole result list */
    unsigned docid;
    double score;             /* BM25 weight */
    int has_all_words;        /* 1: the article contains every query word */
    stored_doc_t doc;         /* metadata (and text when snippets were made) */
    snippet_t snippet;
} hit_t;

typedef struct {
    hit_t *hits;
    size_t hit_count;
    unsigned matches;         /* articles matching any word (an estimate
                                 unless exact_counts was asked) */
    unsigned all_words;       /* of which contain every word */
    unsigned group_count;     /* words in the query */
} search_result_t;

typedef struct searcher searcher_t;

/* Opens the index at DB_PATH read-only, with the analyzer it was built
 * with.  Returns NULL with a malloc'ed *errmsg ("no index at 'x': run
 * trawl-index first", "index 'x' is damaged: ...") on failure. */
searcher_t *searcher_open(const char *db_path, char **errmsg);
void searcher_close(searcher_t *s);

/* The analyzer of S (owned by S). */
analyzer_t *searcher_analyzer(searcher_t *s);

/* Runs the query TEXT: articles with every word first (by score), then the
 * others.  Returns 0, or -1 with a malloc'ed *errmsg (a bad query or an
 * index error).  Free *OUT with search_result_free(). */
int searcher_run(searcher_t *s, const char *text, size_t len,
                 const search_options_t *opts, search_result_t *out,
                 char **errmsg);
void search_result_free(search_result_t *r);

#endif /* TRAWL_SEARCH_H */
