/* cgi-page.c: trawl.cgi's HTML pages and JSON results, escaped at output.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "cgi-chart.h"
#include "cgi-kwic.h"
#include "cgi-page.h"
#include "cite.h"
#include "escape.h"
#include "marked.h"
#include "output.h"

#define MIDDLE_DOT " \xC2\xB7 "      /* U+00B7, between metadata items */
/* Room for "YYYY-MM-DD" and for what snprintf() might write in theory. */
#define FULL_DATE_SIZE 24
#define EN_DASH "\xE2\x80\x93"        /* U+2013, "Results 11-20" */

/* More sources than this are typed, not picked from a list. */
#define MAX_SOURCE_OPTIONS 200

/* Page numbers shown on each side of the current one. */
#define PAGE_LINKS_AROUND 3

/* One small style sheet, inline so that the program is one file to install.
 * Colours keep a contrast of at least 4.5:1 (WCAG AA) on their background;
 * the layout is one column on a phone, results beside facets on a wide
 * screen; focus stays visible for keyboard users. */
static const char style_sheet[] =
    "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}"
    "header,main,footer{max-width:62rem;margin:0 auto;padding:0 1rem}"
    "header{border-bottom:1px solid #ccc;padding-bottom:.5rem}"
    "h1{font-size:1.4rem;margin:.6rem 0}h1 a{color:inherit;text-decoration:none}"
    "h2{font-size:1.15rem}h3{font-size:1.05rem;margin:.2rem 0}"
    "a{color:#0b4fa8}a:focus,input:focus,select:focus,button:focus{outline:3px solid #e07b00;outline-offset:1px}"
    ".skip{position:absolute;left:-999px}.skip:focus{position:static;display:inline-block;margin:.3rem 1rem}"
    "form{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:end}"
    "form div{display:flex;flex-direction:column}"
    "form div.qline{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:0 .4rem;flex:1 1 100%}"
    ".qline label{grid-column:1/-1}"
    "label{font-size:.85rem;color:#333}"
    "input,select,button{font:inherit;padding:.3rem .4rem;border:1px solid #767676;border-radius:3px;"
    "box-sizing:border-box;height:2.4rem}"
    "#q{width:auto;min-width:0}.short{width:10rem}select{max-width:16rem}"
    "button{background:#0b4fa8;color:#fff;border-color:#0b4fa8;cursor:pointer}"
    ".layout{display:flex;flex-wrap:wrap;gap:0 2rem}"
    ".results-col{flex:1 1 30rem;min-width:0}aside{flex:0 1 14rem}"
    "@media (max-width:40rem){aside{order:-1;flex-basis:100%}}"
    ".chart{margin:.5rem 0}.chart figcaption{font-size:.85rem;color:#4a4a4a}"
    ".chart svg{width:100%;height:auto;max-height:12rem}.chart rect{fill:#0b4fa8}"
    ".chart a:hover rect,.chart a:focus rect{fill:#e07b00}.chart line{stroke:#767676}"
    ".chart text{font-size:13px;fill:#4a4a4a}"
    "@media (max-width:40rem){.chart text{font-size:20px}}"
    "aside ul ul{padding-left:1rem;font-size:.9rem}"
    ".help dt{font-family:monospace;margin-top:.4rem}.help dd{margin-left:1.5rem}"
    "ol.hits{padding-left:1.6rem}ol.hits>li{margin-bottom:1.2rem}"
    ".meta,.summary,.count{color:#4a4a4a}.meta{margin:.1rem 0;font-size:.9rem}"
    ".snip{margin:.3rem 0}.para{color:#4a4a4a;font-size:.85rem;margin-right:.3rem}"
    "mark{background:#ffe55c;color:#000;padding:0 .1em}"
    ".cite{font-size:.9rem;margin:.3rem 0}"
    "nav ul,aside ul{list-style:none;padding:0}nav li{display:inline-block;margin-right:.5rem}"
    "aside li{margin:.2rem 0}.current{font-weight:bold}"
    "dl.meta{display:grid;grid-template-columns:auto 1fr;gap:.1rem 1rem}dt{font-weight:bold}dd{margin:0}"
    ".comments{border-left:4px solid #999;padding-left:1rem;background:#f4f4f4}"
    "pre{white-space:pre-wrap;background:#f4f4f4;padding:.6rem;overflow-wrap:anywhere}"
    ".notice{border-left:4px solid #e07b00;padding-left:.8rem}"
    "footer{border-top:1px solid #ccc;margin-top:2rem;font-size:.85rem;color:#4a4a4a}"
    ".kwic{border-collapse:collapse;width:100%;font-size:.9rem}"
    ".kwic caption{text-align:left;color:#4a4a4a}.kwic th{text-align:left}"
    ".kwic td{white-space:nowrap;padding:.1rem .3rem;border-bottom:1px solid #eee}"
    ".kwic .l{text-align:right}.kwic .m{text-align:center}.kwic .c{font-size:.8rem}"
    ".results-col{overflow-x:auto}";

