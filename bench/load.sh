#!/bin/sh
# load.sh: trawl.cgi under load while the index is rebuilt: zero errors expected.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/load.sh [-b BUILDDIR] [-w WORKDIR] [-s SECONDS] [-c CORPUS] [-H] [-T MS]
#
# Indexes CORPUS (bbc-news, the default, or 20newsgroups, from
# ../shared/corpora) into WORKDIR, serves the built trawl.cgi with lighttpd
# on 127.0.0.1 (a free port), and runs wrk with 50 connections for SECONDS
# (default 60) on a mix of queries (the corpus's benchmark queries) and
# article views, while trawl-index re-indexes in the background: for BBC
# News each round changes 50 articles and commits every 20 documents; for
# 20 Newsgroups (one JSON Lines file) each round rebuilds the index beside
# the one being read (--rebuild) and swaps it in.  Prints wrk's latency
# distribution, and fails when any request got a socket error or a non-2xx
# answer.  Only loopback traffic; the server and the indexer loop are
# stopped on exit.
#
# The corpora are read from ../shared beside the source tree, or from
# $TRAWL_SHARED.
#
# -H (hostile queries, issue 19): first runs each query of a hostile set
# (102 copies of "that is", 99 different common phrases, 204 x pri*, 300
# common words, long NEAR chains, deep brackets...; each at most 1 KB) as
# one trawl.cgi request on the idle index and prints the CPU it cost
# (fails past 0.5 s, or on a 5xx); then adds those queries to the wrk mix
# (one request in five) and measures the median of the ordinary queries,
# one at a time with curl, idle and under that load (target: within 2x).
#
# -T MS: each of the 50 connections waits MS milliseconds after an answer
# before its next request (a reader's pause; wrk's delay()), so that the
# 50 clients are 50 users rather than 50 loops sending as fast as the
# server answers.  Without it (-T 0) the clients keep both cores busy
# with ordinary queries alone, and any server's latency grows with the
# queue (the floor the hostile figures are read against).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
bench_options trawl-load b:w:s:c:HT: "s=seconds=60 c=corpus=bbc-news H=hostile=0 T=think=0" "[-b BUILDDIR] [-w WORKDIR] [-s SECONDS] [-c bbc-news|20newsgroups] [-H] [-T MS]" "$@"
case $think in
''|*[!0-9]*) echo "load.sh: error: -T: '$think' is not a number of milliseconds" >&2; exit 2 ;;
esac
case $corpus in
bbc-news|20newsgroups) ;;
*) echo "load.sh: error: -c: '$corpus' is not bbc-news or 20newsgroups" >&2; exit 2 ;;
esac
queries=$shared/bench/queries/$corpus.txt
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

if [ "$corpus" = bbc-news ]; then
    cp -r "$corpora/bbc-news/bbc" "$work/corpus"
    doc_ids='business/%03d.txt'
else
    mkdir "$work/corpus"
    cp "$corpora/20newsgroups/docs.jsonl.gz" "$work/corpus/"
    doc_ids=
fi
db=$work/index.db
"$build/trawl-index" -q --db "$db" "$work/corpus"

ln -s "$build/trawl.cgi" "$work/www/trawl.cgi"
# Readable by the server alone (trawl.cgi refuses a world-readable
# trawl.cgi.conf under the document root: doc/cgi.md).
(umask 077; printf 'TRAWL_DB=%s\n' "$db" > "$work/www/trawl.cgi.conf")
lighttpd_serve "$work/www" "$work" 'server.max-connections = 256
server.modules = ("mod_cgi")
cgi.assign = (".cgi" => "")'
base=http://127.0.0.1:$port/trawl.cgi
for _ in $(seq 50); do
    curl -s -o /dev/null --max-time 2 "$base" && break
    sleep 0.1
done

# The hostile set: each query at most 1 KB, the words common ones of the
# index's own text (the first 3,000 articles' most frequent words).
python3 - "$work/hostile.txt" <<'PY'
import sys
phrases = ("that is,it is,of the,in the,to be,i am,do not,there is,this is,you are,we are,"
           "they are,has been,have been,will be,can be,would be,should be,could be,may be,"
           "is not,are not,was not,on the,at the,for the,by the,with the,from the,to the,"
           "and the,as the,is a,was a,of a,in a,for a,with a,to a,on a,as a,it was,he is,"
           "she is,if you,you can,i think,i have,i was,we have,you have,one of,some of,"
           "all of,most of,part of,out of,because of,in order,as well,so that,such as,"
           "more than,less than,at least,in fact,of course,for example,the same,the other,"
           "the first,the last,the best,a lot,a few,the number,the fact,the way,the time,"
           "the world,the people,the government,the problem,the question,the answer,"
           "the system,the program,the file,the data,the use,the end,the point,the case,"
           "the state,the law,the right,the book,the power").split(",")
