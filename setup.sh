#!/bin/sh
# setup.sh: install what trawl needs (Debian), build it, then run the demo or the tests.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: ./setup.sh demo             build, index corpus/, search "area teams bullying"
#        ./setup.sh check            build and run the whole test suite (make check)
#        ./setup.sh check-sanitize   the same, built with ASan + UBSan (in build-asan/)
#        ./setup.sh build            only install and build
set -eu
cd "$(dirname "$0")"
action=${1:-demo}

# Debian packages: the build, then what the tests use (tmux: a real
# terminal for t0460; strace: what trawl.cgi asks of the kernel, t0340),
# then bash-completion, without which the installed
# completion (doc/completion/trawl.bash) is never loaded.
packages="build-essential autoconf automake libtool pkg-config
libxapian-dev libstemmer-dev zlib1g-dev libdeflate-dev libjemalloc-dev libfcgi-dev libxml2-dev xapian-tools python3 valgrind
lighttpd chromium curl wrk xapian-omega libfcgi-bin
pandoc python3-xapian mandoc time clang libclang-rt-14-dev python3-readability tmux
strace bash-completion"

missing=
for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup.sh: installing Debian packages:$missing"
    if [ "$(id -u)" -eq 0 ]; then sudo=; elif command -v sudo > /dev/null; then sudo=sudo; else
        echo "setup.sh: error: need root (or sudo) to install:$missing" >&2
        exit 2
    fi
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

[ -x configure ] || autoreconf -fi

build() {  # build DIR CONFIGURE-OPTIONS...
    dir=$1
    shift
    mkdir -p "$dir"
    (cd "$dir" && { [ -f Makefile ] || ../configure -q --enable-werror "$@"; } &&
        make -s -j"$(nproc)")
}

case $action in
build)
    build build
    ;;
demo)
    build build
    build/trawl-index --db trawl.db corpus
    echo
    build/trawl-search --db trawl.db "area teams bullying"
    ;;
check)
    build build
    make -C build -s -j"$(nproc)" check
    ;;
check-sanitize)
    build build-asan --enable-sanitizers
    make -C build-asan -s -j"$(nproc)" check
    ;;
*)
    echo "setup.sh: error: unknown action '$action' (demo, check, check-sanitize, build)" >&2
    exit 2
    ;;
esac
