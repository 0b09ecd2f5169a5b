/* article.h: the article model: what trawl-index makes of every input.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A scraped page (page.h), a JSON Lines record (jsonl.h), a mail message
 * (mail.h), a web page (html.h) all become one article_t: the headline
 * once, the date, byline, source and url as stated, the body paragraphs
 * and the reader comments apart.  It states what the input states and
 * invents nothing: an unknown field is NULL.  See doc/design.md, "The
 * article model".
 */
#ifndef TRAWL_ARTICLE_H
#define TRAWL_ARTICLE_H

#include <stddef.h>

typedef enum {
    PARA_BODY = 'B',      /* the story */
    PARA_COMMENT = 'C'    /* a reader comment (and its author/time line) */
} para_kind_t;

typedef struct {
    char *text;           /* one paragraph, valid UTF-8, no newline, trimmed */
    size_t len;
    para_kind_t kind;
} paragraph_t;

typedef struct {
    char *key, *value;    /* a front-matter field trawl does not know */
} article_field_t;

typedef struct {
    char *id;             /* front matter "id"; NULL: the indexer uses the path */
    char *title;          /* the headline, once; NULL if none could be found */
    int title_derived;    /* 1: title is the first sentence, shortened */
    char *date;           /* "YYYY-MM-DD", "YYYY-MM" or "YYYY"; NULL if unstated */
    char *byline;         /* author as stated ("Helen Mooney"); NULL if unstated */
    char *source;         /* publication, from front matter only; else NULL */
    char *url;            /* from front matter only; else NULL */
    paragraph_t *paragraphs;    /* body paragraphs first, then comments */
    size_t paragraph_count;
    article_field_t *extra;     /* unknown front-matter keys, kept as metadata */
    size_t extra_count;
    char *warning;        /* e.g. "front matter: bad date 'x' ignored"; or NULL */
} article_t;

/* Frees what ARTICLE holds and empties it (an empty one is fine). */
void article_free(article_t *article);

#endif /* TRAWL_ARTICLE_H */
