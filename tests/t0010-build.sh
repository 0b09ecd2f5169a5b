#!/bin/sh
# t0010-build.sh: --help, --version and usage errors of both programs.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

for prog in trawl_index trawl_search; do
    name=$(echo $prog | tr _ -)
    run $prog --help
    expect_status "$name --help exits 0" 0
    like "$name --help prints usage to stdout" "$out" "Usage: $name [OPTION]..."
    like "$name --help documents the exit status" "$out" "Exit status:"
    like "$name --help documents --db and TRAWL_DB" "$out" '--db DIR          the index (default: $TRAWL_DB, else ./trawl.db)'
    is "$name --help writes nothing to stderr" "$err" ""

    run $prog --version
    expect_status "$name --version exits 0" 0
    like "$name --version names the program" "$out" "$name 0.1.0 (Xapian 1.4"

    run $prog --no-such-option
    expect_status "$name rejects an unknown option with 2" 2
    like "$name says how to get help" "$err" "try '$name --help' for more information"
done

run trawl_index
expect_status "trawl-index without PATH exits 2" 2
is "trawl-index without PATH says so" "$err" "trawl-index: error: no PATH to index
try 'trawl-index --help' for more information"

run trawl_search
expect_status "trawl-search without QUERY exits 2" 2
is "trawl-search without QUERY says so" "$err" "trawl-search: error: no QUERY given
try 'trawl-search --help' for more information"

run trawl_search --limit ten x
expect_status "a bad --limit exits 2" 2
like "a bad --limit names the value" "$err" "trawl-search: error: --limit: 'ten' is not a number"

run trawl_search --format xml x
expect_status "a bad --format exits 2" 2
like "a bad --format names the value" "$err" "--format: 'xml' is not one of text, json"

run trawl_search --color=sometimes x
expect_status "a bad --color exits 2" 2
like "a bad --color names the value" "$err" "--color: 'sometimes' is not one of auto, always, never"

run trawl_index --language klingon "$TRAWL_SRCDIR/corpus"
expect_status "an unknown language exits 2" 2
like "an unknown language is named, with the choices" "$err" "unknown language 'klingon' (available: "
like "the choices include english" "$err" "english"

run trawl_index --list-languages
expect_status "--list-languages exits 0" 0
like "--list-languages lists english" "$out" "english"
like "--list-languages lists french" "$out" "french"

done_testing
