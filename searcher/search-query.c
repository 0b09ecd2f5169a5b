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

xs_query_t *search_query_build(const qtree_t *t)
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
        xs_query_t *part = search_query_build(t->parts[0]);
        if (part != NULL)
            st = xs_query_scale(part, t->factor, &q);
        xs_query_destroy(part);
        break;
    }
    case QTREE_COMBINE:
        if ((parts = calloc(t->part_count, sizeof *parts)) == NULL)
            return NULL;
        size_t built = 0;
        while (built < t->part_count && (parts[built] = search_query_build(t->parts[built])))
            built++;
        if (built == t->part_count)
            st = xs_query_combine(ops[t->op], (const xs_query_t *const *)parts, built,
                                  t->window, &q);
        for (size_t i = 0; i < built; i++)
            xs_query_destroy(parts[i]);
        free(parts);
        break;
    }
    if (st != XS_OK) {
        xs_query_destroy(q);
        return NULL;
    }
    return q;
}
