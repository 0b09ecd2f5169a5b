/* kwic.c: concordance lines (kwic.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "kwic.h"
#include "output.h"
#include "wrap.h"

#define ELLIPSIS "\xE2\x80\xA6"      /* U+2026 */
#define PILCROW "\xC2\xB6"           /* U+00B6 */

/* Room a line gives besides the two contexts: a short match, the spaces
 * and a citation ("politics/406.txt ¶10"), so that it fits the terminal. */
#define KWIC_OTHER_COLUMNS 40
#define KWIC_MIN_WIDTH 10

unsigned kwic_default_width(unsigned columns)
{
    unsigned w = columns > KWIC_OTHER_COLUMNS ? (columns - KWIC_OTHER_COLUMNS) / 2 : 0;
    return w < KWIC_MIN_WIDTH ? KWIC_MIN_WIDTH : w;
}

/* Where the character before byte AT of S starts. */
static size_t char_before(const char *s, size_t at)
{
    size_t i = at - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Where the character after the one at byte AT of S[0..END) starts. */
static size_t char_after(const char *s, size_t at, size_t end)
{
    size_t i = at + 1;
    while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Where one concordance line's parts lie in a hit's text. */
typedef struct {
    size_t from, left_end;    /* the left context shown */
    size_t right, to;         /* the right context shown */
    int cut_left, cut_right;  /* the paragraph goes on beyond them */
    unsigned left_columns;    /* the left context's width, with its "…" */
} kwic_span_t;

/* The contexts of mark MK, within the paragraph [PARA_START, PARA_END). */
static kwic_span_t span_of(const char *text, const mark_t *mk, size_t para_start,
                           size_t para_end, unsigned width)
{
    kwic_span_t sp;

    /* Left: the last WIDTH columns before the match, one of them the
     * ellipsis when the paragraph goes on further back. */
    sp.left_end = mk->start;
    while (sp.left_end > para_start && text[sp.left_end - 1] == ' ')
        sp.left_end--;
    for (sp.from = sp.left_end; sp.from > para_start;) {
        size_t prev = char_before(text, sp.from);
        if (wrap_columns(text + prev, sp.left_end - prev) > width)
            break;
        sp.from = prev;
    }
    sp.cut_left = sp.from > para_start;
    while (sp.cut_left && sp.from < sp.left_end
           && wrap_columns(text + sp.from, sp.left_end - sp.from) >= width)
        sp.from = char_after(text, sp.from, sp.left_end);
    sp.left_columns = wrap_columns(text + sp.from, sp.left_end - sp.from)
                      + (unsigned)sp.cut_left;

    /* Right: the first WIDTH columns after it, the same way. */
    sp.right = mk->end;
    while (sp.right < para_end && text[sp.right] == ' ')
        sp.right++;
    for (sp.to = sp.right; sp.to < para_end;) {
        size_t next = char_after(text, sp.to, para_end);
        if (wrap_columns(text + sp.right, next - sp.right) > width)
            break;
        sp.to = next;
    }
    sp.cut_right = sp.to < para_end;
    while (sp.cut_right && sp.to > sp.right
           && wrap_columns(text + sp.right, sp.to - sp.right) >= width)
        sp.to = char_before(text, sp.to);
    return sp;
}

/* The aligned line: padding, left, the match, right, the citation. */
static void aligned_line(buf_t *out, const hit_t *hit, const mark_t *mk, const kwic_span_t *sp,
                         unsigned paragraph, const kwic_style_t *style)
{
    const char *text = hit->doc.text;

    for (unsigned pad = sp->left_columns; pad < style->width; pad++)
        buf_putc(out, ' ');
    if (sp->cut_left)
        buf_puts(out, ELLIPSIS);
    esc_terminal(out, text + sp->from, sp->left_end - sp->from);
    buf_puts(out, style->color ? "  \033[1;31m" : "  **");
    esc_terminal(out, text + mk->start, mk->end - mk->start);
    buf_puts(out, style->color ? "\033[0m  " : "**  ");
    esc_terminal(out, text + sp->right, sp->to - sp->right);
    if (sp->cut_right)
        buf_puts(out, ELLIPSIS);
    buf_puts(out, "  ");
    esc_terminal(out, hit->doc.id, strlen(hit->doc.id));
    buf_printf(out, " " PILCROW "%u\n", paragraph);
}

/* One cell of a table row: CELL's text escaped as TSV or CSV wants. */
static void table_cell(buf_t *out, kwic_layout_t layout, const buf_t *cell)
{
    if (layout == KWIC_CSV)
        output_csv_escape(out, cell->data ? cell->data : "", cell->len);
    else
        output_tsv_escape(out, cell->data ? cell->data : "", cell->len);
}

/* The table row: id, paragraph, left, match, right. */
static void table_line(buf_t *out, const hit_t *hit, const mark_t *mk, const kwic_span_t *sp,
                       unsigned paragraph, kwic_layout_t layout)
{
    const char *text = hit->doc.text, *sep = layout == KWIC_CSV ? "," : "\t";
    buf_t cell = BUF_INIT;

    buf_puts(&cell, hit->doc.id);
    table_cell(out, layout, &cell);
    buf_printf(out, "%s%u%s", sep, paragraph, sep);
    buf_reset(&cell);
    if (sp->cut_left)
        buf_puts(&cell, ELLIPSIS);
    buf_append(&cell, text + sp->from, sp->left_end - sp->from);
    table_cell(out, layout, &cell);
    buf_puts(out, sep);
    buf_reset(&cell);
    buf_append(&cell, text + mk->start, mk->end - mk->start);
    table_cell(out, layout, &cell);
    buf_puts(out, sep);
    buf_reset(&cell);
    buf_append(&cell, text + sp->right, sp->to - sp->right);
    if (sp->cut_right)
        buf_puts(&cell, ELLIPSIS);
    table_cell(out, layout, &cell);
    buf_puts(out, layout == KWIC_CSV ? "\r\n" : "\n");
    if (cell.failed)
        out->failed = 1;
    buf_free(&cell);
}

void kwic_header(buf_t *out, kwic_layout_t layout)
{
    if (layout == KWIC_TSV)
        buf_puts(out, "id\tparagraph\tleft\tmatch\tright\n");
    else if (layout == KWIC_CSV)
        buf_puts(out, "id,paragraph,left,match,right\r\n");
}

/* A sort key by the words next to the match, nearest first: up to
 * KEY_WORDS of them, ASCII letters folded, each ended by \1 (so that a
 * word sorts before the longer words it begins). */
#define KEY_WORDS 4

static int word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static void sort_key(buf_t *key, const char *text, size_t from, size_t to, int backwards)
{
    size_t i = backwards ? to : from;

    for (int words = 0; words < KEY_WORDS; words++) {
        size_t start, end;
        if (backwards) {
            while (i > from && !word_byte((unsigned char)text[i - 1]))
                i--;
            if (i == from)
                return;
            end = i;
            while (i > from && word_byte((unsigned char)text[i - 1]))
                i--;
            start = i;
        } else {
            while (i < to && !word_byte((unsigned char)text[i]))
                i++;
            if (i == to)
                return;
            start = i;
            while (i < to && word_byte((unsigned char)text[i]))
                i++;
            end = i;
        }
        for (size_t k = start; k < end; k++) {
            char c = text[k];
            buf_putc(key, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
        }
        buf_putc(key, '\1');
    }
}

struct kwic_line {
    char *key, *text;
    size_t text_len, seq;
};

/* Keeps LINE (taken) under KEY (taken) in HELD. */
static void hold(kwic_lines_t *held, buf_t *key, buf_t *line)
{
    struct kwic_line *lines = key->failed || line->failed ? NULL
        : grow_array(held->lines, held->count, &held->cap, sizeof *held->lines, 256);

    if (lines == NULL) {
        held->failed = 1;
        buf_free(key);
        buf_free(line);
        return;
    }
    held->lines = lines;
    struct kwic_line *l = &lines[held->count];
    l->text_len = line->len;
    l->key = buf_detach(key);
    l->text = buf_detach(line);
    l->seq = held->count++;
}

void kwic_hit(buf_t *out, const hit_t *hit, const kwic_style_t *style, kwic_lines_t *held)
{
    const char *text = hit->doc.text;
    size_t para_start = 0, scanned = 0;
    unsigned paragraph = 1;
    int sorting = style->sort != KWIC_SORT_NONE && held != NULL;

    for (size_t m = 0; m < hit->mark_count; m++) {
        const mark_t *mk = &hit->marks[m];
        /* The paragraph of the mark, counted on from the last one's. */
        for (; scanned < mk->start; scanned++)
            if (text[scanned] == '\n') {
                paragraph++;
                para_start = scanned + 1;
            }
        size_t para_end = mk->end;
        while (para_end < hit->doc.text_len && text[para_end] != '\n')
            para_end++;
        kwic_span_t sp = span_of(text, mk, para_start, para_end, style->width);
        buf_t line = BUF_INIT, *to = sorting ? &line : out;

        if (style->layout == KWIC_ALIGNED)
            aligned_line(to, hit, mk, &sp, paragraph, style);
        else
            table_line(to, hit, mk, &sp, paragraph, style->layout);
        if (sorting) {
            buf_t key = BUF_INIT;
            if (style->sort == KWIC_SORT_LEFT)
                sort_key(&key, text, para_start, mk->start, 1);
            else
                sort_key(&key, text, mk->end, para_end, 0);
            buf_putc(&key, '\0');
            hold(held, &key, &line);
        }
    }
}

static int by_key(const void *a, const void *b)
{
    const struct kwic_line *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

int kwic_flush(buf_t *out, kwic_lines_t *held)
{
    int lost = held->failed;

    if (held->count)
        qsort(held->lines, held->count, sizeof *held->lines, by_key);
    for (size_t i = 0; i < held->count; i++) {
        buf_append(out, held->lines[i].text, held->lines[i].text_len);
        free(held->lines[i].key);
        free(held->lines[i].text);
    }
    free(held->lines);
    memset(held, 0, sizeof *held);
    return lost ? -1 : 0;
}
