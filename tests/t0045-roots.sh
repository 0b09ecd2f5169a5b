#!/bin/sh
# t0045-roots.sh: ids across several folders, and what a run may remove.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Two folders holding the same file name are two articles, never one;
# naming one file of a folder never removes the rest; a folder keeps the
# ids it was first indexed with, whatever else is named later.
. "$TRAWL_SRCDIR/tests/test-lib.sh"

story() {  # story FILE HEADLINE WORD: a one-paragraph article
    mkdir -p "$(dirname "$1")"
    printf '%s\n\nThe story is about %s and nothing else.\n' "$2" "$3" > "$1"
}
ids() {  # ids DB: every id in the index, sorted
    trawl_search --db "$1" --format tsv --fields id --limit 0 story | sed 1d | sort
}
cd "$tmp"

# --- Two folders, one file name.
story guardian/001.txt "Guardian budget" budgets
story bbc/001.txt "BBC floods" floods
run trawl_index --db two.db guardian bbc
like "two folders with 001.txt: 2 added" "$out" ": 2 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
is "each id starts with its folder's name" "$(ids two.db)" "bbc/001.txt
guardian/001.txt"
run trawl_search --db two.db --count story
is "the index holds both articles" "$out" "2"
run trawl_search --db two.db --format tsv --fields id,path,title floods
is "the path shown is the id" "$out" "id	path	title
bbc/001.txt	bbc/001.txt	BBC floods"
run trawl_index --db two.db guardian bbc
like "re-running: 2 unchanged" "$out" ": 0 added, 0 updated, 0 removed, 2 unchanged, 0 failed"
run trawl_index --db two.db bbc
like "one folder of the two: its file unchanged" "$out" ": 0 added, 0 updated, 0 removed, 1 unchanged, 0 failed"
is "... and the other folder's article stays" "$(ids two.db)" "bbc/001.txt
guardian/001.txt"
story bbc/001.txt "BBC floods again" floods
run trawl_index --db two.db bbc
like "a changed file of one folder: 1 updated" "$out" ": 0 added, 1 updated, 0 removed, 0 unchanged, 0 failed"
is "... under the same id" "$(ids two.db)" "bbc/001.txt
guardian/001.txt"

# --- One folder alone: ids are the paths inside it (as ever).
run trawl_index --db one.db guardian
is "a single folder's ids are its paths" "$(ids one.db)" "001.txt"
story more/002.txt "More" more
run trawl_index --db one.db guardian more
like "a second folder added later" "$out" ": 1 added, 0 updated, 0 removed, 1 unchanged, 0 failed"
is "the first folder keeps its ids, the new one is named" "$(ids one.db)" "001.txt
more/002.txt"

# --- Folders of one name in different places.
story 2019/news/a.txt "Old" old
story 2020/news/a.txt "New" new
run trawl_index --db same.db 2019/news 2020/news
is "folders of one name: their parents tell them apart" "$(ids same.db)" "2019/news/a.txt
2020/news/a.txt"

# --- The same folder twice, and a file inside a folder also named.
run trawl_index --db twice.db guardian guardian/ guardian/001.txt
like "a folder named twice and its file: indexed once" "$out" ": 1 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
is "... with the folder's own ids" "$(ids twice.db)" "001.txt"

# --- Naming files never removes the others of their folder.
story desk/a.txt "A" alpha
story desk/b.txt "B" beta
story desk/c.txt "C" gamma
run trawl_index --db desk.db desk/a.txt desk/b.txt
like "two files of one folder: both added" "$out" ": 2 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
is "... as two articles" "$(ids desk.db)" "a.txt
b.txt"
run trawl_index --db desk.db desk/c.txt
like "a third file alone: added, nothing removed" "$out" ": 1 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
is "... the first two stay" "$(ids desk.db)" "a.txt
b.txt
c.txt"
rm desk/b.txt
run trawl_index --db desk.db desk/a.txt
like "naming a.txt does not remove the vanished b.txt" "$out" ": 0 added, 0 updated, 0 removed, 1 unchanged, 0 failed"
run trawl_index --db desk.db desk
like "the folder: b.txt is removed" "$out" ": 0 added, 0 updated, 1 removed, 2 unchanged, 0 failed"

