#!/bin/sh
# floor-ratio.sh: trawl-index against the Xapian floor that builds the same index (issue 17's target), rounds interleaved.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/floor-ratio.sh [-b BUILDDIR] [-w WORKDIR] [-n ROUNDS] [bbc|20ng]...
#
# The floor is bench/xapian-floor.cc keeping what trawl's index keeps:
# --termlist --data --spelling, and for 20 Newsgroups --fields, which gives
# it each post's other JSON members (headers, from, url, category) as
# trawl-index indexes them, from files written by
# bench/jsonl-to-files.py --fields.  trawl-index reads the corpus as a user
# has it (BBC News: the .txt files; 20 Newsgroups: its docs.jsonl.gz).
# Each round, one after the other:
# - trawl-index -q, one process, and the floor, one process: CPU seconds
#   (user + system);
# - trawl-index -q --jobs 2, and the floor as two processes building half
#   each, merged by xapian-compact: wall seconds.
# Prints each round, then the median of the rounds' ratios.  The machine is
# shared and its speed drifts: ratios within a round are what count.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
bench_options trawl-floor-ratio b:w:n: "n=rounds=5" "[-b BUILDDIR] [-w WORKDIR] [-n ROUNDS] [bbc|20ng]..." "$@"
shift $((OPTIND - 1))
for tool in xapian-compact /usr/bin/time c++ pkg-config; do
    command -v "$tool" > /dev/null || {
        echo "$0: error: '$tool' not found (apt-get install xapian-tools time g++ pkg-config)" >&2
        exit 2
    }
done
[ -x "$build/trawl-index" ] || { echo "$0: error: no $build/trawl-index (build first, or -b BUILDDIR)" >&2; exit 2; }
mkdir -p "$work"
floor=$work/xapian-floor
# shellcheck disable=SC2046
c++ -O2 -o "$floor" "$srcdir/bench/xapian-floor.cc" $(pkg-config --cflags --libs xapian-core)

# measure FORMAT CMD...: runs CMD (exit status 1, "some input failed", is
# no error: 20 Newsgroups has 4 binary posts); prints its CPU (FORMAT cpu)
# or wall (FORMAT wall) seconds.
measure() {
    format=$1
    shift
    /usr/bin/time -f '%U %S %e' -o "$work/time" "$@" > /dev/null 2> "$work/err" || [ $? -eq 1 ] ||
        { cat "$work/err" >&2; exit 1; }
    tail -n 1 "$work/time" | awk -v f="$format" '{ printf "%.2f", f == "cpu" ? $1 + $2 : $3 }'
}

# median: the median of the numbers on standard input.
median() {
    sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

for name in ${*:-bbc 20ng}; do
    case $name in
    bbc) trawl_input=$corpora/bbc-news/bbc docs=$trawl_input fields= ;;
    20ng)
        trawl_input=$corpora/20newsgroups/docs.jsonl.gz
        docs=$work/20ng-fields
        fields=--fields
        if [ ! -d "$docs" ]; then
            zcat "$trawl_input" | "$python" "$srcdir/bench/jsonl-to-files.py" --fields "$docs.tmp"
            mv "$docs.tmp" "$docs"
        fi ;;
    *) echo "$0: error: unknown corpus '$name' (bbc or 20ng)" >&2; exit 2 ;;
    esac
    find "$docs" -name '*.txt' | sort > "$work/files"
    echo "== $name: $(wc -l < "$work/files") files; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "round  trawl CPU s  floor CPU s  ratio   trawl --jobs 2 wall s  floor 2 parts wall s  ratio"
    : > "$work/ratios1"
    : > "$work/ratios2"
    i=1
    while [ "$i" -le "$rounds" ]; do
        rm -rf "$work/trawl.db" "$work/trawl-2.db" "$work/floor.db" "$work/floor-2.db" "$work/floor-2.db".part*
        t1=$(measure cpu "$build/trawl-index" -q --db "$work/trawl.db" "$trawl_input")
        # shellcheck disable=SC2086
        f1=$(measure cpu sh -c '"$1" --termlist --data --spelling $2 "$3" < "$4"' sh \
            "$floor" "$fields" "$work/floor.db" "$work/files")
        t2=$(measure wall "$build/trawl-index" -q --jobs 2 --db "$work/trawl-2.db" "$trawl_input")
        f2=$(measure wall sh -c 'o="--termlist --data --spelling $2"
            "$1" $o "$3".part0 0 2 < "$4" > /dev/null & "$1" $o "$3".part1 1 2 < "$4" > /dev/null &&
            wait $! && xapian-compact "$3".part0 "$3".part1 "$3" > /dev/null' sh \
            "$floor" "$fields" "$work/floor-2.db" "$work/files")
        r1=$(awk -v a="$t1" -v b="$f1" 'BEGIN { printf "%.2f", a / b }')
        r2=$(awk -v a="$t2" -v b="$f2" 'BEGIN { printf "%.2f", a / b }')
        echo "$r1" >> "$work/ratios1"
        echo "$r2" >> "$work/ratios2"
        printf '%5d  %11s  %11s  %5sx  %21s  %21s  %5sx\n' "$i" "$t1" "$f1" "$r1" "$t2" "$f2" "$r2"
        i=$((i + 1))
    done
    echo "median of the rounds' ratios: one process $(median < "$work/ratios1")x," \
        "two $(median < "$work/ratios2")x"
done
