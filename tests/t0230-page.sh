#!/bin/sh
# t0230-page.sh: the search page a researcher expects: the chart of matches per period (its
# numbers are --count-by's), "Results 11-20 of N", CSV/BibTeX/RIS downloads (trawl-search's
# bytes), sources as a list, date pickers, month drill-down, skip link, start page.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

. "$TRAWL_SRCDIR/tests/page-corpus.sh"

get() { env -i REQUEST_METHOD=GET QUERY_STRING="$1" TRAWL_DB="$tmp/db" "$TRAWL_BUILDDIR/trawl.cgi"; }
# page QS: the body of the answer to QS (after the blank line ending the headers)
page() { get "$1" | sed '1,/^\r$/d'; }
# bars: each bar of the chart on stdin as "period,matches,articles"
bars() { sed -n 's/.*<title>\([0-9-]*\): \([0-9]*\) of \([0-9]*\) .*/\1,\2,\3/p'; }
# count_rows: --count-by's CSV on stdin (period,matches,stories,articles,share) as
# "period,matches,articles", rows with matches: the chart counts articles
count_rows() { awk -F, 'NR > 1 && $1 ~ /^[0-9]/ && $2 > 0 { print $1 "," $2 "," $4 }'; }
# stories QUERY: the stories trawl-search counts (the corpus's template
# articles are near-duplicates: the page shows one hit a story)
stories() { trawl_search --db "$tmp/db" --format json --fields id --limit 1 "$@" | head -n 1 |
    sed -n 's/.*"stories":\([0-9]*\).*/\1/p'; }

# --- the chart: its numbers are --count-by year's
body=$(page 'q=budget')
is "chart: per year, each bar as --count-by year counts it" "$(printf '%s\n' "$body" | bars | awk -F, '$2 > 0')" \
    "$(trawl_search --db "$tmp/db" --count-by year --format csv budget | count_rows)"
is "chart: a bar a year, 2010 to 2015" "$(printf '%s\n' "$body" | bars | cut -d, -f1 | tr '\n' ' ')" \
    "2010 2011 2012 2013 2014 2015 "
like "chart: inline SVG in a figure, captioned" "$body" '<figure class="chart">
<figcaption>Matches per year: a bar links to its year'
like "chart: a bar links to its year, the share in its title" "$body" \
    '<a href="?q=budget&amp;from=2013&amp;to=2013" aria-label="2013: '
share_2013=$(trawl_search --db "$tmp/db" --count-by year --format csv budget |
    awk -F, '$1 == "2013" { printf "%d of %d (%.1f%%)", $2, $4, 100 * $2 / $4 }')
like "chart: the share of 2013 is --count-by's" "$body" "<title>2013: $share_2013</title>"
unlike "chart: no script" "$body" '<script'
is "chart under a source filter: --count-by of the query with that source" \
    "$(page 'q=budget&source=Herald' | bars | awk -F, '$2 > 0')" \
    "$(trawl_search --db "$tmp/db" --count-by year --format csv 'budget source=Herald' | count_rows)"

# The bar's link: the matches of 2013, per month (they span under 3 years).
matches_2013=$(stories 'budget date:2013')
body=$(page 'q=budget&from=2013&to=2013')
like "the bar's link: the matches of its year" "$body" "<p class=\"range\">Results 1–10 of $matches_2013</p>"
like "a year alone: per month" "$body" '<figcaption>Matches per month'
is "chart per month: each bar as --count-by month counts it" \
    "$(printf '%s\n' "$body" | bars | awk -F, '$2 > 0')" \
    "$(trawl_search --db "$tmp/db" --count-by month --format csv 'budget date:2013' | count_rows)"
is "... twelve bars" "$(printf '%s\n' "$body" | bars | wc -l | tr -d ' ')" 12
# 2012 has an article dated by its year alone: no month holds it, so per year.
body=$(page 'q=budget&from=2012&to=2012')
like "a match dated by its year alone keeps the chart per year" "$body" '<figcaption>Matches per year'
is "... its bar counts it" "$(printf '%s\n' "$body" | bars)" \
    "$(trawl_search --db "$tmp/db" --count-by year --format csv 'budget date:2012' | count_rows)"
