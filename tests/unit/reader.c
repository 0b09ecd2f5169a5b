/* reader.c: tests of the reader table, binary detection, skip counts.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "reader.h"
#include "tally.h"
#include "tap.h"
#include "walk.h"

static void test_reader_for(void)
{
    static const struct { const char *name, *reader; } cases[] = {
        { "a.txt", "text" }, { "a.txt.gz", "text" }, { "x/y/b.txt", "text" },
        { "m.eml", "mail" }, { "r.jsonl", "jsonl" }, { "r.jsonl.gz", "jsonl" },
        { "a.pdf", NULL }, { "A.TXT", "text" }, { "b.Jsonl.GZ", "jsonl" }, { "txt", NULL }, { ".txt", NULL },
        { "a.txt.bak", NULL }, { "manifest.tsv", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const reader_t *r = reader_for(cases[i].name, NULL);
        is_str(r ? r->name : NULL, cases[i].reader, cases[i].name);
    }
    ok(reader_jsonl.many && !reader_text.many && !reader_mail.many,
       "JSON Lines has many records a file, pages and mail one");
}

static void test_is_text(void)
{
    static const struct { const char *data; size_t len; int text; const char *name; } cases[] = {
        { "plain text\n", 11, 1, "plain text" },
        { "", 0, 1, "empty" },
        { "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\r\n\tx\f\x1B[0m", 18, 1,
          "UTF-8, tabs, form feed, an escape sequence" },
        { "a\0b\0c\0d", 7, 1, "three stray NULs in a short file" },
        { "%PDF-1.4\n", 9, 0, "PDF signature" },
        { "PK\3\4abc", 7, 0, "ZIP (docx) signature" },
        { "\x89PNG\r\n", 6, 0, "PNG signature" },
        { "\x1F\x8B\x08", 3, 0, "gzip data inside" },
        { "a\0b\0c\0d\0e\0f\0g\0h\0i\0", 18, 0, "UTF-16: NUL every other byte" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_int(reader_is_text(cases[i].data, cases[i].len), cases[i].text, cases[i].name);
    /* One control character in 100 is dirt; more is binary. */
    char big[1000];
    memset(big, 'x', sizeof big);
    for (size_t i = 0; i < 10; i++)
        big[i * 100] = 1;
    is_int(reader_is_text(big, sizeof big), 1, "10 controls in 1000 bytes: text");
    big[999] = 2;
    is_int(reader_is_text(big, sizeof big), 0, "11 controls in 1000 bytes: binary");
}

static void test_extension(void)
{
    static const struct { const char *name, *ext; } cases[] = {
        { "a.pdf", ".pdf" }, { "A.PDF", ".pdf" }, { "x.tar.gz", ".tar.gz" },
        { "notes", "(no extension)" }, { ".hidden", "(no extension)" }, { "a.", "(no extension)" },
        { "report.pdf.gz", ".pdf.gz" }, { "data.gz", ".gz" }, { "v1.2.docx", ".docx" },
        { "a.averyveryverylongextensionindeed", ".averyveryverylongexten" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[TALLY_KEY_BYTES];
        walk_extension(cases[i].name, out);
        is_str(out, cases[i].ext, cases[i].name);
    }
}

static void test_tally(void)
{
    tally_t t, u;
    buf_t out = BUF_INIT;
    char key[8];

    memset(&t, 0, sizeof t);
    memset(&u, 0, sizeof u);
    tally_add(&t, ".pdf", 2);
    tally_add(&t, ".docx", 1);
    tally_add(&t, ".pdf", 1);
    tally_add(&t, ".zip", 0);
    tally_format(&t, &out);
    is_str(out.data, ".pdf 3, .docx 1", "largest first; a count of 0 adds nothing");
    tally_add(&u, ".docx", 2);
    tally_add(&u, "request", 5);
    tally_merge(&t, &u);
    buf_reset(&out);
    tally_format(&t, &out);
    is_str(out.data, "request 5, .docx 3, .pdf 3", "merged; equal counts by name");
    is_int((long)tally_total(&t), 11, "the total");
    memset(&t, 0, sizeof t);
    for (int i = 0; i < TALLY_KEYS + 3; i++) {
        snprintf(key, sizeof key, ".k%02d", i);
        tally_add(&t, key, 1);
    }
    buf_reset(&out);
    tally_format(&t, &out);
    ok(out.data && strstr(out.data, ", .k11 1, other 3") != NULL,
       "names past the table count as other: %s", out.data ? out.data : "(null)");
    is_int((long)tally_total(&t), TALLY_KEYS + 3, "... and in the total");
    buf_free(&out);
}

int main(void)
{
    test_reader_for();
    test_is_text();
    test_extension();
    test_tally();
    return tap_done();
}
