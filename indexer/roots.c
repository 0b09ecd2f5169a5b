/* roots.c: corpus roots, their labels, and the paths given to trawl-index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "msg.h"
#include "roots.h"
#include "schema.h"
#include "xs.h"

/* ------------------------------------------------------------ the table */

static int table_add(root_table_t *t, const char *root, size_t root_len, const char *label,
                     size_t label_len)
{
    root_entry_t *entries = realloc(t->entries, (t->count + 1) * sizeof *entries);
    if (entries == NULL)
        return -1;
    t->entries = entries;
    root_entry_t *e = &entries[t->count];
    e->root = xstrndup(root, root_len);
    e->label = xstrndup(label, label_len);
    if (e->root == NULL || e->label == NULL) {
        free(e->root);
        free(e->label);
        return -1;
    }
    t->count++;
    return 0;
}

const char *roots_label(const root_table_t *t, const char *root)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->entries[i].root, root) == 0)
            return t->entries[i].label;
    return NULL;
}

void roots_free(root_table_t *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->entries[i].root);
        free(t->entries[i].label);
    }
    free(t->entries);
    t->entries = NULL;
    t->count = 0;
}

/* For an index without a stored table: each distinct root of its documents. */
static int add_document_root(void *ctx, unsigned docid, const char *value, size_t len)
{
    root_table_t *t = ctx;
    (void)docid;
    for (size_t i = 0; i < t->count; i++)
        if (strlen(t->entries[i].root) == len && memcmp(t->entries[i].root, value, len) == 0)
            return 0;
    return table_add(t, value, len, "", 0) != 0;
}

/* The stored form: "root\0label\0" for each root (a real path may hold any
 * byte but NUL). */
int roots_load(xs_db_t *db, root_table_t *out)
{
    char *value = NULL;
    size_t len = 0;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (xs_db_get_metadata(db, META_ROOTS, &value, &len) != XS_OK)
        return -1;
    if (len == 0) {
        xs_free(value);
        if (xs_db_each_value(db, SLOT_ROOT, add_document_root, out) != XS_OK) {
            roots_free(out);
            return -1;
        }
        return 0;
    }
    for (size_t at = 0; rc == 0 && at < len;) {
        const char *root = value + at;
        size_t root_len = strnlen(root, len - at);
        if (at + root_len + 1 >= len) {
            rc = -1;      /* a root without its label: not our format */
            break;
        }
        const char *label = root + root_len + 1;
        size_t label_len = strnlen(label, len - at - root_len - 1);
        rc = table_add(out, root, root_len, label, label_len);
        at += root_len + 1 + label_len + 1;
    }
    xs_free(value);
    if (rc != 0)
        roots_free(out);
    return rc;
}

int roots_save(xs_db_t *db, const root_table_t *t)
{
    buf_t value = BUF_INIT;
    for (size_t i = 0; i < t->count; i++) {
        buf_append(&value, t->entries[i].root, strlen(t->entries[i].root) + 1);
        buf_append(&value, t->entries[i].label, strlen(t->entries[i].label) + 1);
    }
    int rc = value.failed || xs_db_set_metadata(db, META_ROOTS, value.data ? value.data : "",
                                                value.len) != XS_OK ? -1 : 0;
    buf_free(&value);
    return rc;
}

void roots_file_id(const walk_list_t *list, const char *relpath, buf_t *out)
{
    if (list->label && *list->label) {
        buf_puts(out, list->label);
        buf_putc(out, '/');
    }
    buf_puts(out, relpath);
}

/* ------------------------------------------------------- resolving paths */

typedef struct {
    const char *arg;       /* as given */
    int is_dir;
    char *real;            /* real path of the directory, or of the file's
                              directory joined with its name */
    char *root;            /* the root it belongs to (owned by the lists) */
    char *rel;             /* its path relative to that root */
} arg_t;

/* PATH relative to the directory DIR it lies within ("" for DIR itself). */
static const char *relative_to(const char *path, const char *dir)
{
    size_t n = strcmp(dir, "/") == 0 ? 0 : strlen(dir);
    return path[n] == '/' ? path + n + 1 : path + n;
}

