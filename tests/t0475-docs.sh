#!/bin/sh
# t0475-docs.sh: the commands of the tutorials and of README's "Using it",
# "Research use" and "Large corpora",
# run as written in a fresh directory against the seed corpus (and the
# shared test collections, when this set-up has them), so that a doc that
# fails as written fails make check.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/doc-lib.sh"

terminal=$(blocks "$TRAWL_SRCDIR/doc/tutorial-terminal.md" |
    sed "s|/tmp/news|$tmp/news|g")
like "doc/tutorial-terminal.md has commands" "$terminal" "trawl-index corpus/"
run_doc "doc/tutorial-terminal.md" "$terminal"

rm -rf "$tmp/home/.config"
using=$(blocks "$TRAWL_SRCDIR/README.md" "Using it")
like "README's Using it has commands" "$using" "build/trawl-index --db trawl.db corpus/"
run_doc "README.md, Using it" "$using"

# README's Research use and Large corpora, in the clone "Using it" left
# (its trawl.db).  They name 20 Newsgroups as JSON Lines (docs.jsonl.gz)
# and a user's own archive.jsonl.gz: here every seventh record of the
# shared copy, all twenty groups, or, where this set-up has no ../shared,
# three records of the same shape.
ng=$tmp/shared/corpora/20newsgroups/docs.jsonl.gz
if [ -f "$ng" ]; then
    gzip -dc "$ng" | awk 'NR % 7 == 1' | gzip > "$clone/docs.jsonl.gz"
else
    printf '%s\n' \
        '{"id":"sci.space/1","title":"Shuttle launch","text":"The shuttle flew.","category":"sci.space","newsgroups":"sci.space","from":"nasa@example.org"}' \
        '{"id":"alt.atheism/1","title":"Atheism FAQ","text":"On atheism.","category":"alt.atheism","newsgroups":"alt.atheism","from":"mathew <mathew@example.org>"}' \
        '{"id":"rec.autos/1","title":"Cars","text":"Engines and flood damage.","category":"rec.autos","newsgroups":"rec.autos","from":"a@example.org"}' |
        gzip > "$clone/docs.jsonl.gz"
fi
cp "$clone/docs.jsonl.gz" "$clone/archive.jsonl.gz"
research_use=$(blocks "$TRAWL_SRCDIR/README.md" "Research use")
like "README's Research use has commands" "$research_use" "build/trawl-index --db ng.db docs.jsonl.gz"
run_doc "README.md, Research use" "$research_use"
like "Research use: the batch wrote a TREC run" "$(cat "$clone/run")" "1 Q0 002_7add833defd93f9a 1 "
like "Research use: a field value counted" "$(cat "$tmp/doc.out")" "alt.atheism"
large=$(blocks "$TRAWL_SRCDIR/README.md" "Large corpora")
like "README's Large corpora has commands" "$large" "--shards 2 archive.jsonl.gz"
run_doc "README.md, Large corpora" "$large"
like "Large corpora: the two shards searched as one" "$(cat "$tmp/doc.out")" "atheism"

if [ -d "$tmp/shared/corpora/cacm" ] && [ -x "$tmp/shared/tools/trec-eval" ]; then
    rm -rf "$tmp/home/.config"
    research=$(blocks "$TRAWL_SRCDIR/doc/tutorial-research.md" |
        sed "s|/tmp/cacm|$tmp/cacm|g")
    like "doc/tutorial-research.md has commands" "$research" "trec-eval"
    run_doc "doc/tutorial-research.md" "export PATH=$clone/build:\$PATH
$research"
else
    echo "# SKIP doc/tutorial-research.md: no ../shared test collections here"
fi

done_testing
