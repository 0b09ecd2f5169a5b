#!/bin/sh
# t0040-incremental.sh: re-indexing skips, replaces and removes.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

corpus="$tmp/corpus"
db="$tmp/db"
copy_corpus "$corpus"

run trawl_index --db "$db" "$corpus"
like "first run adds 5" "$out" ": 5 added, 0 updated, 0 removed, 0 unchanged, 0 failed"

run trawl_index --db "$db" "$corpus"
like "second run: 5 unchanged" "$out" ": 0 added, 0 updated, 0 removed, 5 unchanged, 0 failed"

run trawl_index --db "$db" "$corpus/"
like "a trailing slash is the same corpus" "$out" ": 0 added, 0 updated, 0 removed, 5 unchanged, 0 failed"

touch -d '2001-01-01' "$corpus/004_92105e6a592168eb.txt"
run trawl_index --db "$db" "$corpus"
like "a new time with the same text is unchanged" "$out" ": 0 added, 0 updated, 0 removed, 5 unchanged, 0 failed"

sed -i 's/brambles/thistles/' "$corpus/002_7add833defd93f9a.txt"
run trawl_index --db "$db" "$corpus"
like "changing one file's text: 1 updated" "$out" ": 0 added, 1 updated, 0 removed, 4 unchanged, 0 failed"
run trawl_search --db "$db" --count brambles
is "the old text is gone" "$out" "0"
run trawl_search --db "$db" --count thistles
is "the new text is found" "$out" "1"
run trawl_search --db "$db" --count ccg
is "no document is duplicated" "$out" "5"

rm "$corpus/000_2d5cabb33bf2183e.txt"
run trawl_index --db "$db" "$corpus"
like "removing a file: 1 removed" "$out" ": 0 added, 0 updated, 1 removed, 4 unchanged, 0 failed"
run trawl_search --db "$db" --count resilience
is "the removed article is gone" "$out" "0"

: > "$corpus/003_991a6bc901fd0169.txt"
run trawl_index --db "$db" "$corpus"
like "a file that can no longer be parsed fails" "$out" ": 0 added, 0 updated, 0 removed, 3 unchanged, 1 failed"
run trawl_search --db "$db" --count kingsland
is "and its indexed version is kept" "$out" "1"

# A second corpus in the same index is kept apart from the first.
mkdir "$tmp/other"
printf 'Other headline\n\nA story about quokkas.\n' > "$tmp/other/q.txt"
run trawl_index --db "$db" "$tmp/other"
like "a second corpus adds its file" "$out" ": 1 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
run trawl_search --db "$db" --count ccg
is "the first corpus is untouched" "$out" "4"

done_testing
