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

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
    fflush(stdout);
    if (kind)
        fprintf(stderr, "%s: %s: ", program_name, kind);
    else
        fputs("  ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
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
