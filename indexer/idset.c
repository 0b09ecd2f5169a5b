/* idset.c: an open-addressing hash set of ids, each with where it was seen.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "idset.h"

typedef struct {
    char *id;              /* NULL: an empty slot */
    char *where;
} entry_t;

struct idset {
    entry_t *slots;
    size_t capacity;       /* a power of two */
    size_t count;
};

/* FNV-1a: simple and good enough for keys that are file names and ids. */
static size_t hash_string(const char *s)
{
    unsigned long long h = 14695981039346656037ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

static entry_t *find_slot(entry_t *slots, size_t capacity, const char *id)
{
    size_t i = hash_string(id) & (capacity - 1);
    while (slots[i].id && strcmp(slots[i].id, id) != 0)
        i = (i + 1) & (capacity - 1);
    return &slots[i];
}

idset_t *idset_new(void)
{
    idset_t *set = calloc(1, sizeof *set);
    if (set == NULL)
        return NULL;
    set->capacity = 1024;
    set->slots = calloc(set->capacity, sizeof *set->slots);
    if (set->slots == NULL) {
        free(set);
        return NULL;
    }
    return set;
}

void idset_free(idset_t *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->capacity; i++) {
        free(set->slots[i].id);
        free(set->slots[i].where);
    }
    free(set->slots);
    free(set);
}

/* Doubles the table; kept at most half full so probes stay short. */
static int grow(idset_t *set)
{
    size_t capacity = set->capacity * 2;
    entry_t *slots = calloc(capacity, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < set->capacity; i++)
        if (set->slots[i].id)
            *find_slot(slots, capacity, set->slots[i].id) = set->slots[i];
    free(set->slots);
    set->slots = slots;
    set->capacity = capacity;
    return 0;
}

int idset_claim(idset_t *set, const char *id, const char *where, const char **earlier)
{
    if ((set->count + 1) * 2 > set->capacity && grow(set) != 0)
        return -1;
    entry_t *e = find_slot(set->slots, set->capacity, id);
    if (e->id) {
        if (earlier)
            *earlier = e->where;
        return 1;
    }
    char *id_copy = strdup(id), *where_copy = strdup(where);
    if (id_copy == NULL || where_copy == NULL) {
        free(id_copy);
        free(where_copy);
        return -1;
    }
    e->id = id_copy;
    e->where = where_copy;
    set->count++;
    return 0;
}

int idset_contains(const idset_t *set, const char *id)
{
    return find_slot(set->slots, set->capacity, id)->id != NULL;
}
