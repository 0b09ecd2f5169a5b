/* pager.h: trawl-search's results through a pager on a terminal.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * As git and man do: when standard output is a terminal, the results go
 * through $TRAWL_PAGER, else the config file's pager, else $PAGER, else
 * "less -FRX" (quit when it fits one screen, keep colour, leave the text
 * on the screen).  An empty pager, "cat" or "none" means none.
 */
#ifndef TRAWL_PAGER_H
#define TRAWL_PAGER_H

#include <stdio.h>

typedef struct {
    FILE *out;                /* where the results go: stdout, the pager or the
                                 wrapping stream in front of either */
    FILE *pager;              /* popen()'ed, or NULL */
    FILE *wrap;               /* wrap_open()'ed, or NULL */
} pager_t;

/* The pager command to use (CONFIGURED: the config file's, or NULL), or
 * NULL for none. */
const char *pager_command(const char *configured);

/* Sets P->out for the results: through COMMAND (NULL: none) when standard
 * output is a terminal, and wrapped to the terminal's width when WRAP and
 * standard output is a terminal.  Falls back to plain stdout when the
 * pager cannot be started. */
void pager_start(pager_t *p, const char *command, int wrap);

/* Flushes the results, closes the wrapping stream and waits for the pager
 * to exit.  Returns 0, or -1 when the results could not be written. */
int pager_finish(pager_t *p);

#endif /* TRAWL_PAGER_H */
