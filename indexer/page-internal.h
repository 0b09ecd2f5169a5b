/* page-internal.h: what the parts of the page parser share (page.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Not a public header: page-lines.c tells what one line of a page is (a
 * date line, a byline, a commenter line, a comment heading, a headline);
 * page.c reads the front matter, joins lines into paragraphs and picks
 * the headline, date and byline.
 */
#ifndef TRAWL_PAGE_INTERNAL_H
#define TRAWL_PAGE_INTERNAL_H

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "date.h"

/* A piece of the page's cleaned text: not NUL-terminated. */
typedef struct {
    const char *s;
    size_t len;
} span_t;

static inline int span_is(span_t sp, const char *word)
{
    return sp.len == strlen(word) && strncasecmp(sp.s, word, sp.len) == 0;
}

static inline int has_prefix(span_t sp, const char *prefix)
{
    size_t n = strlen(prefix);
    return sp.len >= n && memcmp(sp.s, prefix, n) == 0;
}

static inline int has_suffix(span_t sp, const char *suffix)
{
    size_t n = strlen(suffix);
    return sp.len >= n && memcmp(sp.s + sp.len - n, suffix, n) == 0;
}

/* Ends a sentence or a quotation: a line ending so is not soft-wrapped. */
int page_ends_sentence(span_t sp);

/* The stored form of the date SP is (a date line when LINE: labels and
 * separators allowed, date_parse_line(); else the whole of SP,
 * date_parse()), in OUT; *LABEL (when not NULL) says what the line's label
 * called it.  Returns the date's precision (DATE_NONE: no date). */
date_precision_t page_read_date(span_t sp, int line, char out[DATE_TEXT_SIZE],
                                date_label_t *label);

/* "By Jane Smith": the name, or a zero-length span. */
span_t page_byline_name(span_t sp);

/* An author note closing the story ("Helen Mooney is a health reporter."):
 * the name, or a zero-length span. */
span_t page_author_note_name(span_t sp);

/* A commenter line: "Anony Mouse 25 January, 2021 11:22 pm". */
int page_is_commenter_line(span_t sp);

/* A comment-section heading: "Readers' comments (3)", "12 comments". */
int page_is_comment_heading(span_t sp);

/* SP without a final full stop that stands apart (" ."). */
span_t page_without_detached_stop(span_t sp);

/* A headline: short, not a sentence, with at least one letter. */
int page_is_headline(span_t sp);

#endif /* TRAWL_PAGE_INTERNAL_H */
