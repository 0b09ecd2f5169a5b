/* table.h: the one hash table: entries keyed by bytes, open addressing.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The indexer's sets and counters (ids claimed in a run, spelling words,
 * facet values) are all this: a power-of-two table probed linearly, kept
 * at most half full, keyed by FNV-1a 64 (hash.h) of the key's bytes.  Two
 * counters are not, for their size: the recurring lines (boilerplate.c:
 * a line's hash alone, 16 bytes where an entry takes 48, since a corpus
 * has as many distinct lines as paragraphs) and the near-duplicate band
 * keys (bandtable.h).
 */
#ifndef TRAWL_TABLE_H
#define TRAWL_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t hash;         /* of the key; 0 only in an empty slot */
    char *key;             /* a NUL-terminated copy of the key */
    size_t len;            /* the key's length */
    unsigned long count;   /* the caller's: 0 when the entry is added */
    unsigned long mark;    /* the caller's too (a second number), 0 */
    void *value;           /* the caller's: NULL when the entry is added */
} table_entry_t;

typedef struct table table_t;

/* A new empty table; NULL when out of memory.  Free with table_free(). */
table_t *table_new(void);

/* Frees T, calling FREE_VALUE (may be NULL) on each entry's value. */
void table_free(table_t *t, void (*free_value)(void *));

/* Empties T as table_free() would, keeping it for reuse. */
void table_clear(table_t *t, void (*free_value)(void *));

/* The entry of KEY[0..LEN), or NULL when it has none. */
table_entry_t *table_find(const table_t *t, const char *key, size_t len);

/* The entry of KEY[0..LEN), added (count 0, value NULL) when it had none,
 * with *ADDED set to 1 then and 0 otherwise (ADDED may be NULL).  NULL when
 * memory runs out.  Entries move when the table grows: a pointer is valid
 * until the next table_add(). */
table_entry_t *table_add(table_t *t, const char *key, size_t len, int *added);

/* The hash a table uses for KEY[0..LEN) (never 0). */
uint64_t table_hash(const char *key, size_t len);

/* The number of entries. */
size_t table_count(const table_t *t);

/* Iterates: the entry after *AT (start with *AT = 0), or NULL at the end. */
table_entry_t *table_next(const table_t *t, size_t *at);

#endif /* TRAWL_TABLE_H */
