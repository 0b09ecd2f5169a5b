#!/bin/sh
# t0479-doc-scaling.sh: doc/scaling.md's commands as written, on one
# machine: its /srv, /etc/trawl and /data/archive moved under $tmp, each
# "machine" a directory of its own, its 10.0.0.K:7001 a loopback port.
# Builds the shards both ways, serves three with real xapian-tcpsrv,
# searches the stub, rebuilds one shard, and replicates one with
# xapian-replicate-server and xapian-replicate.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/tcpsrv.sh"

for tool in xapian-tcpsrv xapian-replicate xapian-replicate-server; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "1..0 # SKIP doc/scaling.md needs $tool"
        exit 0
    fi
done
doc=$TRAWL_SRCDIR/doc/scaling.md

# doc_command WORDS: the one command line of the doc (continuations
# joined) that starts with WORDS; the test stops when there is not exactly
# one, since the doc then no longer says what this test runs.
doc_command() {
    found=$(awk -v start="$1" '
        /^    / { line = substr($0, 5)
                  if (cont != "") { cont = cont " " line }
                  else if (index(line, start) == 1) cont = line
                  if (cont != "" && cont !~ /\\$/) { print cont; cont = "" }
                  else sub(/ *\\$/, "", cont)
                  next }
        { cont = "" }' "$doc")
    if [ "$(printf '%s\n' "$found" | grep -c .)" != 1 ]; then
        echo "Bail out! doc/scaling.md has not one command starting '$1': $found"
        exit 1
    fi
    printf '%s\n' "$found"
}

# on MACHINE CMD: CMD as the doc writes it, run on MACHINE: /srv and
# /etc/trawl are that machine's, /data/archive/ the corpus, TRAWL_INDEX and
# TRAWL_SEARCH the programs, 10.0.0.K:7001 shard server K's port.
on() {
    cmd=$(printf '%s\n' "$2" | sed \
        -e "s|/srv|$tmp/$1/srv|g" -e "s|/etc/trawl|$tmp/$1/etc|g" \
        -e "s|/data/archive/|$archive/|g" \
        -e "s|^trawl-index |$TRAWL_INDEX |" -e "s|^trawl-search |$TRAWL_SEARCH |" \
        -e "s|10\.0\.0\.1:7001|127.0.0.1:$port1|; s|10\.0\.0\.2:7001|127.0.0.1:$port2|" \
        -e "s|10\.0\.0\.3:7001|127.0.0.1:$port3|")
    [ -n "$cmd" ] || { echo "on $1: no command" >&2; return 99; }
    mkdir -p "$tmp/$1/srv"
    eval "$cmd"
}

port1= port2= port3=
archive=$tmp/archive
sample_corpus "$archive"
query='flood OR bank OR bullying'

# "Building shards": on one machine, then on four.
run on indexer "$(doc_command 'trawl-index --db /srv/news --shards 4')"
is "--shards 4 on one machine" "$status" 0
ls_shards=$(cd "$tmp/indexer/srv/news" && ls)
is "... writes four shards and the stub" "$ls_shards" "XAPIANDB
shard-1
shard-2
shard-3
shard-4"
per_machine=$(doc_command 'trawl-index --db /srv/news/shard-K --shard K/4')
mkdir_news=$(doc_command 'mkdir -p /srv/news')
for k in 1 2 3 4; do
    on "m$k" "$mkdir_news"
    run on "m$k" "$(printf '%s\n' "$per_machine" | sed "s/K/$k/g")"
    is "machine $k builds its shard" "$status:$err" 0:
done

# "Deploying N shard servers": machines 1-3 serve theirs, the search
# machine keeps shard 4 as a local copy.
tcpsrv=$(doc_command 'xapian-tcpsrv --port 7001 --interface 10.0.0.K')
like "the doc's server command" "$tcpsrv" "/srv/news/shard-K"
for k in 1 2 3; do
    start_server "$tmp/m$k/srv/news/shard-$k"
    eval "port$k=$port"
done
mkdir -p "$tmp/search/srv/news-local"
cp -r "$tmp/m4/srv/news/shard-4" "$tmp/search/srv/news-local/shard-4"
on search "$(doc_command 'mkdir -p /etc/trawl')"
run on search "$(doc_command 'trawl-index --write-stub')"
is "--write-stub" "$status:$err" 0:
is "the stub is the one the doc shows (but its comment)" "$(grep -v "^#" "$tmp/search/etc/news.stub")" \
    "$(awk '/^    # \/etc\/trawl\/news.stub/ { on = 1; next } on && /^    / { print substr($0, 5); next } { on = 0 }' "$doc" |
        sed -e "s|10\.0\.0\.1:7001|127.0.0.1:$port1|; s|10\.0\.0\.2:7001|127.0.0.1:$port2|" \
            -e "s|10\.0\.0\.3:7001|127.0.0.1:$port3|; s|/srv/|$tmp/search/srv/|")"
