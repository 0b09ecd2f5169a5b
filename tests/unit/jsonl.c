/* jsonl.c: tests of the JSON reader, JSON Lines records and mail messages.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "jsonl.h"
#include "mail.h"
#include "tap.h"

/* Members as "key=kind:value|" so one string shows what the reader saw. */
static int collect_member(void *ctx, const char *key, size_t key_len, const json_value_t *v)
{
    static const char *const kinds[] = { "s", "n", "t", "f", "z", "a", "o" };
    buf_t *out = ctx;
    buf_append(out, key, key_len);
    buf_printf(out, "=%s:", kinds[v->kind]);
    buf_append(out, v->text, v->len);
    buf_putc(out, '|');
    return 0;
}

static void test_json_valid(void)
{
    static const struct { const char *input, *expected; } cases[] = {
        { "{}", "" },
        { " { \"a\" : 1 } ", "a=n:1|" },
        { "{\"s\":\"x\\ty\\n\\\"q\\\"\\\\/\\/\"}", "s=s:x\ty\n\"q\"\\//|" },
        { "{\"u\":\"\\u00e9\\u20AC\\ud83d\\ude00\"}", "u=s:\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80|" },
        { "{\"n\":-0.5e+10,\"z\":0,\"t\":true,\"f\":false,\"x\":null}",
          "n=n:-0.5e+10|z=n:0|t=t:true|f=f:false|x=z:null|" },
        { "{\"a\":[1, \"two\", {\"b\": [ ]}],\"o\":{\"k\":\"v\"}}",
          "a=a:[1, \"two\", {\"b\": [ ]}]|o=o:{\"k\":\"v\"}|" },
        { "{\"caf\xC3\xA9\":\"\xE2\x80\x9Cq\xE2\x80\x9D\"}", "caf\xC3\xA9=s:\xE2\x80\x9Cq\xE2\x80\x9D|" },
        { "{\"e\":\"\"}", "e=s:|" },
    };
    json_reader_t r = JSON_READER_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_t got = BUF_INIT;
        int rc = json_read_object(&r, cases[i].input, strlen(cases[i].input),
                                  collect_member, &got);
        is_int(rc, 0, cases[i].input);
        is_str(got.data ? got.data : "", cases[i].expected, "  members as read");
        buf_free(&got);
    }
    json_reader_free(&r);
}

static void test_json_malformed(void)
{
    static const struct { const char *input, *error; size_t offset; } cases[] = {
        { "", "expected '{' (a JSON object)", 0 },
        { "[1]", "expected '{' (a JSON object)", 0 },
        { "{\"a\":1,}", "expected a string key", 7 },
        { "{\"a\" 1}", "expected ':'", 5 },
        { "{\"a\":1 \"b\":2}", "expected ',' or '}'", 7 },
        { "{'a':1}", "expected a string key", 1 },
        { "{\"a\":01}", "expected ',' or '}'", 6 },
        { "{\"a\":1.}", "invalid number", 7 },
        { "{\"a\":-}", "invalid number", 6 },
        { "{\"a\":tru}", "invalid value", 5 },
        { "{\"a\":\"x}", "unterminated string", 8 },
        { "{\"a\":\"x\ty\"}", "control character in a string", 7 },
        { "{\"a\":\"\\x\"}", "invalid escape in a string", 7 },
        { "{\"a\":\"\\u12g4\"}", "invalid \\u escape", 8 },
        { "{\"a\":\"\\ud800\"}", "unpaired surrogate in \\u escape", 12 },
        { "{\"a\":\"\\udc00\"}", "unpaired surrogate in \\u escape", 12 },
        { "{\"a\":\"\xC3\x28\"}", "invalid UTF-8 in a string", 6 },
        { "{\"a\":\"\xED\xA0\x80\"}", "invalid UTF-8 in a string", 6 },
        { "{\"a\":[1,]}", "invalid value", 8 },
        { "{\"a\":{\"b\" 2}}", "expected ':'", 10 },
        { "{\"a\":1} x", "text after the object", 8 },
        { "{\"a\":1", "expected ',' or '}'", 6 },
    };
    json_reader_t r = JSON_READER_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_t got = BUF_INIT;
        int rc = json_read_object(&r, cases[i].input, strlen(cases[i].input),
                                  collect_member, &got);
        is_int(rc, -1, cases[i].input);
        is_str(r.error, cases[i].error, "  the error says what");
        is_int((long)r.error_offset, (long)cases[i].offset, "  and where");
        buf_free(&got);
    }
    /* Too deep: 65 nested arrays. */
    buf_t deep = BUF_INIT;
    buf_puts(&deep, "{\"a\":");
    for (int i = 0; i < JSON_MAX_DEPTH; i++)
        buf_putc(&deep, '[');
    for (int i = 0; i < JSON_MAX_DEPTH; i++)
        buf_putc(&deep, ']');
    buf_putc(&deep, '}');
    is_int(json_read_object(&r, deep.data, deep.len, collect_member, NULL), -1,
           "nesting deeper than JSON_MAX_DEPTH is refused");
    is_str(r.error, "nested too deeply", "  with its reason");
    buf_free(&deep);
    json_reader_free(&r);
}