words = ("that with this have from they what there would about which will their your "
         "more people some like know when only other think time just than also them "
         "were been could because should these then even much most many well very "
         "does make where said good such right first need back want used work years "
         "something going same those while before things really problem anyone since "
         "system being through point find still take case believe question world "
         "information better never government part without last over after file "
         "program using anything again another fact thing might between every data "
         "available help number read sure course space article little made help").split()
def fit(parts, sep=" "):
    out = ""
    for p in parts:
        if len(out) + len(sep) + len(p) > 1024:
            break
        out += (sep if out else "") + p
    return out
qs = [
    fit(['"that is"'] * 200),                      # the probe's 102 copies
    fit('"%s"' % p for p in phrases),              # different phrases (refused)
    fit('"%s"' % p for p in phrases[:16]),         # as many as allowed
    fit(["pri*"] * 300),                           # the probe's 204 wildcards
    fit("%s*" % w[:4] for w in words[:16]),        # 16 wildcards
    fit(words),                                    # common words
    fit(words, " NEAR "),                          # one long NEAR
    fit(words, " ADJ/1000 "),
    fit(["(%s OR %s)" % (a, b) for a, b in zip(words[0::2], words[1::2])]),
    "(" * 60 + " ".join(words[:40]) + ")" * 60,
    words[0] + " " + fit(["-" + w for w in words[1:]])[:1000],
    fit(['"%s %s" NEAR/50 "%s %s"' % tuple(words[i:i + 4]) for i in range(0, 100, 4)]),
    fit(["title:\"%s\"" % p for p in phrases[:40]]),
    '"' + fit(words)[:1020] + '"',
]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for q in qs:
        assert len(q.encode()) <= 1024, q
        f.write(q + "\n")
PY

if [ "$hostile" = 1 ]; then
    echo "== the hostile set, one trawl.cgi request each on the idle index: CPU (user+sys)"
    python3 - "$build/trawl.cgi" "$db" "$work/hostile.txt" <<'PY' || exit 1
