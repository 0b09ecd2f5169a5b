/* query-tree.c: the nodes of a parsed query (query-tree.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "query-tree.h"

static qtree_t *node(qtree_kind_t kind)
{
    qtree_t *q = calloc(1, sizeof *q);

    if (q != NULL) {
        q->kind = kind;
        q->refs = 1;
    }
    return q;
}

/* A node of KIND holding a copy of TEXT[0..LEN); NULL when memory runs out. */
static qtree_t *text_node(qtree_kind_t kind, const char *text, size_t len)
{
    qtree_t *q = node(kind);

    if (q != NULL && (q->text = xstrndup(text, len)) == NULL) {
        free(q);
        return NULL;
    }
    if (q != NULL)
        q->len = len;
    return q;
}

qtree_t *qtree_term(const char *term, size_t len)
{
    return text_node(QTREE_TERM, term, len);
}

qtree_t *qtree_wildcard(const char *prefix, size_t len, unsigned max_expansion)
{
    qtree_t *q = text_node(QTREE_WILDCARD, prefix, len);

    if (q != NULL)
        q->max_expansion = max_expansion;
    return q;
}

qtree_t *qtree_value_range(unsigned slot, const char *lo, const char *hi)
{
    qtree_t *q = node(QTREE_VALUE_RANGE);

    if (q == NULL)
        return NULL;
    q->slot = slot;
    if ((lo && (q->lo = strdup(lo)) == NULL) || (hi && (q->hi = strdup(hi)) == NULL)) {
        qtree_unref(q);
        return NULL;
    }
    return q;
}

qtree_t *qtree_match_all(void)
{
    return node(QTREE_MATCH_ALL);
}

/* A node of KIND over the COUNT PARTS, which gain a reference each. */
static qtree_t *parent(qtree_kind_t kind, qtree_t *const *parts, size_t count)
{
    qtree_t *q;

    if (count == 0)
        return NULL;
    for (size_t i = 0; i < count; i++)
        if (parts[i] == NULL)
            return NULL;
    if ((q = node(kind)) == NULL || (q->parts = malloc(count * sizeof *q->parts)) == NULL) {
        free(q);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        q->parts[i] = parts[i];
        parts[i]->refs++;
    }
    q->part_count = count;
    return q;
}

qtree_t *qtree_combine(qtree_op_t op, qtree_t *const *parts, size_t count, unsigned window)
{
    qtree_t *q = parent(QTREE_COMBINE, parts, count);

    if (q != NULL) {
        q->op = op;
        q->window = window;
    }
    return q;
}

qtree_t *qtree_scale(qtree_t *part, double factor)
{
    qtree_t *q = parent(QTREE_SCALE, &part, 1);

    if (q != NULL)
        q->factor = factor;
    return q;
}

void qtree_unref(qtree_t *q)
{
    if (q == NULL || --q->refs > 0)
        return;
    for (size_t i = 0; i < q->part_count; i++)
        qtree_unref(q->parts[i]);
    free(q->parts);
    free(q->text);
    free(q->lo);
    free(q->hi);
    free(q);
}
