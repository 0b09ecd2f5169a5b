/* page.c: turns one scraped text page into an article: headline, date, byline, paragraphs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The page goes through four steps:
 * 1. clean_text() (clean.h): valid UTF-8, LF line ends, no control characters, one
 *    space between words, trimmed lines;
 * 2. front matter ("Key: value" lines, then a blank line);
 * 3. each line is classified (dropped furniture, comment heading, date,
 *    commenter, text) and text lines are joined into paragraphs;
 * 4. the leading paragraphs give the headline, date and byline; a comment
 *    heading or commenter line after the story starts the comments.
 * Every rule looks at the shape of a line, never at a site's wording, except
 * boilerplate.c's short furniture list.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clean.h"
#include "grow.h"
#include "page.h"
#include "page-internal.h"
#include "buf.h"
#include "date.h"
#include "utf8.h"

#define DERIVED_TITLE_MAX 80    /* characters of a title made from a sentence */

/* ---- step 2: front matter ---- */

/* "key: value" with key [A-Za-z][A-Za-z0-9_-]*: the key's length, or 0. */
static size_t front_matter_key(span_t sp)
{
    size_t i = 0;
    if (sp.len == 0 || !isalpha((unsigned char)sp.s[0]))
        return 0;
    while (i < sp.len && (isalnum((unsigned char)sp.s[i]) || sp.s[i] == '_' || sp.s[i] == '-'))
        i++;
    return i < sp.len && sp.s[i] == ':' ? i : 0;
}

static char **known_field(article_t *a, span_t key)
{
    if (span_is(key, "id"))
        return &a->id;
    if (span_is(key, "title"))
        return &a->title;
    if (span_is(key, "date"))
        return &a->date;
    if (span_is(key, "source"))
        return &a->source;
    if (span_is(key, "byline") || span_is(key, "author"))
        return &a->byline;
    if (span_is(key, "url"))
        return &a->url;
    return NULL;
}

/* ---- the parser ---- */

enum {
    LINE_DROP,        /* blank, boilerplate or furniture: ends a paragraph */
    LINE_HEADING,     /* a comment heading: dropped, may start the comments */
    LINE_TEXT
};

enum {
    ALONE = 1,        /* a paragraph by itself: a date or commenter line */
    COMMENTER = 2,    /* may start the comments */
    DATE_LINE = 4,
    BULLET = 8        /* starts a new paragraph */
};

typedef struct {
    span_t text;
    int kind, flags;
} line_t;

typedef struct {
    char *text;       /* NULL for a comment heading */
    size_t len;
    int flags;
} unit_t;

typedef struct {
    article_t *a;
    const boilerplate_t *bp;
    line_t *lines;
    size_t nlines;
    unit_t *units;
    size_t nunits, cap;
    int oom;
    unsigned long furniture_from;   /* documents from which a line is furniture */
} parser_t;

static char *dup_span(parser_t *p, span_t sp)
{
    char *s = xstrndup(sp.s, sp.len);
    if (s == NULL)
        p->oom = 1;
    return s;
}

/* Strips a value's surrounding quotes ("title: \"A B\"" as YAML writes it). */
static span_t unquote(span_t v)
{
    if (v.len >= 2 && (v.s[0] == '"' || v.s[0] == '\'') && v.s[v.len - 1] == v.s[0])
        return (span_t){ v.s + 1, v.len - 2 };
    return v;
}

static void set_field(parser_t *p, span_t key, span_t value)
{
    article_t *a = p->a;
    char **field = known_field(a, key);
    char date[DATE_TEXT_SIZE];

    value = unquote(value);
    if (value.len == 0 || (field && *field))    /* empty: unknown; first wins */
        return;
    if (field == &a->date && !page_read_date(value, 0, date, NULL)) {
        buf_t w = BUF_INIT;
        if (a->warning == NULL) {
            buf_printf(&w, "front matter: bad date '%.*s' ignored", (int)value.len, value.s);
            if (w.failed)
                p->oom = 1;
            a->warning = buf_detach(&w);
        }
        return;
    }
    if (field) {
        *field = dup_span(p, field == &a->date ? (span_t){ date, strlen(date) } : value);
        return;
    }
    article_field_t *extra = realloc(a->extra, (a->extra_count + 1) * sizeof *extra);
    if (extra == NULL) {
        p->oom = 1;
        return;
    }
    a->extra = extra;
    extra[a->extra_count].key = dup_span(p, key);
    extra[a->extra_count].value = dup_span(p, value);
    extra[a->extra_count].list = extra[a->extra_count].structured = 0;
    a->extra_count++;
}

