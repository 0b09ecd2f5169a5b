#!/bin/sh
# dup-eval.sh: near-duplicate signatures and grouping, measured offline.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/dup-eval.sh [BUILD_DIR]     (default: ./build)
# Environment: CORPORA (default /work/shared/corpora: bbc-news/ and
# 20newsgroups/), SEEDS (test-set seeds, default "2024 1 2 3 4"), XAPIAN_TMP
# (where the index-space measurement writes, default a temporary folder).
#
# Builds bench/trawl-dup-eval (bench/dup-eval.c), makes the syndication
# test set (bench/dup-testset.py) and prints the figures of
# doc/benchmarks.md, "Near-duplicate grouping":
#   1. the test set mixed with 20 Newsgroups: copies grouped, precision,
#      thresholds around the chosen one, the same with other seeds, other
#      shingle lengths;
#   2. BBC News read as trawl-index reads it: its exact duplicates, other
#      near-duplicates, different stories on one topic, index space and
#      lookup time in Xapian, CPU of the signatures;
#   3. 20 Newsgroups alone: its 531 dup_of copies, CPU of the signatures.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$srcdir/build}
corpora=${CORPORA:-/work/shared/corpora}
seeds=${SEEDS:-2024 1 2 3 4}
bbc=$corpora/bbc-news
news=$corpora/20newsgroups/docs.jsonl.gz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

make -C "$build" -s bench/trawl-dup-eval
eval=$build/bench/trawl-dup-eval

first=${seeds%% *}
for seed in $seeds; do
    python3 "$srcdir/bench/dup-testset.py" "$bbc" "$seed" > "$tmp/testset-$seed.jsonl"
done
echo "test set (seed $first): $(wc -l < "$tmp/testset-$first.jsonl") articles," \
     "sha256 $(sha256sum < "$tmp/testset-$first.jsonl" | cut -c1-16)"

echo; echo "== 1. syndication test set (seed $first) and 20 Newsgroups"
"$eval" --sweep 64,66,68,72,74 --show 10 "$tmp/testset-$first.jsonl" "$news"

echo; echo "== 1b. the test set alone (news only)"
"$eval" --no-orders --sweep 60,64,66,68,72 "$tmp/testset-$first.jsonl" | grep '^scores\|^rows'

echo; echo "== 1c. other seeds, with 20 Newsgroups"
for seed in $seeds; do
    [ "$seed" = "$first" ] && continue
    printf 'seed %s: ' "$seed"
    "$eval" --no-orders "$tmp/testset-$seed.jsonl" "$news" | grep '^scores'
done

echo; echo "== 1d. harsh cuts (dup-testset.py --harsh, seed $first), with 20 Newsgroups"
python3 "$srcdir/bench/dup-testset.py" --harsh "$bbc" "$first" > "$tmp/harsh.jsonl"
"$eval" --no-orders "$tmp/harsh.jsonl" "$news" | grep '^scores'

echo; echo "== 1e. other shingle lengths (seed $first, with 20 Newsgroups)"
for k in 3 5; do
    echo "shingle $k:"
    "$eval" --no-orders --shingle "$k" --sweep 66,68,70,72,74 "$tmp/testset-$first.jsonl" "$news" \
        | grep '^rows'
done

echo; echo "== 2. BBC News, as trawl-index reads it"
xdir=${XAPIAN_TMP:-$tmp/xapian}
mkdir -p "$xdir"
"$eval" --topic-pairs 100 --show 10 --timing 3 --xapian "$xdir" "$bbc"

echo; echo "== 3. 20 Newsgroups"
"$eval" --show 10 --timing 3 "$news"
