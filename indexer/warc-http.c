/* warc-http.c: HTTP responses in WARC records: head, chunks, content codings.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define ZLIB_CONST
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "hex.h"
#include "warc-http.h"

/* Content codings undone in one body at most: real servers apply one;
 * a longer list is a hostile file. */
#define HTTP_MAX_CODINGS 4

/* Output grown at a time while inflating, at least (it doubles after). */
#define INFLATE_STEP (64 * 1024)

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Non-zero if S[0..LEN) equals the lower-case WORD, ignoring case. */
static int equals_word(const char *s, size_t len, const char *word)
{
    size_t i;
    for (i = 0; i < len && word[i]; i++)
        if (lower((unsigned char)s[i]) != word[i])
            return 0;
    return i == len && word[i] == '\0';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && (is_space((*s)[*len - 1]) || (*s)[*len - 1] == '\r'))
        (*len)--;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int http_parse_status(const char *block, size_t len)
{
    size_t i = 5;
    int status;

    if (len < 5 || memcmp(block, "HTTP/", 5) != 0 || i >= len || !is_digit(block[i]))
        return -1;
    i++;
    if (i + 1 < len && block[i] == '.' && is_digit(block[i + 1]))
        i += 2;
    if (i >= len || block[i] != ' ')
        return -1;
    while (i < len && block[i] == ' ')
        i++;
    if (i + 3 > len || !is_digit(block[i]) || !is_digit(block[i + 1]) || !is_digit(block[i + 2])
        || block[i] == '0')
        return -1;
    status = (block[i] - '0') * 100 + (block[i + 1] - '0') * 10 + (block[i + 2] - '0');
    i += 3;
    if (i < len && block[i] != ' ' && block[i] != '\r' && block[i] != '\n')
        return -1;
    return status;
}

/* The value of the header line LINE[0..LEN) in *VALUE, trimmed, if its
 * name is Content-Type, Content-Encoding or Transfer-Encoding and that
 * field has no value yet (the first one counts). */
static void take_header(const char *line, size_t len, http_head_t *out)
{
    const char *colon = memchr(line, ':', len), *v, **value;
    size_t name_len, n, *value_len;

    if (colon == NULL)
        return;
    name_len = (size_t)(colon - line);
    if (name_len == 12 && equals_word(line, 12, "content-type")) {
        value = &out->content_type;
        value_len = &out->content_type_len;
    } else if (name_len == 16 && equals_word(line, 16, "content-encoding")) {
        value = &out->content_encoding;
        value_len = &out->content_encoding_len;
    } else if (name_len == 17 && equals_word(line, 17, "transfer-encoding")) {
        value = &out->transfer_encoding;
        value_len = &out->transfer_encoding_len;
    } else {
        return;
    }
    if (*value != NULL)
        return;
    v = colon + 1;
    n = len - name_len - 1;
    trim(&v, &n);
    *value = v;
    *value_len = n;
}

int http_parse_head(const char *block, size_t len, http_head_t *out)
{
    const char *p = block, *end;

    memset(out, 0, sizeof *out);
    out->status = http_parse_status(block, len);
    if (out->status < 0)
        return -1;
    if (len > HTTP_MAX_HEAD)
        len = HTTP_MAX_HEAD;
    end = block + len;
    p = memchr(block, '\n', len);
    if (p == NULL)
        return 1;
    p++;
    for (;;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t line_len;
        if (eol == NULL)
            return 1;
        line_len = (size_t)(eol - p);
        if (line_len > 0 && p[line_len - 1] == '\r')
            line_len--;
        if (line_len == 0) {
            out->head_len = (size_t)(eol + 1 - block);
            return 0;
        }
        take_header(p, line_len, out);
        p = eol + 1;
    }
}

void http_media_type(const char *ct, size_t len, const char **type, size_t *type_len,
                     const char **charset, size_t *charset_len)
{
    const char *end = ct + len, *semi = memchr(ct, ';', len);

    *type = ct;
    *type_len = semi ? (size_t)(semi - ct) : len;
    trim(type, type_len);
    *charset = NULL;
    *charset_len = 0;
    while (semi != NULL) {
        const char *param = semi + 1, *eq, *value;
        size_t param_len, name_len, value_len;
        semi = memchr(param, ';', (size_t)(end - param));
        param_len = semi ? (size_t)(semi - param) : (size_t)(end - param);
        eq = memchr(param, '=', param_len);
        if (eq == NULL)
            continue;
        name_len = (size_t)(eq - param);
        trim(&param, &name_len);
        if (!equals_word(param, name_len, "charset"))
            continue;
        value = eq + 1;
        value_len = param_len - (size_t)(value - param);
        if (semi == NULL)
            value_len = (size_t)(end - value);
        trim(&value, &value_len);
        if (value_len >= 2 && value[0] == '"' && value[value_len - 1] == '"') {
            value++;
            value_len -= 2;
        }
        *charset = value;
        *charset_len = value_len;
        return;
    }
}

