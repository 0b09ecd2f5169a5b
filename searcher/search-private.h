/* search-private.h: what the searcher's own files share (search.c,
 * search-run.c, search-stories.c, search-doc.c, search-facets.c,
 * search-copies.c, search-query.c): the searcher's state and its way of failing.  Front
 * ends use search.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_SEARCH_PRIVATE_H
#define TRAWL_SEARCH_PRIVATE_H

#include <time.h>

#include "analyzer.h"
#include "query.h"
#include "query-tree.h"
#include "search.h"
#include "xs.h"

struct searcher {
    xs_db_t *db;
    char *db_path;             /* the paths, joined by ", ", for messages */
    analyzer_t *analyzer;      /* the index's language */
    xs_query_t *filter;        /* searcher_restrict(); NULL: none */
    search_sort_t sort;
    query_mode_t mode;         /* searcher_set_ranking() */
    double k1, b;
    search_feedback_t feedback;   /* searcher_set_feedback() */
    int explain;               /* searcher_set_explain() */
    double time_limit;         /* searcher_set_time_limit() */
    struct timespec started;   /* search_budget_start(): the thread's CPU clock */
    query_index_t index;       /* search_index(), as of the index's */
    unsigned long index_reopens;   /* reopen count (xs_db_reopen_count()) + 1; 0: not yet */
    char *error;               /* the last failure's detail (malloc'ed), or NULL */
};

/* Sets S's last error to the text FMT makes and returns STATUS; out of
 * memory for the text, the error is "out of memory" (a static string is
 * kept then). */
search_status_t search_fail(searcher_t *s, search_status_t status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The failure of a shim call that returned ST on S's index: SEARCH_NO_MEMORY
 * ("out of memory") for XS_NO_MEMORY, else SEARCH_INDEX_ERROR with
 * "search failed in 'DB': <the shim's detail>". */
search_status_t search_index_failed(searcher_t *s, xs_status_t st);

/* The same, for callers that name what failed themselves ("cannot count
 * by year: ..."): the detail is the shim's alone. */
search_status_t search_shim_failed(searcher_t *s, xs_status_t st);

/* The fields S's index holds (QUERY_FIELD_* and its metadata fields), for
 * query_parse(): looked at again whenever S has moved to a newer revision
 * of the index.  NULL when they cannot be told (then every field is
 * looked in, and only the byline is known). */
const query_index_t *search_index(searcher_t *s);

/* Xapian's options for ranking as S ranks (offset and limit left at 0 and
 * 10). */
void search_ranking_options(const searcher_t *s, xs_search_options_t *xo);

/* The time limit of a call (searcher_set_time_limit()): starts S's clock. */
void search_budget_start(searcher_t *s);

/* Sets XO's stop_seconds to what is left of S's time limit since
 * search_budget_start() and, when COUNTING, its count_seconds to
 * SEARCH_COUNT_SECONDS.  Returns SEARCH_OK, or search_time_up(S) when no
 * time is left. */
search_status_t search_budget_options(searcher_t *s, xs_search_options_t *xo, int counting);

/* Fails S with SEARCH_TOO_COMPLEX: the time limit passed. */
search_status_t search_time_up(searcher_t *s);

/* Q restricted to S's filter (searcher_restrict(); S has one): a new
 * query, or NULL when out of memory. */
xs_query_t *search_restricted(const searcher_t *s, const xs_query_t *q);

/* search-copies.c: fills HIT's copies (search.h: the other articles of
 * its near-duplicate group, ids and sources).  Returns SEARCH_OK,
 * SEARCH_INDEX_ERROR or SEARCH_NO_MEMORY. */
search_status_t search_find_copies(searcher_t *s, hit_t *hit);

/* The value SLOT of DOCID (malloc'ed; NULL when it has none, or with
 * *FAILED set when reading it failed or memory ran out). */
char *search_doc_value(searcher_t *s, unsigned docid, unsigned slot, int *failed);

/* search-stories.c: xs_db_search() of Q on S with XO, within what is left
 * of the run's time (and, when COUNTING, within SEARCH_COUNT_SECONDS: the
 * results may then be stopped, xs_results_stopped()): SEARCH_OK with
 * *RESULTS set, or the failure (SEARCH_TOO_BROAD for a wildcard Xapian
 * refuses). */
search_status_t search_within(searcher_t *s, const xs_query_t *q, xs_search_options_t *xo,
                              int counting, xs_results_t **results);

/* Counts the matches of Q (already restricted) in one pass: the articles
 * into *MATCHES and, unless STORIES is NULL, the stories they make (each
 * near-duplicate group once) into *STORIES; either may be NULL, and each
 * holds the ranking pass's estimate on entry.  Exact up to
 * SEARCH_EXACT_COUNT_MAX counted within SEARCH_COUNT_SECONDS (every match,
 * however long, with opts->exact_counts), else Xapian's estimate, and
 * *EXACT cleared.  Weights play no part (the query is scaled to 0), which
 * makes counting a fraction of the cost of ranking every match. */
search_status_t search_count(searcher_t *s, const search_options_t *opts, const xs_query_t *q,
                             unsigned *matches, unsigned *stories, int *exact);

/* A collapsed run's stories (search_result_t.stories, collapsed) into
 * OUT: those of its one pass (PASSES 1) when ranking counted them exactly
 * (EXACT), else counted over EVERY (what its passes run together,
 * unrestricted), a story of two passes once.  ESTIMATE is the passes'
 * sum, which stands with opts->skip_counts (counts_exact then 0). */
search_status_t search_count_stories(searcher_t *s, const search_options_t *opts,
                                     const xs_query_t *every, size_t passes, unsigned estimate,
                                     int exact, search_result_t *out);

/* A hit chosen by search_new_stories(). */
typedef struct {
    unsigned docid;
    double weight;
} search_pick_t;

/* The page (OFFSET, LIMIT) of the stories of Q, ranked by RANKING (as
 * search_ranking_options() and the pass set it), that EARLIER (the passes
 * ranked before Q's, which hold the best member of their stories) holds
 * none of: a story is shown once, where its best member ranks.  Q and
 * EARLIER are restricted already.  *PICKS (malloc'ed: free() it, also on
 * failure) gets the best member of each, *COUNT of them. */
search_status_t search_new_stories(searcher_t *s, const xs_query_t *q, const xs_query_t *earlier,
                                   const xs_search_options_t *ranking, unsigned offset,
                                   unsigned limit, search_pick_t **picks, size_t *count);

/* search-query.c: the Xapian query for the tree T (one shim call per
 * node): destroy it with xs_query_destroy().  NULL when memory runs out. */
xs_query_t *search_query_build(const qtree_t *t);

/* The same for the trees A and B at once (a query's every-word and
 * some-word forms), the nodes they share made once: *QA and *QB, or both
 * NULL and -1 when memory runs out. */
int search_query_build_pair(const qtree_t *a, const qtree_t *b, xs_query_t **qa,
                            xs_query_t **qb);

#endif /* TRAWL_SEARCH_PRIVATE_H */
