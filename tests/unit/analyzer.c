/* analyzer.c: unit tests for the analyzer's token rules and for utf8.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "tap.h"
#include "utf8.h"
#include "xs.h"

/* Renders tokens as "word/stem@start-end ...", so one string comparison
 * pins words, stems and offsets; a position out of sequence shows as
 * "#N" after the token, a stem that analyzer_stem() disagrees with as "!". */
struct render {
    analyzer_t *a;
    char out[4096];
    size_t used;
    unsigned count;
    unsigned stop_at;  /* return 7 on this token (1-based), 0: never */
};

static int render_token(void *ctx, const token_t *t)
{
    struct render *r = ctx;
    size_t room = sizeof r->out - r->used;
    char stem[ANALYZER_MAX_WORD * 2];
    const char *again;
    size_t again_len;
    int n;

    /* Copied first: analyzer_stem() may reuse the memory T->stem is in. */
    snprintf(stem, sizeof stem, "%s", t->stem);
    if (analyzer_stem(r->a, t->word, t->word_len, &again, &again_len) != 0
        || strcmp(again, stem) != 0 || again_len != t->stem_len) {
        n = snprintf(r->out + r->used, room, "!");
        if (n > 0 && (size_t)n < room)
            r->used += (size_t)n;
        room = sizeof r->out - r->used;
    }

    r->count++;
    n = snprintf(r->out + r->used, room, "%s%s/%s%s%s@%zu-%zu", r->used ? " " : "",
                 t->word, stem, t->alt_stem ? "+" : "", t->alt_stem ? t->alt_stem : "",
                 t->start, t->end);
    if (n > 0 && (size_t)n < room)
        r->used += (size_t)n;
    if (t->position != r->count || strlen(t->word) != t->word_len
        || strlen(t->stem) != t->stem_len) {
        room = sizeof r->out - r->used;
        n = snprintf(r->out + r->used, room, "#%u", t->position);
        if (n > 0 && (size_t)n < room)
            r->used += (size_t)n;
    }
    return r->count == r->stop_at ? 7 : 0;
}

/* Tokenizes TEXT[0..LEN) from an exactly sized heap copy, so that AddressSanitizer
 * and valgrind catch any read past LEN. */
static const char *tokens(analyzer_t *a, const char *text, size_t len, int *ret)
{
    static struct render r;
    char *copy = malloc(len ? len : 1);

    memcpy(copy, text, len);
    memset(&r, 0, sizeof r);
    r.a = a;
    *ret = analyzer_tokenize(a, copy, len, render_token, &r);
    free(copy);
    return r.out;
}

