/* cgi-main.c: trawl.cgi's main(): a CGI program for any web server, or a
 * FastCGI application when the server starts it as one (cgi-fcgi.c); each
 * request is answered by cgi_serve() (cgi.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
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

/* A request that has used HEAVY_SECONDS of CPU (ten ordinary queries)
 * lowers its process's priority for the rest of its work, so that the
 * light requests beside it keep the CPU: fifty clients sending heavy
 * queries (each bounded by the time limit) then slow the ordinary ones
 * little (bench/load.sh -H).  Nice 10, about a tenth of an ordinary
 * process's share, not 19: on a machine busy with other work a heavy
 * request still ends within TRAWL_CGI_SECONDS.  A plain CGI process only:
 * it ends with its request, while a FastCGI worker could never take its
 * priority back. */
#define HEAVY_SECONDS 0.05

static void on_heavy(int signo)
{
    (void)signo;
    (void)setpriority(PRIO_PROCESS, 0, 10);   /* async-signal-safe: a system call */
}

static void yield_when_heavy(void)
{
    struct sigaction sa;
    struct itimerval heavy = { .it_value = { 0, (long)(HEAVY_SECONDS * 1e6) } };

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_heavy;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGPROF, &sa, NULL) == 0)
        (void)setitimer(ITIMER_PROF, &heavy, NULL);
}

/* Run by hand (not by a web server): what it is, as plain text. */
static void usage(void)
{
    printf("Usage: trawl.cgi\n"
           "A search page of a trawl index, run by a web server as a CGI program\n"
           "(or as a FastCGI application when it is started as one).  It reads the\n"
           "request from the environment (QUERY_STRING, REQUEST_METHOD...) and\n"
           "standard input, and writes the page to standard output.\n"
           "\n"
           "Settings, from the request's environment, then the process's, then\n"
           "the file trawl.cgi.conf beside the program (KEY=value lines):\n"
           "  TRAWL_DB           the index (default: ./trawl.db)\n"
           "  TRAWL_CGI_HITS     results per page, 1 to 100 (default 10)\n"
           "  TRAWL_CGI_TITLE    the page heading\n"
           "  TRAWL_CGI_SECONDS  the time limit of one request, 1 to 600 (default 10)\n"
           "\n"
           "  --help     print this help and exit\n"
           "  --version  print the version and exit\n"
           "\n"
           "To try it from a shell: QUERY_STRING='q=word' REQUEST_METHOD=GET trawl.cgi\n"
           "Setting up a web server: doc/cgi.md.\n");
}

int main(int argc, char **argv)
{
    extern char **environ;
    cgi_state_t state = { .program = argv[0] };
    int rc;

    msg_init("trawl.cgi");
    /* A web server passes no option (an ISINDEX query's words do not start
     * with "--"), so these are a person's. */
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        usage();
        return fflush(stdout) == 0 ? 0 : 1;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("trawl.cgi %s (Xapian %s)\n", TRAWL_VERSION, search_xapian_version());
        return 0;
    }
    if (cgi_fcgi_started())
        rc = cgi_fcgi_run(&state);
    else {
        cgi_io_t io = {
            .env = environ, .read = stdin_read, .write = stdout_write,
            .limit_fd = STDOUT_FILENO, .limit_answer = CGI_TIME_LIMIT_ANSWER,
            .limit_len = sizeof CGI_TIME_LIMIT_ANSWER - 1,
        };
        yield_when_heavy();
        rc = cgi_serve(&io, &state) == 0 && fflush(stdout) == 0 ? 0 : 1;
    }
    cgi_state_free(&state);
    return rc;
}
