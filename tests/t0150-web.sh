#!/bin/sh
# t0150-web.sh: news pages served by lighttpd, crawled by wget into a WARC
# and into a mirror, indexed both ways: the same articles, their exact
# metadata and paragraphs, and none of the page furniture searchable.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"
if ! command -v wget > /dev/null; then
    echo "1..0 # SKIP wget is not installed"
    exit 0
fi
. "$TRAWL_SRCDIR/tests/cgi-server.sh"

www=$tmp/www
mkdir -p "$www"
lighttpd_start 'mimetype.assign = (".html" => "text/html")'
site="http://127.0.0.1:$port"

# Three pages as news sites and blogs write them: metadata for machines
# (JSON-LD, Open Graph) or none, a cookie notice, menus, share bars,
# related and most-read boxes, a newsletter form, comments, a footer.
# They are fuzz-html's seeds too (tests/fuzz/corpus/html/): each is served
# without the seed's first byte (fuzz-html's selector), and with this
# server's address for @SITE@.
page() {
    mkdir -p "$www/${2%/*}"
    tail -c +2 "$TRAWL_SRCDIR/tests/fuzz/corpus/html/$1" | LC_ALL=C sed "s|@SITE@|$site|g" > "$www/$2"
}
page harbour-seals.html news/2024/03/14/harbour-seals.html
# Latin-1, stated only in <meta http-equiv>; no date but the URL's month.
page cafe-rents.html archive/2023/11/cafe-rents.html
# A blog post: the title from <h1>, the date and byline from its meta line.
page river-walk.html blog/river-walk.html
cat > "$www/index.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>News front page</title></head><body>
<ul><li><a href="news/2024/03/14/harbour-seals.html">Seals</a></li>
<li><a href="archive/2023/11/cafe-rents.html">Cafes</a></li>
<li><a href="blog/river-walk.html">Towpath</a></li>
<li><a href="missing.html">Gone</a></li></ul>
</body></html>
EOF

# The crawls.  wget exits 8 when a link gives 404, as the menus' do.
mkdir "$tmp/crawl" "$tmp/mirror"
run sh -c "cd '$tmp/crawl' && wget -q -r -l 2 --delete-after --warc-file=site '$site/index.html'"
if [ -s "$tmp/crawl/site.warc.gz" ]; then
    ok "wget --warc-file wrote a WARC (wget status $status)"
else
    not_ok "wget --warc-file wrote a WARC (wget status $status)" "$err"
fi
run sh -c "cd '$tmp/mirror' && wget -q --mirror '$site/index.html'"
mirror=$tmp/mirror/127.0.0.1:$port
if [ -f "$mirror/blog/river-walk.html" ]; then
    ok "wget --mirror saved the pages (wget status $status)"
else
    not_ok "wget --mirror saved the pages (wget status $status)" "$err"
fi

run trawl_index --db "$tmp/db-warc" "$tmp/crawl/site.warc.gz"
expect_status "the WARC is indexed" 0
like "four responses are articles; requests, 404s, warcinfo are skipped and counted" "$out" \
    "db-warc: 4 added, 0 updated, 0 removed, 0 unchanged, 0 failed, "
like "the skipped records are named by kind" "$out" "skipped (request "
like "the 404 responses are skipped by status" "$out" ", status "
run trawl_index --db "$tmp/db-warc" "$tmp/crawl/site.warc.gz"
like "an unchanged WARC is not indexed again" "$out" \
    "db-warc: 0 added, 0 updated, 0 removed, 4 unchanged, 0 failed"
run trawl_index --db "$tmp/db-mirror" "$tmp/mirror"
expect_status "the mirror is indexed" 0
like "the mirror's four pages are articles" "$out" \
    "db-mirror: 4 added, 0 updated, 0 removed, 0 unchanged, 0 failed"

# The metadata, exactly, from the WARC.
run trawl_index --extract "$tmp/crawl/site.warc.gz"
warc_json=$out
seals=$(printf '%s\n' "$warc_json" | grep harbour-seals)
like "the headline is the JSON-LD headline that the <h1> shows, not og:title" "$seals" '"title":"Harbour seals return to the estuary","date"'
like "the publication date, not the modification date" "$seals" '"date":"2024-03-14"'
like "JSON-LD author is the byline" "$seals" '"byline":"Maria Lindqvist"'
like "og:site_name is the source" "$seals" '"source":"The Coastal Gazette"'
like "the canonical link is the URL" "$seals" "\"url\":\"$site/news/2024/03/14/harbour-seals.html\""
like "the record's WARC-Target-URI is the id" "$seals" "\"id\":\"$site/news/2024/03/14/harbour-seals.html\""
like "the story's paragraphs in order, heading and quote kept, furniture out" "$seals" \
    '"body":["Harbour seals have returned to the Wyre estuary for the first time in forty years, volunteers counting them at low tide said on Thursday.","The survey team recorded seventy-three animals hauled out on the mudflats, including eleven pups, a figure that surprised the marine biologists.","Cleaner water","Researchers credit the recovery to cleaner water after the closure of two outfall pipes and to a ban on netting that came into force in 2019.","\"We never expected to see pups here again in our lifetime,\" said the survey leader, Dr Ana Pereira.","The council plans to fence off part of the sandbank during the pupping season so that walkers and their dogs keep a safe distance."],"comments":["Wonderful news, I saw three of them basking near the pier last weekend.","About time the council did something about the outfall pipes."]}'