is "no match dated: no chart" "$(page 'q=undated' | grep -c '<svg' || true)" 0

# --- month drill-down under the year in force
body=$(page 'q=budget&from=2013&to=2013')
like "drill-down: the year is current" "$body" '<li><span class="current">2013</span> <span class="count">('
first_month=$(trawl_search --db "$tmp/db" --count-by month --format csv 'budget date:2013' | count_rows | head -n 1)
like "drill-down: its months, counted as --count-by month" "$body" \
    "<ul aria-label=\"Months\">
<li><a href=\"?q=budget&amp;from=${first_month%%,*}&amp;to=${first_month%%,*}\">${first_month%%,*}</a> <span class=\"count\">($(echo "$first_month" | cut -d, -f2))</span></li>"
body=$(page "q=budget&from=${first_month%%,*}&to=${first_month%%,*}")
like "drill-down: a month is current, its year a link back up" "$body" \
    "<li><span class=\"current\">${first_month%%,*}</span>"
like "... the year links to the year" "$body" '<li><a href="?q=budget&amp;from=2013&amp;to=2013">2013</a>'
body=$(page 'q=budget&from=2013-01-01&to=2013-12-31')
like "the form's spelling of a year is the year too" "$body" '<li><span class="current">2013</span>'

# --- "Results 11-20 of N" and pagination, over every article (dup=keep:
# the template articles are near-duplicates, 15 stories; t0149 pages those)
matches=$(trawl_search --db "$tmp/db" --count budget)
body=$(page 'q=budget&page=2&dup=keep')
like "result line: page 2" "$body" "<p class=\"range\">Results 11–20 of $matches</p>"
last=$(( (matches + 9) / 10 ))
body=$(page "q=budget&page=$last&dup=keep")
like "result line: the last page ends at the last match" "$body" \
    "<p class=\"range\">Results $(( (last - 1) * 10 + 1 ))–$matches of $matches</p>"
is "... with the hits it says" "$(printf '%s\n' "$body" | grep -c '^<li value=')" $(( matches - (last - 1) * 10 ))
unlike "... and no next page" "$body" 'rel="next"'
body=$(page 'q=budget&hits=7&page=3&dup=keep')
like "result line with hits=7" "$body" "<p class=\"range\">Results 15–21 of $matches</p>"
like "... pagination keeps hits" "$body" '<a rel="next" href="?q=budget&amp;hits=7&amp;dup=keep&amp;page=4">Next</a>'
is "a page past the last: no result line" "$(page "q=budget&page=$((last + 1))&dup=keep" | grep -c 'class="range"' || true)" 0
body=$(page 'q=budget&page=2')
like "collapsed, the result line counts stories" "$body" "<p class=\"range\">Results 11–$(stories budget) of $(stories budget)</p>"

# --- downloads: trawl-search's bytes, with the headers a browser saves
body=$(page 'q=budget&source=Herald&sort=newest&page=2')
like "download links carry the query, filters and order, not the page" "$body" \
    '<a download href="?q=budget&amp;source=Herald&amp;sort=newest&amp;format=csv">CSV</a>, <a download href="?q=budget&amp;source=Herald&amp;sort=newest&amp;format=bibtex">BibTeX</a> or <a download href="?q=budget&amp;source=Herald&amp;sort=newest&amp;format=ris">RIS</a>'
