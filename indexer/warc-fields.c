/* warc-fields.c: a WARC record's header fields, kept in the reader's
 * arena, and what its WARC-Type and Content-Length say.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define ZLIB_CONST
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "buf.h"
#include "grow.h"
#include "warc-internal.h"

#define KNOWN(name) { name, sizeof name - 1 }
static const struct { const char *name; size_t len; } known_names[F_KNOWN_COUNT] = {
    KNOWN("WARC-Type"), KNOWN("WARC-Target-URI"), KNOWN("WARC-Date"), KNOWN("WARC-Record-ID"),
    KNOWN("WARC-Payload-Digest"), KNOWN("WARC-Block-Digest"), KNOWN("WARC-Truncated"),
    KNOWN("Content-Length"), KNOWN("Content-Type"), KNOWN("WARC-Segment-Number"),
};

/* ---------------------------------------------------------------- records */

void wr_reset_record(warc_reader_t *r)
{
    buf_reset(&r->arena);
    r->arena.failed = 0;
    r->field_count = 0;
    memset(&r->strings, 0xff, sizeof r->strings);     /* every one NO_FIELD */
    memset(r->known, 0xff, sizeof r->known);
    memset(&r->rec, 0, sizeof r->rec);
    r->have_record = 0;
    r->payload_done = 0;
    r->payload = NULL;
    r->payload_len = 0;
}

size_t wr_arena_add(warc_reader_t *r, const void *s, size_t len)
{
    size_t at = r->arena.len;
    char *space = buf_space(&r->arena, len + 1);
    if (space != NULL) {
        memcpy(space, s, len);
        space[len] = '\0';
        r->arena.len += len + 1;
    }
    return at;
}

/* The index in known_names of the field name NAME[0..LEN) (any case), or -1. */
static int known_field(const unsigned char *name, size_t len)
{
    for (int k = 0; k < F_KNOWN_COUNT; k++)
        if (known_names[k].len == len && strncasecmp((const char *)name, known_names[k].name, len) == 0)
            return k;
    return -1;
}

const char *wr_arena_string(const warc_reader_t *r, size_t at)
{
    return at == NO_FIELD || r->arena.failed ? NULL : r->arena.data + at;
}

static int add_field(warc_reader_t *r, const unsigned char *name, size_t name_len,
                     const unsigned char *value, size_t value_len)
{
    field_t *grown = grow_array(r->fields, r->field_count, &r->field_cap, sizeof *grown, 32);
    if (grown == NULL)
        return -1;
    r->fields = grown;
    int k = known_field(name, name_len);
    r->fields[r->field_count].name = wr_arena_add(r, name, name_len);
    r->fields[r->field_count].value = wr_arena_add(r, value, value_len);
    if (k >= 0 && r->known[k] == NO_FIELD)
        r->known[k] = r->fields[r->field_count].value;
    r->field_count++;
    return r->arena.failed ? -1 : 0;
}

/* The arena offset of the first header field NAME, or NO_FIELD. */
size_t wr_field_value(const warc_reader_t *r, const char *name)
{
    for (size_t i = 0; i < r->field_count; i++)
        if (strcasecmp(r->arena.data + r->fields[i].name, name) == 0)
            return r->fields[i].value;
    return NO_FIELD;
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static void trim_bytes(const unsigned char **s, size_t *len)
{
    while (*len > 0 && is_blank(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && is_blank((*s)[*len - 1]))
        (*len)--;
}

/* Parses the header lines P[0..LEN) (each ending in LF, CR before it
 * dropped; the blank line excluded) into fields.  Returns 0, 1 with
 * *BAD_LINE set to a malformed line's offset, or -1 when memory ran out. */
int wr_parse_fields(warc_reader_t *r, const unsigned char *p, size_t len, size_t *bad_line)
{
    size_t at = 0;

    while (at < len) {
        const unsigned char *line = p + at, *eol = memchr(line, '\n', len - at), *colon;
        size_t line_len = (size_t)(eol - line), name_len;
        at += line_len + 1;
        if (line_len > 0 && line[line_len - 1] == '\r')
            line_len--;
        if (line_len > 0 && is_blank(line[0]) && r->field_count > 0) {
            /* A continuation line: the last value goes on after a space. */
            trim_bytes(&line, &line_len);
            r->arena.len--;                  /* its NUL */
            buf_putc(&r->arena, ' ');
            buf_append(&r->arena, (const char *)line, line_len);
            buf_putc(&r->arena, '\0');
            continue;
        }
        /* The name: up to the colon, without white space or controls. */
        for (name_len = 0; name_len < line_len && line[name_len] != ':'
                           && line[name_len] > ' ' && line[name_len] != 0x7F; name_len++)
            ;
        colon = name_len < line_len && line[name_len] == ':' ? line + name_len : NULL;
        if (colon == NULL || name_len == 0) {
            *bad_line = (size_t)(line - p);
            return 1;
        }
        {
            const unsigned char *value = colon + 1;
            size_t value_len = line_len - name_len - 1;
            trim_bytes(&value, &value_len);
            if (add_field(r, line, name_len, value, value_len) != 0)
                return -1;
        }
    }
    return r->arena.failed ? -1 : 0;
}

warc_type_t wr_type_code(const char *type)
{
    static const struct { const char *name; warc_type_t code; } types[] = {
        { "warcinfo", WARC_TYPE_WARCINFO }, { "response", WARC_TYPE_RESPONSE },
        { "resource", WARC_TYPE_RESOURCE }, { "request", WARC_TYPE_REQUEST },
        { "metadata", WARC_TYPE_METADATA }, { "revisit", WARC_TYPE_REVISIT },
        { "conversion", WARC_TYPE_CONVERSION }, { "continuation", WARC_TYPE_CONTINUATION },
    };
    for (size_t i = 0; type && i < sizeof types / sizeof types[0]; i++)
        if (strcasecmp(type, types[i].name) == 0)
            return types[i].code;
    return WARC_TYPE_OTHER;
}

warc_skip_t wr_skip_for_type(warc_type_t type)
{
    switch (type) {
    case WARC_TYPE_WARCINFO: return WARC_SKIP_WARCINFO;
    case WARC_TYPE_REQUEST: return WARC_SKIP_REQUEST;
    case WARC_TYPE_METADATA: return WARC_SKIP_METADATA;
    case WARC_TYPE_REVISIT: return WARC_SKIP_REVISIT;
    case WARC_TYPE_RESOURCE: return WARC_SKIP_RESOURCE;
    case WARC_TYPE_CONVERSION: return WARC_SKIP_CONVERSION;
    case WARC_TYPE_CONTINUATION: return WARC_SKIP_SEGMENTED;
    case WARC_TYPE_RESPONSE: return WARC_USABLE;
    case WARC_TYPE_OTHER: break;
    }
    return WARC_SKIP_OTHER_TYPE;
}

/* Reads a Content-Length value: decimal digits only, below 10^18 (no
 * file is that long; the bound keeps sums from overflowing). */
int wr_parse_length(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    size_t n = 0;
    for (; s[n] >= '0' && s[n] <= '9'; n++) {
        if (n == 18)
            return -1;
        v = v * 10 + (uint64_t)(s[n] - '0');
    }
    if (n == 0 || s[n] != '\0')
        return -1;
    *out = v;
    return 0;
}
