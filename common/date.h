/* date.h: the one date reader of trawl: dates as pages, mail, feeds and users write them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every date trawl reads goes through here: a page's date line, front
 * matter, manifest cells, JSON Lines "date" members, mail Date headers,
 * HTML meta values and URL paths, the query language's date: ranges and
 * the CGI's from/to.  What is stored is the stated part of the date only:
 * "YYYY-MM-DD", "YYYY-MM" or "YYYY" ("June 2014" is 2014-06, never
 * 2014-06-01).
 *
 * Inputs are (pointer, length) and need not end in NUL; nothing here reads
 * outside S[0..LEN).  Nothing allocates; everything is reentrant.
 *
 * What is read (the tables are in date-names.c):
 * - ISO 8601: 2014, 2014-06, 2014-06-03, 2014-6-3, with a time and zone
 *   (2019-10-16T08:30:00.000+02:00, 2019-10-16 08:30 UTC); 20191016 in
 *   date_parse() and URLs only; 2002/09/14, 2014.06.03., 2014/06.
 * - RFC 5322 with its obsolete forms and what mailers really write: Mon,
 *   19 Apr 1993 14:51:37 GMT, 19 Apr 93 ..., zones +0100, +01:00, +01,
 *   GMT+1, EDT, military letters, comments "(PDT)"; ctime's Sat Sep 21
 *   08:18:08 2002.
 * - Numbers: 27/12/2015, 27.12.2015, 27-12-2015, 19.10.19 (two-digit years
 *   only with dots), read day first; month first (12/27/2015) when the day
 *   first reading is no date, or first when the rules ask for US order.
 * - Words: 3 June 2014, 3rd June 2014, 3rd of June 2014, 12. März 2015,
 *   3 de junio de 2014, June 3, 2014, Jun 18th 2018, June 2014, junio de
 *   2014, 26-FEB-1987, 14 Feb ’20, 15 августа 2016 г., 2014. június 3.;
 *   month and weekday names in full or abbreviated (any unambiguous prefix
 *   of three letters or more, with or without a dot), any case, accents
 *   optional ("Marz"), in English and the rules' language.
 * - A weekday before the date (Tuesday, 3 June 2014; Di., 25.01.2022) and
 *   a time after it (at 10:15 am, um 14:52 Uhr, à 09h08, 10.15 GMT) or
 *   before it (22:00 GMT, 26 September 2020).  The weekday is not checked
 *   against the date: mail often has it wrong.
 * Dates that do not exist (31 June, month 13, a year outside
 * DATE_YEAR_MIN..DATE_YEAR_MAX) are not dates.
 */
#ifndef TRAWL_DATE_H
#define TRAWL_DATE_H

#include <stddef.h>

/* The years a date may have: older or later ones are typing errors or
 * numbers that are not years. */
#define DATE_YEAR_MIN 1000
#define DATE_YEAR_MAX 2999

/* Bytes of the stored form "YYYY-MM-DD" with its NUL. */
#define DATE_TEXT_SIZE 11

/* Bytes of a SLOT_DATE value "YYYYMMDD" with its NUL. */
#define DATE_SLOT_SIZE 9

/* How much of a date is stated; what the parsers return (0: no date). */
typedef enum {
    DATE_NONE = 0,
    DATE_YEAR = 1,      /* 2014 */
    DATE_MONTH = 2,     /* 2014-06 */
    DATE_DAY = 3        /* 2014-06-03 */
} date_precision_t;

typedef struct {
    int year;           /* DATE_YEAR_MIN..DATE_YEAR_MAX */
    int month;          /* 1-12; 0: not stated */
    int day;            /* 1-31, valid for the month; 0: not stated */
    int hour;           /* 0-23; -1: no time stated (only with a day) */
    int minute;         /* 0-59; 0 without a time */
    int second;         /* 0-60 (a leap second); 0 when not stated */
    int zone_known;     /* 1: zone_minutes is the stated offset from UTC */
    int zone_minutes;   /* minutes east of UTC (+0530 is 330); 0 if unknown */
} date_t;

/* How the reader is to read what is ambiguous.  A NULL date_rules_t * is
 * { NULL, 0 }. */
typedef struct {
    const char *language;  /* a Snowball stemmer name ("german"): its month
                              and weekday names and date-line labels, and
                              English's; NULL: those of every language
                              date-names.c knows; a language it does not
                              know: English only */
    int month_first;       /* 1: 03/06/2014 is March 6 (US order); 0: 3 June */
} date_rules_t;

