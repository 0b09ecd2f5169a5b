/* walk.h: find the corpus files under the paths given to trawl-index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_WALK_H
#define TRAWL_WALK_H

#include <stddef.h>
#include <sys/types.h>
#include "tally.h"

struct reader;

typedef struct {
    char *path;            /* the argument joined with relpath: named in messages */
    char *relpath;         /* path relative to the root: the article's default id */
    char *target;          /* a symbolic link followed: its target's real
                              path, which is opened; else NULL */
    long long size;        /* bytes on disk */
    long long mtime_ns;    /* modification time, nanoseconds since the epoch */
    dev_t dev;             /* the file found, to refuse another one in its */
    ino_t ino;             /* place when it is read */
    const struct reader *reader;   /* the reader that takes it (reader.h) */
} walk_file_t;

/* A part of a root that a run looked at: a directory (its whole subtree;
 * "" is the whole root) or one file.  Documents of the root outside every
 * scope of a run are left as they are: naming one file never removes the
 * others of its folder. */
typedef struct {
    char *relpath;         /* relative to the root */
    int is_dir;
} walk_scope_t;

/* A directory a walk does not enter (the root of another corpus). */
typedef struct {
    dev_t dev;
    ino_t ino;
} walk_skip_t;

typedef struct walk_list {
    char *root;            /* real path of the corpus root */
    char *label;           /* the root's id prefix: a file's id is
                              label/relpath, or relpath when label is "" */
    walk_file_t *files;    /* sorted by relpath, so runs are reproducible */
    size_t count;
    walk_scope_t *scopes;  /* what this run walked of the root */
    size_t scope_count;
    walk_skip_t *skips;    /* directories left to other roots */
    size_t skip_count;
    tally_t skipped;       /* files no reader takes, by extension */
    int follow_links;      /* follow symbolic links out of the root too */
} walk_list_t;

/* Adds to LIST the files of ARG that a reader takes (reader_for()), a
 * directory (IS_DIR: searched recursively; names starting with '.' are
 * skipped; a symbolic link is followed when its target lies inside the
 * root (or LIST's follow_links), else skipped, reported and counted; loops
 * are detected and reported; LIST's skips are not entered) or a single
 * file (followed if it is a link: the user named it), whose path relative to
 * the root is REL (the argument's own relative path: "" for the root
 * itself).  Other files are counted in LIST's skipped by extension
 * (walk_extension()), but for the root's manifest.tsv.  Adds the scope.  Unreadable entries are reported with their
 * path and reason and counted in *FAILED; the walk carries on.  Returns 0,
 * or -1 when memory ran out (reported). */
int walk_add(walk_list_t *list, const char *arg, const char *rel, int is_dir,
             unsigned *failed);

/* Sorts LIST's files by relpath and drops repeats (a file named twice, or
 * inside a directory also named).  Call once after the last walk_add(). */
void walk_finish(walk_list_t *list);

/* Non-zero if the real path PATH is DIR or lies inside it. */
int walk_path_within(const char *path, const char *dir);

/* Non-zero if the document at RELPATH of LIST's root lies in a scope of
 * LIST (so this run saw whether its file is still there). */
int walk_in_scope(const walk_list_t *list, const char *relpath);

void walk_free(walk_list_t *list);

/* The extension NAME is counted under when it is skipped: ".pdf",
 * ".tar.gz" for a compressed one, lower case; "(no extension)". */
void walk_extension(const char *name, char out[TALLY_KEY_BYTES]);

#endif /* TRAWL_WALK_H */
