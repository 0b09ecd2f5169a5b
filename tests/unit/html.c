/* html.c: tests of the HTML reader (indexer/html.h, indexer/charset.h):
 * the charset rules in order, the metadata sources in order of
 * precedence, and each boilerplate rule.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each case is a small page; what html_parse() makes of it is written as
 * one transcript ("title|date|byline|source|url" or the paragraphs, one a
 * line, comments marked "C: "), compared exactly.
 */
#define _GNU_SOURCE 1 /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "html.h"
#include "html-internal.h"
#include "tap.h"

/* Four story paragraphs: enough running text to be the main content. */
#define STORY                                                                           \
    "<p>The river authority confirmed on Monday that the weir at Castle Mill will be " \
    "rebuilt this summer, after two winters of flooding in the lower town.</p>"         \
    "<p>Engineers found that the old stonework had shifted by almost a metre, and "    \
    "that the sluice gates could no longer be opened fully in high water.</p>"          \
    "<p>Residents of Mill Lane, whose cellars flooded four times last year, said "     \
    "they welcomed the decision but wanted a date for the work to begin.</p>"           \
    "<p>The authority expects the rebuilding to take eleven weeks and to cost "        \
    "about two million pounds, shared with the county council.</p>"

#define STORY_TEXT                                                                      \
    "The river authority confirmed on Monday that the weir at Castle Mill will be "    \
    "rebuilt this summer, after two winters of flooding in the lower town.\n"           \
    "Engineers found that the old stonework had shifted by almost a metre, and that "  \
    "the sluice gates could no longer be opened fully in high water.\n"                 \
    "Residents of Mill Lane, whose cellars flooded four times last year, said they "   \
    "welcomed the decision but wanted a date for the work to begin.\n"                  \
    "The authority expects the rebuilding to take eleven weeks and to cost about two " \
    "million pounds, shared with the county council.\n"

static char transcript[65536];

/* The paragraphs of A, one a line, comments marked "C: ". */
static const char *paragraphs(const article_t *a)
{
    size_t n = 0;
    transcript[0] = '\0';
    for (size_t i = 0; i < a->paragraph_count && n < sizeof transcript; i++)
        n += (size_t)snprintf(transcript + n, sizeof transcript - n, "%s%s\n",
                              a->paragraphs[i].kind == PARA_COMMENT ? "C: " : "",
                              a->paragraphs[i].text);
    return transcript;
}

static const char *or_null(const char *s)
{
    return s ? s : "-";
}

/* "title|date|byline|source|url" of A. */
static const char *fields(const article_t *a)
{
    snprintf(transcript, sizeof transcript, "%s|%s|%s|%s|%s", or_null(a->title),
             or_null(a->date), or_null(a->byline), or_null(a->source), or_null(a->url));
    return transcript;
}

/* Parses HTML (NUL-terminated) with the Content-Type CT and URL (either
 * may be NULL) into *A; the error text, or NULL on success. */
static const char *parse(const char *html, const char *ct, const char *url, article_t *a)
{
    static char error[256];
    html_source_t source = { ct, url, NULL };
    char *err = NULL;
    if (html_parse(html, strlen(html), &source, a, &err) == 0)
        return NULL;
    snprintf(error, sizeof error, "%s", err ? err : "?");
    free(err);
    return error;
}

/* The paragraphs of the page whose <head> holds HEAD (after its <title>)
 * and whose <body> holds BODY. */
static void page_is(const char *head, const char *body, const char *expected, const char *name)
{
    char *html = NULL;
    article_t a;
    if (asprintf(&html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                        "<title>Weir to be rebuilt</title>%s</head><body>%s</body></html>",
                 head, body) < 0)
        abort();
    const char *err = parse(html, NULL, NULL, &a);
    if (err) {
        is_str(err, NULL, name);
        free(html);
        return;
    }
    is_str(paragraphs(&a), expected, name);
    article_free(&a);
    free(html);
}

/* The paragraphs of the page whose <body> holds BODY. */
static void body_is(const char *body, const char *expected, const char *name)
{
    page_is("", body, expected, name);
}

static void fields_are(const char *head, const char *body, const char *url,
                       const char *expected, const char *name)
{
    char *html = NULL;
    article_t a;
    if (asprintf(&html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">%s</head>"
                        "<body>%s" STORY "</body></html>", head, body) < 0)
        abort();
    const char *err = parse(html, NULL, url, &a);
    if (err)
        is_str(err, NULL, name);
    else
        is_str(fields(&a), expected, name);
    if (!err)
        article_free(&a);
    free(html);
}

