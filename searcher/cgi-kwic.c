/* cgi-kwic.c: the concordance view of the results page (cgi-kwic.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "cgi-kwic.h"
#include "cgi-page.h"
#include "escape.h"
#include "kwic.h"
#include "marked.h"

typedef struct {
    buf_t *out;
    const cgi_request_t *req;
} row_ctx_t;

static int put_row(void *ctx, const hit_t *hit, const kwic_line_t *l)
{
    row_ctx_t *c = ctx;
    buf_t *out = c->out;

    buf_puts(out, "<tr><td class=\"l\">");
    if (l->cut_left)
        buf_puts(out, ELLIPSIS);
    esc_html(out, l->left, l->left_len);
    buf_puts(out, "</td><td class=\"m\"><mark>");
    esc_html(out, l->match, l->match_len);
    buf_puts(out, "</mark></td><td class=\"r\">");
    esc_html(out, l->right, l->right_len);
    if (l->cut_right)
        buf_puts(out, ELLIPSIS);
    buf_puts(out, "</td><td class=\"c\"><a ");
    cgi_page_doc_href(out, "doc", hit->doc.id, c->req->q);
    buf_puts(out, ">");
    esc_html(out, hit->doc.id, strlen(hit->doc.id));
    buf_printf(out, " " PILCROW "%u</a></td></tr>\n", l->paragraph);
    return 0;
}

void cgi_kwic(buf_t *out, const cgi_request_t *req, const search_result_t *r)
{
    row_ctx_t ctx = { out, req };

    buf_puts(out, "<table class=\"kwic\">\n<caption>Each match in its context, the "
                  "article and paragraph it is in</caption>\n<thead><tr><th scope=\"col\">"
                  "Before</th><th scope=\"col\">Match</th><th scope=\"col\">After</th>"
                  "<th scope=\"col\">In</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->hit_count; i++)
        kwic_each(&r->hits[i], CGI_KWIC_WIDTH, put_row, &ctx);
    buf_puts(out, "</tbody>\n</table>\n");
}
