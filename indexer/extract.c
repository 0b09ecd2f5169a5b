/* extract.c: an article as one JSON object (trawl-index --extract).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "escape.h"
#include "extract.h"
#include "utf8.h"

/* A JSON string: esc_json() (common/escape.c) for RFC 8259, with the two
 * characters it passes through that JavaScript readers choke on written
 * as \u and four hex digits: U+2028 and U+2029. */
static void json_string(buf_t *out, const char *s, size_t len)
{
    if (s == NULL) {
        buf_puts(out, "null");
        return;
    }
    size_t i = 0, run = 0;
    buf_putc(out, '"');
    while (i < len) {
        size_t start = i;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        unsigned ch = utf8_decode(s, len, &i);
        if (ch != 0x2028 && ch != 0x2029)
            continue;
        esc_json(out, s + run, start - run);
        buf_printf(out, "\\u%04x", ch);
        run = i;
    }
    esc_json(out, s + run, len - run);
    buf_putc(out, '"');
}

static void member(buf_t *out, const char *key, const char *value)
{
    buf_printf(out, ",\"%s\":", key);
    json_string(out, value, value ? strlen(value) : 0);
}

static void paragraphs(buf_t *out, const char *key, const article_t *a, para_kind_t kind)
{
    int first = 1;
    buf_printf(out, ",\"%s\":[", key);
    for (size_t i = 0; i < a->paragraph_count; i++) {
        if (a->paragraphs[i].kind != kind)
            continue;
        if (!first)
            buf_putc(out, ',');
        first = 0;
        json_string(out, a->paragraphs[i].text, a->paragraphs[i].len);
    }
    buf_putc(out, ']');
}

void extract_json(buf_t *out, const extract_origin_t *origin, const article_t *a)
{
    const char *path = origin ? origin->path : NULL;
    buf_puts(out, "{\"path\":");
    json_string(out, path, path ? strlen(path) : 0);
    member(out, "record", origin ? origin->record : NULL);
    member(out, "id", origin && origin->id ? origin->id : a->id);
    member(out, "url", a->url);
    member(out, "title", a->title);
    member(out, "date", a->date);
    member(out, "byline", a->byline);
    member(out, "source", a->source);
    paragraphs(out, "body", a, PARA_BODY);
    paragraphs(out, "comments", a, PARA_COMMENT);
    buf_putc(out, '}');
}
