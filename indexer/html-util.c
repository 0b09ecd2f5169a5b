/* html-util.c: small text helpers the metadata readers share.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>

#include "html-internal.h"
#include "utf8.h"

/* Bytes of text read from one element for a field. */
#define FIELD_TEXT_MAX 1024

char *page_fold_dup(const char *s, size_t len)
{
    buf_t b = BUF_INIT;
    page_fold_text(s, len, &b);
    char *r = b.len && !b.failed ? buf_detach(&b) : NULL;
    buf_free(&b);
    return r;
}

char *page_element_text(const page_t *p, int index)
{
    buf_t b = BUF_INIT;
    page_node_text(p->elements[index].node, &b, FIELD_TEXT_MAX);
    char *r = b.len && !b.failed ? buf_detach(&b) : NULL;
    buf_free(&b);
    return r;
}

/* Decodes the character references left in S, in place: a template that
 * escaped text twice leaves "&amp;#8211;" in the page, which the parser
 * makes "&#8211;".  A reference is never shorter than its UTF-8, so the
 * text only shrinks.  Unknown names and invalid numbers stay as they are. */
static void decode_references(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        const char *semi = *r == '&' ? strchr(r, ';') : NULL;
        unsigned ch = 0;
        if (semi && semi - r > 1 && semi - r <= 10) {
            if (r[1] == '#') {
                char *end;
                unsigned long v = (r[2] == 'x' || r[2] == 'X') ? strtoul(r + 3, &end, 16)
                                                               : strtoul(r + 2, &end, 10);
                if (end == semi && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF))
                    ch = (unsigned)v;
            } else {
                char name[12];
                memcpy(name, r + 1, (size_t)(semi - r - 1));
                name[semi - r - 1] = '\0';
                const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                if (e)
                    ch = e->value;
            }
        }
        if (ch == 0) {
            *w++ = *r++;
            continue;
        }
        w += utf8_encode(ch, w);
        r = semi + 1;
    }
    *w = '\0';
}

char *page_meta_value(const page_t *p, const char *const *names, size_t count)
{
    for (size_t k = 0; k < count; k++)
        for (size_t i = 0; i < p->meta_count; i++)
            if (strcasecmp(p->metas[i].name, names[k]) == 0) {
                char *v = page_clean_value(p->metas[i].content);
                if (v)
                    return v;
            }
    return NULL;
}

char *page_clean_value(const char *s)
{
    if (s == NULL)
        return NULL;
    char *copy = strdup(s);
    if (copy == NULL)
        return NULL;
    decode_references(copy);
    char *v = page_fold_dup(copy, strlen(copy));
    free(copy);
    return v;
}

static int is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

int page_same_text(const char *a, const char *b)
{
    size_t i = 0, j = 0, na = strlen(a), nb = strlen(b);
    for (;;) {
        while (i < na && (unsigned char)a[i] < 0x80 && !is_ascii_alnum(a[i]))
            i++;
        while (j < nb && (unsigned char)b[j] < 0x80 && !is_ascii_alnum(b[j]))
            j++;
        if (i >= na || j >= nb)
            return i >= na && j >= nb;
        char ca = a[i], cb = b[j];
        if (ca >= 'A' && ca <= 'Z')
            ca = (char)(ca + 32);
        if (cb >= 'A' && cb <= 'Z')
            cb = (char)(cb + 32);
        if (ca != cb)
            return 0;
        i++, j++;
    }
}

const char *page_unarchived_url(const char *url)
{
    const char *kept = url ? strstr(url, "/web/") : NULL;
    if (kept && kept[5] >= '0' && kept[5] <= '9') {
        kept = strchr(kept + 5, '/');
        if (kept && strncmp(kept + 1, "http", 4) == 0 && strstr(kept, "://"))
            return kept + 1;
    }
    return url;
}

int page_url_host(const char *url, char *out, size_t size)
{
    url = page_unarchived_url(url);
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

int page_contains_ci(const char *s, const char *word)
{
    size_t n = strlen(word);
    if (n == 0)
        return s && *s;
    /* The rest is compared only where the first letter is, in either case. */
    unsigned char lower = (unsigned char)word[0], upper = lower;
    if (lower >= 'A' && lower <= 'Z')
        lower += 32;
    else if (upper >= 'a' && upper <= 'z')
        upper -= 32;
    for (; s && *s; s++)
        if (((unsigned char)*s == lower || (unsigned char)*s == upper) && strncasecmp(s, word, n) == 0)
            return 1;
    return 0;
}
