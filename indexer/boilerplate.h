/* boilerplate.h: finds page furniture by a rule that generalises.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Two rules, documented in doc/design.md:
 * 1. Recurring lines: a short line (at most BOILERPLATE_MAX_LINE bytes after
 *    trimming and folding white space) found in at least
 *    BOILERPLATE_MIN_DOCS different documents of the corpus is site
 *    furniture, not story -- unless the page is a copy: when lines found in
 *    other documents (long lines too: a copy shares its paragraphs) hold at
 *    least BOILERPLATE_COPY_SHARE percent of a page's text, the page is
 *    itself one of several copies of an article, and only lines recurring
 *    in more documents than most of its text are furniture (page.c applies
 *    this with boilerplate_documents_with() and boilerplate_recurs()).
 * 2. A short list of page-furniture patterns (cookie and browser notices,
 *    "Related articles", "Ads by Google", "Unsuitable or offensive?", sign-in
 *    prompts ...), matched case-insensitively against whole lines.
 */
#ifndef TRAWL_BOILERPLATE_H
#define TRAWL_BOILERPLATE_H

#include <stddef.h>

#define BOILERPLATE_MAX_LINE 160
#define BOILERPLATE_MIN_DOCS 3
#define BOILERPLATE_COPY_SHARE 50

typedef struct boilerplate boilerplate_t;

/* A new, empty line counter.  NULL when out of memory.  Free with
 * boilerplate_free(). */
boilerplate_t *boilerplate_new(void);
void boilerplate_free(boilerplate_t *bp);

/* Counts the distinct lines of one document.  Returns 0, or -1 when out of
 * memory. */
int boilerplate_add_document(boilerplate_t *bp, const char *text, size_t len);

/* How many documents hold LINE, of any length: 0 for a blank line. */
unsigned long boilerplate_documents_with(const boilerplate_t *bp, const char *line, size_t len);

/* Non-zero if LINE is short and in at least MIN_DOCUMENTS documents. */
int boilerplate_recurs(const boilerplate_t *bp, const char *line, size_t len,
                       unsigned long min_documents);

/* Non-zero if LINE recurs in at least BOILERPLATE_MIN_DOCS documents (rule 1). */
int boilerplate_is_recurring(const boilerplate_t *bp, const char *line, size_t len);

/* Non-zero if LINE is page furniture by the pattern list (rule 2). */
int boilerplate_is_furniture(const char *line, size_t len);

/* How many documents were added. */
size_t boilerplate_document_count(const boilerplate_t *bp);

#endif /* TRAWL_BOILERPLATE_H */
