/* walk.h: find the corpus files under the paths given to trawl-index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_WALK_H
#define TRAWL_WALK_H

#include <stddef.h>

typedef struct {
    char *path;            /* path to open (the argument joined with relpath) */
    char *relpath;         /* path relative to the root: the article's default id */
    long long size;        /* bytes on disk */
    long long mtime_ns;    /* modification time, nanoseconds since the epoch */
} walk_file_t;

typedef struct walk_list {
    char *root;            /* real path of the corpus root */
    walk_file_t *files;    /* sorted by relpath, so runs are reproducible */
    size_t count;
} walk_list_t;

/* Collects the corpus files (walk_is_corpus_file()) under ARG, a directory (searched
 * recursively; names starting with '.' are skipped; symbolic links are
 * followed, loops are detected and reported) or a single file (its
 * directory is the root).  Unreadable entries are reported with their path
 * and reason and counted in *FAILED; the walk carries on.  Returns 0, or -1
 * when ARG itself cannot be used (reported).  Free with walk_free(). */
int walk_collect(const char *arg, walk_list_t *out, unsigned *failed);
void walk_free(walk_list_t *list);

/* Non-zero if NAME ends in ".txt" or ".txt.gz" (pages or mail messages,
 * told apart by content), ".eml" (mail) or ".jsonl" or ".jsonl.gz" (JSON
 * Lines, one article per line). */
int walk_is_corpus_file(const char *name);

#endif /* TRAWL_WALK_H */
