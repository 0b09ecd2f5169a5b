#!/bin/sh
# t0320-faults.sh: the indexer under faults: stopped by a signal, a full
# disk, a second indexer, a damaged index (--check, --rebuild).
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

# How many documents the index at $1 holds, as a reader sees it.
doc_count() {
    "$TRAWL_SEARCH" --db "$1" --stats 2>/dev/null | sed -n 's/^documents: *//p'
}

# Waits (at most 60 s) until the index at $1 holds at least $2 documents.
wait_for_docs() {
    n=0
    while [ "$n" -lt 600 ]; do
        got=$(doc_count "$1")
        [ -n "$got" ] && [ "$got" -ge "$2" ] && return 0
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

# A generated corpus of 3000 short articles, each with a word of its own
# (word<N>), so that a run takes a few seconds and every document counts.
big="$tmp/big"
mkdir "$big"
awk -v dir="$big" 'BEGIN {
    for (i = 1; i <= 3000; i++) {
        f = sprintf("%s/a%04d.txt", dir, i)
        printf "Headline number %d\n\nA story about word%d and the river, with %d otters.\n", i, i, i * 7 > f
        close(f)
    }
}'

# ------------------------------------------------ SIGTERM and SIGINT
for sig in TERM INT; do
    db="$tmp/sig$sig.db"
    [ "$sig" = TERM ] && code=143 || code=130
    "$TRAWL_INDEX" --db "$db" --commit-every 50 "$big" > "$tmp/sig.out" 2> "$tmp/sig.err" &
    pid=$!
    if wait_for_docs "$db" 50; then
        kill -"$sig" "$pid"
    fi
    set +e
    wait "$pid"
    status=$?
    set -e
    err=$(cat "$tmp/sig.err")
    out=$(cat "$tmp/sig.out")
    expect_status "SIG$sig: exit status $code" "$code"
    is "SIG$sig: a warning says what happened" "$err" \
        "trawl-index: warning: interrupted by SIG$sig: what was done is committed; run again to finish"
    added=$(printf '%s\n' "$out" | sed -n 's/^.*: \([0-9]*\) added, 0 updated, 0 removed, 0 unchanged, 0 failed, interrupted (.*$/\1/p')
    like "SIG$sig: the summary says interrupted" "$out" "$db: $added added, 0 updated, 0 removed, 0 unchanged, 0 failed, interrupted ("
    is "SIG$sig: the index holds exactly the documents done ($added)" "$(doc_count "$db")" "$added"
    run "$XAPIAN_CHECK" "$db"
    expect_status "SIG$sig: the index passes xapian-check" 0
    run trawl_index -q --db "$db" "$big"
    expect_status "SIG$sig: re-running finishes" 0
    is "SIG$sig: then the index holds every document" "$(doc_count "$db")" 3000
done

# --commit-every: each commit is complete, so a reader that opens the index
# mid-run sees a whole number of batches (or the end).
db="$tmp/every.db"
run trawl_index --db "$db" --commit-every 1000 "$big"
expect_status "--commit-every 1000 indexes the corpus" 0
run trawl_search --db "$db" --count word2999
is "the last batch is committed" "$out" "1"
run trawl_index --db "$db" --commit-every x "$big"
expect_status "--commit-every x is a usage error" 2
is "--commit-every x: the message names the value" "$err" "trawl-index: error: --commit-every: 'x' is not a number of documents between 0 and 100000000
try 'trawl-index --help' for more information"

# ------------------------------------------------ full disk (ulimit -f)
# A file size limit makes writes fail with EFBIG, as a full disk does with
# ENOSPC: the run stops with one clear error and the last commit stays.
db="$tmp/full.db"
run trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
expect_status "full disk: the seed corpus is indexed first" 0
set +e
(ulimit -f 256; exec "$TRAWL_INDEX" --db "$db" "$big") > "$tmp/full.out" 2> "$tmp/full.err"
status=$?
set -e
err=$(cat "$tmp/full.err")
expect_status "full disk: exit status 2" 2
like "full disk: the error names the index and the cause" "$err" \
    "trawl-index: error: cannot write to the index '$db': DatabaseError: Error writing block "
like "full disk: the system's reason is given" "$err" "(File too large)"
like "full disk: the detail says the index is unharmed" "$err" "
  the index is as it was at its last commit"
is "full disk: one error, not one per file" "$(printf '%s\n' "$err" | grep -c 'error:')" 1
run "$XAPIAN_CHECK" "$db"
expect_status "full disk: the index passes xapian-check" 0
run trawl_search --db "$db" --count bullying
is "full disk: the committed index still answers" "$out" "1"
is "full disk: it holds the documents of its last commit" "$(doc_count "$db")" 5

# ------------------------------------------------ two indexers at once
db="$tmp/lock.db"
run trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
"$TRAWL_INDEX" -q --db "$db" --commit-every 0 "$big" > /dev/null 2>&1 &
pid=$!
# Stopped as soon as it holds the lock, so the second one surely meets it.
lock_inode=$(stat -c %i "$db/flintlock")
n=0
while [ "$n" -lt 600 ] && ! grep -q ":$lock_inode " /proc/locks; do
    sleep 0.05
    n=$((n + 1))
