/* analyzer.h: the one analyzer that indexer, query parser and snippets share.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * It splits UTF-8 text into tokens with byte offsets, folds case, normalises
 * apostrophes and stems with libstemmer.  Whatever produces index terms,
 * query terms or highlighted words goes through analyzer_tokenize(), so a
 * word that is found is also highlighted, and the other way round.
 *
 * Token rules (pinned by tests/unit/analyzer.c):
 * - A token is a run of word characters (xs_unicode_is_wordchar(): letters,
 *   marks, numbers and connector punctuation, so "foo_bar" is one token).
 * - An apostrophe (U+0027, U+2019, U+02BC) between two word characters joins
 *   them and is stored as U+0027: "England’s" and "England's" give
 *   "england's".  U+02BC is a letter for Unicode but is treated as an
 *   apostrophe.  Elsewhere apostrophes separate: "‘fast’" gives "fast".
 * - '.' or ',' between two ASCII digits joins them: "20.04", "1,000".
 * - Everything else separates tokens: hyphens ("co-commission" gives "co",
 *   "commission"; "2014-15" gives "2014", "15"), currency ("£350m" gives
 *   "350m"), quotes, ellipses, white space, control characters.
 * - Invalid UTF-8 bytes separate tokens; offsets never split a sequence.
 * - Case folding is Xapian's simple lower-case mapping; accents are kept.
 * - Tokens whose folded word is longer than ANALYZER_MAX_WORD bytes are
 *   skipped and use no position.
 * - Words with neither an ASCII letter nor a non-ASCII character (ASCII
 *   digits, '_' and joiners only) are not stemmed: their stem is the word.
 *   Snowball leaves them alone anyway.
 * - An acronym's plural as written, two or more ASCII capitals and a
 *   lower-case s ("CCGs", "NGOs", "MPs"), also has its singular's stem
 *   (alt_stem "ccg"): Snowball leaves "ccgs" and "ngos" whole, so
 *   title:ccg would miss "CCGs confident...".  Only the case tells it from
 *   a word ("Gas", "BUS") or an acronym ending in S ("NHS", "TSS"), which
 *   is why the tokenizer, which sees the text as written, says it.  Not
 *   with stemming off ("none").
 */
#ifndef TRAWL_ANALYZER_H
#define TRAWL_ANALYZER_H

#include <stddef.h>
#include "stopwords.h"

#define ANALYZER_MAX_WORD 64

typedef struct analyzer analyzer_t;

typedef struct {
    size_t start, end;      /* byte offsets of the token in the input [start, end) */
    const char *word;       /* folded form, NUL-terminated; valid during the callback */
    size_t word_len;
    const char *stem;       /* stem of word, NUL-terminated; valid during the callback */
    size_t stem_len;
    const char *alt_stem;   /* a second stem the token also has (an acronym's
                               plural: its singular's), NUL-terminated, else
                               NULL; set by analyzer_tokenize_words() too
                               (there it may equal the stem) */
    size_t alt_stem_len;
    unsigned position;      /* 1, 2, 3 ... within one analyzer_tokenize() call */
} token_t;

/* Called for each token.  Return 0 to go on, non-zero to stop (that value is
 * then returned by analyzer_tokenize()). */
typedef int (*token_fn)(void *ctx, const token_t *token);

/* Creates an analyzer stemming in LANGUAGE (a libstemmer name or ISO code:
 * "english", "en", "french", ...; NULL means "english"; "none" turns
 * stemming off, stems are then the folded words).  Names are matched
 * ignoring ASCII case.  Returns NULL if the language is unknown or memory
 * runs out; *errmsg (if ERRMSG is not NULL) then gets a malloc'ed message
 * "unknown language 'xx' (available: arabic, ..., yiddish, none)" (NULL if
 * memory ran out): free() it.  On success *errmsg is set to NULL.
 * Ownership: free the analyzer with analyzer_free(). */
analyzer_t *analyzer_new(const char *language, char **errmsg);
void analyzer_free(analyzer_t *analyzer);

/* The canonical libstemmer name of the language ("english" for "en" or
 * "eng"; "none").  A code libstemmer knows but trawl's alias table does not
 * is reported as given, in lower case. */
const char *analyzer_language(const analyzer_t *analyzer);

/* Tokenizes TEXT[0..LEN) (need not be NUL-terminated nor valid UTF-8),
 * calling FN for each token.  Returns 0, or FN's non-zero return, or -1 when
 * memory runs out. */
int analyzer_tokenize(analyzer_t *analyzer, const char *text, size_t len,
                      token_fn fn, void *ctx);

/* Like analyzer_tokenize(), but tokens carry no stem (stem NULL, stem_len
 * 0): much faster, for callers that need the stems of only a few tokens and
 * get them with analyzer_stem(). */
int analyzer_tokenize_words(analyzer_t *analyzer, const char *text, size_t len,
                            token_fn fn, void *ctx);

/* Non-zero if, in this analyzer's language, a word's stem is empty or starts
 * with the word's first byte (true of "english", "porter" and "none"): then a
 * caller looking for given stems may skip stemming words whose first byte
 * none of them has. */
int analyzer_stem_keeps_first_byte(const analyzer_t *analyzer);

/* Stems one already folded WORD (need not be NUL-terminated), exactly as
 * analyzer_tokenize() stems its tokens.  *stem_out is NUL-terminated, owned
 * by the analyzer and valid until its next call.  Returns 0, or -1 when
 * memory runs out. */
int analyzer_stem(analyzer_t *analyzer, const char *word, size_t len,
                  const char **stem_out, size_t *stem_len_out);

/* Non-zero if the folded WORD[0..LEN) is a stopword of the analyzer's
 * list (stopwords.h): its language's, or the one set below. */
int analyzer_is_stopword(const analyzer_t *analyzer, const char *word, size_t len);

/* The analyzer's stop list (owned by it). */
const stoplist_t *analyzer_stoplist(const analyzer_t *analyzer);

/* Replaces the stop list with LIST (the analyzer takes it over and frees
 * it; NULL: the language's own list again): the list an index was made
 * with. */
void analyzer_set_stoplist(analyzer_t *analyzer, stoplist_t *list);

/* The names of the available stemming languages, NULL-terminated (static). */
const char **analyzer_languages(void);

#endif /* TRAWL_ANALYZER_H */
