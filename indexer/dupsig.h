/* dupsig.h: near-duplicate signatures of article bodies (MinHash) and their LSH band keys.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A syndicated copy of a story (a new headline, a banner line, the last
 * paragraph cut, a few words changed, an update added) shares most of its
 * runs of words with the original.  The signature estimates the Jaccard
 * similarity of two bodies' sets of DUPSIG_SHINGLE_WORDS-word shingles
 * (runs of consecutive words, across paragraph ends) with DUPSIG_ROWS
 * MinHash rows; band keys are short strings, one per band of
 * DUPSIG_BAND_ROWS rows, that two bodies share with a probability that
 * rises steeply with their similarity, so a body's candidate copies among
 * millions are the articles holding one of its keys (locality-sensitive
 * hashing), with no comparison of all pairs.
 *
 * Words are the folded words of trawl's one analyzer (text/analyzer.h); the
 * caller feeds the body paragraphs only (not the headline, not reader
 * comments).  A body of fewer than DUPSIG_MIN_WORDS words gets no
 * signature: it is never a copy of anything (title-only articles, empty
 * bodies, one-line posts are not grouped).
 *
 * Signatures are stored in the index, and band keys are worked out from
 * them (indexer/bandtable.h): both depend on nothing but the words (fixed
 * seeds, 64-bit integer arithmetic, little-endian encoding), so they are
 * the same on every machine and in every run, and
 * tests/unit/dupsig.c pins exact values.  Changing any parameter or hash
 * here changes the index format (bump SCHEMA_VERSION in common/schema.h).
 * The parameters and the measurements behind them: doc/benchmarks.md,
 * "Near-duplicate grouping".
 */
#ifndef TRAWL_DUPSIG_H
#define TRAWL_DUPSIG_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"

/* Words in a shingle: at the threshold each needs to keep 98% of grouped
 * pairs true near-duplicates on the test set mixed with 20 Newsgroups,
 * 4-word shingles group 96.9% of the copies, 3-word 96.4% (unrelated posts
 * share short phrases), 5-word 95.8% (a changed word breaks more
 * shingles): doc/benchmarks.md. */
#define DUPSIG_SHINGLE_WORDS 4
/* The longest shingle dupsig_builder_set_shingle_words() accepts. */
#define DUPSIG_MAX_SHINGLE_WORDS 8

/* Bodies with fewer words get no signature: a line, not an article, and
 * all empty bodies must never form one group.  The shortest of 20
 * Newsgroups' 531 cross-post copies has 9 words; 12 missed it, 6 would
 * add only two identical 7-word posts. */
#define DUPSIG_MIN_WORDS 8

/* MinHash rows: the estimate's standard error is sqrt(J(1-J)/128), 0.044
 * at J = 0.5.  Each row keeps the low 16 bits of its minimum (b-bit
 * MinHash): two different minima agree by chance once in 65,536 rows. */
#define DUPSIG_ROWS 128
/* A reply in mail or news quotes the post it answers ("> " lines), and
 * every reply to one post carries the same quoted text: two replies, or a
 * reply and its post, look alike by the quotes alone (20 Newsgroups' false
 * pairs at the news threshold are such replies, with 4-word estimates just
 * above it and 5-word Jaccards of 0.40 to 0.50).  A body with at least
 * this many quoted-line marks is *quoting*, and dupgroup.c asks more of a
 * pair with such a body (DUPGROUP_QUOTING_EXTRA_ROWS).  A mark is a '>'
 * that starts a paragraph or follows white space, not followed by '=': the
 * readers join a paragraph's lines with spaces, so each quoted line leaves
 * one.  Two, not one: a lone "a > b" in a story is no quotation. */
#define DUPSIG_QUOTING_MARKS 2
/* The stored signature: DUPSIG_ROWS 16-bit rows, little-endian, then one
 * byte of flags (DUPSIG_FLAG_QUOTING).  Indexes written before the flag
 * byte hold the rows alone (DUPSIG_ROWS_BYTES), read as flags 0. */
#define DUPSIG_ROWS_BYTES (DUPSIG_ROWS * 2)
#define DUPSIG_BYTES (DUPSIG_ROWS_BYTES + 1)
#define DUPSIG_FLAG_QUOTING 1

/* LSH: DUPSIG_BANDS bands of DUPSIG_BAND_ROWS rows (rows 0 to 59; the
 * estimate uses all 128).  Two bodies of similarity s share a band key with
 * probability 1 - (1 - s^3)^20: 0.93 at s = 0.5, 0.97 at the threshold
 * (0.547), 0.99 at 0.6, 0.15 at 0.2, 0.02 at 0.1.  20 bands of 3 rows
 * group as many copies as 32 of 4 or 42 of 3 (doc/benchmarks.md). */
#define DUPSIG_BANDS 20
#define DUPSIG_BAND_ROWS 3

/* A band key is 40 bits of a hash of the band's number and rows; spelled
 * as a term (dupsig_band_key(), for bench/dup-eval's lookups by term; the
 * index holds none since layout 5), "XB" and 10 lower-case hex digits.
 * Two different (band, rows) pairs share a key by chance, which costs a
 * false candidate that dupgroup.c drops (it compares the rows), not an
 * error. */
