/* query-tree.c: the nodes of a parsed query, in an arena (query-tree.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
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

/* Nodes are interned: a node equal to one made before (same kind, text,
 * numbers and the same parts) is that node, so a query that repeats a
 * phrase or a bracket 100 times holds it once and the parser can merge
 * the repeats (query-build.c).  Parts are interned before their parent,
 * so comparing parts by pointer compares the subtrees. */
#define TABLE_FIRST 64

struct qtree_arena {
    chunk_t *chunks;         /* the newest first */
    qtree_t **table;         /* open addressing, size a power of two */
    size_t table_size, distinct;
    size_t kinds[QTREE_SCALE + 1];   /* distinct nodes of each kind */
    size_t ops[QTREE_SYNONYM + 1];   /* distinct COMBINE nodes of each op */
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
    free(arena->table);
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

static uint64_t mix_string(uint64_t h, const char *s)
{
    return s ? fnv1a64(h, s, strlen(s) + 1) : fnv1a64(h, "", 0) * 31;
}

/* Q's structural hash: its own fields and its parts' addresses. */
static uint64_t node_hash(const qtree_t *q)
{
    uint64_t h = FNV1A64_INIT;
    unsigned numbers[5] = { q->kind, q->max_expansion, q->slot, q->op, q->window };

    h = fnv1a64(h, numbers, sizeof numbers);
    h = fnv1a64(h, &q->factor, sizeof q->factor);
    if (q->text)
        h = fnv1a64(h, q->text, q->len);
    h = mix_string(h, q->lo);
    h = mix_string(h, q->hi);
    return fnv1a64(h, q->parts, q->part_count * sizeof *q->parts);
}

static int same_string(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int node_equal(const qtree_t *a, const qtree_t *b)
{
    return a->kind == b->kind && a->len == b->len && a->max_expansion == b->max_expansion
           && a->slot == b->slot && a->op == b->op && a->window == b->window
           && a->factor == b->factor && a->part_count == b->part_count
           && (a->len == 0 || memcmp(a->text, b->text, a->len) == 0)
           && same_string(a->lo, b->lo) && same_string(a->hi, b->hi)
           && (a->part_count == 0
               || memcmp(a->parts, b->parts, a->part_count * sizeof *a->parts) == 0);
}

/* Doubles ARENA's table; -1 when memory runs out. */
static int grow_table(qtree_arena_t *arena)
{
    size_t size = arena->table_size ? 2 * arena->table_size : TABLE_FIRST;
    qtree_t **table = calloc(size, sizeof *table);

    if (table == NULL)
        return -1;
    for (size_t i = 0; i < arena->table_size; i++) {
        qtree_t *q = arena->table[i];
        if (q == NULL)
            continue;
        size_t at = (size_t)node_hash(q) & (size - 1);
        while (table[at])
            at = (at + 1) & (size - 1);
        table[at] = q;
    }
    free(arena->table);
    arena->table = table;
    arena->table_size = size;
    return 0;
}

/* The node of ARENA equal to Q (just made in ARENA), or Q itself, now
 * known, its parts counting one more use; NULL when memory runs out.  An
 * equal node's copy stays unused in the arena, freed with it. */
static qtree_t *intern(qtree_arena_t *arena, qtree_t *q)
{
    size_t at;

    if (q == NULL)
        return NULL;
    if (2 * (arena->distinct + 1) > arena->table_size && grow_table(arena) != 0)
        return NULL;
    at = (size_t)node_hash(q) & (arena->table_size - 1);
    for (; arena->table[at]; at = (at + 1) & (arena->table_size - 1))
        if (node_equal(arena->table[at], q))
            return arena->table[at];
    arena->table[at] = q;
    arena->distinct++;
    arena->kinds[q->kind]++;
    if (q->kind == QTREE_COMBINE)
        arena->ops[q->op]++;
    for (size_t i = 0; i < q->part_count; i++)
        q->parts[i]->uses++;
    return q;
}

size_t qtree_arena_distinct(const qtree_arena_t *arena)
{
    return arena->distinct;
}

size_t qtree_arena_kind_count(const qtree_arena_t *arena, qtree_kind_t kind)
{
    return (unsigned)kind <= QTREE_SCALE ? arena->kinds[kind] : 0;
}

size_t qtree_arena_op_count(const qtree_arena_t *arena, qtree_op_t op)
{
    return (unsigned)op <= QTREE_SYNONYM ? arena->ops[op] : 0;
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
    return intern(arena, text_node(arena, QTREE_TERM, term, len));
}

qtree_t *qtree_wildcard(qtree_arena_t *arena, const char *prefix, size_t len,
                        unsigned max_expansion)
{
    qtree_t *q = text_node(arena, QTREE_WILDCARD, prefix, len);

    if (q != NULL)
        q->max_expansion = max_expansion;
    return intern(arena, q);
}

qtree_t *qtree_value_range(qtree_arena_t *arena, unsigned slot, const char *lo,
                           const char *hi)
{
    qtree_t *q = node(arena, QTREE_VALUE_RANGE);

    if (q == NULL || (lo && (q->lo = copy(arena, lo, strlen(lo))) == NULL)
        || (hi && (q->hi = copy(arena, hi, strlen(hi))) == NULL))
        return NULL;
    q->slot = slot;
    return intern(arena, q);
}

qtree_t *qtree_match_all(qtree_arena_t *arena)
{
    return intern(arena, node(arena, QTREE_MATCH_ALL));
}

/* A node of KIND over the COUNT PARTS (not yet interned: intern() counts
 * the parts' uses). */
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
    memcpy(q->parts, parts, count * sizeof *q->parts);
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
    return intern(arena, q);
}

qtree_t *qtree_scale(qtree_arena_t *arena, qtree_t *part, double factor)
{
    qtree_t *q = parent(arena, QTREE_SCALE, &part, 1);

    if (q != NULL)
        q->factor = factor;
    return intern(arena, q);
}
