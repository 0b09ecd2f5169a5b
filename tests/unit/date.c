/* date.c: tests of the one date reader (common/date.h): hand-made cases and
 * rejections, then the real dates of tests/data/dates-real.tsv (read from
 * $TRAWL_SRCDIR, which make check sets; skipped without it).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every input is copied into a buffer of exactly its length, with no NUL
 * after it, so that AddressSanitizer (configure --enable-sanitizers) sees
 * any read past the end.
 */
#include <stdlib.h>
#include <string.h>

#include "date-names.h"
#include "date.h"
#include "tap.h"

/* What a reader gives, as one string: "-" for no date, else the stored
 * form, then " hh:mm:ss" if a time was read, " +hhmm" if a zone was, and
 * " P" or " U" for a date line's label: "1993-04-19 14:51:37 +0000". */
static void describe(date_precision_t got, const date_t *d, date_label_t label, char *out,
                     size_t size)
{
    char text[DATE_TEXT_SIZE];
    size_t n;

    if (got == DATE_NONE) {
        /* No date leaves *D cleared, so a caller can never use a half. */
        snprintf(out, size, "%s", d->year == 0 && d->month == 0 && d->day == 0 &&
                                  d->hour == -1 && !d->zone_known ? "-" : "- (not cleared)");
        return;
    }
    if (date_format(d, text) != got) {
        snprintf(out, size, "precision %d does not match the date", (int)got);
        return;
    }
    n = (size_t)snprintf(out, size, "%s", text);
    if (d->hour >= 0 && n < size)
        n += (size_t)snprintf(out + n, size - n, " %02d:%02d:%02d", d->hour, d->minute, d->second);
    if (d->zone_known && n < size) {
        int z = d->zone_minutes < 0 ? -d->zone_minutes : d->zone_minutes;
        n += (size_t)snprintf(out + n, size - n, " %c%02d%02d", d->zone_minutes < 0 ? '-' : '+',
                              z / 60, z % 60);
    }
    if (label != DATE_LABEL_NONE && n < size)
        snprintf(out + n, size - n, " %s", label == DATE_LABEL_PUBLISHED ? "P" : "U");
}

typedef enum { READ_PARSE, READ_LINE, READ_SCAN, READ_URL, READ_ISO } reader_t;

/* Runs READER over IN[0..LEN) (copied to a buffer of LEN bytes) and
 * describes the result into OUT; *CONSUMED gets date_scan()'s count. */
static void run_reader(reader_t reader, const date_rules_t *rules, const char *in, size_t len,
                       char *out, size_t size, size_t *consumed)
{
    char *copy = malloc(len ? len : 1);
    date_t d;
    date_label_t label = DATE_LABEL_NONE;
    date_precision_t got = DATE_NONE;

    memcpy(copy, in, len);
    *consumed = 0;
    switch (reader) {
    case READ_PARSE: got = date_parse(copy, len, rules, &d); break;
    case READ_LINE: got = date_parse_line(copy, len, rules, &d, &label); break;
    case READ_SCAN:
        *consumed = date_scan(copy, len, rules, &d);
        got = *consumed ? (d.day ? DATE_DAY : d.month ? DATE_MONTH : DATE_YEAR) : DATE_NONE;
        break;
    case READ_URL: got = date_from_url(copy, len, &d); break;
    case READ_ISO: got = date_parse_iso(copy, len, &d); break;
    }
    describe(got, &d, label, out, size);
    free(copy);
}

static const char *const reader_names[] = { "parse", "line", "scan", "url", "iso" };

typedef struct {
    const char *in, *expected;
} case_t;

static void check_cases(reader_t reader, const date_rules_t *rules, const char *what,
                        const case_t *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char got[128], name[200];
        size_t consumed;
        run_reader(reader, rules, cases[i].in, strlen(cases[i].in), got, sizeof got, &consumed);
        snprintf(name, sizeof name, "%s%s: '%.120s'", reader_names[reader], what, cases[i].in);
        is_str(got, cases[i].expected, name);
    }
}

#define CHECK(reader, rules, what, cases) \
    check_cases((reader), (rules), (what), (cases), sizeof (cases) / sizeof (cases)[0])

