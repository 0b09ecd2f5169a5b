/* stopwords.h: the stop lists, one per language, for natural-language queries.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A word on the list carries little meaning alone ("what", "the", "of";
 * "der", "die", "und"), so a query of plain words leaves it out when the
 * query has other words (see searcher/query.h).  Stopwords are still
 * indexed: phrases, explicit operands and queries made only of stopwords
 * search them.  The list is the index's language's: Snowball's stop lists
 * (stopwords-data.c; trawl's shorter list for English), none for a
 * language Snowball has none for.  An index stores the list it was made
 * with (META_STOPWORDS), so that a later trawl with longer lists queries
 * it as before.
 */
#ifndef TRAWL_STOPWORDS_H
#define TRAWL_STOPWORDS_H

#include <stddef.h>

typedef struct {
    const char *const *words;  /* folded (as analyzer_tokenize() gives
                                  words), sorted in byte order */
    size_t count;
    void *storage;             /* NULL for a built-in list (static) */
} stoplist_t;

/* One built-in list (stopwords-data.c). */
typedef struct {
    const char *language;
    stoplist_t list;
} stoplist_entry_t;
extern const stoplist_entry_t stoplist_builtins[];
extern const size_t stoplist_builtin_count;

/* The built-in list of the stemmer LANGUAGE ("porter" and NULL are
 * English): static, never NULL (an empty list for a language without). */
const stoplist_t *stoplist_builtin(const char *language);

/* A list of the words of TEXT[0..LEN), one a line (as stoplist_format()
 * writes them, as an index stores them).  NULL when out of memory.  Free
 * with stoplist_free(). */
stoplist_t *stoplist_parse(const char *text, size_t len);
void stoplist_free(stoplist_t *list);

/* The words of LIST, each followed by a newline: malloc'ed, NULL when out
 * of memory. */
char *stoplist_format(const stoplist_t *list);

/* Non-zero if the folded WORD[0..LEN) is on LIST. */
int stoplist_has(const stoplist_t *list, const char *word, size_t len);

#endif /* TRAWL_STOPWORDS_H */
