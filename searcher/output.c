/* output.c: text, JSON Lines, TSV, CSV and TREC renderers, and citations.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "kwic.h"
#include "marked.h"
#include "output.h"

#define BOLD "\033[1m"            /* a hit's rank and title */

typedef enum {
    VALUE_STRING, VALUE_NUMBER, VALUE_BOOL, VALUE_META, VALUE_SNIPPETS, VALUE_COPIES
} value_kind_t;

/* Indexed by field_t.  KEY is the name as a JSON key, written in one go. */
#define FIELD(name, kind) { name, kind, "\"" name "\":" }
static const struct {
    const char *name;
    value_kind_t kind;
    const char *key;
} field_table[FIELD_COUNT] = {
    [FIELD_QUERY_ID] = FIELD("query_id", VALUE_STRING),
    [FIELD_QUERY] = FIELD("query", VALUE_STRING),
    [FIELD_RANK] = FIELD("rank", VALUE_NUMBER),
    [FIELD_ID] = FIELD("id", VALUE_STRING),
    [FIELD_SCORE] = FIELD("score", VALUE_NUMBER),
    [FIELD_ALL_WORDS] = FIELD("all_words", VALUE_BOOL),
    [FIELD_TITLE] = FIELD("title", VALUE_STRING),
    [FIELD_TITLE_DERIVED] = FIELD("title_derived", VALUE_BOOL),
    [FIELD_SOURCE] = FIELD("source", VALUE_STRING),
    [FIELD_DATE] = FIELD("date", VALUE_STRING),
    [FIELD_BYLINE] = FIELD("byline", VALUE_STRING),
    [FIELD_URL] = FIELD("url", VALUE_STRING),
    [FIELD_META] = FIELD("meta", VALUE_META),
    [FIELD_PATH] = FIELD("path", VALUE_STRING),
    [FIELD_CITATION] = FIELD("citation", VALUE_STRING),
    [FIELD_SNIPPETS] = FIELD("snippets", VALUE_SNIPPETS),
    [FIELD_COPIES] = FIELD("copies", VALUE_COPIES),
};
#undef FIELD

void output_default_fields(output_options_t *opts, int batch)
{
    static const field_t json_fields[] = {
        FIELD_RANK, FIELD_ID, FIELD_SCORE, FIELD_ALL_WORDS, FIELD_TITLE,
        FIELD_TITLE_DERIVED, FIELD_SOURCE, FIELD_DATE, FIELD_BYLINE, FIELD_URL,
        FIELD_META, FIELD_PATH, FIELD_CITATION, FIELD_SNIPPETS, FIELD_COPIES,
    };
    static const field_t table_fields[] = {
        FIELD_QUERY_ID, FIELD_RANK, FIELD_SCORE, FIELD_ID, FIELD_TITLE,
        FIELD_SOURCE, FIELD_DATE, FIELD_CITATION,
    };
    opts->field_count = 0;
    if (opts->format == FORMAT_JSON) {
        if (batch)
            opts->fields[opts->field_count++] = FIELD_QUERY_ID;
        for (size_t i = 0; i < sizeof json_fields / sizeof *json_fields; i++)
            opts->fields[opts->field_count++] = json_fields[i];
    } else {
        for (size_t i = 0; i < sizeof table_fields / sizeof *table_fields; i++)
            opts->fields[opts->field_count++] = table_fields[i];
    }
}

int output_parse_fields(output_options_t *opts, const char *list, char **errmsg)
{
    const char *at = list;

    *errmsg = NULL;
    opts->field_count = 0;
    for (;;) {
        size_t len = strcspn(at, ",");
        int found = -1;
        for (int f = 0; f < FIELD_COUNT && found < 0; f++)
            if (strlen(field_table[f].name) == len && memcmp(field_table[f].name, at, len) == 0)
                found = f;
        if (found < 0 || opts->field_count == FIELD_COUNT) {
            buf_t m = BUF_INIT;
            if (found < 0) {
                buf_printf(&m, "unknown field '%.*s' (fields:", (int)len, at);
                for (int f = 0; f < FIELD_COUNT; f++)
                    buf_printf(&m, "%s %s", f ? "," : "", field_table[f].name);
                buf_putc(&m, ')');
            } else
                buf_printf(&m, "too many fields (at most %d)", FIELD_COUNT);
            *errmsg = buf_detach(&m);
            return -1;
        }
        opts->fields[opts->field_count++] = (field_t)found;
        if (at[len] == '\0')
            return 0;
        at += len + 1;
    }
}