int http_is_html_type(const char *type, size_t len)
{
    return equals_word(type, len, "text/html") || equals_word(type, len, "application/xhtml+xml");
}

int http_sniff_html(const char *data, size_t len)
{
    /* WHATWG MIME Sniffing, 7.1, the patterns whose type is text/html. */
    static const char *const patterns[] = {
        "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
        "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--",
    };
    size_t i = 0;

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\f'
                       || data[i] == '\r'))
        i++;
    for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
        size_t n = strlen(patterns[k]), j;
        if (len - i <= n)
            continue;
        for (j = 0; j < n && lower((unsigned char)data[i + j]) == patterns[k][j]; j++)
            ;
        if (j == n && (data[i + n] == ' ' || data[i + n] == '>'))
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- chunks */

int http_transfer_coding(const char *v, size_t len)
{
    const char *end = v + len;
    int chunked = 0;
    while (v < end) {
        const char *comma = memchr(v, ',', (size_t)(end - v)), *name = v;
        size_t name_len = comma ? (size_t)(comma - v) : (size_t)(end - v);
        v = comma ? comma + 1 : end;
        trim(&name, &name_len);
        if (name_len == 0 || equals_word(name, name_len, "identity"))
            continue;
        if (!equals_word(name, name_len, "chunked") || chunked)
            return -1;
        chunked = 1;
    }
    return chunked;
}

/* Skips the trailer fields after the last chunk: lines up to a blank one,
 * or the end of the body (a missing final CRLF is forgiven). */
static void skip_trailer(const char *body, size_t len, size_t *at)
{
    while (*at < len) {
        const char *eol = memchr(body + *at, '\n', len - *at);
        size_t line_len = eol ? (size_t)(eol - (body + *at)) : len - *at;
        int blank = line_len == 0 || (line_len == 1 && body[*at] == '\r');
        *at = eol ? (size_t)(eol + 1 - body) : len;
        if (blank)
            return;
    }
}

int http_dechunk(char *body, size_t *len, char *why, size_t why_size)
{
    size_t in = 0, out = 0, n = *len;
    unsigned long chunks = 0;

    for (;;) {
        size_t line_start = in;
        uint64_t size = 0;
        int digits = 0, v;
        const char *eol;

        while (in < n && (v = hex_value(body[in])) >= 0) {
            if (digits == 15) {
                snprintf(why, why_size, "chunk size over 15 hex digits at body byte %zu",
                         line_start);
                return -1;
            }
            size = size * 16 + (uint64_t)v;
            digits++;
            in++;
        }
        eol = in < n ? memchr(body + in, '\n', n - in) : NULL;
        if (digits == 0 || eol == NULL
            || !(body[in] == ';' || is_space(body[in]) || body[in] == '\r' || body[in] == '\n')) {
            if (chunks == 0)
                return 1;
            snprintf(why, why_size, "bad chunk size line at body byte %zu", line_start);
            return -1;
        }
        in = (size_t)(eol + 1 - body);
        if (size == 0) {
            skip_trailer(body, n, &in);
            *len = out;
            return 0;
        }
        if (size > n - in) {
            snprintf(why, why_size, "chunk of %llu bytes at body byte %zu runs past the end of the body",
                     (unsigned long long)size, line_start);
            return -1;
        }
        memmove(body + out, body + in, (size_t)size);
        out += (size_t)size;
        in += (size_t)size;
        chunks++;
        if (in + 1 < n && body[in] == '\r' && body[in + 1] == '\n')
            in += 2;
        else if (in < n && body[in] == '\n')
            in++;
        else if (in < n) {
            snprintf(why, why_size, "no CRLF after the chunk that ends at body byte %zu", in);
            return -1;
        }
        if (in == n) {
            snprintf(why, why_size, "the body ends after chunk %lu, before the last chunk", chunks);
            return -1;
        }
    }
}

/* -------------------------------------------------------- content codings */

