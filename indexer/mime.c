/* mime.c: the structure of a message (RFC 5322, MIME): header fields,
 * multipart bodies, transfer encodings, encoded words and charsets, down
 * to the text a reader sees (mime.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "hex.h"
#include "charset.h"
#include "mime.h"
#include "utf8.h"

/* Multipart messages nest rarely more than three deep; deeper nesting is
 * treated as an attachment and skipped (a defence against crafted mail). */
#define MAX_MIME_DEPTH 8
/* Parts of one multipart entity looked at; later ones (in practice only
 * in crafted mail) are skipped. */
#define MAX_PARTS 32

/* Appends the character CP to OUT as UTF-8. */
static void put_char(buf_t *out, unsigned cp)
{
    char enc[4];
    buf_append(out, enc, utf8_encode(cp, enc));
}

/* Notes, once, that parts nested past MAX_MIME_DEPTH were skipped. */
static void skip_deep_part(mime_text_t *st)
{
    if (st->too_deep++)
        return;
    buf_printf(&st->warning, "%sparts nested more than %d deep skipped",
               st->warning.len ? "; " : "", MAX_MIME_DEPTH);
}

/* ------------------------------------------------------------- headers */

static int is_field_name_char(char c)
{
    return c > 32 && c < 127 && c != ':';
}

/* The length of the line at S[0..LEN), without its line end; *NEXT gets the
 * offset after the line end. */
static size_t line_at(const char *s, size_t len, size_t *next)
{
    const char *nl = memchr(s, '\n', len);
    size_t n = nl ? (size_t)(nl - s) : len;
    *next = nl ? n + 1 : len;
    return n > 0 && s[n - 1] == '\r' ? n - 1 : n;
}

/* The length of the field name if LINE is "Name: value", else 0. */
static size_t field_name_length(const char *line, size_t len)
{
    size_t n = 0;
    while (n < len && is_field_name_char(line[n]))
        n++;
    return n > 0 && n < len && line[n] == ':' ? n : 0;
}

/* Splits TEXT into its header block and body.  Returns the number of
 * header fields, or 0 if TEXT does not start with a header block ended by
 * a blank line (or the end of the text). */
size_t mime_split_entity(const char *text, size_t len, mime_entity_t *e)
{
    size_t pos = 0, fields = 0;
    e->block.s = text;
    while (pos < len) {
        size_t next, n = line_at(text + pos, len - pos, &next);
        if (n == 0) {
            e->block.len = pos;
            e->body.s = text + pos + next;
            e->body.len = len - pos - next;
            return fields;
        }
        if (text[pos] == ' ' || text[pos] == '\t') {
            if (fields == 0)
                return 0;           /* a continuation before any field */
        } else if (field_name_length(text + pos, n))
            fields++;
        else if (!(pos == 0 && n >= 5 && memcmp(text, "From ", 5) == 0))
            return 0;
        pos += next;
    }
    e->block.len = len;
    e->body.s = text + len;
    e->body.len = 0;
    return fields;
}

/* Finds field NAME (any case) in E's header block and appends its value,
 * unfolded, to OUT.  Returns 1 if found. */
int mime_header_value(const mime_entity_t *e, const char *name, buf_t *out)
{
    size_t pos = 0, name_len = strlen(name);
    const char *s = e->block.s;
    while (pos < e->block.len) {
        size_t next, n = line_at(s + pos, e->block.len - pos, &next);
        if (field_name_length(s + pos, n) == name_len
            && strncasecmp(s + pos, name, name_len) == 0) {
            size_t v = name_len + 1;
            while (v < n && (s[pos + v] == ' ' || s[pos + v] == '\t'))
                v++;
            buf_append(out, s + pos + v, n - v);
            pos += next;
            while (pos < e->block.len && (s[pos] == ' ' || s[pos] == '\t')) {
                n = line_at(s + pos, e->block.len - pos, &next);
                buf_putc(out, ' ');
                size_t w = 0;
                while (w < n && (s[pos + w] == ' ' || s[pos + w] == '\t'))
                    w++;
                buf_append(out, s + pos + w, n - w);
                pos += next;
            }
            return 1;
        }
        pos += next;
    }
    return 0;
}

/* The value of parameter NAME ("charset", "boundary") in a Content-Type
 * value, unquoted, appended to OUT.  Returns 1 if found. */
