#!/bin/sh
# index-scaling.sh: build time, index size and query latency at 10/25/50/100% of a 155k-document mixed corpus.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/index-scaling.sh [-b BUILDDIR] [-w WORKDIR] [-j JOBS] [PERCENT]...   (default: 10 25 50 100)
#
# The mixed corpus: GCIDE (126,236 dictionary entries, JSON Lines), 20
# Newsgroups (19,997 posts, JSON Lines), BBC News (2,225 .txt files) and
# SpamAssassin (6,046 raw mail messages): 154,504 documents.  Each step
# takes the first PERCENT of each (lines of the JSON Lines, files in sorted
# order) and builds a fresh index with one trawl-index process (or
# `--jobs JOBS` processes with -j); it reports
# the wall time, peak RSS, index size, and the cost per document (time and
# bytes).  Then query latency: the 400 queries of ../shared/bench/queries
# (1-3 words), each run as its own process (`trawl-search --format json
# --limit 10 QUERY`: top 10 with snippets and citations, process start and
# index opening included, as trawl.cgi pays per request), warm cache, p50
# and p99 (nearest rank); and the mean per query of one `--batch` process.
# The machine has 2 cores and is shared: the load average is printed.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
bench_options trawl-scaling-bench b:w:j: "j=jobs=1" "[-b BUILDDIR] [-w WORKDIR] [-j JOBS] [PERCENT]..." "$@"
shift $((OPTIND - 1))
queries_dir=$shared/bench/queries
mkdir -p "$work"

. "$srcdir/bench/mix-corpus.sh"
cat "$queries_dir/bbc-news.txt" "$queries_dir/20newsgroups.txt" > "$work/queries.txt"
awk '{ printf "%d\t%s\n", NR, $0 }' "$work/queries.txt" > "$work/queries.tsv"

echo "step  docs     build s  peak RSS  index MB  ms/doc  bytes/doc  p50 ms  p99 ms  batch ms/q  load"
for pct in ${*:-10 25 50 100}; do
    mix=$work/mix-$pct
    db=$work/db-$pct
    rm -rf "$db"
    mix_corpus "$pct" "$mix"
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %M' -o "$work/time" "$build/trawl-index" -q --jobs "$jobs" --db "$db" "$mix" \
        2> "$work/index-$pct.err" || [ $? -eq 1 ]
    docs=$("$build/trawl-search" --db "$db" --stats --format json |
        sed -n 's/^{"documents":\([0-9]*\).*/\1/p')
    wall=$(tail -n 1 "$work/time" | cut -d' ' -f1)
    rss=$(tail -n 1 "$work/time" | cut -d' ' -f2)
    size=$(du -sb "$db" | cut -f1)
    latency=$("$python" - "$build/trawl-search" "$db" "$work/queries.txt" <<'EOF'
import subprocess, sys, time
search, db, queries = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().split("\n")[:-1]
def run(q):
    start = time.perf_counter()
    subprocess.run([search, "--db", db, "--format", "json", "--limit", "10", q],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000
for q in queries:
    run(q)                                  # warm the cache
t = sorted(run(q) for q in queries)
rank = lambda p: t[max(0, -(-len(t) * p // 100) - 1)]
print("%.1f %.1f" % (rank(50), rank(99)))
EOF
)
    start=$(date +%s.%N)
    "$build/trawl-search" --db "$db" --batch "$work/queries.tsv" --format json --limit 10 \
        > /dev/null || [ $? -eq 1 ]
    end=$(date +%s.%N)
    nq=$(wc -l < "$work/queries.tsv")
    awk -v p="$pct" -v d="$docs" -v w="$wall" -v r="$rss" -v s="$size" -v l="$latency" \
        -v b0="$start" -v b1="$end" -v nq="$nq" -v load="$load" 'BEGIN {
        split(l, lat, " ")
        printf "%3d%%  %7d  %7.1f  %5d MB  %8.1f  %6.3f  %9.0f  %6.1f  %6.1f  %10.2f  %s\n",
            p, d, w, r / 1024, s / 1e6, w * 1000 / d, s / d, lat[1], lat[2],
            (b1 - b0) * 1000 / nq, load }'
done
