/* analyzer-cache.c: the analyzer's stem cache (allocated at the first
 * stem, grown as it misses) never changes a stem.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tens of thousands of distinct words take the cache through each of its
 * sizes; a few frequent words, stemmed again between them, are hits that
 * were moved over at each growth.  Every stem is compared with
 * libstemmer's own, through analyzer_stem() and analyzer_tokenize().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "analyzer.h"
#include "tap.h"

#define WORDS 20000

static const char *const suffixes[] = {
    "", "s", "ing", "ed", "er", "ers", "ness", "ational", "ies", "ly", "ment", "ations",
};
#define SUFFIXES (sizeof suffixes / sizeof suffixes[0])

/* The Nth word: a letter stem of its own, then a suffix. */
static void word_n(unsigned n, char *out, size_t size)
{
    char base[16];
    size_t k = 0;
    unsigned v = n / SUFFIXES;

    base[k++] = 'b';
    do {
        base[k++] = (char)('a' + v % 26);
        v /= 26;
    } while (v > 0 && k < sizeof base - 1);
    base[k] = '\0';
    snprintf(out, size, "%s%s", base, suffixes[n % SUFFIXES]);
}

static struct sb_stemmer *reference;
static unsigned wrong;

/* Checks the analyzer's stem of WORD against libstemmer's. */
static void check(analyzer_t *a, const char *word)
{
    const char *stem;
    size_t len;
    const sb_symbol *want = sb_stemmer_stem(reference, (const sb_symbol *)word,
                                            (int)strlen(word));
    size_t want_len = (size_t)sb_stemmer_length(reference);

    if (analyzer_stem(a, word, strlen(word), &stem, &len) != 0 || len != want_len
        || memcmp(stem, want, len) != 0) {
        if (wrong++ < 5)
            printf("#   '%s': got '%s', libstemmer '%.*s'\n", word, stem, (int)want_len,
                   (const char *)want);
    }
}

static int check_token(void *ctx, const token_t *t)
{
    const sb_symbol *want = sb_stemmer_stem(reference, (const sb_symbol *)t->word,
                                            (int)t->word_len);
    (void)ctx;
    if ((size_t)sb_stemmer_length(reference) != t->stem_len
        || memcmp(t->stem, want, t->stem_len) != 0) {
        if (wrong++ < 5)
            printf("#   token '%s': got '%s'\n", t->word, t->stem);
    }
    return 0;
}

int main(void)
{
    static const char *const frequent[] = {
        "the", "running", "nations", "commissioning", "teams", "bullying", "areas",
        "relational", "happiness", "flies",
    };
    analyzer_t *a = analyzer_new("english", NULL);
    char word[32];

    reference = sb_stemmer_new("english", "UTF_8");
    if (a == NULL || reference == NULL) {
        printf("Bail out! no English analyzer or stemmer\n");
        return 1;
    }

    /* Every word new, the frequent ones again every 10 words. */
    for (unsigned n = 0; n < WORDS; n++) {
        word_n(n, word, sizeof word);
        check(a, word);
        if (n % 10 == 0)
            for (size_t f = 0; f < sizeof frequent / sizeof frequent[0]; f++)
                check(a, frequent[f]);
    }
    is_int(wrong, 0, "analyzer_stem(): libstemmer's stem for 20,000 new words and frequent ones");

    /* The same words again: now many are hits. */
    wrong = 0;
    for (unsigned n = 0; n < WORDS; n++) {
        word_n(n, word, sizeof word);
        check(a, word);
    }
    is_int(wrong, 0, "analyzer_stem(): the same words again");

    /* Tokens of a text of them, in a new analyzer (its cache grows while
     * tokenizing), twice. */
    analyzer_t *b = analyzer_new("english", NULL);
    size_t cap = WORDS * 24, used = 0;
    char *text = malloc(cap);
    ok(b != NULL && text != NULL, "a second analyzer");
    if (b == NULL || text == NULL)
        return tap_done();
    for (unsigned n = 0; n < WORDS; n++) {
        word_n((n * 7919u) % WORDS, word, sizeof word);
        used += (size_t)snprintf(text + used, cap - used, "%s%s ", n % 3 ? "" : "The ", word);
    }
    wrong = 0;
    int rc = analyzer_tokenize(b, text, used, check_token, NULL);
    rc |= analyzer_tokenize(b, text, used, check_token, NULL);
    is_int(rc, 0, "analyzer_tokenize() runs");
    is_int(wrong, 0, "analyzer_tokenize(): libstemmer's stems, twice");

    free(text);
    analyzer_free(a);
    analyzer_free(b);
    sb_stemmer_delete(reference);
    return tap_done();
}
