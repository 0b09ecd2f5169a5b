/* html-internal.h: what the parts of the HTML reader share (not an API).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * html.c parses a page with libxml2, html-walk.c flattens the tree into
 * elements and text blocks (page_t), html-body.c picks the story's blocks,
 * html-meta.c (with html-jsonld.c and html-date.c) finds title, date,
 * byline, source and URL.  Elements and blocks are in document order, and
 * the blocks of an element's subtree are the range [first_block,
 * end_block), so sums over a subtree are differences of prefix sums.
 */
#ifndef TRAWL_HTML_INTERNAL_H
#define TRAWL_HTML_INTERNAL_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "article.h"
#include "buf.h"

/* libxml2's options: recover from anything, report nothing, fetch
 * nothing.  The charset is decided and converted before (charset.h), so
 * libxml2 reads UTF-8 and ignores the page's own <meta charset>
 * (HTML_PARSE_IGNORE_ENC).  HTML_PARSE_HUGE stays off: it lifts libxml2's
 * limits on nesting depth (256) and on the size of one text node. */
#define HTML_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING \
                      | HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC)

/* The tags trawl tells apart; every other element is TAG_OTHER (inline). */
typedef enum {
    TAG_OTHER, TAG_A, TAG_ADDRESS, TAG_ARTICLE, TAG_ASIDE, TAG_BLOCKQUOTE,
    TAG_BODY, TAG_BR, TAG_BUTTON, TAG_CAPTION, TAG_DD, TAG_DETAILS, TAG_DIALOG,
    TAG_DIV, TAG_DL, TAG_DT, TAG_FIGCAPTION, TAG_FIGURE, TAG_FOOTER, TAG_FORM,
    TAG_H1, TAG_H2, TAG_H3, TAG_H4, TAG_H5, TAG_H6, TAG_HEAD, TAG_HEADER,
    TAG_HR, TAG_HTML, TAG_LI, TAG_LINK, TAG_MAIN, TAG_META, TAG_NAV,
    TAG_NOSCRIPT, TAG_OL, TAG_P, TAG_PRE, TAG_SCRIPT, TAG_SECTION, TAG_SKIP,
    TAG_TABLE, TAG_TD, TAG_TH, TAG_TIME, TAG_TITLE, TAG_TR, TAG_UL,
    TAG_BLOCK      /* another element that starts a block (center, fieldset ...) */
} tag_t;

#define TAG_IS_HEADING(t) ((t) >= TAG_H1 && (t) <= TAG_H6)

/* What an element's class, id, role and itemprop say (html-walk.c,
 * "hints").  The boilerplate kinds first. */
enum {
    HINT_NAV = 1u << 0,         /* menus, breadcrumbs, pagination */
    HINT_FOOTER = 1u << 1,
    HINT_SIDEBAR = 1u << 2,     /* sidebars, widgets */
    HINT_SHARE = 1u << 3,       /* share and follow bars */
    HINT_RELATED = 1u << 4,     /* related, recommended, most read, teasers */
    HINT_PROMO = 1u << 5,       /* newsletter, subscription, sign-in prompts */
    HINT_CONSENT = 1u << 6,     /* cookie and consent notices */
    HINT_AD = 1u << 7,          /* advertisements, sponsored blocks */
    HINT_META = 1u << 8,        /* byline, date, tags, categories lines */
    HINT_CAPTION = 1u << 9,     /* captions and picture credits */
    HINT_HIDDEN = 1u << 10,     /* hidden: style, attribute, screen-reader text */
    HINT_COMMENTS = 1u << 11,   /* a reader comments section */
    HINT_CONTENT = 1u << 12,    /* "article", "content", "story", "post" ... */
    HINT_ARTICLE_BODY = 1u << 13, /* itemprop=articleBody, role=main: the story */
    HINT_COMMENT_FORM = 1u << 14, /* "respond", "reply" forms in comments */
    HINT_FORM = 1u << 15,       /* <form>: search boxes, sign-ups, comment forms */
    HINT_HEADER = 1u << 16      /* <header>: a page's banner or an article's head */
};

#define HINT_BOILERPLATE (HINT_NAV | HINT_FOOTER | HINT_SIDEBAR | HINT_SHARE | \
                          HINT_RELATED | HINT_PROMO | HINT_CONSENT | HINT_AD | \
                          HINT_META | HINT_CAPTION | HINT_FORM)

typedef struct {
    xmlNode *node;
    int parent;                 /* index of the parent element; -1 at the top */
    unsigned short depth;       /* elements above it */
    unsigned char tag;          /* tag_t */
    unsigned char block;        /* 1: its text is a block of its own (p, div, li ...) */
    unsigned char heading;      /* 1-6 inside h1-h6 (innermost), else 0 */
    unsigned char quoted;       /* inside a blockquote */
    unsigned hints;             /* HINT_* of this element */
    unsigned inherited;         /* HINT_* of it and its ancestors */
    unsigned believed;          /* html-body.c: the inherited hints it believes */
    size_t first_block, end_block;   /* its subtree's blocks */
} page_element_t;