int output_needs_snippets(const output_options_t *opts)
{
    if (opts->cite != CITE_NONE)
        return opts->cite == CITE_TEXT;
    if (opts->format == FORMAT_TEXT)
        return 1;
    if (opts->format == FORMAT_TREC || opts->format == FORMAT_KWIC)
        return 0;
    for (size_t i = 0; i < opts->field_count; i++)
        if (opts->fields[i] == FIELD_CITATION || opts->fields[i] == FIELD_SNIPPETS)
            return 1;
    return 0;
}

int output_needs_marks(const output_options_t *opts)
{
    return opts->cite == CITE_NONE && opts->format == FORMAT_KWIC;
}

int output_needs_copies(const output_options_t *opts)
{
    if (opts->cite != CITE_NONE || opts->format == FORMAT_TREC || opts->format == FORMAT_KWIC)
        return 0;
    if (opts->format == FORMAT_TEXT)
        return 1;
    for (size_t i = 0; i < opts->field_count; i++)
        if (opts->fields[i] == FIELD_COPIES)
            return 1;
    return 0;
}

/* Appends fragment F of DOC with its marks. */
static void put_fragment(buf_t *out, const stored_doc_t *doc, const fragment_t *f, int color)
{
    if (f->cut_before)
        buf_puts(out, ELLIPSIS);
    marked_write(out, esc_terminal, doc->text + f->start, 0, f->end - f->start, f->marks,
                 f->mark_count, color ? MARK_ON_COLOR : MARK_PLAIN,
                 color ? MARK_OFF_COLOR : MARK_PLAIN, 1);
    if (f->cut_after)
        buf_puts(out, ELLIPSIS);
}

int output_shows_counts(const output_options_t *opts)
{
    return opts->cite == CITE_NONE && (opts->format == FORMAT_TEXT || opts->format == FORMAT_JSON);
}

void output_count_line(buf_t *out, const search_result_t *r)
{
    const char *about = r->counts_exact ? "" : "about ";
    buf_printf(out, "%s%u %s", about, r->matches, r->matches == 1 ? "match" : "matches");
    /* Collapsed, the hits are stories: the count says so beside the
     * articles'. */
    if (r->collapsed)
        buf_printf(out, " in %s%u %s", about, r->stories, r->stories == 1 ? "story" : "stories");
    if (r->group_count > 1)
        buf_printf(out, ", %s%u with all %u words", about, r->all_words, r->group_count);
    if (r->sort != SEARCH_BY_RELEVANCE)
        buf_printf(out, "; %s first, %u undated last",
                   r->sort == SEARCH_NEWEST_FIRST ? "newest" : "oldest", r->undated);
}

void output_json_stories(buf_t *out, const search_result_t *r)
{
    buf_printf(out, ",\"collapsed\":%s", r->collapsed ? "true" : "false");
    if (r->collapsed)
        buf_printf(out, ",\"stories\":%u", r->stories);
}

static void text_header(buf_t *out, const output_query_t *q, const search_result_t *r)
{
    if (q->batch) {
        buf_puts(out, "Query ");
        esc_terminal(out, q->id, strlen(q->id));
        buf_puts(out, ": ");
        esc_terminal(out, q->text, strlen(q->text));
        buf_putc(out, '\n');
    }
    /* --explain: how the query was understood, one indented line each. */
    for (const char *line = r->explain; line && *line;) {
        size_t n = strcspn(line, "\n");
        buf_puts(out, line == r->explain ? "Query understood as:\n  " : "  ");
        esc_terminal(out, line, n);
        buf_putc(out, '\n');
        line += n + (line[n] == '\n');
    }
    output_count_line(out, r);
    buf_putc(out, '\n');
    if (r->suggestion) {
        buf_puts(out, "Did you mean: ");
        esc_terminal(out, r->suggestion, strlen(r->suggestion));
        buf_puts(out, "?\n");
    }
    buf_putc(out, '\n');
}

/* JSON: a line {"trawl_query":{...}} before the hits: the counts, the
 * order, "did you mean" and the explanation. */
