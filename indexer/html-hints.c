/* html-hints.c: what an element's tag, class, id, role and itemprop say
 * of it ("hints": menu, footer, related, share, comments, story ...).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Class and id values are split into words ("entry-content",
 * "relatedPosts" give entry, content; related, posts), each looked up in
 * a table of the words sites use; html-walk.c records the hints of each
 * element as it flattens the page.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <threads.h>

#include "html-internal.h"

/* Longest class or id word looked at; longer ones name nothing useful. */
#define HINT_WORD_MAX 32

/* --------------------------------------------------------------- hints */

enum { WORD_EXACT, WORD_PREFIX };

/* Words of class and id values and what they mark.  Words, not
 * substrings: "ad" must not find "header" or "shadow".  Exact entries are
 * looked up before prefixes, so "commentary" (an opinion piece) is not
 * "comment".  The names are those of CMS themes, HTML conventions and
 * schema.org, in English and a few other languages; none names a site. */
static const struct {
    const char *word;
    unsigned char match;
    unsigned hint;
} hint_words[] = {
    { "commentary", WORD_EXACT, 0 },
    { "nav", WORD_PREFIX, HINT_NAV }, { "menu", WORD_PREFIX, HINT_NAV },
    { "submenu", WORD_EXACT, HINT_NAV }, { "subnav", WORD_EXACT, HINT_NAV },
    { "breadcrumb", WORD_PREFIX, HINT_NAV }, { "crumbs", WORD_EXACT, HINT_NAV },
    { "pagination", WORD_PREFIX, HINT_NAV }, { "pager", WORD_EXACT, HINT_NAV },
    { "paging", WORD_EXACT, HINT_NAV }, { "skip", WORD_EXACT, HINT_NAV },
    { "toolbar", WORD_PREFIX, HINT_NAV }, { "topbar", WORD_EXACT, HINT_NAV },
    { "masthead", WORD_PREFIX, HINT_NAV },
    { "noprint", WORD_EXACT, HINT_NAV }, { "dropdown", WORD_PREFIX, HINT_NAV },
    { "footer", WORD_PREFIX, HINT_FOOTER }, { "copyright", WORD_PREFIX, HINT_FOOTER },
    { "colophon", WORD_EXACT, HINT_FOOTER }, { "impressum", WORD_EXACT, HINT_FOOTER },
    { "sidebar", WORD_PREFIX, HINT_SIDEBAR }, { "widget", WORD_PREFIX, HINT_SIDEBAR },
    { "aside", WORD_EXACT, HINT_SIDEBAR }, { "rail", WORD_EXACT, HINT_SIDEBAR },
    { "shar", WORD_PREFIX, HINT_SHARE }, { "social", WORD_PREFIX, HINT_SHARE },
    { "sociable", WORD_EXACT, HINT_SHARE }, { "follow", WORD_EXACT, HINT_SHARE },
    { "bookmark", WORD_PREFIX, HINT_SHARE }, { "print", WORD_EXACT, HINT_SHARE },
    { "related", WORD_PREFIX, HINT_RELATED }, { "recommend", WORD_PREFIX, HINT_RELATED },
    { "popular", WORD_PREFIX, HINT_RELATED }, { "trending", WORD_PREFIX, HINT_RELATED },
    { "teaser", WORD_PREFIX, HINT_RELATED }, { "more", WORD_EXACT, HINT_RELATED },
    { "most", WORD_PREFIX, HINT_RELATED }, { "recent", WORD_EXACT, HINT_RELATED },
    { "latest", WORD_EXACT, HINT_RELATED }, { "similar", WORD_EXACT, HINT_RELATED },
    { "suggest", WORD_PREFIX, HINT_RELATED }, { "also", WORD_EXACT, HINT_RELATED },
    { "stories", WORD_EXACT, HINT_RELATED }, { "posts", WORD_EXACT, HINT_RELATED },
    { "next", WORD_EXACT, HINT_NAV }, { "prev", WORD_EXACT, HINT_NAV },
    { "previous", WORD_EXACT, HINT_NAV },
    { "newsletter", WORD_PREFIX, HINT_PROMO }, { "subscri", WORD_PREFIX, HINT_PROMO },
    { "signup", WORD_EXACT, HINT_PROMO }, { "signin", WORD_EXACT, HINT_PROMO },
    { "login", WORD_PREFIX, HINT_PROMO }, { "register", WORD_EXACT, HINT_PROMO },
    { "paywall", WORD_PREFIX, HINT_PROMO }, { "promo", WORD_PREFIX, HINT_PROMO },
    { "donat", WORD_PREFIX, HINT_PROMO }, { "membership", WORD_EXACT, HINT_PROMO },
    { "cta", WORD_EXACT, HINT_PROMO }, { "optin", WORD_EXACT, HINT_PROMO },
    { "popup", WORD_PREFIX, HINT_PROMO }, { "modal", WORD_PREFIX, HINT_PROMO },
    { "overlay", WORD_PREFIX, HINT_PROMO }, { "lightbox", WORD_PREFIX, HINT_PROMO },
    { "tooltip", WORD_PREFIX, HINT_PROMO },
    { "cookie", WORD_PREFIX, HINT_CONSENT }, { "consent", WORD_PREFIX, HINT_CONSENT },
    { "gdpr", WORD_PREFIX, HINT_CONSENT },
    { "ad", WORD_EXACT, HINT_AD }, { "ads", WORD_EXACT, HINT_AD },
    { "adv", WORD_EXACT, HINT_AD }, { "advert", WORD_PREFIX, HINT_AD },
    { "adsense", WORD_EXACT, HINT_AD }, { "adslot", WORD_EXACT, HINT_AD },
    { "adunit", WORD_EXACT, HINT_AD }, { "adbox", WORD_EXACT, HINT_AD },
    { "adblock", WORD_EXACT, HINT_AD }, { "adwrap", WORD_EXACT, HINT_AD },
    { "adzone", WORD_EXACT, HINT_AD }, { "adcontainer", WORD_EXACT, HINT_AD },
    { "dfp", WORD_EXACT, HINT_AD }, { "sponsor", WORD_PREFIX, HINT_AD },
    { "anzeige", WORD_PREFIX, HINT_AD }, { "werbung", WORD_EXACT, HINT_AD },
    { "affiliate", WORD_PREFIX, HINT_AD }, { "commercial", WORD_EXACT, HINT_AD },
    { "banner", WORD_PREFIX, HINT_AD },
    { "meta", WORD_EXACT, HINT_META }, { "metadata", WORD_EXACT, HINT_META },
    { "byline", WORD_PREFIX, HINT_META }, { "author", WORD_PREFIX, HINT_META },
    { "dateline", WORD_PREFIX, HINT_META }, { "date", WORD_EXACT, HINT_META },
    { "time", WORD_EXACT, HINT_META }, { "timestamp", WORD_PREFIX, HINT_META },
    { "pubdate", WORD_EXACT, HINT_META }, { "posted", WORD_EXACT, HINT_META },
    { "tags", WORD_EXACT, HINT_META }, { "tag", WORD_EXACT, HINT_META },
    { "tagcloud", WORD_EXACT, HINT_META }, { "categor", WORD_PREFIX, HINT_META },
    { "keywords", WORD_EXACT, HINT_META },
    { "caption", WORD_PREFIX, HINT_CAPTION }, { "figcaption", WORD_EXACT, HINT_CAPTION },
    { "credit", WORD_PREFIX, HINT_CAPTION },
    { "comment", WORD_PREFIX, HINT_COMMENTS }, { "disqus", WORD_PREFIX, HINT_COMMENTS },
    { "kommentar", WORD_PREFIX, HINT_COMMENTS }, { "comentario", WORD_PREFIX, HINT_COMMENTS },
    { "responses", WORD_EXACT, HINT_COMMENTS },
    { "respond", WORD_EXACT, HINT_COMMENT_FORM }, { "reply", WORD_EXACT, HINT_COMMENT_FORM },
    { "article", WORD_EXACT, HINT_CONTENT }, { "artikel", WORD_EXACT, HINT_CONTENT },
    { "content", WORD_EXACT, HINT_CONTENT }, { "entry", WORD_EXACT, HINT_CONTENT },
    { "post", WORD_EXACT, HINT_CONTENT }, { "story", WORD_EXACT, HINT_CONTENT },
    { "body", WORD_EXACT, HINT_CONTENT }, { "text", WORD_EXACT, HINT_CONTENT },
    { "main", WORD_EXACT, HINT_CONTENT }, { "prose", WORD_EXACT, HINT_CONTENT },
    { "richtext", WORD_EXACT, HINT_CONTENT }, { "inhalt", WORD_EXACT, HINT_CONTENT },
    { "beitrag", WORD_EXACT, HINT_CONTENT },
};

