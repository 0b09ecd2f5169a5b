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

/* In a batch of SPELLING_SIFT_DOCUMENTS documents or more (a commit's),
 * a word seen fewer than SPELLING_MIN_COUNT times is left out of the
 * spelling data: among many documents a word seen once is as often a typo
 * as a word, and a suggestion must never be one (a word that comes once
 * in every batch of a large corpus is lost with them: Xapian 1.4 cannot
 * tell cheaply whether the data has it already).
 * On the 949 pages of html-eval such words were 62% of the spelling table
 * and 20% of the build's CPU (Xapian compresses every changed spelling
 * entry at each commit).  A handful of documents keeps every word: there,
 * every word is rare. */
#define SPELLING_SIFT_DOCUMENTS 200
#define SPELLING_MIN_COUNT 2

/* Counts one more document whose words the batch has taken. */
void spelling_batch_document(spelling_batch_t *batch);

/* Adds BATCH's words with their counts to DB's spelling data (sifted as
 * above) and empties BATCH.  Returns XS_OK or the first failing status
 * (detail in DB). */
xs_status_t spelling_batch_flush(spelling_batch_t *batch, xs_db_t *db);

#endif /* TRAWL_SPELLING_H */