import os, resource, subprocess, sys, urllib.parse
cgi, db, path = sys.argv[1:4]
worst, bad, accepted = 0.0, 0, []
for q in open(path, encoding="utf-8").read().splitlines():
    env = dict(os.environ, TRAWL_DB=db, GATEWAY_INTERFACE="CGI/1.1", REQUEST_METHOD="GET",
               QUERY_STRING="q=" + urllib.parse.quote_plus(q))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([cgi], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    status = out.split(b"\r\n", 1)[0].decode(errors="replace").replace("Status: ", "")
    worst = max(worst, cpu)
    bad += cpu > 0.5 or status.startswith("5")
    if status.startswith("200"):
        accepted.append(q)
    print("%6.3f s  %-26s %4d bytes  %s" % (cpu, status, len(q.encode()), q[:50]))
print("hostile: the most CPU a query cost: %.3f s (target: at most 0.5 s)" % worst)
# The mix under load has the queries answered 200 (a 400 would count as
# an error in wrk's figures, and costs nothing).
with open(path + ".accepted", "w", encoding="utf-8") as f:
    f.write("".join(q + "\n" for q in accepted))
sys.exit(1 if bad else 0)
PY
fi

# The request mix: each query, and an article view, in turn (with -H, a
# hostile query one request in five).
[ -f "$work/hostile.txt.accepted" ] || : > "$work/hostile.txt.accepted"
python3 - "$queries" "$work/mix.lua" "$doc_ids" "$work/hostile.txt.accepted" "$hostile" "$think" <<'PY'
import sys, urllib.parse
paths = []
hostile = [l for l in open(sys.argv[4], encoding="utf-8").read().splitlines() if l]
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    q = line.strip()
    if q:
        paths.append("/trawl.cgi?q=" + urllib.parse.quote_plus(q))
        if sys.argv[3]:
            paths.append("/trawl.cgi?doc=" + urllib.parse.quote(sys.argv[3] % (i % 500 + 1), safe=""))
        if sys.argv[5] == "1" and hostile and i % 4 == 3:
            paths.append("/trawl.cgi?q=" + urllib.parse.quote_plus(hostile[i // 4 % len(hostile)]))
with open(sys.argv[2], "w") as f:
    f.write("local paths = {\n")
    for p in paths:
        f.write("  %r,\n" % p)
    f.write("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
            "  return wrk.format(\"GET\", paths[i])\nend\n")
    if int(sys.argv[6]) > 0:
        f.write("function delay() return %d end\n" % int(sys.argv[6]))
    # Which statuses came back, and for which request (wrk only counts
    # the non-2xx).
    f.write("""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} failed = {} end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 300 and #failed < 5 then table.insert(failed, status .. " " .. paths[i]) end
end
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do all[status] = (all[status] or 0) + n end
    for _, f in ipairs(t:get("failed")) do io.write("failed: ", f, "\\n") end
  end
  for status, n in pairs(all) do io.write("status ", status, ": ", n, "\\n") end
end
""")
PY

# ordinary_median: the median time of the first 40 benchmark queries, one
# at a time (a hostile query that is refused is not among them).
ordinary_median() {
    python3 - "$base" "$queries" <<'PY'
import statistics, subprocess, sys, urllib.parse
base, path = sys.argv[1:3]
times = []
for q in [l.strip() for l in open(path, encoding="utf-8") if l.strip()][:40]:
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}",
                          base + "?q=" + urllib.parse.quote_plus(q)],
                         stdout=subprocess.PIPE, text=True).stdout.split()
    if out[0] != "200":
        print("load.sh: %s for %r" % (out[0], q), file=sys.stderr)
    times.append(float(out[1]))
print("%.1f" % (1000 * statistics.median(times)))
PY
}
if [ "$hostile" = 1 ]; then
    idle_median=$(ordinary_median)
    echo "== ordinary queries one at a time, idle: median ${idle_median} ms"
fi

# The indexer in the background: change 50 articles a round, re-index (BBC
# News); rebuild beside the index and swap it in (20 Newsgroups).
(
    round=0
    while :; do
        round=$((round + 1))
        if [ "$corpus" = bbc-news ]; then
            for f in $(find "$work/corpus/tech" -name '*.txt' | sort | head -50); do
                printf '\nUpdate %d of the load test.\n' "$round" >> "$f"
            done
            "$build/trawl-index" -q --commit-every 20 --db "$db" "$work/corpus" ||
                echo "load.sh: indexer round $round failed" >&2
        else
            "$build/trawl-index" -q --rebuild --db "$db" "$work/corpus" ||
                echo "load.sh: indexer round $round failed" >&2
        fi
    done
) &
indexer_pid=$!

echo "== wrk: 50 connections (pause ${think} ms), ${seconds} s, queries and article views, indexer running (load $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t2 -c50 -d"${seconds}s" --timeout 30s --latency -s "$work/mix.lua" "http://127.0.0.1:$port" > "$work/wrk.out" &
wrk_pid=$!
if [ "$hostile" = 1 ]; then
    sleep 2
    busy_median=$(ordinary_median)
fi
wait "$wrk_pid"
sed -n '/Latency Distribution/,/Transfer\/sec/p' "$work/wrk.out"
grep -E '^(status|failed)' "$work/wrk.out" || true
grep -E 'requests in' "$work/wrk.out"
echo "load: machine load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$hostile" = 1 ]; then
    echo "load: ordinary queries one at a time: median ${idle_median} ms idle, ${busy_median} ms under load" \
        "($(python3 -c "print('%.1f' % ($busy_median / $idle_median))")x; target: at most 2x)"
fi
if grep -q 'trawl' "$work/lighttpd-error.log" 2>/dev/null; then
    echo "load: trawl.cgi wrote to the error log:"
    grep 'trawl' "$work/lighttpd-error.log" | sed 's/^[^)]*) //' | cut -c1-160 | sort | uniq -c | head
fi
if grep -q -E 'Socket errors|Non-2xx' "$work/wrk.out"; then
    grep -E 'Socket errors|Non-2xx' "$work/wrk.out"
    echo "load: ERRORS"
    exit 1
fi
echo "load: no errors, no non-2xx answers"
