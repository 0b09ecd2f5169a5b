#!/bin/sh
# t0065-counts.sh: counts that do not move with --limit or the page, and a
# date order that is chronological over every match.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/cgi-server.sh"

# --- Date order over every match: a small corpus whose dates interleave
# articles with both words and with one.
mkdir "$tmp/dated"
article() {  # article NAME DATE TEXT (DATE "" for none)
    { [ -n "$2" ] && printf 'Date: %s\n' "$2"; printf 'Title: %s\n\n%s\n' "$1" "$3"; } \
        > "$tmp/dated/$1.txt"
}
article a 2014-06-03 "Floods and storms hit the coast."
article b 2015-01-10 "Floods reached the town."
article c 2013-02-01 "Storms and floods again."
article d "" "Floods with no date at all."
article e 2014-06 "Storms in June, and floods."
article f "" "Storms, floods and no date."
trawl_index --db "$tmp/dated.db" "$tmp/dated" > /dev/null
titles() { printf '%s\n' "$out" | sed -n 's/^\[[0-9]*\] \([a-z]\)$/\1/p' | tr -d '\n'; }

run trawl_search --db "$tmp/dated.db" --no-snippets --sort newest floods storms
is "newest first over every match, with every word or not; undated last" "$(titles)" "baecfd"
like "the count line says the order and the undated" "$out" "6 matches in 6 stories, 4 with all 2 words; newest first, 2 undated last"
run trawl_search --db "$tmp/dated.db" --no-snippets --sort oldest floods storms
is "oldest first; a month sorts before its days; undated still last" "$(titles)" "ceabfd"
run trawl_search --db "$tmp/dated.db" --no-snippets --sort -date --limit 2 --offset 3 floods storms
is "a page of it continues the same order" "$(printf '%s\n' "$out" | grep '^\[' | cut -c1-5 | tr '\n' ' ')" "[4] c [5] f "
run trawl_search --db "$tmp/dated.db" --format tsv --fields rank,id,all_words --sort newest floods storms
is "which hits have every word is still known" "$out" "rank	id	all_words
1	b.txt	false
2	a.txt	true
3	e.txt	true
4	c.txt	true
5	f.txt	true
6	d.txt	false"
run trawl_search --db "$tmp/dated.db" --format json --no-snippets --fields id --sort date floods storms
is "JSON: counts, order and undated before the hits" "$(printf '%s\n' "$out" | head -n 1)" \
    '{"trawl_query":{"query_id":"1","matches":6,"all_words":4,"words":2,"counts_exact":true,"sort":"oldest","collapsed":true,"stories":6,"undated":2,"did_you_mean":null}}'
run trawl_search --db "$tmp/dated.db" --no-snippets --all --sort newest floods storms
is "--all with a date order: those with every word, by date" "$(titles)" "aecf"

# One spelling of the orders: the command line, the config file, the page.
mkdir -p "$XDG_CONFIG_HOME/trawl"
printf 'sort = newest\n' > "$XDG_CONFIG_HOME/trawl/config"
run trawl_search --db "$tmp/dated.db" --no-snippets floods storms
is "sort = newest in the config file" "$(titles)" "baecfd"
run trawl_search --db "$tmp/dated.db" --no-snippets --sort relevance floods storms
like "... and --sort relevance wins over it" "$out" "6 matches in 6 stories, 4 with all 2 words
"
rm "$XDG_CONFIG_HOME/trawl/config"
run trawl_search --db "$tmp/dated.db" --sort random floods
expect_status "a bad --sort exits 2" 2
like "... naming the orders" "$err" "--sort: 'random' is not one of relevance, newest, oldest, -date, date"

# --- Counts that do not depend on the page, on a real corpus (BBC News
# politics, 417 articles: Xapian's estimate for "gordon brown budget"
# varied from 101 to 230 with --limit).
bbc="$TRAWL_SRCDIR/../shared/corpora/bbc-news/bbc/politics"
if [ ! -d "$bbc" ]; then
    ok "# SKIP $bbc not found"
    done_testing
    exit 0
fi
trawl_index --db "$tmp/db" "$bbc" > /dev/null
matches=$(trawl_search --db "$tmp/db" --count gordon brown budget)
all_words=$(trawl_search --db "$tmp/db" --count --all gordon brown budget)
is "--count of every word and of any word" "$matches $all_words" "101 33"
# 95 stories: 6 of the matches are copies of others (near-duplicate groups).
count_line="$matches matches in 95 stories, $all_words with all 3 words"
for limit in 1 10 1000 0; do
    run trawl_search --db "$tmp/db" --no-snippets --limit $limit gordon brown budget
    is "--limit $limit: the count line is the exact count" "$(printf '%s\n' "$out" | head -n 1)" "$count_line"
    run trawl_search --db "$tmp/db" --format json --no-snippets --limit $limit --offset 5 gordon brown budget
    is "--limit $limit --offset 5: JSON gives the same counts" "$(printf '%s\n' "$out" | head -n 1)" \
        "{\"trawl_query\":{\"query_id\":\"1\",\"matches\":$matches,\"all_words\":$all_words,\"words\":3,\"counts_exact\":true,\"sort\":\"relevance\",\"collapsed\":true,\"stories\":95,\"did_you_mean\":null}}"
done
run trawl_search --db "$tmp/db" --no-snippets --any --limit 1 gordon brown budget
is "--any: the same counts" "$(printf '%s\n' "$out" | head -n 1)" "$count_line"
run trawl_search --db "$tmp/db" --no-snippets --sort newest --limit 1 gordon brown budget
like "by date: the same counts" "$(printf '%s\n' "$out" | head -n 1)" "$count_line; newest first, "
run trawl_search --db "$tmp/db" --format tsv --fields id --limit 0 gordon brown budget
is "--limit 0 streams exactly that many hits: a story each" "$(printf '%s\n' "$out" | sed 1d | wc -l | tr -d ' ')" 95
run trawl_search --db "$tmp/db" --format tsv --fields id --limit 0 --duplicates keep gordon brown budget
is "... an article each with --duplicates keep" "$(printf '%s\n' "$out" | sed 1d | wc -l | tr -d ' ')" "$matches"

# libtrawl (its example asks for 5 hits).
run "$TRAWL_BUILDDIR/doc/examples/search" "$tmp/db" gordon brown budget
is "libtrawl: the same counts" "$(printf '%s\n' "$out" | head -n 1)" "$matches matches, $all_words with every word"

# The search page, one hit a page, on page 1 and page 7.
cgi_server_start '"TRAWL_CGI_HITS" => "1"'
for page in 1 7; do
    fetch "?q=gordon+brown+budget&page=$page"
    like "the page, page $page: the same counts" "$body" "<p class=\"summary\" role=\"status\">$count_line ("
    fetch "?q=gordon+brown+budget&page=$page&format=json"
    like "the page's JSON, page $page: the same counts" "$body" "\"matches\":$matches,\"all_words\":$all_words,"
done
fetch "?q=gordon+brown+budget&sort=-date"
like "the page takes the command line's spelling of an order" "$body" "newest first,"

done_testing