/* What the label of a date line says the date is. */
typedef enum {
    DATE_LABEL_NONE = 0,       /* no label, or one that does not say ("Date:", "am") */
    DATE_LABEL_PUBLISHED,      /* "Published:", "Posted on", "Veröffentlicht am" */
    DATE_LABEL_UPDATED         /* "Last updated:", "Aktualisiert am", "Mis à jour le" */
} date_label_t;

/* Reads S[0..LEN) as one date: white space around it, a weekday before it
 * and a time, zone and "(comment)" after it are allowed, nothing else: for
 * values that are meant to be a date (front matter, manifest cells, JSON
 * Lines members, meta tags, <time datetime>, JSON-LD datePublished).
 * RULES may be NULL.  Fills *OUT and returns its precision, or returns
 * DATE_NONE (and *OUT is all zero, hour -1) when S is not a date. */
date_precision_t date_parse(const char *s, size_t len, const date_rules_t *rules, date_t *out);

/* Reads S[0..LEN) as a page's date line: date_parse()'s forms, also after
 * a label ("Published:", "Posted on", "Last updated:", "Updated", "Date:",
 * "Veröffentlicht am", "Publié le", "Publicado el", ..., in English and the
 * rules' language), inside brackets and between separators ("| Oct 24,
 * 2023", "12. Januar 2022,", "/ 22.04.2020 / 06:15 /").  Words that are not
 * a label ("Posted by Jane on ...", "Berlin, 3 June 2014") make it no date
 * line.  Lines over DATE_LINE_MAX bytes are none.  *LABEL (if LABEL is not
 * NULL) is set to what the label says.  Returns as date_parse(). */
#define DATE_LINE_MAX 200
date_precision_t date_parse_line(const char *s, size_t len, const date_rules_t *rules,
                                 date_t *out, date_label_t *label);

/* Reads the date at the start of S[0..LEN) (after white space), as
 * date_parse() would, and ignores what follows it: for headers where
 * software appends its own notes ("Date: Fri, 19 Jul 2002 09:42:07 -0400
 * AWL version=2.40", "... 19:21:08 Eastern Daylight Time").  Returns the
 * bytes read (0: no date there) and fills *OUT as date_parse(). */
size_t date_scan(const char *s, size_t len, const date_rules_t *rules, date_t *out);

/* Finds a date in a URL's path: /2019/10/16/, /2019/10/ (a month),
 * /2019-10-16/ or /2019-10-16-title, /2012-06/04/, /20191016/ or
 * /20191016-title/; the host, the query and
 * the fragment are not looked at, and a year alone is not taken (issue
 * numbers and ids look the same).  Returns the precision found first (from
 * the left), or DATE_NONE; fills *OUT as date_parse(). */
date_precision_t date_from_url(const char *url, size_t len, date_t *out);

/* Reads exactly the stored form: "YYYY", "YYYY-MM" or "YYYY-MM-DD", two
 * digits for month and day, a date that exists.  The one rule for dates
 * typed by users of trawl-search and trawl.cgi (date:, from, to,
 * --accessed) and for reading stored dates back.  Returns as date_parse(). */
date_precision_t date_parse_iso(const char *s, size_t len, date_t *out);

/* Writes D's stored form ("YYYY-MM-DD", "YYYY-MM" or "YYYY") and a NUL to
 * OUT.  Returns D's precision, or DATE_NONE (OUT is then "") when D is not
 * a date that exists. */
date_precision_t date_format(const date_t *d, char out[DATE_TEXT_SIZE]);

/* Writes the SLOT_DATE value of D (schema.h: "YYYYMMDD", what is not
 * stated "00") and a NUL to OUT.  Returns as date_format(). */
date_precision_t date_to_slot(const date_t *d, char out[DATE_SLOT_SIZE]);

/* Reads a SLOT_DATE value back.  Returns as date_parse(). */
date_precision_t date_from_slot(const char *s, size_t len, date_t *out);

/* The lowest and highest SLOT_DATE values of articles dated within D
 * (2014 runs from 20140000 to 20141231, 2014-06 from 20140600 to
 * 20140631), for a value range query.  D must be a valid date (as the
 * parsers above return). */
void date_slot_bounds(const date_t *d, char lo[DATE_SLOT_SIZE], char hi[DATE_SLOT_SIZE]);

/* Non-zero if D is a date that exists with a precision (year in range,
 * month 0-12, day 0 or within the month, no day without a month, and a
 * time, if any, only with a day). */
int date_is_valid(const date_t *d);

/* The English name of MONTH (1-12, "January"), or NULL. */
const char *date_month_name(int month);

#endif /* TRAWL_DATE_H */
