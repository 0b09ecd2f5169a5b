/* warc.c: tests of the WARC reader (indexer/warc.h) over crawled and damaged files.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The crawled fixtures (tests/data/warc/crawl.warc and crawl.warc.gz, made
 * by lighttpd and wget: tests/data/warc/make-fixtures.sh) are read from
 * $TRAWL_SRCDIR (make check sets it), else from the current directory.
 * Damaged files are built here, record by record, and written to a
 * temporary directory; gzip files are made with zlib, one member per piece
 * or one member for them all.  Each case states the reader's transcript:
 * one line per warc_next() call, the record (type, skip reason,
 * offset+length, status, URI, payload or its error) or the error text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "tap.h"
#include "warc-http.h"
#include "warc.h"

static char tmpdir[] = "/tmp/trawl-warc-test.XXXXXX";

static const char *temp_path(const char *name)
{
    static char path[4][4200];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
    return p;
}

static const char *write_temp(const char *name, const void *data, size_t len)
{
    const char *path = temp_path(name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
    return path;
}

static const char *fixture(const char *name)
{
    static char path[2][4200];
    static int next;
    const char *dir = getenv("TRAWL_SRCDIR");
    char *p = path[next++ % 2];
    snprintf(p, sizeof path[0], "%s/tests/data/warc/%s", dir ? dir : ".", name);
    return p;
}

/* Appends DATA[0..LEN) to OUT as one gzip member (zlib, level 6). */
static void gzip_member(buf_t *out, const void *data, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        exit(1);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    for (;;) {
        char *space = buf_space(out, 65536);
        int ret;
        z.next_out = (Bytef *)space;
        z.avail_out = 65536;
        ret = deflate(&z, Z_FINISH);
        out->len += 65536 - z.avail_out;
        if (ret == Z_STREAM_END)
            break;
    }
    deflateEnd(&z);
}

/* ------------------------------------------------------------- building */

/* A file to build: pieces (records, garbage) that become one gzip member
 * each, or one member together, or the plain file. */
enum { PLAIN, MEMBERS, ONE_MEMBER };

typedef struct {
    buf_t piece[24];
    size_t count;
} pieces_t;

static buf_t *new_piece(pieces_t *p)
{
    buf_t *b = &p->piece[p->count++];
    memset(b, 0, sizeof *b);
    return b;
}

/* A record: VERSION line, WARC-Type TYPE (NULL: none), WARC-Target-URI URI
 * (NULL: none), EXTRA header lines (each ending in CRLF), Content-Length
 * LENGTH (-1: the block's own), the block BLOCK[0..BLOCK_LEN), CRLF CRLF. */
static void record_bytes(pieces_t *p, const char *version, const char *type, const char *uri,
                         const char *extra, long long length, const char *block, size_t block_len)
{
    buf_t *b = new_piece(p);
    buf_printf(b, "%s\r\n", version);
    if (type)
        buf_printf(b, "WARC-Type: %s\r\n", type);
    if (uri)
        buf_printf(b, "WARC-Target-URI: %s\r\n", uri);
    buf_puts(b, extra);
    buf_printf(b, "Content-Length: %lld\r\n\r\n", length < 0 ? (long long)block_len : length);
    buf_append(b, block, block_len);
    buf_puts(b, "\r\n\r\n");
}

static void record(pieces_t *p, const char *type, const char *uri, const char *extra,
                   long long length, const char *block)
{
    record_bytes(p, "WARC/1.0", type, uri, extra, length, block, strlen(block));
}

#define HTTP_TYPE "Content-Type: application/http;msgtype=response\r\n"

static void response(pieces_t *p, const char *uri, const char *http)
{
    record(p, "response", uri, HTTP_TYPE, -1, http);
}

static void garbage(pieces_t *p, const char *bytes)
{
    buf_puts(new_piece(p), bytes);
}

static const char PAGE[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>";

static void make_file(pieces_t *p, int mode, buf_t *out)
{
    buf_t all = BUF_INIT;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < p->count; i++) {
        if (mode == MEMBERS)
            gzip_member(out, p->piece[i].data, p->piece[i].len);
        else
            buf_append(mode == PLAIN ? out : &all, p->piece[i].data, p->piece[i].len);
        buf_free(&p->piece[i]);
    }
    if (mode == ONE_MEMBER)
        gzip_member(out, all.data, all.len);
    buf_free(&all);
    p->count = 0;
}

/* ------------------------------------------------------------ transcripts */

static void escaped(buf_t *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r')
            buf_puts(out, "\\r");
        else if (c == '\n')
            buf_puts(out, "\\n");
        else if (c < 0x20 || c >= 0x7F)
            buf_printf(out, "\\x%02x", c);
        else
            buf_putc(out, (char)c);
    }
}

/* What the reader makes of PATH with block limit LIMIT (0: the default):
 * one line per call.  A usable record's payload is shown up to 60 bytes. */
static char *transcript(const char *path, size_t limit)
{
    warc_options_t options = { limit };
    char *errmsg = NULL;
    warc_reader_t *r = warc_open(path, &options, &errmsg);
    buf_t out = BUF_INIT;
    int calls = 0;

    if (r == NULL) {
        buf_printf(&out, "open: %s", errmsg);
        free(errmsg);
        return buf_detach(&out);
    }
    for (;;) {
        const warc_record_t *rec;
        warc_status_t st = warc_next(r, &rec);
        if (out.len > 0)
            buf_putc(&out, '\n');
        if (++calls > 200) {
            buf_puts(&out, "too many calls");
            break;
        }
        if (st == WARC_END) {
            buf_puts(&out, "end");
            break;
        }
        if (st == WARC_FAILED) {
            buf_printf(&out, "failed: %s", warc_error(r)->text);
            break;
        }
        if (st == WARC_BAD_RECORD) {
            buf_printf(&out, "error: %s", warc_error(r)->text);
            continue;
        }
        buf_printf(&out, "%s %s %llu+%llu", rec->type_name ? rec->type_name : "-",
                   warc_skip_name(rec->skip), (unsigned long long)rec->offset,
                   (unsigned long long)rec->length);
        if (rec->stream_offset != rec->offset || rec->stream_length != rec->length)
            buf_printf(&out, " (%llu+%llu)", (unsigned long long)rec->stream_offset,
                       (unsigned long long)rec->stream_length);
        if (rec->http_status)
            buf_printf(&out, " %d", rec->http_status);
        if (rec->target_uri)
            buf_printf(&out, " %s", rec->target_uri);
        if (rec->skip == WARC_USABLE) {
            const char *payload;
            size_t len;
            if (warc_payload(r, &payload, &len) == WARC_OK) {
                buf_printf(&out, " payload %zu '", len);
                escaped(&out, payload, len < 60 ? len : 60);
                buf_putc(&out, '\'');
            } else {
                buf_printf(&out, " payload error: %s", warc_error(r)->text);
            }
        }
    }
    warc_close(r);
    return buf_detach(&out);
}

