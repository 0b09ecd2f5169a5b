/* search.h: the one door into a trawl index, for every front end.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * trawl-search (main.c, batch.c, report.c, show.c, manifest.c), trawl.cgi
 * (cgi*.c) and libtrawl (lib/trawl.c) reach the index only through these
 * functions, never through the shim (xs.h), so they rank, count, cite and
 * fail alike.  A query is parsed once (searcher_parse()) and that parse is
 * what runs (searcher_run()), what is counted by value
 * (searcher_facets()) and what the views mark (searcher_marks(),
 * searcher_snippet(): the one matcher, match.h).
 *
 * Errors: every call that can fail returns a search_status_t, SEARCH_OK
 * being 0.  The detail, a sentence for whoever can act on it ("the query
 * has no words to search for", "search failed in 'db': DatabaseCorrupt
 * Error: ..."), is searcher_last_error(): owned by the searcher, valid
 * until its next call.  Front ends tell faults apart by the status, never
 * by the text: a query the reader can mend (SEARCH_NO_WORDS,
 * SEARCH_BAD_QUERY, SEARCH_TOO_BROAD, SEARCH_TOO_COMPLEX) from an index that fails
 * (SEARCH_NO_INDEX, SEARCH_BAD_INDEX, SEARCH_INDEX_ERROR).
 *
 * A searcher is not thread-safe: use one per thread.
 */
#ifndef TRAWL_SEARCH_H
#define TRAWL_SEARCH_H

#include <stddef.h>
#include "date.h"
#include "docdata.h"
#include "match.h"
#include "query.h"
#include "snippet.h"

typedef enum {
    SEARCH_OK = 0,          /* success */
    SEARCH_NO_MEMORY,       /* an allocation failed */
    SEARCH_NO_WORDS,        /* the query has no word to search for ("", "!!!") */
    SEARCH_BAD_QUERY,       /* the query asks for what cannot be: a date that is
                               not a date (query or filter) */
    SEARCH_TOO_BROAD,       /* a wildcard stands for more than
                               QUERY_WILDCARD_MAX_TERMS words */
    SEARCH_NO_INDEX,        /* no index at the path */
    SEARCH_BAD_INDEX,       /* an index trawl cannot search: not a trawl index of
                               this schema, or a language it cannot stem */
    SEARCH_INDEX_ERROR,     /* reading the index failed: damaged, unreadable,
                               changing faster than the retries */
    SEARCH_NOT_FOUND,       /* no article with that id (searcher_article()) */
    SEARCH_TOO_COMPLEX,     /* the query costs more than its limits allow
                               (QUERY_MAX_* in query.h) or ran past the time
                               limit (searcher_set_time_limit()): "query too
                               complex: ..." */
    SEARCH_STATUS_LAST      /* not a status: the number of statuses */
} search_status_t;

/* A fixed English phrase for STATUS ("the index cannot be read"); never
 * NULL, also for out-of-range values. */
const char *search_status_to_string(search_status_t status);

/* The version of Xapian the index is read with ("1.4.22"); static. */
const char *search_xapian_version(void);

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

/* Counting within a budget: counting the matches of a run (past the page)
 * stops after SEARCH_COUNT_SECONDS of CPU, and the result says "about N"
 * (counts_exact 0; opts->exact_counts counts on, within the time limit).
 * Counting every match of a query of common words was most of its cost
 * on 20 Newsgroups.  Facet counts are exact, within the time limit. */
#define SEARCH_COUNT_SECONDS 0.1

/* The time limit of a searcher_run() or a searcher_facets() call, in CPU
 * seconds of the calling thread (a busy machine does not make an ordinary
 * query fail), from searcher_open() on (searcher_set_time_limit() changes
 * it): a search still running then is abandoned, not just left
 * unanswered, and the call fails with SEARCH_TOO_COMPLEX. */
#define SEARCH_DEFAULT_SECONDS 5.0

