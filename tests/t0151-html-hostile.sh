#!/bin/sh
# t0151-html-hostile.sh: pages built to hurt the HTML reader -- 10 MB of
# paragraphs, 100,000 nested elements, bogus and lying charsets, binary
# junk named .html -- give an article or an error naming the file, never
# a crash or a hang, and the run goes on with the next file.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

c=$tmp/pages
mkdir -p "$c"
story='<p>The harbour master reported that the new breakwater held firm through the storm on Tuesday night.</p>'

# 10 MB: the story, then 100,000 paragraphs of tide tables.
{
    printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Breakwater holds | Port News</title></head>'
    printf '<body><article><h1>Breakwater holds</h1>%s\n' "$story"
    seq 1 100000 | sed 's|.*|<p>Tide reading &, measured at the harbour gauge every hour of the night.</p>|'
    printf '</article></body></html>\n'
} > "$c/big.html"
# 100,000 nested <div>s around a paragraph, and 100,000 unclosed <b>s.
{
    printf '<html><head><title>Deep nesting</title></head><body>'
    seq 1 100000 | sed 's|.*|<div>|' | tr -d '\n'
    printf '<p>The innermost paragraph tells of the lighthouse keeper and his cats.</p>'
    seq 1 100000 | sed 's|.*|</div>|' | tr -d '\n'
    printf '</body></html>\n'
} > "$c/deep.html"
{
    printf '<html><body><p>Bold claims about the quince harvest, made loudly.</p>'
    seq 1 100000 | sed 's|.*|<b>|' | tr -d '\n'
    printf 'medlars</body></html>\n'
} > "$c/unclosed.html"
# A bogus charset, one with bytes that are not ASCII, and one that lies.
printf '<html><head><meta charset="x-no-such-charset"><title>Caf\351 bogus</title></head><body><p>The caf\351 offered quince tart and almond cake to every visitor in the square.</p></body></html>\n' \
    > "$c/bogus.html"
printf '<html><head><meta charset="\377\376utf-\2018"><title>Odd label</title></head><body><p>A label of binary bytes names no charset that any browser knows.</p></body></html>\n' \
    > "$c/binary-label.html"
printf '\357\273\277<html><head><meta charset="utf-16"><title>Lying label</title></head><body><p>This page says UTF-16 but is UTF-8 with a byte order mark, na\303\257ve as it is.</p></body></html>\n' \
    > "$c/lying.html"
# Junk with an .html name, and a gzip that is not.
head -c 65536 /dev/urandom > "$c/junk.html"
printf 'not gzip at all' > "$c/fake.html.gz"
# UTF-16 is half NULs, and still text.
{ printf '\377\376'; printf '<html><head><title>Wide page</title></head><body><p>A page in UTF-16 about the kestrels nesting on the church tower.</p></body></html>' | iconv -f UTF-8 -t UTF-16LE; } \
    > "$c/utf16.html"

run trawl_index --db "$tmp/db" "$c"
expect_status "hostile pages do not stop the run (status 1: some failed)" 1
like "the readable pages are indexed, the others counted" "$out" ": 7 added, 0 updated, 0 removed, 0 unchanged, 2 failed"
like "the bogus charset is named and ignored" "$err" \
    "trawl-index: warning: '$c/bogus.html': unknown charset 'x-no-such-charset' in <meta> ignored"
like "the binary label is named, its bytes shown safely" "$err" "'$c/binary-label.html': unknown charset '"
like "nesting past libxml2's limit is said" "$err" \
    "'$c/deep.html': elements nested over 256 deep: the rest of the page not read"
like "... for unclosed tags too" "$err" \
    "'$c/unclosed.html': elements nested over 256 deep: the rest of the page not read"
like "the fake gzip is an error naming it" "$err" "trawl-index: error: cannot read '$c/fake.html.gz': "
like "the junk is an error naming it" "$err" "trawl-index: error: cannot index '$c/junk.html': binary data, not HTML"

run trawl_search --db "$tmp/db" --format tsv --fields id,title --limit 0 'breakwater OR tide OR café OR label OR harvest OR nesting OR kestrels'
is "each readable page is an article with its title" "$(printf '%s\n' "$out" | sort)" \
"big.html	Breakwater holds
binary-label.html	Odd label
bogus.html	Café bogus
deep.html	Deep nesting
id	title
lying.html	Lying label
unclosed.html	
utf16.html	Wide page"
run trawl_search --db "$tmp/db" --count '"tide reading 100000"'
is "the 10 MB page is read to its last paragraph" "$out" "1"
run trawl_search --db "$tmp/db" --show big.html
is "... as 100,001 paragraphs" "$(printf '%s\n' "$out" | grep -c '^¶')" "100001"
run trawl_search --db "$tmp/db" --count 'café AND almond'
is "a bogus label: the next rule (Windows-1252) decodes the page" "$out" "1"
run trawl_search --db "$tmp/db" --count naïve
is "a BOM beats a lying <meta>" "$out" "1"
run trawl_search --db "$tmp/db" --count harvest
is "under 100,000 unclosed tags: the text before them is read" "$out" "1"
run trawl_search --db "$tmp/db" --count medlars
is "... and what is past the limit is not (as the warning said)" "$out" "0"

done_testing
