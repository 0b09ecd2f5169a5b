/* marked.h: text with marks, and the two characters every view of a hit
 * writes alike, whatever its escaper.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_MARKED_H
#define TRAWL_MARKED_H

#include <stddef.h>
#include "buf.h"
#include "escape.h"
#include "match.h"

#define ELLIPSIS "\xE2\x80\xA6"      /* U+2026: text left out */
#define PILCROW "\xC2\xB6"           /* U+00B6: a paragraph number, ¶5 */

/* Marks are ANSI bold red on a terminal, "**word**" otherwise, so a piped
 * result still shows what matched. */
#define ANSI_RESET "\033[0m"
#define MARK_ON_COLOR "\033[1;31m"
#define MARK_OFF_COLOR ANSI_RESET
#define MARK_PLAIN "**"

/* Text with marks, for every view: TEXT[START..END) through ESC, each of
 * the COUNT spans MARKS (byte offsets into TEXT within [START, END), in
 * order, not overlapping) between ON and OFF, which are written as they
 * are.  With JOIN, marks one space apart are written as one ("Area Teams"
 * reads better as one mark than as two), as snippets show them. */
void marked_write(buf_t *out, esc_fn esc, const char *text, size_t start, size_t end,
                  const mark_t *marks, size_t count, const char *on, const char *off, int join);

#endif /* TRAWL_MARKED_H */
