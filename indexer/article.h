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

/* A metadata field trawl has no member for (a front-matter key, a JSON
 * Lines member, a manifest column): searchable as KEY:words and
 * KEY=value, counted by --count-by KEY.  A list gives one article_field_t
 * an item, under the same key. */
typedef struct {
    char *key, *value;
    int list;             /* an item of a list */
    int structured;       /* VALUE is JSON text (an object, a list of
                             lists): shown, not searched */
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
    const char *note;     /* static: a choice trawl made reading the input
                             ("not UTF-8: read as Windows-1252"), which
                             trawl-index --verbose says; or NULL */
    unsigned stated;      /* ARTICLE_* of the fields the input declared as
                             metadata (front matter, mail headers, record
                             members), which a manifest does not override;
                             the others are what the text states */
} article_t;

/* The fields of article_t.stated. */
enum {
    ARTICLE_ID = 1 << 0, ARTICLE_TITLE = 1 << 1, ARTICLE_DATE = 1 << 2,
    ARTICLE_SOURCE = 1 << 3, ARTICLE_BYLINE = 1 << 4, ARTICLE_URL = 1 << 5
};

/* The ARTICLE_* of A's fields that are set. */
unsigned article_fields_set(const article_t *a);

/* Frees what FIELD holds. */
void article_field_free(article_field_t *field);

/* Frees what ARTICLE holds and empties it (an empty one is fine). */
void article_free(article_t *article);

#endif /* TRAWL_ARTICLE_H */