static void check_transcript(const char *name, const buf_t *file, size_t limit, const char *expected)
{
    const char *path = write_temp("case.warc", file->data, file->len);
    char *got = transcript(path, limit);
    is_str(got, expected, name);
    free(got);
}

/* --------------------------------------------------------- crawled files */

/* What wget wrote, record by record: the same in both files but for the
 * offsets and lengths. */
static const char CRAWL_PLAIN[] =
    "warcinfo warcinfo 0+652\n"
    "request request 652+546 http://127.0.0.1:47097/index.html\n"
    "response usable 1198+1196 200 http://127.0.0.1:47097/index.html payload 426 '<!DOCTYPE html>\\n<html lang=\"en\"><head><meta charset=\"utf-8\">'\n"
    "request request 2394+546 http://127.0.0.1:47097/robots.txt\n"
    "response status 2940+1016 404 http://127.0.0.1:47097/robots.txt\n"
    "request request 3956+590 http://127.0.0.1:47097/story.html\n"
    "response usable 4546+1172 200 http://127.0.0.1:47097/story.html payload 402 '<!DOCTYPE html>\\n<html lang=\"en\"><head><meta charset=\"utf-8\">'\n"
    "request request 5718+598 http://127.0.0.1:47097/gz/zipped.html\n"
    "response usable 6316+1080 200 http://127.0.0.1:47097/gz/zipped.html payload 403 '<!DOCTYPE html>\\n<html lang=\"en\"><head><meta charset=\"utf-8\">'\n"
    "request request 7396+586 http://127.0.0.1:47097/live.cgi\n"
    "response usable 7982+865 200 http://127.0.0.1:47097/live.cgi payload 155 '<!DOCTYPE html>\\n<html><head><title>Live scores</title></head'\n"
    "request request 8847+586 http://127.0.0.1:47097/old.html\n"
    "response status 9433+677 301 http://127.0.0.1:47097/old.html\n"
    "request request 10110+590 http://127.0.0.1:47097/story.html\n"
    "response usable 10700+1172 200 http://127.0.0.1:47097/story.html payload 402 '<!DOCTYPE html>\\n<html lang=\"en\"><head><meta charset=\"utf-8\">'\n"
    "request request 11872+594 http://127.0.0.1:47097/missing.html\n"
    "response status 12466+1018 404 http://127.0.0.1:47097/missing.html\n"
    "request request 13484+590 http://127.0.0.1:47097/latin.html\n"
    "response usable 14074+946 200 http://127.0.0.1:47097/latin.html payload 171 '<!DOCTYPE html>\\n<html><head><meta charset=\"iso-8859-1\"><titl'\n"
    "request request 15020+588 http://127.0.0.1:47097/photo.png\n"
    "response not HTML 15608+827 200 http://127.0.0.1:47097/photo.png\n"
    "metadata metadata 16435+425 metadata://gnu.org/software/wget/warc/MANIFEST.txt\n"
    "resource resource 16860+639 metadata://gnu.org/software/wget/warc/wget_arguments.txt\n"
    "end";

static const char CRAWL_GZIP[] =
    "warcinfo warcinfo 0+465 (0+613)\n"
    "request request 465+405 (613+546) http://127.0.0.1:47097/index.html\n"
    "response usable 870+710 (1159+1196) 200 http://127.0.0.1:47097/index.html payload 426 '<!DOCTYPE html>\\n<html lang=\"en\"><head><meta charset=\"utf-8\">'\n"
    "request request 1580+406 (2355+546) http://127.0.0.1:47097/robots.txt\n"
    "response status 1986+657 (2901+1016) 404 http://127.0.0.1:47097/robots.txt\n"
    "request request 2643+422 (3917+590) http://127.0.0.1:47097/story.html\n"
    "response usable 3065+756 (4507+1172) 200 http://127.0.0.1:47097/story.html payload 402 '<!DOCTYPE html>\\n<html lang=\"en\"><head><meta charset=\"utf-8\">'\n"
    "request request 3821+425 (5679+598) http://127.0.0.1:47097/gz/zipped.html\n"
    "response usable 4246+907 (6277+1080) 200 http://127.0.0.1:47097/gz/zipped.html payload 403 '<!DOCTYPE html>\\n<html lang=\"en\"><head><meta charset=\"utf-8\">'\n"
    "request request 5153+420 (7357+586) http://127.0.0.1:47097/live.cgi\n"
    "response usable 5573+603 (7943+865) 200 http://127.0.0.1:47097/live.cgi payload 155 '<!DOCTYPE html>\\n<html><head><title>Live scores</title></head'\n"
    "request request 6176+420 (8808+586) http://127.0.0.1:47097/old.html\n"
    "response status 6596+479 (9394+677) 301 http://127.0.0.1:47097/old.html\n"
    "request request 7075+422 (10071+590) http://127.0.0.1:47097/story.html\n"
    "response usable 7497+756 (10661+1172) 200 http://127.0.0.1:47097/story.html payload 402 '<!DOCTYPE html>\\n<html lang=\"en\"><head><meta charset=\"utf-8\">'\n"
    "request request 8253+421 (11833+594) http://127.0.0.1:47097/missing.html\n"
    "response status 8674+658 (12427+1018) 404 http://127.0.0.1:47097/missing.html\n"
    "request request 9332+423 (13445+590) http://127.0.0.1:47097/latin.html\n"
    "response usable 9755+637 (14035+946) 200 http://127.0.0.1:47097/latin.html payload 171 '<!DOCTYPE html>\\n<html><head><meta charset=\"iso-8859-1\"><titl'\n"
    "request request 10392+423 (14981+588) http://127.0.0.1:47097/photo.png\n"
    "response not HTML 10815+604 (15569+827) 200 http://127.0.0.1:47097/photo.png\n"
    "metadata metadata 11419+316 (16396+425) metadata://gnu.org/software/wget/warc/MANIFEST.txt\n"
    "resource resource 11735+447 (16821+603) metadata://gnu.org/software/wget/warc/wget_arguments.txt\n"
    "end";

static void test_crawled(void)
{
    char *got = transcript(fixture("crawl.warc"), 0);
    is_str(got, CRAWL_PLAIN, "crawl.warc (wget, plain): every record, classified");
    free(got);
    got = transcript(fixture("crawl.warc.gz"), 0);
    is_str(got, CRAWL_GZIP, "crawl.warc.gz (wget, a member per record): offsets are the members'");
    free(got);
}

/* The payloads of the crawled articles, decoded: the pages as
 * make-fixtures.sh wrote them. */