/* Reads the front matter, if the page has one; returns the first line after
 * it (0 when there is none). */
static size_t read_front_matter(parser_t *p)
{
    size_t first = 0, end, next;
    int known = 0;

    while (first < p->nlines && p->lines[first].text.len == 0)
        first++;
    if (first < p->nlines && span_is(p->lines[first].text, "---")) {
        first++;
        for (end = first; end < p->nlines && !span_is(p->lines[end].text, "---"); end++)
            ;
        next = end + 1;
    } else {
        for (end = first; end < p->nlines && p->lines[end].text.len; end++)
            ;
        next = end;
    }
    if (end == first || end >= p->nlines)   /* empty, or not closed by a blank line */
        return 0;
    for (size_t i = first; i < end; i++) {
        size_t k = front_matter_key(p->lines[i].text);
        if (k == 0)
            return 0;
        known |= known_field(p->a, (span_t){ p->lines[i].text.s, k }) != NULL;
    }
    if (!known)
        return 0;
    for (size_t i = first; i < end; i++) {
        span_t sp = p->lines[i].text;
        span_t key = { sp.s, front_matter_key(sp) };
        span_t value = { sp.s + key.len + 1, sp.len - key.len - 1 };
        if (value.len && value.s[0] == ' ')
            value.s++, value.len--;
        set_field(p, key, value);
    }
    return next;
}

/* Classifies line L: what to drop, what starts comments, what stands alone. */
static void classify_line(parser_t *p, line_t *l)
{
    span_t sp = l->text;
    char date[DATE_TEXT_SIZE];

    l->kind = LINE_DROP;
    l->flags = 0;
    if (sp.len == 0 || boilerplate_recurs(p->bp, sp.s, sp.len, p->furniture_from))
        return;
    if (has_prefix(sp, "\xE2\x80\xA2 ") || has_prefix(sp, "- ") || has_prefix(sp, "* ")) {
        size_t skip = sp.s[0] == '\xE2' ? 4 : 2;
        sp.s += skip, sp.len -= skip;
        l->flags |= BULLET;
    } else if (span_is(sp, "\xE2\x80\xA2") || span_is(sp, "-") || span_is(sp, "*")) {
        return;
    }
    if (boilerplate_is_furniture(sp.s, sp.len))
        return;
    if (page_is_comment_heading(sp)) {
        l->kind = LINE_HEADING;
        return;
    }
    /* A lone lower-case letter after a sentence is a scraped icon glyph
     * ("... interesting reading. l"). */
    if (sp.len >= 4 && sp.s[sp.len - 2] == ' ' && islower((unsigned char)sp.s[sp.len - 1]) &&
        page_ends_sentence((span_t){ sp.s, sp.len - 2 }))
        sp.len -= 2;
    l->text = sp;
    l->kind = LINE_TEXT;
    /* A date line first: "Last Updated: Wednesday, 16 March 2005, 14:52"
     * has a commenter line's shape too. */
    if (page_read_date(sp, 1, date, NULL))
        l->flags |= ALONE | DATE_LINE;
    else if (page_is_commenter_line(sp))
        l->flags |= ALONE | COMMENTER;
}

static void push_unit(parser_t *p, char *text, size_t len, int flags)
{
    unit_t *u = grow_array(p->units, p->nunits, &p->cap, sizeof *u, 32);
    if (u == NULL) {
        free(text);
        p->oom = 1;
        return;
    }
    p->units = u;
    p->units[p->nunits++] = (unit_t){ text, len, flags };
}

/* Joins the text lines of the block [FIRST, END) into paragraphs.  A line
 * break is a paragraph break after a line that ends a sentence, around a
 * date or commenter line and before a bullet; other breaks are soft wraps.
 * When most lines of the block end a sentence the page puts one paragraph
 * on each line, so every break is a paragraph break. */
