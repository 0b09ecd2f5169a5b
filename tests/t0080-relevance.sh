#!/bin/sh
# t0080-relevance.sh: the evaluation path on ADI, and a floor on its nDCG@10.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A regression guard, not a target: the floor is a little below the figure
# doc/relevance.md records; raise it when ranking improves.
. "$TRAWL_SRCDIR/tests/test-lib.sh"

ndcg_floor=0.40
adi="$TRAWL_SRCDIR/../shared/corpora/adi"
trec_eval="$TRAWL_SRCDIR/../shared/tools/trec-eval"
if [ ! -d "$adi/docs" ] || [ ! -x "$trec_eval" ]; then
    echo "1..0 # SKIP no ../shared/corpora/adi or ../shared/tools/trec-eval beside the source"
    exit 0
fi

trawl_index -q --db "$tmp/db" "$adi/docs"
run trawl_search --db "$tmp/db" --batch "$adi/queries.tsv" --format trec --limit 1000
expect_status "the ADI queries run" 0
printf '%s\n' "$out" > "$tmp/run"

is "every run line has six columns and the tag trawl" \
    "$(awk 'NF != 6 || $2 != "Q0" || $6 != "trawl"' "$tmp/run")" ""
is "every query of queries.tsv is in the run, in file order" \
    "$(awk '$1 != last { print $1; last = $1 }' "$tmp/run" | tr '\n' ' ')" \
    "$(cut -f1 "$adi/queries.tsv" | tr '\n' ' ')"
is "ranks count from 1 and scores strictly decrease within each query" \
    "$(awk '$1 != q { q = $1; n = 0; s = "" }
            { n++; if ($4 != n || (s != "" && $5 + 0 >= s + 0)) print; s = $5 }' "$tmp/run")" ""
is "documents are named by their file name stem" \
    "$(awk '$3 !~ /^[0-9]+$/' "$tmp/run" | head -3)" ""

"$trec_eval" "$adi/qrels.trec" "$tmp/run" > "$tmp/eval"
ndcg=$(awk '$1 == "nDCG@10" { print $2 }' "$tmp/eval")
if awk -v n="$ndcg" -v f="$ndcg_floor" 'BEGIN { exit !(n >= f) }'; then
    ok "ADI nDCG@10 $ndcg is at least $ndcg_floor"
else
    not_ok "ADI nDCG@10 $ndcg is at least $ndcg_floor" "$(cat "$tmp/eval")"
fi

run trawl_search --db "$tmp/db" --batch "$adi/queries.tsv" --format trec --limit 1000
is "a second run gives byte-identical output" "$out" "$(cat "$tmp/run")"

done_testing
