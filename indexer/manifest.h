/* manifest.h: metadata from a manifest beside the corpus (manifest.tsv).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A manifest is a TSV file in a corpus root: a header row naming the
 * columns, then one row per article.  A row names its file by the "path"
 * column (the file relative to the root) when the manifest has one, and
 * then its "id" column, if any, is the article's id; without a "path"
 * column, the "id" column names the file and the article keeps the id its
 * path gives.  "title", "date", "source", "byline" (or "author") and "url"
 * are known (column names in any case); every other column is kept as a
 * field of the article's metadata.  Cells are trimmed of spaces, and empty
 * cells mean unknown.  Dates are stored normalised ("YYYY-MM-DD",
 * "YYYY-MM", "YYYY"; date.h reads them).  Lines starting with '#' and
 * empty lines are skipped; CRLF line ends are accepted.  A row that cannot
 * be used is a problem with its line number, and is skipped: the others
 * are used.
 */
#ifndef TRAWL_MANIFEST_H
#define TRAWL_MANIFEST_H

#include <stddef.h>

typedef struct {
    char *key, *value;
} manifest_field_t;

typedef struct {
    char *path;            /* the file it is for, relative to the root */
    char *id;              /* the article's id ("id" beside a "path"
                              column), or NULL: the file's path gives it */
    char *title, *date, *source, *byline, *url;   /* NULL if empty */
    manifest_field_t *extra;   /* the other columns' non-empty cells */
    size_t extra_count;
    unsigned long row_hash;    /* CRC-32 of the row's cells: an edited,
                                  added or removed row re-indexes its file */
    size_t line;           /* where the row is */
    int used;              /* a file of the run found it (manifest_find()) */
} manifest_entry_t;

typedef struct {
    size_t line;
    char *message;         /* "expected 5 cells, got 2", "bad date 'x'"... */
} manifest_problem_t;

typedef struct manifest manifest_t;

/* Loads PATH: its usable rows, and the problems of the others (a row with
 * the wrong number of cells, a bad date, invalid UTF-8, no path or id,
 * a file named twice: the first row is used).  Returns NULL with *errmsg
 * set ("PATH: No such file or directory", "PATH: no 'id' or 'path'
 * column", malloc'ed) only when the manifest cannot be used at all: it
 * cannot be read, or has no header naming its files.  Free with
 * manifest_free(). */
manifest_t *manifest_load(const char *path, char **errmsg);
void manifest_free(manifest_t *m);

/* The problems of the rows skipped, in line order.  Owned by M. */
size_t manifest_problem_count(const manifest_t *m);
const manifest_problem_t *manifest_problem(const manifest_t *m, size_t i);

/* The entry for the file RELPATH (marked used), or NULL.  Owned by M. */
manifest_entry_t *manifest_find(manifest_t *m, const char *relpath);

/* The entries, in path order, for those no file used.  Owned by M. */
size_t manifest_count(const manifest_t *m);
const manifest_entry_t *manifest_entry(const manifest_t *m, size_t i);

#endif /* TRAWL_MANIFEST_H */