static void put_html(buf_t *out, const char *s)
{
    esc_html(out, s, strlen(s));
}

static void put_attr(buf_t *out, const char *s)
{
    esc_attr(out, s, strlen(s));
}

/* "2014-06-03" as "3 June 2014", partial dates as far as they go, as
 * trawl-search prints them; anything else as it is. */
static void put_date(buf_t *out, const char *date)
{
    if (!cite_format_date(out, date))
        put_html(out, date);
}

static const char *doc_title(const stored_doc_t *doc)
{
    return doc->title ? doc->title : doc->id;
}

/* Appends "&key=value" (or "?key=value" first) to the URL being built. */
static void url_param(buf_t *url, const char *key, const char *value)
{
    buf_putc(url, url->len ? '&' : '?');
    buf_puts(url, key);
    buf_putc(url, '=');
    esc_url(url, value, strlen(value));
}

/* The URL of the results page for REQ (defaults left out), as text: escape
 * it with put_attr() in an href. */
static void results_url(buf_t *url, const cgi_request_t *req)
{
    url_param(url, "q", req->q);
    if (req->source)
        url_param(url, "source", req->source);
    if (req->from)
        url_param(url, "from", req->from);
    if (req->to)
        url_param(url, "to", req->to);
    if (req->sort != SEARCH_BY_RELEVANCE)
        url_param(url, "sort", search_sort_name(req->sort));
    if (req->hits_per_page != req->default_hits)
        buf_printf(url, "&hits=%u", req->hits_per_page);
    if (req->keep_duplicates)
        buf_puts(url, "&dup=keep");
    if (req->kwic)
        buf_puts(url, "&view=kwic");
    if (req->page > 1)
        buf_printf(url, "&page=%u", req->page);
}

/* href="URL" for the results page REQ. */
static void put_results_href(buf_t *out, const cgi_request_t *req)
{
    buf_t url = BUF_INIT;
    results_url(&url, req);
    buf_puts(out, "href=\"");
    put_attr(out, url.data ? url.data : "?");
    buf_putc(out, '"');
    buf_free(&url);
}

void cgi_page_results_href(buf_t *out, const cgi_request_t *req)
{
    put_results_href(out, req);
}

/* href="?KEY=ID&q=Q" for an article's pages (view, cite). */
static void put_doc_href(buf_t *out, const char *key, const char *id, const char *q)
{
    buf_t url = BUF_INIT;
    url_param(&url, key, id);
    if (*q)
        url_param(&url, "q", q);
    buf_puts(out, "href=\"");
    put_attr(out, url.data);
    buf_putc(out, '"');
    buf_free(&url);
}

void cgi_page_doc_href(buf_t *out, const char *key, const char *id, const char *q)
{
    put_doc_href(out, key, id, q);
}

/* A labelled input of the search form. */
static void put_input(buf_t *out, const char *name, const char *label, const char *value,
                      const char *extra)
{
    buf_printf(out, "<div><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" %s value=\"",
               name, label, name, name, extra);
    put_attr(out, value ? value : "");
    buf_puts(out, "\"></div>\n");
}

