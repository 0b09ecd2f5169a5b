/* cgi-settings.h: what the administrator set for trawl.cgi: the index,
 * the page's title, hits per page, the time limit.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each setting comes from the environment the web server sets (for
 * FastCGI, the request's params, then the process's environment), else
 * from the file "<program>.conf" beside the program ("KEY=value" lines,
 * '#' comments), never from the request.  It is read for each request,
 * so a FastCGI process sees a change at once.  A wrong setting is logged
 * (to stderr, the server's error log) and the page says only that the
 * search is not set up.
 */
#ifndef TRAWL_CGI_SETTINGS_H
#define TRAWL_CGI_SETTINGS_H

#include "cgi.h"
#include "schema.h"

#define CGI_DEFAULT_HITS 10
#define CGI_DEFAULT_TITLE "Search the archive"

/* The clock limit of one request: a slow client or an expensive query must
 * not hold a server process for ever. */
#define CGI_DEFAULT_SECONDS 10
#define CGI_MAX_SECONDS 600

typedef struct {
    const char *db;            /* TRAWL_DB, or NULL: DBPATH_DEFAULT */
    const char *title;         /* TRAWL_CGI_TITLE, or CGI_DEFAULT_TITLE */
    unsigned hits;             /* TRAWL_CGI_HITS: hits per page, 1 to
                                  CGI_MAX_HITS_PER_PAGE */
    unsigned seconds;          /* TRAWL_CGI_SECONDS: 1 to CGI_MAX_SECONDS */
    const char *facets;        /* TRAWL_CGI_FACETS: the metadata fields the
                                  page counts matches by ("category,
                                  newsgroups"), beside source and year; or
                                  NULL */
    int ok;                    /* 0: a setting is wrong (logged) */
    char *text;                /* the file's contents: values point into it */
} cgi_settings_t;

/* Reads the settings of IO's request into *OUT: the file is found beside
 * the script the server names (SCRIPT_FILENAME), else beside PROGRAM
 * (argv[0]; a FastCGI server may map the program to a URL that names no
 * file).  The strings of *OUT are IO's or its own: free it with
 * cgi_settings_free(), and use it while IO lasts. */
void cgi_settings_read(const cgi_io_t *io, const char *program, cgi_settings_t *out);
void cgi_settings_free(cgi_settings_t *settings);

/* The most metadata fields TRAWL_CGI_FACETS may name: each costs a pass
 * over the matches. */
#define CGI_MAX_FIELD_FACETS 8

/* The field names of the list LIST (separated by commas and blanks), into
 * NAMES (room for CGI_MAX_FIELD_FACETS; may be NULL to check only).
 * Returns their number, or -1 when LIST is no such list. */
int cgi_facet_names(const char *list, char names[][FIELD_NAME_MAX + 1]);

#endif /* TRAWL_CGI_SETTINGS_H */
