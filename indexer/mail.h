/* mail.h: mail and news messages (RFC 5322 headers, MIME) as articles.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A file is a message when it starts with a header block (see
 * mail_looks_like()), whatever its name, so a directory of .txt files may
 * mix scraped pages and saved messages.  Subject becomes the title, Date
 * the date, From the byline (the display name, else the address),
 * Message-ID the url ("mid:<id>"), Newsgroups the source.  The body is
 * what a reader sees: text/plain parts (or text/html parts, tags dropped,
 * when a part has no plain alternative), with base64 and quoted-printable
 * undone and the charset converted to UTF-8 (charset.h: the charsets the
 * HTML path reads, ISO-8859-*, Windows-125*, KOI8, GBK, Big5, Shift_JIS,
 * EUC-*, ...); 8-bit text that states no charset and is not UTF-8 is read
 * as Windows-1252 (which holds ISO-8859-1).  A part in a charset trawl
 * does not know is kept only if it is valid UTF-8 anyway (often plain
 * ASCII); otherwise it is skipped and named in the article's warning.  Encoded words (RFC 2047) in Subject and From are
 * decoded the same way; raw 8-bit header text is read as Windows-1252
 * unless it is UTF-8.  Attachments that are not text are skipped.
 */
#ifndef TRAWL_MAIL_H
#define TRAWL_MAIL_H

#include <stddef.h>
#include "article.h"

/* Non-zero if TEXT[0..LEN) starts like a message: an mbox "From " line, or
 * a header block of at least two "Name: value" fields (continuation lines
 * allowed) ended by a blank line, among them From, Received, Return-Path,
 * Message-ID, Path or Newsgroups, and no Title field (which front matter
 * would have). */
int mail_looks_like(const char *text, size_t len);

/* Makes the article of the message TEXT[0..LEN).  Returns 0 and fills *OUT
 * (free with article_free(); parts that could not be decoded are named in
 * out->warning), or -1 with a malloc'ed *errmsg ("no article text") and
 * *OUT empty. */
int mail_parse(const char *text, size_t len, article_t *out, char **errmsg);

#endif /* TRAWL_MAIL_H */
