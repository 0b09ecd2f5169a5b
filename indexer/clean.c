/* clean.c: the cleaning every text gets before it is parsed.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "buf.h"
#include "clean.h"
#include "utf8.h"

/* Characters that separate words: tab and the Unicode spaces. */
static int is_space_char(unsigned ch)
{
    return ch == ' ' || ch == '\t' || ch == 0xA0 || ch == 0x1680 ||
           (ch >= 0x2000 && ch <= 0x200A) || ch == 0x202F || ch == 0x205F ||
           ch == 0x3000;
}

/* Characters that carry no text: C0 and C1 controls, DEL, and the invisible
 * format characters that would split words (soft hyphen, zero-width space,
 * byte order mark). */
static int is_dropped_char(unsigned ch)
{
    return ch < 0x20 || (ch >= 0x7F && ch <= 0x9F) || ch == 0xAD ||
           ch == 0x200B || ch == 0xFEFF;
}

char *clean_text(const char *text, size_t len, size_t *out_len)
{
    buf_t b = BUF_INIT;
    int space = 0;      /* a space is due before the next character */
    size_t i = 0;

    buf_append(&b, "", 0);
    while (i < len) {
        unsigned ch;
        if (text[i] == '\r') {      /* CRLF and lone CR both end a line */
            i += (i + 1 < len && text[i + 1] == '\n') ? 2 : 1;
            ch = '\n';
        } else {
            ch = utf8_decode(text, len, &i);
        }
        if (ch == '\n' || ch == 0x2028 || ch == 0x2029) {
            buf_putc(&b, '\n');     /* a pending space would trail: drop it */
            space = 0;
        } else if (is_space_char(ch)) {
            space = 1;
        } else if (ch == UTF8_INVALID || !is_dropped_char(ch)) {
            char enc[4];
            if (ch == UTF8_INVALID)
                ch = 0xFFFD;
            if (space && b.len > 0 && b.data[b.len - 1] != '\n')
                buf_putc(&b, ' ');
            space = 0;
            buf_append(&b, enc, utf8_encode(ch, enc));
        }
    }
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    *out_len = b.len;
    return buf_detach(&b);
}

