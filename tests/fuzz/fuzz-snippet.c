/* fuzz-snippet.c: libFuzzer target for the snippet generator (snippet_make).
 * The input's first line is the query (its words become match terms: stem,
 * exact word or prefix in turn), the rest the stored text.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "analyzer.h"
#include "fuzz-check.h"
#include "snippet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_TERMS 16

typedef struct {
    match_term_t terms[MAX_TERMS];
    char text[MAX_TERMS][ANALYZER_MAX_WORD + 1];
    size_t count;
} terms_t;

static int add_term(void *ctx, const token_t *t)
{
    terms_t *q = ctx;
    if (q->count == MAX_TERMS)
        return 1;
    match_term_t *m = &q->terms[q->count];
    m->kind = (match_kind_t)(q->count % 3);
    const char *s = m->kind == MATCH_STEM ? t->stem : t->word;
    size_t len = m->kind == MATCH_STEM ? t->stem_len : t->word_len;
    if (len > ANALYZER_MAX_WORD)
        len = ANALYZER_MAX_WORD;
    memcpy(q->text[q->count], s, len);
    m->text = q->text[q->count];
    m->len = len;
    m->group = (unsigned)q->count;
    m->phrase_length = 0;
    m->phrase_index = 0;
    q->count++;
    return 0;
}

/* Non-zero if OFFSET is at a character boundary of TEXT[0..LEN). */
static int boundary(const char *text, size_t len, size_t offset)
{
    return offset == len || ((unsigned char)text[offset] & 0xC0) != 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static analyzer_t *analyzer;
    const char *in = (const char *)data;
    const char *newline = memchr(in, '\n', size);
    size_t query_len = newline ? (size_t)(newline - in) : 0;
    size_t text_len = newline ? size - query_len - 1 : size;
    terms_t q = { .count = 0 };
    snippet_t snip;

    if (analyzer == NULL && (analyzer = analyzer_new("english", NULL)) == NULL)
        abort();
    /* The stored text is valid UTF-8 (snippet.h): make it so. */
    char *text = malloc(text_len + 1);
    if (text == NULL)
        return 0;
    const unsigned char *src = (const unsigned char *)in + (size - text_len);
    for (size_t i = 0; i < text_len;) {
        size_t n = fuzz_utf8_length(src + i, text_len - i);
        if (n == 0) {
            text[i++] = '?';
            continue;
        }
        memcpy(text + i, src + i, n);
        i += n;
    }
    analyzer_tokenize(analyzer, in, query_len, add_term, &q);

    matcher_t *matcher = matcher_new(analyzer, q.terms, q.count);
    if (matcher && snippet_make(matcher, text, text_len, 120, &snip) == 0) {
        size_t chars = 0, prev_end = 0;
        FUZZ_CHECK(snip.fragment_count <= SNIPPET_MAX_FRAGMENTS);
        for (size_t f = 0; f < snip.fragment_count; f++) {
            const fragment_t *fr = &snip.fragments[f];
            FUZZ_CHECK(fr->start <= fr->end && fr->end <= text_len && fr->start >= prev_end);
            FUZZ_CHECK(boundary(text, text_len, fr->start) && boundary(text, text_len, fr->end));
            for (size_t i = fr->start; i < fr->end; i++)
                chars += ((unsigned char)text[i] & 0xC0) != 0x80;
            size_t mark_end = 0;
            for (size_t m = 0; m < fr->mark_count; m++) {
                const mark_t *mk = &fr->marks[m];
                FUZZ_CHECK(mk->start < mk->end && mk->end <= fr->end - fr->start);
                FUZZ_CHECK(mk->start >= mark_end);   /* in order, never nested */
                mark_end = mk->end;
            }
            prev_end = fr->end;
        }
        FUZZ_CHECK(chars <= 120);
        snippet_free(&snip);
    }
    matcher_free(matcher);
    free(text);
    return 0;
}
