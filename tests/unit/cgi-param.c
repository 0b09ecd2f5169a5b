/* cgi-param.c: unit tests for the CGI parameter decoder (searcher/cgi-param.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi-param.h"
#include "tap.h"

typedef struct {
    const char *in;
    size_t len;                  /* 0: strlen(in) */
    cgi_param_status_t status;
    const char *expected;        /* OK: "key=value|..."; else the bad key */
} param_row_t;

static const param_row_t rows[] = {
    { "", 0, CGI_PARAM_OK, "" },
    { "q=area+teams+bullying", 0, CGI_PARAM_OK, "q=area teams bullying" },
    { "q=area%20teams&page=2", 0, CGI_PARAM_OK, "q=area teams|page=2" },
    { "q=a%2Bb%26c%3Dd", 0, CGI_PARAM_OK, "q=a+b&c=d" },
    { "q=%e2%80%99%E2%80%99", 0, CGI_PARAM_OK, "q=\xE2\x80\x99\xE2\x80\x99" },
    { "&&q=x&&", 0, CGI_PARAM_OK, "q=x" },
    { "flag&q=", 0, CGI_PARAM_OK, "flag=|q=" },
    { "q=a=b", 0, CGI_PARAM_OK, "q=a=b" },
    { "%71=key+decoded", 0, CGI_PARAM_OK, "q=key decoded" },
    { "q=tab%09nl%0Acr%0D", 0, CGI_PARAM_OK, "q=tab\tnl\ncr\r" },
    { "q=<script>", 0, CGI_PARAM_OK, "q=<script>" },
    { "q=x&next", 4, CGI_PARAM_OK, "q=x" },          /* length, not NUL, ends */
    { "q=100%", 0, CGI_PARAM_BAD_PERCENT, "q" },
    { "q=%4", 0, CGI_PARAM_BAD_PERCENT, "q" },
    { "q=%zz", 0, CGI_PARAM_BAD_PERCENT, "q" },
    { "a=1&%g1=2", 0, CGI_PARAM_BAD_PERCENT, "%g1" },
    { "q=%00", 0, CGI_PARAM_CONTROL_CHARACTER, "q" },
    { "q=a%00b", 0, CGI_PARAM_CONTROL_CHARACTER, "q" },
    { "q=%1B[31m", 0, CGI_PARAM_CONTROL_CHARACTER, "q" },
    { "q=%7F", 0, CGI_PARAM_CONTROL_CHARACTER, "q" },
    { "q%00=x", 0, CGI_PARAM_CONTROL_CHARACTER, "q%00" },
    { "q=%C0%BCscript", 0, CGI_PARAM_BAD_UTF8, "q" },       /* overlong '<' */
    { "q=%E0%80%BC", 0, CGI_PARAM_BAD_UTF8, "q" },          /* overlong, 3 bytes */
    { "q=%ED%A0%80", 0, CGI_PARAM_BAD_UTF8, "q" },          /* a surrogate */
    { "q=%FF", 0, CGI_PARAM_BAD_UTF8, "q" },
    { "q=caf%C3", 0, CGI_PARAM_BAD_UTF8, "q" },             /* cut short */
    { "q=a&q=b", 0, CGI_PARAM_REPEATED, "q" },
    { "q=a&page=1&q", 0, CGI_PARAM_REPEATED, "q" },
    { "q=a&%71=b", 0, CGI_PARAM_REPEATED, "%71" },          /* same key once decoded */
    { "a=1&b=2&c=3&d=4&e=5", 0, CGI_PARAM_TOO_MANY, "" },
    { "a=1&b=2&c=3&d=4", 0, CGI_PARAM_OK, "a=1|b=2|c=3|d=4" },
    { "0123456789012345678901234567890123456789012345678901234567=%", 0,
      CGI_PARAM_BAD_PERCENT, "01234567890123456789012345678901234567890123456" },
};

/* Renders the pairs of P as "key=value|...". */
static const char *render(const cgi_params_t *p)
{
    static char buf[256];
    buf[0] = '\0';
    for (size_t i = 0; i < p->count; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s=%s", i ? "|" : "",
                 p->params[i].key, p->params[i].value);
    return buf;
}

static void test_rows(void)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const param_row_t *r = &rows[i];
        cgi_params_t p;
        char name[96];
        cgi_param_status_t st = cgi_params_parse(r->in, r->len ? r->len : strlen(r->in), 4, &p);
        snprintf(name, sizeof name, "row %zu: status %s", i, cgi_param_status_to_string(r->status));
        is_int(st, r->status, name);
        snprintf(name, sizeof name, "row %zu: %s", i, st == CGI_PARAM_OK ? "pairs" : "bad key");
        is_str(st == CGI_PARAM_OK ? render(&p) : p.bad_key, r->expected, name);
        if (st != CGI_PARAM_OK)
            ok(p.count == 0 && p.params == NULL, "row %zu: no pairs after an error", i);
        cgi_params_free(&p);
    }
}

static void free_null_params(void)
{
    cgi_params_free(NULL);
}

static void test_lookup(void)
{
    cgi_params_t p;
    const char *text = "q=nurse&empty=&source=HSJ";
    cgi_params_parse(text, strlen(text), 10, &p);
    const cgi_param_t *q = cgi_params_get(&p, "q");
    ok(q != NULL && strcmp(q->value, "nurse") == 0 && q->value_len == 5, "get(q)");
    q = cgi_params_get(&p, "empty");
    ok(q != NULL && q->value_len == 0, "get(empty): present, empty");
    ok(cgi_params_get(&p, "page") == NULL, "get(page): absent");
    ok(cgi_params_get(&p, "Q") == NULL, "keys are case-sensitive");
    cgi_params_free(&p);
    ok(p.params == NULL && p.count == 0 && cgi_params_get(&p, "q") == NULL,
       "free empties the params");
    cgi_params_free(&p);
    ok(p.params == NULL && p.count == 0, "freeing them again is harmless");
    survives(free_null_params, "free(NULL) does nothing");
}

static void test_status_strings(void)
{
    is_str(cgi_param_status_to_string(CGI_PARAM_REPEATED), "given more than once",
           "status text");
    is_str(cgi_param_status_to_string(CGI_PARAM_STATUS_LAST), "unknown status",
           "status text out of range");
}

/* A large value decodes in one pass; the caller bounds lengths. */
static void test_large(void)
{
    size_t n = 1 << 20;
    char *text = malloc(n + 3);
    cgi_params_t p;
    if (!ok(text != NULL, "1 MB for a large value"))
        return;
    memcpy(text, "q=", 2);
    memset(text + 2, 'a', n);
    text[n + 2] = '\0';
    is_int(cgi_params_parse(text, n + 2, 4, &p), CGI_PARAM_OK, "a 1 MB value decodes");
    ok(p.count == 1 && p.params[0].value_len == n, "... to 1 MB");
    cgi_params_free(&p);
    free(text);
}

int main(void)
{
    test_rows();
    test_lookup();
    test_status_strings();
    test_large();
    return tap_done();
}
