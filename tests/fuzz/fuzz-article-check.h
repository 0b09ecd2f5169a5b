/* fuzz-article-check.h: what every article a parser makes must be, for the
 * fuzz targets of the parsers (pages, mail, JSON Lines).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_FUZZ_ARTICLE_CHECK_H
#define TRAWL_FUZZ_ARTICLE_CHECK_H

#include <string.h>

#include "article.h"
#include "fuzz-check.h"

/* Non-zero if S[0..LEN) is valid UTF-8 with no C0 control character (tab
 * included: white space is folded) and no DEL: text as it is stored and
 * shown. */
static inline int fuzz_clean_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            return 0;
    return fuzz_valid_utf8(s, len);
}

/* Non-zero if S is NULL (unknown) or clean text (fuzz_clean_text()). */
static inline int fuzz_clean_field(const char *s)
{
    return s == NULL || fuzz_clean_text(s, strlen(s));
}

/* Non-zero if DATE is NULL or "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
static inline int fuzz_valid_date(const char *date)
{
    static const char shape[] = "dddd-dd-dd";
    size_t len;
    if (date == NULL)
        return 1;
    len = strlen(date);
    if (len != 4 && len != 7 && len != 10)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (shape[i] == 'd' ? date[i] < '0' || date[i] > '9' : date[i] != '-')
            return 0;
    return 1;
}

/* Checks the article a parser returned 0 for: every field but the id
 * (whose rules differ by parser) is unknown or clean text, the date has
 * its shape, every paragraph is clean and not empty, every extra field's
 * key is made of [A-Za-z0-9_.-] (perhaps none) and its value is clean. */
static inline void fuzz_check_article(const article_t *a)
{
    const char *fields[] = { a->title, a->source, a->byline, a->url };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        FUZZ_CHECK(fuzz_clean_field(fields[i]));
    FUZZ_CHECK(fuzz_valid_date(a->date));
    FUZZ_CHECK(a->paragraph_count == 0 || a->paragraphs != NULL);
    for (size_t i = 0; i < a->paragraph_count; i++) {
        const paragraph_t *p = &a->paragraphs[i];
        FUZZ_CHECK(p->len > 0 && fuzz_clean_text(p->text, p->len));
        FUZZ_CHECK(p->text[p->len] == '\0');
        FUZZ_CHECK(p->kind == PARA_BODY || p->kind == PARA_COMMENT);
    }
    for (size_t i = 0; i < a->extra_count; i++) {
        const char *key = a->extra[i].key;
        FUZZ_CHECK(key != NULL);   /* "" too: JSON allows an empty key */
        FUZZ_CHECK(strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                               "0123456789_.-") == strlen(key));
        FUZZ_CHECK(fuzz_clean_field(a->extra[i].value));
    }
}

/* Checks the article a parser that failed left: empty, as the headers
 * promise (*OUT empty). */
static inline void fuzz_check_empty_article(const article_t *a)
{
    FUZZ_CHECK(a->id == NULL && a->title == NULL && a->date == NULL
               && a->byline == NULL && a->source == NULL && a->url == NULL
               && a->paragraphs == NULL && a->paragraph_count == 0
               && a->extra == NULL && a->extra_count == 0 && a->warning == NULL);
}

/* Checks what a parser of whole files (pages, mail) returned, RC and *ERR
 * and the article: RC is 0 or -1; on 0 no error and a checked article
 * with no id (the indexer makes it) but a title or a paragraph; on -1 an
 * empty article and an error (NULL only when memory ran out, which no
 * fuzz input makes). */
static inline void fuzz_check_parsed(int rc, const char *err, const article_t *a)
{
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc == 0) {
        FUZZ_CHECK(err == NULL);
        fuzz_check_article(a);
        FUZZ_CHECK(a->id == NULL);
        FUZZ_CHECK(a->title != NULL || a->paragraph_count > 0);
    } else {
        fuzz_check_empty_article(a);
        FUZZ_CHECK(err != NULL);
    }
}

#endif /* TRAWL_FUZZ_ARTICLE_CHECK_H */
