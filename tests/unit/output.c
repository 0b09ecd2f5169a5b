/* output.c: unit tests for trawl-search's renderers (searcher/output.h):
 * the exact bytes of every format for the same two hits, the field list,
 * the count line, TREC document ids and scores, and write failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "tap.h"

#define CITE_A "\xE2\x80\x9C" "Ad sales \\\"boost\\\".\xE2\x80\x9D BBC, 1 December 2004. " \
               "bbc/1.txt, \xC2\xB6" "2, \xC2\xB6" "3 (reader comment)."
#define CITE_A_RAW "\xE2\x80\x9C" "Ad sales \"boost\".\xE2\x80\x9D BBC, 1 December 2004. " \
                   "bbc/1.txt, \xC2\xB6" "2, \xC2\xB6" "3 (reader comment)."
#define CITE_B "\xE2\x80\x9C" "b 2.txt.gz.\xE2\x80\x9D n.d. b 2.txt.gz."

static const char text_a[] = "First para.\nSecond para, sales boost here.\nA comment: sales!";
static docdata_field_t extra_b[] = { { "lang", "en", 0 }, { "k", "v\t\"1\"", 0 },
                                     { "tags", "x", 1 }, { "tags", "y", 1 } };
static mark_t marks_a1[] = { { 13, 18 }, { 19, 24 } };
static mark_t marks_a2[] = { { 11, 16 } };

/* Two hits: A, with every field and a snippet of two fragments; B, with
 * almost nothing known, the same score, and two unknown metadata. */
static void make_hits(hit_t hits[2])
{
    memset(hits, 0, 2 * sizeof *hits);
    hits[0].rank = 1;
    hits[0].score = 12.5;
    hits[0].has_all_words = 1;
    hits[0].doc.id = "bbc/1.txt";
    hits[0].doc.title = "Ad sales \"boost\"";
    hits[0].doc.source = "BBC";
    hits[0].doc.date = "2004-12-01";
    hits[0].doc.byline = "Jo Smith";
    hits[0].doc.url = "http://example.org/1";
    hits[0].doc.path = "bbc/1.txt";
    hits[0].doc.kinds = "BBC";
    hits[0].doc.paragraph_count = 3;
    hits[0].doc.text = (char *)text_a;
    hits[0].doc.text_len = sizeof text_a - 1;
    hits[0].snippet.fragment_count = 2;
    hits[0].snippet.fragments[0] = (fragment_t){ 12, 42, 2, 0, 1, marks_a1, 2 };
    hits[0].snippet.fragments[1] = (fragment_t){ 43, 60, 3, 0, 0, marks_a2, 1 };
    hits[1].rank = 2;
    hits[1].score = 12.5;
    hits[1].doc.id = "b 2.txt.gz";
    hits[1].doc.kinds = "";
    hits[1].doc.extra = extra_b;
    hits[1].doc.extra_count = 4;
}

typedef struct {
    const char *name;
    format_t format;
    cite_style_t cite;
    int color, batch;
    const char *fields;          /* NULL: the default fields */
    const char *expected;
} render_row_t;

