#!/bin/sh
# t0200-cgi.sh: trawl.cgi behind a real lighttpd on 127.0.0.1: pages, JSON, status codes, hostile input.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/cgi-server.sh"

# Two hits a page (set by the web server's environment), so the five seed
# articles make several pages.
cgi_server_start '"TRAWL_CGI_HITS" => "2"'

header() {  # header NAME: the value of header NAME in $headers
    printf '%s\n' "$headers" | sed -n "s/^$1: //p" | head -n 1
}

# --- the home page
fetch ""
is "home page: status 200" "$code" 200
is "home page: HTML in UTF-8" "$(header content-type)" "text/html; charset=utf-8"
is "home page: Content-Length is the body's" "$(header content-length)" "$(wc -c < "$tmp/.body" | tr -d ' ')"
is "home page: nosniff" "$(header x-content-type-options)" nosniff
like "home page: a policy that allows no script" "$(header content-security-policy)" "default-src 'none'"
like "home page: HTML5 with UTF-8 declared" "$body" '<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">'
like "home page: the query field has a label" "$body" '<label for="q">Search for</label><input id="q" name="q" type="search"'
unlike "home page: no results without a query" "$body" 'class="hits"'

# --- results, the same as trawl-search's
trawl_search --db "$tmp/db" --format json --limit 10 area teams bullying | grep -v '^{"trawl_query"' > "$tmp/cli.json"
cli_field() {  # cli_field EXPRESSION: from the first hit of trawl-search's JSON
    head -n 1 "$tmp/cli.json" | "${PYTHON3:-python3}" -c "import json, sys; h = json.load(sys.stdin); print($1)"
}
cli_citation=$(cli_field 'h["citation"]')
cli_first_paragraph=$(cli_field 'h["snippets"][0]["paragraph"]')
cli_paragraph=$(cli_field '[s["paragraph"] for s in h["snippets"] if "bullying" in s["text"]][0]')
fetch "?q=area+teams+bullying"
is "results: status 200" "$code" 200
like "results: title of the page" "$body" "<title>area teams bullying - Search the archive</title>"
like "results: counts as trawl-search does" "$body" "5 matches in 5 stories, 1 with all 3 words ("
like "results: the query stays in the form" "$body" 'name="q" type="search" maxlength="1024" value="area teams bullying"'
like "results: first hit links to its article" "$body" '<li value="1"><article>
<h3><a href="?doc=002_7add833defd93f9a.txt&amp;q=area+teams+bullying">CCGs confident but still deliver a kick to the regions</a></h3>
<p class="meta">HSJ · date unknown</p>'
like "results: matched words marked" "$body" 'very unhelpful or <mark>bullying</mark>'
like "results: adjacent words are one mark" "$body" '<mark>area teams</mark>'
like "results: the citation, as trawl-search gives it" "$body" "<p class=\"cite\">$cli_citation <a"
like "... which starts so" "$cli_citation" '“CCGs confident but still deliver a kick to the regions.” HSJ, n.d. 002_7add833defd93f9a.txt, ¶'
like "results: a cite link" "$body" '<a href="?cite=002_7add833defd93f9a.txt&amp;q=area+teams+bullying" aria-label="Cite CCGs confident but still deliver a kick to the regions as text or BibTeX">cite</a>'
cgi_ids=$(printf '%s\n' "$body" | sed -n 's/^<h3><a href="?doc=\([^&]*\)&amp;.*/\1/p' | tr '\n' ' ')
is "results: page 1 has two hits" "$(printf '%s\n' "$body" | grep -c '^<li value=')" 2

# --- pagination
like "page 1: a link to the next page" "$body" '<li><a rel="next" href="?q=area+teams+bullying&amp;page=2">Next</a></li>'
like "page 1: the current page is marked" "$body" '<span class="current" aria-current="page">1</span>'
unlike "page 1: no previous page" "$body" 'rel="prev"'
fetch "?q=area+teams+bullying&page=2"
like "page 2: ranks go on" "$body" '<li value="3"><article>'
like "page 2: a link back" "$body" '<a rel="prev" href="?q=area+teams+bullying">Previous</a>'
cgi_ids="$cgi_ids$(printf '%s\n' "$body" | sed -n 's/^<h3><a href="?doc=\([^&]*\)&amp;.*/\1/p' | tr '\n' ' ')"
fetch "?q=area+teams+bullying&page=3"
like "page 3: the last hit" "$body" '<li value="5"><article>'
unlike "page 3: no next page" "$body" 'rel="next"'
cgi_ids="$cgi_ids$(printf '%s\n' "$body" | sed -n 's/^<h3><a href="?doc=\([^&]*\)&amp;.*/\1/p' | tr '\n' ' ')"
cli_ids=$(sed 's/^{"rank":[0-9]*,"id":"\([^"]*\)".*/\1/' "$tmp/cli.json" | tr '\n' ' ')
is "the pages rank as trawl-search does" "$cgi_ids" "$cli_ids"
fetch "?q=area+teams+bullying&page=4"
is "a page past the end: 200" "$code" 200
like "... says so" "$body" "No more results: this page is past the last one."
fetch "?q=nhs&hits=50"
is "hits=50: every match on one page" "$(printf '%s\n' "$body" | grep -c '^<li value=')" \
    "$(trawl_search --db "$tmp/db" --count nhs)"
