/* escape.c: escapers for terminal text, JSON strings, HTML and URLs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "escape.h"
#include "utf8.h"

static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Both escapers copy runs of characters that need no change with one
 * append: escaping byte by byte was a fifth of a JSON batch's time. */

/* The one rule for a terminal or a log: C0 controls, DEL, C1 controls
 * (U+0080-U+009F: 8-bit CSI is U+009B) and invalid bytes become U+FFFD,
 * so no escape sequence, bell or OSC can start; tab, newline and CR become
 * spaces (SPACES) or stay (not SPACES: the caller quotes them). */
static void terminal(buf_t *out, const char *s, size_t len, int spaces)
{
    size_t i = 0, run = 0;   /* s[run..i) is copied as it is */
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        size_t start = i;
        unsigned ch = utf8_decode(s, len, &i);
        if (ch != UTF8_INVALID && ch >= 0xA0)
            continue;
        if (!spaces && (ch == '\t' || ch == '\n' || ch == '\r'))
            continue;
        buf_append(out, s + run, start - run);
        if (ch == '\t' || ch == '\n' || ch == '\r')
            buf_putc(out, ' ');
        else   /* C0, DEL, C1 controls and invalid bytes */
            buf_puts(out, replacement);
        run = i;
    }
    buf_append(out, s + run, len - run);
}

void esc_terminal(buf_t *out, const char *s, size_t len)
{
    terminal(out, s, len, 1);
}

void esc_controls(buf_t *out, const char *s, size_t len)
{
    terminal(out, s, len, 0);
}

void esc_json(buf_t *out, const char *s, size_t len)
{
    size_t i = 0, run = 0;   /* s[run..i) is copied as it is */
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            i++;
            continue;
        }
        size_t start = i;
        unsigned ch = utf8_decode(s, len, &i);
        /* C1 controls are escaped too: a JSON viewer in a terminal would
         * otherwise pass 8-bit CSI (U+009B) on. */
        if (ch != UTF8_INVALID && ch >= 0xA0)
            continue;
        buf_append(out, s + run, start - run);
        switch (ch) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\r': buf_puts(out, "\\r"); break;
        case '\t': buf_puts(out, "\\t"); break;
        case UTF8_INVALID: buf_puts(out, "\\ufffd"); break;
        default: buf_printf(out, "\\u%04x", ch);   /* other C0 controls, DEL, C1 */
        }
        run = i;
    }
    buf_append(out, s + run, len - run);
}

/* The shared part of esc_html() and esc_attr(): ATTRIBUTE says whether tab,
 * newline and CR are escaped too. */
static void esc_markup(buf_t *out, const char *s, size_t len, int attribute)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        unsigned ch = utf8_decode(s, len, &i);
        switch (ch) {
        case '&': buf_puts(out, "&amp;"); break;
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        case '\'': buf_puts(out, "&#39;"); break;
        case '\t': case '\n': case '\r':
            if (attribute)
                buf_printf(out, "&#%u;", ch);
            else
                buf_putc(out, (char)ch);
            break;
        default:
            /* HTML forbids C0 and C1 controls and DEL in text (NUL even
             * as a reference), so they cannot be passed on in any form. */
            if (ch == UTF8_INVALID || ch < 0x20 || (ch >= 0x7F && ch < 0xA0))
                buf_puts(out, replacement);
            else
                buf_append(out, s + start, i - start);
        }
    }
}

void esc_html(buf_t *out, const char *s, size_t len)
{
    esc_markup(out, s, len, 0);
}

void esc_attr(buf_t *out, const char *s, size_t len)
{
    esc_markup(out, s, len, 1);
}

void esc_url(buf_t *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        unsigned ch = utf8_decode(s, len, &i);
        const char *bytes = s + start;
        size_t count = i - start;
        if (ch == UTF8_INVALID) {
            bytes = replacement;
            count = sizeof replacement - 1;
        }
        if (ch == ' ') {
            buf_putc(out, '+');
            continue;
        }
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
            || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
            buf_putc(out, (char)ch);
            continue;
        }
        for (size_t k = 0; k < count; k++) {
            unsigned char byte = (unsigned char)bytes[k];
            char enc[3] = { '%', hex[byte >> 4], hex[byte & 15] };
            buf_append(out, enc, 3);
        }
    }
}

void esc_json_value(buf_t *out, const char *s)
{
    if (s == NULL) {
        buf_puts(out, "null");
        return;
    }
    buf_putc(out, '"');
    esc_json(out, s, strlen(s));
    buf_putc(out, '"');
}
