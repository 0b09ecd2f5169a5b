/* wrap.c: folding text output to the terminal's width (wrap.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _GNU_SOURCE 1        /* fopencookie() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "marked.h"
#include "wrap.h"

unsigned wrap_terminal_width(int fd)
{
    const char *columns = getenv("COLUMNS");
    char *end;
    if (columns && *columns >= '1' && *columns <= '9') {
        unsigned long n = strtoul(columns, &end, 10);
        if (*end == '\0' && n <= 10000)
            return (unsigned)n;
    }
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

/* The columns code point C takes: 0 for combining marks, 2 for the East
 * Asian wide ranges, else 1 (a table as small as the need). */
static unsigned cp_width(unsigned long c)
{
    if ((c >= 0x300 && c <= 0x36F) || (c >= 0x200B && c <= 0x200F))
        return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

/* The length of the character (or escape sequence) at S[0..LEN), and in
 * *WIDTH its columns.  Invalid UTF-8 is taken a byte at a time. */
static size_t char_at(const char *s, size_t len, unsigned *width)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 1;
    unsigned long c = u[0];

    if (u[0] == 0x1B && len > 1 && u[1] == '[') {
        for (n = 2; n < len && !(u[n] >= 0x40 && u[n] <= 0x7E); n++)
            continue;
        *width = 0;
        return n < len ? n + 1 : len;
    }
    if (u[0] >= 0xC0 && u[0] < 0xF8) {
        size_t need = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
        c = u[0] & (0x3F >> (need - 1));
        for (n = 1; n < need && n < len && (u[n] & 0xC0) == 0x80; n++)
            c = c << 6 | (u[n] & 0x3F);
        if (n < need) {
            *width = 1;
            return 1;
        }
    }
    *width = c < 0x20 ? 0 : cp_width(c);
    return n;
}

static int starts(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* The hanging indent of LINE (see wrap.h). */
static unsigned hanging_indent(const char *line, size_t len)
{
    size_t spaces = strspn(line, " ");
    if (spaces > len)
        spaces = len;
    if (spaces > 0)
        return (unsigned)spaces;
    size_t digits = 0;
    if (starts(line, len, "["))
        for (digits = 1; digits < len && line[digits] >= '0' && line[digits] <= '9'; digits++)
            continue;
    if (digits > 1 && starts(line + digits, len - digits, "] "))
        return 4;
    if (starts(line, len, PILCROW) && len > 2 && line[2] >= '0' && line[2] <= '9')
        return 4;
    return 0;
}

unsigned wrap_columns(const char *s, size_t len)
{
    unsigned columns = 0, w;

    for (size_t i = 0; i < len; columns += w)
        i += char_at(s + i, len - i, &w);
    return columns;
}

void wrap_line(buf_t *out, const char *line, size_t len, unsigned width)
{
    unsigned indent = hanging_indent(line, len), col = 0;
    size_t i = strspn(line, " ");
    int in_mark = 0;

    if (i > len)
        i = len;
    if (indent >= width / 2)
        indent = width / 2;
    buf_append(out, line, i);
    col = (unsigned)i;
    int first_word = 1;
    while (i < len) {
        /* The spaces before the next word, then the word: up to a space
         * outside a highlight. */
        size_t gap = 0;
        while (i + gap < len && line[i + gap] == ' ')
            gap++;
        size_t start = i + gap, end = start;
        unsigned word_cols = 0, w;
        while (end < len && (line[end] != ' ' || in_mark)) {
            if (starts(line + end, len - end, MARK_ON_COLOR))
                in_mark = 1;
            else if (starts(line + end, len - end, ANSI_RESET))
                in_mark = 0;
            else if (starts(line + end, len - end, "**")) {
                in_mark = !in_mark;
                end += 2;
                word_cols += 2;
                continue;
            }
            end += char_at(line + end, len - end, &w);
            word_cols += w;
        }
        if (!first_word && end > start && col + gap + word_cols > width) {
            buf_putc(out, '\n');
            for (unsigned k = 0; k < indent; k++)
                buf_putc(out, ' ');
            col = indent;
        } else {
            buf_append(out, line + i, gap);
            col += (unsigned)gap;
        }
        buf_append(out, line + start, end - start);
        col += word_cols;
        first_word = 0;
        i = end;
    }
}

typedef struct {
    FILE *dest;
    unsigned width;
    buf_t pending;            /* bytes written since the last newline */
    buf_t folded;
} wrap_cookie_t;

/* Writes the complete lines of C->pending to C->dest.  Returns 0 or -1. */
static int flush_lines(wrap_cookie_t *c, int all)
{
    size_t done = 0;
    buf_reset(&c->folded);
    for (;;) {
        const char *nl = memchr(c->pending.data + done, '\n', c->pending.len - done);
        size_t n = nl ? (size_t)(nl - (c->pending.data + done)) : c->pending.len - done;
        if (nl == NULL && (!all || n == 0))
            break;
        wrap_line(&c->folded, c->pending.data + done, n, c->width);
        if (nl)
            buf_putc(&c->folded, '\n');
        done += n + (nl != NULL);
    }
    if (c->folded.failed || fwrite(c->folded.data, 1, c->folded.len, c->dest) != c->folded.len)
        return -1;
    memmove(c->pending.data, c->pending.data + done, c->pending.len - done);
    c->pending.len -= done;
    return 0;
}

static ssize_t wrap_write(void *cookie, const char *data, size_t size)
{
    wrap_cookie_t *c = cookie;
    buf_append(&c->pending, data, size);
    if (c->pending.failed)
        return -1;
    if (memchr(data, '\n', size) && flush_lines(c, 0) != 0)
        return -1;
    return (ssize_t)size;
}

static int wrap_close(void *cookie)
{
    wrap_cookie_t *c = cookie;
    int rc = c->pending.len ? flush_lines(c, 1) : 0;
    if (fflush(c->dest) != 0)
        rc = -1;
    buf_free(&c->pending);
    buf_free(&c->folded);
    free(c);
    return rc;
}

FILE *wrap_open(FILE *dest, unsigned width)
{
    wrap_cookie_t *c = calloc(1, sizeof *c);
    cookie_io_functions_t io = { .write = wrap_write, .close = wrap_close };
    if (c == NULL)
        return NULL;
    *c = (wrap_cookie_t){ dest, width, BUF_INIT, BUF_INIT };
    FILE *fp = fopencookie(c, "w", io);
    if (fp == NULL)
        free(c);
    return fp;
}
