/* options.h: what getopt_long() rejects, said helpfully.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * With opterr = 0 and a short-option string that starts with ':', a
 * program hands each '?' or ':' that getopt_long() returns to
 * options_reject(), which names the nearest valid option:
 *
 *     trawl-search: unknown option '--limt'; did you mean --limit?
 */
#ifndef TRAWL_OPTIONS_H
#define TRAWL_OPTIONS_H

#include <getopt.h>
#include <stddef.h>

/* Whether NAME[0..LEN) is CANDIDATE mistyped: within one edit (a swap of
 * two neighbours counts one) of a name of up to 4 letters, two of a longer
 * one. */
int options_is_typo(const char *name, size_t len, const char *candidate);

/* The long option nearest NAME[0..LEN) by edit distance (a swap of two
 * letters counts one), or NULL when none is near enough to be a typo. */
const char *options_nearest(const char *name, size_t len, const struct option *options);

/* Reports the option that getopt_long() just refused (C is '?' or ':') in
 * ARGV, with OPTIONS and SHORTOPTS as given to it, and exits with status
 * 2 (EXIT_TROUBLE). */
_Noreturn void options_reject(int c, char **argv, const struct option *options,
                              const char *shortopts);

#endif /* TRAWL_OPTIONS_H */
