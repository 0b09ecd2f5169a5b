/* stopwords.c: the English stopword list and its lookup.
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
static const char *const stopwords[] = {
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

typedef struct {
    const char *word;
    size_t len;
} stopword_key_t;

static int compare(const void *k, const void *element)
{
    const stopword_key_t *key = k;
    const char *word = *(const char *const *)element;
    size_t n = strlen(word);
    int c = memcmp(key->word, word, key->len < n ? key->len : n);

    if (c != 0)
        return c;
    return key->len < n ? -1 : key->len > n;
}

int stopword_is(const char *word, size_t len)
{
    stopword_key_t key = { word, len };

    return bsearch(&key, stopwords, sizeof stopwords / sizeof *stopwords,
                   sizeof *stopwords, compare) != NULL;
}
