#!/bin/sh
# load.sh: trawl.cgi under load while the index is rebuilt: zero errors expected.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/load.sh [-b BUILDDIR] [-w WORKDIR] [-s SECONDS]
#
# Indexes BBC News (../shared/corpora/bbc-news) into WORKDIR, serves the
# built trawl.cgi with lighttpd on 127.0.0.1 (a free port), and runs wrk with
# 50 connections for SECONDS (default 60) on a mix of queries (the BBC
# benchmark queries) and article views, while trawl-index re-indexes in the
# background: each round changes 50 articles and commits every 20
# documents.  Prints wrk's latency distribution, and fails when any request
# got a socket error or a non-2xx answer.  Only loopback traffic; the server
# and the indexer loop are stopped on exit.
set -eu
LC_ALL=C.UTF-8
export LC_ALL

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=$srcdir/build
work=${TMPDIR:-/tmp}/trawl-load
seconds=60
while getopts b:w:s: opt; do
    case $opt in
    b) build=$(cd "$OPTARG" && pwd) ;;
    w) work=$OPTARG ;;
    s) seconds=$OPTARG ;;
    *) echo "usage: $0 [-b BUILDDIR] [-w WORKDIR] [-s SECONDS]" >&2; exit 2 ;;
    esac
done
corpora=$srcdir/../shared/corpora
queries=$srcdir/../shared/bench/queries/bbc-news.txt
for tool in /usr/sbin/lighttpd /usr/bin/wrk /usr/bin/curl python3; do
    command -v "$tool" > /dev/null || {
        echo "load.sh: error: '$tool' is missing: run setup.sh" >&2
        exit 2
    }
done
rm -rf "$work"
mkdir -p "$work/www"
work=$(cd "$work" && pwd)

server_pid= indexer_pid=
stop() {
    [ -z "$indexer_pid" ] || kill "$indexer_pid" 2>/dev/null || true
    [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

cp -r "$corpora/bbc-news/bbc" "$work/corpus"
"$build/trawl-index" -q --db "$work/bbc.db" "$work/corpus"

ln -s "$build/trawl.cgi" "$work/www/trawl.cgi"
printf 'TRAWL_DB=%s\n' "$work/bbc.db" > "$work/www/trawl.cgi.conf"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/lighttpd.conf" <<CONF
server.document-root = "$work/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$work/lighttpd-error.log"
server.max-connections = 256
server.modules = ("mod_cgi")
cgi.assign = (".cgi" => "")
CONF
/usr/sbin/lighttpd -D -f "$work/lighttpd.conf" &
server_pid=$!
base=http://127.0.0.1:$port/trawl.cgi
for _ in $(seq 50); do
    curl -s -o /dev/null --max-time 2 "$base" && break
    sleep 0.1
done

# The request mix: each query, and an article view, in turn.
python3 - "$queries" "$work/mix.lua" <<'PY'
import sys, urllib.parse
paths = []
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    q = line.strip()
    if q:
        paths.append("/trawl.cgi?q=" + urllib.parse.quote_plus(q))
        paths.append("/trawl.cgi?doc=" + urllib.parse.quote("business/%03d.txt" % (i % 500 + 1), safe=""))
with open(sys.argv[2], "w") as f:
    f.write("local paths = {\n")
    for p in paths:
        f.write("  %r,\n" % p)
    f.write("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
            "  return wrk.format(\"GET\", paths[i])\nend\n")
PY

# The indexer in the background: change 50 articles a round, re-index.
(
    round=0
    while :; do
        round=$((round + 1))
        for f in $(find "$work/corpus/tech" -name '*.txt' | sort | head -50); do
            printf '\nUpdate %d of the load test.\n' "$round" >> "$f"
        done
        "$build/trawl-index" -q --commit-every 20 --db "$work/bbc.db" "$work/corpus" ||
            echo "load.sh: indexer round $round failed" >&2
    done
) &
indexer_pid=$!

echo "== wrk: 50 connections, ${seconds} s, queries and article views, indexer running (load $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t2 -c50 -d"${seconds}s" --timeout 30s --latency -s "$work/mix.lua" "http://127.0.0.1:$port" > "$work/wrk.out"
sed -n '/Latency Distribution/,/Transfer\/sec/p' "$work/wrk.out"
grep -E 'requests in' "$work/wrk.out"
if grep -q -E 'Socket errors|Non-2xx' "$work/wrk.out"; then
    grep -E 'Socket errors|Non-2xx' "$work/wrk.out"
    echo "load: ERRORS"
    exit 1
fi
if grep -q 'trawl' "$work/lighttpd-error.log" 2>/dev/null; then
    echo "load: trawl.cgi wrote to the error log:"
    grep 'trawl' "$work/lighttpd-error.log" | sort | uniq -c | head
fi
echo "load: no errors, no non-2xx answers"
