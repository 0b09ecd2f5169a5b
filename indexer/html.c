/* html.c: a web page as an article: decode, parse, walk, choose, fill.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>   /* xmlParserMaxDepth */
#include <libxml/parser.h>

#include "charset.h"
#include "html.h"
#include "html-internal.h"

static int starts_ci(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && strncasecmp(s, word, n) == 0;
}

int html_looks_like(const char *text, size_t len)
{
    static const char *const openers[] = {
        "<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<link",
        "<script", "<style",
    };
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (;;) {
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'
                           || text[i] == '\r' || text[i] == '\f'))
            i++;
        if (starts_ci(text + i, len - i, "<!--")) {
            const char *end = NULL;
            for (size_t k = i + 4; k + 3 <= len; k++)
                if (memcmp(text + k, "-->", 3) == 0) {
                    end = text + k;
                    break;
                }
            if (end == NULL)
                return 0;
            i = (size_t)(end - text) + 3;
            continue;
        }
        if (starts_ci(text + i, len - i, "<?xml")) {
            /* XHTML: the XML declaration, then (after more of the
             * prologue) an <html> element. */
            size_t window = len - i < 1024 ? len - i : 1024;
            for (size_t k = i; k + 5 <= i + window; k++)
                if (starts_ci(text + k, len - k, "<html"))
                    return 1;
            return 0;
        }
        break;
    }
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
        if (starts_ci(text + i, len - i, openers[k])) {
            size_t n = strlen(openers[k]);
            char next = i + n < len ? text[i + n] : '>';
            /* "<header" is not "<head", "<htmlfoo" not "<html". */
            if (next == '>' || next == ' ' || next == '\t' || next == '\n' || next == '\r'
                || next == '/' || (k == 0))
                return 1;
        }
    return 0;
}

static void add_warning(buf_t *w, const char *text)
{
    if (text == NULL)
        return;
    if (w->len)
        buf_puts(w, "; ");
    buf_puts(w, text);
}

/* A story of fewer characters than this is no story: the page's text
 * comes from scripts (a web app, a shop), and its stated description is
 * the best text it has. */
#define STORY_MIN_CHARS 200

/* The page's stated description, when the story is shorter than
 * STORY_MIN_CHARS, longer than it and not in it; else NULL. */
static char *description_instead(const page_t *p)
{
    static const char *const names[] = { "og:description", "description", "twitter:description" };
    size_t chars = 0;
    for (size_t i = 0; i < p->block_count; i++)
        if (p->blocks[i].fate == FATE_BODY)
            chars += p->blocks[i].chars;
    if (chars >= STORY_MIN_CHARS)
        return NULL;
    char *d = page_meta_value(p, names, sizeof names / sizeof names[0]);
    if (d == NULL || strlen(d) <= chars) {
        free(d);
        return NULL;
    }
    for (size_t i = 0; i < p->block_count; i++)
        if (p->blocks[i].fate == FATE_BODY && strstr(p->text.data + p->blocks[i].offset, d)) {
            free(d);
            return NULL;
        }
    return d;
}

/* The kept blocks as OUT's paragraphs: the story's (after the stated
 * description when there is no story, description_instead()), then the
 * comments. */
static int fill_paragraphs(const page_t *p, article_t *out)
{
    size_t n = 0;
    char *description = description_instead(p);
    for (size_t i = 0; i < p->block_count; i++)
        n += p->blocks[i].fate == FATE_BODY || p->blocks[i].fate == FATE_COMMENT;
    if (n == 0 && description == NULL)
        return 0;
    out->paragraphs = calloc(n + 1, sizeof *out->paragraphs);
    if (out->paragraphs == NULL) {
        free(description);
        return -1;
    }
    if (description) {
        out->paragraphs[0].text = description;
        out->paragraphs[0].len = strlen(description);
        out->paragraphs[0].kind = PARA_BODY;
        out->paragraph_count = 1;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < p->block_count; i++) {
            const page_block_t *b = &p->blocks[i];
            if (b->fate != (pass == 0 ? FATE_BODY : FATE_COMMENT))
                continue;
            paragraph_t *para = &out->paragraphs[out->paragraph_count];
            para->text = malloc(b->len + 1);
            if (para->text == NULL)
                return -1;
            memcpy(para->text, p->text.data + b->offset, b->len);
            para->text[b->len] = '\0';
            para->len = b->len;
            para->kind = pass == 0 ? PARA_BODY : PARA_COMMENT;
            out->paragraph_count++;
        }
    return 0;
}

