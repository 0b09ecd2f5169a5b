#!/bin/sh
# t0430-example.sh: doc/examples/search.c, libtrawl's example, on the seed corpus.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

# The programs link the uninstalled shared library through libtool's
# wrapper scripts: valgrind must see the program, not the wrapper.
lt_run() {
    if [ -n "$VALGRIND" ]; then
        "$TRAWL_BUILDDIR/libtool" --mode=execute $VALGRIND "$@"
    else
        "$@"
    fi
}
example() { lt_run "$TRAWL_BUILDDIR/doc/examples/search" "$@"; }
db="$tmp/db"
trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"

run example "$db" area teams bullying
expect_status "the example exits 0" 0
is "the example prints hits, marked snippets and citations" "$out" \
"5 matches, 1 with every word
[1] CCGs confident but still deliver a kick to the regions
    HSJ | date unknown
    ¶3: ...The problem appears to lie mainly not with the board’s HQ or the local **area** **teams**, but with its regional arms.
    ¶5: One in five CCG leads said the relationship with their regional **team** was “unhelpful, very unhelpful or **bullying**”....
    Cite: “CCGs confident but still deliver a kick to the regions.” HSJ, n.d. 002_7add833defd93f9a.txt, ¶3, ¶5.
[2] Feature: Grey Area
    source unknown | 2014-06-03
    ¶11: “There does seem to be a situation where **area** **teams** are trying to performance manage CCGs and they have no role in that… it seems to be that CCGs are having to face **area** **teams** like primary care trusts (PCTs) faced strategic health authorities (SHAs),” he admits.
    Cite: “Feature: Grey Area.” 3 June 2014. 003_991a6bc901fd0169.txt, ¶11.
[3] CCG leads demand control of primary care
    source unknown | date unknown
    ¶5: “In the relationships CCG leads are developing with their **Area** **Teams** and the positive intent with which **Area** **Teams** are approaching their support and development role we see encouraging indications....
    Cite: “CCG leads demand control of primary care.” n.d. 004_92105e6a592168eb.txt, ¶5.
[4] CCG leaders: ‘Worryingly fast’ move to hand commissioning powers to ICSs
    Pulse | date unknown
    ¶10: ...agreed) offers the least disruption possible to CCG staff and their senior **teams** and offers integrated care systems the best start as statutory organisations.’
    ¶15: It said expertise in **areas** such commissioning leadership and the model for population health, public accountability and scrutiny, and independent quality...
    Cite: “CCG leaders: ‘Worryingly fast’ move to hand commissioning powers to ICSs.” Pulse, n.d. 001_385728fb073913cc.txt, ¶10, ¶15.
[5] Clinical commissioning groups have become concerned about the burden of being…
    HSJ | date unknown
    ¶13: Sarah Pinto-Duschinsky, director of NHS operations and delivery, said: “It’s good news the local NHS in many **areas** is working with hospitals, the ambulance service and local government to provide seamless and effective care for patients. However, we know this isn’t the case in every part of the country.
    Cite: “Clinical commissioning groups have become concerned about the burden of being…” HSJ, n.d. 000_2d5cabb33bf2183e.txt, ¶13."
[ -z "$err" ] && ok "nothing on stderr" || not_ok "nothing on stderr" "$err"

# The library cites as trawl-search does.
run trawl_search --db "$db" --format tsv --fields citation area teams bullying
is "the citations are trawl-search's" "$(printf '%s\n' "$out" | sed 1d)" \
"$(example "$db" area teams bullying | sed -n 's/^    Cite: //p')"

run example "$db" brambles nettles
like "a reader comment's fragment is flagged" "$out" "    comment, ¶"

run example "$db" bulying
expect_status "no match is no error" 0
is "no match: a suggestion" "$out" "0 matches, 0 with every word
Did you mean: bullying"

run example "$db" "date:2014-13"
expect_status "a bad query exits 2" 2
is "a bad query: trawl_last_error() and TRAWL_BAD_QUERY" "$err" \
"search: date:2014-13: not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO) (the query cannot be searched)"

run example "$tmp/none" x
expect_status "no index exits 2" 2
is "no index: the message and TRAWL_NO_INDEX" "$err" \
"search: no index at '$tmp/none': run trawl-index first (no index at the path)"

mkdir "$tmp/notdb"
echo "not an index" > "$tmp/notdb/iamchert"
run example "$tmp/notdb" x
expect_status "a damaged index exits 2" 2
like "a damaged index: TRAWL_BAD_INDEX" "$err" "(not a trawl index, or damaged)"

