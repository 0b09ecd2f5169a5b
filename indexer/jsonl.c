/* jsonl.c: JSON Lines records to articles, and reading the lines.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "buf.h"
#include "fields.h"
#include "grow.h"
#include "jsonl.h"
#include "reader.h"
#include "table.h"


/* ---------------------------------------------------------------- records */

typedef struct {
    article_t *article;
    const char *text;      /* the "text" member, borrowed from the line */
    size_t text_len;
    int have_text;
    buf_t text_copy;       /* the decoded text (the reader reuses its buffer) */
    char *error;           /* a static reason when the record is refused */
    uint64_t *key_hashes;  /* of the keys met, to tell a repeated one (two
                              names of one hash, 1 in 2^64, would be taken
                              for a repeat) */
    size_t key_count, key_capacity;
    json_reader_t *reader;  /* the record's, to read a list member's items */
    const char *item_key;   /* the list member being read, for add_item() */
    size_t item_key_len;
} record_t;

/* Notes the name KEY[0..KEY_LEN) in R.  Returns 1 if it was met before, 0
 * if not, -1 when out of memory. */
static int seen_before(record_t *r, const char *key, size_t key_len)
{
    uint64_t hash = table_hash(key, key_len);
    for (size_t i = 0; i < r->key_count; i++)
        if (r->key_hashes[i] == hash)
            return 1;
    uint64_t *grown = grow_array(r->key_hashes, r->key_count, &r->key_capacity, sizeof *grown, 16);
    if (grown == NULL)
        return -1;
    r->key_hashes = grown;
    r->key_hashes[r->key_count++] = hash;
    return 0;
}

/* An item of a list of strings: one value of the member's field. */
static int add_item(void *ctx, const char *item, size_t len)
{
    record_t *r = ctx;
    if (fields_add_extra(r->article, r->item_key, r->item_key_len, item, len) != 0)
        return 2;
    r->article->extra[r->article->extra_count - 1].list = 1;
    return 0;
}

/* A member trawl has no field for: a string, number or true/false is a
 * value of the field KEY; a list of them one value per item; null
 * nothing; anything else (an object, a list of lists) is kept as its JSON
 * text, shown but not searched.  Returns 0, or 2 when memory runs out. */
static int add_extra_member(record_t *r, const char *key, size_t key_len, const json_value_t *v)
{
    if (v->kind == JSON_NULL)
        return 0;
    if (v->kind == JSON_ARRAY) {
        size_t before = r->article->extra_count;
        r->item_key = key;
        r->item_key_len = key_len;
        int rc = json_read_strings(r->reader, v->text, v->len, add_item, r);
        if (rc == 0 || rc == 2 || rc == -2)
            return rc == 0 ? 0 : 2;
        while (r->article->extra_count > before)
            article_field_free(&r->article->extra[--r->article->extra_count]);
    }
    if (fields_add_extra(r->article, key, key_len, v->text, v->len) != 0)
        return 2;
    r->article->extra[r->article->extra_count - 1].structured =
        v->kind == JSON_ARRAY || v->kind == JSON_OBJECT;
    return 0;
}

/* Non-zero if the member name KEY[0..KEY_LEN) (which may hold NUL bytes)
 * is NAME. */
static int key_is(const char *key, size_t key_len, const char *name)
{
    return key_len == strlen(name) && memcmp(key, name, key_len) == 0;
}

