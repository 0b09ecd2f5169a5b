/* spelling.h: spelling data gathered in memory, handed to Xapian in batches.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Xapian's add_spelling() costs a map lookup (and for a new word a B-tree
 * lookup) per call; counting the words of many documents here first and
 * adding each distinct word once with its count does the same work for a
 * fraction of the calls.
 */
#ifndef TRAWL_SPELLING_H
#define TRAWL_SPELLING_H

#include <stddef.h>
#include "xs.h"

/* Distinct words held before spelling_batch_add() asks for a flush:
 * about 20 MiB, whatever the corpus. */
#define SPELLING_BATCH_WORDS 262144

typedef struct spelling_batch spelling_batch_t;

/* A new empty batch; NULL when out of memory.  Free with
 * spelling_batch_free() (words not flushed are dropped). */
spelling_batch_t *spelling_batch_new(void);
void spelling_batch_free(spelling_batch_t *batch);

/* Counts one occurrence of WORD[0..LEN).  Returns 0, 1 when the batch
 * holds SPELLING_BATCH_WORDS words or more (flush it), -1 when out of
 * memory. */
int spelling_batch_add(spelling_batch_t *batch, const char *word, size_t len);

/* Adds every word of BATCH with its count to DB's spelling data and empties
 * BATCH.  Returns XS_OK or the first failing status (detail in DB). */
xs_status_t spelling_batch_flush(spelling_batch_t *batch, xs_db_t *db);

#endif /* TRAWL_SPELLING_H */
