# options.sh: the start every benchmark script shares (sourced).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Needs $srcdir (the source tree).  Sets the C.UTF-8 locale (a script that
# wants another sets its own after), build=$srcdir/build,
# shared=${TRAWL_SHARED:-$srcdir/../shared} (the corpora, queries and tools
# beside the source tree), corpora=${TRAWL_CORPORA:-$shared/corpora} and
# python.
#
# bench_options NAME SPEC VARS USAGE "$@": work=${TMPDIR:-/tmp}/NAME, then
# parses the options of getopts SPEC: -b BUILDDIR and -w WORKDIR here, any
# other letter into the variable VARS names for it, which starts at its
# default ("n=runs=3 H=hostile=0": runs=3, and -n 5 sets runs=5; a letter
# that takes no argument sets its variable to 1).  A wrong option prints
# "usage: $0 USAGE" and exits 2.  The caller then shifts $((OPTIND - 1)).

LC_ALL=C.UTF-8
export LC_ALL
# Debian's python3, which has python3-xapian and sqlite3's FTS5 (a pyenv
# one on PATH may have neither), unless $PYTHON3 names another.
python=${PYTHON3:-/usr/bin/python3}
[ -x "$python" ] || python=python3
PYTHON3=$python
. "$srcdir/tests/net.sh"   # free_port, lighttpd_serve
build=$srcdir/build
shared=${TRAWL_SHARED:-$srcdir/../shared}
corpora=${TRAWL_CORPORA:-$shared/corpora}

bench_options() {
    work=${TMPDIR:-/tmp}/$1
    bench_spec=$2
    bench_vars=$3
    bench_usage=$4
    shift 4
    for pair in $bench_vars; do   # letter=var=default
        eval "${pair#*=}"
    done
    while getopts "$bench_spec" opt; do
        case $opt in
        b) build=$(cd "$OPTARG" && pwd) ;;
        w) work=$OPTARG ;;
        *)
            var=
            for pair in $bench_vars; do   # letter=var=default
                [ "${pair%%=*}" = "$opt" ] && var=${pair#*=} && var=${var%%=*}
            done
            [ -n "$var" ] || { echo "usage: $0 $bench_usage" >&2; exit 2; }
            eval "$var=\${OPTARG:-1}"
            ;;
        esac
    done
}
