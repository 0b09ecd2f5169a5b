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

/* BM25 defaults, measured on Cranfield and CACM (doc/relevance.md): k1
 * saturates repeated words, b normalises for document length. */
#define SEARCH_DEFAULT_K1 2.5
#define SEARCH_DEFAULT_B  0.4

/* Pseudo-relevance feedback (searcher_set_feedback()): the 10 stems that
 * best mark the 10 best articles re-rank the matches, each weighing 0.3 of
 * a query word.  Measured on Cranfield and CACM (doc/relevance.md): fewer
 * articles or stems, or more weight, ranked worse.  By default only a
 * query of SEARCH_FEEDBACK_MIN_WORDS plain words or more gets it: a
 * question in a sentence gains from it, while two or three keywords say
 * what they mean and keep their speed (it costs a second search). */
typedef enum {
    SEARCH_FEEDBACK_OFF,      /* --no-feedback */
    SEARCH_FEEDBACK_AUTO,     /* the default: long queries only */
    SEARCH_FEEDBACK_ON        /* --feedback: every query */
} search_feedback_t;
#define SEARCH_FEEDBACK_MIN_WORDS 4
#define SEARCH_FEEDBACK_DOCS   10
#define SEARCH_FEEDBACK_TERMS  10
#define SEARCH_FEEDBACK_WEIGHT 0.3

/* Counts of matches are exact up to this many matches of a pass, whatever
 * the page asked for; past it they are Xapian's estimate, and
 * search_result_t.counts_exact says so ("about N").  Counting costs a
 * visit to every match (doc/benchmarks.md, "Exact counts"). */
#define SEARCH_EXACT_COUNT_MAX 1000000

typedef struct {
    unsigned offset;          /* first hit to return (0-based) */
    unsigned limit;           /* hits to return (0: count only) */
    size_t snippet_chars;     /* snippet budget per hit (0: no snippets) */
    int exact_counts;         /* 1: count every match, past SEARCH_EXACT_COUNT_MAX too */
    int skip_counts;          /* 1: the counts are not shown: leave them
                                 Xapian's estimates (counts_exact 0), which
                                 saves counting (TREC runs, later pages) */
} search_options_t;

typedef enum {
    SEARCH_BY_RELEVANCE = 0,  /* by score (the default) */
    SEARCH_NEWEST_FIRST,      /* by date, newest first, over every match;
                                 undated articles last, by score */
    SEARCH_OLDEST_FIRST       /* by date, oldest first; undated articles last */
} search_sort_t;

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
    unsigned matches;         /* articles matching (any word, unless --all) */
    unsigned all_words;       /* of which contain every word */
    int counts_exact;         /* 1: matches and all_words are exact counts;
                                 0: Xapian's estimates ("about N") */
    search_sort_t sort;       /* the order the hits are in */
    unsigned undated;         /* sorting by date: of the matches, those
                                 without a date (ranked last) */
    unsigned group_count;     /* words in the query */
    char *explain;            /* with searcher_set_explain(): how the query
                                 was understood, lines ending in '\n' */
    char *suggestion;         /* "did you mean": the query with unknown
                                 words corrected, or NULL */
} search_result_t;

typedef struct searcher searcher_t;

/* Opens the index at DB_PATH read-only, with the analyzer it was built
 * with.  Returns NULL with a malloc'ed *errmsg ("no index at 'x': run
 * trawl-index first", "index 'x' is damaged: ...") on failure. */
searcher_t *searcher_open(const char *db_path, char **errmsg);
/* Opens the COUNT (at least 1) indexes at DB_PATHS (each an index, a sharded index's
 * directory or a Xapian stub file) as one: Xapian's multi-database, which
 * combines their statistics, so scores are those of a single index of the
 * same articles.  Messages name them joined by ", ".  Returns as
 * searcher_open(). */
searcher_t *searcher_open_many(const char *const *db_paths, size_t count, char **errmsg);
void searcher_close(searcher_t *s);

/* The analyzer of S (owned by S). */
analyzer_t *searcher_analyzer(searcher_t *s);

/* The fields the index S reads holds (QUERY_FIELD_*), for
 * query_parse_in(): looked at again whenever S has moved to a newer
 * revision of the index. */
unsigned searcher_fields(searcher_t *s);

/* The index S reads (owned by S), for what this layer does not do itself:
 * stored articles, spelling suggestions, counts by value. */
xs_db_t *searcher_db(searcher_t *s);


/* The one spelling of the orders, for the command line, the config file
 * and the search page: "relevance", "newest" (also written "-date") and
 * "oldest" (also "date"). */
#define SEARCH_SORT_NAMES "relevance, newest, oldest, -date, date"

/* The name of SORT: "relevance", "newest" or "oldest" (static). */
const char *search_sort_name(search_sort_t sort);

/* Sets *SORT from NAME (SEARCH_SORT_NAMES).  Returns 0, or -1 when NAME is
 * none of them. */
int search_sort_parse(const char *name, search_sort_t *sort);

/* Restricts later searcher_run() calls on S to the articles FILTER also
 * matches (NULL: no restriction), without changing scores, and orders each
 * run by SORT: by date, every match in date order (whether it has every
 * word or not), the undated last.  FILTER is
 * borrowed: it must live until the next call or the last run.  Used by
 * trawl.cgi for its source and date filters. */
void searcher_restrict(searcher_t *s, const xs_query_t *filter, search_sort_t sort);

/* Sets how later searcher_run() calls on S rank: MODE (query.h; from
 * searcher_open(): QUERY_DEFAULT) and the BM25 parameters (from
 * searcher_open(): SEARCH_DEFAULT_K1 and SEARCH_DEFAULT_B).  K1 >= 0
 * saturates repeated words; 0 <= B <= 1 normalises for length. */
void searcher_set_ranking(searcher_t *s, query_mode_t mode, double k1, double b);

/* FEEDBACK (from searcher_open(): SEARCH_FEEDBACK_AUTO): whether later
 * searcher_run() calls on S re-rank the matches of a query with plain words
 * by pseudo-relevance feedback (SEARCH_FEEDBACK_*), when sorting by
 * relevance.  The matches and their order of passes (every word first)
 * stay the same. */
void searcher_set_feedback(searcher_t *s, search_feedback_t feedback);

/* EXPLAIN non-zero: later searcher_run() calls on S fill
 * search_result_t.explain. */
void searcher_set_explain(searcher_t *s, int explain);

/* Runs the query TEXT (query.h): by default articles with every word first
 * (by score), then the others.  Ties in score are broken by the article id,
 * descending, as trec_eval orders them, so ranks are stable across runs and
 * indexes.  Returns 0, or -1 with a malloc'ed *errmsg (a bad query, a
 * wildcard that expands too far, an index error).  Free *OUT with
 * search_result_free(). */
int searcher_run(searcher_t *s, const char *text, size_t len,
                 const search_options_t *opts, search_result_t *out,
                 char **errmsg);
void search_result_free(search_result_t *r);

#endif /* TRAWL_SEARCH_H */
