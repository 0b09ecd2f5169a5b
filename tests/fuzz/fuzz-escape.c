/* fuzz-escape.c: libFuzzer target for every escaper (esc_html, esc_attr,
 * esc_url, esc_json, esc_terminal, output_csv_escape, output_tsv_escape):
 * each output is checked against what its context needs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "fuzz-check.h"
#include "output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Non-zero if S[0..LEN) holds none of the bytes in SET (NUL-terminated;
 * a NUL byte in S counts as found). */
static int has_none(const char *s, size_t len, const char *set)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\0' || strchr(set, s[i]))
            return 0;
    return 1;
}

/* Non-zero if S[0..LEN) holds any of the bytes in SET. */
static int contains_any(const char *s, size_t len, const char *set)
{
    for (; *set; set++)
        if (memchr(s, *set, len))
            return 1;
    return 0;
}

static int upper_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* Non-zero if the UTF-8 text S[0..LEN) holds no C0 or C1 control and no
 * DEL: nothing a terminal would act on (ESC starts every escape sequence,
 * and U+009B is a one-character CSI). */
static int no_controls(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++)
        if (p[i] < 0x20 || p[i] == 0x7F || (p[i] == 0xC2 && i + 1 < len && p[i + 1] < 0xA0))
            return 0;
    return 1;
}

/* Non-zero if every '&' in S[0..LEN) starts a character reference. */
static int references_only(const char *s, size_t len)
{
    if (len == 0)
        return 1;
    for (const char *p = s; (p = memchr(p, '&', (size_t)(s + len - p))) != NULL; p++) {
        const char *semi = memchr(p, ';', (size_t)(s + len - p));
        FUZZ_CHECK(semi && semi - p <= 8);
        for (const char *q = p + 1; q < semi; q++)
            if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '#'))
                return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    buf_t out = BUF_INIT;

    esc_html(&out, in, size);
    FUZZ_CHECK(!out.failed && fuzz_valid_utf8(out.data, out.len));
    FUZZ_CHECK(has_none(out.data, out.len, "<>\"'") && references_only(out.data, out.len));
    buf_reset(&out);

    esc_attr(&out, in, size);
    FUZZ_CHECK(!out.failed && fuzz_valid_utf8(out.data, out.len));
    FUZZ_CHECK(has_none(out.data, out.len, "<>\"'\t\n\r") && references_only(out.data, out.len));
    buf_reset(&out);

    esc_url(&out, in, size);
    FUZZ_CHECK(!out.failed);
    for (size_t i = 0; i < out.len; i++) {
        char c = out.data[i];
        FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                   || strchr("-._~+%", c));
        if (c == '%')    /* always two upper-case hex digits */
            FUZZ_CHECK(i + 2 < out.len && upper_hex(out.data[i + 1]) && upper_hex(out.data[i + 2]));
    }
    buf_reset(&out);

    esc_json(&out, in, size);
    FUZZ_CHECK(!out.failed && fuzz_valid_utf8(out.data, out.len));
    for (size_t i = 0; i < out.len; i++) {
        FUZZ_CHECK((unsigned char)out.data[i] >= 0x20);
        if (out.data[i] == '\\')       /* an escape: skip what it escapes */
            i++;
        else
            FUZZ_CHECK(out.data[i] != '"');
    }
    buf_reset(&out);

    esc_terminal(&out, in, size);
    FUZZ_CHECK(!out.failed && fuzz_valid_utf8(out.data, out.len) && no_controls(out.data, out.len));
    buf_reset(&out);

    /* TSV: no tab, newline or CR but escaped, and nothing a terminal acts
     * on. */
    output_tsv_escape(&out, in, size);
    FUZZ_CHECK(!out.failed && fuzz_valid_utf8(out.data, out.len) && no_controls(out.data, out.len));
    buf_reset(&out);

    /* CSV: the field as it is (controls replaced, a formula behind a
     * quote), or quoted with inner quotes doubled; no control a terminal
     * acts on, but tab, newline and CR, which are the cell's. */
    output_csv_escape(&out, in, size);
    FUZZ_CHECK(!out.failed && fuzz_valid_utf8(out.data, out.len));
    for (size_t i = 0; i < out.len; i++) {
        unsigned char c = (unsigned char)out.data[i];
        FUZZ_CHECK(c >= 0x20 ? c != 0x7F && (c != 0xC2 || i + 1 >= out.len
                                              || (unsigned char)out.data[i + 1] >= 0xA0)
                             : c == '\t' || c == '\n' || c == '\r');
    }
    size_t first = out.len > 0 && out.data[0] == '"' && contains_any(in, size, ",\"\r\n");
    if (size > 0 && strchr("=+-@\t\r", in[0]) && in[0] != '\0')
        FUZZ_CHECK(out.len > first && out.data[first] == '\'');
    if (!contains_any(in, size, ",\"\r\n"))
        FUZZ_CHECK(out.len == 0 || out.data[0] != '"');
    else {
        FUZZ_CHECK(out.len >= 2 && out.data[0] == '"' && out.data[out.len - 1] == '"');
        for (size_t i = 1; i + 1 < out.len; i++)
            if (out.data[i] == '"')
                FUZZ_CHECK(out.data[++i] == '"' && i + 1 < out.len);
    }
    buf_free(&out);
    return 0;
}