# The API called right and wrong: statuses, messages, flags, paging, and
# what accessors give out of range (tests/unit/libtrawl.c).
run lt_run "$TRAWL_BUILDDIR/tests/unit/libtrawl" "$db"
expect_status "the API program exits 0" 0
is "statuses, messages and results of the API" "$out" "$(cat <<'END'
version: as built
status 0: success
status 1: out of memory
status 2: a required argument is NULL
status 3: an argument is out of range
status 4: no index at the path
status 5: not a trawl index, or damaged
status 6: the query cannot be searched
status 7: the search failed
status 8: unknown status
status -1: unknown status
open(NULL): TRAWL_NULL_ARGUMENT, index NULL, errmsg NULL
open(no out): TRAWL_NULL_ARGUMENT
open(no errmsg, no index): TRAWL_NO_INDEX
last_error(NULL): ''
search(NULL index): TRAWL_NULL_ARGUMENT
open: errmsg NULL, last_error ''
NULL query: TRAWL_NULL_ARGUMENT: the query or the results are NULL
  results NULL
unknown flag: TRAWL_INVALID_ARGUMENT: unknown or contradicting flags of trawl_search()
  results NULL
all and any: TRAWL_INVALID_ARGUMENT: unknown or contradicting flags of trawl_search()
  results NULL
oldest and newest: TRAWL_INVALID_ARGUMENT: unknown or contradicting flags of trawl_search()
  results NULL
limit too high: TRAWL_INVALID_ARGUMENT: more hits asked for than TRAWL_MAX_LIMIT: page with the offset
  results NULL
invalid UTF-8: TRAWL_BAD_QUERY: the query is not valid UTF-8
  results NULL
no words: TRAWL_BAD_QUERY: the query has no words to search for
  results NULL
a success clears the last error: TRAWL_OK
  2 hits of 5, 1 with every word
  1 002_7add833defd93f9a.txt - 2 | “CCGs confident but still deliver a kick to the regions.” HSJ, n.d. 002_7add833defd93f9a.txt, ¶3, ¶5.
  2 003_991a6bc901fd0169.txt 2014-06-03 1 | “Feature: Grey Area.” 3 June 2014. 003_991a6bc901fd0169.txt, ¶11.
offset: TRAWL_OK
  2 hits of 5, 1 with every word
  4 001_385728fb073913cc.txt - 2 | “CCG leaders: ‘Worryingly fast’ move to hand commissioning powers to ICSs.” Pulse, n.d. 001_385728fb073913cc.txt, ¶10, ¶15.
  5 000_2d5cabb33bf2183e.txt - 1 | “Clinical commissioning groups have become concerned about the burden of being…” HSJ, n.d. 000_2d5cabb33bf2183e.txt, ¶13.
count only: TRAWL_OK
  0 hits of 5, 1 with every word
every word: TRAWL_OK
  1 hits of 1, 1 with every word
  1 002_7add833defd93f9a.txt - 2 | “CCGs confident but still deliver a kick to the regions.” HSJ, n.d. 002_7add833defd93f9a.txt, ¶3, ¶5.
newest first: TRAWL_OK
  2 hits of 5, 5 with every word
  1 003_991a6bc901fd0169.txt 2014-06-03 1 | “Feature: Grey Area.” 3 June 2014. 003_991a6bc901fd0169.txt, ¶11.
  2 002_7add833defd93f9a.txt - 1 | “CCGs confident but still deliver a kick to the regions.” HSJ, n.d. 002_7add833defd93f9a.txt, ¶3.
no snippets: TRAWL_OK
  1 hits of 1, 1 with every word
  1 002_7add833defd93f9a.txt - 0 | “CCGs confident but still deliver a kick to the regions.” HSJ, n.d. 002_7add833defd93f9a.txt.
a phrase in a comment: TRAWL_OK
  1 hits of 1, 1 with every word
  1 002_7add833defd93f9a.txt - 1 | “CCGs confident but still deliver a kick to the regions.” HSJ, n.d. 002_7add833defd93f9a.txt, ¶13 (reader comment).
comment fragment flags: 4
fragment: 87 bytes, strlen 87, paragraph 13, 1 mark(s)
mark 0: TRAWL_OK 'brambles'
mark 1: TRAWL_INVALID_ARGUMENT, offsets kept: yes
mark(NULL out): TRAWL_NULL_ARGUMENT
hit 1 out of range: id NULL, title NULL, citation NULL, rank 0, score 0, snippets 0
fragment 9 out of range: text NULL, len 0, paragraph 0, flags 0, marks 0
hit 0: title 'CCGs confident but still deliver a kick to the regions', source HSJ, byline NULL, url NULL, suggestion NULL
END
)"

done_testing
