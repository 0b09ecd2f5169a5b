/* date.c: reads dates as pages, mail, feeds and users write them (date.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A recursive-descent reader tries the forms of date.h over the tokens of
 * date-lex.c, the more specific before the less (a day before a month
 * alone), and checks the calendar (date-calendar.c) last.
 */
#include <string.h>

#include "date-internal.h"

/* Words that are no names but may stand in a date. */
static const char *const ordinal_suffixes[] = {      /* 3rd, 1er, 2e, 1º */
    "st", "nd", "rd", "th", "er", "re", "e", "eme", "o", "a", NULL
};
static const char *const year_connectors[] = { "de", "del", "of", NULL };
static const char *const after_weekday[] = {          /* "mandag den 3. juni" */
    "den", "der", "the", "le", "el", "il", NULL
};
static const char *const time_connectors[] = {        /* "à 09h08", "a las 07:46" */
    "at", "um", "a", "as", "las", "alle", "ore", "om", "kl", "klo", "o", "ob", "в", NULL
};
static const char *const time_suffixes[] = {          /* "14:52 Uhr", "05:34 h" */
    "uhr", "h", "hrs", "hr", "hs", "uur", NULL
};
static const char *const year_suffixes[] = { "г", "года", "год", NULL };  /* 2016 г. */

/* Zone names and their offsets (RFC 5322's, then those news sites use).
 * Names that mean several offsets (IST, AST) are read with none. */
static const struct {
    const char *name;
    int minutes;
    int known;
} zone_names[] = {
    { "ut", 0, 1 }, { "utc", 0, 1 }, { "gmt", 0, 1 }, { "z", 0, 1 },
    { "est", -300, 1 }, { "edt", -240, 1 }, { "cst", -360, 1 }, { "cdt", -300, 1 },
    { "mst", -420, 1 }, { "mdt", -360, 1 }, { "pst", -480, 1 }, { "pdt", -420, 1 },
    { "akst", -540, 1 }, { "akdt", -480, 1 }, { "hst", -600, 1 },
    { "wet", 0, 1 }, { "west", 60, 1 }, { "bst", 60, 1 }, { "cet", 60, 1 },
    { "met", 60, 1 }, { "mez", 60, 1 }, { "cest", 120, 1 }, { "mest", 120, 1 },
    { "mesz", 120, 1 }, { "eet", 120, 1 }, { "eest", 180, 1 }, { "msk", 180, 1 },
    { "hkt", 480, 1 }, { "sgt", 480, 1 }, { "awst", 480, 1 }, { "jst", 540, 1 },
    { "kst", 540, 1 }, { "acst", 570, 1 }, { "acdt", 630, 1 }, { "aest", 600, 1 },
    { "aedt", 660, 1 }, { "nzst", 720, 1 }, { "nzdt", 780, 1 },
    { "ist", 0, 0 }, { "ast", 0, 0 },
};

/* RFC 5322 4.3: a two-digit year below 50 is 20xx, else 19xx. */
static int expand_year(int yy)
{
    return yy < 50 ? 2000 + yy : 1900 + yy;
}

/* --------------------------------------------------------------- time */

/* "am", "pm", "a.m.", "p. m.": sets *PM; returns the end or -1. */
static int meridiem_at(parser_t *p, int i, int *pm)
{
    if (is_word(p, i, "am") || is_word(p, i, "pm")) {
        *pm = p->t[i].word[0] == 'p';
        return i + 1;
    }
    if (!is_word(p, i, "a") && !is_word(p, i, "p"))
        return -1;
    *pm = p->t[i].word[0] == 'p';
    int k = i + 1 + is_punct(p, i + 1, '.');
    if (!is_word(p, k, "m"))
        return -1;
    return k + 1 + is_punct(p, k + 1, '.');
}

/* A time of day at I: 14:52, 10.15, 7:48:40, 08:30:00.000, 14h52, 3 pm,
 * 4:41AM, 11:39 Uhr.  Sets the time of *D; returns the end or -1. */
