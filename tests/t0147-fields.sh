#!/bin/sh
# t0147-fields.sh: metadata fields searched (NAME:words, NAME=value,
# byline:/author:), counted (--count-by NAME), and an unknown field an
# error naming the index's fields, never words.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

c="$tmp/corpus"
mkdir "$c" "$c/desk"
cat > "$c/wire.jsonl" <<'EOF'
{"id":"w1","title":"Shuttle launch delayed","text":"The shuttle launch is delayed by rain.","category":"sci.space","newsgroups":["sci.space","sci.astro"],"byline":"Jane Smith"}
{"id":"w2","title":"Orbit change","text":"A probe changes its orbit around the moon.","category":"sci.space","newsgroups":["sci.space"],"byline":"John Smithers"}
{"id":"w3","title":"God and reason","text":"A long thread about reason and the moon.","category":"alt.atheism","newsgroups":["alt.atheism","talk.religion.misc"]}
{"id":"w4","title":"Space religion","text":"Is there a religion of the moon landing?","category":"talk.religion.misc","newsgroups":null}
EOF
printf 'Otters return\n\nOtters are back on the river near the moon bridge.\n' > "$c/desk/1.txt"
printf 'Kiwis fly\n\nKiwis do not fly to the moon.\n' > "$c/desk/2.txt"
printf 'id\tsection\ndesk/1.txt\tNature notes\ndesk/2.txt\tBirds\n' > "$c/manifest.tsv"
run trawl_index --db "$tmp/db" "$c"
expect_status "the corpus is indexed" 0

ids() { trawl_search --db "$tmp/db" --format tsv --fields id --limit 0 "$@" | sed 1d | sort | tr '\n' ' '; }
is "category:words finds the field's words" "$(ids 'category:space')" "w1 w2 "
is "... a dotted value as its words" "$(ids 'category:sci.space')" "w1 w2 "
is "... in any case" "$(ids 'Category:SPACE')" "w1 w2 "
is "... not the words of the text" "$(ids 'category:moon')" ""
is "NAME=value: exactly the value as stored" "$(ids 'newsgroups=sci.space')" "w1 w2 "
is "... a list's every item" "$(ids 'newsgroups=talk.religion.misc')" "w3 "
is "... not a part of the value" "$(ids 'category=sci')" ""
is "... with words" "$(ids 'moon category=alt.atheism')" "w3 "
is "... excluded" "$(ids 'moon -category=sci.space')" "desk/1.txt desk/2.txt w3 w4 "
is "a manifest column is a field" "$(ids 'section:nature')" "desk/1.txt "
is "... and its exact value" "$(ids 'section="Nature notes"')" "desk/1.txt "
is "byline: searches the byline" "$(ids 'byline:smith')" "w1 "
is "author: is the byline" "$(ids 'author:"jane smith"')" "w1 "
is "source=: the source exactly" "$(ids 'source=nobody moon')" ""

# A field the index lacks: an error naming the fields it has.
run trawl_search --db "$tmp/db" --count 'categry:space'
expect_status "an unknown field: exit 2" 2
is "... naming the index's fields" "$err" "trawl-search: error: the index has no field 'categry'; its fields: title, body, comments, source, date, id, byline, author, category, newsgroups, section (to search the words as they are, put them in quotes)"
run trawl_search --db "$tmp/db" --count '"categry:space"'
is "... quoted, the words are searched" "$out" "0"
run trawl_search --db "$tmp/db" --count 'moon Note: http://example.org'
is "'Note:' and 'http://' are no fields: words" "$out|$err" "$(trawl_search --db "$tmp/db" --count 'moon Note http example org')|"
# Thousands of fields one after another: the last applies, no recursion.
many=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "title:"; printf "otters" }')
run trawl_search --db "$tmp/db" --count "$many"
is "20,000 fields in a row: the last one applies" "$out" "1"

# Counting by a field: each value, the matches and the articles there, and
# what has no value, so that the rows add up.
run trawl_search --db "$tmp/db" --count-by newsgroups moon
is "--count-by a list field" "$(printf '%s\n' "$out" | tr -d '\r')" "newsgroups,matches,stories,articles,share
alt.atheism,1,1,1,1.000000
sci.astro,0,0,1,0.000000
sci.space,1,1,2,0.500000
talk.religion.misc,1,1,1,1.000000
(none),3,3,3,1.000000"
run trawl_search --db "$tmp/db" --count-by newsgroups --chart moon
is "--chart: the same numbers as the rows" \
    "$(printf '%s\n' "$out" | sed 1d | sed 's/^\([^ ]*\) .* \([0-9]*\) of \([0-9]*\) .*/\1,\2,\3/')" \
    "$(trawl_search --db "$tmp/db" --count-by newsgroups moon | tr -d '\r' | sed 1d | cut -d, -f1,2,4)"
like "... as bars of the most matches" "$out" "matches per newsgroups, of the articles there (a full bar: 3)
alt.atheism         █████████████▎                            1 of 1 (100.0%)"
run env COLUMNS=50 "$TRAWL_SEARCH" --db "$tmp/db" --count-by newsgroups --chart moon
is "... its rows fit a 50-column terminal" \
    "$(printf '%s\n' "$out" | sed 1d | while IFS= read -r l; do printf '%s' "$l" | wc -m; done | sort -n | tail -n 1)" "50"
