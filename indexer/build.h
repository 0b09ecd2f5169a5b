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

#endif /* TRAWL_BUILD_H */
