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
# every record and decodes every usable payload; the best speeds are
# reported, in MB/s of file bytes by wall time and by CPU time (steadier on
# a shared machine), with the peak resident set size (/usr/bin/time).  The
# files are read from the page cache (read just before): the reader's
# speed, not the disk's.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/options.sh"
LC_ALL=C
bench_options trawl-warc-bench b:w:s:n: "s=size_mb=512 n=runs=3" "[-b BUILDDIR] [-w WORKDIR] [-s MB] [-n RUNS]" "$@"
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
printf '%-14s %6s  %9s  %9s  %8s  %s\n' file MB "MB/s" "MB/s CPU" "peak RSS" records
for f in crawl.warc crawl.warc.gz pages.warc; do
    cat "$work/$f" > /dev/null      # into the page cache
    best_wall=0
    best_cpu=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%M' -o "$work/rss" "$dump" -q "$work/$f" 2> "$work/summary" > /dev/null
        wall=$(sed -n 's/.*: \([0-9.]*\) MB\/s, .*/\1/p' "$work/summary")
        cpu=$(sed -n 's/.* MB\/s, \([0-9.]*\) MB\/s of CPU/\1/p' "$work/summary")
        awk "BEGIN { exit !($wall > $best_wall) }" && best_wall=$wall
        awk "BEGIN { exit !($cpu > $best_cpu) }" && best_cpu=$cpu
    done
    printf '%-14s %6s  %9s  %9s  %6s MB  %s\n' "$f" "$(($(wc -c < "$work/$f") / 1000000))" \
        "$best_wall" "$best_cpu" "$(($(tail -n 1 "$work/rss") / 1024))" "$(head -n 1 "$work/summary")"
done