done
kill -STOP "$pid"
run trawl_index --db "$db" --lock-wait 0.3 "$TRAWL_SRCDIR/corpus"
expect_status "a second indexer gives up after --lock-wait" 2
is "it names the process holding the lock" "$err" \
    "trawl-index: error: cannot open the index for writing: index '$db' is locked by process $pid (waited 0.3 s)"
run trawl_index --rebuild --db "$db" --lock-wait 0.2 "$TRAWL_SRCDIR/corpus"
expect_status "--rebuild does not take a locked index" 2
is "--rebuild names the process holding the lock" "$err" \
    "trawl-index: error: cannot rebuild: index '$db' is locked by process $pid (waited 0.2 s)"
kill -CONT "$pid"
run trawl_index -q --db "$db" --lock-wait 120 "$TRAWL_SRCDIR/corpus" "$big"
expect_status "a second indexer that waits long enough gets the lock" 0
wait "$pid"
is "both runs are in the index" "$(doc_count "$db")" 3005

# ------------------------------------------------ a damaged index
db="$tmp/damaged.db"
run trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
run trawl_index --check --db "$db"
expect_status "--check on a sound index: exit status 0" 0
is "--check says ok, with the count and revision" "$out" "$db: ok (5 documents, revision 1)"
truncate -s 8192 "$db/postlist.glass"
run trawl_index --check --db "$db"
expect_status "--check on a truncated index: exit status 2" 2
is "--check names the problem and the remedy" "$err" "trawl-index: error: the index '$db' is damaged: 1 problem found
  DatabaseError: EOF reading block 2
  rebuild it from the corpus: trawl-index --rebuild --db $db PATH..."
run trawl_search --db "$db" bullying
expect_status "the searcher refuses a truncated index" 2
is "the searcher says it is damaged" "$err" "trawl-search: error: cannot open the index '$db': index at '$db' is damaged or not an index: DatabaseError: EOF reading block 2"
run trawl_index --check --db "$tmp/nowhere"
expect_status "--check with no index: exit status 2" 2
is "--check with no index says so" "$err" "trawl-index: error: no index at '$tmp/nowhere'"
run trawl_index --check --db "$db" "$TRAWL_SRCDIR/corpus"
expect_status "--check with a PATH is a usage error" 2

# A stale DB.new (an interrupted rebuild) is replaced.
mkdir "$db.new"
: > "$db.new/stale"
run trawl_index --rebuild --db "$db" "$TRAWL_SRCDIR/corpus"
expect_status "--rebuild of a damaged index succeeds" 0
is "--rebuild reports the new index" "$(printf '%s\n' "$out" | sed 's/ ([0-9.]* s)$//')" \
    "$db: 5 added, 0 updated, 0 removed, 0 unchanged, 0 failed, 1 skipped (.md 1)"
run trawl_index --check --db "$db"
is "the rebuilt index is sound" "$out" "$db: ok (5 documents, revision 1)"
run trawl_search --db "$db" --count bullying
is "the rebuilt index answers" "$out" "1"
is "nothing is left beside it" "$(ls -d "$db"* | sed "s|^$tmp/||")" "damaged.db"
run trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
expect_status "the rebuilt index is indexed incrementally" 0
is "an incremental run after --rebuild changes nothing" "$(doc_count "$db")" 5

# --rebuild keeps the language of the index it replaces.
db="$tmp/french.db"
run trawl_index -q --db "$db" --language french "$TRAWL_SRCDIR/corpus"
run trawl_index -q --rebuild --db "$db" "$TRAWL_SRCDIR/corpus"
run trawl_index -q --db "$db" --language english "$TRAWL_SRCDIR/corpus"
like "--rebuild keeps the index's language" "$err" "was built with --language french, not english"

# ------------------------------------------------ hostile metadata
# Escape sequences in front matter and in manifest.tsv never reach the
# terminal: clear screen, window title, a hyperlink, blink, and C1's CSI.
m="$tmp/meta"
mkdir "$m"
printf 'Title: Evil \033[2J\033]0;pwned\007 title\nSource: Src \033[31mred\n\nA story about zebras.\n' > "$m/a.txt"
printf 'Plain headline\n\nA story about yaks.\n' > "$m/b.txt"
printf 'id\tsource\tdate\tbyline\turl\nb.txt\tMan\033]8;;http://x\007src \302\233 31m\t2014-06-03\tBy \033[5mblink\t\n' > "$m/manifest.tsv"
run trawl_index -q --db "$tmp/meta.db" "$m"
run trawl_search --db "$tmp/meta.db" zebras yaks
like "front matter: control characters are gone from the title" "$out" "] Evil [2J]0;pwned title"
like "front matter: and from the source" "$out" "    Src [31mred | date unknown | a.txt | score "
like "manifest: escape sequences in the source are neutralised" "$out" \
    "    Man�]8;;http://x�src � 31m | 3 June 2014 | b.txt | score "
is "no ESC, BEL or C1 control reaches the terminal" \
    "$(printf '%s' "$out" | LC_ALL=C grep -c "$(printf '[\033\007]\|\302[\200-\237]')")" 0
run trawl_search --db "$tmp/meta.db" --show b.txt
like "--show neutralises the manifest byline" "$out" "Man�]8;;http://x�src � 31m | 3 June 2014 | By �[5mblink | b.txt"
is "--show lets no control through" \
    "$(printf '%s' "$out" | LC_ALL=C grep -c "$(printf '[\033\007]\|\302[\200-\237]')")" 0

done_testing
