/* fuzz-check.h: what the fuzz targets share: an invariant check that
 * crashes (so libFuzzer keeps the input), and a UTF-8 validity test.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_FUZZ_CHECK_H
#define TRAWL_FUZZ_CHECK_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/* A broken invariant is a finding like a crash: say which, and abort. */
#define FUZZ_CHECK(cond)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,        \
                    __LINE__, #cond);                                         \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* Length of the valid UTF-8 sequence (RFC 3629: no overlong forms, no
 * surrogates, at most U+10FFFF) at S[0..LEN), or 0 if there is none. */
static inline size_t fuzz_utf8_length(const unsigned char *s, size_t len)
{
    if (len == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (n == 0 || n > len)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)
        || (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* Non-zero if S[0..LEN) is valid UTF-8. */
static inline int fuzz_valid_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = fuzz_utf8_length(p + i, len - i);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

#endif /* TRAWL_FUZZ_CHECK_H */
