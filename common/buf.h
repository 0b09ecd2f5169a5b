/* buf.h: a growable byte buffer, always NUL-terminated.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Errors are sticky (as FTS5's running rc): once an allocation fails,
 * buf->failed is set and every later append does nothing, so a caller can
 * append freely and check once at the end.
 */
#ifndef TRAWL_BUF_H
#define TRAWL_BUF_H

#include <stddef.h>

typedef struct {
    char *data;       /* NUL-terminated when len > 0 or after any append */
    size_t len;       /* bytes used, not counting the NUL */
    size_t cap;       /* bytes allocated */
    int failed;       /* 1 after an allocation failed */
} buf_t;

#define BUF_INIT { NULL, 0, 0, 0 }

void buf_append(buf_t *b, const char *s, size_t len);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends N in decimal, without printf: output writes numbers by the
 * thousand (offsets, ranks), and vsnprintf shows in a batch's profile. */
void buf_put_unsigned(buf_t *b, size_t n);
/* Room for NEED more bytes at the end of B, not yet counted in len: write
 * there, then add what was written to b->len.  NULL when memory runs out. */
char *buf_space(buf_t *b, size_t need);
/* Empties B, keeping its memory. */
void buf_reset(buf_t *b);
/* Hands the contents to the caller (free() them; never NULL unless failed)
 * and empties B. */
char *buf_detach(buf_t *b);
void buf_free(buf_t *b);

/* malloc'ed copy of S[0..LEN) with a NUL; NULL when out of memory. */
char *xstrndup(const char *s, size_t len);

#endif /* TRAWL_BUF_H */
