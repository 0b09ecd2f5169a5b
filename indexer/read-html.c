/* read-html.c: the readers of web pages: saved pages and WARC crawls.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A page (a .html file, a file of another name whose first bytes are HTML)
 * is one article; a WARC file holds many, one a usable response record
 * (warc.h), its id the record's WARC-Target-URI and its fetch time
 * (WARC-Date) kept apart from the publication date, as the field
 * "fetched".  Both go through html_parse() (html.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fields.h"
#include "html.h"
#include "reader.h"
#include "warc.h"

static int html_name(const char *name)
{
    static const char *const suffixes[] = {
        ".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz",
    };
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (reader_has_suffix(name, suffixes[i]))
            return 1;
    return 0;
}

static int html_content(const char *head, size_t len)
{
    return html_looks_like(head, len);
}

static int utf16_bom(const char *data, size_t len)
{
    return len >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE')
                        || (data[0] == '\xFE' && data[1] == '\xFF'));
}

static reader_status_t read_page(const reader_input_t *in, reader_sink_t *sink)
{
    reader_record_t rec = { in->path, 0, NULL };
    char signature[64], *data, *err = NULL;
    const char *why, *notice;
    html_source_t source = { NULL, NULL, in->path };
    size_t len;
    article_t article;
    int rc;

    if (reader_slurp(in, &data, &len, &why, &notice) != 0) {
        reader_failed(sink, &rec, "cannot read '%s': %s", in->path, why);
        return READER_DONE;
    }
    reader_file_signature(in, data, len, signature);
    rec.signature = signature;
    /* As for text (read-text.c): binary data named .html is not indexed,
     * and is reported every run.  UTF-16, which is half NULs, is told by
     * its byte order mark. */
    if (!utf16_bom(data, len) && !reader_is_text(data, len)) {
        free(data);
        reader_failed(sink, &rec, "cannot index '%s': binary data, not HTML", in->path);
        return READER_DONE;
    }
    if ((rc = sink->unchanged(sink, &rec)) != 0 || (rc = sink->wants(sink, &rec, NULL)) != 1) {
        free(data);
        return rc == READER_STOP ? READER_STOPPED : READER_DONE;
    }
    rc = html_parse(data, len, &source, &article, &err);
    free(data);
    if (rc != 0) {
        reader_failed(sink, &rec, "cannot index '%s': %s", in->path, err ? err : "out of memory");
        free(err);
        return READER_DONE;
    }
    if (notice && fields_add_warning(&article, notice) != 0) {
        article_free(&article);
        reader_failed(sink, &rec, "cannot index '%s': out of memory", in->path);
        return READER_DONE;
    }
    rc = sink->article(sink, &rec, &article);
    article_free(&article);
    return rc == READER_STOP ? READER_STOPPED : READER_DONE;
}

/* The article of the usable record WR of R, in PATH (its payload parsed), with
 * its id, and its fetch time as the field "fetched".  Returns 0, or -1
 * (reported through SINK). */
static int record_article(warc_reader_t *r, const char *path, const warc_record_t *wr,
                          reader_sink_t *sink, const reader_record_t *rec, article_t *out)
{
    const char *payload;
    size_t len;
    char *err = NULL;
    html_source_t source = { wr->content_type, wr->target_uri, NULL };

    if (warc_payload(r, &payload, &len) != WARC_OK) {
        reader_failed(sink, rec, "%s: %s", path, warc_error(r)->text);
        return -1;
    }
    if (html_parse(payload, len, &source, out, &err) != 0) {
        reader_failed(sink, rec, "%s: %s", rec->where, err ? err : "out of memory");
        free(err);
        return -1;
    }
    if (fields_set(&out->id, wr->target_uri, strlen(wr->target_uri)) != 0
        || (wr->date && fields_add_extra(out, "fetched", 7, wr->date, strlen(wr->date)) != 0)) {
        article_free(out);
        reader_failed(sink, rec, "%s: out of memory", rec->where);
        return -1;
    }
    out->stated |= ARTICLE_ID;
    return 0;
}

static reader_status_t read_warc(const reader_input_t *in, reader_sink_t *sink)
{
    const char *why;
    char *errmsg = NULL, signature[64];
    int fd = reader_open(in, &why);
    warc_options_t options = { in->max_bytes };
    warc_reader_t *r = fd < 0 ? NULL : warc_open_fd(fd, in->path, &options, &errmsg);
    buf_t where = BUF_INIT;
    reader_status_t status = READER_DONE;
    unsigned long number = 0;
    const warc_record_t *wr;
    warc_status_t st;

    if (r == NULL) {
        reader_record_t rec = { in->path, 0, NULL };
        reader_failed(sink, &rec, "cannot read '%s': %s", in->path,
                      fd < 0 ? why : errmsg ? errmsg : "out of memory");
        free(errmsg);
        if (fd >= 0)
            close(fd);
        return READER_INCOMPLETE;
    }
    while ((st = warc_next(r, &wr)) != WARC_END && st != WARC_FAILED) {
        article_t article;
        int rc;

        number++;
        buf_reset(&where);
        if (st == WARC_BAD_RECORD) {
            /* warc_error()'s text names the offset. */
            reader_record_t rec = { in->path, number, NULL };
            reader_failed(sink, &rec, "%s: %s", in->path, warc_error(r)->text);
            continue;
        }
        buf_printf(&where, "%s@%llu", in->path, (unsigned long long)wr->offset);
        snprintf(signature, sizeof signature, "record %llu %08lx",
                 (unsigned long long)wr->stream_length, (unsigned long)wr->crc32);
        reader_record_t rec = { where.failed ? in->path : where.data, number, signature };
        if (wr->skip != WARC_USABLE) {
            sink->skipped(sink, &rec, warc_skip_name(wr->skip));
            continue;
        }
        if ((rc = sink->unchanged(sink, &rec)) == READER_SKIP)
            continue;
        if (rc == 0 && (rc = sink->wants(sink, &rec, wr->target_uri)) == 0)
            continue;
        if (rc == READER_STOP) {
            status = READER_STOPPED;
            break;
        }
        if (record_article(r, in->path, wr, sink, &rec, &article) != 0)
            continue;
        rc = sink->article(sink, &rec, &article);
        article_free(&article);
        if (rc == READER_STOP) {
            status = READER_STOPPED;
            break;
        }
    }
    if (status == READER_DONE && st == WARC_FAILED) {
        reader_record_t rec = { in->path, 0, NULL };
        reader_failed(sink, &rec, "cannot read '%s': %s", in->path, warc_error(r)->text);
        status = READER_INCOMPLETE;
    }
    warc_close(r);
    close(fd);
    buf_free(&where);
    return status;
}

static int warc_name(const char *name)
{
    return warc_is_warc_name(name);
}

const reader_t reader_html = { "html", html_name, html_content, 0, NULL, read_page };
const reader_t reader_warc = { "warc", warc_name, NULL, 1, NULL, read_warc };
