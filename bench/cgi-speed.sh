#!/bin/sh
# cgi-speed.sh: trawl.cgi (CGI and FastCGI) beside Omega's CGI, behind lighttpd and run directly, and under 50 concurrent clients.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/cgi-speed.sh [-b BUILDDIR] [-w WORKDIR] [-n RUNS]
#
# 1. The seed corpus (corpus/) indexed by trawl-index for trawl.cgi and by
#    omindex for Omega (Debian's xapian-omega, its stock "query" template);
#    all behind one lighttpd on 127.0.0.1: Omega and trawl.cgi as CGI
#    (mod_cgi: a process per request), and the same trawl.cgi binary as
#    FastCGI (mod_fastcgi, "bin-path", 2 processes kept; its URL is
#    trawl.fcgi, a link to it).  RUNS (default 50) requests of a results
#    page each, one after the other, timed by curl (time_total: connect,
#    CGI start, answer).
# 2. BBC News (../shared/corpora/bbc-news, 2,225 articles) indexed by both:
#    Omega's CGI and trawl's FastCGI through lighttpd as above; then each
#    CGI run directly (no server: QUERY_STRING in the environment), RUNS
#    times, process start included, timed from Python.
# 3. wrk: 50 concurrent clients for 10 seconds on each of Omega, trawl.cgi
#    as CGI and trawl.cgi as FastCGI (seed index) through lighttpd; each
#    must answer every request with 200.
# Figures: mean, median and p99 (nearest rank) in milliseconds, and how
# many times faster trawl is than Omega (median, p99).  trawl's page has
# more than Omega's: facets (every match counted), citations, three
# snippets.  The machine has 2 cores and is shared: expect noise.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
bench_options trawl-cgi-bench b:w:n: "n=runs=50" "[-b BUILDDIR] [-w WORKDIR] [-n RUNS]" "$@"
omega=/usr/lib/cgi-bin/omega/omega
templates=/var/lib/xapian-omega/templates
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
chmod o-r "$work/www/trawl.cgi.conf"   # trawl.cgi refuses it otherwise (doc/cgi.md)
# The same binary as FastCGI; its settings file is found through the
# URL's script (SCRIPT_FILENAME), so /bbc/ has its own index.
mkdir -p "$work/www/bbc"
ln -s "$build/trawl.cgi" "$work/www/trawl.fcgi"
printf 'TRAWL_DB=%s\n' "$work/seeds.db" > "$work/www/trawl.fcgi.conf"
chmod o-r "$work/www/trawl.fcgi.conf"
ln -s "$build/trawl.cgi" "$work/www/bbc/trawl.fcgi"
printf 'TRAWL_DB=%s\n' "$work/bbc.db" > "$work/www/bbc/trawl.fcgi.conf"
chmod o-r "$work/www/bbc/trawl.fcgi.conf"
ln -s "$omega" "$work/www/omega.cgi"

lighttpd_serve "$work/www" "$work" "$(cat <<EOF
server.modules = ("mod_cgi", "mod_fastcgi", "mod_setenv")
cgi.assign = (".cgi" => "")
fastcgi.server = (".fcgi" => ((
    "socket" => "$work/trawl-fcgi.sock",
    "bin-path" => "$work/www/trawl.fcgi",
    "max-procs" => 2,
)))
setenv.add-environment = ("OMEGA_CONFIG_FILE" => "$work/omega.conf")
EOF
)"
base=http://127.0.0.1:$port
for _ in $(seq 50); do
    curl -s -o /dev/null "$base/trawl.cgi" && curl -s -o /dev/null "$base/trawl.fcgi" && break
    sleep 0.1
done

