#!/bin/sh
# index-size.sh: what an index of BBC News and 20 Newsgroups takes on disk,
# table by table, for trawl-index and omindex (plain and compacted).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/index-size.sh [-i TRAWL-INDEX] [-w WORKDIR] [bbc|20ng]...
#
# trawl-index builds as Xapian writes (--no-compact) and as it does by
# default, compacted at the end; omindex builds as it writes, then
# xapian-compact compacts it (its CPU time added).  One fresh index per
# engine and corpus: sizes do not vary, and CPU seconds (user + system,
# /usr/bin/time) are less noisy than wall time on a shared machine.
# omindex is also run with --spelling, since trawl's index holds spelling
# data and omindex's does not by default.
# Printed per index: CPU seconds, the total size (du -k, KiB) and each
# table's *.glass file (KiB).  20 Newsgroups is fed to trawl as its
# docs.jsonl (unpacked: its headers member too, a field) and, for a like
# for like comparison, as the .txt files omindex reads, one a post (title,
# blank line, text: bench/jsonl-to-files.py, as in bench/index-speed.sh).
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
    line=$(printf '%-30s %6s s %8s KiB:' "$1" "$3" "$(du -sk "$2" | cut -f1)")
    for t in postlist position termlist docdata spelling synonym; do
        [ -f "$2/$t.glass" ] && line="$line $t $(du -k "$2/$t.glass" | cut -f1)"
    done
    echo "$line"
}

# omindex_tables LABEL [OPTION...]: omindex builds $docs with OPTIONs; one
# line for its index as built, one compacted (CPU seconds of both steps).
omindex_tables() {
    label=$1
    shift
    rm -rf "$work/omindex.db" "$work/omindex.compact"
    cpu omindex "$@" --db "$work/omindex.db" --url / "$docs"
    om=$cpu
    tables "$label" "$work/omindex.db" "$om"
    cpu xapian-compact "$work/omindex.db" "$work/omindex.compact"
    tables "$label + compact" "$work/omindex.compact" "$(awk -v a="$om" -v b="$cpu" 'BEGIN { printf "%.2f", a + b }')"
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
    cpu "$trawl_index" -q --no-compact --db "$work/trawl.db" "$trawl_input"
    tables "trawl-index --no-compact" "$work/trawl.db" "$cpu"
    rm -rf "$work/trawl.db"
    cpu "$trawl_index" -q --db "$work/trawl.db" "$trawl_input"
    tables "trawl-index" "$work/trawl.db" "$cpu"
    if [ "$docs" != "$trawl_input" ]; then
        rm -rf "$work/trawl.db"
        cpu "$trawl_index" -q --db "$work/trawl.db" "$docs"
        tables "trawl-index (.txt files)" "$work/trawl.db" "$cpu"
    fi
    omindex_tables "omindex"
    # Like for like: omindex with the spelling data trawl keeps for "did
    # you mean" (omindex --spelling adds every word; trawl sifts: spelling.h).
    omindex_tables "omindex --spelling" --spelling
done
