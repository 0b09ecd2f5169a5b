/* walk.c: recursive, sorted, loop-safe collection of corpus files.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "msg.h"
#include "reader.h"
#include "walk.h"

/* The directories on the way down, to detect symbolic-link loops. */
typedef struct dir_stack {
    dev_t dev;
    ino_t ino;
    const struct dir_stack *parent;
} dir_stack_t;

void walk_extension(const char *name, char out[TALLY_KEY_BYTES])
{
    const char *dot = strrchr(name, '.');
    /* ".gz", ".bz2", ".xz": the name of what was compressed too. */
    if (dot && dot != name && (strcmp(dot, ".gz") == 0 || strcmp(dot, ".bz2") == 0
                               || strcmp(dot, ".xz") == 0 || strcmp(dot, ".zst") == 0)) {
        const char *before = dot - 1;
        while (before > name && *before != '.' && *before != '/')
            before--;
        if (*before == '.' && before != name)
            dot = before;
    }
    if (dot == NULL || dot == name || dot[1] == '\0') {
        snprintf(out, TALLY_KEY_BYTES, "(no extension)");
        return;
    }
    size_t i = 0;
    for (; dot[i] && i < TALLY_KEY_BYTES - 1; i++)
        out[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ? dot[i] - 'A' + 'a' : dot[i]);
    out[i] = '\0';
}

