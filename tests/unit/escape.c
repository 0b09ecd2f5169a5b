/* escape.c: unit tests for the HTML, attribute and URL escapers, the
 * terminal's one rule and JSON's controls (common/escape.h); output.c's
 * TSV and CSV fields are in output.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tap.h"

typedef struct {
    const char *in;
    size_t len;          /* 0: strlen(in) */
    const char *html, *attr, *url;
} escape_row_t;

static const escape_row_t rows[] = {
    { "", 0, "", "", "" },
    { "plain text", 0, "plain text", "plain text", "plain+text" },
    { "<script>alert(1)</script>", 0,
      "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;",
      "%3Cscript%3Ealert%281%29%3C%2Fscript%3E" },
    { "\" onmouseover=\"x", 0, "&quot; onmouseover=&quot;x", "&quot; onmouseover=&quot;x",
      "%22+onmouseover%3D%22x" },
    { "it's", 0, "it&#39;s", "it&#39;s", "it%27s" },
    { "a&b=c", 0, "a&amp;b=c", "a&amp;b=c", "a%26b%3Dc" },
    { "&amp;", 0, "&amp;amp;", "&amp;amp;", "%26amp%3B" },
    { "javascript:alert(1)", 0, "javascript:alert(1)", "javascript:alert(1)",
      "javascript%3Aalert%281%29" },
    { "tab\tline\nreturn\r", 0, "tab\tline\nreturn\r", "tab&#9;line&#10;return&#13;",
      "tab%09line%0Areturn%0D" },
    { "nul\0byte", 8, "nul\xEF\xBF\xBD" "byte", "nul\xEF\xBF\xBD" "byte", "nul%00byte" },
    { "bell\x07 del\x7F", 0, "bell\xEF\xBF\xBD del\xEF\xBF\xBD",
      "bell\xEF\xBF\xBD del\xEF\xBF\xBD", "bell%07+del%7F" },
    { "C1 \xC2\x85", 0, "C1 \xEF\xBF\xBD", "C1 \xEF\xBF\xBD", "C1+%C2%85" },
    { "England\xE2\x80\x99s \xC2\xA3" "350m", 0, "England\xE2\x80\x99s \xC2\xA3" "350m",
      "England\xE2\x80\x99s \xC2\xA3" "350m", "England%E2%80%99s+%C2%A3350m" },
    { "caf\xC3\xA9", 0, "caf\xC3\xA9", "caf\xC3\xA9", "caf%C3%A9" },
    /* Overlong "<" (0xC0 0xBC) must not turn into markup. */
    { "\xC0\xBCscript", 0, "\xEF\xBF\xBD\xEF\xBF\xBDscript", "\xEF\xBF\xBD\xEF\xBF\xBDscript",
      "%EF%BF%BD%EF%BF%BDscript" },
    { "cut \xE2\x80", 0, "cut \xEF\xBF\xBD\xEF\xBF\xBD", "cut \xEF\xBF\xBD\xEF\xBF\xBD",
      "cut+%EF%BF%BD%EF%BF%BD" },
    { "-._~+%/?#", 0, "-._~+%/?#", "-._~+%/?#", "-._~%2B%25%2F%3F%23" },
};

static void test_rows(void)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const escape_row_t *r = &rows[i];
        size_t len = r->len ? r->len : strlen(r->in);
        buf_t html = BUF_INIT, attr = BUF_INIT, url = BUF_INIT;
        char name[64];

        esc_html(&html, r->in, len);
        esc_attr(&attr, r->in, len);
        esc_url(&url, r->in, len);
        snprintf(name, sizeof name, "HTML escape, row %zu", i);
        is_str(html.data ? html.data : "", r->html, name);
        snprintf(name, sizeof name, "attribute escape, row %zu", i);
        is_str(attr.data ? attr.data : "", r->attr, name);
        snprintf(name, sizeof name, "URL escape, row %zu", i);
        is_str(url.data ? url.data : "", r->url, name);
        buf_free(&html);
        buf_free(&attr);
        buf_free(&url);
    }
}

/* Every single byte: no markup character survives esc_attr(), and esc_url()
 * gives only characters that need no further escaping in a query string. */