static const render_row_t renders[] = {
    { .name = "text", .format = FORMAT_TEXT, .batch = 1, .expected =
      "Query q7: sales\n"
      "2 matches, 1 with all 2 words\n\n"
      "[1] Ad sales \"boost\"\n"
      "    BBC | 1 December 2004 | bbc/1.txt | score 12.500\n"
      "    \xC2\xB6" "2: Second para, **sales boost** here.\xE2\x80\xA6\n"
      "    \xC2\xB6" "3 (reader comment): A comment: **sales**!\n"
      "    Cite: " CITE_A_RAW "\n\n"
      "[2] b 2.txt.gz\n"
      "    date unknown | b 2.txt.gz | score 12.500\n"
      "    Cite: " CITE_B "\n\n" },
    { .name = "text in colour", .format = FORMAT_TEXT, .color = 1, .expected =
      "2 matches, 1 with all 2 words\n\n"
      "[1] \033[1mAd sales \"boost\"\033[0m\n"
      "    BBC | 1 December 2004 | bbc/1.txt | score 12.500\n"
      "    \xC2\xB6" "2: Second para, \033[1;31msales boost\033[0m here.\xE2\x80\xA6\n"
      "    \xC2\xB6" "3 (reader comment): A comment: \033[1;31msales\033[0m!\n"
      "    Cite: " CITE_A_RAW "\n\n"
      "[2] \033[1mb 2.txt.gz\033[0m\n"
      "    date unknown | b 2.txt.gz | score 12.500\n"
      "    Cite: " CITE_B "\n\n" },
    { .name = "JSON Lines", .format = FORMAT_JSON, .batch = 1, .expected =
      "{\"trawl_query\":{\"query_id\":\"q7\",\"matches\":2,\"all_words\":1,\"words\":2,"
      "\"counts_exact\":true,\"sort\":\"relevance\",\"collapsed\":false,\"did_you_mean\":null}}\n"
      "{\"query_id\":\"q7\",\"rank\":1,\"id\":\"bbc/1.txt\",\"score\":12.500000,"
      "\"all_words\":true,\"title\":\"Ad sales \\\"boost\\\"\",\"title_derived\":false,"
      "\"source\":\"BBC\",\"date\":\"2004-12-01\",\"byline\":\"Jo Smith\","
      "\"url\":\"http://example.org/1\",\"meta\":{},\"path\":\"bbc/1.txt\","
      "\"citation\":\"" CITE_A "\",\"snippets\":["
      "{\"text\":\"Second para, sales boost here.\",\"paragraph\":2,\"kind\":\"body\","
      "\"start\":12,\"end\":42,\"cut_before\":false,\"cut_after\":true,"
      "\"highlights\":[[13,18],[19,24]]},"
      "{\"text\":\"A comment: sales!\",\"paragraph\":3,\"kind\":\"comment\",\"start\":43,"
      "\"end\":60,\"cut_before\":false,\"cut_after\":false,\"highlights\":[[11,16]]}],"
      "\"copies\":[]}\n"
      "{\"query_id\":\"q7\",\"rank\":2,\"id\":\"b 2.txt.gz\",\"score\":12.500000,"
      "\"all_words\":false,\"title\":null,\"title_derived\":false,\"source\":null,"
      "\"date\":null,\"byline\":null,\"url\":null,"
      "\"meta\":{\"lang\":\"en\",\"k\":\"v\\t\\\"1\\\"\",\"tags\":[\"x\",\"y\"]},\"path\":null,"
      "\"citation\":\"" CITE_B "\",\"snippets\":[],\"copies\":[]}\n" },
    { .name = "TSV", .format = FORMAT_TSV, .batch = 1, .expected =
      "q7\t1\t12.500000\tbbc/1.txt\tAd sales \"boost\"\tBBC\t2004-12-01\t" CITE_A_RAW "\n"
      "q7\t2\t12.500000\tb 2.txt.gz\t\t\t\t" CITE_B "\n" },
    { .name = "CSV", .format = FORMAT_CSV, .batch = 1, .expected =
      "q7,1,12.500000,bbc/1.txt,\"Ad sales \"\"boost\"\"\",BBC,2004-12-01,\""
      "\xE2\x80\x9C" "Ad sales \"\"boost\"\".\xE2\x80\x9D BBC, 1 December 2004. "
      "bbc/1.txt, \xC2\xB6" "2, \xC2\xB6" "3 (reader comment).\"\r\n"
      "q7,2,12.500000,b 2.txt.gz,,,," CITE_B "\r\n" },
    /* Equal scores: the second is printed a millionth lower. */
    { .name = "TREC run", .format = FORMAT_TREC, .batch = 1, .expected =
      "q7 Q0 bbc/1 1 12.500000 tag\n"
      "q7 Q0 b_2 2 12.499999 tag\n" },
    { .name = "citations as text", .format = FORMAT_TEXT, .cite = CITE_TEXT, .batch = 1, .expected =
      CITE_A_RAW " http://example.org/1 Accessed 1 May 2024.\n"
      CITE_B " Accessed 1 May 2024.\n" },
    /* The fields chosen, as --fields names them. */
    { .name = "JSON Lines, fields chosen", .format = FORMAT_JSON,
      .fields = "id,query,rank,all_words", .expected =
      "{\"trawl_query\":{\"query_id\":\"q7\",\"matches\":2,\"all_words\":1,\"words\":2,"
      "\"counts_exact\":true,\"sort\":\"relevance\",\"collapsed\":false,\"did_you_mean\":null}}\n"
      "{\"id\":\"bbc/1.txt\",\"query\":\"sales\",\"rank\":1,\"all_words\":true}\n"
      "{\"id\":\"b 2.txt.gz\",\"query\":\"sales\",\"rank\":2,\"all_words\":false}\n" },
    { .name = "TSV of meta and snippets", .format = FORMAT_TSV, .batch = 1,
      .fields = "meta,snippets", .expected =
      "\tSecond para, sales boost here.\xE2\x80\xA6 A comment: sales!\n"
      "lang=en; k=v\\t\"1\"; tags=x, y\t\n" },
    { .name = "CSV of meta and snippets", .format = FORMAT_CSV, .batch = 1,
      .fields = "title_derived,meta,snippets", .expected =
      "false,,\"Second para, sales boost here.\xE2\x80\xA6 A comment: sales!\"\r\n"
      "false,\"lang=en; k=v\t\"\"1\"\"; tags=x, y\",\r\n" },
};

