#!/bin/sh
# t0148-kwic.sh: --format kwic, concordance lines: one a match, the left
# context right-aligned in columns (wide and multi-byte characters
# counted as a terminal shows them), a phrase as one match, the paragraph
# cited.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

c="$tmp/corpus"
mkdir "$c"
printf 'Otters return\n\nThe café owner said the otters were back in the river after twenty years.\n\n東京 otters 大阪 and Ωμέγα otters.\n\nA long paragraph that goes on and on before the otters appear, and goes on after them for a good while too.\n' > "$c/a.txt"
printf 'Other story\n\nNo such animals here, only "sea otters" in a phrase.\n' > "$c/b.txt"
trawl_index -q --db "$tmp/db" "$c"

run trawl_search --db "$tmp/db" --format kwic --kwic-width 20 otters
is "a line a match, aligned on the match, the paragraph cited" "$out" '…café owner said the  **otters**  were back in the ri…  a.txt ¶1
                東京  **otters**  大阪 and Ωμέγα otte…  a.txt ¶2
…ters 大阪 and Ωμέγα  **otters**  .  a.txt ¶2
…n and on before the  **otters**  appear, and goes on…  a.txt ¶3
…als here, only "sea  **otters**  " in a phrase.  b.txt ¶1'
run trawl_search --db "$tmp/db" --format kwic --kwic-width 12 '"sea otters"'
is "a phrase is one match" "$out" '…ere, only "  **sea otters**  " in a phra…  b.txt ¶1'
run env COLUMNS=80 "$TRAWL_SEARCH" --db "$tmp/db" --format kwic --limit 1 otters
is "the width fits the terminal by default" "$(printf '%s\n' "$out" | head -n 1)" '…café owner said the  **otters**  were back in the ri…  a.txt ¶1'
run trawl_search --db "$tmp/db" --format kwic --fields id otters
expect_status "--fields does not go with kwic" 2
run trawl_search --db "$tmp/db" --format kwic --kwic-width 0 otters
like "--kwic-width 0 is refused" "$err" "--kwic-width: give at least 1 column of context"

# On real text: BBC News, every line's match in the same column.
bbc="$TRAWL_SRCDIR/../shared/corpora/bbc-news/bbc/politics"
if [ -d "$bbc" ]; then
    mkdir "$tmp/bbc"
    cp "$bbc"/3*.txt "$tmp/bbc"/
    trawl_index -q --db "$tmp/bbcdb" "$tmp/bbc"
    lines=$(trawl_search --db "$tmp/bbcdb" --format kwic --kwic-width 30 --limit 20 'brown OR budget')
    cols=$(printf '%s\n' "$lines" | while IFS= read -r l; do
        before=${l%%\*\**}; printf '%s' "$before" | wc -m; done | sort -u)
    is "BBC News: every match starts in one column" "$cols" "32"
    is "... a line a match: more lines than the 20 hits" \
        "$([ "$(printf '%s\n' "$lines" | wc -l)" -gt 20 ] && echo more)" "more"
else
    ok "# SKIP BBC News not beside the source"
    ok "# SKIP BBC News not beside the source"
fi

done_testing
