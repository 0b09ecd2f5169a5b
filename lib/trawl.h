/* trawl.h: libtrawl, search a trawl index from C (or through any FFI).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The same search as trawl-search: the query language of trawl-query(7),
 * the same ranking, snippets and citations.  A whole search is a few calls:
 *
 *     trawl_index_t *index;
 *     trawl_results_t *results;
 *     if (trawl_open("trawl.db", &index, NULL) == TRAWL_OK
 *         && trawl_search(index, "area teams bullying", 0, 10, 0, &results) == TRAWL_OK) {
 *         for (size_t i = 0; i < trawl_result_count(results); i++)
 *             printf("%s\n", trawl_result_citation(results, i));
 *         trawl_results_free(results);
 *     }
 *     trawl_close(index);
 *
 * Conventions, for every function below:
 * - Calls that can fail return trawl_status_t; TRAWL_OK is 0.  Objects
 *   come back through a `T **out` argument, set to NULL on failure.
 * - Only plain C types cross this interface (no structs to lay out), so
 *   PHP's FFI, Python's ctypes or Go's cgo can call it as it is.
 * - Strings are UTF-8 and NUL-terminated; lengths and offsets are in bytes.
 * - Ownership is stated at each prototype.  trawl_close(NULL),
 *   trawl_results_free(NULL) and trawl_free(NULL) do nothing.
 * - A trawl_index_t is not thread-safe: use one per thread.  Results
 *   outlive neither their index nor trawl_close().
 * - Accessors take a 0-based HIT (< trawl_result_count()) and FRAGMENT
 *   (< trawl_result_snippet_count()); out of range they return NULL or 0.
 */
#ifndef TRAWL_H
#define TRAWL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    TRAWL_OK = 0,             /* success */
    TRAWL_NO_MEMORY,          /* an allocation failed */
    TRAWL_NULL_ARGUMENT,      /* a required pointer argument was NULL */
    TRAWL_INVALID_ARGUMENT,   /* a number or flag out of range */
    TRAWL_NO_INDEX,           /* no index at the path */
    TRAWL_BAD_INDEX,          /* not a trawl index of this version, damaged,
                                 or unreadable */
    TRAWL_BAD_QUERY,          /* the query has no word to search for, or a
                                 date that is not a date */
    TRAWL_SEARCH_FAILED,      /* the search could not run: a wildcard that
                                 stands for too many words, or an index error */
    TRAWL_STATUS_LAST         /* not a status: the number of statuses */
} trawl_status_t;

/* Flags of trawl_search(), OR-ed; 0 gives trawl-search's defaults. */
enum {
    TRAWL_ALL_WORDS = 1 << 0,    /* only articles with every word (--all) */
    TRAWL_ANY_WORD = 1 << 1,     /* any word, by BM25 score alone (--any) */
    TRAWL_OLDEST_FIRST = 1 << 2, /* by date, oldest first (--sort date) */
    TRAWL_NEWEST_FIRST = 1 << 3, /* by date, newest first (--sort -date) */
    TRAWL_NO_SNIPPETS = 1 << 4,  /* no snippets: faster; citations then
                                    name no paragraph */
    TRAWL_KEEP_DUPLICATES = 1 << 5  /* every article (--duplicates keep);
                                       without it one hit per story, a
                                       near-duplicate group: its
                                       best-ranked article, and OFFSET,
                                       LIMIT and ranks count stories */
};

/* Flags of a snippet fragment (trawl_result_snippet_flags()). */
enum {
    TRAWL_CUT_BEFORE = 1 << 0,   /* text was cut before it: show an ellipsis */
    TRAWL_CUT_AFTER = 1 << 1,    /* text was cut after it */
    TRAWL_COMMENT = 1 << 2       /* it is from a reader comment */
};

/* The most hits one trawl_search() returns; page with OFFSET for more. */
#define TRAWL_MAX_LIMIT 10000

typedef struct trawl_index trawl_index_t;
typedef struct trawl_results trawl_results_t;

/* The library's version, e.g. "0.1.0".  Static string. */
const char *trawl_version(void);

/* A fixed English description of STATUS ("no index at the path"); never
 * NULL, also for out-of-range values.  Static string. */
const char *trawl_status_string(trawl_status_t status);

/* Frees memory the library handed to the caller (messages). */
void trawl_free(void *p);

/* Opens the index at PATH (a directory made by trawl-index) read-only.
 * Returns TRAWL_OK, TRAWL_NO_INDEX, TRAWL_BAD_INDEX, TRAWL_NULL_ARGUMENT
 * or TRAWL_NO_MEMORY.  On failure *errmsg (when ERRMSG is not NULL) gets a
 * message naming the path ("no index at 'x': run trawl-index first"), or
 * NULL: free it with trawl_free().  Ownership: *index_out belongs to the
 * caller: close it with trawl_close(). */
trawl_status_t trawl_open(const char *path, trawl_index_t **index_out, char **errmsg);

/* Closes INDEX and frees it. */
void trawl_close(trawl_index_t *index);

/* The detail of the last failure on INDEX ("" if none), e.g. "'co*'
 * matches more than 200 words: give more letters before the '*'".  Owned
 * by INDEX; valid until the next call on INDEX.  "" for a NULL INDEX. */
