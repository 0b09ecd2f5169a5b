/* cgi-param.c: strict decoding of application/x-www-form-urlencoded parameters.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "cgi-param.h"
#include "utf8.h"

/* Decodes S[0..LEN) ('+' and %XX) into a malloc'ed, NUL-terminated string
 * through *OUT, its length in *LEN_OUT, and checks it.  Returns OK, or the
 * error, with *OUT NULL. */
static cgi_param_status_t decode(const char *s, size_t len, char **out, size_t *len_out)
{
    char *d = malloc(len + 1);
    size_t n = 0;

    *out = NULL;
    if (d == NULL)
        return CGI_PARAM_NO_MEMORY;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+')
            d[n++] = ' ';
        else if (s[i] != '%')
            d[n++] = s[i];
        else {
            int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
            int lo = i + 2 < len ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                free(d);
                return CGI_PARAM_BAD_PERCENT;
            }
            d[n++] = (char)(hi * 16 + lo);
            i += 2;
        }
    }
    d[n] = '\0';
    if (!utf8_valid(d, n)) {
        free(d);
        return CGI_PARAM_BAD_UTF8;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            free(d);
            return CGI_PARAM_CONTROL_CHARACTER;
        }
    }
    *out = d;
    *len_out = n;
    return CGI_PARAM_OK;
}

/* Records the start of the encoded key KEY[0..LEN) for the error message. */
static void note_bad_key(cgi_params_t *out, const char *key, size_t len)
{
    size_t n = len < sizeof out->bad_key - 1 ? len : sizeof out->bad_key - 1;
    memcpy(out->bad_key, key, n);
    out->bad_key[n] = '\0';
}

cgi_param_status_t cgi_params_parse(const char *text, size_t len, size_t max_count,
                                    cgi_params_t *out)
{
    cgi_param_status_t status = CGI_PARAM_OK;
    size_t at = 0;

    memset(out, 0, sizeof *out);
    while (status == CGI_PARAM_OK && at < len) {
        const char *pair = text + at;
        const char *amp = memchr(pair, '&', len - at);
        size_t pair_len = amp ? (size_t)(amp - pair) : len - at;
        at += pair_len + 1;
        if (pair_len == 0)
            continue;
        const char *eq = memchr(pair, '=', pair_len);
        size_t key_len = eq ? (size_t)(eq - pair) : pair_len;
        if (out->count == max_count) {
            status = CGI_PARAM_TOO_MANY;
            break;
        }
        cgi_param_t *params = realloc(out->params, (out->count + 1) * sizeof *params);
        if (params == NULL) {
            status = CGI_PARAM_NO_MEMORY;
            break;
        }
        out->params = params;
        cgi_param_t *p = &params[out->count];
        size_t ignored;
        memset(p, 0, sizeof *p);
        status = decode(pair, key_len, &p->key, &ignored);
        if (status == CGI_PARAM_OK)
            status = eq ? decode(eq + 1, pair_len - key_len - 1, &p->value, &p->value_len)
                        : decode("", 0, &p->value, &p->value_len);
        if (status == CGI_PARAM_OK && cgi_params_get(out, p->key) != NULL)
            status = CGI_PARAM_REPEATED;
        out->count++;   /* counted even when bad, so cgi_params_free() frees it */
        if (status != CGI_PARAM_OK && status != CGI_PARAM_NO_MEMORY)
            note_bad_key(out, pair, key_len);
    }
    if (status != CGI_PARAM_OK) {
        char bad_key[sizeof out->bad_key];
        memcpy(bad_key, out->bad_key, sizeof bad_key);
        cgi_params_free(out);
        memcpy(out->bad_key, bad_key, sizeof bad_key);
    }
    return status;
}

const cgi_param_t *cgi_params_get(const cgi_params_t *p, const char *key)
{
    /* A linear search: there are a handful of parameters at most. */
    for (size_t i = 0; i < p->count; i++)
        if (p->params[i].key && p->params[i].value && strcmp(p->params[i].key, key) == 0)
            return &p->params[i];
    return NULL;
}

void cgi_params_free(cgi_params_t *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->count; i++) {
        free(p->params[i].key);
        free(p->params[i].value);
    }
    free(p->params);
    memset(p, 0, sizeof *p);
}

const char *cgi_param_status_to_string(cgi_param_status_t status)
{
    static const char *const names[] = {
        "success",
        "out of memory",
        "bad percent-encoding",
        "not valid UTF-8",
        "a control character",
        "given more than once",
        "too many parameters",
    };
    _Static_assert(sizeof names / sizeof names[0] == CGI_PARAM_STATUS_LAST,
                   "one description per status");
    if ((unsigned)status >= CGI_PARAM_STATUS_LAST)
        return "unknown status";
    return names[status];
}
