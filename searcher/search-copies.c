/* search-copies.c: a hit's near-duplicate copies, the other articles of
 * its group (groups.h), for the views that name them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"
#include "search-private.h"

/* Context of add_copy(). */
typedef struct {
    searcher_t *s;
    hit_t *hit;
    int failed;
} copies_t;

char *search_doc_value(searcher_t *s, unsigned docid, unsigned slot, int *failed)
{
    char *value = NULL;
    size_t len = 0;

    if (xs_db_document_value(s->db, docid, slot, &value, &len) != XS_OK) {
        *failed = 1;
        return NULL;
    }
    if (len == 0) {
        xs_free(value);
        return NULL;
    }
    char *copy = xstrndup(value, len);
    xs_free(value);
    if (copy == NULL)
        *failed = 1;
    return copy;
}

static int add_copy(void *ctx, unsigned docid)
{
    copies_t *c = ctx;
    hit_t *hit = c->hit;
    search_copy_t *grown;

    if (docid == hit->docid)
        return 0;
    if ((grown = realloc(hit->copies, (hit->copy_count + 1) * sizeof *grown)) == NULL) {
        c->failed = 1;
        return 1;
    }
    hit->copies = grown;
    grown[hit->copy_count].id = search_doc_value(c->s, docid, SLOT_ID, &c->failed);
    grown[hit->copy_count].source = search_doc_value(c->s, docid, SLOT_SOURCE, &c->failed);
    hit->copy_count++;
    return c->failed;
}

/* The other members of the hit's group (XG<leader> terms), read only
 * when the group has more than one. */
search_status_t search_find_copies(searcher_t *s, hit_t *hit)
{
    int failed = 0;
    char *leader = search_doc_value(s, hit->docid, SLOT_GROUP, &failed);
    buf_t term = BUF_INIT;
    copies_t c = { s, hit, 0 };
    unsigned members = 0;
    xs_status_t st = XS_OK;

    if (leader) {
        docdata_id_term_with(PREFIX_GROUP, leader, &term);
        st = term.failed ? XS_NO_MEMORY : xs_db_term_freq(s->db, term.data, term.len, &members);
        if (st == XS_OK && members > 1)
            st = xs_db_each_posting(s->db, term.data, term.len, add_copy, &c);
    }
    free(leader);
    buf_free(&term);
    if (st != XS_OK)
        return search_index_failed(s, st);
    return failed || c.failed ? search_fail(s, SEARCH_NO_MEMORY, "out of memory") : SEARCH_OK;
}