/* Class words that state a page's condition rather than name a part:
 * "has-sidebar", "no-comments", "with-ads" do not make their element a
 * sidebar, comments or an ad. */
static const char *const state_words[] = {
    "has", "with", "no", "without", "enable", "enabled", "disable", "disabled", "show"
};

/* For each first letter, the hint_words that start with it, in table
 * order: a class word is looked up for every element of every page (the
 * whole table each time was a tenth of indexing HTML). */
#define HINT_WORDS (sizeof hint_words / sizeof hint_words[0])
static struct {
    unsigned char start[27], count[27];   /* 'a'..'z', then the rest */
    unsigned char order[HINT_WORDS];
    unsigned char len[HINT_WORDS];
} hint_index;
static once_flag hint_index_once = ONCE_FLAG_INIT;
_Static_assert(HINT_WORDS <= 255, "hint_index counts the hint words in bytes");

static size_t letter_slot(char c)
{
    return c >= 'a' && c <= 'z' ? (size_t)(c - 'a') : 26;
}

static void build_hint_index(void)
{
    size_t at = 0;
    for (size_t slot = 0; slot < 27; slot++) {
        hint_index.start[slot] = (unsigned char)at;
        for (size_t i = 0; i < HINT_WORDS; i++)
            if (letter_slot(hint_words[i].word[0]) == slot)
                hint_index.order[at++] = (unsigned char)i;
        hint_index.count[slot] = (unsigned char)(at - hint_index.start[slot]);
    }
    for (size_t i = 0; i < HINT_WORDS; i++)
        hint_index.len[i] = (unsigned char)strlen(hint_words[i].word);
}

