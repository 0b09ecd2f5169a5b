/* html-title.c: a page's headline, and the element that shows it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The page states its title for machines (JSON-LD headline, og:title,
 * <title>), often with the site's name around it ("Headline | Site") or a
 * kicker before it ("Climate: Headline"), and shows its headline to
 * readers, usually in an <h1>, which on some pages is the site's logo or
 * a section's name instead.  The reference is the first stated title
 * (JSON-LD, og:title and the like, <title>), the site's name taken off;
 * the headline is the visible heading that says the same words best (a
 * quarter of its words or more in the reference; an <h1> before other
 * headings), else the reference itself.  A page that states no title gets its main
 * <h1>.
 */
#define _GNU_SOURCE 1 /* strcasestr */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html-internal.h"

/* Words compared of a title and a heading. */
#define TITLE_WORDS_MAX 64
/* The share of a heading's words that must be in the stated title for
 * the heading to show it. */
#define HEADING_SHARE_MIN 0.25

/* Separators between a headline and the site's name in <title> and
 * og:title. */
static const char *const title_separators[] = {
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " // ", " • ", " : ", " ~ ", " › ",
};

/* Whether S is a host name, a site's name as many write it in their
 * titles ("FASSETTE.NET", "Example-News.co.uk"): letters, digits and
 * hyphens, a dot, and a top-level domain of two to six letters. */
static int is_host_name(const char *s)
{
    const char *dot = strrchr(s, '.');
    if (dot == NULL || dot == s)
        return 0;
    size_t tld = strlen(dot + 1);
    if (tld < 2 || tld > 6)
        return 0;
    for (const char *c = s; *c; c++) {
        int letter = (*c | 0x20) >= 'a' && (*c | 0x20) <= 'z';
        if (!(letter || (*c >= '0' && *c <= '9') || *c == '-' || (*c == '.' && c > s && c[-1] != '.'))
            || (c > dot && !letter))
            return 0;
    }
    return 1;
}

int page_names_site(const char *part, size_t len, const char *site, const char *host)
{
    char *p = page_fold_dup(part, len);
    int yes = 0;
    if (p == NULL)
        return 0;
    if (host == NULL)
        host = "";
    if (site && (page_same_text(p, site) || strstr(site, p) || strstr(p, site)))
        yes = 1;
    /* The letters and digits of PART, lower case: "Example News" gives
     * "examplenews". */
    char squeezed[128];
    size_t k = 0;
    for (const char *c = p; *c && k + 1 < sizeof squeezed; c++)
        if (((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z') || (*c >= '0' && *c <= '9'))
            squeezed[k++] = (char)(*c | 0x20);
    squeezed[k] = '\0';
    if (!yes && host[0] && page_same_text(p, host))
        yes = 1;
    if (!yes && is_host_name(p))
        yes = 1;
    /* Each label of the host but the last (the top-level domain). */
    for (const char *h = host; !yes && k >= 3 && *h;) {
        size_t n = strcspn(h, ".");
        if (h[n] == '\0')
            break;
        char label[128];
        size_t m = 0;
        for (size_t c = 0; c < n && m + 1 < sizeof label; c++)
            if (h[c] != '-')
                label[m++] = h[c];
        label[m] = '\0';
        yes = strcmp(squeezed, label) == 0;
        h += n + 1;
    }
    free(p);
    return yes;
}

/* Whether TEXT is the site's name and no more: page_names_site() also
 * says yes to a part that holds the name ("Trome celebró ..."). */
static int is_site_name(const char *text, const char *site, const char *host)
{
    return page_names_site(text, strlen(text), site, host)
        && (site == NULL || strlen(text) <= strlen(site) || strstr(site, text));
}

/* Whether PART[0..LEN) is only a date ("23.01.2022 - Headline"): the
 * day's, not the headline's words. */
static int is_date_part(const char *part, size_t len)
{
    char date[11];
    for (size_t i = 0; i < len; i++)
        if (!strchr("0123456789./- ", part[i]))
            return 0;
    return len <= 20 && page_date_parse(part, len, date) && strlen(date) == 10;
}

/* TITLE without the site's name before or after it ("Headline | Site",
 * "Site - Headline", "Headline - Section - Site"), in place. */
static void strip_site_name(char *title, const char *site, const char *host)
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
            if (page_names_site(last + sl, strlen(last + sl), site, host)) {
                *last = '\0';
                cut = 1;
            } else if (page_names_site(title, (size_t)(first - title), site, host)
                       || is_date_part(title, (size_t)(first - title))) {
                memmove(title, first + sl, strlen(first + sl) + 1);
                cut = 1;
            }
        }
        if (!cut)
            return;
    }
}

