#!/bin/sh
# t0300-badinput.sh: hostile and broken corpus files: each is indexed as far
# as possible or skipped with its path and reason; nothing else is affected.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

c="$tmp/c"
mkdir -p "$c"
# A good article, to show the rest goes on.
printf 'Good headline\n\nA story about otters in the river.\n' > "$c/good.txt"
: > "$c/empty.txt"
printf '\n\n   \n\t\n' > "$c/blank.txt"
head -c 4096 /dev/urandom > "$c/binary.txt" 2>/dev/null || printf '\377\376\000\001\002' > "$c/binary.txt"
printf 'Bad bytes\n\nCaf\351 au lait \377\376 and kiwis.\n' > "$c/invalid-utf8.txt"
printf 'Overlong\n\nSlash \300\257 and \340\200\257 and lemurs.\n' > "$c/overlong.txt"
printf 'Nul bytes\n\nNul\000 bytes\000 and\000 pangolins.\n' > "$c/nul.txt"
printf 'Windows headline\r\n\r\nA story about wombats\r\nwith CRLF line ends.\r\n' > "$c/crlf.txt"
printf 'Old Mac headline\r\rA story about quolls\rwith CR line ends.\r' > "$c/cr.txt"
printf 'Spaces\n\nA story about narwhals.\n' > "$c/name with spaces.txt"
printf 'Newline\n\nA story about axolotls.\n' > "$c/name
with newline.txt"
printf 'Latin1 name\n\nA story about tapirs.\n' > "$c/$(printf 'caf\351').txt"
printf 'Title: Front matter\nDate: 2014-13-45\nMood: grumpy\n\nA story about dugongs.\n' > "$c/frontmatter.txt"
printf 'one-line-headline-less article about okapis' > "$c/oneline.txt"
printf 'From Formulas to Computer Oriented Language\n\nA paper about compilers and gibbons.\n' > "$c/from-title.txt"

run trawl_index --db "$tmp/db" "$c"
expect_status "files that fail give exit status 1" 1
like "an empty file is skipped with its reason" "$err" "cannot index '$c/empty.txt': no article text"
like "a blank file is skipped with its reason" "$err" "cannot index '$c/blank.txt': no article text"
like "a bad date in front matter is a warning naming the file" "$err" "trawl-index: warning: '$c/frontmatter.txt': front matter: bad date '2014-13-45' ignored"

for word in otters kiwis lemurs pangolins wombats quolls narwhals axolotls tapirs dugongs okapis gibbons; do
    run trawl_search --db "$tmp/db" --count "$word"
    is "'$word' is found" "$out" "1"
done

run trawl_search --db "$tmp/db" --format json kiwis
like "a .txt that is not UTF-8 is read as Windows-1252" "$out" "Café au lait ÿþ and kiwis"
run trawl_search --db "$tmp/db" --format json pangolins
like "NUL bytes are dropped" "$out" "Nul bytes and pangolins"
run trawl_search --db "$tmp/db" --format json wombats
like "CRLF text is joined as one paragraph" "$out" "A story about wombats with CRLF line ends."
run trawl_search --db "$tmp/db" --format json gibbons
like "a title starting with 'From ' is an article, not mail" "$out" '"title":"From Formulas to Computer Oriented Language"'
run trawl_search --db "$tmp/db" --format json dugongs
like "front matter title is used" "$out" '"title":"Front matter"'
like "a bad front-matter date stays unknown" "$out" '"date":null'
like "an unknown front-matter key is kept" "$out" '"meta":{"Mood":"grumpy"}'

# A 100 MB file of one line: past an eighth of the default --memory (32 MiB),
# refused with its reason; with a budget that holds it, indexed, in bounded
# time (no timing assertion).
if [ "${TRAWL_BIG_TESTS:-1}" = 1 ]; then
    mkdir "$tmp/big"
    awk 'BEGIN { for (i = 0; i < 1600000; i++) printf "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "; printf "zanzibar\n" }' > "$tmp/big/huge.txt"
    run trawl_index --db "$tmp/big.db" "$tmp/big"
    expect_status "a 100 MB one-line file past the memory budget fails" 1
    is "... said with the limit" "$err" "trawl-index: error: cannot read '$tmp/big/huge.txt': over the limit of 32 MiB (--memory)"
    run trawl_index --memory 1024 --db "$tmp/big.db" "$tmp/big"
    expect_status "with --memory 1024 it is indexed" 0
    run trawl_search --db "$tmp/big.db" --count zanzibar
    is "its last word is found" "$out" "1"
fi

# A file that becomes unreadable: reported, the rest goes on (root reads
# everything, so use a dangling symlink, which stat() cannot follow).
mkdir "$tmp/gone"
printf 'Here\n\nA story about ibexes.\n' > "$tmp/gone/here.txt"
ln -s "$tmp/gone/nowhere.txt" "$tmp/gone/dangling.txt"
run trawl_index --db "$tmp/gone.db" "$tmp/gone"
expect_status "a dangling link gives exit status 1" 1
like "a dangling link is reported with its path" "$err" "cannot read '$tmp/gone/dangling.txt': No such file or directory"
run trawl_search --db "$tmp/gone.db" --count ibexes
is "the other file is indexed" "$out" "1"

done_testing
