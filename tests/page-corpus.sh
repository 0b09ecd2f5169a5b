# page-corpus.sh: a dated corpus for the search page's tests (t0230, t0231), indexed.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced after test-lib.sh: writes $tmp/corpus/news.jsonl (six years of
# articles from four sources, a few a month, two in three about the
# budget; one undated, one dated by its year alone, one with a title a
# spreadsheet would run and a source full of markup) and indexes it into
# $tmp/db.

corpus=$tmp/corpus
mkdir -p "$corpus"
awk 'BEGIN {
    split("budget council school harbour festival rail strike hospital", w, " ")
    split("Daily Post|Herald|The Courier|Wire & Co", src, "|")
    n = 0
    for (y = 2010; y <= 2015; y++)
        for (m = 1; m <= 12; m++)
            for (k = 0; k < (y * 7 + m * 3) % 4; k++) {
                n++
                a = w[n % 8 + 1]; b = w[(n * 3) % 8 + 1]
                printf "{\"id\": \"a%03d\", \"title\": \"%s and %s %d\", \"text\": \"The %s met the %s.%s\", \"date\": \"%d-%02d-%02d\", \"source\": \"%s\", \"byline\": \"A. Writer\"}\n", n, a, b, n, a, b, n % 3 ? " The budget grew." : "", y, m, k * 9 + 1, src[n % 4 + 1]
            }
}' > "$corpus/news.jsonl"
cat >> "$corpus/news.jsonl" <<'JSONL'
{"id": "u1", "title": "Undated budget", "text": "A budget with no date.", "source": "Herald"}
{"id": "y1", "title": "Budget of a year", "text": "A budget dated by its year alone.", "date": "2012", "source": "Herald"}
{"id": "f1", "title": "=HYPERLINK(\"http://x\"), budget {braces} 50% & co", "text": "The budget formula.", "date": "2013-05-05", "source": "<b>\"Tag\"</b>"}
JSONL
trawl_index --db "$tmp/db" "$corpus" > /dev/null
