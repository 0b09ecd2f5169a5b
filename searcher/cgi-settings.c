/* cgi-settings.c: trawl.cgi's settings, from the server's environment or
 * the file beside the program (cgi-settings.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cgi-request.h"
#include "cgi-settings.h"
#include "msg.h"

/* What the settings file says; values point into its text. */
typedef struct {
    char *text;              /* the file's contents */
    const char *db, *hits, *title, *seconds, *facets;
} config_file_t;

/* Whether the file PATH lies under the directory ROOT (both resolved). */
static int under(const char *path, const char *root)
{
    char real_path[PATH_MAX], real_root[PATH_MAX];
    size_t n;

    if (root == NULL || *root == '\0' || realpath(path, real_path) == NULL
        || realpath(root, real_root) == NULL)
        return 0;
    n = strlen(real_root);
    while (n > 1 && real_root[n - 1] == '/')
        n--;
    return strncmp(real_path, real_root, n) == 0 && (n == 1 || real_path[n] == '/');
}

/* Refuses the settings file PATH (open as FP) when anyone may read it
 * and it lies in the web server's document root (DOCROOT): a server that
 * hands out the files there would give away where the index is, and
 * nobody has thought about who may read it (doc/cgi.md says how to keep
 * it from being served).  Returns 0, or -1 after logging why. */
static int check_config_file(const char *path, FILE *fp, const char *docroot)
{
    struct stat st;

    if (fstat(fileno(fp), &st) != 0 || !(st.st_mode & S_IROTH) || !under(path, docroot))
        return 0;
    errorf("'%s' is in the document root '%s' and anyone may read it, so the server may "
           "hand it out: move it out, or make it readable by the server alone (chmod o-r) "
           "and deny it in the server's configuration (doc/cgi.md)", path, docroot);
    return -1;
}

/* Reads "<PROGRAM>.conf" if it exists (*FOUND is then set): "KEY=value"
 * lines, '#' comments.  Returns 0, or -1 after logging a bad line or a
 * file the server may hand out (check_config_file(), DOCROOT: the
 * server's document root or NULL); the page then says only that the
 * search is not available. */
