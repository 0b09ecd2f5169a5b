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
    "trawl-search: error: query too complex: 54 phrase or NEAR searches (at most 32;"
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

# --- No control character reaches a terminal, whatever the output path.
# The corpus: a file name with ESC and BEL, JSON Lines ids with OSC and
# 8-bit CSI (U+009B), a title that is a spreadsheet formula, a manifest
# source with OSC 8 and a byline with CSI.
h=$tmp/hostile
mkdir "$h"
printf 'Title: plain\n\nZebra words here.\n' > "$h/$(printf 'e\033[31mred\007.txt')"
printf '%s\n' '{"id":"j\u001b]0;owned\u0007id","title":"=HYPERLINK(\"http://x\",\"y\")","date":"2014-06-03","text":"Zebra text."}' \
    '{"id":"k\u009b2Jid","title":"+cmd","text":"Zebra again."}' > "$h/docs.jsonl"
printf 'Title: m\n\nZebra in the manifest.\n' > "$h/m.txt"
printf 'id\tsource\tdate\tbyline\turl\nm.txt\t-Man\033]8;;http://x\007src \302\233 31m\t2014-06-03\tBy \033[5mblink\t\n' \
    > "$h/manifest.tsv"
run trawl_index --db "$tmp/hostile.db" "$h"
expect_status "a hostile corpus is indexed" 0

# controls WHAT TEXT: TEXT is valid UTF-8 (so no raw 8-bit C1 byte) and
# holds no ESC, BEL, C1 control or other C0 control but tab, newline, CR.
controls() {
    if printf '%s' "$2" | "${PYTHON3:-python3}" -c '
import sys
text = sys.stdin.buffer.read().decode("utf-8")
bad = [hex(ord(c)) for c in text if (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0]
sys.exit(1 if bad else 0)' 2> /dev/null; then
        ok "$1"
    else
        not_ok "$1" "$(printf '%s' "$2" | od -c | head -20)"
    fi
}
for format in text tsv csv json trec; do
    case $format in
    tsv|csv|json) fields="--fields id,title,source,byline,path,citation,meta" ;;
    *) fields= ;;
    esac
    # shellcheck disable=SC2086
    run trawl_search --db "$tmp/hostile.db" --format "$format" $fields zebra
    controls "--format $format: no control character" "$out$err"
    like "... every hit shown" "$out" "owned"
done
run trawl_search --db "$tmp/hostile.db" --format tsv --fields id zebra
like "TSV: the ids' controls are U+FFFD" "$out" "$(printf 'j\357\277\275]0;owned\357\277\275id')"
like "... 8-bit CSI too" "$out" "$(printf 'k\357\277\2752Jid')"
run trawl_search --db "$tmp/hostile.db" --format json --fields id zebra
like "JSON: C1 escaped as \\u00XX" "$out" '"k\u009b2Jid"'
run trawl_search --db "$tmp/hostile.db" --format trec zebra
like "TREC: the file name's escapes are U+FFFD" "$out" "$(printf 'e\357\277\275[31mred\357\277\275 ')"
for format in csv json; do
    run trawl_search --db "$tmp/hostile.db" --count-by source --format "$format" zebra
    controls "--count-by source --format $format: no control character" "$out$err"
done
run trawl_search --db "$tmp/hostile.db" --count-by source --format csv zebra
like "--count-by CSV: the source shown" "$out" "Man"

# CSV cells a spreadsheet would run are text (OWASP).
run trawl_search --db "$tmp/hostile.db" --format csv --fields title,source zebra
like "CSV: a formula title gets a quote first" "$out" "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
like "... so does a cell starting with +" "$out" "'+cmd"
like "... and with -" "$out" "'-Man"
run trawl_search --db "$tmp/hostile.db" --count-by source --format csv zebra
like "--count-by CSV: a source starting with - gets a quote" "$out" "'-Man"

