#!/bin/sh
# t0231-page-browser.sh: the search page in headless chromium, served by lighttpd: the chart
# as the browser builds it, the layout at 1280 and 390 px wide, screenshots kept.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/chromium.sh"
. "$TRAWL_SRCDIR/tests/page-corpus.sh"
. "$TRAWL_SRCDIR/tests/cgi-server.sh"
cgi_server_start

# --- the DOM the browser builds from the served page
chrome --dump-dom "$base_url?q=budget"
dom=$(cat "$tmp/.dom")
# --count-by: period,matches,stories,articles,share; the chart counts articles.
bars=$(trawl_search --db "$tmp/db" --count-by year --format csv budget |
    awk -F, 'NR > 1 && $1 ~ /^[0-9]/ && $2 > 0 { printf "%s: %d of %d (%.1f%%)\n", $1, $2, $4, 100 * $2 / $4 }')
is "DOM: the chart's bars, as --count-by year counts them" \
    "$(printf '%s\n' "$dom" | sed -n 's/.*<rect[^>]*><title>\([^<]*\)<\/title><\/rect>.*/\1/p')" "$bars"
is "DOM: each bar a link in the SVG" "$(printf '%s\n' "$dom" | grep -c '^<a href="?q=budget&amp;from=20[0-9]*&amp;to=20[0-9]*" aria-label=')" \
    "$(printf '%s\n' "$bars" | wc -l | tr -d ' ')"
like "DOM: sources to pick from" "$dom" '<select id="source" name="source">'
like "DOM: date pickers" "$dom" '<input id="from" name="from" type="date"'
unlike "DOM: no script" "$dom" '<script'

# --- layout, measured by the browser.  The page runs no script (its CSP
# allows none); a copy of it, opened as a file, gets one that writes the
# boxes' positions into the DOM.
fetch '?q=budget'
layout_script='<script>
var box = function (s) { return document.querySelector(s).getBoundingClientRect(); };
var q = box("#q"), b = box(".qline button"), a = box("aside"), r = box("#results"), c = box(".chart svg");
document.body.setAttribute("data-layout", [
  Math.abs(q.top - b.top) < 2 && b.left > q.right - 1 ? "button-on-query-line" : "button-elsewhere",
  a.bottom <= r.top + 1 ? "facets-above" : a.left >= r.right - 1 ? "facets-right" : "facets-overlap",
  c.right <= innerWidth && c.height > 40 ? "chart-fits" : "chart-does-not-fit",
  document.documentElement.scrollWidth <= innerWidth ? "no-sideways-scroll" : "sideways-scroll"
].join(" "));
</script>'
printf '%s\n' "$body" | awk -v s="$layout_script" '/<\/body>/ { print s } { print }' > "$tmp/layout.html"
# layout WIDTH,HEIGHT: the data-layout the script wrote at that size
layout() {
    chrome --window-size="$1" --dump-dom "file://$tmp/layout.html"
    sed -n 's/.*<body data-layout="\([^"]*\)".*/\1/p' "$tmp/.dom"
}
is "1280 px: the button on the query's line, facets beside the results, the chart fits" \
    "$(layout 1280,900)" "button-on-query-line facets-right chart-fits no-sideways-scroll"
is "390 px: the button on the query's line, facets above the results, nothing wider than the phone" \
    "$(layout 390,844)" "button-on-query-line facets-above chart-fits no-sideways-scroll"

# --- screenshots, kept for people to look at
screenshot page-results.png 1280,900 "$base_url?q=budget" "the results at 1280 px"
screenshot page-results-phone.png 390,844 "$base_url?q=budget" "the results at 390 px"
screenshot page-months.png 1280,900 "$base_url?q=budget&from=2013&to=2013" "a year's months"
screenshot page-start.png 1280,900 "$base_url" "the start page"
screenshot page-start-phone.png 390,844 "$base_url" "the start page at 390 px"

# --- the concordance view: the browser's table has a row a match, each
# with its match marked in the middle cell
chrome --dump-dom "$base_url?q=budget&view=kwic"
dom=$(cat "$tmp/.dom")
rows=$(printf '%s\n' "$dom" | grep -c '^<tr><td class="l">' || true)
marks=$(printf '%s\n' "$dom" | grep -c '<td class="m"><mark>[Bb]udget</mark></td>' || true)
is "DOM: the concordance has a row a match, each match marked" "$marks" "$rows"
is "... and rows" "$([ "$rows" -gt 0 ] && echo some)" "some"
screenshot page-kwic.png 1280,900 "$base_url?q=budget&view=kwic" "the concordance view at 1280 px"

done_testing
