/* idset.h: the article ids claimed in one indexing run, to refuse duplicates.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_IDSET_H
#define TRAWL_IDSET_H

#include <stddef.h>

typedef struct idset idset_t;

/* A new empty set; NULL when out of memory.  Free with idset_free(). */
idset_t *idset_new(void);
void idset_free(idset_t *set);

/* Claims ID for WHERE ("path" or "path:line", copied).  Returns 0 when ID
 * was free, 1 when it was claimed before (then *earlier, if EARLIER is not
 * NULL, gets the first claimant's WHERE, owned by the set), -1 when out of
 * memory. */
int idset_claim(idset_t *set, const char *id, const char *where, const char **earlier);

/* Non-zero if ID has been claimed. */
int idset_contains(const idset_t *set, const char *id);

#endif /* TRAWL_IDSET_H */