# The programs' messages quote what they were given: escaped.
run trawl_search --db "$tmp/hostile.db" --sort "$(printf 'x\033]0;t\007\302\233')" zebra
expect_status "a hostile --sort: exit 2" 2
controls "... its error message has no control character" "$err"
like "... and still names it" "$err" "--sort: 'x"
run trawl_search --db "$(printf '%s/no\033[2Jdb' "$tmp")" zebra
controls "a hostile --db path in the error message: no control character" "$err"
run trawl_index --db "$tmp/x.db" "$(printf '%s/missing\033[2J\007' "$tmp")"
controls "trawl-index: a hostile path in its error message: no control character" "$err"
like "... naming it" "$err" "missing"

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

# --- A heavy request gives way: past 50 ms of CPU, a plain CGI process
# lowers its own priority (nice 10), an ordinary one never does.  The
# heavy one: 16 three-word phrases of common words over 2,000 articles.
if command -v strace > /dev/null 2>&1; then
    mkdir "$tmp/heavy"
    "${PYTHON3:-python3}" - "$tmp/heavy" <<'PY'
import random, sys
random.seed(1)
words = "that is it was of the in a to be and or not".split()
for i in range(2000):
    with open("%s/%04d.txt" % (sys.argv[1], i), "w") as f:
        f.write("Article %d\n\n%s.\n" % (i, " ".join(random.choice(words) for _ in range(400))))