typedef struct {
    unsigned offset;          /* first hit to return (0-based) */
    unsigned limit;           /* hits to return (0: count only) */
    size_t snippet_chars;     /* snippet budget per hit (0: no snippets) */
    int exact_counts;         /* 1: count every match, past SEARCH_EXACT_COUNT_MAX too */
    int skip_counts;          /* 1: the counts are not shown: leave them
                                 Xapian's estimates (counts_exact 0), which
                                 saves counting (TREC runs, later pages) */
    int skip_suggestion;      /* 1: "did you mean" is not shown: leave it
                                 NULL, which saves a spelling look-up of
                                 each rarer word (TSV, CSV, TREC, --count) */
    int copies;               /* 1: fill each hit's copies */
    int marks;                /* 1: fill each hit's marks (and keep its text) */
    int collapse;             /* 1: one hit per story, a near-duplicate
                                 group (groups.h; an article in none is a
                                 story of one): its best-ranked member, the
                                 page (offset, limit, rank) over stories,
                                 and search_result_t.stories counted */
} search_options_t;

/* An article of a hit's near-duplicate group other than the hit (the
 * group is the index's, groups.h: exact copies and edited
 * re-publications of one story). */
typedef struct {
    char *id;
    char *source;             /* NULL when it has none */
} search_copy_t;

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
    search_copy_t *copies;    /* with search_options_t.copies: the other
                                 articles of its group, earliest first */
    size_t copy_count;
    mark_t *marks;            /* with search_options_t.marks: every match in
                                 its text (match.h), in order */
    size_t mark_count;
} hit_t;

