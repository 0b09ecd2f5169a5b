#!/bin/sh
# t0120-shards.sh: --shards N, and shards searched as one, locally and over xapian-tcpsrv.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

. "$TRAWL_SRCDIR/tests/tcpsrv.sh"

sh_db="$tmp/sharded"
one_db="$tmp/single"
corpus="$TRAWL_SRCDIR/corpus"

run trawl_index --db "$sh_db" --shards 2 "$corpus"
expect_status "index the seed corpus into 2 shards" 0
like "... every article added" "$out" "$sh_db: 5 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
is "the stub lists the shards" "$(cat "$sh_db/XAPIANDB")" \
"# trawl-index --shards: the shards of this index, in order; do not edit
auto shard-1
auto shard-2"

# The shard of an article is FNV-1a (32 bits) of "Q<id>" modulo 2, plus 1:
# fixed for good, or later runs would look for articles in the wrong shard.
if command -v xapian-delve > /dev/null; then
    is "shard 1 holds the ids that hash to it" \
        "$(xapian-delve -a -1 "$sh_db/shard-1" | grep '^Q')" \
"Q001_385728fb073913cc.txt
Q002_7add833defd93f9a.txt
Q004_92105e6a592168eb.txt"
    is "shard 2 the others" "$(xapian-delve -a -1 "$sh_db/shard-2" | grep '^Q')" \
"Q000_2d5cabb33bf2183e.txt
Q003_991a6bc901fd0169.txt"
else
    ok "# SKIP xapian-delve (xapian-tools) not installed"
    ok "# SKIP xapian-delve (xapian-tools) not installed"
fi

run trawl_index --db "$sh_db" --shards 2 "$corpus"
like "re-running is incremental" "$out" "0 added, 0 updated, 0 removed, 5 unchanged, 0 failed"
run trawl_index --db "$sh_db" "$corpus"
like "... also without --shards: the stub says how many" "$out" "5 unchanged, 0 failed"
run trawl_index --db "$sh_db" --shards 3 "$corpus"
expect_status "a different shard count is refused" 2
is "... saying why" "$err" "trawl-index: error: the index '$sh_db' has 2 shards, not 3
  a document's shard depends on the count: re-index into a new --db to change it"

trawl_index --db "$one_db" "$corpus" > /dev/null
run trawl_index --db "$one_db" --shards 2 "$corpus"
expect_status "a single index is not sharded afterwards" 2
is "... saying why" "$err" "trawl-index: error: the index '$one_db' is a single index, not 2 shards
  re-index into a new --db to shard it"
run trawl_index --db "$tmp/bad" --shards 0 "$corpus"
expect_status "--shards 0 is a usage error" 2
like "... naming the value" "$err" "--shards: '0' is not a number of shards between 1 and 1024"
mkdir "$tmp/foreign"
printf 'remote 127.0.0.1:1\n' > "$tmp/foreign/XAPIANDB"
run trawl_index --db "$tmp/foreign" "$corpus"
expect_status "a stub trawl did not write is not indexed into" 2
like "... naming the line" "$err" "line 'remote 127.0.0.1:1' is not 'auto shard-1'"

# Searching: the same bytes from the shards as from one index, since Xapian
# combines the shards' statistics (document count, lengths, term counts).
printf '1\tbullying\n2\tarea teams\n3\tccg\n4\t"regional team"\n5\tnhs OR hospital\n6\tcommissioning -bullying\n' \
    > "$tmp/queries"
search_all() {
    trawl_search --format json --limit 20 --batch "$tmp/queries" "$@"
}
search_all --db "$one_db" > "$tmp/single.json"
run search_all --db "$sh_db"
is "the sharded index's directory gives the single index's hits, scores, snippets" \
    "$out" "$(cat "$tmp/single.json")"
like "... (which are not nothing)" "$out" '"query_id":"6","rank":1'
run search_all --db "$sh_db/XAPIANDB"
is "... so does its stub file" "$out" "$(cat "$tmp/single.json")"
run search_all --db "$sh_db/shard-1" --db "$sh_db/shard-2"
is "... and the shards given as two --db" "$out" "$(cat "$tmp/single.json")"
run trawl_search --db "$sh_db/shard-1" --db "$tmp/nowhere" bullying
expect_status "a missing index among several is an error" 2
like "... naming it" "$err" "Couldn't stat '$tmp/nowhere'"

