#!/bin/sh
# t0070-research.sh: batch queries, machine formats, manifest, statistics, counts, citations, --show.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

db="$tmp/db"
trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
s002=002_7add833defd93f9a
title002="CCGs confident but still deliver a kick to the regions"

# ------------------------------------------------------------------ batch
printf 'q1\tbrambles nettles\nbullying\n\nq4\t!!!\nq5\tbad \377 byte\nq6\tzebra\n\tnettles\nq8\tnettles\n' \
    > "$tmp/queries.tsv"
run trawl_search --db "$db" --batch "$tmp/queries.tsv" --format trec
expect_status "a batch with bad lines exits 2" 2
is "bad lines are reported with their line numbers, the others run" "$err" \
"trawl-search: error: $tmp/queries.tsv line 4: the query has no words to search for
trawl-search: error: $tmp/queries.tsv line 5: the query is not valid UTF-8
trawl-search: error: $tmp/queries.tsv line 7: the query id is empty or holds white space, control characters or invalid UTF-8"
is "TREC run: ids from the file or the line number, docids without .txt, the tag" \
    "$(printf '%s\n' "$out" | awk '{ $5 = "S"; print }')" \
"q1 Q0 $s002 1 S trawl
2 Q0 $s002 1 S trawl
q8 Q0 $s002 1 S trawl"

printf 'q1\tbrambles\nq2\tzebra\n' > "$tmp/good.tsv"
run trawl_search --db "$db" --batch "$tmp/good.tsv" --format trec --run-tag mine
expect_status "a batch whose lines all ran, something matched, exits 0" 0
like "--run-tag names the run" "$out" " mine"
printf 'zebra\n' > "$tmp/zebra.txt"
run trawl_search --db "$db" --batch - --format trec < "$tmp/zebra.txt"
expect_status "a batch from standard input where nothing matched exits 1" 1

run trawl_search --db "$db" --batch - zebra < /dev/null
expect_status "--batch with a QUERY is a usage error" 2
is "it says so" "$(printf '%s\n' "$err" | head -1)" "trawl-search: error: --batch takes no QUERY"

# TREC scores strictly decrease with rank, whatever the passes did (over
# several hits: with one or none there would be nothing to compare).
run trawl_search --db "$db" --format trec --limit 0 area teams bullying
expect_status "a TREC run of every match exits 0" 0
is "it ranks every match of the query" "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" \
    "$(trawl_search --db "$db" --count area teams bullying)"
is "TREC scores strictly decrease with rank" \
    "$(printf '%s\n' "$out" | awk 's != "" && $5 + 0 >= s + 0 { print "not decreasing:", $0 } { s = $5 }')" ""

# ---------------------------------------------------------------- formats
run trawl_search --db "$db" --format csv brambles
is "CSV: header row, RFC 4180 quoting, CRLF line ends" "$out" \
"$(printf 'query_id,rank,score,id,title,source,date,citation\r\n1,1,%s,%s.txt,%s,HSJ,,"“%s.” HSJ, n.d. %s.txt, ¶13 (reader comment)."\r' \
    "$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f3)" "$s002" "$title002" "$title002" "$s002")"