const char *trawl_last_error(const trawl_index_t *index);

/* Runs QUERY (trawl-query(7)) on INDEX and keeps hits OFFSET+1 to
 * OFFSET+LIMIT of the ranking (LIMIT 0: only count), with FLAGS (above).
 * Returns TRAWL_OK (also when nothing matched), TRAWL_BAD_QUERY,
 * TRAWL_SEARCH_FAILED, TRAWL_INVALID_ARGUMENT (LIMIT over TRAWL_MAX_LIMIT,
 * an unknown flag, or two that contradict each other), TRAWL_NULL_ARGUMENT
 * or TRAWL_NO_MEMORY; trawl_last_error(INDEX) says why.  Ownership:
 * *results_out belongs to the caller: free it with trawl_results_free()
 * before closing INDEX. */
trawl_status_t trawl_search(trawl_index_t *index, const char *query, unsigned offset,
                            unsigned limit, unsigned flags, trawl_results_t **results_out);

/* Frees RESULTS and every string it handed out. */
void trawl_results_free(trawl_results_t *results);

/* The number of hits RESULTS holds (at most the LIMIT asked for). */
size_t trawl_result_count(const trawl_results_t *results);

/* How many articles match the query, and how many of them hold every
 * word: exact counts, whatever the OFFSET and LIMIT asked for, unless
 * trawl_result_counts_exact() says they are estimates (past a million
 * matches of a query). */
unsigned trawl_result_matches(const trawl_results_t *results);
unsigned trawl_result_all_words(const trawl_results_t *results);
/* Without TRAWL_KEEP_DUPLICATES, the stories the matches make (each
 * near-duplicate group once; an article in none is a story of one), the
 * number of hits there are to page through; with it, 0. */
unsigned trawl_result_stories(const trawl_results_t *results);
/* 1 when the counts above are exact, 0 when they are Xapian's
 * estimates ("about N"). */
int trawl_result_counts_exact(const trawl_results_t *results);

/* "Did you mean": the query with words the index does not know corrected,
 * or NULL.  Owned by RESULTS. */
const char *trawl_result_suggestion(const trawl_results_t *results);

/* Of hit HIT: its rank in the whole ranking (1-based) and its BM25 score. */
unsigned trawl_result_rank(const trawl_results_t *results, size_t hit);
double trawl_result_score(const trawl_results_t *results, size_t hit);

/* Of hit HIT: its document id (stable across re-indexing); its title (the
 * file name when the article has none); its source, date ("2014-06-03",
 * "2014-06" or "2014"), byline and URL, each NULL when the article does
 * not state it; and its citation, as trawl-search prints it ("“CCGs
 * confident ...” HSJ, n.d. 002_7add833defd93f9a.txt, ¶4.").  Every string
 * is owned by RESULTS, valid until trawl_results_free(RESULTS). */
const char *trawl_result_id(const trawl_results_t *results, size_t hit);
const char *trawl_result_title(const trawl_results_t *results, size_t hit);
const char *trawl_result_source(const trawl_results_t *results, size_t hit);
const char *trawl_result_date(const trawl_results_t *results, size_t hit);
const char *trawl_result_byline(const trawl_results_t *results, size_t hit);
const char *trawl_result_url(const trawl_results_t *results, size_t hit);
const char *trawl_result_citation(const trawl_results_t *results, size_t hit);

/* The number of snippet fragments of hit HIT (0 to 3; 0 with
 * TRAWL_NO_SNIPPETS), in the order they stand in the article. */
size_t trawl_result_snippet_count(const trawl_results_t *results, size_t hit);

/* The text of fragment FRAGMENT of hit HIT; *len_out (may be NULL) gets
 * its length.  Owned by RESULTS, valid until trawl_results_free(RESULTS). */
const char *trawl_result_snippet(const trawl_results_t *results, size_t hit,
                                 size_t fragment, size_t *len_out);

/* The 1-based paragraph of the article the fragment stands in. */
unsigned trawl_result_snippet_paragraph(const trawl_results_t *results, size_t hit,
                                        size_t fragment);

/* TRAWL_CUT_BEFORE, TRAWL_CUT_AFTER and TRAWL_COMMENT, OR-ed. */
unsigned trawl_result_snippet_flags(const trawl_results_t *results, size_t hit,
                                    size_t fragment);

/* The number of marked words (the matches of the query) in the fragment,
 * and the MARK-th of them as byte offsets [*start_out, *end_out) into the
 * fragment's text, in order, never overlapping.  trawl_result_mark()
 * returns TRAWL_OK, TRAWL_INVALID_ARGUMENT (out of range: the offsets are
 * left alone) or TRAWL_NULL_ARGUMENT. */
size_t trawl_result_mark_count(const trawl_results_t *results, size_t hit,
                               size_t fragment);
trawl_status_t trawl_result_mark(const trawl_results_t *results, size_t hit,
                                 size_t fragment, size_t mark, size_t *start_out,
                                 size_t *end_out);

#ifdef __cplusplus
}
#endif

#endif /* TRAWL_H */