/* A <title> that no heading confirms and whose site's name is not known
 * ("Headline - Section - Site"): its longest part, in place. */
static void keep_longest_part(char *title)
{
    for (size_t k = 0; k < sizeof title_separators / sizeof title_separators[0]; k++) {
        const char *sep = title_separators[k];
        size_t sl = strlen(sep), best_len = 0;
        char *best = NULL, *part = title;
        if (strstr(title, sep) == NULL)
            continue;
        for (;;) {
            char *next = strstr(part, sep);
            size_t len = next ? (size_t)(next - part) : strlen(part);
            if (len > best_len) {
                best = part;
                best_len = len;
            }
            if (next == NULL)
                break;
            part = next + sl;
        }
        memmove(title, best, best_len);
        title[best_len] = '\0';
    }
}

typedef struct {
    const char *s;
    size_t len;
} word_t;

/* The words of S (runs of letters and digits; other ASCII separates),
 * at most TITLE_WORDS_MAX. */
static size_t split_words(const char *s, word_t *w)
{
    size_t n = 0;
    while (*s && n < TITLE_WORDS_MAX) {
        while (*s && (unsigned char)*s < 0x80 && !(((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')
                                                   || (*s >= '0' && *s <= '9')))
            s++;
        const char *start = s;
        while (*s && ((unsigned char)*s >= 0x80 || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')
                      || (*s >= '0' && *s <= '9')))
            s++;
        if (s > start)
            w[n++] = (word_t){ start, (size_t)(s - start) };
    }
    return n;
}

static int same_word(word_t a, word_t b)
{
    return a.len == b.len && strncasecmp(a.s, b.s, a.len) == 0;
}

/* Whether the words of TEXT end with all the words of TAIL, and TEXT has
 * more ("Open Progress Why thinking beats smarts" ends with "Why thinking
 * beats smarts"). */
static int ends_with_words(const char *text, const char *tail)
{
    word_t t[TITLE_WORDS_MAX], w[TITLE_WORDS_MAX];
    size_t nt = split_words(text, t), nw = split_words(tail, w);
    if (nw == 0 || nw >= nt || nt == TITLE_WORDS_MAX)
        return 0;
    for (size_t i = 0; i < nw; i++)
        if (!same_word(t[nt - nw + i], w[i]))
            return 0;
    return 1;
}

/* How well HEADING says REFERENCE: 2 * shared words / all words (0-1),
 * or 0 when less than HEADING_SHARE_MIN of the heading's words are in
 * the reference. */
static double agreement(const char *heading, const char *reference)
{
    word_t h[TITLE_WORDS_MAX], r[TITLE_WORDS_MAX];
    size_t nh = split_words(heading, h), nr = split_words(reference, r), shared = 0;
    if (nh == 0 || nr == 0)
        return 0;
    for (size_t i = 0; i < nh; i++)
        for (size_t j = 0; j < nr; j++)
            if (same_word(h[i], r[j])) {
                shared++;
                break;
            }
    if (shared == 0 || shared < HEADING_SHARE_MIN * nh)
        return 0;
    return 2.0 * shared / (double)(nh + nr);
}

/* Whether NODE, inside a heading, is a kicker: a topic line before the
 * headline ("<span class="kicker">Climate</span> Headline", <small>). */
static int is_kicker(const xmlNode *node)
{
    static const char *const words[] = {
        "kicker", "dachzeile", "roofline", "topline", "toptitle", "overline", "supertitle",
        "pretitle", "eyebrow", "spitzmarke",
    };
    if (node->name && strcmp((const char *)node->name, "small") == 0)
        return 1;
    const char *cls = page_attr(node, "class");
    for (size_t k = 0; cls && k < sizeof words / sizeof words[0]; k++)
        if (strcasestr(cls, words[k]))
            return 1;
    return 0;
}

static int is_blank_text(const xmlNode *n)
{
    if (n->type != XML_TEXT_NODE)
        return n->type == XML_COMMENT_NODE;
    for (const xmlChar *c = n->content; c && *c; c++)
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
            return 0;
    return 1;
}

/* The styled part a heading opens with, before more of its text: a
 * kicker by its place whatever its class says ("<h1><span
 * class="subtitle">Paris 2024</span> Drinks by boat</h1>"), or NULL. */
static const xmlNode *leading_part(const xmlNode *heading)
{
    static const char *const tags[] = { "span", "small", "strong", "em", "b", "i", "div", "p" };
    const xmlNode *c = heading->children;
    while (c && is_blank_text(c))
        c = c->next;
    if (c == NULL || c->type != XML_ELEMENT_NODE || page_attr(c, "class") == NULL)
        return NULL;
    int known = 0;
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
        known |= strcmp((const char *)c->name, tags[k]) == 0;
    const xmlNode *rest = c->next;
    while (rest && is_blank_text(rest))
        rest = rest->next;
    if (!known || rest == NULL)
        return NULL;
    /* A kicker is shorter than the headline after it ... */
    buf_t lead = BUF_INIT, after = BUF_INIT;
    page_node_text(c, &lead, 1024);
    for (; rest; rest = rest->next)
        if (rest->type == XML_TEXT_NODE && rest->content)
            buf_puts(&after, (const char *)rest->content);
        else if (rest->type == XML_ELEMENT_NODE)
            page_node_text(rest, &after, 1024);
    /* ... and the headline starts afresh: text going on in lower case
     * ("<span class=x>Feud</span> of the Smiths") continues the lead. */
    size_t k = 0;
    while (k < after.len && (after.data[k] == ' ' || after.data[k] == '\n' || after.data[k] == '\t'))
        k++;
    int kicker = lead.len < after.len && !(k < after.len && after.data[k] >= 'a' && after.data[k] <= 'z');
    buf_free(&lead);
    buf_free(&after);
    return kicker ? c : NULL;
}

/* The text of heading I without its kickers and hidden parts (the
 * heading's whole text when nothing else is left). */
static char *heading_text(const page_t *p, int i)
{
    const page_element_t *h = &p->elements[i];
    const xmlNode *lead = leading_part(h->node);
    buf_t b = BUF_INIT;
    int skipped = lead != NULL;
    for (size_t k = (size_t)i + 1; k < p->element_count && p->elements[k].depth > h->depth; k++)
        if (is_kicker(p->elements[k].node) || (p->elements[k].hints & HINT_HIDDEN))
            skipped = 1;
    if (!skipped)
        return page_element_text(p, i);
    /* The direct children, kickers and hidden ones left out. */
    for (const xmlNode *c = h->node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            const page_element_t *e = c->_private ? &p->elements[(intptr_t)c->_private - 1] : NULL;
            if (c == lead || is_kicker(c) || (e && (e->hints & HINT_HIDDEN)))
                continue;
            buf_putc(&b, ' ');
            page_node_text(c, &b, 1024);
        } else if (c->type == XML_TEXT_NODE && c->content) {
            buf_putc(&b, ' ');
            buf_puts(&b, (const char *)c->content);
        }
    }
    char *text = b.len ? page_fold_dup(b.data, b.len) : NULL;
    buf_free(&b);
    return text ? text : page_element_text(p, i);
}

/* Whether element E can show the headline: an <h1>, or an <h2>/<h3> or
 * itemprop="headline" that its class names a title; visible. */
/* Whether heading NODE is a link home: a site's logo or name
 * ("<h1><a href="/">Example News</a></h1>"), not a story's headline. */
static int links_home(const xmlNode *node)
{
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) {
            for (const char *t = (const char *)c->content; t && *t; t++)
                if ((unsigned char)*t > ' ')
                    return 0;   /* text outside the link */
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "a") != 0)
            return c->children ? links_home(c) : 0;
        const char *href = page_attr(c, "href");
        if (href == NULL)
            return 0;
        /* A page kept by a web archive links home through the archive. */
        href = page_unarchived_url(href);
        const char *path = strstr(href, "://");
        path = path ? strchr(path + 3, '/') : href;
        return path == NULL || strcmp(path, "/") == 0 || strcmp(path, "") == 0
            || strncmp(path, "/index.", 7) == 0 || strncmp(path, "index.", 6) == 0
            || strcmp(path, "./") == 0;
    }
    return 0;
}

