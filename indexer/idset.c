/* idset.c: the ids claimed in one run, each with where it was claimed.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "table.h"

struct idset {
    table_t *ids;          /* value: where (malloc'ed) */
};

idset_t *idset_new(void)
{
    idset_t *set = calloc(1, sizeof *set);
    if (set == NULL || (set->ids = table_new()) == NULL) {
        free(set);
        return NULL;
    }
    return set;
}

void idset_free(idset_t *set)
{
    if (set == NULL)
        return;
    table_free(set->ids, free);
    free(set);
}

int idset_claim(idset_t *set, const char *id, const char *where, const char **earlier)
{
    int added;
    table_entry_t *e = table_add(set->ids, id, strlen(id), &added);
    if (e == NULL)
        return -1;
    if (!added) {
        if (earlier)
            *earlier = e->value;
        return 1;
    }
    if ((e->value = strdup(where)) == NULL)
        return -1;
    return 0;
}

int idset_contains(const idset_t *set, const char *id)
{
    return table_find(set->ids, id, strlen(id)) != NULL;
}