# The doc's search, and the same on one index: the same hits and scores
# (as TSV: a "did you mean" comes only from local shards, as the doc says).
search_cmd=$(doc_command 'trawl-search --db /etc/trawl/news.stub flood')
run on search "$search_cmd"
ok_status=$((status <= 1))
is "the doc's search through the stub runs" "$ok_status:$err" "1:"
hits_of() { run on search "$(printf '%s\n' "$search_cmd" | sed "s|^trawl-search |trawl-search $1 |; s/ flood\$/ '$2'/")"; }
hits_of "--format tsv --limit 0" flood
stub_out=$out
run "$TRAWL_SEARCH" --db "$tmp/indexer/srv/news" --format tsv --limit 0 flood
is "the stub's hits and scores are the one index's" "$stub_out" "$out"
hits_of "" "$query"
stub_out=$out
run "$TRAWL_SEARCH" --db "$tmp/indexer/srv/news" "$query"
like "... for a query with hits" "$out" "[1] "
is "... its page byte for byte" "$stub_out" "$out"

# "Rebuilding one shard": shard 2 of the four-shard directory.
run on indexer "$(doc_command 'trawl-index --db /srv/news/shard-2 --shard 2/4 --rebuild')"
is "one shard rebuilt alone" "$status" 0
run "$TRAWL_SEARCH" --db "$tmp/indexer/srv/news" "$query"
is "... searches as before" "$out" "$stub_out"

# "Replication": the indexing machine serves /srv/news, a replica pulls
# shard 2 (the first time, a full copy) and answers as shard 2 does.
rport=$(free_port)
serve=$(doc_command 'xapian-replicate-server -p 7010')
pull=$(doc_command 'xapian-replicate -h indexer -p 7010')
serve=$(printf '%s\n' "$serve" | sed "s/7010/$rport/; s|/srv/|$tmp/indexer/srv/|")
pull=$(printf '%s\n' "$pull" | sed "s/-h indexer/-h 127.0.0.1/; s/7010/$rport/; s|/srv/|$tmp/replica/srv/|")
on replica "$(doc_command 'mkdir -p /srv/replica')"
setsid sh -c "exec $serve" > "$tmp/replicate-server.log" 2>&1 &
server_pids="$server_pids $!"
sleep 0.5
setsid sh -c "exec $pull" > "$tmp/replicate.log" 2>&1 &
puller=$!
server_pids="$server_pids $puller"
# What a shard holds: its statistics and every article's id (a search
# that finds nothing exits 1, which is no failure here).
holds() {
    "$TRAWL_SEARCH" --db "$1" --stats 2>&1 | head -n 1
    "$TRAWL_SEARCH" --db "$1" --format tsv --fields id --limit 0 'the OR a OR and OR of' 2>&1 || true
}
want=$(holds "$tmp/indexer/srv/news/shard-2")
copied() { [ "$(holds "$tmp/replica/srv/replica/shard-2")" = "$want" ]; }
if wait_until "$puller" copied; then
    ok "the replica of shard 2 answers as shard 2"
else
    not_ok "the replica of shard 2 answers as shard 2" "$(cat "$tmp/replicate.log")"
fi

done_testing
