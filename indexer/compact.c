/* compact.c: a new index is compacted when its build ends, and an index
 * built beside is put in the place of the old one (build.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Xapian's writer leaves its B-tree blocks part full, to take later
 * insertions cheaply; its compaction rewrites each table with full blocks,
 * in one linear pass: BBC News comes out 20% smaller, 20 Newsgroups 40%
 * (doc/benchmarks.md, "Index size").  The compacted tables stay writable,
 * so incremental runs go on as before (the blocks they change split
 * again).  The copy is made beside the index and swapped in, so a kill in
 * the middle leaves the index complete, only not compacted, and the copy
 * begun: the next run sees it and compacts.
 */
#define _GNU_SOURCE   /* renameat2(): swapping two directories atomically */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "build.h"
#include "msg.h"
#include "xs.h"

/* Removes the old index at PATH after a swap; failing to is only a
 * warning, as the new index is in place.  Returns 0. */
static int remove_old(const char *path)
{
    if (build_remove_index_dir(path) != 0)
        warnf("cannot remove the old index '%s': %s", path, strerror(errno));
    return 0;
}

int build_swap_in(const char *db_path, const char *new_path, const char *old_path)
{
    if (renameat2(AT_FDCWD, new_path, AT_FDCWD, db_path, RENAME_EXCHANGE) == 0)
        return remove_old(new_path);
    if (errno == ENOENT && rename(new_path, db_path) == 0)
        return 0;          /* there was no index: nothing to swap */
    if ((errno == EINVAL || errno == ENOSYS) && rename(db_path, old_path) == 0) {
        if (rename(new_path, db_path) == 0)
            return remove_old(old_path);
        int saved = errno;
        rename(old_path, db_path);
        errno = saved;
    }
    errorf("cannot put the index '%s' in place of '%s': %s", new_path, db_path,
           strerror(errno));
    return -1;
}

int build_beside(const char *db_path, const char *suffix, buf_t *out)
{
    size_t len = strlen(db_path);
    while (len > 1 && db_path[len - 1] == '/')
        len--;
    buf_append(out, db_path, len);
    buf_puts(out, suffix);
    return out->failed ? -1 : 0;
}

/* DB_PATH.compact, as a buffer (free it). */
static int copy_path(const char *db_path, buf_t *copy)
{
    return build_beside(db_path, ".compact", copy);
}

int build_compact_interrupted(const char *db_path)
{
    buf_t copy = BUF_INIT;
    struct stat st;
    int left = copy_path(db_path, &copy) == 0 && stat(copy.data, &st) == 0;
    buf_free(&copy);
    return left;
}

int build_compact(const char *db_path)
{
    buf_t copy = BUF_INIT, old = BUF_INIT;
    char *errmsg = NULL;
    int rc = -1;

    if (copy_path(db_path, &copy) != 0 || build_beside(db_path, ".compact-old", &old) != 0) {
        warnf("out of memory: the index '%s' is not compacted", db_path);
        goto done;
    }
    /* The caller holds the index's lock, so a copy there is one an
     * interrupted run left. */
    if (build_remove_index_dir(copy.data) != 0 || build_remove_index_dir(old.data) != 0) {
        warnf("cannot remove '%s' (left by an interrupted run?): %s: the index is not "
              "compacted", copy.data, strerror(errno));
        goto done;
    }
    const char *source = db_path;
    xs_status_t st = xs_db_compact(&source, 1, copy.data, &errmsg);
    if (st != XS_OK) {
        warnf("cannot compact the index '%s': %s", db_path,
              errmsg ? errmsg : xs_status_to_string(st));
        detailf("the index is complete, only larger: compact it with xapian-compact");
        build_remove_index_dir(copy.data);
        goto done;
    }
    if (build_swap_in(db_path, copy.data, old.data) != 0) {
        build_remove_index_dir(copy.data);
        goto done;
    }
    rc = 0;
done:
    xs_free(errmsg);
    buf_free(&copy);
    buf_free(&old);
    return rc;
}