static long long mtime_ns(const struct stat *st)
{
    return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* Counts the file NAME (at RELPATH) that no reader takes. */
static void skip_file(walk_list_t *list, const char *name, const char *relpath)
{
    char extension[TALLY_KEY_BYTES];
    if (strcmp(relpath, "manifest.tsv") == 0)
        return;          /* the root's metadata, not a file to index */
    walk_extension(name, extension);
    tally_add(&list->skipped, extension, 1);
}

int walk_path_within(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (strcmp(dir, "/") == 0)
        return 1;
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Adds the file at PATH (RELPATH under the root; TARGET: the real path of
 * the link it is, or NULL), which READER takes. */
static int add_file(walk_list_t *list, const char *path, const char *relpath,
                    const char *target, const struct stat *st, const reader_t *reader)
{
    walk_file_t *files = realloc(list->files, (list->count + 1) * sizeof *files);
    if (files == NULL)
        return -1;
    list->files = files;
    walk_file_t *f = &files[list->count];
    f->path = strdup(path);
    f->relpath = strdup(relpath);
    f->target = target ? strdup(target) : NULL;
    f->size = (long long)st->st_size;
    f->mtime_ns = mtime_ns(st);
    f->dev = st->st_dev;
    f->ino = st->st_ino;
    f->reader = reader;
    if (f->path == NULL || f->relpath == NULL || (target && f->target == NULL)) {
        free(f->path);
        free(f->relpath);
        free(f->target);
        return -1;
    }
    list->count++;
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the entry names of DIR_PATH, sorted.  Returns the count, or -1
 * (errno set). */
static long read_names(const char *dir_path, char ***names_out)
{
    DIR *dir = opendir(dir_path);
    char **names = NULL;
    size_t count = 0;
    struct dirent *entry;

    *names_out = NULL;
    if (dir == NULL)
        return -1;
    errno = 0;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;   /* ".", "..", and hidden files such as .git */
        char **grown = realloc(names, (count + 1) * sizeof *names);
        if (grown == NULL || (grown[count] = strdup(entry->d_name)) == NULL) {
            names = grown ? grown : names;
            goto fail;
        }
        names = grown;
        count++;
    }
    if (errno != 0)
        goto fail;
    closedir(dir);
    if (count)   /* qsort(NULL, 0, ...) is undefined behaviour */
        qsort(names, count, sizeof *names, compare_names);
    *names_out = names;
    return (long)count;
fail: {
        int saved = errno ? errno : ENOMEM;
        for (size_t i = 0; i < count; i++)
            free(names[i]);
        free(names);
        closedir(dir);
        errno = saved;
        return -1;
    }
}

static int walk_dir(walk_list_t *list, const char *dir_path, const char *rel,
                    const dir_stack_t *parent, unsigned *failed)
{
    struct stat st;
    char **names;
    long count;
    int rc = 0;

    if (stat(dir_path, &st) != 0) {
        errorf("cannot read directory '%s': %s", dir_path, strerror(errno));
        (*failed)++;
        return 0;
    }
    for (size_t i = 0; i < list->skip_count; i++)
        if (list->skips[i].dev == st.st_dev && list->skips[i].ino == st.st_ino) {
            warnf("skipping '%s': indexed as a corpus root of its own", dir_path);
            return 0;
        }
    for (const dir_stack_t *up = parent; up; up = up->parent)
        if (up->dev == st.st_dev && up->ino == st.st_ino) {
            errorf("skipping '%s': symbolic link loop", dir_path);
            (*failed)++;
            return 0;
        }
    dir_stack_t here = { st.st_dev, st.st_ino, parent };

    count = read_names(dir_path, &names);
    if (count < 0) {
        errorf("cannot read directory '%s': %s", dir_path, strerror(errno));
        (*failed)++;
        return 0;
    }
    for (long i = 0; i < count && rc == 0; i++) {
        buf_t path = BUF_INIT, relpath = BUF_INIT;
        buf_printf(&path, "%s/%s", dir_path, names[i]);
        buf_printf(&relpath, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        char target[PATH_MAX], *link = NULL;
        struct stat lst;
        if (path.failed || relpath.failed) {
            rc = -1;
            goto next;
        }
        if (lstat(path.data, &lst) != 0) {
            errorf("cannot read '%s': %s", path.data, strerror(errno));
            (*failed)++;
            goto next;
        }
        if (S_ISLNK(lst.st_mode)) {
            if (realpath(path.data, target) == NULL) {
                errorf("cannot read '%s': %s", path.data, strerror(errno));
                (*failed)++;
                goto next;
            }
            /* A link out of the corpus (an archive unpacked from anywhere)
             * would read any file of the machine into the index. */
            if (!list->follow_links && !walk_path_within(target, list->root)) {
                warnf("skipping '%s': a symbolic link to '%s', outside the corpus '%s' "
                      "(--follow-symlinks reads it)", path.data, target, list->root);
                tally_add(&list->skipped, "(links out of corpus)", 1);
                goto next;
            }
            link = target;
        }
        if (stat(path.data, &st) != 0) {
            errorf("cannot read '%s': %s", path.data, strerror(errno));
            (*failed)++;
        } else if (S_ISDIR(st.st_mode))
            rc = walk_dir(list, path.data, relpath.data, &here, failed);
        else if (S_ISREG(st.st_mode)) {
            const reader_t *reader = reader_for(names[i], link ? link : path.data);
            if (reader)
                rc = add_file(list, path.data, relpath.data, link, &st, reader);
            else
                skip_file(list, names[i], relpath.data);
        }
next:
        buf_free(&path);
        buf_free(&relpath);
    }
    for (long i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int add_scope(walk_list_t *list, const char *rel, int is_dir)
{
    walk_scope_t *scopes = realloc(list->scopes, (list->scope_count + 1) * sizeof *scopes);
    if (scopes == NULL)
        return -1;
    list->scopes = scopes;
    if ((scopes[list->scope_count].relpath = strdup(rel)) == NULL)
        return -1;
    scopes[list->scope_count++].is_dir = is_dir;
    return 0;
}

int walk_add(walk_list_t *list, const char *arg, const char *rel, int is_dir,
             unsigned *failed)
{
    struct stat st;
    int rc;

    if (add_scope(list, rel, is_dir) != 0) {
        errorf("cannot index '%s': out of memory", arg);
        return -1;
    }
    if (stat(arg, &st) != 0) {
        errorf("cannot index '%s': %s", arg, strerror(errno));
        (*failed)++;
        return 0;
    }
    if (is_dir) {
        size_t len = strlen(arg);
        char *dir = strdup(arg);
        if (dir == NULL) {
            errorf("cannot index '%s': out of memory", arg);
            return -1;
        }
        while (len > 1 && dir[len - 1] == '/')
            dir[--len] = '\0';       /* "corpus/" and "corpus" are one root */
        rc = walk_dir(list, dir, rel, NULL, failed);
        free(dir);
    } else {
        /* A file named on its own: what no reader takes is read as a page
         * when it is text (with a warning), else skipped, and said so. */
        const char *name = strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg;
        const reader_t *reader = reader_for(name, arg);
        if (reader == NULL && reader_is_text_file(arg)) {
            warnf("indexing '%s' as a text page: no reader takes files named like it", arg);
            reader = &reader_text;
        }
        char target[PATH_MAX];
        struct stat lst;
        int is_link = lstat(arg, &lst) == 0 && S_ISLNK(lst.st_mode)
                      && realpath(arg, target) != NULL;
        if (reader)
            rc = add_file(list, arg, rel, is_link ? target : NULL, &st, reader);
        else {
            warnf("skipping '%s': not a kind of file trawl-index reads", arg);
            skip_file(list, name, rel);
            rc = 0;
        }
    }
    if (rc != 0)
        errorf("cannot index '%s': out of memory", arg);
    return rc;
}

static int compare_relpaths(const void *a, const void *b)
{
    return strcmp(((const walk_file_t *)a)->relpath, ((const walk_file_t *)b)->relpath);
}

void walk_finish(walk_list_t *list)
{
    size_t kept = 0;

    /* One scope is walked in order already; only merged walks need it. */
    if (list->scope_count > 1 && list->count > 1)
        qsort(list->files, list->count, sizeof *list->files, compare_relpaths);
    for (size_t i = 0; i < list->count; i++) {
        if (kept && strcmp(list->files[kept - 1].relpath, list->files[i].relpath) == 0) {
            free(list->files[i].path);
            free(list->files[i].relpath);
            free(list->files[i].target);
            continue;
        }
        list->files[kept++] = list->files[i];
    }
    list->count = kept;
}

int walk_in_scope(const walk_list_t *list, const char *relpath)
{
    for (size_t i = 0; i < list->scope_count; i++) {
        const walk_scope_t *s = &list->scopes[i];
        size_t n = strlen(s->relpath);
        if (strcmp(s->relpath, relpath) == 0
            || (s->is_dir && (n == 0 || (strncmp(s->relpath, relpath, n) == 0
                                         && relpath[n] == '/'))))
            return 1;
    }
    return 0;
}

void walk_free(walk_list_t *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->files[i].path);
        free(list->files[i].relpath);
        free(list->files[i].target);
    }
    free(list->files);
    for (size_t i = 0; i < list->scope_count; i++)
        free(list->scopes[i].relpath);
    free(list->scopes);
    free(list->skips);
    free(list->root);
    free(list->label);
    memset(list, 0, sizeof *list);
}
