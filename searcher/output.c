/* output.c: text and JSON Lines renderers, and citations.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "output.h"

#define ELLIPSIS "\xE2\x80\xA6"      /* U+2026 */
#define PILCROW "\xC2\xB6"           /* U+00B6 */

/* Marks are ANSI bold red on a terminal, "**word**" otherwise, so a piped
 * result still shows what matched. */
#define MARK_ON_COLOR "\033[1;31m"
#define MARK_OFF_COLOR "\033[0m"
#define MARK_PLAIN "**"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

/* "2014-06-03" as "3 June 2014"; partial dates as far as they go. */
static void put_date(buf_t *out, const char *date)
{
    int y = 0, m = 0, d = 0;
    int n = sscanf(date, "%d-%d-%d", &y, &m, &d);
    if (n >= 3 && m >= 1 && m <= 12)
        buf_printf(out, "%d %s %d", d, months[m - 1], y);
    else if (n == 2 && m >= 1 && m <= 12)
        buf_printf(out, "%s %d", months[m - 1], y);
    else
        esc_terminal(out, date, strlen(date));
}

static const char *hit_title(const hit_t *hit)
{
    return hit->doc.title ? hit->doc.title : hit->doc.path ? hit->doc.path : hit->doc.id;
}

/* Appends "." unless TEXT already ends a sentence (or a shortened title). */
static void end_sentence(buf_t *out, const char *text)
{
    size_t n = strlen(text);
    if (n && (strchr(".?!", text[n - 1]) != NULL
              || (n >= 3 && strcmp(text + n - 3, ELLIPSIS) == 0)))
        return;
    buf_putc(out, '.');
}

void output_citation(buf_t *out, const hit_t *hit)
{
    const stored_doc_t *doc = &hit->doc;
    const snippet_t *sn = &hit->snippet;

    buf_puts(out, "\xE2\x80\x9C");    /* “ */
    esc_terminal(out, hit_title(hit), strlen(hit_title(hit)));
    end_sentence(out, hit_title(hit));
    buf_puts(out, "\xE2\x80\x9D ");   /* ” */
    if (doc->source) {
        esc_terminal(out, doc->source, strlen(doc->source));
        buf_puts(out, ", ");
    }
    if (doc->date) {
        put_date(out, doc->date);
        buf_putc(out, '.');
    } else
        buf_puts(out, "n.d.");
    buf_putc(out, ' ');
    esc_terminal(out, doc->id, strlen(doc->id));
    /* Every paragraph a shown passage stands in, so each quote can be found. */
    for (size_t k = 0; k < sn->fragment_count; k++) {
        unsigned para = sn->fragments[k].paragraph;
        if (k && para == sn->fragments[k - 1].paragraph)
            continue;
        buf_printf(out, ", " PILCROW "%u", para);
        if (docdata_paragraph_kind(doc, para) == 'C')
            buf_puts(out, " (reader comment)");
    }
    buf_putc(out, '.');
}

/* Appends fragment F of DOC with its marks. */
static void put_fragment(buf_t *out, const stored_doc_t *doc, const fragment_t *f, int color)
{
    const char *text = doc->text + f->start;
    size_t at = 0;
    const char *on = color ? MARK_ON_COLOR : MARK_PLAIN;
    const char *off = color ? MARK_OFF_COLOR : MARK_PLAIN;

    if (f->cut_before)
        buf_puts(out, ELLIPSIS);
    for (size_t m = 0; m < f->mark_count; m++) {
        size_t start = f->marks[m].start, end = f->marks[m].end;
        /* "Area Teams" reads better as one mark than as two. */
        while (m + 1 < f->mark_count && f->marks[m + 1].start == end + 1 && text[end] == ' ')
            end = f->marks[++m].end;
        esc_terminal(out, text + at, start - at);
        buf_puts(out, on);
        esc_terminal(out, text + start, end - start);
        buf_puts(out, off);
        at = end;
    }
    esc_terminal(out, text + at, (f->end - f->start) - at);
    if (f->cut_after)
        buf_puts(out, ELLIPSIS);
}

