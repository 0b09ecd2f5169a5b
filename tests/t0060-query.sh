#!/bin/sh
# t0060-query.sh: the query language end to end on the seed corpus.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

db="$tmp/db"
trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
titles() { printf '%s\n' "$out" | grep '^\[' | tr '\n' '|'; }

run trawl_search --db "$db" --count '"area teams"'
is "a phrase finds the articles with those words in a row" "$out" "3"
run trawl_search --db "$db" '"area teams"'
like "the phrase is marked as one span" "$out" "local **area teams**, but"
run trawl_search --db "$db" --count 'area NOT teams'
is "NOT leaves out the articles with the word" "$out" "1"
run trawl_search --db "$db" 'area NOT teams'
unlike "words under NOT are never marked" "$out" "**teams**"
run trawl_search --db "$db" --count '+area -teams'
is "+word -word work like AND and NOT" "$out" "1"
run trawl_search --db "$db" --count 'title:ccgs'
is "title: looks in the headline only" "$out" "1"
run trawl_search --db "$db" --format tsv --fields title title:ccg
is "title:ccg finds \"CCGs confident...\": an acronym's plural has its singular's stem too" \
    "$(printf '%s\n' "$out" | sed 1d | sort)" "CCG leaders: ‘Worryingly fast’ move to hand commissioning powers to ICSs
CCG leads demand control of primary care
CCGs confident but still deliver a kick to the regions"
run trawl_search --db "$db" --color never --limit 1 ccg
like "... and the snippet marks CCGs for ccg" "$out" "**CCGs**"
run trawl_search --db "$db" --count 'source:hsj'
is "source: filters by publication" "$out" "2"
run trawl_search --db "$db" --format json --no-snippets 'date:2014'
is "date:2014 finds article 003 only" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f2)" '"id":"003_991a6bc901fd0169.txt"'
run trawl_search --db "$db" --count 'date:2013..2014-06-30'
is "a date range includes its ends" "$out" "1"
run trawl_search --db "$db" --count 'date:..2013'
is "an open date range" "$out" "0"
run trawl_search --db "$db" 'date:2014-13'
expect_status "a bad date exits 2" 2
is "a bad date says what a date looks like" "$err" "trawl-search: error: date:2014-13: not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)"

run trawl_search --db "$db" --explain --limit 0 'commission*'
like "--explain lists what a wildcard expands to" "$out" "wildcard commission* expands to: commission, commissioned, commissioner, commissioners, commissioning (5 words)"
run trawl_search --db "$db" 'commission*'
like "wildcard matches are marked" "$out" "**commissioning**"
many_words_index
run trawl_search --db "$tmp/many.db" 'zzq*'
expect_status "a wildcard that expands too far exits 2" 2
is "... and says how to narrow it" "$err" "trawl-search: error: 'zzq*' matches more than 200 words: give more letters before the '*'"
run trawl_search --db "$tmp/many.db" --count 'zzq1*'
is "a longer prefix works" "$out" "1"

run trawl_search --db "$db" bulying
expect_status "a misspelt word finds nothing" 1
like "did you mean, in text" "$out" "Did you mean: bullying?"
run trawl_search --db "$db" --format json bulying
is "did you mean, in JSON" "$out" '{"trawl_query":{"query_id":"1","matches":0,"all_words":0,"words":1,"counts_exact":true,"sort":"relevance","collapsed":true,"stories":0,"did_you_mean":"bullying"}}'

run trawl_search --db "$db" --explain --no-feedback --limit 0 the bullied teams
is "--explain shows stems, stopwords and the Xapian query" "$(printf '%s\n' "$out" | sed -n 2,6p)" "  word: bullied (stem bulli)
  word: teams (stem team)
  stopwords left out: the
  ranking: articles with every word first, then those with some, each by BM25 score
  Xapian query (every word): Query(((Zbulli OR 0.5 * ZXCbulli) AND (Zteam OR 0.5 * ZXCteam)))"

