#!/bin/sh
# t0149-collapse.sh: one hit per story (a near-duplicate group) by default,
# in every front end: the best-ranked article, counts of articles and of
# stories, pages over stories; --duplicates keep (dup=keep,
# TRAWL_KEEP_DUPLICATES) shows every article.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/copies-corpus.sh"

# Two stories with copies (the hospital, three articles; the budget, two),
# a different story on each subject, and a note too short to sign.
c="$tmp/corpus"
mkdir "$c"
copies_corpus "$c"
budget='The council agreed a budget on Monday that raises parking charges in the city centre by a fifth and closes two libraries, saying the hospital levy and the cost of care had left it no choice. Opposition members walked out of the meeting before the vote. The leader said the savings would protect schools and bin collections for another year.'
printf 'Date: 2015-02-02\nSource: Wire\n\nCouncil budget agreed\n\n%s\n' "$budget" > "$c/budget.txt"
printf 'Date: 2015-02-03\nSource: Herald\n\nParking charges up as libraries close\n\nFrom our reporter.\n\n%s\n' \
    "$budget" > "$c/budget-herald.txt"
printf 'Date: 2015-02-04\nSource: Gazette\n\nBudget row\n\nA row over the hospital budget broke out at the trust board, where members asked why the new building cost more than planned and who would pay for the delay.\n' \
    > "$c/row.txt"
run trawl_index --db "$tmp/db" "$c"
expect_status "the corpus indexes" 0
db="$tmp/db"
ids() { trawl_search --db "$db" --format tsv --fields rank,id --limit 0 "$@" | sed 1d | tr '\t\n' ': '; }

# ------------------------------------------------------------ the default
is "one hit a story, its best-ranked article" "$(ids hospital)" \
    "1:award.txt 2:wire.txt 3:row.txt 4:budget.txt "
is "--duplicates keep: every article" "$(ids --duplicates keep hospital)" \
    "1:award.txt 2:wire.txt 3:gazette.txt 4:herald.txt 5:row.txt 6:budget.txt 7:budget-herald.txt "
is "--duplicates collapse is the default" "$(ids --duplicates collapse hospital)" "$(ids hospital)"
run trawl_search --db "$db" --no-snippets hospital
like "text: the count says articles and stories" "$out" "7 matches in 4 stories
"
like "... and the hit names its copies" "$out" "[2] Hospital delayed
    Wire | 10 March 2015 | wire.txt | score "
like "... on the line under it" "$out" "also in: Gazette, Herald (+2 copies)"
run trawl_search --db "$db" --no-snippets --duplicates keep hospital
like "keep: the count of articles alone" "$out" "7 matches
"
unlike "... no stories" "$out" "stories"

# A copy without a word of the query (gazette.txt has no 'secretary')
# ranks among the articles with some words; its story, shown among those
# with every word, is not shown again.
is "a story is shown once, where its best article ranks" "$(ids hospital secretary)" \
    "1:wire.txt 2:award.txt 3:row.txt 4:budget.txt "
is "... keep: the copy lacking 'secretary' comes after" "$(ids --duplicates keep hospital secretary)" \
    "1:wire.txt 2:herald.txt 3:award.txt 4:gazette.txt 5:row.txt 6:budget.txt 7:budget-herald.txt "
run trawl_search --db "$db" --no-snippets --limit 1 hospital secretary
like "... counted once" "$out" "7 matches in 4 stories, 2 with all 2 words"
# By date: the story where its newest (oldest) article is.
is "newest first: the story's newest article" "$(ids --sort newest hospital)" \
    "1:herald.txt 2:award.txt 3:row.txt 4:budget-herald.txt "
is "oldest first: its oldest" "$(ids --sort oldest hospital)" \
    "1:budget.txt 2:row.txt 3:wire.txt 4:award.txt "

