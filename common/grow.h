/* grow.h: room for one more element of an array that grows by doubling.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_GROW_H
#define TRAWL_GROW_H

#include <stddef.h>

/* ITEMS, an array of COUNT elements of SIZE bytes with room for *CAPACITY,
 * with room for one more: when it is full, reallocated to twice its
 * capacity (FIRST elements at first).  Returns the array (moved,
 * perhaps), or NULL when memory runs out or the size would overflow
 * (ITEMS and *CAPACITY are then unchanged). */
void *grow_array(void *items, size_t count, size_t *capacity, size_t size, size_t first);

#endif /* TRAWL_GROW_H */