/* A 0 length means strlen(input). */
static const struct {
    const char *input;
    size_t len;
    const char *expected;
} cases[] = {
    /* Apostrophes: curly and straight give the same word and stem. */
    {"England\xe2\x80\x99s", 0, "england's/england@0-11"},
    {"England's", 0, "england's/england@0-9"},
    {"O\xca\xbcNeill", 0, "o'neill/o'neil@0-8"},
    {"rock'n'roll", 0, "rock'n'roll/rock'n'rol@0-11"},
    {"'quoted' don't", 0, "quoted/quot@1-7 don't/don't@9-14"},
    {"dogs' bone", 0, "dogs/dog@0-4 bone/bone@6-10"},
    {"a\xe2\x80\x99\xe2\x80\x99" "b", 0, "a/a@0-1 b/b@7-8"},
    {"\xe2\x80\x98Worryingly fast\xe2\x80\x99", 0,
     "worryingly/worri@3-13 fast/fast@14-18"},
    /* Hyphens, currency, digits. */
    {"co-commission", 0, "co/co@0-2 commission/commiss@3-13"},
    {"2014-15", 0, "2014/2014@0-4 15/15@5-7"},
    {"\xc2\xa3" "350m", 0, "350m/350m@2-6"},
    {"$5 \xe2\x82\xac" "10", 0, "5/5@1-2 10/10@6-8"},
    {"ubuntu 20.04", 0, "ubuntu/ubuntu@0-6 20.04/20.04@7-12"},
    {"1,000 and 3.5.1", 0, "1,000/1,000@0-5 and/and@6-9 3.5.1/3.5.1@10-15"},
    {"3.5. 1,000, x.1 1.x", 0,
     "3.5/3.5@0-3 1,000/1,000@5-10 x/x@12-13 1/1@14-15 1/1@16-17 x/x@18-19"},
    {"1990s", 0, "1990s/1990s@0-5"},
    {"U.S.A.", 0, "u/u@0-1 s/s@2-3 a/a@4-5"},
    {"foo_bar", 0, "foo_bar/foo_bar@0-7"},
    /* Acronyms: Snowball english keeps the s of a vowelless word; an
     * acronym's plural as written (capitals, a lower-case s) also has its
     * singular's stem. */
    {"CCGs NHSCC", 0, "ccgs/ccgs+ccg@0-4 nhscc/nhscc@5-10"},
    {"NGOs, MPs and CCG", 0, "ngos/ngos+ngo@0-4 mps/mps+mp@6-9 and/and@10-13 ccg/ccg@14-17"},
    /* IDs and TOGETHERs: Snowball strips the s itself, no second stem. */
    {"DVDs IDs TOGETHERs", 0, "dvds/dvds+dvd@0-4 ids/id@5-8 togethers/togeth@9-18"},
    /* ... and nothing else: lower case, an acronym ending in S, one
     * capital, a lower-case letter before the s, a digit, the s not last. */
    {"ccgs NHS TSS Ms Gas CcGs G7s CCGsx", 0,
     "ccgs/ccgs@0-4 nhs/nhs@5-8 tss/tss@9-12 ms/ms@13-15 gas/gas@16-19 ccgs/ccgs@20-24 "
     "g7s/g7s@25-28 ccgsx/ccgsx@29-34"},
    {"MP's", 0, "mp's/mp@0-4"},
    /* Quotes and ellipses separate. */
    {"\xe2\x80\x9cit\xe2\x80\xa6" "and", 0, "it/it@3-5 and/and@8-11"},
    {"yes...no", 0, "yes/yes@0-3 no/no@6-8"},
    /* Accents are kept, case is folded, offsets are in bytes. */
    {"caf\xc3\xa9 Z\xc3\xbcrich na\xc3\xafve", 0,
     "caf\xc3\xa9/caf\xc3\xa9@0-5 z\xc3\xbcrich/z\xc3\xbcrich@6-13 "
     "na\xc3\xafve/na\xc3\xafv@14-20"},
    {"\xc3\x89" "COLE", 0, "\xc3\xa9" "cole/\xc3\xa9" "cole@0-6"},
    {"\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac", 0,
     "\xce\xb5\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac/"
     "\xce\xb5\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac@0-16"},
    /* U+0130 folds to a one-byte "i": the word is shorter than the span. */
    {"\xc4\xb0stanbul", 0, "istanbul/istanbul@0-9"},
    /* A combining accent belongs to the word. */
    {"cafe\xcc\x81!", 0, "cafe\xcc\x81/cafe\xcc\x81@0-6"},
    {"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 0,
     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e/\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e@0-9"},
    /* Invalid UTF-8 separates and is never inside a token. */
    {"ab\xff\xfe" "cd", 0, "ab/ab@0-2 cd/cd@4-6"},
    {"x\xe2\x80", 0, "x/x@0-1"},
    {"\xe2\x80y", 0, "y/y@2-3"},
    {"a\xc0\xaf" "b", 0, "a/a@0-1 b/b@3-4"},
    {"a\xed\xa0\x80" "b", 0, "a/a@0-1 b/b@4-5"},
    {"a\xf4\x90\x80\x80" "b", 0, "a/a@0-1 b/b@5-6"},
    {"caf\xc3", 0, "caf/caf@0-3"},
    {"it\xe2\x80\x99", 0, "it/it@0-2"},
    {"it\xe2\x80\x99\xff", 0, "it/it@0-2"},
    /* Length-based: NUL bytes separate like any control character. */
    {"foo\0bar", 7, "foo/foo@0-3 bar/bar@4-7"},
    {"\0\0\0", 3, ""},
    {"", 0, ""},
    {" \t\n-- ... \xe2\x80\x94 ", 0, ""},
    {"bullying bullied", 0, "bullying/bulli@0-8 bullied/bulli@9-16"},
};

static void test_table(analyzer_t *en)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = cases[k].len ? cases[k].len : strlen(cases[k].input);
        int ret;
        const char *got = tokens(en, cases[k].input, len, &ret);
        char name[64];

        snprintf(name, sizeof name, "table row %zu", k + 1);
        is_str(got, cases[k].expected, name);
        if (ret != 0)
            is_int(ret, 0, name);
    }
}