static int on_member(void *ctx, const char *key, size_t key_len, const json_value_t *v)
{
    record_t *r = ctx;
    article_t *a = r->article;
    char **field = NULL;
    int repeated = seen_before(r, key, key_len);

    /* A repeated name: the first value stays (as the first of two files
     * keeps an id), and the record says so. */
    if (repeated < 0)
        return 2;
    if (repeated) {
        buf_t what = BUF_INIT;
        buf_puts(&what, "repeated key '");
        fields_append_printable(&what, key, key_len);
        buf_puts(&what, "': the first value is kept");
        int rc = what.failed || fields_add_warning(a, what.data) != 0 ? 2 : 0;
        buf_free(&what);
        return rc;
    }
    if (key_is(key, key_len, "id")) {
        if (v->kind != JSON_STRING && v->kind != JSON_NUMBER) {
            r->error = "\"id\" is neither a string nor a number";
            return 1;
        }
        free(a->id);
        a->id = xstrndup(v->text, v->len);
        return a->id ? 0 : 2;
    }
    if (key_is(key, key_len, "text") && v->kind == JSON_STRING) {
        buf_reset(&r->text_copy);
        buf_append(&r->text_copy, v->text, v->len);
        r->have_text = 1;
        return r->text_copy.failed ? 2 : 0;
    }
    if (key_is(key, key_len, "date") && v->kind == JSON_STRING)
        return fields_set_date(a, v->text, v->len) == 0 ? 0 : 2;
    if (key_is(key, key_len, "title"))
        field = &a->title;
    else if (key_is(key, key_len, "source"))
        field = &a->source;
    else if (key_is(key, key_len, "byline") || key_is(key, key_len, "author"))
        field = &a->byline;
    else if (key_is(key, key_len, "url"))
        field = &a->url;
    if (field && v->kind == JSON_STRING)
        return fields_set(field, v->text, v->len) == 0 ? 0 : 2;
    if (field || key_is(key, key_len, "text") || key_is(key, key_len, "date")) {
        if (v->kind == JSON_NULL)
            return 0;          /* null: unknown */
        r->error = "a known field (title, text, date, source, byline, url) is not a string";
        return 1;
    }
    return add_extra_member(r, key, key_len, v);
}

/* Takes the "id" member of a record and stops the reading there. */
static int take_id(void *ctx, const char *key, size_t key_len, const json_value_t *v)
{
    char **id = ctx;
    if (!key_is(key, key_len, "id"))
        return 0;
    if (v->kind != JSON_STRING && v->kind != JSON_NUMBER)
        return 1;              /* no usable id: the full reading says why */
    *id = xstrndup(v->text, v->len);
    return *id ? 1 : 2;
}

int jsonl_record_id(json_reader_t *reader, const char *line, size_t len, char **id)
{
    *id = NULL;
    int rc = json_read_object(reader, line, len, take_id, id);
    if (rc == 1 && *id && **id)
        return 1;
    free(*id);
    *id = NULL;
    return rc == 2 || rc == -2 ? -1 : 0;
}

static int refuse(article_t *out, char **errmsg, const char *why)
{
    article_free(out);
    *errmsg = why ? strdup(why) : NULL;
    return -1;
}

int jsonl_parse_record(json_reader_t *reader, const char *line, size_t len,
                       article_t *out, char **errmsg)
{
    record_t r = { out, NULL, 0, 0, BUF_INIT, NULL, NULL, 0, 0, reader, NULL, 0 };
    int rc;

    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    rc = json_read_object(reader, line, len, on_member, &r);
    free(r.key_hashes);
    if (rc == -1) {
        buf_t m = BUF_INIT;
        buf_printf(&m, "%s at byte %zu", reader->error, reader->error_offset + 1);
        buf_free(&r.text_copy);
        article_free(out);
        *errmsg = buf_detach(&m);
        return -1;
    }
    if (rc == 1) {
        buf_free(&r.text_copy);
        return refuse(out, errmsg, r.error);
    }
    if (rc == 0 && r.have_text
        && fields_add_paragraphs(out, r.text_copy.data ? r.text_copy.data : "",
                                 r.text_copy.len) != 0)
        rc = 2;
    buf_free(&r.text_copy);
    if (rc != 0)
        return refuse(out, errmsg, NULL);     /* out of memory */
    if (out->id == NULL || out->id[0] == '\0')
        return refuse(out, errmsg, "no \"id\"");
    if (out->paragraph_count == 0 && out->title == NULL)
        return refuse(out, errmsg, "no title and no text");
    out->stated = article_fields_set(out);     /* the members declare them */
    return 0;
}

