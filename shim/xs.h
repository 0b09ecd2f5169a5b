/* xs.h: trawl's C API over Xapian (the shim); plain C, no Xapian types.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Conventions, for every function below:
 * - Calls that can fail return xs_status_t; XS_OK is 0.  Objects come back
 *   through a `T **out` argument, which is set to NULL on failure.
 * - No C++ exception ever leaves the shim.  Xapian errors become a status,
 *   and the detail ("DatabaseCorruptError: ...") is kept in the handle:
 *   xs_db_last_error() returns it, owned by the handle, valid until the next
 *   call on that handle.  Open functions also hand back a malloc'ed message
 *   through `char **errmsg` (may be NULL to ignore); free it with xs_free().
 * - Text is passed as (pointer, length); terms may hold any bytes.
 * - xs_*_destroy(NULL) and xs_free(NULL) do nothing.
 * - Handles are not thread-safe; use one per thread.
 */
#ifndef XS_H
#define XS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    XS_OK = 0,           /* success */
    XS_NO_MEMORY,        /* an allocation failed */
    XS_NULL_ARGUMENT,    /* a required pointer argument was NULL */
    XS_INVALID_ARGUMENT, /* an argument was out of range (empty term, bad op...) */
    XS_NOT_FOUND,        /* no index at the path, or no such document/term */
    XS_LOCKED,           /* another writer holds the index's write lock */
    XS_CORRUPT,          /* the index is corrupt, truncated or not an index */
    XS_MODIFIED,         /* the index changed under a reader: reopen and retry */
    XS_IO_ERROR,         /* reading or writing the index failed (disk full...) */
    XS_XAPIAN_ERROR,     /* any other error reported by Xapian */
    XS_TIME_LIMIT,       /* a search ran past its stop_seconds (abandoned) */
    XS_STATUS_LAST       /* not a status: the number of statuses */
} xs_status_t;

/* Returns a fixed English description of STATUS ("index is locked"); never
 * NULL, also for out-of-range values. */
const char *xs_status_to_string(xs_status_t status);

/* Frees memory the shim handed to the caller (messages, strings). */
void xs_free(void *p);

/* The Xapian library version in use, e.g. "1.4.22". Static string. */
const char *xs_xapian_version(void);

/* ---------------------------------------------------------------- Unicode
 * Xapian's Unicode tables, so the analyzer needs no tables of its own. */

/* Non-zero if CH is a word character for Xapian (letters, digits, marks,
 * connector punctuation). */
int xs_unicode_is_wordchar(unsigned ch);
/* Non-zero if CH is a currency symbol (Unicode category Sc). */
int xs_unicode_is_currency(unsigned ch);
/* Non-zero if CH is white space (Unicode Zs, Zl, Zp, or tab/newline). */
int xs_unicode_is_whitespace(unsigned ch);
/* The simple lower-case mapping of CH (CH itself when it has none). */
unsigned xs_unicode_tolower(unsigned ch);

/* --------------------------------------------------------------- Database */

typedef struct xs_db xs_db_t;

/* Opens the index at PATH read-only.  PATH may also be a Xapian stub file.
 * Returns XS_OK; XS_NOT_FOUND (no index there); XS_CORRUPT (not an index,
 * or damaged); XS_LOCKED; XS_IO_ERROR; XS_NULL_ARGUMENT; XS_NO_MEMORY.
 * Ownership: *db_out belongs to the caller: close with xs_db_close(). */
xs_status_t xs_db_open_read(const char *path, xs_db_t **db_out, char **errmsg);

/* Opens the PATH_COUNT indexes (or stub files) at PATHS read-only as one:
 * a search runs over all of them, with statistics and ranking as if they
 * were one index (Xapian's multi-database), and docids are interleaved.
 * Returns as xs_db_open_read(); XS_INVALID_ARGUMENT when PATH_COUNT is 0.
 * In messages the index is named by the paths joined with ", ". */
xs_status_t xs_db_open_read_many(const char *const *paths, size_t path_count,
                                 xs_db_t **db_out, char **errmsg);

