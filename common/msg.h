/* msg.h: every message a program prints to stderr goes through here.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Format: "prog: error: <what failed>: <why>", "prog: warning: ...".
 */
#ifndef TRAWL_MSG_H
#define TRAWL_MSG_H

#include <stdarg.h>

/* Exit statuses, as grep's: documented in each program's --help. */
enum {
    EXIT_MATCH = 0,       /* success (for trawl-search: something matched) */
    EXIT_NO_MATCH = 1,    /* trawl-search: nothing matched; trawl-index: some files failed */
    EXIT_TROUBLE = 2      /* usage error, no index, index error */
};

/* Sets the program name used as the prefix (the basename of ARGV0). */
void msg_init(const char *argv0);
const char *msg_program(void);

void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void verrorf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: note: ..." on stderr: what the program chose, when asked (--verbose). */
void notef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A further line of detail under the last message ("  <detail>"). */
void detailf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: the message, then "try 'prog --help'"; exits EXIT_TROUBLE. */
void usagef(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif /* TRAWL_MSG_H */
