#!/bin/sh
# t0220-fastcgi.sh: trawl.cgi as a FastCGI application behind lighttpd's mod_fastcgi: one process, many requests.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/cgi-server.sh"

if [ "${TRAWL_FASTCGI:-no}" != yes ]; then
    echo "1..0 # SKIP trawl.cgi was built without libfcgi (install libfcgi-dev and configure again)"
    exit 0
fi
cgi=$TRAWL_BUILDDIR/trawl.cgi

# The FastCGI processes are lighttpd's children; they are stopped with it,
# and any left over (lighttpd killed hard) by their ids, whatever way the
# test ends.  So is the one started directly (further down).
backend_pids=
direct_pid=
stop_all() {
    cgi_server_stop
    for p in $backend_pids $direct_pid; do
        if grep -q trawl.cgi "/proc/$p/cmdline" 2>/dev/null; then
            kill "$p" 2>/dev/null || true
        fi
    done
}
stop_on_exit stop_all

copy_corpus "$tmp/corpus"
trawl_index --db "$tmp/db" "$tmp/corpus" > /dev/null
mkdir -p "$tmp/corpus2"
cp "$tmp"/corpus/000_*.txt "$tmp"/corpus/003_*.txt "$tmp/corpus2/"
trawl_index --db "$tmp/db2" "$tmp/corpus2" > /dev/null

# One program, four places, each with its settings file: the main index;
# /two/, another index (and settings from the request's params); /missing/,
# no index; /late/, an index made later.
mkdir -p "$tmp/www/two" "$tmp/www/missing" "$tmp/www/late"
for dir in "" two missing late; do
    ln -s "$cgi" "$tmp/www/$dir/trawl.cgi"
done
printf 'TRAWL_DB=%s\n' "$tmp/db" > "$tmp/www/trawl.cgi.conf"
printf 'TRAWL_DB=%s\n' "$tmp/db2" > "$tmp/www/two/trawl.cgi.conf"
printf 'TRAWL_DB=%s\n' "$tmp/no-such-index" > "$tmp/www/missing/trawl.cgi.conf"
printf 'TRAWL_DB=%s\n' "$tmp/late" > "$tmp/www/late/trawl.cgi.conf"
chmod o-r "$tmp"/www/trawl.cgi.conf "$tmp"/www/*/trawl.cgi.conf   # doc/cgi.md

# lighttpd starts the program itself ("bin-path"), one process, with a
# setting in its environment ("bin-environment"); requests under /two/
# carry two settings as FastCGI params (mod_setenv).
lighttpd_start "$(cat <<EOF
server.modules = ("mod_fastcgi", "mod_setenv")
fastcgi.server = (".cgi" => ((
    "socket" => "$tmp/fcgi.sock",
    "bin-path" => "$tmp/www/trawl.cgi",
    "bin-environment" => ("TRAWL_CGI_TITLE" => "Process title"),
    "max-procs" => 1,
)))
\$HTTP["url"] =~ "^/two/" {
    setenv.add-environment = ("TRAWL_CGI_TITLE" => "Request title", "TRAWL_CGI_HITS" => "1")
}
EOF
)"
root=http://127.0.0.1:$port

# backend: the pid of lighttpd's trawl.cgi process (there is one).
backend() {
    pids=$(ps -o pid= --ppid "$server_pid" | tr -d ' ' | tr '\n' ' ')
    backend_pids="$backend_pids $pids"
    printf '%s' "${pids% }"
}
matches() {  # the "N matches" line of $body
    printf '%s\n' "$body" | sed -n 's/^<p class="summary" role="status">\([0-9]* match[a-z]*\).*/\1/p'
}
no_seconds() { sed 's/([0-9.]* seconds)//; s/"seconds":[0-9.]*//'; }
cgi_run() {  # cgi_run QUERY-STRING [VAR=VALUE...]: trawl.cgi as plain CGI, its body
    qs=$1
    shift
    env -i REQUEST_METHOD=GET QUERY_STRING="$qs" SCRIPT_FILENAME="$tmp/www/trawl.cgi" "$@" \
        "$cgi" | sed '1,/^\r$/d'
}

