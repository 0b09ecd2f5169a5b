/* fuzz-analyzer.c: libFuzzer target for the tokenizer and stemmer
 * (analyzer_tokenize), checking what every token promises.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "analyzer.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    size_t len;            /* of the input */
    size_t last_end;       /* end of the previous token */
    unsigned last_position;
} check_t;

static int check_token(void *ctx, const token_t *t)
{
    check_t *c = ctx;
    FUZZ_CHECK(t->start < t->end && t->end <= c->len);
    FUZZ_CHECK(t->start >= c->last_end);          /* in order, no overlap */
    FUZZ_CHECK(t->position == c->last_position + 1);
    FUZZ_CHECK(t->word_len > 0 && t->word_len <= ANALYZER_MAX_WORD);
    FUZZ_CHECK(strlen(t->word) == t->word_len && fuzz_valid_utf8(t->word, t->word_len));
    FUZZ_CHECK(t->stem && strlen(t->stem) == t->stem_len && t->stem_len > 0);
    c->last_end = t->end;
    c->last_position = t->position;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static analyzer_t *analyzer;
    check_t c = { size, 0, 0 };

    if (analyzer == NULL && (analyzer = analyzer_new("english", NULL)) == NULL)
        abort();
    FUZZ_CHECK(analyzer_tokenize(analyzer, (const char *)data, size, check_token, &c) == 0);
    return 0;
}