static unsigned word_hint(const char *w, size_t n)
{
    unsigned prefix_hint = 0;
    int prefix_found = 0;
    call_once(&hint_index_once, build_hint_index);
    size_t slot = letter_slot(w[0]);
    for (size_t j = 0; j < hint_index.count[slot]; j++) {
        size_t i = hint_index.order[hint_index.start[slot] + j], k = hint_index.len[i];
        if (hint_words[i].word[0] != w[0])   /* the rest's slot */
            continue;
        if (hint_words[i].match == WORD_EXACT) {
            if (k == n && memcmp(w, hint_words[i].word, n) == 0)
                return hint_words[i].hint;
        } else if (!prefix_found && k <= n && memcmp(w, hint_words[i].word, k) == 0) {
            prefix_hint = hint_words[i].hint;
            prefix_found = 1;
        }
    }
    return prefix_hint;
}

static int is_state_word(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof state_words / sizeof state_words[0]; i++)
        if (state_words[i][0] == w[0] && strlen(state_words[i]) == n
            && memcmp(w, state_words[i], n) == 0)
            return 1;
    return 0;
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The hints of one class or id token ("entry-content", "relatedPosts"):
 * its words split at punctuation and at lower-to-upper case changes. */
static unsigned token_hints(const char *t, size_t len)
{
    char word[HINT_WORD_MAX + 1], joined[HINT_WORD_MAX + 1];
    size_t n = 0, joined_len = 0, words = 0;
    unsigned hints = 0;
    /* BEM's modifiers ("block--modifier") name a variant of the block, not
     * what it is: "node--promoted", "section--has-ads", "Section--Ads". */
    const char *modifier = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (t[i] == '-' && t[i + 1] == '-') {
            modifier = t + i;
            break;
        }
    if (modifier && modifier > t)
        len = (size_t)(modifier - t);
    for (size_t i = 0; i <= len; i++) {
        unsigned char c = i < len ? (unsigned char)t[i] : 0;
        int boundary = !is_alnum(c)
            || (n > 0 && c >= 'A' && c <= 'Z' && t[i - 1] >= 'a' && t[i - 1] <= 'z');
        if (boundary && n > 0) {
            if (is_state_word(word, n))   /* "has-sidebar", "o-section-has-ads" */
                return words == 0 ? 0 : hints;
            /* "tag-brexit", "category-news": WordPress names the post's
             * terms in its classes; the post is not a tag list. */
            if (words == 0 && c != 0 && ((n == 3 && memcmp(word, "tag", 3) == 0)
                                         || (n == 8 && memcmp(word, "category", 8) == 0)))
                return 0;
            /* "widget" names a sidebar's box when it leads ("widget_text",
             * "widget-area"); page builders name every part so
             * ("elementor-widget-container"). */
            if (n <= HINT_WORD_MAX && !(words > 0 && n >= 6 && memcmp(word, "widget", 6) == 0))
                hints |= word_hint(word, n);
            words++;
            n = 0;
        }
        if (is_alnum(c)) {
            char lower = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            if (n < HINT_WORD_MAX)
                word[n] = lower;
            n++;
            if (joined_len < HINT_WORD_MAX)
                joined[joined_len++] = lower;
        }
    }
    /* Hidden: the whole token says so ("hidden", "is-hidden", "d-none"), or
     * it is screen-reader-only text ("sr-only", "visually-hidden").  Not a
     * token that ends so: Drupal's "field--label-hidden" hides the label,
     * Bootstrap's "hidden-xs" hides on phones only.  Nor "print-only": some
     * pages put their whole story in it. */
    joined[joined_len] = '\0';
    if (strcmp(joined, "hidden") == 0 || strcmp(joined, "ishidden") == 0
        || strcmp(joined, "hide") == 0 || strcmp(joined, "invisible") == 0
        || strcmp(joined, "dnone") == 0 || strstr(joined, "sronly")
        || strcmp(joined, "elementinvisible") == 0   /* Drupal's screen-reader text */
        || strstr(joined, "visuallyhidden") || strstr(joined, "screenreader"))
        hints |= HINT_HIDDEN;
    return hints;
}

