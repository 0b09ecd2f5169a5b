/* extract.h: an article as one JSON object (trawl-index --extract).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What trawl made of an input, for reading and for measuring extractors:
 *   {"path":"a/b.html","record":null,"id":"a/b.html","url":"https://...",
 *    "title":"...","date":"2019-10-16","byline":"...","source":"...",
 *    "body":["first paragraph", ...],"comments":["a comment", ...]}
 * Keys always in this order, every key always there (null when unknown);
 * "body" and "comments" are the article's paragraphs of each kind in
 * order, so body[4] is the story's paragraph 5 (citations' ¶5).  Strings
 * are escaped as RFC 8259 says, and C1 controls (U+0080-U+009F) and the
 * JavaScript line terminators U+2028 and U+2029 as \u and four hex digits too; invalid
 * UTF-8 becomes U+FFFD.  Written from article_t, so it serves every kind
 * of input.
 */
#ifndef TRAWL_EXTRACT_H
#define TRAWL_EXTRACT_H

#include "article.h"
#include "buf.h"

typedef struct {
    const char *path;       /* the input file as named on the command line */
    const char *record;     /* the record in a file of several (a JSON Lines
                               line number, a WARC record id), or NULL */
    const char *id;         /* the document id trawl gives it, or NULL */
} extract_origin_t;

/* Appends ARTICLE as one JSON object, without a newline, to OUT (check
 * OUT->failed for memory).  ORIGIN's strings may be NULL (written as
 * null); the id is ORIGIN->id, else ARTICLE->id. */
void extract_json(buf_t *out, const extract_origin_t *origin, const article_t *article);

#endif /* TRAWL_EXTRACT_H */