static int time_at(parser_t *p, int i, date_t *d)
{
    int h = number(p, i, 1, 2), m = 0, s = 0, k = i + 1, pm;

    if (h < 0)
        return -1;
    if (is_punct_in(p, k, ":.") && joined(p, k) && joined(p, k + 1) &&
        is_number(p, k + 1, is_punct(p, k, '.') ? 2 : 1, 2)) {
        char sep = p->t[k].punct;
        m = p->t[k + 1].value;
        k += 2;
        if ((is_punct(p, k, ':') || is_punct(p, k, sep)) && joined(p, k) && joined(p, k + 1) &&
            is_number(p, k + 1, 1, 2)) {
            s = p->t[k + 1].value;
            k += 2;
            /* A fraction: ".000", ",5", and ":684" as some sites write it. */
            if (is_punct_in(p, k, ".,:") && joined(p, k) && joined(p, k + 1) &&
                is_number(p, k + 1, 1, 255))
                k += 2;
        }
    } else if (is_word(p, k, "h") && joined(p, k) && joined(p, k + 1) &&
               is_number(p, k + 1, 2, 2)) {
        m = p->t[k + 1].value;
        k += 2;
    } else if (meridiem_at(p, k, &pm) < 0) {
        return -1;                           /* a number alone is no time */
    }
    int e = meridiem_at(p, k, &pm);
    if (e >= 0) {
        if (h < 1 || h > 12)
            return -1;
        h = h % 12 + (pm ? 12 : 0);
        k = e;
    }
    if (is_word_in(p, k, time_suffixes))
        k++;
    if (h > 23 || m > 59 || s > 60)
        return -1;
    d->hour = h;
    d->minute = m;
    d->second = s;
    return k;
}

/* An offset at I: +0200, -04:00, +02, +-0500 (as broken mailers write
 * -0500); *MINUTES east of UTC.  Returns the end or -1. */
static int offset_at(parser_t *p, int i, int *minutes)
{
    int sign, k = i + 1, h, m = 0;
    if (!is_punct_in(p, i, "+-"))
        return -1;
    sign = is_punct(p, i, '-') ? -1 : 1;
    if (sign == 1 && is_punct(p, k, '-') && joined(p, k)) {
        sign = -1;
        k++;
    }
    if (!joined(p, k))
        return -1;
    if (is_number(p, k, 4, 4)) {
        h = p->t[k].value / 100;
        m = p->t[k].value % 100;
        k++;
    } else if (is_number(p, k, 1, 2)) {
        h = p->t[k].value;
        k++;
        if (is_punct(p, k, ':') && joined(p, k) && is_number(p, k + 1, 2, 2) && joined(p, k + 1)) {
            m = p->t[k + 1].value;
            k += 2;
        }
    } else {
        return -1;
    }
    if (h > 23 || m > 59)
        return -1;
    *minutes = sign * (h * 60 + m);
    return k;
}

/* A zone at I: an offset, Z, a name (GMT, EDT, CEST), GMT+1 or UTC+05:30,
 * or a military letter (RFC 5322 says they mean nothing).  Sets the zone
 * of *D; returns the end or -1. */
static int zone_at(parser_t *p, int i, date_t *d)
{
    int minutes, e = offset_at(p, i, &minutes);
    if (e >= 0) {
        d->zone_known = 1;
        d->zone_minutes = minutes;
        return e;
    }
    if (!have(p, i) || p->t[i].kind != TOKEN_WORD)
        return -1;
    for (size_t z = 0; z < sizeof zone_names / sizeof zone_names[0]; z++) {
        if (!is_word(p, i, zone_names[z].name))
            continue;
        d->zone_known = zone_names[z].known;
        d->zone_minutes = zone_names[z].minutes;
        if (zone_names[z].minutes == 0 && zone_names[z].known &&
            (e = offset_at(p, i + 1, &minutes)) >= 0) {       /* GMT+1, UTC +05:30 */
            d->zone_minutes = minutes;
            return e;
        }
        return i + 1;
    }
    if (p->t[i].word_len == 1 && p->t[i].word[0] >= 'a' && p->t[i].word[0] <= 'z' &&
        p->t[i].word[0] != 'j')
        return i + 1;
    return -1;
}