unlike "... and no pages" "$body" 'aria-label="Pages"'

# --- facets that filter
fetch "?q=nhs"
like "facets: sources with counts" "$body" '<h3>Source</h3>
<ul>
<li><a href="?q=nhs&amp;source=HSJ">HSJ</a> <span class="count">(2)</span></li>
<li><a href="?q=nhs&amp;source=Pulse">Pulse</a> <span class="count">(1)</span></li>
</ul>'
like "facets: years with counts" "$body" '<h3>Year</h3>
<ul>
<li><a href="?q=nhs&amp;from=2014&amp;to=2014">2014</a> <span class="count">(1)</span></li>
</ul>'
fetch "?q=nhs&source=HSJ"
like "source facet clicked: its count of matches" "$body" '2 matches in 2 stories ('
like "... the filter is shown" "$body" '<li><span class="current">HSJ</span> <span class="count">(2)</span></li>'
like "... and can be removed" "$body" '<li><a href="?q=nhs">Any source</a></li>'
unlike "... no other source" "$body" '>Pulse<'
fetch "?q=nhs&from=2014&to=2014"
like "year facet clicked: one match" "$body" '1 match in 1 story ('
like "... the dated article" "$body" '?doc=003_991a6bc901fd0169.txt'
fetch "?q=nhs&from=2015"
like "a date range with no article" "$body" '0 matches in 0 stories ('
fetch "?q=nhs&sort=newest"
like "sort=newest: the dated article first" "$body" '<li value="1"><article>
<h3><a href="?doc=003_991a6bc901fd0169.txt&amp;q=nhs">'
like "... the order stays in the links" "$body" 'href="?q=nhs&amp;sort=newest&amp;page=2"'

# --- did you mean
fetch "?q=area+teams+bulying"
like "did you mean: a misspelt word" "$body" '<p class="notice">Did you mean <a href="?q=area+teams+bullying">area teams bullying</a>?</p>'
fetch "?q=bullying"
unlike "no suggestion when every word is found" "$body" 'Did you mean'

# --- the article view
fetch "?doc=002_7add833defd93f9a.txt&q=area+teams+bullying"
is "article: status 200" "$code" 200
like "article: title and metadata" "$body" '<h2>CCGs confident but still deliver a kick to the regions</h2>
<dl class="meta">
<dt>Source</dt><dd>HSJ</dd>
<dt>Date</dt><dd>unknown</dd>
<dt>Document</dt><dd>002_7add833defd93f9a.txt</dd>'
like "article: numbered paragraphs as cited, query words marked" "$body" \
    "<li value=\"$cli_paragraph\" id=\"p$cli_paragraph\">One in five CCG leads said the relationship with their regional <mark>team</mark> was “unhelpful, very unhelpful or <mark>bullying</mark>”."
like "... every one of them" "$body" 'local <mark>area</mark> <mark>team</mark> replicates'
like "article: reader comments apart" "$body" '<section class="comments" aria-labelledby="comments-heading">
<h3 id="comments-heading">Reader comments</h3>'
fetch "?doc=003_991a6bc901fd0169.txt"
like "article: a date and a byline" "$body" '<dt>Date</dt><dd>3 June 2014</dd>
<dt>Byline</dt><dd>Helen Mooney</dd>'
unlike "article: no marks without a query" "$body" '<mark>'
fetch "?doc=no-such-article.txt"
is "article: unknown id is 404" "$code" 404
like "... with a page that says so" "$body" "No such article"

# --- cite
fetch "?cite=002_7add833defd93f9a.txt&q=area+teams+bullying"
is "cite: status 200" "$code" 200
like "cite: the reference as text, as in the results" "$body" "<p aria-labelledby=\"cite-text\">$cli_citation</p>"
like "cite: and as BibTeX" "$body" '<pre aria-labelledby="cite-bibtex">@article{002_7add833defd93f9a.txt,'
like "... with its source" "$body" 'journal = {HSJ},'

