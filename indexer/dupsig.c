/* dupsig.c: MinHash signatures of body shingles and their LSH band keys.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Hashing, all of it 64-bit unsigned arithmetic (defined wrap-around, so
 * every platform computes the same bits):
 * - a word is FNV-1a 64 of its folded bytes (common/hash.h);
 * - a shingle chains its words' hashes through mix64(), which is a
 *   bijection with full avalanche, so the shingle hash is well spread and
 *   depends on the words' order;
 * - row i's hash of a shingle x is the high 32 bits of x * A[i] + B[i]
 *   (multiply-shift, one multiply a row: the 128 rows cost 128 multiplies a
 *   word, a loop the compiler vectorizes); A[i] (odd) and B[i] come from
 *   splitmix64 seeded with DUPSIG_SEED;
 * - a band key is mix64() chained over the band number and its rows, of
 *   which it shows the low 40 bits in hex.
 */
#include <stdlib.h>
#include <string.h>

#include "dupsig.h"
#include "hash.h"

/* The seed of the rows' constants and of the shingle and band hashes.
 * Stored results depend on it: never change it. */
#define DUPSIG_SEED 0x7472617768647570ull   /* "trawldup" */

_Static_assert(DUPSIG_BANDS * DUPSIG_BAND_ROWS <= DUPSIG_ROWS, "bands use rows that exist");

#define KEY_PREFIX_LEN (sizeof DUPSIG_KEY_PREFIX - 1)
#define KEY_HEX_DIGITS (DUPSIG_KEY_LEN - KEY_PREFIX_LEN)   /* 40 bits */
_Static_assert(DUPSIG_MIN_WORDS >= DUPSIG_MAX_SHINGLE_WORDS, "a signed body has a shingle");

struct dupsig_builder {
    analyzer_t *analyzer;                       /* borrowed; may be NULL */
    unsigned shingle_words;                     /* words in a shingle */
    uint64_t recent[DUPSIG_MAX_SHINGLE_WORDS];  /* the last words' hashes, a ring */
    size_t word_count;                          /* words fed since the reset */
    size_t quote_marks;                         /* quoted-line marks seen since */
    uint32_t minimum[DUPSIG_ROWS];              /* each row's least hash so far */
    uint64_t multiplier[DUPSIG_ROWS];           /* A[i], odd */
    uint64_t addend[DUPSIG_ROWS];               /* B[i] */
};

/* MurmurHash3's 64-bit finalizer (Appleby, public domain): a bijection in
 * which every input bit changes each output bit with probability ~1/2. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

/* splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", 2014): the next value of the sequence at *STATE. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

dupsig_builder_t *dupsig_builder_new(analyzer_t *analyzer)
{
    dupsig_builder_t *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    b->analyzer = analyzer;
    b->shingle_words = DUPSIG_SHINGLE_WORDS;
    uint64_t state = DUPSIG_SEED;
    for (size_t i = 0; i < DUPSIG_ROWS; i++) {
        b->multiplier[i] = splitmix64(&state) | 1;
        b->addend[i] = splitmix64(&state);
    }
    dupsig_builder_reset(b);
    return b;
}

void dupsig_builder_free(dupsig_builder_t *builder)
{
    free(builder);
}

int dupsig_builder_set_shingle_words(dupsig_builder_t *builder, unsigned words)
{
    if (words < 1 || words > DUPSIG_MAX_SHINGLE_WORDS)
        return -1;
    builder->shingle_words = words;
    dupsig_builder_reset(builder);
    return 0;
}

void dupsig_builder_reset(dupsig_builder_t *builder)
{
    builder->word_count = 0;
    builder->quote_marks = 0;
    for (size_t i = 0; i < DUPSIG_ROWS; i++)
        builder->minimum[i] = UINT32_MAX;
}

/* The row loop is the whole cost of a signature: where the compiler can,
 * it is built twice, for AVX2 and plain x86-64, and the processor picks
 * (3.6 times faster with AVX2; the integer results are the same bits). */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FOR_EACH_CPU __attribute__((target_clones("avx2", "default")))
#else
#define FOR_EACH_CPU
#endif

/* Folds the shingle hash X into every row's minimum. */
FOR_EACH_CPU static void add_shingle(dupsig_builder_t *b, uint64_t x)
{
    for (size_t i = 0; i < DUPSIG_ROWS; i++) {
        uint32_t h = (uint32_t)((x * b->multiplier[i] + b->addend[i]) >> 32);
        if (h < b->minimum[i])
            b->minimum[i] = h;
    }
}

/* The hash of the shingle that ends at the last word fed: the last
 * shingle_words word hashes, oldest first, chained through mix64(). */
static uint64_t last_shingle(const dupsig_builder_t *b)
{
    uint64_t x = DUPSIG_SEED;
    for (size_t k = b->shingle_words; k > 0; k--)
        x = mix64(x ^ b->recent[(b->word_count - k) % DUPSIG_MAX_SHINGLE_WORDS]);
    return x;
}

