/* cgi-request.c: trawl.cgi's request: from its variables and body to what
 * it asks for, checked against the limits (cgi-request.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cgi-request.h"
#include "date.h"

const char *cgi_request_var(const cgi_io_t *io, const char *name)
{
    size_t n = strlen(name);
    for (char **e = io->env; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

int cgi_parse_unsigned(const char *s, unsigned *out)
{
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 9 || s[n] != '\0')
        return -1;
    *out = (unsigned)strtoul(s, NULL, 10);
    return 0;
}

/* Makes W an error: STATUS, HEADING and the sentence FMT makes.  Returns
 * STATUS. */
static int refuse(cgi_wanted_t *w, int status, const char *heading, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int refuse(cgi_wanted_t *w, int status, const char *heading, const char *fmt, ...)
{
    va_list ap;

    w->heading = heading;
    va_start(ap, fmt);
    vsnprintf(w->message, sizeof w->message, fmt, ap);
    va_end(ap);
    return status;
}

/* Non-zero if TEXT[0..LEN) holds the pair "format=json": a request whose
 * parameters cannot be decoded still gets its error as JSON. */
static int asks_for_json(const char *text, size_t len)
{
    static const char pair[] = "format=json";
    const size_t n = sizeof pair - 1;
    for (size_t at = 0; at + n <= len; at++)
        if ((at == 0 || text[at - 1] == '&') && memcmp(text + at, pair, n) == 0
            && (at + n == len || text[at + n] == '&'))
            return 1;
    return 0;
}

/* Reads the parameters of the request into *PARAMS.  Returns 0, or an HTTP
 * status with W made the error. */
static int read_params(cgi_io_t *io, cgi_params_t *params, cgi_wanted_t *w)
{
    const char *method = cgi_request_var(io, "REQUEST_METHOD");
    char *body = NULL;
    const char *text = "";
    size_t len = 0;

    memset(params, 0, sizeof *params);
    if (method == NULL || strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) {
        const char *qs = cgi_request_var(io, "QUERY_STRING");
        text = qs ? qs : "";
        len = strlen(text);
    } else if (strcmp(method, "POST") == 0) {
        const char *type = cgi_request_var(io, "CONTENT_TYPE");
        const char *length = cgi_request_var(io, "CONTENT_LENGTH");
        static const char form[] = "application/x-www-form-urlencoded";
        unsigned body_len = 0;
        if (type == NULL || strncasecmp(type, form, sizeof form - 1) != 0
            || (type[sizeof form - 1] != '\0' && type[sizeof form - 1] != ';'))
            return refuse(w, 400, "Bad request",
                          "A POST must send a form (application/x-www-form-urlencoded).");
        if (length == NULL || cgi_parse_unsigned(length, &body_len) != 0
            || body_len > CGI_MAX_REQUEST_BYTES)
            return refuse(w, 400, "Bad request", "The request is too large (at most %d bytes).",
                          CGI_MAX_REQUEST_BYTES);
        if ((body = malloc(body_len + 1)) == NULL)
            return refuse(w, 500, "Server error", "Out of memory.");
        len = io->read(io, body, body_len);
        if (len != body_len) {
            free(body);
            return refuse(w, 400, "Bad request", "The request body was cut short.");
        }
        text = body;
    } else {
        return refuse(w, 405, "Method not allowed", "Only GET, HEAD and POST are answered.");
    }
    if (len > CGI_MAX_REQUEST_BYTES) {
        free(body);
        return refuse(w, 400, "Bad request", "The request is too large (at most %d bytes).",
                      CGI_MAX_REQUEST_BYTES);
    }
    cgi_param_status_t st = cgi_params_parse(text, len, CGI_MAX_PARAMS, params);
    if (st != CGI_PARAM_OK)
        w->json = asks_for_json(text, len);
    free(body);
    if (st == CGI_PARAM_OK)
        return 0;
    if (st == CGI_PARAM_NO_MEMORY)
        return refuse(w, 500, "Server error", "Out of memory.");
    if (st == CGI_PARAM_TOO_MANY)
        return refuse(w, 400, "Bad request", "Too many parameters (at most %d).",
                      CGI_MAX_PARAMS);
    return refuse(w, 400, "Bad request", "The parameter '%s' is %s.", params->bad_key,
                  cgi_param_status_to_string(st));
}

/* Non-zero if S is "YYYY", "YYYY-MM" or "YYYY-MM-DD", a date that exists:
 * the rule of date: in the query (date_parse_iso()). */
static int valid_date(const char *s)
{
    date_t d;
    return date_parse_iso(s, strlen(s), &d) != DATE_NONE;
}

/* The value of KEY in P, or NULL; checked against MAX_BYTES.  Makes W the
 * error and returns NULL with *BAD set when it is too long. */
static const char *param(const cgi_params_t *p, const char *key, size_t max_bytes,
                         cgi_wanted_t *w, int *bad)
{
    const cgi_param_t *v = cgi_params_get(p, key);
    if (v == NULL || *bad)
        return NULL;
    if (v->value_len > max_bytes) {
        refuse(w, 400, "Bad request", "The parameter '%s' is too long (at most %zu bytes).",
               key, max_bytes);
        *bad = 1;
        return NULL;
    }
    return v->value;
}

/* Checks the parameters P and fills *W.  Returns 0, or 400 with W made the
 * error.  W->json is set as soon as format=json is seen, so that even the
 * error comes as JSON. */
static int check_params(const cgi_params_t *p, cgi_wanted_t *w)
{
    int bad = 0;
    const char *q = param(p, "q", CGI_MAX_QUERY_BYTES, w, &bad);
    const char *format = param(p, "format", 8, w, &bad);
    const char *sort = param(p, "sort", 16, w, &bad);
    const char *page = param(p, "page", 16, w, &bad);
    const char *hits = param(p, "hits", 16, w, &bad);
    const char *dup = param(p, "dup", 16, w, &bad);
    const char *view = param(p, "view", 16, w, &bad);

    if (format && strcmp(format, "json") == 0)
        w->json = 1;
    w->req.q = q ? q : "";
    w->req.source = param(p, "source", CGI_MAX_FIELD_BYTES, w, &bad);
    w->req.from = param(p, "from", 10, w, &bad);
    w->req.to = param(p, "to", 10, w, &bad);
    w->doc = param(p, "doc", CGI_MAX_FIELD_BYTES, w, &bad);
    w->cite = param(p, "cite", CGI_MAX_FIELD_BYTES, w, &bad);
    if (bad)
        return 400;
    /* An empty field of the form means "no filter". */
    if (w->req.source && *w->req.source == '\0')
        w->req.source = NULL;
    if (w->req.from && *w->req.from == '\0')
        w->req.from = NULL;
    if (w->req.to && *w->req.to == '\0')
        w->req.to = NULL;

    if (format && strcmp(format, "json") != 0 && strcmp(format, "html") != 0
        && (w->download = cgi_download_parse(format)) == CGI_DOWNLOAD_NONE)
        return refuse(w, 400, "Bad request",
                      "The parameter 'format' must be html, json, csv, bibtex or ris.");
    if (sort == NULL || *sort == '\0')
        w->req.sort = SEARCH_BY_RELEVANCE;
    else if (search_sort_parse(sort, &w->req.sort) != 0)
        return refuse(w, 400, "Bad request",
                      "The parameter 'sort' must be one of " SEARCH_SORT_NAMES ".");
    if (dup && *dup && strcmp(dup, "keep") != 0 && strcmp(dup, "collapse") != 0)
        return refuse(w, 400, "Bad request",
                      "The parameter 'dup' must be keep or collapse.");
    w->req.keep_duplicates = dup && strcmp(dup, "keep") == 0;
    if (view && *view && strcmp(view, "kwic") != 0 && strcmp(view, "hits") != 0)
        return refuse(w, 400, "Bad request", "The parameter 'view' must be hits or kwic.");
    w->req.kwic = view && strcmp(view, "kwic") == 0;
    if ((w->req.from && !valid_date(w->req.from)) || (w->req.to && !valid_date(w->req.to)))
        return refuse(w, 400, "Bad request",
                      "Dates ('from', 'to') are written YYYY, YYYY-MM or YYYY-MM-DD.");
    if (hits && (cgi_parse_unsigned(hits, &w->req.hits_per_page) != 0
                 || w->req.hits_per_page < 1 || w->req.hits_per_page > CGI_MAX_HITS_PER_PAGE))
        return refuse(w, 400, "Bad request", "The parameter 'hits' must be a number from 1 to %d.",
                      CGI_MAX_HITS_PER_PAGE);
    unsigned max_page = CGI_MAX_RESULT_DEPTH / w->req.hits_per_page;
    if (page && (cgi_parse_unsigned(page, &w->req.page) != 0 || w->req.page < 1
                 || w->req.page > max_page))
        return refuse(w, 400, "Bad request", "The parameter 'page' must be a number from 1 to %u.",
                      max_page);
    return 0;
}

int cgi_request_read(cgi_io_t *io, cgi_params_t *params, cgi_wanted_t *w)
{
    int status = read_params(io, params, w);

    return status ? status : check_params(params, w);
}