cafe=$(printf '%s\n' "$warc_json" | grep cafe-rents)
like "Latin-1 by <meta http-equiv>: the title decoded" "$cafe" '"title":"Café owners fight rent rise"'
like "a date only in the URL stays partial" "$cafe" '"date":"2023-11"'
like "meta name=author is the byline" "$cafe" '"byline":"José Almeida"'
like "the Latin-1 body decoded" "$cafe" '"body":["Owners of eleven cafés on Market Street'
walk=$(printf '%s\n' "$warc_json" | grep river-walk)
like "<h1> over <title>" "$walk" '"title":"Walking the old towpath"'
like "the visible date line" "$walk" '"date":"2022-06-07"'
like "the author element's name" "$walk" '"byline":"Tom Hargreaves"'
like "no publication named: the host is the source" "$walk" '"source":"127.0.0.1"'
like "list items are paragraphs; the comment form is not a comment" "$walk" \
    '"Distance: about six kilometres from lock to lock.","Parking: the village hall car park, free on weekdays.","The tea room at the top lock opens at ten and serves the best scones on the canal, though it closes early on Mondays."],"comments":["We walked it on Sunday with the children and saw two herons fishing."]}'

# The WARC and the mirror give the same articles: all but where each
# came from (the mirror's files do not know their URL or host).
same_articles() {
    sed 's/^.*,"title":/{"title":/; s/,"source":\("[^"]*"\|null\)//' | sort
}
run trawl_index --extract "$tmp/mirror"
is "the mirror and the WARC give the same titles, dates, bylines, paragraphs" \
    "$(printf '%s\n' "$out" | same_articles)" "$(printf '%s\n' "$warc_json" | same_articles)"

# Paragraph numbers: the same in snippets and --show, from either index.
for db in db-warc db-mirror; do
    run trawl_search --db "$tmp/$db" kingfishers
    like "$db: the snippet names its paragraph" "$out" \
        "¶2: **Kingfishers** nest in the bank opposite the old boathouse"
    run trawl_search --db "$tmp/$db" --format json basking
    like "$db: a reader comment matches as a comment, numbered after the story" "$out" \
        '"text":"Wonderful news, I saw three of them basking near the pier last weekend.","paragraph":7,"kind":"comment"'
done
run trawl_search --db "$tmp/db-warc" --show "$site/news/2024/03/14/harbour-seals.html"
warc_show=$(printf '%s\n' "$out" | sed -n '/^¶1 /,$p')
is "--show numbers the story's paragraphs, then the comments" "$warc_show" \
"¶1 Harbour seals have returned to the Wyre estuary for the first time in forty years, volunteers counting them at low tide said on Thursday.

¶2 The survey team recorded seventy-three animals hauled out on the mudflats, including eleven pups, a figure that surprised the marine biologists.

¶3 Cleaner water

¶4 Researchers credit the recovery to cleaner water after the closure of two outfall pipes and to a ban on netting that came into force in 2019.

¶5 \"We never expected to see pups here again in our lifetime,\" said the survey leader, Dr Ana Pereira.

¶6 The council plans to fence off part of the sandbank during the pupping season so that walkers and their dogs keep a safe distance.

Reader comments

¶7 (reader comment) Wonderful news, I saw three of them basking near the pier last weekend.

¶8 (reader comment) About time the council did something about the outfall pipes."
run trawl_search --db "$tmp/db-mirror" --show "127.0.0.1:$port/news/2024/03/14/harbour-seals.html"
is "--show of the mirrored page numbers them alike" "$(printf '%s\n' "$out" | sed -n '/^¶1 /,$p')" "$warc_show"
run trawl_search --db "$tmp/db-warc" sandbank
like "a snippet's paragraph number is --show's" "$out" "¶6: The council plans to fence off part of the **sandbank** during the pupping season"

# Story words are found; menus, banners, boxes, forms and footers are not.
for db in db-warc db-mirror; do
    counts=
    for word in mudflats espresso scones herons; do
        counts="$counts $word=$(trawl_search --db "$tmp/$db" --count "$word" || true)"
    done
    is "$db: the stories are searchable" "$counts" " mudflats=1 espresso=1 scones=1 herons=1"
    counts=
    for word in sportsdesk weatherwatch frontpage businessdesk homepage archivepage \
            cookies preferences facebook tweet lighthouse porpoise tandem sourdough garlic \
            briefing subscribe reply quayside copyright newsdesk colophon pageviewcounter; do
        counts="$counts $word=$(trawl_search --db "$tmp/$db" --count "$word" || true)"
    done
    is "$db: no menu, cookie, share, related, most-read, newsletter, form, footer or script text" \
        "$counts" \
        " sportsdesk=0 weatherwatch=0 frontpage=0 businessdesk=0 homepage=0 archivepage=0 cookies=0 preferences=0 facebook=0 tweet=0 lighthouse=0 porpoise=0 tandem=0 sourdough=0 garlic=0 briefing=0 subscribe=0 reply=0 quayside=0 copyright=0 newsdesk=0 colophon=0 pageviewcounter=0"
done

done_testing