static void test_long_words(analyzer_t *en)
{
    char text[256], word[128], want[600];
    int ret;

    /* 100 letters: skipped, and "b" still gets position 1. */
    memset(text, 'a', 100);
    strcpy(text + 100, " b");
    is_str(tokens(en, text, strlen(text), &ret), "b/b@101-102",
           "100-byte word skipped without using a position");

    /* Exactly ANALYZER_MAX_WORD bytes is kept; one more is not. */
    memset(text, '7', ANALYZER_MAX_WORD);
    text[ANALYZER_MAX_WORD] = '\0';
    snprintf(want, sizeof want, "%s/%s@0-%d", text, text, ANALYZER_MAX_WORD);
    is_str(tokens(en, text, ANALYZER_MAX_WORD, &ret), want, "64-byte word kept");
    memset(text, '7', ANALYZER_MAX_WORD + 1);
    strcpy(text + ANALYZER_MAX_WORD + 1, " x");
    is_str(tokens(en, text, strlen(text), &ret), "x/x@66-67", "65-byte word skipped");

    /* The limit is on the folded word: 32 two-byte letters fit exactly. */
    for (int k = 0; k < 33; k++)
        memcpy(text + 2 * k, "\xc3\xa9", 2);
    memcpy(word, text, 64);
    word[64] = '\0';
    snprintf(want, sizeof want, "%s/%s@0-64", word, word);
    is_str(tokens(en, text, 64, &ret), want, "32 x U+00E9 kept");
    is_str(tokens(en, text, 66, &ret), "", "33 x U+00E9 skipped");
    /* U+0130 folds to one byte, so 33 of them (66 bytes) fit in 33. */
    for (int k = 0; k < 33; k++)
        memcpy(text + 2 * k, "\xc4\xb0", 2);
    memset(word, 'i', 33);
    word[33] = '\0';
    snprintf(want, sizeof want, "%s/%s@0-66", word, word);
    is_str(tokens(en, text, 66, &ret), want, "limit applies to the folded word");
}

static void test_positions_and_stop(analyzer_t *en)
{
    const char *text = "one two, three -- four";
    struct render r;

    memset(&r, 0, sizeof r);
    r.a = en;
    r.stop_at = 2;
    is_int(analyzer_tokenize(en, text, strlen(text), render_token, &r), 7,
           "callback's non-zero return is returned");
    is_int(r.count, 2, "no token after the callback stopped");
    memset(&r, 0, sizeof r);
    r.a = en;
    is_int(analyzer_tokenize(en, text, strlen(text), render_token, &r), 0,
           "tokenize returns 0");
    is_str(r.out, "one/one@0-3 two/two@4-7 three/three@9-14 four/four@18-22",
           "positions 1..4 (no '#' marks)");
    /* Positions restart with every call. */
    memset(&r, 0, sizeof r);
    r.a = en;
    analyzer_tokenize(en, "again", 5, render_token, &r);
    is_str(r.out, "again/again@0-5", "positions restart at 1");
}

/* The ASCII fast path must agree with Xapian's tables, byte for byte. */
static void test_ascii_matches_xapian(analyzer_t *none)
{
    int bad = -1;

    for (unsigned c = 0; c < 0x80 && bad < 0; c++) {
        char in = (char)c, want[2] = {(char)xs_unicode_tolower(c), 0};
        int ret;
        const char *got = tokens(none, &in, 1, &ret);

        if (xs_unicode_is_wordchar(c) ? strncmp(got, want, 1) != 0 || got[1] != '/'
                                       : got[0] != '\0')
            bad = (int)c;
    }
    is_int(bad, -1, "ASCII word characters and folding equal Xapian's");
}

