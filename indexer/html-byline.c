/* html-byline.c: who wrote the story.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The sources, in order of trust: JSON-LD's author, the <meta> tags that
 * name one (author, article:author, parsely-author, dc.creator ...),
 * rel="author" and itemprop="author" elements, then what the story's
 * header shows: an element whose class or id says author or byline, and a
 * "By Jane Doe" line, the nearest to the headline first.  Each value is
 * cleaned ("By", "Von", "Text:" and what follows a separator or a date
 * are dropped) and refused when it is not a name: a URL, an address, a
 * sentence, a user name ("admin").  A value that names the site itself
 * (a newsroom's or a publisher's name, "Example News") is taken only
 * when no person is named anywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "html-internal.h"
#include "utf8.h"

/* A byline longer than this is a sentence or a list, not names. */
#define BYLINE_MAX_CHARS 100
/* Blocks before and after the headline searched for a byline (as
 * html-pubdate.c searches for the date). */
#define BYLINE_BLOCKS_BEFORE 8
#define BYLINE_BLOCKS_AFTER 25

/* Words that introduce a byline, in the languages trawl meets most. */
static const char *const byline_prefixes[] = {
    "by ", "von ", "par ", "por ", "door ", "text: ", "text von ", "text ", "autor: ",
    "autorin: ", "autor ", "author: ", "written by ", "posted by ", "geschrieben von ",
    "verfasst von ", "redaktion: ", "from ", "view all posts by ", "all posts by ",
    "mehr von ", "more by ", "articles by ", "published by ", "zeige alle beiträge von ",
    "alle beiträge von ", "interview: ", "und interview: ", "fotos: ", "foto: ",
};

/* Values that sites put where a name belongs. */
static const char *const not_names[] = {
    "admin", "administrator", "wordpressadmin", "no author", "unknown", "guest", "user",
    "anonymous", "by", "von", "par", "por", "published by", "posted by", "written by",
};

/* S without a byline's prefixes ("By Jane Doe" gives "Jane Doe"), in
 * place. */
static void drop_prefixes(char *s)
{
    int again = 1;
    while (again) {
        again = 0;
        for (size_t k = 0; k < sizeof byline_prefixes / sizeof byline_prefixes[0]; k++) {
            size_t n = strlen(byline_prefixes[k]);
            if (strncasecmp(s, byline_prefixes[k], n) == 0 && s[n]) {
                memmove(s, s + n, strlen(s + n) + 1);
                again = 1;
            }
        }
    }
}

/* Whether S starts with a byline's prefix. */
static int has_prefix(const char *s)
{
    for (size_t k = 0; k < sizeof byline_prefixes / sizeof byline_prefixes[0]; k++)
        if (strncasecmp(s, byline_prefixes[k], strlen(byline_prefixes[k])) == 0)
            return 1;
    return 0;
}

/* S as a byline (malloc'ed; S is freed), or NULL when nothing like a
 * name is left. */
static char *clean_byline(char *s)
{
    if (s == NULL)
        return NULL;
    drop_prefixes(s);
    /* A separator, a date or a time after the names ends them. */
    static const char *const cuts[] = { " | ", " - ", " – ", " — ", " • ", " · ", " / ", "\n" };
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
        char *c = strstr(s, cuts[k]);
        if (c && c > s)
            *c = '\0';
    }
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == ',' || s[len - 1] == ':'
                   || s[len - 1] == '>'))
        s[--len] = '\0';
    /* "Zeige alle Beiträge von X →" */
    if (len >= 4 && strcmp(s + len - 4, " \xE2\x86\x92") == 0)
        s[len -= 4] = '\0';
    char date[11];
    int refuse = len == 0 || strncasecmp(s, "http", 4) == 0 || strncasecmp(s, "www.", 4) == 0
              || strchr(s, '@') || utf8_count(s, len) > BYLINE_MAX_CHARS
              || page_date_parse(s, len, date);
    for (size_t k = 0; !refuse && k < sizeof not_names / sizeof not_names[0]; k++)
        refuse = strcasecmp(s, not_names[k]) == 0;
    /* A user name: "christian.stadtfeld", "jdoe_42". */
    refuse |= !strchr(s, ' ') && (strchr(s, '.') || strchr(s, '_')) && !strchr(s, ',');
    if (refuse) {
        free(s);
        return NULL;
    }
    return s;
}

/* An element's author: its itemprop="name" descendant, else its content
 * attribute, else its text. */
static char *author_element_text(const page_t *p, int i)
{
    for (size_t k = 0; k < p->marked_count; k++) {
        int j = p->marked[k];
        const char *prop = page_attr(p->elements[j].node, "itemprop");
        if (j > i && prop && strcasecmp(prop, "name") == 0 && page_is_ancestor(p, i, j))
            return page_element_text(p, j);
    }
    const char *content = page_attr(p->elements[i].node, "content");
    return content && content[0] ? page_clean_value(content) : page_element_text(p, i);
}

