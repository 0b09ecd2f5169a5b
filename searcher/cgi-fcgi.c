/* cgi-fcgi.c: trawl.cgi as a FastCGI application (libfcgi).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A web server that runs trawl.cgi as FastCGI (lighttpd's mod_fastcgi
 * "bin-path", Apache's mod_fcgid, spawn-fcgi for nginx) starts it with a
 * listening socket as standard input.  The process then answers request
 * after request: each one's variables come from its FastCGI params and its
 * body from its stdin stream, and the answer goes to its stdout stream, so
 * nothing of one request reaches the next (cgi.h).  The process, the open
 * index and the analyzer (with its stem cache) stay.  SIGTERM, which web
 * servers send to stop their FastCGI processes, ends the loop after the
 * request in hand.  Built without libfcgi, trawl.cgi is a CGI program only.
 */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cgi-fcgi.h"
#include "msg.h"

#ifndef HAVE_LIBFCGI

int cgi_fcgi_started(void)
{
    return 0;
}

int cgi_fcgi_run(cgi_state_t *state)
{
    (void)state;
    return 1;
}

#else

#include <fastcgi.h>
#include <fcgiapp.h>

int cgi_fcgi_started(void)
{
    /* libfcgi's test: standard input is a socket that is not connected
     * (a listening one).  A CGI's standard input is a pipe, a file, a
     * connected socket or /dev/null. */
    return !FCGX_IsCGI();
}

static size_t fcgi_read(cgi_io_t *io, char *buf, size_t n)
{
    FCGX_Request *req = io->stream;
    size_t done = 0;

    while (done < n) {
        size_t want = n - done < INT_MAX ? n - done : INT_MAX;
        int got = FCGX_GetStr(buf + done, (int)want, req->in);
        if (got <= 0)
            break;
        done += (size_t)got;
    }
    return done;
}

static int fcgi_write(cgi_io_t *io, const char *data, size_t n)
{
    FCGX_Request *req = io->stream;

    while (n > 0) {
        int chunk = n < INT_MAX ? (int)n : INT_MAX;
        if (FCGX_PutStr(data, chunk, req->out) != chunk)
            return -1;
        data += chunk;
        n -= (size_t)chunk;
    }
    return 0;
}

/* Appends a FastCGI record header (type TYPE, request ID, LEN bytes of
 * content, no padding) at P; returns the byte after it. */
static unsigned char *record_header(unsigned char *p, int type, int id, size_t len)
{
    *p++ = FCGI_VERSION_1;
    *p++ = (unsigned char)type;
    *p++ = (unsigned char)(id >> 8);
    *p++ = (unsigned char)id;
    *p++ = (unsigned char)(len >> 8);
    *p++ = (unsigned char)len;
    *p++ = 0;   /* padding */
    *p++ = 0;   /* reserved */
    return p;
}

/* The time limit's answer to request ID, framed as FastCGI records: the
 * 503 on stdout, the end of stdout, the end of the request.  Made before
 * the request runs, so that the signal handler only has to write it. */
static size_t time_limit_records(unsigned char *out, int id)
{
    unsigned char *p = out;

    p = record_header(p, FCGI_STDOUT, id, sizeof CGI_TIME_LIMIT_ANSWER - 1);
    memcpy(p, CGI_TIME_LIMIT_ANSWER, sizeof CGI_TIME_LIMIT_ANSWER - 1);
    p += sizeof CGI_TIME_LIMIT_ANSWER - 1;
    p = record_header(p, FCGI_STDOUT, id, 0);
    p = record_header(p, FCGI_END_REQUEST, id, 8);
    memset(p, 0, 8);   /* application status 0, FCGI_REQUEST_COMPLETE */
    return (size_t)(p + 8 - out);
}

static volatile sig_atomic_t stopping;

static void on_stop(int signo)
{
    (void)signo;
    stopping = 1;
    FCGX_ShutdownPending();
}

int cgi_fcgi_run(cgi_state_t *state)
{
    static unsigned char limit_records[3 * FCGI_HEADER_LEN + 8 + sizeof CGI_TIME_LIMIT_ANSWER];
    FCGX_Request req;
    struct sigaction sa;

    if (FCGX_Init() != 0 || FCGX_InitRequest(&req, FCGI_LISTENSOCK_FILENO,
                                             FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
        errorf("cannot start as a FastCGI application");
        return 1;
    }
    /* Without SA_RESTART, so that SIGTERM interrupts the wait for the next
     * request (FCGI_FAIL_ACCEPT_ON_INTR) and the process exits cleanly. */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    while (!stopping && FCGX_Accept_r(&req) >= 0) {
        cgi_io_t io = {
            .env = req.envp, .persistent = 1, .read = fcgi_read, .write = fcgi_write,
            .stream = &req,
            /* The connection's socket: libfcgi's FCGX_Request has no
             * accessor for it. */
            .limit_fd = req.ipcFd, .limit_answer = (const char *)limit_records,
            .limit_len = time_limit_records(limit_records, req.requestId),
        };
        /* A client that went away is not this process's failure. */
        (void)cgi_serve(&io, state);
        FCGX_Finish_r(&req);
    }
    FCGX_Free(&req, 1);
    return 0;
}

#endif /* HAVE_LIBFCGI */
