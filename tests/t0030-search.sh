#!/bin/sh
# t0030-search.sh: ranking, snippets, citations and output formats.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

db="$tmp/db"
trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"

run trawl_search --db "$db" area teams bullying
expect_status "a query with results exits 0" 0
first=$(printf '%s\n' "$out" | sed -n 3p)
is "002 ranks first for 'area teams bullying'" "$first" "[1] CCGs confident but still deliver a kick to the regions"
like "the header counts matches and all-word matches" "$out" "5 matches in 5 stories, 1 with all 3 words"
like "bullying is marked in 002's snippet" "$out" "**bullying**"
like "002's citation names the file and paragraph" "$out" "Cite: “CCGs confident but still deliver a kick to the regions.” HSJ, n.d. 002_7add833defd93f9a.txt, ¶"
unlike "no banner in any snippet" "$out" "intended for health professionals"
unlike "no cookie notice in any snippet" "$out" "cookies"
unlike "no comment furniture in any snippet" "$out" "Unsuitable or offensive"
unlike "piped output has no colour codes" "$out" "$(printf '\033')"

run trawl_search --db "$db" --format json area teams bullying
expect_status "--format json exits 0" 0
if [ -n "${PYTHON3:-}" ]; then
    check=$(printf '%s\n' "$out" | "$PYTHON3" -c '
import json, sys
lines = [json.loads(line) for line in sys.stdin]
query, hits = lines[0]["trawl_query"], lines[1:]
print(json.dumps(query, sort_keys=True))
print(len(hits), hits[0]["id"], hits[0]["rank"])
for h in hits:
    for s in h["snippets"]:
        for a, b in s["highlights"]:
            word = s["text"].encode()[a:b].decode()
            assert word.strip() == word and word, (word, s)
bully = [s for s in hits[0]["snippets"] if "bullying" in s["text"]][0]
print(",".join(bully["text"].encode()[a:b].decode() for a, b in bully["highlights"]))
print(sorted(hits[0]) == sorted(["rank","id","score","all_words","title","title_derived","source","date","byline","url","meta","path","citation","snippets","copies"]))
')
    is "JSON Lines parse, highlight offsets land on words" "$check" '{"all_words": 1, "collapsed": true, "counts_exact": true, "did_you_mean": null, "matches": 5, "query_id": "1", "sort": "relevance", "stories": 5, "words": 3}'"
5 002_7add833defd93f9a.txt 1
team,bullying
True"
else
    ok "JSON Lines parse # SKIP python3 not installed"
fi

run trawl_search --db "$db" brambles nettles
expect_status "comment words are found" 0
like "'brambles nettles' finds 002" "$out" "[1] CCGs confident but still deliver a kick to the regions"
like "the passage is marked as a reader comment" "$out" "(reader comment): A path edged with **brambles** & **nettles** to navigate"
like "the citation says reader comment" "$out" "(reader comment)."

run trawl_search --db "$db" bullied
like "a stemmed form matches and is marked" "$out" "**bullying**"

run trawl_search --db "$db" "England’s"
like "a curly apostrophe matches" "$out" "**England’s**"

run trawl_search --db "$db" --count area teams
is "--count prints the number of matches" "$out" "5"

run trawl_search --db "$db" zebra
expect_status "no match exits 1" 1
is "no match prints the count" "$out" "0 matches in 0 stories"

run trawl_search --db "$db" --limit 2 area teams
is "--limit 2 shows two hits" "$(printf '%s\n' "$out" | grep -c '^\[')" "2"
run trawl_search --db "$db" --limit 2 --offset 2 area teams
is "--offset 2 continues at rank 3" "$(printf '%s\n' "$out" | grep '^\[' | cut -c1-3 | tr '\n' ' ')" "[3] [4] "

run trawl_search --db "$db" --color=always bullying
like "--color=always marks in colour" "$out" "$(printf '\033[1;31mbullying\033[0m')"
NO_COLOR=1 run trawl_search --db "$db" --color=always bullying
like "--color=always wins over NO_COLOR" "$out" "$(printf '\033[1;31m')"

run trawl_search --db "$db" "!!!"
expect_status "a query without words exits 2" 2
is "a query without words is explained" "$err" "trawl-search: error: the query has no words to search for"

run trawl_search --db "$tmp/none" bullying
expect_status "a missing index exits 2" 2
is "a missing index says to run trawl-index" "$err" "trawl-search: error: no index at '$tmp/none': run trawl-index first"

TRAWL_DB="$db" run trawl_search --count bullying
is "TRAWL_DB chooses the index" "$out" "1"

# Control characters in article text never reach the terminal.
mkdir "$tmp/esc"
printf 'Escape test\n\nThe word zorblax hides \033[2J\033]0;pwned\007 a clear-screen.\n' > "$tmp/esc/a.txt"
trawl_index -q --db "$tmp/esc.db" "$tmp/esc"
run trawl_search --db "$tmp/esc.db" zorblax
unlike "no escape character from the text reaches the output" "$out" "$(printf '\033')"
unlike "no bell character from the text reaches the output" "$out" "$(printf '\007')"
like "the text around it is kept" "$out" "**zorblax** hides"

done_testing
