/* fuzz-article.c: libFuzzer target for the article parser (page_parse),
 * with the input also counted for the recurring-line rule.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "article.h"
#include "page.h"
#include "boilerplate.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Non-zero if S[0..LEN) is valid UTF-8 with no C0 control character (tab
 * included: white space is folded) and no DEL. */
static int clean_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            return 0;
    return fuzz_valid_utf8(s, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    boilerplate_t *bp = boilerplate_new();
    article_t article;
    char *err = NULL;

    /* Counted three times, each short line of the input is "recurring", so
     * the rule that drops such lines runs too. */
    for (int i = 0; bp && i < 3; i++)
        boilerplate_add_document(bp, text, size);
    if (page_parse(text, size, bp, &article, &err) == 0) {
        /* What is stored and shown is valid UTF-8 without control
         * characters (the page is cleaned before it is split). */
        const char *fields[] = { article.title, article.date, article.source,
                                 article.byline, article.url, article.id };
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
            FUZZ_CHECK(fields[i] == NULL || clean_text(fields[i], strlen(fields[i])));
        for (size_t i = 0; i < article.paragraph_count; i++)
            FUZZ_CHECK(clean_text(article.paragraphs[i].text, article.paragraphs[i].len));
        article_free(&article);
    }
    free(err);
    boilerplate_free(bp);
    return 0;
}
