#!/bin/sh
# html-index.sh: a whole index of web pages, trawl-index against omindex,
# side by side in one run on the same files (issue 13: "a whole HTML index
# built faster than omindex builds its own").
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/html-index.sh [-b BUILDDIR] [-w WORKDIR] [-n ROUNDS]
#
# The 949 pages of ../shared/corpora/html-eval, unpacked once into
# WORKDIR/pages as .html files (omindex reads no .gz).  Each round builds a
# fresh index with each program, in turn (omindex first in odd rounds,
# trawl-index first in even ones, so that neither always finds the page
# cache warm): `omindex --db DB --url / PAGES` (Debian's xapian-omega, its
# own HTML parser; it keeps every menu and footer) and `trawl-index --db DB
# PAGES` (the article out of each page, compacted at the end, as a user
# gets it).  Prints each round's CPU seconds (user + system: steadier than
# wall time on a shared machine) and wall seconds, then the medians and
# trawl's share of omindex's CPU.  Then the floor under trawl's build, once:
# libxml2's parse of the pages alone (bench/trawl-html-extract
# --parse-only), and Xapian indexing the articles trawl extracts (title,
# body and comments of each `trawl-index --extract` object, one file each)
# with termlist and stored text (bench/xapian-floor.cc --termlist --data).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
bench_options trawl-html-index b:w:n: "n=rounds=5" "[-b BUILDDIR] [-w WORKDIR] [-n ROUNDS]" "$@"
pages=$corpora/html-eval/pages
for tool in /usr/bin/omindex /usr/bin/time "$build/trawl-index"; do
    [ -x "$tool" ] || { echo "html-index.sh: error: '$tool' is missing: run setup.sh" >&2; exit 2; }
done
[ -d "$pages" ] || { echo "html-index.sh: error: no pages in '$pages'" >&2; exit 2; }
mkdir -p "$work"
if [ ! -d "$work/pages" ]; then
    mkdir "$work/pages.tmp"
    for f in "$pages"/*.html.gz; do
        b=$(basename "$f" .gz)
        gzip -dc "$f" > "$work/pages.tmp/$b"
    done
    mv "$work/pages.tmp" "$work/pages"
fi
echo "== $(ls "$work/pages" | wc -l) pages, $(du -sk "$work/pages" | cut -f1) KiB of HTML; load $(cut -d' ' -f1-3 /proc/loadavg)"

# build NAME CMD...: a fresh index by CMD; appends "CPU WALL" to $work/NAME.
build_one() {
    name=$1
    shift
    rm -rf "$work/$name.db"
    /usr/bin/time -f '%U %S %e' -o "$work/time" "$@" > "$work/$name.out" 2>&1 || {
        echo "html-index.sh: error: $name failed: $(tail -n 3 "$work/$name.out")" >&2
        exit 1
    }
    awk '{ printf "%.2f %.2f\n", $1 + $2, $3 }' "$work/time" >> "$work/$name.times"
    printf '%-12s CPU %6s s  wall %6s s  %s KiB\n' "$name" \
        $(tail -n 1 "$work/$name.times") "$(du -sk "$work/$name.db" | cut -f1)"
}
omindex_round() { build_one omindex omindex --db "$work/omindex.db" --url / "$work/pages"; }
trawl_round() { build_one trawl "$build/trawl-index" -q --db "$work/trawl.db" "$work/pages"; }

rm -f "$work/omindex.times" "$work/trawl.times"
i=1
while [ "$i" -le "$rounds" ]; do
    echo "round $i"
    if [ $((i % 2)) -eq 1 ]; then omindex_round; trawl_round; else trawl_round; omindex_round; fi
    i=$((i + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
om=$(cut -d' ' -f1 "$work/omindex.times" | median)
tr=$(cut -d' ' -f1 "$work/trawl.times" | median)
omw=$(cut -d' ' -f2 "$work/omindex.times" | median)
trw=$(cut -d' ' -f2 "$work/trawl.times" | median)
echo "median of $rounds: omindex CPU $om s (wall $omw s), trawl-index CPU $tr s (wall $trw s)"
echo "trawl-index / omindex: CPU $(awk -v a="$tr" -v b="$om" 'BEGIN { printf "%.2f", a / b }')x, wall $(awk -v a="$trw" -v b="$omw" 'BEGIN { printf "%.2f", a / b }')x (target: below 1)"

make -s -C "$build" bench/trawl-html-extract
parse=$("$build/bench/trawl-html-extract" --time --parse-only "$work"/pages/* 2>&1 |
    sed -n 's/.* bytes in \([0-9.]*\) s.*/\1/p')
rm -rf "$work/articles"
mkdir "$work/articles"
"$build/trawl-index" --extract "$work/pages" | "$python" -c '
import json, sys
for n, line in enumerate(sys.stdin):
    a = json.loads(line)
    text = "\n".join([a["title"] or ""] + a["body"] + (a["comments"] or []))
    with open("%s/%05d.txt" % (sys.argv[1], n), "w") as f:
        f.write(text + "\n")
' "$work/articles"
# shellcheck disable=SC2046
c++ -O2 -o "$work/xapian-floor" "$srcdir/bench/xapian-floor.cc" $(pkg-config --cflags --libs xapian-core)
rm -rf "$work/floor.db"
xapian=$(find "$work/articles" -type f | sort | "$work/xapian-floor" --termlist --data "$work/floor.db" |
    sed -n 's/.*in all \([0-9.]*\) s CPU.*/\1/p')
echo "floor: libxml2's parse alone $parse s CPU + Xapian indexing the extracted articles $xapian s CPU" \
    "= $(awk -v a="$parse" -v b="$xapian" 'BEGIN { printf "%.2f", a + b }') s" \
    "($(awk -v a="$parse" -v b="$xapian" -v o="$om" 'BEGIN { printf "%.2f", (a + b) / o }')x omindex's CPU)"
