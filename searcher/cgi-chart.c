/* cgi-chart.c: matches per period as an SVG bar chart in the page.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The numbers are --count-by's: the matches of each period (facet counts
 * under the filters) and the articles of the whole index in it, so a bar's
 * <title> reads as the terminal's --chart row ("12 of 340 (3.5%)").  No
 * script: the tooltip is SVG's <title>, the link an SVG <a>; the page's
 * Content-Security-Policy (default-src 'none') allows both, since neither
 * loads anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi-chart.h"
#include "cgi-page.h"

/* The drawing's units: the SVG scales to the column's width. */
#define WIDTH 640
#define BARS_TOP 24             /* room for the largest count */
#define BARS_HEIGHT 120
#define LABELS_HEIGHT 30
#define MIN_BAR 3               /* the height of the smallest count */
/* Labels that fit side by side, also in the phone's larger type. */
#define MAX_LABELS_YEARS 10     /* "2014" */
#define MAX_LABELS_MONTHS 6     /* "2014-06" */

/* A period as a number: a year, or year * 12 + month - 1. */
static int period_parse(const char *value, int by_month, long *out)
{
    int y, m = 1;
    char tail;
    if (by_month ? sscanf(value, "%4d-%2d%c", &y, &m, &tail) != 2
                 : sscanf(value, "%4d%c", &y, &tail) != 1)
        return -1;
    if (y < 0 || m < 1 || m > 12)
        return -1;
    *out = by_month ? (long)y * 12 + (m - 1) : y;
    return 0;
}

static void period_name(char *buf, size_t size, long p, int by_month)
{
    if (by_month)
        snprintf(buf, size, "%04ld-%02ld", p / 12, p % 12 + 1);
    else
        snprintf(buf, size, "%04ld", p);
}

/* The count of VALUE in F, whatever F's order. */
static unsigned facet_find(const search_facet_t *f, const char *value)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->values[i].value, value) == 0)
            return f->values[i].count;
    return 0;
}

/* The first and last period of F's values with matches.  Returns the
 * matches counted, 0 when there is none. */
static unsigned long span(const search_facet_t *f, int by_month, long *first, long *last)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < f->count; i++) {
        long p;
        if (f->values[i].count == 0 || period_parse(f->values[i].value, by_month, &p) != 0)
            continue;
        if (sum == 0 || p < *first)
            *first = p;
        if (sum == 0 || p > *last)
            *last = p;
        sum += f->values[i].count;
    }
    return sum;
}

void cgi_chart(buf_t *out, const cgi_request_t *req, const search_facet_t *years,
               const search_facet_t *months, const cgi_totals_t *totals)
{
    long first = 0, last = 0, mfirst = 0, mlast = 0;
    unsigned long dated = span(years, 0, &first, &last);

    if (dated == 0)
        return;
    /* Months only when they hold every dated match: an article dated by
     * its year alone is in no month's bar. */
    int by_month = span(months, 1, &mfirst, &mlast) == dated
                   && mlast - mfirst + 1 < CGI_CHART_MONTHS_UNDER;
    if (by_month) {
        first = mfirst;
        last = mlast;
    }
    const search_facet_t *matched = by_month ? months : years;
    const search_facet_t *all = by_month ? &totals->months : &totals->years;
    long bars = last - first + 1;
    unsigned most = 0;
    char name[32];
    for (long p = first; p <= last; p++) {
        period_name(name, sizeof name, p, by_month);
        unsigned n = facet_find(matched, name);
        most = n > most ? n : most;
    }
    double slot = (double)WIDTH / bars, bar = slot * 0.8;
    long every = (bars + (by_month ? MAX_LABELS_MONTHS : MAX_LABELS_YEARS) - 1)
                 / (by_month ? MAX_LABELS_MONTHS : MAX_LABELS_YEARS);

    buf_printf(out, "<figure class=\"chart\">\n<figcaption>Matches per %s: a bar links to "
                    "its %s; its tooltip gives the share of all the articles of the "
                    "%s.</figcaption>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                    "aria-label=\"Matches per %s\">\n",
               by_month ? "month" : "year", by_month ? "month" : "year",
               by_month ? "month" : "year", WIDTH, BARS_TOP + BARS_HEIGHT + LABELS_HEIGHT,
               by_month ? "month" : "year");
    buf_printf(out, "<text class=\"most\" x=\"0\" y=\"18\">%u</text>\n"
                    "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
               most, BARS_TOP + BARS_HEIGHT, WIDTH, BARS_TOP + BARS_HEIGHT);
    for (long p = first; p <= last; p++) {
        period_name(name, sizeof name, p, by_month);
        unsigned n = facet_find(matched, name);
        unsigned articles = cgi_facet_count(all, name);
        double h = most ? (double)BARS_HEIGHT * n / most : 0;
        if (n && h < MIN_BAR)
            h = MIN_BAR;   /* a match is never an invisible bar */
        double x = (p - first) * slot + (slot - bar) / 2;
        if (n) {
            cgi_request_t link = *req;
            link.from = link.to = name;
            link.page = 1;
            buf_puts(out, "<a ");
            cgi_page_results_href(out, &link);
            buf_printf(out, " aria-label=\"%s: %u match%s\">", name, n, n == 1 ? "" : "es");
        }
        buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                   x, BARS_TOP + BARS_HEIGHT - h, bar, h);
        if (articles)
            buf_printf(out, "<title>%s: %u of %u (%.1f%%)</title></rect>", name, n, articles,
                       100.0 * n / articles);
        else
            buf_printf(out, "<title>%s: %u of 0 (no articles)</title></rect>", name, n);
        buf_puts(out, n ? "</a>\n" : "\n");
        if ((p - first) % every == 0)
            buf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                       x + bar / 2, BARS_TOP + BARS_HEIGHT + 24, name);
    }
    buf_puts(out, "</svg>\n</figure>\n");
}