today=$(date -u +%Y-%m-%d)
# download FORMAT TYPE NAME ARGS...: format=FORMAT of q=budget against trawl-search ARGS
download() {
    get "q=budget&format=$1" > "$tmp/dl"
    headers=$(sed '/^\r$/q' "$tmp/dl" | tr -d '\r')
    like "$1: Content-Type" "$headers" "Content-Type: $2"
    like "$1: saved as a file" "$headers" "Content-Disposition: attachment; filename=\"$3\""
    like "$1: the page's safety headers" "$headers" "X-Content-Type-Options: nosniff"
    shift 3
    sed '1,/^\r$/d' "$tmp/dl" > "$tmp/dl.body"
    trawl_search --db "$tmp/db" --limit 1000 "$@" budget > "$tmp/dl.cli"
    if cmp -s "$tmp/dl.body" "$tmp/dl.cli"; then
        ok "... the bytes of trawl-search $*"
    else
        not_ok "... the bytes of trawl-search $*" "$(diff "$tmp/dl.cli" "$tmp/dl.body" | head -n 5)"
    fi
    is "... Content-Length is the body's" "$(printf '%s\n' "$headers" | sed -n 's/^Content-Length: //p')" \
        "$(wc -c < "$tmp/dl.body" | tr -d ' ')"
}
download csv 'text/csv; charset=utf-8' trawl-results.csv --format csv
is "csv: a row a story, after the header" "$(($(wc -l < "$tmp/dl.body") - 1))" "$(stories budget)"
like "csv: a formula is text, the cell quoted" "$(cat "$tmp/dl.body")" \
    ',"'"'"'=HYPERLINK(""http://x""), budget {braces} 50% & co",'
download bibtex 'application/x-bibtex; charset=utf-8' trawl-results.bib --cite bibtex --accessed "$today"
like "bibtex: braces, percent and ampersand escaped" "$(cat "$tmp/dl.body")" \
    'title = {{=HYPERLINK("http://x"), budget \{braces\} 50\% \& co}},'
download ris 'application/x-research-info-systems; charset=utf-8' trawl-results.ris --cite ris --accessed "$today"
is "ris: a record a story" "$(grep -c '^TY  - NEWS' "$tmp/dl.body")" "$(stories budget)"
body=$(page 'q=budget&source=Herald&from=2011&to=2014&format=ris')
is "ris with filters: only what the filters let through" \
    "$(printf '%s\n' "$body" | grep -c '^TY  - NEWS')" \
    "$(stories 'budget source=Herald date:2011..2014')"
is "... all of that source" "$(printf '%s\n' "$body" | grep '^T2  - ' | sort -u)" "T2  - Herald"
run get 'q=&format=csv'
like "a download with no query: the notice, as a page" "$out" 'Nothing to search for'

# --- the form: sources to pick from, date pickers, the button on the query's line
body=$(page 'q=budget&source=Herald&from=2011&to=2014-06')
like "the button in the query's row" "$body" \
    '<div class="qline"><label for="q">Search for</label><input id="q" name="q" type="search" maxlength="1024" value="budget"><button type="submit">Search</button></div>'
# The articles column of --count-by: the whole index's.
herald=$(trawl_search --db "$tmp/db" --count-by source --format csv budget | awk -F, '$1 == "Herald" { print $4 }')
like "sources: a list, from the index's counts" "$body" \
    "<div><label for=\"source\">Source</label><select id=\"source\" name=\"source\">
<option value=\"\">Any source</option>"
like "... the one in force selected, with its articles" "$body" "<option value=\"Herald\" selected>Herald ($herald)</option>"
like "... every value escaped" "$body" \
    '<option value="&lt;b&gt;&quot;Tag&quot;&lt;/b&gt;">&lt;b&gt;&quot;Tag&quot;&lt;/b&gt; (1)</option>'
like "... and an ampersand" "$body" '<option value="Wire &amp; Co">Wire &amp; Co ('
is "... one option a source, and 'any'" "$(printf '%s\n' "$body" | sed -n '/<select id="source"/,/<\/select>/p' | grep -c '<option')" 6
like "date pickers: the first day of the span asked for" "$body" \
    '<input id="from" name="from" type="date" min="2010-01-01" max="2015-12-31" value="2011-01-01">'
like "... and the last" "$body" \
    '<input id="to" name="to" type="date" min="2010-01-01" max="2015-12-31" value="2014-06-30">'
is "... which are the same filter" "$(page 'q=budget&source=Herald&from=2011-01-01&to=2014-06-30' | grep 'class="range"')" \
    "$(printf '%s\n' "$body" | grep 'class="range"')"
