#!/bin/sh
# t0476-doc-cgi.sh: doc/cgi.md's lighttpd snippet, run as written (paths
# aside) behind a real lighttpd: /search answers with results.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
. "$TRAWL_SRCDIR/tests/cgi-server.sh"

trawl_index -q --db "$tmp/db" "$TRAWL_SRCDIR/corpus"
mkdir -p "$tmp/www"
# The indented block after "### lighttpd", with the installed program and
# the index where this test has them.
snippet=$(awk '/^### lighttpd/ { on = 1; next }
               on && /^    / { print substr($0, 5); found = 1; next }
               on && found && !/^    / { exit }' "$TRAWL_SRCDIR/doc/cgi.md" |
          sed -e "s|/usr/lib/cgi-bin/trawl.cgi|$TRAWL_BUILDDIR/trawl.cgi|" \
              -e "s|/srv/trawl/news.db|$tmp/db|")
like "doc/cgi.md has a lighttpd snippet" "$snippet" 'alias.url += ("/search"'
lighttpd_start "$snippet"
code=$(curl -s --max-time 20 -o "$tmp/page" -w '%{http_code}' \
    "http://127.0.0.1:$port/search?q=bullying") || code=000
is "the snippet serves /search" "$code" 200
like "... with results from TRAWL_DB" "$(cat "$tmp/page")" "002_7add833defd93f9a.txt"
unlike "lighttpd names no unknown setting" "$(cat "$tmp/lighttpd-error.log" 2>/dev/null)" \
    "unknown config-key"

done_testing