# --- pages as the CGI gives them, from one process
fetch "?q=area+teams+bullying"
is "results: status 200" "$code" 200
first_pid=$(backend)
[ -n "$first_pid" ] && ok "lighttpd runs one trawl.cgi process ($first_pid)" ||
    not_ok "lighttpd runs one trawl.cgi process"
like "results: the setting from the process's environment" "$body" \
    "<title>area teams bullying - Process title</title>"
like "results: counted" "$body" "5 matches in 5 stories, 1 with all 3 words ("
is "results: the page is the CGI's, byte for byte" "$(printf '%s\n' "$body" | no_seconds)" \
    "$(cgi_run 'q=area+teams+bullying' TRAWL_CGI_TITLE='Process title' | no_seconds)"
fetch "?q=area+teams+bullying&format=json"
is "JSON: status 200" "$code" 200
is "JSON: the CGI's, byte for byte" "$(printf '%s\n' "$body" | no_seconds)" \
    "$(cgi_run 'q=area+teams+bullying&format=json' | no_seconds)"
fetch "?doc=002_7add833defd93f9a.txt&q=bullying"
is "article: status 200" "$code" 200
like "article: its words marked" "$body" "<mark>bullying</mark>"
is "article: the CGI's, byte for byte" "$body" \
    "$(cgi_run 'doc=002_7add833defd93f9a.txt&q=bullying' TRAWL_CGI_TITLE='Process title')"
fetch "?cite=002_7add833defd93f9a.txt"
is "cite: status 200" "$code" 200
like "cite: BibTeX" "$body" '<pre aria-labelledby="cite-bibtex">@article{002_7add833defd93f9a.txt,'

# --- status codes
fetch "?doc=no-such-article"
is "unknown article: 404" "$code" 404
fetch "?q=nhs&hits=0"
is "hits=0: 400" "$code" 400
like "... naming the parameter" "$body" "The parameter &#39;hits&#39; must be a number from 1 to 100."
fetch "?q=nhs&q=nhs"
is "a key twice: 400" "$code" 400
fetch "?q=nhs" -X PUT
is "PUT: 405" "$code" 405
is "... with Allow" "$(printf '%s\n' "$headers" | sed -n 's/^allow: //p')" "GET, HEAD, POST"
fetch "?q=nhs"
get_length=$(wc -c < "$tmp/.body" | tr -d ' ')
fetch "?q=nhs" -I
is "HEAD: 200" "$code" 200
like "HEAD: the GET's length" "$headers" "content-length: $get_length"
fetch "" --data "q=nhs&hits=1"
is "POST: 200" "$code" 200
like "POST: its parameters" "$body" "5 matches in 5 stories ("
is "POST: one hit a page, as asked" "$(printf '%s\n' "$body" | grep -c '^<li value=')" 1

# --- nothing of one request reaches the next
fetch ""
is "after the POST, a GET without a query: the home page" "$code" 200
unlike "... without results" "$body" 'class="summary"'
fetch "" --data 'format=json&q=%zz'
is "a bad request as JSON: 400" "$code,$body" \
    '400,{"error":"The parameter '"'q'"' is bad percent-encoding.","status":400}'
fetch "?q=nhs"
is "then a good one: 200" "$code" 200
like "... as HTML" "$body" "<!DOCTYPE html>"
is "... with its own matches" "$(matches)" "5 matches"
base_url=$root/two/trawl.cgi
fetch "?q=area"
is "/two/: 200" "$code" 200
like "/two/: the title from the request's params" "$body" "<title>area - Request title</title>"
is "/two/: its own index" "$(matches)" "2 matches"
is "/two/: one hit a page, from the request's params" "$(printf '%s\n' "$body" | grep -c '^<li value=')" 1
base_url=$root/trawl.cgi
fetch "?q=area"
like "back to /: the process's title again" "$body" "<title>area - Process title</title>"
is "back to /: its index again" "$(matches)" "5 matches"
is "back to /: ten hits a page again" "$(printf '%s\n' "$body" | grep -c '^<li value=')" 5
base_url=$root/missing/trawl.cgi
fetch "?q=nhs"
is "/missing/: no index, 503" "$code" 503
like "... a clean page" "$body" "The search index is not available at the moment."
base_url=$root/trawl.cgi
fetch "?q=nhs"
is "then /: 200" "$code" 200
is "... its matches" "$(matches)" "5 matches"
like "the reason is in the server's error log" "$(cat "$tmp/lighttpd-error.log" "$tmp/lighttpd.out")" \
    "trawl.cgi: error: no index at '$tmp/no-such-index'"