/* ------------------------------------------------------------------ lines */

struct jsonl_file {
    gzFile gz;
    int gz_expected;       /* named .gz: must be gzip data */
    size_t max_line;       /* longer lines are skipped, not held */
    buf_t line;            /* the line handed out last, then unread data */
    char chunk[65536];
    size_t chunk_pos, chunk_len;
    unsigned long line_number;
    int eof;
};

jsonl_file_t *jsonl_open_fd(int fd, const char *name, size_t max_line, const char **why)
{
    jsonl_file_t *f = calloc(1, sizeof *f);
    if (f == NULL) {
        *why = "out of memory";
        close(fd);
        return NULL;
    }
    if ((f->gz = gzdopen(fd, "rb")) == NULL) {
        *why = "out of memory";
        close(fd);
        free(f);
        return NULL;
    }
    f->gz_expected = reader_has_suffix(name, ".gz");
    f->max_line = max_line;
    return f;
}

/* Refills the chunk.  Returns 1, 0 at the end, -1 with *why. */
static int refill(jsonl_file_t *f, const char **why)
{
    int n = gzread(f->gz, f->chunk, sizeof f->chunk);
    int zerr = Z_OK;
    gzerror(f->gz, &zerr);
    if (n < 0 || zerr != Z_OK) {
        *why = zerr == Z_ERRNO ? strerror(errno)
             : zerr == Z_MEM_ERROR ? "out of memory"
             : "corrupt or truncated gzip data";
        return -1;
    }
    /* zlib passes data without a gzip header through unchanged; a file
     * named .gz that is not gzip is damaged, not plain text. */
    if (n > 0 && f->gz_expected && gzdirect(f->gz)) {
        *why = "not gzip data";
        return -1;
    }
    f->chunk_pos = 0;
    f->chunk_len = (size_t)n;
    return n > 0;
}

int jsonl_next_line(jsonl_file_t *f, const char **line, size_t *len,
                    unsigned long *line_number, const char **why)
{
    int too_long = 0;      /* past max_line: read on to its end, keep nothing */

    buf_reset(&f->line);
    for (;;) {
        if (f->chunk_pos == f->chunk_len) {
            int got = f->eof ? 0 : refill(f, why);
            if (got < 0)
                return -1;
            if (got == 0) {
                f->eof = 1;
                if (f->line.len == 0)
                    return 0;
                break;      /* a last line without a newline */
            }
        }
        const char *start = f->chunk + f->chunk_pos;
        const char *nl = memchr(start, '\n', f->chunk_len - f->chunk_pos);
        size_t n = nl ? (size_t)(nl - start) : f->chunk_len - f->chunk_pos;
        /* A byte order mark before the first record is no part of it. */
        if (f->line_number == 0 && f->line.len == 0 && n >= 3
            && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
            start += 3;
            n -= 3;
            f->chunk_pos += 3;
        }
        if (!too_long && f->line.len + n > f->max_line) {
            too_long = 1;
            buf_reset(&f->line);
        }
        if (!too_long)
            buf_append(&f->line, start, n);
        f->chunk_pos += n + (nl != NULL);
        if (f->line.failed) {
            *why = "out of memory";
            return -1;
        }
        if (nl)
            break;
    }
    if (too_long) {
        *line_number = ++f->line_number;
        *why = reader_too_large(f->max_line);
        return 2;
    }
    if (f->line.len && f->line.data[f->line.len - 1] == '\r')
        f->line.data[--f->line.len] = '\0';    /* CRLF line ends */
    *line = f->line.data ? f->line.data : "";
    *len = f->line.len;
    *line_number = ++f->line_number;
    return 1;
}

void jsonl_close(jsonl_file_t *f)
{
    if (f == NULL)
        return;
    gzclose(f->gz);
    buf_free(&f->line);
    free(f);
}
