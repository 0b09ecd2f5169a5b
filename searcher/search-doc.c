/* search-doc.c: one stored article, and what a query marks in it: the one
 * article loader (--show, the article page) and the views' door to the
 * matcher (search.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "search-private.h"

/* The ids that are an id given without its extension ("politics/375",
 * as a TREC run names politics/375.txt) followed by one: ".txt",
 * ".txt.gz", ".html"; each part after a dot starts with a letter, so that
 * politics/375.5.txt is not politics/375. */
typedef struct {
    size_t prefix_len;        /* of the id term, up to and with the dot */
    buf_t list;               /* the candidates' ids, each NUL-terminated */
    size_t count;
} extended_t;

static int is_extension(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if ((i == 0 || s[i - 1] == '.') ? !letter
                                        : !(letter || (c >= '0' && c <= '9') || c == '.'))
            return 0;
    }
    return len > 0 && s[len - 1] != '.';
}

static int collect_extended(void *ctx, const char *term, size_t term_len, unsigned doc_freq)
{
    extended_t *e = ctx;
    (void)doc_freq;
    if (is_extension(term + e->prefix_len, term_len - e->prefix_len)) {
        buf_append(&e->list, term + strlen(PREFIX_ID), term_len - strlen(PREFIX_ID));
        buf_putc(&e->list, '\0');
        e->count++;
    }
    return e->count > 20;    /* enough to say it is ambiguous */
}

/* ID's one extended id (see extended_t), in *FOUND (malloc'ed); else
 * SEARCH_NOT_FOUND, reported with the candidates when there are several. */
static search_status_t find_extended(searcher_t *s, const char *id, char **found)
{
    buf_t prefix = BUF_INIT;
    extended_t e = { 0, BUF_INIT, 0 };
    search_status_t status = SEARCH_NOT_FOUND;

    *found = NULL;
    buf_printf(&prefix, "%s%s.", PREFIX_ID, id);
    e.prefix_len = prefix.len;
    xs_status_t st = prefix.failed ? XS_NO_MEMORY
                                   : xs_db_each_term(s->db, prefix.data, collect_extended, &e);
    if (st == XS_NO_MEMORY || e.list.failed)
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    else if (st != XS_OK)
        status = search_fail(s, SEARCH_INDEX_ERROR, "%s", xs_db_last_error(s->db));
    else if (e.count == 1) {
        *found = buf_detach(&e.list);
        status = SEARCH_OK;
    } else if (e.count == 0)
        search_fail(s, SEARCH_NOT_FOUND, "no article with the id '%s' in the index", id);
    else {
        buf_t names = BUF_INIT;
        for (const char *c = e.list.data; c < e.list.data + e.list.len; c += strlen(c) + 1)
            buf_printf(&names, "%s%s", c == e.list.data ? "" : ", ", c);
        search_fail(s, SEARCH_NOT_FOUND, "the id '%s' is ambiguous: it could be %s%s", id,
                    names.failed ? "?" : names.data, e.count > 20 ? ", ..." : "");
        buf_free(&names);
    }
    buf_free(&prefix);
    buf_free(&e.list);
    return status;
}

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
    if (st == XS_NOT_FOUND) {
        /* An id without its extension: the article, if it is the only one. */
        char *extended;
        search_status_t found = find_extended(s, id, &extended);
        if (found != SEARCH_OK)
            return found;
        status = searcher_article(s, extended, doc);
        free(extended);
        return status;
    }
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