static int month_days(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* DATE ("YYYY", "YYYY-MM" or "YYYY-MM-DD", checked) as the day an
 * <input type=date> shows: the first day of the span it names, or with
 * LAST its last, so that the filter the form sends back is the same. */
static void full_date(char out[FULL_DATE_SIZE], const char *date, int last)
{
    int y = 0, m = last ? 12 : 1;
    size_t n = strlen(date);

    if (n >= 10) {
        snprintf(out, FULL_DATE_SIZE, "%.10s", date);
        return;
    }
    if (sscanf(date, "%4d", &y) != 1)
        y = 0;
    if (n >= 7 && sscanf(date + 5, "%2d", &m) != 1)
        m = 1;
    if (m < 1 || m > 12)
        m = 1;
    snprintf(out, FULL_DATE_SIZE, "%04d-%02d-%02d", y % 10000, m, last ? month_days(y, m) : 1);
}

/* The year ("2014") or month ("2014-06") that REQ's dates span exactly,
 * however written (2014 to 2014, or 2014-01-01 to 2014-12-31, as the
 * form sends it back), into PERIOD; "" when they span none. */
static void active_period(const cgi_request_t *req, char period[8])
{
    char from[FULL_DATE_SIZE], to[FULL_DATE_SIZE];

    period[0] = '\0';
    if (req->from == NULL || req->to == NULL)
        return;
    full_date(from, req->from, 0);
    full_date(to, req->to, 1);
    if (strncmp(from, to, 4) != 0 || strcmp(from + 8, "01") != 0)
        return;
    if (strcmp(from + 4, "-01-01") == 0 && strcmp(to + 4, "-12-31") == 0)
        snprintf(period, 8, "%.4s", from);
    else if (strncmp(from, to, 7) == 0) {
        char month[8], last[FULL_DATE_SIZE];
        snprintf(month, sizeof month, "%.7s", from);
        full_date(last, month, 1);
        if (strcmp(last, to) == 0)
            snprintf(period, 8, "%.7s", from);
    }
}

/* The source filter: a list of the index's sources with their articles
 * when there are not too many of them, else a text box; none when the
 * index has no source. */
static void put_source_field(buf_t *out, const cgi_request_t *req)
{
    const search_facet_t *f = req->totals ? &req->totals->sources : NULL;
    int found = 0;

    /* An index with no source has nothing to filter by. */
    if (f && f->count == 0 && req->source == NULL)
        return;
    if (f == NULL || f->count == 0 || f->count > MAX_SOURCE_OPTIONS) {
        put_input(out, "source", "Source", req->source,
                  "type=\"text\" maxlength=\"200\" class=\"short\"");
        return;
    }
    buf_puts(out, "<div><label for=\"source\">Source</label><select id=\"source\" "
                  "name=\"source\">\n<option value=\"\">Any source</option>\n");
    for (size_t i = 0; i < f->count; i++) {
        int selected = req->source && strcmp(req->source, f->values[i].value) == 0;
        found |= selected;
        buf_puts(out, "<option value=\"");
        put_attr(out, f->values[i].value);
        buf_printf(out, "\"%s>", selected ? " selected" : "");
        put_html(out, f->values[i].value);
        buf_printf(out, " (%u)</option>\n", f->values[i].count);
    }
    if (req->source && !found) {
        /* A source the index no longer has stays what was asked for. */
        buf_puts(out, "<option selected value=\"");
        put_attr(out, req->source);
        buf_puts(out, "\">");
        put_html(out, req->source);
        buf_puts(out, " (0)</option>\n");
    }
    buf_puts(out, "</select></div>\n");
}

/* A date filter as a date picker, bounded by the index's years. */
static void put_date_field(buf_t *out, const cgi_request_t *req, const char *name,
                           const char *label, const char *value, int last)
{
    const search_facet_t *years = req->totals ? &req->totals->years : NULL;
    char shown[FULL_DATE_SIZE], extra[96];

    if (value)
        full_date(shown, value, last);
    if (years && years->count)
        snprintf(extra, sizeof extra, "type=\"date\" min=\"%.4s-01-01\" max=\"%.4s-12-31\"",
                 years->values[0].value, years->values[years->count - 1].value);
    else
        snprintf(extra, sizeof extra, "type=\"date\"");
    put_input(out, name, label, value ? shown : NULL, extra);
}

void cgi_page_begin(buf_t *out, const cgi_request_t *req, const char *title)
{
    static const struct { search_sort_t sort; const char *label; } sorts[] = {
        { SEARCH_BY_RELEVANCE, "Best match" },
        { SEARCH_NEWEST_FIRST, "Newest first" },
        { SEARCH_OLDEST_FIRST, "Oldest first" },
    };

    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>");
    if (title && *title) {
        put_html(out, title);
        buf_puts(out, " - ");
    }
    put_html(out, req->site_title);
    buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n"
                    "<a class=\"skip\" href=\"#%s\">Skip to %s</a>\n<header>\n"
                    "<h1><a href=\"?\">", style_sheet, req->has_results ? "results" : "main",
               req->has_results ? "the results" : "the content");
    put_html(out, req->site_title);
    buf_puts(out, "</a></h1>\n<form method=\"get\" role=\"search\">\n");
    /* The button in the query's row, whatever the width. */
    buf_puts(out, "<div class=\"qline\"><label for=\"q\">Search for</label><input id=\"q\" "
                  "name=\"q\" type=\"search\" maxlength=\"1024\" value=\"");
    put_attr(out, req->q);
    buf_puts(out, "\"><button type=\"submit\">Search</button></div>\n");
    put_source_field(out, req);
    put_date_field(out, req, "from", "From", req->from, 0);
    put_date_field(out, req, "to", "To", req->to, 1);
    buf_puts(out, "<div><label for=\"sort\">Order</label><select id=\"sort\" name=\"sort\">");
    for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
        buf_printf(out, "<option value=\"%s\"%s>%s</option>", search_sort_name(sorts[i].sort),
                   sorts[i].sort == req->sort ? " selected" : "", sorts[i].label);
    buf_puts(out, "</select></div>\n");
    buf_printf(out, "<div><label><input type=\"checkbox\" name=\"dup\" value=\"keep\"%s> "
                    "Every copy</label></div>\n", req->keep_duplicates ? " checked" : "");
    if (req->hits_per_page != req->default_hits)
        buf_printf(out, "<input type=\"hidden\" name=\"hits\" value=\"%u\">\n", req->hits_per_page);
    buf_puts(out, "</form>\n</header>\n<main id=\"main\">\n");
}