static void test_crawled_payloads(void)
{
    static const char *const expected[] = {
        NULL,   /* index.html: checked by its length above */
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbour reopens</title></head>\n"
        "<body><article><h1>Harbour reopens</h1>\n"
        "<p>The harbour reopened on Monday after a week of storms closed it to ferries.</p>\n"
        "<p>Reporters filed this story for the trawl test crawl; nothing in it is news.\n"
        "It is long enough that a server compresses it, and short enough to read.</p>\n"
        "</article></body></html>\n",
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge repaired</title></head>\n"
        "<body><article><h1>Bridge repaired</h1>\n"
        "<p>Engineers finished repairing the bridge, which the council had shut in June.</p>\n"
        "<p>Reporters filed this story for the trawl test crawl; nothing in it is news.\n"
        "It is long enough that a server compresses it, and short enough to read.</p>\n"
        "</article></body></html>\n",
        "<!DOCTYPE html>\n<html><head><title>Live scores</title></head><body>\n"
        "<p>The home side led at half time, and the match is still going on.</p>\n"
        "</body></html>\n",
        NULL,   /* story.html again (through the redirect) */
        "<!DOCTYPE html>\n<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 opens</title></head>\n"
        "<body><p>A caf\xe9 opened in the square; its cr\xe8me br\xfbl\xe9" "e sold out.</p></body></html>\n",
    };
    static const char *const charsets[] = { "utf-8", "utf-8", "utf-8", "utf-8", "utf-8", "iso-8859-1" };
    static const char *const names[] = { "crawl.warc", "crawl.warc.gz" };

    for (int f = 0; f < 2; f++) {
        char *errmsg = NULL;
        warc_reader_t *r = warc_open(fixture(names[f]), NULL, &errmsg);
        const warc_record_t *rec;
        size_t article = 0;
        int payloads_ok = 1, charsets_ok = 1, crc_ok = 1;
        FILE *raw = fopen(fixture(names[f]), "rb");
        if (r == NULL || raw == NULL) {
            ok(0, "%s opens", names[f]);
            continue;
        }
        while (warc_next(r, &rec) == WARC_OK) {
            const char *payload;
            size_t len;
            if (rec->skip != WARC_USABLE)
                continue;
            if (warc_payload(r, &payload, &len) != WARC_OK || article >= 6) {
                payloads_ok = 0;
                break;
            }
            if (expected[article] && (len != strlen(expected[article])
                                      || memcmp(payload, expected[article], len) != 0)) {
                printf("# %s, article %zu: '%.*s'\n", names[f], article, (int)len, payload);
                payloads_ok = 0;
            }
            if (rec->charset == NULL || strcmp(rec->charset, charsets[article]) != 0)
                charsets_ok = 0;
            if (f == 1) {
                /* The member's own CRC-32 and ISIZE, in its last 8 bytes. */
                unsigned char tail[8];
                uint32_t crc, isize;
                if (fseek(raw, (long)(rec->offset + rec->length - 8), SEEK_SET) != 0
                    || fread(tail, 1, 8, raw) != 8)
                    crc_ok = 0;
                crc = (uint32_t)tail[0] | (uint32_t)tail[1] << 8 | (uint32_t)tail[2] << 16
                      | (uint32_t)tail[3] << 24;
                isize = (uint32_t)tail[4] | (uint32_t)tail[5] << 8 | (uint32_t)tail[6] << 16
                        | (uint32_t)tail[7] << 24;
                if (crc != rec->crc32 || isize != (uint32_t)rec->stream_length)
                    crc_ok = 0;
            } else if (rec->crc32 == 0) {
                crc_ok = 0;
            }
            article++;
        }
        is_int((long)article, 6, names[f]);
        ok(payloads_ok, "  payloads decoded (gzip Content-Encoding and chunks undone) as served");
        ok(charsets_ok, "  charsets from the HTTP Content-Type");
        ok(crc_ok, f ? "  crc32 is the member's own CRC-32, read from its last 8 bytes"
                     : "  crc32 set");
        fclose(raw);
        warc_close(r);
    }
}

/* The fields of one record, and warc_header() for the others. */
static void test_crawled_fields(void)
{
    char *errmsg = NULL;
    warc_reader_t *r = warc_open(fixture("crawl.warc"), NULL, &errmsg);
    const warc_record_t *rec = NULL;
    for (int i = 0; i < 7 && r && warc_next(r, &rec) == WARC_OK; i++)
        ;
    if (rec == NULL) {
        ok(0, "crawl.warc: a 7th record");
        warc_close(r);
        return;
    }
    is_str(rec->type_name, "response", "record 7: WARC-Type");
    is_int(rec->type, WARC_TYPE_RESPONSE, "  as a code");
    is_str(rec->version, "WARC/1.0", "  version");
    is_str(rec->target_uri, "http://127.0.0.1:47097/story.html", "  WARC-Target-URI without <>");
    is_str(rec->date, "2026-12-01T22:50:14Z", "  WARC-Date");
    is_str(rec->record_id, "<urn:uuid:dfc72e4b-2c64-485f-a15e-24841dfb3ac4>", "  WARC-Record-ID");
    is_str(rec->payload_digest, "sha1:RPE26S2VMSREWRRJZYMKD5HYSMQHE2JJ", "  WARC-Payload-Digest");
    is_str(rec->block_digest, "sha1:JZ44EAXZDLUX5STGHYCF7HPLVBAWA2UO", "  WARC-Block-Digest");
    ok(rec->truncated == NULL, "  no WARC-Truncated");
    is_int((long)rec->content_length, 631, "  Content-Length");
    is_str(rec->content_type, "text/html; charset=utf-8", "  HTTP Content-Type as written");
    is_str(warc_header(r, "warc-ip-address"), "127.0.0.1", "  warc_header(), any case");
    is_str(warc_header(r, "WARC-Target-URI"), "<http://127.0.0.1:47097/story.html>",
           "  warc_header() gives the value as written");
    ok(warc_header(r, "X-None") == NULL, "  warc_header() of an absent field");
    ok(rec->payload_held, "  payload held");
    warc_close(r);
}

/* With a block limit below some pages' blocks: those are errors (they
 * would be articles), the others are read as before. */
static void test_crawled_limit(void)
{
    char *got = transcript(fixture("crawl.warc"), 600);
    buf_t errors = BUF_INIT;
    size_t records = 0;
    for (char *line = strtok(got, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "error: ", 7) == 0)
            buf_printf(&errors, "%s\n", line + 7);
        else
            records++;
    }
    is_str(errors.data,
           "offset 1198: block of 655 bytes is over the limit of 600 bytes\n"
           "offset 4546: block of 631 bytes is over the limit of 600 bytes\n"
           "offset 10700: block of 631 bytes is over the limit of 600 bytes\n",
           "crawl.warc with a 600-byte limit: the longer pages are errors");
    is_int((long)records, 20 + 1, "  the other records are read (and the end)");
    buf_free(&errors);
    free(got);
}

/* ---------------------------------------------------------- damaged files */

static void one_good(pieces_t *p)
{
    response(p, "http://x/ok", PAGE);
}

static void build_warc11(pieces_t *p)
{
    record_bytes(p, "WARC/1.1", "response", "http://x/1.1", HTTP_TYPE, -1, PAGE, strlen(PAGE));
    one_good(p);
}

static void build_no_uri(pieces_t *p)
{
    response(p, NULL, PAGE);
    one_good(p);
}

