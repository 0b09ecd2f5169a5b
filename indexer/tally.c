/* tally.c: counts by a short name.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

void tally_add(tally_t *t, const char *key, unsigned n)
{
    size_t free_slot = TALLY_KEYS;
    char cut[TALLY_KEY_BYTES];

    if (n == 0)
        return;
    snprintf(cut, sizeof cut, "%s", key);
    for (size_t i = 0; i < TALLY_KEYS; i++) {
        if (t->entries[i].count && strcmp(t->entries[i].key, cut) == 0) {
            t->entries[i].count += n;
            return;
        }
        if (t->entries[i].count == 0 && free_slot == TALLY_KEYS)
            free_slot = i;
    }
    if (free_slot == TALLY_KEYS) {
        t->other += n;
        return;
    }
    memcpy(t->entries[free_slot].key, cut, sizeof cut);
    t->entries[free_slot].count = n;
}

void tally_merge(tally_t *into, const tally_t *from)
{
    for (size_t i = 0; i < TALLY_KEYS; i++)
        tally_add(into, from->entries[i].key, from->entries[i].count);
    into->other += from->other;
}

unsigned tally_total(const tally_t *t)
{
    unsigned total = t->other;
    for (size_t i = 0; i < TALLY_KEYS; i++)
        total += t->entries[i].count;
    return total;
}

/* Larger counts first, then by name; free entries last. */
static int larger_first(const void *a, const void *b)
{
    const tally_entry_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->key, y->key);
}

void tally_format(const tally_t *t, buf_t *out)
{
    tally_t sorted = *t;
    const char *sep = "";

    qsort(sorted.entries, TALLY_KEYS, sizeof sorted.entries[0], larger_first);
    for (size_t i = 0; i < TALLY_KEYS; i++)
        if (sorted.entries[i].count) {
            buf_printf(out, "%s%s %u", sep, sorted.entries[i].key, sorted.entries[i].count);
            sep = ", ";
        }
    if (sorted.other)
        buf_printf(out, "%sother %u", sep, sorted.other);
}