static int fail(article_t *out, char **errmsg, const char *why)
{
    article_free(out);
    *errmsg = strdup(why);
    return -1;
}

xmlDoc *page_read(const char *bytes, size_t len, const char *content_type, buf_t *warning,
                  int *oom)
{
    buf_t utf8 = BUF_INIT;
    charset_result_t cs;

    *oom = 0;
    if (len > HTML_MAX_BYTES) {
        buf_printf(warning, "%spage cut to its first %u MiB", warning->len ? "; " : "",
                   HTML_MAX_BYTES >> 20);
        len = HTML_MAX_BYTES;
    }
    if (charset_decode_html(bytes, len, content_type, &utf8, &cs) != 0) {
        buf_free(&utf8);
        *oom = 1;
        return NULL;
    }
    add_warning(warning, cs.warning);
    free(cs.warning);
    /* libxml2's HTML parser takes a NUL for the end of its input: the rest
     * of the page would be lost.  A NUL is no text anyway. */
    for (char *z = utf8.len ? memchr(utf8.data, '\0', utf8.len) : NULL; z;
         z = memchr(z, '\0', (size_t)(utf8.data + utf8.len - z)))
        *z = ' ';

    xmlInitParser();
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    xmlDoc *doc = NULL;
    if (ctxt && utf8.len <= (size_t)0x7FFFFFFF)
        doc = htmlCtxtReadMemory(ctxt, utf8.len ? utf8.data : "", (int)utf8.len, NULL,
                                 "UTF-8", HTML_OPTIONS);
    if (ctxt == NULL) {
        *oom = 1;
    } else {
        /* libxml2 stops at elements nested deeper than xmlParserMaxDepth
         * (256; its only internal error here): what follows is lost, and
         * is said to be. */
        if (doc && ctxt->errNo == XML_ERR_INTERNAL_ERROR)
            buf_printf(warning, "%selements nested over %u deep: the rest of the page not read",
                       warning->len ? "; " : "", xmlParserMaxDepth);
        htmlFreeParserCtxt(ctxt);
    }
    buf_free(&utf8);
    return doc;
}

int html_parse(const char *bytes, size_t len, const html_source_t *source,
               article_t *out, char **errmsg)
{
    static const html_source_t none = { NULL, NULL, NULL };
    buf_t warning = BUF_INIT;
    page_t page;
    int oom;

    memset(out, 0, sizeof *out);
    memset(&page, 0, sizeof page);
    *errmsg = NULL;
    if (source == NULL)
        source = &none;
    xmlDoc *doc = page_read(bytes, len, source->content_type, &warning, &oom);
    if (doc == NULL) {
        buf_free(&warning);
        return fail(out, errmsg, oom ? "out of memory" : "not HTML");
    }
    page_walk(&page, doc);
    if (!page.oom)
        page_metadata_head(&page, source->url, out);
    if (!page.oom)
        page_select_body(&page);
    if (!page.oom)
        page_metadata(&page, source->url, source->path, out);
    int rc = page.oom ? -1 : fill_paragraphs(&page, out);
    page_free(&page);
    xmlFreeDoc(doc);
    if (rc != 0 || warning.failed) {
        buf_free(&warning);
        return fail(out, errmsg, "out of memory");
    }
    if (out->paragraph_count == 0 && out->title == NULL) {
        buf_free(&warning);
        return fail(out, errmsg, "no article text");
    }
    out->warning = warning.len ? buf_detach(&warning) : NULL;
    buf_free(&warning);
    return 0;
}
