/* docdata.c: encode and decode the document data stored in the index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

#include "docdata.h"
#include "hash.h"
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
        buf_printf(&key, "%s-%s", doc->extra[i].list ? "l" : "x", doc->extra[i].key);
        if (key.failed)
            return -1;
        put_field(out, key.data, doc->extra[i].value);
        buf_free(&key);
    }
    put_field(out, "paragraphs", doc->kinds ? doc->kinds : "");
    buf_printf(out, "text\t%zu\n\n", doc->text_len);

    /* zlib's format, by libdeflate at zlib's default level: half the time
     * of zlib's own compress2() and as small (doc/benchmarks.md, "A whole
     * index of web pages").  The compressor is made per call, as the
     * decompressor is below. */
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
    if (c == NULL)
        return -1;
    size_t bound = libdeflate_zlib_compress_bound(c, doc->text_len);
    char *space = buf_space(out, bound);
    size_t used = space ? libdeflate_zlib_compress(c, doc->text, doc->text_len, space, bound) : 0;
    libdeflate_free_compressor(c);
    if (used == 0)
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

static int add_extra(stored_doc_t *doc, char *key, char *value, int list)
{
    docdata_field_t *extra = realloc(doc->extra,
                                     (doc->extra_count + 1) * sizeof *extra);
    if (extra == NULL)
        return -1;
    doc->extra = extra;
    extra[doc->extra_count].key = key;
    extra[doc->extra_count].value = value;
    extra[doc->extra_count].list = list;
    doc->extra_count++;
    return 0;
}

/* Inflates the zlib stream IN[0..IN_LEN) into exactly OUT_LEN bytes at
 * OUT.  Returns 0, or -1 when the stream is damaged (its Adler-32 checksum
 * included), cut short or of another length.  libdeflate reads zlib's
 * format 1.7x as fast as zlib (a third of a batch query with snippets was
 * inflating; doc/benchmarks.md); its decompressor is made per call, which
 * costs a small allocation and keeps the function safe for threads. */
static int inflate_text(const char *in, size_t in_len, char *out, size_t out_len)
{
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    size_t in_used = 0, out_got = 0;

    if (d == NULL)
        return -1;
    enum libdeflate_result rc = libdeflate_zlib_decompress_ex(d, in, in_len, out, out_len,
                                                               &in_used, &out_got);
    libdeflate_free_decompressor(d);
    return rc == LIBDEFLATE_SUCCESS && in_used == in_len && out_got == out_len ? 0 : -1;
}

int docdata_decode(const char *data, size_t len, int want_text,
                   stored_doc_t *doc, char **errmsg)
{
    size_t magic_len = strlen(DOCDATA_MAGIC);
    size_t pos = magic_len, text_len = 0, header_len;
    int have_text = 0;
    char *line;

    memset(doc, 0, sizeof *doc);
    if (errmsg)
        *errmsg = NULL;
    if (len < magic_len || memcmp(data, DOCDATA_MAGIC, magic_len) != 0)
        return fail(errmsg, "unknown format (re-index with this trawl-index)");

    /* The header ends with an empty line. */
    for (;;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        if (nl == NULL)
            return fail(errmsg, "truncated header");
        if (nl == data + pos)
            break;
        pos = (size_t)(nl - data) + 1;
    }
    /* One copy of the header, its values cut out of it in place: one
     * allocation for all the fields of a hit instead of one per field. */
    header_len = pos - magic_len;
    doc->block = malloc(header_len + 1);
    if (doc->block == NULL)
        return fail(errmsg, "out of memory");
    memcpy(doc->block, data + magic_len, header_len);
    doc->block[header_len] = '\0';
    pos++;   /* past the empty line */

    for (line = doc->block; line < doc->block + header_len; ) {
        /* Every line of the copy ends with '\n' (memchr: damaged data may
         * hold a NUL). */
        char *nl = memchr(line, '\n', header_len - (size_t)(line - doc->block));
        char *tab, *value, **field = NULL;
        size_t key_len;

        *nl = '\0';
        tab = memchr(line, '\t', (size_t)(nl - line));
        if (tab == NULL)
            return docdata_free(doc), fail(errmsg, "header line without a tab");
        *tab = '\0';
        key_len = (size_t)(tab - line);
        value = tab + 1;

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
            if (*value == '\0' || strlen(value) >= 32)
                return docdata_free(doc), fail(errmsg, "bad text length");
            text_len = strtoul(value, &end, 10);
            if (*end != '\0')
                return docdata_free(doc), fail(errmsg, "bad text length");
            have_text = 1;
        } else if (key_len > 2 && (memcmp(line, "x-", 2) == 0 || memcmp(line, "l-", 2) == 0)) {
            if (add_extra(doc, line + 2, value, line[0] == 'l') < 0)
                return docdata_free(doc), fail(errmsg, "out of memory");
        }
#undef KEY_IS
        if (field)
            *field = value;
        line = nl + 1;
    }
    if (doc->id == NULL || !have_text)
        return docdata_free(doc), fail(errmsg, "no id or no text");
    if (doc->kinds == NULL)
        doc->kinds = doc->block + header_len;   /* "" */
    doc->paragraph_count = strlen(doc->kinds);
    doc->text_len = text_len;
    if (!want_text)
        return 0;

    doc->text = malloc(text_len + 1);
    if (doc->text == NULL)
        return docdata_free(doc), fail(errmsg, "out of memory");
    if (inflate_text(data + pos, len - pos, doc->text, text_len) != 0)
        return docdata_free(doc), fail(errmsg, "compressed text is corrupt");
    doc->text[text_len] = '\0';
    return 0;
}

void docdata_free(stored_doc_t *doc)
{
    if (doc == NULL)
        return;
    free(doc->block);
    free(doc->text);
    free(doc->extra);
    memset(doc, 0, sizeof *doc);
}

char docdata_paragraph_kind(const stored_doc_t *doc, unsigned paragraph)
{
    if (paragraph == 0 || paragraph > doc->paragraph_count)
        return 'B';
    return doc->kinds[paragraph - 1];
}

void docdata_id_term_with(const char *prefix, const char *id, buf_t *out)
{
    size_t len = strlen(id);
    buf_puts(out, prefix);
    if (len + strlen(prefix) <= MAX_TERM_BYTES) {
        buf_append(out, id, len);
        return;
    }
    /* FNV-1a: simple, stable across platforms, and collisions between two
     * ids that also share their first 200 bytes are not a practical risk. */
    buf_append(out, id, 200);
    buf_printf(out, "#%016llx", (unsigned long long)fnv1a64(FNV1A64_INIT, id, len));
}

void docdata_id_term(const char *id, buf_t *out)
{
    docdata_id_term_with(PREFIX_ID, id, out);
}
