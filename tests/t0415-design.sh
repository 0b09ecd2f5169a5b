#!/bin/sh
# t0415-design.sh: every source file doc/design.md names is in the tree.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

design=$TRAWL_SRCDIR/doc/design.md
(cd "$TRAWL_SRCDIR" && find common text shim indexer searcher lib bench tests doc \
    \( -name '*.c' -o -name '*.h' -o -name '*.cc' \) -print) > "$tmp/files"
# Names as the text writes them: a path from the top ("indexer/build.c"), one
# inside doc/ ("examples/search.c"), or a file's name alone ("page-lines.c");
# patterns ("html*.c", "*-internal.h") are not names.
sed -E 's/[A-Za-z0-9_./*-]*\*[A-Za-z0-9_./*-]*//g' "$design" |
    grep -oE '[A-Za-z0-9_./-]+\.(c|h|cc)\b' | sort -u > "$tmp/named"
count=$(awk 'END { print NR }' "$tmp/named")
[ "$count" -ge 100 ] && ok "doc/design.md names source files ($count)" ||
    not_ok "doc/design.md names source files" "found $count"
missing=
while IFS= read -r name; do
    case $name in
    */*) grep -qx -e "$name" -e "doc/$name" "$tmp/files" || missing="$missing $name" ;;
    *) grep -q "/$name\$" "$tmp/files" || missing="$missing $name" ;;
    esac
done < "$tmp/named"
is "every source file doc/design.md names exists" "$missing" ""
done_testing
