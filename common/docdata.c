/* docdata.c: encode and decode the document data stored in the index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "docdata.h"
#include "schema.h"

#define DOCDATA_MAGIC "trawl-doc\t1\n"

/* Appends "key<TAB>value\n", turning tabs and newlines in VALUE into spaces
 * so that one line stays one field. */
static void put_field(buf_t *out, const char *key, const char *value)
{
    if (value == NULL)
        return;
    buf_puts(out, key);
    buf_putc(out, '\t');
    for (const char *p = value; *p; p++)
        buf_putc(out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
    buf_putc(out, '\n');
}

int docdata_encode(const stored_doc_t *doc, buf_t *out)
{
    buf_puts(out, DOCDATA_MAGIC);
    put_field(out, "id", doc->id);
    put_field(out, "title", doc->title);
    if (doc->title_derived)
        put_field(out, "title-derived", "1");
    put_field(out, "date", doc->date);
    put_field(out, "source", doc->source);
    put_field(out, "byline", doc->byline);
    put_field(out, "url", doc->url);
    put_field(out, "path", doc->path);
    for (size_t i = 0; i < doc->extra_count; i++) {
        buf_t key = BUF_INIT;
        buf_printf(&key, "x-%s", doc->extra[i].key);
        if (key.failed)
            return -1;
        put_field(out, key.data, doc->extra[i].value);
        buf_free(&key);
    }
    put_field(out, "paragraphs", doc->kinds ? doc->kinds : "");
    buf_printf(out, "text\t%zu\n\n", doc->text_len);

    uLongf used = compressBound((uLong)doc->text_len);
    char *space = buf_space(out, used);
    if (space == NULL)
        return -1;
    if (compress2((Bytef *)space, &used, (const Bytef *)doc->text,
                  (uLong)doc->text_len, Z_DEFAULT_COMPRESSION) != Z_OK)
        return -1;
    out->len += used;
    out->data[out->len] = '\0';
    return 0;
}

static int fail(char **errmsg, const char *why)
{
    if (errmsg) {
        buf_t b = BUF_INIT;
        buf_printf(&b, "stored document is damaged: %s", why);
        *errmsg = buf_detach(&b);
    }
    return -1;
}

static int add_extra(stored_doc_t *doc, const char *key, size_t key_len,
                     const char *value, size_t value_len)
{
    docdata_field_t *extra = realloc(doc->extra,
                                     (doc->extra_count + 1) * sizeof *extra);
    if (extra == NULL)
        return -1;
    doc->extra = extra;
    extra[doc->extra_count].key = xstrndup(key, key_len);
    extra[doc->extra_count].value = xstrndup(value, value_len);
    doc->extra_count++;
    return extra[doc->extra_count - 1].key && extra[doc->extra_count - 1].value
               ? 0 : -1;
}

int docdata_decode(const char *data, size_t len, int want_text,
                   stored_doc_t *doc, char **errmsg)
{
    size_t magic_len = strlen(DOCDATA_MAGIC);
    size_t pos = magic_len, text_len = 0;
    int have_text = 0;

    memset(doc, 0, sizeof *doc);
    if (errmsg)
        *errmsg = NULL;
    if (len < magic_len || memcmp(data, DOCDATA_MAGIC, magic_len) != 0)
        return fail(errmsg, "unknown format (re-index with this trawl-index)");

    for (;;) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        if (nl == NULL)
            return docdata_free(doc), fail(errmsg, "truncated header");
        size_t line_len = (size_t)(nl - line);
        pos += line_len + 1;
        if (line_len == 0)
            break;
        const char *tab = memchr(line, '\t', line_len);
        if (tab == NULL)
            return docdata_free(doc), fail(errmsg, "header line without a tab");
        size_t key_len = (size_t)(tab - line);
        const char *value = tab + 1;
        size_t value_len = line_len - key_len - 1;
        char **field = NULL;

#define KEY_IS(k) (key_len == sizeof(k) - 1 && memcmp(line, k, key_len) == 0)
        if (KEY_IS("id")) field = &doc->id;
        else if (KEY_IS("title")) field = &doc->title;
        else if (KEY_IS("date")) field = &doc->date;
        else if (KEY_IS("source")) field = &doc->source;
        else if (KEY_IS("byline")) field = &doc->byline;
        else if (KEY_IS("url")) field = &doc->url;
        else if (KEY_IS("path")) field = &doc->path;
        else if (KEY_IS("paragraphs")) field = &doc->kinds;
        else if (KEY_IS("title-derived")) doc->title_derived = 1;
        else if (KEY_IS("text")) {
            char *end;
            char number[32];
            if (value_len == 0 || value_len >= sizeof number)
                return docdata_free(doc), fail(errmsg, "bad text length");
            memcpy(number, value, value_len);
            number[value_len] = '\0';
            text_len = strtoul(number, &end, 10);
            if (*end != '\0')
                return docdata_free(doc), fail(errmsg, "bad text length");
            have_text = 1;
        } else if (key_len > 2 && memcmp(line, "x-", 2) == 0) {
            if (add_extra(doc, line + 2, key_len - 2, value, value_len) < 0)
                return docdata_free(doc), fail(errmsg, "out of memory");
        }
#undef KEY_IS
        if (field) {
            free(*field);
            *field = xstrndup(value, value_len);
            if (*field == NULL)
                return docdata_free(doc), fail(errmsg, "out of memory");
        }
    }
    if (doc->id == NULL || !have_text)
        return docdata_free(doc), fail(errmsg, "no id or no text");
    if (doc->kinds == NULL && (doc->kinds = calloc(1, 1)) == NULL)
        return docdata_free(doc), fail(errmsg, "out of memory");
    doc->paragraph_count = strlen(doc->kinds);
    doc->text_len = text_len;
    if (!want_text)
        return 0;

    doc->text = malloc(text_len + 1);
    if (doc->text == NULL)
        return docdata_free(doc), fail(errmsg, "out of memory");
    uLongf got = (uLongf)text_len;
    if (uncompress((Bytef *)doc->text, &got, (const Bytef *)data + pos,
                   (uLong)(len - pos)) != Z_OK || got != text_len)
        return docdata_free(doc), fail(errmsg, "compressed text is corrupt");
    doc->text[text_len] = '\0';
    return 0;
}

void docdata_free(stored_doc_t *doc)
{
    if (doc == NULL)
        return;
    free(doc->id);
    free(doc->title);
    free(doc->date);
    free(doc->source);
    free(doc->byline);
    free(doc->url);
    free(doc->path);
    free(doc->kinds);
    free(doc->text);
    for (size_t i = 0; i < doc->extra_count; i++) {
        free(doc->extra[i].key);
        free(doc->extra[i].value);
    }
    free(doc->extra);
    memset(doc, 0, sizeof *doc);
}

char docdata_paragraph_kind(const stored_doc_t *doc, unsigned paragraph)
{
    if (paragraph == 0 || paragraph > doc->paragraph_count)
        return 'B';
    return doc->kinds[paragraph - 1];
}

void docdata_id_term(const char *id, buf_t *out)
{
    size_t len = strlen(id);
    buf_puts(out, PREFIX_ID);
    if (len + strlen(PREFIX_ID) <= MAX_TERM_BYTES) {
        buf_append(out, id, len);
        return;
    }
    /* FNV-1a: simple, stable across platforms, and collisions between two
     * ids that also share their first 200 bytes are not a practical risk. */
    unsigned long long hash = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        hash ^= (unsigned char)id[i];
        hash *= 1099511628211ULL;
    }
    buf_append(out, id, 200);
    buf_printf(out, "#%016llx", hash);
}