/* What kind of element holds a block's text. */
typedef enum {
    BLOCK_TEXT,                 /* p, div and the like */
    BLOCK_HEADING,
    BLOCK_ITEM,                 /* li, dt, dd */
    BLOCK_QUOTE,
    BLOCK_PRE,
    BLOCK_CELL,                 /* td, th */
    BLOCK_CAPTION               /* figcaption, caption */
} block_kind_t;

/* What became of a block (html-body.c, html-meta.c), and why. */
typedef enum {
    FATE_OUTSIDE,               /* not in the main content */
    FATE_BODY,                  /* a paragraph of the story */
    FATE_COMMENT,               /* a reader comment */
    FATE_HINT,                  /* under boilerplate hints (block->hints says which) */
    FATE_LINKS,                 /* a link list */
    FATE_CAPTION,               /* a caption or picture credit */
    FATE_EDGE,                  /* a short fragment at either end of the story */
    FATE_METADATA               /* the headline, a byline or date line */
} block_fate_t;

typedef struct {
    size_t offset, len;         /* text in page->text: folded, trimmed UTF-8,
                                   NUL-terminated */
    int element;                /* the element whose text it is */
    unsigned chars;             /* characters */
    unsigned link_chars;        /* characters inside <a href> */
    unsigned words;
    unsigned punct;             /* , . ; : ! ? and their CJK forms */
    unsigned char kind;         /* block_kind_t */
    unsigned char heading;      /* 1-6 for h1-h6 (also inside them), else 0 */
    unsigned char quoted;       /* inside a blockquote */
    unsigned char tag_p;        /* the text of a <p> */
    unsigned char fate;         /* block_fate_t */
    unsigned hints;             /* the believed hints that dropped it (FATE_HINT) */
} page_block_t;

/* html-jsonld.c: what a page's JSON-LD says of its article. */
typedef struct {
    char *headline, *date, *author, *publisher, *url;   /* folded text, or NULL */
    char *site_name;            /* a WebSite's or Organization's name */
    int rank;                   /* how surely the object read is the article */
} jsonld_t;

/* A <meta> with content: name (or property, itemprop, http-equiv), lower-
 * cased, and content, both owned by the libxml2 document. */
typedef struct {
    const char *name, *content;
    int element;
} page_meta_t;

typedef struct {
    xmlDoc *doc;
    page_element_t *elements;
    size_t element_count, element_cap;
    page_block_t *blocks;
    size_t block_count, block_cap;
    buf_t text;                 /* the text of every block, back to back */
    page_meta_t *metas;
    size_t meta_count, meta_cap;
    int *scripts;               /* <script type="application/ld+json"> elements */
    size_t script_count, script_cap;
    int *marked;                /* elements with itemprop, datetime, rel=author */
    size_t marked_count, marked_cap;
    int title_element;          /* the first <title>, or -1 */
    int body_element;           /* <body>, or -1 */
    int root;                   /* html-body.c: the main content's element, or -1 */
    int heading;                /* html-title.c: the headline's element, or -1 */
    int title_unconfirmed;      /* html-title.c: the title is <title>'s, and no
                                   heading says it */
    char host[256];             /* the page's host ("" if unknown) */
    jsonld_t ld;                /* what its JSON-LD says */
    int oom;                    /* memory ran out somewhere: give up */
} page_t;

/* html.c: decodes BYTES[0..LEN) (charset.h; CONTENT_TYPE may be NULL) and
 * parses them with libxml2.  Returns the document (free with
 * xmlFreeDoc()), or NULL with *OOM set when memory ran out, clear when
 * libxml2 made nothing of the input.  Appends what went wrong on the way
 * (an unknown charset, a page cut at HTML_MAX_BYTES) to WARNING. */
xmlDoc *page_read(const char *bytes, size_t len, const char *content_type, buf_t *warning,
                  int *oom);

/* html-walk.c: fills PAGE's elements, blocks, metas, scripts and marked
 * elements from DOC (owned by the caller).  Iterative, so the depth of the
 * tree costs no stack.  Sets page->oom when memory runs out. */
void page_walk(page_t *page, xmlDoc *doc);
void page_free(page_t *page);

/* html-hints.c: the HINT_* that NODE's tag (a tag_t), class, id, role,
 * itemprop, itemtype and style say. */
unsigned page_element_hints(const xmlNode *node, unsigned char tag);

/* The value of attribute NAME of NODE (owned by the document), "" for an
 * attribute without a value, NULL when NODE has none. */
const char *page_attr(const xmlNode *node, const char *name);
/* The value of attribute A ("" when it has none). */
const char *page_attr_value(const xmlAttr *a);

/* Appends the text of NODE's subtree, white space folded, to OUT (scripts
 * and styles left out); at most MAX bytes, cut at a character. */
void page_node_text(const xmlNode *node, buf_t *out, size_t max);

/* Folds white space (ASCII and Unicode spaces become one space; controls
 * and invisible characters are dropped) in S[0..LEN), appending to OUT,
 * trimmed. */
void page_fold_text(const char *s, size_t len, buf_t *out);

/* Non-zero if element A is element D or one of its ancestors. */
int page_is_ancestor(const page_t *page, int a, int d);