# --- a changed index is seen by the running process
# index_size: the start page's count of the index's articles (kept by the
# process for as long as the index keeps its revision).
index_size() { fetch "" && printf '%s\n' "$body" | sed -n 's/.*The index holds \([0-9]*\) article.*/\1/p'; }
articles=$(index_size)
is "the start page counts the index's articles" "$articles" \
    "$(trawl_search --db "$tmp/db" --stats | sed -n 's/^documents: *//p')"
fetch "?q=zanzibarquux"
is "a word no article has: 0 matches" "$(matches)" "0 matches"
printf 'A new article\n\nThe zanzibarquux committee met on Tuesday.\n' > "$tmp/corpus/005_new.txt"
trawl_index --db "$tmp/db" "$tmp/corpus" > /dev/null
fetch "?q=zanzibarquux"
is "after trawl-index adds an article: found" "$(matches)" "1 match"
like "... the new article" "$body" ">A new article</a></h3>"
is "... and the start page counts it" "$(index_size)" $((articles + 1))
rm "$tmp/corpus/005_new.txt"
trawl_index --rebuild --db "$tmp/db" "$tmp/corpus" > /dev/null
fetch "?q=zanzibarquux"
is "after trawl-index --rebuild without it: gone" "$(matches)" "0 matches"
is "... and the start page no longer counts it" "$(index_size)" "$articles"
fetch "?q=area+teams+bullying"
like "... and the rebuilt index answers" "$body" "5 matches in 5 stories, 1 with all 3 words ("
# A rebuilt index is opened afresh, with its language: without stemming,
# "commission" is one article's word, not five's.
fetch "?q=commission"
is "stemmed: 'commission' in five articles" "$(matches)" "5 matches"
trawl_index --rebuild --language none --db "$tmp/db" "$tmp/corpus" > /dev/null
fetch "?q=commission"
is "rebuilt without stemming: in one" "$(matches)" "1 match"
trawl_index --rebuild --language english --db "$tmp/db" "$tmp/corpus" > /dev/null
fetch "?q=commission"
is "rebuilt with stemming again: in five" "$(matches)" "5 matches"
base_url=$root/late/trawl.cgi
fetch "?q=nhs"
is "an index not made yet: 503" "$code" 503
trawl_index --db "$tmp/late" "$tmp/corpus2" > /dev/null
fetch "?q=nhs"
is "once made: 200" "$code" 200
is "... its matches" "$(matches)" "2 matches"
# Its articles have no reader comments, so plain words are not looked up
# in comments; once an article with comments is added, they are, in the
# same process ("brambles" stands only in 002's comments).
fetch "?q=brambles"
is "an index without comments: a comment's word is not found" "$(matches)" "0 matches"
cp "$tmp"/corpus/002_*.txt "$tmp/corpus2/"
trawl_index --db "$tmp/late" "$tmp/corpus2" > /dev/null
fetch "?q=brambles"
is "... once an article with comments is added, it is" "$(matches)" "1 match"
base_url=$root/trawl.cgi
is "all of that in one process" "$(backend)" "$first_pid"

