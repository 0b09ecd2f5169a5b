/* escape.h: one escaper per output context, applied at the point of output.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each appends the escaped form of S[0..LEN) to OUT.  Input may be any
 * bytes: invalid UTF-8 becomes U+FFFD, so output is always valid UTF-8.
 */
#ifndef TRAWL_ESCAPE_H
#define TRAWL_ESCAPE_H

#include <stddef.h>
#include "buf.h"

/* For a terminal: control characters (C0, DEL, C1), which could move the
 * cursor or change colours, become U+FFFD; tab and newline become spaces. */
void esc_terminal(buf_t *out, const char *s, size_t len);

/* The inside of a JSON string (RFC 8259): quote, backslash and control
 * characters escaped. */
void esc_json(buf_t *out, const char *s, size_t len);

#endif /* TRAWL_ESCAPE_H */
