/* search-doc.c: one stored article, and what a query marks in it: the one
 * article loader (--show, the article page) and the views' door to the
 * matcher (search.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "search-private.h"

search_status_t searcher_article(searcher_t *s, const char *id, stored_doc_t *doc)
{
    buf_t term = BUF_INIT;
    unsigned docid = 0;
    char *data = NULL, *errmsg = NULL;
    size_t len = 0;
    search_status_t status = SEARCH_OK;
    xs_status_t st;

    memset(doc, 0, sizeof *doc);
    docdata_id_term(id, &term);
    st = term.failed ? XS_NO_MEMORY : xs_db_find_unique(s->db, term.data, term.len, &docid);
    buf_free(&term);
    if (st == XS_NOT_FOUND)
        return search_fail(s, SEARCH_NOT_FOUND, "no article with the id '%s' in the index", id);
    if (st == XS_OK)
        st = xs_db_document_data(s->db, docid, &data, &len);
    if (st == XS_NO_MEMORY)
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    else if (st != XS_OK)
        status = search_fail(s, SEARCH_INDEX_ERROR, "%s", xs_db_last_error(s->db));
    else if (docdata_decode(data, len, 1, doc, &errmsg) != 0) {
        /* A stored article that cannot be decoded is a damaged index. */
        status = errmsg ? search_fail(s, SEARCH_INDEX_ERROR, "%s", errmsg)
                        : search_fail(s, SEARCH_NO_MEMORY, "out of memory");
        free(errmsg);
    }
    xs_free(data);
    return status;
}

search_status_t searcher_marks(searcher_t *s, const query_t *query, const char *text,
                               size_t len, mark_t **marks_out, size_t *count_out)
{
    matcher_t *m = matcher_new(s->analyzer, query->terms, query->term_count);
    int rc = m ? matcher_marks(m, text, len, marks_out, count_out) : -1;

    matcher_free(m);
    if (rc != 0) {
        *marks_out = NULL;
        *count_out = 0;
        return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    }
    return SEARCH_OK;
}

search_status_t searcher_snippet(searcher_t *s, const query_t *query, const stored_doc_t *doc,
                                 size_t max_chars, snippet_t *out)
{
    matcher_t *m = matcher_new(s->analyzer, query->terms, query->term_count);
    int rc = m ? snippet_make(m, doc->text, doc->text_len, max_chars, out) : -1;

    matcher_free(m);
    if (rc != 0) {
        memset(out, 0, sizeof *out);
        return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    }
    return SEARCH_OK;
}
