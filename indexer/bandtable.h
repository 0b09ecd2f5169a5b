/* bandtable.h: which articles hold each near-duplicate band key, in memory.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An article's candidate copies are the articles that share one of its
 * DUPSIG_BANDS band keys (dupsig_band_hash(), dupgroup.h).  The index
 * stores signatures only (SLOT_DUPSIG): as terms, the keys were a fifth of
 * a news index's distinct terms and an eighth of its build time, for a
 * lookup that a table in memory answers faster (doc/benchmarks.md,
 * "Near-duplicate grouping").  A run that groups articles fills this table
 * from the stored signatures and from the articles it adds.
 *
 * A key is held as its low 32 bits, 12 bytes with the article's number
 * and the link to the next key of its bucket, and a bucket head of 4
 * bytes: 320 bytes an article, up to twice that while the arrays double
 * (a million articles: 320 to 640 MB).  Two different keys share
 * their low 32 bits once in 2^32: a lookup may then list an article that
 * shares no band, which the caller drops (dupsig_share_band(); dupgroup.c
 * does).  Every key lives in a chain of its bucket, so ten thousand copies
 * of one story cost a table of ten thousand entries, not a probe run of
 * that length per insertion.
 */
#ifndef TRAWL_BANDTABLE_H
#define TRAWL_BANDTABLE_H

#include <stdint.h>

#include "dupsig.h"

typedef struct bandtable bandtable_t;

/* An empty table, or NULL when out of memory.  Free with bandtable_free(). */
bandtable_t *bandtable_new(void);
void bandtable_free(bandtable_t *t);

/* Adds the DUPSIG_BANDS band keys of SIG for the article numbered ARTICLE
 * (any number but 0: a docid, a record's index plus one).  Returns 0, or
 * -1 when memory runs out (the table is then unchanged). */
int bandtable_add(bandtable_t *t, const dupsig_t *sig, uint32_t article);

/* Calls FN(CTX, article) for every article added with a band key of SIG,
 * once for each key it was found by (an article sharing two bands comes
 * twice; one added twice, twice as often), and rarely for one that shares
 * no band (see above).  Stops when FN returns non-zero and returns that;
 * else 0. */
typedef int (*bandtable_fn)(void *ctx, uint32_t article);
int bandtable_each(const bandtable_t *t, const dupsig_t *sig, bandtable_fn fn, void *ctx);

#endif /* TRAWL_BANDTABLE_H */
