/* docdata.c: tests of the stored document format and the id term.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "docdata.h"
#include "escape.h"
#include "tap.h"

static void test_round_trip(void)
{
    docdata_field_t extra[] = { { "category", "health", 0 }, { "group", "a", 1 },
                                { "group", "b", 1 } };
    stored_doc_t doc = { 0 }, back;
    buf_t data = BUF_INIT;
    char *err = NULL;

    doc.id = "002_x.txt";
    doc.title = "CCGs confident\tbut\nstill";   /* tabs/newlines become spaces */
    doc.title_derived = 1;
    doc.date = "2014-06-03";
    doc.source = "HSJ";
    doc.path = "sub/002_x.txt";
    doc.kinds = "BBC";
    doc.text = "First para.\nSecond \xE2\x80\x9Cquoted\xE2\x80\x9D.\nA comment.";
    doc.text_len = strlen(doc.text);
    doc.extra = extra;
    doc.extra_count = 3;

    ok(docdata_encode(&doc, &data) == 0, "encode succeeds");
    ok(docdata_decode(data.data, data.len, 1, &back, &err) == 0, "decode succeeds");
    is_str(back.id, "002_x.txt", "id survives");
    is_str(back.title, "CCGs confident but still", "tab and newline in a value become spaces");
    is_int(back.title_derived, 1, "title_derived survives");
    is_str(back.date, "2014-06-03", "date survives");
    is_str(back.source, "HSJ", "source survives");
    ok(back.byline == NULL && back.url == NULL, "unknown fields stay unknown (NULL)");
    is_str(back.path, "sub/002_x.txt", "path survives");
    is_str(back.kinds, "BBC", "paragraph kinds survive");
    is_int((long)back.paragraph_count, 3, "paragraph count");
    is_str(back.text, doc.text, "text survives compression");
    is_int((long)back.text_len, (long)doc.text_len, "text length");
    is_int((long)back.extra_count, 3, "three extra fields");
    is_str(back.extra[0].key, "category", "extra key");
    is_str(back.extra[0].value, "health", "extra value");
    is_int(back.extra[0].list, 0, "a single value is no list");
    ok(back.extra_count == 3 && strcmp(back.extra[2].key, "group") == 0
       && strcmp(back.extra[2].value, "b") == 0 && back.extra[1].list && back.extra[2].list,
       "a list's items survive in order, each marked as an item");
    is_int(docdata_paragraph_kind(&back, 3), 'C', "paragraph 3 is a comment");
    is_int(docdata_paragraph_kind(&back, 1), 'B', "paragraph 1 is body");
    is_int(docdata_paragraph_kind(&back, 9), 'B', "an out-of-range paragraph counts as body");
    docdata_free(&back);

    ok(docdata_decode(data.data, data.len, 0, &back, &err) == 0, "decode without text");
    ok(back.text == NULL && back.text_len == doc.text_len,
       "without text: no text, but its length");
    docdata_free(&back);

    /* Damage: every way the data can be cut short is an error, not a crash. */
    int all_failed = 1;
    for (size_t cut = 0; cut < data.len; cut++) {
        if (docdata_decode(data.data, cut, 1, &back, &err) == 0) {
            all_failed = 0;
            docdata_free(&back);
        } else {
            if (err == NULL || strncmp(err, "stored document is damaged: ", 28) != 0)
                all_failed = 0;
            free(err);
        }
    }
    ok(all_failed, "every truncation is reported as damage");
    ok(docdata_decode("hello", 5, 1, &back, &err) == -1, "foreign data is refused");
    is_str(err, "stored document is damaged: unknown format (re-index with this trawl-index)",
           "foreign data message");
    free(err);
    buf_free(&data);
}

