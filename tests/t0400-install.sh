#!/bin/sh
# t0400-install.sh: make install into a DESTDIR, use what it installed, make uninstall.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

: "${MAKE:=make}"
dest=$tmp/dest
build=$TRAWL_BUILDDIR

# The installation directories as configured, expanded by make itself.
# (A marker keeps the line apart from whatever else make prints.)
dirs=$(printf 'print-dirs:\n\t@echo "dirs: $(bindir) $(cgibindir) $(libdir) $(includedir) $(mandir) $(docdir) $(datadir)"\n' |
    $MAKE -s -C "$build" -f Makefile -f - print-dirs | sed -n 's/^dirs: //p')
set -- $dirs
bindir=$1 cgibindir=$2 libdir=$3 includedir=$4 mandir=$5 docdir=$6 datadir=$7

# Parallel make check runs this test while make runs: the nested make gets
# no jobserver, which it warns about; its output is kept for a failure.
if $MAKE -C "$build" install DESTDIR="$dest" > "$tmp/install.log" 2>&1; then
    ok "make install DESTDIR=... succeeds"
else
    not_ok "make install DESTDIR=... succeeds" "$(tail -20 "$tmp/install.log")"
fi

shared=
[ -f "$build/lib/.libs/libtrawl.so" ] && shared=yes
{
    echo "$bindir/trawl-index"
    echo "$bindir/trawl-search"
    echo "$cgibindir/trawl.cgi"
    echo "$includedir/trawl.h"
    echo "$libdir/libtrawl.a"
    echo "$libdir/libtrawl.la"
    if [ -n "$shared" ]; then
        echo "$libdir/libtrawl.so"
        echo "$libdir/libtrawl.so.0"
        echo "$libdir/libtrawl.so.0.1.0"
    fi
    echo "$libdir/pkgconfig/trawl.pc"
    echo "$mandir/man1/trawl-index.1"
    echo "$mandir/man1/trawl-search.1"
    echo "$mandir/man7/trawl-query.7"
    echo "$mandir/man8/trawl.cgi.8"
    # Every document of doc/, the README and the library's example.
    for f in README.md "$TRAWL_SRCDIR"/doc/*.md examples/search.c; do
        echo "$docdir/${f##*/doc/}"
    done
    echo "$datadir/bash-completion/completions/trawl-index"
    echo "$datadir/bash-completion/completions/trawl-search"
} | sort > "$tmp/expected"
(cd "$dest" && find . ! -type d | sed 's/^\.//' | sort) > "$tmp/installed"
is "exactly these files are installed" "$(cat "$tmp/installed")" "$(cat "$tmp/expected")"

run "$dest$bindir/trawl-search" --version
like "the installed trawl-search runs" "$out" "trawl-search $(sed -n 's/^Version: //p' "$dest$libdir/pkgconfig/trawl.pc") (Xapian "
run "$dest$bindir/trawl-index" --version
like "the installed trawl-index runs" "$out" "trawl-index "
run env REQUEST_METHOD=GET QUERY_STRING=q= "$dest$cgibindir/trawl.cgi"
like "the installed trawl.cgi answers" "$out" "Status: 200 OK"
case $(ldd "$dest$bindir/trawl-search") in
*libtrawl*) not_ok "the programs do not need the shared library" ;;
*) ok "the programs do not need the shared library" ;;
esac

db=$tmp/db
"$dest$bindir/trawl-index" -q --db "$db" "$TRAWL_SRCDIR/corpus"
expected=$("$build/doc/examples/search" "$db" area teams bullying)

# A user's program, built with pkg-config against the installed files
# (the sysroot prefixes the paths the .pc file names with the DESTDIR).
pc() {
    PKG_CONFIG_SYSROOT_DIR=$dest PKG_CONFIG_PATH=$dest$libdir/pkgconfig pkg-config "$@"
}
# shellcheck disable=SC2046
is "pkg-config --cflags trawl" "$(echo $(pc --cflags trawl))" "-I$dest$includedir"
if [ -n "$shared" ]; then
    # shellcheck disable=SC2046
    $CC $SANITIZE_FLAGS -o "$tmp/search" "$TRAWL_SRCDIR/doc/examples/search.c" \
        $(pc --cflags --libs trawl) 2> "$tmp/cc.err" &&
        ok "the example builds with pkg-config --cflags --libs trawl" ||
        not_ok "the example builds with pkg-config --cflags --libs trawl" "$(cat "$tmp/cc.err")"
    run env LD_LIBRARY_PATH="$dest$libdir" "$tmp/search" "$db" area teams bullying
    is "it runs against the installed shared library" "$out" "$expected"
    like "it uses the installed libtrawl.so" "$(LD_LIBRARY_PATH="$dest$libdir" ldd "$tmp/search")" \
        "$dest$libdir/libtrawl.so.0"
else
    ok "the example builds with pkg-config # SKIP no shared library"
    ok "it runs against the installed shared library # SKIP no shared library"
    ok "it uses the installed libtrawl.so # SKIP no shared library"
fi
# Statically: the archive, and what --static adds (Xapian, libstemmer,
# zlib, the C++ library).
# shellcheck disable=SC2046
$CC $SANITIZE_FLAGS -o "$tmp/search-static" "$TRAWL_SRCDIR/doc/examples/search.c" \
    $(pc --cflags trawl) "$dest$libdir/libtrawl.a" \
    $(pc --static --libs trawl | sed 's/-ltrawl//') 2> "$tmp/cc.err" &&
    ok "the example links with libtrawl.a and pkg-config --static --libs" ||
    not_ok "the example links with libtrawl.a and pkg-config --static --libs" "$(cat "$tmp/cc.err")"
run "$tmp/search-static" "$db" area teams bullying
is "the static build gives the same output" "$out" "$expected"

if $MAKE -C "$build" uninstall DESTDIR="$dest" > "$tmp/uninstall.log" 2>&1; then
    ok "make uninstall DESTDIR=... succeeds"
else
    not_ok "make uninstall DESTDIR=... succeeds" "$(tail -20 "$tmp/uninstall.log")"
fi
# find names $dest: were it gone, its error would show here (a cd that
# failed would show nothing).
is "make uninstall leaves no files" "$(find "$dest" ! -type d 2>&1)" ""

done_testing
