#!/bin/sh
# t0020-index.sh: indexing the seed corpus, and files that cannot be indexed.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

db="$tmp/db"
run trawl_index --db "$db" "$TRAWL_SRCDIR/corpus"
expect_status "indexing the seeds succeeds" 0
like "the summary counts 5 added, and the README it skips" "$out" "$db: 5 added, 0 updated, 0 removed, 0 unchanged, 0 failed, 1 skipped (.md 1) ("
is "nothing on stderr" "$err" ""

if [ -n "${XAPIAN_CHECK:-}" ]; then
    run "$XAPIAN_CHECK" "$db"
    expect_status "xapian-check passes on the index" 0
    like "xapian-check finds no errors" "$out" "No errors found"
else
    ok "xapian-check passes on the index # SKIP xapian-check not installed"
    ok "xapian-check finds no errors # SKIP xapian-check not installed"
fi

run trawl_search --db "$db" --count ccg
is "every seed article mentions CCGs" "$out" "5"

# Boilerplate never reaches the index: these lines are banners and furniture.
for phrase in "intended for health professionals" "Unsuitable or offensive" \
              "Ads by Google" "Related articles" "cookies disabled" "latest jobs"; do
    run trawl_search --db "$db" --format json --limit 100 "$phrase"
    unlike "no snippet shows '$phrase'" "$out" "$phrase"
done
run trawl_search --db "$db" --count offensive unsuitable
is "'Unsuitable or offensive?' is not indexed" "$out" "0"
run trawl_search --db "$db" --count google
is "'Ads by Google' is not indexed" "$out" "0"

# Metadata: what the articles state, from the text and the manifest.
run trawl_search --db "$db" --format json --limit 10 reporter mooney grey
like "003's headline is found once, as its title" "$out" '"title":"Feature: Grey Area","title_derived":false'
like "003's date comes from its date line" "$out" '"date":"2014-06-03"'
like "003's byline is stated" "$out" '"byline":"Helen Mooney"'
run trawl_search --db "$db" --format json --limit 1 "system resilience groups"
like "000 has no headline: its title is derived" "$out" '"title_derived":true'
like "000's source comes from the manifest" "$out" '"source":"HSJ"'
run trawl_search --db "$db" --format json --limit 1 worryingly fast
like "001's headline printed twice becomes one title" "$out" '"title":"CCG leaders: ‘Worryingly fast’ move to hand commissioning powers to ICSs"'
unlike "001's comment timestamp is not its date" "$out" '"date":"2021'
like "001's date stays unknown" "$out" '"date":null'

# Files that cannot be indexed are reported with path and reason; the rest goes on.
bad="$tmp/bad"
copy_corpus "$bad"
: > "$bad/empty.txt"
printf 'not gzip at all' > "$bad/notgzip.txt.gz"
printf 'Headline\n\nA long enough story text to be cut short.\n' | gzip | head -c 30 > "$bad/truncated.txt.gz"
printf 'Headline\n\nSome story text about nettles.\n' | gzip > "$bad/good.txt.gz"
mkdir "$bad/sub"
ln -s .. "$bad/sub/loop"
printf 'A story in a subdirectory about hedgehogs.\n' > "$bad/sub/deep.txt"
run trawl_index --db "$tmp/bad.db" "$bad"
expect_status "some files failed: exit status 1" 1
like "an empty file is reported with its path" "$err" "trawl-index: error: cannot index '$bad/empty.txt': no article text"
like "a .gz that is not gzip is reported with its path" "$err" "trawl-index: error: cannot read '$bad/notgzip.txt.gz': not gzip data"
like "a truncated .gz is reported with its path" "$err" "trawl-index: error: cannot read '$bad/truncated.txt.gz': corrupt or truncated gzip data"
like "a symbolic link loop is reported" "$err" "trawl-index: error: skipping '$bad/sub/loop': symbolic link loop"
like "the other files are indexed" "$out" ": 7 added, 0 updated, 0 removed, 0 unchanged, 4 failed"
run trawl_search --db "$tmp/bad.db" --count hedgehogs
is "a file in a subdirectory is indexed" "$out" "1"
run trawl_search --db "$tmp/bad.db" --count nettles
is "a gzipped file is indexed" "$out" "2"

# Empty corners: an empty directory, a manifest with only its header row.
mkdir -p "$tmp/hollow/empty-dir"
printf 'id\tsource\n' > "$tmp/hollow/manifest.tsv"
printf 'Headline\n\nA story about wombats.\n' > "$tmp/hollow/w.txt"
run trawl_index --db "$tmp/hollow.db" "$tmp/hollow"
expect_status "an empty directory and a header-only manifest are fine" 0
like "the one article is added" "$out" ": 1 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
run trawl_index --db "$tmp/hollow2.db" "$tmp/hollow/empty-dir"
like "indexing an empty directory adds nothing" "$out" ": 0 added, 0 updated, 0 removed, 0 unchanged, 0 failed"

run trawl_index --db "$tmp/x.db" "$tmp/no-such-dir"
expect_status "a missing PATH exits 2" 2
is "a missing PATH is named" "$err" "trawl-index: error: cannot index '$tmp/no-such-dir': No such file or directory"
if [ -e "$tmp/x.db" ]; then not_ok "a missing PATH creates no index"; else ok "a missing PATH creates no index"; fi

run trawl_index --db "$db" --language french "$TRAWL_SRCDIR/corpus"
expect_status "changing the language of an index exits 2" 2
like "changing the language is refused with a reason" "$err" "the index '$db' was built with --language english, not french"

# The index location: --db, then TRAWL_DB, then ./trawl.db.
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && trawl_index -q "$TRAWL_SRCDIR/corpus") > /dev/null
if [ -d "$tmp/cwd/trawl.db" ]; then ok "the default index is ./trawl.db"; else not_ok "the default index is ./trawl.db"; fi
TRAWL_DB="$tmp/env.db" trawl_index -q "$TRAWL_SRCDIR/corpus"
if [ -d "$tmp/env.db" ]; then ok "TRAWL_DB chooses the index"; else not_ok "TRAWL_DB chooses the index"; fi

done_testing