void cgi_page_end(buf_t *out)
{
    buf_printf(out, "</main>\n<footer><p>trawl %s: full-text search over Xapian %s.</p></footer>\n"
                    "</body>\n</html>\n", TRAWL_VERSION, search_xapian_version());
}

/* Fragment F of DOC, escaped, its matched words in <mark> (adjacent marked
 * words as one mark, as trawl-search prints them). */
static void put_fragment(buf_t *out, const stored_doc_t *doc, const fragment_t *f)
{
    if (f->cut_before)
        buf_puts(out, ELLIPSIS);
    marked_write(out, esc_html, doc->text + f->start, 0, f->end - f->start, f->marks,
                 f->mark_count, "<mark>", "</mark>", 1);
    if (f->cut_after)
        buf_puts(out, ELLIPSIS);
}

/* Source, date and byline of DOC, with MIDDLE_DOT between them. */
static void put_doc_meta(buf_t *out, const stored_doc_t *doc)
{
    int any = 0;
    if (doc->source) {
        put_html(out, doc->source);
        any = 1;
    }
    buf_puts(out, any ? MIDDLE_DOT : "");
    if (doc->date)
        put_date(out, doc->date);
    else
        buf_puts(out, "date unknown");
    if (doc->byline) {
        buf_puts(out, MIDDLE_DOT);
        put_html(out, doc->byline);
    }
}

static void put_hit(buf_t *out, const cgi_request_t *req, const hit_t *hit)
{
    const stored_doc_t *doc = &hit->doc;
    buf_t cite = BUF_INIT;

    buf_printf(out, "<li value=\"%u\"><article>\n<h3><a ", hit->rank);
    put_doc_href(out, "doc", doc->id, req->q);
    buf_putc(out, '>');
    put_html(out, doc_title(doc));
    buf_puts(out, "</a></h3>\n<p class=\"meta\">");
    put_doc_meta(out, doc);
    if (!hit->has_all_words)
        buf_puts(out, MIDDLE_DOT "some of the words");
    buf_puts(out, "</p>\n");
    if (hit->copy_count) {
        /* The terminal's words, each name escaped for HTML. */
        buf_puts(out, "<p class=\"meta copies\">");
        output_copies_line(out, hit, esc_html);
        buf_puts(out, "</p>\n");
    }
    for (size_t k = 0; k < hit->snippet.fragment_count; k++) {
        const fragment_t *f = &hit->snippet.fragments[k];
        buf_printf(out, "<p class=\"snip\"><span class=\"para\">" PILCROW "%u%s</span>",
                   f->paragraph,
                   docdata_paragraph_kind(doc, f->paragraph) == 'C' ? " (reader comment)" : "");
        put_fragment(out, doc, f);
        buf_puts(out, "</p>\n");
    }
    cite_citation(&cite, hit);
    buf_puts(out, "<p class=\"cite\">");
    put_html(out, cite.data ? cite.data : "");
    buf_puts(out, " <a ");
    put_doc_href(out, "cite", doc->id, req->q);
    buf_puts(out, " aria-label=\"Cite ");
    put_attr(out, doc_title(doc));
    buf_puts(out, " as text or BibTeX\">cite</a></p>\n</article></li>\n");
    buf_free(&cite);
}

