/* cite.c: unit tests for citations and references (searcher/cite.h): the
 * citation under every hit, dates as people read them, and each style's
 * exact bytes for a full and an almost empty article.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "tap.h"

#define LQ "\xE2\x80\x9C"     /* “ */
#define RQ "\xE2\x80\x9D"     /* ” */
#define PARA "\xC2\xB6"       /* ¶ */

static void test_dates(void)
{
    static const struct {
        const char *date;
        int formatted;          /* cite_format_date() */
        const char *terminal;   /* cite_date() */
    } rows[] = {
        { "2014-06-03", 1, "3 June 2014" },
        { "2004-12-31", 1, "31 December 2004" },
        { "1993-01-09", 1, "9 January 1993" },
        { "2014-06", 1, "June 2014" },
        { "2014", 0, "2014" },
        { "2014-13-01", 0, "2014-13-01" },
        { "2014-00", 0, "2014-00" },
        { "yesterday", 0, "yesterday" },
        { "", 0, "" },
        { "2014\x1b[2J", 0, "2014\xEF\xBF\xBD[2J" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        buf_t formatted = BUF_INIT, terminal = BUF_INIT;
        int n = cite_format_date(&formatted, rows[i].date);

        ok(n == rows[i].formatted && (n ? strcmp(formatted.data, rows[i].terminal) == 0
                                        : formatted.len == 0),
           "'%s': %s", rows[i].date, n ? "formatted" : "left to the caller, nothing written");
        cite_date(&terminal, rows[i].date);
        is_str(terminal.data ? terminal.data : "", rows[i].terminal, "... for a terminal");
        buf_free(&formatted);
        buf_free(&terminal);
    }
}

/* A hit for the table below: its snippet's fragments stand in the
 * PARAGRAPHS given (0 ends the list), its paragraphs are of KINDS. */
static hit_t make_hit(const char *title, const char *path, const char *id,
                      const char *source, const char *date, const char *kinds,
                      const unsigned *paragraphs)
{
    hit_t hit;

    memset(&hit, 0, sizeof hit);
    hit.doc.title = (char *)title;
    hit.doc.path = (char *)path;
    hit.doc.id = (char *)id;
    hit.doc.source = (char *)source;
    hit.doc.date = (char *)date;
    hit.doc.kinds = (char *)kinds;
    hit.doc.paragraph_count = strlen(kinds);
    for (size_t k = 0; k < SNIPPET_MAX_FRAGMENTS && paragraphs[k]; k++) {
        hit.snippet.fragments[k].paragraph = paragraphs[k];
        hit.snippet.fragment_count = k + 1;
    }
    return hit;
}

static void test_citations(void)
{
    static const struct {
        const char *title, *path, *id, *source, *date, *kinds;
        unsigned paragraphs[4];
        const char *expected;
        const char *shown;      /* cite_title() */
    } rows[] = {
        { "CCGs confident", "x/002.txt", "002.txt", "HSJ", NULL, "BBBC", { 2, 4, 0 },
          LQ "CCGs confident." RQ " HSJ, n.d. 002.txt, " PARA "2, " PARA "4 (reader comment).",
          "CCGs confident" },
        { "Feature: Grey Area", NULL, "003.txt", NULL, "2014-06-03", "BB", { 1, 1, 2 },
          LQ "Feature: Grey Area." RQ " 3 June 2014. 003.txt, " PARA "1, " PARA "2.",
          "Feature: Grey Area" },
        { "Is it over?", NULL, "a", NULL, "2014", "B", { 0 },
          LQ "Is it over?" RQ " 2014. a.", "Is it over?" },
        { "Shortened title\xE2\x80\xA6", NULL, "b", "Pulse", "2014-06", "B", { 0 },
          LQ "Shortened title\xE2\x80\xA6" RQ " Pulse, June 2014. b.",
          "Shortened title\xE2\x80\xA6" },
        { "Done.", NULL, "c", NULL, NULL, "B", { 0 }, LQ "Done." RQ " n.d. c.", "Done." },
        { NULL, "corpus/d.txt", "d.txt", NULL, NULL, "B", { 1, 0 },
          LQ "corpus/d.txt." RQ " n.d. d.txt, " PARA "1.", "corpus/d.txt" },
        { NULL, NULL, "sci.space/59904", NULL, NULL, "", { 0 },
          LQ "sci.space/59904." RQ " n.d. sci.space/59904.", "sci.space/59904" },
        { "Bell\x07 title", NULL, "e", "Src\ttab", NULL, "B", { 0 },
          LQ "Bell\xEF\xBF\xBD title." RQ " Src tab, n.d. e.", "Bell\x07 title" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        hit_t hit = make_hit(rows[i].title, rows[i].path, rows[i].id, rows[i].source,
                             rows[i].date, rows[i].kinds, rows[i].paragraphs);
        buf_t out = BUF_INIT;

        cite_citation(&out, &hit);
        is_str(out.data, rows[i].expected, rows[i].expected);
        is_str(cite_title(&hit), rows[i].shown, "... shown by its title");
        buf_free(&out);
    }
}

static void test_styles(void)
{
    static const unsigned none[] = { 0 }, two[] = { 2, 3, 0 };
    hit_t full = make_hit("Ad sales {boost} 50%", "bbc/1.txt", "bbc/1.txt", "BBC News",
                          "2004-12-01", "BBC", two);
    hit_t bare = make_hit(NULL, NULL, "sci.space/59904", NULL, "1993", "", none);
    full.doc.byline = "Jo Smith & Co";
    full.doc.url = "http://example.org/1?a=b";
    static const struct {
        cite_style_t style;
        int bare;
        const char *accessed;
        int first;
        const char *expected;
    } rows[] = {
        { CITE_TEXT, 0, "2024-05-01", 1,
          LQ "Ad sales {boost} 50%." RQ " BBC News, 1 December 2004. bbc/1.txt, " PARA "2, "
          PARA "3 (reader comment). http://example.org/1?a=b Accessed 1 May 2024.\n" },
        { CITE_TEXT, 1, NULL, 1, LQ "sci.space/59904." RQ " 1993. sci.space/59904.\n" },
        { CITE_BIBTEX, 0, "2024-05-01", 1,
          "@article{bbc_1.txt,\n"
          "  title = {{Ad sales \\{boost\\} 50\\%}},\n"
          "  journal = {BBC News},\n"
          "  author = {Jo Smith \\& Co},\n"
          "  year = {2004},\n"
          "  month = dec,\n"
          "  date = {2004-12-01},\n"
          "  url = {http://example.org/1?a=b},\n"
          "  note = {bbc/1.txt},\n"
          "  urldate = {2024-05-01},\n"
          "}\n\n" },
        { CITE_BIBTEX, 1, NULL, 1,
          "@article{sci.space_59904,\n"
          "  year = {1993},\n"
          "  note = {sci.space/59904},\n"
          "}\n\n" },
        { CITE_RIS, 0, "2024-05-01", 1,
          "TY  - NEWS\n"
          "ID  - bbc_1.txt\n"
          "TI  - Ad sales {boost} 50%\n"
          "T2  - BBC News\n"
          "AU  - Jo Smith & Co\n"
          "PY  - 2004\n"
          "DA  - 2004/12/01/\n"
          "UR  - http://example.org/1?a=b\n"
          "AN  - bbc/1.txt\n"
          "Y2  - 2024/05/01/\n"
          "ER  - \n\n" },
        { CITE_RIS, 1, NULL, 1,
          "TY  - NEWS\n"
          "ID  - sci.space_59904\n"
          "PY  - 1993\n"
          "DA  - 1993///\n"
          "AN  - sci.space/59904\n"
          "ER  - \n\n" },
        { CITE_CSL_JSON, 0, "2024-05-01", 1,
          "\n  {\"id\":\"bbc_1.txt\",\"type\":\"article-newspaper\","
          "\"title\":\"Ad sales {boost} 50%\",\"container-title\":\"BBC News\","
          "\"author\":[{\"literal\":\"Jo Smith & Co\"}],"
          "\"issued\":{\"date-parts\":[[2004,12,1]]},\"URL\":\"http://example.org/1?a=b\","
          "\"archive_location\":\"bbc/1.txt\",\"accessed\":{\"date-parts\":[[2024,5,1]]}}" },
        { CITE_CSL_JSON, 1, NULL, 0,
          ",\n  {\"id\":\"sci.space_59904\",\"type\":\"article-newspaper\","
          "\"issued\":{\"date-parts\":[[1993]]},\"archive_location\":\"sci.space/59904\"}" },
        { CITE_NONE, 0, "2024-05-01", 1, "" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        buf_t out = BUF_INIT;
        cite_hit(&out, rows[i].style, rows[i].bare ? &bare : &full, rows[i].accessed,
                 rows[i].first);
        is_str(out.data ? out.data : "", rows[i].expected, "style row");
        buf_free(&out);
    }
}

static void test_names_and_keys(void)
{
    static const struct {
        const char *name;
        int rc;
        cite_style_t style;
    } styles[] = {
        { "text", 0, CITE_TEXT }, { "bibtex", 0, CITE_BIBTEX }, { "ris", 0, CITE_RIS },
        { "csl-json", 0, CITE_CSL_JSON }, { "endnote", -1, CITE_NONE }, { "", -1, CITE_NONE },
        { "BibTeX", -1, CITE_NONE },
    };
    static const struct {
        const char *id, *key;
    } keys[] = {
        { "business/001", "business_001" },
        { "002_7add833defd93f9a.txt", "002_7add833defd93f9a.txt" },
        { "a b:c-d.e", "a_b:c-d.e" },
        { "caf\xC3\xA9", "caf__" },
        { "", "" },
    };
    for (size_t i = 0; i < sizeof styles / sizeof *styles; i++) {
        cite_style_t style = CITE_NONE;
        int rc = cite_parse_style(styles[i].name, &style);
        ok(rc == styles[i].rc && style == styles[i].style, "style '%s'", styles[i].name);
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        buf_t out = BUF_INIT;
        cite_key(&out, keys[i].id);
        is_str(out.data ? out.data : "", keys[i].key, "citation key");
        buf_free(&out);
    }
    buf_t out = BUF_INIT;
    cite_begin(&out, CITE_CSL_JSON);
    cite_end(&out, CITE_CSL_JSON);
    cite_begin(&out, CITE_RIS);
    cite_end(&out, CITE_BIBTEX);
    is_str(out.data, "[\n]\n", "only CSL-JSON has a beginning and an end");
    buf_free(&out);
}

int main(void)
{
    test_dates();
    test_citations();
    test_styles();
    test_names_and_keys();
    return tap_done();
}