run trawl_search --db "$tmp/db" --chart moon
expect_status "--chart without --count-by is refused" 2
run trawl_search --db "$tmp/db" --format json --count-by Category 'moon OR shuttle'
is "--count-by a field in JSON, any case" "$out" '{"category":"alt.atheism","matches":1,"stories":1,"articles":1,"share":1.000000,"gap":false}
{"category":"sci.space","matches":2,"stories":2,"articles":2,"share":1.000000,"gap":false}
{"category":"talk.religion.misc","matches":1,"stories":1,"articles":1,"share":1.000000,"gap":false}
{"category":"(none)","matches":2,"stories":2,"articles":2,"share":1.000000,"gap":false}'
run trawl_search --db "$tmp/db" --count-by author moon
like "--count-by author: the byline" "$out" "Jane Smith,0,0,1,0.000000"
run trawl_search --db "$tmp/db" --count-by colour moon
expect_status "--count-by a field the index lacks: exit 2" 2
is "... naming what it can count by" "$err" "trawl-search: error: --count-by: 'colour' is not one of year, month, source, byline, category, newsgroups, section"

# The search page counts by the fields its trawl.cgi.conf names.
mkdir "$tmp/cgi"
cp "$TRAWL_BUILDDIR/trawl.cgi" "$tmp/cgi/trawl.cgi"
printf 'TRAWL_DB=%s\nTRAWL_CGI_FACETS=category, newsgroups\n' "$tmp/db" > "$tmp/cgi/trawl.cgi.conf"
page() { env -i REQUEST_METHOD=GET QUERY_STRING="$1" "$tmp/cgi/trawl.cgi"; }
out=$(page 'q=moon+OR+shuttle&format=json')
like "JSON: the configured fields' counts among the matches" "$out" '"fields":{"category":[{"value":"sci.space","count":2},{"value":"alt.atheism","count":1},{"value":"talk.religion.misc","count":1}],"newsgroups":[{"value":"sci.space","count":2},{"value":"alt.atheism","count":1},{"value":"sci.astro","count":1},{"value":"talk.religion.misc","count":1}]}'
out=$(page 'q=moon')
like "HTML: a field's facet under its name" "$out" '<h3>Category</h3>'
like "... each value a link adding NAME=\"value\" to the query" "$out" '<a href="?q=moon+category%3D%22alt.atheism%22">alt.atheism</a> <span class="count">(1)</span>'
unlike "... values no match has are left out" "$out" '>sci.astro</a>'
unlike "no heading over an empty facet (nothing here is dated)" "$out" '<h3>Year</h3>'
out=$(page 'q=moon+category%3D%22alt.atheism%22&format=json')
like "... and following it filters" "$out" '"matches":1,'
printf 'TRAWL_DB=%s\nTRAWL_CGI_FACETS=category,colour\n' "$tmp/db" > "$tmp/cgi/trawl.cgi.conf"
out=$(page 'q=moon' 2> "$tmp/cgi.err")
like "a field the index lacks: the page goes on" "$out" '<h3>Category</h3>'
is "... and the server log says so" "$(cat "$tmp/cgi.err")" "trawl.cgi: error: TRAWL_CGI_FACETS: the index has no field 'colour': not shown"
printf 'TRAWL_DB=%s\nTRAWL_CGI_FACETS=cat;egory\n' "$tmp/db" > "$tmp/cgi/trawl.cgi.conf"
out=$(page 'q=moon' 2> "$tmp/cgi.err")
like "a facet list that is no list: not set up" "$out" 'Search not available'
like "... logged with the setting" "$(cat "$tmp/cgi.err")" "TRAWL_CGI_FACETS: 'cat;egory' is not field names separated by commas"

# On real data: 20 Newsgroups' category and newsgroups members, counted
# against the JSON Lines themselves.
ng="$TRAWL_SRCDIR/../shared/corpora/20newsgroups/docs.jsonl.gz"
if [ -f "$ng" ] && command -v python3 > /dev/null; then
    mkdir "$tmp/ng"
    gzip -dc "$ng" | head -n 3000 > "$tmp/ng/docs.jsonl"
    trawl_index -q --db "$tmp/ngdb" "$tmp/ng"
    want=$(python3 -c '
import json, sys
space = atheism = 0
for line in open(sys.argv[1]):
    d = json.loads(line)
    space += d.get("category") == "sci.space"
    atheism += "alt.atheism" in (d.get("newsgroups") or [])
print(space, atheism)' "$tmp/ng/docs.jsonl")
    got="$(trawl_search --db "$tmp/ngdb" --count 'category=sci.space') $(trawl_search --db "$tmp/ngdb" --count 'newsgroups=alt.atheism')"
    is "20 Newsgroups: category= and newsgroups= count what the records say" "$got" "$want"
    is "... category:sci.space as many" "$(trawl_search --db "$tmp/ngdb" --count 'category:sci.space')" "${want% *}"
    sum=$(trawl_search --db "$tmp/ngdb" --count-by category 'the OR a' | sed 1d | awk -F, '{ m += $2; a += $4 } END { print m, a }')
    is "... --count-by category adds up to the matches and the articles" "$sum" "$(trawl_search --db "$tmp/ngdb" --count 'the OR a') 3000"
else
    for i in 1 2 3; do ok "# SKIP 20 Newsgroups not beside the source"; done
fi

done_testing