static void put_pagination(buf_t *out, const cgi_request_t *req, unsigned last_page)
{
    cgi_request_t link = *req;
    unsigned first = req->page > PAGE_LINKS_AROUND ? req->page - PAGE_LINKS_AROUND : 1;
    unsigned last = req->page + PAGE_LINKS_AROUND < last_page ? req->page + PAGE_LINKS_AROUND
                                                              : last_page;
    if (last_page <= 1)
        return;
    buf_puts(out, "<nav aria-label=\"Pages\"><ul>\n");
    if (req->page > 1) {
        link.page = req->page - 1;
        buf_puts(out, "<li><a rel=\"prev\" ");
        put_results_href(out, &link);
        buf_puts(out, ">Previous</a></li>\n");
    }
    for (unsigned p = first; p <= last; p++) {
        if (p == req->page) {
            buf_printf(out, "<li><span class=\"current\" aria-current=\"page\">%u</span></li>\n", p);
            continue;
        }
        link.page = p;
        buf_puts(out, "<li><a ");
        put_results_href(out, &link);
        buf_printf(out, " aria-label=\"Page %u\">%u</a></li>\n", p, p);
    }
    if (req->page < last_page) {
        link.page = req->page + 1;
        buf_puts(out, "<li><a rel=\"next\" ");
        put_results_href(out, &link);
        buf_puts(out, ">Next</a></li>\n");
    }
    buf_puts(out, "</ul></nav>\n");
}

/* A facet value: a link to the results filtered by it (LINK), or the
 * filter in force (CURRENT); its count after it. */
static void put_facet_value(buf_t *out, const cgi_request_t *link, const search_facet_value_t *e,
                            int current)
{
    if (current) {
        buf_puts(out, "<li><span class=\"current\">");
        put_html(out, e->value);
        buf_printf(out, "</span> <span class=\"count\">(%u)</span>", e->count);
        return;
    }
    buf_puts(out, "<li><a ");
    put_results_href(out, link);
    buf_putc(out, '>');
    put_html(out, e->value);
    buf_printf(out, "</a> <span class=\"count\">(%u)</span>", e->count);
}

/* The months of YEAR among MONTHS ("2014-06", in byte order), under the
 * year in force: the drill-down from a year to its months. */
static void put_months(buf_t *out, const cgi_request_t *req, const char *year,
                       const search_facet_t *months, const char *period)
{
    int any = 0;
    for (size_t i = 0; i < months->count; i++) {
        const search_facet_value_t *e = &months->values[i];
        cgi_request_t link = *req;
        if (strncmp(e->value, year, 4) != 0 || e->count == 0)
            continue;
        buf_puts(out, any ? "" : "\n<ul aria-label=\"Months\">\n");
        any = 1;
        link.page = 1;
        link.from = link.to = e->value;
        put_facet_value(out, &link, e, strcmp(period, e->value) == 0);
        buf_puts(out, "</li>\n");
    }
    if (any)
        buf_puts(out, "</ul>\n");
}

/* One facet list: each value links to the results filtered by it; under
 * the year in force, its MONTHS. */
