/* shard.h: the layout of a sharded index (trawl-index --shards N).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A sharded index is a directory DIR holding the shards DIR/shard-1 ...
 * DIR/shard-N, each a complete trawl index of the articles whose id hashes
 * to it (xs_db_open_write_shards()), and DIR/XAPIANDB, a Xapian stub file
 * listing them.  Xapian opens a directory holding XAPIANDB as the databases
 * it lists, so `--db DIR` works unchanged for trawl-search, trawl.cgi and
 * Xapian's own tools (xapian-delve DIR), and each shard can be served or
 * copied on its own (doc/scaling.md).
 */
#ifndef TRAWL_SHARD_H
#define TRAWL_SHARD_H

#include <stddef.h>

/* The most shards an index may have: far more than machines anyone would
 * spread one archive over, few enough to keep a typo harmless. */
#define SHARDS_MAX 1024

/* The name of the stub file in a sharded index's directory (Xapian's). */
#define SHARD_STUB_NAME "XAPIANDB"

typedef struct {
    char **paths;          /* DIR/shard-1 ... DIR/shard-N (malloc'ed) */
    size_t count;          /* N; 0: DIR is (or will be) a single index */
} shard_layout_t;

/* Decides how a run writes the index at DB_DIR, given REQUESTED shards
 * (--shards; 0 when not given).  Fills LAYOUT: no paths for a single index
 * (DB_DIR has no stub and REQUESTED is 0), else the N shard paths, when
 * DB_DIR's stub lists N shards (REQUESTED must be 0 or N) or REQUESTED is
 * N and DB_DIR is missing or not an index yet: then DB_DIR and its stub are
 * created now (the shards when the run opens them).  Returns 0, or -1 after
 * reporting why (a different shard count, a single index asked to be
 * sharded, a stub trawl did not write, a file that cannot be written).
 * Free LAYOUT with shard_layout_free(). */
int shard_layout(const char *db_dir, unsigned requested, shard_layout_t *layout);
void shard_layout_free(shard_layout_t *layout);

/* Writes FILE, a Xapian stub database listing the COUNT SHARDS: each a
 * "HOST:PORT" of an xapian-tcpsrv ("remote HOST:PORT") or a directory
 * ("auto DIR", as given), so that trawl-search --db FILE searches them as
 * one index.  Written to a temporary file and renamed, so a reader never
 * sees half of it.  Returns 0, or -1 after reporting why (a shard that is
 * neither, a file that cannot be written). */
int shard_write_stub(const char *file, char *const *shards, size_t count);

#endif /* TRAWL_SHARD_H */