run trawl_search --db "$db" --explain --feedback --limit 0 the bullied teams
is "--explain names the stems --feedback adds" "$(printf '%s\n' "$out" | sed -n 5p)" \
    "  feedback from the 4 best articles: respons more relationship primari ccg still ccgs organis nhs commiss"
run trawl_search --db "$db" --format tsv --fields id --limit 0 --feedback area teams bullying
with=$(printf '%s\n' "$out" | sort)
run trawl_search --db "$db" --format tsv --fields id --limit 0 --no-feedback area teams bullying
is "feedback re-ranks the matches, never adds or drops one" "$with" "$(printf '%s\n' "$out" | sort)"
run trawl_search --db "$db" --format tsv --fields id,score --limit 1 --feedback area teams bullying
first=$out
run trawl_search --db "$db" --format tsv --fields id,score --limit 1 area teams bullying
if [ "$first" != "$out" ]; then ok "... but changes the scores"; else not_ok "... but changes the scores" "$out"; fi

# By default, feedback only for queries of 4 plain words or more: keywords
# keep their speed, a question in a sentence gets its gain.
run trawl_search --db "$db" --explain --limit 0 area teams bullying ccgs
like "a 4-word query gets feedback by default" "$out" "feedback from the 5 best articles: "
run trawl_search --db "$db" --explain --limit 0 area teams bullying
unlike "a 3-word query does not" "$out" "feedback from"

# body: is the article, headline included (its stems are one term with the
# text's); title: the headline alone; comments: the readers'.  "kick" is
# only in the headline of 002.
run trawl_search --db "$db" --format tsv --fields id --limit 0 body:kick
is "body: finds a word of the headline" "$out" "id
002_7add833defd93f9a.txt"
run trawl_search --db "$db" --format tsv --fields id --limit 0 'body:"kick"'
is "... as an exact word too" "$out" "id
002_7add833defd93f9a.txt"
run trawl_search --db "$db" --format tsv --fields id --limit 0 comments:kick
is "comments: does not" "$out" "id"

run trawl_search --db "$db" --no-snippets --sort=-date area
is "--sort=-date: newest first" "$(titles | cut -d'|' -f1)" "[1] Feature: Grey Area"
run trawl_search --db "$db" --no-snippets --sort=date area
is "--sort=date: oldest first, the undated after it" "$(titles | cut -d'|' -f1)" "[1] Feature: Grey Area"
like "... and the count line says so" "$out" "5 matches in 5 stories; oldest first, 4 undated last"
run trawl_search --db "$db" --sort=size area
expect_status "a bad --sort exits 2" 2

run trawl_search --db "$db" --count --all area teams bullying
is "--all keeps articles with every word" "$out" "1"
run trawl_search --db "$db" --count --any area teams bullying
is "--any keeps articles with any word" "$out" "5"
run trawl_search --db "$db" --any area teams bullying
like "--any still counts articles with every word" "$out" "5 matches in 5 stories, 1 with all 3 words"

# Two runs, the same bytes (ties are broken by id).
run trawl_search --db "$db" --format json --no-snippets ccg
first=$out
run trawl_search --db "$db" --format json --no-snippets ccg
is "two runs give identical output" "$out" "$first"

