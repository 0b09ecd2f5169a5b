#!/bin/sh
# t0330-concurrent.sh: searching while an indexer re-indexes and commits
# again and again: every search succeeds and sees one whole revision.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

# 300 articles; every edition rewrites each of them, and every article of
# every edition has "river" and "otters", so any revision holds 300 matches.
corpus="$tmp/corpus"
mkdir "$corpus"
write_edition() {
    awk -v dir="$corpus" -v edition="$1" 'BEGIN {
        for (i = 1; i <= 300; i++) {
            f = sprintf("%s/a%03d.txt", dir, i)
            printf "Headline %d\n\nA story about the river and its otters, edition %d, item word%d.\n", i, edition, i > f
            close(f)
        }
    }'
}
write_edition 0
db="$tmp/db"
run trawl_index -q --db "$db" "$corpus"
expect_status "the first edition is indexed" 0

# The re-indexer: a new edition, committed every 20 documents, until told
# to stop.  Many commits during one search make Xapian's reader fail with
# DatabaseModifiedError, which the searcher must absorb.
(
    edition=1
    while [ ! -e "$tmp/stop" ]; do
        write_edition "$edition"
        "$TRAWL_INDEX" -q --db "$db" --commit-every 20 "$corpus" 2>> "$tmp/indexer.err" \
            || echo "indexer failed: $?" >> "$tmp/indexer.err"
        edition=$((edition + 1))
    done
    echo "$edition" > "$tmp/editions"
) &
indexer=$!
trap 'touch "$tmp/stop"; wait "$indexer" 2>/dev/null; chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# 200 searches in one process (one reader, held open across commits).
i=1
while [ "$i" -le 200 ]; do
    case $((i % 3)) in
    0) q="river otters" ;;
    1) q="story AND headline" ;;
    *) q="\"the river\"" ;;
    esac
    printf 'q%d\t%s\n' "$i" "$q"
    i=$((i + 1))
done > "$tmp/queries.tsv"
run trawl_search --db "$db" --batch "$tmp/queries.tsv" --format trec --limit 5
expect_status "200 searches during re-indexing all succeed" 0
is "no error is shown" "$err" ""
is "every search gave its 5 hits" "$(printf '%s\n' "$out" | wc -l)" 1000
is "every query answered" "$(printf '%s\n' "$out" | cut -d' ' -f1 | sort -u | wc -l)" 200

# Separate searches see one whole revision each: always all 300 articles.
i=1
counts=
while [ "$i" -le 20 ]; do
    run trawl_search --db "$db" --count river
    counts="$counts$out/$status "
    i=$((i + 1))
done
is "each separate search sees a whole revision" "$counts" \
    "$(printf '300/0 %.0s' $(seq 20))"

touch "$tmp/stop"
wait "$indexer"
is "the indexer never failed" "$(cat "$tmp/indexer.err")" ""
editions=$(cat "$tmp/editions")
if [ "$editions" -ge 2 ]; then
    ok "the index changed during the searches ($((editions - 1)) editions)"
else
    not_ok "the index changed during the searches ($((editions - 1)) editions)"
fi
run "$XAPIAN_CHECK" "$db"
expect_status "the index passes xapian-check" 0

done_testing
