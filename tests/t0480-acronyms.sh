#!/bin/sh
# t0480-acronyms.sh: an acronym's plural as written (NGOs) is found, searched
# and marked as its singular too, and as itself: index, query and snippet
# agree (text/analyzer.h, alt_stem).
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

mkdir -p "$tmp/c"
printf 'One\n\nThe NGO said no.\n' > "$tmp/c/a.txt"
printf 'Two\n\nThe NGOs said yes.\n' > "$tmp/c/b.txt"
printf 'Three\n\nthe ngos, in lower case.\n' > "$tmp/c/c.txt"
printf 'Gas\n\nThe gas and the NHS.\n' > "$tmp/c/d.txt"
trawl_index -q --db "$tmp/db" "$tmp/c"

ids() {  # ids QUERY: the ids of QUERY's matches, sorted, on one line
    trawl_search --db "$tmp/db" --format tsv --fields id "$1" | sed 1d | sort | tr '\n' ' '
}
is "ngo finds the NGO and the NGOs" "$(ids ngo)" "a.txt b.txt "
is "NGOs finds them too (searched as its singular)" "$(ids NGOs)" "a.txt b.txt "
is "ngos in lower case is a word like any: the NGOs and the ngos" "$(ids ngos)" "b.txt c.txt "
is "a phrase keeps the word as written" "$(ids '"NGOs said"')" "b.txt "
is "gas and NHS are not plurals" "$(ids 'gas NHS')" "d.txt "
run trawl_search --db "$tmp/db" --color never ngo
like "the snippet marks NGOs for ngo" "$out" "The **NGOs** said yes."
like "... and NGO" "$out" "The **NGO** said no."

done_testing
