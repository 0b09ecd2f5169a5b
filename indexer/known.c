/* known.c: load and look up what the index holds of the corpus files.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grow.h"
#include "hash.h"
#include "known.h"
#include "schema.h"
#include "xs.h"

static int compare_docs(const void *a, const void *b)
{
    const known_doc_t *x = a, *y = b;
    if (x->root != y->root)
        return x->root < y->root ? -1 : 1;
    int c = strcmp(x->path, y->path);
    return c ? c : strcmp(x->signature ? x->signature : "", y->signature ? y->signature : "");
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp((*(known_doc_t *const *)a)->id, (*(known_doc_t *const *)b)->id);
}

/* Value streams run in docid order, so the documents are loaded in it. */
static known_doc_t *by_docid(known_t *k, unsigned docid)
{
    size_t lo = 0, hi = k->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (k->docs[mid].docid < docid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < k->count && k->docs[lo].docid == docid ? &k->docs[lo] : NULL;
}

typedef struct {
    known_t *known;
    size_t capacity;
    int failed;
} load_t;

/* One document per root value; the roots are few, so a linear search. */
static int add_doc(void *ctx, unsigned docid, const char *value, size_t len)
{
    load_t *load = ctx;
    known_t *k = load->known;
    size_t root = 0;

    while (root < k->root_count
           && !(strlen(k->roots[root]) == len && memcmp(k->roots[root], value, len) == 0))
        root++;
    if (root == k->root_count) {
        char **roots = realloc(k->roots, (k->root_count + 1) * sizeof *roots);
        if (roots == NULL || (roots[k->root_count] = xstrndup(value, len)) == NULL) {
            k->roots = roots ? roots : k->roots;
            load->failed = 1;
            return 1;
        }
        k->roots = roots;
        k->root_count++;
    }
    known_doc_t *docs = grow_array(k->docs, k->count, &load->capacity, sizeof *docs, 1024);
    if (docs == NULL) {
        load->failed = 1;
        return 1;
    }
    k->docs = docs;
    memset(&k->docs[k->count], 0, sizeof k->docs[k->count]);
    k->docs[k->count].docid = docid;
    k->docs[k->count++].root = root;
    return 0;
}

typedef struct {
    known_t *known;
    size_t field;          /* offsetof the char * member to fill */
    int failed;
} fill_t;

static int fill_field(void *ctx, unsigned docid, const char *value, size_t len)
{
    fill_t *fill = ctx;
    known_doc_t *d = by_docid(fill->known, docid);
    if (d == NULL)
        return 0;
    char **field = (char **)((char *)d + fill->field);
    if ((*field = xstrndup(value, len)) == NULL) {
        fill->failed = 1;
        return 1;
    }
    return 0;
}

int known_load(xs_db_t *db, known_t *k)
{
    static const struct { unsigned slot; size_t field; } slots[] = {
        { SLOT_PATH, offsetof(known_doc_t, path) },
        { SLOT_ID, offsetof(known_doc_t, id) },
        { SLOT_SIGNATURE, offsetof(known_doc_t, signature) },
    };
    load_t load = { k, 0, 0 };

    memset(k, 0, sizeof *k);
    if (xs_db_each_value(db, SLOT_ROOT, add_doc, &load) != XS_OK || load.failed)
        goto fail;
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        fill_t fill = { k, slots[i].field, 0 };
        if (xs_db_each_value(db, slots[i].slot, fill_field, &fill) != XS_OK || fill.failed)
            goto fail;
    }
    for (size_t i = 0; i < k->count; i++)
        if (k->docs[i].path == NULL || k->docs[i].id == NULL)
            goto fail;     /* a document without its bookkeeping values */
    if (k->count)   /* qsort(NULL, 0, ...) is undefined behaviour */
        qsort(k->docs, k->count, sizeof *k->docs, compare_docs);
    if ((k->by_id = malloc((k->count ? k->count : 1) * sizeof *k->by_id)) == NULL)
        goto fail;
    for (size_t i = 0; i < k->count; i++)
        k->by_id[i] = &k->docs[i];
    if (k->count)
        qsort(k->by_id, k->count, sizeof *k->by_id, compare_ids);
    return 0;
fail:
    known_free(k);
    return -1;
}