static void join_block(parser_t *p, size_t first, size_t end)
{
    size_t ends = 0;
    buf_t b = BUF_INIT;
    int flags = 0;

    for (size_t i = first; i + 1 < end; i++)
        ends += (size_t)page_ends_sentence(p->lines[i].text);
    int per_line = 2 * ends > end - first - 1;
    for (size_t i = first; i < end; i++) {
        const line_t *l = &p->lines[i];
        if (b.len)
            buf_putc(&b, ' ');
        buf_append(&b, l->text.s, l->text.len);
        flags |= l->flags & (ALONE | COMMENTER | DATE_LINE);
        if (i + 1 == end || per_line || page_ends_sentence(l->text) || (l->flags & ALONE) ||
            (p->lines[i + 1].flags & (ALONE | BULLET))) {
            if (b.failed)
                p->oom = 1;
            size_t len = b.len;
            push_unit(p, buf_detach(&b), len, flags);
            flags = 0;
        }
    }
    buf_free(&b);
}

typedef struct {
    unsigned long documents;
    size_t bytes;
} recurring_line_t;

static int by_documents(const void *a, const void *b)
{
    unsigned long x = ((const recurring_line_t *)a)->documents;
    unsigned long y = ((const recurring_line_t *)b)->documents;
    return (x > y) - (x < y);
}

/* From how many documents a line of this page is furniture (rule 1 of
 * boilerplate.h).  Usually BOILERPLATE_MIN_DOCS.  But when lines found in
 * other documents (long ones too, though never furniture) are most of the
 * page, the page is a copy of an article
 * held several times (a reposted FAQ, a saved page twice over), and its own
 * lines recur as often as it has copies: then a line is furniture only when
 * it recurs in more documents than the lines holding half of the page's
 * recurring text.  Without this, every copy of an article loses its story. */
static unsigned long furniture_threshold(parser_t *p, size_t from)
{
    size_t total = 0, recurring = 0, n = 0;
    unsigned long threshold = BOILERPLATE_MIN_DOCS;

    if (p->bp == NULL)
        return threshold;
    recurring_line_t *lines = malloc((p->nlines - from + 1) * sizeof *lines);
    if (lines == NULL) {
        p->oom = 1;
        return threshold;
    }
    for (size_t i = from; i < p->nlines; i++) {
        span_t sp = p->lines[i].text;
        unsigned long docs = boilerplate_documents_with(p->bp, sp.s, sp.len);
        total += sp.len;
        if (docs >= BOILERPLATE_MIN_DOCS) {
            recurring += sp.len;
            lines[n++] = (recurring_line_t){ docs, sp.len };
        }
    }
    if (recurring > 0 && recurring * 100 >= total * BOILERPLATE_COPY_SHARE) {
        size_t half = 0;
        qsort(lines, n, sizeof *lines, by_documents);
        for (size_t i = 0; i < n && 2 * half < recurring; i++) {
            half += lines[i].bytes;
            threshold = lines[i].documents + 1;
        }
    }
    free(lines);
    return threshold;
}

static void build_units(parser_t *p, size_t from)
{
    /* A page that is one recurring line keeps it, as any copy does: items
     * that share a headline and have no text of their own ("Critical Path
     * Scheduling (Algorithm 40)" heads an algorithm and each of its
     * certifications) are not furniture. */
    p->furniture_from = furniture_threshold(p, from);
    for (size_t i = from; i < p->nlines; i++)
        classify_line(p, &p->lines[i]);
    for (size_t i = from; i < p->nlines;) {
        size_t end = i;
        while (end < p->nlines && p->lines[end].kind == LINE_TEXT)
            end++;
        if (end > i) {
            join_block(p, i, end);
            i = end;
            continue;
        }
        if (p->lines[i].kind == LINE_HEADING)
            push_unit(p, NULL, 0, 0);
        i++;
    }
}

/* The first sentence of TEXT.  A full stop after a short capitalised word
 * ("Dr.", "Mr.", "J.") does not end it. */