/* The hints of a class or id attribute: each white-space separated token. */
static unsigned attribute_hints(const char *v)
{
    unsigned hints = 0;
    if (v == NULL)
        return 0;
    while (*v) {
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '\f')
            v++;
        const char *start = v;
        while (*v && *v != ' ' && *v != '\t' && *v != '\n' && *v != '\r' && *v != '\f')
            v++;
        if (v > start)
            hints |= token_hints(start, (size_t)(v - start));
    }
    return hints;
}

/* ARIA roles and schema.org microdata name parts outright. */
static unsigned role_hints(const char *role, const char *itemprop, const char *itemtype)
{
    static const struct { const char *name; unsigned hint; } roles[] = {
        { "navigation", HINT_NAV }, { "menu", HINT_NAV }, { "menubar", HINT_NAV },
        { "search", HINT_NAV }, { "banner", HINT_NAV }, { "contentinfo", HINT_FOOTER },
        { "complementary", HINT_SIDEBAR }, { "dialog", HINT_PROMO },
        { "alertdialog", HINT_PROMO }, { "tooltip", HINT_PROMO },
        { "main", HINT_ARTICLE_BODY }, { "article", HINT_CONTENT },
    };
    unsigned hints = 0;
    if (role)
        for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
            if (strcasecmp(role, roles[i].name) == 0)
                hints |= roles[i].hint;
    if (itemprop) {
        if (page_contains_ci(itemprop, "articlebody") || strcasecmp(itemprop, "text") == 0
            || page_contains_ci(itemprop, "reviewbody"))
            hints |= HINT_ARTICLE_BODY;
        else if (page_contains_ci(itemprop, "comment"))
            hints |= HINT_COMMENTS;
        else if (page_contains_ci(itemprop, "author") || page_contains_ci(itemprop, "date")
                 || page_contains_ci(itemprop, "publisher") || page_contains_ci(itemprop, "creator"))
            hints |= HINT_META;
        else if (page_contains_ci(itemprop, "caption"))
            hints |= HINT_CAPTION;
    }
    if (itemtype) {
        if (page_contains_ci(itemtype, "comment"))
            hints |= HINT_COMMENTS;
        else if (page_contains_ci(itemtype, "WPSideBar"))
            hints |= HINT_SIDEBAR;
        else if (page_contains_ci(itemtype, "WPFooter"))
            hints |= HINT_FOOTER;
        else if (page_contains_ci(itemtype, "SiteNavigationElement"))
            hints |= HINT_NAV;
    }
    return hints;
}

/* Hidden by an inline style: display:none or visibility:hidden. */
static int style_hides(const char *style)
{
    char squeezed[128];
    size_t n = 0;
    for (const char *p = style; *p && n + 1 < sizeof squeezed; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n')
            squeezed[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    squeezed[n] = '\0';
    return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

/* What the tag itself says of its element. */
static unsigned tag_hints(unsigned char tag)
{
    switch (tag) {
    case TAG_NAV: return HINT_NAV;
    case TAG_ASIDE: return HINT_SIDEBAR;
    case TAG_FOOTER: return HINT_FOOTER;
    case TAG_FIGCAPTION: return HINT_CAPTION;
    case TAG_FORM: return HINT_FORM;
    case TAG_DIALOG: return HINT_PROMO;
    case TAG_HEADER: return HINT_HEADER;
    case TAG_MAIN: return HINT_ARTICLE_BODY;
    case TAG_ARTICLE: return HINT_CONTENT;
    default: return 0;
    }
}

/* The attributes are read in one pass: most elements have none or one,
 * and looking each name up apart walked the list eight times. */
unsigned page_element_hints(const xmlNode *node, unsigned char tag)
{
    const char *role = NULL, *itemprop = NULL, *itemtype = NULL;
    unsigned hints = tag_hints(tag);
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        if (name == NULL)
            continue;
        const char *value = page_attr_value(a);
        if (strcmp(name, "class") == 0 || strcmp(name, "id") == 0)
            hints |= attribute_hints(value);
        else if (strcmp(name, "role") == 0)
            role = value;
        else if (strcmp(name, "itemprop") == 0)
            itemprop = value;
        else if (strcmp(name, "itemtype") == 0)
            itemtype = value;
        else if (strcmp(name, "hidden") == 0
                 || (strcmp(name, "aria-hidden") == 0 && strcasecmp(value, "true") == 0)
                 || (strcmp(name, "style") == 0 && style_hides(value)))
            hints |= HINT_HIDDEN;
    }
    return hints | role_hints(role, itemprop, itemtype);
}
