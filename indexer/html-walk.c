/* html-walk.c: a parsed page flattened into elements and text blocks.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One pass over libxml2's tree, in document order, without recursion (the
 * tree's parent pointers lead back up).  Each element becomes a
 * page_element_t with what its tag and its class, id, role and itemprop
 * say ("hints"); the text between block boundaries becomes a
 * page_block_t, owned by the innermost block-level element around it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html-internal.h"
#include "utf8.h"

/* ---------------------------------------------------------------- tags */

enum { TF_BLOCK = 1, TF_SKIP = 2, TF_NOTEXT = 4 };

/* Sorted by name, for bsearch.  TF_SKIP: not descended into (no readable
 * text: scripts, media, form controls); TF_NOTEXT: descended into for
 * <meta> and <link>, but its text is not the page's (head, title). */
static const struct tag_entry {
    const char *name;
    unsigned char tag, flags;
} tag_table[] = {
    { "a", TAG_A, 0 }, { "address", TAG_ADDRESS, TF_BLOCK },
    { "applet", TAG_SKIP, TF_SKIP }, { "area", TAG_SKIP, TF_SKIP },
    { "article", TAG_ARTICLE, TF_BLOCK }, { "aside", TAG_ASIDE, TF_BLOCK },
    { "audio", TAG_SKIP, TF_SKIP }, { "blockquote", TAG_BLOCKQUOTE, TF_BLOCK },
    { "body", TAG_BODY, TF_BLOCK }, { "br", TAG_BR, 0 },
    { "button", TAG_BUTTON, TF_SKIP }, { "canvas", TAG_SKIP, TF_SKIP },
    { "caption", TAG_CAPTION, TF_BLOCK }, { "center", TAG_BLOCK, TF_BLOCK },
    { "datalist", TAG_SKIP, TF_SKIP }, { "dd", TAG_DD, TF_BLOCK },
    { "details", TAG_DETAILS, TF_BLOCK }, { "dialog", TAG_DIALOG, TF_BLOCK },
    { "dir", TAG_UL, TF_BLOCK }, { "div", TAG_DIV, TF_BLOCK },
    { "dl", TAG_DL, TF_BLOCK }, { "dt", TAG_DT, TF_BLOCK },
    { "embed", TAG_SKIP, TF_SKIP }, { "fieldset", TAG_BLOCK, TF_BLOCK },
    { "figcaption", TAG_FIGCAPTION, TF_BLOCK }, { "figure", TAG_FIGURE, TF_BLOCK },
    { "footer", TAG_FOOTER, TF_BLOCK }, { "form", TAG_FORM, TF_BLOCK },
    { "frameset", TAG_SKIP, TF_SKIP },
    { "h1", TAG_H1, TF_BLOCK }, { "h2", TAG_H2, TF_BLOCK }, { "h3", TAG_H3, TF_BLOCK },
    { "h4", TAG_H4, TF_BLOCK }, { "h5", TAG_H5, TF_BLOCK }, { "h6", TAG_H6, TF_BLOCK },
    { "head", TAG_HEAD, TF_BLOCK | TF_NOTEXT }, { "header", TAG_HEADER, TF_BLOCK },
    { "hgroup", TAG_BLOCK, TF_BLOCK }, { "hr", TAG_HR, TF_BLOCK },
    { "html", TAG_HTML, TF_BLOCK }, { "iframe", TAG_SKIP, TF_SKIP },
    { "input", TAG_SKIP, TF_SKIP }, { "legend", TAG_BLOCK, TF_BLOCK },
    { "li", TAG_LI, TF_BLOCK }, { "link", TAG_LINK, 0 },
    { "listing", TAG_PRE, TF_BLOCK }, { "main", TAG_MAIN, TF_BLOCK },
    { "map", TAG_SKIP, TF_SKIP }, { "math", TAG_SKIP, TF_SKIP },
    { "menu", TAG_UL, TF_BLOCK }, { "meta", TAG_META, 0 },
    { "nav", TAG_NAV, TF_BLOCK }, { "noembed", TAG_SKIP, TF_SKIP },
    { "noframes", TAG_SKIP, TF_SKIP }, { "noscript", TAG_NOSCRIPT, TF_BLOCK },
    { "object", TAG_SKIP, TF_SKIP }, { "ol", TAG_OL, TF_BLOCK },
    { "optgroup", TAG_SKIP, TF_SKIP }, { "option", TAG_SKIP, TF_SKIP },
    { "p", TAG_P, TF_BLOCK }, { "picture", TAG_SKIP, TF_SKIP },
    { "pre", TAG_PRE, TF_BLOCK },
    /* Ruby annotations (readings over Japanese and Chinese characters) are
     * not the text: "<ruby>子<rt>こ</rt></ruby>ども" reads "子ども". */
    { "rp", TAG_SKIP, TF_SKIP }, { "rt", TAG_SKIP, TF_SKIP }, { "script", TAG_SCRIPT, TF_SKIP },
    { "section", TAG_SECTION, TF_BLOCK }, { "select", TAG_SKIP, TF_SKIP },
    { "source", TAG_SKIP, TF_SKIP }, { "style", TAG_SKIP, TF_SKIP },
    { "summary", TAG_BLOCK, TF_BLOCK }, { "svg", TAG_SKIP, TF_SKIP },
    { "table", TAG_TABLE, TF_BLOCK }, { "tbody", TAG_BLOCK, TF_BLOCK },
    { "td", TAG_TD, TF_BLOCK }, { "template", TAG_SKIP, TF_SKIP },
    { "textarea", TAG_SKIP, TF_SKIP }, { "tfoot", TAG_BLOCK, TF_BLOCK },
    { "th", TAG_TH, TF_BLOCK }, { "thead", TAG_BLOCK, TF_BLOCK },
    { "time", TAG_TIME, 0 }, { "title", TAG_TITLE, TF_NOTEXT },
    { "tr", TAG_TR, TF_BLOCK }, { "ul", TAG_UL, TF_BLOCK },
    { "video", TAG_SKIP, TF_SKIP }, { "xmp", TAG_PRE, TF_BLOCK },
};

