/* tap.h: a tiny Test Anything Protocol writer for the C unit tests.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: call ok()/is_str()/is_int() for each check, then return
 * tap_done() from main(); it prints the plan and fails if any check did.
 */
#ifndef TRAWL_TAP_H
#define TRAWL_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int tap_count, tap_failed;

static int tap_ok(int pass, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), unused));
static int tap_ok(int pass, const char *fmt, ...)
{
    va_list ap;
    printf("%s %d - ", pass ? "ok" : "not ok", ++tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    if (!pass)
        tap_failed++;
    fflush(stdout);
    return pass;
}

#define ok(cond, ...) tap_ok((cond) ? 1 : 0, __VA_ARGS__)

/* Compares two strings (NULL allowed) and shows both on failure. */
/* A test point that cannot be run here: "ok N # SKIP WHY" (TAP's skip,
 * which harnesses count apart from a pass). */
static void __attribute__((unused)) skip(const char *why)
{
    printf("ok %d # SKIP %s\n", ++tap_count, why);
}

static int __attribute__((unused))
is_str(const char *got, const char *expected, const char *name)
{
    int pass = (got == NULL || expected == NULL) ? got == expected
                                                 : strcmp(got, expected) == 0;
    tap_ok(pass, "%s", name);
    if (!pass)
        printf("#   got:      '%s'\n#   expected: '%s'\n",
               got ? got : "(null)", expected ? expected : "(null)");
    return pass;
}

static int __attribute__((unused))
is_int(long got, long expected, const char *name)
{
    int pass = got == expected;
    tap_ok(pass, "%s", name);
    if (!pass)
        printf("#   got: %ld, expected: %ld\n", got, expected);
    return pass;
}

/* Runs FN in a child process and passes if it returns and the child ends
 * with status 0: a crash ends it with a signal, and a sanitizer report
 * with a non-zero status (leak checks do not run: the child leaves with
 * _exit()).  For calls whose only promise is to do nothing, such as
 * freeing NULL; the test goes on whatever FN does. */
static int __attribute__((unused)) survives(void (*fn)(void), const char *name)
{
    int wstatus = 0;
    pid_t pid;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        fn();
        _exit(0);
    }
    int pass = pid > 0 && waitpid(pid, &wstatus, 0) == pid && WIFEXITED(wstatus)
               && WEXITSTATUS(wstatus) == 0;
    tap_ok(pass, "%s", name);
    if (!pass) {
        if (pid < 0)
            printf("#   fork failed\n");
        else if (WIFSIGNALED(wstatus))
            printf("#   killed by signal %d\n", WTERMSIG(wstatus));
        else
            printf("#   exit status %d\n", WEXITSTATUS(wstatus));
    }
    return pass;
}

static int __attribute__((unused)) tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif /* TRAWL_TAP_H */
