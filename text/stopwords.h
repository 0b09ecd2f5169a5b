/* stopwords.h: the short English stopword list for natural-language queries.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A word on this list carries little meaning alone ("what", "the", "of"),
 * so a query of plain words leaves it out when the query has other words
 * (see searcher/query.h).  Stopwords are still indexed: phrases, explicit
 * operands and queries made only of stopwords search them.
 */
#ifndef TRAWL_STOPWORDS_H
#define TRAWL_STOPWORDS_H

#include <stddef.h>

/* Non-zero if the folded WORD[0..LEN) (as analyzer_tokenize() gives it) is
 * an English stopword. */
int stopword_is(const char *word, size_t len);

#endif /* TRAWL_STOPWORDS_H */
