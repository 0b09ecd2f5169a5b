#!/bin/sh
# run.sh: runs each libFuzzer target given for $FUZZ_SECONDS seconds (60 if
# unset) from its seed corpus in tests/fuzz/corpus/<name>/, and prints one
# line per target: "PASS: fuzz-x (N runs)" or "FAIL: fuzz-x" followed by
# the crash report and the input that caused it (kept in $FUZZ_ARTIFACTS,
# by default ./fuzz-artifacts).  Exit status 1 if any target failed.
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
seconds=${FUZZ_SECONDS:-60}
srcdir=$(cd "$(dirname "$0")" && pwd)
artifacts=${FUZZ_ARTIFACTS:-fuzz-artifacts}
mkdir -p "$artifacts"
failed=0
for target in "$@"; do
    name=$(basename "$target")
    seeds="$srcdir/corpus/${name#fuzz-}"
    # New inputs go to a scratch directory, never into the source tree.
    work=$(mktemp -d "${TMPDIR:-/tmp}/trawl-fuzz.XXXXXX")
    log="$artifacts/$name.log"
    if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
           -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
           "$work" "$seeds" > "$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        echo "PASS: $name (${runs:-?} runs in ${seconds} s)"
    else
        echo "FAIL: $name"
        grep -A12 'ERROR\|invariant failed\|deadly signal' "$log" | head -40 | sed 's/^/    /'
        ls "$artifacts/$name-"* 2>/dev/null | sed 's/^/    input: /'
        failed=1
    fi
    rm -rf "$work"
done
exit "$failed"