/* Fills A from the command-line path ARG.  Returns 0, or -1 (reported). */
static int resolve_arg(const char *arg, arg_t *a)
{
    struct stat st;
    char real[PATH_MAX];

    memset(a, 0, sizeof *a);
    a->arg = arg;
    if (stat(arg, &st) != 0) {
        errorf("cannot index '%s': %s", arg, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        a->is_dir = 1;
        if (realpath(arg, real) == NULL) {
            errorf("cannot index '%s': %s", arg, strerror(errno));
            return -1;
        }
        a->real = strdup(real);
        return a->real ? 0 : (errorf("out of memory"), -1);
    }
    if (!S_ISREG(st.st_mode)) {
        errorf("cannot index '%s': not a regular file or directory", arg);
        return -1;
    }
    /* A file stands for itself in its directory: the directory's real
     * path, the file's own name (a link is not followed to elsewhere). */
    const char *slash = strrchr(arg, '/');
    const char *name = slash ? slash + 1 : arg;
    char *dir = slash ? xstrndup(arg, (size_t)(slash - arg) + (slash == arg)) : strdup(".");
    buf_t joined = BUF_INIT;
    if (dir == NULL || realpath(dir, real) == NULL) {
        errorf("cannot index '%s': %s", arg, dir ? strerror(errno) : "out of memory");
        free(dir);
        return -1;
    }
    free(dir);
    buf_printf(&joined, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", name);
    if ((a->real = buf_detach(&joined)) == NULL) {
        errorf("out of memory");
        return -1;
    }
    return 0;
}

int roots_check(char *const *paths, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        arg_t a;
        int rc = resolve_arg(paths[i], &a);
        free(a.real);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* The directory a new root would be for A: itself, or a file's directory. */
static char *candidate_root(const arg_t *a)
{
    if (a->is_dir)
        return strdup(a->real);
    const char *slash = strrchr(a->real, '/');
    return xstrndup(a->real, slash == a->real ? 1 : (size_t)(slash - a->real));
}

/* The last DEPTH components of the real path ROOT ("2019/guardian"), or
 * the whole path without its leading '/' when it has fewer. */
static const char *label_of_depth(const char *root, unsigned depth)
{
    const char *p = root + strlen(root);
    while (p > root && depth) {
        p--;
        while (p > root && p[-1] != '/')
            p--;
        depth--;
    }
    return *p == '/' ? p + 1 : p;
}

/* Gives each root of LISTS[first..count) (new roots, in the order they were
 * named) its label: the folder's name, with as many parent folders as it
 * takes to differ from every other label; "" when it is the index's only
 * root.  Returns 0 or -1 (out of memory). */
static int label_new_roots(const root_table_t *known, walk_list_t *lists, size_t first,
                           size_t count)
{
    size_t fresh = count - first;
    unsigned *depth = calloc(fresh ? fresh : 1, sizeof *depth);
    int changed = 1;

    if (depth == NULL)
        return -1;
    if (known->count == 0 && fresh == 1) {
        free(depth);
        lists[first].label = strdup("");
        return lists[first].label ? 0 : -1;
    }
    for (size_t i = 0; i < fresh; i++)
        depth[i] = 1;
    /* Deepen, all at once, every label that equals another (so two
     * folders of one name both get their parent's) until none do; whole
     * paths differ, so this ends. */
    unsigned *next = calloc(fresh, sizeof *next);
    if (next == NULL) {
        free(depth);
        return -1;
    }
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < fresh; i++) {
            const char *mine = label_of_depth(lists[first + i].root, depth[i]);
            int clash = 0;
            for (size_t k = 0; k < known->count && !clash; k++)
                clash = strcmp(known->entries[k].label, mine) == 0;
            for (size_t j = 0; j < fresh && !clash; j++)
                clash = j != i
                        && strcmp(label_of_depth(lists[first + j].root, depth[j]), mine) == 0;
            next[i] = depth[i];
            if (clash && label_of_depth(lists[first + i].root, depth[i] + 1) != mine) {
                next[i] = depth[i] + 1;
                changed = 1;
            }
        }
        memcpy(depth, next, fresh * sizeof *depth);
    }
    free(next);
    for (size_t i = 0; i < fresh; i++)
        if ((lists[first + i].label = strdup(label_of_depth(lists[first + i].root, depth[i])))
            == NULL) {
            free(depth);
            return -1;
        }
    free(depth);
    return 0;
}

/* The list for ROOT among LISTS[0..*COUNT), added if missing. */
static walk_list_t *list_for(walk_list_t *lists, size_t *count, const char *root)
{
    for (size_t i = 0; i < *count; i++)
        if (strcmp(lists[i].root, root) == 0)
            return &lists[i];
    walk_list_t *l = &lists[(*count)++];
    memset(l, 0, sizeof *l);
    l->root = strdup(root);
    return l->root ? l : NULL;
}

/* Makes the roots of TABLE that lie inside the new root of L skips of
 * its walk: their files stay theirs. */
static int add_skips(walk_list_t *l, const root_table_t *table)
{
    for (size_t k = 0; k < table->count; k++) {
        struct stat st;
        const char *inner = table->entries[k].root;
        if (strcmp(inner, l->root) == 0 || !walk_path_within(inner, l->root)
            || stat(inner, &st) != 0)
            continue;
        walk_skip_t *skips = realloc(l->skips, (l->skip_count + 1) * sizeof *skips);
        if (skips == NULL)
            return -1;
        l->skips = skips;
        skips[l->skip_count].dev = st.st_dev;
        skips[l->skip_count++].ino = st.st_ino;
    }
    return 0;
}

walk_list_t *roots_walk(root_table_t *table, char *const *paths, size_t count,
                        int follow_links, size_t *list_count, unsigned *failed)
{
    arg_t *args = calloc(count ? count : 1, sizeof *args);
    walk_list_t *lists = calloc(count ? count : 1, sizeof *lists);
    char **candidates = calloc(count ? count : 1, sizeof *candidates);
    size_t n_lists = 0, n_known;
    int rc = -1;

    *list_count = 0;
    if (args == NULL || lists == NULL || candidates == NULL) {
        errorf("out of memory");
        goto done;
    }
    for (size_t i = 0; i < count; i++)
        if (resolve_arg(paths[i], &args[i]) != 0)
            goto done;
    for (size_t i = 0; i < count; i++)
        if ((candidates[i] = candidate_root(&args[i])) == NULL)
            goto out_of_memory;

    /* Roots the index knows first: a path inside one is a part of it
     * (the innermost, should two nest). */
    for (size_t i = 0; i < count; i++) {
        const char *best = NULL;
        for (size_t k = 0; k < table->count; k++)
            if (walk_path_within(args[i].real, table->entries[k].root)
                && (best == NULL || strlen(table->entries[k].root) > strlen(best)))
                best = table->entries[k].root;
        if (best && (args[i].root = list_for(lists, &n_lists, best)->root) == NULL)
            goto out_of_memory;
    }
    for (size_t i = 0; i < n_lists; i++)
        if ((lists[i].label = strdup(roots_label(table, lists[i].root))) == NULL)
            goto out_of_memory;
    n_known = n_lists;

    /* The others: under the outermost candidate that holds them. */
    for (size_t i = 0; i < count; i++)
        if (args[i].root) {
            free(candidates[i]);      /* not a candidate: part of a known root */
            candidates[i] = NULL;
        }
    for (size_t i = 0; i < count; i++) {
        const char *best = NULL;
        if (args[i].root)
            continue;
        for (size_t j = 0; j < count; j++)
            if (candidates[j] && walk_path_within(args[i].real, candidates[j])
                && (best == NULL || strlen(candidates[j]) < strlen(best)))
                best = candidates[j];
        walk_list_t *l = list_for(lists, &n_lists, best);
        if (l == NULL)
            goto out_of_memory;
        args[i].root = l->root;
    }
    if (label_new_roots(table, lists, n_known, n_lists) != 0)
        goto out_of_memory;
    for (size_t i = n_known; i < n_lists; i++)
        if (add_skips(&lists[i], table) != 0)
            goto out_of_memory;
    for (size_t i = n_known; i < n_lists; i++)
        if (table_add(table, lists[i].root, strlen(lists[i].root), lists[i].label,
                      strlen(lists[i].label)) != 0)
            goto out_of_memory;

    for (size_t i = 0; i < n_lists; i++)
        lists[i].follow_links = follow_links;
    for (size_t i = 0; i < count; i++) {
        walk_list_t *l = list_for(lists, &n_lists, args[i].root);
        if (walk_add(l, args[i].arg, relative_to(args[i].real, l->root), args[i].is_dir,
                     failed) != 0)
            goto done;
    }
    for (size_t i = 0; i < n_lists; i++)
        walk_finish(&lists[i]);
    rc = 0;
    goto done;
out_of_memory:
    errorf("out of memory");
done:
    for (size_t i = 0; args && i < count; i++)
        free(args[i].real);
    for (size_t i = 0; candidates && i < count; i++)
        free(candidates[i]);
    free(candidates);
    free(args);
    if (rc != 0) {
        roots_walk_free(lists, n_lists);
        return NULL;
    }
    *list_count = n_lists;
    return lists;
}

void roots_walk_free(walk_list_t *lists, size_t list_count)
{
    for (size_t i = 0; lists && i < list_count; i++)
        walk_free(&lists[i]);
    free(lists);
}
