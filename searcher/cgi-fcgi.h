/* cgi-fcgi.h: trawl.cgi as a FastCGI application (cgi-fcgi.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_CGI_FCGI_H
#define TRAWL_CGI_FCGI_H

#include "cgi.h"

/* Non-zero if the web server started this process as a FastCGI
 * application (standard input is a listening socket); always 0 when built
 * without libfcgi. */
int cgi_fcgi_started(void);

/* Answers requests with cgi_serve() until the server stops the process
 * (SIGTERM), then returns the exit status (0; 1 when it cannot start, or
 * without libfcgi). */
int cgi_fcgi_run(cgi_state_t *state);

#endif /* TRAWL_CGI_FCGI_H */
