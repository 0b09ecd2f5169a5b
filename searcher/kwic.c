/* kwic.c: concordance lines (kwic.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "escape.h"
#include "kwic.h"
#include "wrap.h"

#define ELLIPSIS "\xE2\x80\xA6"      /* U+2026 */
#define PILCROW "\xC2\xB6"           /* U+00B6 */

/* Room a line gives besides the two contexts: a short match, the spaces
 * and a citation ("politics/406.txt ¶10"), so that it fits the terminal. */
#define KWIC_OTHER_COLUMNS 40
#define KWIC_MIN_WIDTH 10

unsigned kwic_default_width(unsigned columns)
{
    unsigned w = columns > KWIC_OTHER_COLUMNS ? (columns - KWIC_OTHER_COLUMNS) / 2 : 0;
    return w < KWIC_MIN_WIDTH ? KWIC_MIN_WIDTH : w;
}

/* Where the character before byte AT of S starts. */
static size_t char_before(const char *s, size_t at)
{
    size_t i = at - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Where the character after the one at byte AT of S[0..END) starts. */
static size_t char_after(const char *s, size_t at, size_t end)
{
    size_t i = at + 1;
    while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

void kwic_hit(buf_t *out, const hit_t *hit, unsigned width, int color)
{
    const char *text = hit->doc.text;
    size_t para_start = 0, scanned = 0;
    unsigned paragraph = 1;

    for (size_t m = 0; m < hit->mark_count; m++) {
        const mark_t *mk = &hit->marks[m];
        /* The paragraph of the mark, counted on from the last one's. */
        for (; scanned < mk->start; scanned++)
            if (text[scanned] == '\n') {
                paragraph++;
                para_start = scanned + 1;
            }
        size_t para_end = mk->end;
        while (para_end < hit->doc.text_len && text[para_end] != '\n')
            para_end++;

        /* Left: the last WIDTH columns before the match, one of them the
         * ellipsis when the paragraph goes on further back. */
        size_t left_end = mk->start, from;
        while (left_end > para_start && text[left_end - 1] == ' ')
            left_end--;
        for (from = left_end; from > para_start;) {
            size_t prev = char_before(text, from);
            if (wrap_columns(text + prev, left_end - prev) > width)
                break;
            from = prev;
        }
        int cut_left = from > para_start;
        while (cut_left && from < left_end && wrap_columns(text + from, left_end - from) >= width)
            from = char_after(text, from, left_end);
        unsigned left = wrap_columns(text + from, left_end - from) + (unsigned)cut_left;
        for (unsigned pad = left; pad < width; pad++)
            buf_putc(out, ' ');
        if (cut_left)
            buf_puts(out, ELLIPSIS);
        esc_terminal(out, text + from, left_end - from);

        buf_puts(out, color ? "  \033[1;31m" : "  **");
        esc_terminal(out, text + mk->start, mk->end - mk->start);
        buf_puts(out, color ? "\033[0m  " : "**  ");

        /* Right: the first WIDTH columns after it, the same way. */
        size_t right = mk->end, to;
        while (right < para_end && text[right] == ' ')
            right++;
        for (to = right; to < para_end;) {
            size_t next = char_after(text, to, para_end);
            if (wrap_columns(text + right, next - right) > width)
                break;
            to = next;
        }
        int cut_right = to < para_end;
        while (cut_right && to > right && wrap_columns(text + right, to - right) >= width)
            to = char_before(text, to);
        esc_terminal(out, text + right, to - right);
        if (cut_right)
            buf_puts(out, ELLIPSIS);
        buf_puts(out, "  ");
        esc_terminal(out, hit->doc.id, strlen(hit->doc.id));
        buf_printf(out, " " PILCROW "%u\n", paragraph);
    }
}

