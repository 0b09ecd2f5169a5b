/* html-pubdate.c: which of the dates a page shows is its publication date.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A page holds many dates: its own publication and modification, the
 * dates of comments, of teasers for other articles, of the cookie notice's
 * expiry.  The sources, in order of trust: JSON-LD datePublished, the
 * <meta> tags that name a publication date, itemprop="datePublished" and
 * <time> elements nearest the headline, the <meta> tags that name some
 * date ("date", "dc.date"), a date in the URL's path, a short line near
 * the headline that holds a full date.  Two corrections follow.  A
 * date stated as a UTC time near midnight may be the day before or after
 * the publication's own (local) date: when another source gives that
 * neighbouring day in local terms, it wins.  A partial date (a URL's
 * /2019/10/) is completed by another source's full date of that month.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdio.h>

#include "html-internal.h"
#include "utf8.h"

/* Blocks before and after the headline searched for <time> elements and
 * date lines: a story's header (kicker, byline, date, share bar) fits,
 * teasers further down do not. */
#define DATE_BLOCKS_BEFORE 8
#define DATE_BLOCKS_AFTER 25
/* A date line is short: "Von Jane Doe | 16.10.2019, 08:12 Uhr | 3 Kommentare". */
#define DATE_LINE_MAX_CHARS 120
/* When nothing dates the page near its headline: how far to look. */
#define DATE_WIDE_BEFORE 40
#define DATE_WIDE_AFTER 120
/* Blocks from the headline within which a date line is its date line: a
 * story's header (headline, standfirst, byline, date, share bar). */
#define DATE_LINE_ADJACENT 5
/* A dateline opens a paragraph within its first bytes: "BERLIN, 16.10.2019 -",
 * "Pressemitteilung vom 25. Januar 2022 |" (36 bytes to the year's end). */
#define DATELINE_BYTES 40
/* A date that opens a headline, "27.01.2022 Monthly figures", within its
 * first bytes is its kicker. */
#define HEADLINE_KICKER_BYTES 20
/* A date line beside the headline is one of a few words ("Von Jane Doe |
 * 16.10.2019 | 3 Kommentare"); more make it the story's first sentence,
 * whose date is that of the events told ("Am 31.10.2023 kam es zu ..."). */
#define DATE_LINE_MAX_WORDS 12

typedef struct {
    char date[11];          /* "YYYY-MM-DD", "YYYY-MM", "YYYY"; "" if none */
    int utc;                /* stated as a UTC time of day */
    int hour;               /* that time's hour */
    long block;             /* the date line's block, or -1 */
    int adjacent;           /* a date line right beside the headline */
    char other[11];         /* the other reading of an ambiguous 11/01/2021, or "" */
} candidate_t;