# Changes reach the right shard.
copy_corpus "$tmp/c"
trawl_index --db "$tmp/cs" --shards 2 "$tmp/c" > /dev/null
printf 'Wombats at work\n\nA wombat ran the regional team meeting.\n' > "$tmp/c/003_991a6bc901fd0169.txt"
rm "$tmp/c/001_385728fb073913cc.txt"
run trawl_index --db "$tmp/cs" "$tmp/c"
like "a changed and a removed file" "$out" "0 added, 1 updated, 1 removed, 3 unchanged, 0 failed"
run trawl_search --db "$tmp/cs" --count wombat
is "... the change is found" "$out" "1"
run trawl_search --db "$tmp/cs" --format tsv --fields id --limit 0 "the OR a OR wombat"
is "... and the removed article is gone, nothing doubled" "$(printf '%s\n' "$out" | sort)" \
"000_2d5cabb33bf2183e.txt
002_7add833defd93f9a.txt
003_991a6bc901fd0169.txt
004_92105e6a592168eb.txt
id"

# A real corpus: BBC business news (510 articles).
bbc="$TRAWL_SRCDIR/../shared/corpora/bbc-news/bbc/business"
if [ -d "$bbc" ]; then
    trawl_index --db "$tmp/bbc1" "$bbc" > /dev/null
    trawl_index --db "$tmp/bbc2" --shards 2 "$bbc" > /dev/null
    printf '1\toil prices\n2\teconomy growth\n3\tbank interest rates\n4\tshares\n5\t"chief executive"\n6\tyukos\n' \
        > "$tmp/bbc-queries"
    trawl_search --db "$tmp/bbc1" --format json --limit 20 --batch "$tmp/bbc-queries" \
        > "$tmp/bbc1.json"
    run trawl_search --db "$tmp/bbc2" --format json --limit 20 --batch "$tmp/bbc-queries"
    is "BBC business: 2 shards give the single index's output" "$out" "$(cat "$tmp/bbc1.json")"
    is "... 120 hits compared" "$(grep -c '"rank"' "$tmp/bbc1.json")" "120"
else
    ok "# SKIP $bbc not found"
    ok "# SKIP $bbc not found"
fi

# Over the network: one xapian-tcpsrv per shard.
if command -v xapian-tcpsrv > /dev/null && command -v setsid > /dev/null; then
    start_server "$sh_db/shard-1"
    pid1=$pid port1=$port
    start_server "$sh_db/shard-2"
    pid2=$pid port2=$port
    printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port1" "$port2" > "$tmp/remote.stub"
    run timeout 30 "$TRAWL_SEARCH" --db "$tmp/remote.stub" --format json --limit 20 \
        --batch "$tmp/queries"
    expect_status "search two remote shards" 0
    is "... the single index's hits, scores, snippets" "$out" "$(cat "$tmp/single.json")"
    printf 'remote 127.0.0.1:%s\nauto %s\n' "$port1" "$sh_db/shard-2" > "$tmp/mixed.stub"
    run timeout 30 "$TRAWL_SEARCH" --db "$tmp/mixed.stub" --format json --limit 20 \
        --batch "$tmp/queries"
    is "... and one remote with one local shard" "$out" "$(cat "$tmp/single.json")"

    # A server dies between two queries of a run.
    run timeout 30 sh -c "{ printf 'a\tbullying\n'; sleep 2; kill $pid2; sleep 0.5;
        printf 'b\tarea teams\n'; } | '$TRAWL_SEARCH' --db '$tmp/remote.stub' --format json --batch -"
    expect_status "a shard server killed mid-run: exit 2, no hang" 2
    like "... the first query was answered" "$out" '"query_id":"a","rank":1'
    like "... the second fails, naming the query" "$err" \
        "trawl-search: error: standard input line 2: "
    like "... and the server" "$err" "remote:tcp(127.0.0.1:$port2)"

    # A server that accepts but never answers: Xapian's remote timeouts
    # (10 s by default, on connecting and on each reply) end the wait.
    start_server "$sh_db/shard-2"
    kill -STOP "$pid"
    printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port1" "$port" > "$tmp/stuck.stub"
    run timeout 30 "$TRAWL_SEARCH" --db "$tmp/stuck.stub" bullying
    expect_status "a stopped shard server: exit 2 after the timeout, no hang" 2
    like "... saying so" "$err" "NetworkTimeoutError"
    stop_servers
else
    for i in 1 2 3 4 5 6 7 8 9; do ok "# SKIP xapian-tcpsrv (xapian-tools) or setsid not installed"; done
fi

done_testing
