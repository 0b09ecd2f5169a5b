/* cgi-chart.h: the results page's chart of matches per year (or month),
 * inline SVG without script, each bar a link to its period.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_CGI_CHART_H
#define TRAWL_CGI_CHART_H

#include "buf.h"
#include "cgi-request.h"
#include "cgi-totals.h"
#include "search.h"

/* Per month when every dated match has a month and they span fewer than
 * this many months; else per year. */
#define CGI_CHART_MONTHS_UNDER 36

/* The chart of the matches YEARS and MONTHS (counts under the page's
 * filters, any order) against TOTALS (the index's articles of each
 * period: the share in each bar's <title>, as --count-by gives it), the
 * periods from the first match to the last, gaps included; nothing when
 * no match is dated.  Links are REQ's with from= and to= the period. */
void cgi_chart(buf_t *out, const cgi_request_t *req, const search_facet_t *years,
               const search_facet_t *months, const cgi_totals_t *totals);

#endif /* TRAWL_CGI_CHART_H */