static size_t first_sentence(span_t t)
{
    for (size_t i = 0; i < t.len; i++) {
        if (!strchr(".!?", t.s[i]))
            continue;
        size_t j = i + 1;
        while (j < t.len && strchr("\"')", t.s[j]))
            j++;
        while (j + 3 <= t.len && (has_prefix((span_t){ t.s + j, 3 }, "\xE2\x80\x9D") ||
                                  has_prefix((span_t){ t.s + j, 3 }, "\xE2\x80\x99")))
            j += 3;
        if (j == t.len)
            return j;
        if (t.s[j] != ' ' || j + 1 == t.len)
            continue;
        unsigned char next = (unsigned char)t.s[j + 1];
        if (!(isupper(next) || isdigit(next) || next == '"' || next == '\'' || next == 0xE2))
            continue;
        size_t w = i;
        while (w > 0 && t.s[w - 1] != ' ')
            w--;
        if (t.s[i] == '.' && i - w <= 3 && isupper((unsigned char)t.s[w]))
            continue;
        return j;
    }
    return t.len;
}

/* A title made from the first sentence of TEXT: at most DERIVED_TITLE_MAX
 * characters, cut at a word boundary with "…" appended when shortened; a
 * final full stop is dropped. */
static char *derive_title(parser_t *p, span_t text)
{
    span_t t = { text.s, first_sentence(text) };
    buf_t b = BUF_INIT;

    if (has_suffix(t, "."))
        t.len--;
    if (utf8_count(t.s, t.len) > DERIVED_TITLE_MAX) {
        size_t cut = 0, i = 0;
        for (size_t chars = 0; chars < DERIVED_TITLE_MAX - 1; chars++)
            utf8_decode(t.s, t.len, &i);
        cut = i;
        while (cut > 0 && t.s[cut] != ' ')
            cut--;
        if (cut == 0)
            cut = i;
        while (cut > 0 && strchr(" ,;:-", t.s[cut - 1]))
            cut--;
        buf_append(&b, t.s, cut);
        buf_puts(&b, "\xE2\x80\xA6");
    } else {
        buf_append(&b, t.s, t.len);
    }
    if (b.failed)
        p->oom = 1;
    return buf_detach(&b);
}

/* Whether SP is the headline TITLE (printed again). */
static int is_title(const char *title, span_t sp)
{
    sp = page_without_detached_stop(sp);
    return strlen(title) == sp.len && memcmp(title, sp.s, sp.len) == 0;
}

/* Whether unit I is printed again at the start of the next one, as pages
 * print a headline twice: then it is the headline whatever its shape (long,
 * or ending in a full stop). */
static int printed_twice(const parser_t *p, size_t i)
{
    span_t sp = page_without_detached_stop((span_t){ p->units[i].text, p->units[i].len });
    const unit_t *next = i + 1 < p->nunits ? &p->units[i + 1] : NULL;

    return next && next->text && next->len >= sp.len &&
           memcmp(next->text, sp.s, sp.len) == 0 &&
           (next->len == sp.len || next->text[sp.len] == ' ');
}

/* Reads the header (headline, date, byline before the story); returns the
 * index of the first unit after it. */
static size_t read_header(parser_t *p)
{
    article_t *a = p->a;
    char date[DATE_TEXT_SIZE];
    date_label_t label, date_label = DATE_LABEL_NONE;
    size_t i;

    for (i = 0; i < p->nunits; i++) {
        unit_t *u = &p->units[i];
        span_t sp = { u->text, u->len };
        if (u->text == NULL)
            continue;               /* a comment heading above the story */
        if (u->flags & DATE_LINE) {
            /* The first date, unless it was labelled as the last change
             * and a later one is not ("Updated: ..." then "Published: ..."). */
            if (page_read_date(sp, 1, date, &label) &&
                (a->date == NULL ||
                 (date_label == DATE_LABEL_UPDATED && label != DATE_LABEL_UPDATED))) {
                free(a->date);
                a->date = dup_span(p, (span_t){ date, strlen(date) });
                date_label = label;
            }
        } else if (page_byline_name(sp).len) {
            if (a->byline == NULL)
                a->byline = dup_span(p, page_byline_name(sp));
        } else if (a->title && is_title(a->title, sp)) {
            ;                       /* the headline printed again */
        } else if (a->title == NULL && !(u->flags & COMMENTER) &&
                   (page_is_headline(sp) || printed_twice(p, i))) {
            u->text[page_without_detached_stop(sp).len] = '\0';
            a->title = u->text;
            u->text = NULL;
        } else {
            break;
        }
        free(u->text);
        u->text = NULL;
    }
    return i;
}

