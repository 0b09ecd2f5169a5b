#!/bin/sh
# warc-speed.sh: how fast the WARC reader (indexer/warc.c) streams large WARC files.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/warc-speed.sh [-b BUILDDIR] [-w WORKDIR] [-s MB] [-n RUNS]
#
# Builds bench/trawl-warc-dump (bench/warc-dump.c) and three files of MB to
# twice MB megabytes (default 512) in WORKDIR:
# - crawl.warc: tests/data/warc/crawl.warc (the wget crawl) concatenated:
#   small records (23 per 17 KB), so it measures the cost per record;
# - crawl.warc.gz: crawl.warc.gz concatenated, a gzip member per record;
# - pages.warc: responses of 1 MiB HTML pages (chunked, so the payload is
#   decoded), each after a request record: the cost per byte.
# Each is read RUNS times (default 3) with `trawl-warc-dump -q`, which reads
# every record and decodes every usable payload; the best time is reported
# as MB/s of file bytes.  The files are read from the page cache (written
# just before): the reader's speed, not the disk's.
set -eu
LC_ALL=C
export LC_ALL

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=$srcdir/build
work=${TMPDIR:-/tmp}/trawl-warc-bench
size_mb=512
runs=3
while getopts b:w:s:n: opt; do
    case $opt in
    b) build=$(cd "$OPTARG" && pwd) ;;
    w) work=$OPTARG ;;
    s) size_mb=$OPTARG ;;
    n) runs=$OPTARG ;;
    *) echo "usage: bench/warc-speed.sh [-b BUILDDIR] [-w WORKDIR] [-s MB] [-n RUNS]" >&2; exit 2 ;;
    esac
done
make -s -C "$build" bench/trawl-warc-dump
dump=$build/bench/trawl-warc-dump
mkdir -p "$work"

# repeat SOURCE TARGET: SOURCE doubled until TARGET has size_mb MB (up to twice that).
repeat() {
    cp "$1" "$2.part"
    while [ "$(wc -c < "$2.part")" -lt $((size_mb * 1000000)) ]; do
        cat "$2.part" "$2.part" > "$2.double"
        mv "$2.double" "$2.part"
    done
    mv "$2.part" "$2"
}

# A request and a 1 MiB chunked HTML response, as one WARC file.
make_pages_unit() {
    python3 - "$work/page-unit.warc" <<'PY'
import sys
para = b"<p>" + b"The council met on Tuesday and agreed the budget for the harbour. " * 14 + b"</p>\n"
html = b"<!DOCTYPE html>\n<html><body>\n" + para * (1048576 // len(para)) + b"</body></html>\n"
chunks = b"".join(b"%x\r\n%s\r\n" % (len(html[i:i + 65536]), html[i:i + 65536])
                  for i in range(0, len(html), 65536)) + b"0\r\n\r\n"
http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + chunks)
def record(kind, block, extra=b""):
    return (b"WARC/1.0\r\nWARC-Type: " + kind + b"\r\nWARC-Target-URI: http://example.org/page\r\n"
            b"WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:0>\r\n" + extra
            + b"Content-Length: %d\r\n\r\n" % len(block) + block + b"\r\n\r\n")
request = b"GET /page HTTP/1.1\r\nHost: example.org\r\n\r\n"
open(sys.argv[1], "wb").write(
    record(b"request", request, b"Content-Type: application/http;msgtype=request\r\n")
    + record(b"response", http, b"Content-Type: application/http;msgtype=response\r\n"))
PY
}

[ -s "$work/crawl.warc" ] || repeat "$srcdir/tests/data/warc/crawl.warc" "$work/crawl.warc"
[ -s "$work/crawl.warc.gz" ] || repeat "$srcdir/tests/data/warc/crawl.warc.gz" "$work/crawl.warc.gz"
if [ ! -s "$work/pages.warc" ]; then
    make_pages_unit
    repeat "$work/page-unit.warc" "$work/pages.warc"
fi

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for f in crawl.warc crawl.warc.gz pages.warc; do
    cat "$work/$f" > /dev/null      # into the page cache
    best=
    for _ in $(seq "$runs"); do
        line=$("$dump" -q "$work/$f" 2>&1 >/dev/null | sed -n 's/.* in \([0-9.]*\) s: \([0-9.]*\) MB\/s/\1 \2/p')
        speed=${line#* }
        if [ -z "$best" ] || awk "BEGIN { exit !($speed > $best) }"; then
            best=$speed
            best_line=$line
        fi
    done
    summary=$("$dump" -q "$work/$f" 2>&1 >/dev/null | head -n 1)
    printf '%-14s %6s MB  %8s s  %7s MB/s   (%s)\n' "$f" "$(($(wc -c < "$work/$f") / 1000000))" \
        "${best_line% *}" "$best" "$summary"
done
