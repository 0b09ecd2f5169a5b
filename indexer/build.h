/* build.h: index corpus files into a trawl index, incrementally.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_BUILD_H
#define TRAWL_BUILD_H

#include <signal.h>
#include <stdio.h>
#include <stddef.h>
#include "buf.h"
#include "roots.h"
#include "tally.h"

struct xs_db;

typedef struct {
    const char *db_path;   /* the index directory (created if missing) */
    const char *language;  /* stemmer language; NULL: the index's, or english */
    double lock_wait;      /* seconds to wait for another writer's lock */
    int progress;          /* 1: show a progress line on stderr */
    unsigned commit_every; /* commit after this many documents (0: at the end only) */
    const char *const *shard_paths; /* the shards (shard.h), or NULL: db_path */
    size_t shard_count;    /* entries in shard_paths (0: a single index) */
    unsigned jobs;         /* processes for build_index_in_parts() (--jobs) */
    /* This run builds one part of an index built in parts: only the
     * articles whose id hashes to part_index (0-based) of part_count; 0
     * parts: every article.  Problems found before an article's id is known
     * (a file that cannot be read or parsed) are reported by one part only. */
    unsigned part_index, part_count;
    size_t max_record_bytes;   /* the most a file or record may hold,
                                  decompressed (0: READER_MAX_BYTES) */
    int follow_links;      /* follow symbolic links out of the corpus roots */
    int verbose;           /* say each article's note (article_t.note) */
    /* This run builds shard SHARD_INDEX (0-based) of SHARD_OF (--shard
     * K/N, on one of N machines): only the articles whose id term hashes
     * to it (FNV-1a of Q<id> modulo N, as xs_db_open_write_shards()
     * places them), into a plain index at db_path that says so in its
     * metadata (META_SHARD); 0: every article. */
    unsigned shard_index, shard_of;
    /* The index whose corpus roots (roots.h) the run keeps, when it is not
     * db_path: --rebuild builds a new index with the old one's labels.
     * NULL: db_path's own. */
    const char *roots_from;
    /* Compact the index at the end of a run that found it empty (a new
     * index), or found a compaction of it interrupted; not a shard set,
     * not a part: build_compact(). */
    int compact;
} build_options_t;

typedef struct {
    unsigned added, updated, removed, unchanged, failed;
    unsigned duplicates;   /* of the failed: an id another input holds */
    tally_t skipped;       /* files no reader takes (by extension) and
                              records that are not articles (by kind) */
} build_stats_t;

/* The signal (SIGINT or SIGTERM) that asked the run to stop, or 0.  Set by
 * the handler build_catch_signals() installs; checked between documents, so
 * a run that is asked to stop commits what it has done and returns. */
extern volatile sig_atomic_t build_stop_signal;

/* Makes SIGINT and SIGTERM set build_stop_signal.  A second one of them
 * kills the process at once (the handler is reset), which is safe: the
 * index keeps its last commit. */
void build_catch_signals(void);

/* Indexes the files under each of the COUNT PATHS into the index: new files
 * are added, changed ones replaced, unchanged ones skipped, and documents of
 * files no longer under a path removed.  The run commits every
 * opts->commit_every documents and at the end, so a run of fewer documents
 * is atomic and a larger one that is killed keeps its last commit; a
 * re-run finishes it.  When build_stop_signal is set, the run commits what
 * it has done, removes nothing, and returns 0.  A file that cannot be read
 * or parsed is reported with its path and reason, counted in
 * stats->failed, and skipped.  Returns 0, or -1 after reporting an error
 * that stopped the run (the index keeps its last commit). */
int build_index(const build_options_t *opts, char *const *paths, size_t count,
                build_stats_t *stats);

/* The corpus roots the run keeps (opts->roots_from's, else those of INDEX,
 * the index open for writing, or with INDEX NULL, of opts->db_path if there
 * is an index there) into *ROOTS (free with roots_free()).  An index that
 * cannot be read gives none, with a warning, when it is not INDEX.
 * Returns 0, or -1 (reported). */
int build_load_roots(const build_options_t *opts, struct xs_db *index, root_table_t *roots);

/* The same as build_index() for the COUNT lists already walked by
 * roots_walk() against ROOTS (which the run stores in the index). */
int build_index_lists(const build_options_t *opts, root_table_t *roots,
                      const walk_list_t *lists, size_t count, build_stats_t *stats);

/* Adds the counts in MORE to INTO. */
void build_stats_add(build_stats_t *into, const build_stats_t *more);

/* Builds a new index at opts->db_path (which must not exist) in
 * opts->jobs processes at once: each builds the articles whose id hashes to
 * it into a part beside it (DB.part-1 ... DB.part-N), and the parts are
 * merged into the index by Xapian's compaction (so it comes out compacted),
 * then removed.  The same files, messages and counts as build_index(); a
 * duplicate id always meets its first holder in the same part.  When
 * build_stop_signal is set (and passed on to the parts), nothing is made
 * and 0 is returned.  Returns 0, or -1 after reporting an error. */
int build_index_in_parts(const build_options_t *opts, char *const *paths, size_t count,
                         build_stats_t *stats);

/* trawl-index --extract: writes to OUT, one JSON object a line
 * (extract.h), every article the COUNT PATHS hold, as a new index would
 * get them (ids, manifest metadata, furniture dropped), without opening an
 * index.  Problems are reported as a run reports them and counted in
 * STATS (added: the articles written).  Returns 0, or -1 after reporting
 * an error that stopped it (a path that cannot be used, a write error). */
int extract_run(const build_options_t *opts, char *const *paths, size_t count, FILE *out,
                build_stats_t *stats);

/* Removes the index directory PATH and the files in it (an index is one
 * flat directory).  A missing PATH is not an error.  Returns 0, or -1 with
 * errno set. */
int build_remove_index_dir(const char *path);

/* compact.c */

/* Appends DB_PATH with SUFFIX to OUT: a name beside the index ("db/" and
 * ".new" give "db.new", not a name inside it).  Returns 0, or -1 (out of
 * memory). */
int build_beside(const char *db_path, const char *suffix, buf_t *out);

/* Puts the index at NEW_PATH in the place of the one at DB_PATH: an atomic
 * exchange where the file system offers it (readers never find the path
 * empty), else two renames through OLD_PATH.  The old index is removed.
 * Returns 0, or -1 (reported; the old index is back in its place). */
int build_swap_in(const char *db_path, const char *new_path, const char *old_path);

/* Compacts the index at DB_PATH (Xapian's compaction: full blocks, the
 * same documents, terms, values and metadata) into DB_PATH.compact and
 * swaps it in.  The caller holds the index's write lock and has committed.
 * A failure is a warning: the index is left as it was, complete.  Returns
 * 0, or -1 (warned; nothing changed). */
int build_compact(const char *db_path);

/* Non-zero if a compaction of the index at DB_PATH was interrupted (its
 * copy, DB_PATH.compact, is there).  Ask under the index's lock. */
int build_compact_interrupted(const char *db_path);

#endif /* TRAWL_BUILD_H */
