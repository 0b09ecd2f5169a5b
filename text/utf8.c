/* utf8.c: UTF-8 decoding that survives invalid bytes.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* Non-zero if B is a continuation byte (10xxxxxx). */
static int is_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

unsigned utf8_decode(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t avail;
    unsigned ch, lo = 0x80, hi = 0xBF;
    int need;

    if (*i >= len)
        return UTF8_INVALID;
    avail = len - *i;
    ch = p[0];
    if (ch < 0x80) {
        (*i)++;
        return ch;
    }
    /* The bounds on the second byte are what rule out overlong forms,
     * surrogates and values above U+10FFFF (RFC 3629, section 4). */
    if (ch >= 0xC2 && ch <= 0xDF) {
        need = 1;
        ch &= 0x1F;
    } else if (ch >= 0xE0 && ch <= 0xEF) {
        need = 2;
        if (ch == 0xE0)
            lo = 0xA0;
        else if (ch == 0xED)
            hi = 0x9F;
        ch &= 0x0F;
    } else if (ch >= 0xF0 && ch <= 0xF4) {
        need = 3;
        if (ch == 0xF0)
            lo = 0x90;
        else if (ch == 0xF4)
            hi = 0x8F;
        ch &= 0x07;
    } else {
        (*i)++;
        return UTF8_INVALID;
    }
    if (avail <= (size_t)need || p[1] < lo || p[1] > hi) {
        (*i)++;
        return UTF8_INVALID;
    }
    for (int k = 1; k <= need; k++) {
        if (!is_cont(p[k])) {
            (*i)++;
            return UTF8_INVALID;
        }
        ch = (ch << 6) | (p[k] & 0x3F);
    }
    *i += (size_t)need + 1;
    return ch;
}

size_t utf8_encode(unsigned ch, char *out)
{
    unsigned char *o = (unsigned char *)out;

    if (ch < 0x80) {
        o[0] = (unsigned char)ch;
        return 1;
    }
    if (ch < 0x800) {
        o[0] = (unsigned char)(0xC0 | (ch >> 6));
        o[1] = (unsigned char)(0x80 | (ch & 0x3F));
        return 2;
    }
    if (ch >= 0xD800 && ch <= 0xDFFF)
        return 0;
    if (ch < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (ch >> 12));
        o[1] = (unsigned char)(0x80 | ((ch >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (ch & 0x3F));
        return 3;
    }
    if (ch <= 0x10FFFF) {
        o[0] = (unsigned char)(0xF0 | (ch >> 18));
        o[1] = (unsigned char)(0x80 | ((ch >> 12) & 0x3F));
        o[2] = (unsigned char)(0x80 | ((ch >> 6) & 0x3F));
        o[3] = (unsigned char)(0x80 | (ch & 0x3F));
        return 4;
    }
    return 0;
}

size_t utf8_ascii_span(const char *s, size_t len)
{
    /* Eight bytes at a time: most of a web page is ASCII markup. */
    size_t i = 0;
    for (uint64_t w; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080u)
            break;
    }
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

int utf8_valid(const char *s, size_t len)
{
    for (size_t i = utf8_ascii_span(s, len); i < len; i += utf8_ascii_span(s + i, len - i))
        if (utf8_decode(s, len, &i) == UTF8_INVALID)
            return 0;
    return 1;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
    if (max >= len)
        return len;
    /* A valid sequence is at most 4 bytes, so only a lead byte among the
     * 3 bytes before MAX can start one that MAX would split. */
    for (size_t back = 1; back <= 3 && back <= max; back++) {
        size_t k = max - back, j = k;

        if (is_cont((unsigned char)s[k]))
            continue;
        if (utf8_decode(s, len, &j) != UTF8_INVALID && j > max)
            return k;
        break;
    }
    return max;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;

    while (i < len) {
        utf8_decode(s, len, &i);
        n++;
    }
    return n;
}