like "a leap year's February ends on the 29th" "$(page 'q=budget&from=2012-02&to=2012-02')" 'value="2012-02-29"'
like "a source the index does not have stays selected" "$(page 'q=budget&source=Nowhere')" \
    '<option selected value="Nowhere">Nowhere (0)</option>'

# --- an index without sources, and a month with one match against sixty
mkdir -p "$tmp/plain"
awk 'BEGIN { for (i = 1; i <= 60; i++) printf "{\"id\": \"k%d\", \"text\": \"A kiwi.\", \"date\": \"2002-01-%02d\"}\n", i, i % 28 + 1 }' > "$tmp/plain/p.jsonl"
printf '{"id": "late", "text": "A late kiwi.", "date": "2002-03-03"}\n' >> "$tmp/plain/p.jsonl"
trawl_index --db "$tmp/plain.db" "$tmp/plain" > /dev/null
body=$(env -i REQUEST_METHOD=GET QUERY_STRING='q=kiwi' TRAWL_DB="$tmp/plain.db" "$TRAWL_BUILDDIR/trawl.cgi")
unlike "an index without sources: no source field" "$body" 'for="source"'
like "one match against sixty: a bar that can be seen" "$body" \
    'height="3.0"><title>2002-03: 1 of 1 (100.0%)</title>'
is "... a month between them: an empty bar, no link" \
    "$(printf '%s\n' "$body" | grep -c '^<rect x="[0-9.]*" y="144.0" width="[0-9.]*" height="0.0"><title>2002-02: 0 of 0 (no articles)</title></rect>$')" 1
like "a source asked for on such an index: the field, to take it out again" \
    "$(env -i REQUEST_METHOD=GET QUERY_STRING='q=kiwi&source=x' TRAWL_DB="$tmp/plain.db" "$TRAWL_BUILDDIR/trawl.cgi")" \
    '<input id="source" name="source" type="text" maxlength="200" class="short" value="x">'

# --- skip link, start page
body=$(page 'q=budget')
like "results: a skip link to them, first in the body" "$body" '<body>
<a class="skip" href="#results">Skip to the results</a>'
like "... which is there" "$body" '<section class="results-col" id="results" '
body=$(page '')
like "start page: the skip link goes to the content" "$body" '<a class="skip" href="#main">Skip to the content</a>'
documents=$(trawl_search --db "$tmp/db" --stats | sed -n 's/^documents: *//p')
like "start page: the index's size and dates" "$body" \
    "<p class=\"index-size\">The index holds $documents articles, dated from January 2010 to December 2015 (1 undated), from 5 sources.</p>"
like "start page: query help, each example a search" "$body" '<dt><a href="?q=%22area+teams%22">&quot;area teams&quot;</a></dt><dd>the words side by side, in this order</dd>'
is "start page: no results, no chart" "$(printf '%s\n' "$body" | grep -c 'class="hits"\|<svg' || true)" 0
run env -i REQUEST_METHOD=GET QUERY_STRING= TRAWL_DB="$tmp/none" "$TRAWL_BUILDDIR/trawl.cgi"
like "start page without an index: still the help" "$out" '<h3>How to search</h3>'
unlike "... without numbers" "$out" 'index-size'

# --- nothing of a hostile value escapes
body=$(page 'q=budget&source=%3Cb%3E%22Tag%22%3C%2Fb%3E')
unlike "a hostile source, selected: no markup of it" "$body" '<b>"Tag"'
like "... selected, escaped" "$body" '<option value="&lt;b&gt;&quot;Tag&quot;&lt;/b&gt;" selected>'
. "$TRAWL_SRCDIR/tests/cgi-server.sh"
cgi_server_start
fetch '?q=budget'
is "served by lighttpd: 200" "$code" 200
is "... the chart's only markup beyond text is the SVG" "$(markup_check < "$tmp/.body")" svg
like "... CSP still allows no script" "$(printf '%s\n' "$headers" | grep content-security-policy)" "default-src 'none'"
fetch '?q=budget&format=bibtex'
like "served download: the type" "$headers" 'content-type: application/x-bibtex; charset=utf-8'
like "... as a file" "$headers" 'content-disposition: attachment; filename="trawl-results.bib"'

done_testing
