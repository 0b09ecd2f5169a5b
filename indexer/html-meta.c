/* html-meta.c: a page's headline, date, byline, publication and URL.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each field has sources in order of trust: what the page states for
 * machines (JSON-LD, <meta>, microdata, <link rel>), then what its story's
 * header shows (the <h1>, a <time>, a "By ..." line), then what the URL
 * says.  The first source that gives a usable value wins.
 */
#include <stdlib.h>
#include <string.h>

#include "html-internal.h"
#include "utf8.h"

/* Bytes of text read from one element for a field. */
#define FIELD_TEXT_MAX 1024
/* A byline longer than this is a sentence or a list, not names. */
#define BYLINE_MAX_CHARS 100
/* A visible date line: how far after the headline it is looked for, and
 * how long it may be. */
#define DATE_LINE_BLOCKS 12
#define DATE_LINE_MAX_CHARS 100

/* ------------------------------------------------------------ helpers */

static char *fold_dup(const char *s, size_t len)
{
    buf_t b = BUF_INIT;
    page_fold_text(s, len, &b);
    char *r = b.len && !b.failed ? buf_detach(&b) : NULL;
    buf_free(&b);
    return r;
}

/* The folded text of element INDEX, or NULL when it has none. */
static char *element_text(const page_t *p, int index)
{
    buf_t b = BUF_INIT;
    page_node_text(p->elements[index].node, &b, FIELD_TEXT_MAX);
    char *r = b.len && !b.failed ? buf_detach(&b) : NULL;
    buf_free(&b);
    return r;
}

/* The content of the first <meta> named any of NAMES (in the order of
 * NAMES, then of the page), folded; NULL if none has text. */
static char *meta_value(const page_t *p, const char *const *names, size_t count)
{
    for (size_t k = 0; k < count; k++)
        for (size_t i = 0; i < p->meta_count; i++)
            if (strcasecmp(p->metas[i].name, names[k]) == 0) {
                char *v = fold_dup(p->metas[i].content, strlen(p->metas[i].content));
                if (v)
                    return v;
            }
    return NULL;
}

/* Compares A and B ignoring ASCII case, white space and punctuation:
 * "Lotte Tobisch ist tot" = "LOTTE TOBISCH IST TOT!". */
static int same_text(const char *a, const char *b)
{
    size_t i = 0, j = 0, na = strlen(a), nb = strlen(b);
    for (;;) {
        while (i < na && (unsigned char)a[i] < 0x80 && !((a[i] >= '0' && a[i] <= '9')
               || ((a[i] | 0x20) >= 'a' && (a[i] | 0x20) <= 'z')))
            i++;
        while (j < nb && (unsigned char)b[j] < 0x80 && !((b[j] >= '0' && b[j] <= '9')
               || ((b[j] | 0x20) >= 'a' && (b[j] | 0x20) <= 'z')))
            j++;
        if (i >= na || j >= nb)
            return i >= na && j >= nb;
        char ca = a[i], cb = b[j];
        if ((unsigned char)ca < 0x80)
            ca = (char)(ca >= 'A' && ca <= 'Z' ? ca + 32 : ca);
        if ((unsigned char)cb < 0x80)
            cb = (char)(cb >= 'A' && cb <= 'Z' ? cb + 32 : cb);
        if (ca != cb)
            return 0;
        i++, j++;
    }
}

/* The host of URL ("https://www.example.org:80/x" gives "example.org"),
 * written to OUT (at most SIZE - 1 bytes); 0 if URL has none. */
static int url_host(const char *url, char *out, size_t size)
{
    const char *s = url ? strstr(url, "://") : NULL;
    if (s == NULL || size == 0)
        return 0;
    s += 3;
    size_t n = strcspn(s, "/:?#");
    if (n >= 4 && strncasecmp(s, "www.", 4) == 0)
        s += 4, n -= 4;
    if (n == 0 || n >= size)
        return 0;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    out[n] = '\0';
    return 1;
}

/* ------------------------------------------------------------ title */

/* Separators between a headline and the site's name in <title> and
 * og:title. */
static const char *const title_separators[] = {
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " // ", " • ", " : ", " ~ ",
};

/* Whether PART names the site: equal to its stated name, or to its host
 * without the top-level domain ("example" of "example.org"), in letters. */