/* What indexer/article.c's article_parse_date() read before this module
 * (its tests, moved here): date_parse() reads them so, except "2014-6-3",
 * now a date because real pages write it (<time datetime="2019-11-5">,
 * "2022-5-5 22:17:36" in html-eval).  As a date line (date_parse_line())
 * "3 June 2014," is a date too: pages end date lines with commas. */
static const case_t article_cases[] = {
    { "3 June 2014", "2014-06-03" },
    { "3 Jun 2014", "2014-06-03" },
    { "June 3, 2014", "2014-06-03" },
    { "Tuesday 3 June 2014", "2014-06-03" },
    { "Tue, 3 Jun 2014", "2014-06-03" },
    { "3 June, 2014", "2014-06-03" },
    { " 1st Sept 2020 ", "2020-09-01" },
    { "2014-06-03", "2014-06-03" },
    { "2014-06", "2014-06" },
    { "2014", "2014" },
    { "June 2014", "2014-06" },
    { "29 February 2012", "2012-02-29" },
    { "29 February 2000", "2000-02-29" },
    { "31 december 2999", "2999-12-31" },
    { "31 June 2014", "-" },
    { "29 February 2013", "-" },
    { "29 February 1900", "-" },
    { "32 May 2014", "-" },
    { "0 May 2014", "-" },
    { "2014-13-01", "-" },
    { "2014-02-30", "-" },
    { "2014-6-3", "2014-06-03" },
    { "0999", "-" },
    { "3000", "-" },
    { "June", "-" },
    { "3 June", "-" },
    { "3 June 2014 news", "-" },
    { "June 3,, 2014", "-" },
    { "3 June 2014,", "-" },
    { "Funday 3 June 2014", "-" },
    { "Tuesday June 2014", "-" },
    { "", "-" },
    { "   ", "-" },
};

