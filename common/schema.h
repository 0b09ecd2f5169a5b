/* schema.h: the index layout shared by trawl-index and trawl-search.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Term prefixes follow Xapian's conventions (as omega uses them): a prefix is
 * upper case, words are lower case, so the two never run together.
 * Changing anything here changes the index format: bump SCHEMA_VERSION.
 */
#ifndef TRAWL_SCHEMA_H
#define TRAWL_SCHEMA_H

#include <string.h>

/* Stored in the index's metadata under "trawl.schema"; trawl-search refuses
 * an index whose schema it does not know.  The analyzer's stems are part
 * of it: layout 4 stems an acronym's plural as its singular ("CCGs" as
 * "ccg", text/analyzer.h), which a query of a layout-3 index would miss. */
#define SCHEMA_VERSION "5"

/* Layout 5 stores a near-duplicate signature's band keys nowhere (they are
 * worked out from the signature, indexer/groups.h); layout 4 also held
 * them as XB terms, which nothing reads now.  So an index of layout 4 is
 * searched and updated as it is, and says layout 5 from its next commit:
 * a trawl-index of layout 4, which looked for candidates by those terms,
 * then refuses it instead of missing copies. */
#define SCHEMA_OLDEST_READ "4"

/* Non-zero if an index of layout LAYOUT (as META_SCHEMA holds it) is one
 * this version searches and updates. */
static inline int schema_readable(const char *layout)
{
    return strcmp(layout, SCHEMA_VERSION) == 0 || strcmp(layout, SCHEMA_OLDEST_READ) == 0;
}

/* Terms.  Words in the body are unprefixed (with positions); each field has
 * its own prefix, and "Z" before a field prefix marks stemmed forms
 * (wdf only, no positions). */
#define PREFIX_ID       "Q"    /* Q<id>: the unique id term, one per article */
#define PREFIX_STEM     "Z"    /* Z<stem>: stemmed word of the headline or body */
#define PREFIX_TITLE    "S"    /* S<word>: title word, with positions */
#define PREFIX_COMMENT  "XC"   /* XC<word>: reader-comment word, with positions */
#define PREFIX_SOURCE   "XSRC" /* XSRC<word>: word of the source publication */
#define PREFIX_YEAR     "Y"    /* Y2014 (boolean) */
#define PREFIX_MONTH    "M"    /* M201406 (boolean) */
#define PREFIX_DATE     "D"    /* D20140603 (boolean) */
#define PREFIX_GROUP    "XG"   /* XG<id>: member of the near-duplicate group
                                  that article ID leads (boolean) */
/* Metadata fields (the byline and every field trawl has no member for:
 * JSON Lines members, manifest columns, front-matter keys), by the field's
 * name folded to lower case: */
#define PREFIX_FIELD      "XF"  /* XF<name>:<word> with positions;
                                   XF<name>=<value as stated> (boolean) */
#define PREFIX_FIELD_NAME "XK"  /* XK<name>: the article has the field */
#define FIELD_WORD_MARK   ':'
#define FIELD_VALUE_MARK  '='
#define FIELD_NAME_MAX    64    /* longer names are stored, not searchable */
#define BYLINE_FIELD      "byline"   /* the byline's field name */

/* A headline word counts this many times in Z<stem>, the term a plain
 * query word searches: as omega does it, one term with exact statistics
 * where two (body and title) joined at query time had Xapian guess their
 * frequency and rank worse (doc/relevance.md).  Title-only searches use
 * ZS<stem>, which stays. */
#define TITLE_STEM_WDF  2

/* Value slots. */
#define SLOT_DATE       0      /* "YYYYMMDD": sortable, for ranges and sorting */
#define SLOT_SIGNATURE  1      /* change detection: "size mtime-ns crc32" of the file */
#define SLOT_ROOT       2      /* the corpus root (real path) the file was found under */
#define SLOT_PATH       3      /* the file's path relative to that root */
#define SLOT_ID         4      /* the article id (same as the Q term, without "Q") */
#define SLOT_SOURCE     5      /* the source publication as stated, for facets and counts */
#define SLOT_YEAR       6      /* "YYYY", for facets and counts by year */
#define SLOT_MONTH      7      /* "YYYY-MM", for counts by month */
#define SLOT_DUPSIG     8      /* the near-duplicate signature (DUPSIG_BYTES) */
#define SLOT_GROUP      9      /* the id of the near-duplicate group's leader
                                  (its earliest article; its own id when it
                                  leads): Xapian's collapse key */

/* Metadata keys. */
#define META_SCHEMA     "trawl.schema"
#define META_LANGUAGE   "trawl.language"  /* stemmer language used to index */
/* The stop list of the index's language when it was made (stopwords.h),
 * a word a line: the searcher uses it, so queries stay as they were. */
#define META_STOPWORDS  "trawl.stopwords"
/* "K/N" in an index built with trawl-index --shard K/N: it holds only the
 * articles of shard K of N. */
#define META_SHARD      "trawl.shard"
/* The corpus roots and their id prefixes (indexer/roots.h). */
#define META_ROOTS      "trawl.roots"
/* "trawl.file.<hash of root and path>" = "size mtime-ns" of a JSON Lines
 * file whose every record is indexed: unchanged, it is not read again. */
#define META_FILE_PREFIX "trawl.file."

/* Xapian rejects terms longer than 245 bytes; ids longer than this are
 * shortened with a hash (see build.c). */
#define MAX_TERM_BYTES  240

#endif /* TRAWL_SCHEMA_H */
