/* docdata.h: the document data stored with each article in the index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Search results, snippets and article views need nothing but the index, so
 * each document carries its metadata and its cleaned text.  The format is
 * a few "key<TAB>value" lines, a blank line, then the text compressed with
 * zlib:
 *
 *     trawl-doc<TAB>1
 *     id<TAB>002_7add833defd93f9a.txt
 *     title<TAB>CCGs confident but still deliver a kick to the regions
 *     source<TAB>HSJ
 *     paragraphs<TAB>BBBBBBBBBCCCCC    (one letter per paragraph: B body, C comment)
 *     text<TAB>3521                    (length of the uncompressed text)
 *     <empty line>
 *     <zlib stream of the text: paragraphs separated by '\n'>
 *
 * Unknown fields are absent, never empty.  Extra metadata is kept as
 * "x-<key>" lines, a list as an "l-<key>" line an item.  Tabs and newlines in values become spaces.
 */
#ifndef TRAWL_DOCDATA_H
#define TRAWL_DOCDATA_H

#include <stddef.h>
#include "buf.h"

typedef struct {
    char *key, *value;
    int list;              /* an item of a list ("l-<key>" lines) */
} docdata_field_t;

typedef struct {
    char *id;              /* stable document id (path relative to the corpus root) */
    char *title;           /* NULL if unknown */
    int title_derived;     /* 1: title made from the first sentence */
    char *date;            /* "YYYY-MM-DD", "YYYY-MM", "YYYY" or NULL */
    char *source, *byline, *url;   /* NULL if unknown */
    char *path;            /* the file it came from, as given to trawl-index */
    char *kinds;           /* one 'B' or 'C' per paragraph, NUL-terminated */
    size_t paragraph_count;
    char *text;            /* paragraphs separated by '\n'; NULL unless decoded */
    size_t text_len;
    docdata_field_t *extra;
    size_t extra_count;
    char *block;           /* from docdata_decode(): one allocation that
                              holds the strings above but text */
} stored_doc_t;

/* Appends the encoding of DOC to OUT.  Returns 0, or -1 when compression
 * fails or memory runs out. */
int docdata_encode(const stored_doc_t *doc, buf_t *out);

/* Decodes DATA[0..LEN) into *DOC (its strings are owned by *DOC: free
 * them all with docdata_free(), never one by one).  With WANT_TEXT zero
 * the text is not decompressed (doc->text stays NULL), which is cheaper.
 * Returns 0, or -1 with a malloc'ed *errmsg ("stored document is damaged:
 * ...") on bad data. */
int docdata_decode(const char *data, size_t len, int want_text,
                   stored_doc_t *doc, char **errmsg);

void docdata_free(stored_doc_t *doc);

/* Appends to OUT the unique id term of the article ID: "Q" + ID, or, when
 * that would pass Xapian's term length limit, "Q" + the first bytes of ID +
 * "#" + a 64-bit hash of the whole ID in hex. */
void docdata_id_term(const char *id, buf_t *out);

/* The same with PREFIX in place of "Q": a term naming an article by its id
 * (PREFIX_GROUP: the group an article leads). */
void docdata_id_term_with(const char *prefix, const char *id, buf_t *out);

/* The kind ('B' body or 'C' comment) of DOC's 1-based PARAGRAPH. */
char docdata_paragraph_kind(const stored_doc_t *doc, unsigned paragraph);

#endif /* TRAWL_DOCDATA_H */