# One matcher for every view: the snippets, --show and the article page
# (trawl.cgi ?doc=) mark the same words.  --show and the page used to
# compare stems only: a wildcard marked nothing there, and a phrase marked
# its words wherever they stood alone.
s000=000_2d5cabb33bf2183e.txt
s002=002_7add833defd93f9a.txt
page() { env -i REQUEST_METHOD=GET QUERY_STRING="$1" TRAWL_DB="$db" "$TRAWL_BUILDDIR/trawl.cgi"; }
run trawl_search --db "$db" --show "$s000" 'commissio*'
like "--show marks a wildcard's words" "$out" "Clinical **commissioning** groups"
like "... every one of them" "$out" "NHS Clinical **Commissioners**, said"
run page "doc=$s000&q=commissio%2A"
like "the article page marks a wildcard's words" "$out" "Clinical <mark>commissioning</mark> groups"
like "... every one of them" "$out" "NHS Clinical <mark>Commissioners</mark>, said"
run trawl_search --db "$db" --show "$s002" '"area teams"'
like "--show marks a phrase as one span" "$out" "the local **area teams**, but"
unlike "... and never its words alone" "$out" "**area**"
unlike "... neither of them" "$out" "**teams**"
run page "doc=$s002&q=%22area+teams%22"
like "the article page marks a phrase as one span" "$out" "the local <mark>area teams</mark>, but"
unlike "... and never its words alone" "$out" "<mark>area</mark>"
unlike "... neither of them" "$out" "<mark>teams</mark>"
run trawl_search --db "$db" --format json --show "$s002" '"area teams"'
is "--show JSON: the phrase is one highlight" \
    "$(printf '%s\n' "$out" | sed 's/.*"paragraph":3,[^]]*"highlights":\[\[\([0-9]*\),\([0-9]*\)\]\].*/\1 \2/' | awk '{ print $2 - $1 }')" 10
for view in snippet show page; do
    for case in 'stems|bullied|bullying' 'NEAR|regional NEAR/2 team|regional team'; do
        name=${case%%|*}; rest=${case#*|}; q=${rest%%|*}; marked=${rest#*|}
        case $view in
        snippet) run trawl_search --db "$db" "$q"; want="**$marked**" ;;
        show) run trawl_search --db "$db" --show "$s002" "$q"; want="**$marked**" ;;
        page) run page "doc=$s002&q=$(printf '%s' "$q" | sed 's/ /+/g; s,/,%2F,g')"
              want="<mark>$(printf '%s' "$marked" | sed 's, ,</mark> <mark>,')</mark>" ;;
        esac
        like "$view: $name are marked ($q)" "$out" "$want"
    done
    case $view in
    snippet) run trawl_search --db "$db" 'area NOT teams'; no='**teams**'; yes='**areas**' ;;
    show) run trawl_search --db "$db" --show "$s002" 'area NOT teams'; no='**teams**'; yes='**area** teams' ;;
    page) run page "doc=$s002&q=area+NOT+teams"; no='<mark>teams</mark>'; yes='<mark>area</mark> teams' ;;
    esac
    like "$view: the word before NOT is marked" "$out" "$yes"
    unlike "$view: the word under NOT is not" "$out" "$no"
done

# Pasted text never fails.
for q in 'ubuntu 20.04' '£350m' 'NHS England’s' "'Worryingly fast'" '"area teams' '(area teams' 'AND' 'title:' 'area )'; do
    run trawl_search --db "$db" --count "$q"
    if [ "$status" -le 1 ] && [ -z "$err" ]; then ok "pasted '$q' is searched"; else not_ok "pasted '$q' is searched" "status $status: $err"; fi
done
run trawl_search --db "$db" --explain --limit 0 '"area teams'
like "an unbalanced quote is explained" "$out" "query syntax not understood (a quote is not closed): searched as plain words"
run trawl_search --db "$db" the of and
expect_status "a query of only stopwords searches them" 0
run trawl_search --db "$db" ''
is "an empty query is explained" "$err" "trawl-search: error: the query has no words to search for"
deep=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "("; printf "bullying"; for (i = 0; i < 10000; i++) printf ")" }')
run trawl_search --db "$db" --count "$deep"
is "10,000 nested brackets: the word inside is searched" "$out" "1"
big=$(awk 'BEGIN { for (i = 0; i < 12000; i++) printf "area%d ", i }')
run trawl_search --db "$db" --count "$big"
expect_status "a 100 KB query gets an answer" 1

done_testing