static int compare_tag(const void *key, const void *entry)
{
    /* Most steps of the search differ at the first letter: no call. */
    const char *name = ((const struct tag_entry *)entry)->name;
    int first = *(const unsigned char *)key - *(const unsigned char *)name;
    return first ? first : strcmp(key, name);
}

static const struct tag_entry *tag_lookup(const xmlChar *name)
{
    static const struct tag_entry other = { "", TAG_OTHER, 0 };
    const struct tag_entry *e = name ? bsearch(name, tag_table, sizeof tag_table / sizeof tag_table[0],
                                               sizeof tag_table[0], compare_tag) : NULL;
    return e ? e : &other;
}

/* ---------------------------------------------------------- attributes */

const char *page_attr_value(const xmlAttr *a)
{
    return a->children && a->children->content ? (const char *)a->children->content : "";
}

const char *page_attr(const xmlNode *node, const char *name)
{
    for (const xmlAttr *a = node->properties; a; a = a->next)
        if (a->name && strcmp((const char *)a->name, name) == 0)
            return page_attr_value(a);
    return NULL;
}

int page_is_ancestor(const page_t *page, int a, int d)
{
    while (d >= 0 && d != a)
        d = page->elements[d].parent;
    return d == a && a >= 0;
}

/* ------------------------------------------------------------ the text */

static int is_space_char(unsigned ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'
        || ch == 0xA0 || ch == 0x1680 || (ch >= 0x2000 && ch <= 0x200A) || ch == 0x2028
        || ch == 0x2029 || ch == 0x202F || ch == 0x205F || ch == 0x3000 || ch == 0x85;
}

/* As article.c: controls and the invisible characters that would split
 * words (soft hyphen, zero-width space, word joiner, byte order mark).  Not
 * the zero-width (non-)joiners: Indic and Arabic scripts spell with them. */
static int is_dropped_char(unsigned ch)
{
    return ch < 0x20 || (ch >= 0x7F && ch <= 0x9F) || ch == 0xAD || ch == 0x200B
        || ch == 0x2060 || ch == 0xFEFF;
}

static int is_punct_char(unsigned ch)
{
    return ch == ',' || ch == '.' || ch == ';' || ch == ':' || ch == '!' || ch == '?'
        || ch == 0x3001 || ch == 0x3002 || ch == 0xFF0C || ch == 0xFF01 || ch == 0xFF1F
        || ch == 0x060C || ch == 0x061F;
}

/* The text being gathered into the next block: it is page->text from
 * START on. */
typedef struct {
    size_t start;
    unsigned chars, link_chars, words, punct;
    int space;              /* a space is due before the next character */
    int br;                 /* a single <br> came before the next character */
    int link_depth;         /* inside how many <a href> */
    int owner;              /* the element that owns the text (0: the document) */
} run_t;

