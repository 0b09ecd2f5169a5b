#!/bin/sh
# index-size.sh: what an index of BBC News and 20 Newsgroups takes on disk,
# table by table, for trawl-index and omindex (plain and compacted).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/index-size.sh [-i TRAWL-INDEX] [-w WORKDIR] [bbc|20ng]...
#
# Each engine builds one fresh index per corpus (one run: sizes do not
# vary, and CPU seconds, user + system from /usr/bin/time, are less noisy
# than wall time on a shared machine).  Printed per index: the total size
# (du -k, KiB) and each table's *.glass file (KiB), with CPU seconds.
# omindex is compacted with xapian-compact, its CPU time added.  20
# Newsgroups is fed to trawl as its docs.jsonl (unpacked) and to omindex as
# one .txt file a post (bench/jsonl-to-files.py), as bench/index-speed.sh.
set -eu
LC_ALL=C.UTF-8
export LC_ALL

srcdir=$(cd "$(dirname "$0")/.." && pwd)
trawl_index=$srcdir/build/trawl-index
work=${TMPDIR:-/tmp}/trawl-size-bench
while getopts i:w: opt; do
    case $opt in
    i) trawl_index=$OPTARG ;;
    w) work=$OPTARG ;;
    *) echo "usage: $0 [-i TRAWL-INDEX] [-w WORKDIR] [bbc|20ng]..." >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
corpora=${TRAWL_CORPORA:-$srcdir/../shared/corpora}
python=${PYTHON3:-/usr/bin/python3}
mkdir -p "$work"

# cpu CMD...: runs CMD; sets $cpu (user + system seconds).
cpu() {
    /usr/bin/time -f '%U %S' -o "$work/time" "$@" > /dev/null 2> "$work/err" || [ $? -eq 1 ]
    cpu=$(tail -n 1 "$work/time" | awk '{ printf "%.2f", $1 + $2 }')
}

# tables LABEL DB SECONDS: one line: total KiB, then each table's KiB.
tables() {
    line=$(printf '%-22s %6s s %8s KiB:' "$1" "$3" "$(du -sk "$2" | cut -f1)")
    for t in postlist position termlist docdata spelling synonym; do
        [ -f "$2/$t.glass" ] && line="$line $t $(du -k "$2/$t.glass" | cut -f1)"
    done
    echo "$line"
}

for name in ${*:-bbc 20ng}; do
    case $name in
    bbc) trawl_input=$corpora/bbc-news/bbc; docs=$trawl_input ;;
    20ng)
        trawl_input=$work/20ng.jsonl
        docs=$work/20ng-docs
        [ -f "$trawl_input" ] || zcat "$corpora/20newsgroups/docs.jsonl.gz" > "$trawl_input"
        if [ ! -d "$docs" ]; then
            "$python" "$srcdir/bench/jsonl-to-files.py" "$docs.tmp" < "$trawl_input"
            mv "$docs.tmp" "$docs"
        fi ;;
    *) echo "$0: error: unknown corpus '$name' (bbc or 20ng)" >&2; exit 2 ;;
    esac
    echo "== $name: $(du -sk "$trawl_input" | cut -f1) KiB of input; load $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -rf "$work/trawl.db"
    cpu "$trawl_index" -q --db "$work/trawl.db" "$trawl_input"
    tr=$cpu
    tables "trawl-index" "$work/trawl.db" "$tr"
    rm -rf "$work/trawl.compact"
    cpu xapian-compact "$work/trawl.db" "$work/trawl.compact"
    tables "trawl + xapian-compact" "$work/trawl.compact" "$(awk -v a="$tr" -v b="$cpu" 'BEGIN { printf "%.2f", a + b }')"
    rm -rf "$work/omindex.db" "$work/omindex.compact"
    cpu omindex --db "$work/omindex.db" --url / "$docs"
    om=$cpu
    tables "omindex" "$work/omindex.db" "$om"
    cpu xapian-compact "$work/omindex.db" "$work/omindex.compact"
    tables "omindex + compact" "$work/omindex.compact" "$(awk -v a="$om" -v b="$cpu" 'BEGIN { printf "%.2f", a + b }')"
done
