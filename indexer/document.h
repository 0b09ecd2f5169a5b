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
#include "dupsig.h"
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

/* What document_build() works with besides the article. */
typedef struct {
    analyzer_t *analyzer;      /* tokenizes and stems the words */
    spelling_batch_t *spelling;   /* counts headline and body words, or NULL */
    dupsig_builder_t *dupsig;  /* signs the body (near-duplicates) */
} document_tools_t;

/* Builds the document of article A at PLACE into *OUT (destroy with
 * xs_doc_destroy()).  *FULL is set when the spelling batch asks to be
 * flushed.  The body's near-duplicate signature is stored with its band
 * keys, and given in *SIG with *SIGNED 1 (0: the body is too short to
 * sign); the caller adds the group (document_set_group()).  Returns XS_OK,
 * or the failing status (XS_NO_MEMORY) with *OUT NULL. */
xs_status_t document_build(const document_tools_t *tools, const article_t *a,
                           const document_place_t *place, xs_doc_t **out, int *full,
                           dupsig_t *sig, int *is_signed);

/* Puts DOC in the near-duplicate group GROUP (its leader's id): the value
 * SLOT_GROUP and the term PREFIX_GROUP + GROUP.  Returns XS_OK or
 * XS_NO_MEMORY. */
xs_status_t document_set_group(xs_doc_t *doc, const char *group);

#endif /* TRAWL_DOCUMENT_H */
