/* spelling.c: count words in a hash table (table.h), flush them to Xapian.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "spelling.h"
#include "table.h"

struct spelling_batch {
    table_t *words;        /* count: occurrences */
    unsigned documents;    /* documents the words came from */
};

spelling_batch_t *spelling_batch_new(void)
{
    spelling_batch_t *batch = calloc(1, sizeof *batch);
    if (batch == NULL || (batch->words = table_new()) == NULL) {
        free(batch);
        return NULL;
    }
    return batch;
}

void spelling_batch_free(spelling_batch_t *batch)
{
    if (batch == NULL)
        return;
    table_free(batch->words, NULL);
    free(batch);
}

int spelling_batch_add(spelling_batch_t *batch, const char *word, size_t len)
{
    table_entry_t *e = table_add(batch->words, word, len, NULL);
    if (e == NULL)
        return -1;
    e->count++;
    return table_count(batch->words) >= SPELLING_BATCH_WORDS;
}

void spelling_batch_document(spelling_batch_t *batch)
{
    batch->documents++;
}

xs_status_t spelling_batch_flush(spelling_batch_t *batch, xs_db_t *db)
{
    xs_status_t st = XS_OK;
    size_t at = 0;
    int sifted = batch->documents >= SPELLING_SIFT_DOCUMENTS;
    for (table_entry_t *e; st == XS_OK && (e = table_next(batch->words, &at)) != NULL;)
        if (!sifted || e->count >= SPELLING_MIN_COUNT)
            st = xs_db_add_spelling_count(db, e->key, e->len, (unsigned)e->count);
    table_clear(batch->words, NULL);
    batch->documents = 0;
    return st;
}