static int may_be_headline(const page_element_t *e)
{
    if ((e->inherited & HINT_HIDDEN) || e->end_block == e->first_block || links_home(e->node))
        return 0;
    if (e->tag == TAG_H1)
        return 1;
    const char *prop = page_attr(e->node, "itemprop"), *cls = page_attr(e->node, "class");
    if (prop && strcasecmp(prop, "headline") == 0)
        return 1;
    return (e->tag == TAG_H2 || e->tag == TAG_H3) && cls
        && (strstr(cls, "title") || strstr(cls, "headline") || strstr(cls, "Title"));
}

/* The page's <h1> that heads its story: the first one inside the main
 * content, else the last one before it, else the first one.  -1 if none. */
static int main_heading(const page_t *p)
{
    int inside = -1, before = -1, any = -1;
    for (size_t k = 0; k < p->marked_count; k++) {
        int i = p->marked[k];
        const page_element_t *e = &p->elements[i];
        if (e->tag != TAG_H1 || !may_be_headline(e)
            || (e->believed & (HINT_NAV | HINT_SIDEBAR | HINT_FOOTER | HINT_COMMENTS)))
            continue;
        if (p->root >= 0 && page_is_ancestor(p, p->root, i)) {
            if (inside < 0)
                inside = i;
        } else if (p->root >= 0 && i < p->root) {
            before = i;
        }
        if (any < 0)
            any = i;
    }
    return inside >= 0 ? inside : before >= 0 ? before : any;
}

