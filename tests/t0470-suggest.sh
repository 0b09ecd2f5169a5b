#!/bin/sh
# t0470-suggest.sh: "did you mean" whenever the corrected query finds markedly
# more (not only when nothing is found), in the terminal, JSON and the CGI
# page; operators are never "corrected".
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

# Twelve articles on the government that people hear of, one that misspells
# it and two that are near: the counts of a real archive, in small.
mkdir -p "$tmp/c"
i=1
while [ $i -le 12 ]; do
    printf 'Budget %s\n\nThe government said the council will hear and add the title of budget %s.\n' \
        $i $i > "$tmp/c/a$i.txt"
    i=$((i + 1))
done
printf 'Typo\n\nThe goverment budget was late.\n' > "$tmp/c/typo.txt"
printf 'Near\n\nThe station is near the river, and the budget too.\n' > "$tmp/c/near.txt"
printf 'Nearer\n\nThe budget is near.\n' > "$tmp/c/near2.txt"
db=$tmp/db
trawl_index -q --db "$db" "$tmp/c"

run trawl_search --db "$db" goverment
like "a word that finds 1 article where its correction finds 12: a suggestion" "$out" \
    "Did you mean: government?"
expect_status "... and the one article is shown" 0
like "... it is the typo" "$out" "typo.txt"
run trawl_search --db "$db" --format json --limit 1 goverment
like "JSON: did_you_mean" "$out" '"did_you_mean":"government"'
run trawl_search --db "$db" --format json --limit 1 goverment budget
like "in a longer query, the word corrected in place" "$out" \
    '"did_you_mean":"government budget"'
run trawl_search --db "$db" --format json --limit 1 government
like "a word well found: no suggestion" "$out" '"did_you_mean":null'
run trawl_search --db "$db" --format json --limit 1 near
like "near (2) is not hear (12): a word of its own is only bettered tenfold" "$out" \
    '"did_you_mean":null'
run trawl_search --db "$db" --format json --limit 1 'NEAR/8'
like "NEAR/8 alone is not corrected to hear/8" "$out" '"did_you_mean":null'
run trawl_search --db "$db" --format json --limit 1 'ADJ/3'
like "ADJ/3 alone is not corrected to add/3" "$out" '"did_you_mean":null'
run trawl_search --db "$db" --format json --limit 1 'budget NEAR/8 river'
like "nor inside a query" "$out" '"did_you_mean":null'
run trawl_search --db "$db" --format json --limit 1 'title:goverment'
like "title:goverment is left as typed: a field and its word are not plain words" "$out" '"did_you_mean":null'
run trawl_search --db "$db" --format json --limit 1 'governmnt'
like "a word the index lacks: the nearest it has" "$out" '"did_you_mean":"government"'

QUERY_STRING='q=goverment' REQUEST_METHOD=GET TRAWL_DB=$db \
    "$TRAWL_BUILDDIR/trawl.cgi" > "$tmp/page" 2> "$tmp/page.err" || true
like "the CGI page suggests it too" "$(cat "$tmp/page")" \
    'Did you mean <a href="?q=government">government</a>?'
QUERY_STRING='q=goverment&format=json' REQUEST_METHOD=GET TRAWL_DB=$db \
    "$TRAWL_BUILDDIR/trawl.cgi" > "$tmp/page" 2> "$tmp/page.err" || true
like "... and its JSON" "$(cat "$tmp/page")" '"government"'

# Spelling data of a batch of many documents leaves out the words seen
# once (as often typos as words; indexer/spelling.h), keeps those seen
# twice; a handful of documents keeps every word.
mkdir "$tmp/many-docs" "$tmp/few-docs"
i=0
while [ $i -lt 250 ]; do
    printf 'Note %d\n\nA plain note about the harbour.\n' $i > "$tmp/many-docs/$i.txt"
    i=$((i + 1))
done
printf 'Once\n\nThe zorbliest day.\n' > "$tmp/many-docs/once.txt"
printf 'Twice\n\nThe quindlewort grows.\n' > "$tmp/many-docs/twice-1.txt"
printf 'Twice again\n\nMore quindlewort.\n' > "$tmp/many-docs/twice-2.txt"
cp "$tmp/many-docs/once.txt" "$tmp/few-docs/"
trawl_index -q --db "$tmp/many.db" "$tmp/many-docs"
trawl_index -q --db "$tmp/few.db" "$tmp/few-docs"
run trawl_search --db "$tmp/many.db" --format json --limit 1 quindlewart
like "252 documents: a word seen twice is spelling data" "$out" '"did_you_mean":"quindlewort"'
run trawl_search --db "$tmp/many.db" --format json --limit 1 zorbliast
like "... a word seen once is not" "$out" '"did_you_mean":null'
run trawl_search --db "$tmp/many.db" --count zorbliest
is "... though it is indexed" "$out" 1
run trawl_search --db "$tmp/few.db" --format json --limit 1 zorbliast
like "one document: every word is spelling data" "$out" '"did_you_mean":"zorbliest"'

done_testing