static void push_block(page_t *p, run_t *r)
{
    size_t len = p->text.len - r->start;
    if (r->chars > 0 && !p->oom) {
        if (p->block_count == p->block_cap) {
            size_t cap = p->block_cap ? 2 * p->block_cap : 256;
            page_block_t *b = realloc(p->blocks, cap * sizeof *b);
            if (b == NULL) {
                p->oom = 1;
                return;
            }
            p->blocks = b;
            p->block_cap = cap;
        }
        const page_element_t *e = &p->elements[r->owner];
        page_block_t *b = &p->blocks[p->block_count++];
        memset(b, 0, sizeof *b);
        b->offset = r->start;
        b->len = len;
        b->element = r->owner;
        b->chars = r->chars;
        b->link_chars = r->link_chars;
        b->words = r->words;
        b->punct = r->punct;
        switch (e->tag) {
        case TAG_LI: case TAG_DT: case TAG_DD: b->kind = BLOCK_ITEM; break;
        case TAG_BLOCKQUOTE: b->kind = BLOCK_QUOTE; break;
        case TAG_PRE: b->kind = BLOCK_PRE; break;
        case TAG_TD: case TAG_TH: b->kind = BLOCK_CELL; break;
        case TAG_CAPTION: case TAG_FIGCAPTION: b->kind = BLOCK_CAPTION; break;
        default: b->kind = TAG_IS_HEADING(e->tag) ? BLOCK_HEADING : BLOCK_TEXT;
        }
        /* A heading's own text; a paragraph that a parser left inside an
         * unclosed <h2> is not a heading. */
        b->heading = TAG_IS_HEADING(e->tag) ? (unsigned char)(e->tag - TAG_H1 + 1) : 0;
        b->quoted = e->quoted;
        b->tag_p = e->tag == TAG_P;
        /* Each block ends with a NUL, so that its text is a C string:
         * string functions on one block must not run on through the
         * rest of the page (quadratic on a page of many blocks). */
        buf_putc(&p->text, '\0');
    } else {
        p->text.len = r->start;   /* nothing but white space */
        if (p->text.data)
            p->text.data[r->start] = '\0';
    }
    r->start = p->text.len;
    r->chars = r->link_chars = r->words = r->punct = 0;
    r->space = r->br = 0;
}

/* Whether the run's text ends a sentence (so a single <br> after it ends
 * a paragraph). */
static int run_ends_sentence(const page_t *p, const run_t *r)
{
    if (p->text.len == r->start)
        return 0;
    char c = p->text.data[p->text.len - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '"';
}

static void append_text(page_t *p, run_t *r, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        unsigned ch = (unsigned char)s[i] < 0x80 ? (unsigned char)s[i++] : utf8_decode(s, len, &i);
        if (ch == UTF8_INVALID)
            ch = 0xFFFD;
        if (is_space_char(ch)) {
            r->space = 1;
            continue;
        }
        if (is_dropped_char(ch))
            continue;
        if (r->br) {
            r->br = 0;
            if (run_ends_sentence(p, r))
                push_block(p, r);
            else
                r->space = 1;
        }
        if (r->chars == 0 || r->space) {
            if (r->chars > 0)
                buf_putc(&p->text, ' ');
            r->words++;
        }
        r->space = 0;
        unsigned chars = 1, punct = is_punct_char(ch);
        if (ch == 0xFFFD && i - start == 1) {
            buf_append(&p->text, "\xEF\xBF\xBD", 3);
        } else {
            /* The printable ASCII that follows goes in with it: one append
             * a word, not one a character. */
            for (; i < len && s[i] > ' ' && s[i] < 0x7F; i++, chars++)
                punct += is_punct_char((unsigned char)s[i]);
            buf_append(&p->text, s + start, i - start);
        }
        r->chars += chars;
        if (r->link_depth > 0)
            r->link_chars += chars;
        r->punct += punct;
    }
    if (p->text.failed)
        p->oom = 1;
}

