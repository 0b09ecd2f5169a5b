/* wrap.h: text output folded at word boundaries to the terminal's width.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A hit's lines run long (titles, snippets, the citation); the terminal
 * would break them at its edge, mid-word ("Libera/l").  wrap_line() folds
 * a line at the spaces that fall outside a highlight, continuing with the
 * hanging indent of the hit, so that no word, multi-byte character or
 * marked match is ever split.
 */
#ifndef TRAWL_WRAP_H
#define TRAWL_WRAP_H

#include <stddef.h>
#include <stdio.h>
#include "buf.h"

/* The width to wrap to: COLUMNS when it is a positive number, else the
 * width of the terminal on file descriptor FD (TIOCGWINSZ), else 80. */
unsigned wrap_terminal_width(int fd);

/* The columns S[0..LEN) takes on a terminal, as wrap_line() counts them. */
unsigned wrap_columns(const char *s, size_t len);

/* Appends LINE[0..LEN) (no newline in it) to OUT folded to WIDTH columns.
 * Columns count characters, not bytes: an escape sequence takes none, an
 * East Asian wide character two.  Breaks fall only at a space outside a
 * highlight (between "\033[1;31m" and "\033[0m", or between "**" and
 * "**"); the spaces at a break are dropped and the next line starts with
 * the hanging indent: the line's own leading spaces, or four when it is a
 * hit's title ("[3] ...") or a paragraph of --show ("¶3 ...").  A word
 * wider than the line is left whole, past the edge. */
void wrap_line(buf_t *out, const char *line, size_t len, unsigned width);

/* A stream whose complete lines are written to DEST wrapped to WIDTH
 * (fopencookie()): closing it writes what is left and flushes DEST, which
 * stays open.  NULL when one cannot be made (write to DEST unwrapped). */
FILE *wrap_open(FILE *dest, unsigned width);

#endif /* TRAWL_WRAP_H */