static int names_site(const char *part, size_t len, const char *site, const char *host)
{
    char *p = fold_dup(part, len);
    int yes = 0;
    if (p == NULL)
        return 0;
    if (site && (same_text(p, site) || strstr(site, p) || strstr(p, site)))
        yes = 1;
    if (!yes && host[0]) {
        char label[128];
        size_t n = strcspn(host, ".");
        const char *dot = strrchr(host, '.');
        /* The label before the top-level domain: "sub.example.co.uk" has
         * several; any of them whole, or the host itself, will do. */
        if (same_text(p, host))
            yes = 1;
        for (const char *h = host; !yes && *h; h += n + (h[n] == '.'), n = strcspn(h, ".")) {
            if (h + n == dot + 1 + strlen(dot + 1) || n < 3 || n >= sizeof label)
                continue;
            memcpy(label, h, n);
            label[n] = '\0';
            yes = same_text(p, label);
            if (!yes) {   /* "Example News" for example-news.org or examplenews.org */
                char squeezed[128];
                size_t k = 0;
                for (const char *c = p; *c && k + 1 < sizeof squeezed; c++)
                    if (((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z') || (*c >= '0' && *c <= '9'))
                        squeezed[k++] = (char)(*c | 0x20);
                squeezed[k] = '\0';
                char host_letters[128];
                size_t m = 0;
                for (size_t c = 0; c < n && m + 1 < sizeof host_letters; c++)
                    if (label[c] != '-')
                        host_letters[m++] = label[c];
                host_letters[m] = '\0';
                yes = k >= 3 && strcmp(squeezed, host_letters) == 0;
            }
        }
    }
    free(p);
    return yes;
}

/* TITLE without the site's name before or after it ("Headline | Site",
 * "Site - Headline", "Headline - Section - Site"), in place.  A part is
 * the site's name when it names the site (names_site()), or when the rest
 * is the page's headline HEADLINE (may be NULL). */
static void strip_site_name(char *title, const char *site, const char *host, const char *headline)
{
    for (int round = 0; round < 3; round++) {
        int cut = 0;
        for (size_t k = 0; !cut && k < sizeof title_separators / sizeof title_separators[0]; k++) {
            const char *sep = title_separators[k];
            size_t sl = strlen(sep);
            char *first = strstr(title, sep), *last = first;
            if (first == NULL)
                continue;
            for (char *f = strstr(first + 1, sep); f; f = strstr(f + 1, sep))
                last = f;
            char *head = fold_dup(title, (size_t)(last - title));
            int head_is_headline = headline && head && same_text(head, headline);
            free(head);
            if (head_is_headline || names_site(last + sl, strlen(last + sl), site, host)) {
                *last = '\0';
                cut = 1;
            } else if ((headline && same_text(first + sl, headline))
                       || names_site(title, (size_t)(first - title), site, host)) {
                memmove(title, first + sl, strlen(first + sl) + 1);
                cut = 1;
            }
        }
        if (!cut)
            return;
    }
}

/* The page's <h1> that heads its story: the first one inside the main
 * content, else the last one before it, else the first one outside
 * boilerplate.  Returns its element, or -1. */
static int main_heading(const page_t *p)
{
    int inside = -1, before = -1, any = -1;
    for (size_t k = 0; k < p->marked_count; k++) {
        int i = p->marked[k];
        const page_element_t *e = &p->elements[i];
        if (e->tag != TAG_H1 || (e->inherited & HINT_HIDDEN) || e->end_block == e->first_block)
            continue;
        if (p->root >= 0 && page_is_ancestor(p, p->root, i)) {
            if (inside < 0)
                inside = i;
        } else if (p->root >= 0 && i < p->root && !page_is_ancestor(p, i, p->root)) {
            before = i;
        }
        if (any < 0 && !(e->inherited & (HINT_NAV | HINT_FOOTER | HINT_SIDEBAR | HINT_RELATED)))
            any = i;
    }
    return inside >= 0 ? inside : before >= 0 ? before : any;
}

static char *find_title(page_t *p, const jsonld_t *ld, const char *site, const char *host,
                        int *heading)
{
    static const char *const og[] = { "og:title", "twitter:title", "dc.title", "headline" };
    *heading = main_heading(p);
    char *h1 = *heading >= 0 ? element_text(p, *heading) : NULL;
    char *t = ld->headline ? strdup(ld->headline) : NULL;
    if (t == NULL)
        t = meta_value(p, og, sizeof og / sizeof og[0]);
    if (t)
        strip_site_name(t, site, host, h1);
    if (t == NULL && h1) {
        t = h1;
        h1 = NULL;
    }
    if (t == NULL && p->title_element >= 0) {
        t = element_text(p, p->title_element);
        if (t)
            strip_site_name(t, site, host, h1);
    }
    free(h1);
    return t;
}

/* ------------------------------------------------------------- date */

/* <meta> names that state the publication date, most specific first. */
static const char *const date_metas[] = {
    "article:published_time", "og:published_time", "article:published",
    "datepublished", "published_time", "publish_date", "publish-date", "publishdate",
    "pubdate", "publication_date", "date.published", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "article.published", "originalpublicationdate", "datecreated", "release_date",
    "date", "dc.date", "dcterms.date", "og:updated_time",
};

static int date_of(const char *s, char out[11])
{
    return s && page_date_parse(s, strlen(s), out);
}

/* A date element: <time datetime> or itemprop="datePublished", read from
 * its datetime or content attribute, else its text. */
static int element_date(const page_t *p, int i, char out[11])
{
    const xmlNode *n = p->elements[i].node;
    if (date_of(page_attr(n, "datetime"), out) || date_of(page_attr(n, "content"), out))
        return 1;
    char *text = element_text(p, i);
    int ok = text && strlen(text) <= DATE_LINE_MAX_CHARS && date_of(text, out);
    free(text);
    return ok;
}

/* Marked elements that can date the story: not in comments, teasers,
 * sidebars or footers. */
static int dates_story(const page_element_t *e)
{
    return !(e->inherited & (HINT_COMMENTS | HINT_RELATED | HINT_SIDEBAR | HINT_FOOTER
                             | HINT_NAV | HINT_HIDDEN));
}

/* itemprop="datePublished" elements first, then <time> elements in the
 * story's header (from the headline on, or inside the main content). */
static int microdata_date(const page_t *p, int heading, char out[11])
{
    for (size_t k = 0; k < p->marked_count; k++) {
        int i = p->marked[k];
        const char *prop = page_attr(p->elements[i].node, "itemprop");
        if (prop && strcasecmp(prop, "datePublished") == 0 && dates_story(&p->elements[i])
            && element_date(p, i, out))
            return 1;
    }
    int from = heading >= 0 ? heading : p->root;
    for (size_t k = 0; k < p->marked_count && from >= 0; k++) {
        int i = p->marked[k];
        const page_element_t *e = &p->elements[i];
        if (e->tag != TAG_TIME || !dates_story(e))
            continue;
        if (i < from && !(p->root >= 0 && page_is_ancestor(p, p->root, i)))
            continue;
        const char *prop = page_attr(e->node, "itemprop");
        if (prop && strcasecmp(prop, "dateModified") == 0)
            continue;
        if (element_date(p, i, out))
            return 1;
    }
    return 0;
}

/* A date in the URL's path: /2019/10/16/, /2019-10-16, /20191016/, or
 * /2019/10/ (partial). */
static int url_date(const char *url, char out[11])
{
    const char *path = url ? strstr(url, "://") : NULL;
    path = path ? strchr(path + 3, '/') : url;
    for (const char *s = path; s && *s; s++) {
        if (*s != '/' || !(s[1] >= '1' && s[1] <= '2'))
            continue;
        const char *d = s + 1;
        int y = 0, m = 0, day = 0, k;
        for (k = 0; k < 4 && d[k] >= '0' && d[k] <= '9'; k++)
            y = y * 10 + d[k] - '0';
        if (k < 4)
            continue;
        if ((d[4] == '/' || d[4] == '-' || d[4] == '_') && d[5] >= '0' && d[5] <= '1'
            && d[6] >= '0' && d[6] <= '9') {
            m = (d[5] - '0') * 10 + d[6] - '0';
            if ((d[7] == '/' || d[7] == '-' || d[7] == '_') && d[8] >= '0' && d[8] <= '3'
                && d[9] >= '0' && d[9] <= '9' && !(d[10] >= '0' && d[10] <= '9'))
                day = (d[8] - '0') * 10 + d[9] - '0';
            else if (d[7] != '/' && d[7] != '\0')
                m = 0;   /* "/2019-10abc": not a date */
        } else if (d[4] >= '0' && d[4] <= '1' && d[6] >= '0' && d[6] <= '3'
                   && !(d[8] >= '0' && d[8] <= '9')) {
            char compact[9];
            memcpy(compact, d, 8);
            compact[8] = '\0';
            if (strspn(compact, "0123456789") == 8 && page_date_parse(compact, 8, out))
                return 1;
            continue;
        } else {
            continue;
        }
        if (m == 0)
            continue;
        char iso[11];
        int n = day ? snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, day)
                    : snprintf(iso, sizeof iso, "%04d-%02d", y, m);
        if (n > 0 && page_date_parse(iso, (size_t)n, out))
            return 1;
    }
    return 0;
}

/* A short block near the headline that holds a date ("16. Oktober 2019",
 * "Published: Oct 16, 2019 08:00"): returns its index, or -1. */
static long date_line(const page_t *p, int heading, char out[11])
{
    size_t start = heading >= 0 ? p->elements[heading].first_block
                 : p->root >= 0 ? p->elements[p->root].first_block : p->block_count;
    for (size_t i = start; i < p->block_count && i < start + DATE_LINE_BLOCKS; i++) {
        const page_block_t *b = &p->blocks[i];
        if (b->chars > DATE_LINE_MAX_CHARS || !dates_story(&p->elements[b->element]))
            continue;
        if (page_date_parse(p->text.data + b->offset, b->len, out))
            return (long)i;
    }
    return -1;
}

/* ------------------------------------------------------------ byline */

/* "By Jane Smith", "Von Jane Smith", "Text: Jane Smith" ... as Jane
 * Smith, in place; NULL when nothing like a name is left (a URL, an
 * address, a sentence). */
static char *clean_byline(char *s)
{
    static const char *const prefixes[] = {
        "by ", "von ", "par ", "por ", "di ", "door ", "text: ", "text ", "autor: ", "autor ",
        "author: ", "written by ", "posted by ", "geschrieben von ", "verfasst von ",
        "redaktion: ", "from ",
    };
    if (s == NULL)
        return NULL;
    int again = 1;
    while (again) {
        again = 0;
        for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
            size_t n = strlen(prefixes[k]);
            if (strncasecmp(s, prefixes[k], n) == 0 && s[n]) {
                memmove(s, s + n, strlen(s + n) + 1);
                again = 1;
            }
        }
    }
    /* A date or a separator after the names ends them. */
    static const char *const cuts[] = { " | ", " - ", " – ", " — ", " • ", " · ", "\n" };
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
        char *c = strstr(s, cuts[k]);
        if (c)
            *c = '\0';
    }
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == ',' || s[len - 1] == ':'))
        s[--len] = '\0';
    char date[11];
    if (len == 0 || strncasecmp(s, "http", 4) == 0 || strchr(s, '@') || strchr(s, '/')
        || utf8_count(s, len) > BYLINE_MAX_CHARS || page_date_parse(s, len, date)) {
        free(s);
        return NULL;
    }
    return s;
}