static void test_every_byte(void)
{
    int markup_ok = 1, url_ok = 1;
    for (unsigned b = 0; b < 256; b++) {
        char in = (char)b;
        buf_t attr = BUF_INIT, url = BUF_INIT;
        esc_attr(&attr, &in, 1);
        esc_url(&url, &in, 1);
        for (size_t k = 0; k < attr.len; k++)
            if (strchr("<>\"'\t\n\r", attr.data[k]) || attr.data[k] == '\0'
                || (attr.data[k] == '&' && strchr(attr.data + k, ';') == NULL)) {
                printf("# byte 0x%02X: attribute escape gave '%s'\n", b, attr.data);
                markup_ok = 0;
            }
        for (size_t k = 0; k < url.len; k++)
            if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+%",
                       url.data[k]) == NULL || url.data[k] == '\0') {
                printf("# byte 0x%02X: URL escape gave '%s'\n", b, url.data);
                url_ok = 0;
            }
        buf_free(&attr);
        buf_free(&url);
    }
    ok(markup_ok, "every byte 0x00-0xFF: no markup character left by esc_attr()");
    ok(url_ok, "every byte 0x00-0xFF: esc_url() gives only unreserved, '+' and %%XX");
}

/* What reaches a terminal: ESC, BEL, 7- and 8-bit CSI and OSC sequences
 * become U+FFFD (the rest of a sequence is harmless text), for
 * esc_terminal() (tab, newline and CR as spaces), esc_controls() (kept)
 * and JSON (as \u00XX, C1 included). */
static void test_terminal(void)
{
    static const struct {
        const char *in, *terminal, *controls, *json;
    } rows[] = {
        { "a\x1b[2Jb", "a\xEF\xBF\xBD[2Jb", "a\xEF\xBF\xBD[2Jb", "a\\u001b[2Jb" },
        { "bell\x07", "bell\xEF\xBF\xBD", "bell\xEF\xBF\xBD", "bell\\u0007" },
        { "\xC2\x9B" "31m", "\xEF\xBF\xBD" "31m", "\xEF\xBF\xBD" "31m", "\\u009b31m" },
        { "\x9B" "31m", "\xEF\xBF\xBD" "31m", "\xEF\xBF\xBD" "31m", "\\ufffd31m" },
        { "\x1b]0;title\x07", "\xEF\xBF\xBD]0;title\xEF\xBF\xBD", "\xEF\xBF\xBD]0;title\xEF\xBF\xBD",
          "\\u001b]0;title\\u0007" },
        { "\xC2\x9D" "8;;http://x\xC2\x9C", "\xEF\xBF\xBD" "8;;http://x\xEF\xBF\xBD",
          "\xEF\xBF\xBD" "8;;http://x\xEF\xBF\xBD", "\\u009d8;;http://x\\u009c" },
        { "del\x7F", "del\xEF\xBF\xBD", "del\xEF\xBF\xBD", "del\\u007f" },
        { "a\tb\nc\rd", "a b c d", "a\tb\nc\rd", "a\\tb\\nc\\rd" },
        { "\xC2\xA0nbsp \xC2\x85nel", "\xC2\xA0nbsp \xEF\xBF\xBDnel", "\xC2\xA0nbsp \xEF\xBF\xBDnel",
          "\xC2\xA0nbsp \\u0085nel" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        buf_t t = BUF_INIT, c = BUF_INIT, j = BUF_INIT;
        char name[3][64];
        snprintf(name[0], sizeof name[0], "terminal, row %zu", i);
        snprintf(name[1], sizeof name[1], "controls with tab, newline and CR kept, row %zu", i);
        snprintf(name[2], sizeof name[2], "JSON, row %zu", i);
        esc_terminal(&t, rows[i].in, strlen(rows[i].in));
        esc_controls(&c, rows[i].in, strlen(rows[i].in));
        esc_json(&j, rows[i].in, strlen(rows[i].in));
        is_str(t.data ? t.data : "", rows[i].terminal, name[0]);
        is_str(c.data ? c.data : "", rows[i].controls, name[1]);
        is_str(j.data ? j.data : "", rows[i].json, name[2]);
        buf_free(&t);
        buf_free(&c);
        buf_free(&j);
    }
}

int main(void)
{
    test_rows();
    test_every_byte();
    test_terminal();
    return tap_done();
}
