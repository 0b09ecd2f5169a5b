/* tally.h: counts by a short name, of fixed size (it crosses a pipe).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What a run skipped, by why: files by their extension (".pdf"), records
 * by their kind ("request"), so the summary can say "12 skipped (.pdf 10,
 * .docx 2)" and nothing is passed over in silence.
 */
#ifndef TRAWL_TALLY_H
#define TRAWL_TALLY_H

#include "buf.h"

#define TALLY_KEYS 12          /* names kept; the rest count as "other" */
#define TALLY_KEY_BYTES 24     /* a name's bytes at most, with its NUL */

typedef struct {
    char key[TALLY_KEY_BYTES];
    unsigned count;            /* 0: the entry is free */
} tally_entry_t;

typedef struct {
    tally_entry_t entries[TALLY_KEYS];
    unsigned other;            /* counted under names that did not fit */
} tally_t;

/* Adds N under KEY (cut to TALLY_KEY_BYTES - 1 bytes). */
void tally_add(tally_t *t, const char *key, unsigned n);

/* Adds every count of FROM to INTO. */
void tally_merge(tally_t *into, const tally_t *from);

/* The sum of all counts. */
unsigned tally_total(const tally_t *t);

/* Appends "name N, name N" to OUT, the largest counts first (ties by
 * name), "other N" last. */
void tally_format(const tally_t *t, buf_t *out);

#endif /* TRAWL_TALLY_H */
