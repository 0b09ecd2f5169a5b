#!/bin/sh
# t0048-manifest.sh: a manifest's edits take effect, its bad rows are
# skipped alone, its rows that name no file are said.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

c="$tmp/corpus"
mkdir "$c"
for n in 1 2 3; do printf 'Story %s\n\nThe text of story %s about otters.\n' $n $n > "$c/$n.txt"; done
printf 'id\ttitle\tdate\tdesk\n1.txt\tFirst title\t2014-06-03\tsport\n2.txt\tSecond title\tbad date\tnews\n3.txt\tThird title\t2015\tnews\n9.txt\tNo such file\t\t\n' \
    > "$c/manifest.tsv"
run trawl_index --db "$tmp/db" "$c"
expect_status "a manifest with a bad row: exit 1" 1
like "the bad row is reported with its line, and skipped" "$err" \
    "trawl-index: error: $c/manifest.tsv:3: bad date 'bad date': row skipped"
like "a row naming no file is said" "$err" \
    "trawl-index: warning: $c/manifest.tsv:5: '9.txt' names no file under '$c'"
like "the other rows are used" "$out" ": 3 added, 0 updated, 0 removed, 0 unchanged, 1 failed"
titles() { trawl_search --db "$tmp/db" --format tsv --fields id,title,date --limit 0 otters | sed 1d | sort; }
is "titles and dates of the good rows, the bad row's file as its text says" "$(titles)" "1.txt	First title	2014-06-03
2.txt	Story 2	
3.txt	Third title	2015"
run trawl_search --db "$tmp/db" --format json --fields id,meta --limit 1 'title:"first title"'
like "an extra column is kept as the article's metadata" "$out" '"meta":{"desk":"sport"}'

# Editing the manifest re-indexes the articles whose rows changed, only.
sed -i 's/First title/First title, edited/; s/bad date/2014-07-01/' "$c/manifest.tsv"
run trawl_index --db "$tmp/db" "$c"
like "edited rows: their articles are updated on the next run" "$out" \
    ": 0 added, 2 updated, 0 removed, 1 unchanged, 0 failed"
is "... with the new values" "$(titles)" "1.txt	First title, edited	2014-06-03
2.txt	Second title	2014-07-01
3.txt	Third title	2015"
run trawl_index --db "$tmp/db" "$c"
like "... and then are unchanged" "$out" ": 0 added, 0 updated, 0 removed, 3 unchanged, 0 failed"
grep -v '^3.txt' "$c/manifest.tsv" > "$tmp/m" && cat "$tmp/m" > "$c/manifest.tsv"
run trawl_index --db "$tmp/db" "$c"
like "a removed row: its article is updated (its metadata gone)" "$out" \
    ": 0 added, 1 updated, 0 removed, 2 unchanged, 0 failed"
is "... back to what its text says" "$(titles | grep '^3.txt')" "3.txt	Story 3	"

# A "path" column names the files; "id" is then the article's id (as BBC
# News's manifest has it).
mkdir -p "$tmp/bbc/bbc/business"
printf 'Ad sales\n\nAd sales boost profits.\n' > "$tmp/bbc/bbc/business/001.txt"
printf 'id\tcategory\tpath\ttitle\nbusiness/001\tbusiness\tbbc/business/001.txt\tAd sales boost Time Warner profit\n' \
    > "$tmp/bbc/manifest.tsv"
trawl_index -q --db "$tmp/bbc.db" "$tmp/bbc"
run trawl_search --db "$tmp/bbc.db" --format json --fields id,path,title,meta profits
like "the id column is the id" "$out" '"id":"business/001","path":"bbc/business/001.txt"'
like "... the title and the category come with it" "$out" '"title":"Ad sales boost Time Warner profit","meta":{"category":"business"}'

done_testing
