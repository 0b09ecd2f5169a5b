/* corpus.h: what every reader of one corpus root shares, for the builder
 * and for --extract alike.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A root's pages need its recurring lines (the survey, boilerplate.h)
 * before the first is parsed, and its one-article files take metadata from
 * its manifest (manifest.h).  The walk found the files (walk.h); the reader
 * table reads them (reader.h).
 */
#ifndef TRAWL_CORPUS_H
#define TRAWL_CORPUS_H

#include <signal.h>
#include <stddef.h>
#include "article.h"
#include "manifest.h"
#include "reader.h"
#include "walk.h"

/* What the reader of F is given: its path, identity and limits. */
reader_input_t corpus_input(const walk_file_t *f, const reader_corpus_t *corpus,
                            size_t max_bytes);

/* Fills CORPUS for LIST's files (free with corpus_free()): the survey of
 * every file whose reader has one, when WANTED[i] is set for at least one
 * such file (WANTED NULL: all are wanted; a run reads only changed files,
 * and a survey is needed only if one of them is a page).  STOP (may be
 * NULL) is looked at between files.  Returns 0, or -1 (out of memory,
 * reported). */
int corpus_survey(const walk_list_t *list, const char *wanted, size_t max_bytes,
                  const volatile sig_atomic_t *stop, reader_corpus_t *corpus);
void corpus_free(reader_corpus_t *corpus);

/* The manifest of LIST's root, or NULL when it has none or it cannot be
 * used.  With REPORT, a manifest that cannot be used and each row skipped
 * are reported (errorf(), with the path and line) and counted in
 * *PROBLEMS. */
manifest_t *corpus_manifest(const walk_list_t *list, int report, unsigned *problems);

/* Sets the fields manifest row M states on A, but those A's input declared
 * (front matter, mail headers: they win over the manifest, which wins over
 * what the text states), and adds its other columns as fields.  Returns 0,
 * or -1 when out of memory. */
int corpus_apply_row(article_t *a, const manifest_entry_t *m);

/* Says (warnf()) which rows of MANIFEST name no file of LIST's scopes. */
void corpus_report_unused(const walk_list_t *list, const manifest_t *manifest);

#endif /* TRAWL_CORPUS_H */