static void build_too_long(pieces_t *p)
{
    record(p, "response", "http://x/long", HTTP_TYPE, (long long)strlen(PAGE) + 100, PAGE);
    one_good(p);
    one_good(p);
}

static void build_too_short(pieces_t *p)
{
    record(p, "response", "http://x/short", HTTP_TYPE, (long long)strlen(PAGE) - 5, PAGE);
    one_good(p);
}

static void build_huge_length(pieces_t *p)
{
    record(p, "metadata", "http://x/huge", "", 99999999999LL, "x");
    one_good(p);
}

/* Damage that is not a record at all: BYTES after BEFORE good records, then
 * a good record that is read as ever. */
#define BYTES_AMONG_GOOD(name, before, bytes) \
    static void name(pieces_t *p) \
    { \
        for (int i = 0; i < (before); i++) \
            one_good(p); \
        garbage(p, bytes); \
        one_good(p); \
    }

BYTES_AMONG_GOOD(build_garbage_between, 1, "this is not a record\r\nnor is this\r\n")
BYTES_AMONG_GOOD(build_garbage_first, 0, "<html>a saved page</html>\n")
BYTES_AMONG_GOOD(build_blank_lines, 1, "\r\n\r\n\n")
BYTES_AMONG_GOOD(build_no_length, 0,
                 "WARC/1.0\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n\r\n")
BYTES_AMONG_GOOD(build_bad_length, 0,
                 "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 12a\r\n\r\n"
                 "GET / HTTP/1.1\r\n\r\n\r\n\r\n")

static void build_not_warc(pieces_t *p)
{
    garbage(p, "Just some text.\nNo record here.\n");
}

static void build_cut_in_block(pieces_t *p)
{
    one_good(p);
    one_good(p);
    p->piece[1].len -= 20;
}

