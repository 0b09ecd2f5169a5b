#!/bin/sh
# t0047-readers.sh: every file is read by its reader, or counted as skipped
# by its kind; binary data is never indexed as text.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

c="$tmp/mixed"
mkdir -p "$c/sub"
printf 'A page\n\nThe story of marmots.\n' > "$c/page.txt"
printf 'From: a@example.org\nSubject: A message\nMessage-ID: <1@x>\n\nA note about ibexes.\n' > "$c/note.eml"
printf '{"id":"j1","title":"A record","text":"Of chamois."}\n' > "$c/records.jsonl"
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n' > "$c/report.pdf"
printf 'PK\003\004binary' > "$c/letter.docx"
printf 'PK\003\004binary' > "$c/sub/other.docx"
printf 'just notes\n' > "$c/NOTES"
printf 'id\ttitle\npage.txt\tA page\n' > "$c/manifest.tsv"

run trawl_index --db "$tmp/db" "$c"
expect_status "a folder of mixed files indexes what it can read" 0
like "the summary counts the files skipped, by kind" "$out" \
    ": 3 added, 0 updated, 0 removed, 0 unchanged, 0 failed, 4 skipped (.docx 2, (no extension) 1, .pdf 1) ("
run trawl_search --db "$tmp/db" --count marmots OR ibexes OR chamois
is "the page, the message and the record are indexed" "$out" "3"
run trawl_index --db "$tmp/db" "$c"
like "re-running: unchanged, still counted as skipped" "$out" \
    ": 0 added, 0 updated, 0 removed, 3 unchanged, 0 failed, 4 skipped (.docx 2, (no extension) 1, .pdf 1) ("

# A binary file named .txt is refused, with its path and why.
cp "$c/report.pdf" "$c/fake.txt"
run trawl_index --db "$tmp/db" "$c"
expect_status "a binary .txt file fails" 1
is "... named with the reason" "$err" "trawl-index: error: cannot index '$c/fake.txt': binary data, not text"
run trawl_search --db "$tmp/db" --count obj
is "... and none of it is indexed" "$out" "0"
rm "$c/fake.txt"
# A text file with a few stray NUL bytes is still text (they are dropped).
printf 'Stray\n\nA story\000 about\000 voles.\n' > "$c/stray.txt"
run trawl_index --db "$tmp/db" "$c"
like "a few stray NULs do not make text binary" "$out" ": 1 added,"

# Files named on their own: text of an unknown kind is read as a page,
# with a warning; anything else is skipped and said so.
printf 'Loose\n\nA loose note about dormice.\n' > "$tmp/loose.note"
run trawl_index --db "$tmp/loose.db" "$tmp/loose.note" "$c/report.pdf"
expect_status "named files of unknown kinds: exit 0" 0
is "... a warning for each" "$err" "trawl-index: warning: indexing '$tmp/loose.note' as a text page: no reader takes files named like it
trawl-index: warning: skipping '$c/report.pdf': not a kind of file trawl-index reads"
like "... the text one indexed, the other counted" "$out" ": 1 added, 0 updated, 0 removed, 0 unchanged, 0 failed, 1 skipped (.pdf 1) ("

done_testing