static void test_renders(void)
{
    for (size_t i = 0; i < sizeof renders / sizeof *renders; i++) {
        const render_row_t *row = &renders[i];
        hit_t hits[2];
        search_result_t r;
        output_options_t opts;
        output_query_t q = { "q7", "sales", row->batch, 0, 0 };
        char *got = NULL, *errmsg = NULL;
        size_t size = 0;
        FILE *fp = open_memstream(&got, &size);

        make_hits(hits);
        memset(&r, 0, sizeof r);
        r.hits = hits;
        r.hit_count = 2;
        r.matches = 2;
        r.all_words = 1;
        r.group_count = 2;
        r.counts_exact = 1;
        memset(&opts, 0, sizeof opts);
        opts.format = row->format;
        opts.cite = row->cite;
        opts.color = row->color;
        opts.run_tag = "tag";
        opts.accessed = "2024-05-01";
        output_default_fields(&opts, row->batch);
        if (row->fields && output_parse_fields(&opts, row->fields, &errmsg) != 0)
            printf("# %s\n", errmsg);
        ok(output_page(fp, &opts, &q, &r, 1) == OUTPUT_OK, "%s: written", row->name);
        fclose(fp);
        is_str(got, row->expected, row->name);
        is_int((long)opts.written, 2, "... two hits counted");
        free(got);
        free(errmsg);
    }
}

