/* spelling.c: count words in an open-addressing hash table, flush to Xapian.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "spelling.h"

typedef struct {
    char *word;            /* NUL-terminated; NULL: an empty slot */
    size_t len;
    unsigned count;
} slot_t;

struct spelling_batch {
    slot_t *slots;
    size_t capacity;       /* a power of two, at least twice count */
    size_t count;
};

static slot_t *find_slot(slot_t *slots, size_t capacity, const char *word, size_t len)
{
    size_t i = (size_t)fnv1a64(FNV1A64_INIT, word, len) & (capacity - 1);
    while (slots[i].word && !(slots[i].len == len && memcmp(slots[i].word, word, len) == 0))
        i = (i + 1) & (capacity - 1);
    return &slots[i];
}

spelling_batch_t *spelling_batch_new(void)
{
    spelling_batch_t *batch = calloc(1, sizeof *batch);
    if (batch == NULL)
        return NULL;
    batch->capacity = 4096;
    if ((batch->slots = calloc(batch->capacity, sizeof *batch->slots)) == NULL) {
        free(batch);
        return NULL;
    }
    return batch;
}

static void clear(spelling_batch_t *batch)
{
    for (size_t i = 0; i < batch->capacity; i++) {
        free(batch->slots[i].word);
        batch->slots[i].word = NULL;
    }
    batch->count = 0;
}

void spelling_batch_free(spelling_batch_t *batch)
{
    if (batch == NULL)
        return;
    clear(batch);
    free(batch->slots);
    free(batch);
}

static int grow(spelling_batch_t *batch)
{
    size_t capacity = batch->capacity * 2;
    slot_t *slots = calloc(capacity, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < batch->capacity; i++)
        if (batch->slots[i].word)
            *find_slot(slots, capacity, batch->slots[i].word, batch->slots[i].len) =
                batch->slots[i];
    free(batch->slots);
    batch->slots = slots;
    batch->capacity = capacity;
    return 0;
}

int spelling_batch_add(spelling_batch_t *batch, const char *word, size_t len)
{
    if ((batch->count + 1) * 2 > batch->capacity && grow(batch) != 0)
        return -1;
    slot_t *slot = find_slot(batch->slots, batch->capacity, word, len);
    if (slot->word == NULL) {
        if ((slot->word = malloc(len + 1)) == NULL)
            return -1;
        memcpy(slot->word, word, len);
        slot->word[len] = '\0';
        slot->len = len;
        slot->count = 0;
        batch->count++;
    }
    slot->count++;
    return batch->count >= SPELLING_BATCH_WORDS;
}

xs_status_t spelling_batch_flush(spelling_batch_t *batch, xs_db_t *db)
{
    xs_status_t st = XS_OK;
    for (size_t i = 0; i < batch->capacity && st == XS_OK; i++)
        if (batch->slots[i].word)
            st = xs_db_add_spelling_count(db, batch->slots[i].word, batch->slots[i].len,
                                          batch->slots[i].count);
    clear(batch);
    return st;
}