/* Writes one compacted index at DEST (which must not exist) holding every
 * document of the SOURCE_COUNT indexes at SOURCES (merged in that order,
 * docids renumbered), as xapian-compact does: full, tightly packed blocks,
 * so the result is smaller and faster to search, and read-only in spirit
 * (the next change splits blocks again).  User metadata is kept (from the
 * first source that has a key).  Returns XS_OK; XS_NOT_FOUND (a source is
 * missing); XS_INVALID_ARGUMENT (no sources, or DEST exists); XS_IO_ERROR;
 * XS_CORRUPT; XS_NULL_ARGUMENT; XS_NO_MEMORY; *errmsg as for opening. */
xs_status_t xs_db_compact(const char *const *sources, size_t source_count,
                          const char *dest, char **errmsg);

/* Opens (creating if missing) the index at PATH for writing.  If another
 * writer holds the lock, retries for up to LOCK_WAIT_SECONDS, then returns
 * XS_LOCKED with a message naming the process that holds it when it can be
 * found ("index 'X' is locked by process 1234 (waited 10.0 s)"; "by another
 * writer" when not).  Other returns as for xs_db_open_read().  Ownership:
 * close with xs_db_close(). */
xs_status_t xs_db_open_write(const char *path, double lock_wait_seconds,
                             xs_db_t **db_out, char **errmsg);

/* Checks the index at PATH as xapian-check does: the structure of every
 * table and that the tables agree.  Returns XS_OK with *problem_count_out
 * set (0: the index is sound) and, when REPORT_OUT is not NULL, *report_out
 * set to Xapian's report, malloc'ed: a line per table checked and one per
 * problem found; free it with xs_free().  An index too damaged to be read gives XS_CORRUPT with
 * *problem_count_out 1 and the detail in *report_out.  Other returns:
 * XS_NOT_FOUND (no index at PATH); XS_IO_ERROR; XS_NULL_ARGUMENT;
 * XS_NO_MEMORY. */
xs_status_t xs_db_check(const char *path, size_t *problem_count_out,
                        char **report_out);

/* Opens (creating missing ones) the PATH_COUNT indexes at PATHS for writing
 * as the shards of one index.  A document goes to the shard chosen by a
 * fixed hash of its unique term (FNV-1a, 32 bits, modulo PATH_COUNT), so
 * replacing and deleting by that term find it again in later runs; a
 * spelling word goes to the shard its own hash chooses.  Metadata is written
 * to every shard (each stays a complete index on its own) and read from the
 * last one.  Reads (values, terms, documents) see all shards as one, docids
 * numbered as xs_db_open_read_many() numbers them.  xs_db_commit() commits
 * the shards one after another, the last one last: it is atomic per shard,
 * not across shards.  xs_db_add_document() is refused (XS_INVALID_ARGUMENT:
 * no unique term to place the document by).  Locks are taken in the order
 * of PATHS; the wait is LOCK_WAIT_SECONDS in all.  Returns as
 * xs_db_open_write(), a message naming the shard that failed;
 * XS_INVALID_ARGUMENT when PATH_COUNT is 0.  Close with xs_db_close(). */
xs_status_t xs_db_open_write_shards(const char *const *paths, size_t path_count,
                                    double lock_wait_seconds, xs_db_t **db_out,
                                    char **errmsg);

/* Closes DB and frees it.  For a writer, changes not yet committed with
 * xs_db_commit() are discarded, never half-written. */
void xs_db_close(xs_db_t *db);

/* The detail of the last failure on DB ("" if none).  Owned by DB; valid
 * until the next call on DB.  Returns "" for a NULL DB. */
const char *xs_db_last_error(const xs_db_t *db);

/* Commits all pending changes atomically.  Returns XS_OK, XS_IO_ERROR
 * (e.g. disk full: the previous commit stays intact), XS_INVALID_ARGUMENT
 * (DB is read-only), XS_XAPIAN_ERROR. */
xs_status_t xs_db_commit(xs_db_t *db);

/* Moves a reader to the latest committed revision. */
xs_status_t xs_db_reopen(xs_db_t *db);

/* How many times DB has moved to a newer revision (xs_db_reopen(), also
 * when xs_db_search() does it): what was learnt of the index before may
 * have changed when this has.  0 for a NULL DB. */
unsigned long xs_db_reopen_count(const xs_db_t *db);