static void build_cut_in_header(pieces_t *p)
{
    one_good(p);
    garbage(p, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Tar");
}

static void build_bad_header_line(pieces_t *p)
{
    record(p, "response", "http://x/bad", "this line has no colon\r\n", -1, PAGE);
    one_good(p);
}

static void build_old_version(pieces_t *p)
{
    record_bytes(p, "WARC/0.18", "response", "http://x/old", HTTP_TYPE, -1, PAGE, strlen(PAGE));
    one_good(p);
}

static void build_no_type(pieces_t *p)
{
    record(p, NULL, "http://x/typeless", "", -1, "data");
    one_good(p);
}

static void build_bad_status(pieces_t *p)
{
    response(p, "http://x/status", "HTPT/1.1 200 OK\r\n\r\n<p>x</p>");
    response(p, "http://x/status2", "HTTP/1.1 OK\r\n\r\n<p>x</p>");
    one_good(p);
}

static void build_no_http_end(pieces_t *p)
{
    response(p, "http://x/headless", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n");
    one_good(p);
}

static void build_types(pieces_t *p)
{
    record(p, "revisit", "http://x/r", HTTP_TYPE, -1, "HTTP/1.1 200 OK\r\n\r\n");
    record(p, "conversion", "http://x/c", "Content-Type: text/plain\r\n", -1, "text");
    record(p, "continuation", "http://x/k", "", -1, "more");
    record(p, "response", "http://x/seg", HTTP_TYPE "WARC-Segment-Number: 1\r\n", -1, PAGE);
    record(p, "response", "dns:x", "Content-Type: text/dns\r\n", -1, "20240102 x. 60 IN A 127.0.0.1");
    record(p, "exotic", "http://x/e", "", -1, "?");
    record(p, "response", "http://x/txt", HTTP_TYPE, -1,
           "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n<p>not HTML by its type</p>");
    record(p, "response", "http://x/xhtml", HTTP_TYPE, -1,
           "HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\n\r\n<html/>");
    record(p, "response", "http://x/sniffed", HTTP_TYPE, -1,
           "HTTP/1.1 200 OK\r\n\r\n \n<!doctype HTML><p>sniffed</p>");
    record(p, "response", "http://x/unsniffed", HTTP_TYPE, -1, "HTTP/1.1 200 OK\r\n\r\n%PDF-1.4");
    record(p, "response", "http://x/empty-type", HTTP_TYPE, -1,
           "HTTP/1.1 200 OK\r\nContent-Type:\r\n\r\n<P>x</P>");
}

static void build_continued_header(pieces_t *p)
{
    record(p, "response", "http://x/c", HTTP_TYPE "X-Note: one\r\n  two\r\n", -1, PAGE);
}

static void build_lf_only(pieces_t *p)
{
    garbage(p, "WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: file:///a\nContent-Length: 3\n\nabc\r\n\r\n");
    garbage(p, "WARC/1.0\nWARC-Type: resource\nContent-Length: 3\n\nabc\n\n");
    one_good(p);
}

static void build_chunked(pieces_t *p)
{
    static const char *const bodies[] = {
        "5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n",
        "5\r\nHello\r\n0\r\nTrailer: x\r\n\r\n",
        "5\nHello\n0\n",
        "<p>not chunked after all</p>",
        "5\r\nHello\r\nzz\r\nworld\r\n0\r\n\r\n",
        "5\r\nHello\r\n99\r\nworld\r\n0\r\n\r\n",
        "5\r\nHelloXX7\r\n, world\r\n0\r\n\r\n",
        "5\r\nHello\r\n",
        "ffffffffffffffff\r\nx\r\n0\r\n\r\n",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        buf_t http = BUF_INIT;
        char uri[32];
        buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n%s",
                   bodies[i]);
        snprintf(uri, sizeof uri, "http://x/chunks%zu", i);
        response(p, uri, http.data);
        buf_free(&http);
    }
    response(p, "http://x/te", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
}

/* A response whose body is BODY[0..LEN) with Content-Encoding CODING. */
static void encoded_response(pieces_t *p, const char *uri, const char *coding, const void *body,
                             size_t len)
{
    buf_t http = BUF_INIT;
    buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: %s\r\n\r\n",
               coding);
    buf_append(&http, body, len);
    record_bytes(p, "WARC/1.0", "response", uri, HTTP_TYPE, -1, http.data, http.len);
    buf_free(&http);
}

static void build_encodings(pieces_t *p)
{
    static const char html[] = "<p>compressed page</p>";
    buf_t gz = BUF_INIT, zl = BUF_INIT, bomb = BUF_INIT, broken = BUF_INIT;
    unsigned char raw[128];
    uLongf zl_len = compressBound(sizeof html - 1);
    z_stream z;
    char *zeros = calloc(4 * 1024 * 1024, 1);

    gzip_member(&gz, html, sizeof html - 1);
    encoded_response(p, "http://x/gzip", "gzip", gz.data, gz.len);
    encoded_response(p, "http://x/x-gzip", "X-GZIP", gz.data, gz.len);
    zl.data = malloc(zl_len);
    compress((Bytef *)zl.data, &zl_len, (const Bytef *)html, sizeof html - 1);
    encoded_response(p, "http://x/deflate", "deflate", zl.data, zl_len);
    /* Raw deflate, as some servers send for "deflate". */
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (Bytef *)html;
    z.avail_in = sizeof html - 1;
    z.next_out = raw;
    z.avail_out = sizeof raw;
    deflate(&z, Z_FINISH);
    encoded_response(p, "http://x/raw-deflate", "deflate", raw, sizeof raw - z.avail_out);
    deflateEnd(&z);
    /* gzip over gzip, undone last first. */
    {
        buf_t twice = BUF_INIT;
        gzip_member(&twice, gz.data, gz.len);
        encoded_response(p, "http://x/twice", "gzip, identity, gzip", twice.data, twice.len);
        buf_free(&twice);
    }
    /* A bomb: 4 MiB of zeros in 4 KiB (the tests read with a 1 MiB limit). */
    gzip_member(&bomb, zeros, 4 * 1024 * 1024);
    encoded_response(p, "http://x/bomb", "gzip", bomb.data, bomb.len);
    /* Damage: a stored-block header byte changed to the reserved type 3. */
    buf_append(&broken, gz.data, gz.len);
    broken.data[10] = (char)(broken.data[10] | 0x06);
    encoded_response(p, "http://x/corrupt", "gzip", broken.data, broken.len);
    encoded_response(p, "http://x/cut", "gzip", gz.data, gz.len - 12);
    encoded_response(p, "http://x/not-gzip", "gzip", html, sizeof html - 1);
    encoded_response(p, "http://x/brotli", "br", "\x1b\x03", 2);
    free(zeros);
    buf_free(&gz);
    free(zl.data);
    buf_free(&bomb);
    buf_free(&broken);
}

static void build_big_blocks(pieces_t *p)
{
    /* With a 1 MiB limit: a 2 MiB image is skipped unread; a 2 MiB page
     * would be an article, so it is an error; a 2 MiB resource is skipped
     * by seeking in a plain file. */
    size_t n = 2 * 1024 * 1024;
    char *big = malloc(n + 200);
    int head = snprintf(big, 200, "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n");
    memset(big + head, 'j', n - (size_t)head);
    big[n] = '\0';
    record(p, "response", "http://x/big.jpg", HTTP_TYPE, -1, big);
    head = snprintf(big, 200, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
    memset(big + head, 'h', n - (size_t)head);
    record(p, "response", "http://x/big.html", HTTP_TYPE, -1, big);
    memset(big, 'r', n);
    record(p, "resource", "file:///big", "", -1, big);
    one_good(p);
    free(big);
}

static void build_big_wrong_length(pieces_t *p)
{
    /* A declared length over the limit that swallows the next records: the
     * reader seeks back (plain) to the block's start to find them. */
    size_t n = 3 * 1024 * 1024;
    char *big = malloc(n + 1);
    record(p, "metadata", "http://x/liar", "", 2 * 1024 * 1024, "short");
    one_good(p);
    memset(big, 'r', n);
    big[n] = '\0';
    record(p, "resource", "file:///padding", "", -1, big);
    free(big);
}

/* Damage done to a gzip file of three equal members (three_good()). */
static size_t member_size(const buf_t *f)
{
    return f->len / 3;
}

static void cut_inside_member_2(buf_t *f)
{
    size_t m = member_size(f);
    memmove(f->data + 2 * m - 30, f->data + 2 * m, f->len - 2 * m);
    f->len -= 30;
}

static void cut_last_member(buf_t *f)
{
    f->len -= 10;
}

static void junk_between_members(buf_t *f)
{
    buf_t g = BUF_INIT;
    buf_append(&g, f->data, member_size(f));
    buf_puts(&g, "JUNK, not gzip");
    buf_append(&g, f->data + member_size(f), f->len - member_size(f));
    buf_free(f);
    *f = g;
}

static void junk_after_members(buf_t *f)
{
    buf_append(f, "\0\0\0\0\0\0", 6);
}

static void flip_crc_of_member_2(buf_t *f)
{
    f->data[2 * member_size(f) - 6] ^= 0x40;
}

static void flip_data_of_member_2(buf_t *f)
{
    f->data[member_size(f) + 40] ^= 0x11;
}

static void three_good(pieces_t *p)
{
    one_good(p);
    one_good(p);
    one_good(p);
}

typedef struct {
    const char *name;
    void (*build)(pieces_t *);
    int mode;
    size_t limit;
    const char *expected;
    void (*damage)(buf_t *);
} damaged_case_t;

static const damaged_case_t damaged_cases[] = {
    { "warc11", build_warc11, PLAIN, 0,
      "response usable 0+208 200 http://x/1.1 payload 12 '<p>Hello</p>'\n"
      "response usable 208+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "no uri", build_no_uri, PLAIN, 0,
      "error: offset 0: response record has no WARC-Target-URI\n"
      "response usable 177+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "too long", build_too_long, PLAIN, 0,
      "error: offset 0: Content-Length 171 is too long: a record starts 75 bytes into the block\n"
      "response usable 210+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "response usable 417+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "too short", build_too_short, PLAIN, 0,
      "error: offset 0: Content-Length 66 is too short, or the record is damaged: no CRLF CRLF after the block\n"
      "response usable 210+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "huge length", build_huge_length, PLAIN, 0,
      "error: offset 0: Content-Length 99999999999 runs past the end of the file\n"
      "response usable 99+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "garbage between", build_garbage_between, PLAIN, 0,
      "response usable 0+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 207: no WARC/1.0 or WARC/1.1 version line ('this is not a record'); 35 bytes skipped\n"
      "response usable 242+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "garbage first", build_garbage_first, PLAIN, 0,
      "error: offset 0: no WARC/1.0 or WARC/1.1 version line ('<html>a saved page</html'); 26 bytes skipped\n"
      "response usable 26+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "not warc", build_not_warc, PLAIN, 0,
      "failed: not a WARC file (no WARC/1.0 or WARC/1.1 record)", NULL },
    { "blank lines", build_blank_lines, PLAIN, 0,
      "response usable 0+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "response usable 212+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "cut in block", build_cut_in_block, PLAIN, 0,
      "response usable 0+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 207: Content-Length 71 runs past the end of the file\n"
      "end", NULL },
    { "cut in header", build_cut_in_header, PLAIN, 0,
      "response usable 0+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 207: the file ends inside the record header\n"
      "end", NULL },
    { "bad header line", build_bad_header_line, PLAIN, 0,
      "error: offset 0: malformed header line 'this line has no colon'\n"
      "response usable 183+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "no length", build_no_length, PLAIN, 0,
      "error: offset 0: no Content-Length\n"
      "response usable 56+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "bad length", build_bad_length, PLAIN, 0,
      "error: offset 0: bad Content-Length '12a'\n"
      "response usable 75+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "old version", build_old_version, PLAIN, 0,
      "error: offset 0: unsupported version line 'WARC/0.18'\n"
      "response usable 209+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "no type", build_no_type, PLAIN, 0,
      "error: offset 0: no WARC-Type\n"
      "response usable 75+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "bad status", build_bad_status, PLAIN, 0,
      "error: offset 0: bad HTTP status line 'HTPT/1.1 200 OK'\n"
      "error: offset 167: bad HTTP status line 'HTTP/1.1 OK'\n"
      "response usable 331+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "no http end", build_no_http_end, PLAIN, 0,
      "error: offset 0: the HTTP header does not end within the block\n"
      "response usable 184+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "types", build_types, PLAIN, 0,
      "revisit revisit 0+153 http://x/r\n"
      "conversion conversion 153+117 http://x/c\n"
      "continuation segmented 270+93 http://x/k\n"
      "response segmented 363+232 http://x/seg\n"
      "response not HTTP 595+134 dns:x\n"
      "exotic other type 729+84 http://x/e\n"
      "response not HTML 813+209 200 http://x/txt\n"
      "response usable 1022+202 200 http://x/xhtml payload 7 '<html/>'\n"
      "response usable 1224+191 200 http://x/sniffed payload 31 ' \\n<!doctype HTML><p>sniffed</p>'\n"
      "response not HTML 1415+170 200 http://x/unsniffed\n"
      "response usable 1585+186 200 http://x/empty-type payload 8 '<P>x</P>'\n"
      "end", NULL },
    { "continued header", build_continued_header, PLAIN, 0,
      "response usable 0+226 200 http://x/c payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "lf only", build_lf_only, PLAIN, 0,
      "resource resource 0+82 file:///a\n"
      "error: offset 82: Content-Length 3 is too short, or the record is damaged: no CRLF CRLF after the block\n"
      "response usable 135+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "chunked", build_chunked, PLAIN, 0,
      "response usable 0+247 200 http://x/chunks0 payload 12 'Hello, world'\n"
      "response usable 247+240 200 http://x/chunks1 payload 5 'Hello'\n"
      "response usable 487+223 200 http://x/chunks2 payload 5 'Hello'\n"
      "response usable 710+242 200 http://x/chunks3 payload 28 '<p>not chunked after all</p>'\n"
      "response usable 952+239 200 http://x/chunks4 payload error: offset 952: broken chunked encoding: bad chunk size line at body byte 10\n"
      "response usable 1191+239 200 http://x/chunks5 payload error: offset 1191: broken chunked encoding: chunk of 153 bytes at body byte 10 runs past the end of the body\n"
      "response usable 1430+240 200 http://x/chunks6 payload error: offset 1430: broken chunked encoding: no CRLF after the chunk that ends at body byte 8\n"
      "response usable 1670+223 200 http://x/chunks7 payload error: offset 1670: broken chunked encoding: the body ends after chunk 1, before the last chunk\n"
      "response usable 1893+239 200 http://x/chunks8 payload error: offset 1893: broken chunked encoding: chunk size over 15 hex digits at body byte 0\n"
      "response usable 2132+219 200 http://x/te payload error: offset 2132: unsupported Transfer-Encoding 'gzip, chunked'\n"
      "end", NULL },
    { "encodings", build_encodings, PLAIN, 1024 * 1024,
      "response usable 0+249 200 http://x/gzip payload 22 '<p>compressed page</p>'\n"
      "response usable 249+253 200 http://x/x-gzip payload 22 '<p>compressed page</p>'\n"
      "response usable 502+243 200 http://x/deflate payload 22 '<p>compressed page</p>'\n"
      "response usable 745+240 200 http://x/raw-deflate payload 22 '<p>compressed page</p>'\n"
      "response usable 985+282 200 http://x/twice payload 22 '<p>compressed page</p>'\n"
      "response usable 1267+4306 200 http://x/bomb payload error: offset 1267: payload over the limit of 1048576 bytes when decoded\n"
      "response usable 5573+252 200 http://x/corrupt payload error: offset 5573: corrupt gzip Content-Encoding: invalid block type\n"
      "response usable 5825+235 200 http://x/cut payload error: offset 5825: corrupt gzip Content-Encoding: truncated\n"
      "response usable 6060+232 200 http://x/not-gzip payload error: offset 6060: corrupt gzip Content-Encoding: incorrect header check\n"
      "response usable 6292+208 200 http://x/brotli payload error: offset 6292: unsupported Content-Encoding 'br'\n"
      "end", NULL },
    { "big blocks", build_big_blocks, PLAIN, 1024 * 1024,
      "response not HTML 0+2097298 200 http://x/big.jpg\n"
      "error: offset 2097298: block of 2097152 bytes is over the limit of 1048576 bytes\n"
      "resource resource 4194597+2097244 file:///big\n"
      "response usable 6291841+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "big wrong length", build_big_wrong_length, PLAIN, 1024 * 1024,
      "error: offset 0: Content-Length 2097152 is too long: a record starts 9 bytes into the block\n"
      "response usable 99+207 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "resource resource 306+3145824 file:///padding\n"
      "end", NULL },
    { "too long, a member each", build_too_long, MEMBERS, 0,
      "error: offset 0: Content-Length 171 runs into the next gzip member\n"
      "response usable 175+173 (210+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "response usable 348+173 (417+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "too short, a member each", build_too_short, MEMBERS, 0,
      "error: offset 0: Content-Length 66 is too short, or the record is damaged: no CRLF CRLF after the block\n"
      "response usable 175+173 (210+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "huge length, a member each", build_huge_length, MEMBERS, 0,
      "error: offset 0: Content-Length 99999999999 runs into the next gzip member\n"
      "response usable 100+173 (99+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "garbage between, a member each", build_garbage_between, MEMBERS, 0,
      "response usable 0+173 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 173: no WARC/1.0 or WARC/1.1 version line ('this is not a record'); 35 bytes skipped\n"
      "response usable 223+173 (242+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "garbage first, a member each", build_garbage_first, MEMBERS, 0,
      "error: offset 0: no WARC/1.0 or WARC/1.1 version line ('<html>a saved page</html'); 26 bytes skipped\n"
      "response usable 43+173 (26+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "cut in block, a member each", build_cut_in_block, MEMBERS, 0,
      "response usable 0+173 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 173: Content-Length 71 runs past the end of the file\n"
      "end", NULL },
    { "bad header line, a member each", build_bad_header_line, MEMBERS, 0,
      "error: offset 0: malformed header line 'this line has no colon'\n"
      "response usable 169+173 (183+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "no length, a member each", build_no_length, MEMBERS, 0,
      "error: offset 0: no Content-Length\n"
      "response usable 69+173 (56+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "big blocks, a member each", build_big_blocks, MEMBERS, 1024 * 1024,
      "response not HTML 0+2220 (0+2097298) 200 http://x/big.jpg\n"
      "error: offset 2220: block of 2097152 bytes is over the limit of 1048576 bytes\n"
      "resource resource 4436+2158 (4194597+2097244) file:///big\n"
      "response usable 6594+173 (6291841+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "big wrong length, a member each", build_big_wrong_length, MEMBERS, 1024 * 1024,
      "error: offset 0: Content-Length 2097152 runs into the next gzip member\n"
      "response usable 109+173 (99+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "resource resource 282+3178 (306+3145824) file:///padding\n"
      "end", NULL },
    { "chunked, a member each", build_chunked, MEMBERS, 0,
      "response usable 0+197 (0+247) 200 http://x/chunks0 payload 12 'Hello, world'\n"
      "response usable 197+191 (247+240) 200 http://x/chunks1 payload 5 'Hello'\n"
      "response usable 388+183 (487+223) 200 http://x/chunks2 payload 5 'Hello'\n"
      "response usable 571+190 (710+242) 200 http://x/chunks3 payload 28 '<p>not chunked after all</p>'\n"
      "response usable 761+192 (952+239) 200 http://x/chunks4 payload error: offset 761: broken chunked encoding: bad chunk size line at body byte 10\n"
      "response usable 953+192 (1191+239) 200 http://x/chunks5 payload error: offset 953: broken chunked encoding: chunk of 153 bytes at body byte 10 runs past the end of the body\n"
      "response usable 1145+194 (1430+240) 200 http://x/chunks6 payload error: offset 1145: broken chunked encoding: no CRLF after the chunk that ends at body byte 8\n"
      "response usable 1339+181 (1670+223) 200 http://x/chunks7 payload error: offset 1339: broken chunked encoding: the body ends after chunk 1, before the last chunk\n"
      "response usable 1520+184 (1893+239) 200 http://x/chunks8 payload error: offset 1520: broken chunked encoding: chunk size over 15 hex digits at body byte 0\n"
      "response usable 1704+181 (2132+219) 200 http://x/te payload error: offset 1704: unsupported Transfer-Encoding 'gzip, chunked'\n"
      "end", NULL },
    { "too long, one member", build_too_long, ONE_MEMBER, 0,
      "error: offset 0: Content-Length 171 is too long: a record starts 75 bytes into the block\n"
      "response usable 0+0 (210+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "response usable 0+0 (417+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "too short, one member", build_too_short, ONE_MEMBER, 0,
      "error: offset 0: Content-Length 66 is too short, or the record is damaged: no CRLF CRLF after the block\n"
      "response usable 0+0 (210+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "huge length, one member", build_huge_length, ONE_MEMBER, 0,
      "error: offset 0: Content-Length 99999999999 runs past the end of the file\n"
      "response usable 0+0 (99+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "garbage between, one member", build_garbage_between, ONE_MEMBER, 0,
      "response usable 0+0 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 0 (uncompressed 207): no WARC/1.0 or WARC/1.1 version line ('this is not a record'); 35 bytes skipped\n"
      "response usable 0+0 (242+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "cut in block, one member", build_cut_in_block, ONE_MEMBER, 0,
      "response usable 0+0 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 0 (uncompressed 207): Content-Length 71 runs past the end of the file\n"
      "end", NULL },
    { "bad header line, one member", build_bad_header_line, ONE_MEMBER, 0,
      "error: offset 0: malformed header line 'this line has no colon'\n"
      "response usable 0+0 (183+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", NULL },
    { "big wrong length, one member", build_big_wrong_length, ONE_MEMBER, 1024 * 1024,
      "error: offset 0: Content-Length 2097152 is too long: a record starts 9 bytes into the block\n"
      "response usable 0+0 (99+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "resource resource 0+0 (306+3145824) file:///padding\n"
      "end", NULL },
    { "cut inside member 2", three_good, MEMBERS, 0,
      "response usable 0+173 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 173: gzip member at offset 173 is damaged: incorrect data check\n"
      "response usable 316+173 (697+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", cut_inside_member_2 },
    { "cut last member", three_good, MEMBERS, 0,
      "response usable 0+173 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "response usable 173+173 (207+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 346: gzip member at offset 346 is truncated\n"
      "end", cut_last_member },
    { "junk between members", three_good, MEMBERS, 0,
      "response usable 0+173 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 173: not gzip data (14 bytes skipped)\n"
      "response usable 187+173 (207+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "response usable 360+173 (414+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", junk_between_members },
    { "junk after members", three_good, MEMBERS, 0,
      "response usable 0+173 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "response usable 173+173 (207+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "response usable 346+173 (414+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 519: not gzip data (6 bytes skipped)\n"
      "end", junk_after_members },
    { "flip crc of member 2", three_good, MEMBERS, 0,
      "response usable 0+173 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 173: gzip member at offset 173 is damaged: incorrect data check\n"
      "response usable 346+173 (414+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", flip_crc_of_member_2 },
    { "flip data of member 2", three_good, MEMBERS, 0,
      "response usable 0+173 (0+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "error: offset 173: gzip member at offset 173 is damaged: invalid code -- missing end-of-block\n"
      "response usable 346+173 (207+207) 200 http://x/ok payload 12 '<p>Hello</p>'\n"
      "end", flip_data_of_member_2 },
    { "cut inside member 2, one member", three_good, ONE_MEMBER, 0,
      "error: offset 0: gzip member at offset 0 is damaged: invalid distance too far back\n"
      "end", cut_inside_member_2 },
};

static void test_damaged(void)
{
    for (size_t i = 0; i < sizeof damaged_cases / sizeof damaged_cases[0]; i++) {
        const damaged_case_t *c = &damaged_cases[i];
        pieces_t p = { .count = 0 };
        buf_t file;
        c->build(&p);
        make_file(&p, c->mode, &file);
        if (c->damage)
            c->damage(&file);
        if (getenv("WARC_TEST_DUMP")) {
            const char *path = write_temp("case.warc", file.data, file.len);
            char *got = transcript(path, c->limit);
            printf("=== %s\n%s\n", c->name, got);
            free(got);
        } else
            check_transcript(c->name, &file, c->limit, c->expected);
        buf_free(&file);
    }
}

/* A request's payload is its block as it is; a block over the limit has
 * none, and saying so is an error of that record. */
static void test_payload_kinds(void)
{
    char *errmsg = NULL;
    warc_options_t small = { 200 };
    warc_reader_t *r = warc_open(fixture("crawl.warc"), &small, &errmsg);
    const warc_record_t *rec;
    const char *payload;
    size_t len;

    if (r == NULL || warc_next(r, &rec) != WARC_OK || warc_next(r, &rec) != WARC_OK) {
        ok(0, "crawl.warc: two records");
        warc_close(r);
        return;
    }
    is_str(rec->type_name, "request", "record 2 is a request");
    is_int(warc_payload(r, &payload, &len), WARC_OK, "  its payload");
    ok(len == 136 && memcmp(payload, "GET /index.html HTTP/1.1\r\nHost: ", 32) == 0,
       "  is the block as it is");
    is_int(warc_next(r, &rec), WARC_BAD_RECORD, "record 3, a page over the limit, is an error");
    is_int(warc_next(r, &rec), WARC_OK, "record 4");
    is_int(warc_next(r, &rec), WARC_OK, "record 5");
    is_int(rec->payload_held, 0, "  over the 200-byte limit: not held");
    is_int(rec->skip, WARC_SKIP_STATUS, "  robots.txt: a 404");
    is_int(warc_payload(r, &payload, &len), WARC_BAD_RECORD, "  warc_payload() fails");
    is_str(warc_error(r)->text, "offset 2940: block of 475 bytes is over the limit of 200 bytes",
           "  saying why");
    ok(payload == NULL && len == 0, "  and gives nothing");
    warc_close(r);
}

static void test_open_errors(void)
{
    char *errmsg = NULL;
    warc_reader_t *r = warc_open(temp_path("missing.warc"), NULL, &errmsg);
    const warc_record_t *rec;

    ok(r == NULL, "a missing file cannot be opened");
    is_str(errmsg, "No such file or directory", "  strerror's text");
    free(errmsg);
    errmsg = NULL;
    r = warc_open(write_temp("plain.warc.gz", "WARC/1.0\r\n", 10), NULL, &errmsg);
    ok(r == NULL, "a .gz name on plain data is refused");
    is_str(errmsg, "not gzip data", "  as not gzip data");
    free(errmsg);
    errmsg = NULL;
    r = warc_open(write_temp("empty.warc.gz", "", 0), NULL, &errmsg);
    ok(r != NULL, "an empty file opens");
    is_int(r ? warc_next(r, &rec) : -9, WARC_END, "  and holds no record");
    is_int(r ? warc_next(r, &rec) : -9, WARC_END, "  still at the end");
    warc_close(r);
    r = warc_open(write_temp("text.warc", "no record\n", 10), NULL, &errmsg);
    is_int(r ? warc_next(r, &rec) : -9, WARC_FAILED, "a file with no record fails");
    is_int(r ? warc_next(r, &rec) : -9, WARC_FAILED, "  and stays failed");
    is_str(r ? warc_error(r)->text : NULL, "not a WARC file (no WARC/1.0 or WARC/1.1 record)",
           "  as not a WARC file");
    warc_close(r);
    warc_close(NULL);
}

static void test_names(void)
{
    static const struct { const char *name; int is_warc; } names[] = {
        { "crawl.warc", 1 }, { "CC-NEWS-2024.warc.gz", 1 }, { "a.warc.gz.txt", 0 },
        { ".warc", 0 }, { "crawl.arc.gz", 0 }, { "warc", 0 },
    };
    static const char *const skips[WARC_SKIP_COUNT] = {
        "usable", "warcinfo", "request", "metadata", "revisit", "resource", "conversion",
        "segmented", "other type", "not HTTP", "status", "not HTML",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        is_int(warc_is_warc_name(names[i].name), names[i].is_warc, names[i].name);
    for (int i = 0; i < WARC_SKIP_COUNT; i++)
        is_str(warc_skip_name((warc_skip_t)i), skips[i], "skip reason name");
}

/* S with control characters escaped, for a test's name (static). */
static const char *label(const char *s)
{
    static char out[200];
    buf_t b = BUF_INIT;
    escaped(&b, s, strlen(s));
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    buf_free(&b);
    return out;
}

/* The HTTP helpers under the reader. */
static void test_http(void)
{
    static const struct { const char *line; int status; } statuses[] = {
        { "HTTP/1.1 200 OK\r\n", 200 }, { "HTTP/2 404\r\n", 404 }, { "HTTP/1.0 301", 301 },
        { "HTTP/1.1  503 Busy", 503 }, { "HTTP/1.1 2000 OK", -1 }, { "HTTP/1.1 099 x", -1 },
        { "ICY 200 OK", -1 }, { "HTTP/1.1 20", -1 }, { "HTTP/x 200", -1 }, { "", -1 },
    };
    static const struct { const char *ct, *type, *charset; } types[] = {
        { "text/html; charset=UTF-8", "text/html", "UTF-8" },
        { "text/html;charset=\"iso-8859-1\"", "text/html", "iso-8859-1" },
        { " TEXT/HTML ; q=1; Charset = utf-8 ", "TEXT/HTML", "utf-8" },
        { "text/plain", "text/plain", NULL },
        { "text/html; charset=", "text/html", "" },
    };
    static const struct { const char *type; int html; } html_types[] = {
        { "text/html", 1 }, { "Text/HTML", 1 }, { "application/xhtml+xml", 1 },
        { "text/htmlx", 0 }, { "text/plain", 0 }, { "", 0 },
    };
    static const struct { const char *data; int html; } sniffs[] = {
        { "<!DOCTYPE html>", 1 }, { " \r\n\t<HTML lang=en>", 1 }, { "\xEF\xBB\xBF<p>x", 1 },
        { "<a href=x>", 1 }, { "<!-- c -->", 1 }, { "<br>", 1 }, { "<abbr>", 0 },
        { "<?xml version=\"1.0\"?>", 0 }, { "%PDF-1.7", 0 }, { "<html", 0 }, { "", 0 },
    };
    static const struct { const char *te; int coding; } codings[] = {
        { "chunked", 1 }, { " Chunked ", 1 }, { "identity", 0 }, { "", 0 },
        { "gzip, chunked", -1 }, { "chunked, chunked", -1 },
    };
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        is_int(http_parse_status(statuses[i].line, strlen(statuses[i].line)), statuses[i].status,
               label(statuses[i].line));
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const char *type, *charset;
        size_t type_len, charset_len;
        char got[64];
        http_media_type(types[i].ct, strlen(types[i].ct), &type, &type_len, &charset, &charset_len);
        snprintf(got, sizeof got, "%.*s", (int)type_len, type);
        is_str(got, types[i].type, label(types[i].ct));
        if (charset)
            snprintf(got, sizeof got, "%.*s", (int)charset_len, charset);
        is_str(charset ? got : NULL, types[i].charset, "  charset");
    }
    for (size_t i = 0; i < sizeof html_types / sizeof html_types[0]; i++)
        is_int(http_is_html_type(html_types[i].type, strlen(html_types[i].type)),
               html_types[i].html, html_types[i].type);
    for (size_t i = 0; i < sizeof sniffs / sizeof sniffs[0]; i++)
        is_int(http_sniff_html(sniffs[i].data, strlen(sniffs[i].data)), sniffs[i].html,
               label(sniffs[i].data));
    for (size_t i = 0; i < sizeof codings / sizeof codings[0]; i++)
        is_int(http_transfer_coding(codings[i].te, strlen(codings[i].te)), codings[i].coding,
               codings[i].te);
}

int main(void)
{
    if (mkdtemp(tmpdir) == NULL) {
        printf("Bail out! cannot make %s\n", tmpdir);
        return 1;
    }
    test_crawled();
    test_crawled_payloads();
    test_crawled_fields();
    test_crawled_limit();
    test_damaged();
    test_payload_kinds();
    test_open_errors();
    test_names();
    test_http();
    {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            printf("# could not remove %s\n", tmpdir);
    }
    return tap_done();
}
