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
printf 'From: b@example.org\nSubject: Packed\nMessage-ID: <2@x>\n\nA note about lynxes.\n' | gzip > "$c/packed.eml.gz"
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n' > "$c/report.pdf"
printf 'PK\003\004binary' > "$c/letter.docx"
printf 'PK\003\004binary' > "$c/sub/other.docx"
printf 'just notes\n' > "$c/NOTES"
printf 'id\ttitle\npage.txt\tA page\n' > "$c/manifest.tsv"

run trawl_index --db "$tmp/db" "$c"
expect_status "a folder of mixed files indexes what it can read" 0
like "the summary counts the files skipped, by kind" "$out" \
    ": 4 added, 0 updated, 0 removed, 0 unchanged, 0 failed, 4 skipped (.docx 2, (no extension) 1, .pdf 1) ("
run trawl_search --db "$tmp/db" --count marmots OR ibexes OR chamois OR lynxes
is "the page, the messages (one gzipped) and the record are indexed" "$out" "4"
run trawl_index --db "$tmp/db" "$c"
like "re-running: unchanged, still counted as skipped" "$out" \
    ": 0 added, 0 updated, 0 removed, 4 unchanged, 0 failed, 4 skipped (.docx 2, (no extension) 1, .pdf 1) ("

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

# Text that is not UTF-8 is Windows-1252, as Latin-1 text in the wild is:
# BBC News writes its pound signs as the byte 0xA3.
w="$tmp/w1252"
mkdir -p "$w"
bbc="$TRAWL_SRCDIR/../shared/corpora/bbc-news/bbc/sport/199.txt"
if [ -f "$bbc" ]; then
    cp "$bbc" "$w/199.txt"
else
    printf 'Chelsea sack Mutu\n\nA \243\061\065.8m signing from Parma.\n' > "$w/199.txt"
fi
for n in 1 2 3; do
    printf 'Page %s\n\nThe caf\351 story number %s.\n\n\251 Caf\351 News Ltd\n' $n $n > "$w/p$n.txt"
done
printf 'Already UTF-8\n\nCosts \302\24320 at the caf\303\251.\n' > "$w/utf8.txt"
run trawl_index --db "$tmp/w.db" "$w"
expect_status "Windows-1252 text is indexed" 0
is "... without a word unless asked" "$err" ""
run trawl_search --db "$tmp/w.db" --format tsv --fields snippets '"15.8m signing"'
like "a 0xA3 byte is a pound sign" "$out" "£15.8m signing"
run trawl_search --db "$tmp/w.db" --count 'café'
is "accented letters are read too, in every page" "$out" "4"
run trawl_search --db "$tmp/w.db" --count 'ltd'
is "a line repeated on every page is still seen as page furniture" "$out" "0"
run trawl_search --db "$tmp/w.db" --format tsv --fields snippets '£20'
like "valid UTF-8 is read as UTF-8" "$out" "Costs £20 at the café."
run trawl_index --verbose --rebuild --db "$tmp/w.db" "$w"
is "--verbose names each file read as Windows-1252" "$(printf '%s\n' "$err" | sort)" \
"trawl-index: note: '$w/199.txt': not UTF-8: read as Windows-1252
trawl-index: note: '$w/p1.txt': not UTF-8: read as Windows-1252
trawl-index: note: '$w/p2.txt': not UTF-8: read as Windows-1252
trawl-index: note: '$w/p3.txt': not UTF-8: read as Windows-1252"

done_testing
