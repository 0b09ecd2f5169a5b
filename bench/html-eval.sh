#!/bin/sh
# html-eval.sh: how well and how fast trawl pulls the article out of web pages,
# beside readability-lxml and an "all text" baseline, on the html-eval corpus.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/html-eval.sh [BUILD_DIR] [--trawl-only] [--details FILE]
#   BUILD_DIR   a configured build tree (default: build)
#   --trawl-only  score trawl alone (quick, while working on the rules)
#   --details FILE  per page: trawl's missed and wrongly kept segments
# Environment: HTML_EVAL (default /work/shared/corpora/html-eval), PYTHON
# (a python3 with lxml and readability; default /usr/bin/python3, Debian's,
# where python3-readability installs), REPEAT (extractions per page for
# timing trawl, default 3).
# Scoring rules: bench/html-score.py.  Figures: doc/benchmarks.md,
# "HTML pages".
set -eu
build=build
baselines="--readability --alltext"
details=
while [ $# -gt 0 ]; do
    case $1 in
    --trawl-only) baselines= ;;
    --details) details="--details $2"; shift ;;
    *) build=$1 ;;
    esac
    shift
done
srcdir=$(cd "$(dirname "$0")/.." && pwd)
corpus=${HTML_EVAL:-/work/shared/corpora/html-eval}
python=${PYTHON:-/usr/bin/python3}
repeat=${REPEAT:-3}
[ -d "$corpus/pages" ] || { echo "html-eval.sh: error: no corpus in '$corpus'" >&2; exit 2; }
if [ -n "$baselines" ] && ! "$python" -c 'import readability, lxml' 2> /dev/null; then
    echo "html-eval.sh: error: $python lacks readability-lxml (apt-get install python3-readability)" >&2
    exit 2
fi
make -s -C "$build" bench/trawl-html-extract
tmp=$(mktemp -d "${TMPDIR:-/tmp}/html-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The pages are gunzipped first, so that trawl's time is that of reading
# HTML, as readability's is (both are timed without reading the files).
mkdir "$tmp/pages"
for f in "$corpus"/pages/*.gz; do
    name=$(basename "$f" .gz)
    gzip -dc "$f" > "$tmp/pages/$name"
done
find "$tmp/pages" -type f | sort > "$tmp/list"
tr '\n' '\0' < "$tmp/list" | xargs -0 "$build/bench/trawl-html-extract" --time --repeat "$repeat" \
    > "$tmp/trawl.jsonl" 2> "$tmp/trawl.err" || true
# The floor under it: libxml2's parse alone, with the same options.
tr '\n' '\0' < "$tmp/list" | xargs -0 "$build/bench/trawl-html-extract" --time --parse-only \
    --repeat "$repeat" 2> "$tmp/parse.err" || true
# xargs may run the extractor more than once: add up the times.
per_pass() {
    awk -v r="$repeat" '/ bytes in / { for (i = 1; i <= NF; i++) if ($i == "in") s += $(i + 1) }
        END { print s / r }' "$1"
}
seconds=$(per_pass "$tmp/trawl.err")
warnings=$(grep -c 'warning:' "$tmp/trawl.err" || true)
echo "trawl: $(wc -l < "$tmp/trawl.jsonl") pages, $warnings warnings, ${seconds} s per pass ($repeat passes)"
echo "libxml2's parse alone (trawl-html-extract --parse-only): $(per_pass "$tmp/parse.err") s per pass"
# shellcheck disable=SC2086
"$python" "$srcdir/bench/html-score.py" "$corpus" "$tmp/trawl.jsonl" "$seconds" $baselines $details