/* An RFC 5322 comment at I: "(PDT)", nested brackets allowed.  Returns
 * the end or -1. */
static int comment_at(parser_t *p, int i)
{
    int depth = 0;
    if (!is_punct(p, i, '('))
        return -1;
    for (int k = i; have(p, k); k++) {
        if (is_punct(p, k, '('))
            depth++;
        else if (is_punct(p, k, ')') && --depth == 0)
            return k + 1;
    }
    return -1;
}

/* A zone and then a comment, each if there; returns the end. */
static int zone_and_comment(parser_t *p, int i, date_t *d)
{
    int e = zone_at(p, i, d);
    if (e >= 0)
        i = e;
    e = comment_at(p, i);
    return e >= 0 ? e : i;
}

/* The time after a full date at I: ", 14:52 GMT", "T08:30:00+02:00",
 * " um 14:52 Uhr", " - 18:37", " a las 07:46hrs", " @ 4:48 pm".  Sets the
 * time and zone of *D; returns the end, or -1 (and *D is unchanged). */
static int time_after_date(parser_t *p, int i, date_t *d)
{
    date_t t = *d;
    int k = i;
    if (is_word(p, k, "t") && joined(p, k) && joined(p, k + 1)) {
        k++;                                  /* ISO 8601's T */
    } else {
        if (is_punct_in(p, k, ",-|/@"))
            k++;
        for (int w = 0; w < 2 && is_word_in(p, k, time_connectors); w++)
            k += 1 + (is_word(p, k, "kl") && is_punct(p, k + 1, '.'));
    }
    k = time_at(p, k, &t);
    if (k < 0)
        return -1;
    *d = t;
    return zone_and_comment(p, k, d);
}

/* -------------------------------------------------------------- dates */

/* A year at I: 2014; with TWO_DIGITS, 93 (not when a time follows, as in
 * "3 June 14:30"); ’20 always.  A Russian "г." or "года" after it is read.
 * Sets *YEAR; returns the end or -1. */
static int year_at(parser_t *p, int i, int two_digits, int *year)
{
    int k;
    if (is_number(p, i, 4, 4)) {
        *year = p->t[i].value;
        k = i + 1;
    } else if (two_digits && is_number(p, i, 2, 2) &&
               !(is_punct_in(p, i + 1, ":.") && joined(p, i + 1) && is_number(p, i + 2, 1, 2))) {
        *year = expand_year(p->t[i].value);
        k = i + 1;
    } else if (is_punct(p, i, '\'') && is_number(p, i + 1, 2, 2) && joined(p, i + 1)) {
        *year = expand_year(p->t[i + 1].value);
        k = i + 2;
    } else {
        return -1;
    }
    if (is_word_in(p, k, year_suffixes))
        k += 1 + (is_word(p, k, "г") && is_punct(p, k + 1, '.'));
    return k;
}

/* Year first at I: 2014, 2014-06, 2014-06-03, 2014-6-3, 2002/09/14,
 * 2014/06, 2014.06.03. and 2014. június 3. (the day's dot is the date's:
 * Hungarian), and 20140603 when P->compact. */
