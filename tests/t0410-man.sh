#!/bin/sh
# t0410-man.sh: the man pages agree with the programs and render without warnings.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

man_dir=$TRAWL_SRCDIR/doc/man
if ! command -v mandoc > /dev/null && ! command -v groff > /dev/null; then
    echo "1..0 # SKIP neither mandoc nor groff is installed"
    exit 0
fi
cd "$tmp"

# The page as plain text (mandoc, else groff; overstriking removed),
# options as "--db".
bs=$(printf '\b')
render() {
    if command -v mandoc > /dev/null; then
        mandoc -Tascii "$1" | sed "s/.$bs//g"
    else
        groff -mandoc -Tascii -P-c -P-b -P-u "$1"
    fi
}

# Long options in TEXT (stdin), one a line, sorted.
long_options() { grep -o -- '--[a-z][a-z0-9-]*' | sort -u; }

# The lines of a rendered page's section NAME (up to the next heading).
section() { awk -v name="$2" '/^[A-Z]/ { on = ($0 == name) ; next } on' "$1"; }

for prog in trawl-index trawl-search; do
    page=$man_dir/$prog.1
    bin=$TRAWL_BUILDDIR/$prog
    render "$page" > "$prog.txt"

    # --help as the program prints it: the checks below compare the page
    # with it, so a --help that printed nothing would pass them all.
    run "$bin" --help
    expect_status "$prog --help exits 0" 0
    help=$out
    help_options=$(printf '%s\n' "$help" | long_options)
    help_count=$(printf '%s\n' "$help_options" | awk 'NF { n++ } END { print n + 0 }')
    [ "$help_count" -ge 8 ] && ok "$prog --help lists its options ($help_count)" ||
        not_ok "$prog --help lists its options" "found $help_count"

    missing=
    for opt in $help_options; do
        grep -Eq -- "(^|[^a-z0-9-])$opt([^a-z0-9-]|\$)" "$prog.txt" || missing="$missing $opt"
    done
    is "$prog(1) documents every option of $prog --help" "$missing" ""

    # Each option the page lists is one the program knows (getopt would
    # say "unrecognized option"); --colour is an alias --help leaves out.
    unknown=
    for opt in $(section "$prog.txt" OPTIONS | long_options); do
        if TRAWL_DB=$tmp/none "$bin" "$opt" 2>&1 < /dev/null | grep -q 'unrecognized option'; then
            unknown="$unknown $opt"
        fi
    done
    is "every option in $prog(1) is an option of $prog" "$unknown" ""
    opt_count=$(section "$prog.txt" OPTIONS | long_options | wc -l)
    [ "$opt_count" -ge 8 ] && ok "$prog(1) lists its options ($opt_count)" ||
        not_ok "$prog(1) lists its options" "found $opt_count"

    version=$("$bin" --version | sed -n '1s/^[^ ]* \([^ ]*\) .*/\1/p')
    is "$prog(1) is the manual of version $version" "$(grep '^\.Os' "$page")" ".Os trawl $version"

    for section_name in "EXIT STATUS" ENVIRONMENT FILES; do
        [ -n "$(section "$prog.txt" "$section_name")" ] && ok "$prog(1) has $section_name" ||
            not_ok "$prog(1) has $section_name"
    done
    env_vars=$(printf '%s\n' "$help" | grep -o 'TRAWL_DB\|NO_COLOR\|XDG_CONFIG_HOME' | sort -u | tr '\n' ' ')
    # Both read TRAWL_DB, so the loop below always has one to look for.
    like "$prog --help names its environment variables" "$env_vars" "TRAWL_DB"
    env_missing=
    for var in $env_vars; do
        section "$prog.txt" ENVIRONMENT | grep -q "^     $var" || env_missing="$env_missing $var"
    done
    is "$prog(1) documents the environment variables --help names" "$env_missing" ""
done

version=$("$TRAWL_BUILDDIR/trawl-search" --version | sed -n '1s/^[^ ]* \([^ ]*\) .*/\1/p')
for page in trawl-query.7 trawl.cgi.8; do
    is "$page is the manual of version $version" "$(grep '^\.Os' "$man_dir/$page")" ".Os trawl $version"
done

# trawl.cgi has no --help: its settings are the ones it names when the
# settings file holds an unknown one.
printf 'BOGUS=1\n' > "$tmp/trawl.cgi.conf"
run env REQUEST_METHOD=GET QUERY_STRING=q=x SCRIPT_FILENAME="$tmp/trawl.cgi" \
    "$TRAWL_BUILDDIR/trawl.cgi"
settings=$(printf '%s\n' "$err" | sed -n 's/.*(known: \(.*\))$/\1/p' | tr -d ,)
[ -n "$settings" ] && ok "trawl.cgi names its settings ($settings)" ||
    not_ok "trawl.cgi names its settings" "stderr: $err"
render "$man_dir/trawl.cgi.8" > cgi.txt
documented=$(section cgi.txt ENVIRONMENT | grep -o '^     TRAWL_[A-Z_]*' | tr -d ' ' | sort | tr '\n' ' ')
is "trawl.cgi(8) documents exactly the settings trawl.cgi knows" "$documented" \
    "$(printf '%s\n' $settings | sort | tr '\n' ' ')"
grep -q 'trawl\.cgi\.conf' cgi.txt && ok "trawl.cgi(8) names trawl.cgi.conf" ||
    not_ok "trawl.cgi(8) names trawl.cgi.conf"

# Rendering: no warnings from mandoc's linter, groff or man.
for page in "$man_dir"/*.[178]; do
    name=${page##*/}
    if command -v mandoc > /dev/null; then
        run mandoc -Tlint -W warning "$page"
        is "mandoc -Tlint: $name has no warnings" "$status $out$err" "0 "
    else
        ok "mandoc -Tlint: $name # SKIP mandoc not installed"
    fi
    if command -v groff > /dev/null; then
        run groff -mandoc -Tutf8 -ww -z "$page"
        is "groff -ww: $name has no warnings" "$status $out$err" "0 "
    else
        ok "groff -ww: $name # SKIP groff not installed"
    fi
    if command -v man > /dev/null; then
        run env MANWIDTH=80 man --warnings -l "$page"
        is "man -l: $name renders without warnings" "$status $err" "0 "
    else
        ok "man -l: $name # SKIP man not installed"
    fi
done

done_testing
