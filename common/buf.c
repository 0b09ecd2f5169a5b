/* buf.c: a growable byte buffer.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Makes room for NEED more bytes plus the NUL; sets failed on overflow or
 * when memory runs out. */
static int buf_reserve(buf_t *b, size_t need)
{
    if (b->failed)
        return 0;
    if (need > (size_t)-1 - b->len - 1) {
        b->failed = 1;
        return 0;
    }
    if (b->len + need + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + need + 1)
        cap = cap > (size_t)-1 / 2 ? b->len + need + 1 : cap * 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void buf_append(buf_t *b, const char *s, size_t len)
{
    if (!buf_reserve(b, len))
        return;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void buf_puts(buf_t *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc(buf_t *b, char c)
{
    buf_append(b, &c, 1);
}

void buf_printf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_put_unsigned(buf_t *b, size_t n)
{
    char digits[24];           /* 20 digits hold 2^64 - 1 */
    size_t at = sizeof digits;

    do {
        digits[--at] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    buf_append(b, digits + at, sizeof digits - at);
}

char *buf_space(buf_t *b, size_t need)
{
    return buf_reserve(b, need) ? b->data + b->len : NULL;
}

void buf_reset(buf_t *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *buf_detach(buf_t *b)
{
    char *p;
    if (b->failed) {
        buf_free(b);
        return NULL;
    }
    p = b->data ? b->data : calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void buf_free(buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

char *xstrndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p == NULL)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
