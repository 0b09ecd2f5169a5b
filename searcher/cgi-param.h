/* cgi-param.h: decoding CGI parameters (application/x-www-form-urlencoded).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The same text comes from QUERY_STRING (GET, HEAD) or the body of a POST.
 * Pairs are separated by '&' (empty pairs are skipped), a key without '='
 * has the empty value, '+' is a space and %XX a byte.  The decoder is
 * strict, because whatever it lets through reaches the search and the page:
 * a '%' not followed by two hex digits, a key or value that is not valid
 * UTF-8 (overlong forms included) or holds a control character (NUL, and
 * any other C0 control but tab, LF and CR, or DEL), a key given twice, or
 * more than max_count pairs is an error, and the caller answers 400.
 * It knows no key names: which keys mean something is the caller's rule.
 */
#ifndef TRAWL_CGI_PARAM_H
#define TRAWL_CGI_PARAM_H

#include <stddef.h>

typedef enum {
    CGI_PARAM_OK = 0,
    CGI_PARAM_NO_MEMORY,         /* an allocation failed */
    CGI_PARAM_BAD_PERCENT,       /* '%' not followed by two hex digits */
    CGI_PARAM_BAD_UTF8,          /* a decoded key or value is not valid UTF-8 */
    CGI_PARAM_CONTROL_CHARACTER, /* a decoded key or value holds NUL or another control */
    CGI_PARAM_REPEATED,          /* the same key twice */
    CGI_PARAM_TOO_MANY,          /* more pairs than allowed */
    CGI_PARAM_STATUS_LAST        /* not a status: the number of statuses */
} cgi_param_status_t;

typedef struct {
    char *key;             /* decoded, NUL-terminated */
    char *value;           /* decoded, NUL-terminated (no NUL inside: see above) */
    size_t value_len;
} cgi_param_t;

typedef struct {
    cgi_param_t *params;   /* in the order given */
    size_t count;
    char bad_key[48];      /* on error: the start of the offending key as sent
                              (still encoded, NUL-terminated; escape it before
                              showing it) */
} cgi_params_t;

/* Decodes TEXT[0..LEN) (need not be NUL-terminated) into *OUT, allowing at
 * most MAX_COUNT pairs.  Returns CGI_PARAM_OK, or an error status with
 * out->bad_key naming the pair at fault (empty for NO_MEMORY and TOO_MANY)
 * and no params.  Free *OUT with cgi_params_free() in every case. */
cgi_param_status_t cgi_params_parse(const char *text, size_t len, size_t max_count,
                                    cgi_params_t *out);

/* The value of KEY, or NULL when it was not given.  Owned by P. */
const cgi_param_t *cgi_params_get(const cgi_params_t *p, const char *key);

void cgi_params_free(cgi_params_t *p);

/* A fixed English phrase for STATUS ("bad percent-encoding"); never NULL. */
const char *cgi_param_status_to_string(cgi_param_status_t status);

#endif /* TRAWL_CGI_PARAM_H */