typedef struct {
    hit_t *hits;
    size_t hit_count;
    unsigned matches;         /* articles matching (any word, unless --all) */
    unsigned all_words;       /* of which contain every word */
    unsigned stories;         /* with search_options_t.collapse: the
                                 stories (near-duplicate groups) the
                                 matches make; else 0 */
    int collapsed;            /* 1: the hits are one per story */
    int counts_exact;         /* 1: matches, all_words and stories are exact
                                 counts; 0: Xapian's estimates ("about N") */
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

/* ------------------------------------------------------------ the index */

/* Opens the COUNT (at least 1) indexes at PATHS (each an index, a sharded
 * index's directory or a Xapian stub file) read-only as one: Xapian's
 * multi-database, which combines their statistics, so scores are those of
 * a single index of the same articles; stems as the index was built.
 * Returns SEARCH_OK with *searcher_out set (close it with
 * searcher_close()); or SEARCH_NO_INDEX, SEARCH_BAD_INDEX,
 * SEARCH_INDEX_ERROR or SEARCH_NO_MEMORY with *searcher_out NULL and, when
 * ERRMSG is not NULL, a malloc'ed *errmsg naming the index, the paths
 * joined by ", " ("no index at 'x': run trawl-index first", "'x' is not a
 * trawl index of this version: ..."): free() it. */
search_status_t searcher_open(const char *const *paths, size_t count,
                              searcher_t **searcher_out, char **errmsg);
void searcher_close(searcher_t *s);

/* The detail of S's last failure ("" when none): owned by S, valid until
 * the next call on S. */
const char *searcher_last_error(const searcher_t *s);

/* Moves S to the latest committed revision of its index (a long-lived
 * reader, such as a FastCGI process, sees what was indexed since).
 * Returns SEARCH_OK or SEARCH_INDEX_ERROR. */
search_status_t searcher_reopen(searcher_t *s);

/* What identifies the index a run read (--manifest). */
#define SEARCH_UUID_SIZE 64
typedef struct {
    char uuid[SEARCH_UUID_SIZE];  /* the index's UUID; "" when it has none
                                     (a rebuilt index has another) */
    unsigned long revision;       /* its committed revision */
    unsigned documents;           /* articles it holds */
    const char *language;         /* the stemmer's name ("english"); owned by S */
} search_info_t;

/* Fills *INFO for S's index.  Returns SEARCH_OK, SEARCH_INDEX_ERROR or
 * SEARCH_NO_MEMORY. */
search_status_t searcher_info(searcher_t *s, search_info_t *info);

/* What the index holds (--stats). */
typedef struct {
    unsigned documents;
    unsigned long terms;          /* distinct terms, of every prefix */
    double average_length;        /* indexed terms per article */
    unsigned dated;               /* articles with a date */
    char first_date[DATE_TEXT_SIZE];  /* the dated articles' span, as stored */
    char last_date[DATE_TEXT_SIZE];   /* ("2014-06-03", "2014-06", "2014");
                                         "" when none is dated */
} search_stats_t;

/* Fills *STATS for S's index (this reads every term and every date: a
 * second or so for a large index).  Returns SEARCH_OK or
 * SEARCH_INDEX_ERROR. */
search_status_t searcher_stats(searcher_t *s, search_stats_t *stats);

/* -------------------------------------------------------------- ranking */

/* The one spelling of the orders, for the command line, the config file
 * and the search page: "relevance", "newest" (also written "-date") and
 * "oldest" (also "date"). */
#define SEARCH_SORT_NAMES "relevance, newest, oldest, -date, date"

/* The name of SORT: "relevance", "newest" or "oldest" (static). */
const char *search_sort_name(search_sort_t sort);

/* Sets *SORT from NAME (SEARCH_SORT_NAMES).  Returns 0, or -1 when NAME is
 * none of them. */
int search_sort_parse(const char *name, search_sort_t *sort);

/* How S ranks, for the record (--manifest): what searcher_set_ranking()
 * and searcher_set_feedback() set, and the BM25 parameters trawl leaves
 * at Xapian's values. */
typedef struct {
    query_mode_t mode;
    double k1, b;                 /* searcher_set_ranking() */
    double k2, k3, min_normlen;   /* Xapian's BM25 defaults */
    search_feedback_t feedback;
} search_ranking_t;

void searcher_ranking(const searcher_t *s, search_ranking_t *ranking);

/* Sets how later parses and runs on S rank: MODE (query.h; from
 * searcher_open(): QUERY_DEFAULT) and the BM25 parameters (from
 * searcher_open(): SEARCH_DEFAULT_K1 and SEARCH_DEFAULT_B).  K1 >= 0
 * saturates repeated words; 0 <= B <= 1 normalises for length. */
void searcher_set_ranking(searcher_t *s, query_mode_t mode, double k1, double b);

/* FEEDBACK (from searcher_open(): SEARCH_FEEDBACK_AUTO): whether later
 * runs on S re-rank the matches of a query with plain words by
 * pseudo-relevance feedback (SEARCH_FEEDBACK_*), when sorting by
 * relevance.  The matches and their order of passes (every word first)
 * stay the same. */
void searcher_set_feedback(searcher_t *s, search_feedback_t feedback);

/* Later runs and facet counts on S stop after SECONDS (> 0; from
 * searcher_open(): SEARCH_DEFAULT_SECONDS) with SEARCH_TOO_COMPLEX.  The
 * clock is looked at between Xapian's matching documents, so a run may
 * pass it by the time a few documents take. */
void searcher_set_time_limit(searcher_t *s, double seconds);

/* EXPLAIN non-zero: later runs on S fill search_result_t.explain. */
void searcher_set_explain(searcher_t *s, int explain);

/* What a search may be restricted to (trawl.cgi's filters). */
typedef struct {
    const char *source;       /* articles of this source, exactly as stored;
                                 NULL: any */
    const char *from, *to;    /* dates "YYYY", "YYYY-MM" or "YYYY-MM-DD",
                                 inclusive ("2014" to "2014" is the year);
                                 NULL leaves that end open */
} search_filter_t;

/* Restricts later runs and facet counts on S to the articles FILTER
 * allows (NULL: no restriction), without changing scores, and orders each
 * run by SORT: by date, every match in date order (whether it has every
 * word or not), the undated last.  FILTER is copied.  Returns SEARCH_OK;
 * SEARCH_BAD_QUERY (a date not of those forms: S is then unrestricted);
 * SEARCH_NO_MEMORY. */
search_status_t searcher_restrict(searcher_t *s, const search_filter_t *filter,
                                  search_sort_t sort);

/* ------------------------------------------------------------- querying */

/* Parses TEXT[0..LEN) (the language of query.h) as S searches: in its
 * mode (searcher_set_ranking()), for the fields its index holds; set the
 * ranking first.  Returns SEARCH_OK with *query_out set (the handle is
 * opaque to front ends: free it with searcher_query_free()); or
 * SEARCH_NO_WORDS, SEARCH_BAD_QUERY or SEARCH_NO_MEMORY with *query_out
 * NULL and searcher_last_error(S) written for the person who typed it;
 * SEARCH_TOO_COMPLEX past the limits of query.h. */
search_status_t searcher_parse(searcher_t *s, const char *text, size_t len,
                               query_t **query_out);
void searcher_query_free(query_t *query);

/* Runs QUERY (from searcher_parse() on S): by default articles with every
 * word first (by score), then the others.  Ties in score are broken by
 * the article id, descending, as trec_eval orders them, so ranks are
 * stable across runs and indexes.  Returns SEARCH_OK with *OUT filled
 * (free it with search_result_free(), also on failure); or
 * SEARCH_TOO_BROAD, SEARCH_TOO_COMPLEX (the wildcards expand past
 * QUERY_MAX_WILDCARDS, QUERY_MAX_EXPANSIONS or QUERY_MAX_TERMS, or the
 * time limit passed), SEARCH_INDEX_ERROR (also for a stored article that
 * cannot be decoded) or SEARCH_NO_MEMORY, the detail in
 * searcher_last_error(S). */
search_status_t searcher_run(searcher_t *s, const query_t *query,
                             const search_options_t *opts, search_result_t *out);
void search_result_free(search_result_t *r);

/* ------------------------------------------------------------- articles */

/* Loads the stored article ID, its text too, into *DOC (free it with
 * docdata_free(); on failure there is nothing to free).  ID may leave out
 * the extension (politics/375 for politics/375.txt, as a TREC run names
 * it) when one article has it; when several do, SEARCH_NOT_FOUND names
 * them in searcher_last_error(S).  Returns
 * SEARCH_OK, SEARCH_NOT_FOUND, SEARCH_INDEX_ERROR (it cannot be read: the
 * detail, Xapian's or the decoder's, in searcher_last_error(S)) or
 * SEARCH_NO_MEMORY. */
search_status_t searcher_article(searcher_t *s, const char *id, stored_doc_t *doc);

/* The marks of QUERY in TEXT[0..LEN) (an article's stored text), as every
 * view marks them (match.h): words, stems, wildcards, each phrase as one
 * span, the words of a NEAR, never a word under NOT; in order, never
 * crossing a paragraph.  *marks_out is malloc'ed (NULL when there is
 * none): free() it.  Returns SEARCH_OK or SEARCH_NO_MEMORY. */
search_status_t searcher_marks(searcher_t *s, const query_t *query, const char *text,
                               size_t len, mark_t **marks_out, size_t *count_out);

/* The snippet of DOC (with its text) for QUERY, as a search makes it, in
 * at most MAX_CHARS characters (0: SNIPPET_DEFAULT_CHARS).  Free *OUT with
 * snippet_free().  Returns SEARCH_OK or SEARCH_NO_MEMORY. */
search_status_t searcher_snippet(searcher_t *s, const query_t *query, const stored_doc_t *doc,
                                 size_t max_chars, snippet_t *out);

/* --------------------------------------------------------------- facets */

typedef enum {
    SEARCH_FACET_SOURCE,      /* the source, as stated */
    SEARCH_FACET_YEAR,        /* "2014" */
    SEARCH_FACET_MONTH,       /* "2014-06" */
    SEARCH_FACET_LAST         /* not a facet: the number of facets */
} search_facet_kind_t;

typedef struct {
    char *value;
    unsigned count;           /* articles with that value */
} search_facet_value_t;

typedef struct {
    search_facet_value_t *values;   /* in byte order of value, each once */
    size_t count;
} search_facet_t;

/* Counts articles by the values they hold for each of the COUNT facets
 * KINDS: with QUERY, its matches (every article with any of its words,
 * under S's restriction), and *matches_out (may be NULL) gets their
 * number; with QUERY NULL, every article of the index, and *matches_out
 * gets the number of articles.  OUT[i] (COUNT of them) gets the values of
 * KINDS[i] with their counts (articles without one are not counted): free
 * each with search_facet_free(), also on failure.  Returns SEARCH_OK,
 * SEARCH_TOO_COMPLEX (the time limit),
 * SEARCH_INDEX_ERROR or SEARCH_NO_MEMORY. */
search_status_t searcher_facets(searcher_t *s, const query_t *query,
                                const search_facet_kind_t *kinds, size_t count,
                                search_facet_t *out, unsigned *matches_out);
void search_facet_free(search_facet_t *facet);

/* Counts articles by the values of the metadata field FIELD (any case;
 * "author" is the byline), as searcher_facets() counts a facet: among the
 * matches of QUERY, or in the whole index when QUERY is NULL.  An article
 * with several values (a JSON Lines list) counts once for each.  *OUT
 * gets the values as stored, in byte order, with their counts (free it
 * with search_facet_free(), also on failure); *WITH_FIELD the articles
 * (matches) that have the field at all, *TOTAL every article (match).
 * Returns SEARCH_OK; SEARCH_BAD_QUERY when the index has no such field
 * (searcher_last_error() names the fields it has); SEARCH_INDEX_ERROR or
 * SEARCH_NO_MEMORY. */
search_status_t searcher_field_facet(searcher_t *s, const query_t *query, const char *field,
                                     search_facet_t *out, unsigned *with_field,
                                     unsigned *total);

/* Counts the stories (near-duplicate groups, groups.h; an article in none
 * is a story of its own) among the matches of QUERY (under S's
 * restriction) by the values of BY: "year", "month", "source" or a
 * metadata field, as searcher_field_facet() counts articles.  A story
 * counts once in each value its matching articles hold.  *OUT gets the
 * values, in byte order, with their stories (free it with
 * search_facet_free(), also on failure); *WITHOUT the stories of the
 * matches that hold no value, *TOTAL every story of the matches.  Reads
 * the group and value of every article of the index: a report's cost,
 * not a page's.  Returns SEARCH_OK, SEARCH_BAD_QUERY (no such field),
 * SEARCH_TOO_COMPLEX (the time limit), SEARCH_INDEX_ERROR or
 * SEARCH_NO_MEMORY. */
search_status_t searcher_facet_stories(searcher_t *s, const query_t *query, const char *by,
                                       search_facet_t *out, unsigned *without, unsigned *total);

/* Whether S's index has the metadata field FIELD (any case; "author" is
 * the byline). */
int searcher_has_field(searcher_t *s, const char *field);

/* Calls FN(CTX, GROUP, ID) for each article of each near-duplicate group
 * of two or more articles in S's index (groups.h): the groups in byte order
 * of GROUP, their leader's (earliest article's) id; each group's ids in
 * byte order.  FN returns 0 to go on.  Returns SEARCH_OK, or
 * SEARCH_INDEX_ERROR or SEARCH_NO_MEMORY (searcher_last_error()). */
search_status_t searcher_groups(searcher_t *s,
                                int (*fn)(void *ctx, const char *group, const char *id),
                                void *ctx);

/* The names of the metadata fields S's index has (lower case, in byte
 * order; S's, valid until its next call): *COUNT of them. */
char *const *searcher_field_names(searcher_t *s, size_t *count);

#endif /* TRAWL_SEARCH_H */
