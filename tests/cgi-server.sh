# cgi-server.sh: lighttpd serving the built trawl.cgi on 127.0.0.1, for the CGI tests.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced after test-lib.sh.  cgi_server_start indexes corpus/ into $tmp/db,
# puts a link to the built trawl.cgi in $tmp/www with a trawl.cgi.conf that
# names the index (as an administrator would install it), starts lighttpd
# on a free loopback port with mod_cgi, and sets $base_url to the page's
# address.  The server is stopped on exit, whether the test passes, fails
# or is interrupted.  Without lighttpd or curl the test is skipped.

lighttpd_bin=
for dir in /usr/sbin /usr/local/sbin /sbin $(printf '%s' "$PATH" | tr ':' ' '); do
    if [ -x "$dir/lighttpd" ]; then
        lighttpd_bin=$dir/lighttpd
        break
    fi
done
if [ -z "$lighttpd_bin" ] || ! command -v curl > /dev/null; then
    echo "1..0 # SKIP lighttpd or curl is not installed (setup.sh installs them)"
    exit 0
fi

server_pid=
cgi_server_stop() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
stop_on_exit cgi_server_stop

# lighttpd_start SETTINGS: starts lighttpd serving $tmp/www on a free
# loopback port, with SETTINGS (lighttpd lines: modules, handlers) added;
# sets $port, $server_pid and $base_url (trawl.cgi's URL).  A port taken
# between choosing and binding it is retried.
lighttpd_start() {
    for attempt in 1 2 3 4 5; do
        lighttpd_serve "$tmp/www" "$tmp" "$1"
        base_url="http://127.0.0.1:$port/trawl.cgi"
        wait_until "$server_pid" curl -s -o /dev/null --max-time 2 "$base_url" && return 0
        cgi_server_stop
    done
    echo "Bail out! lighttpd did not start: $(cat "$tmp/lighttpd.out" "$tmp/lighttpd-error.log" 2>/dev/null)"
    exit 1
}

# cgi_server_start [ENV-SETTINGS]: trawl.cgi as a CGI (one process per
# request) on the seed index; ENV-SETTINGS are lighttpd setenv pairs,
# e.g. '"TRAWL_CGI_HITS" => "2"'.
cgi_server_start() {
    mkdir -p "$tmp/www"
    [ -d "$tmp/db" ] || trawl_index --db "$tmp/db" "$TRAWL_SRCDIR/corpus" > /dev/null
    ln -sf "$TRAWL_BUILDDIR/trawl.cgi" "$tmp/www/trawl.cgi"
    printf '# trawl.cgi settings (doc/cgi.md)\nTRAWL_DB=%s\n' "$tmp/db" > "$tmp/www/trawl.cgi.conf"
    # Not for anyone to read: trawl.cgi refuses it in the document root.
    chmod o-r "$tmp/www/trawl.cgi.conf"
    lighttpd_start "server.modules = (\"mod_cgi\", \"mod_setenv\")
cgi.assign = (\".cgi\" => \"\")
setenv.add-environment = (${1:-})"
}

# fetch URL-SUFFIX [CURL-OPTIONS...]: GETs $base_url + URL-SUFFIX; the body
# goes to $body, the status to $code, the headers (lower-cased names, no CR)
# to $headers.
fetch() {
    suffix=$1
    shift
    code=$(curl -s --max-time 20 -o "$tmp/.body" -D "$tmp/.headers" -w '%{http_code}' "$@" \
        "$base_url$suffix") || code=000
    body=$(cat "$tmp/.body" 2>/dev/null || true)
    headers=$(tr -d '\r' < "$tmp/.headers" 2>/dev/null |
        sed 's/^\([A-Za-z-]*\):/\L\1:/' || true)
}

# markup_check: parses the HTML on stdin as a browser would and prints "clean", or the
# tags and attributes that only a successful injection would put there:
# elements that run or load something, event handlers, javascript: links.
markup_check() {
    "${PYTHON3:-python3}" -c '
import sys
from html.parser import HTMLParser
bad = []
class Check(HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "svg", "iframe", "object", "embed", "base", "link"):
            bad.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                bad.append(tag + " " + name)
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                bad.append(tag + " " + name + "=" + value)
Check().feed(sys.stdin.read())
print(" ".join(bad) if bad else "clean")'
}
