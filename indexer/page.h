/* page.h: a scraped text page as an article.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A scraped page holds more than its story: banners, a headline printed
 * twice, a date line, body paragraphs, reader comments, page furniture.
 * page_parse() keeps the story and its metadata and drops the rest.
 */
#ifndef TRAWL_PAGE_H
#define TRAWL_PAGE_H

#include <stddef.h>
#include "article.h"
#include "boilerplate.h"

/* Parses the page TEXT[0..LEN) (any bytes: invalid UTF-8 becomes U+FFFD,
 * NUL and other control characters are dropped, CRLF and CR line ends are
 * accepted).  BOILERPLATE (may be NULL) says which lines recur across the
 * corpus.  On success returns 0 and fills *OUT (free with article_free()).
 * Returns -1 with a malloc'ed *errmsg when the page has no text left after
 * cleaning ("no article text") or memory runs out; *OUT is then empty.
 *
 * The rules, in order:
 * - Front matter: leading "Key: value" lines (optionally between "---"
 *   lines) closed by a blank line, every key [A-Za-z][A-Za-z0-9_-]* and at
 *   least one known (id, title, date, source, byline, author, url; any
 *   case).  Unknown keys go to extra; the date is any form date_parse()
 *   reads (date.h), and a bad date is ignored with a warning.
 * - Lines dropped wherever they are: blank, recurring (boilerplate), page
 *   furniture, comment headings.  A dropped line ends a paragraph.
 * - Paragraphs: a line break is a paragraph break after a line ending in
 *   . ! ? : ) " ' ” ’, around a date line or commenter line and before a
 *   bullet ("• ", "- ", "* ", stripped); otherwise it is a soft wrap and the
 *   lines are joined with a space.  In a block where most lines end a
 *   sentence, every line is a paragraph.  A lone lower-case letter after a
 *   sentence at a line's end (an icon glyph) is dropped.
 * - Header: the leading paragraphs that are a date line (the date: what
 *   date_parse_line() reads, "Last Updated: Wednesday, 16 March 2005, 14:52
 *   GMT"; the first one, unless it is labelled as an update and a later
 *   one is not), a
 *   "By Jane Smith" line (the byline), the headline (the first short line
 *   not ending in . , ; : -- a detached " ." as tokenised text ends lines
 *   with is dropped and ignored -- or, whatever its length and ending, the
 *   first paragraph when the next one starts with it) or a repeat of it are
 *   metadata, not body.  Without a headline the title is the first
 *   sentence of the body, cut to at most 80 characters at a word boundary
 *   with "…" (title_derived = 1).  A page that is only a headline is an
 *   article with no paragraphs, found by its title; a page whose one line
 *   recurs in other pages keeps that line (not furniture).
 * - Comments start at the first comment heading ("Readers' comments (3)",
 *   "12 comments", "Please note, only ... comments ...") or commenter line
 *   ("<name> <date> <time>") after the story began; the commenter line is
 *   kept as a comment paragraph.
 * - Byline: "By <Name>" in the header, or a closing body paragraph
 *   "<Name> is a ... reporter." (journalist, correspondent, editor,
 *   writer, columnist), which is then dropped as an author note. */
int page_parse(const char *text, size_t len, const boilerplate_t *boilerplate,
                  article_t *out, char **errmsg);


/* The id the front matter of the page TEXT[0..LEN) states (its "Id:"
 * line, as page_parse() reads it), malloc'ed into *ID, or NULL there when
 * it states none.  Reads only the front matter, so the caller can tell
 * whose the article is before it pays for the rest.  Returns 0, or -1
 * when out of memory. */
int page_stated_id(const char *text, size_t len, char **id);

#endif /* TRAWL_PAGE_H */