static int header_parameter(const char *value, const char *name, buf_t *out)
{
    size_t name_len = strlen(name);
    for (const char *p = strchr(value, ';'); p; p = strchr(p + 1, ';')) {
        const char *q = p + 1;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncasecmp(q, name, name_len) != 0 || q[name_len] != '=')
            continue;
        q += name_len + 1;
        if (*q == '"') {
            const char *end = strchr(++q, '"');
            buf_append(out, q, end ? (size_t)(end - q) : strlen(q));
        } else
            buf_append(out, q, strcspn(q, "; \t"));
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------- charsets */

/* Appends S[0..LEN) in charset NAME to OUT as UTF-8, through charset.c
 * (the HTML path's converter: every charset iconv knows, bad sequences as
 * U+FFFD).  Text that is valid UTF-8 is taken as it is whatever the label
 * says (mislabelled UTF-8 is common; ASCII is both); an unstated charset
 * is Windows-1252, the common 8-bit default.  Returns 0 (OUT->failed when
 * memory ran out), or -1 if the charset is unknown and the text is not
 * UTF-8 (nothing appended). */
int mime_to_utf8(const char *name, const char *s, size_t len, buf_t *out)
{
    if (utf8_valid(s, len)) {
        buf_append(out, s, len);
        return 0;
    }
    return charset_to_utf8(name && *name ? name : "windows-1252", s, len, out) == -1 ? -1 : 0;
}

/* The longest charset name quoted in a warning; IANA's longest is 45. */
#define MAX_QUOTED_CHARSET 48

/* Appends "WHAT in charset 'NAME' not decoded" to WARNING.  NAME comes from
 * the message and the warning is printed as it is, so it is cut to
 * MAX_QUOTED_CHARSET bytes and any byte outside printable ASCII (a
 * terminal escape, a line end, invalid UTF-8) shows as '?'. */
static void warn_charset(buf_t *warning, const char *what, const char *name)
{
    buf_printf(warning, "%s%s in charset '", warning->len ? "; " : "", what);
    for (size_t i = 0; name[i] && i < MAX_QUOTED_CHARSET; i++)
        buf_putc(warning, name[i] >= 0x20 && name[i] < 0x7F ? name[i] : '?');
    buf_puts(warning, "' not decoded");
}

/* ------------------------------------------------- transfer encodings */

/* Quoted-printable (RFC 2045); UNDERSCORE_SPACE for RFC 2047's Q words. */
static void decode_qp(const char *s, size_t len, int underscore_space, buf_t *out)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '=' && i + 2 < len && hex_value(s[i + 1]) >= 0
            && hex_value(s[i + 2]) >= 0) {
            buf_putc(out, (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else if (s[i] == '=' && (i + 1 == len || s[i + 1] == '\n' || s[i + 1] == '\r')) {
            /* A soft line break. */
            if (i + 1 < len && s[i + 1] == '\r')
                i++;
            if (i + 1 < len && s[i + 1] == '\n')
                i++;
        } else
            buf_putc(out, underscore_space && s[i] == '_' ? ' ' : s[i]);
    }
}

static int base64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Base64, skipping line ends and anything outside the alphabet, as RFC
 * 2045 asks of decoders. */
static void decode_base64(const char *s, size_t len, buf_t *out)
{
    unsigned long acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len && s[i] != '='; i++) {
        int v = base64_value(s[i]);
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned long)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf_putc(out, (char)((acc >> bits) & 0xFF));
        }
    }
}

/* ------------------------------------------------ encoded words (2047) */

/* Appends VALUE to OUT with its =?charset?B|Q?text?= words decoded; white
 * space between two encoded words is dropped, as the RFC says. */
void mime_decode_words(const char *value, buf_t *out, buf_t *warning)
{
    const char *p = value;
    int after_word = 0;
    while (*p) {
        const char *start = strstr(p, "=?");
        const char *q1 = start ? strchr(start + 2, '?') : NULL;
        const char *q2 = q1 && q1[1] && q1[2] == '?' ? q1 + 2 : NULL;
        const char *end = q2 ? strstr(q2 + 1, "?=") : NULL;
        if (end == NULL) {
            buf_puts(out, p);
            return;
        }
        size_t gap = (size_t)(start - p);
        if (!(after_word && strspn(p, " \t") == gap))
            buf_append(out, p, gap);
        buf_t charset = BUF_INIT, raw = BUF_INIT;
        buf_append(&charset, start + 2, (size_t)(q1 - start - 2));
        char mode = q1[1];
        if (mode == 'B' || mode == 'b')
            decode_base64(q2 + 1, (size_t)(end - q2 - 1), &raw);
        else
            decode_qp(q2 + 1, (size_t)(end - q2 - 1), 1, &raw);
        /* "charset*language" (RFC 2231) names the charset first. */
        char *star = charset.data ? strchr(charset.data, '*') : NULL;
        if (star)
            *star = '\0';
        if (mime_to_utf8(charset.data ? charset.data : "", raw.data ? raw.data : "",
                            raw.len, out) != 0)
            warn_charset(warning, "header", charset.data ? charset.data : "");
        buf_free(&charset);
        buf_free(&raw);
        p = end + 2;
        after_word = 1;
    }
}

