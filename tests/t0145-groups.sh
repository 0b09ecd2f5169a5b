#!/bin/sh
# t0145-groups.sh: near-duplicate groups in the index: syndicated copies
# grouped with their original, kept right as articles come and go, the
# same however the index was built.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/copies-corpus.sh"

# Debian's python3, where python3-xapian is, reads the groups (value slot 9).
py=/usr/bin/python3
if ! "$py" -c 'import xapian' 2> /dev/null; then
    echo "1..0 # SKIP python3-xapian is not installed (setup.sh installs it)"
    exit 0
fi
groups() {  # groups DB: "id group" for every article, sorted
    "$py" -c 'import sys, xapian
db = xapian.Database(sys.argv[1])
for it in db.postlist(""):
    d = db.get_document(it.docid)
    print(d.get_value(4).decode(), d.get_value(9).decode())' "$1" | sort
}

c="$tmp/corpus"
mkdir "$c"
copies_corpus "$c"

run trawl_index --db "$tmp/db" "$c"
expect_status "the corpus indexes" 0
is "copies follow the earliest article; a different story and a short one lead their own" \
    "$(groups "$tmp/db")" "award.txt award.txt
gazette.txt wire.txt
herald.txt wire.txt
short.txt short.txt
wire.txt wire.txt"
run trawl_index --check --db "$tmp/db"
is "--check: the groups are right" "$out" "$tmp/db: ok (5 documents, revision 1)"

# An earlier copy arrives: it leads, and the others are retagged to it.
printf 'Date: 2015-03-09\nSource: Agency\n\nHospital opening delayed\n\n%s\n' "$story" > "$c/agency.txt"
run trawl_index --db "$tmp/db" "$c"
is "an earlier copy becomes the leader of all" "$(groups "$tmp/db" | grep -v 'award\|short')" "agency.txt agency.txt
gazette.txt agency.txt
herald.txt agency.txt
wire.txt agency.txt"
# The leader goes: the next earliest leads the rest.
rm "$c/agency.txt"
run trawl_index --db "$tmp/db" "$c"
is "when the leader goes, the next earliest leads" "$(groups "$tmp/db" | grep -v 'award\|short')" "gazette.txt wire.txt
herald.txt wire.txt
wire.txt wire.txt"
# A copy edited into another story leaves the group.
printf 'Date: 2015-03-11\nSource: Gazette\n\nBudget\n\nThe council set its budget for the coming year on Monday, raising the tax on homes by two per cent and cutting the grants paid to arts groups across the city by a third.\n' \
    > "$c/gazette.txt"
run trawl_index --db "$tmp/db" "$c"
is "an article rewritten into another story leaves its group" "$(groups "$tmp/db" | grep gazette)" "gazette.txt gazette.txt"
incremental=$(groups "$tmp/db")
run trawl_index --check --db "$tmp/db"
expect_status "--check after the incremental runs: right" 0

# The same groups from a fresh index, one process or two.
run trawl_index --db "$tmp/fresh" "$c"
is "a fresh index gives the incremental runs' groups" "$(groups "$tmp/fresh")" "$incremental"
run trawl_index --db "$tmp/jobs" --jobs 2 "$c"
is "--jobs 2 gives them too (grouped after the merge)" "$(groups "$tmp/jobs")" "$incremental"
run trawl_index --check --db "$tmp/jobs"
expect_status "... and --check agrees" 0
# The parts are regrouped before the merge packs them: retagged after it,
# documents were rewritten into half-full blocks (the index was 26%
# larger, or compacted a second time).  So Xapian's own compactor finds
# nothing to gain, with --no-compact too: the merge is a compaction.  (Not
# against one process's index: a merge keeps a term's postings from each
# part as a chunk of its own, which at this size is two more blocks.)
run trawl_index --db "$tmp/jobs-nc" --jobs 2 --no-compact "$c"
is "--jobs 2 --no-compact gives the same groups" "$(groups "$tmp/jobs-nc")" "$incremental"
for db in jobs jobs-nc; do
    xapian-compact "$tmp/$db" "$tmp/$db-again" > /dev/null
    jobs_kb=$(du -sk "$tmp/$db" | cut -f1)
    again_kb=$(du -sk "$tmp/$db-again" | cut -f1)
    [ "$jobs_kb" -le "$again_kb" ] && ok "... $db: regrouped before the merge packed it" ||
        not_ok "... $db: regrouped before the merge packed it" "$jobs_kb KiB, compacted again $again_kb KiB"
done

