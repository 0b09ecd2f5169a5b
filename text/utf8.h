/* utf8.h: UTF-8 decoding that survives invalid bytes.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_UTF8_H
#define TRAWL_UTF8_H

#include <stddef.h>

/* Returned for a byte that does not start a valid, shortest-form sequence. */
#define UTF8_INVALID 0xFFFFFFFFu

/* Decodes the character at S[*I] (S has LEN bytes) and advances *I past it.
 * An invalid, overlong, surrogate or truncated sequence yields UTF8_INVALID
 * and advances by one byte, so decoding always makes progress.  Never reads
 * S[LEN] or beyond; with *I >= LEN it returns UTF8_INVALID and does not
 * advance. */
unsigned utf8_decode(const char *s, size_t len, size_t *i);

/* Writes CH as UTF-8 into OUT (at least 4 bytes); returns the byte count
 * (0 for a value that is not a Unicode scalar value). */
size_t utf8_encode(unsigned ch, char *out);

/* The number of ASCII bytes (below 0x80) S[0..LEN) starts with. */
size_t utf8_ascii_span(const char *s, size_t len);

/* Non-zero if S[0..LEN) is valid UTF-8. */
int utf8_valid(const char *s, size_t len);

/* The largest N <= MAX such that S[0..N) does not end inside a valid
 * sequence: where to cut S to at most MAX bytes. */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* Number of characters in S[0..LEN) (an invalid byte counts as one). */
size_t utf8_count(const char *s, size_t len);

#endif /* TRAWL_UTF8_H */
