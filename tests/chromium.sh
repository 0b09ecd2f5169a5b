# chromium.sh: Debian's chromium, headless, for the browser tests (sourced
# after test-lib.sh).  Skips the whole test when chromium is not installed;
# gives chrome ARGS... (a profile of its own, a time limit, stdout in
# $tmp/.dom), $artifacts, where screenshots are kept for people to look
# at, and screenshot NAME SIZE URL WHAT: a PNG of URL at SIZE kept as
# tests/artifacts/NAME, a test point.
# SPDX-License-Identifier: GPL-2.0-or-later
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium_bin" ]; then
    echo "1..0 # SKIP chromium is not installed (setup.sh installs it)"
    exit 0
fi
artifacts=$TRAWL_BUILDDIR/tests/artifacts
mkdir -p "$artifacts"

chrome() {
    timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update --disable-sync \
        --no-first-run --user-data-dir="$tmp/chrome-profile" "$@" \
        > "$tmp/.dom" 2> "$tmp/.chrome-err"
}

screenshot() {
    rm -f "$artifacts/$1"
    chrome --screenshot="$artifacts/$1" --window-size="$2" "$3"
    if [ -s "$artifacts/$1" ] && [ "$(head -c 4 "$artifacts/$1" | od -An -c | tr -d ' ')" = '211PNG' ]; then
        ok "$4 kept: tests/artifacts/$1"
    else
        not_ok "$4" "$(cat "$tmp/.chrome-err")"
    fi
}
