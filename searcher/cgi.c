/* cgi.c: trawl.cgi, the search page as a CGI program for any web server.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each request: read the settings (environment, else the file
 * "<program>.conf" beside the program; never the request), decode and check
 * the parameters, open the index read-only, answer with a page (or JSON).
 * Run as CGI, that is the whole run; run as a FastCGI application
 * (cgi-fcgi.c), the process answers request after request and keeps the
 * index open (cgi.h).  What the request may ask for is bounded (see the
 * limits below); whatever breaks a rule gets a 400 page that names the
 * parameter.  Details of index errors go to stderr (the web server's error
 * log), never to the page.  See doc/cgi.md.
 */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cgi.h"
#include "cgi-page.h"
#include "cgi-param.h"
#include "dbpath.h"
#include "msg.h"
#include "schema.h"
#include "search.h"

/* Limits on what one request may ask for. */
#define MAX_REQUEST_BYTES 16384   /* query string or POST body, encoded */
#define MAX_PARAMS 16             /* key=value pairs */
#define MAX_QUERY_BYTES 1024      /* q, decoded: a long question, not a document */
#define MAX_FIELD_BYTES 256       /* source filter, article ids */
#define MAX_HITS_PER_PAGE 100
#define MAX_RESULT_DEPTH 10000    /* no page reaches past this rank */
#define MAX_SOURCE_FACETS 20      /* the sources with the most matches */

#define DEFAULT_HITS 10
#define DEFAULT_TITLE "Search the archive"

typedef struct {
    int status;              /* HTTP status */
    int json;                /* 1: answer in JSON (format=json) */
    buf_t body;
} response_t;

typedef struct {
    char *text;              /* the config file's contents; values point into it */
    const char *db, *hits, *title, *seconds;
} config_file_t;

static const char *status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    default: return "Service Unavailable";
    }
}

/* The clock limit of one request: a slow client or an expensive query must
 * not hold a server process for ever.  The response is built in memory and
 * sent at the end, so until then the alarm can still answer.  It answers
 * and ends the process (a FastCGI application too: the server starts
 * another), since the request cannot be abandoned half-way safely. */
#define DEFAULT_SECONDS 10
#define MAX_SECONDS 600
static volatile sig_atomic_t sending;   /* 1: the response has started */
static volatile sig_atomic_t limit_fd = STDOUT_FILENO;
static const char *volatile limit_answer;
static volatile size_t limit_len;

static void on_time_limit(int signo)
{
    (void)signo;
    if (sending)
        return;   /* let the response that has started finish */
    /* Only async-signal-safe calls here. */
    if (write(limit_fd, limit_answer, limit_len) < 0)
        _exit(1);
    _exit(0);
}

/* Writes the response: headers (with the length, so HEAD and keep-alive
 * work), then the body unless the method was HEAD.  Returns 0 or -1. */
static int send_response(cgi_io_t *io, const response_t *resp, int head_only)
{
    const char *type = resp->json ? "application/json" : "text/html; charset=utf-8";
    const buf_t *body = &resp->body;
    int status = resp->status;
    char head[640];
    int n;

    if (body->failed) {
        static const char oom[] = "out of memory\n";
        n = snprintf(head, sizeof head, "Status: 500 Internal Server Error\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\n"
                     "Content-Length: %zu\r\n\r\n%s", sizeof oom - 1, head_only ? "" : oom);
        return io->write(io, head, (size_t)n);
    }
    n = snprintf(head, sizeof head,
                 "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                 "X-Content-Type-Options: nosniff\r\n"
                 "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; "
                 "form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n"
                 "Referrer-Policy: same-origin\r\n%s\r\n",
                 status, status_text(status), type, body->len,
                 status == 405 ? "Allow: GET, HEAD, POST\r\n" : "");
    if (n < 0 || (size_t)n >= sizeof head || io->write(io, head, (size_t)n) != 0)
        return -1;
    if (!head_only && body->len)
        return io->write(io, body->data, body->len);
    return 0;
}

/* Makes RESP an error page (or JSON error) with STATUS, HEADING and TEXT. */
static void fail_page(response_t *resp, const cgi_request_t *blank, int status,
                      const char *heading, const char *text)
{
    resp->status = status;
    buf_reset(&resp->body);
    if (resp->json) {
        cgi_json_error(&resp->body, status, text);
        return;
    }
    cgi_page_begin(&resp->body, blank, heading);
    cgi_page_message(&resp->body, heading, text);
    cgi_page_end(&resp->body);
}

