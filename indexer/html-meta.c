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

/* A byline longer than this is a sentence or a list, not names. */
#define BYLINE_MAX_CHARS 100

/* Where a field can be the story's: not in comments, menus, sidebars,
 * footers or hidden parts. */
static int dates_story(const page_element_t *e)
{
    return !(e->believed & (HINT_COMMENTS | HINT_SIDEBAR | HINT_FOOTER | HINT_NAV | HINT_HIDDEN));
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
            return page_element_text(p, j);
    }
    const char *content = page_attr(p->elements[i].node, "content");
    return content && content[0] ? page_fold_dup(content, strlen(content)) : page_element_text(p, i);
}

static char *find_byline(page_t *p, const jsonld_t *ld)
{
    static const char *const metas[] = {
        "author", "article:author", "parsely-author", "dc.creator", "dcterms.creator",
        "sailthru.author", "byl", "twitter:creator",
    };
    char *b = clean_byline(page_clean_value(ld->author));
    if (b == NULL)
        b = clean_byline(page_meta_value(p, metas, sizeof metas / sizeof metas[0]));
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
            return page_fold_dup(href, strlen(href));
    }
    char *u = page_meta_value(p, og, sizeof og / sizeof og[0]);
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
        if ((a->title && page_same_text(t, a->title)) || (a->byline && page_same_text(t, a->byline)))
            b->fate = FATE_METADATA;
        else if (b->chars <= BYLINE_MAX_CHARS && a->byline) {
            char *copy = strdup(t);
            char *name = clean_byline(copy);
            if (name && page_same_text(name, a->byline))
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
    if (!page_url_host(a->url, host, sizeof host))
        page_url_host(url, host, sizeof host);
    a->source = page_meta_value(p, site_metas, 2);
    if (a->source == NULL)
        a->source = page_clean_value(ld.publisher);
    if (a->source == NULL)
        a->source = page_clean_value(ld.site_name);
    if (a->source == NULL && host[0])
        a->source = strdup(host);

    int heading;
    page_title(p, &ld, a->source, host, &a->title, &heading);

    char date[11];
    long date_block;
    page_publication_date(p, heading, ld.date, a->url, url, date, &date_block);
    if (date[0])
        a->date = strdup(date);

    a->byline = find_byline(p, &ld);
    drop_metadata_blocks(p, a, heading, date_block);
    jsonld_free(&ld);
}