static int year_first(parser_t *p, int i, date_t *d)
{
    int y, m, day, k = i + 1;

    if (p->compact && is_number(p, i, 8, 8)) {
        int v = p->t[i].value;
        return date_set_ymd(d, v / 10000, v / 100 % 100, v % 100) && v % 100 ? i + 1 : -1;
    }
    if (!is_number(p, i, 4, 4))
        return -1;
    y = p->t[i].value;
    if (is_punct_in(p, k, "-/") && joined(p, k) && joined(p, k + 1) &&
        (m = number(p, k + 1, 1, 2)) >= 0) {
        char sep = p->t[k].punct;
        if (is_punct(p, k + 2, sep) && joined(p, k + 2) && joined(p, k + 3) &&
            (day = number(p, k + 3, 1, 2)) >= 0)
            return date_set_ymd(d, y, m, day) && day ? k + 4 : -1;
        return date_set_ymd(d, y, m, 0) && m ? k + 2 : -1;
    }
    if (is_punct(p, k, '.')) {
        if ((m = number(p, k + 1, 1, 2)) >= 0 && is_punct(p, k + 2, '.') &&
            (day = number(p, k + 3, 1, 2)) >= 0)
            return date_set_ymd(d, y, m, day) && m && day ? k + 4 + is_punct(p, k + 4, '.') : -1;
        if ((m = month_at(p, k + 1)) > 0) {   /* Hungarian */
            int j = k + 2 + is_punct(p, k + 2, '.');
            if ((day = number(p, j, 1, 2)) >= 0)
                return date_set_ymd(d, y, m, day) && day ? j + 1 + is_punct(p, j + 1, '.') : -1;
        }
    }
    return date_set_ymd(d, y, 0, 0) ? i + 1 : -1;
}

/* Numbers at I: 27/12/2015, 27.12.2015, 27-12-2015, 4. 2. 2022, 19.10.19,
 * 30/10/23 (a two-digit year never with dashes: 12-10-20 is a code).
 * Day first, unless P->month_first (not with dots, which only day-first
 * writers use); the other order when the first gives no date. */
static int numeric_date(parser_t *p, int i, date_t *d)
{
    int a = number(p, i, 1, 2), b, y, k = i + 1;
    if (a < 0 || !is_punct_in(p, k, "/.-"))
        return -1;
    char sep = p->t[k].punct;
    int tight = sep == '-';                   /* 27-12-2015, never 27 - 12 */
    if ((tight && !(joined(p, k) && joined(p, k + 1))) || (b = number(p, k + 1, 1, 2)) < 0 ||
        !is_punct(p, k + 2, sep) || (tight && !(joined(p, k + 2) && joined(p, k + 3))))
        return -1;
    if (is_number(p, k + 3, 4, 4))
        y = p->t[k + 3].value;
    else if (sep != '-' && is_number(p, k + 3, 2, 2))
        y = expand_year(p->t[k + 3].value);
    else
        return -1;
    int first_is_month = p->month_first && sep != '.';
    if (date_set_ymd(d, y, first_is_month ? a : b, first_is_month ? b : a) && a && b)
        return k + 4;
    if (date_set_ymd(d, y, first_is_month ? b : a, first_is_month ? a : b) && a && b)
        return k + 4;
    return -1;
}

/* Day first with the month's name at I: 3 June 2014, 3rd of June, 2014,
 * 12. März 2015, 3 de junio de 2014, 26-FEB-1987, 29 / Dezember / 2022,
 * 19 Apr 93, 14 Feb ’20, 03.Mär.19, 15 августа 2016 г. */
static int day_month_year(parser_t *p, int i, date_t *d)
{
    int day = number(p, i, 1, 2), m, y, k = i + 1;
    if (day < 0)
        return -1;
    if (joined(p, k) && is_word_in(p, k, ordinal_suffixes))
        k++;
    if (is_punct(p, k, '.')) {                /* 12. März; 1.º */
        k++;
        if (joined(p, k) && (is_word(p, k, "o") || is_word(p, k, "a")))
            k++;
    }
    if (is_punct_in(p, k, "-/"))
        k++;
    if (is_word(p, k, "of") || is_word(p, k, "de"))
        k++;
    else if (is_word(p, k, "d") && is_punct(p, k + 1, '\''))   /* d'abril */
        k += 2;
    if ((m = month_at(p, k++)) == 0)
        return -1;
    if (is_punct(p, k, '.'))
        k++;
    if (is_punct_in(p, k, ",-/"))
        k++;
    if (is_word_in(p, k, year_connectors))
        k++;
    if ((k = year_at(p, k, 1, &y)) < 0)
        return -1;
    return date_set_ymd(d, y, m, day) && day ? k : -1;
}

