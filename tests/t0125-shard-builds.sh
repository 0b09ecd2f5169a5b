#!/bin/sh
# t0125-shard-builds.sh: shards built apart (--shard K/N, as N machines
# would), served by xapian-tcpsrv, searched through one stub: the bytes of
# one index, also after an incremental run.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/tcpsrv.sh"

c="$tmp/corpus"
sample_corpus "$c"
printf '{"id":"w1","title":"Wombats","text":"A story about wombats and oil."}\n{"id":"w2","title":"Quokkas","text":"Quokkas, shares and growth."}\n{"id":"w3","title":"Numbats","text":"Numbats meet the bank."}\n' > "$c/extra.jsonl"
printf 'Id: fm-1\nTitle: Front matter\n\nAn article whose id its front matter states: bank rates.\n' > "$c/fm.txt"
total=$(($(ls "$c"/*.txt | wc -l) + 3))
queries="$tmp/queries"
printf '1\toil prices\n2\teconomy growth\n3\tbank interest rates\n4\tshares\n5\t"chief executive"\n6\tarea teams bullying\n7\twombats OR quokkas OR numbats\n8\tbank\n' > "$queries"

# Two machines: each reads the whole corpus and builds only its shard.
mkdir "$tmp/m1" "$tmp/m2"
run trawl_index --db "$tmp/one" "$c"
run trawl_index --db "$tmp/m1/shard" --shard 1/2 "$c"
n1=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) added.*/\1/p')
run trawl_index --db "$tmp/m2/shard" --shard 2/2 "$c"
n2=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) added.*/\1/p')
is "each article is in exactly one shard" "$((n1 + n2))" "$total"
ok_shares=$(( n1 > 0 && n2 > 0 ))
is "... and both shards hold some" "$ok_shares" 1
run trawl_index --check --db "$tmp/m1/shard"
is "--check: the shard holds only its own articles" "$out" "$tmp/m1/shard: ok ($n1 documents, revision 1)"

# The same placement as --shards 2 on one machine.
trawl_index -q --db "$tmp/layout" --shards 2 "$c"
ids() { trawl_search --db "$1" --format tsv --fields id --limit 0 'the OR a OR and OR wombats OR quokkas OR numbats OR bank' | sed 1d | sort; }
is "shard 1 holds what --shards 2 puts in its shard-1" "$(ids "$tmp/m1/shard")" "$(ids "$tmp/layout/shard-1")"
is "shard 2 likewise" "$(ids "$tmp/m2/shard")" "$(ids "$tmp/layout/shard-2")"

# Misuse is refused, and names what to do.
run trawl_index --db "$tmp/m1/shard" --shard 2/2 "$c"
expect_status "a shard indexed as another exits 2" 2
like "... saying which it is" "$err" "the index '$tmp/m1/shard' holds shard 1/2 of the articles, not 2/2"
run trawl_index --db "$tmp/m1/shard" "$c"
expect_status "a shard indexed whole exits 2" 2
run trawl_index --db "$tmp/one" --shard 1/2 "$c"
like "an index of every article cannot become a shard" "$err" "holds articles of every shard"
run trawl_index --db "$tmp/x" --shard 3/2 "$c"
like "--shard 3/2 is a usage error" "$err" "--shard: '3/2' is not K/N"

# A shard holding another's article is caught by --check (made by hand:
# shard 1's index given shard 2's metadata).
cp -r "$tmp/m1/shard" "$tmp/wrong"
# Debian's python3, where python3-xapian is.
/usr/bin/python3 -c "import xapian,sys; d=xapian.WritableDatabase(sys.argv[1]); d.set_metadata('trawl.shard','2/2'); d.commit()" "$tmp/wrong" 2>/dev/null &&
{
    run trawl_index --check --db "$tmp/wrong"
    expect_status "--check of a shard with others' articles exits 2" 2
    like "... naming how many" "$err" "the index '$tmp/wrong' holds $n1 articles of another shard than 2 of 2:"
} || { ok "# SKIP python3-xapian not installed"; ok "# SKIP python3-xapian not installed"; }

compare_remote() {  # compare_remote NAME: the stub over two servers gives one index's bytes
    trawl_search --db "$tmp/one" --format json --limit 20 --batch "$queries" > "$tmp/one.json"
    start_server "$tmp/m1/shard"
    p1=$port
    start_server "$tmp/m2/shard"
    p2=$port
    run trawl_index --write-stub "$tmp/cluster.stub" "127.0.0.1:$p1" "127.0.0.1:$p2"
    run timeout 60 "$TRAWL_SEARCH" --db "$tmp/cluster.stub" --format json --limit 20 --batch "$queries"
    expect_status "$1: searching both shards over TCP" 0
    # Spelling suggestions come only from local shards: Xapian's remote
    # protocol carries no spelling data (doc/scaling.md), so that one member
    # is left out of the comparison.
    no_spelling() { sed 's/"did_you_mean":"[^"]*"/"did_you_mean":null/'; }
    is "$1: hits, scores, counts and snippets are one index's, byte for byte" \
        "$(printf '%s\n' "$out" | no_spelling)" "$(no_spelling < "$tmp/one.json")"
    is "$1: ... of $2 hits" "$(grep -c '"rank"' "$tmp/one.json")" "$2"
    stop_servers
}
if command -v xapian-tcpsrv > /dev/null && command -v setsid > /dev/null; then
    compare_remote "built apart" "$(trawl_search --db "$tmp/one" --format json --limit 20 --batch "$queries" | grep -c '"rank"')"
else
    for i in 1 2 3; do ok "# SKIP xapian-tcpsrv (xapian-tools) or setsid not installed"; done
fi
run trawl_index --write-stub "$tmp/bad.stub" nowhere
expect_status "--write-stub of something that is no shard exits 2" 2
like "... naming it" "$err" "the shard 'nowhere' is neither HOST:PORT (an xapian-tcpsrv) nor a directory"

# An incremental run on each machine: added, changed and removed articles
# go to their own shard only.
printf 'Added headline\n\nA new article about dingoes and oil prices.\n' > "$c/added.txt"
sed -i 's/wombats and oil/wombats and oil and gas/' "$c/extra.jsonl"
printf '{"id":"w4","title":"Bilbies","text":"Bilbies and the bank."}\n' >> "$c/extra.jsonl"
rm "$c/000_2d5cabb33bf2183e.txt"
sed -i 's/bank rates/bank rates and shares/' "$c/fm.txt"
run trawl_index --db "$tmp/one" "$c"
one_summary=$(printf '%s\n' "$out" | sed 's/^[^:]*: //; s/ ([0-9.]* s)$//')
run trawl_index --db "$tmp/m1/shard" --shard 1/2 "$c"
s1=$(printf '%s\n' "$out" | sed 's/^[^:]*: //; s/ ([0-9.]* s)$//')
run trawl_index --db "$tmp/m2/shard" --shard 2/2 "$c"
s2=$(printf '%s\n' "$out" | sed 's/^[^:]*: //; s/ ([0-9.]* s)$//')
sum=$(printf '%s\n%s\n' "$s1" "$s2" | awk -F'[ ,]+' '{ for (i = 1; i < NF; i++) if ($(i+1) ~ /^(added|updated|removed)$/) t[$(i+1)] += $i }
    END { printf "%d added, %d updated, %d removed", t["added"], t["updated"], t["removed"] }')
like "the two shards' runs add, update and remove what one index's run does" "$one_summary" "$sum"
is "the removed article is gone from its shard" \
    "$( (ids "$tmp/m1/shard"; ids "$tmp/m2/shard") | grep -c 000_2d5cabb33bf2183e.txt || true)" "0"
is "... and the added one is in exactly one" \
    "$( (ids "$tmp/m1/shard"; ids "$tmp/m2/shard") | grep -c '^added.txt$')" "1"
if command -v xapian-tcpsrv > /dev/null && command -v setsid > /dev/null; then
    compare_remote "after an incremental run" "$(trawl_search --db "$tmp/one" --format json --limit 20 --batch "$queries" | grep -c '"rank"')"
else
    for i in 1 2 3; do ok "# SKIP xapian-tcpsrv (xapian-tools) or setsid not installed"; done
fi

done_testing
