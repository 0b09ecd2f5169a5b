/* stopwords.c: the stop lists: English here, the others in stopwords-data.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "stopwords.h"

/* Snowball's English stop word list (snowballstem.org, algorithms/english/
 * stop.txt) without its contractions and rarer forms: pronouns, articles,
 * auxiliary verbs, prepositions, conjunctions and question words.  Words
 * that often carry meaning in news ("against", "over", "under", "more",
 * "most", "no", "not") are left out, so "no confidence" keeps "no".
 * Sorted in byte order, for bsearch(). */
static const char *const english[] = {
    "a", "about", "after", "again", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "during", "each",
    "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "itself", "just", "me", "my", "myself",
    "nor", "of", "on", "once", "only", "or", "other", "our", "ours",
    "ourselves", "own", "same", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too",
    "until", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your",
    "yours", "yourself", "yourselves",
};

static const stoplist_t english_list = { english, sizeof english / sizeof english[0], NULL };
static const stoplist_t no_list = { NULL, 0, NULL };

const stoplist_t *stoplist_builtin(const char *language)
{
    if (language == NULL || strcmp(language, "english") == 0 || strcmp(language, "porter") == 0)
        return &english_list;
    for (size_t i = 0; i < stoplist_builtin_count; i++)
        if (strcmp(stoplist_builtins[i].language, language) == 0)
            return &stoplist_builtins[i].list;
    return &no_list;
}

static int compare_words(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

stoplist_t *stoplist_parse(const char *text, size_t len)
{
    stoplist_t *list = calloc(1, sizeof *list);
    char *copy = malloc(len + 1);
    size_t count = 0;

    if (list == NULL || copy == NULL)
        goto fail;
    memcpy(copy, text, len);
    copy[len] = '\0';
    for (size_t i = 0; i < len; i++)
        count += copy[i] == '\n';
    const char **words = calloc(count + 1, sizeof *words);
    if (words == NULL)
        goto fail;
    count = 0;
    for (char *line = copy, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (*line)
            words[count++] = line;
        if (nl == NULL)
            break;
    }
    if (count)
        qsort(words, count, sizeof *words, compare_words);
    list->words = words;
    list->count = count;
    list->storage = copy;
    return list;
fail:
    free(list);
    free(copy);
    return NULL;
}

void stoplist_free(stoplist_t *list)
{
    if (list == NULL || list->storage == NULL)
        return;         /* built-in lists are static */
    free((void *)list->words);
    free(list->storage);
    free(list);
}

char *stoplist_format(const stoplist_t *list)
{
    size_t len = 0;
    for (size_t i = 0; i < list->count; i++)
        len += strlen(list->words[i]) + 1;
    char *out = malloc(len + 1), *at = out;
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < list->count; i++) {
        size_t n = strlen(list->words[i]);
        memcpy(at, list->words[i], n);
        at[n] = '\n';
        at += n + 1;
    }
    *at = '\0';
    return out;
}

typedef struct {
    const char *word;
    size_t len;
} key_t_;

static int compare_key(const void *k, const void *element)
{
    const key_t_ *key = k;
    const char *word = *(const char *const *)element;
    size_t n = strlen(word);
    int c = memcmp(key->word, word, key->len < n ? key->len : n);

    if (c != 0)
        return c;
    return key->len < n ? -1 : key->len > n;
}

int stoplist_has(const stoplist_t *list, const char *word, size_t len)
{
    key_t_ key = { word, len };
    return list->count
           && bsearch(&key, list->words, list->count, sizeof *list->words, compare_key) != NULL;
}