static void json_query(buf_t *out, const output_query_t *q, const search_result_t *r)
{
    buf_puts(out, "{\"trawl_query\":{\"query_id\":\"");
    esc_json(out, q->id, strlen(q->id));
    buf_printf(out, "\",\"matches\":%u,\"all_words\":%u,\"words\":%u,\"counts_exact\":%s,"
               "\"sort\":\"%s\"", r->matches, r->all_words, r->group_count,
               r->counts_exact ? "true" : "false", search_sort_name(r->sort));
    output_json_stories(out, r);
    if (r->sort != SEARCH_BY_RELEVANCE)
        buf_printf(out, ",\"undated\":%u", r->undated);
    buf_puts(out, ",\"did_you_mean\":");
    if (r->suggestion) {
        buf_putc(out, '"');
        esc_json(out, r->suggestion, strlen(r->suggestion));
        buf_putc(out, '"');
    } else {
        buf_puts(out, "null");
    }
    if (r->explain) {
        buf_puts(out, ",\"explain\":\"");
        esc_json(out, r->explain, strlen(r->explain));
        buf_putc(out, '"');
    }
    buf_puts(out, "}}\n");
}

void output_source_date(buf_t *out, const stored_doc_t *doc)
{
    if (doc->source) {
        esc_terminal(out, doc->source, strlen(doc->source));
        buf_puts(out, " | ");
    }
    if (doc->date)
        cite_date(out, doc->date);
    else
        buf_puts(out, "date unknown");
}

void output_copies_line(buf_t *out, const hit_t *hit,
                        void (*escape)(buf_t *, const char *, size_t))
{
    enum { MAX_NAMED = 5 };    /* sources, or ids when none has a source */
    size_t named = 0;

    if (hit->copy_count == 0)
        return;
    buf_puts(out, "also in: ");
    for (size_t k = 0; k < hit->copy_count && named < MAX_NAMED; k++) {
        const char *source = hit->copies[k].source;
        int seen = source == NULL;
        for (size_t j = 0; j < k && !seen; j++)
            seen = hit->copies[j].source && strcmp(hit->copies[j].source, source) == 0;
        if (seen)
            continue;
        buf_puts(out, named++ ? ", " : "");
        escape(out, source, strlen(source));
    }
    if (named == 0)
        for (size_t k = 0; k < hit->copy_count && named < MAX_NAMED; k++) {
            const char *id = hit->copies[k].id ? hit->copies[k].id : "";
            buf_puts(out, named++ ? ", " : "");
            escape(out, id, strlen(id));
        }
    buf_printf(out, "%s(+%zu %s)", named ? " " : "", hit->copy_count,
               hit->copy_count == 1 ? "copy" : "copies");
}

static void text_hit(buf_t *out, const hit_t *hit, int color)
{
    const stored_doc_t *doc = &hit->doc;

    buf_printf(out, "[%u] %s", hit->rank, color ? BOLD : "");
    esc_terminal(out, cite_title(hit), strlen(cite_title(hit)));
    buf_puts(out, color ? ANSI_RESET : "");
    if (doc->title_derived)
        buf_puts(out, " (no headline: first sentence)");
    buf_puts(out, "\n    ");
    output_source_date(out, doc);
    buf_puts(out, " | ");
    esc_terminal(out, doc->path ? doc->path : doc->id, strlen(doc->path ? doc->path : doc->id));
    buf_printf(out, " | score %.3f\n", hit->score);
    if (hit->copy_count) {
        buf_puts(out, "    ");
        output_copies_line(out, hit, esc_terminal);
        buf_putc(out, '\n');
    }
    for (size_t k = 0; k < hit->snippet.fragment_count; k++) {
        const fragment_t *f = &hit->snippet.fragments[k];
        buf_printf(out, "    " PILCROW "%u%s: ", f->paragraph,
                   docdata_paragraph_kind(doc, f->paragraph) == 'C' ? " (reader comment)" : "");
        put_fragment(out, doc, f, color);
        buf_putc(out, '\n');
    }
    buf_puts(out, "    Cite: ");
    cite_citation(out, hit);
    buf_puts(out, "\n\n");
}