/* ------------------------------------------------------------- HTML */

/* Decodes one character reference at S (after '&'); returns the bytes
 * used (0 if it is not one) and appends the character. */
static size_t html_entity(const char *s, size_t len, buf_t *out)
{
    static const struct { const char *name; unsigned cp; } names[] = {
        { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
        { "nbsp", 0xA0 }, { "copy", 0xA9 }, { "reg", 0xAE }, { "pound", 0xA3 },
        { "euro", 0x20AC }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
        { "hellip", 0x2026 }, { "rsquo", 0x2019 }, { "lsquo", 0x2018 },
        { "rdquo", 0x201D }, { "ldquo", 0x201C }, { "bull", 0x2022 },
    };
    size_t n = 0;
    while (n < len && n < 10 && s[n] != ';')
        n++;
    if (n == len || s[n] != ';' || n == 0)
        return 0;
    if (s[0] == '#') {
        unsigned long cp = 0;
        int hex = n > 1 && (s[1] == 'x' || s[1] == 'X');
        size_t i = hex ? 2 : 1;
        if (i == n)
            return 0;
        for (; i < n; i++) {
            int d = hex ? hex_value(s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
            if (d < 0)
                return 0;
            cp = cp * (hex ? 16 : 10) + (unsigned long)d;
            if (cp > 0xFFFF)
                return 0;
        }
        put_char(out, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : (unsigned)cp);
        return n + 1;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && strncasecmp(s, names[i].name, n) == 0) {
            put_char(out, names[i].cp);
            return n + 1;
        }
    return 0;
}

/* Tags that end a line of text, so paragraphs survive. */
static int is_break_tag(const char *name, size_t len)
{
    static const char *const tags[] = { "br", "p", "div", "tr", "li", "h1", "h2", "h3",
                                        "h4", "table", "blockquote", "hr" };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strlen(tags[i]) == len && strncasecmp(name, tags[i], len) == 0)
            return 1;
    return 0;
}

/* Appends the text of HTML S[0..LEN) (UTF-8 already) to OUT: tags,
 * comments, scripts and styles dropped, character references decoded,
 * block tags turned into blank lines. */
static void html_to_text(const char *s, size_t len, buf_t *out)
{
    size_t i = 0;
    while (i < len) {
        if (s[i] == '&') {
            size_t used = html_entity(s + i + 1, len - i - 1, out);
            if (used) {
                i += used + 1;
                continue;
            }
            buf_putc(out, '&');
            i++;
        } else if (s[i] == '<') {
            if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
                const char *end = NULL;
                for (size_t k = i + 4; k + 2 < len && end == NULL; k++)
                    if (memcmp(s + k, "-->", 3) == 0)
                        end = s + k + 3;
                i = end ? (size_t)(end - s) : len;
                continue;
            }
            size_t name = i + 1 + (i + 1 < len && s[i + 1] == '/');
            size_t name_end = name;
            while (name_end < len && ((s[name_end] >= 'a' && s[name_end] <= 'z')
                                      || (s[name_end] >= 'A' && s[name_end] <= 'Z')
                                      || (s[name_end] >= '0' && s[name_end] <= '9')))
                name_end++;
            const char *close = memchr(s + i, '>', len - i);
            size_t after = close ? (size_t)(close - s) + 1 : len;
            size_t name_len = name_end - name;
            int opening = s[i + 1] != '/';
            if (opening && ((name_len == 6 && strncasecmp(s + name, "script", 6) == 0)
                            || (name_len == 5 && strncasecmp(s + name, "style", 5) == 0))) {
                /* Skip to the closing tag: scripts and styles are not text. */
                size_t k = after;
                while (k + 1 < len && !(s[k] == '<' && s[k + 1] == '/'
                                        && strncasecmp(s + k + 2, s + name, name_len) == 0))
                    k++;
                const char *end = memchr(s + k, '>', len - k);
                i = end ? (size_t)(end - s) + 1 : len;
                continue;
            }
            buf_puts(out, is_break_tag(s + name, name_len) ? "\n\n" : " ");
            i = after;
        } else {
            buf_putc(out, s[i]);
            i++;
        }
    }
}

/* ---------------------------------------------------------------- MIME */

static void decode_entity(const mime_entity_t *e, int depth, mime_text_t *st);

/* Records the part S[0..LEN) in PARTS unless there are MAX_PARTS already.
 * A part without headers (it starts with its blank line) is plain text. */
static void add_part(mime_entity_t *parts, int *count, const char *s, size_t len)
{
    if (*count >= MAX_PARTS)
        return;
    mime_entity_t *part = &parts[(*count)++];
    if (mime_split_entity(s, len, part) == 0) {
        part->block = (mime_span_t){ s, 0 };
        part->body = (mime_span_t){ s, len };
    }
}

