/* mime.h: the structure of a mail or news message (RFC 5322, MIME) and its text.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A message is an entity: a header block and a body.  mime_decode_text()
 * walks its body as mail.h describes (which parts are text, the transfer
 * encodings, the charsets); mail.c turns the header fields into an
 * article's fields.  Nothing here keeps a pointer past the call, and the
 * entity points into the caller's text (which need not end in NUL).
 */
#ifndef TRAWL_MIME_H
#define TRAWL_MIME_H

#include <stddef.h>
#include "buf.h"

typedef struct {
    const char *s;
    size_t len;
} mime_span_t;

/* One header block, unfolded on demand. */
typedef struct {
    mime_span_t block;     /* the header lines, up to the blank line */
    mime_span_t body;      /* what follows the blank line */
} mime_entity_t;

/* The text of a message, as mime_decode_text() makes it. */
typedef struct {
    buf_t text;            /* the decoded body so far */
    buf_t warning;         /* charsets that could not be decoded, parts too deep */
    int too_deep;          /* a part nested past the depth read was skipped */
} mime_text_t;

/* Splits TEXT[0..LEN) into its header block and body.  Returns the number
 * of header fields, or 0 if TEXT does not start with a header block ended
 * by a blank line (or the end of the text); an mbox "From " line first is
 * allowed. */
size_t mime_split_entity(const char *text, size_t len, mime_entity_t *e);

/* Finds field NAME (any case) in E's header block and appends its value,
 * unfolded, to OUT.  Returns 1 if found. */
int mime_header_value(const mime_entity_t *e, const char *name, buf_t *out);

/* Appends S[0..LEN) in charset NAME to OUT as UTF-8 (charset.h's
 * converter: any charset it knows, bad sequences as U+FFFD).  Text that is
 * valid UTF-8 is taken as it is whatever the label says (mislabelled
 * UTF-8 is common; ASCII is both); "" (no charset stated) is
 * Windows-1252.  Returns 0 (OUT->failed when memory ran out), or -1 if
 * the charset is unknown and the text is not UTF-8 (nothing appended). */
int mime_to_utf8(const char *name, const char *s, size_t len, buf_t *out);

/* Appends the header value VALUE (NUL-terminated UTF-8) to OUT with its
 * =?charset?B|Q?text?= words (RFC 2047) decoded; white space between two
 * encoded words is dropped, as the RFC says.  A charset that cannot be
 * decoded is named in WARNING. */
void mime_decode_words(const char *value, buf_t *out, buf_t *warning);

/* Appends the text of E's body to OUT->text (parts separated by a blank
 * line), and what could not be decoded to OUT->warning. */
void mime_decode_text(const mime_entity_t *e, mime_text_t *out);

#endif /* TRAWL_MIME_H */
