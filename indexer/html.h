/* html.h: a web page (HTML) as an article: its story, metadata, comments.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A saved page, a mirrored file or a crawled record holds its story among
 * menus, share bars, teasers, footers and reader comments.  html_parse()
 * decodes the bytes (charset.h), parses them with libxml2's HTML parser,
 * and fills the same article_t as the text reader: the headline once, the
 * publication date, byline, source, canonical URL, the story's paragraphs
 * in reading order, and the reader comments as PARA_COMMENT paragraphs
 * after them.  It knows nothing of the index.  The rules are described in
 * doc/design.md, "HTML pages".
 */
#ifndef TRAWL_HTML_H
#define TRAWL_HTML_H

#include <stddef.h>
#include "article.h"

/* The largest page html_parse() reads; longer input is cut there (and the
 * article's warning says so).  Ten times the largest page of the
 * html-eval corpus (3.5 MB); libxml2 parses 50 MB/s, so this bounds one
 * page to well under a second. */
#define HTML_MAX_BYTES (64u << 20)

typedef struct {
    const char *content_type;   /* the HTTP or WARC Content-Type value, or NULL */
    const char *url;            /* where the page came from (its URL, or the
                                   file's path), or NULL; the article's url
                                   when the page states none */
    const char *path;           /* the file the page was read from, or NULL:
                                   only a date in it counts, where the URL's
                                   would (a wget mirror keeps the URL's path:
                                   host/2023/11/x.html) */
} html_source_t;

/* Non-zero if TEXT[0..LEN) looks like HTML: after an optional byte order
 * mark, white space and comments, it starts with "<!DOCTYPE html", "<html",
 * "<head", "<body", "<?xml" followed by an <html> element, or another tag
 * of HTML's head ("<meta", "<title", "<link", "<script", "<style"), in any
 * case.  For files whose name does not say (sniffing). */
int html_looks_like(const char *text, size_t len);

/* Makes the article of the page BYTES[0..LEN) (any bytes).  SOURCE may be
 * NULL.  Returns 0 and fills *OUT (free with article_free()): title,
 * date ("YYYY-MM-DD", or "YYYY-MM" or "YYYY" when the page states no
 * more), byline, source (publication), url, paragraphs (body first, then
 * comments); out->id is NULL; what went wrong on the way (an unknown
 * charset, a page cut at HTML_MAX_BYTES) is in out->warning.  Returns -1
 * with a malloc'ed *errmsg and *OUT empty when the page holds no title
 * and no text ("no article text"), when libxml2 cannot parse it at all
 * ("not HTML"), or when memory runs out ("out of memory"). */
int html_parse(const char *bytes, size_t len, const html_source_t *source,
               article_t *out, char **errmsg);

#endif /* TRAWL_HTML_H */
