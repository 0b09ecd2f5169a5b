/* manifest.c: reads manifest.tsv, the per-article metadata beside a corpus.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libdeflate.h>

#include "buf.h"
#include "date.h"
#include "grow.h"
#include "manifest.h"
#include "utf8.h"

struct manifest {
    manifest_entry_t *rows;    /* sorted by path */
    size_t count;
    manifest_problem_t *problems;
    size_t problem_count;
};

/* The columns trawl knows; any other is an extra field. */
enum { COL_EXTRA = -1, COL_ID, COL_PATH, COL_TITLE, COL_DATE, COL_SOURCE, COL_BYLINE,
       COL_URL, NCOLS };
static const char *const column_names[NCOLS] = {
    "id", "path", "title", "date", "source", "byline", "url"
};

/* The field of E that column C fills (COL_PATH: its path). */
static char **entry_field(manifest_entry_t *e, int c)
{
    char **fields[NCOLS] = { &e->id, &e->path, &e->title, &e->date, &e->source, &e->byline,
                             &e->url };
    return fields[c];
}

/* The column NAME is (any case; "author" is the byline), or COL_EXTRA. */
static int column_of(const char *name)
{
    if (strcasecmp(name, "author") == 0)
        return COL_BYLINE;
    for (int c = 0; c < NCOLS; c++)
        if (strcasecmp(name, column_names[c]) == 0)
            return c;
    return COL_EXTRA;
}

/* Splits LINE at tabs into at most MAX cells (pointers into LINE, which is
 * modified); returns the number of cells, which may exceed MAX. */
static size_t split_tabs(char *line, char **cells, size_t max)
{
    size_t n = 0;
    for (char *s = line;; s++) {
        char *tab = strchr(s, '\t');
        if (n < max)
            cells[n] = s;
        n++;
        if (tab == NULL)
            return n;
        *tab = '\0';
        s = tab;
    }
}

/* Trims spaces in place. */
static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

static void free_entry(manifest_entry_t *e)
{
    for (int c = 0; c < NCOLS; c++)
        free(*entry_field(e, c));
    for (size_t i = 0; i < e->extra_count; i++) {
        free(e->extra[i].key);
        free(e->extra[i].value);
    }
    free(e->extra);
    memset(e, 0, sizeof *e);
}

void manifest_free(manifest_t *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->count; i++)
        free_entry(&m->rows[i]);
    free(m->rows);
    for (size_t i = 0; i < m->problem_count; i++)
        free(m->problems[i].message);
    free(m->problems);
    free(m);
}

size_t manifest_problem_count(const manifest_t *m)
{
    return m->problem_count;
}

const manifest_problem_t *manifest_problem(const manifest_t *m, size_t i)
{
    return i < m->problem_count ? &m->problems[i] : NULL;
}

size_t manifest_count(const manifest_t *m)
{
    return m->count;
}

const manifest_entry_t *manifest_entry(const manifest_t *m, size_t i)
{
    return i < m->count ? &m->rows[i] : NULL;
}