static int read_config_file(const char *program, const char *docroot, config_file_t *cf,
                            int *found)
{
    buf_t path = BUF_INIT, text = BUF_INIT;
    char chunk[4096];
    size_t n, line_number = 0;
    FILE *fp;
    int rc = 0;

    memset(cf, 0, sizeof *cf);
    buf_printf(&path, "%s.conf", program);
    fp = path.failed ? NULL : fopen(path.data, "r");
    if (fp == NULL) {
        buf_free(&path);
        return 0;
    }
    *found = 1;
    if (check_config_file(path.data, fp, docroot) != 0) {
        fclose(fp);
        buf_free(&path);
        return -1;
    }
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        buf_append(&text, chunk, n);
    fclose(fp);
    if (text.failed) {
        errorf("reading '%s': out of memory", path.data);
        buf_free(&path);
        return -1;
    }
    cf->text = text.data ? buf_detach(&text) : NULL;
    for (char *line = cf->text, *next; rc == 0 && line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        line_number++;
        line += strspn(line, " \t");
        if (*line == '\0' || *line == '#')
            continue;
        char *eq = strchr(line, '=');
        char *end = line + strlen(line);
        while (end > line && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
            *--end = '\0';
        if (eq == NULL) {
            errorf("%s:%zu: expected KEY=value", path.data, line_number);
            rc = -1;
            break;
        }
        *eq = '\0';
        if (strcmp(line, "TRAWL_DB") == 0)
            cf->db = eq + 1;
        else if (strcmp(line, "TRAWL_CGI_HITS") == 0)
            cf->hits = eq + 1;
        else if (strcmp(line, "TRAWL_CGI_TITLE") == 0)
            cf->title = eq + 1;
        else if (strcmp(line, "TRAWL_CGI_SECONDS") == 0)
            cf->seconds = eq + 1;
        else if (strcmp(line, "TRAWL_CGI_FACETS") == 0)
            cf->facets = eq + 1;
        else {
            errorf("%s:%zu: unknown setting '%s' (known: TRAWL_DB, TRAWL_CGI_HITS, "
                   "TRAWL_CGI_TITLE, TRAWL_CGI_SECONDS, TRAWL_CGI_FACETS)", path.data,
                   line_number, line);
            rc = -1;
        }
    }
    buf_free(&path);
    return rc;
}

/* The setting NAME: from the environment the web server sets (for FastCGI:
 * the request's params, else the process's environment), else from the
 * config file (FROM_FILE), else NULL. */
static const char *setting(const cgi_io_t *io, const char *name, const char *from_file)
{
    const char *v = cgi_request_var(io, name);
    if ((v == NULL || *v == '\0') && io->persistent)
        v = getenv(name);
    return v && *v ? v : from_file && *from_file ? from_file : NULL;
}

void cgi_settings_read(const cgi_io_t *io, const char *program, cgi_settings_t *out)
{
    const char *script = cgi_request_var(io, "SCRIPT_FILENAME");
    const char *docroot = cgi_request_var(io, "DOCUMENT_ROOT");
    config_file_t cf;
    int found = 0;

    memset(out, 0, sizeof *out);
    /* Beside the script the server names, else beside the program itself. */
    out->ok = read_config_file(script && *script ? script : program, docroot, &cf, &found) == 0;
    if (out->ok && !found && script && *script)
        out->ok = read_config_file(program, docroot, &cf, &found) == 0;
    out->text = cf.text;
    const char *title = setting(io, "TRAWL_CGI_TITLE", cf.title);
    const char *hits = setting(io, "TRAWL_CGI_HITS", cf.hits);
    out->title = title ? title : CGI_DEFAULT_TITLE;
    out->hits = CGI_DEFAULT_HITS;
    if (hits && (cgi_parse_unsigned(hits, &out->hits) != 0 || out->hits < 1
                 || out->hits > CGI_MAX_HITS_PER_PAGE)) {
        errorf("TRAWL_CGI_HITS: '%s' is not a number from 1 to %d", hits, CGI_MAX_HITS_PER_PAGE);
        out->ok = 0;
        out->hits = CGI_DEFAULT_HITS;   /* pages are still counted (0 divided by) */
    }
    const char *seconds = setting(io, "TRAWL_CGI_SECONDS", cf.seconds);
    out->seconds = CGI_DEFAULT_SECONDS;
    if (seconds && (cgi_parse_unsigned(seconds, &out->seconds) != 0 || out->seconds < 1
                    || out->seconds > CGI_MAX_SECONDS)) {
        errorf("TRAWL_CGI_SECONDS: '%s' is not a number from 1 to %d", seconds,
               CGI_MAX_SECONDS);
        out->ok = 0;
        out->seconds = CGI_DEFAULT_SECONDS;
    }
    out->db = setting(io, "TRAWL_DB", cf.db);
    out->facets = setting(io, "TRAWL_CGI_FACETS", cf.facets);
    if (out->facets && cgi_facet_names(out->facets, NULL) < 0) {
        errorf("TRAWL_CGI_FACETS: '%s' is not field names separated by commas (at most %d)",
               out->facets, CGI_MAX_FIELD_FACETS);
        out->ok = 0;
        out->facets = NULL;
    }
}

int cgi_facet_names(const char *list, char names[][FIELD_NAME_MAX + 1])
{
    int count = 0;
    const char *p = list;

    while (*p) {
        size_t n = 0;
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '\0')
            break;
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            return -1;
        while (p[n] && p[n] != ',' && p[n] != ' ') {
            char c = p[n];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                  || c == '_' || c == '-'))
                return -1;
            n++;
        }
        if (n > FIELD_NAME_MAX || count == CGI_MAX_FIELD_FACETS)
            return -1;
        if (names) {
            memcpy(names[count], p, n);
            names[count][n] = '\0';
        }
        count++;
        p += n;
    }
    return count;
}

void cgi_settings_free(cgi_settings_t *settings)
{
    free(settings->text);
    memset(settings, 0, sizeof *settings);
}
