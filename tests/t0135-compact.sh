#!/bin/sh
# t0135-compact.sh: a run that creates an index compacts it at the end; the
# compacted index searches the same, takes incremental runs, and a kill
# while it compacts leaves the index whole, compacted by the next run.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

# size DB: the bytes of the index's files.
size() {
    find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'
}

corpus="$tmp/corpus"
copy_corpus "$corpus"
cat > "$corpus/extra.jsonl" <<'JSONL'
{"id": "n1", "title": "Quokka census", "text": "Rangers counted quokkas on the island."}
{"id": "n3", "title": "Wombat news", "text": "A wombat crossed the road."}
JSONL

run trawl_index --db "$tmp/c" "$corpus"
expect_status "a new index: built" 0
is "... nothing said but the summary" "$err" ""
run trawl_index --no-compact --db "$tmp/n" "$corpus"
expect_status "--no-compact: built" 0
is "no copy is left beside the index" "$(cd "$tmp" && ls -d c* | tr '\n' ' ')" "c corpus "
compacted=$(size "$tmp/c")
plain=$(size "$tmp/n")
ok_if() { if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi; }
[ "$compacted" -lt "$plain" ]
ok_if $? "the compacted index is smaller ($compacted < $plain bytes)"
[ "$(stat -c %s "$tmp/c/postlist.glass")" -lt "$(stat -c %s "$tmp/n/postlist.glass")" ]
ok_if $? "... its postings table too"
run trawl_index --check --db "$tmp/c"
expect_status "--check: the compacted index is sound" 0
same_search "$tmp/c" "$tmp/n" "compacted and not"

# Incremental runs write to the compacted index as to any other, and do
# not compact it again.
printf 'Title: Numbat news\n\nA numbat ate termites under the brambles.\n' > "$corpus/numbat.txt"
printf '{"id": "n1", "title": "Quokka census", "text": "Rangers counted 40 quokkas."}\n' \
    > "$corpus/extra.jsonl"
rm "$corpus/$(cd "$corpus" && ls ./*.txt | sed -n 's|^\./||; 1p')"
run trawl_index --db "$tmp/c" "$corpus"
expect_status "an incremental run on the compacted index" 0
like "... adds, updates and removes" "$out" "1 added, 1 updated, 2 removed"
trawl_index -q --no-compact --db "$tmp/n" "$corpus"
run trawl_index --check --db "$tmp/c"
expect_status "... and leaves it sound" 0
same_search "$tmp/c" "$tmp/n" "after an incremental run"
is "... which leaves no copy beside it" "$(cd "$tmp" && ls -d c* | tr '\n' ' ')" "c corpus "

# A copy left beside by a killed compaction: the next run compacts.
before=$(size "$tmp/c")
mkdir "$tmp/c.compact"
: > "$tmp/c.compact/postlist.glass"
run trawl_index --db "$tmp/c" "$corpus"
expect_status "a run after an interrupted compaction" 0
like "... finds nothing changed" "$out" "0 added, 0 updated, 0 removed"
is "... removes the copy it left" "$(cd "$tmp" && ls -d c* | tr '\n' ' ')" "c corpus "
[ "$(size "$tmp/c")" -lt "$before" ]
ok_if $? "... and compacts the index ($(size "$tmp/c") < $before bytes)"
same_search "$tmp/c" "$tmp/n" "compacted again"

# A compaction that cannot be made is a warning: the index stays whole.
rm -rf "$tmp/w"
: > "$tmp/w.compact"
run trawl_index -q --db "$tmp/w" "$corpus"
expect_status "a compaction that fails: the run still succeeds" 0
like "... with a warning" "$err" "trawl-index: warning: cannot remove '$tmp/w.compact'"
run trawl_index --check --db "$tmp/w"
expect_status "... and the index, not compacted, is sound" 0
same_search "$tmp/w" "$tmp/n" "not compacted after a failure"

# The copy goes beside the index, also when its name ends in a slash.
run trawl_index -q --db "$tmp/slash/" "$corpus"
expect_status "--db DIR/: built" 0
is "... compacted beside it, with nothing left" "$(cd "$tmp" && ls -d slash* | tr '\n' ' ')" "slash "
[ "$(size "$tmp/slash")" -lt "$plain" ]
ok_if $? "... and compacted"
run trawl_index -q --rebuild --db "$tmp/slash/" "$corpus"
expect_status "--rebuild --db DIR/: the new index is built beside and swapped in" 0
is "... with nothing left" "$(cd "$tmp" && ls -d slash* | tr '\n' ' ')" "slash "

# --rebuild builds a new index: compacted too.
run trawl_index --rebuild --db "$tmp/n" "$corpus"
expect_status "--rebuild" 0
[ "$(size "$tmp/n")" -lt "$plain" ]
ok_if $? "... compacts the new index"
is "... and leaves nothing beside it" "$(cd "$tmp" && ls -d n* | tr '\n' ' ')" "n "

# A kill while the index is compacted (BBC News: long enough to catch).
bbc="${TRAWL_CORPORA:-$TRAWL_SRCDIR/../shared/corpora}/bbc-news/bbc"
if [ ! -d "$bbc" ] || [ -z "${XAPIAN_CHECK:-}" ]; then
    ok "# SKIP the kill needs ../shared/corpora/bbc-news and xapian-check"
    done_testing
    exit 0
fi
expected=$(find "$bbc" -name '*.txt' | wc -l)
db="$tmp/bbc"
"$TRAWL_INDEX" -q --db "$db" "$bbc" > /dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2> /dev/null && [ ! -e "$db.compact" ]; do
    sleep 0.01
done
kill -KILL "$pid" 2> /dev/null && caught=1 || caught=0
wait "$pid" 2> /dev/null || true
if [ "$caught" = 1 ] && [ -e "$db.compact" ]; then
    if "$XAPIAN_CHECK" "$db" > "$tmp/check.out" 2>&1; then
        ok "killed while compacting: the index passes xapian-check"
    else
        not_ok "killed while compacting: the index passes xapian-check" "$(tail -3 "$tmp/check.out")"
    fi
    run trawl_search --db "$db" --count the
    is "... and holds every article" "$out" "$expected"
    run trawl_index -q --db "$db" "$bbc"
    expect_status "... the next run succeeds" 0
    is "... and compacts it, leaving no copy" "$(cd "$tmp" && ls -d bbc* | tr '\n' ' ')" "bbc "
    run trawl_search --db "$db" --count the
    is "... with every article" "$out" "$expected"
else
    ok "# SKIP the build ended before the kill landed in its compaction"
fi

done_testing