/* What comes before the first query and after the last. */
static void test_begin_end(void)
{
    static const struct {
        format_t format;
        cite_style_t cite;
        const char *begin, *end;
    } rows[] = {
        { FORMAT_TEXT, CITE_NONE, "", "" },
        { FORMAT_JSON, CITE_NONE, "", "" },
        { FORMAT_TSV, CITE_NONE,
          "query_id\trank\tscore\tid\ttitle\tsource\tdate\tcitation\n", "" },
        { FORMAT_CSV, CITE_NONE, "query_id,rank,score,id,title,source,date,citation\r\n", "" },
        { FORMAT_TREC, CITE_NONE, "", "" },
        { FORMAT_TSV, CITE_CSL_JSON, "[", "\n]\n" },
        { FORMAT_TEXT, CITE_BIBTEX, "", "" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        output_options_t opts;
        char *got = NULL;
        size_t size = 0;
        FILE *fp = open_memstream(&got, &size);

        memset(&opts, 0, sizeof opts);
        opts.format = rows[i].format;
        opts.cite = rows[i].cite;
        output_default_fields(&opts, 1);
        ok(output_begin(fp, &opts) == OUTPUT_OK, "begin, row %zu: written", i);
        fflush(fp);
        is_str(got, rows[i].begin, "... the bytes before the first query");
        fclose(fp);
        free(got);
        got = NULL;
        fp = open_memstream(&got, &size);
        ok(output_end(fp, &opts) == OUTPUT_OK, "end, row %zu: written", i);
        fclose(fp);
        is_str(got, rows[i].end, "... the bytes after the last");
        free(got);
    }
}

static void test_fields(void)
{
    static const struct {
        const char *list;
        const char *error;       /* NULL: accepted */
        size_t count;
    } rows[] = {
        { "id", NULL, 1 },
        { "query_id,query,rank,id,score,all_words,title,title_derived,source,date,byline,"
          "url,meta,path,citation,snippets", NULL, 16 },
        { "id,id", NULL, 2 },
        { "colour", "unknown field 'colour' (fields: query_id, query, rank, id, score, "
          "all_words, title, title_derived, source, date, byline, url, meta, path, "
          "citation, snippets, copies)", 0 },
        { "id,", "unknown field '' (fields: query_id, query, rank, id, score, all_words, "
          "title, title_derived, source, date, byline, url, meta, path, citation, "
          "snippets, copies)", 0 },
        { "id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id",
          "too many fields (at most 17)", 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        output_options_t opts;
        char *errmsg = NULL;
        int rc;

        memset(&opts, 0, sizeof opts);
        rc = output_parse_fields(&opts, rows[i].list, &errmsg);
        if (rows[i].error == NULL)
            ok(rc == 0 && opts.field_count == rows[i].count, "--fields %s: %zu fields",
               rows[i].list, rows[i].count);
        else {
            ok(rc == -1, "--fields %s: refused", rows[i].list);
            is_str(errmsg, rows[i].error, "... saying why");
        }
        free(errmsg);
    }
}

/* Which outputs need the stored text (snippets, citations), and which
 * show the counts. */
static void test_needs(void)
{
    static const struct {
        format_t format;
        cite_style_t cite;
        const char *fields;
        int snippets, counts;
    } rows[] = {
        { FORMAT_TEXT, CITE_NONE, NULL, 1, 1 },
        { FORMAT_JSON, CITE_NONE, NULL, 1, 1 },
        { FORMAT_JSON, CITE_NONE, "id,score", 0, 1 },
        { FORMAT_TSV, CITE_NONE, NULL, 1, 0 },
        { FORMAT_CSV, CITE_NONE, "id,snippets", 1, 0 },
        { FORMAT_CSV, CITE_NONE, "id,title", 0, 0 },
        { FORMAT_TREC, CITE_NONE, NULL, 0, 0 },
        { FORMAT_TEXT, CITE_TEXT, NULL, 1, 0 },
        { FORMAT_TEXT, CITE_BIBTEX, NULL, 0, 0 },
        { FORMAT_JSON, CITE_CSL_JSON, NULL, 0, 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        output_options_t opts;
        char *errmsg = NULL;

        memset(&opts, 0, sizeof opts);
        opts.format = rows[i].format;
        opts.cite = rows[i].cite;
        output_default_fields(&opts, 0);
        if (rows[i].fields)
            output_parse_fields(&opts, rows[i].fields, &errmsg);
        free(errmsg);
        ok(output_needs_snippets(&opts) == rows[i].snippets
           && output_shows_counts(&opts) == rows[i].counts,
           "row %zu: snippets %d, counts %d", i, rows[i].snippets, rows[i].counts);
    }
}

static void test_count_lines(void)
{
    static const struct {
        unsigned matches, all_words, groups, undated;
        int exact;
        search_sort_t sort;
        const char *expected;
    } rows[] = {
        { 0, 0, 1, 0, 1, SEARCH_BY_RELEVANCE, "0 matches" },
        { 1, 1, 1, 0, 1, SEARCH_BY_RELEVANCE, "1 match" },
        { 246, 38, 3, 0, 1, SEARCH_BY_RELEVANCE, "246 matches, 38 with all 3 words" },
        { 1000001, 9, 2, 0, 0, SEARCH_BY_RELEVANCE,
          "about 1000001 matches, about 9 with all 2 words" },
        { 5, 5, 1, 4, 1, SEARCH_OLDEST_FIRST, "5 matches; oldest first, 4 undated last" },
        { 5, 2, 2, 0, 1, SEARCH_NEWEST_FIRST,
          "5 matches, 2 with all 2 words; newest first, 0 undated last" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        search_result_t r;
        buf_t out = BUF_INIT;

        memset(&r, 0, sizeof r);
        r.matches = rows[i].matches;
        r.all_words = rows[i].all_words;
        r.group_count = rows[i].groups;
        r.undated = rows[i].undated;
        r.counts_exact = rows[i].exact;
        r.sort = rows[i].sort;
        output_count_line(&out, &r);
        is_str(out.data, rows[i].expected, rows[i].expected);
        buf_free(&out);
    }
}

static void test_trec_docids(void)
{
    static const struct {
        const char *id, *expected;
    } rows[] = {
        { "002_7add833defd93f9a.txt", "002_7add833defd93f9a" },
        { "a/b.txt.gz", "a/b" },
        { "sci.space/59904", "sci.space/59904" },
        { "name with spaces.txt", "name_with_spaces" },
        { "tab\there.txt.gz.txt", "tab_here.txt.gz" },
        { ".txt", ".txt" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        buf_t out = BUF_INIT;
        output_trec_docid(&out, rows[i].id);
        is_str(out.data, rows[i].expected, rows[i].id);
        buf_free(&out);
    }
}

/* TSV and CSV fields, whatever their bytes: counted, not NUL-terminated
 * (tests/fuzz/fuzz-escape found output_csv_escape() reading past such a
 * field, which the sanitizer build catches, and quoting a field for a NUL
 * in it). */
static void test_table_escapes(void)
{
    static const struct {
        const char *in;
        size_t len;
        const char *tsv;
        size_t tsv_len;
        const char *csv;
        size_t csv_len;
    } rows[] = {
        { "plain", 5, "plain", 5, "plain", 5 },
        { "a\tb\nc\rd\\e", 9, "a\\tb\\nc\\rd\\\\e", 13, "\"a\tb\nc\rd\\e\"", 11 },
        { "say \"hi\", ok", 12, "say \"hi\", ok", 12, "\"say \"\"hi\"\", ok\"", 16 },
        /* Controls become U+FFFD (escape.h): NUL, ESC, BEL, 8-bit CSI. */
        { "a\0b", 3, "a\xEF\xBF\xBD" "b", 5, "a\xEF\xBF\xBD" "b", 5 },
        { "a\0,b", 4, "a\xEF\xBF\xBD,b", 6, "\"a\xEF\xBF\xBD,b\"", 8 },
        { "\x1b]0;x\a", 6, "\xEF\xBF\xBD]0;x\xEF\xBF\xBD", 10,
          "\xEF\xBF\xBD]0;x\xEF\xBF\xBD", 10 },
        { "\xC2\x9B" "2J", 4, "\xEF\xBF\xBD" "2J", 5, "\xEF\xBF\xBD" "2J", 5 },
        /* A formula is text in a spreadsheet (OWASP): a quote first. */
        { "=HYPERLINK(\"x\")", 15, "=HYPERLINK(\"x\")", 15, "\"'=HYPERLINK(\"\"x\"\")\"", 20 },
        { "+1", 2, "+1", 2, "'+1", 3 },
        { "-2+3", 4, "-2+3", 4, "'-2+3", 5 },
        { "@SUM(A1)", 8, "@SUM(A1)", 8, "'@SUM(A1)", 9 },
        { "\t=1", 3, "\\t=1", 4, "'\t=1", 4 },
        { "\r=1", 3, "\\r=1", 4, "\"'\r=1\"", 6 },
        { "a=b", 3, "a=b", 3, "a=b", 3 },
        { "", 0, "", 0, "", 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        buf_t tsv = BUF_INIT, csv = BUF_INIT;
        char *copy = malloc(rows[i].len + 1);

        memcpy(copy, rows[i].in, rows[i].len);   /* no NUL after it */
        output_tsv_escape(&tsv, copy, rows[i].len);
        output_csv_escape(&csv, copy, rows[i].len);
        ok(tsv.len == rows[i].tsv_len
           && memcmp(tsv.data ? tsv.data : "", rows[i].tsv, tsv.len) == 0,
           "TSV, row %zu", i);
        ok(csv.len == rows[i].csv_len && memcmp(csv.data ? csv.data : "", rows[i].csv,
                                                csv.len) == 0, "CSV, row %zu", i);
        buf_free(&tsv);
        buf_free(&csv);
        free(copy);
    }
}

/* A stream that refuses every byte: the failure is returned, not lost. */
static void test_write_failure(void)
{
    FILE *fp = fopen("/dev/full", "w");
    hit_t hits[2];
    search_result_t r;
    output_options_t opts;
    output_query_t q = { "1", "sales", 0, 0, 0 };

    if (fp == NULL) {
        skip("no /dev/full to write to");
        return;
    }
    setvbuf(fp, NULL, _IONBF, 0);
    make_hits(hits);
    memset(&r, 0, sizeof r);
    r.hits = hits;
    r.hit_count = 2;
    memset(&opts, 0, sizeof opts);
    opts.format = FORMAT_TREC;
    opts.run_tag = "tag";
    ok(output_page(fp, &opts, &q, &r, 1) == OUTPUT_WRITE_FAILED,
       "a stream that fails: OUTPUT_WRITE_FAILED");
    is_int((long)q.hits_written, 1, "... after the first hit");
    fclose(fp);
    is_str(output_status_to_string(OUTPUT_WRITE_FAILED), "output error", "its message");
    is_str(output_status_to_string(OUTPUT_NO_MEMORY), "out of memory", "... and that of memory");
}

int main(void)
{
    test_renders();
    test_begin_end();
    test_fields();
    test_needs();
    test_count_lines();
    test_trec_docids();
    test_table_escapes();
    test_write_failure();
    return tap_done();
}