/* An element's author: its itemprop="name" descendant, else its text. */
static char *author_element_text(const page_t *p, int i)
{
    for (size_t k = 0; k < p->marked_count; k++) {
        int j = p->marked[k];
        const char *prop = page_attr(p->elements[j].node, "itemprop");
        if (j > i && prop && strcasecmp(prop, "name") == 0 && page_is_ancestor(p, i, j))
            return element_text(p, j);
    }
    const char *content = page_attr(p->elements[i].node, "content");
    return content && content[0] ? fold_dup(content, strlen(content)) : element_text(p, i);
}

static char *find_byline(page_t *p, const jsonld_t *ld)
{
    static const char *const metas[] = {
        "author", "article:author", "parsely-author", "dc.creator", "dcterms.creator",
        "sailthru.author", "byl", "twitter:creator",
    };
    char *b = clean_byline(ld->author ? strdup(ld->author) : NULL);
    if (b == NULL)
        b = clean_byline(meta_value(p, metas, sizeof metas / sizeof metas[0]));
    for (size_t k = 0; b == NULL && k < p->marked_count; k++) {
        int i = p->marked[k];
        const page_element_t *e = &p->elements[i];
        const char *rel = page_attr(e->node, "rel"), *prop = page_attr(e->node, "itemprop");
        if (!dates_story(e) || e->tag == TAG_LINK)
            continue;
        if ((rel && strcasecmp(rel, "author") == 0) || (prop && strcasecmp(prop, "author") == 0))
            b = clean_byline(author_element_text(p, i));
    }
    return b;
}