# ----------------------------------------------------------------- pages
# Every page size: the pages together are the stories, each once, in order.
all=$(ids hospital)
for size in 1 2 3; do
    pages=
    for offset in 0 1 2 3 4 5; do
        [ $((offset % size)) -eq 0 ] || continue
        pages="$pages$(trawl_search --db "$db" --format tsv --fields rank,id --limit $size \
            --offset $offset hospital | sed 1d | tr '\t\n' ': ')"
    done
    is "pages of $size cover every story once" "$pages" "$all"
done
for size in 1 2; do
    pages=
    for offset in 0 1 2 3 4; do
        [ $((offset % size)) -eq 0 ] || continue
        pages="$pages$(trawl_search --db "$db" --format tsv --fields rank,id --limit $size \
            --offset $offset hospital secretary | sed 1d | tr '\t\n' ': ')"
    done
    is "... across the passes too (every word, then some; pages of $size)" "$pages" \
        "$(ids hospital secretary)"
done
run trawl_search --db "$db" --format tsv --fields id --offset 4 hospital
is "past the last story: nothing" "$out" "id"

# ------------------------------------------------------------------ JSON
run trawl_search --db "$db" --format json --fields id,copies --no-snippets hospital
is "JSON: matches are articles, stories beside them; copies kept" "$out" \
'{"trawl_query":{"query_id":"1","matches":7,"all_words":7,"words":1,"counts_exact":true,"sort":"relevance","collapsed":true,"stories":4,"did_you_mean":null}}
{"id":"award.txt","copies":[]}
{"id":"wire.txt","copies":["gazette.txt","herald.txt"]}
{"id":"row.txt","copies":[]}
{"id":"budget.txt","copies":["budget-herald.txt"]}'
run trawl_search --db "$db" --format json --fields id --duplicates keep --limit 1 hospital
is "JSON, keep: collapsed false, no stories" "$(printf '%s\n' "$out" | head -n 1)" \
    '{"trawl_query":{"query_id":"1","matches":7,"all_words":7,"words":1,"counts_exact":true,"sort":"relevance","collapsed":false,"did_you_mean":null}}'
run trawl_search --db "$db" --format json --fields id --limit 1 --offset 2 hospital
is "... a later page counts the same" "$(printf '%s\n' "$out" | head -n 1)" \
    '{"trawl_query":{"query_id":"1","matches":7,"all_words":7,"words":1,"counts_exact":true,"sort":"relevance","collapsed":true,"stories":4,"did_you_mean":null}}'

# --------------------------------------------------- options and settings
run trawl_search --db "$db" --duplicates drop hospital
expect_status "a bad --duplicates exits 2" 2
like "... naming the choices" "$err" "--duplicates: 'drop' is not one of collapse, keep"
XDG_CONFIG_HOME=$tmp/xdg
export XDG_CONFIG_HOME
mkdir -p "$XDG_CONFIG_HOME/trawl"
printf 'db = %s\nduplicates = keep\n' "$db" > "$XDG_CONFIG_HOME/trawl/config"
is "duplicates = keep in the config file" "$(ids hospital)" "$(ids --duplicates keep hospital)"
is "... and the command line wins" "$(ids --duplicates collapse hospital)" \
    "1:award.txt 2:wire.txt 3:row.txt 4:budget.txt "
run trawl_search --print-config
like "--print-config names it and where it came from" "$out" \
    "duplicates = keep  ($XDG_CONFIG_HOME/trawl/config:2)"
rm "$XDG_CONFIG_HOME/trawl/config"
run trawl_search --db "$db" --print-config
like "... and its default" "$out" "duplicates = collapse; keep with --format trec  (default)"

# ---------------------------------------------------------------- counts
run trawl_search --db "$db" --count-by source hospital
is "--count-by: stories beside matches" "$out" "$(printf 'source,matches,stories,articles,share\r\nGazette,2,2,2,1.000000\r\nHerald,2,2,2,1.000000\r\nWire,3,3,3,1.000000\r\nunknown,0,0,1,0.000000\r')"
run trawl_search --db "$db" --count-by year --format json hospital
is "... a story of copies once in its year" "$out" \
    '{"year":"2015","matches":7,"stories":4,"articles":8,"share":0.875000,"gap":false}'
