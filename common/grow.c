/* grow.c: arrays that grow by doubling (grow.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>

#include "grow.h"

void *grow_array(void *items, size_t count, size_t *capacity, size_t size, size_t first)
{
    if (count < *capacity)
        return items;
    size_t grown = *capacity ? *capacity : first;
    while (grown <= count && grown <= SIZE_MAX / 2)
        grown *= 2;
    void *moved = grown > count && grown <= SIZE_MAX / size ? realloc(items, grown * size) : NULL;
    if (moved)
        *capacity = grown;
    return moved;
}
