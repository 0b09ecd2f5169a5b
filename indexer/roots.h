/* roots.h: which corpus root each path given to trawl-index belongs to,
 * and the id prefix ("label") of each root.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An article found by its path has the id LABEL/RELPATH, where RELPATH is
 * its path inside its root and LABEL names the root ("" for none: the id
 * is RELPATH).  An index made from one folder has the label "" for it, so
 * ids are the paths inside the folder (`politics/375.txt`); folders given
 * together get the folder's name (`guardian/001.txt`, `bbc/001.txt`), with
 * as many parent folders as it takes to tell them apart
 * (`2019/guardian/001.txt`).  A root keeps its label for good (stored in
 * the index), so re-running with fewer or more paths, or naming one file
 * of a folder, never renames an article.  A path inside a root the index
 * already knows is a part of that root (its ids are those of the root's
 * walk), never a root of its own.
 */
#ifndef TRAWL_ROOTS_H
#define TRAWL_ROOTS_H

#include <stddef.h>
#include "buf.h"
#include "walk.h"

struct xs_db;

typedef struct {
    char *root;            /* real path of the corpus root */
    char *label;           /* its id prefix ("" for none) */
} root_entry_t;

typedef struct {
    root_entry_t *entries;
    size_t count;
} root_table_t;

/* Reads the roots INDEX knows into *OUT (free with roots_free()): the
 * table stored in its metadata, or, for an index made before labels were
 * stored, the roots of its documents, each with the label "" (their ids
 * were their paths).  Returns 0, or -1 (INDEX's error, or out of memory). */
int roots_load(struct xs_db *index, root_table_t *out);

/* Stores TABLE in INDEX's metadata (in the open transaction).  Returns 0
 * or -1 (INDEX's error). */
int roots_save(struct xs_db *index, const root_table_t *table);

void roots_free(root_table_t *table);

/* The label of ROOT in TABLE, or NULL when TABLE does not hold it. */
const char *roots_label(const root_table_t *table, const char *root);

/* Checks that each of the COUNT PATHS is a directory or a regular file
 * that can be used.  Returns 0, or -1 after reporting the first that is
 * not (the run must stop before it touches the index). */
int roots_check(char *const *paths, size_t count);

/* Resolves the COUNT PATHS (directories or files) into walk lists, one per
 * root, and walks them (walk.h): a path inside a root of TABLE belongs to
 * it; the others are grouped under the outermost directory among them (a
 * file's directory stands for it); new roots get their labels and are
 * added to TABLE.  A root of TABLE inside a new root is left to itself
 * (skipped by the walk).  FOLLOW_LINKS: follow symbolic links out of the
 * roots too (walk_list_t.follow_links).  Returns the lists (free with roots_walk_free())
 * and their number in *LIST_COUNT, or NULL when a path does not exist or
 * cannot be used, or memory ran out (reported: nothing was walked, so a
 * typo cannot remove documents).  Unreadable entries under a path are
 * reported and counted in *FAILED. */
walk_list_t *roots_walk(root_table_t *table, char *const *paths, size_t count,
                        int follow_links, size_t *list_count, unsigned *failed);
void roots_walk_free(walk_list_t *lists, size_t list_count);

/* Appends to OUT the id of the file RELPATH found under LIST's root, which
 * is also the path shown for it: LABEL/RELPATH, or RELPATH. */
void roots_file_id(const walk_list_t *list, const char *relpath, buf_t *out);
#endif /* TRAWL_ROOTS_H */
