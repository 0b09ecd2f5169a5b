/* build-internal.h: what the parts of an indexing run share (build.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Not a public header.  build.c is the run: which files changed, claims,
 * commits and removals; build-file.c reads one changed file through its
 * reader and stores each article's document; build-open.c opens the
 * index for writing and checks that the run may write it.
 */
#ifndef TRAWL_BUILD_INTERNAL_H
#define TRAWL_BUILD_INTERNAL_H

#include <stddef.h>

#include "analyzer.h"
#include "build.h"
#include "dupsig.h"
#include "groups.h"
#include "idset.h"
#include "known.h"
#include "manifest.h"
#include "reader.h"
#include "roots.h"
#include "spelling.h"
#include "walk.h"
#include "xs.h"

typedef struct {
    xs_db_t *db;
    analyzer_t *analyzer;
    const build_options_t *opts;
    build_stats_t *stats;
    known_t known;         /* what the index held when the run began */
    root_table_t *roots;   /* the corpus roots and their labels, stored at
                              each commit */
    idset_t *claimed;      /* ids taken in this run, and those of documents
                              outside its scope */
    spelling_batch_t *spelling;   /* words for the spelling data, not yet added */
    const char *language;  /* the stemming language, stored at each commit */
    unsigned pending;      /* documents stored since the last commit */
    int write_failed;      /* writing to the index failed (disk full...): stop */
    char *stopwords;       /* the stop list to store (META_STOPWORDS), when
                              the index has none yet; else NULL */
    dupsig_builder_t *dupsig;  /* signs each body */
    groups_t *groups;      /* near-duplicate groups over the index; NULL in a
                              part (--jobs: grouped after the merge) */
} builder_t;

/* build.c */

/* Claims ID for WHERE; a duplicate is reported (with both places) and
 * counted.  Returns 0 (claimed), 1 (a duplicate) or -1 (out of memory,
 * reported). */
int build_claim_id(builder_t *b, const char *id, const char *where);

/* Non-zero if the article ID is this run's to index: of its part and of
 * its shard. */
int build_wanted(const builder_t *b, const char *id);

/* Non-zero if this run reports what is found of a file or record before
 * its article's id is known (so before its part is known): in parts,
 * only the part that its number N (the file's or the record's) falls to. */
int build_reports(const builder_t *b, size_t n);

/* Called between documents: commits when opts->commit_every documents are
 * pending.  Returns 0 to go on, 1 when a signal asked the run to stop, -1
 * when writing to the index failed (reported). */
int build_checkpoint(builder_t *b);

/* The progress line (opts->progress): file FILE of FILE_COUNT; FINAL
 * clears it. */
void build_show_progress(const builder_t *b, size_t file, size_t file_count, int final);

/* build-file.c */

/* Non-zero if the file signature SIGNATURE was made with the manifest row
 * M as it is now (or with none, and there is none). */
int build_same_row(const char *signature, const manifest_entry_t *m);

/* Reads the changed file (the FILE_INDEX-th of LIST) with its reader and
 * stores its articles.  Returns 0, 1 when the run must stop (a signal), or
 * -1 on a fatal error (reported). */
int build_index_file(builder_t *b, const walk_list_t *list, size_t file_index,
                     const reader_corpus_t *corpus, manifest_t *manifest);

/* build-open.c */

/* Opens the index for writing into B and sets up what a run needs; the
 * stemming language chosen is *LANGUAGE (free it after build_close()).
 * Returns 0, or -1 (reported). */
int build_open(builder_t *b, const build_options_t *opts, build_stats_t *stats,
               char **language);

/* Frees what build_open() set up (also after it failed). */
void build_close(builder_t *b);

#endif /* TRAWL_BUILD_INTERNAL_H */
