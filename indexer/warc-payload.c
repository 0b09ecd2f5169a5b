/* warc-payload.c: an HTTP response record's payload: its status and
 * Content-Type (is it an HTML page?), and its body with the chunked
 * transfer coding and content coding undone (warc-http.h).
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
#include "warc-http.h"
#include "warc-internal.h"

/* Copies the HTTP Content-Type value CT[0..LEN) and its charset into the
 * record's strings. */
static void keep_content_type(warc_reader_t *r, const char *ct, size_t len)
{
    const char *type, *charset;
    size_t type_len, charset_len;
    http_media_type(ct, len, &type, &type_len, &charset, &charset_len);
    r->strings.content_type = wr_arena_add(r, ct, len);
    if (charset != NULL)
        r->strings.charset = wr_arena_add(r, charset, charset_len);
}

/* Classifies the response whose block starts with BLOCK[0..AVAIL) (the
 * whole block when AVAIL is its Content-Length): its status and
 * Content-Type. */
void wr_classify_response(warc_reader_t *r, const unsigned char *block, size_t avail,
                          response_class_t *c)
{
    const char *b = (const char *)block;
    http_head_t head;
    int rc;

    c->problem[0] = '\0';
    c->needs_sniff = 0;
    r->rec.http_status = http_parse_status(b, avail);
    if (r->rec.http_status < 0) {
        char line[QUOTE_MAX + 8];
        wr_quote_line(line, sizeof line, block, avail);
        snprintf(c->problem, sizeof c->problem, "bad HTTP status line '%s'", line);
        r->rec.http_status = 0;
        return;
    }
    rc = http_parse_head(b, avail, &head);
    if (rc == 0 && head.content_type != NULL)
        keep_content_type(r, head.content_type, head.content_type_len);
    if (r->rec.http_status != 200) {
        r->rec.skip = WARC_SKIP_STATUS;
        return;
    }
    if (rc != 0) {
        if (avail == r->rec.content_length)
            snprintf(c->problem, sizeof c->problem, "the HTTP header does not end within the block");
        else
            snprintf(c->problem, sizeof c->problem, "HTTP header over %d bytes", HTTP_MAX_HEAD);
        return;
    }
    if (head.content_type != NULL && head.content_type_len > 0) {
        const char *type, *charset;
        size_t type_len, charset_len;
        http_media_type(head.content_type, head.content_type_len, &type, &type_len, &charset,
                        &charset_len);
        if (!http_is_html_type(type, type_len))
            r->rec.skip = WARC_SKIP_NOT_HTML;
        return;
    }
    c->needs_sniff = 1;
}

/* Decodes the payload of the current record (held in the window) into
 * r->payload.  Returns WARC_OK or WARC_BAD_RECORD. */
warc_status_t wr_decode_payload(warc_reader_t *r)
{
    char *block = (char *)r->win + (r->block_start - r->win_base), *body;
    size_t body_len, length = (size_t)r->rec.content_length;
    char why[200];
    http_head_t head;
    int te;

    if (r->payload_done)
        return r->payload_done > 0 ? WARC_OK : WARC_BAD_RECORD;
    r->payload_done = -1;
    if (r->rec.type != WARC_TYPE_RESPONSE || r->rec.skip == WARC_SKIP_NOT_HTTP) {
        r->payload = block;
        r->payload_len = length;
        r->payload_done = 1;
        return WARC_OK;
    }
    if (http_parse_head(block, length, &head) != 0)
        return wr_bad_record(r, "no HTTP header ends within the block");
    body = block + head.head_len;
    body_len = length - head.head_len;
    te = head.transfer_encoding ? http_transfer_coding(head.transfer_encoding,
                                                       head.transfer_encoding_len) : 0;
    if (te < 0) {
        char value[QUOTE_MAX + 8];
        wr_quote(value, sizeof value, (const unsigned char *)head.transfer_encoding,
                 head.transfer_encoding_len);
        return wr_bad_record(r, "unsupported Transfer-Encoding '%s'", value);
    }
    if (te > 0 && http_dechunk(body, &body_len, why, sizeof why) < 0)
        return wr_bad_record(r, "broken chunked encoding: %s", why);
    if (head.content_encoding != NULL) {
        if (http_decode(head.content_encoding, head.content_encoding_len, body, body_len,
                        r->limit, &r->decoded, &r->scratch, &r->payload, &r->payload_len,
                        why, sizeof why) != 0)
            return wr_bad_record(r, "%s", why);
    } else {
        r->payload = body;
        r->payload_len = body_len;
    }
    r->payload_done = 1;
    return WARC_OK;
}
