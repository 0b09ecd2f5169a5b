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
    for (size_t i = 0; i < a->extra_count; i++)
        article_field_free(&a->extra[i]);
    free(a->extra);
    free(a->warning);
    memset(a, 0, sizeof *a);
}

void article_field_free(article_field_t *field)
{
    free(field->key);
    free(field->value);
    field->key = field->value = NULL;
}

unsigned article_fields_set(const article_t *a)
{
    return (a->id ? ARTICLE_ID : 0) | (a->title && !a->title_derived ? ARTICLE_TITLE : 0)
           | (a->date ? ARTICLE_DATE : 0) | (a->source ? ARTICLE_SOURCE : 0)
           | (a->byline ? ARTICLE_BYLINE : 0) | (a->url ? ARTICLE_URL : 0);
}