void output_text(FILE *fp, const search_result_t *r, const output_options_t *opts)
{
    buf_t out = BUF_INIT;

    if (r->group_count > 1)
        buf_printf(&out, "%u %s, %u with all %u words\n\n", r->matches,
                   r->matches == 1 ? "match" : "matches", r->all_words, r->group_count);
    else
        buf_printf(&out, "%u %s\n\n", r->matches, r->matches == 1 ? "match" : "matches");

    for (size_t i = 0; i < r->hit_count; i++) {
        const hit_t *hit = &r->hits[i];
        const stored_doc_t *doc = &hit->doc;

        buf_printf(&out, "[%u] %s", hit->rank, opts->color ? BOLD : "");
        esc_terminal(&out, hit_title(hit), strlen(hit_title(hit)));
        buf_puts(&out, opts->color ? RESET : "");
        if (doc->title_derived)
            buf_puts(&out, " (no headline: first sentence)");
        buf_puts(&out, "\n    ");
        if (doc->source) {
            esc_terminal(&out, doc->source, strlen(doc->source));
            buf_puts(&out, " | ");
        }
        if (doc->date)
            put_date(&out, doc->date);
        else
            buf_puts(&out, "date unknown");
        buf_puts(&out, " | ");
        esc_terminal(&out, doc->path ? doc->path : doc->id,
                     strlen(doc->path ? doc->path : doc->id));
        buf_printf(&out, " | score %.3f\n", hit->score);
        for (size_t k = 0; k < hit->snippet.fragment_count; k++) {
            const fragment_t *f = &hit->snippet.fragments[k];
            buf_printf(&out, "    " PILCROW "%u%s: ", f->paragraph,
                       docdata_paragraph_kind(doc, f->paragraph) == 'C' ? " (reader comment)" : "");
            put_fragment(&out, doc, f, opts->color);
            buf_putc(&out, '\n');
        }
        buf_puts(&out, "    Cite: ");
        output_citation(&out, hit);
        buf_puts(&out, "\n\n");
        if (out.failed)
            break;
        fwrite(out.data, 1, out.len, fp);
        buf_reset(&out);
    }
    if (out.len)
        fwrite(out.data, 1, out.len, fp);
    buf_free(&out);
}

static void json_string(buf_t *out, const char *key, const char *value)
{
    buf_printf(out, ",\"%s\":", key);
    if (value == NULL) {
        buf_puts(out, "null");
        return;
    }
    buf_putc(out, '"');
    esc_json(out, value, strlen(value));
    buf_putc(out, '"');
}

void output_json(FILE *fp, const search_result_t *r, const output_options_t *opts)
{
    buf_t out = BUF_INIT, cite = BUF_INIT;
    (void)opts;

    for (size_t i = 0; i < r->hit_count; i++) {
        const hit_t *hit = &r->hits[i];
        const stored_doc_t *doc = &hit->doc;

        buf_printf(&out, "{\"rank\":%u", hit->rank);
        json_string(&out, "id", doc->id);
        buf_printf(&out, ",\"score\":%.6f,\"all_words\":%s", hit->score,
                   hit->has_all_words ? "true" : "false");
        json_string(&out, "title", doc->title);
        buf_printf(&out, ",\"title_derived\":%s", doc->title_derived ? "true" : "false");
        json_string(&out, "source", doc->source);
        json_string(&out, "date", doc->date);
        json_string(&out, "byline", doc->byline);
        json_string(&out, "url", doc->url);
        json_string(&out, "path", doc->path);
        buf_reset(&cite);
        output_citation(&cite, hit);
        json_string(&out, "citation", cite.data);
        buf_puts(&out, ",\"snippets\":[");
        for (size_t k = 0; k < hit->snippet.fragment_count; k++) {
            const fragment_t *f = &hit->snippet.fragments[k];
            buf_puts(&out, k ? ",{" : "{");
            buf_puts(&out, "\"text\":\"");
            esc_json(&out, doc->text + f->start, f->end - f->start);
            buf_printf(&out, "\",\"paragraph\":%u,\"kind\":\"%s\",\"start\":%zu,\"end\":%zu,"
                       "\"cut_before\":%s,\"cut_after\":%s,\"highlights\":[",
                       f->paragraph,
                       docdata_paragraph_kind(doc, f->paragraph) == 'C' ? "comment" : "body",
                       f->start, f->end, f->cut_before ? "true" : "false",
                       f->cut_after ? "true" : "false");
            for (size_t m = 0; m < f->mark_count; m++)
                buf_printf(&out, "%s[%zu,%zu]", m ? "," : "", f->marks[m].start, f->marks[m].end);
            buf_puts(&out, "]}");
        }
        buf_puts(&out, "]}\n");
        if (out.failed)
            break;
        fwrite(out.data, 1, out.len, fp);
        buf_reset(&out);
    }
    buf_free(&out);
    buf_free(&cite);
}