#define DUPSIG_KEY_PREFIX "XB"
#define DUPSIG_KEY_LEN 12
#define DUPSIG_KEY_SIZE (DUPSIG_KEY_LEN + 1)   /* with the terminating NUL */

typedef struct {
    uint16_t row[DUPSIG_ROWS];  /* low 16 bits of each row's minimum hash */
    unsigned char quoting;      /* 1: the body quotes another post (DUPSIG_QUOTING_MARKS) */
} dupsig_t;

/* Computes signatures, one body after another; keeps its scratch space
 * (and the rows' hash constants) between bodies. */
typedef struct dupsig_builder dupsig_builder_t;

/* A new builder.  ANALYZER (borrowed; it must outlive the builder) is used
 * by dupsig_builder_add_text(); it may be NULL for a caller that feeds
 * words with dupsig_builder_add_word() only.  NULL when out of memory.
 * Free with dupsig_builder_free(). */
dupsig_builder_t *dupsig_builder_new(analyzer_t *analyzer);
void dupsig_builder_free(dupsig_builder_t *builder);

/* For bench/dup-eval only (indexes must use DUPSIG_SHINGLE_WORDS): sets the
 * shingle length, 1 to DUPSIG_MAX_SHINGLE_WORDS, and resets the builder.
 * Returns 0, or -1 (nothing changed) when WORDS is out of range. */
int dupsig_builder_set_shingle_words(dupsig_builder_t *builder, unsigned words);

/* Starts a new body (forgets the words fed so far). */
void dupsig_builder_reset(dupsig_builder_t *builder);

/* Feeds the words of TEXT[0..LEN) (one body paragraph, any bytes) as the
 * analyzer's analyzer_tokenize_words() gives them.  Shingles run across
 * paragraphs: a body split into paragraphs differently gives the same
 * signature.  Returns 0, or -1 when memory runs out (the builder is then
 * left with part of the paragraph; reset it). */
int dupsig_builder_add_text(dupsig_builder_t *builder, const char *text, size_t len);

/* Feeds one folded word WORD[0..LEN), as token_t.word gives it: for an
 * indexer that tokenizes the body anyway and passes its words on.  Such a
 * caller passes each body paragraph to dupsig_builder_see_quotes() too. */
void dupsig_builder_add_word(dupsig_builder_t *builder, const char *word, size_t len);

/* Counts the quoted-line marks of one body paragraph TEXT[0..LEN) towards
 * the body's `quoting` flag (dupsig_builder_add_text() does it itself). */
void dupsig_builder_see_quotes(dupsig_builder_t *builder, const char *text, size_t len);

/* The number of words fed since the last reset. */
size_t dupsig_builder_word_count(const dupsig_builder_t *builder);

/* Finishes the body.  Returns 1 and fills *OUT when it had at least
 * DUPSIG_MIN_WORDS words; returns 0 (*OUT zeroed) when it had fewer: no
 * signature, the article is never grouped.  The builder is then reset. */
int dupsig_builder_finish(dupsig_builder_t *builder, dupsig_t *out);

/* Writes SIG as DUPSIG_BYTES bytes to OUT (the value stored in the index). */
void dupsig_encode(const dupsig_t *sig, unsigned char out[DUPSIG_BYTES]);

/* Reads a stored signature: DUPSIG_BYTES bytes, or DUPSIG_ROWS_BYTES (an
 * index written before the flag byte: not quoting).  Returns 0, or -1
 * (*SIG untouched) for any other LEN. */
int dupsig_decode(const void *data, size_t len, dupsig_t *sig);

/* Band BAND's key (0 <= BAND < DUPSIG_BANDS) of SIG as a number: the 40
 * bits its term spells in hex.  Two bands share a key exactly when they
 * share this number. */
uint64_t dupsig_band_hash(const dupsig_t *sig, unsigned band);

/* Writes band BAND's key of SIG to OUT: DUPSIG_KEY_LEN bytes and a NUL,
 * e.g. "XB3a9c04e57b". */
void dupsig_band_key(const dupsig_t *sig, unsigned band, char out[DUPSIG_KEY_SIZE]);

/* Non-zero if A and B agree on every row of some band: then they have that
 * band's key in common (keys of different rows collide with probability
 * 2^-40, which this ignores) and each is a candidate of the other. */
int dupsig_share_band(const dupsig_t *a, const dupsig_t *b);

/* The number of rows on which A and B agree, 0 to DUPSIG_ROWS: the
 * estimate of their shingle sets' Jaccard similarity is that over
 * DUPSIG_ROWS.  Integer, so thresholds compare exactly. */
unsigned dupsig_equal_rows(const dupsig_t *a, const dupsig_t *b);

/* Non-zero if A and B are the same signature (rows and flag; not memcmp():
 * the struct may have padding). */
int dupsig_same(const dupsig_t *a, const dupsig_t *b);

/* dupsig_equal_rows(A, B) / DUPSIG_ROWS. */
double dupsig_similarity(const dupsig_t *a, const dupsig_t *b);

#endif /* TRAWL_DUPSIG_H */
