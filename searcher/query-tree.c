/* query-tree.c: the nodes of a parsed query, in an arena (query-tree.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "query-tree.h"

/* Room the first chunk has (a query of a few words fits in it), and the
 * most a later one has: each holds twice the one before.  Chunks are not
 * zeroed: what take() hands out is (zeroing a whole 4 KB chunk cost more
 * than the nodes). */
#define ARENA_FIRST 1024
#define ARENA_MAX 65536

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    max_align_t data[];      /* size bytes */
} chunk_t;

struct qtree_arena {
    chunk_t *chunks;         /* the newest first */
};

qtree_arena_t *qtree_arena_new(void)
{
    return calloc(1, sizeof(qtree_arena_t));
}

void qtree_arena_free(qtree_arena_t *arena)
{
    if (arena == NULL)
        return;
    for (chunk_t *c = arena->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(arena);
}

/* N bytes of ARENA, aligned for any type and zeroed; NULL when memory runs
 * out. */
static void *take(qtree_arena_t *arena, size_t n)
{
    chunk_t *c = arena->chunks;

    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    if (n == 0 || n > (size_t)-1 / 2)
        return NULL;
    if (c == NULL || c->size - c->used < n) {
        size_t size = c == NULL ? ARENA_FIRST : c->size < ARENA_MAX ? 2 * c->size : ARENA_MAX;
        if (size < n)
            size = n;
        if ((c = malloc(sizeof *c + size)) == NULL)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = arena->chunks;
        arena->chunks = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return memset(p, 0, n);
}

/* A copy of S[0..LEN) with a NUL in ARENA. */
static char *copy(qtree_arena_t *arena, const char *s, size_t len)
{
    char *p = take(arena, len + 1);

    if (p != NULL)
        memcpy(p, s, len);
    return p;
}

static qtree_t *node(qtree_arena_t *arena, qtree_kind_t kind)
{
    qtree_t *q = take(arena, sizeof *q);

    if (q != NULL)
        q->kind = kind;
    return q;
}

/* A node of KIND holding a copy of TEXT[0..LEN). */
static qtree_t *text_node(qtree_arena_t *arena, qtree_kind_t kind, const char *text,
                          size_t len)
{
    qtree_t *q = node(arena, kind);

    if (q == NULL || (q->text = copy(arena, text, len)) == NULL)
        return NULL;
    q->len = len;
    return q;
}

qtree_t *qtree_term(qtree_arena_t *arena, const char *term, size_t len)
{
    return text_node(arena, QTREE_TERM, term, len);
}

qtree_t *qtree_wildcard(qtree_arena_t *arena, const char *prefix, size_t len,
                        unsigned max_expansion)
{
    qtree_t *q = text_node(arena, QTREE_WILDCARD, prefix, len);

    if (q != NULL)
        q->max_expansion = max_expansion;
    return q;
}

qtree_t *qtree_value_range(qtree_arena_t *arena, unsigned slot, const char *lo,
                           const char *hi)
{
    qtree_t *q = node(arena, QTREE_VALUE_RANGE);

    if (q == NULL || (lo && (q->lo = copy(arena, lo, strlen(lo))) == NULL)
        || (hi && (q->hi = copy(arena, hi, strlen(hi))) == NULL))
        return NULL;
    q->slot = slot;
    return q;
}

qtree_t *qtree_match_all(qtree_arena_t *arena)
{
    return node(arena, QTREE_MATCH_ALL);
}

/* A node of KIND over the COUNT PARTS, each of which counts one more use. */
static qtree_t *parent(qtree_arena_t *arena, qtree_kind_t kind, qtree_t *const *parts,
                       size_t count)
{
    qtree_t *q;

    if (count == 0 || count > (size_t)-1 / sizeof *parts)
        return NULL;
    for (size_t i = 0; i < count; i++)
        if (parts[i] == NULL)
            return NULL;
    if ((q = node(arena, kind)) == NULL
        || (q->parts = take(arena, count * sizeof *q->parts)) == NULL)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        q->parts[i] = parts[i];
        parts[i]->uses++;
    }
    q->part_count = count;
    return q;
}

qtree_t *qtree_combine(qtree_arena_t *arena, qtree_op_t op, qtree_t *const *parts,
                       size_t count, unsigned window)
{
    qtree_t *q = parent(arena, QTREE_COMBINE, parts, count);

    if (q != NULL) {
        q->op = op;
        q->window = window;
    }
    return q;
}

qtree_t *qtree_scale(qtree_arena_t *arena, qtree_t *part, double factor)
{
    qtree_t *q = parent(arena, QTREE_SCALE, &part, 1);

    if (q != NULL)
        q->factor = factor;
    return q;
}
