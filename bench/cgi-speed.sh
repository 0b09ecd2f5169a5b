#!/bin/sh
# cgi-speed.sh: trawl.cgi beside Omega's CGI, behind lighttpd and run directly, and under 50 concurrent clients.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/cgi-speed.sh [-b BUILDDIR] [-w WORKDIR] [-n RUNS]
#
# 1. The seed corpus (corpus/) indexed by trawl-index for trawl.cgi and by
#    omindex for Omega (Debian's xapian-omega, its stock "query" template);
#    both CGIs behind one lighttpd on 127.0.0.1 (mod_cgi: a process per
#    request).  RUNS (default 50) requests of a results page each, one
#    after the other, timed by curl (time_total: connect, CGI start, answer).
# 2. BBC News (../shared/corpora/bbc-news, 2,225 articles) indexed by both;
#    each CGI run directly (no server: QUERY_STRING in the environment),
#    RUNS times, process start included, timed from Python.
# 3. wrk: 50 concurrent clients for 10 seconds on trawl.cgi (seed index)
#    through lighttpd; it must answer every request with 200.
# Figures: mean, median and p99 (nearest rank) in milliseconds.  trawl's
# page has more than Omega's: facets (every match counted), citations,
# three snippets.  The machine has 2 cores and is shared: expect noise.
set -eu
LC_ALL=C.UTF-8
export LC_ALL

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=$srcdir/build
work=${TMPDIR:-/tmp}/trawl-cgi-bench
runs=50
while getopts b:w:n: opt; do
    case $opt in
    b) build=$(cd "$OPTARG" && pwd) ;;
    w) work=$OPTARG ;;
    n) runs=$OPTARG ;;
    *) echo "usage: $0 [-b BUILDDIR] [-w WORKDIR] [-n RUNS]" >&2; exit 2 ;;
    esac
done
corpora=${TRAWL_CORPORA:-$srcdir/../shared/corpora}
omega=/usr/lib/cgi-bin/omega/omega
templates=/var/lib/xapian-omega/templates
python=${PYTHON3:-/usr/bin/python3}
for tool in /usr/sbin/lighttpd "$omega" /usr/bin/omindex /usr/bin/curl /usr/bin/wrk; do
    if [ ! -x "$tool" ]; then
        echo "cgi-speed.sh: error: '$tool' is missing: run setup.sh (lighttpd, xapian-omega, curl, wrk)" >&2
        exit 2
    fi
done
[ -x "$build/trawl.cgi" ] || { echo "cgi-speed.sh: error: no $build/trawl.cgi: build first (-b BUILDDIR)" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work/www" "$work/omega/data" "$work/omega/log"
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "== indexing"
"$build/trawl-index" --db "$work/seeds.db" "$srcdir/corpus" > /dev/null
"$build/trawl-index" --db "$work/bbc.db" "$corpora/bbc-news/bbc" > /dev/null
omindex --db "$work/omega/data/seeds" --url / "$srcdir/corpus" > /dev/null
omindex --db "$work/omega/data/bbc" --url / "$corpora/bbc-news/bbc" > /dev/null
cat > "$work/omega.conf" <<EOF
database_dir $work/omega/data
template_dir $templates
log_dir $work/omega/log
EOF
ln -s "$build/trawl.cgi" "$work/www/trawl.cgi"
printf 'TRAWL_DB=%s\n' "$work/seeds.db" > "$work/www/trawl.cgi.conf"
ln -s "$omega" "$work/www/omega.cgi"

port=$("$python" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
cat > "$work/lighttpd.conf" <<EOF
server.document-root = "$work/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$work/lighttpd-error.log"
server.modules = ("mod_cgi", "mod_setenv")
cgi.assign = (".cgi" => "")
setenv.add-environment = ("OMEGA_CONFIG_FILE" => "$work/omega.conf")
EOF
/usr/sbin/lighttpd -D -f "$work/lighttpd.conf" &
server_pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 50); do
    curl -s -o /dev/null "$base/trawl.cgi" && break
    sleep 0.1
done

# stats NAME: mean, median, p99 of the milliseconds on stdin (one a line).
stats() {
    "$python" -c '
import sys, statistics
ms = sorted(float(x) for x in sys.stdin)
p99 = ms[max(0, -(-99 * len(ms) // 100) - 1)]
print("%-44s n=%d  mean %6.2f ms  median %6.2f ms  p99 %6.2f ms"
      % (sys.argv[1], len(ms), statistics.mean(ms), statistics.median(ms), p99))' "$1"
}

# over_http NAME URL: RUNS GETs of URL, one at a time, after one warm-up.
over_http() {
    status=$(curl -s -o "$work/page" -w '%{http_code}' "$2")
    [ "$status" = 200 ] || { echo "cgi-speed.sh: error: $2 answered $status" >&2; exit 1; }
    for _ in $(seq "$runs"); do
        curl -s -o /dev/null -w '%{time_total}\n' "$2"
    done | awk '{ print $1 * 1000 }' | stats "$1"
}

# directly NAME QUERY-STRING PROGRAM [VAR=VALUE...]: RUNS runs of PROGRAM
# as a CGI (GET with QUERY-STRING), timed around each process.
directly() {
    name=$1 qs=$2 program=$3
    shift 3
    env "$@" REQUEST_METHOD=GET QUERY_STRING="$qs" "$program" > "$work/page"
    grep -q '^Status: 200\|^Content-Type: text/html' "$work/page" ||
        { echo "cgi-speed.sh: error: $program failed" >&2; exit 1; }
    "$python" - "$runs" "$qs" "$program" "$@" <<'EOF' | stats "$name"
import os, subprocess, sys, time
runs, qs, program = int(sys.argv[1]), sys.argv[2], sys.argv[3]
env = dict(os.environ, REQUEST_METHOD="GET", QUERY_STRING=qs)
env.update(kv.split("=", 1) for kv in sys.argv[4:])
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([program], env=env, stdout=subprocess.DEVNULL, check=True)
    print((time.perf_counter() - t) * 1000)
EOF
}

echo "== seed index, behind lighttpd, curl, $runs runs each"
over_http "Omega, seeds, 'area teams bullying'" "$base/omega.cgi?DB=seeds&P=area+teams+bullying"
over_http "trawl.cgi, seeds, 'area teams bullying'" "$base/trawl.cgi?q=area+teams+bullying"

echo "== BBC News, run directly, $runs runs each"
for q in "tony blair election" "mobile phone"; do
    plus=$(printf '%s' "$q" | tr ' ' '+')
    directly "Omega, BBC, '$q'" "DB=bbc&P=$plus" "$omega" OMEGA_CONFIG_FILE="$work/omega.conf"
    directly "trawl.cgi, BBC, '$q'" "q=$plus" "$build/trawl.cgi" TRAWL_DB="$work/bbc.db"
done

echo "== wrk: 50 clients, 10 s, trawl.cgi behind lighttpd (seed index)"
wrk -t2 -c50 -d10s --latency "$base/trawl.cgi?q=area+teams+bullying" > "$work/wrk.out"
sed -n '/Latency Distribution/,/Requests\/sec/p' "$work/wrk.out"
grep -E 'requests in|Socket errors|Non-2xx' "$work/wrk.out" || true
if grep -q -E 'Socket errors|Non-2xx' "$work/wrk.out"; then
    echo "wrk: ERRORS (see above)"
    exit 1
fi
echo "wrk: no errors"
