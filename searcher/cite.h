/* cite.h: search hits as references: the citation every view prints, and
 * the styles reference managers import.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The citation (cite_citation()) is what trawl-search, trawl.cgi and
 * libtrawl print under each hit.  Styles: plain text (the citation trawl prints, plus URL and accessed
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

/* The title a hit is shown and cited by: its title, else the file it came
 * from, else its id (owned by HIT). */
const char *cite_title(const hit_t *hit);

/* The reference for HIT, to paste into a paper:
 *   "Title." Source, 3 June 2014. 002_x.txt, ¶4 (reader comment).
 * naming every paragraph a fragment of its snippet stands in.  Unknown
 * fields are left out ("n.d." for an unknown date), never made up. */
void cite_citation(buf_t *out, const hit_t *hit);

/* A stored date ("2014-06-03", "2014-06") as "3 June 2014", "June 2014".
 * Returns 1, or 0 having written nothing when DATE is not of that form
 * (a year alone, or anything else): the caller then escapes it for its
 * context. */
int cite_format_date(buf_t *out, const char *date);

/* cite_format_date() for a terminal: anything else is written as it is,
 * escaped ("2014" stays "2014"). */
void cite_date(buf_t *out, const char *date);

/* Appends the citation key of document ID: ID with every byte but ASCII
 * letters, digits and "_-:." made '_' (so "business/001" gives
 * "business_001"). */
void cite_key(buf_t *out, const char *id);

#endif /* TRAWL_CITE_H */