/* Statistics.  Each writes its answer through the out argument. */
xs_status_t xs_db_doc_count(xs_db_t *db, unsigned *count_out);
xs_status_t xs_db_avg_length(xs_db_t *db, double *avg_out);
xs_status_t xs_db_revision(xs_db_t *db, unsigned long *revision_out);
/* The index's UUID as text; free with xs_free(). */
xs_status_t xs_db_uuid(xs_db_t *db, char **uuid_out);
/* Number of documents indexed by TERM (0 if absent). */
xs_status_t xs_db_term_freq(xs_db_t *db, const char *term, size_t term_len,
                            unsigned *freq_out);
/* Total number of occurrences of TERM in the index (0 if absent). */
xs_status_t xs_db_collection_freq(xs_db_t *db, const char *term,
                                  size_t term_len, unsigned long *freq_out);

/* User metadata (key/value strings kept in the index).  A missing key gives
 * XS_OK with an empty value.  *value_out is malloc'ed (NUL-terminated as
 * well as counted): free with xs_free(). */
xs_status_t xs_db_get_metadata(xs_db_t *db, const char *key,
                               char **value_out, size_t *len_out);
xs_status_t xs_db_set_metadata(xs_db_t *db, const char *key,
                               const char *value, size_t len);

/* Calls FN for each term in the index that starts with PREFIX ("" for
 * all), in byte order, with its document frequency.  FN returns 0 to go on,
 * non-zero to stop (then this returns XS_OK).  TERM is valid only during
 * the call. */
typedef int (*xs_term_fn)(void *ctx, const char *term, size_t term_len,
                          unsigned doc_freq);
xs_status_t xs_db_each_term(xs_db_t *db, const char *prefix, xs_term_fn fn,
                            void *ctx);

/* Calls FN for each document that has a value in SLOT, in docid order.
 * Same stopping rule as xs_db_each_term(). */
typedef int (*xs_value_fn)(void *ctx, unsigned docid, const char *value,
                           size_t value_len);
xs_status_t xs_db_each_value(xs_db_t *db, unsigned slot, xs_value_fn fn,
                             void *ctx);

/* Calls FN(CTX, docid) for each document TERM indexes, in docid order
 * (docids as the other calls give them); FN returns 0 to go on, non-zero
 * to stop (then this returns XS_OK).  A writer's own changes not yet
 * committed are seen. */
typedef int (*xs_posting_fn)(void *ctx, unsigned docid);
xs_status_t xs_db_each_posting(xs_db_t *db, const char *term, size_t term_len,
                               xs_posting_fn fn, void *ctx);

/* Finds the document indexed by the unique term TERM.  Returns XS_OK with
 * *docid_out set, or XS_NOT_FOUND. */
xs_status_t xs_db_find_unique(xs_db_t *db, const char *term, size_t term_len,
                              unsigned *docid_out);

/* Changes the document indexed by the unique term UNIQUE_TERM in place,
 * without indexing it again: VALUE[0..VALUE_LEN) in SLOT, and the boolean
 * term ADD instead of REMOVE (each may be NULL: nothing removed, nothing
 * added).  Returns XS_OK, XS_NOT_FOUND (no such document), XS_INVALID_ARGUMENT
 * (DB opened read-only),
 * or a failing status with the detail in DB. */
xs_status_t xs_db_retag_document(xs_db_t *db, const char *unique_term, size_t term_len,
                                 unsigned slot, const char *value, size_t value_len,
                                 const char *remove, size_t remove_len, const char *add,
                                 size_t add_len);

/* The stored data / a value of document DOCID.  *out is malloc'ed (and
 * NUL-terminated): free with xs_free().  XS_NOT_FOUND if no such document;
 * a missing value is XS_OK with length 0. */
xs_status_t xs_db_document_data(xs_db_t *db, unsigned docid,
                                char **data_out, size_t *len_out);
xs_status_t xs_db_document_value(xs_db_t *db, unsigned docid, unsigned slot,
                                 char **value_out, size_t *len_out);

/* Spelling data: adds WORD (with frequency increment 1) to the index's
 * spelling dictionary; suggests the closest word within MAX_EDIT_DISTANCE
 * edits (an empty string when there is none): free with xs_free(). */