# --- JSON
fetch "?q=area+teams+bullying&format=json"
is "JSON: status 200" "$code" 200
is "JSON: its type" "$(header content-type)" "application/json"
json_summary=$(printf '%s' "$body" | "${PYTHON3:-python3}" -c '
import json, sys
r = json.load(sys.stdin)
print(r["query"], r["matches"], r["all_words"], r["page"], r["hits_per_page"], r["last_page"])
print(" ".join(h["id"] for h in r["hits"]))
print(r["hits"][0]["citation"])
print(r["hits"][0]["snippets"][0]["paragraph"], r["hits"][0]["snippets"][0]["kind"])
print(",".join("%s:%d" % (f["value"], f["count"]) for f in r["facets"]["source"]))
print(",".join("%s:%d" % (f["value"], f["count"]) for f in r["facets"]["year"]))
print(r["did_you_mean"], "path" in r["hits"][0])')
is "JSON: the same results" "$json_summary" "area teams bullying 5 1 1 2 3
$(printf '%s' "$cli_ids" | cut -d' ' -f1-2)
$cli_citation
$cli_first_paragraph body
HSJ:2,Pulse:1
2014:1
None False"
fetch "" --data 'format=json&q=%zz'
is "JSON: errors too" "$code,$body" '400,{"error":"The parameter '"'q'"' is bad percent-encoding.","status":400}'

# --- methods
fetch "?q=nhs"
get_length=$(header content-length)
fetch "?q=nhs" -I
is "HEAD: status 200" "$code" 200
is "HEAD: the length a GET has" "$(header content-length)" "$get_length"
is "HEAD: no body (curl -I shows the headers only)" "$(cat "$tmp/.body")" "$(cat "$tmp/.headers")"
fetch "" --data "q=area+teams+bullying"
is "POST: status 200" "$code" 200
like "POST: the same results" "$body" "5 matches in 5 stories, 1 with all 3 words ("
fetch "" -X PUT --data "q=x"
is "PUT: 405" "$code" 405
is "... with Allow" "$(header allow)" "GET, HEAD, POST"
fetch "" -H "Content-Type: text/plain" --data "q=x"
is "POST of another type: 400" "$code" 400
head -c 1048576 /dev/zero | tr '\0' a | sed 's/^/q=/' > "$tmp/big-body"
fetch "" --data-binary "@$tmp/big-body"
is "POST of 1 MB: 400" "$code" 400
like "... says why" "$body" "The request is too large (at most 16384 bytes)."

# --- bad parameters: 400 pages that name the parameter.  They are POSTed:
# lighttpd itself normalises some bad percent-encoding in URLs (to %25).
for case in \
    'q=%zz|The parameter '"'"'q'"'"' is bad percent-encoding.' \
    'q=%C0%BCscript|The parameter '"'"'q'"'"' is not valid UTF-8.' \
    'q=a%00b|The parameter '"'"'q'"'"' is a control character.' \
    'q=a&q=b|The parameter '"'"'q'"'"' is given more than once.' \
    'page=0&q=nhs|The parameter '"'"'page'"'"' must be a number from 1 to 5000.' \
    'page=x&q=nhs|The parameter '"'"'page'"'"' must be a number from 1 to 5000.' \
    'page=5001&q=nhs|The parameter '"'"'page'"'"' must be a number from 1 to 5000.' \
    'hits=101&q=nhs|The parameter '"'"'hits'"'"' must be a number from 1 to 100.' \
    'sort=random&q=nhs|The parameter '"'"'sort'"'"' must be one of relevance, newest, oldest, -date, date.' \
    'from=2014-13&q=nhs|Dates (&#39;from&#39;, &#39;to&#39;) are written YYYY, YYYY-MM or YYYY-MM-DD.' \
    'format=xml&q=nhs|The parameter '"'"'format'"'"' must be html, json, csv, bibtex or ris.' \
    'a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11&l=12&m=13&n=14&o=15&p=16&q=17|Too many parameters (at most 16).'
do
    query=${case%%|*}
    expected=$(printf '%s' "${case#*|}" | sed "s/'/\&#39;/g")
    fetch "" --data-binary "$query"
    is "400 for $query" "$code" 400
    like "... says: ${case#*|}" "$body" "<p class=\"notice\">$expected</p>"
done
long=$(head -c 1025 /dev/zero | tr '\0' a)
fetch "?q=$long"
is "a query over 1024 bytes: 400" "$code" 400
like "... says so" "$body" "The parameter &#39;q&#39; is too long (at most 1024 bytes)."

# --- index problems: a clean 503, nothing of the server's insides
mkdir -p "$tmp/www/missing" "$tmp/www/corrupt" "$tmp/corrupt-db"
ln -s "$TRAWL_BUILDDIR/trawl.cgi" "$tmp/www/missing/trawl.cgi"
printf 'TRAWL_DB=%s\n' "$tmp/no-such-index" > "$tmp/www/missing/trawl.cgi.conf"
ln -s "$TRAWL_BUILDDIR/trawl.cgi" "$tmp/www/corrupt/trawl.cgi"
printf 'TRAWL_DB=%s\n' "$tmp/corrupt-db" > "$tmp/www/corrupt/trawl.cgi.conf"
chmod o-r "$tmp/www/missing/trawl.cgi.conf" "$tmp/www/corrupt/trawl.cgi.conf"
printf 'not an index\n' > "$tmp/corrupt-db/iamglass"
printf 'garbage' > "$tmp/corrupt-db/postlist.glass"
root_url=$base_url
for what in missing corrupt; do
    base_url=${root_url%/trawl.cgi}/$what/trawl.cgi
    fetch "?q=nhs"
    is "$what index: 503" "$code" 503
    like "... a clean page" "$body" "The search index is not available at the moment. Please try again later."
    unlike "... without the path" "$body" "$tmp"
    unlike "... nor Xapian's words" "$body" "Xapian::"
done
base_url=$root_url
like "... the detail goes to the server's error log" "$(cat "$tmp/lighttpd-error.log" "$tmp/lighttpd.out")" \
    "trawl.cgi: error: no index at '$tmp/no-such-index'"

# --- hostile input: never markup on the page, and the server stays up

for payload in \
    '<script>alert(1)</script>' \
    '"><img src=x onerror=alert(1)>' \
    "' onmouseover='alert(1)" \
    'javascript:alert(1)' \
    '</title><script>alert(1)</script>' \
    '<svg/onload=alert(1)>' \
    '&lt;script&gt;' \
    '{{7*7}} ${7*7} %s%n'
do
    encoded=$(printf '%s' "$payload" | "${PYTHON3:-python3}" -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.stdin.read()))')
    for key in q source doc cite; do
        fetch "?$key=$encoded"
        case $code in 200|400|404) ok "hostile $key=$payload: status $code" ;;
        *) not_ok "hostile $key=$payload: status $code" ;;
        esac
        is "hostile $key=$payload: no markup of it on the page" "$(printf '%s' "$body" | markup_check)" clean
    done
