/* query-tree.h: a parsed query as a tree of operations on index terms.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The parser (query.c) builds these trees and knows nothing of Xapian;
 * search-query.c turns a tree into Xapian's query, one shim call per node,
 * and is the only place that does.  The operations are Xapian's query
 * operators, so the tree says exactly what is searched (--explain prints
 * Xapian's description of what it becomes).
 *
 * Nodes are immutable and shared: combining or scaling takes a reference
 * to each part, so the parser may use one part in two trees (a query's
 * "every word" and "some words" forms) and then drops its own reference
 * with qtree_unref().  Every constructor returns a node with one reference
 * for the caller, or NULL when memory runs out (a NULL part is refused the
 * same way, so a failure travels up).
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
    unsigned refs;                /* references held; freed at 0 */
    char *text;                   /* TERM, WILDCARD: the term or prefix */
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

qtree_t *qtree_term(const char *term, size_t len);
qtree_t *qtree_wildcard(const char *prefix, size_t len, unsigned max_expansion);
qtree_t *qtree_value_range(unsigned slot, const char *lo, const char *hi);
qtree_t *qtree_match_all(void);
/* OP over the COUNT (at least 1) PARTS, each of which gains a reference. */
qtree_t *qtree_combine(qtree_op_t op, qtree_t *const *parts, size_t count, unsigned window);
/* PART, which gains a reference, weighted by FACTOR. */
qtree_t *qtree_scale(qtree_t *part, double factor);

/* Drops a reference to Q, freeing it (and its parts' references) with the
 * last.  NULL does nothing. */
void qtree_unref(qtree_t *q);

#endif /* TRAWL_QUERY_TREE_H */