/* The month's name first at I: June 3, 2014, Jun 18th 2018, mayo 11,
 * 2022; ctime's Sep 21 08:18:08 2002 and Jul 08 16:36:31 CEST 2020; June
 * 2014, junio de 2014. */
static int month_first(parser_t *p, int i, date_t *d)
{
    int m = month_at(p, i), day, y, k = i + 1, e;
    if (m == 0)
        return -1;
    if (is_punct(p, k, '.'))
        k++;
    if ((day = number(p, k, 1, 2)) >= 0) {
        int j = k + 1;
        if (joined(p, j) && is_word_in(p, j, ordinal_suffixes))
            j++;
        if (is_punct(p, j, ','))
            j++;
        if ((e = year_at(p, j, 0, &y)) >= 0)
            return date_set_ymd(d, y, m, day) && day ? e : -1;
        date_t t = *d;
        if ((e = time_at(p, k + 1, &t)) < 0)
            return -1;
        if ((j = zone_at(p, e, &t)) >= 0)
            e = j;
        if (!is_number(p, e, 4, 4) || !date_set_ymd(&t, p->t[e].value, m, day) || day == 0)
            return -1;
        *d = t;
        return e + 1;
    }
    if (is_punct(p, k, ','))
        k++;
    if (is_word_in(p, k, year_connectors))
        k++;
    if (!is_number(p, k, 4, 4) || (k = year_at(p, k, 0, &y)) < 0)
        return -1;                            /* no ’14 for a month alone */
    return date_set_ymd(d, y, m, 0) ? k : -1;
}

/* A date without weekday or time at I. */
static int date_at(parser_t *p, int i, date_t *d)
{
    int e;
    if (is_number(p, i, 4, 4) || (p->compact && is_number(p, i, 8, 8)))
        return year_first(p, i, d);
    if (is_number(p, i, 1, 2))
        return (e = numeric_date(p, i, d)) >= 0 ? e : day_month_year(p, i, d);
    return month_first(p, i, d);
}

/* A weekday at I, and what may follow it: "Tuesday,", "Di.,",
 * "segunda-feira", "mandag den".  Returns the end or -1. */
static int weekday_at(parser_t *p, int i)
{
    int k = i + 1;
    if (!is_weekday(p, i))
        return -1;
    if (is_punct(p, k, '-') && is_word(p, k + 1, "feira"))
        k += 2;
    else if (is_word(p, k, "feira"))
        k++;
    if (is_punct(p, k, '.'))
        k++;
    if (is_punct(p, k, ','))
        k++;
    if (is_word_in(p, k, after_weekday))
        k++;
    return k;
}

/* A date at I with its weekday, if any (then it must be a full day). */
static int dated_at(parser_t *p, int i, date_t *d)
{
    int k = weekday_at(p, i), e;
    if (k >= 0) {
        date_clear(d);
        if ((e = date_at(p, k, d)) >= 0 && d->day)
            return e;
    }
    date_clear(d);
    return date_at(p, i, d);
}

/* A date with its weekday and time, if any, at I; the time may come
 * first ("22:00 GMT, 26 September 2020").  Fills *D; returns the end or
 * -1 (and *D is cleared). */