/* The fields of the page whose <body> is BODY alone (fields_are() adds
 * STORY after it). */
static void body_fields_are(const char *body, const char *expected, const char *name)
{
    char *html = NULL;
    article_t a;
    if (asprintf(&html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                        "<body>%s</body></html>", body) < 0)
        abort();
    const char *err = parse(html, NULL, NULL, &a);
    is_str(err ? err : fields(&a), expected, name);
    if (!err)
        article_free(&a);
    free(html);
}

/* ------------------------------------------------------------ charset */

/* Decodes BYTES with the Content-Type CT: "<source>:<charset>:<text>"
 * (the text's first line only) and the warning, if any, after " / ". */
static const char *decoded(const char *bytes, size_t len, const char *ct)
{
    static const char *const sources[] = { "header", "bom", "meta", "utf8", "default" };
    static char out[512];
    buf_t text = BUF_INIT;
    charset_result_t r;
    if (charset_decode_html(bytes, len, ct, &text, &r) != 0)
        return "out of memory";
    const char *body = text.data ? strstr(text.data, "<p>") : NULL;
    size_t n = body ? strcspn(body + 3, "<") : 0;
    snprintf(out, sizeof out, "%s:%s:%.*s%s%s", sources[r.source], r.charset, (int)n,
             body ? body + 3 : "", r.warning ? " / " : "", r.warning ? r.warning : "");
    free(r.warning);
    buf_free(&text);
    return out;
}

/* A string literal and its length, NULs and all. */
#define BYTES(lit) lit, sizeof lit - 1