/* Paragraph I of A, or NULL where A has fewer. */
static const char *para(const article_t *a, size_t i)
{
    return i < a->paragraph_count ? a->paragraphs[i].text : NULL;
}

static int parse_mail(const char *msg, article_t *a, char **err)
{
    return mail_parse(msg, strlen(msg), a, err);
}

static int looks_like_mail(const char *s)
{
    return mail_looks_like(s, strlen(s));
}

static void test_records(void)
{
    json_reader_t r = JSON_READER_INIT;
    article_t a;
    char *err = NULL;
    const char *line =
        "{\"id\":\"sci.med/1\",\"title\":\"A \\ttitle\",\"text\":\"One line\\nwrapped here.\\n\\n"
        "  Second\\tparagraph. \\n\",\"date\":\"1993-04-23T18:15:54Z\",\"source\":\"Usenet\","
        "\"author\":\"Jo\",\"url\":\"news:x\",\"category\":\"sci.med\",\"groups\":[\"a\",\"b\"],"
        "\"n\":3,\"nested\":{\"k\":[1]},\"mixed\":[\"a\",[2]],\"none\":null}";

    is_int(jsonl_parse_record(&r, line, strlen(line), &a, &err), 0, "a full record");
    is_str(a.id, "sci.med/1", "  id");
    is_str(a.title, "A title", "  title, spaces folded");
    is_str(a.date, "1993-04-23", "  date from an ISO date and time");
    is_str(a.source, "Usenet", "  source");
    is_str(a.byline, "Jo", "  author is the byline");
    is_str(a.url, "news:x", "  url");
    is_int((long)a.paragraph_count, 2, "  two paragraphs (blank line)");
    is_str(para(&a, 0), "One line wrapped here.", "  lines of a paragraph joined");
    is_str(para(&a, 1), "Second paragraph.", "  trimmed, tab folded");
    is_int((long)a.extra_count, 6, "  other fields kept: a list an item each, null not at all");
    is_str(a.extra_count > 0 ? a.extra[0].key : NULL, "category", "  extra key");
    ok(a.extra_count > 2 && !a.extra[0].list && a.extra[1].list && a.extra[2].list
       && strcmp(a.extra[1].key, "groups") == 0 && strcmp(a.extra[1].value, "a") == 0
       && strcmp(a.extra[2].key, "groups") == 0 && strcmp(a.extra[2].value, "b") == 0,
       "  a list of strings: an item each, in order, under its key");
    is_str(a.extra_count > 3 ? a.extra[3].value : NULL, "3", "  a number as written");
    ok(a.extra_count > 5 && a.extra[4].structured && !a.extra[3].structured
       && strcmp(a.extra[4].value, "{\"k\":[1]}") == 0,
       "  an object kept as its JSON text, not searched");
    ok(a.extra_count > 5 && a.extra[5].structured && !a.extra[5].list
       && strcmp(a.extra[5].key, "mixed") == 0 && strcmp(a.extra[5].value, "[\"a\",[2]]") == 0,
       "  a list holding a list kept whole as its JSON text, not searched");
    ok(a.warning == NULL, "  no warning");
    article_free(&a);

    static const struct { const char *line, *error; } bad[] = {
        { "{\"title\":\"t\",\"text\":\"x\"}", "no \"id\"" },
        { "{\"id\":\"\",\"text\":\"x\"}", "no \"id\"" },
        { "{\"id\":[1],\"text\":\"x\"}", "\"id\" is neither a string nor a number" },
        { "{\"id\":\"a\",\"text\":\"  \\n \"}", "no title and no text" },
        { "{\"id\":\"a\",\"title\":5}",
          "a known field (title, text, date, source, byline, url) is not a string" },
        { "{\"id\":\"a\",\"text\":\"x\",}", "expected a string key at byte 22" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        is_int(jsonl_parse_record(&r, bad[i].line, strlen(bad[i].line), &a, &err), -1,
               bad[i].line);
        is_str(err, bad[i].error, "  refused with its reason");
        ok(a.id == NULL && a.paragraph_count == 0, "  and an empty article");
        free(err);
    }

    const char *numeric = "{\"id\":42,\"text\":\"x\",\"date\":\"sometime\",\"title\":null}";
    is_int(jsonl_parse_record(&r, numeric, strlen(numeric), &a, &err), 0,
           "a numeric id, a bad date, a null title");
    is_str(a.id, "42", "  the id as written");
    ok(a.date == NULL && a.title == NULL, "  date and title unknown");
    is_str(a.warning, "bad date 'sometime' ignored", "  a warning names the bad date");
    article_free(&a);
    /* A NUL in the date cut the warning short (found by fuzz-json). */
    const char *nul_date = "{\"id\":\"n\",\"text\":\"x\",\"date\":\"2013 \\u0000 \\u0007 x\"}";
    is_int(jsonl_parse_record(&r, nul_date, strlen(nul_date), &a, &err), 0, "a NUL in a bad date");
    is_str(a.warning, "bad date '2013 ? ? x' ignored", "  shows as '?', the warning whole");
    article_free(&a);

    /* Names are compared whole: one holding a NUL is not "id" or "title"
     * (the fuzzer found "id\u0000x" taken for "id"). */
    const char *nul_key = "{\"id\":\"a\",\"id\\u0000x\":\"nul key\",\"title\\u0000\":\"T\","
                          "\"text\":\"x\"}";
    is_int(jsonl_parse_record(&r, nul_key, strlen(nul_key), &a, &err), 0,
           "names holding a NUL byte");
    is_str(a.id, "a", "  \"id\\u0000x\" is not the id");
    is_str(a.title, NULL, "  \"title\\u0000\" is not the title");
    is_int((long)a.extra_count, 2, "  both are other fields");
    is_str(a.extra_count > 0 ? a.extra[0].key : NULL, "id_x", "  named with '_' for the NUL");
    article_free(&a);

    const char *repeated = "{\"id\":\"a\",\"title\":\"First\",\"text\":\"x\","
                           "\"title\":\"Second\",\"tag\":\"1\",\"tag\":\"2\"}";
    is_int(jsonl_parse_record(&r, repeated, strlen(repeated), &a, &err), 0, "repeated names");
    is_str(a.title, "First", "  the first value is kept");
    is_int((long)a.extra_count, 1, "  ... for other fields too");
    is_str(a.warning, "repeated key 'title': the first value is kept; repeated key 'tag': the "
           "first value is kept", "  and each repeat is said");
    article_free(&a);
    json_reader_free(&r);
}

static void test_mail(void)
{
    article_t a;
    char *err = NULL;
    const char *plain =
        "From someone@example.com  Thu Aug 22 12:00:00 2002\n"
        "Received: from x by y\n"
        "From: \"Jane Doe\" <jane@example.com>\n"
        "Subject: =?iso-8859-1?q?Caf=E9_news?= =?utf-8?b?4oCU?= today\n"
        "Date: Thu, 22 Aug 2002 18:26:25 +0700\n"
        "Message-ID: <abc@example.com>\n"
        "Content-Type: text/plain; charset=\"iso-8859-1\"\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "Bonjour, caf=E9 cr=E8me.\n"
        "A soft=\n"
        "break.\n"
        "\n"
        "Second paragraph.\n";
    const char *multi =
        "From: bob@example.com (Bob Smith)\n"
        "Subject: Offer\n"
        "Date: 3 Jan 03 10:00:00 GMT\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"XX\"\n"
        "\n"
        "preamble is not text\n"
        "--XX\n"
        "Content-Type: multipart/alternative; boundary=YY\n"
        "\n"
        "--YY\n"
        "Content-Type: text/html; charset=windows-1252\n"
        "\n"
        "<p>html copy</p>\n"
        "--YY\n"
        "Content-Type: text/plain\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        "UGxhaW4gdGV4dCDpIGFuZCCAIQ==\n"
        "--YY--\n"
        "--XX\n"
        "Content-Type: image/gif\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        "R0lGODlh\n"
        "--XX\n"
        "Content-Type: text/html; charset=windows-1252\n"
        "\n"
        "<html><style>p {x}</style><script>var a;</script><p>Price &pound;5 &amp; more"
        "&#8212;now</p><!-- hidden --><br>Caf\xE9 \x93quoted\x94</html>\n"
        "--XX\n"
        "Content-Type: text/plain; charset=gb2312\n"
        "\n"
        "\xC4\xE3\xBA\xC3\n"
        "--XX\n"
        "Content-Type: text/plain; charset=x-klingon\n"
        "\n"
        "\xC4\xE3\n"
        "--XX--\n";
    const struct {
        const char *text;
        int mail;
        const char *name;
    } looks[] = {
        { plain, 1, "an mbox message looks like mail" },
        { multi, 1, "a header block with From: looks like mail" },
        { "Title: A page\nDate: 3 June 2014\nFrom: x\n\nBody.\n", 0,
          "front matter with Title: is not mail" },
        { "Headline here\n\nSome text: with a colon.\n", 0, "a page is not mail" },
        { "From: a@b\nSubject: x\n", 0, "headers without a body are not mail" },
    };
    for (size_t i = 0; i < sizeof looks / sizeof looks[0]; i++)
        ok(!looks_like_mail(looks[i].text) == !looks[i].mail, "%s", looks[i].name);

    is_int(parse_mail(plain, &a, &err), 0, "a quoted-printable Latin-1 message");
    is_str(a.title, "Caf\xC3\xA9 news\xE2\x80\x94 today", "  Subject: encoded words decoded, joined");
    is_str(a.byline, "Jane Doe", "  From: the display name");
    is_str(a.date, "2002-08-22", "  Date");
    is_str(a.url, "mid:abc@example.com", "  Message-ID");
    is_int((long)a.paragraph_count, 2, "  two paragraphs");
    is_str(para(&a, 0), "Bonjour, caf\xC3\xA9 cr\xC3\xA8me. A softbreak.",
           "  decoded to UTF-8, soft break undone");
    article_free(&a);

    is_int(parse_mail(multi, &a, &err), 0, "a multipart message");
    is_str(a.byline, "Bob Smith", "  From: the comment name");
    is_str(a.date, "2003-01-03", "  a two-digit year");
    is_int((long)a.paragraph_count, 4, "  four paragraphs");
    is_str(para(&a, 0), "Plain text \xC3\xA9 and \xE2\x82\xAC!",
           "  the plain alternative, base64 and no charset: Windows-1252");
    is_str(para(&a, 1), "Price \xC2\xA3" "5 & more\xE2\x80\x94now",
           "  HTML: tags, style and script dropped, entities decoded");
    is_str(para(&a, 2), "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", "  Windows-1252 quotes");
    is_str(para(&a, 3), "\xE4\xBD\xA0\xE5\xA5\xBD",
           "  GB2312, as the HTML path reads it (charset.c)");
    is_str(a.warning, "part in charset 'x-klingon' not decoded", "  an unknown charset is reported");
    article_free(&a);

    /* Overlong and surrogate forms are not UTF-8 (text/utf8.c): such a part
     * with no charset is Windows-1252, as any other 8-bit text.  mail.c's
     * own check took them for UTF-8 and passed them on. */
    const char *overlong =
        "From: a@b\nSubject: s\n\nDots \xC0\xAE and \xED\xA0\x80.\n";
    is_int(parse_mail(overlong, &a, &err), 0, "overlong and surrogate forms");
    is_str(para(&a, 0), "Dots \xC3\x80\xC2\xAE and \xC3\xAD \xE2\x82\xAC.",
           "  are read as Windows-1252 (its no-break space folded), not passed on");
    article_free(&a);


    const char *big5 =
        "From: a@b\nContent-Type: text/plain; charset=big5\n\n\xA4\xA4\xA4\xE5\n";
    is_int(parse_mail(big5, &a, &err), 0, "Big5");
    is_str(para(&a, 0), "\xE4\xB8\xAD\xE6\x96\x87",
           "  decoded");
    article_free(&a);
    const char *undecodable =
        "From: a@b\nContent-Type: text/plain; charset=x-klingon\n\n\xA4\xA4\xA4\xE5\n";
    is_int(parse_mail(undecodable, &a, &err), -1,
           "nothing decodable and no subject");
    is_str(err, "no article text (part in charset 'x-klingon' not decoded)", "  says why");
    free(err);

    /* The charset name comes from the message and the warning is printed
     * as it is: no terminal escape, other control or bad byte gets through, and
     * a long name is cut (found by tests/fuzz/fuzz-mail). */
    const char *escape =
        "From: a@b\nSubject: s\n"
        "Content-Type: text/plain; charset=\"x\033]0;title\007\t\xff\"\n\n\xA4\xE5\n";
    const char *long_name =
        "From: a@b\nSubject: =?" "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
        "?Q?=FF?=\n\nBody.\n";
    is_int(parse_mail(escape, &a, &err), 0, "a charset name with controls");
    is_str(a.warning, "part in charset 'x?]0;title?" "?" "?' not decoded",
           "  is quoted with '?' for each byte outside printable ASCII");
    article_free(&a);
    is_int(parse_mail(long_name, &a, &err), 0, "a long charset name");
    is_str(a.warning, "header in charset 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv'"
           " not decoded", "  is cut to 48 bytes");
    article_free(&a);
}

int main(void)
{
    test_json_valid();
    test_json_malformed();
    test_records();
    test_mail();
    return tap_done();
}