static void add_paragraph(parser_t *p, unit_t *u, para_kind_t kind)
{
    article_t *a = p->a;
    a->paragraphs[a->paragraph_count++] = (paragraph_t){ u->text, u->len, kind };
    u->text = NULL;
}

static void parse_units(parser_t *p)
{
    article_t *a = p->a;
    size_t body = read_header(p), comments = body + 1, last = p->nunits;

    /* The comments start at the first heading or commenter line after the
     * story has begun; one above the story is page furniture. */
    while (comments < p->nunits && p->units[comments].text &&
           !(p->units[comments].flags & COMMENTER))
        comments++;
    if (comments > p->nunits)
        comments = p->nunits;
    for (size_t i = body; i < comments; i++)
        if (p->units[i].text)
            last = i;
    /* "Helen Mooney is a health reporter." closing a story is an author note. */
    if (last < p->nunits && last > body) {
        span_t name = page_author_note_name((span_t){ p->units[last].text, p->units[last].len });
        if (name.len && a->byline == NULL)
            a->byline = dup_span(p, name);
        if (name.len) {
            free(p->units[last].text);
            p->units[last].text = NULL;
        }
    }
    a->paragraphs = calloc(p->nunits + 1, sizeof *a->paragraphs);
    if (a->paragraphs == NULL) {
        p->oom = 1;
        return;
    }
    for (size_t i = body; i < p->nunits; i++)
        if (p->units[i].text)
            add_paragraph(p, &p->units[i], i < comments ? PARA_BODY : PARA_COMMENT);
    if (a->title == NULL && a->paragraph_count && a->paragraphs[0].kind == PARA_BODY) {
        a->title = derive_title(p, (span_t){ a->paragraphs[0].text, a->paragraphs[0].len });
        a->title_derived = 1;
    }
}

static void split_lines(parser_t *p, const char *text, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    p->lines = calloc(n, sizeof *p->lines);
    if (p->lines == NULL) {
        p->oom = 1;
        return;
    }
    const char *start = text, *end = text + len;
    for (const char *nl; (nl = memchr(start, '\n', (size_t)(end - start))) != NULL; start = nl + 1)
        p->lines[p->nlines++].text = (span_t){ start, (size_t)(nl - start) };
    p->lines[p->nlines++].text = (span_t){ start, (size_t)(end - start) };
}

int page_parse(const char *text, size_t len, const boilerplate_t *boilerplate,
                  article_t *out, char **errmsg)
{
    parser_t p = { .a = out, .bp = boilerplate };
    size_t clean_len = 0;
    char *clean = clean_text(text, len, &clean_len);

    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    if (clean == NULL)
        p.oom = 1;
    else
        split_lines(&p, clean, clean_len);
    if (!p.oom) {
        build_units(&p, read_front_matter(&p));
        out->stated = article_fields_set(out);
    }
    if (!p.oom)
        parse_units(&p);
    for (size_t i = 0; i < p.nunits; i++)
        free(p.units[i].text);
    free(p.units);
    free(p.lines);
    free(clean);
    /* A page that is only a headline is an article with no body, found by
     * its title (as a JSON Lines record with a title and no text). */
    if (p.oom || (out->paragraph_count == 0 && out->title == NULL)) {
        article_free(out);
        *errmsg = strdup(p.oom ? "out of memory" : "no article text");
        return -1;
    }
    return 0;
}

int page_stated_id(const char *text, size_t len, char **id)
{
    article_t a;
    parser_t p = { .a = &a };
    size_t head = len, clean_len = 0;

    /* Front matter ends at the first blank line: clean only what comes
     * before it (and the line break after it). */
    for (size_t i = 0; i + 1 < len; i++)
        if (text[i] == '\n' && (text[i + 1] == '\n' || (text[i + 1] == '\r' && i + 2 < len
                                                          && text[i + 2] == '\n'))) {
            head = i + 2;
            break;
        }
    char *clean = clean_text(text, head, &clean_len);
    memset(&a, 0, sizeof a);
    *id = NULL;
    if (clean == NULL)
        return -1;
    split_lines(&p, clean, clean_len);
    if (!p.oom) {
        /* read_front_matter() wants a blank line after the block. */
        read_front_matter(&p);
        *id = a.id;
        a.id = NULL;
    }
    article_free(&a);
    free(p.lines);
    free(clean);
    return p.oom ? -1 : 0;
}
