/* fuzz-article.c: libFuzzer target for the article parser (page_parse),
 * with the input also counted for the recurring-line rule.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>

#include "article.h"
#include "page.h"
#include "boilerplate.h"
#include "fuzz-article-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
         * characters (the page is cleaned before it is split); so is the
         * id, from the page's front matter. */
        fuzz_check_article(&article);
        FUZZ_CHECK(fuzz_clean_field(article.id));
        article_free(&article);
    }
    free(err);
    boilerplate_free(bp);
    return 0;
}
