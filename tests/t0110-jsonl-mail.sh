#!/bin/sh
# t0110-jsonl-mail.sh: JSON Lines corpora and mail messages, incrementally.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

corpus="$tmp/corpus"
db="$tmp/db"
mkdir -p "$corpus"
cat > "$corpus/news.jsonl" <<'JSONL'
{"id": "n1", "title": "Quokka census", "text": "Rangers counted quokkas.\n\nThe count rose.", "date": "2014-06-03", "category": "nature"}
{"id": "n2", "title": "Broken record", "text": "never indexed",}
{"id": "n3", "title": "Wombat news", "text": "A wombat crossed the road."}

{"id": "n1", "title": "Same id again", "text": "duplicate"}
JSONL
printf '{"id": "g1", "text": "Gzipped numbat story."}\n' | gzip > "$corpus/more.jsonl.gz"
printf 'From: =?iso-8859-1?q?Ren=E9?= <rene@example.com>\nSubject: Caf\351 report\nDate: Tue, 6 Aug 2002 10:55:17 +0100\nContent-Type: text/plain; charset=iso-8859-1\n\nThe caf\351 served platypus pie.\n' > "$corpus/mail.txt"

run trawl_index --db "$db" "$corpus"
expect_status "bad records make the run exit 1" 1
like "good records are added" "$out" ": 4 added, 0 updated, 0 removed, 0 unchanged, 2 failed"
is "bad records are reported with path and line" "$err" \
"trawl-index: error: $corpus/news.jsonl:2: expected a string key at byte 64
trawl-index: error: $corpus/news.jsonl:5: duplicate id 'n1' (first in $corpus/news.jsonl:1): not indexed"

run trawl_search --db "$db" --count quokka
is "a JSON Lines record is found" "$out" "1"
run trawl_search --db "$db" --count numbat
is "a gzipped JSON Lines record is found" "$out" "1"
run trawl_search --db "$db" --format json platypus
like "mail: Subject is the title, decoded from Latin-1" "$out" '"title":"Café report"'
like "mail: Date is the date" "$out" '"date":"2002-08-06"'
like "mail: From is the byline, encoded word decoded" "$out" '"byline":"René"'
run trawl_search --db "$db" --count café
is "mail: the Latin-1 body is searchable" "$out" "1"

run trawl_index --db "$db" "$corpus"
like "a file with bad records is read again" "$out" ": 0 added, 0 updated, 0 removed, 4 unchanged, 2 failed"

# Fix the file: the bad lines go, one record changes, one is removed.
cat > "$corpus/news.jsonl" <<'JSONL'
{"id": "n1", "title": "Quokka census", "text": "Rangers counted quokkas.\n\nThe count rose.", "date": "2014-06-03", "category": "nature"}
{"id": "n3", "title": "Wombat news", "text": "A wombat crossed the bridge."}
JSONL
run trawl_index --db "$db" "$corpus"
expect_status "a clean corpus exits 0" 0
like "one record changed: 1 updated, the others unchanged" "$out" ": 0 added, 1 updated, 0 removed, 3 unchanged, 0 failed"
run trawl_search --db "$db" --count bridge
is "the changed record's new text is found" "$out" "1"
run trawl_search --db "$db" --count road
is "its old text is gone" "$out" "0"

run trawl_index --db "$db" "$corpus"
like "unchanged files are skipped" "$out" ": 0 added, 0 updated, 0 removed, 4 unchanged, 0 failed"

printf '{"id": "n3", "title": "Wombat news", "text": "A wombat crossed the bridge."}\n' > "$corpus/news.jsonl"
run trawl_index --db "$db" "$corpus"
like "a record removed from its file is removed" "$out" ": 0 added, 0 updated, 1 removed, 3 unchanged, 0 failed"
run trawl_search --db "$db" --count quokka
is "and is no longer found" "$out" "0"

# An id may move to another file of the same corpus.
printf '{"id": "n3", "title": "Wombat news", "text": "A wombat moved files."}\n' > "$corpus/moved.jsonl"
: > "$corpus/news.jsonl"
run trawl_index --db "$db" "$corpus"
like "an id moving between files is updated, not removed" "$out" ": 0 added, 1 updated, 0 removed, 2 unchanged, 0 failed"
run trawl_search --db "$db" --count wombat
is "the moved record is found once" "$out" "1"

rm "$corpus/more.jsonl.gz"
run trawl_index --db "$db" "$corpus"
like "a removed JSON Lines file removes its records" "$out" ": 0 added, 0 updated, 1 removed, 2 unchanged, 0 failed"

printf 'not gzip\n' > "$corpus/bad.jsonl.gz"
run trawl_index --db "$db" "$corpus"
like "a damaged .jsonl.gz fails" "$out" ": 0 added, 0 updated, 0 removed, 2 unchanged, 1 failed"
is "and is reported" "$err" "trawl-index: error: cannot read '$corpus/bad.jsonl.gz': not gzip data"

done_testing