xs_status_t xs_db_add_spelling(xs_db_t *db, const char *word, size_t len);
/* The same with frequency increment COUNT (> 0): one call for a word seen
 * COUNT times, which is much cheaper than COUNT calls. */
xs_status_t xs_db_add_spelling_count(xs_db_t *db, const char *word, size_t len,
                                     unsigned count);
xs_status_t xs_db_spelling_suggestion(xs_db_t *db, const char *word,
                                      size_t len, unsigned max_edit_distance,
                                      char **suggestion_out);

/* Relevance feedback: the terms that best tell the DOCID_COUNT documents
 * DOCIDS apart from the rest of DB, by Xapian's expand weight (TradEWeight,
 * on the terms those documents hold).  Only terms ACCEPT returns non-zero
 * for are considered (TERM is valid only during the call).  FN is called
 * for the best MAX_TERMS of them, best first, with their expand weight.
 * Returns XS_OK (no call for an empty DOCIDS); XS_NOT_FOUND when a docid
 * is not in DB; XS_NULL_ARGUMENT. */
typedef int (*xs_term_accept_fn)(void *ctx, const char *term, size_t term_len);
typedef void (*xs_term_weight_fn)(void *ctx, const char *term, size_t term_len,
                                  double weight);
xs_status_t xs_db_expand(xs_db_t *db, const unsigned *docids, size_t docid_count,
                         unsigned max_terms, xs_term_accept_fn accept,
                         xs_term_weight_fn fn, void *ctx);

/* --------------------------------------------------------------- Document */

typedef struct xs_doc xs_doc_t;

/* A new empty document.  Ownership: destroy with xs_doc_destroy(). */
xs_status_t xs_doc_new(xs_doc_t **doc_out);
void xs_doc_destroy(xs_doc_t *doc);

/* Adds TERM at POSITION (positions start at 1), increasing its wdf by
 * WDF_INC. */
xs_status_t xs_doc_add_posting(xs_doc_t *doc, const char *term, size_t len,
                               unsigned position, unsigned wdf_inc);
/* Adds TERM without a position, increasing its wdf by WDF_INC (0 makes a
 * boolean term: present, but no weight). */
xs_status_t xs_doc_add_term(xs_doc_t *doc, const char *term, size_t len,
                            unsigned wdf_inc);
xs_status_t xs_doc_set_value(xs_doc_t *doc, unsigned slot, const char *value,
                             size_t len);
xs_status_t xs_doc_set_data(xs_doc_t *doc, const char *data, size_t len);

/* Adds DOC, replacing any document indexed by UNIQUE_TERM (which DOC should
 * also hold), so re-indexing never duplicates.  DOC still belongs to the
 * caller.  *docid_out (may be NULL) gets the document's id. */
xs_status_t xs_db_replace_document(xs_db_t *db, const char *unique_term,
                                   size_t term_len, const xs_doc_t *doc,
                                   unsigned *docid_out);
/* Adds DOC as a new document, for a caller that knows no document holds
 * its unique term (replacing costs a lookup of that term first).  DOC
 * still belongs to the caller.  *docid_out (may be NULL) gets its id. */
xs_status_t xs_db_add_document(xs_db_t *db, const xs_doc_t *doc,
                               unsigned *docid_out);
/* Deletes every document indexed by UNIQUE_TERM (none is not an error). */
xs_status_t xs_db_delete_document(xs_db_t *db, const char *unique_term,
                                  size_t term_len);

/* ------------------------------------------------------------------ Query
 * Queries are immutable values.  Combining functions copy what they need:
 * the subqueries still belong to the caller, and every query returned must
 * be destroyed with xs_query_destroy(). */

typedef struct xs_query xs_query_t;

typedef enum {
    XS_OP_AND,        /* all subqueries match; weights add up */
    XS_OP_OR,         /* any subquery matches */
    XS_OP_AND_NOT,    /* the first, but none of the others */
    XS_OP_AND_MAYBE,  /* the first; the others only add weight */
    XS_OP_FILTER,     /* the first, restricted to the others (no weight) */
    XS_OP_PHRASE,     /* terms in order, within WINDOW positions */
    XS_OP_NEAR,       /* terms in any order, within WINDOW positions */
    XS_OP_SYNONYM,    /* terms weighted as one term */
    XS_OP_LAST
} xs_op_t;

