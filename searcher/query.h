/* query.h: from what a person typed to a tree of index terms and to the
 * terms the matcher marks.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The query language (doc/design.md, "Searching", has examples):
 *
 *   area teams          plain words: see "Plain words" below
 *   "area teams"        a phrase (exact words, in order, adjacent); a quoted
 *                       single word is that exact word, not stemmed
 *   a AND b, a OR b, a NOT b, (...)   upper case only; lower case "and" is
 *                       a word
 *   +word, -word        the word is required / excluded
 *   a NEAR b, a NEAR/n b   the words within n words of each other, any
 *                       order (n defaults to QUERY_NEAR_DEFAULT)
 *   a ADJ b, a ADJ/n b  the same, in this order
 *   commission*         words starting with "commission" (at least
 *                       QUERY_WILDCARD_MIN_PREFIX characters before the
 *                       '*', at most QUERY_WILDCARD_MAX_TERMS words)
 *   title:, body:, comments:, source:, id:   where the word stands (id: is
 *                       the article id as stored, e.g. id:003_x.txt)
 *   byline:, author:, NAME:   words in the byline or in a metadata field
 *                       of the index (a JSON Lines member, a manifest
 *                       column, a front-matter key: category:space)
 *   NAME=VALUE, NAME="a value", source=VALUE   the field holds exactly
 *                       VALUE, as stored (category=sci.space)
 *   date:2014, date:2014-06, date:2014-06-03, date:2013..2014-06-30,
 *   date:..2014, date:2014..     publication date ranges (inclusive)
 *
 * Precedence, loosest first: juxtaposition, OR, AND and NOT, NEAR and ADJ,
 * then +, -, fields and brackets.  So "area teams OR groups" is "area"
 * with "teams OR groups".
 *
 * Plain words: each word, phrase, bracket or field term standing side by
 * side at the top level is a "group".  Stopwords (text/stopwords.h) are
 * dropped from plain words when the query has other words; a word typed N
 * times is one group weighing N times as much.  Three modes:
 * QUERY_DEFAULT ranks the articles with every group first, then those with
 * some; QUERY_ALL keeps only articles with every group; QUERY_ANY ranks
 * all articles with any group by BM25 alone.
 *
 * Whatever was typed, a query never fails for its syntax: an unbalanced
 * quote or bracket, an operator without operands, brackets nested deeper
 * than QUERY_MAX_DEPTH, or a field with nothing after it make the whole
 * query be read as plain words, and the explanation says so.  The only
 * errors are a query with no word at all, a date that is not a date, a
 * field name the index does not have (NAME: or NAME=, NAME a letter then
 * letters, digits, '_', '-' or '.', followed by something other than a
 * blank or '/': "category:x" on an index without it; never read as the
 * words "category x"), a query past the limits of its cost below, and (at
 * search time) a wildcard that expands too far.  Field names are matched
 * in any case.
 */
#ifndef TRAWL_QUERY_H
#define TRAWL_QUERY_H

#include <stddef.h>
#include "analyzer.h"
#include "match.h"
#include "query-tree.h"
#include "schema.h"

/* Field weights: a word in the headline says more about an article than one
 * in the body; a word in a reader comment says less.  A headline occurrence
 * counts QUERY_TITLE_WEIGHT times in one BM25 term with the body's (for
 * stems, at indexing: TITLE_STEM_WDF in schema.h); comments are a separate
 * term scaled by QUERY_COMMENT_WEIGHT.  Measured on Cranfield and CACM
 * (doc/relevance.md, "Tuning"). */
#define QUERY_TITLE_WEIGHT   ((double)TITLE_STEM_WDF)
#define QUERY_COMMENT_WEIGHT 0.5

/* NEAR and ADJ without /n: within 10 words, about a sentence. */
#define QUERY_NEAR_DEFAULT 10
/* The largest n of NEAR/n and ADJ/n (beyond it, words are just AND-ed). */
#define QUERY_NEAR_MAX 1000
/* Brackets deeper than this make the query plain words: it bounds the
 * parser's recursion (a 10,000-deep paste must not exhaust the stack). */
#define QUERY_MAX_DEPTH 64
/* A wildcard needs this many characters before '*' ("co*" would match half
 * the index); shorter ones are searched as the word itself. */
#define QUERY_WILDCARD_MIN_PREFIX 3
/* The most plain words a query searches (a 100 KB paste must not take
 * minutes); later ones are left out, and the explanation says so. */
#define QUERY_MAX_WORDS 256
/* The most words one wildcard may stand for; more is an error that says
 * how to narrow it. */
#define QUERY_WILDCARD_MAX_TERMS 200

/* What one query may cost, past which it is refused as "query too
 * complex: ..." (QUERY_TOO_COMPLEX, SEARCH_TOO_COMPLEX): a 400 in the CGI,
 * exit 2 in the CLI.  Counted after equal parts are merged (a phrase typed
 * 100 times is one: query-tree.h), so only a query of that many different
 * parts meets them.  Measured on 20 Newsgroups (doc/benchmarks.md,
 * "Hostile queries"): 20 different phrases of common words, each looked
 * up in the text and the headline (40 searches), cost 0.48-0.52 s of CPU
 * in trawl.cgi, page, facets and the count of stories (near-duplicate
 * groups) included; 16 of them (32 searches) 0.38-0.43 s, so 16 are the
 * most.
 *
 * Phrase and NEAR/ADJ searches, each field it is looked up in counting
 * once (a phrase in the text and the headline is 2): */
