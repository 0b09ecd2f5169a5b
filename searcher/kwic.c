/* kwic.c: concordance lines (kwic.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "kwic.h"
#include "marked.h"
#include "output.h"
#include "wrap.h"

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

/* The contexts of mark MK, within the paragraph [PARA_START, PARA_END). */
static kwic_line_t line_of(const char *text, const mark_t *mk, size_t para_start,
                           size_t para_end, unsigned width)
{
    kwic_line_t l;
    size_t left_end, from, right, to;

    /* Left: the last WIDTH columns before the match, one of them the
     * ellipsis when the paragraph goes on further back. */
    left_end = mk->start;
    while (left_end > para_start && text[left_end - 1] == ' ')
        left_end--;
    for (from = left_end; from > para_start;) {
        size_t prev = char_before(text, from);
        if (wrap_columns(text + prev, left_end - prev) > width)
            break;
        from = prev;
    }
    l.cut_left = from > para_start;
    while (l.cut_left && from < left_end && wrap_columns(text + from, left_end - from) >= width)
        from = char_after(text, from, left_end);
    l.left = text + from;
    l.left_len = left_end - from;
    l.left_columns = wrap_columns(l.left, l.left_len) + (unsigned)l.cut_left;

    l.match = text + mk->start;
    l.match_len = mk->end - mk->start;

    /* Right: the first WIDTH columns after it, the same way. */
    right = mk->end;
    while (right < para_end && text[right] == ' ')
        right++;
    for (to = right; to < para_end;) {
        size_t next = char_after(text, to, para_end);
        if (wrap_columns(text + right, next - right) > width)
            break;
        to = next;
    }
    l.cut_right = to < para_end;
    while (l.cut_right && to > right && wrap_columns(text + right, to - right) >= width)
        to = char_before(text, to);
    l.right = text + right;
    l.right_len = to - right;
    l.before = text + para_start;
    l.before_len = mk->start - para_start;
    l.after = text + mk->end;
    l.after_len = para_end - mk->end;
    return l;
}

void kwic_each(const hit_t *hit, unsigned width,
               int (*fn)(void *ctx, const hit_t *hit, const kwic_line_t *line), void *ctx)
{
    const char *text = hit->doc.text;
    size_t para_start = 0, scanned = 0;
    unsigned paragraph = 1;

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
        kwic_line_t line = line_of(text, mk, para_start, para_end, width);
        line.paragraph = paragraph;
        if (fn(ctx, hit, &line) != 0)
            return;
    }
}

/* The aligned line: padding, left, the match, right, the citation. */
static void aligned_line(buf_t *out, const hit_t *hit, const kwic_line_t *l,
                         const kwic_style_t *style)
{
    for (unsigned pad = l->left_columns; pad < style->width; pad++)
        buf_putc(out, ' ');
    if (l->cut_left)
        buf_puts(out, ELLIPSIS);
    esc_terminal(out, l->left, l->left_len);
    buf_puts(out, style->color ? "  \033[1;31m" : "  **");
    esc_terminal(out, l->match, l->match_len);
    buf_puts(out, style->color ? "\033[0m  " : "**  ");
    esc_terminal(out, l->right, l->right_len);
    if (l->cut_right)
        buf_puts(out, ELLIPSIS);
    buf_puts(out, "  ");
    esc_terminal(out, hit->doc.id, strlen(hit->doc.id));
    buf_printf(out, " " PILCROW "%u\n", l->paragraph);
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
static void table_line(buf_t *out, const hit_t *hit, const kwic_line_t *l, kwic_layout_t layout)
{
    const char *sep = layout == KWIC_CSV ? "," : "\t";
    buf_t cell = BUF_INIT;

    buf_puts(&cell, hit->doc.id);
    table_cell(out, layout, &cell);
    buf_printf(out, "%s%u%s", sep, l->paragraph, sep);
    buf_reset(&cell);
    if (l->cut_left)
        buf_puts(&cell, ELLIPSIS);
    buf_append(&cell, l->left, l->left_len);
    table_cell(out, layout, &cell);
    buf_puts(out, sep);
    buf_reset(&cell);
    buf_append(&cell, l->match, l->match_len);
    table_cell(out, layout, &cell);
    buf_puts(out, sep);
    buf_reset(&cell);
    buf_append(&cell, l->right, l->right_len);
    if (l->cut_right)
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

static void sort_key(buf_t *key, const char *text, size_t len, int backwards)
{
    size_t i = backwards ? len : 0;

    for (int words = 0; words < KEY_WORDS; words++) {
        size_t start, end;
        if (backwards) {
            while (i > 0 && !word_byte((unsigned char)text[i - 1]))
                i--;
            if (i == 0)
                return;
            end = i;
            while (i > 0 && word_byte((unsigned char)text[i - 1]))
                i--;
            start = i;
        } else {
            while (i < len && !word_byte((unsigned char)text[i]))
                i++;
            if (i == len)
                return;
            start = i;
            while (i < len && word_byte((unsigned char)text[i]))
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

struct kwic_held {
    char *key, *text;
    size_t text_len, seq;
};

/* Keeps LINE (taken) under KEY (taken) in HELD. */
static void hold(kwic_lines_t *held, buf_t *key, buf_t *line)
{
    struct kwic_held *lines = key->failed || line->failed ? NULL
        : grow_array(held->lines, held->count, &held->cap, sizeof *held->lines, 256);

    if (lines == NULL) {
        held->failed = 1;
        buf_free(key);
        buf_free(line);
        return;
    }
    held->lines = lines;
    struct kwic_held *l = &lines[held->count];
    l->text_len = line->len;
    l->key = buf_detach(key);
    l->text = buf_detach(line);
    l->seq = held->count++;
}

typedef struct {
    buf_t *out;
    const kwic_style_t *style;
    kwic_lines_t *held;
} kwic_sink_t;

static int write_line(void *ctx, const hit_t *hit, const kwic_line_t *l)
{
    kwic_sink_t *sink = ctx;
    int sorting = sink->style->sort != KWIC_SORT_NONE && sink->held != NULL;
    buf_t line = BUF_INIT, *to = sorting ? &line : sink->out;

    if (sink->style->layout == KWIC_ALIGNED)
        aligned_line(to, hit, l, sink->style);
    else
        table_line(to, hit, l, sink->style->layout);
    if (sorting) {
        buf_t key = BUF_INIT;
        if (sink->style->sort == KWIC_SORT_LEFT)
            sort_key(&key, l->before, l->before_len, 1);
        else
            sort_key(&key, l->after, l->after_len, 0);
        buf_putc(&key, '\0');
        hold(sink->held, &key, &line);
    }
    return 0;
}

void kwic_hit(buf_t *out, const hit_t *hit, const kwic_style_t *style, kwic_lines_t *held)
{
    kwic_sink_t sink = { out, style, held };
    kwic_each(hit, style->width, write_line, &sink);
}

static int by_key(const void *a, const void *b)
{
    const struct kwic_held *x = a, *y = b;
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