void dupsig_builder_add_word(dupsig_builder_t *builder, const char *word, size_t len)
{
    builder->recent[builder->word_count % DUPSIG_MAX_SHINGLE_WORDS]
        = fnv1a64(FNV1A64_INIT, word, len);
    builder->word_count++;
    if (builder->word_count >= builder->shingle_words)
        add_shingle(builder, last_shingle(builder));
}

static int add_token(void *ctx, const token_t *token)
{
    dupsig_builder_add_word(ctx, token->word, token->word_len);
    return 0;
}

void dupsig_builder_see_quotes(dupsig_builder_t *builder, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] == '>' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t'
                               || text[i - 1] == '\n')
            && (i + 1 == len || text[i + 1] != '='))
            builder->quote_marks++;
}

int dupsig_builder_add_text(dupsig_builder_t *builder, const char *text, size_t len)
{
    dupsig_builder_see_quotes(builder, text, len);
    return analyzer_tokenize_words(builder->analyzer, text, len, add_token, builder) == 0
           ? 0 : -1;
}

size_t dupsig_builder_word_count(const dupsig_builder_t *builder)
{
    return builder->word_count;
}

int dupsig_builder_finish(dupsig_builder_t *builder, dupsig_t *out)
{
    int enough = builder->word_count >= DUPSIG_MIN_WORDS
                 && builder->word_count >= builder->shingle_words;
    for (size_t i = 0; i < DUPSIG_ROWS; i++)
        out->row[i] = enough ? (uint16_t)(builder->minimum[i] & 0xffff) : 0;
    out->quoting = enough && builder->quote_marks >= DUPSIG_QUOTING_MARKS;
    dupsig_builder_reset(builder);
    return enough;
}

void dupsig_encode(const dupsig_t *sig, unsigned char out[DUPSIG_BYTES])
{
    for (size_t i = 0; i < DUPSIG_ROWS; i++) {
        out[2 * i] = (unsigned char)(sig->row[i] & 0xff);
        out[2 * i + 1] = (unsigned char)(sig->row[i] >> 8);
    }
    out[DUPSIG_ROWS_BYTES] = sig->quoting ? DUPSIG_FLAG_QUOTING : 0;
}

int dupsig_decode(const void *data, size_t len, dupsig_t *sig)
{
    const unsigned char *p = data;
    if (len != DUPSIG_BYTES && len != DUPSIG_ROWS_BYTES)
        return -1;
    for (size_t i = 0; i < DUPSIG_ROWS; i++)
        sig->row[i] = (uint16_t)(p[2 * i] | (unsigned)p[2 * i + 1] << 8);
    sig->quoting = len == DUPSIG_BYTES && (p[DUPSIG_ROWS_BYTES] & DUPSIG_FLAG_QUOTING);
    return 0;
}

uint64_t dupsig_band_hash(const dupsig_t *sig, unsigned band)
{
    uint64_t h = mix64(DUPSIG_SEED ^ band);
    for (size_t i = 0; i < DUPSIG_BAND_ROWS; i++)
        h = mix64(h ^ sig->row[band * DUPSIG_BAND_ROWS + i]);
    return h & ((UINT64_C(1) << (4 * KEY_HEX_DIGITS)) - 1);
}

void dupsig_band_key(const dupsig_t *sig, unsigned band, char out[DUPSIG_KEY_SIZE])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t h = dupsig_band_hash(sig, band);
    memcpy(out, DUPSIG_KEY_PREFIX, KEY_PREFIX_LEN);
    for (size_t i = 0; i < KEY_HEX_DIGITS; i++)
        out[KEY_PREFIX_LEN + i] = hex[(h >> (4 * (KEY_HEX_DIGITS - 1 - i))) & 0xf];
    out[DUPSIG_KEY_LEN] = '\0';
}

int dupsig_share_band(const dupsig_t *a, const dupsig_t *b)
{
    for (size_t band = 0; band < DUPSIG_BANDS; band++) {
        const uint16_t *x = a->row + band * DUPSIG_BAND_ROWS;
        const uint16_t *y = b->row + band * DUPSIG_BAND_ROWS;
        if (memcmp(x, y, DUPSIG_BAND_ROWS * sizeof *x) == 0)
            return 1;
    }
    return 0;
}

unsigned dupsig_equal_rows(const dupsig_t *a, const dupsig_t *b)
{
    unsigned equal = 0;
    for (size_t i = 0; i < DUPSIG_ROWS; i++)
        equal += a->row[i] == b->row[i];
    return equal;
}

int dupsig_same(const dupsig_t *a, const dupsig_t *b)
{
    return memcmp(a->row, b->row, sizeof a->row) == 0 && a->quoting == b->quoting;
}

double dupsig_similarity(const dupsig_t *a, const dupsig_t *b)
{
    return (double)dupsig_equal_rows(a, b) / DUPSIG_ROWS;
}
