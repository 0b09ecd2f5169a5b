/* manifest.h: metadata from a manifest beside the corpus (manifest.tsv).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A manifest is a TSV file: a header row naming the columns, then one row
 * per article.  The "id" column (the article's file name relative to the
 * corpus root) is required; "title", "date", "source", "byline", "url"
 * are known (column names in any case); other columns are ignored.  Every
 * row has as many tab-separated cells as the header; cells are trimmed of
 * spaces, and empty cells mean unknown.  Dates are stored normalised
 * ("YYYY-MM-DD", "YYYY-MM", "YYYY").  Lines starting with '#' and empty
 * lines are skipped; CRLF line ends are accepted.
 */
#ifndef TRAWL_MANIFEST_H
#define TRAWL_MANIFEST_H

#include <stddef.h>

typedef struct {
    char *id, *title, *date, *source, *byline, *url;   /* NULL if empty */
} manifest_entry_t;

typedef struct manifest manifest_t;

/* Loads PATH.  Returns NULL with *errmsg set ("manifest.tsv line 3: ...",
 * malloc'ed) when the file is malformed or unreadable.  A date cell must
 * be a date date_parse() reads; it is stored normalised ("YYYY-MM-DD",
 * "YYYY-MM", "YYYY").  Free with manifest_free(). */
manifest_t *manifest_load(const char *path, char **errmsg);
void manifest_free(manifest_t *m);

/* The entry for ID, or NULL.  Owned by M. */
const manifest_entry_t *manifest_find(const manifest_t *m, const char *id);

#endif /* TRAWL_MANIFEST_H */