static void test_languages(void)
{
    char *err = (char *)"untouched";
    analyzer_t *a;
    const char *stem;
    size_t n;
    int ret;

    static const struct {
        const char *given, *canonical;
    } names[] = {
        {NULL, "english"}, {"english", "english"}, {"en", "english"},
        {"eng", "english"}, {"English", "english"}, {"fr", "french"},
        {"fra", "french"}, {"de", "german"}, {"porter", "porter"},
        {"none", "none"}, {"NONE", "none"},
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        char name[64];

        a = analyzer_new(names[k].given, &err);
        snprintf(name, sizeof name, "language %s is %s",
                 names[k].given ? names[k].given : "NULL", names[k].canonical);
        is_str(a ? analyzer_language(a) : NULL, names[k].canonical, name);
        ok(err == NULL, "no error message for %s", name);
        analyzer_free(a);
    }

    a = analyzer_new("xx", &err);
    ok(a == NULL, "unknown language gives NULL");
    ok(err != NULL && strncmp(err, "unknown language 'xx' (available: arabic, ",
                              strlen("unknown language 'xx' (available: arabic, ")) == 0,
       "error message names the language and lists the stemmers: %s", err);
    ok(err != NULL && strstr(err, ", english, ") && strstr(err, ", french, "),
       "error message lists english and french");
    ok(err != NULL && strlen(err) > 7 && strcmp(err + strlen(err) - 7, ", none)") == 0,
       "error message ends with none");
    free(err);
    ok(analyzer_new("a-very-long-language-name-indeed-longer-than-32", NULL) == NULL,
       "long unknown language, NULL errmsg is fine");
    ok(analyzer_new("", NULL) == NULL, "empty language is unknown");

    {
        const char **l = analyzer_languages();
        int english = 0, french = 0, count = 0;

        for (; *l; l++, count++) {
            english |= strcmp(*l, "english") == 0;
            french |= strcmp(*l, "french") == 0;
        }
        ok(english && french && count >= 15, "analyzer_languages has %d names", count);
    }

    a = analyzer_new("french", NULL);
    is_str(tokens(a, "Continuation nationalit\xc3\xa9", 25, &ret),
           "continuation/continu@0-12 nationalit\xc3\xa9/national@13-25",
           "french stems");
    analyzer_free(a);

    a = analyzer_new("porter", NULL);
    is_str(tokens(a, "CCGs", 4, &ret), "ccgs/ccg@0-4", "porter strips the s of CCGs");
    analyzer_free(a);

    a = analyzer_new("none", NULL);
    is_str(tokens(a, "Bullying England\xe2\x80\x99s", 20, &ret),
           "bullying/bullying@0-8 england's/england's@9-20", "none: stem is the word");
    ok(analyzer_stem(a, "bullying", 8, &stem, &n) == 0, "none: analyzer_stem");
    is_str(stem, "bullying", "none: analyzer_stem returns the word");
    analyzer_free(a);
}

static void test_stem(analyzer_t *en)
{
    const char *stem = NULL;
    size_t n = 0;

    ok(analyzer_stem(en, "england's", 9, &stem, &n) == 0, "analyzer_stem succeeds");
    is_str(stem, "england", "analyzer_stem(england's)");
    is_int((long)n, 7, "analyzer_stem length");
    /* WORD need not be NUL-terminated. */
    analyzer_stem(en, "bullyingXYZ", 8, &stem, &n);
    is_str(stem, "bulli", "analyzer_stem on a slice");
    analyzer_stem(en, "20.04", 5, &stem, &n);
    is_str(stem, "20.04", "analyzer_stem leaves numbers alone");
    analyzer_stem(en, "", 0, &stem, &n);
    is_str(stem, "", "analyzer_stem of the empty word");
    analyzer_stem(en, "z\xc3\xbcrich", 7, &stem, &n);
    is_str(stem, "z\xc3\xbcrich", "analyzer_stem keeps accents");
}

