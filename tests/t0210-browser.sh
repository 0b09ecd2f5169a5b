#!/bin/sh
# t0210-browser.sh: the search page in Debian's chromium (headless): DOM, screenshots, hostile input.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/chromium.sh"
. "$TRAWL_SRCDIR/tests/cgi-server.sh"

cgi_server_start '"TRAWL_CGI_HITS" => "3"'

# dom_count PATTERN: how many lines of the dumped DOM hold PATTERN.
dom_count() {
    grep -c -e "$1" "$tmp/.dom" || true
}

# --- the results page, as the browser built it
chrome --dump-dom "$base_url?q=area+teams+bullying"
dom=$(cat "$tmp/.dom")
like "DOM: the page loaded" "$dom" '<h1><a href="?">Search the archive</a></h1>'
like "DOM: the count of matches" "$dom" "5 matches in 5 stories, 1 with all 3 words ("
is "DOM: three hits on the page" "$(dom_count '^<li value=')" 3
like "DOM: marks in the snippets" "$dom" '<mark>bullying</mark>'
like "DOM: facets" "$dom" '<h2 id="facets-heading">Narrow down</h2>'
like "DOM: pagination" "$dom" '<a rel="next" href="?q=area+teams+bullying&amp;page=2">Next</a>'
labels=$(printf '%s\n' "$dom" | grep -o '<label for="[a-z]*"' | sed 's/.*for="//; s/"//' | tr '\n' ' ')
ids=$(printf '%s\n' "$dom" | grep -o '<\(input\|select\) id="[a-z]*"' | sed 's/.*id="//; s/"//' | tr '\n' ' ')
is "DOM: every field of the form has its label" "$labels" "$ids"
is "DOM: the same labels as expected" "$labels" "q source from to sort "
is "DOM: one h1" "$(dom_count '<h1>')" 1
unlike "DOM: no script at all" "$dom" "<script"

# --- screenshots: a desktop and a phone
screenshot cgi-results.png 1280,1100 "$base_url?q=area+teams+bullying" "screenshot of the results"
screenshot cgi-results-phone.png 390,1400 "$base_url?q=area+teams+bullying" "screenshot at phone width"
screenshot cgi-article.png 1000,1400 "$base_url?doc=002_7add833defd93f9a.txt&q=area+teams+bullying" \
    "screenshot of an article"

# --- the article view
chrome --dump-dom "$base_url?doc=002_7add833defd93f9a.txt&q=bullying"
dom=$(cat "$tmp/.dom")
like "DOM article: reader comments apart" "$dom" '<h3 id="comments-heading">Reader comments</h3>'
like "DOM article: paragraph 4 marked" "$dom" 'very unhelpful or <mark>bullying</mark>'

# --- hostile queries: what the browser builds holds none of their markup
for payload in '<script>document.title="pwned"</script>' \
    '"><img src=x onerror=alert(1)>' "' autofocus onfocus='alert(1)" \
    '</title><script>alert(1)</script>'
do
    encoded=$(printf '%s' "$payload" | "${PYTHON3:-python3}" -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.stdin.read()))')
    chrome --dump-dom "$base_url?q=$encoded&source=$encoded"
    dom=$(cat "$tmp/.dom")
    like "hostile $payload: page built" "$dom" '<h1><a href="?">Search the archive</a></h1>'
    is "hostile $payload: none of its markup in the DOM" "$(markup_check < "$tmp/.dom")" clean
    unlike "hostile $payload: the title is not changed" "$dom" '<title>pwned'
done

done_testing
