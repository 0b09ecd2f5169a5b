/* query-tree.h: a parsed query as a tree of operations on index terms.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The parser (query.c) builds these trees and knows nothing of Xapian;
 * search-query.c turns a tree into Xapian's query, one shim call per node,
 * and is the only place that does.  The operations are Xapian's query
 * operators, so the tree says exactly what is searched (--explain prints
 * Xapian's description of what it becomes).
 *
 * Nodes are immutable and may be shared: the parser uses one part in two
 * trees (a query's "every word" and "some words" forms), and a node counts
 * how many parents it has (search-query.c makes a shared node's query
 * once).  They are interned: making a node equal to one made before
 * (same kind, text and numbers, the same parts) gives that node, so a
 * subtree typed twice is one node (the parser merges such repeats, and
 * counts what a query costs by its distinct nodes).  They live in an
 * arena, freed whole with the query: a query makes
 * a few dozen, and one allocation per node was a tenth of parsing.  Every
 * constructor returns NULL when memory runs out, and refuses a NULL part,
 * so a failure travels up.
 */
#ifndef TRAWL_QUERY_TREE_H
#define TRAWL_QUERY_TREE_H

#include <stddef.h>

typedef enum {
    QTREE_TERM,          /* documents indexed by the term text */
    QTREE_WILDCARD,      /* every term starting with text, OR-ed */
    QTREE_VALUE_RANGE,   /* documents whose value in slot lies in [lo, hi] */
    QTREE_MATCH_ALL,     /* every document */
    QTREE_COMBINE,       /* parts joined by op */
    QTREE_SCALE          /* the one part, its weights times factor */
} qtree_kind_t;

/* Xapian's query operators, in the order the shim lists them. */
typedef enum {
    QTREE_AND,           /* all parts match; weights add up */
    QTREE_OR,            /* any part matches */
    QTREE_AND_NOT,       /* the first, but none of the others */
    QTREE_AND_MAYBE,     /* the first; the others only add weight */
    QTREE_FILTER,        /* the first, restricted to the others (no weight) */
    QTREE_PHRASE,        /* terms in order, within window positions */
    QTREE_NEAR,          /* terms in any order, within window positions */
    QTREE_SYNONYM        /* terms weighted as one term */
} qtree_op_t;

typedef struct qtree qtree_t;

struct qtree {
    qtree_kind_t kind;
    unsigned uses;                /* parents it is a part of */
    char *text;                   /* TERM, WILDCARD: the term or prefix
                                     (NUL-terminated, in the node) */
    size_t len;
    unsigned max_expansion;       /* WILDCARD: terms at most (0: no limit) */
    unsigned slot;                /* VALUE_RANGE */
    char *lo, *hi;                /* VALUE_RANGE: NULL leaves that end open */
    qtree_op_t op;                /* COMBINE */
    unsigned window;              /* COMBINE: PHRASE and NEAR (0: the part count) */
    qtree_t **parts;              /* COMBINE: part_count parts; SCALE: one */
    size_t part_count;
    double factor;                /* SCALE: >= 0; 0 makes it boolean */
};

/* Where a query's nodes live.  NULL when memory runs out. */
typedef struct qtree_arena qtree_arena_t;
qtree_arena_t *qtree_arena_new(void);
/* Frees ARENA and every node made in it; NULL does nothing. */
void qtree_arena_free(qtree_arena_t *arena);

/* The distinct nodes made in ARENA: all of them, those of KIND, the
 * COMBINE nodes of OP. */
size_t qtree_arena_distinct(const qtree_arena_t *arena);
size_t qtree_arena_kind_count(const qtree_arena_t *arena, qtree_kind_t kind);
size_t qtree_arena_op_count(const qtree_arena_t *arena, qtree_op_t op);

/* Nodes, made in ARENA (their strings copied there too). */
qtree_t *qtree_term(qtree_arena_t *arena, const char *term, size_t len);
qtree_t *qtree_wildcard(qtree_arena_t *arena, const char *prefix, size_t len,
                        unsigned max_expansion);
qtree_t *qtree_value_range(qtree_arena_t *arena, unsigned slot, const char *lo,
                           const char *hi);
qtree_t *qtree_match_all(qtree_arena_t *arena);
/* OP over the COUNT (at least 1) PARTS. */
qtree_t *qtree_combine(qtree_arena_t *arena, qtree_op_t op, qtree_t *const *parts,
                       size_t count, unsigned window);
/* PART weighted by FACTOR. */
qtree_t *qtree_scale(qtree_arena_t *arena, qtree_t *part, double factor);

#endif /* TRAWL_QUERY_TREE_H */