# A chain: B is a copy of A, C of B but not of A, so B follows A and C
# leads its own group.  Built in two parts (wire.txt in one, gazette.txt
# and herald.txt in the other), the part of B and C made C follow B; the
# regrouping after the merge must not take that stale group for B's: it
# once put herald.txt in a "group" of gazette.txt, which leads none.
ch="$tmp/chain"
mkdir "$ch"
"$py" - "$ch" <<'PY'
import itertools, sys
syllables = ["ka", "lo", "mi", "ne", "po", "ru", "sa", "ti", "vu", "ze", "bo", "da"]
words = ["".join(p) for p in itertools.product(syllables, repeat=3)]
s = [" ".join(words[k * 20:(k + 1) * 20]) for k in range(7)]   # 7 runs of 20 words
bodies = {"wire.txt": s[0:5], "gazette.txt": s[0:4] + [s[6]], "herald.txt": [s[5]] + s[1:4] + [s[6]]}
for day, name in enumerate(["wire.txt", "gazette.txt", "herald.txt"], 1):
    with open(sys.argv[1] + "/" + name, "w") as f:
        f.write("Date: 2015-01-0%d\nSource: Wire\n\nVersion %d\n\n%s.\n" % (day, day, " ".join(bodies[name])))
PY
run trawl_index --db "$tmp/chain-one" "$ch"
is "a chain: the copy follows, the copy of the copy leads" "$(groups "$tmp/chain-one")" \
    "gazette.txt wire.txt
herald.txt herald.txt
wire.txt wire.txt"
run trawl_index --db "$tmp/chain-jobs" --jobs 2 "$ch"
is "... the same in two parts" "$(groups "$tmp/chain-jobs")" "$(groups "$tmp/chain-one")"
run trawl_index --check --db "$tmp/chain-jobs"
expect_status "... and --check agrees" 0

# A wrong group is caught by --check.
"$py" -c 'import sys, xapian
db = xapian.WritableDatabase(sys.argv[1])
for it in db.postlist("Qherald.txt"):
    d = db.get_document(it.docid); d.add_value(9, "herald.txt"); db.replace_document(it.docid, d)
db.commit()' "$tmp/fresh"
run trawl_index --check --db "$tmp/fresh"
expect_status "--check of a wrong group exits 2" 2
like "... naming it" "$err" "the index '$tmp/fresh' holds 1 article in the wrong near-duplicate group (the first: 'herald.txt')"

# A reply that quotes the post it answers is marked quoting in the stored
# signature (one flag byte after the 256 bytes of rows), so that replies to
# one post need closer agreement to be grouped (indexer/dupgroup.h); a
# story is not.  An index written before the flag byte (rows alone) is
# still read: it passes --check, and a new copy joins its groups.
q="$tmp/quoting"
mkdir "$q"
copies_corpus "$q"
printf 'Date: 2015-03-14
Source: Usenet

Re: Hospital delayed

In article <1@wire>, someone writes:
> Ministers announced on Tuesday that the new hospital
> in the north of the city will open next spring.

Two years late, and nobody is surprised. The old building leaks.
' \
    > "$q/reply.txt"
run trawl_index --db "$tmp/qdb" "$q"
expect_status "a corpus with a reply indexes" 0
flags() {  # flags DB: "id length flag" of every signature (value slot 8)
    "$py" -c 'import sys, xapian
db = xapian.Database(sys.argv[1])
for it in db.postlist(""):
    d = db.get_document(it.docid); v = d.get_value(8)
    if v: print(d.get_value(4).decode(), len(v), v[-1] if len(v) == 257 else "-")' "$1" | sort
}
is "the reply is quoting, the stories are not" "$(flags "$tmp/qdb")" "award.txt 257 0
gazette.txt 257 0
herald.txt 257 0
reply.txt 257 1
wire.txt 257 0"
"$py" -c 'import sys, xapian
db = xapian.WritableDatabase(sys.argv[1])
for it in db.postlist(""):
    d = db.get_document(it.docid); v = d.get_value(8)
    if v: d.add_value(8, v[:256]); db.replace_document(it.docid, d)
db.commit()' "$tmp/qdb"
is "... signatures cut to the rows alone, as an older trawl wrote them" \
    "$(flags "$tmp/qdb" | cut -d' ' -f2 | sort -u)" "256"
run trawl_index --check --db "$tmp/qdb"
expect_status "... --check reads them" 0
printf 'Date: 2015-03-15
Source: Courier

Hospital delayed, again

%s
' "$story" > "$q/courier.txt"
run trawl_index --db "$tmp/qdb" "$q"
expect_status "... an incremental run adds a copy" 0
is "... which joins the story's group" "$(groups "$tmp/qdb" | grep '^courier')" "courier.txt wire.txt"

done_testing
