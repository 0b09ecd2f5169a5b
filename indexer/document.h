/* document.h: the index document of one article (the layout of schema.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Words with positions, their stems, the headline and reader comments in
 * fields of their own, the source, the date as terms and a sortable value,
 * the bookkeeping values of an incremental run, and the stored document
 * (docdata.h): doc/design.md, "Index layout".
 */
#ifndef TRAWL_DOCUMENT_H
#define TRAWL_DOCUMENT_H

#include "analyzer.h"
#include "article.h"
#include "spelling.h"
#include "xs.h"

/* Where an article came from, for its bookkeeping values. */
typedef struct {
    const char *id;            /* the article's id (the Q term) */
    const char *root;          /* the corpus root (real path) */
    const char *relpath;       /* its file, relative to the root */
    const char *shown_path;    /* the path shown and cited (the id's form) */
    const char *signature;     /* of its file or record (known.h) */
} document_place_t;

/* Builds the document of article A at PLACE into *OUT (destroy with
 * xs_doc_destroy()), its words tokenized and stemmed by ANALYZER.  The
 * words of headline and body are counted in SPELLING (may be NULL); *FULL
 * is set when the batch asks to be flushed.  Returns XS_OK, or the failing
 * status (XS_NO_MEMORY) with *OUT NULL. */
xs_status_t document_build(analyzer_t *analyzer, spelling_batch_t *spelling, const article_t *a,
                           const document_place_t *place, xs_doc_t **out, int *full);

#endif /* TRAWL_DOCUMENT_H */
