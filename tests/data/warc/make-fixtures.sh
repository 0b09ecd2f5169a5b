#!/bin/sh
# make-fixtures.sh: regenerates the crawled WARC fixtures of tests/unit/warc.c
# with real tools: lighttpd serves a small site on 127.0.0.1 and wget
# crawls it into a WARC, once gzip-compressed and once plain.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: tests/data/warc/make-fixtures.sh   (writes crawl.warc.gz, crawl.warc
# beside itself).  Needs lighttpd, lighttpd-mod-deflate, wget and python3
# (Debian packages); the tests only read the committed files, so neither
# setup.sh nor CI installs these.  The site:
#   index.html     links to everything below (text/html; charset=utf-8)
#   story.html     a plain article
#   gz/zipped.html an article the server sends with Content-Encoding: gzip
#                  (mod_deflate; wget asks for it with --compression=gzip)
#   live.cgi       an article written by a CGI script without a length,
#                  which lighttpd sends with Transfer-Encoding: chunked
#   old.html       a 301 redirect to story.html
#   missing.html   a 404 (so is robots.txt, which wget asks for)
#   latin.html     an article in ISO-8859-1 (charset stated by the server)
#   photo.png      an image: a response that is not HTML
# The records' dates, the server's Date and Last-Modified headers and the
# digests change with every run: the tests assert what the committed files
# hold, so after regenerating them, update tests/unit/warc.c to match.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../net.sh"   # lighttpd_serve
lighttpd_bin=$(command -v lighttpd || echo /usr/sbin/lighttpd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warc-fixtures.XXXXXX")
server_pid=
stop() {
    [ -z "$server_pid" ] || { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; }
    rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT TERM

www=$tmp/www
mkdir -p "$www/gz"
page() {  # page FILE TITLE PARAGRAPH: an article of a few hundred bytes
    cat > "$www/$1" <<PAGE
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>$2</title></head>
<body><article><h1>$2</h1>
<p>$3</p>
<p>Reporters filed this story for the trawl test crawl; nothing in it is news.
It is long enough that a server compresses it, and short enough to read.</p>
</article></body></html>
PAGE
}
cat > "$www/index.html" <<'PAGE'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test news</title></head>
<body><h1>Test news</h1><ul>
<li><a href="story.html">Story</a></li>
<li><a href="gz/zipped.html">Zipped</a></li>
<li><a href="live.cgi">Live</a></li>
<li><a href="old.html">Old</a></li>
<li><a href="missing.html">Missing</a></li>
<li><a href="latin.html">Latin</a></li>
<li><img src="photo.png" alt="photo"></li>
</ul></body></html>
PAGE
page story.html "Harbour reopens" "The harbour reopened on Monday after a week of storms closed it to ferries."
page gz/zipped.html "Bridge repaired" "Engineers finished repairing the bridge, which the council had shut in June."
printf '<!DOCTYPE html>\n<html><head><meta charset="iso-8859-1"><title>Caf\351 opens</title></head>\n<body><p>A caf\351 opened in the square; its cr\350me br\373l\351e sold out.</p></body></html>\n' > "$www/latin.html"
cat > "$www/live.cgi" <<'CGI'
#!/bin/sh
printf 'Content-Type: text/html; charset=utf-8\r\n\r\n'
printf '<!DOCTYPE html>\n<html><head><title>Live scores</title></head><body>\n'
sleep 0.2
printf '<p>The home side led at half time, and the match is still going on.</p>\n'
sleep 0.2
printf '</body></html>\n'
CGI
chmod +x "$www/live.cgi"
# A 2x2 PNG, written by zlib from Python's standard library.
python3 - "$www/photo.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
raw = b"".join(b"\0" + b"\xff\x00\x00" * 2 for _ in range(2))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY

lighttpd_serve "$www" "$tmp" "$(cat <<CONF
server.modules = ( "mod_redirect", "mod_cgi", "mod_deflate" )
server.stream-response-body = 2
mimetype.assign = ( ".html" => "text/html; charset=utf-8", ".png" => "image/png" )
\$HTTP["url"] == "/latin.html" { mimetype.assign = ( ".html" => "text/html; charset=iso-8859-1" ) }
cgi.assign = ( ".cgi" => "" )
url.redirect = ( "^/old\.html\$" => "/story.html" )
url.redirect-code = 301
\$HTTP["url"] =~ "^/gz/" {
    deflate.mimetypes = ( "text/html" )
    deflate.allowed-encodings = ( "gzip" )
}
CONF
)"
for _ in $(seq 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
    sleep 0.1
done

crawl() {  # crawl NAME WGET-OPTIONS...: crawls the site into $tmp/NAME.warc[.gz]
    name=$1
    shift
    (cd "$tmp" && wget -q --recursive --level=2 --compression=gzip --no-warc-keep-log \
        --warc-file="$name" "$@" -P "mirror-$name" "http://127.0.0.1:$port/index.html") || true
}
crawl crawl
crawl crawl-plain --no-warc-compression
cp "$tmp/crawl.warc.gz" "$here/crawl.warc.gz"
cp "$tmp/crawl-plain.warc" "$here/crawl.warc"
ls -l "$here/crawl.warc.gz" "$here/crawl.warc"