/* ----------------------------------------------------------- the URL */

static char *find_url(const page_t *p, const char *given)
{
    static const char *const og[] = { "og:url", "twitter:url" };
    for (size_t k = 0; k < p->marked_count; k++) {
        const page_element_t *e = &p->elements[p->marked[k]];
        const char *rel = page_attr(e->node, "rel"), *href = page_attr(e->node, "href");
        if (e->tag == TAG_LINK && rel && strcasecmp(rel, "canonical") == 0 && href
            && strstr(href, "://"))
            return fold_dup(href, strlen(href));
    }
    char *u = meta_value(p, og, sizeof og / sizeof og[0]);
    if (u && !strstr(u, "://")) {
        free(u);
        u = NULL;
    }
    return u ? u : given ? strdup(given) : NULL;
}

/* -------------------------------------------------- metadata blocks */

/* Drops from the story the blocks that repeat the metadata: the headline
 * (wherever it is printed), and a byline or date line before the text. */
static void drop_metadata_blocks(page_t *p, const article_t *a, int heading, long date_block)
{
    if (heading >= 0)
        for (size_t i = p->elements[heading].first_block; i < p->elements[heading].end_block; i++)
            if (p->blocks[i].fate == FATE_BODY)
                p->blocks[i].fate = FATE_METADATA;
    if (date_block >= 0 && p->blocks[date_block].fate == FATE_BODY)
        p->blocks[date_block].fate = FATE_METADATA;
    for (size_t i = 0; i < p->block_count; i++) {
        page_block_t *b = &p->blocks[i];
        if (b->fate != FATE_BODY)
            continue;
        const char *t = p->text.data + b->offset;
        if ((a->title && same_text(t, a->title)) || (a->byline && same_text(t, a->byline)))
            b->fate = FATE_METADATA;
        else if (b->chars <= BYLINE_MAX_CHARS && a->byline) {
            char *copy = strdup(t);
            char *name = clean_byline(copy);
            if (name && same_text(name, a->byline))
                b->fate = FATE_METADATA;
            free(name);
        }
    }
}

