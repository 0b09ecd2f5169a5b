/* read-text.c: the readers of one-article files: scraped pages and mail.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A .txt file is a page (article.h) or, when it starts with mail headers,
 * a message (mail.h): a folder may mix them.  A .eml file is a message.
 */
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "mail.h"
#include "utf8.h"
#include "page.h"
#include "reader.h"

static int text_name(const char *name)
{
    return reader_has_suffix(name, ".txt") || reader_has_suffix(name, ".txt.gz");
}

static int mail_name(const char *name)
{
    return reader_has_suffix(name, ".eml") || reader_has_suffix(name, ".eml.gz");
}

/* A page that is not valid UTF-8 is Windows-1252, what Latin-1 text in
 * the wild is (a '\xA3' is a pound sign, not U+FFFD): *DATA replaced by
 * its UTF-8.  Returns 1 when it was converted, 0 when it is UTF-8, -1
 * when memory runs out. */
static int page_to_utf8(char **data, size_t *len)
{
    buf_t utf8 = BUF_INIT;

    if (utf8_valid(*data, *len))
        return 0;
    if (charset_to_utf8("windows-1252", *data, *len, &utf8) != 0 || utf8.failed) {
        buf_free(&utf8);
        return -1;
    }
    free(*data);
    *len = utf8.len;
    *data = buf_detach(&utf8);
    return 1;
}

/* Pages count their lines for the recurring-line rule; messages have no
 * page furniture. */
static int survey_page(const reader_input_t *in, reader_corpus_t *corpus)
{
    char *data;
    size_t len;
    const char *why, *notice;
    int rc = 0;

    if (corpus->boilerplate == NULL || reader_slurp(in, &data, &len, &why, &notice) != 0)
        return 0;      /* unreadable: reported when it is read */
    /* As read_one() will read it, so that its lines match. */
    if (!mail_looks_like(data, len))
        rc = page_to_utf8(&data, &len) < 0 ? -1
             : boilerplate_add_document(corpus->boilerplate, data, len);
    free(data);
    return rc;
}

/* Reads the one article of IN: a message when it looks like one (or
 * AS_MAIL), else a page. */
static reader_status_t read_one(const reader_input_t *in, reader_sink_t *sink, int as_mail)
{
    reader_record_t rec = { in->path, 0, NULL };
    char signature[64], *data, *err = NULL;
    size_t len;
    const char *why, *notice;
    article_t article;
    int rc, parsed;

    if (reader_slurp(in, &data, &len, &why, &notice) != 0) {
        reader_failed(sink, &rec, "cannot read '%s': %s", in->path, why);
        return READER_DONE;
    }
    reader_file_signature(in, data, len, signature);
    rec.signature = signature;
    /* Before unchanged(): a file that became binary is not the text the
     * index holds, and is reported every run. */
    if (!reader_is_text(data, len)) {
        free(data);
        reader_failed(sink, &rec, "cannot index '%s': binary data, not text", in->path);
        return READER_DONE;
    }
    if ((rc = sink->unchanged(sink, &rec)) != 0) {
        free(data);
        return rc == READER_STOP ? READER_STOPPED : READER_DONE;
    }
    as_mail = as_mail || mail_looks_like(data, len);
    /* A message's id is its path; a page may state one in front matter. */
    char *stated = NULL;
    if (!as_mail && page_stated_id(data, len, &stated) != 0) {
        free(data);
        reader_failed(sink, &rec, "cannot index '%s': out of memory", in->path);
        return READER_DONE;
    }
    rc = sink->wants(sink, &rec, stated);
    free(stated);
    if (rc != 1) {
        free(data);
        return rc == READER_STOP ? READER_STOPPED : READER_DONE;
    }
    int converted = as_mail ? 0 : page_to_utf8(&data, &len);
    if (converted < 0)
        parsed = -1;
    else if (as_mail)
        parsed = mail_parse(data, len, &article, &err);
    else
        parsed = page_parse(data, len, in->corpus ? in->corpus->boilerplate : NULL,
                               &article, &err);
    free(data);
    if (parsed != 0) {
        reader_failed(sink, &rec, "cannot index '%s': %s", in->path, err ? err : "out of memory");
        free(err);
        return READER_DONE;
    }
    if (converted)
        article.note = "not UTF-8: read as Windows-1252";
    rc = reader_deliver(sink, &rec, &article, notice);
    return rc == READER_STOP ? READER_STOPPED : READER_DONE;
}

static reader_status_t read_page(const reader_input_t *in, reader_sink_t *sink)
{
    return read_one(in, sink, 0);
}

static reader_status_t read_mail(const reader_input_t *in, reader_sink_t *sink)
{
    return read_one(in, sink, 1);
}

const reader_t reader_text = { "text", text_name, NULL, 0, survey_page, read_page };
const reader_t reader_mail = { "mail", mail_name, NULL, 0, NULL, read_mail };
