/* json.c: a strict, allocation-light reader of one JSON object (RFC 8259).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "hex.h"
#include "json.h"

typedef struct {
    json_reader_t *reader;
    const char *text;
    size_t len, pos;
} parser_t;

/* Records the first syntax error (later ones are consequences) and
 * returns -1. */
static int syntax_error(parser_t *p, const char *what)
{
    snprintf(p->reader->error, sizeof p->reader->error, "%s", what);
    p->reader->error_offset = p->pos;
    return -1;
}

static void skip_space(parser_t *p)
{
    while (p->pos < p->len && (p->text[p->pos] == ' ' || p->text[p->pos] == '\t'
                               || p->text[p->pos] == '\n' || p->text[p->pos] == '\r'))
        p->pos++;
}

/* Reads the four hex digits of a \u escape at p->pos. */
static long read_hex4(parser_t *p)
{
    long v = 0;
    if (p->len - p->pos < 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        int d = hex_value(p->text[p->pos + (size_t)i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    p->pos += 4;
    return v;
}

static void put_utf8(buf_t *out, unsigned long cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_append(out, b, n);
}

/* The length of the valid UTF-8 sequence at S[0..LEN) (shortest form, no
 * surrogates, at most U+10FFFF), or 0 if it is not one. */
static size_t utf8_sequence(const unsigned char *s, size_t len)
{
    size_t n;
    unsigned long cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2, cp = s[0] & 0x1F;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3, cp = s[0] & 0x0F;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
        || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return n;
}

/* Reads the string at p->pos (which is '"') and, if OUT is not NULL,
 * appends its decoded text to OUT.  Returns 0 or -1 (syntax error). */
static int read_string(parser_t *p, buf_t *out)
{
    p->pos++;
    for (;;) {
        size_t start = p->pos;
        /* Copy runs of plain characters at once. */
        while (p->pos < p->len) {
            unsigned char c = (unsigned char)p->text[p->pos];
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            p->pos++;
        }
        if (out && p->pos > start)
            buf_append(out, p->text + start, p->pos - start);
        if (p->pos >= p->len)
            return syntax_error(p, "unterminated string");
        unsigned char c = (unsigned char)p->text[p->pos];
        if (c == '"') {
            p->pos++;
            return 0;
        }
        if (c < 0x20)
            return syntax_error(p, "control character in a string");
        if (c >= 0x80) {
            size_t n = utf8_sequence((const unsigned char *)p->text + p->pos,
                                     p->len - p->pos);
            if (n == 0)
                return syntax_error(p, "invalid UTF-8 in a string");
            if (out)
                buf_append(out, p->text + p->pos, n);
            p->pos += n;
            continue;
        }
        /* A backslash escape. */
        if (++p->pos >= p->len)
            return syntax_error(p, "unterminated string");
        const char *simple = strchr("\"\\/bfnrt", p->text[p->pos]);
        if (simple && p->text[p->pos] != '\0') {
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            if (out)
                buf_putc(out, decoded[simple - "\"\\/bfnrt"]);
            p->pos++;
            continue;
        }
        if (p->text[p->pos] != 'u')
            return syntax_error(p, "invalid escape in a string");
        p->pos++;
        long cp = read_hex4(p);
        if (cp < 0)
            return syntax_error(p, "invalid \\u escape");
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return syntax_error(p, "unpaired surrogate in \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (p->len - p->pos < 2 || p->text[p->pos] != '\\' || p->text[p->pos + 1] != 'u')
                return syntax_error(p, "unpaired surrogate in \\u escape");
            p->pos += 2;
            long low = read_hex4(p);
            if (low < 0xDC00 || low > 0xDFFF)
                return syntax_error(p, "unpaired surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (out)
            put_utf8(out, (unsigned long)cp);
    }
}

static int is_digit(parser_t *p)
{
    return p->pos < p->len && p->text[p->pos] >= '0' && p->text[p->pos] <= '9';
}

/* Reads a number as the grammar writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int read_number(parser_t *p)
{
    if (p->text[p->pos] == '-')
        p->pos++;
    if (!is_digit(p))
        return syntax_error(p, "invalid number");
    if (p->text[p->pos] == '0')
        p->pos++;
    else
        while (is_digit(p))
            p->pos++;
    if (p->pos < p->len && p->text[p->pos] == '.') {
        p->pos++;
        if (!is_digit(p))
            return syntax_error(p, "invalid number");
        while (is_digit(p))
            p->pos++;
    }
    if (p->pos < p->len && (p->text[p->pos] == 'e' || p->text[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->len && (p->text[p->pos] == '+' || p->text[p->pos] == '-'))
            p->pos++;
        if (!is_digit(p))
            return syntax_error(p, "invalid number");
        while (is_digit(p))
            p->pos++;
    }
    return 0;
}

static int read_literal(parser_t *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->text + p->pos, word, n) != 0)
        return syntax_error(p, "invalid value");
    p->pos += n;
    return 0;
}

/* Reads any value at p->pos, after white space, setting *KIND.  A string
 * is decoded into OUT when OUT is not NULL; arrays and objects are checked
 * but not kept.  Returns 0 or -1. */
/* Passes the character C at P, after white space: 1 if it is there, else 0
 * (P is then at what stands there instead). */
static int take(parser_t *p, char c)
{
    skip_space(p);
    if (p->pos < p->len && p->text[p->pos] == c) {
        p->pos++;
        return 1;
    }
    return 0;
}

/* What follows an item of a container that CLOSE ends: 0 after a ','
 * (another item), 1 after CLOSE, -1 (a syntax error) otherwise. */
static int next_item(parser_t *p, char close)
{
    if (take(p, ','))
        return 0;
    if (take(p, close))
        return 1;
    return syntax_error(p, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
}

/* A member's key and its ':' at P, the key into KEY (NULL: not kept).
 * Returns 0 or -1 (a syntax error, or out of memory). */
static int read_key(parser_t *p, buf_t *key)
{
    skip_space(p);
    if (p->pos >= p->len || p->text[p->pos] != '"')
        return syntax_error(p, "expected a string key");
    if (read_string(p, key) != 0)
        return -1;
    return take(p, ':') ? 0 : syntax_error(p, "expected ':'");
}

static int read_value(parser_t *p, int depth, buf_t *out, json_kind_t *kind)
{
    skip_space(p);
    if (p->pos >= p->len)
        return syntax_error(p, "expected a value");
    char c = p->text[p->pos];
    if (c == '"') {
        *kind = JSON_STRING;
        return read_string(p, out);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        *kind = JSON_NUMBER;
        return read_number(p);
    }
    if (c == 't')
        return *kind = JSON_TRUE, read_literal(p, "true");
    if (c == 'f')
        return *kind = JSON_FALSE, read_literal(p, "false");
    if (c == 'n')
        return *kind = JSON_NULL, read_literal(p, "null");
    if (c != '[' && c != '{')
        return syntax_error(p, "invalid value");
    if (depth >= JSON_MAX_DEPTH)
        return syntax_error(p, "nested too deeply");
    int is_object = c == '{';
    char close = is_object ? '}' : ']';
    json_kind_t inner;
    *kind = is_object ? JSON_OBJECT : JSON_ARRAY;
    p->pos++;
    if (take(p, close))
        return 0;
    int end = 0;
    while (end == 0) {
        if ((is_object && read_key(p, NULL) != 0) || read_value(p, depth + 1, NULL, &inner) != 0)
            return -1;
        end = next_item(p, close);
    }
    return end < 0 ? -1 : 0;
}

int json_read_object(json_reader_t *reader, const char *text, size_t len,
                     json_member_fn fn, void *ctx)
{
    parser_t p = { reader, text, len, 0 };
    reader->error[0] = '\0';
    reader->error_offset = 0;
    if (!take(&p, '{'))
        return syntax_error(&p, "expected '{' (a JSON object)");
    if (!take(&p, '}'))
        for (int end = 0; end == 0;) {
            json_value_t value;
            buf_reset(&reader->key);
            buf_reset(&reader->value);
            if (read_key(&p, &reader->key) != 0)
                return -1;
            skip_space(&p);
            size_t start = p.pos;
            if (read_value(&p, 1, &reader->value, &value.kind) != 0)
                return -1;
            if (reader->key.failed || reader->value.failed)
                return -2;
            /* buf_t data is NULL until something is appended: "" then. */
            if (value.kind == JSON_STRING) {
                value.text = reader->value.data ? reader->value.data : "";
                value.len = reader->value.len;
            } else {
                value.text = text + start;
                value.len = p.pos - start;
            }
            int rc = fn(ctx, reader->key.data ? reader->key.data : "", reader->key.len,
                        &value);
            if (rc != 0)
                return rc;
            if ((end = next_item(&p, '}')) < 0)
                return -1;
        }
    skip_space(&p);
    if (p.pos < len)
        return syntax_error(&p, "text after the object");
    return 0;
}

int json_read_strings(json_reader_t *reader, const char *text, size_t len, json_item_fn fn,
                      void *ctx)
{
    parser_t p = { reader, text, len, 0 };
    reader->error[0] = '\0';
    if (!take(&p, '['))
        return syntax_error(&p, "expected '[' (a JSON array)");
    if (take(&p, ']'))
        return 0;
    for (int end = 0; end == 0;) {
        json_kind_t kind;
        skip_space(&p);
        size_t start = p.pos;
        buf_reset(&reader->value);
        if (read_value(&p, 1, &reader->value, &kind) != 0)
            return -1;
        if (reader->value.failed)
            return -2;
        if (kind != JSON_STRING && kind != JSON_NUMBER)
            return 1;
        int rc = kind == JSON_STRING
                 ? fn(ctx, reader->value.data ? reader->value.data : "", reader->value.len)
                 : fn(ctx, text + start, p.pos - start);
        if (rc != 0)
            return rc;
        if ((end = next_item(&p, ']')) < 0)
            return -1;
    }
    return 0;
}

void json_reader_free(json_reader_t *reader)
{
    buf_free(&reader->key);
    buf_free(&reader->value);
}