static void put_facet(buf_t *out, const cgi_request_t *req, const char *heading,
                      const search_facet_t *facet, int is_year, const search_facet_t *months)
{
    char period[8];
    active_period(req, period);
    const char *active = is_year ? (*period ? period : NULL) : req->source;
    /* Nothing to pick and nothing picked: no empty heading. */
    if (facet->count == 0 && !active && !(is_year && (req->from || req->to)))
        return;
    buf_printf(out, "<h3>%s</h3>\n<ul>\n", heading);
    for (size_t i = 0; i < facet->count; i++) {
        const search_facet_value_t *e = &facet->values[i];
        cgi_request_t link = *req;
        link.page = 1;
        if (is_year)
            link.from = link.to = e->value;
        else
            link.source = e->value;
        put_facet_value(out, &link, e, active && strcmp(active, e->value) == 0);
        if (is_year && months && active && strncmp(active, e->value, 4) == 0)
            put_months(out, req, e->value, months, active);
        buf_puts(out, "</li>\n");
    }
    if (active || (is_year && (req->from || req->to))) {
        cgi_request_t link = *req;
        link.page = 1;
        if (is_year)
            link.from = link.to = NULL;
        else
            link.source = NULL;
        buf_puts(out, "<li><a ");
        put_results_href(out, &link);
        buf_printf(out, ">%s</a></li>\n", is_year ? "Any date" : "Any source");
    }
    buf_puts(out, "</ul>\n");
}

/* The facet of the metadata field NAME: each value links to the query
 * with NAME="value" added, the query language's own filter, so the search
 * box shows it and it can be taken out again. */
static void put_field_facet(buf_t *out, const cgi_request_t *req, const char *name,
                            const search_facet_t *facet)
{
    if (facet->count == 0)
        return;
    buf_printf(out, "<h3>%c", name[0] >= 'a' && name[0] <= 'z' ? name[0] - 'a' + 'A' : name[0]);
    put_html(out, name + 1);
    buf_puts(out, "</h3>\n<ul>\n");
    for (size_t i = 0; i < facet->count; i++) {
        const search_facet_value_t *e = &facet->values[i];
        cgi_request_t link = *req;
        buf_t q = BUF_INIT;
        if (strchr(e->value, '"'))
            continue;       /* a value the query language cannot quote */
        buf_printf(&q, "%s %s=\"%s\"", req->q, name, e->value);
        if (q.failed) {
            out->failed = 1;
            buf_free(&q);
            break;
        }
        link.q = q.data;
        link.page = 1;
        buf_puts(out, "<li><a ");
        put_results_href(out, &link);
        buf_putc(out, '>');
        put_html(out, e->value);
        buf_printf(out, "</a> <span class=\"count\">(%u)</span></li>\n", e->count);
        buf_free(&q);
    }
    buf_puts(out, "</ul>\n");
}

/* "Results 11–20 of 246" ("of about 246" for an estimate). */
static void put_range(buf_t *out, const cgi_request_t *req, const search_result_t *r)
{
    unsigned first = (req->page - 1) * req->hits_per_page + 1;

    if (r->hit_count == 0)
        return;
    buf_printf(out, "<p class=\"range\">Results %u" EN_DASH "%u of %s%u</p>\n", first,
               first + (unsigned)r->hit_count - 1, r->counts_exact ? "" : "about ",
               r->collapsed ? r->stories : r->matches);
}

/* Links to the results (the query, filters and order, not the page) as
 * files: format=csv, bibtex, ris (cgi-download.h). */
static void put_downloads(buf_t *out, const cgi_request_t *req, const search_result_t *r)
{
    static const char *const names[][2] = {
        { "csv", "CSV" }, { "bibtex", "BibTeX" }, { "ris", "RIS" },
    };
    cgi_request_t all = *req;

    if (r->matches == 0)
        return;
    all.page = 1;
    all.hits_per_page = all.default_hits;
    all.kwic = 0;   /* a download is of the results, whichever view */
    buf_printf(out, "<p class=\"downloads\">Download %s results as ",
               (r->collapsed ? r->stories : r->matches) > CGI_MAX_DOWNLOAD
                   ? "the first " CGI_MAX_DOWNLOAD_TEXT : "these");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        buf_t url = BUF_INIT;
        results_url(&url, &all);
        url_param(&url, "format", names[i][0]);
        buf_puts(out, i == 0 ? "" : i + 1 < sizeof names / sizeof names[0] ? ", " : " or ");
        buf_puts(out, "<a download href=\"");
        put_attr(out, url.data ? url.data : "?");
        buf_printf(out, "\">%s</a>", names[i][1]);
        buf_free(&url);
    }
    buf_puts(out, ".</p>\n");
}