done
fetch "?q=%3Cscript%3E&format=json"
is "hostile query in JSON: escaped as JSON" "$(printf '%s' "$body" | cut -c1-40)" '{"query":"<script>","filters":{"source":'
for query in 'q=%00' 'q=%C0%80' 'q=%ED%A0%80' 'q=%F8%88%80%80%80' 'q=%' 'q=%%' '%=x' 'q=%E2%80' "q=$(head -c 600 /dev/zero | tr '\0' '(')"; do
    fetch "?$query"
    case $code in 200|400) ok "malformed $(printf '%s' "$query" | cut -c1-20): status $code" ;;
    *) not_ok "malformed $(printf '%s' "$query" | cut -c1-20): status $code" ;;
    esac
done
# A 1 MB URL is too long for curl's command line and config files: send
# the request by hand.  The server may answer, or close the connection.
code=$("${PYTHON3:-python3}" - "$port" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)
try:
    s.sendall(b"GET /trawl.cgi?q=" + b"a" * 1048576 + b" HTTP/1.1\r\n"
              b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
except OSError:
    pass
try:
    status = s.recv(100).split(b" ")
    print(status[1].decode() if len(status) > 1 else "closed")
except OSError:
    print("closed")
EOF
)
case $code in 400|414|431|closed) ok "a 1 MB query string is refused ($code)" ;;
*) not_ok "a 1 MB query string is refused" "status $code" ;;
esac
fetch "?q=area+teams+bullying"
like "after all that, the server still answers" "$body" "5 matches in 5 stories, 1 with all 3 words ("
# Built with --enable-sanitizers, trawl.cgi reports to stderr, which
# lighttpd keeps in its logs: every request above must have left none.
unlike "no sanitizer report, no crash in the server's logs" \
    "$(cat "$tmp/lighttpd-error.log" "$tmp/lighttpd.out")" "Sanitizer"
