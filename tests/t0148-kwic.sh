#!/bin/sh
# t0148-kwic.sh: --format kwic, concordance lines: one a match, the left
# context right-aligned in columns (wide and multi-byte characters
# counted as a terminal shows them), a phrase as one match, the paragraph
# cited; kwic-tsv and kwic-csv; --kwic-sort left and right.
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

# The table layouts: the same cells, no padding; CSV quoted as RFC 4180.
run trawl_search --db "$tmp/db" --format kwic-tsv --kwic-width 12 otters
is "kwic-tsv: id, paragraph, left, match, right" "$out" "$(printf '%s\t%s\t%s\t%s\t%s\n' \
    id paragraph left match right \
    a.txt 1 '…er said the' otters 'were back i…' \
    a.txt 2 '東京' otters '大阪 and Ωμ…' \
    a.txt 2 '… and Ωμέγα' otters . \
    a.txt 3 '… before the' otters 'appear, and…' \
    b.txt 1 '…, only "sea' otters '" in a phra…')"
run trawl_search --db "$tmp/db" --format kwic-csv --kwic-width 12 otters
is "kwic-csv: quoted where a cell needs it" "$(printf '%s' "$out" | tr -d '\r')" 'id,paragraph,left,match,right
a.txt,1,…er said the,otters,were back i…
a.txt,2,東京,otters,大阪 and Ωμ…
a.txt,2,… and Ωμέγα,otters,.
a.txt,3,… before the,otters,"appear, and…"
b.txt,1,"…, only ""sea",otters,""" in a phra…"'
is "... each line ends CRLF" "$(printf '%s\n' "$out" | grep -c "$(printf '\r')\$")" 6

# Sorted by the neighbouring words, nearest first (ASCII case folded).
run trawl_search --db "$tmp/db" --format kwic --kwic-width 12 --kwic-sort left otters
is "--kwic-sort left: by the word before, then the one before that" "$out" '…, only "sea  **otters**  " in a phra…  b.txt ¶1
… before the  **otters**  appear, and…  a.txt ¶3
…er said the  **otters**  were back i…  a.txt ¶1
 … and Ωμέγα  **otters**  .  a.txt ¶2
        東京  **otters**  大阪 and Ωμ…  a.txt ¶2'
run trawl_search --db "$tmp/db" --format kwic-tsv --fields id otters
expect_status "kwic-tsv takes no --fields" 2
run trawl_search --db "$tmp/db" --format kwic-tsv --kwic-width 12 --kwic-sort right otters
is "--kwic-sort right, in a table: no word after first, then by the word after" \
    "$(printf '%s\n' "$out" | cut -f5)" 'right
.
appear, and…
" in a phra…
were back i…
大阪 and Ωμ…'
mkdir -p "$tmp/config/trawl"
printf 'format = kwic\nkwic-sort = right\nkwic-width = 12\n' > "$tmp/config/trawl/config"
run trawl_search --db "$tmp/db" --limit 1 otters
is "the config file sets kwic-sort (one hit, its four lines)" "$out" ' … and Ωμέγα  **otters**  .  a.txt ¶2
… before the  **otters**  appear, and…  a.txt ¶3
…er said the  **otters**  were back i…  a.txt ¶1
        東京  **otters**  大阪 and Ωμ…  a.txt ¶2'
rm "$tmp/config/trawl/config"
printf '1\totters\n2\t"sea otters"\n' > "$tmp/queries"
run trawl_search --db "$tmp/db" --batch "$tmp/queries" --format kwic --kwic-width 12 --kwic-sort left
is "--batch sorts each query's lines apart" "$out" '…, only "sea  **otters**  " in a phra…  b.txt ¶1
… before the  **otters**  appear, and…  a.txt ¶3
…er said the  **otters**  were back i…  a.txt ¶1
 … and Ωμέγα  **otters**  .  a.txt ¶2
        東京  **otters**  大阪 and Ωμ…  a.txt ¶2
…ere, only "  **sea otters**  " in a phra…  b.txt ¶1'
run trawl_search --db "$tmp/db" --kwic-sort left otters
like "--kwic-sort without a kwic format is refused" "$err" \
    "--kwic-sort goes with --format kwic, kwic-tsv or kwic-csv"
run trawl_search --db "$tmp/db" --format kwic --kwic-sort up otters
like "... and a side that is not one" "$err" "--kwic-sort: 'up' is not one of left, right, none"

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