static void test_charset(void)
{
    static const struct {
        const char *bytes;
        size_t len;
        const char *ct, *expected, *name;
    } cases[] = {
        /* 1: the Content-Type header, over a BOM and a <meta>. */
        { BYTES("<meta charset=utf-8><p>caf\xe9</p>"), "text/html; charset=ISO-8859-1",
          "header:windows-1252:café", "charset: the header's over <meta>" },
        { BYTES("\xef\xbb\xbf<p>caf\xc3\xa9</p>"), "text/html; charset=\"utf-8\"",
          "header:utf-8:café", "charset: the header's, quoted" },
        /* 2: a byte order mark, over <meta>. */
        { BYTES("\xef\xbb\xbf<meta charset=iso-8859-1><p>caf\xc3\xa9</p>"), NULL,
          "bom:utf-8:café", "charset: a UTF-8 BOM over <meta>" },
        { BYTES("\xff\xfe<\0p\0>\0c\0a\0f\0\xe9\0<\0/\0p\0>\0"), NULL,
          "bom:utf-16le:café", "charset: a UTF-16LE BOM" },
        { BYTES("\xfe\xff\0<\0p\0>\0c\0a\0f\0\xe9\0<\0/\0p\0>"), NULL,
          "bom:utf-16be:café", "charset: a UTF-16BE BOM" },
        /* 3: <meta charset> and <meta http-equiv>. */
        { BYTES("<head><meta charset=\"windows-1251\"></head><p>\xcf\xf0\xe8</p>"), NULL,
          "meta:windows-1251:При", "charset: <meta charset>" },
        { BYTES("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">"
                "<p>\xb1</p>"), NULL,
          "meta:iso-8859-2:ą", "charset: <meta http-equiv>" },
        { BYTES("<!-- <meta charset=koi8-r> --><meta charset=utf-8><p>caf\xc3\xa9</p>"), NULL,
          "meta:utf-8:café", "charset: a <meta> inside a comment does not count" },
        { BYTES("<meta charset=utf-16><p>caf\xc3\xa9</p>"), NULL,
          "meta:utf-8:café", "charset: <meta> naming UTF-16 means UTF-8" },
        /* 4: valid UTF-8, 5: else Windows-1252. */
        { BYTES("<p>caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d</p>"), NULL,
          "utf8:utf-8:café “ok”", "charset: no label, valid UTF-8" },
        { BYTES("<p>\x93quoted\x94 \x80 5</p>"), NULL,
          "default:windows-1252:“quoted” € 5", "charset: no label, not UTF-8: Windows-1252" },
        /* An unknown label is named and the next rule decides. */
        { BYTES("<p>caf\xe9</p>"), "text/html; charset=x-bogus",
          "default:windows-1252:café / unknown charset 'x-bogus' in Content-Type ignored",
          "charset: a bogus header label is ignored, and said" },
        { BYTES("<meta charset=\"klingon\"><p>caf\xc3\xa9</p>"), NULL,
          "utf8:utf-8:café / unknown charset 'klingon' in <meta> ignored",
          "charset: a bogus <meta> label is ignored, and said" },
        /* Invalid sequences in a stated charset become U+FFFD. */
        { BYTES("<p>a\xff" "b</p>"), "text/html; charset=utf-8",
          "header:utf-8:a\xef\xbf\xbd" "b", "charset: invalid UTF-8 becomes U+FFFD" },
        { BYTES("<p>sixteen bytes.\xff" "and caf\xc3\xa9, then a cut \xe2\x82</p>"),
          "text/html; charset=utf-8",
          "header:utf-8:sixteen bytes.\xef\xbf\xbd" "and café, then a cut \xef\xbf\xbd\xef\xbf\xbd",
          "charset: invalid UTF-8 after long ASCII runs, each bad byte U+FFFD" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_str(decoded(cases[i].bytes, cases[i].len, cases[i].ct), cases[i].expected,
               cases[i].name);
    is_str(charset_canonical(" Latin1 ", 8), "windows-1252", "charset: latin1 is Windows-1252");
    is_str(charset_canonical("x-bogus", 7), NULL, "charset: an unknown label");
}

/* ---------------------------------------------------------- metadata */

static void test_title(void)
{
    const char *h1 = "<h1>Weir at Castle Mill to be rebuilt</h1>";
    fields_are("<title>Weir rebuilt | Valley Post</title>"
               "<meta property=\"og:title\" content=\"The og title of the weir\">"
               "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
               "\"headline\": \"Castle Mill weir will be rebuilt\"}</script>",
               "", NULL, "Castle Mill weir will be rebuilt|-|-|-|-",
               "title: JSON-LD headline over og:title and <title>");
    fields_are("<title>Weir rebuilt | Valley Post</title>"
               "<meta property=\"og:title\" content=\"Weir rebuilt this summer\">",
               "", NULL, "Weir rebuilt this summer|-|-|-|-", "title: og:title over <title>");
    fields_are("<title>Weir at Castle Mill | Valley Post</title>"
               "<meta property=\"og:title\" content=\"Castle Mill weir: rebuilt\">",
               h1, NULL, "Weir at Castle Mill to be rebuilt|-|-|-|-",
               "title: the <h1> that says the stated title, as printed");
    fields_are("<meta property=\"og:title\" content=\"Floods: new rules for landlords\">",
               "<h1>Valley Post</h1>", NULL,
               "Floods: new rules for landlords|-|-|-|-",
               "title: an <h1> that says something else is not the headline");
    fields_are("", h1, NULL, "Weir at Castle Mill to be rebuilt|-|-|-|-",
               "title: no stated title: the <h1>");
    fields_are("<meta property=\"og:title\" content=\"Paris 2024 - Drinks by boat to the city centre\">",
               "<h1><span class=\"subtitle\">Paris 2024</span> Drinks by boat to the city centre</h1>",
               NULL, "Drinks by boat to the city centre|-|-|-|-",
               "title: a styled part opening the <h1>, shorter than the rest, is a kicker");
    fields_are("<meta property=\"og:title\" content=\"Fish cakes, hot and fresh: welcome\">",
               "<h1><span class=\"main\">Fish cakes, hot and fresh</span> welcome</h1>",
               NULL, "Fish cakes, hot and fresh welcome|-|-|-|-",
               "title: ... a longer one is not");
    fields_are("<meta property=\"og:title\" content=\"Feud of the Smiths goes on at the town hall\">",
               "<h1><span class=\"first\">Feud</span> of the Smiths goes on at the town hall</h1>",
               NULL, "Feud of the Smiths goes on at the town hall|-|-|-|-",
               "title: ... nor one the heading's sentence goes on from in lower case");
    fields_are("<title>History - Valley Choir School</title>", "<h1>Our story since 1968</h1>",
               NULL, "Our story since 1968|-|-|-|-",
               "title: a <title> that no heading says gives way to the main <h1>");
    fields_are("<title>Weir to be rebuilt | Valley Post</title>"
               "<meta property=\"og:site_name\" content=\"Valley Post\">",
               "", NULL, "Weir to be rebuilt|-|-|Valley Post|-",
               "title: <title> without its ' | Site' suffix");
    fields_are("<title>Valley Post - Weir to be rebuilt</title>"
               "<meta property=\"og:site_name\" content=\"Valley Post\">",
               "", NULL, "Weir to be rebuilt|-|-|Valley Post|-",
               "title: <title> without its 'Site - ' prefix");
    fields_are("<title>Weir to be rebuilt</title><meta property=\"og:title\" content=\"Valley Post\">"
               "<meta property=\"og:site_name\" content=\"Valley Post\">",
               "", NULL, "Weir to be rebuilt|-|-|Valley Post|-",
               "title: an og:title that is the site's name gives way to <title>");
    fields_are("<title>Weir to be rebuilt | Mill Lane News</title>",
               "<h1><a href=\"https://web.archive.org/web/20080731095558/http://example.org/\">"
               "Mill Lane News</a></h1>", "https://web.archive.org/web/20080731095558/http://example.org/weir",
               "Weir to be rebuilt|-|-|example.org|https://web.archive.org/web/20080731095558/http://example.org/weir",
               "title: an <h1> linking home through a web archive is the site's, not the headline");
    fields_are("<title>Weir at Castle Mill to be rebuilt</title>"
               "<meta property=\"og:title\" content=\"Press releases\">",
               "<h1>Weir at Castle Mill to be rebuilt</h1>", NULL,
               "Weir at Castle Mill to be rebuilt|-|-|-|-",
               "title: an og:title no heading says gives way to the <title> one does");
    fields_are("<title>Castle Mill - Valley Post</title>"
               "<meta property=\"og:title\" content=\"Weir to be rebuilt this summer\">",
               "<h1>Castle Mill</h1><h2>Weir to be rebuilt this summer</h2>", NULL,
               "Weir to be rebuilt this summer|-|-|-|-",
               "title: ... not one a lesser heading shows");
    fields_are("<title>Weir to be rebuilt</title>", "<h1>W<b>eir</b> to be re<i>built</i></h1>", NULL,
               "Weir to be rebuilt|-|-|-|-", "title: a heading's inline parts are one word where they touch");
    fields_are("", "<h1><ruby>子<rt>こ</rt></ruby>どもへの<ruby>法律<rp>(</rp><rt>ほうりつ</rt><rp>)</rp></ruby></h1>",
               NULL, "子どもへの法律|-|-|-|-", "title: ruby annotations are not the heading's text");
    fields_are("<title>23.01.2022 - Weir to be rebuilt - Valley Post</title>"
               "<meta property=\"og:site_name\" content=\"Valley Post\">", "", NULL,
               "Weir to be rebuilt|-|-|Valley Post|-", "title: a date before the headline is not part of it");
    fields_are("<title>Weir to be rebuilt | MILL-LANE.NEWS</title>", "<h1>Weir to be rebuilt</h1>", NULL,
               "Weir to be rebuilt|-|-|-|-", "title: a host name after the headline names the site");
    fields_are("<title>Weir to be rebuilt</title>",
               "<h1>Weir to be rebuilt<span class=\"element-invisible\"> | Valley Post</span></h1>", NULL,
               "Weir to be rebuilt|-|-|-|-", "title: Drupal's element-invisible text is hidden");
}

static void test_date(void)
{
    const char *ld = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                     "\"datePublished\": \"2021-05-04T10:00:00+01:00\", "
                     "\"dateModified\": \"2021-06-01\"}</script>";
    const char *meta = "<meta property=\"article:published_time\" content=\"2021-05-03\">"
                       "<meta property=\"article:modified_time\" content=\"2021-07-01\">";
    const char *time = "<p class=\"x\"><time datetime=\"2021-05-02\">yesterday</time></p>";
    const char *url = "https://example.com/news/2021/05/01/weir";
    fields_are(ld, "", NULL, "-|2021-05-04|-|-|-", "date: JSON-LD datePublished, not dateModified");
    char head[1024];
    snprintf(head, sizeof head, "%s%s", meta, ld);
    fields_are(head, time, url, "-|2021-05-04|-|example.com|https://example.com/news/2021/05/01/weir",
               "date: JSON-LD datePublished over article:published_time, <time>, URL");
    fields_are(meta, time, url, "-|2021-05-03|-|example.com|https://example.com/news/2021/05/01/weir",
               "date: article:published_time over <time> and the URL");
    fields_are("", time, url, "-|2021-05-02|-|example.com|https://example.com/news/2021/05/01/weir",
               "date: <time datetime> over the URL");
    fields_are("", "", url, "-|2021-05-01|-|example.com|https://example.com/news/2021/05/01/weir",
               "date: the URL's path");
    fields_are("", "", "https://example.com/2021/05/weir.html",
               "-|2021-05|-|example.com|https://example.com/2021/05/weir.html",
               "date: a partial date in the URL stays partial");
    fields_are("", "<h1>Weir at Castle Mill to be rebuilt</h1><p>Published 30 April 2021</p>", NULL,
               "Weir at Castle Mill to be rebuilt|2021-04-30|-|-|-",
               "date: a visible date line under the headline");
    fields_are("<meta property=\"article:published_time\" content=\"2021-05\">", "", NULL,
               "-|2021-05|-|-|-", "date: a partial stated date stays partial");
    fields_are("", "", NULL, "-|-|-|-|-", "date: none stated, none made up");
    fields_are("<meta property=\"article:published_time\" content=\"Wed, 04 May 2022 00:25:56 GMT\">",
               "<h1>Weir at Castle Mill to be rebuilt</h1>" STORY
               "<p><time datetime=\"2022-05-03T21:25:00-03:00\">21:25</time></p>", NULL,
               "Weir at Castle Mill to be rebuilt|2022-05-03|-|-|-",
               "date: a UTC time after midnight (as HTTP writes it) gives way to the local date before");
    fields_are("", "<h1>Weir at Castle Mill to be rebuilt</h1><p>Pressemitteilung vom 25. Januar 2022 | "
               "Berlin - Die Arbeiten am Wehr an der Burgmühle beginnen im Sommer und dauern elf Wochen, "
               "teilte die Behörde am Dienstag in Berlin mit.</p>", NULL,
               "Weir at Castle Mill to be rebuilt|2022-01-25|-|-|-",
               "date: a dateline opening the first paragraph");
    fields_are("", "<h1>Weir at Castle Mill to be rebuilt</h1><p>28.01.22 / 0 Kommentare</p>", NULL,
               "Weir at Castle Mill to be rebuilt|2022-01-28|-|-|-",
               "date: a short date with a two-digit year (dots only)");
    fields_are("", "<h1>Weir at Castle Mill to be rebuilt</h1><p>Version 1.10.19.2</p>", NULL,
               "Weir at Castle Mill to be rebuilt|-|-|-|-",
               "date: ... not a version number");
    fields_are("<meta property=\"article:published_time\" content=\"2021-05-04\">",
               "<h1>Weir at Castle Mill to be rebuilt</h1><p>On 30.04.2021 the river rose by two metres "
               "and flooded the cellars of Mill Lane.</p>", NULL,
               "Weir at Castle Mill to be rebuilt|2021-05-04|-|-|-",
               "date: the first sentence's date is the events', not beside the headline");
    fields_are("<meta property=\"article:published_time\" content=\"2021-05-04\">",
               "<h1>Minutes of the meeting of 10 April 2021</h1>", NULL,
               "Minutes of the meeting of 10 April 2021|2021-05-04|-|-|-",
               "date: a date inside the headline is not the page's");
    fields_are("", "<h1><span>27.04.2021</span> Weir at Castle Mill to be rebuilt</h1>", NULL,
               "27.04.2021 Weir at Castle Mill to be rebuilt|2021-04-27|-|-|-",
               "date: ... but one opening it (a kicker) is");
    fields_are("<meta property=\"article:published_time\" content=\"2021-05-04\">",
               "<h1>Weir at Castle Mill to be rebuilt</h1><p class=\"updated\">2021-06-01</p>", NULL,
               "Weir at Castle Mill to be rebuilt|2021-05-04|-|-|-",
               "date: a date line whose class says 'updated' does not win over the stated date");
    fields_are("<meta property=\"article:published_time\" content=\"2021-11-01T05:00:00\">",
               "<h1>Weir at Castle Mill to be rebuilt</h1><p>11/01/2021</p>", NULL,
               "Weir at Castle Mill to be rebuilt|2021-11-01|-|-|-",
               "date: an ambiguous 11/01/2021 is read as the stated date reads it");
    fields_are("<meta name=\"date\" content=\"11/01/2021 12:43\">",
               "<h1>Weir at Castle Mill to be rebuilt</h1>" STORY "<p>Erstellt am: 01.11.2021</p>", NULL,
               "Weir at Castle Mill to be rebuilt|2021-11-01|-|-|-",
               "date: ... also when the ambiguous one is the stated date");
    fields_are("", "<h1>Weir at Castle Mill to be rebuilt</h1><p>Registriert: 18.09.2008</p>"
               "<p>Termin: 21.02.2020, 19 Uhr</p>", NULL,
               "Weir at Castle Mill to be rebuilt|-|-|-|-",
               "date: a member's registration or an event's date is not the page's");
    fields_are("", "<h1>Weir at Castle Mill to be rebuilt</h1><p>Valley Post 02/10/2020</p>", NULL,
               "Weir at Castle Mill to be rebuilt|2020-10-02|-|-|-",
               "date: an ambiguous 02/10/2020 alone is read day first");
    body_fields_are("<article><h1>Weir at Castle Mill to be rebuilt</h1>" STORY
               "<div class=\"story-sidebar\"><p>Credits</p><p>23 mai 2019</p></div></article>",
               "Weir at Castle Mill to be rebuilt|2019-05-23|-|-|-",
               "date: a side column inside the story dates it");
    body_fields_are("<article><h1>Weir at Castle Mill to be rebuilt</h1>" STORY "</article>"
               "<aside class=\"sidebar\"><p>Most read</p><p>23 mai 2019</p></aside>",
               "Weir at Castle Mill to be rebuilt|-|-|-|-",
               "date: ... a sidebar beside it does not");
    fields_are("<script>window.state = {\"review\": {\"publishedDate\": \"2016-11-04T20:37:27Z\"}};</script>",
               "", NULL, "-|2016-11-04|-|-|-",
               "date: a page that shows none: the publication date its script's data states");
    body_fields_are("<aside><p>Most read</p><p><time datetime=\"2021-03-01\">1 March</time></p></aside>"
                    "<article><header><h1>Weir at Castle Mill to be rebuilt</h1><aside class=\"meta\">"
                    "<time itemprop=\"datePublished\" datetime=\"2021-05-04\">4 May</time></aside>"
                    "</header><div class=\"text\">" STORY "</div></article>",
                    "Weir at Castle Mill to be rebuilt|2021-05-04|-|-|-",
                    "date: an <aside> of the headline's <article> dates it, one outside does not");
    fields_are("", "<h1>Weir at Castle Mill to be rebuilt</h1>"
               "<p><abbr class=\"published\" title=\"2012-08-22T09:43:41+0100\">"
               "Wednesday</abbr></p>", NULL,
               "Weir at Castle Mill to be rebuilt|2012-08-22|-|-|-",
               "date: hAtom's <abbr class=published title=...>");
}

static void test_byline_source_url(void)
{
    fields_are("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
               "\"author\": {\"@type\": \"Person\", \"name\": \"Ruth Okafor\"}, "
               "\"publisher\": {\"@type\": \"Organization\", \"name\": \"Valley Post\"}}</script>"
               "<meta name=\"author\" content=\"Someone Else\">",
               "", NULL, "-|-|Ruth Okafor|Valley Post|-",
               "byline: JSON-LD author over meta name=author; source: JSON-LD publisher");
    fields_are("<meta name=\"author\" content=\"Ruth Okafor\">", "", NULL,
               "-|-|Ruth Okafor|-|-", "byline: meta name=author");
    fields_are("", "<p class=\"meta\">By <a rel=\"author\" href=\"/ruth\">Ruth Okafor</a></p>", NULL,
               "-|-|Ruth Okafor|-|-", "byline: rel=author");
    fields_are("<meta property=\"og:site_name\" content=\"Valley Post\">"
               "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
               "\"publisher\": {\"@type\": \"Organization\", \"name\": \"VP Media Ltd\"}}</script>",
               "", "https://www.example.org/a", "-|-|-|Valley Post|https://www.example.org/a",
               "source: og:site_name over the JSON-LD publisher");
    fields_are("<link rel=\"canonical\" href=\"https://example.org/weir\">"
               "<meta property=\"og:url\" content=\"https://example.org/og-weir\">",
               "", "https://mirror.example.net/x",
               "-|-|-|example.org|https://example.org/weir",
               "url: rel=canonical over og:url and the given URL; source: its host");
    fields_are("<meta property=\"og:url\" content=\"https://example.org/og-weir\">",
               "", "https://mirror.example.net/x",
               "-|-|-|example.org|https://example.org/og-weir", "url: og:url over the given URL");
}

/* ------------------------------------------------------- boilerplate */

static void test_boilerplate(void)
{
    static const struct {
        const char *name, *before, *after;
    } rules[] = {
        { "<nav> is out", "<nav><a href=\"/a\">Politics</a> <a href=\"/b\">Business</a></nav>", "" },
        { "the page's <header> (logo, tagline, menu) is out",
          "<header><a href=\"/\">Valley Post</a><p>Since 1871</p><ul><li><a href=\"/n\">News</a>"
          "</li><li><a href=\"/s\">Sport</a></li><li><a href=\"/w\">Weather</a></li></ul></header>",
          "" },
        { "a short fragment after the story is out", "", "<p>Tags: weir, floods</p>" },
        { "<footer> is out", "",
          "<footer><p>Copyright Valley Post Media Limited. All rights reserved.</p></footer>" },
        { "<aside> is out", "",
          "<aside><p>The weir was first built by the monks of the abbey in 1350.</p></aside>" },
        { "a share bar is out", "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> "
          "<a href=\"#\">Share on X</a> <span>Email this story</span></div>", "" },
        { "a related block is out", "",
          "<div class=\"related-stories\"><p>Flood defences fail again in the lower town</p></div>" },
        { "a most-read block is out", "",
          "<div class=\"most-read\"><p>Mayor opens the new bus station after five years</p></div>" },
        { "a newsletter block is out", "",
          "<div class=\"newsletter\"><p>Get the morning headlines in your inbox every day.</p></div>" },
        { "a cookie notice is out",
          "<div id=\"cookie-notice\"><p>We use cookies to give you the best experience.</p></div>", "" },
        { "a form is out", "",
          "<form action=\"/search\"><p>Search the archive of the Valley Post since 1871</p>"
          "<input name=\"q\"></form>" },
        { "a list of links (no hint) is out", "",
          "<div><ul><li><a href=\"/1\">Town council approves the budget</a></li>"
          "<li><a href=\"/2\">School wins the regional chess final</a></li>"
          "<li><a href=\"/3\">Bridge closed for repairs until June</a></li></ul></div>" },
        { "<script> and <style> are out",
          "<style>p { color: red }</style><script>var weirTracker = 1;</script>", "" },
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        char *body = NULL, name[200];
        if (asprintf(&body, "%s<div class=\"story\">" STORY "</div>%s", rules[i].before,
                     rules[i].after) < 0)
            abort();
        snprintf(name, sizeof name, "boilerplate: %s", rules[i].name);
        body_is(body, STORY_TEXT, name);
        free(body);
    }
    body_is("<article><h2>Eleven weeks of work</h2>" STORY
            "<blockquote><p>We have waited long enough for this weir to be fixed.</p></blockquote>"
            "<ul><li>Work starts on 1 July, when the river is at its lowest.</li>"
            "<li>It ends in mid-September, before the autumn rains begin.</li></ul></article>",
            "Eleven weeks of work\n" STORY_TEXT
            "We have waited long enough for this weir to be fixed.\n"
            "Work starts on 1 July, when the river is at its lowest.\n"
            "It ends in mid-September, before the autumn rains begin.\n",
            "story: headings, quotes and lists kept as paragraphs, in order");
    body_is("<article>" STORY "</article><section id=\"comments\">"
            "<div class=\"comment\"><p>About time too, my cellar flooded again in March.</p></div>"
            "<div class=\"comment\"><p>Eleven weeks seems optimistic for a job like this.</p></div>"
            "</section>",
            STORY_TEXT "C: About time too, my cellar flooded again in March.\n"
            "C: Eleven weeks seems optimistic for a job like this.\n",
            "comments: a comments section is reader comments, after the story");
    body_is("<div class=\"content print-only\">" STORY "</div>", STORY_TEXT,
            "story: a part for print only is still the page's text (some pages show it alone)");
    body_is("<article>" STORY "<p>Subscribe now to the Valley Post for the full story.</p>"
            "<p>This article is the copyrighted property of the Valley Post.</p></article>", STORY_TEXT,
            "story: a subscription or copyright note at its end is out");
    body_is("<article>" STORY "<p>Abbildung 4: the weir in 1910, before the first repair.</p>"
            "<p>Figure 2: water levels at the sluice since 2020.</p>" STORY "</article>",
            STORY_TEXT STORY_TEXT, "story: figure captions not marked up as such are out");
    body_is("<article>" STORY "<p>Follow us on Telegram for the latest news.</p>"
            "<p>This text is licensed under CC BY 4.0.</p></article>", STORY_TEXT,
            "story: ... and so are a 'follow us' and a licence note");
    body_is("<article><p>Subscribers to the water company will pay for part of the work, the "
            "authority said on Monday in its statement to the press.</p>" STORY "</article>",
            "Subscribers to the water company will pay for part of the work, the authority said on "
            "Monday in its statement to the press.\n" STORY_TEXT,
            "story: ... not such words elsewhere in it");
    page_is("<meta name=\"description\" content=\"The weir at Castle Mill will be rebuilt this summer.\">",
            "<nav><a href=\"/\">Home</a></nav><div id=\"app\"></div>",
            "The weir at Castle Mill will be rebuilt this summer.\n",
            "story: a page with no story (a web app) gets its stated description");
    page_is("<meta name=\"description\" content=\"The weir at Castle Mill will be rebuilt.\">",
            "<article>" STORY "</article>", STORY_TEXT, "story: ... a page with one does not");
}

/* The headline and the byline are metadata: printed again in the story,
 * they are not paragraphs of it. */
static void test_metadata_lines(void)
{
    article_t a;
    const char *err = parse("<html><head><meta charset=\"utf-8\"><title>Weir to be rebuilt</title>"
                            "<meta name=\"author\" content=\"Ruth Okafor\"></head><body>"
                            "<div class=\"story\"><h1>Weir to be rebuilt</h1><p>Ruth Okafor</p>"
                            STORY "<h2>Weir to be rebuilt</h2></div></body></html>",
                            NULL, NULL, &a);
    if (err) {
        is_str(err, NULL, "metadata: the headline and byline lines are not story");
        return;
    }
    is_str(paragraphs(&a), STORY_TEXT, "metadata: the headline and byline lines are not story");
    is_str(a.byline, "Ruth Okafor", "metadata: ... the byline is the byline");
    article_free(&a);
}

static void test_errors(void)
{
    article_t a;
    is_str(parse("", NULL, NULL, &a), "no article text", "error: an empty page");
    is_str(parse("<html><body><nav><a href=\"/\">Home</a></nav></body></html>", NULL, NULL, &a),
           "no article text", "error: a page of menus only");
    const char *page = "\xef\xbb\xbf <!-- x --> <!doctype HTML><p>", *mail = "Dear Sir, <b>this</b> is mail";
    is_int(html_looks_like(page, strlen(page)), 1, "sniff: BOM, comment, doctype");
    is_int(html_looks_like(mail, strlen(mail)), 0, "sniff: text with a tag is not HTML");
}

/* page_contains_ci(): WORD anywhere in S, in any ASCII case. */
static void test_contains_ci(void)
{
    static const struct {
        const char *s, *word;
        int expected;
    } cases[] = {
        { "post-published-date", "published", 1 },
        { "Post-PUBLISHED", "published", 1 },
        { "wpsidebar widget", "WPSideBar", 1 },
        { "schema.org/WPFooter", "wpfooter", 1 },
        { "application/ld+json", "ld+json", 1 },
        { "application/LD+JSON", "ld+json", 1 },
        { "pub", "published", 0 },
        { "publishe", "published", 0 },
        { "p p pu pub publ", "published", 0 },
        { "", "published", 0 },
        { NULL, "published", 0 },
        { "any", "", 1 },
        { "", "", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "contains_ci: \"%s\" in \"%s\"", cases[i].word,
                 cases[i].s ? cases[i].s : "(null)");
        is_int(page_contains_ci(cases[i].s, cases[i].word), cases[i].expected, name);
    }
}

int main(void)
{
    test_contains_ci();
    test_charset();
    test_title();
    test_date();
    test_byline_source_url();
    test_boilerplate();
    test_metadata_lines();
    test_errors();
    return tap_done();
}
