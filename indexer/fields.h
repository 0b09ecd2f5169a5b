/* fields.h: build the article model from fields already apart (JSON Lines, mail).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A JSON Lines record or a mail message states its title, date and body
 * apart, so no headline or boilerplate guessing is needed: these helpers
 * fill an article_t (article.h) directly, with the same cleaning as
 * page_parse() (valid UTF-8, no control characters, folded spaces).
 */
#ifndef TRAWL_FIELDS_H
#define TRAWL_FIELDS_H

#include <stddef.h>
#include "article.h"
#include "buf.h"

/* Appends the paragraphs of TEXT[0..LEN) to A as body paragraphs: blank
 * lines separate paragraphs, the lines of one paragraph are joined with a
 * space.  Returns 0, or -1 when memory runs out. */
int fields_add_paragraphs(article_t *a, const char *text, size_t len);

/* Sets *FIELD (freeing what it held) to TEXT[0..LEN) cleaned and on one
 * line; an empty result leaves *FIELD NULL (unknown).  Returns 0 or -1. */
int fields_set(char **field, const char *text, size_t len);

/* Sets A's date from TEXT[0..LEN): any form date_parse() reads (date.h),
 * a time and zone included ("1993-04-23T18:15:54Z", "26-FEB-1987
 * 15:01:01.79": the date as written).  An empty TEXT leaves the date
 * unknown; anything else that is not a date adds the warning "bad date
 * '...' ignored".  Returns 0, or -1 when memory runs out. */
int fields_set_date(article_t *a, const char *text, size_t len);

/* Appends KEY[0..KEY_LEN) = VALUE[0..LEN) (cleaned) to A's extra metadata.
 * Bytes of KEY outside [A-Za-z0-9_.-] (NUL too) become '_'; an empty KEY
 * is "_".  Returns 0 or -1. */
int fields_add_extra(article_t *a, const char *key, size_t key_len, const char *value,
                     size_t len);

/* Appends KEY[0..LEN) to OUT for a message: printable ASCII as it is,
 * every other byte as '?' (a name from a corpus may hold any byte), cut
 * to 48 bytes with "...". */
void fields_append_printable(buf_t *out, const char *key, size_t len);

/* Appends WHAT to A's warning ("; " between several).  Returns 0 or -1. */
int fields_add_warning(article_t *a, const char *what);

#endif /* TRAWL_FIELDS_H */
