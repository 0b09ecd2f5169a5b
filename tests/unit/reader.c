/* reader.c: tests of the reader table, binary detection, skip counts.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

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

/* A file in a fresh temporary directory, for reader_open()/reader_slurp(). */
static char dir[64];

/* NAME in DIR: one of a few static buffers, so that some live at once. */
static const char *file_at(const char *name)
{
    static char paths[4][128];
    static unsigned next;
    char *path = paths[next++ % 4];
    snprintf(path, 128, "%s/%s", dir, name);
    return path;
}

static reader_input_t input_for(const char *path, size_t max_bytes)
{
    struct stat st;
    reader_input_t in = { path, NULL, 0, 0, 0, 0, NULL, max_bytes };
    if (stat(path, &st) == 0) {
        in.dev = st.st_dev;
        in.ino = st.st_ino;
    }
    return in;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

static void test_open(void)
{
    const char *why = NULL;
    char *data = NULL;
    size_t len = 0;
    const char *notice = NULL;

    write_file(file_at("a.txt"), "text\n", 5);
    reader_input_t in = input_for(file_at("a.txt"), 1024);
    is_int(reader_slurp(&in, &data, &len, &why, &notice), 0, "a file as the walk saw it is read");
    is_int((long)len, 5, "  whole");
    free(data);

    /* Swapped for a FIFO after the walk: refused at once, never waited on.
     * (The walked file is kept under another name, so its inode is not
     * given to the newcomers.) */
    rename(file_at("a.txt"), file_at("kept"));
    mkfifo(file_at("a.txt"), 0600);
    is_int(reader_open(&in, &why), -1, "a FIFO in the file's place is refused (no hang)");
    is_str(why, "not a regular file", "  why");
    unlink(file_at("a.txt"));

    /* Swapped for another file, or a symbolic link to one. */
    write_file(file_at("other"), "secret\n", 7);
    write_file(file_at("a.txt"), "text\n", 5);
    is_int(reader_open(&in, &why), -1, "another file in its place is refused");
    is_str(why, "replaced by another file since the walk", "  why");
    unlink(file_at("a.txt"));
    symlink(file_at("other"), file_at("a.txt"));
    is_int(reader_open(&in, &why), -1, "a symbolic link in its place is not followed");
    is_str(why, "a symbolic link the walk did not follow", "  why");
    unlink(file_at("a.txt"));

    /* A gzip bomb stops at the limit; a file just under it is whole. */
    gzFile gz = gzopen(file_at("bomb.txt.gz"), "wb9");
    static char zeros[65536];
    memset(zeros, 'a', sizeof zeros);
    for (int i = 0; gz && i < 64; i++)       /* 4 MiB of text */
        gzwrite(gz, zeros, sizeof zeros);
    gzclose(gz);
    in = input_for(file_at("bomb.txt.gz"), 1 << 20);
    is_int(reader_slurp(&in, &data, &len, &why, &notice), -1, "a gzip bomb past the limit fails");
    is_str(why, "over the limit of 1 MiB (--memory)", "  named with the limit");
    in.max_bytes = 4 << 20;
    is_int(reader_slurp(&in, &data, &len, &why, &notice), 0, "  a limit that holds it: read");
    is_int((long)len, 4 << 20, "  whole");
    is_str(notice, NULL, "  nothing to say");
    free(data);

    /* Bytes after the gzip data: read, and said. */
    FILE *f = fopen(file_at("bomb.txt.gz"), "ab");
    if (f) {
        fputs("garbage", f);
        fclose(f);
    }
    in = input_for(file_at("bomb.txt.gz"), 4 << 20);
    is_int(reader_slurp(&in, &data, &len, &why, &notice), 0, "trailing bytes after gzip: read");
    is_str(notice, "trailing data after the gzip data ignored", "  and said");
    free(data);
    unlink(file_at("bomb.txt.gz"));
    unlink(file_at("other"));
    unlink(file_at("kept"));
}

/* The signature's CRC is gzip's CRC-32 (its check value for "123456789"
 * is cbf43926): the signatures in existing indexes stay valid. */
static void test_signature(void)
{
    reader_input_t in = { .path = "a.txt", .size = 9, .mtime_ns = 1700000000123456789LL };
    char sig[64];
    reader_file_signature(&in, "123456789", 9, sig);
    is_str(sig, "9 1700000000123456789 cbf43926", "signature: size, mtime, CRC-32");
    reader_file_signature(&in, "", 0, sig);
    is_str(sig, "9 1700000000123456789 00000000", "signature: the CRC-32 of nothing");
}

int main(void)
{
    test_signature();
    test_reader_for();
    test_is_text();
    test_extension();
    test_tally();
    snprintf(dir, sizeof dir, "/tmp/trawl-reader.XXXXXX");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_open();
    rmdir(dir);
    return tap_done();
}
