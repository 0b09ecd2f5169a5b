#!/bin/sh
# t0440-completion.sh: bash completion (doc/completion/trawl.bash) offers what the programs take.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

if ! command -v bash > /dev/null; then
    echo "1..0 # SKIP bash not installed"
    exit 0
fi
script=$TRAWL_SRCDIR/doc/completion/trawl.bash

# complete WORD...: what completing the last WORD offers (as bash splits a
# command line: "--format=j" is "--format" "=" "j"), sorted, one a line.
complete() {
    bash --norc --noprofile -c '
        . "$0"
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        _trawl
        printf "%s\n" "${COMPREPLY[@]}" | sort' "$script" "$@"
}
search=$TRAWL_SEARCH
index=$TRAWL_INDEX

is "trawl-search --fo<TAB>" "$(complete "$search" --fo)" "--format"
is "trawl-search --co<TAB>" "$(complete "$search" --co)" "--color
--count
--count-by"
is "trawl-search --format <TAB>" "$(complete "$search" --format '')" "csv
json
kwic
kwic-csv
kwic-tsv
text
trec
tsv"
is "trawl-search -f t<TAB>" "$(complete "$search" -f t)" "text
trec
tsv"
is "trawl-search --format=j<TAB>" "$(complete "$search" --format = j)" "json"
is "trawl-search --sort -<TAB> (a value, not an option)" "$(complete "$search" --sort -)" "-date"
is "trawl-search --fields id,ti<TAB>" "$(complete "$search" --fields id,ti)" "id,title
id,title_derived"
is "trawl-search --limit <TAB> offers nothing" "$(complete "$search" --limit '')" ""
is "trawl-search bull<TAB> (a query word) offers nothing" "$(complete "$search" bull)" ""
is "trawl-index --language en<TAB>" "$(complete "$index" --language en)" "english"
is "trawl-index -l <TAB> lists trawl-index --list-languages" "$(complete "$index" -l '')" \
    "$("$index" --list-languages | sort)"

mkdir -p "$tmp/news.db" "$tmp/news corpus"
touch "$tmp/news.txt"
is "trawl-search --db <TAB> offers paths" "$(complete "$search" --db "$tmp/news")" "$tmp/news corpus
$tmp/news.db
$tmp/news.txt"
is "trawl-index <TAB> offers paths" "$(complete "$index" -q "$tmp/news.")" "$tmp/news.db
$tmp/news.txt"

# Every option of each program's --help, and nothing else.
for prog in "$search" "$index"; do
    is "${prog##*/} --<TAB> offers every option of --help" "$(complete "$prog" --)" \
        "$("$prog" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)"
done

# The values offered are exactly those the program takes: it lists them
# when given a bad one ("is not one of a, b, c").
for option in --format --color --sort --cite; do
    run trawl_search "$option" bogus x
    takes=$(printf '%s\n' "$err" | sed -n "1s/.*is not one of //p" | tr -d , | tr ' ' '\n' | sort)
    [ -n "$takes" ] || takes="(no list in: $err)"
    is "trawl-search $option <TAB> offers what trawl-search takes" \
        "$(complete "$search" "$option" '')" "$takes"
done
# --count-by takes the index's metadata fields too: the three every index
# has are offered, and are the first the program names.
copy_corpus "$tmp/corpus"
trawl_index -q --db "$tmp/db" "$tmp/corpus"
run trawl_search --db "$tmp/db" --count-by bogus x
like "trawl-search --count-by names year, month and source first" "$err" "is not one of year, month, source"
is "trawl-search --count-by <TAB> offers year, month and source" \
    "$(complete "$search" --count-by '' | tr '\n' ' ')" "month source year "
run trawl_search --format csv --fields bogus x
takes=$(printf '%s\n' "$err" | sed -n '1s/.*(fields: \(.*\))$/\1/p' | tr -d , | tr ' ' '\n' | sort)
is "trawl-search --fields <TAB> offers every field" "$(complete "$search" --fields '')" "$takes"

done_testing