# --- memory does not grow over requests (AddressSanitizer's quarantine
# grows it by design: there, its leak check at exit does the work)
urls=
for q in 'q=nhs' 'q=area+teams+bullying&format=json' 'q=%C0%80' 'doc=002_7add833defd93f9a.txt&q=area' \
    'cite=002_7add833defd93f9a.txt&q=area' 'q=bulying' 'q=nhs&source=HSJ&sort=newest' \
    'q=zzzz*' 'q=area&page=2&hits=1' 'doc=nope'; do
    urls="$urls -o /dev/null $base_url?$q"
done
rss() { sed -n 's/^VmRSS:[^0-9]*\([0-9]*\) kB/\1/p' "/proc/$first_pid/status"; }
if ldd "$cgi" 2>/dev/null | grep -q libasan; then
    ok "memory stays flat over requests # SKIP built with AddressSanitizer"
else
    # The analyzer's stem cache grows, up to 536 KB (text/analyzer.c), as
    # the words the matcher stems miss it: a bounded growth, done once the
    # first thousand requests are.  A leak grows in every thousand.
    # shellcheck disable=SC2086
    for _ in $(seq 130); do curl -s $urls; done
    before=$(rss)
    # shellcheck disable=SC2086
    for _ in $(seq 100); do curl -s $urls; done
    after=$(rss)
    [ "$after" -le $((before + 256)) ] &&
        ok "memory stays flat over 1,000 requests (${before} kB, then ${after} kB)" ||
        not_ok "memory stays flat over 1,000 requests" "VmRSS ${before} kB, then ${after} kB"
fi

# --- 50 clients at once, a bounded run: every answer a 200
if command -v wrk > /dev/null; then
    wrk -t2 -c50 -d2s "$base_url?q=area+teams+bullying" > "$tmp/wrk.out" 2>&1 || true
    like "wrk, 50 clients: requests answered" "$(cat "$tmp/wrk.out")" "requests in"
    unlike "wrk, 50 clients: no socket errors" "$(cat "$tmp/wrk.out")" "Socket errors"
    unlike "wrk, 50 clients: no answer but 200" "$(cat "$tmp/wrk.out")" "Non-2xx"
else
    ok "50 clients at once # SKIP wrk is not installed"
fi
is "still one process" "$(backend)" "$first_pid"

# --- SIGTERM (how servers stop FastCGI processes) ends it cleanly; lighttpd starts another
kill -TERM "$first_pid"
for _ in $(seq 100); do
    grep -q trawl.cgi "/proc/$first_pid/cmdline" 2>/dev/null || break
    sleep 0.1
done
grep -q trawl.cgi "/proc/$first_pid/cmdline" 2>/dev/null &&
    not_ok "SIGTERM ends the process" || ok "SIGTERM ends the process"
# lighttpd may take a moment to notice that its process is gone.
for _ in 1 2 3 4 5; do
    fetch "?q=nhs"
    [ "$code" = 200 ] && break
    sleep 0.2
done
is "then lighttpd's next process answers" "$(matches)" "5 matches"
second_pid=$(backend)
[ -n "$second_pid" ] && [ "$second_pid" != "$first_pid" ] && ok "... a new one ($second_pid)" ||
    not_ok "... a new one" "pid '$second_pid'"

# Built with sanitizers, trawl.cgi reports to stderr, which lighttpd keeps.
log=$(cat "$tmp/lighttpd-error.log" "$tmp/lighttpd.out")
unlike "no sanitizer report in the server's logs" "$log" "Sanitizer"
unlike "... no undefined behaviour" "$log" "runtime error"
unlike "... no process killed by a signal" "$log" "signalled"

# --- run directly on a socket of our own (as spawn-fcgi does), through
# libfcgi's cgi-fcgi: the time limit, and the exit status
if command -v cgi-fcgi > /dev/null; then
    # direct_start: trawl.cgi on $tmp/direct.sock; python waits for it and
    # writes its exit status to $tmp/direct.status.
    direct_start() {
        rm -f "$tmp/direct.sock" "$tmp/direct.status" "$tmp/direct.pid"
        "${PYTHON3:-python3}" - "$tmp/direct" "$tmp/www/trawl.cgi" <<'EOF' &
import socket, subprocess, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1] + ".sock")
s.listen(8)
with open(sys.argv[1] + ".err", "a") as err:
    p = subprocess.Popen([sys.argv[2]], stdin=s, stdout=subprocess.DEVNULL, stderr=err)