/* Days since 1970-01-01 of a full date (Howard Hinnant's days_from_civil). */
static long days_of(const char *date)
{
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Whether a date cannot be a publication date: after tomorrow (a cookie
 * notice's expiry, a placeholder "2099"), or the Unix epoch (a zero
 * timestamp shown as a date). */
static int is_implausible(const char *date)
{
    if (strlen(date) != 10)
        return 0;
    long days = days_of(date);
    return days == 0 || days > (long)(time(NULL) / 86400) + 1;
}

/* The hour of a UTC time of day that S ends with, or -1: ISO 8601
 * ("...T22:04:00Z", "+00:00", "+0000") or as mail and HTTP write it
 * ("Wed, 04 May 2022 00:25:56 GMT", "... 00:25 UTC"). */
static int utc_hour(const char *s)
{
    size_t n = strlen(s);
    const char *t = strchr(s, 'T');
    if (t && t[1] >= '0' && t[1] <= '2' && t[2] >= '0' && t[2] <= '9'
        && (s[n - 1] == 'Z' || (n >= 6 && (strcmp(s + n - 6, "+00:00") == 0
                                           || strcmp(s + n - 5, "+0000") == 0))))
        return (t[1] - '0') * 10 + (t[2] - '0');
    if (n < 9 || (strcmp(s + n - 4, " GMT") != 0 && strcmp(s + n - 4, " UTC") != 0))
        return -1;
    /* "HH:MM" or "HH:MM:SS" just before the zone. */
    const char *end = s + n - 4, *h = end - 5;
    if (end - s >= 8 && end[-3] == ':' && end[-6] == ':')
        h = end - 8;
    if (h < s || h[2] != ':' || h[0] < '0' || h[0] > '2' || h[1] < '0' || h[1] > '9'
        || (h > s && h[-1] != ' '))
        return -1;
    return (h[0] - '0') * 10 + (h[1] - '0');
}

/* Two to four digits at S as a number, or -1; *N gets the digit count. */
static int digits(const char *s, int *n)
{
    int v = 0, k = 0;
    while (k < 8 && s[k] >= '0' && s[k] <= '9')
        v = v * 10 + (s[k++] - '0');
    *n = k;
    return k ? v : -1;
}

/* When S's date DATE was read from numbers that may be either day/month
 * or month/day ("11/01/2021": 11 January in Europe, November 1 in the
 * US), the other reading in OTHER; else "" there. */
static void other_reading(const char *s, const char *date, char other[11])
{
    other[0] = '\0';
    if (strlen(date) != 10)
        return;
    for (const char *q = s; *q; q++) {
        int n1, n2, n3, a, b, y;
        if (q > s && q[-1] >= '0' && q[-1] <= '9')
            continue;
        if ((a = digits(q, &n1)) < 0 || n1 > 2 || q[n1] != '/'
            || (b = digits(q + n1 + 1, &n2)) < 0 || n2 > 2 || q[n1 + 1 + n2] != '/'
            || (y = digits(q + n1 + n2 + 2, &n3)) < 0 || n3 != 4)
            continue;
        int m = atoi(date + 5), d = atoi(date + 8);
        if (a >= 1 && a <= 12 && b >= 1 && b <= 12 && a != b && y == atoi(date)
            && ((m == a && d == b) || (m == b && d == a)))
            snprintf(other, 11, "%04d-%02d-%02d", y % 10000, d, m);
        return;
    }
}

/* Reads S as a date into C (if C has none yet and S holds a plausible
 * one), noting whether S states a UTC time (utc_hour()). */
static int take(candidate_t *c, const char *s)
{
    char date[11];
    if (c->date[0] || s == NULL || !page_date_parse(s, strlen(s), date) || is_implausible(date))
        return 0;
    memcpy(c->date, date, sizeof date);
    other_reading(s, date, c->other);
    int hour = utc_hour(s);
    c->utc = hour >= 0;
    c->hour = c->utc ? hour : 0;
    return 1;
}

/* <meta> names that state the publication date, most specific first. */
static const char *const published_metas[] = {
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "datepublished", "published_time", "publish_date", "publish-date",
    "publishdate", "pubdate", "publication_date", "date.published", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "article.published", "originalpublicationdate", "datecreated",
    "release_date",
};
/* Names that state some date of the page, often its last change: trusted
 * less than a <time> in the story's header. */
static const char *const other_metas[] = { "date", "dc.date", "dcterms.date" };

static void meta_dates(const page_t *p, const char *const *names, size_t count, candidate_t *c)
{
    for (size_t k = 0; k < count && !c->date[0]; k++)
        for (size_t i = 0; i < p->meta_count && !c->date[0]; i++)
            if (strcasecmp(p->metas[i].name, names[k]) == 0)
                take(c, p->metas[i].content);
}

/* Whether element E sits in the story's own side column: under the
 * main content (not the whole <body>), or under the <article> that holds
 * the headline too (<aside class="meta"> with its date). */
static int in_story_column(const page_t *p, const page_element_t *e)
{
    int i = (int)(e - p->elements);
    if (p->root >= 0 && p->elements[p->root].tag != TAG_BODY
        && !(p->elements[p->root].believed & HINT_SIDEBAR) && page_is_ancestor(p, p->root, i))
        return 1;
    int a = e->parent;
    while (a >= 0 && p->elements[a].tag != TAG_ARTICLE)
        a = p->elements[a].parent;
    return a >= 0 && p->heading >= 0 && !(p->elements[a].believed & HINT_SIDEBAR)
        && page_is_ancestor(p, a, p->heading);
}

/* Where a date can be the story's: not in comments, menus, sidebars,
 * footers or hidden parts.  A side column of the story itself (its
 * credits: "Mise en ligne 23 mai 2019") is the story's. */
static int dates_story(const page_t *p, const page_element_t *e)
{
    unsigned bad = HINT_COMMENTS | HINT_SIDEBAR | HINT_NAV | HINT_HIDDEN;
    if ((e->believed & HINT_SIDEBAR) && in_story_column(p, e))
        bad &= ~HINT_SIDEBAR;
    return !(e->believed & bad);
}

/* How far block B is from the headline's block H: after it counts as
 * nearer than before it (a date line follows the headline more often). */
static long distance(size_t b, size_t h)
{
    return b >= h ? (long)(b - h) * 2 : (long)(h - b) * 3;
}

/* Reads element E's date: its datetime or content attribute, else its
 * text when that is short. */
static void element_date(const page_element_t *e, candidate_t *c)
{
    if (take(c, page_attr(e->node, "datetime")) || take(c, page_attr(e->node, "content")))
        return;
    buf_t text = BUF_INIT;
    page_node_text(e->node, &text, DATE_LINE_MAX_CHARS + 1);
    if (text.len <= DATE_LINE_MAX_CHARS)
        take(c, text.data);
    buf_free(&text);
}

/* The first itemprop="datePublished" (or dateCreated) element of the
 * story; else the <time> element nearest the headline (at block H) in the
 * story's header, one that says it is a modification (itemprop
 * "dateModified", a class "modified" or "updated" without "published")
 * left out. */
static void element_dates(const page_t *p, size_t h, candidate_t *c)
{
    for (size_t k = 0; k < p->marked_count && !c->date[0]; k++) {
        const page_element_t *e = &p->elements[p->marked[k]];
        const char *prop = page_attr(e->node, "itemprop"), *cls = page_attr(e->node, "class");
        int published = (prop && (strcasecmp(prop, "datePublished") == 0
                                  || strcasecmp(prop, "dateCreated") == 0))
                     || (e->tag == TAG_TIME && (page_attr(e->node, "pubdate")
                                                || page_contains_ci(cls, "published")));
        if (published && dates_story(p, e))
            element_date(e, c);
    }
    long best = -1;
    candidate_t nearest = { "", 0, 0, -1, 0, "" };
    for (size_t k = 0; k < p->marked_count && !c->date[0]; k++) {
        const page_element_t *e = &p->elements[p->marked[k]];
        const char *prop = page_attr(e->node, "itemprop"), *cls = page_attr(e->node, "class");
        size_t b = e->first_block;
        if (e->tag != TAG_TIME || !dates_story(p, e) || b + DATE_BLOCKS_BEFORE < h
            || b > h + DATE_BLOCKS_AFTER || (best >= 0 && distance(b, h) >= best))
            continue;
        if ((prop && strcasecmp(prop, "dateModified") == 0)
            || ((page_contains_ci(cls, "modified") || page_contains_ci(cls, "updated"))
                && !page_contains_ci(cls, "published")))
            continue;
        candidate_t here = { "", 0, 0, -1, 0, "" };
        element_date(e, &here);
        if (here.date[0]) {
            best = distance(b, h);
            nearest = here;
        }
    }
    if (!c->date[0] && best >= 0)
        *c = nearest;
    /* Else the first <time> of the story itself. */
    for (size_t k = 0; k < p->marked_count && !c->date[0] && p->root >= 0; k++) {
        const page_element_t *e = &p->elements[p->marked[k]];
        const page_element_t *r = &p->elements[p->root];
        if (e->tag == TAG_TIME && dates_story(p, e) && e->first_block >= r->first_block
            && e->first_block < r->end_block)
            element_date(e, c);
    }
}

/* A date in the URL's path: /2019/10/16/, /2019/7/12/, /2019-10-16-title,
 * /20191016/, or only /2019/10/ (partial). */
static void url_date(const char *url, candidate_t *c)
{
    const char *path = url ? strstr(url, "://") : NULL;
    path = path ? strchr(path + 3, '/') : url;
    for (const char *s = path; s && *s && !c->date[0]; s++) {
        if (*s != '/')
            continue;
        int n, y = digits(s + 1, &n), m, d, k;
        char iso[40];
        if (n == 8 && (s[9] == '/' || s[9] == '-' || s[9] == '_' || s[9] == '.' || !s[9])) {
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", y / 10000, y / 100 % 100, y % 100);
            take(c, iso);
            continue;
        }
        /* /29-10-2021, /29.10.2021 (day first, as Europe writes it) */
        if ((n == 1 || n == 2) && (s[1 + n] == '-' || s[1 + n] == '.')) {
            char sep0 = s[1 + n];
            int k1, k2, mo = digits(s + 2 + n, &k1);
            const char *yp = s + 2 + n + k1;
            int yr = *yp == sep0 ? digits(yp + 1, &k2) : -1;
            if (k1 >= 1 && k1 <= 2 && yr >= 1990 && k2 == 4
                && (yp[5] == '/' || yp[5] == '-' || yp[5] == '.' || yp[5] == '_' || !yp[5])) {
                snprintf(iso, sizeof iso, "%04d-%02d-%02d", yr, mo, y);
                take(c, iso);
            }
            continue;
        }
        if (n != 4 || y < 1990)
            continue;
        char sep = s[5];
        if (sep != '/' && sep != '-' && sep != '_')
            continue;
        m = digits(s + 6, &k);
        if (k < 1 || k > 2 || m < 1 || m > 12)
            continue;
        const char *after = s + 6 + k;
        if (*after != sep && *after != '/' && *after != '\0')
            continue;
        d = *after == sep ? digits(after + 1, &k) : -1;
        if (d >= 1 && d <= 31 && k <= 2 && (after[1 + k] == sep || after[1 + k] == '/' || after[1 + k] == '-'
                                 || after[1 + k] == '_' || after[1 + k] == '.' || !after[1 + k]))
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        else
            snprintf(iso, sizeof iso, "%04d-%02d", y, m);
        take(c, iso);
    }
}

/* The hAtom microformat's dates (<abbr class="published" title="2012-08-22T09:43:41+0100">,
 * <span class="updated" title="...">), the published one first: old blog
 * themes state their date nowhere else. */
static void hatom_date(const page_t *p, candidate_t *c)
{
    static const char *const classes[] = { "published", "updated" };
    for (size_t k = 0; k < 2 && !c->date[0]; k++)
        for (size_t i = 0; i < p->element_count && !c->date[0]; i++) {
            const page_element_t *e = &p->elements[i];
            const char *title = page_attr(e->node, "title");
            if (title && title[0] >= '1' && title[0] <= '2'
                && page_contains_ci(page_attr(e->node, "class"), classes[k]) && dates_story(p, e))
                take(c, title);
        }
}

/* The longest date string read from a script's JSON. */
#define SCRIPT_DATE_MAX 40

/* A publication date that only a script's data states (a web app's state,
 * a shop's product JSON: "publishedDate":"2016-11-04T20:37:27Z"), for a
 * page that shows none: the first of the keys below, in their order. */
static void script_date(const page_t *p, candidate_t *c)
{
    static const char *const keys[] = {
        "\"datePublished\"", "\"publishedDate\"", "\"publishDate\"", "\"publicationDate\"",
        "\"published_at\"", "\"publishedAt\"", "\"date_published\"", "\"firstPublished\"",
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0] && !c->date[0]; k++)
        for (size_t i = 0; i < p->element_count && !c->date[0]; i++) {
            const xmlNode *n = p->elements[i].node;
            if (p->elements[i].tag != TAG_SCRIPT || n->children == NULL
                || n->children->content == NULL)
                continue;
            const char *v = strstr((const char *)n->children->content, keys[k]);
            if (v == NULL)
                continue;
            v += strlen(keys[k]);
            v += strspn(v, " \t\n:");
            if (*v != '"')
                continue;
            size_t len = strcspn(++v, "\"\\");
            if (len < SCRIPT_DATE_MAX) {
                char value[SCRIPT_DATE_MAX];
                memcpy(value, v, len);
                value[len] = '\0';
                take(c, value);
            }
        }
}

