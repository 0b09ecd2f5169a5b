#!/bin/sh
# t0310-kill.sh: SIGKILL at random moments during a build never leaves a
# broken or half-written index, and a re-run completes to the exact count.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

# One BBC section (510 articles) keeps each trial short.
corpus="$TRAWL_SRCDIR/../shared/corpora/bbc-news/bbc/business"
trials=${TRAWL_KILL_TRIALS:-20}
if [ ! -d "$corpus" ] || [ -z "${XAPIAN_CHECK:-}" ]; then
    echo "1..0 # SKIP needs ../shared/corpora/bbc-news and xapian-check"
    exit 0
fi
expected=$(find "$corpus" -name '*.txt' | wc -l)

# How many documents the index holds, by Xapian's own count (xapian-delve).
doc_count() {
    xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'
}

db="$tmp/db"
# Kill moments are spread over the time a whole build takes here, so the
# trials hit every phase whatever the speed of the machine.
start=$(date +%s.%N)
"$TRAWL_INDEX" -q --db "$tmp/timing" "$corpus"
build_seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
rm -rf "$tmp/timing"
i=1
while [ "$i" -le "$trials" ]; do
    # Before the index exists, while it is written, and while it commits;
    # the first trial kills at once, so a kill before the first commit is
    # always among them.
    delay=$(awk -v seed="$i" -v t="$build_seconds" 'BEGIN { srand(seed * 7919); printf "%.2f", 0.01 + rand() * t * 1.1 }')
    [ "$i" -gt 1 ] || delay=0
    # Commits every 100 documents: a kill keeps the last of them.
    "$TRAWL_INDEX" -q --db "$db" --commit-every 100 "$corpus" > /dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true

    if [ -e "$db/iamglass" ]; then
        if "$XAPIAN_CHECK" "$db" > "$tmp/check.out" 2>&1; then
            ok "trial $i (kill at ${delay}s): the index passes xapian-check"
        else
            not_ok "trial $i (kill at ${delay}s): the index passes xapian-check" "$(tail -3 "$tmp/check.out")"
        fi
        held=$(doc_count "$db")
        if [ $((held % 100)) -eq 0 ] || [ "$held" -eq "$expected" ]; then
            ok "trial $i: the index holds whole commits ($held)"
        else
            not_ok "trial $i: the index holds whole commits ($held)"
        fi
        run trawl_search --db "$db" --count the
        if [ "$held" = 0 ]; then
            expect_status "trial $i: an empty committed index searches cleanly" 1
        else
            is "trial $i: search sees the committed documents ($held)" "$out" "$held"
        fi
    else
        # Killed before the first commit (the version file comes with it):
        # what is left is nothing, or what a writer leaves while creating
        # an index (glass tables, the lock, the version file half written
        # as v.tmp), which the re-run below creates afresh; and no reader
        # takes it for an index.
        left=$(ls -A "$db" 2> /dev/null | sed -e '/^flintlock$/d' -e '/\.glass$/d' -e '/^v\.tmp$/d' |
            tr '\n' ' ')
        is "trial $i (kill at ${delay}s): killed before the first commit, no file but tables, lock and v.tmp" \
            "$left" ""
        run trawl_search --db "$db" --count the
        expect_status "trial $i: no index yet: searching it fails" 2
        is "trial $i: ... saying there is no index" "$err" \
            "trawl-search: error: no index at '$db': run trawl-index first"
    fi

    run trawl_index -q --db "$db" "$corpus"
    expect_status "trial $i: re-running the indexer succeeds" 0
    is "trial $i: the index holds exactly the corpus" "$(doc_count "$db")" "$expected"
    rm -rf "$db"
    i=$((i + 1))
done

done_testing
