/* msg.c: errors and warnings on stderr, with one prefix.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

static const char *program_name = "trawl";

void msg_init(const char *argv0)
{
    const char *slash;
    if (argv0 == NULL || *argv0 == '\0')
        return;
    slash = strrchr(argv0, '/');
    program_name = slash ? slash + 1 : argv0;
}

const char *msg_program(void)
{
    return program_name;
}

/* Writes the whole line at once: the processes of trawl-index --jobs share
 * stderr, and their lines must not run into each other. */
static void vmessage(const char *kind, const char *fmt, va_list ap)
{
    char line[4096];
    va_list again;
    int prefix = kind ? snprintf(line, sizeof line, "%s: %s: ", program_name, kind)
                      : snprintf(line, sizeof line, "  ");

    fflush(stdout);
    va_copy(again, ap);
    int n = vsnprintf(line + prefix, sizeof line - (size_t)prefix - 1, fmt, ap);
    if (n >= 0 && (size_t)(prefix + n) < sizeof line - 1) {
        line[prefix + n] = '\n';
        fwrite(line, 1, (size_t)(prefix + n) + 1, stderr);
    } else {
        /* Too long for one write: in pieces, as written. */
        fwrite(line, 1, (size_t)prefix, stderr);
        vfprintf(stderr, fmt, again);
        fputc('\n', stderr);
    }
    va_end(again);
}

void verrorf(const char *fmt, va_list ap)
{
    vmessage("error", fmt, ap);
}

void errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error", fmt, ap);
    va_end(ap);
}

void warnf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning", fmt, ap);
    va_end(ap);
}

void notef(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("note", fmt, ap);
    va_end(ap);
}

void detailf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(NULL, fmt, ap);
    va_end(ap);
}

void usagef(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error", fmt, ap);
    va_end(ap);
    fprintf(stderr, "try '%s --help' for more information\n", program_name);
    exit(EXIT_TROUBLE);
}
