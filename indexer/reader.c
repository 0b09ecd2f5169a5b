/* reader.c: the table of readers, and what they share.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <libdeflate.h>
#include <zlib.h>

#include "buf.h"
#include "fields.h"
#include "reader.h"

/* In the order a name is tried: the first that claims it reads it. */
static const reader_t *const readers[] = { &reader_text, &reader_mail, &reader_jsonl,
                                           &reader_html, &reader_warc };

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

int reader_open(const reader_input_t *in, const char **why)
{
    struct stat st;
    int fd = open(in->open_path ? in->open_path : in->path,
                  O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

    if (fd < 0) {
        *why = errno == ELOOP ? "a symbolic link the walk did not follow" : strerror(errno);
        return -1;
    }
    if (fstat(fd, &st) != 0) {
        *why = strerror(errno);
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = "not a regular file";
        close(fd);
        return -1;
    }
    if ((in->dev || in->ino) && (st.st_dev != in->dev || st.st_ino != in->ino)) {
        *why = "replaced by another file since the walk";
        close(fd);
        return -1;
    }
    return fd;
}

/* The message for a file or record over MAX_BYTES (static). */
const char *reader_too_large(size_t max_bytes)
{
    static char message[80];
    snprintf(message, sizeof message, "over the limit of %zu MiB (--memory)",
             max_bytes >> 20);
    return message;
}

/* Appends what FD holds, inflated when it starts with gzip's magic, to OUT,
 * at most MAX_BYTES.  Each gzip member is inflated in turn; bytes after
 * the last that are not a member set *NOTICE.  Returns 0, or -1 with *WHY. */
static int read_all(int fd, int gz_named, size_t max_bytes, buf_t *out, const char **why,
                    const char **notice)
{
    unsigned char in[65536];
    z_stream z;
    ssize_t got = read(fd, in, sizeof in);
    int gzip = got >= 2 && in[0] == 0x1f && in[1] == 0x8b, rc = -1, ended = 0;

    if (got < 0) {
        *why = strerror(errno);
        return -1;
    }
    if (!gzip) {
        if (gz_named && got > 0) {
            *why = "not gzip data";
            return -1;
        }
        for (; got > 0; got = read(fd, in, sizeof in)) {
            if (out->len + (size_t)got > max_bytes) {
                *why = reader_too_large(max_bytes);
                return -1;
            }
            buf_append(out, (const char *)in, (size_t)got);
        }
        if (got < 0)
            *why = strerror(errno);
        return got < 0 ? -1 : 0;
    }
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
        *why = "out of memory";
        return -1;
    }
    z.next_in = in;
    z.avail_in = (uInt)got;
    for (;;) {
        if (z.avail_in == 0) {
            if ((got = read(fd, in, sizeof in)) < 0) {
                *why = strerror(errno);
                goto done;
            }
            if (got == 0)
                break;
            z.next_in = in;
            z.avail_in = (uInt)got;
        }
        if (ended) {
            /* After a member: another member, or bytes that are none. */
            if (z.avail_in >= 1 && z.next_in[0] != 0x1f) {
                *notice = "trailing data after the gzip data ignored";
                break;
            }
            inflateReset(&z);
            ended = 0;
        }
        char *space = buf_space(out, 65536);
        if (space == NULL) {
            *why = "out of memory";
            goto done;
        }
        z.next_out = (Bytef *)space;
        z.avail_out = 65536;
        int zrc = inflate(&z, Z_NO_FLUSH);
        size_t made = 65536 - z.avail_out;
        out->len += made;
        if (zrc == Z_STREAM_END)
            ended = 1;
        else if (zrc != Z_OK && zrc != Z_BUF_ERROR) {
            *why = zrc == Z_MEM_ERROR ? "out of memory" : "corrupt or truncated gzip data";
            goto done;
        }
        if (out->len > max_bytes) {
            *why = reader_too_large(max_bytes);
            goto done;
        }
    }
    if (!ended) {
        *why = "corrupt or truncated gzip data";
        goto done;
    }
    rc = 0;
done:
    inflateEnd(&z);
    return rc;
}

int reader_slurp(const reader_input_t *in, char **data_out, size_t *len_out, const char **why,
                 const char **notice)
{
    buf_t out = BUF_INIT;
    int fd = reader_open(in, why);

    *data_out = NULL;
    *len_out = 0;
    *notice = NULL;
    if (fd < 0)
        return -1;
    int rc = read_all(fd, reader_has_suffix(in->path, ".gz"), in->max_bytes, &out, why, notice);
    close(fd);
    if (rc == 0 && out.failed) {
        *why = "out of memory";
        rc = -1;
    }
    if (rc != 0) {
        buf_free(&out);
        return -1;
    }
    *len_out = out.len;
    *data_out = out.data ? buf_detach(&out) : strdup("");
    if (*data_out == NULL) {
        *why = "out of memory";
        return -1;
    }
    return 0;
}

void reader_file_signature(const reader_input_t *in, const char *data, size_t len,
                           char out[64])
{
    unsigned long crc = (unsigned long)libdeflate_crc32(0, data, len);
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

int reader_deliver(reader_sink_t *sink, const reader_record_t *rec, article_t *article,
                   const char *notice)
{
    if (notice && fields_add_warning(article, notice) != 0) {
        article_free(article);
        reader_failed(sink, rec, "cannot index '%s': out of memory", rec->where);
        return 0;
    }
    int rc = sink->article(sink, rec, article);
    article_free(article);
    return rc;
}