# stats NAME: mean, median, p99 of the milliseconds on stdin (one a line);
# also kept in $work/figures as "NAME<tab>median<tab>p99".
stats() {
    "$python" -c '
import sys, statistics
ms = sorted(float(x) for x in sys.stdin)
p99 = ms[max(0, -(-99 * len(ms) // 100) - 1)]
print("%-48s n=%d  mean %6.2f ms  median %6.2f ms  p99 %6.2f ms"
      % (sys.argv[1], len(ms), statistics.mean(ms), statistics.median(ms), p99))
with open(sys.argv[2], "a") as f:
    f.write("%s\t%f\t%f\n" % (sys.argv[1], statistics.median(ms), p99))' "$1" "$work/figures"
}

# ratio BASE-NAME NAME: how many times faster NAME was than BASE-NAME.
ratio() {
    "$python" -c '
import sys
fig = {}
for line in open(sys.argv[1]):
    name, median, p99 = line.rstrip("\n").split("\t")
    fig[name] = (float(median), float(p99))
(bm, bp), (m, p) = fig[sys.argv[2]], fig[sys.argv[3]]
print("  %s: median %.1fx, p99 %.1fx faster than %s" % (sys.argv[3], bm / m, bp / p, sys.argv[2]))' \
        "$work/figures" "$1" "$2"
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

seeds="'area teams bullying'"
echo "== seed index, behind lighttpd, curl, $runs runs each"
over_http "Omega, seeds, $seeds" "$base/omega.cgi?DB=seeds&P=area+teams+bullying"
over_http "trawl.cgi CGI, seeds, $seeds" "$base/trawl.cgi?q=area+teams+bullying"
over_http "trawl.cgi FastCGI, seeds, $seeds" "$base/trawl.fcgi?q=area+teams+bullying"
ratio "Omega, seeds, $seeds" "trawl.cgi CGI, seeds, $seeds"
ratio "Omega, seeds, $seeds" "trawl.cgi FastCGI, seeds, $seeds"

echo "== BBC News, behind lighttpd, curl, $runs runs each"
for q in "tony blair election" "mobile phone"; do
    plus=$(printf '%s' "$q" | tr ' ' '+')
    over_http "Omega, BBC, '$q'" "$base/omega.cgi?DB=bbc&P=$plus"
    over_http "trawl.cgi FastCGI, BBC, '$q'" "$base/bbc/trawl.fcgi?q=$plus"
    ratio "Omega, BBC, '$q'" "trawl.cgi FastCGI, BBC, '$q'"
done

echo "== BBC News, run directly (a process each), $runs runs each"
for q in "tony blair election" "mobile phone"; do
    plus=$(printf '%s' "$q" | tr ' ' '+')
    directly "Omega, BBC, '$q', direct" "DB=bbc&P=$plus" "$omega" OMEGA_CONFIG_FILE="$work/omega.conf"
    directly "trawl.cgi CGI, BBC, '$q', direct" "q=$plus" "$build/trawl.cgi" TRAWL_DB="$work/bbc.db"
    ratio "Omega, BBC, '$q', direct" "trawl.cgi CGI, BBC, '$q', direct"
done

# under_load NAME URL: wrk, 50 clients for 10 s; every answer must be a 200.
errors=0
under_load() {
    echo "-- $1"
    wrk -t2 -c50 -d10s --latency "$2" > "$work/wrk.out"
    sed -n '/Latency Distribution/,/Requests\/sec/p' "$work/wrk.out"
    grep -E 'Socket errors|Non-2xx' "$work/wrk.out" || true
    if grep -q -E 'Socket errors|Non-2xx' "$work/wrk.out"; then
        echo "wrk: ERRORS (see above)"
        errors=1
    else
        echo "wrk: no errors"
    fi
}
echo "== wrk: 50 clients, 10 s each, behind lighttpd (seed index)"
under_load "Omega (CGI)" "$base/omega.cgi?DB=seeds&P=area+teams+bullying"
under_load "trawl.cgi as CGI" "$base/trawl.cgi?q=area+teams+bullying"
under_load "trawl.cgi as FastCGI" "$base/trawl.fcgi?q=area+teams+bullying"
exit "$errors"
