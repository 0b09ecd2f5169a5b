#!/bin/sh
# t0136-flush.sh: trawl-index writes Xapian's pending postings out every
# 300 documents (FLUSH_DOCUMENTS_MAX, indexer/main.c), still inside
# the run's one transaction: held longer, Xapian's maps of pending changes
# made the build up to 38% slower (doc/benchmarks.md, "Flush threshold").
# Seen from outside: the postings table is written before the run has
# opened its last file, and the run is still one commit.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

if ! command -v strace > /dev/null 2>&1; then
    echo "1..0 # SKIP strace is not installed"
    exit 0
fi

# 2,500 articles (more than eight times the most held), each with words of its own.
corpus="$tmp/corpus"
mkdir "$corpus"
awk -v dir="$corpus" 'BEGIN {
    for (i = 0; i < 2500; i++) {
        f = sprintf("%s/%04d.txt", dir, i)
        printf "Report %d\n\n", i > f
        for (w = 0; w < 60; w++) printf "word%dx%d ", i, w > f
        printf "\n" > f
        close(f)
    }
}'
# LeakSanitizer cannot work under ptrace; the sanitizer build's other
# tests check the same code for leaks.
status=0
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -y -o "$tmp/trace" -e trace=openat,pwrite64,rename \
    "$TRAWL_INDEX" -q --no-compact --db "$tmp/db" "$corpus" \
    > "$tmp/out" 2> "$tmp/err" || status=$?
is "the corpus is indexed" "$status:$(cat "$tmp/err")" "0:"
first_write=$(grep -n 'pwrite64([0-9]*<[^>]*/db/postlist\.glass>' "$tmp/trace" | head -n 1 | cut -d: -f1)
last_open=$(grep -n 'openat(.*/corpus/2499\.txt"' "$tmp/trace" | tail -n 1 | cut -d: -f1)
if [ -n "$first_write" ] && [ -n "$last_open" ] && [ "$first_write" -lt "$last_open" ]; then
    ok "the postings table is written before the last article is read"
else
    not_ok "the postings table is written before the last article is read" \
        "first write at trace line ${first_write:-none}, last open at ${last_open:-none}"
fi
# Xapian writes its version file when it creates the index and at each
# commit: the writing-out happens inside the run's one transaction.
is "the run is one commit" "$(grep -c 'rename(.*/db/v\.tmp", .*/db/iamglass")' "$tmp/trace")" "2"
run trawl_search --db "$tmp/db" --count word2499x59
is "every article is searchable" "$out" "1"
run trawl_search --db "$tmp/db" --count report
is "... all 2,500" "$out" "2500"

done_testing