unlike "... no undefined behaviour" "$(cat "$tmp/lighttpd-error.log" "$tmp/lighttpd.out")" "runtime error"
unlike "... no CGI died" "$(cat "$tmp/lighttpd-error.log" "$tmp/lighttpd.out")" "died with signal"

# The clock limit: a client that never finishes its request body holds the
# program only TRAWL_CGI_SECONDS, then gets 503 (run directly, no server).
cgi_direct() {
    env -i REQUEST_METHOD=POST CONTENT_TYPE=application/x-www-form-urlencoded \
        CONTENT_LENGTH=100 TRAWL_DB="$tmp/db" "$@" "$TRAWL_BUILDDIR/trawl.cgi"
}
first=$( (printf 'q=ab'; sleep 4) | cgi_direct TRAWL_CGI_SECONDS=1 | head -1 | tr -d '\r')
is "a request over TRAWL_CGI_SECONDS is answered 503" "$first" "Status: 503 Service Unavailable"
first=$(printf 'q=bullying' | cgi_direct TRAWL_CGI_SECONDS=0 CONTENT_LENGTH=10 2>/dev/null | head -1 | tr -d '\r')
is "a bad TRAWL_CGI_SECONDS makes the page 'not set up' (503)" "$first" "Status: 503 Service Unavailable"
first=$(printf 'q=nhs&page=2' | cgi_direct TRAWL_CGI_HITS=0 CONTENT_LENGTH=12 2>/dev/null | head -1 | tr -d '\r')
is "a bad TRAWL_CGI_HITS with page=2: 'not set up' (503), no division by zero" "$first" \
    "Status: 503 Service Unavailable"

# Faults told apart by the searcher's status, never by the text of its
# message: a query the reader can mend is a 400 (nothing to search for, a
# notice); the index's faults are 503 (t0320-faults.sh).
get_direct() { env -i REQUEST_METHOD=GET QUERY_STRING="$1" TRAWL_DB="${2:-$tmp/db}" "$TRAWL_BUILDDIR/trawl.cgi"; }
run get_direct 'q=%21%21%21'
like "no words: a 200 notice" "$out" "Status: 200 OK"
like "... that says so" "$out" '<p class="notice">the query has no words to search for</p>'
run get_direct 'q=date%3A2014-13'
like "a date that is not a date: 400" "$out" "Status: 400 Bad Request"
like "... that says how to write one" "$out" \
    '<p class="notice">date:2014-13: not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)</p>'
run get_direct 'q=date%3A2014-13&format=json'
like "... as JSON too" "$out" '{"error":"date:2014-13: not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)","status":400}'
many_words_index
run get_direct 'q=zzq%2A' "$tmp/many.db"
like "a wildcard that stands for too many words: 400" "$out" "Status: 400 Bad Request"
like "... that says how to narrow it" "$out" \
    "&#39;zzq*&#39; matches more than 200 words: give more letters before the &#39;*&#39;"
is "... and nothing in the server's log" "$err" ""

# The concordance view (view=kwic): each match of the page's hits in its
# context, the article and paragraph linked; the pages keep the view.
run get_direct 'q=%22area+teams%22&view=kwic&hits=1'
like "view=kwic: a row a match, the match in its own cell" "$out" \
    '<tr><td class="l">…ot with the board’s HQ or the local</td><td class="m"><mark>area teams</mark></td><td class="r">, but with its regional arms.</td><td class="c"><a href="?doc=002_7add833defd93f9a.txt&amp;q=%22area+teams%22">002_7add833defd93f9a.txt ¶3</a></td></tr>'
is "... every match of the hit (one hit a page: 3 in 002_...)" "$(printf '%s\n' "$out" | grep -c '^<tr><td class="l">')" 3
like "... the pages keep the view" "$out" '<a href="?q=%22area+teams%22&amp;hits=1&amp;view=kwic&amp;page=2"'
like "... a link back to the results" "$out" '<p class="view"><a href="?q=%22area+teams%22&amp;hits=1">Show the results</a></p>'
like "... downloads are of the results" "$out" '<a download href="?q=%22area+teams%22&amp;format=csv">CSV</a>'
run get_direct 'q=%22area+teams%22'
like "the results link to their concordance" "$out" \
    '<p class="view"><a href="?q=%22area+teams%22&amp;view=kwic">Show each match in its context (concordance)</a></p>'
run get_direct 'q=nhs&view=list'
like "a view that is not one: 400" "$out" "Status: 400 Bad Request"
like "... saying which there are" "$out" "The parameter &#39;view&#39; must be hits or kwic."

done_testing