/* Whether FIELD's value is a string held as it is (field_string()). */
static int is_plain_string(field_t field)
{
    switch (field) {
    case FIELD_QUERY_ID: case FIELD_QUERY: case FIELD_ID: case FIELD_TITLE:
    case FIELD_SOURCE: case FIELD_DATE: case FIELD_BYLINE: case FIELD_URL:
    case FIELD_PATH:
        return 1;
    default:
        return 0;
    }
}

/* The value of a field for which is_plain_string(), or NULL if unknown. */
static const char *field_string(field_t field, const output_query_t *q, const hit_t *hit)
{
    const stored_doc_t *doc = &hit->doc;

    switch (field) {
    case FIELD_QUERY_ID: return q->id;
    case FIELD_QUERY: return q->text;
    case FIELD_ID: return doc->id;
    case FIELD_TITLE: return doc->title;
    case FIELD_SOURCE: return doc->source;
    case FIELD_DATE: return doc->date;
    case FIELD_BYLINE: return doc->byline;
    case FIELD_URL: return doc->url;
    case FIELD_PATH: return doc->path;
    default: return NULL;
    }
}

/* Appends the value of FIELD for HIT as plain text (what TSV and CSV
 * escape, and JSON quotes).  Returns 0 when the value is unknown (null). */
/* The first of DOC's extra fields with the key of extra field I. */
static size_t first_of_key(const stored_doc_t *doc, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (strcmp(doc->extra[k].key, doc->extra[i].key) == 0)
            return k;
    return i;
}

static int field_text(buf_t *out, field_t field, const output_query_t *q, const hit_t *hit)
{
    const stored_doc_t *doc = &hit->doc;
    const char *s;

    switch (field) {
    case FIELD_RANK: buf_put_unsigned(out, hit->rank); return 1;
    case FIELD_SCORE: {
        /* One snprintf, where buf_printf() formats twice. */
        char number[64];
        int n = snprintf(number, sizeof number, "%.6f", hit->score);
        if (n > 0 && (size_t)n < sizeof number)
            buf_append(out, number, (size_t)n);
        else
            buf_printf(out, "%.6f", hit->score);
        return 1;
    }
    case FIELD_ALL_WORDS: buf_puts(out, hit->has_all_words ? "true" : "false"); return 1;
    case FIELD_TITLE_DERIVED: buf_puts(out, doc->title_derived ? "true" : "false"); return 1;
    case FIELD_META:
        /* Metadata trawl has no field for, as "key=value; key=a, b" (a
         * list's items after one key). */
        for (size_t i = 0; i < doc->extra_count; i++) {
            if (first_of_key(doc, i) < i)
                continue;
            buf_printf(out, "%s%s=", i ? "; " : "", doc->extra[i].key);
            for (size_t k = i; k < doc->extra_count; k++)
                if (strcmp(doc->extra[k].key, doc->extra[i].key) == 0)
                    buf_printf(out, "%s%s", k > i ? ", " : "", doc->extra[k].value);
        }
        return doc->extra_count > 0;
    case FIELD_CITATION: cite_citation(out, hit); return 1;
    case FIELD_COPIES:
        for (size_t k = 0; k < hit->copy_count; k++)
            buf_printf(out, "%s%s", k ? "; " : "", hit->copies[k].id ? hit->copies[k].id : "");
        return 1;
    case FIELD_SNIPPETS:
        /* The fragments as shown, without marks, an ellipsis where cut. */
        for (size_t k = 0; k < hit->snippet.fragment_count; k++) {
            const fragment_t *f = &hit->snippet.fragments[k];
            if (k)
                buf_putc(out, ' ');
            if (f->cut_before)
                buf_puts(out, ELLIPSIS);
            buf_append(out, doc->text + f->start, f->end - f->start);
            if (f->cut_after)
                buf_puts(out, ELLIPSIS);
        }
        return 1;
    default:
        break;   /* the plain strings */
    }
    s = field_string(field, q, hit);
    if (s == NULL)
        return 0;
    buf_puts(out, s);
    return 1;
}

