#!/bin/sh
# t0465-options.sh: a mistyped option names the nearest, options that do not
# combine are an error, trawl.cgi --help, --show by a TREC docid, and the
# config file taking every long option (--print-config).
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

db="$tmp/db"
trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
cgi=$TRAWL_BUILDDIR/trawl.cgi

# Unknown options: the nearest valid one.
run trawl_search --db "$db" --limt 3 government
expect_status "an unknown option is a usage error" 2
is "... naming the nearest option" "$err" "trawl-search: unknown option '--limt'; did you mean --limit?
try 'trawl-search --help' for more information"
run trawl_search --db "$db" --snipet-chars=40 government
like "a typo with =value: the option alone is named" "$err" \
    "unknown option '--snipet-chars'; did you mean --snippet-chars?"
run trawl_search --db "$db" --xyzzy government
is "nothing near: no guess" "$err" "trawl-search: unknown option '--xyzzy'
try 'trawl-search --help' for more information"
run trawl_search --db "$db" --f json government
like "an ambiguous abbreviation names what it could be" "$err" \
    "option '--f' is ambiguous: it could be --fields --format --feedback"
run trawl_search --db "$db" --limit
like "a missing value" "$err" "trawl-search: option '--limit' needs a value"
run trawl_search --db "$db" --count=yes government
like "a value to an option that takes none" "$err" "option '--count' takes no value"
run trawl_search --db "$db" -x government
like "an unknown short option" "$err" "trawl-search: unknown option '-x'"
run trawl_index --db "$db" --verbsoe "$TRAWL_SRCDIR/corpus"
expect_status "trawl-index: an unknown option is a usage error" 2
like "... naming the nearest option" "$err" \
    "trawl-index: unknown option '--verbsoe'; did you mean --verbose?"
run trawl_index --jobs
like "trawl-index: a missing value" "$err" "trawl-index: option '--jobs' needs a value"

# Options that do not combine.
run trawl_search --db "$db" --count --explain government
expect_status "--explain with --count is an error" 2
like "... saying so" "$err" "trawl-search: error: --explain does not go with --count"
run trawl_search --db "$db" --stats --limit 3
like "--limit with --stats is an error" "$err" "--limit does not go with --stats"
run trawl_search --db "$db" --show 000_2d5cabb33bf2183e.txt --offset 2
like "--offset with --show is an error" "$err" "--offset does not go with --show"
mkdir -p "$XDG_CONFIG_HOME/trawl"
config=$XDG_CONFIG_HOME/trawl/config
printf 'explain = yes\nlimit = 3\n' > "$config"
run trawl_search --db "$db" --count government
is "defaults from the config do not conflict with --count" "$out" "3"
expect_status "... and the count runs" 0
rm "$config"

# trawl.cgi --help: plain usage on stdout, status 0.
run "$cgi" --help
expect_status "trawl.cgi --help exits 0" 0
like "... printing plain usage" "$out" "Usage: trawl.cgi"
unlike "... not a page" "$out" "<"
is "... and nothing on stderr" "$err" ""
run "$cgi" --version
like "trawl.cgi --version" "$out" "trawl.cgi "

# --show by the id without its extension (a TREC run's docid).
run trawl_search --db "$db" --format trec --limit 1 government
docid=$(printf '%s\n' "$out" | awk '{ print $3 }')
is "a TREC docid has no .txt" "$docid" "000_2d5cabb33bf2183e"
run trawl_search --db "$db" --show "$docid"
expect_status "--show takes the TREC docid" 0
like "... and shows the article" "$out" "000_2d5cabb33bf2183e.txt"
mkdir -p "$tmp/c/politics"
cp "$TRAWL_SRCDIR/corpus/000_2d5cabb33bf2183e.txt" "$tmp/c/politics/375.txt"
cp "$TRAWL_SRCDIR/corpus/001_385728fb073913cc.txt" "$tmp/c/politics/375.5.txt"
cp "$TRAWL_SRCDIR/corpus/001_385728fb073913cc.txt" "$tmp/c/politics/376.txt"
printf '<html><head><title>Other</title></head><body><p>Other words.</p></body></html>\n' \
    > "$tmp/c/politics/376.html"
trawl_index -q --db "$tmp/db2" "$tmp/c"
run trawl_search --db "$tmp/db2" --show politics/375
like "politics/375 is politics/375.txt (not politics/375.5.txt)" "$out" "| politics/375.txt"
run trawl_search --db "$tmp/db2" --show politics/376
expect_status "an ambiguous id is not found" 1
is "... and the candidates are listed" "$err" \
    "trawl-search: error: --show: the id 'politics/376' is ambiguous: it could be politics/376.html, politics/376.txt"
run trawl_search --db "$tmp/db2" --show politics/37
is "a prefix of an id is no id" "$err" \
    "trawl-search: error: --show: no article with the id 'politics/37' in the index"

# The config file: every long option by its name.
mkdir -p "$tmp/home"
cat > "$config" <<END
db = ~/db
colour = always
sort = oldest
limit = 2
snippet-chars = 30
run-tag = mine
k1 = 1.2
no-snippets = no
END
cp -r "$db" "$tmp/home/db"
run env HOME="$tmp/home" "$TRAWL_SEARCH" --format tsv --fields id,date government
is "a config of long options, ~ in db expanded: no warning" "$err" ""
is "sort = oldest and limit = 2 apply" "$out" "id	date
003_991a6bc901fd0169.txt	2014-06-03
000_2d5cabb33bf2183e.txt	"
run env HOME="$tmp/home" "$TRAWL_SEARCH" --format trec government
like "run-tag from the config" "$out" " mine"
run env HOME="$tmp/home" "$TRAWL_SEARCH" --format text --limit 1 government
like "colour = always" "$out" "$(printf '\033[1m')"
run env HOME="$tmp/home" "$TRAWL_SEARCH" --format text --limit 1 --colour never --sort relevance government
unlike "the command line wins over the config" "$out" "$(printf '\033')"
run env HOME="$tmp/home" "$TRAWL_SEARCH" --print-config
expect_status "--print-config exits 0" 0
like "--print-config names the file" "$out" "# config file: $config"
like "... each setting with its line" "$out" "sort = oldest  ($config:3)"
like "... colour is color" "$out" "color = always  ($config:2)"
like "... ~ expanded" "$out" "db = $tmp/home/db  ($config:1)"
like "... a default" "$out" "offset = 0  (default)"
like "... a flag set to no" "$out" "no-snippets = no  (default)"
run env HOME="$tmp/home" TRAWL_DB="$db" PAGER=more "$TRAWL_SEARCH" --limit 7 --print-config
like "... the command line" "$out" "limit = 7  (command line)"
like "... TRAWL_DB" "$out" "db = $db  (TRAWL_DB)"
like "... PAGER" "$out" "pager = more  (PAGER)"
printf 'limt = 3\nno-snippets = maybe\n' > "$config"
run trawl_search --db "$db" --count government
is "a mistyped key names the nearest; a flag takes yes or no" "$err" \
"trawl-search: warning: $config:1: unknown setting 'limt'; did you mean limit?  Line ignored
trawl-search: warning: $config:2: no-snippets: 'maybe' is not one of yes, no, true, false, on, off, 1, 0; line ignored"

done_testing