/* A query for TERM with query frequency WQF (use 1) at query position POS
 * (use 0 when unknown). */
xs_status_t xs_query_term(const char *term, size_t len, unsigned wqf,
                          unsigned pos, xs_query_t **out);
/* Combines COUNT subqueries with OP.  WINDOW is for PHRASE/NEAR (0 means
 * the number of subqueries).  COUNT 0 gives a query that matches nothing. */
xs_status_t xs_query_combine(xs_op_t op, const xs_query_t *const *subqueries,
                             size_t count, unsigned window, xs_query_t **out);
/* Documents whose value in SLOT lies in [LO, HI] (byte order); a NULL LO or
 * HI leaves that end open. */
xs_status_t xs_query_value_range(unsigned slot, const char *lo,
                                 const char *hi, xs_query_t **out);
/* Q with its weights multiplied by FACTOR (>= 0; 0 makes it boolean). */
xs_status_t xs_query_scale(const xs_query_t *q, double factor,
                           xs_query_t **out);
/* Every term starting with PREFIX, OR-ed; at most MAX_EXPANSION terms
 * (0: no limit), else XS_INVALID_ARGUMENT when the query runs, with the
 * detail in the database's last error. */
xs_status_t xs_query_wildcard(const char *prefix, size_t len,
                              unsigned max_expansion, xs_query_t **out);
/* Matches every document / no document. */
xs_status_t xs_query_match_all(xs_query_t **out);
xs_status_t xs_query_match_nothing(xs_query_t **out);
/* Xapian's description of Q, e.g. "Query((Zbulli OR Zarea))"; free with
 * xs_free().  Returns NULL only when out of memory or Q is NULL. */
char *xs_query_describe(const xs_query_t *q);
void xs_query_destroy(xs_query_t *q);

/* ---------------------------------------------------------------- Results */

typedef struct xs_results xs_results_t;

/* How results are weighted: Xapian's schemes.  BM25 takes the bm25_*
 * options; the others run with Xapian's default parameters. */
typedef enum {
    XS_WEIGHT_BM25 = 0,  /* Okapi BM25 (BM25Weight) */
    XS_WEIGHT_DPH,       /* divergence from randomness, parameter-free (DPHWeight) */
    XS_WEIGHT_PL2,       /* divergence from randomness PL2, c = 1 (PL2Weight) */
    XS_WEIGHT_LAST       /* not a scheme: the number of schemes */
} xs_weighting_t;

typedef struct {
    xs_weighting_t weighting; /* XS_WEIGHT_BM25 unless set */
    double bm25_k1;          /* term-frequency saturation (Xapian default 1) */
    double bm25_k2;          /* Xapian's extra length correction (0) */
    double bm25_k3;          /* query-frequency saturation (1) */
    double bm25_b;           /* length normalisation (0.5) */
    double bm25_min_normlen; /* floor on normalised length (0.5) */
    unsigned offset;         /* first result to return (0-based) */
    unsigned limit;          /* how many results at most (0: none, counts only) */
    unsigned check_at_least; /* make counts exact up to this many matches */
    int sort_slot;           /* -1: by relevance; else by this value slot */
    int sort_descending;     /* with sort_slot: non-zero for descending */
    int docid_descending;    /* ties: non-zero for higher docids first */
    int tie_slot;            /* -1: relevance ties by docid; else by the
                                value in this slot (byte order, descending
                                with docid_descending); not with sort_slot */
    const unsigned *facet_slots; /* value slots whose values are counted over
                                    the matches (Xapian's ValueCountMatchSpy);
                                    borrowed during xs_db_search() only */
    size_t facet_slot_count;     /* entries in facet_slots (0: no facets) */
    int skip_values;             /* non-zero: results hold no values, which
                                    saves reading them (xs_results_value()
                                    then gives "") */
    int docids_only;             /* non-zero: results hold docids and
                                    weights only, no document is read
                                    (data and values then are "") */
    double count_seconds;        /* > 0: after this many seconds of the
                                    calling thread's CPU the match stops
                                    where it is (for counting: limit 0):
                                    the results are then stopped
                                    (xs_results_stopped()), their counts
                                    the matches found so far as the lower
                                    bound, UINT_MAX the upper, their facets
                                    over those */
    double stop_seconds;         /* > 0: a match still finding documents
                                    after this many seconds of the calling
                                    thread's CPU is abandoned (XS_TIME_LIMIT);
                                    the clock is looked at every 64 matching
                                    documents; not over a remote database,
                                    whose server runs only the match spies
                                    it knows */
    int collapse_slot;           /* -1: no collapsing; else at most one
                                    result per value of this slot, the
                                    best-ranked (Xapian's collapse key);
                                    documents with an empty value there
                                    are never collapsed.  The counts
                                    (xs_results_matches_*) are then of
                                    the collapsed results */
} xs_search_options_t;

