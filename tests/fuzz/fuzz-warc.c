/* fuzz-warc.c: libFuzzer target for the WARC reader (warc_open_fd, warc_next, warc_payload).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: a mode byte, a limit byte, then the file.  Mode 0: the file as it
 * is (gzip when it starts like gzip); 1: the same, named ".warc.gz"; 2: the
 * file compressed by zlib, a gzip member per record (cut before each
 * "WARC/"); 3: compressed as one member.  The block limit is 64 << (limit
 * byte % 12) bytes, so blocks over it and under it are both met.
 */
#define _GNU_SOURCE   /* memfd_create(): the file in memory */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "fuzz-check.h"
#include "warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Appends DATA[0..LEN) to OUT as one gzip member. */
static void gzip_member(buf_t *out, const uint8_t *data, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    for (;;) {
        char *space = buf_space(out, 4096);
        int ret;
        FUZZ_CHECK(space != NULL);
        z.next_out = (Bytef *)space;
        z.avail_out = 4096;
        ret = deflate(&z, Z_FINISH);
        out->len += 4096 - z.avail_out;
        if (ret == Z_STREAM_END)
            break;
    }
    deflateEnd(&z);
}

static void compress_file(const uint8_t *data, size_t len, int per_record, buf_t *out)
{
    size_t start = 0;
    if (!per_record) {
        gzip_member(out, data, len);
        return;
    }
    for (size_t i = 1; i + 5 <= len; i++)
        if (memcmp(data + i, "WARC/", 5) == 0) {
            gzip_member(out, data + start, i - start);
            start = i;
        }
    gzip_member(out, data + start, len - start);
}

static void read_all(int fd, const char *name, size_t limit, size_t stream_bound)
{
    warc_options_t options = { limit };
    char *errmsg = NULL;
    warc_reader_t *r = warc_open_fd(fd, name, &options, &errmsg);
    const warc_record_t *rec;
    warc_status_t st;
    uint64_t last_end = 0;
    size_t calls = 0;

    if (r == NULL) {
        FUZZ_CHECK(errmsg != NULL && *errmsg != '\0');
        free(errmsg);
        return;
    }
    while ((st = warc_next(r, &rec)) != WARC_END && st != WARC_FAILED) {
        /* Every call moves on: no more calls than bytes, nearly. */
        FUZZ_CHECK(++calls <= stream_bound + 2);
        if (st == WARC_BAD_RECORD) {
            FUZZ_CHECK(warc_error(r)->text != NULL && *warc_error(r)->text != '\0');
            continue;
        }
        FUZZ_CHECK(st == WARC_OK && rec != NULL);
        FUZZ_CHECK(rec->stream_offset >= last_end);
        FUZZ_CHECK(rec->stream_length >= 13);          /* "WARC/1.0\n\n" and CRLF CRLF */
        FUZZ_CHECK(rec->version != NULL && strncmp(rec->version, "WARC/1.", 7) == 0);
        FUZZ_CHECK((unsigned)rec->skip < WARC_SKIP_COUNT);
        last_end = rec->stream_offset + rec->stream_length;
        (void)warc_header(r, "Content-Type");
        if (rec->payload_held) {
            const char *payload;
            size_t len;
            if (warc_payload(r, &payload, &len) == WARC_OK) {
                FUZZ_CHECK(len <= limit);
                FUZZ_CHECK(len == 0 || payload != NULL);
                /* Touch every byte, so a bad pointer shows. */
                volatile unsigned sum = 0;
                for (size_t i = 0; i < len; i++)
                    sum += (unsigned char)payload[i];
                (void)sum;
            } else {
                FUZZ_CHECK(*warc_error(r)->text != '\0');
            }
        }
    }
    if (st == WARC_FAILED)
        FUZZ_CHECK(*warc_error(r)->text != '\0');
    warc_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    buf_t compressed = BUF_INIT;
    const uint8_t *file;
    size_t file_len, limit;
    int mode;

    if (size < 2)
        return 0;
    if (fd < 0 && (fd = memfd_create("fuzz-warc", 0)) < 0)
        abort();
    mode = data[0] % 4;
    limit = (size_t)64 << (data[1] % 12);
    file = data + 2;
    file_len = size - 2;
    if (mode >= 2) {
        compress_file(file, file_len, mode == 2, &compressed);
        FUZZ_CHECK(!compressed.failed);
        file = (const uint8_t *)compressed.data;
        file_len = compressed.len;
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, file, file_len, 0) != (ssize_t)file_len)
        abort();
    /* The stream is never longer than deflate's best ratio allows. */
    read_all(fd, mode == 1 ? "fuzz.warc.gz" : "fuzz.warc", limit, file_len * 1032 + 64);
    buf_free(&compressed);
    return 0;
}
