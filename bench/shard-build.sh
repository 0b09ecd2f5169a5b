#!/bin/sh
# shard-build.sh: building one shard of N (trawl-index --shard K/N) against building the whole index.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/shard-build.sh [-b BUILDDIR] [-w WORKDIR] [N]...   (default: 2 4)
#
# On the 154,504-document mixed corpus of bench/index-scaling.sh
# (bench/mix-corpus.sh): the whole index with one process; shard 1 of each
# N; and shard 1 of 1024, which reads and claims every article and indexes
# almost none: the cost of reading the corpus, which every shard's machine
# pays.  Each build starts from an empty --db, page cache warm (a first
# read of the corpus is made before).  Reported: wall time and CPU time
# (user + system; the steadier figure on a shared machine), documents, and
# for each N the target of doc/scaling.md: whole / N + reading.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
bench_options trawl-scaling-bench b:w: "" "[-b BUILDDIR] [-w WORKDIR] [N]..." "$@"
shift $((OPTIND - 1))
ns=${*:-2 4}
mkdir -p "$work"
. "$srcdir/bench/mix-corpus.sh"
mix=$work/mix-100
[ -d "$mix" ] || mix_corpus 100 "$mix"
cat $(find "$mix" -type f) > /dev/null      # warm the page cache

# build NAME ARGS...: one build into $work/shard-NAME.db; prints
# "wall cpu docs".
build() {
    name=$1
    shift
    rm -rf "$work/shard-$name.db"
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$build/trawl-index" -q "$@" \
        --db "$work/shard-$name.db" "$mix" 2> "$work/shard-$name.err" || [ $? -eq 1 ]
    docs=$("$build/trawl-search" --db "$work/shard-$name.db" --stats --format json |
        sed -n 's/^{"documents":\([0-9]*\).*/\1/p')
    tail -n 1 "$work/time" | awk -v d="$docs" '{ printf "%.2f %.2f %d\n", $1, $2 + $3, d }'
}

echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
set -- $(build whole)
whole_wall=$1 whole_cpu=$2
printf '%-14s %8s s wall %8s s CPU %7s docs\n' "whole" "$1" "$2" "$3"
set -- $(build read --shard 1/1024)
read_wall=$1 read_cpu=$2
printf '%-14s %8s s wall %8s s CPU %7s docs  (reading the corpus)\n' "shard 1/1024" "$1" "$2" "$3"
for n in $ns; do
    set -- $(build "1-of-$n" --shard "1/$n")
    awk -v n="$n" -v w="$1" -v c="$2" -v d="$3" -v ww="$whole_wall" -v wc="$whole_cpu" \
        -v rw="$read_wall" -v rc="$read_cpu" 'BEGIN {
        printf "%-14s %8.2f s wall %8.2f s CPU %7d docs  target %.2f s CPU (whole/%d + reading): %s\n",
            "shard 1/" n, w, c, d, wc / n + rc, n, c <= wc / n + rc ? "met" : "NOT met" }'
done
