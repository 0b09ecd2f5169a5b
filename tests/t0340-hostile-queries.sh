#!/bin/sh
# t0340-hostile-queries.sh: a query's work is bounded (repeats merged,
# named limits said as "query too complex: ..."), and no control character
# from the corpus or the user reaches a terminal, a log or a spreadsheet.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

trawl_index --db "$tmp/db" "$TRAWL_SRCDIR/corpus" > /dev/null

# repeat N TEXT: TEXT N times, separated by spaces.
repeat() {
    i=0 r=
    while [ "$i" -lt "$1" ]; do r="$r $2"; i=$((i + 1)); done
    printf '%s' "$r"
}

# --- Repeats merged: 102 copies of a phrase are one phrase.
run trawl_search --db "$tmp/db" --explain --no-snippets "$(repeat 102 '"area teams"')"
expect_status "102 copies of a phrase: searched" 0
like "... the copies merged" "$out" "repeated: 101 groups merged with an equal one"
is "... Xapian is given the phrase once" \
    "$(printf '%s\n' "$out" | grep 'Xapian query' | grep -o 'area PHRASE 2 teams' | wc -l)" 1
one=$(trawl_search --db "$tmp/db" -c '"area teams"')
is "... matching what the phrase once matches" "$(trawl_search --db "$tmp/db" -c "$(repeat 102 '"area teams"')")" "$one"
run trawl_search --db "$tmp/db" --explain --no-snippets "$(repeat 50 'nhs*')"
is "50 copies of a wildcard: expanded once" "$(printf '%s\n' "$out" | grep -c 'wildcard nhs\* expands')" 1

# --- The named limits.
phrases=
for w in alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima \
         mike november oscar papa quebec romeo; do
    phrases="$phrases \"$w area\""
done
run trawl_search --db "$tmp/db" -- "$phrases"
expect_status "18 different phrases (54 phrase searches): exit 2" 2
like "... query too complex, naming the limit" "$err" \
    "trawl-search: error: query too complex: 54 phrase or NEAR searches (at most 48;"
wild=
for p in aaa aab aac aad aae aaf aag aah aai aaj aak aal aam aan aao aap aaq; do
    wild="$wild $p*"
done
run trawl_search --db "$tmp/db" -- "$wild"
expect_status "17 different wildcards: exit 2" 2
like "... query too complex" "$err" "query too complex: 17 different wildcards (at most 16)"
long=$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "w%d ", i }')
run trawl_search --db "$tmp/db" -- "\"$long\""
expect_status "a phrase of 1,100 words (3,300 terms): exit 2" 2
like "... query too complex" "$err" "query too complex: 3300 terms to look up (at most 2000)"

# Wildcards that stand for more than 1,000 words together: six prefixes of
# 180 words each, each under the 200 of one wildcard.
mkdir "$tmp/many"
awk 'BEGIN {
    for (p = 0; p < 6; p++)
        for (i = 0; i < 180; i++)
            printf "%s%c%c ", substr("qwertyuiopzx", 2 * p + 1, 2) "z", 97 + int(i / 26), 97 + i % 26
    print ""
}' > "$tmp/many/words.txt"
trawl_index --db "$tmp/many.db" "$tmp/many" > /dev/null
run trawl_search --db "$tmp/many.db" -c qwz*
is "one wildcard of 180 words: fine" "$out" 1
run trawl_search --db "$tmp/many.db" -c "qwz* erz* tyz* uiz* opz* zxz*"
expect_status "six of them, 1,080 words: exit 2" 2
like "... query too complex" "$err" "query too complex: the wildcards stand for 1080 words (at most 1000)"

# cgi QUERY-STRING: trawl.cgi run as a web server runs a CGI program, on
# the seed index; the response in $out (headers and body), the log in $err.
cgi() {
    run env TRAWL_DB="$tmp/db" GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
        QUERY_STRING="$1" "$TRAWL_BUILDDIR/trawl.cgi"
}
urlencode() {
    "${PYTHON3:-python3}" -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$1"
}
cgi "q=$(urlencode "$phrases")"
like "CGI: too many phrases is a 400" "$out" "Status: 400 Bad Request"
like "... saying why" "$out" "query too complex: 54 phrase or NEAR searches"
cgi "q=$(urlencode "$phrases")&format=json"
like "... in JSON too" "$out" '"status":400'
cgi "q=$(urlencode "$(repeat 70 '"area teams"')")"
like "CGI: 70 copies of a phrase (910 bytes) are answered" "$out" "Status: 200 OK"

done_testing