/* Inflates DATA[0..LEN) (zlib's WBITS: gzip, zlib or raw deflate) into OUT,
 * at most LIMIT bytes.  Returns 0, or -1 with the reason in WHY; *AT_START
 * is set when the data failed before any output (deflate is retried raw). */
static int inflate_into(int wbits, const char *name, const char *data, size_t len, size_t limit,
                        buf_t *out, int *at_start, char *why, size_t why_size)
{
    z_stream z;
    int ret = Z_OK;

    memset(&z, 0, sizeof z);
    buf_free(out);
    *at_start = 0;
    if (inflateInit2(&z, wbits) != Z_OK) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    z.next_in = (const Bytef *)data;
    for (;;) {
        size_t room = out->len > INFLATE_STEP ? out->len : INFLATE_STEP;
        char *space;
        if (z.avail_in == 0 && len > 0) {
            z.avail_in = (uInt)(len < UINT32_MAX ? len : UINT32_MAX);
            len -= z.avail_in;
        }
        if (room > limit + 1 - out->len)
            room = limit + 1 - out->len;
        if (room > UINT32_MAX)
            room = UINT32_MAX;
        space = buf_space(out, room);
        if (space == NULL) {
            snprintf(why, why_size, "out of memory");
            break;
        }
        z.next_out = (Bytef *)space;
        z.avail_out = (uInt)room;
        ret = inflate(&z, Z_NO_FLUSH);
        out->len += room - z.avail_out;
        if (out->len > limit) {
            snprintf(why, why_size, "payload over the limit of %zu bytes when decoded", limit);
            break;
        }
        if (ret == Z_STREAM_END) {
            inflateEnd(&z);
            return 0;        /* bytes after the stream are ignored, as browsers do */
        }
        if (ret == Z_BUF_ERROR && z.avail_in == 0 && len == 0) {
            snprintf(why, why_size, "corrupt %s Content-Encoding: truncated", name);
            break;
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR) {
            *at_start = z.total_out == 0;
            snprintf(why, why_size, "corrupt %s Content-Encoding: %s", name,
                     ret == Z_MEM_ERROR ? "out of memory" : z.msg ? z.msg : "bad data");
            break;
        }
    }
    inflateEnd(&z);
    return -1;
}

int http_decode(const char *codings, size_t codings_len, const char *data, size_t len,
                size_t limit, buf_t *out, buf_t *scratch, const char **result,
                size_t *result_len, char *why, size_t why_size)
{
    const char *names[HTTP_MAX_CODINGS];
    size_t name_lens[HTTP_MAX_CODINGS], count = 0;
    const char *p = codings, *end = codings + codings_len;

    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *name = p;
        size_t name_len = comma ? (size_t)(comma - p) : (size_t)(end - p);
        p = comma ? comma + 1 : end;
        trim(&name, &name_len);
        if (name_len == 0 || equals_word(name, name_len, "identity"))
            continue;
        if (count == HTTP_MAX_CODINGS) {
            snprintf(why, why_size, "more than %d Content-Encodings", HTTP_MAX_CODINGS);
            return -1;
        }
        names[count] = name;
        name_lens[count++] = name_len;
    }
    *result = data;
    *result_len = len;
    while (count > 0) {
        const char *name = names[--count];
        size_t name_len = name_lens[count];
        buf_t *into = *result == out->data ? scratch : out;
        int at_start, rc;
        if (equals_word(name, name_len, "gzip") || equals_word(name, name_len, "x-gzip")) {
            rc = inflate_into(16 + MAX_WBITS, "gzip", *result, *result_len, limit, into, &at_start,
                              why, why_size);
        } else if (equals_word(name, name_len, "deflate")) {
            /* "deflate" is zlib's format, but some servers send raw deflate. */
            rc = inflate_into(MAX_WBITS, "deflate", *result, *result_len, limit, into, &at_start,
                              why, why_size);
            if (rc != 0 && at_start)
                rc = inflate_into(-MAX_WBITS, "deflate", *result, *result_len, limit, into,
                                  &at_start, why, why_size);
        } else {
            snprintf(why, why_size, "unsupported Content-Encoding '%.*s'",
                     (int)(name_len < 40 ? name_len : 40), name);
            return -1;
        }
        if (rc != 0)
            return -1;
        *result = into->data ? into->data : "";
        *result_len = into->len;
    }
    if (*result == scratch->data) {
        /* The result is always in OUT or DATA, so SCRATCH can be freed. */
        buf_t t = *out;
        *out = *scratch;
        *scratch = t;
    }
    return 0;
}
