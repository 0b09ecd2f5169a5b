/* search-query.c: a parsed query's tree (query-tree.h) as Xapian's query:
 * the one place the searcher builds queries for the shim.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "search-private.h"

/* The shim's operator for each tree operator (the same order). */
static const xs_op_t ops[] = {
    [QTREE_AND] = XS_OP_AND, [QTREE_OR] = XS_OP_OR, [QTREE_AND_NOT] = XS_OP_AND_NOT,
    [QTREE_AND_MAYBE] = XS_OP_AND_MAYBE, [QTREE_FILTER] = XS_OP_FILTER,
    [QTREE_PHRASE] = XS_OP_PHRASE, [QTREE_NEAR] = XS_OP_NEAR, [QTREE_SYNONYM] = XS_OP_SYNONYM,
};

/* The Xapian queries made so far of shared nodes (uses > 1): a group the
 * parser used in both trees is made once. */
typedef struct {
    const qtree_t *node;
    xs_query_t *q;         /* one reference, the memo's */
} made_t;

typedef struct {
    made_t *items;
    size_t count, cap;
} memo_t;

static xs_query_t *build(const qtree_t *t, memo_t *memo);

/* T's query: the memo's copy when T is shared and was made before. */
static xs_query_t *build_shared(const qtree_t *t, memo_t *memo)
{
    xs_query_t *q, *copy = NULL;

    /* A leaf costs one call, as a copy does: only shared combinations are
     * worth remembering. */
    if (t->uses < 2 || memo == NULL || (t->kind != QTREE_COMBINE && t->kind != QTREE_SCALE))
        return build(t, memo);
    for (size_t i = 0; i < memo->count; i++)
        if (memo->items[i].node == t)
            /* A combination of one is a copy: Xapian shares the query. */
            return xs_query_combine(XS_OP_OR, (const xs_query_t *const *)&memo->items[i].q,
                                    1, 0, &copy) == XS_OK ? copy : NULL;
    if ((q = build(t, memo)) == NULL)
        return NULL;
    if (memo->count == memo->cap) {
        size_t cap = memo->cap ? 2 * memo->cap : 16;
        made_t *items = realloc(memo->items, cap * sizeof *items);
        if (items == NULL)
            return q;      /* only a cache */
        memo->items = items;
        memo->cap = cap;
    }
    if (xs_query_combine(XS_OP_OR, (const xs_query_t *const *)&q, 1, 0, &copy) == XS_OK)
        memo->items[memo->count++] = (made_t){ t, copy };
    return q;
}

static xs_query_t *build(const qtree_t *t, memo_t *memo)
{
    xs_query_t *q = NULL, **parts;
    xs_status_t st = XS_NO_MEMORY;

    switch (t->kind) {
    case QTREE_TERM:
        st = xs_query_term(t->text, t->len, 1, 0, &q);
        break;
    case QTREE_WILDCARD:
        st = xs_query_wildcard(t->text, t->len, t->max_expansion, &q);
        break;
    case QTREE_VALUE_RANGE:
        st = xs_query_value_range(t->slot, t->lo, t->hi, &q);
        break;
    case QTREE_MATCH_ALL:
        st = xs_query_match_all(&q);
        break;
    case QTREE_SCALE: {
        xs_query_t *part = build_shared(t->parts[0], memo);
        if (part != NULL)
            st = xs_query_scale(part, t->factor, &q);
        xs_query_destroy(part);
        break;
    }
    case QTREE_COMBINE: {
        /* Most nodes have a few parts: no allocation for them. */
        xs_query_t *few[8] = { NULL };
        size_t built = 0;
        parts = t->part_count <= 8 ? few : calloc(t->part_count, sizeof *parts);
        if (parts == NULL)
            return NULL;
        while (built < t->part_count && (parts[built] = build_shared(t->parts[built], memo)))
            built++;
        if (built == t->part_count)
            st = xs_query_combine(ops[t->op], (const xs_query_t *const *)parts, built,
                                  t->window, &q);
        for (size_t i = 0; i < built; i++)
            xs_query_destroy(parts[i]);
        if (parts != few)
            free(parts);
        break;
    }
    }
    if (st != XS_OK) {
        xs_query_destroy(q);
        return NULL;
    }
    return q;
}

xs_query_t *search_query_build(const qtree_t *t)
{
    return build(t, NULL);
}

int search_query_build_pair(const qtree_t *a, const qtree_t *b, xs_query_t **qa,
                            xs_query_t **qb)
{
    memo_t memo = { NULL, 0, 0 };

    *qa = build(a, &memo);
    *qb = *qa ? build(b, &memo) : NULL;
    for (size_t i = 0; i < memo.count; i++)
        xs_query_destroy(memo.items[i].q);
    free(memo.items);
    if (*qb == NULL) {
        xs_query_destroy(*qa);
        *qa = NULL;
        return -1;
    }
    return 0;
}
