/* date-calendar.c: which dates exist, and the fixed forms: ISO, SLOT_DATE, URL paths (date.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "date-internal.h"

/* -------------------------------------------------------- the calendar */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return days[m - 1] + (m == 2 && is_leap(y));
}

int date_is_valid(const date_t *d)
{
    if (d->year < DATE_YEAR_MIN || d->year > DATE_YEAR_MAX || d->month < 0 || d->month > 12 ||
        d->day < 0 || (d->month == 0 && d->day != 0) ||
        (d->day > 0 && d->day > days_in_month(d->year, d->month)))
        return 0;
    if (d->hour < 0)
        return d->hour == -1;
    return d->day > 0 && d->hour <= 23 && d->minute >= 0 && d->minute <= 59 &&
           d->second >= 0 && d->second <= 60;
}

date_precision_t date_precision_of(const date_t *d)
{
    return d->day ? DATE_DAY : d->month ? DATE_MONTH : DATE_YEAR;
}

void date_clear(date_t *d)
{
    memset(d, 0, sizeof *d);
    d->hour = -1;
}

/* Sets the day of *D; returns non-zero if Y-M-DAY exists (DAY and M may
 * be 0 for "not stated"). */
int date_set_ymd(date_t *d, int y, int m, int day)
{
    d->year = y;
    d->month = m;
    d->day = day;
    return date_is_valid(d);
}

/* The value of the N digits at S, or -1 if they are not all digits. */
static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Length of the path segment at S[I..LEN) (up to '/' or LEN). */
static size_t segment_len(const char *s, size_t i, size_t len)
{
    size_t j = i;
    while (j < len && s[j] != '/')
        j++;
    return j - i;
}

/* A date that segment S[0..N) is by itself: "2019-10-16", "2019-10-16-title",
 * "20191016", "20191016-title", "2019-10".  Returns its precision (*D is
 * then set). */
static date_precision_t segment_date(const char *s, size_t n, date_t *d)
{
    int y = n >= 4 ? digits_value(s, 4) : -1, m, day;
    if (y < 0)
        return DATE_NONE;
    if (n >= 10 && s[4] == '-' && s[7] == '-' && (m = digits_value(s + 5, 2)) > 0 &&
        (day = digits_value(s + 8, 2)) > 0 && (n == 10 || !(s[10] >= '0' && s[10] <= '9')))
        return date_set_ymd(d, y, m, day) ? DATE_DAY : DATE_NONE;
    if (n >= 8 && (m = digits_value(s + 4, 2)) > 0 && (day = digits_value(s + 6, 2)) > 0 &&
        (n == 8 || s[8] == '-' || s[8] == '_'))
        return date_set_ymd(d, y, m, day) ? DATE_DAY : DATE_NONE;
    if (n == 7 && s[4] == '-' && (m = digits_value(s + 5, 2)) > 0)
        return date_set_ymd(d, y, m, 0) ? DATE_MONTH : DATE_NONE;
    return DATE_NONE;
}

date_precision_t date_from_url(const char *url, size_t len, date_t *out)
{
    size_t i = 0, end = 0;

    date_clear(out);
    while (end < len && url[end] != '?' && url[end] != '#')
        end++;
    for (size_t k = 0; k + 3 <= end; k++)
        if (memcmp(url + k, "://", 3) == 0) {
            i = k + 3 + segment_len(url, k + 3, end);       /* past the host */
            break;
        }
    while (i < end) {
        size_t n = segment_len(url, i, end);
        date_precision_t found;
        if (n == 0) {
            i++;
            continue;
        }
        size_t j = i + n + 1;                  /* the next segment */
        found = segment_date(url + i, n, out);
        if (found == DATE_NONE) {             /* /2019/10/ */
            size_t mn = j < end ? segment_len(url, j, end) : 0;
            int y = n == 4 ? digits_value(url + i, 4) : -1;
            int m = mn >= 1 && mn <= 2 ? digits_value(url + j, mn) : -1;
            if (y >= 0 && m > 0 && date_set_ymd(out, y, m, 0)) {
                found = DATE_MONTH;
                j += mn + 1;
            }
        }
        if (found == DATE_MONTH) {            /* /2019/10/16/, /2012-06/04/ */
            size_t dn = j < end ? segment_len(url, j, end) : 0;
            int day = dn >= 1 && dn <= 2 ? digits_value(url + j, dn) : -1;
            if (day > 0 && date_set_ymd(out, out->year, out->month, day))
                return DATE_DAY;
            out->day = 0;
        }
        if (found != DATE_NONE)
            return found;
        date_clear(out);
        i += n;
    }
    return DATE_NONE;
}

date_precision_t date_parse_iso(const char *s, size_t len, date_t *out)
{
    int y = len >= 4 ? digits_value(s, 4) : -1, m = 0, day = 0;

    date_clear(out);
    if ((len != 4 && len != 7 && len != 10) || y < 0 ||
        (len >= 7 && (s[4] != '-' || (m = digits_value(s + 5, 2)) < 1)) ||
        (len == 10 && (s[7] != '-' || (day = digits_value(s + 8, 2)) < 1)) ||
        !date_set_ymd(out, y, m, day)) {
        date_clear(out);
        return DATE_NONE;
    }
    return date_precision_of(out);
}

/* Writes V as WIDTH digits. */
static void put_digits(char *out, int v, int width)
{
    for (int i = width - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
}

date_precision_t date_format(const date_t *d, char out[DATE_TEXT_SIZE])
{
    out[0] = '\0';
    if (!date_is_valid(d))
        return DATE_NONE;
    put_digits(out, d->year, 4);
    out[4] = '\0';
    if (d->month) {
        out[4] = '-';
        put_digits(out + 5, d->month, 2);
        out[7] = '\0';
    }
    if (d->day) {
        out[7] = '-';
        put_digits(out + 8, d->day, 2);
        out[10] = '\0';
    }
    return date_precision_of(d);
}

date_precision_t date_to_slot(const date_t *d, char out[DATE_SLOT_SIZE])
{
    out[0] = '\0';
    if (!date_is_valid(d))
        return DATE_NONE;
    put_digits(out, d->year, 4);
    put_digits(out + 4, d->month, 2);
    put_digits(out + 6, d->day, 2);
    out[8] = '\0';
    return date_precision_of(d);
}

date_precision_t date_from_slot(const char *s, size_t len, date_t *out)
{
    int v = len == 8 ? digits_value(s, 8) : -1;

    date_clear(out);
    if (v < 0 || !date_set_ymd(out, v / 10000, v / 100 % 100, v % 100)) {
        date_clear(out);
        return DATE_NONE;
    }
    return date_precision_of(out);
}

void date_slot_bounds(const date_t *d, char lo[DATE_SLOT_SIZE], char hi[DATE_SLOT_SIZE])
{
    date_to_slot(d, lo);
    memcpy(hi, lo, DATE_SLOT_SIZE);
    if (d->month == 0)
        memcpy(hi + 4, "12", 2);
    if (d->day == 0)
        memcpy(hi + 6, "31", 2);
}

const char *date_month_name(int month)
{
    static const char *const names[12] = {
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"
    };
    return month >= 1 && month <= 12 ? names[month - 1] : NULL;
}
