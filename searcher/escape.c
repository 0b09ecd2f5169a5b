/* escape.c: escapers for terminal text and JSON strings.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "escape.h"
#include "utf8.h"

static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */

void esc_terminal(buf_t *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        unsigned ch = utf8_decode(s, len, &i);
        if (ch == '\t' || ch == '\n' || ch == '\r')
            buf_putc(out, ' ');
        else if (ch == UTF8_INVALID || ch < 0x20 || (ch >= 0x7F && ch < 0xA0))
            buf_puts(out, replacement);
        else
            buf_append(out, s + start, i - start);
    }
}

void esc_json(buf_t *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        unsigned ch = utf8_decode(s, len, &i);
        switch (ch) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\r': buf_puts(out, "\\r"); break;
        case '\t': buf_puts(out, "\\t"); break;
        case UTF8_INVALID: buf_puts(out, "\\ufffd"); break;
        default:
            if (ch < 0x20 || ch == 0x7F)
                buf_printf(out, "\\u%04x", ch);
            else
                buf_append(out, s + start, i - start);
        }
    }
}