static int in_story(const page_element_t *e)
{
    return !(e->believed & (HINT_COMMENTS | HINT_SIDEBAR | HINT_NAV | HINT_HIDDEN | HINT_RELATED));
}

/* Whether an element's class or id names its author. */
static int names_author(const xmlNode *n)
{
    static const char *const words[] = { "author", "byline", "autor", "writer", "verfasser" };
    const char *cls = page_attr(n, "class"), *id = page_attr(n, "id");
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (page_contains_ci(cls, words[k]) || page_contains_ci(id, words[k]))
            return 1;
    return 0;
}

/* Keeps candidate C (cleaned) as *PERSON when it names no site and no
 * person was found yet, else as *ANY when nothing was; frees the rest. */
static void consider(char *c, const char *site, const char *host, char **person, char **any)
{
    c = clean_byline(c);
    if (c == NULL)
        return;
    if (*person == NULL && !page_names_site(c, strlen(c), site, host)) {
        *person = c;
        return;
    }
    if (*any == NULL) {
        *any = c;
        return;
    }
    free(c);
}

/* How far block B is from the headline's block H (after it nearer). */
static long distance(size_t b, size_t h)
{
    return b >= h ? (long)(b - h) * 2 : (long)(h - b) * 3;
}

/* The nearest author element or "By" line around the headline's block H. */
static char *header_byline(const page_t *p, size_t h, const char *site, const char *host)
{
    char *best = NULL;
    long best_distance = -1;
    for (size_t k = 0; k < p->marked_count; k++) {
        const page_element_t *e = &p->elements[p->marked[k]];
        size_t b = e->first_block;
        if (!in_story(e) || b + BYLINE_BLOCKS_BEFORE < h
            || b > h + BYLINE_BLOCKS_AFTER || !names_author(e->node)
            || (best_distance >= 0 && distance(b, h) >= best_distance))
            continue;
        char *c = clean_byline(author_element_text(p, p->marked[k]));
        if (c && !page_names_site(c, strlen(c), site, host)) {
            free(best);
            best = c;
            best_distance = distance(b, h);
        } else {
            free(c);
        }
    }
    size_t from = h > BYLINE_BLOCKS_BEFORE ? h - BYLINE_BLOCKS_BEFORE : 0;
    for (size_t i = from; i < p->block_count && i <= h + BYLINE_BLOCKS_AFTER; i++) {
        const page_block_t *b = &p->blocks[i];
        const char *t = p->text.data + b->offset;
        if (b->chars > BYLINE_MAX_CHARS || !has_prefix(t) || !in_story(&p->elements[b->element])
            || (best_distance >= 0 && distance(i, h) >= best_distance))
            continue;
        char *c = clean_byline(xstrndup(t, b->len));
        /* "By" and a capitalised name: not "von 9 bis 17 Uhr" */
        if (c && ((unsigned char)c[0] >= 0x80 || (c[0] >= 'A' && c[0] <= 'Z'))
            && !page_names_site(c, strlen(c), site, host)) {
            free(best);
            best = c;
            best_distance = distance(i, h);
        } else {
            free(c);
        }
    }
    return best;
}

char *page_byline(const page_t *p, const char *site)
{
    static const char *const metas[] = {
        "author", "article:author", "parsely-author", "dc.creator", "dcterms.creator",
        "sailthru.author", "byl", "twitter:creator",
    };
    const char *host = p->host;
    char *person = NULL, *any = NULL;
    consider(page_clean_value(p->ld.author), site, host, &person, &any);
    if (person == NULL)
        consider(page_meta_value(p, metas, sizeof metas / sizeof metas[0]), site, host,
                 &person, &any);
    for (size_t k = 0; person == NULL && k < p->marked_count; k++) {
        int i = p->marked[k];
        const page_element_t *e = &p->elements[i];
        const char *rel = page_attr(e->node, "rel"), *prop = page_attr(e->node, "itemprop");
        if (!in_story(e) || e->tag == TAG_LINK)
            continue;
        if ((rel && strcasecmp(rel, "author") == 0) || (prop && strcasecmp(prop, "author") == 0))
            consider(author_element_text(p, i), site, host, &person, &any);
    }
    if (person == NULL) {
        size_t h = p->heading >= 0 ? p->elements[p->heading].first_block
                 : p->root >= 0 ? p->elements[p->root].first_block : 0;
        person = header_byline(p, h, site, host);
    }
    if (person) {
        free(any);
        return person;
    }
    return any;
}

int page_is_byline_line(const char *text, const char *byline)
{
    if (byline == NULL || utf8_count(text, strlen(text)) > BYLINE_MAX_CHARS)
        return 0;
    char *name = clean_byline(strdup(text));
    int yes = name && page_same_text(name, byline);
    free(name);
    return yes || page_same_text(text, byline);
}