/* Whether TEXT is what one of the page's headings (<h1>-<h6>) says. */
static int is_some_heading(const page_t *p, const char *text)
{
    for (size_t i = 0; i < p->block_count; i++)
        if (p->blocks[i].heading && page_same_text(p->text.data + p->blocks[i].offset, text))
            return 1;
    return 0;
}

/* The visible heading that agrees best with REFERENCE (in *HEADING, its
 * text returned, malloc'ed), or NULL: an <h1> before other headings, one
 * outside what classes call menus, sidebars, footers and teasers before
 * one inside them. */
static char *agreeing_heading(const page_t *p, const char *reference, int *heading)
{
    double best = 0;
    char *best_text = NULL;
    *heading = -1;
    for (size_t k = 0; reference && k < p->marked_count; k++) {
        const page_element_t *e = &p->elements[p->marked[k]];
        if (!may_be_headline(e))
            continue;
        char *text = heading_text(p, p->marked[k]);
        double a = text ? agreement(text, reference) : 0;
        if (a > 0)
            a += (e->tag == TAG_H1 ? 0.5 : 0)
               - ((e->inherited & (HINT_NAV | HINT_SIDEBAR | HINT_FOOTER | HINT_RELATED
                                   | HINT_COMMENTS)) ? 0.3 : 0);
        if (a > best) {
            best = a;
            free(best_text);
            best_text = text;
            *heading = p->marked[k];
        } else {
            free(text);
        }
    }
    return best_text;
}

void page_title(page_t *p, const jsonld_t *ld, const char *site, const char *host,
                char **title, int *heading)
{
    static const char *const metas[] = { "og:title", "twitter:title", "dc.title", "headline" };
    char *reference = page_clean_value(ld->headline);
    if (reference == NULL)
        reference = page_meta_value(p, metas, sizeof metas / sizeof metas[0]);
    /* A stated title that is the site's name ("og:title" = "og:site_name",
     * a template's default) names no story: <title> may. */
    if (reference && is_site_name(reference, site, host)) {
        free(reference);
        reference = NULL;
    }
    int from_title_tag = 0;
    if (reference == NULL && p->title_element >= 0) {
        reference = page_element_text(p, p->title_element);
        from_title_tag = reference != NULL;
    }
    if (reference)
        strip_site_name(reference, site, host);

    char *best_text = agreeing_heading(p, reference, heading);
    /* A stated title that no heading says may be a section's
     * ("og:title" = "Press releases"): the <title> that one says wins.
     * Not over one that a lesser heading shows (an <h2> standfirst). */
    if (best_text == NULL && reference && !from_title_tag && p->title_element >= 0
        && !is_some_heading(p, reference)) {
        char *other = page_element_text(p, p->title_element);
        if (other)
            strip_site_name(other, site, host);
        best_text = other ? agreeing_heading(p, other, heading) : NULL;
        if (best_text) {
            free(reference);
            reference = other;
        } else {
            free(other);
        }
    }
    if (best_text) {
        /* A heading that is the stated title after a kicker of its own
         * ("Energy: Climate pioneers?" for the stated "Climate
         * pioneers?"): the stated title, without the kicker. */
        if (ends_with_words(best_text, reference)) {
            free(best_text);
            *title = reference;
            return;
        }
        free(reference);
        *title = best_text;
        return;
    }
    if (from_title_tag) {
        keep_longest_part(reference);
        p->title_unconfirmed = 1;
    }
    *title = reference;
}

void page_title_fallback(const page_t *p, const char *site, char **title, int *heading)
{
    *heading = main_heading(p);
    /* An <h1> that names the site is its logo, not the story's headline
     * (which the <title> gave). */
    if (*heading >= 0 && *title && p->title_unconfirmed) {
        char *text = heading_text(p, *heading);
        if (text && is_site_name(text, site, p->host))
            *heading = -1;
        free(text);
    }
    if (*heading >= 0 && (*title == NULL || p->title_unconfirmed)) {
        char *text = heading_text(p, *heading);
        if (text) {
            free(*title);
            *title = text;
        }
    }
}
