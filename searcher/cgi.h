/* cgi.h: one request of trawl.cgi, whichever way the web server sends it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * As a plain CGI program (a process per request) the request is the
 * process's environment and standard input, and the answer goes to
 * standard output.  As a FastCGI application (cgi-fcgi.c: the process, the
 * open index and its analyzer are kept across requests) each request is
 * the FastCGI params and streams of one connection.  cgi_serve() (cgi.c)
 * answers one request either way; what it keeps between requests is in
 * cgi_state_t; cgi-main.c chooses the way.  See doc/cgi.md.
 */
#ifndef TRAWL_CGI_H
#define TRAWL_CGI_H

#include "cgi-totals.h"
#include <stddef.h>

#include "search.h"

typedef struct cgi_io cgi_io_t;

struct cgi_io {
    /* The request's variables, "NAME=value", NULL-terminated: CGI's
     * environ, or the FastCGI params.  REQUEST_METHOD, QUERY_STRING and
     * the others are read from here only. */
    char **env;
    /* 1: a FastCGI request.  Settings (TRAWL_DB ...) not among its params
     * are then looked up in the process's environment too (the server's
     * "bin-environment"), before the settings file. */
    int persistent;
    /* Reads up to N bytes of the request body into BUF; returns how many
     * (fewer only at its end). */
    size_t (*read)(cgi_io_t *io, char *buf, size_t n);
    /* Writes DATA[0..N) of the answer; returns 0, or -1 when it failed. */
    int (*write)(cgi_io_t *io, const char *data, size_t n);
    void *stream;              /* for read and write */
    /* What the time limit (TRAWL_CGI_SECONDS) writes to LIMIT_FD before
     * the process exits, from a signal handler: a complete 503 answer in
     * the protocol of the request (CGI_TIME_LIMIT_ANSWER, framed for
     * FastCGI). */
    int limit_fd;
    const char *limit_answer;
    size_t limit_len;
};

/* The headers of every answer: no type sniffing, a policy that allows no
 * script, no referrer outside, and no cache keeping a page (results are
 * the index's of the moment, and carry what the reader typed). */
#define CGI_SAFETY_HEADERS \
    "X-Content-Type-Options: nosniff\r\n" \
    "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; " \
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n" \
    "Referrer-Policy: same-origin\r\n" \
    "Cache-Control: no-store\r\n"

/* The 503 answer for a request over the time limit, as CGI output. */
#define CGI_TIME_LIMIT_ANSWER \
    "Status: 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n" \
    "Content-Length: 40\r\nRetry-After: 10\r\n" CGI_SAFETY_HEADERS "\r\n" \
    "The search took too long. Please retry.\n"

/* What trawl.cgi keeps between requests: the index, opened at the first
 * request that needs it and reopened at the latest commit for each one
 * after (afresh when TRAWL_DB names another index, or when it was
 * rebuilt: its UUID changed). */
typedef struct {
    const char *program;       /* argv[0]: the settings file is found beside it
                                  when the server sets no SCRIPT_FILENAME */
    searcher_t *searcher;
    char *db_path;             /* the TRAWL_DB it was opened with */
    char *uuid;                /* the index's UUID then ("" when unknown) */
    cgi_totals_t totals;       /* its counts by source, year and month */
} cgi_state_t;

/* Answers one request on IO.  Returns 0, or -1 when writing the answer
 * failed (the client went away). */
int cgi_serve(cgi_io_t *io, cgi_state_t *state);

/* Closes what STATE holds. */
void cgi_state_free(cgi_state_t *state);

#endif /* TRAWL_CGI_H */