static int compare_rows(const void *a, const void *b)
{
    const manifest_entry_t *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int compare_key(const void *key, const void *row)
{
    return strcmp(key, ((const manifest_entry_t *)row)->path);
}

manifest_entry_t *manifest_find(manifest_t *m, const char *relpath)
{
    /* bsearch(NULL, 0, ...) is undefined: a manifest may have no rows. */
    manifest_entry_t *e = m->count ? bsearch(relpath, m->rows, m->count, sizeof *m->rows,
                                             compare_key)
                                   : NULL;
    if (e)
        e->used = 1;
    return e;
}

/* Notes a problem of line LINE.  Returns 0, or -1 when out of memory. */
static int add_problem(manifest_t *m, size_t line, const char *fmt, const char *arg)
{
    buf_t text = BUF_INIT;
    manifest_problem_t *grown = realloc(m->problems, (m->problem_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    m->problems = grown;
    buf_printf(&text, fmt, arg);
    if ((grown[m->problem_count].message = buf_detach(&text)) == NULL)
        return -1;
    grown[m->problem_count++].line = line;
    return 0;
}

/* Reads all of PATH into a NUL-terminated buffer. */
static char *read_file(const char *path, buf_t *err)
{
    FILE *f = fopen(path, "rb");
    buf_t b = BUF_INIT;
    char chunk[65536];
    size_t n;

    if (f == NULL) {
        buf_printf(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    buf_append(&b, "", 0);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    if (ferror(f) || b.failed) {
        buf_printf(err, "%s: %s", path, b.failed ? "out of memory" : strerror(errno));
        buf_free(&b);
        b.data = NULL;
    }
    fclose(f);
    return b.data;
}

typedef struct {
    int *cols;             /* each column's field (COL_EXTRA: an extra) */
    char **names;          /* each column's name as written (trimmed) */
    size_t ncols;
    int path_column;       /* 1: a "path" column names the files */
} header_t;

/* Fills ROW from CELLS.  Returns 0, 1 when the row is not usable (the
 * problem noted in M), or -1 when out of memory. */
static int read_row(manifest_t *m, manifest_entry_t *row, char **cells, const header_t *h,
                    size_t lineno)
{
    char date[DATE_TEXT_SIZE];
    date_t d;
    uint32_t crc = 0;

    row->line = lineno;
    for (size_t i = 0; i < h->ncols; i++) {
        char *cell = trim(cells[i]);
        crc = libdeflate_crc32(crc, cell, strlen(cell) + 1);
        if (*cell == '\0')
            continue;
        if (!utf8_valid(cell, strlen(cell)))
            return add_problem(m, lineno, "invalid UTF-8 in column '%s'", h->names[i]) ? -1 : 1;
        if (h->cols[i] == COL_DATE) {
            if (!date_parse(cell, strlen(cell), NULL, &d) || !date_format(&d, date))
                return add_problem(m, lineno, "bad date '%s'", cell) ? -1 : 1;
            cell = date;
        }
        if (h->cols[i] == COL_EXTRA) {
            manifest_field_t *grown = realloc(row->extra, (row->extra_count + 1) * sizeof *grown);
            if (grown == NULL)
                return -1;
            row->extra = grown;
            grown[row->extra_count].key = strdup(h->names[i]);
            grown[row->extra_count].value = strdup(cell);
            if (grown[row->extra_count].key == NULL || grown[row->extra_count].value == NULL) {
                free(grown[row->extra_count].key);
                free(grown[row->extra_count].value);
                return -1;
            }
            row->extra_count++;
            continue;
        }
        char **field = entry_field(row, h->cols[i]);
        if ((*field = strdup(cell)) == NULL)
            return -1;
    }
    row->row_hash = crc;
    /* Without a "path" column, the id names the file, and the file's path
     * stays the article's id. */
    if (!h->path_column) {
        row->path = row->id;
        row->id = NULL;
    }
    if (row->path == NULL)
        return add_problem(m, lineno, "%s", h->path_column ? "empty path" : "empty id") ? -1 : 1;
    return 0;
}

/* Reads the header row CELLS into H.  Returns 0, or -1 with *ERR set. */
static int read_header(char **cells, header_t *h, const char *path, size_t lineno, buf_t *err)
{
    int seen[NCOLS] = { 0 };

    for (size_t i = 0; i < h->ncols; i++) {
        h->names[i] = trim(cells[i]);
        h->cols[i] = column_of(h->names[i]);
        if (h->cols[i] != COL_EXTRA && seen[h->cols[i]]++) {
            buf_printf(err, "%s line %zu: column '%s' given twice", path, lineno, h->names[i]);
            return -1;
        }
    }
    h->path_column = seen[COL_PATH];
    if (!seen[COL_ID] && !seen[COL_PATH]) {
        buf_printf(err, "%s: no 'id' or 'path' column", path);
        return -1;
    }
    return 0;
}

/* Parses the rows of TEXT into M.  Returns 0, or -1 with *ERR set. */
static int parse(manifest_t *m, char *text, const char *path, buf_t *err)
{
    char **cells = NULL;
    header_t h = { NULL, NULL, 0, 0 };
    size_t lineno = 0, cap = 0;
    int rc = 0;

    for (char *line = text, *next; line && rc == 0; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (h.cols == NULL) {       /* the header row */
            h.ncols = 1;
            for (const char *t = line; (t = strchr(t, '\t')) != NULL; t++)
                h.ncols++;
            cells = calloc(h.ncols, sizeof *cells);
            h.cols = calloc(h.ncols, sizeof *h.cols);
            h.names = calloc(h.ncols, sizeof *h.names);
            if (cells == NULL || h.cols == NULL || h.names == NULL) {
                buf_printf(err, "%s: out of memory", path);
                rc = -1;
            } else {
                split_tabs(line, cells, h.ncols);
                rc = read_header(cells, &h, path, lineno, err);
            }
            continue;
        }
        size_t got = split_tabs(line, cells, h.ncols);
        if (got != h.ncols) {
            char counts[64];
            snprintf(counts, sizeof counts, "%zu cells, got %zu", h.ncols, got);
            rc = add_problem(m, lineno, "expected %s", counts);
            continue;
        }
        manifest_entry_t *rows = grow_array(m->rows, m->count, &cap, sizeof *rows, 64);
        if (rows == NULL) {
            rc = -1;
            break;
        }
        m->rows = rows;
        manifest_entry_t *row = &m->rows[m->count];
        memset(row, 0, sizeof *row);
        int got_row = read_row(m, row, cells, &h, lineno);
        if (got_row == 0)
            m->count++;
        else
            free_entry(row);
        rc = got_row < 0 ? -1 : 0;
    }
    if (rc != 0 && err->len == 0)
        buf_printf(err, "%s: out of memory", path);
    if (rc == 0 && h.cols == NULL) {
        buf_printf(err, "%s: no header row", path);
        rc = -1;
    }
    /* The names pointed into TEXT: the rows hold copies. */
    free(cells);
    free(h.cols);
    free(h.names);
    return rc;
}

/* A file named by two rows: the first is used, the others are problems. */
static int drop_repeats(manifest_t *m)
{
    size_t kept = 0;
    for (size_t i = 0; i < m->count; i++) {
        if (kept && strcmp(m->rows[kept - 1].path, m->rows[i].path) == 0) {
            char first[32];
            snprintf(first, sizeof first, "%zu", m->rows[kept - 1].line);
            buf_t what = BUF_INIT;
            buf_printf(&what, "'%s' named again (first on line %s)", m->rows[i].path, first);
            int rc = what.failed ? -1 : add_problem(m, m->rows[i].line, "%s", what.data);
            buf_free(&what);
            free_entry(&m->rows[i]);
            if (rc != 0)
                return -1;
            continue;
        }
        m->rows[kept++] = m->rows[i];
    }
    m->count = kept;
    return 0;
}

static int compare_problems(const void *a, const void *b)
{
    const manifest_problem_t *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

manifest_t *manifest_load(const char *path, char **errmsg)
{
    buf_t err = BUF_INIT;
    manifest_t *m = calloc(1, sizeof *m);
    char *text = m ? read_file(path, &err) : NULL;

    *errmsg = NULL;
    if (m == NULL)
        buf_printf(&err, "%s: out of memory", path);
    if (text && parse(m, text, path, &err) == 0) {
        if (m->count)   /* qsort(NULL, 0, ...) is undefined behaviour */
            qsort(m->rows, m->count, sizeof *m->rows, compare_rows);
        if (drop_repeats(m) != 0)
            buf_printf(&err, "%s: out of memory", path);
        if (m->problem_count)
            qsort(m->problems, m->problem_count, sizeof *m->problems, compare_problems);
    }
    free(text);
    if (err.len || err.failed) {
        manifest_free(m);
        *errmsg = err.failed ? strdup("out of memory") : buf_detach(&err);
        buf_free(&err);
        return NULL;
    }
    return m;
}