void page_fold_text(const char *s, size_t len, buf_t *out)
{
    int space = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        unsigned ch = utf8_decode(s, len, &i);
        if (ch == UTF8_INVALID) {
            ch = 0xFFFD;
            start = i;   /* write U+FFFD, not the bad byte */
        }
        if (is_space_char(ch)) {
            space = 1;
            continue;
        }
        if (is_dropped_char(ch))
            continue;
        if (space && out->len > 0 && out->data[out->len - 1] != ' ')
            buf_putc(out, ' ');
        space = 0;
        if (start == i)
            buf_append(out, "\xEF\xBF\xBD", 3);
        else
            buf_append(out, s + start, i - start);
    }
}

void page_node_text(const xmlNode *node, buf_t *out, size_t max)
{
    const xmlNode *n = node->children;
    size_t start = out->len;
    while (n && out->len - start < max) {
        int descend = 0;
        /* Text nodes as they are ("Hel<b>lo</b>" is one word), a space
         * where a block or <br> starts or ends; folded below. */
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                buf_puts(out, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            const struct tag_entry *t = tag_lookup(n->name);
            if ((t->flags & TF_BLOCK) || t->tag == TAG_BR)
                buf_putc(out, ' ');
            descend = !(t->flags & TF_SKIP) && n->children != NULL;
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n && n != node && n->next == NULL) {
            n = n->parent;
            if (n && n != node && n->type == XML_ELEMENT_NODE && (tag_lookup(n->name)->flags & TF_BLOCK))
                buf_putc(out, ' ');
        }
        if (n == NULL || n == node)
            break;
        n = n->next;
    }
    /* Trim, and fold the spaces put between text nodes. */
    buf_t folded = BUF_INIT;
    page_fold_text(out->data ? out->data + start : "", out->len - start, &folded);
    out->len = start;
    if (out->data)
        out->data[start] = '\0';
    size_t keep = utf8_cut(folded.data ? folded.data : "", folded.len, max);
    while (keep > 0 && folded.data[keep - 1] == ' ')
        keep--;
    buf_append(out, folded.data ? folded.data : "", keep);
    buf_free(&folded);
}

/* ------------------------------------------------------------- the walk */

static int grow(void **array, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return 1;
    size_t n = *cap ? 2 * *cap : 64;
    void *a = realloc(*array, n * size);
    if (a == NULL)
        return 0;
    *array = a;
    *cap = n;
    return 1;
}

static void push_index(page_t *p, int **array, size_t *count, size_t *cap, int index)
{
    if (!grow((void **)array, cap, *count, sizeof **array)) {
        p->oom = 1;
        return;
    }
    (*array)[(*count)++] = index;
}

static void note_meta(page_t *p, const char *name, const char *content, int element)
{
    if (name == NULL || content == NULL || !grow((void **)&p->metas, &p->meta_cap,
                                                 p->meta_count, sizeof *p->metas)) {
        if (name && content)
            p->oom = 1;
        return;
    }
    p->metas[p->meta_count].name = name;
    p->metas[p->meta_count].content = content;
    p->metas[p->meta_count++].element = element;
}

/* What the metadata reader will want of element INDEX: <meta> pairs, JSON-
 * LD scripts, and elements marked by microdata, datetime, rel or tag. */
static void note_element(page_t *p, int index, const struct tag_entry *t)
{
    const xmlNode *node = p->elements[index].node;
    switch (t->tag) {
    case TAG_META: {
        const char *content = page_attr(node, "content");
        note_meta(p, page_attr(node, "property"), content, index);
        note_meta(p, page_attr(node, "name"), content, index);
        note_meta(p, page_attr(node, "itemprop"), content, index);
        note_meta(p, page_attr(node, "http-equiv"), content, index);
        return;
    }
    case TAG_SCRIPT: {
        const char *type = page_attr(node, "type");
        if (type && page_contains_ci(type, "ld+json"))
            push_index(p, &p->scripts, &p->script_count, &p->script_cap, index);
        return;
    }
    case TAG_TITLE:
        if (p->title_element < 0)
            p->title_element = index;
        return;
    case TAG_BODY:
        if (p->body_element < 0)
            p->body_element = index;
        break;
    default:
        break;
    }
    if (t->tag == TAG_TIME || t->tag == TAG_H1 || t->tag == TAG_H2 || t->tag == TAG_LINK
        || page_attr(node, "itemprop") || page_attr(node, "rel") || page_attr(node, "datetime")
        || (p->elements[index].hints & HINT_META))
        push_index(p, &p->marked, &p->marked_count, &p->marked_cap, index);
}

/* Opens element NODE under PARENT (-1: NODE is the document, which has
 * no attributes).  Returns its index, or -1 (out of memory). */
