/* msg.c: errors and warnings on stderr, with one prefix.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
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
 * stderr, and their lines must not run into each other.  What the line
 * says passes the terminal's escaper (escape.h): messages quote file
 * names, ids, dates, arguments and queries, and none of their bytes may
 * act on the terminal or forge a line of a log. */
static void vmessage(const char *kind, const char *fmt, va_list ap)
{
    char text[4096], *message = text;
    buf_t line = BUF_INIT;
    va_list again;
    int n;

    fflush(stdout);
    va_copy(again, ap);
    n = vsnprintf(text, sizeof text, fmt, ap);
    if (n >= 0 && (size_t)n >= sizeof text && (message = malloc((size_t)n + 1)) != NULL)
        vsnprintf(message, (size_t)n + 1, fmt, again);
    va_end(again);
    if (message == NULL) {   /* no memory for all of it: what fitted */
        message = text;
        n = (int)strlen(text);
    }
    if (kind)
        buf_printf(&line, "%s: %s: ", program_name, kind);
    else
        buf_puts(&line, "  ");
    esc_terminal(&line, message, n < 0 ? 0 : (size_t)n);
    buf_putc(&line, '\n');
    if (!line.failed)
        fwrite(line.data, 1, line.len, stderr);
    else   /* the message may be unsafe: say only that there was one */
        fprintf(stderr, "%s: %s: (out of memory for the message)\n", program_name,
                kind ? kind : "note");
    if (message != text)
        free(message);
    buf_free(&line);
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
