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
        if ((a->title && page_same_text(t, a->title)) || page_is_byline_line(t, a->byline))
            b->fate = FATE_METADATA;
    }
}

void page_metadata_head(page_t *p, const char *url, article_t *a)
{
    static const char *const site_metas[] = { "og:site_name", "application-name" };
    for (size_t k = 0; k < p->script_count; k++) {
        buf_t text = BUF_INIT;
        const xmlNode *n = p->elements[p->scripts[k]].node;
        for (const xmlNode *c = n->children; c; c = c->next)
            if (c->content)
                buf_puts(&text, (const char *)c->content);
        if (text.len)
            jsonld_read(text.data, text.len, &p->ld);
        buf_free(&text);
    }
    a->url = find_url(p, url);
    if (!page_url_host(a->url, p->host, sizeof p->host))
        page_url_host(url, p->host, sizeof p->host);
    a->source = page_meta_value(p, site_metas, sizeof site_metas / sizeof site_metas[0]);
    if (a->source == NULL)
        a->source = page_clean_value(p->ld.publisher);
    if (a->source == NULL)
        a->source = page_clean_value(p->ld.site_name);
    if (a->source == NULL && p->host[0])
        a->source = strdup(p->host);
    page_title(p, &p->ld, a->source, p->host, &a->title, &p->heading);
}

void page_metadata(page_t *p, const char *url, const char *path, article_t *a)
{
    if (a->title == NULL || p->heading < 0)
        page_title_fallback(p, a->source, &a->title, &p->heading);
    char date[11];
    long date_block;
    page_publication_date(p, p->heading, p->ld.date, a->url, url, path, date, &date_block);
    if (date[0])
        a->date = strdup(date);
    a->byline = page_byline(p, a->source);
    drop_metadata_blocks(p, a, p->heading, date_block);
}
