/* html-date.c: a date as a page writes it, to YYYY-MM-DD (interim).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every conversion of a date string the HTML reader makes goes through
 * page_date_parse(), so that it can move to common/date.h (trawl's one
 * date parser, being written) by changing this file alone.
 */
#include <string.h>

#include "article.h"
#include "date.h"
#include "html-internal.h"

/* Years a publication date may have. */
#define YEAR_MIN 1900
#define YEAR_MAX 2099

typedef enum { TOK_NUMBER, TOK_WORD, TOK_SEP } tok_kind_t;

typedef struct {
    tok_kind_t kind;
    const char *s;
    size_t len;
    int value;              /* numbers: their value (capped); words: month 1-12 or 0 */
    char sep;               /* separators: the character */
} tok_t;

/* Month names (lower case, UTF-8) of the languages of the news trawl
 * meets most: English, German, French, Spanish, Italian, Portuguese,
 * Dutch; with their usual abbreviations. */
static const struct { const char *name; int month; } month_names[] = {
    { "january", 1 }, { "jan", 1 }, { "januar", 1 }, { "jänner", 1 }, { "janvier", 1 },
    { "enero", 1 }, { "gennaio", 1 }, { "janeiro", 1 }, { "januari", 1 },
    { "february", 2 }, { "feb", 2 }, { "februar", 2 }, { "feber", 2 }, { "février", 2 },
    { "fevrier", 2 }, { "febrero", 2 }, { "febbraio", 2 }, { "fevereiro", 2 }, { "februari", 2 },
    { "march", 3 }, { "mar", 3 }, { "märz", 3 }, { "maerz", 3 }, { "mär", 3 }, { "mars", 3 },
    { "marzo", 3 }, { "março", 3 }, { "maart", 3 },
    { "april", 4 }, { "apr", 4 }, { "avril", 4 }, { "abril", 4 }, { "aprile", 4 },
    { "may", 5 }, { "mai", 5 }, { "mayo", 5 }, { "maggio", 5 }, { "maio", 5 }, { "mei", 5 },
    { "june", 6 }, { "jun", 6 }, { "juni", 6 }, { "juin", 6 }, { "junio", 6 }, { "giugno", 6 },
    { "junho", 6 },
    { "july", 7 }, { "jul", 7 }, { "juli", 7 }, { "juillet", 7 }, { "julio", 7 }, { "luglio", 7 },
    { "julho", 7 },
    { "august", 8 }, { "aug", 8 }, { "août", 8 }, { "aout", 8 }, { "agosto", 8 }, { "augustus", 8 },
    { "september", 9 }, { "sep", 9 }, { "sept", 9 }, { "septembre", 9 }, { "septiembre", 9 },
    { "setiembre", 9 }, { "settembre", 9 }, { "setembro", 9 },
    { "october", 10 }, { "oct", 10 }, { "oktober", 10 }, { "okt", 10 }, { "octobre", 10 },
    { "octubre", 10 }, { "ottobre", 10 }, { "outubro", 10 },
    { "november", 11 }, { "nov", 11 }, { "novembre", 11 }, { "noviembre", 11 }, { "novembro", 11 },
    { "december", 12 }, { "dec", 12 }, { "dezember", 12 }, { "dez", 12 }, { "décembre", 12 },
    { "decembre", 12 }, { "diciembre", 12 }, { "dicembre", 12 }, { "dezembro", 12 },
};

/* Words that may stand between the parts of a date ("16 de octubre de
 * 2019", "le 3 mars 2020"), skipped. */
static int is_filler(const tok_t *t)
{
    return t->kind == TOK_WORD && t->value == 0
        && ((t->len == 2 && (memcmp(t->s, "de", 2) == 0 || memcmp(t->s, "of", 2) == 0))
            || (t->len == 3 && memcmp(t->s, "del", 3) == 0));
}

