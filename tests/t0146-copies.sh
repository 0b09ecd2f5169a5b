#!/bin/sh
# t0146-copies.sh: near-duplicate groups in the front ends: each hit names
# its copies (text, JSON, TSV/CSV, the search page), and --groups exports
# every group of two or more.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/copies-corpus.sh"

c="$tmp/corpus"
mkdir "$c"
copies_corpus "$c"
run trawl_index --db "$tmp/db" "$c"
expect_status "the corpus indexes" 0

# Every article (--duplicates keep): each names the others.
run trawl_search --db "$tmp/db" --no-snippets --duplicates keep hospital contractor
like "text: a hit names its copies' sources and their number" "$out" "[1] Hospital delayed
    Wire | 10 March 2015 | wire.txt | score "
like "... on the line under its source" "$out" "wire.txt | score 0.566
    also in: Gazette, Herald (+2 copies)"
like "... each copy names the others" "$out" "gazette.txt | score 0.558
    also in: Herald, Wire (+2 copies)"
unlike "... a different story on the subject is no copy" "$(printf '%s\n' "$out" | sed -n '/award.txt/,$p')" "also in"
run trawl_search --db "$tmp/db" --format json --fields id,copies --duplicates keep hospital
is "JSON: copies as ids" "$(printf '%s\n' "$out" | sed 1d | sort)" '{"id":"award.txt","copies":[]}
{"id":"gazette.txt","copies":["herald.txt","wire.txt"]}
{"id":"herald.txt","copies":["gazette.txt","wire.txt"]}
{"id":"wire.txt","copies":["gazette.txt","herald.txt"]}'
run trawl_search --db "$tmp/db" --format tsv --fields id,copies id:wire.txt
is "TSV: the ids in one cell" "$out" "id	copies
wire.txt	gazette.txt; herald.txt"
run trawl_search --db "$tmp/db" --format trec hospital
unlike "TREC: a run as it was" "$out" "gazette.txt; "

run trawl_search --db "$tmp/db" --groups
is "--groups: one line an article, named by the earliest" "$out" "group	id
wire.txt	gazette.txt
wire.txt	herald.txt
wire.txt	wire.txt"
run trawl_search --db "$tmp/db" --groups --format json
is "--groups in JSON" "$out" '{"group":"wire.txt","id":"gazette.txt"}
{"group":"wire.txt","id":"herald.txt"}
{"group":"wire.txt","id":"wire.txt"}'
run trawl_search --db "$tmp/db" --groups hospital
expect_status "--groups takes no query" 2
rm "$c/gazette.txt" "$c/herald.txt"
trawl_index -q --db "$tmp/db" "$c"
run trawl_search --db "$tmp/db" --groups
expect_status "no group left: exit 1" 1
is "... and only the header" "$out" "group	id"

printf 'Date: 2015-03-11\nSource: Gazette\n\nNew hospital opening put back two years\n\n%s\n' "$story" > "$c/gazette.txt"
trawl_index -q --db "$tmp/db" "$c"
out=$(env -i REQUEST_METHOD=GET QUERY_STRING='q=contractor' TRAWL_DB="$tmp/db" "$TRAWL_BUILDDIR/trawl.cgi")
like "the search page names a hit's copies" "$out" '<p class="meta copies">also in: Gazette (+1 copy)</p>'
out=$(env -i REQUEST_METHOD=GET QUERY_STRING='q=contractor&format=json' TRAWL_DB="$tmp/db" "$TRAWL_BUILDDIR/trawl.cgi")
like "... and its JSON their ids" "$out" '"copies":["gazette.txt"]'

# Copies of a hard-wrapped article (a reposted FAQ, a page saved twice): its
# short lines recur in every copy, yet they are the article, not furniture.
# Each copy keeps its whole text; the banner of the other pages still goes.
# copies DIR NAME TEXT: DIR/{a,b,c}/NAME.txt hold TEXT, DIR/b/framed.txt
# holds it under a banner, and the banner heads four notes of DIR/a: so
# the banner is in more files (five) than the story (four).
copies() {
    mkdir "$1" "$1/a" "$1/b" "$1/c"
    for d in a b c; do printf '%s\n' "$3" > "$1/$d/$2.txt"; done
    for i in 1 2 3 4; do
        printf 'Intranet banner\n\nNote %s\n\nA note of its own, number %s.\n' $i $i > "$1/a/note$i.txt"
    done
    printf 'Intranet banner\n\n%s\n' "$3" > "$1/b/framed.txt"
}
# copies_found DB NAME WORD: WORD finds each copy of NAME and the framed
# one, and the banner is furniture in all.
copies_found() {
    run trawl_search --db "$1" --no-snippets --duplicates keep --format tsv --fields id "$3"
    is "... each copy found by '$3'" "$(printf '%s\n' "$out" | sort)" \
        "$(printf '%s\n' id a/$2.txt b/$2.txt c/$2.txt b/framed.txt | sort)"
    run trawl_search --db "$1" --count banner
    is "... and the banner, in more files than the story, is furniture still" "$out" "0"
}
w="$tmp/wrapped"
faq='Atheist Resources FAQ

Archive-name: atheism/resources
Version: 1.0

Darwin fish bumper stickers and assorted other
paraphernalia are available from the foundation.
Write to the address below.

Telephone: (608) 256-8900'
copies "$w" faq "$faq"
run trawl_index --db "$tmp/wdb" "$w"
is "three copies and a framed one: all added" "${out% (*}" "$tmp/wdb: 8 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
for id in a/faq.txt c/faq.txt b/framed.txt; do
    run trawl_search --db "$tmp/wdb" --show "$id"
    is "--show $id: the whole article" "$out" "Atheist Resources FAQ
date unknown | $id

¶1 Archive-name: atheism/resources Version: 1.0

¶2 Darwin fish bumper stickers and assorted other paraphernalia are available from the foundation.

¶3 Write to the address below.

¶4 Telephone: (608) 256-8900"
done
copies_found "$tmp/wdb" faq paraphernalia

# Copies of a news story whose paragraphs are long lines, one a line, with
# short ones among them (a reader's one-line comment, a subheading): the
# long lines recur in every copy too, so the page is a copy and its short
# lines stay.  Before, only short lines were counted: the page looked
# mostly its own, and its short paragraphs went from every copy.
n="$tmp/news"
long='Ex-BBC chat show host and East Midlands MEP Robert Kilroy-Silk said he wanted to "change the face of British politics" as he launched his new party.'
story="Kilroy launches 'Veritas' party

$long $long

Veritas? It's the BNP in an expensive suit!

$long Mr Kilroy-Silk quit UKIP last week after months of tension.

Brilliant, about time this country had a plausible party!"
copies "$n" story "$story"
run trawl_index --db "$tmp/ndb" "$n"
is "three copies of a story in long lines: all added" "${out% (*}" "$tmp/ndb: 8 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
run trawl_search --db "$tmp/ndb" --show c/story.txt
is "--show c/story.txt: the short paragraphs too" "$out" "Kilroy launches 'Veritas' party
date unknown | c/story.txt

¶1 $long $long

¶2 Veritas? It's the BNP in an expensive suit!

¶3 $long Mr Kilroy-Silk quit UKIP last week after months of tension.

¶4 Brilliant, about time this country had a plausible party!"
copies_found "$tmp/ndb" story plausible

done_testing