PY
    trawl_index -q --db "$tmp/heavy.db" "$tmp/heavy"
    heavy=$("${PYTHON3:-python3}" -c 'import itertools
w = "that is it was of the in a to be and or not".split()
print(" ".join("\"%s %s %s\"" % p for p in list(itertools.permutations(w, 3))[:16]))')
    niced() {
        env TRAWL_DB="$tmp/heavy.db" GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
            QUERY_STRING="q=$(urlencode "$1")" strace -o "$tmp/strace" -e trace=setpriority \
            "$TRAWL_BUILDDIR/trawl.cgi" > "$tmp/heavy.out"
        head -1 "$tmp/heavy.out" | tr -d '\r'
        grep -c '^setpriority(PRIO_PROCESS, 0, 10) *= 0' "$tmp/strace" || true
    }
    is "CGI: a heavy request is answered at a lower priority" "$(niced "$heavy")" "Status: 200 OK
1"
    is "CGI: an ordinary request keeps its priority" "$(niced 'that')" "Status: 200 OK
0"
else
    echo "# strace is not installed: the heavy request's priority is not checked"
fi

# --- A JSON Lines record with a repeated key: said, with path:line.
mkdir "$tmp/rk"
printf '%s\n' '{"id":"a","title":"T","text":"one"}' '{"id":"b","title":"T1","title":"T2","text":"two"}' \
    > "$tmp/rk/d.jsonl"
run trawl_index --db "$tmp/rk.db" "$tmp/rk"
like "a repeated key is warned of, naming path:line and the key" "$err" \
    "trawl-index: warning: $tmp/rk/d.jsonl:2: repeated key 'title': the first value is kept"
run trawl_search --db "$tmp/rk.db" --format tsv --fields title two
is "... and the first value kept" "$out" "title
T1"

# --- CGI: no cache keeps a page; the time limit's 503 has the page's
# safety headers too.
cgi "q=nhs"
like "a results page: Cache-Control: no-store" "$out" "Cache-Control: no-store"
cgi ""
like "the home page too" "$out" "Cache-Control: no-store"
limit=$( (printf 'q=ab'; sleep 4) | env -i REQUEST_METHOD=POST CONTENT_TYPE=application/x-www-form-urlencoded \
    CONTENT_LENGTH=100 TRAWL_DB="$tmp/db" TRAWL_CGI_SECONDS=1 "$TRAWL_BUILDDIR/trawl.cgi" \
    2> "$tmp/limit.log" | tr -d '\r')
like "the time limit's 503 ..." "$limit" "Status: 503 Service Unavailable"
like "... says nosniff" "$limit" "X-Content-Type-Options: nosniff"
like "... has the policy that allows no script" "$limit" "Content-Security-Policy: default-src 'none'"
like "... and no-store" "$limit" "Cache-Control: no-store"
like "... and the log says why" "$(cat "$tmp/limit.log")" \
    "trawl.cgi: error: the request ran past TRAWL_CGI_SECONDS: answered 503"

# --- A damaged stored article: 503, the detail in the server's log.
cp -r "$tmp/db" "$tmp/damaged.db"
"${PYTHON3:-python3}" -c 'import sys
p = sys.argv[1] + "/docdata.glass"
b = open(p, "rb").read()
open(p, "wb").write(b.replace(b"trawl-doc\t1\n", b"trawl-doc\t9\n"))' "$tmp/damaged.db"
run env TRAWL_DB="$tmp/damaged.db" GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET QUERY_STRING=q=nhs \
    "$TRAWL_BUILDDIR/trawl.cgi"
like "a damaged stored article: 503" "$out" "Status: 503 Service Unavailable"
unlike "... not blamed on the query" "$out" "Query too"
unlike "... the page without the detail" "$out" "damaged"
like "... which goes to the server's log, naming the index" "$err" \
    "trawl.cgi: error: search failed in '$tmp/damaged.db': stored document is damaged"
run trawl_search --db "$tmp/damaged.db" nhs
expect_status "... and exit 2 in the CLI" 2

# --- trawl.cgi.conf in the document root, readable by anyone: refused.
mkdir -p "$tmp/www"
ln -s "$TRAWL_BUILDDIR/trawl.cgi" "$tmp/www/trawl.cgi"
printf 'TRAWL_DB=%s\n' "$tmp/db" > "$tmp/www/trawl.cgi.conf"
chmod 644 "$tmp/www/trawl.cgi.conf"
in_docroot() {
    run env GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET QUERY_STRING=q=nhs \
        DOCUMENT_ROOT="$1" SCRIPT_FILENAME="$tmp/www/trawl.cgi" "$tmp/www/trawl.cgi"
}
in_docroot "$tmp/www/"
like "a world-readable trawl.cgi.conf in the document root: 503" "$out" "Status: 503 Service Unavailable"
like "... the log says why and what to do" "$err" \
    "'$tmp/www/trawl.cgi.conf' is in the document root '$tmp/www/' and anyone may read it"
chmod o-r "$tmp/www/trawl.cgi.conf"
in_docroot "$tmp/www"
like "readable by the server alone: served" "$out" "Status: 200 OK"
chmod 644 "$tmp/www/trawl.cgi.conf"
in_docroot "$tmp/elsewhere"
like "world-readable outside the document root (a cgi-bin): served" "$out" "Status: 200 OK"

# The lighttpd rule doc/cgi.md gives keeps the file from being handed out.
lighttpd_bin=
for dir in /usr/sbin /usr/local/sbin /sbin; do
    [ -x "$dir/lighttpd" ] && lighttpd_bin=$dir/lighttpd && break
done
if [ -n "$lighttpd_bin" ] && command -v curl > /dev/null; then
    chmod o-r "$tmp/www/trawl.cgi.conf"
    . "$TRAWL_SRCDIR/tests/cgi-server.sh"
    lighttpd_start 'server.modules = ("mod_access", "mod_cgi")
cgi.assign = (".cgi" => "")
url.access-deny = (".conf")'   # sets $port; stopped on exit
    code=$(curl -s -o "$tmp/conf.out" -w '%{http_code}' "http://127.0.0.1:$port/trawl.cgi.conf" || true)
    is "lighttpd with doc/cgi.md's url.access-deny: trawl.cgi.conf is 403" "$code" 403
    unlike "... its contents not sent" "$(cat "$tmp/conf.out")" "TRAWL_DB"
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/trawl.cgi?q=nhs" || true)
    is "... while the search is served" "$code" 200
else
    echo "# lighttpd or curl is not installed: doc/cgi.md's deny rule is not checked"
fi

done_testing