static int datetime_at(parser_t *p, int i, date_t *d)
{
    date_t t;
    int k, e;

    date_clear(&t);
    if ((k = time_at(p, i, &t)) >= 0) {
        k = zone_and_comment(p, k, &t);
        if (is_punct_in(p, k, ",-|/"))
            k++;
        if ((e = dated_at(p, k, d)) >= 0 && d->day) {
            d->hour = t.hour;
            d->minute = t.minute;
            d->second = t.second;
            d->zone_known = t.zone_known;
            d->zone_minutes = t.zone_minutes;
            return e;
        }
    }
    if ((e = dated_at(p, i, d)) < 0) {
        date_clear(d);
        return -1;
    }
    if (d->day && d->hour < 0 && (k = time_after_date(p, e, d)) >= 0)
        e = k;
    return e;
}

/* --------------------------------------------------------- the callers */

date_precision_t date_parse(const char *s, size_t len, const date_rules_t *rules, date_t *out)
{
    parser_t p;
    int e;

    date_clear(out);
    date_parser_init(&p, s, len, rules);
    p.compact = 1;
    if ((e = datetime_at(&p, 0, out)) < 0 || !ends_at(&p, e)) {
        date_clear(out);
        return DATE_NONE;
    }
    return date_precision_of(out);
}

size_t date_scan(const char *s, size_t len, const date_rules_t *rules, date_t *out)
{
    parser_t p;
    int e;

    date_clear(out);
    date_parser_init(&p, s, len, rules);
    if ((e = datetime_at(&p, 0, out)) <= 0) {
        date_clear(out);
        return 0;
    }
    return p.t[e - 1].end;
}

/* Words a date line has at most: "Tue Feb 20 2018 01:00:00 GMT+0100
 * (Central European Standard Time)" has 7, "Miércoles, 4 de Mayo de 2022 a
 * las 07:46hrs." 7, "Stand des Artikels: 26. Februar 2020, 12:30 Uhr." 5. */
#define LINE_WORDS_MAX 12

/* Whether S[0..LEN) may be a date line: it has a digit and at most
 * LINE_WORDS_MAX runs of letters.  A quick look at the bytes, since the
 * article model asks it of every short line (most are text). */
static int may_be_date_line(const char *s, size_t len)
{
    int digit = 0, words = 0, in_word = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int letter = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
        digit |= c >= '0' && c <= '9';
        if (letter && !in_word && ++words > LINE_WORDS_MAX)
            return 0;
        in_word = letter;
    }
    return digit;
}

/* Punctuation a date line may start or end with ("| Oct 24, 2023",
 * "(Letztes Update: 06.10.2023)", "12. Januar 2022,"). */
#define LINE_LEAD_PUNCT "|/-([,:*\"'"
#define LINE_TRAIL_PUNCT ".,|-/)]:;*\"'@"

date_precision_t date_parse_line(const char *s, size_t len, const date_rules_t *rules,
                                 date_t *out, date_label_t *label)
{
    parser_t p;
    int start = 0, ends[LABEL_CHOICES_MAX + 1], count;
    date_label_t kinds[LABEL_CHOICES_MAX + 1];

    date_clear(out);
    if (label)
        *label = DATE_LABEL_NONE;
    if (len > DATE_LINE_MAX || !may_be_date_line(s, len))
        return DATE_NONE;
    date_parser_init(&p, s, len, rules);
    while (is_punct_in(&p, start, LINE_LEAD_PUNCT))
        start++;
    count = date_labels_at(&p, start, ends, kinds);
    ends[count] = start;                      /* and no label */
    kinds[count++] = DATE_LABEL_NONE;
    for (int c = 0; c < count; c++) {
        int k = ends[c], e;
        if (c < count - 1 && is_punct_in(&p, k, ":,-"))
            k++;
        if ((e = datetime_at(&p, k, out)) < 0)
            continue;
        while (is_punct_in(&p, e, LINE_TRAIL_PUNCT))
            e++;
        if (ends_at(&p, e)) {
            if (label)
                *label = kinds[c];
            return date_precision_of(out);
        }
    }
    date_clear(out);
    return DATE_NONE;
}