static void json_snippets(buf_t *out, const hit_t *hit)
{
    const stored_doc_t *doc = &hit->doc;

    buf_putc(out, '[');
    for (size_t k = 0; k < hit->snippet.fragment_count; k++) {
        const fragment_t *f = &hit->snippet.fragments[k];
        buf_puts(out, k ? ",{" : "{");
        buf_puts(out, "\"text\":\"");
        esc_json(out, doc->text + f->start, f->end - f->start);
        /* No buf_printf: it was a quarter of writing a hit. */
        buf_puts(out, "\",\"paragraph\":");
        buf_put_unsigned(out, f->paragraph);
        buf_puts(out, docdata_paragraph_kind(doc, f->paragraph) == 'C'
                      ? ",\"kind\":\"comment\",\"start\":" : ",\"kind\":\"body\",\"start\":");
        buf_put_unsigned(out, f->start);
        buf_puts(out, ",\"end\":");
        buf_put_unsigned(out, f->end);
        buf_puts(out, f->cut_before ? ",\"cut_before\":true" : ",\"cut_before\":false");
        buf_puts(out, f->cut_after ? ",\"cut_after\":true" : ",\"cut_after\":false");
        buf_puts(out, ",\"highlights\":[");
        for (size_t m = 0; m < f->mark_count; m++) {
            buf_puts(out, m ? ",[" : "[");
            buf_put_unsigned(out, f->marks[m].start);
            buf_putc(out, ',');
            buf_put_unsigned(out, f->marks[m].end);
            buf_putc(out, ']');
        }
        buf_puts(out, "]}");
    }
    buf_putc(out, ']');
}

/* Metadata trawl has no field for (front matter, JSON Lines, manifest
 * columns), as an object: a key once, a list (or a key given more than
 * once) as an array of its values. */
static void json_meta(buf_t *out, const stored_doc_t *doc)
{
    buf_putc(out, '{');
    for (size_t i = 0; i < doc->extra_count; i++) {
        const docdata_field_t *f = &doc->extra[i];
        size_t values = 0;
        if (first_of_key(doc, i) < i)
            continue;
        buf_puts(out, i ? ",\"" : "\"");
        esc_json(out, f->key, strlen(f->key));
        buf_puts(out, "\":");
        for (size_t k = i; k < doc->extra_count; k++)
            values += strcmp(doc->extra[k].key, f->key) == 0;
        if (f->list || values > 1)
            buf_putc(out, '[');
        for (size_t k = i, n = 0; k < doc->extra_count; k++)
            if (strcmp(doc->extra[k].key, f->key) == 0) {
                buf_puts(out, n++ ? ",\"" : "\"");
                esc_json(out, doc->extra[k].value, strlen(doc->extra[k].value));
                buf_putc(out, '"');
            }
        if (f->list || values > 1)
            buf_putc(out, ']');
    }
    buf_putc(out, '}');
}

void output_json_members(buf_t *out, const field_t *fields, size_t field_count,
                         const output_query_t *q, const hit_t *hit, buf_t *scratch)
{
    for (size_t i = 0; i < field_count; i++) {
        field_t field = fields[i];
        /* buf_puts, not buf_printf: vsnprintf per key was a tenth of a batch's time. */
        if (i)
            buf_putc(out, ',');
        buf_puts(out, field_table[field].key);
        if (field_table[field].kind == VALUE_SNIPPETS) {
            json_snippets(out, hit);
            continue;
        }
        if (field_table[field].kind == VALUE_META) {
            json_meta(out, &hit->doc);
            continue;
        }
        if (field_table[field].kind == VALUE_COPIES) {
            buf_putc(out, '[');
            for (size_t k = 0; k < hit->copy_count; k++) {
                const char *id = hit->copies[k].id ? hit->copies[k].id : "";
                buf_puts(out, k ? ",\"" : "\"");
                esc_json(out, id, strlen(id));
                buf_putc(out, '"');
            }
            buf_putc(out, ']');
            continue;
        }
        if (is_plain_string(field)) {
            /* Escaped straight from where it is, not copied first. */
            const char *v = field_string(field, q, hit);
            if (v == NULL) {
                buf_puts(out, "null");
            } else {
                buf_putc(out, '"');
                esc_json(out, v, strlen(v));
                buf_putc(out, '"');
            }
            continue;
        }
        buf_reset(scratch);
        if (!field_text(scratch, field, q, hit))
            buf_puts(out, "null");
        else if (field_table[field].kind == VALUE_STRING) {
            buf_putc(out, '"');
            esc_json(out, scratch->data, scratch->len);
            buf_putc(out, '"');
        } else
            buf_append(out, scratch->data, scratch->len);
    }
}