/* Splits a multipart BODY at BOUNDARY lines and decodes its parts; of a
 * multipart/alternative only the plain-text part, else the last one.  A
 * body cut before its closing boundary keeps its last part. */
static void decode_multipart(mime_span_t body, const char *boundary, int alternative,
                             int depth, mime_text_t *st)
{
    size_t blen = strlen(boundary), pos = 0, part_start = 0;
    int in_part = 0, chosen = -1, count = 0;
    mime_entity_t parts[MAX_PARTS];

    while (pos < body.len) {
        size_t next, n = line_at(body.s + pos, body.len - pos, &next);
        int is_delim = n >= blen + 2 && body.s[pos] == '-' && body.s[pos + 1] == '-'
                       && memcmp(body.s + pos + 2, boundary, blen) == 0;
        if (is_delim) {
            if (in_part)
                add_part(parts, &count, body.s + part_start, pos - part_start);
            in_part = !(n >= blen + 4 && memcmp(body.s + pos + 2 + blen, "--", 2) == 0);
            if (!in_part)
                break;          /* the closing boundary */
            part_start = pos + next;
        }
        pos += next;
    }
    if (in_part && pos >= body.len)
        add_part(parts, &count, body.s + part_start, body.len - part_start);
    if (!alternative) {
        for (int i = 0; i < count; i++)
            decode_entity(&parts[i], depth + 1, st);
        return;
    }
    for (int i = 0; i < count && chosen < 0; i++) {
        buf_t type = BUF_INIT;
        if (!mime_header_value(&parts[i], "content-type", &type)
            || strncasecmp(type.data ? type.data : "", "text/plain", 10) == 0)
            chosen = i;
        buf_free(&type);
    }
    if (chosen < 0)
        chosen = count - 1;
    if (chosen >= 0)
        decode_entity(&parts[chosen], depth + 1, st);
}

static void decode_entity(const mime_entity_t *e, int depth, mime_text_t *st)
{
    buf_t type = BUF_INIT, encoding = BUF_INIT, charset = BUF_INIT, raw = BUF_INIT,
          utf8 = BUF_INIT;
    const char *t;

    if (!mime_header_value(e, "content-type", &type))
        buf_puts(&type, "text/plain");
    mime_header_value(e, "content-transfer-encoding", &encoding);
    t = type.data ? type.data : "";
    if (strncasecmp(t, "multipart/", 10) == 0) {
        buf_t boundary = BUF_INIT;
        if (depth >= MAX_MIME_DEPTH)
            skip_deep_part(st);
        else if (header_parameter(t, "boundary", &boundary) && boundary.len > 0)
            decode_multipart(e->body, boundary.data ? boundary.data : "",
                             strncasecmp(t + 10, "alternative", 11) == 0, depth, st);
        buf_free(&boundary);
    } else if (strncasecmp(t, "message/rfc822", 14) == 0) {
        mime_entity_t inner;
        if (depth >= MAX_MIME_DEPTH)
            skip_deep_part(st);
        else if (mime_split_entity(e->body.s, e->body.len, &inner))
            decode_entity(&inner, depth + 1, st);
    } else if (strncasecmp(t, "text/plain", 10) == 0 || strncasecmp(t, "text/html", 9) == 0
               || t[0] == '\0' || t[0] == ';') {   /* an empty type: plain text */
        const char *enc = encoding.data ? encoding.data : "";
        if (strncasecmp(enc, "base64", 6) == 0)
            decode_base64(e->body.s, e->body.len, &raw);
        else if (strncasecmp(enc, "quoted-printable", 16) == 0)
            decode_qp(e->body.s, e->body.len, 0, &raw);
        else
            buf_append(&raw, e->body.s, e->body.len);
        header_parameter(t, "charset", &charset);
        if (mime_to_utf8(charset.data ? charset.data : "", raw.data ? raw.data : "",
                            raw.len, &utf8) != 0)
            warn_charset(&st->warning, "part", charset.data);
        else {
            if (st->text.len)
                buf_puts(&st->text, "\n\n");
            if (strncasecmp(t, "text/html", 9) == 0)
                html_to_text(utf8.data ? utf8.data : "", utf8.len, &st->text);
            else
                buf_append(&st->text, utf8.data ? utf8.data : "", utf8.len);
        }
    }
    buf_free(&type);
    buf_free(&encoding);
    buf_free(&charset);
    buf_free(&raw);
    buf_free(&utf8);
}

void mime_decode_text(const mime_entity_t *e, mime_text_t *out)
{
    decode_entity(e, 0, out);
}
