/* build.h: index corpus files into a trawl index, incrementally.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_BUILD_H
#define TRAWL_BUILD_H

#include <stddef.h>

typedef struct {
    const char *db_path;   /* the index directory (created if missing) */
    const char *language;  /* stemmer language; NULL: the index's, or english */
    double lock_wait;      /* seconds to wait for another writer's lock */
    int progress;          /* 1: show a progress line on stderr */
} build_options_t;

typedef struct {
    unsigned added, updated, removed, unchanged, failed;
} build_stats_t;

/* Indexes the files under each of the COUNT PATHS into the index: new files
 * are added, changed ones replaced, unchanged ones skipped, and documents of
 * files no longer under a path removed.  One commit at the end makes the
 * run atomic.  A file that cannot be read or parsed is reported with its
 * path and reason, counted in stats->failed, and skipped.  Returns 0, or -1
 * after reporting an error that stopped the run (nothing was committed). */
int build_index(const build_options_t *opts, char *const *paths, size_t count,
                build_stats_t *stats);

#endif /* TRAWL_BUILD_H */