#define QUERY_MAX_PHRASES 32
/* Different wildcards (at search time, before expanding them): */
#define QUERY_MAX_WILDCARDS 16
/* Words the wildcards stand for, all together (at search time): */
#define QUERY_MAX_EXPANSIONS 1000
/* Terms looked up, the wildcards' words included (a plain word is looked
 * up as one to three terms: text, headline, comments): */
#define QUERY_MAX_TERMS 2000

typedef enum {
    QUERY_DEFAULT,   /* every group first, then some */
    QUERY_ALL,       /* every group only */
    QUERY_ANY        /* any group, by BM25 alone */
} query_mode_t;

/* A plain word as typed, for "did you mean" (suggestions replace it in the
 * query text). */
typedef struct {
    size_t start, end;        /* byte offsets in the query text */
    char *word;               /* folded word, NUL-terminated */
    char *stem;               /* its stem */
} query_word_t;

/* What query_parse() returns. */
typedef enum {
    QUERY_OK = 0,
    QUERY_NO_MEMORY,          /* an allocation failed */
    QUERY_NO_WORDS,           /* nothing to search for ("", "!!!", "(((") */
    QUERY_BAD_DATE,           /* a date: range that is not a date */
    QUERY_BAD_FIELD,          /* a field the index does not have */
    QUERY_TOO_COMPLEX         /* past QUERY_MAX_PHRASES or QUERY_MAX_TERMS */
} query_status_t;

/* A parsed query.  Its members are the searcher's (search.h hands it to
 * front ends as an opaque handle). */
typedef struct query {
    char *text;               /* the query as typed (a copy), for "did you mean" */
    size_t len;
    match_term_t *terms;      /* what the matcher marks; strings owned by the query */
    size_t term_count;
    unsigned group_count;     /* top-level groups ("all N words") */
    qtree_t *all;             /* articles with every group */
    qtree_t *any;             /* every article that matches at all */
    qtree_arena_t *arena;     /* where the nodes of all and any live */
    query_word_t *words;      /* plain words searched, in query order */
    size_t word_count;
    char **wildcards;         /* folded prefixes of the wildcards, for
                                 --explain and the expansion check */
    size_t wildcard_count;
    char *explain;            /* how the query was understood: lines of
                                 text, ending in '\n' */
    size_t term_nodes;        /* distinct terms it looks up, wildcards
                                 not expanded (QUERY_MAX_TERMS) */
} query_t;

/* The fields an index may lack (query_index_t.fields). */
#define QUERY_FIELD_COMMENTS 1u   /* reader comments (XC, ZXC terms) */
#define QUERY_FIELDS_ALL     QUERY_FIELD_COMMENTS

/* What the parser needs to know of the index it parses for. */
typedef struct query_index {
    unsigned fields;          /* QUERY_FIELD_* it holds: plain words are
                                 not looked up in the others */
    char **names;             /* its metadata fields (XK<name> terms, lower
                                 case), the byline's included */
    size_t name_count;
} query_index_t;

/* "author:" is another name of the byline's field (BYLINE_FIELD). */
#define QUERY_AUTHOR_FIELD "author"

/* Whether NAME[0..N) (any case) is a metadata field of INDEX (NULL: none
 * but the byline): BYLINE_FIELD and QUERY_AUTHOR_FIELD always are. */
int query_is_metadata_field(const query_index_t *index, const char *name, size_t n);

/* The field NAME[0..N) as the index names it, into OUT (room for
 * FIELD_NAME_MAX + 1 bytes): lower case, and "author" as BYLINE_FIELD.
 * Returns its length (at most FIELD_NAME_MAX, schema.h). */
size_t query_field_name(const char *name, size_t n, char *out);

/* The message (malloc'ed; NULL when out of memory) for a field NAME[0..N)
 * that INDEX does not have, written NAME= when EXACT, naming the fields
 * it has. */
char *query_field_error(const query_index_t *index, const char *name, size_t n, int exact);

/* Parses TEXT[0..LEN) in MODE for the index INDEX (NULL: every field of
 * QUERY_FIELDS_ALL, and no metadata field but the byline).  Returns
 * QUERY_OK with *QUERY_OUT set (free it with query_free()), or
 * QUERY_NO_WORDS, QUERY_BAD_DATE, QUERY_BAD_FIELD, QUERY_TOO_COMPLEX ("query
 * too complex: 54 phrase or NEAR searches (at most 32; ...)") or
 * QUERY_NO_MEMORY with
 * *QUERY_OUT NULL and a malloc'ed *ERRMSG written for the person who typed
 * the query ("the query has no words to search for", "date:2014-13: not a
 * date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)", "the index
 * has no field 'categry' (its fields: title, body, ...)", "out of
 * memory"): free() it. */
query_status_t query_parse(analyzer_t *analyzer, const query_index_t *index, const char *text,
                           size_t len, query_mode_t mode, query_t **query_out, char **errmsg);
/* Frees Q and all it holds; NULL does nothing. */
void query_free(query_t *q);

#endif /* TRAWL_QUERY_H */
