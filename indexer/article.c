/* article.c: the article model's memory.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "article.h"

void article_free(article_t *a)
{
    free(a->id);
    free(a->title);
    free(a->date);
    free(a->byline);
    free(a->source);
    free(a->url);
    for (size_t i = 0; i < a->paragraph_count; i++)
        free(a->paragraphs[i].text);
    free(a->paragraphs);
    for (size_t i = 0; i < a->extra_count; i++) {
        free(a->extra[i].key);
        free(a->extra[i].value);
    }
    free(a->extra);
    free(a->warning);
    memset(a, 0, sizeof *a);
}