# --- A subfolder of an indexed folder is a part of it.
story paper/home/x.txt "X" xray
story paper/world/y.txt "Y" yankee
run trawl_index --db paper.db paper
story paper/world/z.txt "Z" zulu
rm paper/home/x.txt
run trawl_index --db paper.db paper/world
like "a subfolder: its new file added, the other subfolder untouched" "$out" ": 1 added, 0 updated, 0 removed, 1 unchanged, 0 failed"
is "... with the ids of the folder's walk" "$(ids paper.db)" "home/x.txt
world/y.txt
world/z.txt"
run trawl_index --db paper.db paper
like "the folder again: x.txt removed" "$out" ": 0 added, 0 updated, 1 removed, 2 unchanged, 0 failed"

# --- A folder around one indexed before as a root of its own.
story outer/inner/i.txt "I" india
story outer/o.txt "O" oscar
run trawl_index --db nest.db outer/inner
run trawl_index --db nest.db outer
like "the outer folder adds its own file only" "$out" ": 1 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
like "... and says why it skips the inner one" "$err" "skipping 'outer/inner': indexed as a corpus root of its own"
is "no article is indexed twice" "$(ids nest.db)" "i.txt
outer/o.txt"

# --- Two inputs that still claim one id: the first keeps it, both are named.
story tw/a/x.txt "A" first
printf 'Id: shared\n\nSecond\n\nThe story is about the second.\n' > tw/b.txt
printf 'Id: shared\n\nThird\n\nThe story is about the third.\n' > tw/c.txt
run trawl_index --db dup.db tw
expect_status "a duplicate id exits 1" 1
like "the summary counts it" "$out" ": 2 added, 0 updated, 0 removed, 0 unchanged, 1 failed (1 duplicate id)"
is "the message names both files" "$err" "trawl-index: error: tw/c.txt: duplicate id 'shared' (first in tw/b.txt): not indexed"
run trawl_search --db dup.db --format tsv --fields id,title second third
is "the first keeps the id" "$out" "id	title
shared	Second"

# A new folder whose path ids collide with an indexed folder's.
story base/sub/n.txt "Base" base
story sub/n.txt "Sub" sub
run trawl_index --db clash.db base
run trawl_index --db clash.db sub
expect_status "a path id held by another folder exits 1" 1
is "... named with both places" "$err" "trawl-index: error: sub/n.txt: duplicate id 'sub/n.txt' (first in $tmp/base/sub/n.txt): not indexed"
run trawl_search --db clash.db --format tsv --fields title --limit 0 story
is "... and the indexed article stays" "$out" "title
Base"

# --- --rebuild and --jobs keep the ids of one process's run.
run trawl_index --db two.db --rebuild guardian bbc
is "--rebuild keeps the ids" "$(ids two.db)" "bbc/001.txt
guardian/001.txt"
run trawl_index --db one.db --rebuild guardian more
is "--rebuild keeps a first folder's plain ids" "$(ids one.db)" "001.txt
more/002.txt"
run trawl_index --db jobs.db --jobs 2 guardian bbc
is "--jobs 2 gives the ids of one process" "$(ids jobs.db)" "bbc/001.txt
guardian/001.txt"
run trawl_index --db jobs.db guardian bbc
like "... and the next run finds them unchanged" "$out" ": 0 added, 0 updated, 0 removed, 2 unchanged, 0 failed"

# --- --check finds an id two articles share (made by hand: a copy of an
# article added again beside it; Debian's python3, where python3-xapian is).
run trawl_index --check --db two.db
like "--check: ids are each one article's" "$out" "two.db: ok (2 documents, revision "
cp -r two.db shared.db
if /usr/bin/python3 -c "
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1])
db.add_document(db.get_document(1))
db.commit()" shared.db 2>/dev/null; then
    run trawl_index --check --db shared.db
    expect_status "--check of an index where two articles share an id exits 2" 2
    like "... naming the id" "$err" "trawl-index: error: the index 'shared.db' holds 1 id shared by several articles (the first: '"
else
    ok "# SKIP python3-xapian not installed"
    ok "# SKIP python3-xapian not installed"
fi

done_testing
