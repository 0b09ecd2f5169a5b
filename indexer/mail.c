/* mail.c: mail and news messages to articles: their header fields (mail.h);
 * the message's structure and text are mime.c's.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "fields.h"
#include "mail.h"
#include "mime.h"

int mail_looks_like(const char *text, size_t len)
{
    static const char *const mail_fields[] = {
        "from", "received", "return-path", "message-id", "path", "newsgroups",
    };
    mime_entity_t e;
    /* An mbox "From " line alone proves nothing ("From Formulas to
     * Computer Oriented Language" is a title): mail needs header fields
     * after it, as after any first line. */
    if (mime_split_entity(text, len, &e) < 2 || e.block.len == len)
        return 0;
    buf_t scratch = BUF_INIT;
    int found = 0;
    for (size_t i = 0; i < sizeof mail_fields / sizeof mail_fields[0] && !found; i++)
        found = mime_header_value(&e, mail_fields[i], &scratch);
    if (mime_header_value(&e, "title", &scratch))
        found = 0;
    buf_free(&scratch);
    return found;
}

/* ----------------------------------------------------------- the fields */

/* The date of a Date header VALUE[0..LEN) as the sender wrote it, in the
 * sender's zone ("Thu, 22 Aug 2002 18:26:25 +0700" is 2002-08-22), in OUT;
 * RFC 5322 with its obsolete forms (two-digit years: below 50 is 20xx)
 * and what mailers write after it ("... -0400 (EDT)", "... Eastern
 * Daylight Time") ignored.  Returns 1 if it states a full day. */
static int mail_date(const char *value, size_t len, char out[DATE_TEXT_SIZE])
{
    date_t d;
    return date_scan(value, len, NULL, &d) && d.day && date_format(&d, out) == DATE_DAY;
}

/* The display name of a From value ("Jane Doe <j@x>", "j@x (Jane Doe)"),
 * else the address, appended to OUT. */
static void sender_name(const char *from, buf_t *out)
{
    const char *lt = strchr(from, '<'), *paren = strchr(from, '(');
    size_t start = 0, end = strlen(from);
    if (lt && lt > from) {
        end = (size_t)(lt - from);
    } else if (paren && strchr(paren, ')')) {
        start = (size_t)(paren - from) + 1;
        end = (size_t)(strchr(paren, ')') - from);
    } else if (lt) {
        start = 1;
        end = strchr(lt, '>') ? (size_t)(strchr(lt, '>') - from) : end;
    }
    while (start < end && (from[start] == ' ' || from[start] == '"'))
        start++;
    while (end > start && (from[end - 1] == ' ' || from[end - 1] == '"'))
        end--;
    if (end == start && lt) {                 /* "<j@x>" alone */
        sender_name(lt + 1, out);
        return;
    }
    buf_append(out, from + start, end - start);
    if (out->len && out->data[out->len - 1] == '>')
        out->data[--out->len] = '\0';
}

/* Sets *FIELD from header NAME of E, encoded words decoded.  Returns 0/-1. */
static int set_from_header(const mime_entity_t *e, const char *name, char **field,
                           mime_text_t *st, int person)
{
    buf_t raw = BUF_INIT, utf8 = BUF_INIT, decoded = BUF_INIT, value = BUF_INIT;
    int rc = 0;
    if (mime_header_value(e, name, &raw)) {
        /* Headers should be ASCII, but raw 8-bit text is common there: read
         * it as Windows-1252 unless it is UTF-8.  Encoded words are ASCII. */
        mime_to_utf8("", raw.data ? raw.data : "", raw.len, &utf8);
        mime_decode_words(utf8.data ? utf8.data : "", &decoded, &st->warning);
        if (person)
            sender_name(decoded.data ? decoded.data : "", &value);
        else
            buf_append(&value, decoded.data ? decoded.data : "", decoded.len);
        rc = value.failed || decoded.failed
             || fields_set(field, value.data ? value.data : "", value.len) != 0 ? -1 : 0;
    }
    buf_free(&raw);
    buf_free(&utf8);
    buf_free(&decoded);
    buf_free(&value);
    return rc;
}

int mail_parse(const char *text, size_t len, article_t *out, char **errmsg)
{
    mime_text_t st = { BUF_INIT, BUF_INIT, 0 };
    mime_entity_t e;
    buf_t value = BUF_INIT;
    int rc = -1;

    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    if (mime_split_entity(text, len, &e) == 0) {
        *errmsg = strdup("not a mail message (no header block)");
        return -1;
    }
    if (set_from_header(&e, "subject", &out->title, &st, 0) != 0
        || set_from_header(&e, "from", &out->byline, &st, 1) != 0
        || set_from_header(&e, "newsgroups", &out->source, &st, 0) != 0)
        goto out_of_memory;
    if (mime_header_value(&e, "date", &value)) {
        char date[DATE_TEXT_SIZE];
        if (mail_date(value.data ? value.data : "", value.len, date)
            && (out->date = strdup(date)) == NULL)
            goto out_of_memory;
    }
    buf_reset(&value);
    if (mime_header_value(&e, "message-id", &value) && value.len) {
        buf_t url = BUF_INIT;
        const char *id = value.data;
        size_t id_len = value.len;
        if (id[0] == '<' && id[id_len - 1] == '>')
            id++, id_len -= 2;
        buf_puts(&url, "mid:");
        buf_append(&url, id, id_len);
        int failed = url.failed || fields_set(&out->url, url.data, url.len) != 0;
        buf_free(&url);
        if (failed)
            goto out_of_memory;
    }
    mime_decode_text(&e, &st);
    if (st.text.failed || st.warning.failed
        || fields_add_paragraphs(out, st.text.data ? st.text.data : "", st.text.len) != 0
        || (st.warning.len && fields_add_warning(out, st.warning.data) != 0))
        goto out_of_memory;
    if (out->paragraph_count == 0 && out->title == NULL) {
        buf_t m = BUF_INIT;
        buf_puts(&m, "no article text");
        if (st.warning.len)
            buf_printf(&m, " (%s)", st.warning.data);
        *errmsg = buf_detach(&m);
        article_free(out);
        goto done;
    }
    out->stated = article_fields_set(out);     /* the headers declare them */
    rc = 0;
    goto done;
out_of_memory:
    article_free(out);
    *errmsg = NULL;
done:
    buf_free(&value);
    buf_free(&st.text);
    buf_free(&st.warning);
    return rc;
}