printf 'q\\1\t"brambles"\n' > "$tmp/quoted.tsv"
run trawl_search --db "$db" --batch "$tmp/quoted.tsv" --format csv --fields query_id,query,id,date
is "CSV doubles quotes; an unknown field is empty" "$out" \
"$(printf 'query_id,query,id,date\r\nq\\1,"""brambles""",%s.txt,\r' "$s002")"
run trawl_search --db "$db" --batch "$tmp/quoted.tsv" --format tsv --fields query_id,query,rank
is "TSV escapes backslashes (and tabs, newlines)" "$out" \
"$(printf 'query_id\tquery\trank\nq\\\\1\t"brambles"\t1')"

run trawl_search --db "$db" --format tsv --fields id,snippets brambles nettles
is "TSV snippets are the fragments as shown, without marks" "$out" \
"$(printf 'id\tsnippets\n%s.txt\tA path edged with brambles & nettles to navigate - there will be plenty of snags ahead.' "$s002")"

run trawl_search --db "$db" --format json --fields rank,id,title brambles
is "--fields picks JSON keys" "$out" "{\"trawl_query\":{\"query_id\":\"1\",\"matches\":1,\"all_words\":1,\"words\":1,\"counts_exact\":true,\"sort\":\"relevance\",\"collapsed\":true,\"stories\":1,\"did_you_mean\":null}}
{\"rank\":1,\"id\":\"$s002.txt\",\"title\":\"$title002\"}"
run trawl_search --db "$db" --batch "$tmp/good.tsv" --format json --fields query_id,id
is "batch JSON Lines carry the query id" "$(printf '%s\n' "$out" | grep -v trawl_query)" "{\"query_id\":\"q1\",\"id\":\"$s002.txt\"}"
like "... and each query's counts come first" "$out" "{\"trawl_query\":{\"query_id\":\"q2\",\"matches\":0,"
run trawl_search --db "$db" --batch "$tmp/good.tsv" --format json
like "batch JSON has query_id first by default" "$out" "{\"query_id\":\"q1\",\"rank\":1,\"id\":"

run trawl_search --db "$db" --format tsv --fields id,colour brambles
expect_status "an unknown field is a usage error" 2
like "it names the field and lists the fields" "$err" "trawl-search: error: --fields: unknown field 'colour' (fields: query_id, query, rank,"
run trawl_search --db "$db" --fields id brambles
expect_status "--fields with text output is a usage error" 2

run trawl_search --db "$db" --batch "$tmp/good.tsv"
like "text output names each query of a batch" "$out" "Query q1: brambles
1 match in 1 story

[1] $title002"

# ------------------------------------------------------- limit 0, reproducible
run trawl_search --db "$db" --count commissioning
count=$out
run trawl_search --db "$db" --format tsv --fields id --limit 0 commissioning
is "--limit 0 gives every match" "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" "$count"
run trawl_search --db "$db" --format json --limit 0 area teams commissioning
first=$out
run trawl_search --db "$db" --format json --limit 0 area teams commissioning
is "two runs give byte-identical output" "$out" "$first"

# --------------------------------------------------------------- manifest
run trawl_search --db "$db" --manifest "$tmp/manifest.json" --format json --json-header brambles
expect_status "--manifest and --json-header run" 0
if [ -n "${PYTHON3:-}" ]; then
    check=$(printf '%s\n' "$out" | "$PYTHON3" -c '
import json, sys
lines = sys.stdin.read().splitlines()
header = json.loads(lines[0])["trawl_header"]
manifest = json.load(open(sys.argv[1]))
print(header == manifest, len(lines) - 1)
print(sorted(manifest))
print(manifest["index"]["documents"], manifest["index"]["revision"] >= 1,
      len(manifest["index"]["uuid"]) == 36, manifest["analyzer"]["language"])
print(manifest["command_line"][1:])
print(sorted(manifest["ranking"])[:3], manifest["ranking"]["feedback"])
' "$tmp/manifest.json")
    is "the manifest and the JSON header agree and record the run" "$check" \
"True 2
['analyzer', 'command_line', 'index', 'ranking', 'trawl_version', 'xapian_version']
5 True True english
['--db', '$db', '--manifest', '$tmp/manifest.json', '--format', 'json', '--json-header', 'brambles']
['b', 'comment_weight', 'feedback'] auto"
else
    ok "the manifest parses # SKIP python3 not installed"
fi
run trawl_search --db "$db" --json-header brambles
expect_status "--json-header without --format json is a usage error" 2

# -------------------------------------------------------------- statistics
run trawl_search --db "$db" --stats
expect_status "--stats exits 0" 0
is "--stats: documents, dates, sources" "$(printf '%s\n' "$out" | grep -v '^terms\|^average')" \
"documents: 5
dates: 2014-06-03 to 2014-06-03 (1 dated, 4 undated)
sources: 2 (2 articles with none)
  2	HSJ
  1	Pulse"
like "--stats counts terms" "$out" "terms: "

run trawl_search --db "$db" --count-by source brambles
is "--count-by source: matches, stories, articles, share; the unknown source last" "$out" \
"$(printf 'source,matches,stories,articles,share\r\nHSJ,1,1,2,0.500000\r\nPulse,0,0,1,0.000000\r\nunknown,0,0,2,0.000000\r')"

# Years with no article are gaps, not zero matches.
mkdir "$tmp/dated"
for y in 2012 2014 2014b; do
    printf 'Title: Flood report %s\nDate: %s-03-01\nSource: Gazette\n\nThe river flooded the town again in %s.\n' \
        "$y" "${y%b}" "$y" > "$tmp/dated/$y.txt"
done
printf 'Title: Harvest\nDate: 2014-05-02\n\nA good harvest this year.\n' > "$tmp/dated/harvest.txt"
trawl_index -q --db "$tmp/dated.db" "$tmp/dated"
# The three flood reports are one story (near-duplicates, groups.h): it
# counts once in each year it was published in.
run trawl_search --db "$tmp/dated.db" --count-by year flood
is "--count-by year lists the gap year with empty matches" "$out" \
"$(printf 'year,matches,stories,articles,share\r\n2012,1,1,1,1.000000\r\n2013,,,0,\r\n2014,2,1,3,0.666667\r')"
run trawl_search --db "$tmp/dated.db" --count-by month --format json flood
is "--count-by month --format json" "$(printf '%s\n' "$out" | sed -n '1p;2p;25p;26p')" \
'{"month":"2012-03","matches":1,"stories":1,"articles":1,"share":1.000000,"gap":false}
{"month":"2012-04","matches":null,"stories":null,"articles":0,"share":null,"gap":true}
{"month":"2014-03","matches":2,"stories":1,"articles":2,"share":1.000000,"gap":false}
{"month":"2014-04","matches":null,"stories":null,"articles":0,"share":null,"gap":true}'
run trawl_search --db "$db" --count-by decade flood
expect_status "--count-by decade is a usage error" 2

# -------------------------------------------------------------- citations
run trawl_search --db "$db" --cite bibtex --accessed 2024-05-01 brambles
is "--cite bibtex: unknown fields left out" "$out" \
"@article{$s002.txt,
  title = {{$title002}},
  journal = {HSJ},
  note = {002\\_7add833defd93f9a.txt},
  urldate = {2024-05-01},
}"
run trawl_search --db "$db" --cite ris --accessed 2024-05-01 feature grey area
is "--cite ris" "$(printf '%s\n' "$out" | sed -n '1,/^ER/p')" \
"TY  - NEWS
ID  - 003_991a6bc901fd0169.txt
TI  - Feature: Grey Area
AU  - Helen Mooney
PY  - 2014
DA  - 2014/06/03/
AN  - 003_991a6bc901fd0169.txt
Y2  - 2024/05/01/
ER  - "
run trawl_search --db "$db" --cite text --accessed 2024-05-01 brambles
is "--cite text" "$out" "“$title002.” HSJ, n.d. $s002.txt, ¶13 (reader comment). Accessed 1 May 2024."
run trawl_search --db "$db" --cite csl-json --accessed 2024-05-01 --limit 2 feature grey area
if [ -n "${PYTHON3:-}" ]; then
    check=$(printf '%s\n' "$out" | "$PYTHON3" -c '
import json, sys
items = json.load(sys.stdin)
print(len(items), json.dumps(items[0], sort_keys=True))')
    is "--cite csl-json is one JSON array of items" "$check" \
'2 {"accessed": {"date-parts": [[2024, 5, 1]]}, "archive_location": "003_991a6bc901fd0169.txt", "author": [{"literal": "Helen Mooney"}], "id": "003_991a6bc901fd0169.txt", "issued": {"date-parts": [[2014, 6, 3]]}, "title": "Feature: Grey Area", "type": "article-newspaper"}'
else
    ok "csl-json parses # SKIP python3 not installed"
fi
run trawl_search --db "$db" --cite endnote brambles
expect_status "an unknown citation style is a usage error" 2
run trawl_search --db "$db" --cite text --accessed 2024-02-30 brambles
is "--accessed must be a real date" "$(printf '%s\n' "$err" | head -1)" \
    "trawl-search: error: --accessed: '2024-02-30' is not a date written YYYY-MM-DD"

if command -v pandoc > /dev/null; then
    trawl_search --db "$db" --cite bibtex --accessed 2024-05-01 --limit 0 area > "$tmp/refs.bib"
    run pandoc --from=bibtex --to=csljson "$tmp/refs.bib"
    is "pandoc reads the BibTeX: every entry, titles kept" \
        "$(printf '%s\n' "$out" | grep -c '"title"'):$(printf '%s\n' "$out" | grep -c '"title": "Feature: Grey Area"')" "5:1"
    trawl_search --db "$db" --cite csl-json --accessed 2024-05-01 --limit 0 area > "$tmp/refs.json"
    run pandoc --from=csljson --to=csljson "$tmp/refs.json"
    expect_status "pandoc reads the CSL-JSON" 0
    like "the CSL-JSON keeps the source as container-title" "$out" '"container-title": "HSJ"'
else
    ok "pandoc reads the BibTeX # SKIP pandoc not installed"
    ok "pandoc reads the CSL-JSON # SKIP pandoc not installed"
    ok "CSL-JSON container-title # SKIP pandoc not installed"
fi

# ------------------------------------------------------------------- show
run trawl_search --db "$db" --show "$s002.txt" brambles nettles
expect_status "--show exits 0" 0
is "--show: metadata, numbered paragraphs, comments apart, marks" \
    "$(printf '%s\n' "$out" | sed -n '1,4p;/^Reader comments/p;/^¶13/p')" \
"$title002
HSJ | date unknown | $s002.txt

¶1 HSJ’s second Barometer survey of those leading clinical commissioning groups reveals the new organisations are still full of confidence as they get ready to take full responsibility for £60bn of NHS cash in April.
Reader comments
¶13 (reader comment) A path edged with **brambles** & **nettles** to navigate - there will be plenty of snags ahead."
run trawl_search --db "$db" --show nope.txt
expect_status "--show of an unknown id exits 1" 1
is "it names the id" "$err" "trawl-search: error: --show: no article with the id 'nope.txt' in the index"

if [ -n "${PYTHON3:-}" ]; then
    trawl_search --db "$db" --format json --limit 0 area teams | grep -v '^{"trawl_query"' > "$tmp/hits.json"
    for id in $(sed 's/.*"id":"\([^"]*\)".*/\1/' "$tmp/hits.json"); do
        trawl_search --db "$db" --show "$id" --format json area teams
    done > "$tmp/shown.json"
    check=$("$PYTHON3" -c '
import json, sys
shown = {d["id"]: d for d in map(json.loads, open(sys.argv[2]))}
found = missed = 0
for hit in map(json.loads, open(sys.argv[1])):
    text = shown[hit["id"]]["text"].encode()
    paragraphs = shown[hit["id"]]["paragraphs"]
    for s in hit["snippets"]:
        ok = text[s["start"]:s["end"]] == s["text"].encode()
        p = paragraphs[s["paragraph"] - 1]
        ok = ok and p["start"] <= s["start"] and s["end"] <= p["end"]
        found += ok
        missed += not ok
print(found > 0, missed)' "$tmp/hits.json" "$tmp/shown.json")
    is "each snippet is found again at its offsets in the --show text and paragraph" "$check" "True 0"
else
    ok "snippet offsets # SKIP python3 not installed"
fi

done_testing