void known_free(known_t *k)
{
    for (size_t i = 0; i < k->count; i++) {
        free(k->docs[i].path);
        free(k->docs[i].id);
        free(k->docs[i].signature);
    }
    for (size_t i = 0; i < k->root_count; i++)
        free(k->roots[i]);
    free(k->roots);
    free(k->docs);
    free(k->by_id);
    memset(k, 0, sizeof *k);
}

/* The index of ROOT in K->roots, or K->root_count. */
static size_t root_index(const known_t *k, const char *root)
{
    size_t i = 0;
    while (i < k->root_count && strcmp(k->roots[i], root) != 0)
        i++;
    return i;
}

/* The first document at or after (ROOT, PATH) in sorting order. */
static size_t lower_bound(const known_t *k, size_t root, const char *path)
{
    size_t lo = 0, hi = k->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const known_doc_t *d = &k->docs[mid];
        if (d->root < root || (d->root == root && path && strcmp(d->path, path) < 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t known_root_range(const known_t *k, const char *root, known_doc_t **first)
{
    size_t r = root_index(k, root);
    size_t start = lower_bound(k, r, NULL), end = start;
    while (end < k->count && k->docs[end].root == r)
        end++;
    *first = k->docs + start;
    return r < k->root_count ? end - start : 0;
}

size_t known_file_range(const known_t *k, const char *root, const char *path,
                        known_doc_t **first)
{
    size_t r = root_index(k, root);
    size_t start = lower_bound(k, r, path), end = start;
    while (end < k->count && k->docs[end].root == r && strcmp(k->docs[end].path, path) == 0)
        end++;
    *first = k->docs + start;
    return r < k->root_count ? end - start : 0;
}

known_doc_t *known_find_signature(known_doc_t *first, size_t count, const char *signature)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(first[mid].signature ? first[mid].signature : "", signature);
        if (c == 0)
            return &first[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

known_doc_t *known_find_id(const known_t *k, const char *id)
{
    known_doc_t key = { 0 }, *pkey = &key, **found;
    key.id = (char *)id;
    found = k->count ? bsearch(&pkey, k->by_id, k->count, sizeof *k->by_id, compare_ids)
                     : NULL;
    return found ? *found : NULL;
}

/* The metadata key of RELPATH's mark: a hash keeps it short whatever the
 * path. */
static void mark_key(const char *root, const char *relpath, buf_t *out)
{
    /* The NULs too: they separate root and path. */
    uint64_t hash = fnv1a64(FNV1A64_INIT, root, strlen(root) + 1);
    hash = fnv1a64(hash, relpath, strlen(relpath) + 1);
    buf_printf(out, "%s%016llx", META_FILE_PREFIX, (unsigned long long)hash);
}

int known_file_marked(xs_db_t *db, const char *root, const char *relpath, long long size,
                      long long mtime_ns)
{
    buf_t key = BUF_INIT, stat = BUF_INIT;
    char *stored = NULL;
    size_t len;
    int same = 0;
    mark_key(root, relpath, &key);
    buf_printf(&stat, "%lld %lld", size, mtime_ns);
    if (!key.failed && !stat.failed
        && xs_db_get_metadata(db, key.data, &stored, &len) == XS_OK)
        same = len == stat.len && memcmp(stored, stat.data, len) == 0;
    xs_free(stored);
    buf_free(&key);
    buf_free(&stat);
    return same;
}

int known_mark_file(xs_db_t *db, const char *root, const char *relpath, long long size,
                    long long mtime_ns, int forget)
{
    buf_t key = BUF_INIT, stat = BUF_INIT;
    mark_key(root, relpath, &key);
    if (!forget)
        buf_printf(&stat, "%lld %lld", size, mtime_ns);
    int rc = key.failed || stat.failed
             || xs_db_set_metadata(db, key.data, stat.data ? stat.data : "", stat.len)
                    != XS_OK ? -1 : 0;
    buf_free(&key);
    buf_free(&stat);
    return rc;
}
