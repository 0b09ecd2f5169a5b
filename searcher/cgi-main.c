/* cgi-main.c: trawl.cgi's main(): a CGI program for any web server, or a
 * FastCGI application when the server starts it as one (cgi-fcgi.c); each
 * request is answered by cgi_serve() (cgi.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <unistd.h>

#include "cgi.h"
#include "cgi-fcgi.h"
#include "msg.h"

/* CGI: the request is the environment and standard input. */
static size_t stdin_read(cgi_io_t *io, char *buf, size_t n)
{
    (void)io;
    return fread(buf, 1, n, stdin);
}

static int stdout_write(cgi_io_t *io, const char *data, size_t n)
{
    (void)io;
    return fwrite(data, 1, n, stdout) == n ? 0 : -1;
}

int main(int argc, char **argv)
{
    extern char **environ;
    cgi_state_t state = { .program = argv[0] };
    int rc;

    (void)argc;
    msg_init("trawl.cgi");
    if (cgi_fcgi_started())
        rc = cgi_fcgi_run(&state);
    else {
        cgi_io_t io = {
            .env = environ, .read = stdin_read, .write = stdout_write,
            .limit_fd = STDOUT_FILENO, .limit_answer = CGI_TIME_LIMIT_ANSWER,
            .limit_len = sizeof CGI_TIME_LIMIT_ANSWER - 1,
        };
        rc = cgi_serve(&io, &state) == 0 && fflush(stdout) == 0 ? 0 : 1;
    }
    cgi_state_free(&state);
    return rc;
}
