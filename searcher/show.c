/* show.c: one stored article whole, paragraphs numbered, query words marked.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "marked.h"
#include "msg.h"
#include "show.h"

static void put_header(buf_t *out, const stored_doc_t *doc, format_t format)
{
    if (format == FORMAT_JSON) {
        /* The document's fields as --format json writes a hit's. */
        static const field_t fields[] = {
            FIELD_ID, FIELD_TITLE, FIELD_SOURCE, FIELD_DATE, FIELD_BYLINE, FIELD_URL, FIELD_PATH,
        };
        const output_query_t q = { 0 };
        const hit_t hit = { .doc = *doc };
        buf_t scratch = BUF_INIT;
        buf_putc(out, '{');
        output_json_members(out, fields, sizeof fields / sizeof *fields, &q, &hit, &scratch);
        buf_free(&scratch);
        buf_puts(out, ",\"text\":\"");
        esc_json(out, doc->text, doc->text_len);
        buf_puts(out, "\",\"paragraphs\":[");
        return;
    }
    const char *title = doc->title ? doc->title : doc->id;
    esc_terminal(out, title, strlen(title));
    buf_puts(out, "\n");
    output_source_date(out, doc);
    if (doc->byline) {
        buf_puts(out, " | ");
        esc_terminal(out, doc->byline, strlen(doc->byline));
    }
    buf_puts(out, " | ");
    esc_terminal(out, doc->id, strlen(doc->id));
    buf_putc(out, '\n');
    if (doc->url) {
        esc_terminal(out, doc->url, strlen(doc->url));
        buf_putc(out, '\n');
    }
}

/* Paragraph N of DOC, its bytes [START, END) of the stored text, with the
 * COUNT MARKS (offsets into the stored text) that stand in it. */
static void put_paragraph(buf_t *out, const stored_doc_t *doc, unsigned n, size_t start,
                          size_t end, const mark_t *marks, size_t count, format_t format,
                          int color)
{
    char kind = docdata_paragraph_kind(doc, n);

    if (format == FORMAT_JSON) {
        buf_printf(out, "%s{\"paragraph\":%u,\"kind\":\"%s\",\"start\":%zu,\"end\":%zu,"
                   "\"highlights\":[", n > 1 ? "," : "", n, kind == 'C' ? "comment" : "body",
                   start, end);
        for (size_t i = 0; i < count; i++)
            buf_printf(out, "%s[%zu,%zu]", i ? "," : "", marks[i].start, marks[i].end);
        buf_puts(out, "]}");
        return;
    }
    buf_printf(out, "\n" PILCROW "%u%s ", n, kind == 'C' ? " (reader comment)" : "");
    marked_write(out, esc_terminal, doc->text, start, end, marks, count,
                 color ? MARK_ON_COLOR : MARK_PLAIN, color ? MARK_OFF_COLOR : MARK_PLAIN, 1);
    buf_putc(out, '\n');
}

int show_article(FILE *fp, searcher_t *s, const char *id, const char *text,
                 size_t len, format_t format, int color)
{
    stored_doc_t doc;
    query_t *query = NULL;
    buf_t out = BUF_INIT;
    mark_t *marks = NULL;
    size_t mark_count = 0, m = 0;
    int status = EXIT_MATCH, in_comments = 0;

    switch (searcher_article(s, id, &doc)) {
    case SEARCH_OK:
        break;
    case SEARCH_NOT_FOUND:
        errorf("--show: %s", searcher_last_error(s));
        return EXIT_NO_MATCH;
    default:
        errorf("--show: cannot read the article '%s': %s", id, searcher_last_error(s));
        return EXIT_TROUBLE;
    }
    /* The words are marked as snippets mark them: by the one matcher. */
    if (len > 0 && (searcher_parse(s, text, len, &query) != SEARCH_OK
                    || searcher_marks(s, query, doc.text, doc.text_len, &marks,
                                      &mark_count) != SEARCH_OK)) {
        errorf("%s", searcher_last_error(s));
        searcher_query_free(query);
        docdata_free(&doc);
        return EXIT_TROUBLE;
    }
    put_header(&out, &doc, format);
    size_t start = 0;
    for (unsigned n = 1; start <= doc.text_len && n <= doc.paragraph_count; n++) {
        const char *nl = memchr(doc.text + start, '\n', doc.text_len - start);
        size_t end = nl ? (size_t)(nl - doc.text) : doc.text_len, first = m;
        while (m < mark_count && marks[m].start < end)
            m++;
        if (format != FORMAT_JSON && !in_comments && docdata_paragraph_kind(&doc, n) == 'C') {
            buf_puts(&out, "\nReader comments\n");
            in_comments = 1;
        }
        put_paragraph(&out, &doc, n, start, end, marks + first, m - first, format, color);
        start = end + 1;
    }
    if (format == FORMAT_JSON)
        buf_puts(&out, "]}\n");
    if (out.failed) {
        errorf("out of memory");
        status = EXIT_TROUBLE;
    } else
        fwrite(out.data, 1, out.len, fp);
    buf_free(&out);
    free(marks);
    searcher_query_free(query);
    docdata_free(&doc);
    return status;
}
