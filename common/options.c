/* options.c: refused options named with the nearest valid one (options.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "options.h"

#define MAX_NAME 64

/* The optimal string alignment distance between A[0..AN) and B[0..BN)
 * (Levenshtein plus the swap of two neighbours), both under MAX_NAME. */
static size_t distance(const char *a, size_t an, const char *b, size_t bn)
{
    if (an > MAX_NAME || bn > MAX_NAME)
        return (size_t)-1;
    size_t d[MAX_NAME + 1][MAX_NAME + 1];
    for (size_t i = 0; i <= an; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= bn; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= an; i++)
        for (size_t j = 1; j <= bn; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
                && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[an][bn];
}

int options_is_typo(const char *name, size_t len, const char *candidate)
{
    size_t d = distance(name, len, candidate, strlen(candidate));
    /* One edit in a short name, two in a longer one: beyond that the
     * "nearest" option is a guess, not a correction. */
    return d <= (len <= 4 ? 1u : 2u) && d < len;
}

const char *options_nearest(const char *name, size_t len, const struct option *options)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (const struct option *o = options; o->name; o++) {
        size_t d = distance(name, len, o->name, strlen(o->name));
        if (d < best_d && options_is_typo(name, len, o->name)) {
            best = o->name;
            best_d = d;
        }
    }
    return best;
}

/* The long options NAME[0..LEN) abbreviates, in OUT as " --a --b". */
static size_t abbreviates(const char *name, size_t len, const struct option *options,
                          char *out, size_t size)
{
    size_t count = 0, used = 0;
    out[0] = '\0';
    for (const struct option *o = options; o->name; o++)
        if (strncmp(o->name, name, len) == 0) {
            count++;
            int n = snprintf(out + used, size - used, " --%s", o->name);
            if (n > 0 && (size_t)n < size - used)
                used += (size_t)n;
        }
    return count;
}

static _Noreturn void refuse(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "%s: ", msg_program());
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\ntry '%s --help' for more information\n", msg_program());
    exit(EXIT_TROUBLE);
}

_Noreturn void options_reject(int c, char **argv, const struct option *options,
                              const char *shortopts)
{
    const char *arg = argv[optind - 1];
    char list[1024];

    if (optopt != 0 && strncmp(arg, "--", 2) != 0) {
        char letter[2] = { (char)optopt, '\0' };
        if (c == ':')
            refuse("option '-%s' needs a value%s", letter, "");
        refuse(strchr(shortopts, optopt) ? "option '-%s' needs no value%s"
                                          : "unknown option '-%s'%s", letter, "");
    }
    const char *name = arg + 2;
    size_t len = strcspn(name, "=");
    for (const struct option *o = options; o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            refuse(c == ':' || o->has_arg == required_argument
                       ? "option '--%s' needs a value%s" : "option '--%s' takes no value%s",
                   o->name, "");
    if (abbreviates(name, len, options, list, sizeof list) > 1) {
        char given[MAX_NAME];
        snprintf(given, sizeof given, "%.*s", (int)len, name);
        refuse("option '--%s' is ambiguous: it could be%s", given, list);
    }
    const char *near = options_nearest(name, len, options);
    char given[MAX_NAME + 3];
    snprintf(given, sizeof given, "--%.*s", (int)(len < MAX_NAME ? len : MAX_NAME), name);
    if (near)
        refuse("unknown option '%s'; did you mean --%s?", given, near);
    refuse("unknown option '%s'%s", given, "");
}
