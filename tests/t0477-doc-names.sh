#!/bin/sh
# t0477-doc-names.sh: what the code blocks of README.md and doc/*.md name
# exists: every option given to trawl-index or trawl-search is one that
# program's --help lists, every bench/ script is there and parses, every
# TRAWL_ setting is one the sources read.  The commands that need a
# deployment (a web server's configuration, days of benchmarks) are not
# run by make check; this keeps their names true.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

docs="$TRAWL_SRCDIR/README.md $(ls "$TRAWL_SRCDIR"/doc/*.md)"

# code_lines: the indented code lines of the docs, "$ " prompts dropped,
# as FILE<TAB>LINE.
code_lines() {
    for f in $docs; do
        awk -v f="${f#"$TRAWL_SRCDIR"/}" '/^    / { l = substr($0, 5); sub(/^\$ /, "", l); print f "\t" l }' "$f"
    done
}

# The options each program takes, from its own --help.
index_help=$("$TRAWL_INDEX" --help)
search_help=$("$TRAWL_SEARCH" --help)

# A deliberate typo the terminal tutorial shows being corrected.
typos=" --limt "
bad=
checked=0
code_lines > "$tmp/lines"
while IFS="$(printf '\t')" read -r file line; do
    case "$line" in
    trawl-index\ *|build/trawl-index\ *) help=$index_help ;;
    trawl-search\ *|build/trawl-search\ *) help=$search_help ;;
    *) continue ;;
    esac
    for opt in $(printf '%s\n' "$line" | sed 's/#.*//' | grep -oE -- '(^| )--[a-z][a-z0-9-]*' ); do
        case "$typos" in *" $opt "*) continue ;; esac
        checked=$((checked + 1))
        case "$help" in
        *"$opt"[\ =,\[]*|*"$opt") ;;
        *) bad="$bad
$file: $opt in: $line" ;;
        esac
    done
done < "$tmp/lines"
is "every option the docs give is in its program's --help" "$bad" ""
ok_count=$((checked > 40))
is "... (options checked: more than 40)" "$ok_count" 1

bad=
for script in $(cut -f2 "$tmp/lines" | grep -oE '(^| )bench/[a-z0-9_-]+\.sh' | sort -u); do
    if [ ! -x "$TRAWL_SRCDIR/$script" ]; then
        bad="$bad $script(missing)"
    elif ! sh -n "$TRAWL_SRCDIR/$script"; then
        bad="$bad $script(syntax)"
    fi
done
is "every bench/ script the docs name is there and parses" "$bad" ""

bad=
for name in $(sed 's/^[^\t]*\t//' "$tmp/lines" | grep -oE 'TRAWL_[A-Z_]*[A-Z]' | sort -u); do
    case "$name" in TRAWL_SRCDIR|TRAWL_BUILDDIR|TRAWL_CORPORA) continue ;; esac   # the tests' and benches'
    if ! grep -rqs "\"$name\"" "$TRAWL_SRCDIR"/searcher "$TRAWL_SRCDIR"/indexer \
            "$TRAWL_SRCDIR"/common "$TRAWL_SRCDIR"/lib; then
        bad="$bad $name"
    fi
done
is "every TRAWL_ setting the docs name is read by the sources" "$bad" ""

done_testing
