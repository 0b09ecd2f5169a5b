/* cgi.c: trawl.cgi's handler: one request answered with a page (or JSON),
 * whatever the protocol (cgi.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each request: read the settings (cgi-settings.c), decode and check the
 * parameters (cgi-request.c), open the index read-only (or reopen the one
 * kept), answer through the searcher's one door (search.h) with a page
 * (cgi-page.c) or JSON (cgi-json.c).  Faults are told apart by the
 * searcher's status: a query the reader can mend gets a 400 page that
 * says so (nothing to search for is a 200 notice); an index that fails
 * gets 503, its detail going to stderr (the web server's error log), never
 * to the page.  See doc/cgi.md.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cgi.h"
#include "cgi-download.h"
#include "cgi-json.h"
#include "cgi-page.h"
#include "cgi-request.h"
#include "cgi-settings.h"
#include "dbpath.h"
#include "msg.h"
#include "search.h"

#define MAX_SOURCE_FACETS 20      /* the sources with the most matches */

#define NOT_AVAILABLE "The search index cannot be read at the moment. Please try again later."

typedef struct {
    int status;              /* HTTP status */
    int json;                /* 1: answer in JSON (format=json) */
    buf_t body;
    const char *type;        /* a download's Content-Type, or NULL */
    const char *filename;    /* a download's file name, or NULL */
} response_t;

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

/* The clock limit of one request (TRAWL_CGI_SECONDS, cgi-settings.h).  The
 * response is built in memory and sent at the end, so until then the alarm
 * can still answer.  It answers and ends the process (a FastCGI
 * application too: the server starts another), since the request cannot
 * be abandoned half-way safely. */
static volatile sig_atomic_t sending;   /* 1: the response has started */
static volatile sig_atomic_t limit_fd = STDOUT_FILENO;
static const char *volatile limit_answer;
static volatile size_t limit_len;

static void on_time_limit(int signo)
{
    (void)signo;
    if (sending)
        return;   /* let the response that has started finish */
    /* Only async-signal-safe calls here.  The log says why the answer
     * was a 503, as for every other 503. */
    static const char said[] = "trawl.cgi: error: the request ran past TRAWL_CGI_SECONDS: "
                               "answered 503\n";
    ssize_t logged = write(STDERR_FILENO, said, sizeof said - 1);
    (void)logged;
    if (write(limit_fd, limit_answer, limit_len) < 0)
        _exit(1);
    _exit(0);
}

/* Writes the response: headers (with the length, so HEAD and keep-alive
 * work), then the body unless the method was HEAD.  Returns 0 or -1. */
