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

/* For a terminal or a log, the one rule every byte from a corpus or a user
 * passes on its way there (text, TSV, CSV, TREC, --count-by, the
 * programs' messages: common/msg.c): control characters (C0, DEL, C1),
 * which could move the cursor, ring the bell, change colours or set a
 * window title (ESC, BEL, 7- and 8-bit CSI, OSC), become U+FFFD; tab,
 * newline and CR become spaces. */
void esc_terminal(buf_t *out, const char *s, size_t len);

/* The same rule, but tab, newline and CR kept (for a format that quotes
 * them: CSV cells, TSV after its own escapes). */
void esc_controls(buf_t *out, const char *s, size_t len);

/* The inside of a JSON string (RFC 8259): quote, backslash and control
 * characters escaped, C1 controls (U+0080-U+009F) too, as \u00XX. */
void esc_json(buf_t *out, const char *s, size_t len);

/* HTML element content: & < > " ' become character references (quotes
 * too, so a slip into an attribute still cannot break out); NUL and other
 * control characters but tab, newline and CR, which HTML forbids, become
 * U+FFFD. */
void esc_html(buf_t *out, const char *s, size_t len);

/* A double- or single-quoted HTML attribute value: as esc_html(), and tab,
 * newline and CR become character references, so the value survives the
 * attribute's white space normalisation unchanged. */
void esc_attr(buf_t *out, const char *s, size_t len);

/* One key or value of a URL query string (application/x-www-form-urlencoded,
 * as browsers send forms): ASCII letters, digits and - . _ ~ stay, space
 * becomes '+', every other byte of the UTF-8 text becomes %XX (upper case).
 * A URL built from these is still text: put it in an attribute with
 * esc_attr(), which turns the '&' between pairs into "&amp;". */
void esc_url(buf_t *out, const char *s, size_t len);

/* A JSON value for the string S: "S" escaped, or null when S is NULL. */
void esc_json_value(buf_t *out, const char *s);

/* One of the escapers above. */
typedef void (*esc_fn)(buf_t *out, const char *s, size_t len);

#endif /* TRAWL_ESCAPE_H */
