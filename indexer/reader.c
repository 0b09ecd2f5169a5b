/* reader.c: the table of readers, and what they share.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "reader.h"

/* In the order a name is tried: the first that claims it reads it. */
static const reader_t *const readers[] = { &reader_text, &reader_mail, &reader_jsonl };

/* Bytes read from a file no reader claims by name, to tell its content. */
#define SNIFF_BYTES 512

const reader_t *reader_for(const char *name, const char *path)
{
    size_t count = sizeof readers / sizeof readers[0];
    char head[SNIFF_BYTES];
    ssize_t got;
    int fd;

    for (size_t i = 0; i < count; i++)
        if (readers[i]->claims_name(name))
            return readers[i];
    if (path == NULL || (fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) < 0)
        return NULL;
    got = read(fd, head, sizeof head);
    close(fd);
    for (size_t i = 0; got > 0 && i < count; i++)
        if (readers[i]->claims_content && readers[i]->claims_content(head, (size_t)got))
            return readers[i];
    return NULL;
}

/* Bytes of a file looked at to tell text from binary. */
#define TEXT_SNIFF_BYTES 8192
/* Control characters a short text file may hold and still be text. */
#define TEXT_MAX_STRAY_CONTROLS 8

int reader_is_text(const char *data, size_t len)
{
    /* Formats that begin with a signature: PDF, ZIP (docx, odt, epub),
     * PNG, GIF, JPEG, ELF, gzip inside, OLE (doc, xls). */
    static const struct { const char *bytes; size_t len; } magic[] = {
        { "%PDF-", 5 }, { "PK\3\4", 4 }, { "\x89PNG", 4 }, { "GIF8", 4 },
        { "\xFF\xD8\xFF", 3 }, { "\x7F" "ELF", 4 }, { "\x1F\x8B", 2 },
        { "\xD0\xCF\x11\xE0", 4 },
    };
    size_t controls = 0, n = len < TEXT_SNIFF_BYTES ? len : TEXT_SNIFF_BYTES;

    for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
        if (len >= magic[i].len && memcmp(data, magic[i].bytes, magic[i].len) == 0)
            return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        controls += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b;
    }
    /* A stray NUL or control character is dirt in text (the article model
     * drops it); more than 1 in 100 (and more than a few) is a binary
     * format, or UTF-16. */
    return controls <= TEXT_MAX_STRAY_CONTROLS || controls * 100 <= n;
}

int reader_is_text_file(const char *path)
{
    char head[TEXT_SNIFF_BYTES];
    gzFile gz = gzopen(path, "rb");
    int got = gz ? gzread(gz, head, sizeof head) : -1;
    if (gz)
        gzclose(gz);
    return got >= 0 && reader_is_text(head, (size_t)got);
}

int reader_has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n > s && strcasecmp(name + n - s, suffix) == 0;
}

int reader_slurp(const char *path, size_t max_bytes, char **data_out, size_t *len_out,
                 const char **why)
{
    gzFile gz = gzopen(path, "rb");
    buf_t out = BUF_INIT;
    char chunk[65536];
    int n;
    static char too_large[64];

    *data_out = NULL;
    *len_out = 0;
    if (gz == NULL) {
        *why = errno ? strerror(errno) : "out of memory";
        return -1;
    }
    while ((n = gzread(gz, chunk, sizeof chunk)) > 0) {
        /* zlib passes data without a gzip header through unchanged; a file
         * named .gz that is not gzip is damaged, not plain text. */
        if (out.len == 0 && gzdirect(gz) && reader_has_suffix(path, ".gz")) {
            *why = "not gzip data";
            goto fail;
        }
        if (out.len + (size_t)n > max_bytes) {
            snprintf(too_large, sizeof too_large, "file too large (limit %zu MiB)",
                     max_bytes >> 20);
            *why = too_large;
            goto fail;
        }
        buf_append(&out, chunk, (size_t)n);
    }
    /* A truncated stream ends without an error from gzread: ask gzerror. */
    int zerr = Z_OK;
    gzerror(gz, &zerr);
    if (n < 0 || zerr != Z_OK) {
        *why = zerr == Z_ERRNO ? strerror(errno)
             : zerr == Z_MEM_ERROR ? "out of memory"
             : "corrupt or truncated gzip data";
        goto fail;
    }
    gzclose(gz);
    if (out.failed) {
        buf_free(&out);
        *why = "out of memory";
        return -1;
    }
    *len_out = out.len;
    *data_out = out.data ? buf_detach(&out) : strdup("");
    if (*data_out == NULL) {
        *why = "out of memory";
        return -1;
    }
    return 0;
fail:
    gzclose(gz);
    buf_free(&out);
    return -1;
}

void reader_file_signature(const reader_input_t *in, const char *data, size_t len,
                           char out[64])
{
    unsigned long crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)data, (uInt)len);
    snprintf(out, 64, "%lld %lld %08lx", in->size, in->mtime_ns, crc);
}

void reader_failed(reader_sink_t *sink, const reader_record_t *rec, const char *fmt, ...)
{
    buf_t message = BUF_INIT;
    va_list ap;
    char *text;

    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    text = n >= 0 ? buf_space(&message, (size_t)n + 1) : NULL;
    if (text) {
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    sink->failed(sink, rec, text ? text : "out of memory");
    buf_free(&message);
}
