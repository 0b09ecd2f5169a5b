#!/bin/sh
# relevance.sh: index test collections, run their queries, score the runs with trec-eval.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/relevance.sh [-b BUILDDIR] [-w WORKDIR] [COLLECTION...] [-- SEARCH-OPTION...]
#
# For each collection (default: cranfield cacm; also adi) under
# ../shared/corpora: indexes docs/ (again only when trawl-index is newer
# than the index), runs queries.tsv through one `trawl-search --batch
# --format trec --limit 1000` process (plus any SEARCH-OPTIONs, e.g.
# --any), and scores the run against qrels.trec with ../shared/tools/trec-eval.
# Prints one line per collection: MAP, nDCG@10, P@10, and the run's time.
# The runs stay in WORKDIR (default ${TMPDIR:-/tmp}/trawl-relevance) as
# COLLECTION.run, with trec-eval's full output as COLLECTION.eval.
#
# Environment: TRAWL_CORPORA (default SRCDIR/../shared/corpora), TREC_EVAL
# (default SRCDIR/../shared/tools/trec-eval).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
LC_ALL=C
bench_options trawl-relevance b:w: "" "[-b BUILDDIR] [-w WORKDIR] [COLLECTION...] [-- SEARCH-OPTION...]" "$@"
shift $((OPTIND - 1))

collections=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    collections="$collections $1"
    shift
done
[ $# -gt 0 ] && shift    # the "--"
collections=${collections:-cranfield cacm}

trec_eval=${TREC_EVAL:-$srcdir/../shared/tools/trec-eval}
index=$build/trawl-index
search=$build/trawl-search
for f in "$index" "$search"; do
    [ -x "$f" ] || { echo "$0: error: $f is not built (make, or give -b BUILDDIR)" >&2; exit 2; }
done
[ -x "$trec_eval" ] || { echo "$0: error: no trec-eval at $trec_eval" >&2; exit 2; }
mkdir -p "$work"

printf '%-10s %6s %8s %6s %8s\n' collection MAP nDCG@10 P@10 seconds
for c in $collections; do
    dir=$corpora/$c
    [ -d "$dir/docs" ] || { echo "$0: error: no collection at $dir" >&2; exit 2; }
    db=$work/$c.db
    # A new trawl-index may index differently: then start from scratch.
    if [ ! -f "$db/.trawl-bench-stamp" ] || [ "$index" -nt "$db/.trawl-bench-stamp" ]; then
        rm -rf "$db"
        # Exit 1: some files were not indexed (Cranfield's two empty ones).
        "$index" -q --db "$db" "$dir/docs" 2> "$work/$c.index-errors" || [ $? -eq 1 ]
        touch "$db/.trawl-bench-stamp"
    fi
    start=$(date +%s.%N)
    "$search" --db "$db" --batch "$dir/queries.tsv" --format trec --limit 1000 "$@" \
        > "$work/$c.run" || [ $? -eq 1 ]
    end=$(date +%s.%N)
    "$trec_eval" "$dir/qrels.trec" "$work/$c.run" > "$work/$c.eval"
    awk -v c="$c" -v start="$start" -v end="$end" '
        $1 == "MAP" { map = $2 } $1 == "nDCG@10" { ndcg = $2 } $1 == "P@10" { p10 = $2 }
        END { printf "%-10s %6.4f %8.4f %6.4f %8.2f\n", c, map, ndcg, p10, end - start }' \
        "$work/$c.eval"
done