static void test_utf8_decode(void)
{
    static const struct {
        const char *s;
        size_t len;
        unsigned ch;
        size_t next;
    } d[] = {
        {"A", 1, 0x41, 1},
        {"\0", 1, 0, 1},
        {"\xc3\xa9", 2, 0xE9, 2},
        {"\xe2\x82\xac", 3, 0x20AC, 3},
        {"\xf0\x9f\x98\x80", 4, 0x1F600, 4},
        {"\xf4\x8f\xbf\xbf", 4, 0x10FFFF, 4},
        {"\xef\xbf\xbf", 3, 0xFFFF, 3},
        {"\xf4\x90\x80\x80", 4, UTF8_INVALID, 1},  /* above U+10FFFF */
        {"\xc0\xaf", 2, UTF8_INVALID, 1},          /* overlong '/' */
        {"\xc1\xbf", 2, UTF8_INVALID, 1},          /* overlong */
        {"\xe0\x80\xaf", 3, UTF8_INVALID, 1},      /* overlong */
        {"\xf0\x80\x80\xaf", 4, UTF8_INVALID, 1},  /* overlong */
        {"\xed\xa0\x80", 3, UTF8_INVALID, 1},      /* surrogate U+D800 */
        {"\xed\xbf\xbf", 3, UTF8_INVALID, 1},      /* surrogate U+DFFF */
        {"\x80", 1, UTF8_INVALID, 1},              /* lone continuation */
        {"\xff", 1, UTF8_INVALID, 1},
        {"\xfe", 1, UTF8_INVALID, 1},
        {"\xf5\x80\x80\x80", 4, UTF8_INVALID, 1},
        {"\xe2\x82", 2, UTF8_INVALID, 1},          /* truncated by LEN */
        {"\xe2\x82\xac", 2, UTF8_INVALID, 1},      /* valid byte past LEN */
        {"\xf0\x9f\x98", 3, UTF8_INVALID, 1},
        {"\xe2\x28\xa1", 3, UTF8_INVALID, 1},      /* bad second byte */
        {"\xe2\x82\x28", 3, UTF8_INVALID, 1},      /* bad third byte */
    };
    for (size_t k = 0; k < sizeof d / sizeof d[0]; k++) {
        char *copy = malloc(d[k].len);
        size_t i = 0;
        unsigned ch;

        memcpy(copy, d[k].s, d[k].len);
        ch = utf8_decode(copy, d[k].len, &i);
        ok(ch == d[k].ch && i == d[k].next,
           "utf8_decode row %zu: U+%04X, next %zu (got %X, %zu)", k + 1,
           d[k].ch, d[k].next, ch, i);
        free(copy);
    }
    {
        size_t i = 3;

        is_int(utf8_decode("abc", 3, &i), (long)UTF8_INVALID, "decode at LEN is invalid");
        is_int((long)i, 3, "decode at LEN does not advance");
    }
}

