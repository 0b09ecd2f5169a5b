# options.sh: the start every benchmark script shares (sourced).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Needs $srcdir (the source tree).  Sets the C.UTF-8 locale (a script that
# wants another sets its own after), build=$srcdir/build and
# corpora=${TRAWL_CORPORA:-$srcdir/../shared/corpora}.
#
# bench_options NAME SPEC USAGE "$@": work=${TMPDIR:-/tmp}/NAME, then parses
# the options of getopts SPEC: -b BUILDDIR and -w WORKDIR here, any other
# letter by the script's bench_opt LETTER OPTARG (which returns non-zero for
# a letter it does not take).  A wrong option prints "usage: $0 USAGE" and
# exits 2.  The caller then shifts $((OPTIND - 1)).

LC_ALL=C.UTF-8
export LC_ALL
build=$srcdir/build
corpora=${TRAWL_CORPORA:-$srcdir/../shared/corpora}

bench_opt() {
    return 1
}

bench_options() {
    work=${TMPDIR:-/tmp}/$1
    bench_spec=$2
    bench_usage=$3
    shift 3
    while getopts "$bench_spec" opt; do
        case $opt in
        b) build=$(cd "$OPTARG" && pwd) ;;
        w) work=$OPTARG ;;
        *) bench_opt "$opt" "${OPTARG:-}" || { echo "usage: $0 $bench_usage" >&2; exit 2; } ;;
        esac
    done
}
