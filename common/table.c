/* table.c: the one hash table.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "table.h"

#define TABLE_FIRST_SLOTS 1024

struct table {
    table_entry_t *slots;
    size_t capacity;       /* a power of two */
    size_t count;
};

uint64_t table_hash(const char *key, size_t len)
{
    uint64_t h = fnv1a64(FNV1A64_INIT, key, len);
    return h ? h : 1;      /* 0 marks an empty slot */
}

table_t *table_new(void)
{
    table_t *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->capacity = TABLE_FIRST_SLOTS;
    if ((t->slots = calloc(t->capacity, sizeof *t->slots)) == NULL) {
        free(t);
        return NULL;
    }
    return t;
}

void table_clear(table_t *t, void (*free_value)(void *))
{
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->slots[i].hash == 0)
            continue;
        free(t->slots[i].key);
        if (free_value)
            free_value(t->slots[i].value);
        memset(&t->slots[i], 0, sizeof t->slots[i]);
    }
    t->count = 0;
}

void table_free(table_t *t, void (*free_value)(void *))
{
    if (t == NULL)
        return;
    table_clear(t, free_value);
    free(t->slots);
    free(t);
}

/* The slot of KEY[0..LEN), whose hash is HASH: its entry, or the empty slot
 * where it would go. */
static table_entry_t *probe(table_entry_t *slots, size_t capacity, uint64_t hash,
                            const char *key, size_t len)
{
    size_t i = (size_t)hash & (capacity - 1);
    for (;; i = (i + 1) & (capacity - 1)) {
        table_entry_t *e = &slots[i];
        if (e->hash == 0
            || (e->hash == hash && e->len == len && memcmp(e->key, key, len) == 0))
            return e;
    }
}

/* Doubles T; kept at most half full so probes stay short. */
static int grow(table_t *t)
{
    size_t capacity = t->capacity * 2;
    table_entry_t *slots = calloc(capacity, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < t->capacity; i++)
        if (t->slots[i].hash)
            *probe(slots, capacity, t->slots[i].hash, t->slots[i].key, t->slots[i].len) =
                t->slots[i];
    free(t->slots);
    t->slots = slots;
    t->capacity = capacity;
    return 0;
}

/* The entry of KEY, whose hash is HASH, added when ADD. */
static table_entry_t *lookup(const table_t *t, uint64_t hash, const char *key, size_t len,
                             int add, int *added)
{
    if (added)
        *added = 0;
    if (add && (t->count + 1) * 2 > t->capacity && grow((table_t *)t) != 0)
        return NULL;
    table_entry_t *e = probe(t->slots, t->capacity, hash, key, len);
    if (e->hash)
        return e;
    if (!add)
        return NULL;
    if (key) {
        if ((e->key = malloc(len + 1)) == NULL)
            return NULL;
        memcpy(e->key, key, len);
        e->key[len] = '\0';
    }
    e->hash = hash;
    e->len = len;
    ((table_t *)t)->count++;
    if (added)
        *added = 1;
    return e;
}

table_entry_t *table_find(const table_t *t, const char *key, size_t len)
{
    return lookup(t, table_hash(key, len), key, len, 0, NULL);
}

table_entry_t *table_add(table_t *t, const char *key, size_t len, int *added)
{
    return lookup(t, table_hash(key, len), key, len, 1, added);
}

size_t table_count(const table_t *t)
{
    return t->count;
}

table_entry_t *table_next(const table_t *t, size_t *at)
{
    while (*at < t->capacity) {
        table_entry_t *e = &t->slots[(*at)++];
        if (e->hash)
            return e;
    }
    return NULL;
}
