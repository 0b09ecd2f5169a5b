/* maintain.h: check an index, and rebuild it from its sources beside it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_MAINTAIN_H
#define TRAWL_MAINTAIN_H

#include "build.h"

/* Checks the index at DB_PATH as xapian-check does, and that each article
 * of a shard belongs to it (an index built with --shard K/N, or the
 * SHARD_COUNT SHARD_PATHS of a sharded index), and says what was found:
 * "DB_PATH: ok (N documents, revision R)" on stdout, or an error naming
 * each problem.  Returns an exit status: EXIT_MATCH (sound), EXIT_TROUBLE
 * (damaged, missing, unreadable or misplaced; reported). */
int maintain_check(const char *db_path, const char *const *shard_paths, size_t shard_count);

/* Rebuilds the index at opts->db_path from the files under the COUNT PATHS:
 * builds a new index in "DB.new" beside it, then swaps the two directories
 * atomically and removes the old one.  The old index is not touched until
 * the new one is complete, and a reader that has it open keeps reading it.
 * The old index's write lock is held throughout when it can be opened, so
 * no indexer writes to it meanwhile.  The language is opts->language, else
 * the old index's (when it can be read), else english.  When
 * build_stop_signal is set during the build, the new index is removed and
 * nothing is swapped.
 * Returns 0, or -1 after reporting an error (the old index is unchanged). */
int maintain_rebuild(const build_options_t *opts, char *const *paths, size_t count,
                     build_stats_t *stats);

#endif /* TRAWL_MAINTAIN_H */