/* ------------------------------------------------------------ settings */

/* Reads "<PROGRAM>.conf" if it exists (*FOUND is then set): "KEY=value"
 * lines, '#' comments.  Returns 0, or -1 after logging a bad line (the
 * page then says only that the search is not available). */
static int read_config_file(const char *program, config_file_t *cf, int *found)
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
        else {
            errorf("%s:%zu: unknown setting '%s' (known: TRAWL_DB, TRAWL_CGI_HITS, "
                   "TRAWL_CGI_TITLE, TRAWL_CGI_SECONDS)", path.data, line_number, line);
            rc = -1;
        }
    }
    buf_free(&path);
    return rc;
}

/* The request variable NAME (REQUEST_METHOD ...), or NULL. */
static const char *request_var(const cgi_io_t *io, const char *name)
{
    size_t n = strlen(name);
    for (char **e = io->env; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

/* The setting NAME: from the environment the web server sets (for FastCGI:
 * the request's params, else the process's environment), else from the
 * config file (FROM_FILE), else NULL. */
static const char *setting(const cgi_io_t *io, const char *name, const char *from_file)
{
    const char *v = request_var(io, name);
    if ((v == NULL || *v == '\0') && io->persistent)
        v = getenv(name);
    return v && *v ? v : from_file && *from_file ? from_file : NULL;
}

/* Parses a decimal number of at most 9 digits into *OUT; 0 or -1. */
static int parse_unsigned(const char *s, unsigned *out)
{
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 9 || s[n] != '\0')
        return -1;
    *out = (unsigned)strtoul(s, NULL, 10);
    return 0;
}

/* ------------------------------------------------------------- request */

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
 * status with RESP made the error page. */
static int read_params(cgi_io_t *io, cgi_params_t *params, response_t *resp,
                       const cgi_request_t *blank)
{
    const char *method = request_var(io, "REQUEST_METHOD");
    char *body = NULL;
    const char *text = "";
    size_t len = 0;
    char message[160];

    memset(params, 0, sizeof *params);
    if (method == NULL || strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) {
        const char *qs = request_var(io, "QUERY_STRING");
        text = qs ? qs : "";
        len = strlen(text);
    } else if (strcmp(method, "POST") == 0) {
        const char *type = request_var(io, "CONTENT_TYPE");
        const char *length = request_var(io, "CONTENT_LENGTH");
        static const char form[] = "application/x-www-form-urlencoded";
        unsigned body_len = 0;
        if (type == NULL || strncasecmp(type, form, sizeof form - 1) != 0
            || (type[sizeof form - 1] != '\0' && type[sizeof form - 1] != ';')) {
            fail_page(resp, blank, 400, "Bad request",
                      "A POST must send a form (application/x-www-form-urlencoded).");
            return 400;
        }
        if (length == NULL || parse_unsigned(length, &body_len) != 0
            || body_len > MAX_REQUEST_BYTES) {
            snprintf(message, sizeof message,
                     "The request is too large (at most %d bytes).", MAX_REQUEST_BYTES);
            fail_page(resp, blank, 400, "Bad request", message);
            return 400;
        }
        body = malloc(body_len + 1);
        if (body == NULL) {
            fail_page(resp, blank, 500, "Server error", "Out of memory.");
            return 500;
        }
        len = io->read(io, body, body_len);
        if (len != body_len) {
            free(body);
            fail_page(resp, blank, 400, "Bad request", "The request body was cut short.");
            return 400;
        }
        text = body;
    } else {
        fail_page(resp, blank, 405, "Method not allowed",
                  "Only GET, HEAD and POST are answered.");
        return 405;
    }
    if (len > MAX_REQUEST_BYTES) {
        snprintf(message, sizeof message, "The request is too large (at most %d bytes).",
                 MAX_REQUEST_BYTES);
        fail_page(resp, blank, 400, "Bad request", message);
        free(body);
        return 400;
    }
    cgi_param_status_t st = cgi_params_parse(text, len, MAX_PARAMS, params);
    if (st != CGI_PARAM_OK)
        resp->json = asks_for_json(text, len);
    free(body);
    if (st == CGI_PARAM_OK)
        return 0;
    if (st == CGI_PARAM_NO_MEMORY) {
        fail_page(resp, blank, 500, "Server error", "Out of memory.");
        return 500;
    }
    if (st == CGI_PARAM_TOO_MANY)
        snprintf(message, sizeof message, "Too many parameters (at most %d).", MAX_PARAMS);
    else
        snprintf(message, sizeof message, "The parameter '%s' is %s.", params->bad_key,
                 cgi_param_status_to_string(st));
    fail_page(resp, blank, 400, "Bad request", message);
    return 400;
}

/* Non-zero if S is "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and
 * day number. */
static int valid_date(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    if (n != 4 && n != 7 && n != 10)
        return 0;
    int month = n >= 7 ? atoi(s + 5) : 1, day = n == 10 ? atoi(s + 8) : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

typedef struct {
    cgi_request_t req;
    const char *doc;         /* ?doc=ID: the article view */
    const char *cite;        /* ?cite=ID: the reference */
} wanted_t;

/* The value of KEY in P, or NULL; checked against MAX_BYTES.  Writes the
 * error into MESSAGE and returns NULL with *BAD set when it is too long. */
static const char *param(const cgi_params_t *p, const char *key, size_t max_bytes,
                         char *message, size_t message_size, int *bad)
{
    const cgi_param_t *v = cgi_params_get(p, key);
    if (v == NULL || *bad)
        return NULL;
    if (v->value_len > max_bytes) {
        snprintf(message, message_size, "The parameter '%s' is too long (at most %zu bytes).",
                 key, max_bytes);
        *bad = 1;
        return NULL;
    }
    return v->value;
}

/* Checks the parameters and fills *W.  Returns 0, or -1 with MESSAGE set
 * (the 400 page's text).  RESP->json is set as soon as format=json is
 * seen, so that even the error comes as JSON. */
static int check_params(const cgi_params_t *p, wanted_t *w, response_t *resp, char *message,
                        size_t size)
{
    int bad = 0;
    const char *q = param(p, "q", MAX_QUERY_BYTES, message, size, &bad);
    const char *format = param(p, "format", 8, message, size, &bad);
    const char *sort = param(p, "sort", 16, message, size, &bad);
    const char *page = param(p, "page", 16, message, size, &bad);
    const char *hits = param(p, "hits", 16, message, size, &bad);

    if (format && strcmp(format, "json") == 0)
        resp->json = 1;
    w->req.q = q ? q : "";
    w->req.source = param(p, "source", MAX_FIELD_BYTES, message, size, &bad);
    w->req.from = param(p, "from", 10, message, size, &bad);
    w->req.to = param(p, "to", 10, message, size, &bad);
    w->doc = param(p, "doc", MAX_FIELD_BYTES, message, size, &bad);
    w->cite = param(p, "cite", MAX_FIELD_BYTES, message, size, &bad);
    if (bad)
        return -1;
    /* An empty field of the form means "no filter". */
    if (w->req.source && *w->req.source == '\0')
        w->req.source = NULL;
    if (w->req.from && *w->req.from == '\0')
        w->req.from = NULL;
    if (w->req.to && *w->req.to == '\0')
        w->req.to = NULL;

    if (format && strcmp(format, "json") != 0 && strcmp(format, "html") != 0) {
        snprintf(message, size, "The parameter 'format' must be html or json.");
        return -1;
    }
    if (sort == NULL || *sort == '\0')
        w->req.sort = SEARCH_BY_RELEVANCE;
    else if (search_sort_parse(sort, &w->req.sort) != 0) {
        snprintf(message, size, "The parameter 'sort' must be one of " SEARCH_SORT_NAMES ".");
        return -1;
    }
    if ((w->req.from && !valid_date(w->req.from)) || (w->req.to && !valid_date(w->req.to))) {
        snprintf(message, size, "Dates ('from', 'to') are written YYYY, YYYY-MM or YYYY-MM-DD.");
        return -1;
    }
    if (hits && (parse_unsigned(hits, &w->req.hits_per_page) != 0
                 || w->req.hits_per_page < 1 || w->req.hits_per_page > MAX_HITS_PER_PAGE)) {
        snprintf(message, size, "The parameter 'hits' must be a number from 1 to %d.",
                 MAX_HITS_PER_PAGE);
        return -1;
    }
    unsigned max_page = MAX_RESULT_DEPTH / w->req.hits_per_page;
    if (page && (parse_unsigned(page, &w->req.page) != 0 || w->req.page < 1
                 || w->req.page > max_page)) {
        snprintf(message, size, "The parameter 'page' must be a number from 1 to %u.", max_page);
        return -1;
    }
    return 0;
}

/* -------------------------------------------------------------- search */

/* The restriction the filters of REQ make (NULL when there is none, or
 * when memory runs out: *FAILED is then set). */
static xs_query_t *make_filter(const cgi_request_t *req, int *failed)
{
    xs_query_t *parts[2] = { NULL, NULL }, *filter = NULL;
    size_t n = 0;

    if (req->source
        && xs_query_value_range(SLOT_SOURCE, req->source, req->source, &parts[n++]) != XS_OK)
        *failed = 1;
    if (!*failed && (req->from || req->to)) {
        /* Dates are stored as YYYYMMDD with 00 for what is unknown, so
         * "2014" runs from 20140000 to 20149999. */
        char lo[9] = "00000000", hi[9] = "99999999";
        for (size_t i = 0, k = 0; req->from && req->from[i]; i++)
            if (req->from[i] != '-')
                lo[k++] = req->from[i];
        for (size_t i = 0, k = 0; req->to && req->to[i]; i++)
            if (req->to[i] != '-')
                hi[k++] = req->to[i];
        if (xs_query_value_range(SLOT_DATE, req->from ? lo : NULL, req->to ? hi : NULL,
                                 &parts[n++]) != XS_OK)
            *failed = 1;
    }
    if (!*failed && n == 1) {
        filter = parts[0];
        parts[0] = NULL;
    } else if (!*failed && n == 2
               && xs_query_combine(XS_OP_AND, (const xs_query_t *const *)parts, 2, 0,
                                   &filter) != XS_OK)
        *failed = 1;
    xs_query_destroy(parts[0]);
    xs_query_destroy(parts[1]);
    return filter;
}

static int by_count_then_value(const void *a, const void *b)
{
    const cgi_facet_entry_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

static int by_value_descending(const void *a, const void *b)
{
    const cgi_facet_entry_t *x = a, *y = b;
    return strcmp(y->value, x->value);
}

/* Copies facet F of R into *OUT, sorted by CMP, keeping at most MAX. */
static int copy_facet(const xs_results_t *r, size_t f, int (*cmp)(const void *, const void *),
                      size_t max, cgi_facet_t *out)
{
    size_t n = xs_results_facet_size(r, f);
    out->entries = n ? calloc(n, sizeof *out->entries) : NULL;
    if (n && out->entries == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *v = xs_results_facet_value(r, f, i, &len);
        out->entries[i].count = xs_results_facet_count(r, f, i);
        if ((out->entries[out->count++].value = xstrndup(v, len)) == NULL)
            return -1;
    }
    if (n > 1)   /* qsort() wants a real array, even of nothing */
        qsort(out->entries, n, sizeof *out->entries, cmp);
    while (out->count > max)
        free(out->entries[--out->count].value);
    return 0;
}

static void free_facet(cgi_facet_t *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->entries[i].value);
    free(f->entries);
    memset(f, 0, sizeof *f);
}

/* Counts the matches of QUERY (any word) under FILTER by source and by
 * year, over every match.  Returns 0 or -1 (index error, logged). */
static int count_facets(xs_db_t *db, const query_t *query, const xs_query_t *filter,
                        cgi_results_t *res)
{
    static const unsigned slots[] = { SLOT_SOURCE, SLOT_YEAR };
    const xs_query_t *pair[2] = { query->any, filter };
    xs_query_t *filtered = NULL;
    xs_results_t *r = NULL;
    xs_search_options_t opts;
    unsigned doc_count = 0;
    int rc = -1;

    xs_search_options_init(&opts);
    opts.limit = 0;
    opts.facet_slots = slots;
    opts.facet_slot_count = 2;
    if (xs_db_doc_count(db, &doc_count) != XS_OK
        || (filter && xs_query_combine(XS_OP_FILTER, pair, 2, 0, &filtered) != XS_OK))
        goto done;
    opts.check_at_least = doc_count;
    if (xs_db_search(db, filtered ? filtered : query->any, &opts, &r) != XS_OK)
        goto done;
    if (copy_facet(r, 0, by_count_then_value, MAX_SOURCE_FACETS, &res->sources) != 0
        || copy_facet(r, 1, by_value_descending, (size_t)-1, &res->years) != 0)
        goto done;
    rc = 0;
done:
    if (rc != 0)
        errorf("counting facets: %s", xs_db_last_error(db));
    xs_results_destroy(r);
    xs_query_destroy(filtered);
    return rc;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The results page (or JSON) for W. */
static void answer_search(searcher_t *s, const char *db_path, const wanted_t *w,
                          const struct timespec *start, response_t *resp)
{
    const cgi_request_t *req = &w->req;
    search_options_t opts = { .snippet_chars = SNIPPET_DEFAULT_CHARS, .exact_counts = 1 };
    cgi_results_t res;
    search_result_t result;
    query_t query;
    char *errmsg = NULL;
    int failed = 0;

    memset(&res, 0, sizeof res);
    if (query_parse(searcher_analyzer(s), req->q, strlen(req->q), QUERY_DEFAULT, &query,
                    &errmsg) != 0) {
        /* The parser's messages are written for the person who typed the
         * query ("the query has no words to search for"). */
        fail_page(resp, req, 200, "Nothing to search for",
                  errmsg ? errmsg : "Out of memory.");
        free(errmsg);
        return;
    }
    xs_query_t *filter = make_filter(req, &failed);
    opts.offset = (req->page - 1) * req->hits_per_page;
    opts.limit = req->hits_per_page;
    searcher_restrict(s, filter, req->sort);
    int run_failed = failed
                     || searcher_run(s, req->q, strlen(req->q), &opts, &result, &errmsg) != 0;
    /* The searcher outlives FILTER when it is kept for the next request. */
    searcher_restrict(s, NULL, SEARCH_BY_RELEVANCE);
    if (run_failed) {
        /* Index errors name the index; what does not is the query's fault
         * (a wildcard that expands too far) and is said to its author. */
        if (errmsg && strstr(errmsg, db_path) == NULL)
            fail_page(resp, req, 400, "Query too broad", errmsg);
        else {
            errorf("%s", errmsg ? errmsg : "out of memory");
            fail_page(resp, req, 503, "Search not available",
                      "The search index cannot be read at the moment. Please try again later.");
        }
        free(errmsg);
        query_free(&query);
        xs_query_destroy(filter);
        return;
    }
    if (count_facets(searcher_db(s), &query, filter, &res) != 0) {
        fail_page(resp, req, 503, "Search not available",
                  "The search index cannot be read at the moment. Please try again later.");
    } else {
        unsigned pages = (result.matches + req->hits_per_page - 1) / req->hits_per_page;
        unsigned max_page = MAX_RESULT_DEPTH / req->hits_per_page;
        res.result = &result;
        res.suggestion = result.suggestion;
        res.last_page = pages < 1 ? 1 : pages > max_page ? max_page : pages;
        res.seconds = seconds_since(start);
        if (resp->json)
            cgi_json_results(&resp->body, req, &res);
        else {
            cgi_page_begin(&resp->body, req, req->q);
            cgi_page_results(&resp->body, req, &res);
            cgi_page_end(&resp->body);
        }
    }
    free_facet(&res.sources);
    free_facet(&res.years);
    search_result_free(&result);
    query_free(&query);
    xs_query_destroy(filter);
}

/* Loads the article ID with its text into *DOC.  Returns 200, 404 (no such
 * article) or 503 (index error, logged). */
static int load_article(searcher_t *s, const char *id, stored_doc_t *doc)
{
    xs_db_t *db = searcher_db(s);
    buf_t term = BUF_INIT;
    unsigned docid = 0;
    char *data = NULL, *errmsg = NULL;
    size_t len = 0;
    int status = 503;

    memset(doc, 0, sizeof *doc);
    docdata_id_term(id, &term);
    xs_status_t st = term.failed ? XS_NO_MEMORY
                                 : xs_db_find_unique(db, term.data, term.len, &docid);
    if (st == XS_NOT_FOUND)
        status = 404;
    else if (st == XS_OK && xs_db_document_data(db, docid, &data, &len) == XS_OK) {
        if (docdata_decode(data, len, 1, doc, &errmsg) == 0)
            status = 200;
        else
            errorf("article '%s': %s", id, errmsg ? errmsg : "out of memory");
    }
    if (status == 503 && errmsg == NULL)
        errorf("article '%s': %s", id, xs_db_last_error(db));
    free(errmsg);
    xs_free(data);
    buf_free(&term);
    return status;
}

/* The article view (?doc=ID) or its reference (?cite=ID). */
static void answer_article(searcher_t *s, const wanted_t *w, response_t *resp)
{
    const cgi_request_t *req = &w->req;
    const char *id = w->doc ? w->doc : w->cite;
    hit_t hit;
    query_t query;
    int have_query;

    memset(&hit, 0, sizeof hit);
    int status = load_article(s, id, &hit.doc);
    if (status == 404) {
        fail_page(resp, req, 404, "No such article",
                  "The index holds no article with this id: it may have been removed.");
        return;
    }
    if (status != 200) {
        fail_page(resp, req, 503, "Search not available",
                  "The search index cannot be read at the moment. Please try again later.");
        return;
    }
    /* A query that does not parse marks nothing; the article is still shown. */
    char *errmsg = NULL;
    have_query = *req->q && query_parse(searcher_analyzer(s), req->q, strlen(req->q),
                                        QUERY_DEFAULT, &query, &errmsg) == 0;
    free(errmsg);
    matcher_t *matcher = have_query ? matcher_new(searcher_analyzer(s), query.terms,
                                                  query.term_count) : NULL;
    mark_t *marks = NULL;
    size_t mark_count = 0;
    resp->json = 0;
    cgi_page_begin(&resp->body, req, hit.doc.title ? hit.doc.title : hit.doc.id);
    if (have_query && matcher == NULL)
        resp->body.failed = 1;
    if (w->doc) {
        if (matcher && matcher_marks(matcher, hit.doc.text, hit.doc.text_len, &marks,
                                     &mark_count) != 0)
            resp->body.failed = 1;
        cgi_page_article(&resp->body, req, &hit.doc, marks, mark_count);
    } else {
        char accessed[16];
        time_t now = time(NULL);
        struct tm tm;
        strftime(accessed, sizeof accessed, "%Y-%m-%d", gmtime_r(&now, &tm));
        /* With a query, cite the paragraphs that show its words, as the
         * results list does. */
        if (matcher && snippet_make(matcher, hit.doc.text, hit.doc.text_len,
                                    SNIPPET_DEFAULT_CHARS, &hit.snippet) != 0)
            resp->body.failed = 1;
        cgi_page_cite(&resp->body, req, &hit, accessed);
    }
    cgi_page_end(&resp->body);
    free(marks);
    matcher_free(matcher);
    if (have_query)
        query_free(&query);
    snippet_free(&hit.snippet);
    docdata_free(&hit.doc);
}

/* ---------------------------------------------------------- the index */

void cgi_state_free(cgi_state_t *state)
{
    searcher_close(state->searcher);
    free(state->db_path);
    free(state->uuid);
    state->searcher = NULL;
    state->db_path = state->uuid = NULL;
}

/* DB's UUID, malloc'ed ("" when the index cannot tell), or NULL when
 * memory runs out. */
static char *index_uuid(xs_db_t *db)
{
    char *uuid = NULL;
    char *copy = strdup(xs_db_uuid(db, &uuid) == XS_OK && uuid ? uuid : "");
    xs_free(uuid);
    return copy;
}

/* The searcher for DB_PATH: the one STATE keeps, if it reads the same
 * index, moved to its latest commit; else a new one.  Returns NULL with a
 * malloc'ed *ERRMSG when the index cannot be opened. */
static searcher_t *open_index(cgi_state_t *state, const char *db_path, char **errmsg)
{
    *errmsg = NULL;
    if (state->searcher && strcmp(state->db_path, db_path) == 0) {
        xs_db_t *db = searcher_db(state->searcher);
        /* A rebuilt index (trawl-index --rebuild renames a new one into
         * place) is another index: its UUID says so, and it is opened
         * afresh, with its own schema and language. */
        char *uuid = xs_db_reopen(db) == XS_OK ? index_uuid(db) : NULL;
        int same = uuid && strcmp(uuid, state->uuid) == 0;
        free(uuid);
        if (same)
            return state->searcher;
    }
    cgi_state_free(state);
    searcher_t *s = searcher_open(db_path, errmsg);
    if (s == NULL)
        return NULL;
    state->db_path = strdup(db_path);
    state->uuid = index_uuid(searcher_db(s));
    if (state->db_path == NULL || state->uuid == NULL) {
        searcher_close(s);
        cgi_state_free(state);
        *errmsg = strdup("out of memory");
        return NULL;
    }
    state->searcher = s;
    return s;
}

/* ----------------------------------------------------------- a request */

int cgi_serve(cgi_io_t *io, cgi_state_t *state)
{
    struct timespec start;
    const char *method = request_var(io, "REQUEST_METHOD");
    const char *script = request_var(io, "SCRIPT_FILENAME");
    int head_only = method && strcmp(method, "HEAD") == 0;
    response_t resp = { 200, 0, BUF_INIT };
    config_file_t cf;
    cgi_params_t params;
    wanted_t w;
    char message[200];
    searcher_t *s = NULL;

    clock_gettime(CLOCK_MONOTONIC, &start);
    memset(&params, 0, sizeof params);
    memset(&w, 0, sizeof w);
    w.req.page = 1;

    /* Beside the script the server names, else beside the program itself
     * (a FastCGI server may map the program to a URL that names no file).
     * Read for each request: a FastCGI process sees a change at once. */
    int found = 0;
    int config_ok = read_config_file(script && *script ? script : state->program, &cf,
                                     &found) == 0;
    if (config_ok && !found && script && *script)
        config_ok = read_config_file(state->program, &cf, &found) == 0;
    const char *title = setting(io, "TRAWL_CGI_TITLE", cf.title);
    const char *hits = setting(io, "TRAWL_CGI_HITS", cf.hits);
    w.req.site_title = title ? title : DEFAULT_TITLE;
    w.req.q = "";
    w.req.default_hits = DEFAULT_HITS;
    if (hits && (parse_unsigned(hits, &w.req.default_hits) != 0 || w.req.default_hits < 1
                 || w.req.default_hits > MAX_HITS_PER_PAGE)) {
        errorf("TRAWL_CGI_HITS: '%s' is not a number from 1 to %d", hits, MAX_HITS_PER_PAGE);
        config_ok = 0;
    }
    w.req.hits_per_page = w.req.default_hits;
    const cgi_request_t blank = w.req;

    const char *seconds_setting = setting(io, "TRAWL_CGI_SECONDS", cf.seconds);
    unsigned seconds = DEFAULT_SECONDS;
    if (seconds_setting && (parse_unsigned(seconds_setting, &seconds) != 0 || seconds < 1
                            || seconds > MAX_SECONDS)) {
        errorf("TRAWL_CGI_SECONDS: '%s' is not a number from 1 to %d", seconds_setting,
               MAX_SECONDS);
        config_ok = 0;
        seconds = DEFAULT_SECONDS;
    }
    sending = 0;
    limit_fd = io->limit_fd;
    limit_answer = io->limit_answer;
    limit_len = io->limit_len;
    signal(SIGALRM, on_time_limit);
    alarm(seconds);

    if (read_params(io, &params, &resp, &blank) != 0)
        goto send;
    if (check_params(&params, &w, &resp, message, sizeof message) != 0) {
        fail_page(&resp, &blank, 400, "Bad request", message);
        goto send;
    }
    if (!config_ok) {
        fail_page(&resp, &blank, 503, "Search not available",
                  "The search page is not set up correctly. Please tell the administrator.");
        goto send;
    }
    if (w.doc == NULL && w.cite == NULL && *w.req.q == '\0' && !resp.json) {
        cgi_page_begin(&resp.body, &w.req, NULL);
        cgi_page_end(&resp.body);
        goto send;
    }
    const char *db_path = setting(io, "TRAWL_DB", cf.db);
    char *errmsg = NULL;
    if (db_path == NULL)
        db_path = DBPATH_DEFAULT;
    s = open_index(state, db_path, &errmsg);
    if (s == NULL) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        free(errmsg);
        fail_page(&resp, &blank, 503, "Search not available",
                  "The search index is not available at the moment. Please try again later.");
        goto send;
    }
    if (w.doc || w.cite)
        answer_article(s, &w, &resp);
    else
        answer_search(s, db_path, &w, &start, &resp);
send:
    sending = 1;
    int rc = send_response(io, &resp, head_only);
    alarm(0);
    cgi_params_free(&params);
    free(cf.text);
    buf_free(&resp.body);
    return rc;
}

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
