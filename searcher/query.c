/* query.c: turn the words of a query into Xapian queries.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "query.h"
#include "schema.h"

typedef struct {
    query_t *q;
    xs_query_t **groups;      /* one query per distinct stem */
    int failed;
} parse_state_t;

/* The query for one stem: body, title and comments, each weighted. */
static xs_query_t *stem_query(const char *stem, size_t len)
{
    static const struct { const char *prefix; double weight; } fields[] = {
        { PREFIX_STEM, 1.0 },
        { PREFIX_STEM PREFIX_TITLE, QUERY_TITLE_WEIGHT },
        { PREFIX_STEM PREFIX_COMMENT, QUERY_COMMENT_WEIGHT },
    };
    xs_query_t *parts[3] = { NULL, NULL, NULL }, *result = NULL;
    size_t n = 0;

    for (; n < 3; n++) {
        buf_t term = BUF_INIT;
        xs_query_t *plain = NULL;
        buf_puts(&term, fields[n].prefix);
        buf_append(&term, stem, len);
        if (term.failed || xs_query_term(term.data, term.len, 1, 0, &plain) != XS_OK
            || xs_query_scale(plain, fields[n].weight, &parts[n]) != XS_OK) {
            xs_query_destroy(plain);
            buf_free(&term);
            break;
        }
        xs_query_destroy(plain);
        buf_free(&term);
    }
    if (n == 3)
        xs_query_combine(XS_OP_OR, (const xs_query_t *const *)parts, 3, 0, &result);
    for (size_t i = 0; i < 3; i++)
        xs_query_destroy(parts[i]);
    return result;
}

static int add_word(void *ctx, const token_t *tok)
{
    parse_state_t *st = ctx;
    query_t *q = st->q;

    for (size_t i = 0; i < q->term_count; i++)
        if (q->terms[i].len == tok->stem_len
            && memcmp(q->terms[i].text, tok->stem, tok->stem_len) == 0)
            return 0;   /* the same word twice counts once */

    match_term_t *terms = realloc(q->terms, (q->term_count + 1) * sizeof *terms);
    xs_query_t **groups = terms ? realloc(st->groups, (q->term_count + 1) * sizeof *groups) : NULL;
    if (terms)
        q->terms = terms;
    if (groups)
        st->groups = groups;
    char *stem = groups ? xstrndup(tok->stem, tok->stem_len) : NULL;
    xs_query_t *group = stem ? stem_query(tok->stem, tok->stem_len) : NULL;
    if (group == NULL) {
        free(stem);
        st->failed = 1;
        return 1;
    }
    terms[q->term_count].kind = MATCH_STEM;
    terms[q->term_count].text = stem;
    terms[q->term_count].len = tok->stem_len;
    terms[q->term_count].group = q->group_count++;
    groups[q->term_count] = group;
    q->term_count++;
    return 0;
}

static int fail(char **errmsg, const char *msg)
{
    if (errmsg)
        *errmsg = strdup(msg);
    return -1;
}

int query_parse(analyzer_t *analyzer, const char *text, size_t len,
                query_t *out, char **errmsg)
{
    parse_state_t st = { out, NULL, 0 };
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (errmsg)
        *errmsg = NULL;
    if (analyzer_tokenize(analyzer, text, len, add_word, &st) != 0 || st.failed) {
        fail(errmsg, "out of memory");
        goto done;
    }
    if (out->term_count == 0) {
        fail(errmsg, "the query has no words to search for");
        goto done;
    }
    if (xs_query_combine(XS_OP_AND, (const xs_query_t *const *)st.groups,
                         out->term_count, 0, &out->all) != XS_OK
        || xs_query_combine(XS_OP_OR, (const xs_query_t *const *)st.groups,
                            out->term_count, 0, &out->any) != XS_OK) {
        fail(errmsg, "out of memory");
        goto done;
    }
    rc = 0;
done:
    for (size_t i = 0; i < out->term_count; i++)
        xs_query_destroy(st.groups ? st.groups[i] : NULL);
    free(st.groups);
    if (rc != 0)
        query_free(out);
    return rc;
}

void query_free(query_t *q)
{
    if (q == NULL)
        return;
    for (size_t i = 0; i < q->term_count; i++)
        free((char *)q->terms[i].text);
    free(q->terms);
    xs_query_destroy(q->all);
    xs_query_destroy(q->any);
    memset(q, 0, sizeof *q);
}