static int month_of(const char *s, size_t len)
{
    char w[16];
    if (len >= sizeof w)
        return 0;
    for (size_t i = 0; i < len; i++)
        w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    if (len > 0 && w[len - 1] == '.')   /* "Okt." */
        len--;
    if (len == 0)
        return 0;
    for (size_t i = 0; i < sizeof month_names / sizeof month_names[0]; i++)
        if (month_names[i].name[0] == w[0] && strlen(month_names[i].name) == len
            && memcmp(month_names[i].name, w, len) == 0)
            return month_names[i].month;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Splits S into numbers, words and one-character separators (white space
 * and commas are not tokens).  Returns the token count (at most MAX). */
static size_t tokenize(const char *s, size_t len, tok_t *t, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        unsigned char c = (unsigned char)s[i];
        size_t start = i;
        if (is_digit((char)c)) {
            int v = 0;
            while (i < len && is_digit(s[i])) {
                if (v < 100000000)
                    v = v * 10 + (s[i] - '0');
                i++;
            }
            t[n++] = (tok_t){ TOK_NUMBER, s + start, i - start, v, 0 };
            /* "3rd", "16th", "1er": an ordinal suffix is part of the number. */
            size_t k = i;
            while (k < len && k - i < 3 && s[k] >= 'a' && s[k] <= 'z')
                k++;
            if (k > i && (k - i == 2 || (k - i == 1 && s[i] == 'o'))
                && (k >= len || !is_word_byte((unsigned char)s[k])))
                i = k;
        } else if (is_word_byte(c)) {
            while (i < len && (is_word_byte((unsigned char)s[i]) || s[i] == '.')) {
                if (s[i] == '.') {   /* "Okt." keeps its dot; "Mai.2020" does not */
                    i++;
                    break;
                }
                i++;
            }
            t[n].kind = TOK_WORD;
            t[n].s = s + start;
            t[n].len = i - start;
            t[n].value = month_of(s + start, i - start);
            t[n++].sep = 0;
        } else if (c == ' ' || c == '\t' || c == ',' || c == '\n') {
            i++;
        } else {
            t[n++] = (tok_t){ TOK_SEP, s + i, 1, 0, s[i] };
            i++;
        }
    }
    return n;
}

static int days_in(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : days[m - 1];
}

/* Writes Y-M-D (D 0: "YYYY-MM"; M 0: "YYYY") after checking it. */
static int put_date(int y, int m, int d, char out[11])
{
    if (y < YEAR_MIN || y > YEAR_MAX || m < 0 || m > 12 || d < 0
        || (m == 0 && d != 0) || (m > 0 && d > days_in(y, m)))
        return 0;
    char buf[16];
    int k = 0;
    buf[k++] = (char)('0' + y / 1000);
    buf[k++] = (char)('0' + y / 100 % 10);
    buf[k++] = (char)('0' + y / 10 % 10);
    buf[k++] = (char)('0' + y % 10);
    if (m) {
        buf[k++] = '-';
        buf[k++] = (char)('0' + m / 10);
        buf[k++] = (char)('0' + m % 10);
    }
    if (d) {
        buf[k++] = '-';
        buf[k++] = (char)('0' + d / 10);
        buf[k++] = (char)('0' + d % 10);
    }
    buf[k] = '\0';
    memcpy(out, buf, (size_t)k + 1);
    return 1;
}

static int is_num(const tok_t *t, size_t min_len, size_t max_len)
{
    return t->kind == TOK_NUMBER && t->len >= min_len && t->len <= max_len;
}

static int is_sep(const tok_t *t, const char *which)
{
    return t->kind == TOK_SEP && strchr(which, t->sep) != NULL;
}

/* A date starting at token T[0] (N tokens left).  Returns 1 and writes
 * OUT, or 0. */
