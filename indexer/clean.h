/* clean.h: the cleaning every text gets before it is parsed.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Shared by the page parser (page.h), the recurring-line counter
 * (boilerplate.h) and the fields of records and messages (fields.h), so
 * that they all see the same lines.
 */
#ifndef TRAWL_CLEAN_H
#define TRAWL_CLEAN_H

#include <stddef.h>

/* TEXT[0..LEN) cleaned: valid UTF-8 (U+FFFD for bad bytes), LF line ends
 * (CRLF, CR, U+2028 and U+2029 accepted), controls and invisible format
 * characters dropped, tabs and Unicode spaces folded into single spaces,
 * lines trimmed.  Returns a malloc'ed string of *OUT_LEN bytes, or NULL
 * when out of memory. */
char *clean_text(const char *text, size_t len, size_t *out_len);

#endif /* TRAWL_CLEAN_H */