void output_json_hit(buf_t *out, const field_t *fields, size_t field_count,
                     const output_query_t *q, const hit_t *hit, buf_t *scratch)
{
    buf_putc(out, '{');
    output_json_members(out, fields, field_count, q, hit, scratch);
    buf_putc(out, '}');
}

void output_tsv_escape(buf_t *out, const char *s, size_t len)
{
    size_t run = 0;   /* s[run..i) goes through esc_controls() */

    for (size_t i = 0; i < len; i++) {
        const char *escaped = s[i] == '\\' ? "\\\\" : s[i] == '\t' ? "\\t"
                              : s[i] == '\n' ? "\\n" : s[i] == '\r' ? "\\r" : NULL;
        if (escaped == NULL)
            continue;
        esc_controls(out, s + run, i - run);
        buf_puts(out, escaped);
        run = i + 1;
    }
    esc_controls(out, s + run, len - run);
}

void output_csv_escape(buf_t *out, const char *s, size_t len)
{
    /* S is counted, not NUL-terminated: strcspn() would read past its end
     * (found by tests/fuzz/fuzz-escape), and stop at a NUL inside it. */
    size_t plain = 0, run = 0;
    /* A cell a spreadsheet would run as a formula gets a quote first, as
     * OWASP recommends ("CSV Injection"): the cell is then text. */
    int formula = len > 0 && memchr("=+-@\t\r", s[0], 6) != NULL;

    while (plain < len && s[plain] != ',' && s[plain] != '"' && s[plain] != '\r'
           && s[plain] != '\n')
        plain++;
    if (plain < len)
        buf_putc(out, '"');
    if (formula)
        buf_putc(out, '\'');
    for (size_t i = 0; i < len; i++)
        if (s[i] == '"') {
            esc_controls(out, s + run, i - run);
            buf_puts(out, "\"\"");
            run = i + 1;
        }
    esc_controls(out, s + run, len - run);
    if (plain < len)
        buf_putc(out, '"');
}

/* One row of TSV or CSV: the header when HIT is NULL. */
static void table_row(buf_t *out, const output_options_t *opts, const output_query_t *q,
                      const hit_t *hit, buf_t *scratch)
{
    int csv = opts->format == FORMAT_CSV;

    for (size_t i = 0; i < opts->field_count; i++) {
        if (i)
            buf_putc(out, csv ? ',' : '\t');
        buf_reset(scratch);
        if (hit == NULL)
            buf_puts(scratch, field_table[opts->fields[i]].name);
        else
            field_text(scratch, opts->fields[i], q, hit);
        if (scratch->len == 0)
            continue;
        if (csv)
            output_csv_escape(out, scratch->data, scratch->len);
        else
            output_tsv_escape(out, scratch->data, scratch->len);
    }
    buf_puts(out, csv ? "\r\n" : "\n");
}

/* S[0..LEN) as one word of a TREC run: white space becomes '_', and
 * nothing a terminal would act on is left (esc_terminal()). */
static void trec_word(buf_t *out, const char *s, size_t len)
{
    size_t run = 0;

    for (size_t i = 0; i < len; i++)
        if (strchr(" \t\n\r\v\f", s[i]) && s[i] != '\0') {
            esc_terminal(out, s + run, i - run);
            buf_putc(out, '_');
            run = i + 1;
        }
    esc_terminal(out, s + run, len - run);
}

void output_trec_docid(buf_t *out, const char *id)
{
    size_t len = strlen(id);
    static const char *const extensions[] = { ".txt.gz", ".txt" };

    for (size_t e = 0; e < 2; e++) {
        size_t n = strlen(extensions[e]);
        if (len > n && strcmp(id + len - n, extensions[e]) == 0) {
            len -= n;
            break;
        }
    }
    trec_word(out, id, len);
}

/* A TREC run line.  trec_eval orders a query's documents by score, not by
 * the rank column, while trawl ranks articles with every word above those
 * with some, whatever their BM25 scores.  So the printed score is the BM25
 * score in millionths (truncated), lowered where needed to one millionth
 * below the previous hit's: strictly decreasing with rank, equal to the
 * real score wherever that already decreases. */
