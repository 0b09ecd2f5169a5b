/* bandtable.c: a chained hash table from band keys to articles.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "bandtable.h"

/* Entries are numbered from 1; 0 ends a chain. */
typedef struct {
    uint32_t key;          /* the band key's low 32 bits */
    uint32_t article;
    uint32_t next;         /* the bucket's next entry */
} entry_t;

struct bandtable {
    entry_t *entries;      /* entries[0] unused */
    size_t count, capacity;  /* entries in use (with entries[0]) and room */
    uint32_t *heads;       /* each bucket's first entry */
    size_t mask;           /* buckets - 1, a power of 2 minus 1 */
};

/* The first table's buckets, and its entries' room. */
#define FIRST_BUCKETS 1024

bandtable_t *bandtable_new(void)
{
    bandtable_t *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->entries = malloc(FIRST_BUCKETS * sizeof *t->entries);
    t->heads = calloc(FIRST_BUCKETS, sizeof *t->heads);
    if (t->entries == NULL || t->heads == NULL) {
        bandtable_free(t);
        return NULL;
    }
    t->count = 1;
    t->capacity = FIRST_BUCKETS;
    t->mask = FIRST_BUCKETS - 1;
    return t;
}

void bandtable_free(bandtable_t *t)
{
    if (t == NULL)
        return;
    free(t->entries);
    free(t->heads);
    free(t);
}

/* Makes room for DUPSIG_BANDS more entries, with no more entries than
 * buckets.  Returns 0, or -1 (nothing changed). */
static int make_room(bandtable_t *t)
{
    size_t needed = t->count + DUPSIG_BANDS;
    if (needed > UINT32_MAX)
        return -1;
    if (needed > t->capacity) {
        size_t capacity = t->capacity * 2;
        entry_t *entries = realloc(t->entries, capacity * sizeof *entries);
        if (entries == NULL)
            return -1;
        t->entries = entries;
        t->capacity = capacity;
    }
    if (needed > t->mask + 1) {
        size_t buckets = (t->mask + 1) * 2;
        uint32_t *heads = calloc(buckets, sizeof *heads);
        if (heads == NULL)
            return -1;
        free(t->heads);
        t->heads = heads;
        t->mask = buckets - 1;
        for (size_t i = 1; i < t->count; i++) {
            uint32_t *head = &t->heads[t->entries[i].key & t->mask];
            t->entries[i].next = *head;
            *head = (uint32_t)i;
        }
    }
    return 0;
}

int bandtable_add(bandtable_t *t, const dupsig_t *sig, uint32_t article)
{
    if (make_room(t) != 0)
        return -1;
    for (unsigned band = 0; band < DUPSIG_BANDS; band++) {
        uint32_t key = (uint32_t)dupsig_band_hash(sig, band);
        uint32_t *head = &t->heads[key & t->mask];
        entry_t e = { key, article, *head };
        t->entries[t->count] = e;
        *head = (uint32_t)t->count++;
    }
    return 0;
}

int bandtable_each(const bandtable_t *t, const dupsig_t *sig, bandtable_fn fn, void *ctx)
{
    for (unsigned band = 0; band < DUPSIG_BANDS; band++) {
        uint32_t key = (uint32_t)dupsig_band_hash(sig, band);
        for (uint32_t i = t->heads[key & t->mask]; i != 0; i = t->entries[i].next) {
            int rc = t->entries[i].key == key ? fn(ctx, t->entries[i].article) : 0;
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}
