/* fuzz-cgi-param.c: libFuzzer target for the CGI parameter decoder
 * (cgi_params_parse), checking that whatever it accepts is what
 * cgi-param.h promises the page.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "cgi-param.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 with no control character but tab, LF and CR. */
static int acceptable(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            return 0;
    }
    return fuzz_valid_utf8(s, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cgi_params_t p;
    cgi_param_status_t st = cgi_params_parse((const char *)data, size, 16, &p);

    FUZZ_CHECK(st < CGI_PARAM_STATUS_LAST);
    FUZZ_CHECK(memchr(p.bad_key, '\0', sizeof p.bad_key) != NULL);
    if (st == CGI_PARAM_OK) {
        FUZZ_CHECK(p.count <= 16);
        for (size_t i = 0; i < p.count; i++) {
            const cgi_param_t *q = &p.params[i];
            FUZZ_CHECK(acceptable(q->key, strlen(q->key)));
            FUZZ_CHECK(strlen(q->value) == q->value_len);
            FUZZ_CHECK(acceptable(q->value, q->value_len));
            FUZZ_CHECK(cgi_params_get(&p, q->key) == q);   /* keys are unique */
        }
    } else
        FUZZ_CHECK(p.count == 0);
    cgi_params_free(&p);
    return 0;
}
