/* build.h: index corpus files into a trawl index, incrementally.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_BUILD_H
#define TRAWL_BUILD_H

#include <signal.h>
#include <stddef.h>

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
} build_options_t;

typedef struct {
    unsigned added, updated, removed, unchanged, failed;
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

/* The same for files already collected by build_walk() (LISTS[0..COUNT);
 * walk_list_t is walk.h's). */
struct walk_list;
int build_index_lists(const build_options_t *opts, const struct walk_list *lists,
                      size_t count, build_stats_t *stats);

/* The files under each of the COUNT PATHS (walk_collect()): an array of
 * COUNT lists, free with build_walk_free(); NULL when a path cannot be used
 * or memory ran out (reported).  Unreadable entries are counted in *FAILED. */
struct walk_list *build_walk(char *const *paths, size_t count, unsigned *failed);
void build_walk_free(struct walk_list *lists, size_t count);

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

/* Removes the index directory PATH and the files in it (an index is one
 * flat directory).  A missing PATH is not an error.  Returns 0, or -1 with
 * errno set. */
int build_remove_index_dir(const char *path);

/* For build_index_in_parts(): marks in MERGED each JSON Lines file of
 * LISTS that all PART_COUNT PARTS indexed whole (skipped by the next run);
 * xs_db_t is xs.h's.  Returns 0, or -1 (MERGED's error). */
struct xs_db;
int build_merge_file_marks(struct xs_db *merged, struct xs_db *const *parts,
                           size_t part_count, const struct walk_list *lists, size_t count);

#endif /* TRAWL_BUILD_H */
