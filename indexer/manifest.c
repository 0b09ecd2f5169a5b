/* manifest.c: reads manifest.tsv, the per-article metadata beside a corpus.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "manifest.h"
#include "utf8.h"

typedef struct {
    manifest_entry_t e;
    size_t line;        /* where the row is, for the duplicate-id message */
} row_t;

struct manifest {
    row_t *rows;        /* sorted by id */
    size_t count;
};

enum { COL_ID, COL_TITLE, COL_DATE, COL_SOURCE, COL_BYLINE, COL_URL, NCOLS };
static const char *const column_names[NCOLS] = {
    "id", "title", "date", "source", "byline", "url"
};

/* The field of E that column C fills. */
static char **entry_field(manifest_entry_t *e, int c)
{
    char **fields[NCOLS] = { &e->id, &e->title, &e->date, &e->source, &e->byline, &e->url };
    return fields[c];
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
}

void manifest_free(manifest_t *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->count; i++)
        free_entry(&m->rows[i].e);
    free(m->rows);
    free(m);
}

static int compare_rows(const void *a, const void *b)
{
    return strcmp(((const row_t *)a)->e.id, ((const row_t *)b)->e.id);
}

static int compare_key(const void *key, const void *row)
{
    return strcmp(key, ((const row_t *)row)->e.id);
}

const manifest_entry_t *manifest_find(const manifest_t *m, const char *id)
{
    /* bsearch(NULL, 0, ...) is undefined: a manifest may have no rows. */
    const row_t *r = m->count ? bsearch(id, m->rows, m->count, sizeof *m->rows, compare_key)
                              : NULL;
    return r ? &r->e : NULL;
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

/* Fills ROW from the cells of line LINENO; COLS maps each column to a
 * field (-1: an extra column, ignored).  Returns 0, or -1 with *ERR set. */
static int read_row(row_t *row, char **cells, const int *cols, size_t ncols,
                    const char *path, size_t lineno, buf_t *err)
{
    char date[DATE_TEXT_SIZE];
    date_t d;

    row->line = lineno;
    for (size_t i = 0; i < ncols; i++) {
        char *cell = trim(cells[i]);
        if (cols[i] < 0 || *cell == '\0')
            continue;
        if (!utf8_valid(cell, strlen(cell))) {
            buf_printf(err, "%s line %zu: invalid UTF-8 in column '%s'", path, lineno,
                       column_names[cols[i]]);
            return -1;
        }
        if (cols[i] == COL_DATE) {
            if (!date_parse(cell, strlen(cell), NULL, &d) || !date_format(&d, date)) {
                buf_printf(err, "%s line %zu: bad date '%s'", path, lineno, cell);
                return -1;
            }
            cell = date;
        }
        char **field = entry_field(&row->e, cols[i]);
        if ((*field = strdup(cell)) == NULL) {
            buf_printf(err, "%s: out of memory", path);
            return -1;
        }
    }
    if (row->e.id == NULL) {
        buf_printf(err, "%s line %zu: empty id", path, lineno);
        return -1;
    }
    return 0;
}

/* Maps the header's columns to fields; returns 0, or -1 with *ERR set. */
static int read_header(char **cells, size_t ncols, int *cols, const char *path,
                       size_t lineno, buf_t *err)
{
    int seen[NCOLS] = { 0 };

    for (size_t i = 0; i < ncols; i++) {
        char *name = trim(cells[i]);
        cols[i] = -1;
        for (int c = 0; c < NCOLS; c++)
            if (strcasecmp(name, column_names[c]) == 0)
                cols[i] = c;
        if (cols[i] >= 0 && seen[cols[i]]++) {
            buf_printf(err, "%s line %zu: duplicate column '%s'", path, lineno, name);
            return -1;
        }
    }
    if (!seen[COL_ID]) {
        buf_printf(err, "%s: no 'id' column", path);
        return -1;
    }
    return 0;
}

/* Parses the rows of TEXT into M; returns 0, or -1 with *ERR set. */
static int parse(manifest_t *m, char *text, const char *path, buf_t *err)
{
    char **cells = NULL;
    int *cols = NULL;
    size_t ncols = 0, lineno = 0, cap = 0;
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
        if (cols == NULL) {         /* the header row */
            ncols = 1;
            for (const char *t = line; (t = strchr(t, '\t')) != NULL; t++)
                ncols++;
            cells = calloc(ncols, sizeof *cells);
            cols = calloc(ncols, sizeof *cols);
            if (cells == NULL || cols == NULL) {
                buf_printf(err, "%s: out of memory", path);
                rc = -1;
            } else {
                split_tabs(line, cells, ncols);
                rc = read_header(cells, ncols, cols, path, lineno, err);
            }
            continue;
        }
        size_t got = split_tabs(line, cells, ncols);
        if (got != ncols) {
            buf_printf(err, "%s line %zu: expected %zu fields, got %zu", path, lineno,
                       ncols, got);
            rc = -1;
        } else if (m->count == cap) {
            cap = cap ? 2 * cap : 64;
            row_t *rows = realloc(m->rows, cap * sizeof *rows);
            if (rows == NULL) {
                buf_printf(err, "%s: out of memory", path);
                rc = -1;
            } else {
                m->rows = rows;
            }
        }
        if (rc == 0) {
            memset(&m->rows[m->count], 0, sizeof m->rows[m->count]);
            rc = read_row(&m->rows[m->count], cells, cols, ncols, path, lineno, err);
            m->count++;     /* even on error: its cells are freed with M */
        }
    }
    if (rc == 0 && cols == NULL) {
        buf_printf(err, "%s: no header row", path);
        rc = -1;
    }
    free(cells);
    free(cols);
    return rc;
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
        for (size_t i = 1; i < m->count && err.len == 0; i++)
            if (strcmp(m->rows[i - 1].e.id, m->rows[i].e.id) == 0) {
                size_t a = m->rows[i - 1].line, b = m->rows[i].line;
                buf_printf(&err, "%s line %zu: duplicate id '%s' (first on line %zu)",
                           path, a > b ? a : b, m->rows[i].e.id, a < b ? a : b);
            }
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