static void test_id_term(void)
{
    buf_t term = BUF_INIT;
    char long_id[400];

    docdata_id_term("002_x.txt", &term);
    is_str(term.data, "Q002_x.txt", "a short id term is Q + id");
    buf_reset(&term);

    memset(long_id, 'a', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    docdata_id_term(long_id, &term);
    is_int((long)term.len, 1 + 200 + 1 + 16, "a long id is shortened to prefix + 200 + # + hash");
    ok(term.data[201] == '#', "the hash follows a '#'");
    char first[300];
    strcpy(first, term.data);
    buf_reset(&term);
    long_id[398] = 'b';
    docdata_id_term(long_id, &term);
    ok(strcmp(first, term.data) != 0, "ids differing past the cut get different terms");
    buf_free(&term);
}

static void test_escapes(void)
{
    static const struct { const char *in; const char *terminal; const char *json; } rows[] = {
        { "plain", "plain", "plain" },
        { "a\"b\\c", "a\"b\\c", "a\\\"b\\\\c" },
        { "tab\there\nnl", "tab here nl", "tab\\there\\nnl" },
        { "esc\033[2Jx", "esc\xEF\xBF\xBD[2Jx", "esc\\u001b[2Jx" },
        { "bell\007", "bell\xEF\xBF\xBD", "bell\\u0007" },
        { "c1\xC2\x9B" "31m", "c1\xEF\xBF\xBD" "31m", "c1\\u009b31m" },   /* C1 escaped too (issue 19) */
        { "bad\xFFutf8", "bad\xEF\xBF\xBDutf8", "bad\\ufffdutf8" },
        { "\xE2\x80\x9Cq\xE2\x80\x9D", "\xE2\x80\x9Cq\xE2\x80\x9D", "\xE2\x80\x9Cq\xE2\x80\x9D" },
        { "del\x7F", "del\xEF\xBF\xBD", "del\\u007f" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        buf_t t = BUF_INIT, j = BUF_INIT;
        esc_terminal(&t, rows[i].in, strlen(rows[i].in));
        esc_json(&j, rows[i].in, strlen(rows[i].in));
        char name[80];
        snprintf(name, sizeof name, "terminal escape, row %zu", i);
        is_str(t.data, rows[i].terminal, name);
        snprintf(name, sizeof name, "JSON escape, row %zu", i);
        is_str(j.data, rows[i].json, name);
        buf_free(&t);
        buf_free(&j);
    }
}

/* Decodes DATA[0..LEN) with its text; 1 if that is refused as damage. */
static int refused(const char *data, size_t len)
{
    stored_doc_t back;
    char *err = NULL;
    int rc = docdata_decode(data, len, 1, &back, &err);

    if (rc == 0) {
        docdata_free(&back);
        return 0;
    }
    rc = err != NULL && strcmp(err, "stored document is damaged: compressed text is corrupt") == 0;
    free(err);
    return rc;
}

/* The text is inflated without computing its checksum: what is checked
 * instead must still refuse damaged data. */
static void test_damaged_text(void)
{
    stored_doc_t doc = { 0 }, back;
    buf_t data = BUF_INIT, copy = BUF_INIT;
    char *err = NULL, *text;
    size_t at;

    doc.id = "a.txt";
    doc.kinds = "B";
    doc.text = "A paragraph that is long enough to be compressed, compressed, compressed.";
    doc.text_len = strlen(doc.text);
    ok(docdata_encode(&doc, &data) == 0, "damage: encode succeeds");
    text = strstr(data.data, "\n\n") + 2;
    at = (size_t)(text - data.data);

    buf_append(&copy, data.data, data.len);
    copy.data[at] ^= 0x01;                      /* the zlib header */
    ok(refused(copy.data, copy.len), "a damaged zlib header is refused");
    buf_reset(&copy);
    buf_append(&copy, data.data, data.len);
    buf_append(&copy, "x", 1);
    ok(refused(copy.data, copy.len), "bytes after the stream are refused");
    buf_reset(&copy);
    buf_append(&copy, data.data, at);
    buf_printf(&copy, "%s", "not deflate at all, not deflate at all");
    ok(refused(copy.data, copy.len), "a text that is not deflate is refused");

    /* A header saying 10 bytes before the stream of the whole text. */
    doc.text_len = 10;
    buf_reset(&copy);
    ok(docdata_encode(&doc, &copy) == 0, "damage: encode a short text");
    copy.len = (size_t)(strstr(copy.data, "\n\n") + 2 - copy.data);
    buf_append(&copy, text, data.len - at);
    ok(refused(copy.data, copy.len), "a text longer than its stored length is refused");
    doc.text_len = strlen(doc.text);

    doc.text = "";
    doc.text_len = 0;
    buf_reset(&data);
    ok(docdata_encode(&doc, &data) == 0
       && docdata_decode(data.data, data.len, 1, &back, &err) == 0
       && back.text_len == 0 && back.text[0] == '\0', "an empty text round-trips");
    if (err == NULL)
        docdata_free(&back);
    free(err);
    buf_free(&data);
    buf_free(&copy);
}

int main(void)
{
    test_round_trip();
    test_damaged_text();
    test_id_term();
    test_escapes();
    return tap_done();
}