static const char *line_text(const page_t *p, const page_block_t *b)
{
    return p->text.data + b->offset;
}

/* Whether a date line says it dates a change: "Updated", "Aktualisiert". */
static int says_update(const char *line)
{
    static const char *const words[] = {
        "update", "aktualisiert", "geändert", "änderung", "modified", "mis à jour",
        "actualizado", "aggiornato", "bijgewerkt", "edited", "bearbeitet",
    };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (page_contains_ci(line, words[k]))
            return 1;
    return 0;
}

/* Whether a line dates something other than the page: a member's
 * registration in a forum's post header ("Registriert: 18.09.2008",
 * "Joined: Sep 2008"), or an event it announces ("Termin: 21.02.2020"). */
static int dates_other(const char *line)
{
    static const char *const words[] = {
        "registriert", "registered", "joined", "member since", "mitglied seit",
        "dabei seit", "inscrit", "termin:", "event date",
    };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (page_contains_ci(line, words[k]))
            return 1;
    return 0;
}

/* Whether block B is the headline's own text and the date is not its
 * kicker: "Minutes of the meeting of 10 October 2019" names a date, but
 * not the page's; "27.01.2022 Monthly figures" opens with it. */
static int in_headline(const page_t *p, int heading, size_t b)
{
    if (heading < 0 || b < p->elements[heading].first_block
        || b >= p->elements[heading].end_block)
        return 0;
    const page_block_t *k = &p->blocks[b];
    char date[11];
    return !page_date_parse(line_text(p, k), utf8_cut(line_text(p, k), k->len, HEADLINE_KICKER_BYTES),
                            date);
}