/* html-util.c: text helpers of the metadata readers.  Each returns a
 * malloc'ed string, or NULL when there is no text (or no memory). */
/* S[0..LEN) with white space folded and trimmed. */
char *page_fold_dup(const char *s, size_t len);
/* The folded text of element INDEX (at most 1024 bytes). */
char *page_element_text(const page_t *page, int index);
/* A value a page states for machines (a <meta> content, a JSON-LD
 * string): character references a template left undecoded decoded, then
 * folded. */
char *page_clean_value(const char *s);
/* The cleaned content of the first <meta> named any of NAMES (the order of
 * NAMES first, then the page's). */
char *page_meta_value(const page_t *page, const char *const *names, size_t count);
/* Non-zero if A and B are the same text but for ASCII case, white space
 * and ASCII punctuation ("Lotte Tobisch ist tot" = "LOTTE TOBISCH IST TOT!"). */
int page_same_text(const char *a, const char *b);
/* Whether S (NULL: no) holds WORD anywhere, in any ASCII case. */
int page_contains_ci(const char *s, const char *word);
/* The URL a web archive's copy URL keeps ("https://web.archive.org/web/
 * 20080731095558/http://example.org/x" gives "http://example.org/x"), else
 * URL itself. */
const char *page_unarchived_url(const char *url);
/* The host of URL (of the page an archive's URL keeps), lower case, without "www." or port ("https://www.
 * Example.org:80/x" gives "example.org"), in OUT (SIZE bytes).  Returns 0
 * when URL names none (or it does not fit). */
int page_url_host(const char *url, char *out, size_t size);

/* Reads the JSON-LD script TEXT[0..LEN) (malformed JSON as templates write
 * it is read as far as it goes) and keeps in *OUT the article it
 * describes, when it is more surely the page's article than the one *OUT
 * holds (start with a zeroed jsonld_t). */
void jsonld_read(const char *text, size_t len, jsonld_t *out);
void jsonld_free(jsonld_t *j);

/* html-title.c: the headline: in *TITLE (malloc'ed, or NULL), and the
 * element that shows it in *HEADING (-1 if none), from LD's headline,
 * PAGE's <meta> titles, its <h1> and <title>; SITE (the source) and HOST
 * (the URL's) tell a site's name in a title from the headline. */
void page_title(page_t *page, const jsonld_t *ld, const char *site, const char *host,
                char **title, int *heading);
/* Whether PART[0..LEN) names the site: its stated name SITE (may be NULL),
 * or its host HOST without the top-level domain ("Example News" for
 * example-news.org). */
int page_names_site(const char *part, size_t len, const char *site, const char *host);
/* After page_select_body(): with no headline found by the stated title,
 * the main <h1> (the first in the main content, else the last before it)
 * in *HEADING, and its text in *TITLE when *TITLE is NULL or only the
 * <title>'s that no heading says (page->title_unconfirmed). */
void page_title_fallback(const page_t *page, const char *site, char **title, int *heading);

/* html-byline.c: the story's byline (malloc'ed, or NULL), after
 * page_select_body(); SITE is the source (may be NULL). */
char *page_byline(const page_t *page, const char *site);
/* Whether TEXT (a block) is the byline line of BYLINE ("By Jane Doe"). */
int page_is_byline_line(const char *text, const char *byline);

/* html-date.c: the one place a date string becomes "YYYY-MM-DD" (or
 * "YYYY-MM", "YYYY"): ISO 8601 (with a time or without), day-first
 * numbers (16.10.2019), month names in English, German, French, Spanish,
 * Italian, Portuguese and Dutch, and what article_parse_date() reads.  The
 * first date in S[0..LEN) counts.  Returns 1 and writes OUT, or 0. */
int page_date_parse(const char *s, size_t len, char out[11]);

/* html-pubdate.c: the page's publication date ("YYYY-MM-DD", or partial)
 * in OUT ("" if none), from JSONLD_DATE (JSON-LD datePublished, or NULL),
 * PAGE's <meta>, microdata and <time> elements and date lines near its
 * headline HEADING (an element, or -1), and the URLs URL (the page's
 * canonical) and GIVEN_URL (the caller's), either may be NULL.  *DATE_BLOCK
 * is the date line's block when one states that date, else -1. */
void page_publication_date(const page_t *page, int heading, const char *jsonld_date,
                           const char *url, const char *given_url, const char *path,
                           char out[11], long *date_block);

/* html-meta.c: what is read before choosing the story: PAGE's JSON-LD
 * (page->ld), OUT's url, source and title, and the headline's element
 * (page->heading).  URL is the caller's (or NULL). */
void page_metadata_head(page_t *page, const char *url, article_t *out);
/* After page_select_body(): OUT's date and byline, and the blocks that
 * repeat the metadata (the headline, a byline or date line) dropped from
 * the story.  PATH is the file's (or NULL), for a date in it. */
void page_metadata(page_t *page, const char *url, const char *path, article_t *out);

/* html-body.c: chooses the main content (page->root) and sets each
 * block's fate. */
void page_select_body(page_t *page);

#endif /* TRAWL_HTML_INTERNAL_H */