static void test_utf8_other(void)
{
    char buf[8];
    unsigned bad = 0;
    size_t i;

    is_int((long)utf8_encode(0x41, buf), 1, "encode ASCII");
    is_int((long)utf8_encode(0xE9, buf), 2, "encode U+00E9");
    ok(memcmp(buf, "\xc3\xa9", 2) == 0, "encode U+00E9 bytes");
    is_int((long)utf8_encode(0x20AC, buf), 3, "encode U+20AC");
    ok(memcmp(buf, "\xe2\x82\xac", 3) == 0, "encode U+20AC bytes");
    is_int((long)utf8_encode(0x1F600, buf), 4, "encode U+1F600");
    ok(memcmp(buf, "\xf0\x9f\x98\x80", 4) == 0, "encode U+1F600 bytes");
    is_int((long)utf8_encode(0xD800, buf), 0, "encode surrogate gives 0");
    is_int((long)utf8_encode(0x110000, buf), 0, "encode above U+10FFFF gives 0");
    is_int((long)utf8_encode(UTF8_INVALID, buf), 0, "encode UTF8_INVALID gives 0");
    /* Round trip every scalar value. */
    for (unsigned ch = 0; ch <= 0x10FFFF && !bad; ch++) {
        size_t n = utf8_encode(ch, buf);

        i = 0;
        if (ch >= 0xD800 && ch <= 0xDFFF)
            bad = n != 0 ? ch : 0;
        else if (n == 0 || utf8_decode(buf, n, &i) != ch || i != n)
            bad = ch ? ch : 0x110000;
    }
    is_int(bad, 0, "encode/decode round trip of all scalar values");

    ok(utf8_valid("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80", 15), "valid: mixed");
    ok(utf8_valid("", 0), "valid: empty");
    ok(utf8_valid("a\0b", 3), "valid: NUL byte");
    ok(!utf8_valid("ab\xff", 3), "invalid: 0xFF");
    ok(!utf8_valid("ab\xe2\x82", 4), "invalid: truncated");
    ok(!utf8_valid("\xe2\x82\xac", 2), "invalid: cut by LEN");
    ok(!utf8_valid("\xc0\xaf", 2), "invalid: overlong");
    ok(!utf8_valid("\xed\xa0\x80", 3), "invalid: surrogate");

    /* utf8_ascii_span() reads eight bytes at a time: a non-ASCII byte at
     * every offset of a 40-byte string, within a word and after it. */
    {
        char s[40];
        int spans = 1, valids = 1;
        memset(s, 'a', sizeof s);
        is_int((int)utf8_ascii_span(s, sizeof s), 40, "ascii span: all ASCII");
        is_int((int)utf8_ascii_span(s, 0), 0, "ascii span: empty");
        for (size_t at = 0; at < sizeof s; at++) {
            s[at] = '\xff';
            spans &= utf8_ascii_span(s, sizeof s) == at && utf8_ascii_span(s, at) == at;
            valids &= !utf8_valid(s, sizeof s) && utf8_valid(s, at);
            s[at] = '\xc3';   /* a lead byte cut off by the string's end, or by 'a' */
            valids &= !utf8_valid(s, sizeof s);
            if (at + 1 < sizeof s) {
                s[at + 1] = '\xa9';
                valids &= utf8_valid(s, sizeof s);
                s[at + 1] = 'a';
            }
            s[at] = 'a';
        }
        ok(spans, "ascii span: stops at a non-ASCII byte at every offset");
        ok(valids, "valid: a bad or good sequence at every offset of a long string");
    }

    /* utf8_cut() of each string at each MAX ("héllo" is h C3 A9 l l o). */
    static const struct {
        const char *s;
        size_t len;
        struct { size_t max, cut; const char *name; } at[7];
    } cuts[] = {
        { "h\xc3\xa9llo", 6, { { 10, 6, "max beyond len" }, { 6, 6, "max at len" },
                               { 3, 3, "after é" }, { 2, 1, "not inside é" },
                               { 1, 1, "before é" }, { 0, 0, "zero" } } },
        { "\xe2\x82\xac", 3, { { 2, 0, "not inside €" }, { 1, 0, "not inside € (1)" } } },
        { "a\xf0\x9f\x98\x80", 5, { { 4, 1, "not inside emoji" }, { 2, 1, "not inside emoji (2)" } } },
        { "\xe2\x82x", 3, { { 2, 2, "invalid bytes may be cut" } } },
        { "\x80\x80\x80\x80\x80", 5, { { 4, 4, "lone continuations" } } },
        { "\xc3\xa9\x80\x80", 4, { { 3, 3, "stray continuation after é" } } },
    };
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++)
        for (size_t j = 0; cuts[k].at[j].name; j++) {
            char name[64];
            snprintf(name, sizeof name, "cut: %s", cuts[k].at[j].name);
            is_int((long)utf8_cut(cuts[k].s, cuts[k].len, cuts[k].at[j].max),
                   (long)cuts[k].at[j].cut, name);
        }
    /* Every cut of a mixed string lands on a character boundary. */
    {
        const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff" "b";
        size_t len = strlen(s), prev = 0;
        int fine = 1;

        for (size_t max = 0; max <= len; max++) {
            size_t cut = utf8_cut(s, len, max);

            fine &= cut <= max && cut >= prev && utf8_valid(s, cut) == (cut <= 10);
            prev = cut;
        }
        ok(fine, "cut: all cuts of a mixed string are on boundaries");
    }

    is_int((long)utf8_count("h\xc3\xa9llo", 6), 5, "count: héllo");
    is_int((long)utf8_count("\xe2\x82\xac\xf0\x9f\x98\x80", 7), 2, "count: € and emoji");
    is_int((long)utf8_count("ab\xff" "cd", 5), 5, "count: invalid byte counts one");
    is_int((long)utf8_count("\xe2\x82", 2), 2, "count: truncated counts per byte");
    is_int((long)utf8_count("", 0), 0, "count: empty");
}