static int open_element(page_t *p, xmlNode *node, int parent, const struct tag_entry *t)
{
    if (!grow((void **)&p->elements, &p->element_cap, p->element_count, sizeof *p->elements)) {
        p->oom = 1;
        return -1;
    }
    int index = (int)p->element_count++;
    page_element_t *e = &p->elements[index];
    const page_element_t *up = parent < 0 ? NULL : &p->elements[parent];
    memset(e, 0, sizeof *e);
    e->node = node;
    e->parent = parent;
    e->depth = up ? (unsigned short)(up->depth + 1) : 0;
    e->tag = t->tag;
    e->block = (t->flags & TF_BLOCK) != 0;
    e->heading = TAG_IS_HEADING(t->tag) ? (unsigned char)(t->tag - TAG_H1 + 1)
                                         : up ? up->heading : 0;
    e->quoted = t->tag == TAG_BLOCKQUOTE || (up && up->quoted);
    /* The classes of <html> and <body> describe the page ("single-post
     * has-comments"), not a part of it. */
    if (up && t->tag != TAG_HTML && t->tag != TAG_BODY)
        e->hints = page_element_hints(node, t->tag);
    e->inherited = e->hints | (up ? up->inherited : 0);
    e->first_block = e->end_block = p->block_count;
    if (up)
        note_element(p, index, t);
    return index;
}

/* The innermost block element at or above INDEX (the document at worst). */
static int block_owner(const page_t *p, int index)
{
    while (index > 0 && !p->elements[index].block)
        index = p->elements[index].parent;
    return index < 0 ? 0 : index;
}

void page_walk(page_t *p, xmlDoc *doc)
{
    static const struct tag_entry doc_tag = { "", TAG_BLOCK, TF_BLOCK };
    run_t run = { 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    int notext = 0;          /* inside how many elements whose text is not the page's */
    int current;             /* the innermost open element */
    xmlNode *top = (xmlNode *)doc, *n = doc->children;

    p->doc = doc;
    p->title_element = p->body_element = p->root = p->heading = -1;
    /* Element 0 is the document: it owns text outside any element. */
    if (open_element(p, top, -1, &doc_tag) < 0)
        return;
    current = 0;
    run.start = p->text.len;

    while (n && !p->oom) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            const struct tag_entry *t = tag_lookup(n->name);
            if (t->flags & TF_BLOCK)
                push_block(p, &run);
            int index = open_element(p, n, current, t);
            if (index < 0)
                break;
            n->_private = (void *)(intptr_t)(index + 1);
            if (t->tag == TAG_BR) {
                if (run.br)
                    push_block(p, &run);   /* <br><br>: a paragraph break */
                else if (run.chars > 0)
                    run.br = 1;
            }
            if (!(t->flags & TF_SKIP) && !(p->elements[index].hints & HINT_HIDDEN)
                && n->children) {
                descend = 1;
                current = index;
                if (t->flags & TF_BLOCK)
                    run.owner = index;
                if (t->flags & TF_NOTEXT)
                    notext++;
                if (t->tag == TAG_A && page_attr(n, "href"))
                    run.link_depth++;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
                   && notext == 0 && n->content) {
            append_text(p, &run, (const char *)n->content, strlen((const char *)n->content));
        }
        if (descend) {
            n = n->children;
            continue;
        }
        /* Up to the next sibling, closing the elements left behind. */
        while (n->next == NULL) {
            n = n->parent;
            if (n == NULL || n == top || current <= 0)
                break;
            page_element_t *e = &p->elements[current];
            const struct tag_entry *t = tag_lookup(n->name);
            if (e->block)
                push_block(p, &run);
            e->end_block = p->block_count;
            if (t->flags & TF_NOTEXT)
                notext--;
            if (t->tag == TAG_A && page_attr(n, "href"))
                run.link_depth--;
            current = e->parent;
            run.owner = block_owner(p, current);
        }
        if (n == NULL || n == top || current < 0)
            break;
        n = n->next;
    }
    push_block(p, &run);
    p->elements[0].end_block = p->block_count;
    if (p->text.failed)
        p->oom = 1;
}

void page_free(page_t *page)
{
    jsonld_free(&page->ld);
    free(page->elements);
    free(page->blocks);
    buf_free(&page->text);
    free(page->metas);
    free(page->scripts);
    free(page->marked);
    memset(page, 0, sizeof *page);
}