static int send_response(cgi_io_t *io, const response_t *resp, int head_only)
{
    const char *type = resp->type ? resp->type
                       : resp->json ? "application/json" : "text/html; charset=utf-8";
    const buf_t *body = &resp->body;
    int status = resp->status;
    char head[1024], disposition[128] = "";
    int n;

    if (body->failed) {
        static const char oom[] = "out of memory\n";
        n = snprintf(head, sizeof head, "Status: 500 Internal Server Error\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\n" CGI_SAFETY_HEADERS
                     "Content-Length: %zu\r\n\r\n%s", sizeof oom - 1, head_only ? "" : oom);
        return io->write(io, head, (size_t)n);
    }
    /* The file names are the program's own (cgi-download.c): no quoting. */
    if (resp->filename)
        snprintf(disposition, sizeof disposition,
                 "Content-Disposition: attachment; filename=\"%s\"\r\n", resp->filename);
    n = snprintf(head, sizeof head,
                 "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s"
                 CGI_SAFETY_HEADERS "%s\r\n",
                 status, status_text(status), type, body->len, disposition,
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
    resp->type = resp->filename = NULL;
    buf_reset(&resp->body);
    if (resp->json) {
        cgi_json_error(&resp->body, status, text);
        return;
    }
    cgi_page_begin(&resp->body, blank, heading);
    cgi_page_message(&resp->body, heading, text);
    cgi_page_end(&resp->body);
}

/* -------------------------------------------------------------- search */

/* Answers a search that failed with ST (the detail in
 * searcher_last_error(S)): the reader's to mend, or the index's (logged,
 * after WHAT: "counting facets: "). */
static void search_failed(searcher_t *s, search_status_t st, const char *what,
                          const cgi_request_t *req, response_t *resp)
{
    switch (st) {
    case SEARCH_NO_WORDS:
        /* The parser's messages are written for the person who typed the
         * query ("the query has no words to search for"). */
        fail_page(resp, req, 200, "Nothing to search for", searcher_last_error(s));
        break;
    case SEARCH_BAD_QUERY:
        fail_page(resp, req, 400, "Query not understood", searcher_last_error(s));
        break;
    case SEARCH_TOO_BROAD:
        fail_page(resp, req, 400, "Query too broad", searcher_last_error(s));
        break;
    case SEARCH_TOO_COMPLEX:
        fail_page(resp, req, 400, "Query too complex", searcher_last_error(s));
        break;
    case SEARCH_NO_MEMORY:
        errorf("%s%s", what, searcher_last_error(s));
        fail_page(resp, req, 500, "Server error", "Out of memory.");
        break;
    default:
        errorf("%s%s", what, searcher_last_error(s));
        fail_page(resp, req, 503, "Search not available", NOT_AVAILABLE);
        break;
    }
}

static int by_count_then_value(const void *a, const void *b)
{
    const search_facet_value_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

static int by_value_descending(const void *a, const void *b)
{
    const search_facet_value_t *x = a, *y = b;
    return strcmp(y->value, x->value);
}

/* Orders F by CMP and keeps the first MAX of its values. */
static void order_facet(search_facet_t *f, int (*cmp)(const void *, const void *), size_t max)
{
    if (f->count > 1)   /* qsort() wants a real array, even of nothing */
        qsort(f->values, f->count, sizeof *f->values, cmp);
    while (f->count > max)
        free(f->values[--f->count].value);
}

/* Today (UTC) as "YYYY-MM-DD": the accessed date of references. */
static void today(char out[16])
{
    time_t now = time(NULL);
    struct tm tm;
    strftime(out, 16, "%Y-%m-%d", gmtime_r(&now, &tm));
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The results page (or JSON) for W: the query parsed once, run for the
 * page and counted by source and year over every match, under the
 * filters. */
static void answer_search(searcher_t *s, const cgi_wanted_t *w, const struct timespec *start,
                          response_t *resp)
{
    static const search_facet_kind_t kinds[3] = {
        SEARCH_FACET_SOURCE, SEARCH_FACET_YEAR, SEARCH_FACET_MONTH,
    };
    cgi_request_t page = w->req;
    const cgi_request_t *req = &page;
    search_options_t opts = { .snippet_chars = SNIPPET_DEFAULT_CHARS, .exact_counts = 1,
                              .copies = 1 };
    search_filter_t filter = { req->source, req->from, req->to };
    search_facet_t facets[3];
    cgi_results_t res;
    search_result_t result;
    query_t *query = NULL;
    search_status_t st;
    const char *what = "";
    char names[CGI_MAX_FIELD_FACETS][FIELD_NAME_MAX + 1];
    search_facet_t fields[CGI_MAX_FIELD_FACETS];
    int field_count = req->facets ? cgi_facet_names(req->facets, names) : 0;

    memset(&res, 0, sizeof res);
    memset(&result, 0, sizeof result);
    memset(facets, 0, sizeof facets);
    memset(fields, 0, sizeof fields);
    opts.offset = (req->page - 1) * req->hits_per_page;
    opts.limit = req->hits_per_page;
    opts.collapse = !req->keep_duplicates;
    /* The concordance view shows every match in context, no snippets. */
    opts.marks = req->kwic && !w->json;
    if (opts.marks)
        opts.snippet_chars = 0;
    if ((st = searcher_parse(s, req->q, strlen(req->q), &query)) == SEARCH_OK
        && (st = searcher_restrict(s, &filter, req->sort)) == SEARCH_OK
        && (st = searcher_run(s, query, &opts, &result)) == SEARCH_OK) {
        what = "counting facets: ";
        st = searcher_facets(s, query, kinds, 3, facets, NULL);
        for (int i = 0; i < field_count && st == SEARCH_OK; i++) {
            unsigned with, total;
            /* A field the index lacks is the administrator's to mend:
             * logged, and the page goes on without it. */
            if (!searcher_has_field(s, names[i])) {
                errorf("TRAWL_CGI_FACETS: the index has no field '%s': not shown", names[i]);
                continue;
            }
            st = searcher_field_facet(s, query, names[i], &fields[i], &with, &total);
        }
    }
    /* The searcher is kept for the next request, which has filters of its
     * own. */
    searcher_restrict(s, NULL, SEARCH_BY_RELEVANCE);
    if (st != SEARCH_OK)
        search_failed(s, st, what, req, resp);
    else {
        /* Collapsed, the pages are of stories. */
        unsigned hits = result.collapsed ? result.stories : result.matches;
        unsigned pages = (hits + req->hits_per_page - 1) / req->hits_per_page;
        unsigned max_page = CGI_MAX_RESULT_DEPTH / req->hits_per_page;
        order_facet(&facets[0], by_count_then_value, MAX_SOURCE_FACETS);
        order_facet(&facets[1], by_value_descending, (size_t)-1);
        for (int i = 0; i < field_count; i++) {
            /* Values no match has are not worth a link. */
            order_facet(&fields[i], by_count_then_value, MAX_SOURCE_FACETS);
            while (fields[i].count && fields[i].values[fields[i].count - 1].count == 0)
                free(fields[i].values[--fields[i].count].value);
            res.field_names[i] = names[i];
        }
        res.fields = fields;
        res.field_count = field_count > 0 ? (size_t)field_count : 0;
        res.result = &result;
        res.sources = &facets[0];
        res.years = &facets[1];
        res.months = &facets[2];
        res.suggestion = result.suggestion;
        res.last_page = pages < 1 ? 1 : pages > max_page ? max_page : pages;
        res.seconds = seconds_since(start);
        if (resp->json)
            cgi_json_results(&resp->body, req, &res);
        else {
            page.has_results = 1;
            cgi_page_begin(&resp->body, req, req->q);
            cgi_page_results(&resp->body, req, &res);
            cgi_page_end(&resp->body);
        }
    }
    search_facet_free(&facets[0]);
    search_facet_free(&facets[1]);
    search_facet_free(&facets[2]);
    for (int i = 0; i < field_count; i++)
        search_facet_free(&fields[i]);
    search_result_free(&result);
    searcher_query_free(query);
}

/* The results of W's query and filters as the file W->download asks for:
 * the first CGI_MAX_DOWNLOAD of them, in the page's order. */
static void answer_download(searcher_t *s, const cgi_wanted_t *w, response_t *resp)
{
    const cgi_request_t *req = &w->req;
    search_options_t opts = { .limit = CGI_MAX_DOWNLOAD, .skip_counts = 1, .skip_suggestion = 1,
                              .collapse = !req->keep_duplicates };
    search_filter_t filter = { req->source, req->from, req->to };
    search_result_t result;
    query_t *query = NULL;
    search_status_t st;
    char accessed[16];

    memset(&result, 0, sizeof result);
    today(accessed);
    cgi_download_options(w->download, &opts);
    if ((st = searcher_parse(s, req->q, strlen(req->q), &query)) == SEARCH_OK
        && (st = searcher_restrict(s, &filter, req->sort)) == SEARCH_OK)
        st = searcher_run(s, query, &opts, &result);
    searcher_restrict(s, NULL, SEARCH_BY_RELEVANCE);
    if (st != SEARCH_OK)
        search_failed(s, st, "", req, resp);
    else if (cgi_download_write(&resp->body, w->download, req->q, &result, accessed) != 0)
        resp->body.failed = 1;   /* a 500: out of memory */
    else {
        resp->type = cgi_download_type(w->download);
        resp->filename = cgi_download_filename(w->download);
    }
    search_result_free(&result);
    searcher_query_free(query);
}

/* ------------------------------------------------------------- article */

/* The article view (?doc=ID) or its reference (?cite=ID), the words of
 * the query (if any) marked, or its paragraphs cited, as the one matcher
 * finds them. */
static void answer_article(searcher_t *s, const cgi_wanted_t *w, response_t *resp)
{
    const cgi_request_t *req = &w->req;
    const char *id = w->doc ? w->doc : w->cite;
    query_t *query = NULL;
    mark_t *marks = NULL;
    size_t mark_count = 0;
    hit_t hit;

    memset(&hit, 0, sizeof hit);
    switch (searcher_article(s, id, &hit.doc)) {
    case SEARCH_OK:
        break;
    case SEARCH_NOT_FOUND:
        fail_page(resp, req, 404, "No such article",
                  "The index holds no article with this id: it may have been removed.");
        return;
    default:
        errorf("article '%s': %s", id, searcher_last_error(s));
        fail_page(resp, req, 503, "Search not available", NOT_AVAILABLE);
        return;
    }
    /* A query that does not parse marks nothing; the article is still shown. */
    if (*req->q && searcher_parse(s, req->q, strlen(req->q), &query) != SEARCH_OK)
        query = NULL;
    resp->json = 0;
    cgi_page_begin(&resp->body, req, hit.doc.title ? hit.doc.title : hit.doc.id);
    if (w->doc) {
        if (query && searcher_marks(s, query, hit.doc.text, hit.doc.text_len, &marks,
                                    &mark_count) != SEARCH_OK)
            resp->body.failed = 1;   /* a 500: out of memory */
        cgi_page_article(&resp->body, req, &hit.doc, marks, mark_count);
    } else {
        char accessed[16];
        today(accessed);
        /* With a query, cite the paragraphs that show its words, as the
         * results list does. */
        if (query && searcher_snippet(s, query, &hit.doc, SNIPPET_DEFAULT_CHARS,
                                      &hit.snippet) != SEARCH_OK)
            resp->body.failed = 1;
        cgi_page_cite(&resp->body, req, &hit, accessed);
    }
    cgi_page_end(&resp->body);
    free(marks);
    searcher_query_free(query);
    snippet_free(&hit.snippet);
    docdata_free(&hit.doc);
}

/* ---------------------------------------------------------- the index */

void cgi_state_free(cgi_state_t *state)
{
    searcher_close(state->searcher);
    cgi_totals_free(&state->totals);
    free(state->db_path);
    free(state->uuid);
    state->searcher = NULL;
    state->db_path = state->uuid = NULL;
}

/* The searcher for DB_PATH: the one STATE keeps, if it reads the same
 * index, moved to its latest commit; else a new one.  Returns NULL with a
 * malloc'ed *ERRMSG when the index cannot be opened. */
static searcher_t *open_index(cgi_state_t *state, const char *db_path, char **errmsg)
{
    search_info_t info;

    *errmsg = NULL;
    if (state->searcher && strcmp(state->db_path, db_path) == 0) {
        /* A rebuilt index (trawl-index --rebuild renames a new one into
         * place) is another index: its UUID says so, and it is opened
         * afresh, with its own schema and language. */
        if (searcher_reopen(state->searcher) == SEARCH_OK
            && searcher_info(state->searcher, &info) == SEARCH_OK
            && strcmp(info.uuid, state->uuid) == 0)
            return state->searcher;
    }
    cgi_state_free(state);
    searcher_t *s = NULL;
    if (searcher_open(&db_path, 1, &s, errmsg) != SEARCH_OK)
        return NULL;
    state->db_path = strdup(db_path);
    state->uuid = strdup(searcher_info(s, &info) == SEARCH_OK ? info.uuid : "");
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
    const char *method = cgi_request_var(io, "REQUEST_METHOD");
    int head_only = method && strcmp(method, "HEAD") == 0;
    response_t resp = { 200, 0, BUF_INIT, NULL, NULL };
    cgi_settings_t settings;
    cgi_params_t params;
    cgi_wanted_t w;
    searcher_t *s = NULL;
    int status;

    clock_gettime(CLOCK_MONOTONIC, &start);
    memset(&params, 0, sizeof params);
    memset(&w, 0, sizeof w);
    cgi_settings_read(io, state->program, &settings);
    w.req.page = 1;
    w.req.site_title = settings.title;
    w.req.facets = settings.facets;
    w.req.q = "";
    w.req.default_hits = w.req.hits_per_page = settings.hits;
    const cgi_request_t blank = w.req;

    sending = 0;
    limit_fd = io->limit_fd;
    limit_answer = io->limit_answer;
    limit_len = io->limit_len;
    signal(SIGALRM, on_time_limit);
    alarm(settings.seconds);

    status = cgi_request_read(io, &params, &w);
    resp.json = w.json;
    if (status != 0) {
        fail_page(&resp, &blank, status, w.heading, w.message);
        goto send;
    }
    if (!settings.ok) {
        fail_page(&resp, &blank, 503, "Search not available",
                  "The search page is not set up correctly. Please tell the administrator.");
        goto send;
    }
    int start_page = w.doc == NULL && w.cite == NULL && *w.req.q == '\0' && !resp.json
                     && w.download == CGI_DOWNLOAD_NONE;
    const char *db_path = settings.db ? settings.db : DBPATH_DEFAULT;
    char *errmsg = NULL;
    s = open_index(state, db_path, &errmsg);
    if (s == NULL) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        free(errmsg);
        /* The start page's help is worth showing without the numbers. */
        if (!start_page) {
            fail_page(&resp, &blank, 503, "Search not available",
                      "The search index is not available at the moment. Please try again "
                      "later.");
            goto send;
        }
    } else if (resp.json || w.download != CGI_DOWNLOAD_NONE)
        ;   /* no form, no chart: the counts of the index are not needed */
    else if (cgi_totals_update(s, &state->totals) == SEARCH_OK)
        w.req.totals = &state->totals;
    else   /* the page goes on, with a text box for the source */
        errorf("counting the index's articles: %s", searcher_last_error(s));
    if (start_page) {
        cgi_page_begin(&resp.body, &w.req, NULL);
        cgi_page_start(&resp.body, &w.req);
        cgi_page_end(&resp.body);
        goto send;
    }
    if (w.download != CGI_DOWNLOAD_NONE)
        answer_download(s, &w, &resp);
    else if (w.doc || w.cite)
        answer_article(s, &w, &resp);
    else
        answer_search(s, &w, &start, &resp);
send:
    sending = 1;
    int rc = send_response(io, &resp, head_only);
    alarm(0);
    cgi_params_free(&params);
    cgi_settings_free(&settings);
    buf_free(&resp.body);
    return rc;
}
