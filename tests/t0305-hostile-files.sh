#!/bin/sh
# t0305-hostile-files.sh: a hostile archive cannot bring files from outside
# into the index, exhaust memory, or leave a run's workers behind.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

c="$tmp/archive"
mkdir -p "$c/sub" "$tmp/outside"
printf 'A page\n\nA story about marmots.\n' > "$c/page.txt"
printf 'Outside\n\nSecret words: xylophone quartermaster.\n' > "$tmp/outside/secret.txt"
ln -s "$tmp/outside/secret.txt" "$c/secret.txt"
ln -s "$tmp/outside" "$c/elsewhere"
ln -s /etc/passwd "$c/passwd.txt"
ln -s ../page.txt "$c/sub/again.txt"         # inside the corpus: followed

run trawl_index --db "$tmp/db" "$c"
expect_status "links out of the corpus do not fail the run" 0
like "each is skipped with a warning naming it and its target" "$err" \
    "trawl-index: warning: skipping '$c/secret.txt': a symbolic link to '$tmp/outside/secret.txt', outside the corpus '$c' (--follow-symlinks reads it)"
like "... directories too" "$err" "skipping '$c/elsewhere': a symbolic link to '$tmp/outside'"
like "... and /etc/passwd" "$err" "skipping '$c/passwd.txt': a symbolic link to '/etc/passwd'"
like "the summary counts them" "$out" "3 skipped ((links out of corpus) 3)"
run trawl_search --db "$tmp/db" --count xylophone OR root
is "nothing from outside is searchable" "$out" "0"
run trawl_search --db "$tmp/db" --format tsv --fields id --limit 0 marmots
is "a link inside the corpus is followed" "$(printf '%s\n' "$out" | sort)" "id
page.txt
sub/again.txt"
run trawl_index --db "$tmp/follow.db" --follow-symlinks "$c"
run trawl_search --db "$tmp/follow.db" --count xylophone
is "--follow-symlinks reads them" "$out" "2"

# Memory: a gzip bomb stops at the budget (an eighth of --memory).
mkdir "$tmp/bomb"
head -c 40000000 /dev/zero | tr '\0' 'a' | gzip -9 > "$tmp/bomb/bomb.txt.gz"
printf 'Fine\n\nA fine story about voles.\n' > "$tmp/bomb/fine.txt"
/usr/bin/time -f '%M' -o "$tmp/rss" "$TRAWL_INDEX" --memory 96 --db "$tmp/bomb.db" "$tmp/bomb" \
    > "$tmp/.out" 2> "$tmp/.err" || true
is "a file expanding past the budget is refused, with the limit" "$(cat "$tmp/.err")" \
    "trawl-index: error: cannot read '$tmp/bomb/bomb.txt.gz': over the limit of 12 MiB (--memory)"
like "... and the rest indexed" "$(cat "$tmp/.out")" ": 1 added, 0 updated, 0 removed, 0 unchanged, 1 failed"
rss=$(tail -n 1 "$tmp/rss")
if [ "$rss" -lt 150000 ]; then ok "... in bounded memory (${rss} KB)"; else not_ok "... in bounded memory" "max RSS ${rss} KB"; fi

# JSON Lines: a byte order mark, a record past the budget skipped, the rest read.
mkdir "$tmp/jl"
{ printf '\357\273\277{"id":"first","title":"First","text":"After a BOM."}\n'
  printf '{"id":"big","text":"'; head -c 13000000 /dev/zero | tr '\0' 'b'; printf '"}\n'
  printf '{"id":"last","title":"Last","text":"After the big one."}\n'; } > "$tmp/jl/r.jsonl"
run trawl_index --memory 96 --db "$tmp/jl.db" "$tmp/jl"
is "a record past the budget is skipped, named by its line" "$err" \
    "trawl-index: error: $tmp/jl/r.jsonl:2: record over the limit of 12 MiB (--memory): skipped"
like "... the records around it indexed (the first after a BOM)" "$out" ": 2 added, 0 updated, 0 removed, 0 unchanged, 1 failed"

# gzip: bytes after the gzip data are said, the text indexed.
mkdir "$tmp/tail"
printf 'Tail\n\nA story about stoats.\n' | gzip > "$tmp/tail/t.txt.gz"
printf 'junk' >> "$tmp/tail/t.txt.gz"
run trawl_index --db "$tmp/tail.db" "$tmp/tail"
is "trailing bytes after gzip data: a warning" "$err" \
    "trawl-index: warning: '$tmp/tail/t.txt.gz': trailing data after the gzip data ignored"
run trawl_search --db "$tmp/tail.db" --count stoats
is "... and the text is indexed" "$out" "1"

# Mail nested past the MIME depth: the parts skipped, said.
mkdir "$tmp/mail"
{ printf 'From: a@example.org\nSubject: Deep\nMIME-Version: 1.0\n'
  for i in 1 2 3 4 5 6 7 8 9 10; do printf 'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' $i $i; done
  printf 'Content-Type: text/plain\n\nDeep inside.\n'; } > "$tmp/mail/deep.eml"
run trawl_index --db "$tmp/mail.db" "$tmp/mail"
like "mail nested too deep is reported, not lost in silence" "$err" "parts nested more than 8 deep skipped"

# A --jobs run whose parent is killed: its parts die with it, and the next
# run starts at once (no orphan holds a lock).
bbc="$TRAWL_SRCDIR/../shared/corpora/bbc-news/bbc"
if [ -d "$bbc" ]; then
    "$TRAWL_INDEX" -q --jobs 2 --db "$tmp/jobs.db" "$bbc" > /dev/null 2>&1 &
    parent=$!
    sleep 1
    kill -9 "$parent"
    wait "$parent" 2> /dev/null || true
    sleep 0.5
    left=$(pgrep -f -- "--db $tmp/jobs.db" | wc -l | tr -d ' ')
    is "a killed parent's parts die with it" "$left" "0"
    run trawl_index -q --lock-wait 0 --jobs 2 --db "$tmp/jobs.db" "$bbc"
    expect_status "... and a re-run starts at once" 0
else
    ok "# SKIP $bbc not found"
    ok "# SKIP $bbc not found"
fi

done_testing