/* A link to the other view of the same results: the hits, or their
 * matches as concordance lines. */
static void put_view_switch(buf_t *out, const cgi_request_t *req, const search_result_t *r)
{
    cgi_request_t other = *req;

    if (r->hit_count == 0)
        return;
    other.kwic = !req->kwic;
    buf_puts(out, "<p class=\"view\"><a ");
    put_results_href(out, &other);
    buf_puts(out, req->kwic ? ">Show the results</a></p>\n"
                            : ">Show each match in its context (concordance)</a></p>\n");
}

void cgi_page_results(buf_t *out, const cgi_request_t *req, const cgi_results_t *res)
{
    const search_result_t *r = res->result;

    /* The words and numbers of output_count_line() need no escaping. */
    buf_puts(out, "<p class=\"summary\" role=\"status\">");
    output_count_line(out, r);
    buf_printf(out, " (%.3f seconds)</p>\n", res->seconds);
    if (res->suggestion) {
        cgi_request_t link = *req;
        link.q = res->suggestion;
        link.page = 1;
        buf_puts(out, "<p class=\"notice\">Did you mean <a ");
        put_results_href(out, &link);
        buf_puts(out, ">");
        put_html(out, res->suggestion);
        buf_puts(out, "</a>?</p>\n");
    }
    if (req->totals)
        cgi_chart(out, req, res->years, res->months, req->totals);
    buf_puts(out, "<div class=\"layout\">\n<section class=\"results-col\" id=\"results\" "
                  "aria-labelledby=\"results-heading\">\n<h2 id=\"results-heading\">Results</h2>\n");
    put_range(out, req, r);
    put_downloads(out, req, r);
    put_view_switch(out, req, r);
    if (r->hit_count == 0)
        buf_puts(out, r->matches ? "<p>No more results: this page is past the last one.</p>\n"
                                 : "<p>No article matches. Try other words, or fewer "
                                   "filters.</p>\n");
    else if (req->kwic)
        cgi_kwic(out, req, r);
    else {
        buf_puts(out, "<ol class=\"hits\">\n");
        for (size_t i = 0; i < r->hit_count; i++)
            put_hit(out, req, &r->hits[i]);
        buf_puts(out, "</ol>\n");
    }
    put_pagination(out, req, res->last_page);
    buf_puts(out, "</section>\n");
    size_t field_values = 0;
    for (size_t i = 0; i < res->field_count; i++)
        field_values += res->fields[i].count;
    if (res->sources->count || res->years->count || field_values || req->source || req->from
        || req->to) {
        buf_puts(out, "<aside aria-labelledby=\"facets-heading\">\n"
                      "<h2 id=\"facets-heading\">Narrow down</h2>\n");
        put_facet(out, req, "Source", res->sources, 0, NULL);
        put_facet(out, req, "Year", res->years, 1, res->months);
        for (size_t i = 0; i < res->field_count; i++)
            put_field_facet(out, req, res->field_names[i], &res->fields[i]);
        buf_puts(out, "</aside>\n");
    }
    buf_puts(out, "</div>\n");
}

/* The paragraphs of DOC of KIND ('B' or 'C') as list items numbered as in
 * citations (one numbering over the whole stored text), the COUNT MARKS
 * (offsets into the stored text, in order) each in <mark>: a word each, a
 * phrase whole. */
static void put_paragraphs(buf_t *out, const stored_doc_t *doc, char kind, const mark_t *marks,
                           size_t count)
{
    size_t at = 0, m = 0;
    unsigned number = 1;

    buf_puts(out, "<ol class=\"paras\">\n");
    while (at < doc->text_len) {
        const char *nl = memchr(doc->text + at, '\n', doc->text_len - at);
        size_t end = nl ? (size_t)(nl - doc->text) : doc->text_len, first = m;
        while (m < count && marks[m].start < end)
            m++;
        if (docdata_paragraph_kind(doc, number) == kind) {
            buf_printf(out, "<li value=\"%u\" id=\"p%u\">", number, number);
            marked_write(out, esc_html, doc->text, at, end, marks + first, m - first, "<mark>",
                         "</mark>", 0);
            buf_puts(out, "</li>\n");
        }
        number++;
        at = end + 1;
    }
    buf_puts(out, "</ol>\n");
}