s.close()
with open(sys.argv[1] + ".pid", "w") as f:
    f.write(str(p.pid))
status = p.wait()
with open(sys.argv[1] + ".status", "w") as f:
    f.write(str(status))
EOF
        for _ in $(seq 100); do
            [ -s "$tmp/direct.pid" ] && break
            sleep 0.05
        done
        direct_pid=$(cat "$tmp/direct.pid")
    }
    direct_status() {  # waits up to 10 s for the exit status
        for _ in $(seq 100); do
            [ -s "$tmp/direct.status" ] && break
            sleep 0.1
        done
        cat "$tmp/direct.status" 2>/dev/null || echo "still running"
    }
    ask() {  # ask VAR=VALUE...: one request through cgi-fcgi; the answer on stdout
        env -i TRAWL_DB="$tmp/db" "$@" cgi-fcgi -bind -connect "$tmp/direct.sock"
    }

    direct_start
    first=$(ask REQUEST_METHOD=GET QUERY_STRING=q=nhs | head -n 1 | tr -d '\r')
    is "direct: a request" "$first" "Status: 200 OK"
    # No TRAWL_DB, and a SCRIPT_FILENAME with no settings file beside it:
    # the settings file beside the program (started as $tmp/www/trawl.cgi).
    answer=$(env -i REQUEST_METHOD=GET QUERY_STRING=q=nhs SCRIPT_FILENAME="$tmp/www/search" \
        cgi-fcgi -bind -connect "$tmp/direct.sock")
    like "direct: the settings file beside the program when the script has none" \
        "$answer" '<p class="summary" role="status">5 matches in 5 stories ('
    first=$(ask REQUEST_METHOD=GET QUERY_STRING=q=%00 | head -n 1 | tr -d '\r')
    is "direct: a bad one" "$first" "Status: 400 Bad Request"
    direct_length=$(ask REQUEST_METHOD=GET QUERY_STRING=q=nhs | sed '1,/^\r$/d' | wc -c | tr -d ' ')
    answer=$(ask REQUEST_METHOD=HEAD QUERY_STRING=q=nhs | tr -d '\r')
    like "direct: HEAD, the headers of the GET" "$answer" "Content-Length: $direct_length"
    is "direct: HEAD, no body" "$(printf '%s\n' "$answer" | sed '1,/^$/d')" ""
    # The body never comes whole: the time limit answers and ends the process.
    answer=$( (printf 'q=ab'; sleep 4) | ask REQUEST_METHOD=POST TRAWL_CGI_SECONDS=1 \
        CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=100 | tr -d '\r')
    like "direct: over TRAWL_CGI_SECONDS, 503" "$answer" "Status: 503 Service Unavailable"
    like "... saying why" "$answer" "The search took too long. Please retry."
    is "... and the process ends" "$(direct_status)" 0

    direct_start
    for q in q=nhs 'q=area+teams+bullying&format=json' 'doc=002_7add833defd93f9a.txt&q=area' \
        'cite=002_7add833defd93f9a.txt&q=area' q=bulying 'q=zzzz*' doc=nope q=%C0%80; do
        ask REQUEST_METHOD=GET QUERY_STRING="$q" > /dev/null
    done
    first=$(ask REQUEST_METHOD=GET QUERY_STRING=q=nhs | head -n 1 | tr -d '\r')
    is "direct: requests after requests" "$first" "Status: 200 OK"
    kill -TERM "$direct_pid"
    is "direct: SIGTERM, exit status 0" "$(direct_status)" 0
    # With sanitizers, LeakSanitizer checks at that exit: nothing kept.
    unlike "direct: no sanitizer report" "$(cat "$tmp/direct.err")" "Sanitizer"
else
    ok "direct FastCGI requests # SKIP cgi-fcgi (libfcgi-bin) is not installed"
fi

done_testing
