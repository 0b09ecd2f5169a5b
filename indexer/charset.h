/* charset.h: the bytes of a page or a message part to valid UTF-8.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Two jobs.  charset_to_utf8() converts bytes from a named charset to
 * UTF-8, replacing whatever is invalid, for any caller that knows the
 * charset (a MIME part's label).  charset_decode_html() first decides the
 * charset of an HTML page, as a browser would, then converts it.
 *
 * Labels are the WHATWG Encoding Standard's (https://encoding.spec.whatwg.org/,
 * "Encodings"): case and surrounding white space do not matter, and
 * several labels name one encoding as browsers read it -- "latin1",
 * "iso-8859-1" and "ascii" are Windows-1252, "gb2312" is GBK, "shift_jis"
 * is Windows-31J, "euc-kr" is Windows-949.  UTF-8 and Windows-1252 are
 * converted here; the other encodings through glibc's iconv.
 */
#ifndef TRAWL_CHARSET_H
#define TRAWL_CHARSET_H

#include <stddef.h>
#include "buf.h"

/* How many bytes of a page the <meta> prescan reads.  The HTML standard's
 * prescan stops at 1024; 121 of the 949 pages of the html-eval corpus
 * state their charset later than that (after long <script> or <link>
 * blocks in <head>), so trawl reads further, as Chromium does while it is
 * still in <head> (doc/design.md, "HTML pages"). */
#define CHARSET_PRESCAN_BYTES 16384

/* Where charset_decode_html() took the charset from, in order of
 * precedence. */
typedef enum {
    CHARSET_FROM_HEADER,    /* the Content-Type the caller passed */
    CHARSET_FROM_BOM,       /* a byte order mark */
    CHARSET_FROM_META,      /* <meta charset> or <meta http-equiv> */
    CHARSET_FROM_UTF8,      /* no usable label, and the bytes are valid UTF-8 */
    CHARSET_FROM_DEFAULT    /* no usable label, not UTF-8: Windows-1252 */
} charset_source_t;

/* The encoding a label names, as its canonical lower-case name ("utf-8",
 * "windows-1252", "iso-8859-2", "gbk", "shift_jis", "utf-16le", ...: the
 * WHATWG names), or NULL when trawl does not know the label.  LABEL[0..LEN)
 * need not be NUL-terminated; ASCII case and surrounding white space and
 * quotes are ignored.  The name returned is static. */
const char *charset_canonical(const char *label, size_t len);

/* Appends BYTES[0..LEN), in the charset LABEL names (any alias that
 * charset_canonical() knows), to OUT as UTF-8.  Every invalid or
 * unmappable sequence becomes U+FFFD and the conversion goes on, so the
 * output is always valid UTF-8 (it may hold NUL and control characters,
 * as the input did).  Returns 0; -1 when LABEL is unknown or iconv cannot
 * convert from it (nothing appended); -2 when memory runs out (OUT->failed
 * is then set too). */
int charset_to_utf8(const char *label, const char *bytes, size_t len, buf_t *out);

/* The charset parameter of a Content-Type header value
 * ('text/html; charset="ISO-8859-1"'): sets *LABEL and *LABEL_LEN to the
 * value inside VALUE (quotes removed) and returns 1, or returns 0 when the
 * value has none. */
int charset_from_content_type(const char *value, size_t len,
                              const char **label, size_t *label_len);

/* The HTML standard's prescan ("prescan a byte stream to determine its
 * encoding") over the first CHARSET_PRESCAN_BYTES bytes of BYTES[0..LEN):
 * comments and the attributes of other tags are skipped, and the first
 * <meta charset="..."> or <meta http-equiv="Content-Type"
 * content="...charset=..."> whose label is known gives the encoding.
 * Returns its canonical name (UTF-16 labels give "utf-8", as the standard
 * says: a page that could state it in ASCII is not UTF-16), or NULL.
 * When BOGUS is not NULL, the first unknown label met is copied there
 * (lower case, cut to BOGUS_SIZE - 1 bytes, NUL-terminated; "" if none). */
const char *charset_prescan_meta(const char *bytes, size_t len,
                                 char *bogus, size_t bogus_size);

/* What charset_decode_html() decided. */
typedef struct {
    const char *charset;        /* canonical name of the charset used (static) */
    charset_source_t source;
    char *warning;              /* malloc'ed ("unknown charset 'x' ignored"), or NULL */
} charset_result_t;

/* Decodes an HTML page BYTES[0..LEN) to UTF-8, appended to OUT (without
 * the byte order mark).  The charset is, in this order: the charset of
 * CONTENT_TYPE (the HTTP or WARC Content-Type header's value, NUL-
 * terminated; NULL when there is none), a byte order mark (UTF-8,
 * UTF-16LE, UTF-16BE), the <meta> prescan, UTF-8 when the bytes are valid
 * UTF-8, else Windows-1252.  A label that is unknown, or that iconv cannot
 * convert, is ignored and named in RESULT->warning; the next rule decides.
 * Invalid sequences become U+FFFD: a page never fails to decode.  Fills
 * *RESULT (free RESULT->warning) and returns 0, or -2 when memory runs out
 * (RESULT->warning is then NULL). */
int charset_decode_html(const char *bytes, size_t len, const char *content_type,
                        buf_t *out, charset_result_t *result);

#endif /* TRAWL_CHARSET_H */
