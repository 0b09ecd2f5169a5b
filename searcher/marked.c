/* marked.c: text with marks (marked.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "marked.h"

void marked_write(buf_t *out, esc_fn esc, const char *text, size_t start, size_t end,
                  const mark_t *marks, size_t count, const char *on, const char *off, int join)
{
    size_t at = start;

    for (size_t m = 0; m < count; m++) {
        size_t from = marks[m].start, to = marks[m].end;
        while (join && m + 1 < count && marks[m + 1].start == to + 1 && text[to] == ' ')
            to = marks[++m].end;
        esc(out, text + at, from - at);
        buf_puts(out, on);
        esc(out, text + from, to - from);
        buf_puts(out, off);
        at = to;
    }
    esc(out, text + at, end - at);
}