static int date_at(const tok_t *t, size_t n, char out[11])
{
    /* 2019-10-16, 2019/10/16, 2019.10.16 (and a time after it). */
    if (n >= 5 && is_num(&t[0], 4, 4) && is_sep(&t[1], "-/.") && is_num(&t[2], 1, 2)
        && t[3].kind == TOK_SEP && t[3].sep == t[1].sep && is_num(&t[4], 1, 2))
        return put_date(t[0].value, t[2].value, t[4].value, out);
    /* 2019-10 */
    if (n >= 3 && is_num(&t[0], 4, 4) && is_sep(&t[1], "-") && is_num(&t[2], 2, 2)
        && (n == 3 || t[3].kind != TOK_SEP || t[3].sep != '-'))
        return put_date(t[0].value, t[2].value, 0, out);
    /* 20191016 (compact ISO 8601), and 20191016T0800 */
    if (n >= 1 && is_num(&t[0], 8, 8) && put_date(t[0].value / 10000, t[0].value / 100 % 100,
                                                  t[0].value % 100, out))
        return 1;
    /* 16.10.2019 (day first, as Europe writes it); 10/16/2019 when the
     * day cannot be the month; 02/10/2020 day first, as most of the world
     * writes it (and common/date.c reads it; html-pubdate.c weighs the
     * other reading against the page's other dates). */
    if (n >= 5 && is_num(&t[0], 1, 2) && is_sep(&t[1], "./-") && is_num(&t[2], 1, 2)
        && t[3].kind == TOK_SEP && t[3].sep == t[1].sep && is_num(&t[4], 4, 4)) {
        int a = t[0].value, b = t[2].value, y = t[4].value;
        if (b > 12 && t[1].sep != '.')
            return put_date(y, a, b, out);
        return put_date(y, b, a, out);
    }
    /* 16.10.19: a two-digit year, dots only (the German and Swiss short
     * form: "28.01.22 / 0 Kommentare"), and nothing more of a number
     * after it (not a version, "1.10.19.2"). */
    if (n >= 5 && is_num(&t[0], 1, 2) && is_sep(&t[1], ".") && is_num(&t[2], 1, 2)
        && is_sep(&t[3], ".") && is_num(&t[4], 2, 2)
        && !(n >= 7 && is_sep(&t[5], ".:") && t[6].kind == TOK_NUMBER))
        return put_date(2000 + t[4].value, t[2].value, t[0].value, out);
    size_t i = 0;
    /* 16. Oktober 2019, 16 octobre 2019, 16 de octubre de 2019 */
    if (is_num(&t[0], 1, 2)) {
        i = 1;
        if (i < n && is_sep(&t[i], "."))
            i++;
        while (i < n && is_filler(&t[i]))
            i++;
        if (i < n && t[i].kind == TOK_WORD && t[i].value) {
            int m = t[i++].value;
            if (i < n && is_sep(&t[i], "."))
                i++;
            while (i < n && is_filler(&t[i]))
                i++;
            if (i < n && is_num(&t[i], 4, 4))
                return put_date(t[i].value, m, t[0].value, out);
        }
        return 0;
    }
    /* October 16, 2019; Oct. 16 2019; October 2019 */
    if (t[0].kind == TOK_WORD && t[0].value) {
        int m = t[0].value;
        i = 1;
        while (i < n && is_filler(&t[i]))
            i++;
        if (i < n && is_num(&t[i], 1, 2)) {
            int d = t[i++].value;
            /* "Oct 11 14:57:21 CEST 2021" (Java's Date.toString) */
            if (i + 2 < n && is_num(&t[i], 1, 2) && is_sep(&t[i + 1], ":")) {
                while (i < n && (is_num(&t[i], 1, 2) || is_sep(&t[i], ":")))
                    i++;
                if (i < n && t[i].kind == TOK_WORD && t[i].value == 0 && t[i].len <= 5)
                    i++;
            }
            if (i < n && is_num(&t[i], 4, 4))
                return put_date(t[i].value, m, d, out);
            return 0;
        }
        if (i < n && is_num(&t[i], 4, 4))
            return put_date(t[i].value, m, 0, out);
    }
    return 0;
}

int page_date_parse(const char *s, size_t len, char out[11])
{
    tok_t t[64];
    size_t n = tokenize(s, len, t, sizeof t / sizeof t[0]);
    date_t whole;
    if (date_parse_line(s, len, NULL, &whole, NULL) != DATE_NONE && date_format(&whole, out))
        return 1;
    for (size_t i = 0; i < n; i++) {
        if (t[i].kind == TOK_SEP)
            continue;
        /* A year standing alone is a date only when it is all there is. */
        if (date_at(t + i, n - i, out))
            return 1;
    }
    if (n == 1 && is_num(&t[0], 4, 4))
        return put_date(t[0].value, 0, 0, out);
    return 0;
}