void page_metadata(page_t *p, const char *url, article_t *a)
{
    static const char *const site_metas[] = { "og:site_name", "application-name",
                                              "al:android:app_name", "twitter:site" };
    jsonld_t ld = { NULL, NULL, NULL, NULL, NULL, NULL, 0 };
    for (size_t k = 0; k < p->script_count; k++) {
        buf_t text = BUF_INIT;
        const xmlNode *n = p->elements[p->scripts[k]].node;
        for (const xmlNode *c = n->children; c; c = c->next)
            if (c->content)
                buf_puts(&text, (const char *)c->content);
        if (text.len)
            jsonld_read(text.data, text.len, &ld);
        buf_free(&text);
    }

    a->url = find_url(p, url);
    char host[256] = "";
    if (!url_host(a->url, host, sizeof host))
        url_host(url, host, sizeof host);
    a->source = meta_value(p, site_metas, 2);
    if (a->source == NULL && ld.publisher)
        a->source = strdup(ld.publisher);
    if (a->source == NULL && ld.site_name)
        a->source = strdup(ld.site_name);
    if (a->source == NULL && host[0])
        a->source = strdup(host);

    int heading;
    a->title = find_title(p, &ld, a->source, host, &heading);

    char date[11];
    long date_block = -1;
    char *meta_date = meta_value(p, date_metas, sizeof date_metas / sizeof date_metas[0]);
    if (date_of(ld.date, date) || date_of(meta_date, date) || microdata_date(p, heading, date)
        || url_date(a->url, date) || url_date(url, date)
        || (date_block = date_line(p, heading, date)) >= 0)
        a->date = strdup(date);
    free(meta_date);

    a->byline = find_byline(p, &ld);
    drop_metadata_blocks(p, a, heading, date_block);
    jsonld_free(&ld);
}
