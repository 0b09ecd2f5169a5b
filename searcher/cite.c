/* cite.c: the citation of a hit, and references in plain text, BibTeX, RIS
 * and CSL-JSON.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "cite.h"
#include "date.h"
#include "escape.h"
#include "marked.h"

static const char *const style_names[] = {
    [CITE_TEXT] = "text", [CITE_BIBTEX] = "bibtex", [CITE_RIS] = "ris",
    [CITE_CSL_JSON] = "csl-json",
};

/* BibTeX month macros, which every BibTeX reader knows. */
static const char *const bibtex_months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

const char *cite_title(const hit_t *hit)
{
    return hit->doc.title ? hit->doc.title : hit->doc.path ? hit->doc.path : hit->doc.id;
}

int cite_format_date(buf_t *out, const char *date)
{
    date_t d;
    switch (date_parse_iso(date, strlen(date), &d)) {
    case DATE_DAY:
        buf_printf(out, "%d %s %d", d.day, date_month_name(d.month), d.year);
        return 1;
    case DATE_MONTH:
        buf_printf(out, "%s %d", date_month_name(d.month), d.year);
        return 1;
    default:
        return 0;
    }
}

void cite_date(buf_t *out, const char *date)
{
    if (!cite_format_date(out, date))
        esc_terminal(out, date, strlen(date));
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

void cite_citation(buf_t *out, const hit_t *hit)
{
    const stored_doc_t *doc = &hit->doc;
    const snippet_t *sn = &hit->snippet;
    const char *title = cite_title(hit);

    buf_puts(out, "\xE2\x80\x9C");    /* “ */
    esc_terminal(out, title, strlen(title));
    end_sentence(out, title);
    buf_puts(out, "\xE2\x80\x9D ");   /* ” */
    if (doc->source) {
        esc_terminal(out, doc->source, strlen(doc->source));
        buf_puts(out, ", ");
    }
    if (doc->date) {
        cite_date(out, doc->date);
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
        buf_puts(out, ", " PILCROW);
        buf_put_unsigned(out, para);
        if (docdata_paragraph_kind(doc, para) == 'C')
            buf_puts(out, " (reader comment)");
    }
    buf_putc(out, '.');
}

int cite_parse_style(const char *name, cite_style_t *style_out)
{
    for (int s = CITE_TEXT; s <= CITE_CSL_JSON; s++)
        if (strcmp(name, style_names[s]) == 0) {
            *style_out = (cite_style_t)s;
            return 0;
        }
    return -1;
}

void cite_key(buf_t *out, const char *id)
{
    for (const char *p = id; *p; p++) {
        int keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                   || (*p >= '0' && *p <= '9') || strchr("_-:.", *p) != NULL;
        buf_putc(out, keep ? *p : '_');
    }
}

/* Splits a stored date ("2014-06-03", "2014-06", "2014") into its parts;
 * returns how many there are (0 for NULL or an unreadable date). */
static int date_parts(const char *date, int parts[3])
{
    date_t d;
    date_precision_t n = date ? date_parse_iso(date, strlen(date), &d) : DATE_NONE;
    if (n != DATE_NONE) {
        parts[0] = d.year;
        parts[1] = d.month;
        parts[2] = d.day;
    }
    return (int)n;
}

/* The inside of a BibTeX {...} value: LaTeX's special characters escaped,
 * so that BibTeX, biber and pandoc read back the same text. */
static void bibtex_escape(buf_t *out, const char *s)
{
    buf_t clean = BUF_INIT;
    esc_terminal(&clean, s, strlen(s));   /* no control characters */
    for (size_t i = 0; i < clean.len; i++) {
        char c = clean.data[i];
        switch (c) {
        case '\\': buf_puts(out, "\\textbackslash{}"); break;
        case '~': buf_puts(out, "\\textasciitilde{}"); break;
        case '^': buf_puts(out, "\\textasciicircum{}"); break;
        case '{': case '}': case '%': case '&': case '$': case '#': case '_':
            buf_putc(out, '\\');
            buf_putc(out, c);
            break;
        default: buf_putc(out, c);
        }
    }
    buf_free(&clean);
}

static void bibtex_field(buf_t *out, const char *name, const char *value)
{
    if (value == NULL)
        return;
    buf_printf(out, "  %s = {", name);
    bibtex_escape(out, value);
    buf_puts(out, "},\n");
}

static void cite_bibtex(buf_t *out, const hit_t *hit, const char *accessed)
{
    const stored_doc_t *doc = &hit->doc;
    int parts[3];
    int n = date_parts(doc->date, parts);

    buf_puts(out, "@article{");
    cite_key(out, doc->id);
    buf_puts(out, ",\n");
    /* Braced twice so BibTeX styles keep the headline's capitals. */
    if (doc->title) {
        buf_puts(out, "  title = {{");
        bibtex_escape(out, doc->title);
        buf_puts(out, "}},\n");
    }
    bibtex_field(out, "journal", doc->source);
    bibtex_field(out, "author", doc->byline);
    if (n >= 1)
        buf_printf(out, "  year = {%04d},\n", parts[0]);
    if (n >= 2)
        buf_printf(out, "  month = %s,\n", bibtex_months[parts[1] - 1]);
    if (n == 3)
        bibtex_field(out, "date", doc->date);
    bibtex_field(out, "url", doc->url);
    bibtex_field(out, "note", doc->id);
    bibtex_field(out, "urldate", accessed);
    buf_puts(out, "}\n\n");
}

static void ris_field(buf_t *out, const char *tag, const char *value)
{
    if (value == NULL)
        return;
    buf_printf(out, "%s  - ", tag);
    esc_terminal(out, value, strlen(value));
    buf_putc(out, '\n');
}

/* RIS dates are "YYYY/MM/DD/" with empty parts left empty. */
static void ris_date(buf_t *out, const char *tag, const char *date)
{
    int parts[3];
    int n = date_parts(date, parts);
    if (n == 0)
        return;
    buf_printf(out, "%s  - %04d/", tag, parts[0]);
    if (n >= 2)
        buf_printf(out, "%02d", parts[1]);
    buf_putc(out, '/');
    if (n == 3)
        buf_printf(out, "%02d", parts[2]);
    buf_puts(out, "/\n");
}

static void cite_ris(buf_t *out, const hit_t *hit, const char *accessed)
{
    const stored_doc_t *doc = &hit->doc;
    int parts[3];

    buf_puts(out, "TY  - NEWS\n");
    buf_puts(out, "ID  - ");
    cite_key(out, doc->id);
    buf_putc(out, '\n');
    ris_field(out, "TI", doc->title);
    ris_field(out, "T2", doc->source);
    ris_field(out, "AU", doc->byline);
    if (date_parts(doc->date, parts) >= 1)
        buf_printf(out, "PY  - %04d\n", parts[0]);
    ris_date(out, "DA", doc->date);
    ris_field(out, "UR", doc->url);
    ris_field(out, "AN", doc->id);
    ris_date(out, "Y2", accessed);
    buf_puts(out, "ER  - \n\n");
}

static void json_member(buf_t *out, const char *key, const char *value)
{
    if (value == NULL)
        return;
    buf_printf(out, ",\"%s\":\"", key);
    esc_json(out, value, strlen(value));
    buf_putc(out, '"');
}

static void json_date(buf_t *out, const char *key, const char *date)
{
    int parts[3];
    int n = date_parts(date, parts);
    if (n == 0)
        return;
    buf_printf(out, ",\"%s\":{\"date-parts\":[[", key);
    for (int i = 0; i < n; i++)
        buf_printf(out, "%s%d", i ? "," : "", parts[i]);
    buf_puts(out, "]]}");
}

static void cite_csl_json(buf_t *out, const hit_t *hit, const char *accessed, int first)
{
    const stored_doc_t *doc = &hit->doc;

    buf_puts(out, first ? "\n  {\"id\":\"" : ",\n  {\"id\":\"");
    cite_key(out, doc->id);
    buf_puts(out, "\",\"type\":\"article-newspaper\"");
    json_member(out, "title", doc->title);
    json_member(out, "container-title", doc->source);
    if (doc->byline) {
        buf_puts(out, ",\"author\":[{\"literal\":\"");
        esc_json(out, doc->byline, strlen(doc->byline));
        buf_puts(out, "\"}]");
    }
    json_date(out, "issued", doc->date);
    json_member(out, "URL", doc->url);
    json_member(out, "archive_location", doc->id);
    json_date(out, "accessed", accessed);
    buf_putc(out, '}');
}

static void cite_text(buf_t *out, const hit_t *hit, const char *accessed)
{
    cite_citation(out, hit);
    if (hit->doc.url) {
        buf_putc(out, ' ');
        esc_terminal(out, hit->doc.url, strlen(hit->doc.url));
    }
    if (accessed) {
        buf_puts(out, " Accessed ");
        cite_date(out, accessed);
        buf_putc(out, '.');
    }
    buf_putc(out, '\n');
}

void cite_begin(buf_t *out, cite_style_t style)
{
    if (style == CITE_CSL_JSON)
        buf_putc(out, '[');
}

void cite_end(buf_t *out, cite_style_t style)
{
    if (style == CITE_CSL_JSON)
        buf_puts(out, "\n]\n");
}

void cite_hit(buf_t *out, cite_style_t style, const hit_t *hit,
              const char *accessed, int first)
{
    switch (style) {
    case CITE_TEXT: cite_text(out, hit, accessed); break;
    case CITE_BIBTEX: cite_bibtex(out, hit, accessed); break;
    case CITE_RIS: cite_ris(out, hit, accessed); break;
    case CITE_CSL_JSON: cite_csl_json(out, hit, accessed, first); break;
    case CITE_NONE: break;
    }
}
