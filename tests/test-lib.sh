# test-lib.sh: shared set-up for the shell tests (sourced, TAP output).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Gives: a temporary directory $tmp removed on exit; the built programs as
# trawl_index / trawl_search (under valgrind when TRAWL_VALGRIND=1); and
# TAP helpers: ok, not_ok, is, like, unlike, expect_status, done_testing.
set -eu
LC_ALL=C.UTF-8
export LC_ALL
unset TRAWL_DB NO_COLOR

: "${TRAWL_SRCDIR:?run the tests with make check}"
: "${TRAWL_INDEX:?run the tests with make check}"
: "${TRAWL_SEARCH:?run the tests with make check}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/trawl-test.XXXXXX")
# cleanup_tmp: removes $tmp, made writable first (tests take rights away).
cleanup_tmp() {
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup_tmp EXIT
# trawl-search reads defaults from $XDG_CONFIG_HOME/trawl/config: the
# tests must not see the config of whoever runs them.
XDG_CONFIG_HOME=$tmp/config
export XDG_CONFIG_HOME

test_count=0
test_failed=0

VALGRIND=
if [ "${TRAWL_VALGRIND:-0}" = 1 ]; then
    VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
fi

trawl_index() { $VALGRIND "$TRAWL_INDEX" "$@"; }
trawl_search() { $VALGRIND "$TRAWL_SEARCH" "$@"; }

ok() {
    test_count=$((test_count + 1))
    echo "ok $test_count - $1"
}

not_ok() {
    test_count=$((test_count + 1))
    test_failed=$((test_failed + 1))
    echo "not ok $test_count - $1"
    shift
    for line in "$@"; do printf '#   %s\n' "$line"; done
}

# is NAME GOT EXPECTED: exact comparison; shows a diff on failure.
is() {
    if [ "$2" = "$3" ]; then
        ok "$1"
    else
        not_ok "$1"
        printf '%s\n' "$3" > "$tmp/.expected"
        printf '%s\n' "$2" > "$tmp/.got"
        diff -u "$tmp/.expected" "$tmp/.got" | sed 's/^/#   /' || true
    fi
}

# like NAME TEXT PATTERN: TEXT contains the fixed string PATTERN.
like() {
    case "$2" in
    *"$3"*) ok "$1" ;;
    *) not_ok "$1" "expected to find: $3" "in: $(printf '%s' "$2" | head -c 2000)" ;;
    esac
}

# unlike NAME TEXT PATTERN: TEXT does not contain PATTERN.
unlike() {
    case "$2" in
    *"$3"*) not_ok "$1" "did not expect: $3" ;;
    *) ok "$1" ;;
    esac
}

# run CMD...: runs CMD, keeping stdout in $out, stderr in $err and the exit
# status in $status, whatever the status.
run() {
    set +e
    "$@" > "$tmp/.out" 2> "$tmp/.err"
    status=$?
    set -e
    out=$(cat "$tmp/.out")
    err=$(cat "$tmp/.err")
}

# expect_status NAME EXPECTED: checks $status from the last run.
expect_status() {
    if [ "$status" -eq "$2" ]; then
        ok "$1"
    else
        not_ok "$1" "exit status $status, expected $2" "stderr: $err"
    fi
}

done_testing() {
    echo "1..$test_count"
    [ "$test_failed" -eq 0 ]
}

# free_port, lighttpd_serve
. "$TRAWL_SRCDIR/tests/net.sh"

# stop_on_exit CMD: on exit, CMD (stopping what the test started) and then
# cleanup_tmp; an interrupt exits 130, so that they run then too.
stop_on_exit() {
    trap "$1; cleanup_tmp" EXIT
    trap 'exit 130' INT TERM
}

# wait_until PID CMD...: status 0 once CMD succeeds, tried every 0.1 s for
# up to 5 seconds while process PID lives; 1 if it never did.
wait_until() {
    wait_pid=$1
    shift
    for _ in $(seq 50); do
        "$@" && return 0
        kill -0 "$wait_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# many_words_index: $tmp/many.db, one article of 201 words zzq0 ... zzq200:
# one more than a wildcard may stand for.
many_words_index() {
    mkdir "$tmp/many"
    i=0; words=
    while [ $i -lt 201 ]; do words="$words zzq$i"; i=$((i + 1)); done
    printf 'Many words\n\n%s.\n' "$words" > "$tmp/many/a.txt"
    trawl_index -q --db "$tmp/many.db" "$tmp/many"
}

# A copy of the seed corpus that a test may change.
copy_corpus() {
    mkdir -p "$1"
    cp "$TRAWL_SRCDIR"/corpus/*.txt "$TRAWL_SRCDIR"/corpus/manifest.tsv "$1"/
}

# sample_corpus DIR: 200 real articles (BBC News business, when ../shared
# has it) and the seed corpus, in DIR.
sample_corpus() {
    bbc="$TRAWL_SRCDIR/../shared/corpora/bbc-news/bbc/business"
    if [ -d "$bbc" ]; then
        mkdir -p "$1"
        cp "$bbc"/0*.txt "$bbc"/1*.txt "$1"/
    else
        copy_corpus "$1"
    fi
    cp "$TRAWL_SRCDIR"/corpus/*.txt "$1"/
}

# same_search A B LABEL: the same hits, scores, snippets and statistics.
same_search() {
    for query in "area teams bullying" "brambles nettles" "wombat OR numbat OR quokka" \
        '"the new"' "ru*"; do
        run trawl_search --db "$2" --format json --limit 0 "$query"
        b=$out
        run trawl_search --db "$1" --format json --limit 0 "$query"
        is "$3: '$query': byte-identical JSON" "$out" "$b"
    done
    run trawl_search --db "$1" --stats
    b=$(trawl_search --db "$2" --stats)
    is "$3: the same statistics" "$out" "$b"
}