/* Whether element E or its parent says by its class that it holds a date
 * of change ("updated", "modified"; not "published"), as date lines in
 * WordPress themes do: <span class="updated">. */
static int says_update_class(const page_t *p, int e)
{
    for (int k = 0; k < 2 && e >= 0; k++, e = p->elements[e].parent) {
        const char *cls = page_attr(p->elements[e].node, "class");
        if ((page_contains_ci(cls, "updated") || page_contains_ci(cls, "modified"))
            && !page_contains_ci(cls, "published"))
            return 1;
    }
    return 0;
}

/* A short block near the headline (at block H) that holds a date, nearest
 * first: "16. Oktober 2019", "Published: Oct 16, 2019 08:00". */
static void date_line(const page_t *p, int heading, size_t h, size_t before, size_t after,
                      candidate_t *c)
{
    size_t from = h > before ? h - before : 0;
    long best = -1;
    for (size_t i = from; i < p->block_count && i <= h + after; i++) {
        const page_block_t *b = &p->blocks[i];
        long d = distance(i, h);
        if ((best >= 0 && d >= best) || !dates_story(p, &p->elements[b->element]))
            continue;
        /* A short line, or a dateline opening a paragraph ("01.02.2022 -
         * The council ..."). */
        size_t len = b->chars <= DATE_LINE_MAX_CHARS ? b->len
                   : utf8_cut(p->text.data + b->offset, b->len, DATELINE_BYTES);
        candidate_t here = { "", 0, 0, b->chars <= DATE_LINE_MAX_CHARS ? (long)i : -1, 0, "" };
        char *line = xstrndup(p->text.data + b->offset, len);
        if (!dates_other(line))
            take(&here, line);
        free(line);
        /* "Oktober 2019" on its own is a heading's or an archive's date */
        if (strlen(here.date) == 10) {
            here.adjacent = here.block >= 0 && b->words <= DATE_LINE_MAX_WORDS
                         && !in_headline(p, heading, i)
                         && (i >= h ? i - h : h - i) <= DATE_LINE_ADJACENT
                         && !says_update(line_text(p, b)) && !says_update_class(p, b->element);
            *c = here;
            best = d;
        }
    }
}

