#!/bin/sh
# index-speed.sh: building an index of BBC News and 20 Newsgroups with trawl, Xapian's omindex and SQLite FTS5.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/index-speed.sh [-b BUILDDIR] [-w WORKDIR] [-n RUNS] [bbc|20ng]...
#
# For each corpus, each engine builds a fresh index RUNS times (default 3);
# the median wall time is reported, with the index size over the raw text
# size (the bytes of the text files) and, for trawl, the peak resident set
# size (/usr/bin/time).  The engines, one after the other in the same run:
# - trawl: `trawl-index -q` on the corpus as it is (BBC News: the .txt
#   files; 20 Newsgroups: its docs.jsonl.gz), one process; size as built
#   and after xapian-compact;
# - trawl on both cores: `trawl-index -q --jobs 2` (two processes, each
#   building half the articles, merged by compaction at the end);
# - omindex (Debian's xapian-omega) on the text files: `omindex --db DB
#   --url / DIR`; size as built and after xapian-compact;
# - SQLite FTS5 (python3's sqlite3): one table fts5(title, body, porter
#   tokenizer) that stores the text, every file inserted in one transaction;
# - Xapian's floor (bench/xapian-floor.cc, built here with c++): a bare
#   TermGenerator + add_document loop over the text files, positions kept,
#   no termlist, no stored text, no spelling; as one process and as two
#   processes building half each, merged by xapian-compact.  Its size is the
#   compacted index, with the position table's share.
# 20 Newsgroups is expanded to one .txt file per post (title line, blank
# line, body) for omindex and FTS5, as its README shows.  The machine has 2
# cores and is shared: the load average is printed; compare ratios within a
# run.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
bench_options trawl-index-bench b:w:n: "n=runs=3" "[-b BUILDDIR] [-w WORKDIR] [-n RUNS] [bbc|20ng]..." "$@"
shift $((OPTIND - 1))
for tool in omindex xapian-compact /usr/bin/time c++ pkg-config; do
    command -v "$tool" > /dev/null || {
        echo "$0: error: '$tool' not found (apt-get install xapian-omega xapian-tools time g++ pkg-config)" >&2
        exit 2
    }
done
mkdir -p "$work"
floor=$work/xapian-floor
# shellcheck disable=SC2046
c++ -O2 -o "$floor" "$srcdir/bench/xapian-floor.cc" $(pkg-config --cflags --libs xapian-core)

# bytes DIR...: the total size of the files under DIR, in bytes.
bytes() {
    find "$@" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'
}

# timed LABEL CMD...: runs CMD RUNS times on a fresh $work/LABEL.db; sets
# $wall (the median, seconds) and $rss (the largest peak RSS, KB).
timed() {
    label=$1
    shift
    walls=
    rss=0
    i=0
    while [ "$i" -lt "$runs" ]; do
        rm -rf "$work/$label.db" "$work/$label.db".* "$work/$label.sqlite"
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/$label.err" ||
            [ $? -eq 1 ]
        walls="$walls $(tail -n 1 "$work/time" | cut -d' ' -f1)"
        r=$(tail -n 1 "$work/time" | cut -d' ' -f2)
        [ "$r" -gt "$rss" ] && rss=$r
        i=$((i + 1))
    done
    wall=$(printf '%s\n' $walls | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
}

# report ENGINE INDEX-BYTES [COMPACTED-BYTES]: one line of the table.
report() {
    awk -v e="$1" -v w="$wall" -v s="$2" -v c="${3:-}" -v t="$text_bytes" -v r="$rss" \
        -v all="$walls" 'BEGIN {
        line = sprintf("%-24s %7.2f s  (runs:%s)  %6.2fx", e, w, all, s / t)
        if (c != "") line = line sprintf(" (%.2fx compacted)", c / t)
        line = line sprintf("  %.1f MB", s / 1e6)
        if (r > 0) line = line sprintf("  peak RSS %d MB", r / 1024)
        print line }'
}

compacted_size() {
    xapian-compact "$1" "$1.compact" > /dev/null
    bytes "$1.compact"
}

cat > "$work/fts5.py" <<'EOF'
import os, sqlite3, sys
docs_dir, db_path = sys.argv[1:3]
db = sqlite3.connect(db_path)
db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61')")
with db:
    for root, _, files in sorted(os.walk(docs_dir)):
        for f in sorted(files):
            text = open(os.path.join(root, f), encoding="utf-8", errors="replace").read()
            title, _, body = text.partition("\n")
            db.execute("INSERT INTO t VALUES (?, ?)", (title, body))
db.close()
EOF

for name in ${*:-bbc 20ng}; do
    case $name in
    bbc) trawl_input=$corpora/bbc-news/bbc; docs=$trawl_input ;;
    20ng)
        trawl_input=$corpora/20newsgroups/docs.jsonl.gz
        docs=$work/20ng-docs
        if [ ! -d "$docs" ]; then
            zcat "$trawl_input" | "$python" "$srcdir/bench/jsonl-to-files.py" "$docs.tmp"
            mv "$docs.tmp" "$docs"
        fi ;;
    *) echo "$0: error: unknown corpus '$name' (bbc or 20ng)" >&2; exit 2 ;;
    esac
    text_bytes=$(bytes "$docs" -name '*.txt')
    echo "== $name: $(find "$docs" -name '*.txt' | wc -l) files, $text_bytes bytes of text;" \
        "load average $(cut -d' ' -f1-3 /proc/loadavg); median of $runs runs"

    timed trawl "$build/trawl-index" -q --db "$work/trawl.db" "$trawl_input"
    report "trawl" "$(bytes "$work/trawl.db")" "$(compacted_size "$work/trawl.db")"
    rm -rf "$work/trawl-2.db"
    timed trawl-2 "$build/trawl-index" -q --jobs 2 --db "$work/trawl-2.db" "$trawl_input"
    report "trawl --jobs 2" "$(bytes "$work/trawl-2.db")"
    rss=0
    timed omindex omindex --db "$work/omindex.db" --url / "$docs"
    rss=0
    report "omindex" "$(bytes "$work/omindex.db")" "$(compacted_size "$work/omindex.db")"
    timed fts5 "$python" "$work/fts5.py" "$docs" "$work/fts5.sqlite"
    rss=0
    report "SQLite FTS5" "$(bytes "$work/fts5.sqlite")"

    find "$docs" -name '*.txt' | sort > "$work/files"
    timed floor sh -c '"$1" "$2" < "$3"' sh "$floor" "$work/floor.db" "$work/files"
    report "Xapian floor" "$(bytes "$work/floor.db")" "$(compacted_size "$work/floor.db")"
    echo "  (compacted: positions $(bytes "$work/floor.db.compact/position.glass") bytes)"
    timed floor-2 sh -c '"$1" "$2".part0 0 2 < "$3" > /dev/null & "$1" "$2".part1 1 2 < "$3" > /dev/null &&
        wait $! && xapian-compact "$2".part0 "$2".part1 "$2" > /dev/null' \
        sh "$floor" "$work/floor-2.db" "$work/files"
    report "Xapian floor, 2 parts" "$(bytes "$work/floor-2.db")"
    rm -rf "$work/floor-2.db".part*
done