/* Fills OPTS with Xapian's defaults: BM25 (1, 0, 1, 0.5, 0.5), offset 0,
 * limit 10, relevance order, ties by ascending docid (tie_slot -1), no
 * facets, documents and values copied, no collapsing. */
void xs_search_options_init(xs_search_options_t *opts);

/* Runs Q on DB.  When the index changes under it (Xapian's
 * DatabaseModifiedError), DB is reopened at the latest revision and the
 * search run again, up to 3 times.  Returns XS_OK; XS_MODIFIED (still
 * changing after 3 retries); XS_TIME_LIMIT (opts->stop_seconds passed);
 * XS_INVALID_ARGUMENT (e.g. a wildcard expanded too far, or no such
 * opts->weighting); XS_CORRUPT;
 * XS_XAPIAN_ERROR.  Ownership: destroy *out with xs_results_destroy().
 * The results are copied out of Xapian at once: they stay valid when DB
 * is reopened, but not after DB is closed. */
xs_status_t xs_db_search(xs_db_t *db, const xs_query_t *q,
                         const xs_search_options_t *opts, xs_results_t **out);

/* Non-zero when the search stopped at opts->count_seconds. */
int xs_results_stopped(const xs_results_t *r);

/* Number of results held (at most opts->limit). */
size_t xs_results_size(const xs_results_t *r);
/* Xapian's bounds and estimate of the total number of matches. */
unsigned xs_results_matches_lower(const xs_results_t *r);
unsigned xs_results_matches_estimated(const xs_results_t *r);
unsigned xs_results_matches_upper(const xs_results_t *r);
/* The same before collapsing (opts->collapse_slot); without collapsing,
 * the same as the above. */
unsigned xs_results_uncollapsed_lower(const xs_results_t *r);
unsigned xs_results_uncollapsed_upper(const xs_results_t *r);
unsigned xs_results_uncollapsed_estimated(const xs_results_t *r);
/* Of result I (0-based, < size): docid, weight, stored data and a value.
 * Strings are owned by R, valid until xs_results_destroy(R); *len_out
 * gets the length.  Out of range I gives 0 / 0.0 / "" with length 0. */
unsigned xs_results_docid(const xs_results_t *r, size_t i);
double xs_results_weight(const xs_results_t *r, size_t i);
const char *xs_results_data(const xs_results_t *r, size_t i, size_t *len_out);
const char *xs_results_value(const xs_results_t *r, size_t i, unsigned slot,
                             size_t *len_out);
/* Result I's collapse key (its value in opts->collapse_slot), also with
 * docids_only; "" without collapsing. */
const char *xs_results_collapse_key(const xs_results_t *r, size_t i, size_t *len_out);
/* Facets: for the FACET-th slot of opts->facet_slots, the distinct values
 * found in the matching documents, in byte order, each with the number of
 * matching documents that hold it.  Documents without a value in the slot
 * are not counted.  Counts cover the documents the matcher looked at: set
 * opts->check_at_least to the number of documents in the index to count
 * every match.  Strings are owned by R, valid until xs_results_destroy(R).
 * Out of range FACET or I gives 0 / "" with length 0. */
size_t xs_results_facet_size(const xs_results_t *r, size_t facet);
const char *xs_results_facet_value(const xs_results_t *r, size_t facet,
                                   size_t i, size_t *len_out);
unsigned xs_results_facet_count(const xs_results_t *r, size_t facet, size_t i);
void xs_results_destroy(xs_results_t *r);

#ifdef __cplusplus
}
#endif

#endif /* XS_H */