run trawl_search --db "$db" --count-by month --duplicates keep hospital
is "... with --duplicates keep too" "$out" "$(printf 'month,matches,stories,articles,share\r\n2015-02,3,2,3,1.000000\r\n2015-03,4,2,5,0.800000\r')"
run trawl_search --db "$db" --count hospital
is "--count counts articles" "$out" "7"

# ------------------------------------------------------------------- TREC
# A run is judged article by article: every article unless asked.
trec_ids() { trawl_search --db "$db" --format trec "$@" | awk '{ print $3 }' | tr '\n' ' '; }
is "TREC: every article by default" "$(trec_ids hospital)" \
    "award wire gazette herald row budget budget-herald "
is "... --duplicates collapse: one a story" "$(trec_ids --duplicates collapse hospital)" \
    "award wire row budget "
printf 'q1\thospital\n' > "$tmp/q.tsv"
is "... --batch as well" "$(trec_ids --batch "$tmp/q.tsv")" "$(trec_ids hospital)"
run trawl_search --db "$db" --format tsv --fields id --batch "$tmp/q.tsv"
is "--batch in another format collapses" "$(printf '%s\n' "$out" | sed 1d | tr '\n' ' ')" \
    "award.txt wire.txt row.txt budget.txt "

# -------------------------------------------------------------- the page
page() { env -i REQUEST_METHOD=GET QUERY_STRING="$1" TRAWL_DB="$db" "$TRAWL_BUILDDIR/trawl.cgi"; }
out=$(page 'q=hospital')
like "CGI: the count says the stories" "$out" '<p class="summary" role="status">7 matches in 4 stories ('
is "... one hit a story" "$(printf '%s\n' "$out" | grep -c '^<li value=')" 4
like "... a box to see every copy, unticked" "$out" \
    '<input type="checkbox" name="dup" value="keep"> Every copy</label>'
out=$(page 'q=hospital&dup=keep&hits=2')
is "dup=keep: every article" "$(printf '%s\n' "$out" | grep -c '^<li value=')" 2
like "... the box ticked" "$out" '<input type="checkbox" name="dup" value="keep" checked>'
like "... and the next page keeps it" "$out" 'rel="next" href="?q=hospital&amp;hits=2&amp;dup=keep&amp;page=2"'
like "... four pages of articles" "$out" 'aria-label="Page 4">4</a>'
out=$(page 'q=hospital&hits=3&page=2')
like "collapsed pages are of stories: page 2 of 3 a page is the fourth story" "$out" \
    '<li value="4"><article>
<h3><a href="?doc=budget.txt&amp;q=hospital">Council budget agreed</a></h3>'
unlike "... and there is no page 3" "$out" 'aria-label="Page 3"'
like "... the result line counts stories" "$out" '<p class="range">Results 4–4 of 4</p>'
csv_ids() { page "$1" | sed '1,/^\r*$/d' | sed 1d | cut -d, -f4 | tr '\n' ' '; }
is "the CSV download: a story a row" "$(csv_ids 'q=hospital&format=csv')" \
    "award.txt wire.txt row.txt budget.txt "
is "... every article with dup=keep" "$(csv_ids 'q=hospital&format=csv&dup=keep')" \
    "award.txt wire.txt gazette.txt herald.txt row.txt budget.txt budget-herald.txt "
like "... whose link the page keeps" "$(page 'q=hospital&dup=keep')" 'href="?q=hospital&amp;dup=keep&amp;format=csv"'
out=$(page 'q=hospital&format=json&hits=1')
like "CGI JSON: collapsed and stories" "$out" '"collapsed":true,"stories":4,'
like "... last_page counts stories" "$out" '"last_page":4,'
out=$(page 'q=hospital&format=json&dup=keep')
like "... keep: collapsed false" "$out" '"collapsed":false,'
out=$(page 'q=hospital&dup=all')
like "a bad dup: 400 naming it" "$out" "The parameter &#39;dup&#39; must be keep or collapse."