/* Whether date A (in UTC, at hour HOUR) may be local date B seen from
 * another time zone: the next day for a time from 20:00 (in Europe,
 * Africa and Asia it is already tomorrow), the day before for one before
 * 08:00 (in the Americas it is still yesterday). */
static int local_neighbour(const char *a, int hour, const char *b)
{
    if (strlen(a) != 10 || strlen(b) != 10)
        return 0;
    long diff = days_of(b) - days_of(a);
    return (diff == 1 && hour >= 20) || (diff == -1 && hour < 8);
}

void page_publication_date(const page_t *p, int heading, const char *jsonld_date,
                           const char *url, const char *given_url, const char *path,
                           char out[11], long *date_block)
{
    enum { LD, META, ELEMENT, OTHER_META, URL, GIVEN_URL, PATH, LINE, SOURCES };
    candidate_t c[SOURCES];
    size_t h = heading >= 0 ? p->elements[heading].first_block
             : p->root >= 0 ? p->elements[p->root].first_block : 0;
    memset(c, 0, sizeof c);
    for (int k = 0; k < SOURCES; k++)
        c[k].block = -1;
    take(&c[LD], jsonld_date);
    meta_dates(p, published_metas, sizeof published_metas / sizeof published_metas[0], &c[META]);
    element_dates(p, h, &c[ELEMENT]);
    meta_dates(p, other_metas, sizeof other_metas / sizeof other_metas[0], &c[OTHER_META]);
    url_date(url, &c[URL]);
    url_date(given_url, &c[GIVEN_URL]);
    url_date(path, &c[PATH]);
    date_line(p, heading, h, DATE_BLOCKS_BEFORE, DATE_BLOCKS_AFTER, &c[LINE]);

    int first = 0;
    while (first < SOURCES && !c[first].date[0])
        first++;
    /* Nothing near the headline: a date line anywhere in the page's
     * first part, the nearest to the headline first. */
    if (first == SOURCES) {
        hatom_date(p, &c[LINE]);
        if (!c[LINE].date[0])
            date_line(p, heading, h, DATE_WIDE_BEFORE, DATE_WIDE_AFTER, &c[LINE]);
        if (!c[LINE].date[0])
            script_date(p, &c[LINE]);
        c[LINE].adjacent = 0;
        c[LINE].block = -1;
        if (c[LINE].date[0])
            first = LINE;
    }
    out[0] = '\0';
    *date_block = -1;
    if (first == SOURCES)
        return;
    const candidate_t *pick = &c[first];
    /* The date printed beside the headline is the one its readers (and
     * their citations) see: where it is a full date and does not say it
     * is an update, it wins over what the page states for machines (in
     * the html-eval corpus it is the annotated date in 19 of the 22 pages
     * where the two disagree). */
    if (c[LINE].date[0] && c[LINE].adjacent && strlen(c[LINE].date) == 10)
        pick = &c[LINE];
    /* An ambiguous 11/01/2021 is read as another source dates the page. */
    for (int k = 0; k < SOURCES && pick->other[0]; k++)
        if (strcmp(c[k].date, pick->other) == 0) {
            pick = &c[k];
            break;
        }
    for (int k = first + 1; k < SOURCES; k++) {
        const candidate_t *o = &c[k];
        if (!o->date[0] || o->utc)
            continue;
        if (pick->utc && local_neighbour(pick->date, pick->hour, o->date)) {
            pick = o;
            break;
        }
        if (strlen(pick->date) < 10 && strlen(o->date) == 10
            && strncmp(pick->date, o->date, strlen(pick->date)) == 0) {
            pick = o;
            break;
        }
    }
    memcpy(out, pick->date, 11);
    /* The date line is metadata, not story, whichever source dated it. */
    if (c[LINE].date[0] && strcmp(c[LINE].date, out) == 0)
        *date_block = c[LINE].block;
}