/* Only web addresses become links: a stored "javascript:" URL stays text. */
static int is_web_url(const char *url)
{
    return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0;
}

static void put_meta_row(buf_t *out, const char *label, const char *value)
{
    if (value == NULL)
        return;
    buf_printf(out, "<dt>%s</dt><dd>", label);
    put_html(out, value);
    buf_puts(out, "</dd>\n");
}

void cgi_page_article(buf_t *out, const cgi_request_t *req, const stored_doc_t *doc,
                      const mark_t *marks, size_t mark_count)
{
    int has_comments = doc->kinds && strchr(doc->kinds, 'C') != NULL;

    buf_puts(out, "<article>\n<h2>");
    put_html(out, doc_title(doc));
    buf_puts(out, "</h2>\n");
    if (doc->title_derived)
        buf_puts(out, "<p class=\"meta\">No headline: the title is the first sentence.</p>\n");
    buf_puts(out, "<dl class=\"meta\">\n");
    put_meta_row(out, "Source", doc->source);
    buf_puts(out, "<dt>Date</dt><dd>");
    if (doc->date)
        put_date(out, doc->date);
    else
        buf_puts(out, "unknown");
    buf_puts(out, "</dd>\n");
    put_meta_row(out, "Byline", doc->byline);
    if (doc->url) {
        buf_puts(out, "<dt>URL</dt><dd>");
        if (is_web_url(doc->url)) {
            buf_puts(out, "<a rel=\"noreferrer\" href=\"");
            put_attr(out, doc->url);
            buf_puts(out, "\">");
            put_html(out, doc->url);
            buf_puts(out, "</a>");
        } else
            put_html(out, doc->url);
        buf_puts(out, "</dd>\n");
    }
    put_meta_row(out, "Document", doc->id);
    buf_printf(out, "<dt>Paragraphs</dt><dd>%zu</dd>\n</dl>\n<p><a ", doc->paragraph_count);
    put_doc_href(out, "cite", doc->id, req->q);
    buf_puts(out, ">Cite this article</a>");
    if (*req->q) {
        buf_puts(out, MIDDLE_DOT "<a ");
        put_results_href(out, req);
        buf_puts(out, ">Back to the results</a>");
    }
    buf_puts(out, "</p>\n<section aria-labelledby=\"text-heading\">\n"
                  "<h3 id=\"text-heading\">Text</h3>\n");
    put_paragraphs(out, doc, 'B', marks, mark_count);
    buf_puts(out, "</section>\n");
    if (has_comments) {
        buf_puts(out, "<section class=\"comments\" aria-labelledby=\"comments-heading\">\n"
                      "<h3 id=\"comments-heading\">Reader comments</h3>\n");
        put_paragraphs(out, doc, 'C', marks, mark_count);
        buf_puts(out, "</section>\n");
    }
    buf_puts(out, "</article>\n");
}

void cgi_page_cite(buf_t *out, const cgi_request_t *req, const hit_t *hit, const char *accessed)
{
    buf_t text = BUF_INIT, bibtex = BUF_INIT;

    cite_citation(&text, hit);
    cite_hit(&bibtex, CITE_BIBTEX, hit, accessed, 1);
    buf_puts(out, "<h2>Cite <a ");
    put_doc_href(out, "doc", hit->doc.id, req->q);
    buf_putc(out, '>');
    put_html(out, doc_title(&hit->doc));
    buf_puts(out, "</a></h2>\n<h3 id=\"cite-text\">Text</h3>\n<p aria-labelledby=\"cite-text\">");
    put_html(out, text.data ? text.data : "");
    buf_puts(out, "</p>\n<h3 id=\"cite-bibtex\">BibTeX</h3>\n<pre aria-labelledby=\"cite-bibtex\">");
    put_html(out, bibtex.data ? bibtex.data : "");
    buf_puts(out, "</pre>\n");
    if (*req->q)
        buf_puts(out, "<p>The paragraphs cited are those that show the words searched for.</p>\n");
    buf_free(&text);
    buf_free(&bibtex);
}

void cgi_page_message(buf_t *out, const char *heading, const char *text)
{
    buf_puts(out, "<h2>");
    put_html(out, heading);
    buf_puts(out, "</h2>\n<p class=\"notice\">");
    put_html(out, text);
    buf_puts(out, "</p>\n");
}
