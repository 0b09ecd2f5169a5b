/* cgi-start.c: trawl.cgi's start page: what the index holds, and how to
 * search it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "cgi-page.h"
#include "cite.h"
#include "escape.h"

/* A date of the index ("2004", "2004-06") for people: "June 2004". */
static void put_span_date(buf_t *out, const char *date)
{
    if (!cite_format_date(out, date))
        esc_html(out, date, strlen(date));
}

void cgi_page_start(buf_t *out, const cgi_request_t *req)
{
    /* The query language of query.h, what a reader needs most of it. */
    static const char *const help[][2] = {
        { "area teams", "articles with these words or other forms of them (team, "
                        "teams), those with every word first" },
        { "\"area teams\"", "the words side by side, in this order" },
        { "nhs OR health", "either word" },
        { "nhs -england", "articles without the word after the minus (also NOT)" },
        { "commission*", "words that start so" },
        { "bullying NEAR/5 staff", "the words within 5 words of each other" },
        { "title:budget", "the word in the headline (also byline:, source:)" },
        { "date:2004..2005-06", "articles of these dates (also the From and To fields)" },
    };
    const cgi_totals_t *t = req->totals;

    buf_puts(out, "<section class=\"start\" aria-labelledby=\"start-heading\">\n"
                  "<h2 id=\"start-heading\">The archive</h2>\n");
    if (t) {
        unsigned dated = 0;
        for (size_t i = 0; i < t->years.count; i++)
            dated += t->years.values[i].count;
        buf_printf(out, "<p class=\"index-size\">The index holds %u article%s", t->documents,
                   t->documents == 1 ? "" : "s");
        if (t->years.count) {
            const search_facet_t *span = t->months.count ? &t->months : &t->years;
            buf_puts(out, ", dated from ");
            put_span_date(out, span->values[0].value);
            buf_puts(out, " to ");
            put_span_date(out, span->values[span->count - 1].value);
            if (dated < t->documents)
                buf_printf(out, " (%u undated)", t->documents - dated);
        }
        if (t->sources.count)
            buf_printf(out, ", from %zu source%s", t->sources.count,
                       t->sources.count == 1 ? "" : "s");
        buf_puts(out, ".</p>\n");
    }
    buf_puts(out, "<h3>How to search</h3>\n<dl class=\"help\">\n");
    for (size_t i = 0; i < sizeof help / sizeof help[0]; i++) {
        cgi_request_t link = *req;
        link.q = help[i][0];
        link.source = link.from = link.to = NULL;
        buf_puts(out, "<dt><a ");
        cgi_page_results_href(out, &link);
        buf_putc(out, '>');
        esc_html(out, help[i][0], strlen(help[i][0]));
        buf_puts(out, "</a></dt><dd>");
        esc_html(out, help[i][1], strlen(help[i][1]));
        buf_puts(out, "</dd>\n");
    }
    buf_puts(out, "</dl>\n<p>Lower-case <code>and</code>, <code>or</code> and <code>not</code> "
                  "are words; the operators are written in capitals.</p>\n</section>\n");
}
