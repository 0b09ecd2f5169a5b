/* warc-http.h: the HTTP response inside a WARC response record: status
 * line, headers, and the body with its transfer and content codings undone.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Internal to warc.c; pure functions over bytes in memory.  Header lines
 * that do not parse are ignored (as browsers do); only the status line is
 * strict, since without it the block is not an HTTP response.
 */
#ifndef TRAWL_WARC_HTTP_H
#define TRAWL_WARC_HTTP_H

#include <stddef.h>

#include "buf.h"

/* The longest HTTP header (status line and header lines) read: servers
 * refuse far shorter ones (8 to 16 KiB is usual), so a longer one is not a
 * real response. */
#define HTTP_MAX_HEAD (64 * 1024)

typedef struct {
    int status;                         /* 100 to 999 */
    size_t head_len;                    /* status line, headers and the blank line */
    const char *content_type;           /* the Content-Type value, NULL if absent */
    size_t content_type_len;
    const char *content_encoding;       /* the Content-Encoding value, NULL if absent */
    size_t content_encoding_len;
    const char *transfer_encoding;      /* the Transfer-Encoding value, NULL if absent */
    size_t transfer_encoding_len;
} http_head_t;

/* Reads the status line ("HTTP/1.1 200 OK"; "HTTP/2 200" and a missing
 * reason are accepted) at the start of BLOCK[0..LEN).  Returns the status
 * code, or -1 when the first line is not a status line. */
int http_parse_status(const char *block, size_t len);

/* Reads the status line and header lines at BLOCK[0..LEN) (lines end in
 * CRLF or LF) into *OUT, whose pointers point into BLOCK.  Returns 0; 1
 * when no blank line ends the header within LEN bytes; -1 when the status
 * line is bad. */
int http_parse_head(const char *block, size_t len, http_head_t *out);

/* The media type of the Content-Type value CT[0..LEN) ("text/html" of
 * "text/html; charset=UTF-8") in *TYPE (pointing into CT, *TYPE_LEN bytes)
 * and its charset parameter, unquoted, in *CHARSET (NULL if none). */
void http_media_type(const char *ct, size_t len, const char **type, size_t *type_len,
                     const char **charset, size_t *charset_len);

/* Non-zero if the media type TYPE[0..LEN) is HTML: text/html or
 * application/xhtml+xml, in any case. */
int http_is_html_type(const char *type, size_t len);

/* Non-zero if DATA[0..LEN) starts like an HTML document, by the HTML
 * patterns of WHATWG MIME Sniffing ("rules for identifying an unknown MIME
 * type"): after white space, "<!DOCTYPE HTML", "<HTML", "<HEAD", "<BODY",
 * "<P", "<!--" and the like, in any case, then a space or ">". */
int http_sniff_html(const char *data, size_t len);

/* What the Transfer-Encoding value V[0..LEN) asks: 0 nothing ("identity"
 * or empty), 1 chunked (the only coding), -1 a coding not supported. */
int http_transfer_coding(const char *v, size_t len);

/* Undoes chunked transfer coding in place: BODY[0..*LEN) becomes the
 * chunks' data and *LEN its length.  Returns 0; 1 if BODY does not start
 * with a chunk-size line (it is taken as not chunked and left alone); -1
 * with a reason in WHY[0..WHY_SIZE) ("bad chunk size line at body byte
 * 75", "the body ends after chunk 2, before the last chunk") when the
 * coding breaks off later. */
int http_dechunk(char *body, size_t *len, char *why, size_t why_size);

/* Undoes the content codings CODINGS[0..CODINGS_LEN) (the Content-Encoding
 * value: "gzip", "x-gzip", "deflate" as zlib or raw data, "identity",
 * several separated by commas, undone last first) of DATA[0..LEN).
 * Returns 0 with the result in *OUT (OUT's data, or DATA itself when there
 * was nothing to undo) and *OUT_LEN; -1 with the reason in WHY
 * ("unsupported Content-Encoding 'br'", "corrupt gzip Content-Encoding:
 * invalid block type", "payload over the limit of N bytes when decoded",
 * "out of memory").  The result is never longer than LIMIT bytes.  SCRATCH
 * is working space for a second coding. */
int http_decode(const char *codings, size_t codings_len, const char *data, size_t len,
                size_t limit, buf_t *out, buf_t *scratch, const char **result,
                size_t *result_len, char *why, size_t why_size);

#endif /* TRAWL_WARC_HTTP_H */