/* date_parse(): one value that is a date, nothing else. */
static const case_t parse_cases[] = {
    /* ISO 8601 */
    { "2019-10-16T08:30:00+02:00", "2019-10-16 08:30:00 +0200" },
    { "2019-10-16T08:30:00.123456789Z", "2019-10-16 08:30:00 +0000" },
    { "2019-10-16T08:30Z", "2019-10-16 08:30:00 +0000" },
    { "2019-10-16 08:30", "2019-10-16 08:30:00" },
    { "2019-10-16 08:30:00 +00:00", "2019-10-16 08:30:00 +0000" },
    { "2019-10-16T08:30:00-0430", "2019-10-16 08:30:00 -0430" },
    { "2019-10-16T08:30:00+05", "2019-10-16 08:30:00 +0500" },
    { "2019-10-16T08:30:00 UTC", "2019-10-16 08:30:00 +0000" },
    { "20191016", "2019-10-16" },
    { "2002/09/14", "2002-09-14" },
    { "2017/01", "2017-01" },
    { "2014.06.03", "2014-06-03" },
    { "2019-10-16T24:00", "-" },
    { "2019-10-16T08:60", "-" },
    { "2019-10-16T08:30:61", "-" },
    { "2019-10-16T08:30:00+2400", "-" },
    { "2019-10-16T", "-" },
    { "2019-10-16T08:30:00ZZ", "-" },
    { "20191332", "-" },
    { "2019101", "-" },
    { "201910160", "-" },
    { "2014-06-", "-" },
    { "2014--06", "-" },
    { "2014-00", "-" },
    /* RFC 5322 and what mailers write */
    { "Mon, 19 Apr 1993 14:51:37 GMT", "1993-04-19 14:51:37 +0000" },
    { "19 Apr 93 15:01:14 GMT", "1993-04-19 15:01:14 +0000" },
    { "3 Jan 03 10:00:00 GMT", "2003-01-03 10:00:00 +0000" },
    { "1 May 49 00:00:00 +0000", "2049-05-01 00:00:00 +0000" },
    { "1 May 50 00:00:00 +0000", "1950-05-01 00:00:00 +0000" },
    { "Tue, 20 Apr 1993 7:48:40 +0100 (CET)", "1993-04-20 07:48:40 +0100" },
    { "Sun, 18 Apr 93 13:35:23 EDT(-0400)", "1993-04-18 13:35:23 -0400" },
    { "Thu, 15 Apr 1993 21:38:28 +1300 (NZDT (summer))", "1993-04-15 21:38:28 +1300" },
    { "Thu, 15 Apr 1993 21:38:28 +1300 (unclosed", "-" },
    { "25 Apr 93 00:02:34 GMT+12", "1993-04-25 00:02:34 +1200" },
    { "Fri, 20 Sep 2002 12:15:37 GMT+1", "2002-09-20 12:15:37 +0100" },
    { "Tue, 3 Dec 2002 11:51:12 +-0700", "2002-12-03 11:51:12 -0700" },
    { "Tue, 06 Aug 2002 06:50:21 PM -0400", "2002-08-06 18:50:21 -0400" },
    { "Sat, 8 Jun 2002 1:5:13 +0500", "2002-06-08 01:05:13 +0500" },
    { "Wed, 29 May 2002 16:54:6 +0300", "2002-05-29 16:54:06 +0300" },
    { "Mon, 16 Sep 2002 03:27:38 A", "2002-09-16 03:27:38" },
    { "Wed, 14 Apr 93 08:42:39 IST", "1993-04-14 08:42:39" },
    { "Fri, 19 Jul 2002 23:45:08 +0700 version=2.40", "-" },
    { "Sat Sep 21 08:18:08 2002", "2002-09-21 08:18:08" },
    { "Wed Jul 08 16:36:31 CEST 2020", "2020-07-08 16:36:31 +0200" },
    { "Tue Feb 20 2018 01:00:00 GMT+0100 (Central European Standard Time)",
      "2018-02-20 01:00:00 +0100" },
    { "Wed, 24 Jul 0102 21:48:06 +1200", "-" },
    /* numbers */
    { "27/12/2015", "2015-12-27" },
    { "12/27/2015", "2015-12-27" },
    { "03/06/2014", "2014-06-03" },
    { "27.12.2015", "2015-12-27" },
    { "27-12-2015", "2015-12-27" },
    { "4. 2. 2022", "2022-02-04" },
    { "19.10.19", "2019-10-19" },
    { "30/10/23", "2023-10-30" },
    { "27 - 12 - 2015", "-" },
    { "12-10-20", "-" },
    { "13/13/2015", "-" },
    { "31/04/2015", "-" },
    { "00/12/2015", "-" },
    { "27/12/015", "-" },
    { "27/12", "-" },
    /* names: English, any case, abbreviated, ordinals */
    { "3rd June 2014", "2014-06-03" },
    { "3rd of June 2014", "2014-06-03" },
    { "June 3rd, 2014", "2014-06-03" },
    { "JUNE 3 2014", "2014-06-03" },
    { "Sept. 3, 2014", "2014-09-03" },
    { "Sep 3 2014", "2014-09-03" },
    { "Jan. 28, 2020", "2020-01-28" },
    { "Jun 18th 2018", "2018-06-18" },
    { "Tuesday the 3rd of June 2014", "2014-06-03" },
    { "14 Feb \xE2\x80\x99" "20", "2020-02-14" },
    { "14 Feb '20", "2020-02-14" },
    { "26-FEB-1987 15:01:01.79", "1987-02-26 15:01:01" },
    { "3 June 14", "2014-06-03" },
    { "June 31, 2014", "-" },
    { "Feb \xE2\x80\x99" "20", "-" },
    { "June 14", "-" },
    { "3 June 14:30", "-" },
    { "Ju 3 2014", "-" },
    /* other languages (all of them when the rules name none) */
    { "12. März 2015", "2015-03-12" },
    { "12. MÄRZ 2015", "2015-03-12" },
    { "12. Marz 2015", "2015-03-12" },
    { "12. Maerz 2015", "2015-03-12" },
    { "12. Mär. 2015", "2015-03-12" },
    { "12. Ma\xCC\x88rz 2015", "2015-03-12" },
    { "Mittwoch, 1. Jänner 2020", "2020-01-01" },
    { "Di., 25.01.2022 - 14:45", "2022-01-25 14:45:00" },
    { "3 de junio de 2014", "2014-06-03" },
    { "3 de junio del 2014", "2014-06-03" },
    { "martes, 3 de junio de 2014", "2014-06-03" },
    { "1er juin 2014", "2014-06-01" },
    { "mercredi 16 mars 2005", "2005-03-16" },
    { "1\xC2\xBA de junio de 2014", "2014-06-01" },
    { "2 d'abril de 2014", "2014-04-02" },
    { "3 giugno 2014", "2014-06-03" },
    { "3 juni 2014", "2014-06-03" },
    { "3 mrt 2014", "2014-03-03" },
    { "segunda-feira, 3 de junho de 2014", "2014-06-03" },
    { "3 de março de 2014", "2014-03-03" },
    { "mandag den 3. juni 2014", "2014-06-03" },
    { "3. marts 2014", "2014-03-03" },
    { "tisdag 3 juni 2014", "2014-06-03" },
    { "maanantaina 3. kesäkuuta 2014", "2014-06-03" },
    { "3. marrask. 2014", "2014-11-03" },
    { "3 iunie 2014", "2014-06-03" },
    { "marți, 3 iunie 2014", "2014-06-03" },
    { "2014. június 3.", "2014-06-03" },
    { "2014. jún. 3", "2014-06-03" },
    { "3 Haziran 2014", "2014-06-03" },
    { "3 Ağustos 2014", "2014-08-03" },
    { "Salı, 3 Haziran 2014", "2014-06-03" },
    { "3 Juni 2014", "2014-06-03" },
    { "3 de juny de 2014", "2014-06-03" },
    { "15 августа 2016 г.", "2016-08-15" },
    { "15 Августа 2016 года", "2016-08-15" },
    { "вторник, 3 июня 2014", "2014-06-03" },
    { "3 сент. 2014", "2014-09-03" },
    { "juin 2014", "2014-06" },
    { "junio de 2014", "2014-06" },
    { "3 jui 2014", "-" },
    { "3 juin", "-" },
    /* times */
    { "3 June 2014 12:00 am", "2014-06-03 00:00:00" },
    { "3 June 2014 12:30 pm", "2014-06-03 12:30:00" },
    { "3 June 2014 3pm", "2014-06-03 15:00:00" },
    { "3 June 2014 13:00 pm", "-" },
    { "3 June 2014 10.15 GMT", "2014-06-03 10:15:00 +0000" },
    { "3 June 2014 10.5", "-" },
    { "3 June 2014 at 10:15", "2014-06-03 10:15:00" },
    { "3 juin 2014 à 14h52", "2014-06-03 14:52:00" },
    { "3. Juni 2014 um 14:52 Uhr", "2014-06-03 14:52:00" },
    { "3 de junio de 2014 a las 07:46hrs", "2014-06-03 07:46:00" },
    { "3. juni 2014 kl. 14.52", "2014-06-03 14:52:00" },
    { "22:00 GMT, 26 September 2020", "2020-09-26 22:00:00 +0000" },
    { "10:00am, 20 Jan, 2020", "2020-01-20 10:00:00" },
    { "22:00, June 2014", "-" },
    { "June 2014 10:15", "-" },
    { "2014 10:15", "-" },
    /* years at the edges */
    { "1000", "1000" },
    { "2999-12-31", "2999-12-31" },
    { "31 December 999", "-" },
    { "1 January 3000", "-" },
    /* bytes that are no date */
    { "3 \xFFJune 2014", "-" },
    { "3 Ju\xC3ne 2014", "-" },
    { "3 Junexxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx 2014", "-" },
    { "99999999999999999999 June 2014", "-" },
    { "3 June 99999999999999999999", "-" },
    { "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 "
      "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "-" },
    { "\xE2\x80\x94", "-" },
    { "(", "-" },
};

/* date_parse_line(): a page's date line. */
static const case_t line_cases[] = {
    { "Sun 27 Dec 2015 10.15 GMT", "2015-12-27 10:15:00 +0000" },
    { "Last Updated: Wednesday, 16 March 2005, 14:52 GMT", "2005-03-16 14:52:00 +0000 U" },
    { "27/12/2015", "2015-12-27" },
    { "Published: 27 Dec 2015", "2015-12-27 P" },
    { "12. März 2015", "2015-03-12" },
    { "Posted on June 3, 2014", "2014-06-03 P" },
    { "First published on Sun 27 Dec 2015 10.15 GMT", "2015-12-27 10:15:00 +0000 P" },
    { "Last modified on Wed 4 Oct 2017 12.00 BST", "2017-10-04 12:00:00 +0100 U" },
    { "Date: 3 June 2014", "2014-06-03" },
    { "Updated 3 June 2014", "2014-06-03 U" },
    { "UPDATED: 3 June 2014", "2014-06-03 U" },
    { "Veröffentlicht am 12. März 2015", "2015-03-12 P" },
    { "Aktualisiert am 21.01.2022, 11:39 Uhr", "2022-01-21 11:39:00 U" },
    { "Publié le 3 juin 2014", "2014-06-03 P" },
    { "Mis à jour le 3 juin 2014 à 10h15", "2014-06-03 10:15:00 U" },
    { "Publicado el 3 de junio de 2014", "2014-06-03 P" },
    { "Pubblicato il 3 giugno 2014", "2014-06-03 P" },
    { "Gepubliceerd op 3 juni 2014", "2014-06-03 P" },
    { "Opdateret 3. juni 2014", "2014-06-03 U" },
    { "Julkaistu 3.6.2014", "2014-06-03 P" },
    { "Опубликовано 15 августа 2016", "2016-08-15 P" },
    { "| Oct 24, 2023", "2023-10-24" },
    { "(Letztes Update: 06.10.2023)", "2023-10-06 U" },
    { "12. Januar 2022,", "2022-01-12" },
    { "/ 22.04.2020 / 06:15 /", "2020-04-22 06:15:00" },
    { "2014", "2014" },
    { "June 2014", "2014-06" },
    { "Tuesday 3 June 2014", "2014-06-03" },
    { "Posted by Jane Smith on June 3, 2014", "-" },
    { "Berlin, 3 June 2014", "-" },
    { "3 June 2014 news", "-" },
    { "The meeting on 3 June 2014", "-" },
    { "Mai 2017 (24)", "-" },
    { "19:31", "-" },
    { "Funday 3 June 2014", "-" },
    { "20191016", "-" },
    { "3 June 14:30", "-" },
    { "Published:", "-" },
    { "Updated 3 June 2014 | Updated 4 June 2014", "-" },
    { "", "-" },
    { "3 June 2014                                                                          "
      "                                                                                    "
      "                                    ", "-" },
};

/* date_scan(): the date at the start of a header; what follows is let be. */
static const struct {
    const char *in, *expected;
    size_t consumed;
} scan_cases[] = {
    { "Thu, 22 Aug 2002 18:26:25 +0700", "2002-08-22 18:26:25 +0700", 31 },
    { "Fri, 19 Jul 2002 09:42:07 -0400 AWL version=2.40", "2002-07-19 09:42:07 -0400", 31 },
    { "2002/09/14 Sat 02:29:32 CDT", "2002-09-14", 10 },
    { "Sat, 21 Sep 02 05:01:06 Greenwich Standard Time", "2002-09-21 05:01:06", 23 },
    { "Sun, 25 Aug 2002 19:21:44 01800", "2002-08-25 19:21:44", 25 },
    { "Thu, 15 Apr 1993 21:38:28 +1300 (NZDT)", "1993-04-15 21:38:28 +1300", 38 },
    { "2014-06-03T10:00:00+3000", "2014-06-03 10:00:00", 19 },
    { "  3 June 2014", "2014-06-03", 13 },
    { "3 June 2014.", "2014-06-03", 11 },
    { "Wed, 24 Jul 0102 21:48:06 +1200", "-", 0 },
    { "no date here", "-", 0 },
    { "", "-", 0 },
};

/* date_from_url(): a date in a URL's path. */
static const case_t url_cases[] = {
    { "https://www.example.com/2019/10/16/title", "2019-10-16" },
    { "https://example.com/news/2019/10/", "2019-10" },
    { "https://example.com/2019/10", "2019-10" },
    { "https://example.com/2019/43/title", "-" },
    { "https://example.com/2019-10-16-title", "2019-10-16" },
    { "http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm", "2012-06-04" },
    { "https://www.computerbase.de/2007-06/htc-touch/", "2007-06" },
    { "https://example.com/20191016/", "2019-10-16" },
    { "https://example.com/20191016-title", "2019-10-16" },
    { "https://example.com/20191332/", "-" },
    { "https://example.com/2019/13/01/", "-" },
    { "https://example.com/2019/02/30/", "2019-02" },
    { "https://example.com/0999/12/31/", "-" },
    { "https://2019.example.com/x", "-" },
    { "https://example.com/a?date=2019/10/16", "-" },
    { "https://example.com/a#/2019/10/16", "-" },
    { "https://web.archive.org/web/20080731095558/http://www.dimido.de/2008/07/29/was-ist",
      "2008-07-29" },
    { "/2019/10/16/title", "2019-10-16" },
    { "https://www.cnet.de/88130484/so-koennen", "-" },
    { "https://www.theverge.com/2019/7/3/20680681/ios-13", "2019-07-03" },
    { "", "-" },
    { "https://", "-" },
    { "///", "-" },
};

/* date_parse_iso(): exactly the stored form, the rule of date:, from, to. */
static const case_t iso_cases[] = {
    { "2014", "2014" },
    { "2014-06", "2014-06" },
    { "2014-06-03", "2014-06-03" },
    { "2024-02-29", "2024-02-29" },
    { "2014-6-3", "-" },
    { "2014-02-30", "-" },
    { "2014-13", "-" },
    { "2014-00", "-" },
    { "2014-06-00", "-" },
    { "0999", "-" },
    { "3000-01-01", "-" },
    { "2014-06-03T10:00", "-" },
    { " 2014", "-" },
    { "2014 ", "-" },
    { "20140603", "-" },
    { "2014/06/03", "-" },
    { "3 June 2014", "-" },
    { "", "-" },
};

static void test_rules(void)
{
    static const case_t english[] = {
        { "12. März 2015", "-" },
        { "3 June 2014", "2014-06-03" },
        { "Veröffentlicht am 3 June 2014", "-" },
    };
    static const case_t german[] = {
        { "12. März 2015", "2015-03-12" },
        { "Veröffentlicht am 12. März 2015", "2015-03-12 P" },
        { "3 June 2014", "2014-06-03" },           /* English is always read */
        { "Published: 3 June 2014", "2014-06-03 P" },
        { "3 juin 2014", "-" },
        { "Publié le 3 June 2014", "-" },
    };
    static const case_t finnish[] = {
        { "3 mar 2014", "2014-03-03" },            /* English first: March */
        { "3 marras 2014", "2014-11-03" },
        { "3. kesäkuuta 2014", "2014-06-03" },
    };
    static const case_t us_order[] = {
        { "03/06/2014", "2014-03-06" },
        { "27/12/2015", "2015-12-27" },            /* no 27th month: day first */
        { "03.06.2014", "2014-06-03" },            /* dots are always day first */
        { "03-06-2014", "2014-03-06" },
    };
    const date_rules_t en = { "english", 0 }, de = { "german", 0 }, fi = { "finnish", 0 },
                       us = { NULL, 1 }, porter = { "porter", 0 }, unknown = { "klingon", 0 };
    CHECK(READ_LINE, &en, " (english)", english);
    CHECK(READ_LINE, &de, " (german)", german);
    CHECK(READ_PARSE, &fi, " (finnish)", finnish);
    CHECK(READ_PARSE, &us, " (US order)", us_order);
    CHECK(READ_LINE, &porter, " (porter: English)", english);
    CHECK(READ_LINE, &unknown, " (unknown language: English)", english);
}

/* A date ends where its length says, whatever bytes follow in memory. */
static void test_length_bounds(void)
{
    static const struct {
        const char *buffer;
        size_t len;
        const char *expected;
    } cases[] = {
        { "2014-06-03", 7, "2014-06" },
        { "2014-06-03", 4, "2014" },
        { "3 June 2014", 10, "-" },
        { "June 2014 5", 9, "2014-06" },
        { "2014-06-031", 10, "2014-06-03" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[128], name[96];
        size_t consumed;
        run_reader(READ_PARSE, NULL, cases[i].buffer, cases[i].len, got, sizeof got, &consumed);
        snprintf(name, sizeof name, "parse: the first %zu bytes of '%s'", cases[i].len,
                 cases[i].buffer);
        is_str(got, cases[i].expected, name);
    }
}

static void test_scan(void)
{
    for (size_t i = 0; i < sizeof scan_cases / sizeof scan_cases[0]; i++) {
        char got[128], name[160];
        size_t consumed;
        run_reader(READ_SCAN, NULL, scan_cases[i].in, strlen(scan_cases[i].in), got, sizeof got,
                   &consumed);
        snprintf(name, sizeof name, "scan: '%s'", scan_cases[i].in);
        is_str(got, scan_cases[i].expected, name);
        snprintf(name, sizeof name, "scan: '%s' reads %zu bytes", scan_cases[i].in,
                 scan_cases[i].consumed);
        is_int((long)consumed, (long)scan_cases[i].consumed, name);
    }
}

static void test_format_and_slots(void)
{
    static const struct {
        date_t d;
        const char *text, *slot;
    } cases[] = {
        { { 2014, 6, 3, -1, 0, 0, 0, 0 }, "2014-06-03", "20140603" },
        { { 2014, 6, 0, -1, 0, 0, 0, 0 }, "2014-06", "20140600" },
        { { 2014, 0, 0, -1, 0, 0, 0, 0 }, "2014", "20140000" },
        { { 2014, 6, 3, 23, 59, 60, 1, -720 }, "2014-06-03", "20140603" },
        { { 2014, 0, 3, -1, 0, 0, 0, 0 }, "", "" },
        { { 2014, 2, 30, -1, 0, 0, 0, 0 }, "", "" },
        { { 2014, 13, 0, -1, 0, 0, 0, 0 }, "", "" },
        { { 999, 1, 1, -1, 0, 0, 0, 0 }, "", "" },
        { { 2014, 6, 3, 24, 0, 0, 0, 0 }, "", "" },
        { { 2014, 6, 0, 10, 0, 0, 0, 0 }, "", "" },   /* a time needs a day */
        { { 2014, 6, 3, -2, 0, 0, 0, 0 }, "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[DATE_TEXT_SIZE] = "x", slot[DATE_SLOT_SIZE] = "x", name[80];
        date_precision_t got = date_format(&cases[i].d, text);
        snprintf(name, sizeof name, "format %d-%d-%d %d h", cases[i].d.year, cases[i].d.month,
                 cases[i].d.day, cases[i].d.hour);
        is_str(text, cases[i].text, name);
        is_int(got, (long)(strlen(cases[i].text) == 10 ? DATE_DAY : strlen(cases[i].text) == 7 ?
                           DATE_MONTH : strlen(cases[i].text) == 4 ? DATE_YEAR : DATE_NONE),
               "  its precision");
        date_to_slot(&cases[i].d, slot);
        is_str(slot, cases[i].slot, "  its SLOT_DATE value");
    }

    static const case_t from_slot[] = {
        { "20140603", "2014-06-03" }, { "20140600", "2014-06" }, { "20140000", "2014" },
        { "20140003", "-" }, { "20140230", "-" }, { "2014060", "-" }, { "201406033", "-" },
        { "2014-6-3", "-" }, { "00000000", "-" },
    };
    for (size_t i = 0; i < sizeof from_slot / sizeof from_slot[0]; i++) {
        date_t d;
        char got[64], name[64];
        describe(date_from_slot(from_slot[i].in, strlen(from_slot[i].in), &d), &d,
                 DATE_LABEL_NONE, got, sizeof got);
        snprintf(name, sizeof name, "from slot '%s'", from_slot[i].in);
        is_str(got, from_slot[i].expected, name);
    }

    static const struct {
        const char *date, *lo, *hi;
    } bounds[] = {
        { "2014", "20140000", "20141231" },
        { "2014-06", "20140600", "20140631" },
        { "2014-06-03", "20140603", "20140603" },
    };
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        date_t d;
        char lo[DATE_SLOT_SIZE], hi[DATE_SLOT_SIZE], name[64];
        date_parse_iso(bounds[i].date, strlen(bounds[i].date), &d);
        date_slot_bounds(&d, lo, hi);
        snprintf(name, sizeof name, "slot bounds of %s: low", bounds[i].date);
        is_str(lo, bounds[i].lo, name);
        snprintf(name, sizeof name, "slot bounds of %s: high", bounds[i].date);
        is_str(hi, bounds[i].hi, name);
    }

    is_str(date_month_name(1), "January", "month name 1");
    is_str(date_month_name(12), "December", "month name 12");
    ok(date_month_name(0) == NULL && date_month_name(13) == NULL, "no month 0 or 13");
}

/* Every name in date-names.c is read, in its language: a name that is not
 * written folded (lower case, no accents) would never match. */
static void test_name_tables(void)
{
    size_t languages = 0, failed = 0, names = 0;
    for (const date_language_t *l = date_languages; l->language; l++, languages++) {
        const date_rules_t rules = { l->language, 0 };
        char in[160], expect[32];
        date_t d;
        date_label_t label;
        for (int m = 0; m < 12; m++)
            for (int f = 0; f < DATE_NAME_FORMS && l->months[m][f]; f++, names++) {
                snprintf(in, sizeof in, "3 %s 2014", l->months[m][f]);
                snprintf(expect, sizeof expect, "2014-%02d-03", m + 1);
                char got[DATE_TEXT_SIZE] = "";
                if (date_parse(in, strlen(in), &rules, &d))
                    date_format(&d, got);
                if (strcmp(got, expect) != 0 && ++failed)
                    printf("# %s: '%s' is '%s'\n", l->language, in, got);
            }
        for (int w = 0; w < 7; w++)
            for (int f = 0; f < DATE_NAME_FORMS && l->weekdays[w][f]; f++, names++) {
                snprintf(in, sizeof in, "%s 3 June 2014", l->weekdays[w][f]);
                if (date_parse(in, strlen(in), &rules, &d) != DATE_DAY && ++failed)
                    printf("# %s: '%s' is no date\n", l->language, in);
            }
        for (const date_label_name_t *lab = l->labels; lab->words; lab++, names++) {
            snprintf(in, sizeof in, "%s 3 June 2014", lab->words);
            if ((date_parse_line(in, strlen(in), &rules, &d, &label) != DATE_DAY ||
                 label != lab->kind) && ++failed)
                printf("# %s: '%s' is no date line, or not of its kind\n", l->language, in);
        }
    }
    ok(languages > 0 && languages <= 32, "%zu languages (at most 32: a bit each)", languages);
    ok(failed == 0, "all %zu names of date-names.c are read (%zu not)", names, failed);
}

/* Reads RULES ("*", "german", "*,us") into *R; LANGUAGE holds the name. */
static void parse_rules(const char *text, date_rules_t *r, char *language, size_t size)
{
    const char *comma = strchr(text, ',');
    size_t n = comma ? (size_t)(comma - text) : strlen(text);
    snprintf(language, size, "%.*s", (int)n, text);
    r->language = strcmp(language, "*") == 0 ? NULL : language;
    r->month_first = comma && strcmp(comma, ",us") == 0;
}

/* The real dates: one check per row of tests/data/dates-real.tsv. */
static void test_real_dates(void)
{
    const char *srcdir = getenv("TRAWL_SRCDIR");
    char path[4096], line[8192];
    FILE *fp;
    size_t rows = 0;

    if (srcdir == NULL) {
        printf("ok %d # SKIP TRAWL_SRCDIR is not set\n", ++tap_count);
        return;
    }
    snprintf(path, sizeof path, "%s/tests/data/dates-real.tsv", srcdir);
    if ((fp = fopen(path, "r")) == NULL) {
        ok(0, "cannot open %s", path);
        return;
    }
    while (fgets(line, sizeof line, fp)) {
        char *field[4], *p = line, language[64], got[128], name[200];
        size_t n = strlen(line), consumed;
        date_rules_t rules;
        reader_t reader;
        int k;

        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        for (k = 0; k < 4 && p; k++) {
            field[k] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (k < 4 || p) {
            ok(0, "dates-real.tsv: a row without four fields: '%s'", line);
            continue;
        }
        for (reader = READ_PARSE; reader <= READ_ISO; reader++)
            if (strcmp(field[0], reader_names[reader]) == 0)
                break;
        if (reader > READ_ISO) {
            ok(0, "dates-real.tsv: no reader '%s'", field[0]);
            continue;
        }
        parse_rules(field[1], &rules, language, sizeof language);
        run_reader(reader, &rules, field[2], strlen(field[2]), got, sizeof got, &consumed);
        snprintf(name, sizeof name, "real %s: '%.150s'", field[0], field[2]);
        is_str(got, field[3], name);
        rows++;
    }
    fclose(fp);
    ok(rows >= 500, "dates-real.tsv has %zu rows", rows);
}

int main(void)
{
    CHECK(READ_PARSE, NULL, " (article)", article_cases);
    CHECK(READ_PARSE, NULL, "", parse_cases);
    CHECK(READ_LINE, NULL, "", line_cases);
    CHECK(READ_URL, NULL, "", url_cases);
    CHECK(READ_ISO, NULL, "", iso_cases);
    test_scan();
    test_rules();
    test_length_bounds();
    test_format_and_slots();
    test_name_tables();
    test_real_dates();
    return tap_done();
}
