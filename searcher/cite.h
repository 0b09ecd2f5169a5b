/* cite.h: search hits as references that reference managers import.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Styles: plain text (the citation trawl prints, plus URL and accessed
 * date), BibTeX, RIS and CSL-JSON, read by Zotero, JabRef and pandoc.  A
 * reference holds what the index knows of the article: title, the source
 * publication (as journal / container), date, byline (as one literal
 * author: trawl does not split names), URL, the document id (in BibTeX's
 * note, RIS's AN and CSL's archive_location) and the accessed date.  An
 * unknown field is left out, never made up.
 */
#ifndef TRAWL_CITE_H
#define TRAWL_CITE_H

#include "buf.h"
#include "search.h"

typedef enum {
    CITE_NONE,       /* no references: the normal output */
    CITE_TEXT,       /* one citation a line */
    CITE_BIBTEX,     /* @article entries (journal = the source) */
    CITE_RIS,        /* TY  - NEWS records */
    CITE_CSL_JSON    /* one JSON array of article-newspaper items */
} cite_style_t;

/* The style named NAME ("text", "bibtex", "ris", "csl-json"); returns 0, or
 * -1 for an unknown name. */
int cite_parse_style(const char *name, cite_style_t *style_out);

/* What comes before the first reference of STYLE, and after the last. */
void cite_begin(buf_t *out, cite_style_t style);
void cite_end(buf_t *out, cite_style_t style);

/* Appends HIT as a reference in STYLE.  ACCESSED is "YYYY-MM-DD" (NULL:
 * left out); FIRST says whether this is the first reference written. */
void cite_hit(buf_t *out, cite_style_t style, const hit_t *hit,
              const char *accessed, int first);

/* Appends the citation key of document ID: ID with every byte but ASCII
 * letters, digits and "_-:." made '_' (so "business/001" gives
 * "business_001"). */
void cite_key(buf_t *out, const char *id);

#endif /* TRAWL_CITE_H */