# -------------------------------------------------------------- libtrawl
run "$TRAWL_BUILDDIR/tests/unit/libtrawl" "$db" hospital
is "libtrawl: one hit a story unless TRAWL_KEEP_DUPLICATES" "$out" \
"collapsed: 7 matches, 4 stories, exact 1: 1 award.txt 2 wire.txt 3 row.txt 4 budget.txt
kept: 7 matches, 0 stories, exact 1: 1 award.txt 2 wire.txt 3 gazette.txt 4 herald.txt 5 row.txt 6 budget.txt 7 budget-herald.txt"

# ---------------------------------------- ids longer than a Xapian term
# An id over MAX_TERM_BYTES is hashed in its terms (docdata.h): the copies
# are found by the group's term as the indexer writes it.
long="$tmp/long/$(printf 'd%.0s' $(seq 1 120))/$(printf 'e%.0s' $(seq 1 120))"
mkdir -p "$long"
printf 'Date: 2015-03-10\nSource: Wire\n\nHospital delayed\n\n%s\n' "$story" > "$long/wire.txt"
printf 'Date: 2015-03-11\nSource: Gazette\n\nNew hospital\n\n%s\n' "$story" > "$long/gazette.txt"
trawl_index -q --db "$tmp/long.db" "$tmp/long"
run trawl_search --db "$tmp/long.db" --no-snippets hospital
like "long ids: one story" "$out" "2 matches in 1 story"
like "... whose hit names its copy" "$out" "also in: Gazette (+1 copy)"

# ------------------------------------------------------------- BBC News
# "gordon brown budget" showed the same article at 1/2, 4/5 and 15/16.
bbc="$TRAWL_SRCDIR/../shared/corpora/bbc-news/bbc/politics"
if [ -d "$bbc" ]; then
    trawl_index -q --db "$tmp/bbc" "$bbc"
    top=$(trawl_search --db "$tmp/bbc" --format tsv --fields id,copies --limit 20 gordon brown budget | sed 1d)
    # Each hit's id and its copies' ids: no article twice among them.
    twice=$(printf '%s\n' "$top" | tr '\t' '\n' | sed 's/; /\n/g' | grep . | sort | uniq -d)
    is "BBC News: no article twice in the top 20, as hit or copy" "$twice" ""
    is "... 20 hits" "$(printf '%s\n' "$top" | wc -l | tr -d ' ')" 20
    kept=$(trawl_search --db "$tmp/bbc" --format tsv --fields id,copies --duplicates keep --limit 20 gordon brown budget | sed 1d)
    twice=$(printf '%s\n' "$kept" | tr '\t' '\n' | sed 's/; /\n/g' | grep . | sort | uniq -d | grep -c .)
    if [ "$twice" -gt 0 ]; then
        ok "... where every article (--duplicates keep) shows copies among them"
    else
        not_ok "... where every article (--duplicates keep) shows copies among them" "none twice"
    fi
    run trawl_search --db "$tmp/bbc" --no-snippets --limit 1 gordon brown budget
    like "... 101 matches in 95 stories" "$out" "101 matches in 95 stories, 33 with all 3 words"
    # Pages of 7 together are the whole collapsed list.
    pages=$(for o in 0 7 14 21 28 35 42 49 56 63 70 77 84 91; do
        trawl_search --db "$tmp/bbc" --format tsv --fields id --limit 7 --offset $o gordon brown budget | sed 1d
    done)
    is "... pages of 7 cover the 95 stories once each" "$pages" \
        "$(trawl_search --db "$tmp/bbc" --format tsv --fields id --limit 0 gordon brown budget | sed 1d)"
    is "... 95 of them" "$(printf '%s\n' "$pages" | sort -u | wc -l | tr -d ' ')" 95
else
    for i in 1 2 3 4 5 6; do ok "# SKIP $bbc not found"; done
fi

done_testing
