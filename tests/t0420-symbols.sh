#!/bin/sh
# t0420-symbols.sh: libtrawl exports exactly the functions trawl.h declares.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

so=$TRAWL_BUILDDIR/lib/.libs/libtrawl.so
header=$TRAWL_SRCDIR/lib/trawl.h
if [ ! -f "$so" ]; then
    echo "1..0 # SKIP no shared library (configured with --disable-shared)"
    exit 0
fi

# Prototypes start in column 0 ("const char *trawl_version(void);"); the
# usage example in the header's comment is indented, and so left out.
declared=$(sed -n 's/^[a-z].*[ *]\(trawl_[a-z_]*\)(.*/\1/p' "$header" | sort)
exported=$(nm -D --defined-only "$so" | awk '{ print $3 }' | sort)
is "the shared library exports exactly the functions of trawl.h" "$exported" "$declared"
is "trawl.h declares 29 functions" "$(printf '%s\n' "$declared" | wc -l)" 29

is "trawl.h includes nothing but <stddef.h>" "$(grep '^#include' "$header")" "#include <stddef.h>"

# The static archive keeps the internal functions of searching: the
# programs link it.  The indexer's (libtrawlindex, with libxml2's HTML
# parser) stay out of the search library.
internal=$(nm --defined-only "$TRAWL_BUILDDIR/lib/.libs/libtrawl.a" 2> /dev/null |
    awk '$2 == "T" && ($3 == "searcher_run" || $3 == "page_parse" || $3 == "html_parse") { print $3 }' | sort)
is "the static archive holds the search's internal functions, not the indexer's" "$internal" "searcher_run"

done_testing
