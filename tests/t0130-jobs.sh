#!/bin/sh
# t0130-jobs.sh: trawl-index --jobs builds the same index in parts, in parallel.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

# The seeds, and a JSON Lines file with a bad record, a duplicate id and a
# good record after them (their messages must come once, as without --jobs).
corpus="$tmp/corpus"
copy_corpus "$corpus"
cat > "$corpus/extra.jsonl" <<'JSONL'
{"id": "n1", "title": "Quokka census", "text": "Rangers counted quokkas on the island."}
{"id": "n2", "title": "Broken record", "text": "never indexed",}
{"id": "n3", "title": "Wombat news", "text": "A wombat crossed the road."}
{"id": "n1", "title": "Same id again", "text": "duplicate"}
{"id": "n4", "title": "Numbat news", "text": "A numbat ate termites."}
JSONL

run trawl_index --db "$tmp/one" "$corpus"
expect_status "one process: bad records exit 1" 1
one_out=$out
one_err=$err
run trawl_index --jobs 3 --db "$tmp/three" "$corpus"
expect_status "--jobs 3: the same exit status" 1
is "... the same counts" "$(printf '%s\n' "$out" | sed 's/^[^:]*: //; s/ (.*//')" \
    "$(printf '%s\n' "$one_out" | sed 's/^[^:]*: //; s/ (.*//')"
# The parts run at once: their messages come as each finds them.
is "... each problem reported once, as one process reports it" \
    "$(printf '%s\n' "$err" | sort)" "$(printf '%s\n' "$one_err" | sort)"
is "no part is left beside the index" "$(cd "$tmp" && ls -d three* | tr '\n' ' ')" "three "

same_search "$tmp/three" "$tmp/one" "--jobs 3 against one process"
run trawl_search --db "$tmp/three" bulying
like "the parts' spelling data is merged" "$out" "Did you mean: bullying?"

# A re-run is an ordinary incremental one: the pages are unchanged, and the
# JSON Lines file is read again because one of its records failed.
run trawl_index --db "$tmp/three" "$corpus"
like "a re-run finds everything unchanged" "$out" ": 0 added, 0 updated, 0 removed, 8 unchanged, 2 failed"
# A file whose every record was indexed by every part is not read again.
grep -v 'Broken\|Same id' "$corpus/extra.jsonl" > "$tmp/clean.jsonl"
mv "$tmp/clean.jsonl" "$corpus/extra.jsonl"
run trawl_index --jobs 2 --rebuild --db "$tmp/three" "$corpus"
expect_status "--jobs with --rebuild replaces an index" 0
like "... with every article" "$out" ": 8 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
chmod 000 "$corpus/extra.jsonl"
run trawl_index --db "$tmp/three" "$corpus"
expect_status "the clean file is skipped unread" 0
like "... and its records counted unchanged" "$out" ": 0 added, 0 updated, 0 removed, 8 unchanged, 0 failed"
chmod 644 "$corpus/extra.jsonl"

# Misuse.
run trawl_index --jobs 2 --db "$tmp/one" "$corpus"
expect_status "--jobs on an index with documents is a usage error" 2
is "... that says what to do" "$err" "trawl-index: error: --jobs builds a new index, and '$tmp/one' holds one: add --rebuild to build it afresh, or give a new --db
try 'trawl-index --help' for more information"
run trawl_index --jobs 2 --shards 2 --db "$tmp/sharded" "$corpus"
expect_status "--jobs with --shards is a usage error" 2
like "... named" "$err" "trawl-index: error: --jobs builds a single index, not a sharded one"
for bad in 0 65 two; do
    run trawl_index --jobs "$bad" --db "$tmp/x" "$corpus"
    expect_status "--jobs $bad is a usage error" 2
    like "... named" "$err" "trawl-index: error: --jobs: '$bad' is not a number of processes between 1 and 64"
done

# Stopping: SIGTERM to the parent alone stops the parts too, and nothing
# is put in place.  A corpus big enough to be stopped in the middle.
big="$tmp/big"
mkdir "$big"
awk 'BEGIN {
    srand(7)
    for (f = 1; f <= 3000; f++) {
        file = sprintf("'"$big"'/%04d.txt", f)
        printf "Article %d\n\n", f > file
        for (w = 1; w <= 400; w++)
            printf "word%d%s", int(rand() * 20000), (w % 20 ? " " : ".\n") > file
        close(file)
    }
}'
"$TRAWL_INDEX" -q --jobs 2 --db "$tmp/stopped" "$big" > "$tmp/stop.out" 2> "$tmp/stop.err" &
pid=$!
sleep 1
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
is "SIGTERM stops a --jobs run with 143" "$status" 143
like "... saying the index is unchanged" "$(cat "$tmp/stop.err")" "interrupted by SIGTERM: the index is unchanged"
sleep 0.5
# ps is run on its own, so that a ps that fails fails the test instead of
# counting no process.
ps -eo args > "$tmp/ps.out"
is "... no part process is left running" \
    "$(awk -v db="$tmp/stopped" 'index($0, "trawl-index") && index($0, db) { n++ } END { print n + 0 }' "$tmp/ps.out")" "0"
is "... and no part is left on disk" "$(cd "$tmp" && ls -d stopped.* 2> /dev/null | wc -l)" "0"
run trawl_search --db "$tmp/stopped" --count word1
is "... and nothing was indexed" "$out" "0"

done_testing