/* Counts tokens, to show analyzer_tokenize_words() finds the same ones. */
static int count_words(void *ctx, const token_t *tok)
{
    size_t *n = ctx;
    if (tok->stem == NULL && tok->stem_len == 0)
        (*n)++;
    return 0;
}

/* The snippet generator stems only words whose first byte starts a query
 * stem, trusting analyzer_stem_keeps_first_byte(): pin it, and the words
 * most likely to break it. */
static void test_first_byte(analyzer_t *en)
{
    static const char *const tricky[] = {
        "dying", "lying", "tying", "skies", "skis", "ugly", "early", "only",
        "yelling", "yearly", "ied", "idly", "news", "sky", "ies", "ying",
    };
    analyzer_t *porter = analyzer_new("porter", NULL);
    analyzer_t *german = analyzer_new("german", NULL);
    analyzer_t *none = analyzer_new("none", NULL);
    size_t words = 0;
    int kept = 1;

    is_int(analyzer_stem_keeps_first_byte(en), 1, "english keeps a word's first byte");
    is_int(analyzer_stem_keeps_first_byte(porter), 1, "porter keeps a word's first byte");
    is_int(analyzer_stem_keeps_first_byte(none), 1, "no stemming keeps it");
    is_int(analyzer_stem_keeps_first_byte(german), 0, "german may change it");
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
        const char *stem;
        size_t len;
        analyzer_stem(en, tricky[i], strlen(tricky[i]), &stem, &len);
        if (len > 0 && stem[0] != tricky[i][0])
            kept = 0;
        analyzer_stem(porter, tricky[i], strlen(tricky[i]), &stem, &len);
        if (len > 0 && stem[0] != tricky[i][0])
            kept = 0;
    }
    ok(kept, "english and porter keep the first byte of irregular words");
    const char *stem;
    size_t len;
    analyzer_stem(german, "\xC3\xA4lvsj\xC3\xB6", 8, &stem, &len);
    is_str(stem, "alvsjo", "german drops an umlaut from the first letter (why it is 0)");
    const char *text = "England\xE2\x80\x99s co-commission";
    analyzer_tokenize_words(en, text, strlen(text), count_words, &words);
    is_int((long)words, 3, "tokenize_words gives the same tokens, without stems");
    analyzer_free(porter);
    analyzer_free(german);
    analyzer_free(none);
}

/* The matcher's path: analyzer_tokenize_words() gives the alt_stem too. */
static int check_alt_stem(void *ctx, const token_t *t)
{
    (void)ctx;
    return t->stem == NULL && t->alt_stem && strcmp(t->alt_stem, "ccg") == 0
           && t->alt_stem_len == 3 ? 0 : 1;
}

static void test_acronym_plural(analyzer_t *en, analyzer_t *none)
{
    int ret;
    is_int(analyzer_tokenize_words(en, "CCGs", 4, check_alt_stem, NULL), 0,
           "analyzer_tokenize_words(): no stem, but the alt_stem (ccg)");
    is_str(tokens(none, "CCGs NGOs", 9, &ret), "ccgs/ccgs@0-4 ngos/ngos@5-9",
           "no stemming: no alt_stem either");
}

int main(void)
{
    analyzer_t *en = analyzer_new("english", NULL);
    analyzer_t *none = analyzer_new("none", NULL);

    if (!ok(en != NULL && none != NULL, "analyzers created"))
        return tap_done();
    test_table(en);
    test_long_words(en);
    test_positions_and_stop(en);
    test_ascii_matches_xapian(none);
    test_stem(en);
    test_acronym_plural(en, none);
    test_first_byte(en);
    test_languages();
    test_utf8_decode();
    test_utf8_other();
    analyzer_free(en);
    analyzer_free(none);
    analyzer_free(NULL);
    return tap_done();
}