static void trec_line(buf_t *out, const output_options_t *opts, output_query_t *q,
                      const hit_t *hit)
{
    long score = (long)floor(hit->score * 1e6);

    if (q->hits_written > 0 && score >= q->trec_score)
        score = q->trec_score - 1;
    q->trec_score = score;
    trec_word(out, q->id, strlen(q->id));
    buf_puts(out, " Q0 ");
    output_trec_docid(out, hit->doc.id);
    buf_printf(out, " %u %s%ld.%06ld %s\n", hit->rank, score < 0 ? "-" : "",
               labs(score) / 1000000, labs(score) % 1000000, opts->run_tag);
}

const char *output_status_to_string(output_status_t status)
{
    switch (status) {
    case OUTPUT_OK: return "success";
    case OUTPUT_NO_MEMORY: return "out of memory";
    case OUTPUT_WRITE_FAILED: return "output error";
    default: return "unknown status";
    }
}

/* Writes OUT to FP (nothing when OUT failed).  Returns OUTPUT_OK,
 * OUTPUT_NO_MEMORY or OUTPUT_WRITE_FAILED. */
static output_status_t flush_buffer(FILE *fp, const buf_t *out)
{
    if (out->failed)
        return OUTPUT_NO_MEMORY;
    if (out->len && fwrite(out->data, 1, out->len, fp) != out->len)
        return OUTPUT_WRITE_FAILED;
    return OUTPUT_OK;
}

output_status_t output_begin(FILE *fp, output_options_t *opts)
{
    buf_t out = BUF_INIT, scratch = BUF_INIT;

    if (opts->cite != CITE_NONE)
        cite_begin(&out, opts->cite);
    else if (opts->format == FORMAT_TSV || opts->format == FORMAT_CSV)
        table_row(&out, opts, NULL, NULL, &scratch);
    else if (opts->format == FORMAT_KWIC)
        kwic_header(&out, opts->kwic.layout);
    output_status_t st = scratch.failed ? OUTPUT_NO_MEMORY : flush_buffer(fp, &out);
    buf_free(&out);
    buf_free(&scratch);
    return st;
}

output_status_t output_page(FILE *fp, output_options_t *opts, output_query_t *q,
                            const search_result_t *r, int first_page)
{
    buf_t out = BUF_INIT, scratch = BUF_INIT;
    output_status_t st = OUTPUT_OK;

    if (first_page && opts->format == FORMAT_TEXT && opts->cite == CITE_NONE)
        text_header(&out, q, r);
    if (first_page && opts->format == FORMAT_JSON && opts->cite == CITE_NONE)
        json_query(&out, q, r);
    for (size_t i = 0; i < r->hit_count && st == OUTPUT_OK; i++) {
        const hit_t *hit = &r->hits[i];
        if (opts->cite != CITE_NONE)
            cite_hit(&out, opts->cite, hit, opts->accessed, opts->written == 0);
        else {
            switch (opts->format) {
            case FORMAT_TEXT: text_hit(&out, hit, opts->color); break;
            case FORMAT_JSON:
                output_json_hit(&out, opts->fields, opts->field_count, q, hit, &scratch);
                buf_putc(&out, '\n');
                break;
            case FORMAT_TSV:
            case FORMAT_CSV: table_row(&out, opts, q, hit, &scratch); break;
            case FORMAT_TREC: trec_line(&out, opts, q, hit); break;
            case FORMAT_KWIC: kwic_hit(&out, hit, &opts->kwic, &opts->kwic_held); break;
            }
        }
        q->hits_written++;
        opts->written++;
        /* Written hit by hit, so memory stays one hit's worth. */
        st = scratch.failed ? OUTPUT_NO_MEMORY : flush_buffer(fp, &out);
        buf_reset(&out);
    }
    if (st == OUTPUT_OK)
        st = flush_buffer(fp, &out);
    buf_free(&out);
    buf_free(&scratch);
    return st;
}

output_status_t output_query_end(FILE *fp, output_options_t *opts)
{
    buf_t out = BUF_INIT;
    int lost = kwic_flush(&out, &opts->kwic_held) != 0;
    output_status_t st = flush_buffer(fp, &out);

    buf_free(&out);
    return lost ? OUTPUT_NO_MEMORY : st;
}

output_status_t output_end(FILE *fp, output_options_t *opts)
{
    buf_t out = BUF_INIT;

    if (opts->cite != CITE_NONE)
        cite_end(&out, opts->cite);
    output_status_t st = flush_buffer(fp, &out);
    buf_free(&out);
    return st;
}
