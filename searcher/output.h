/* output.h: how trawl-search prints results: text for people; JSON Lines,
 * TSV, CSV and TREC runs for programs; references for reference managers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Results are written page by page as they come (output_page()), so a
 * query with a million matches never has them all in memory.
 */
#ifndef TRAWL_OUTPUT_H
#define TRAWL_OUTPUT_H

#include <stdio.h>
#include "buf.h"
#include "cite.h"
#include "kwic.h"
#include "search.h"

typedef enum {
    FORMAT_TEXT,     /* for people: ranks, titles, snippets, citations */
    FORMAT_JSON,     /* JSON Lines: one object per hit */
    FORMAT_TSV,      /* a header row, then one row per hit; see output_tsv_escape() */
    FORMAT_CSV,      /* RFC 4180: a header row, CRLF line ends, quoted as needed */
    FORMAT_TREC,     /* TREC run: qid Q0 docid rank score tag */
    FORMAT_KWIC      /* concordance: a line a match, in context (kwic.h) */
} format_t;

/* The columns of TSV and CSV output and the keys of JSON output. */
typedef enum {
    FIELD_QUERY_ID, FIELD_QUERY, FIELD_RANK, FIELD_ID, FIELD_SCORE,
    FIELD_ALL_WORDS, FIELD_TITLE, FIELD_TITLE_DERIVED, FIELD_SOURCE,
    FIELD_DATE, FIELD_BYLINE, FIELD_URL, FIELD_META, FIELD_PATH, FIELD_CITATION,
    FIELD_SNIPPETS, FIELD_COPIES,
    FIELD_COUNT      /* not a field: the number of fields */
} field_t;

typedef struct {
    format_t format;
    cite_style_t cite;           /* CITE_NONE, or write references instead */
    const char *accessed;        /* "YYYY-MM-DD", for references */
    int color;                   /* text: bold titles, coloured marks */
    const char *run_tag;         /* TREC: the last column */
    kwic_style_t kwic;           /* KWIC: context width, layout, sort */
    field_t fields[FIELD_COUNT]; /* TSV, CSV, JSON: the columns, in order */
    size_t field_count;
    unsigned long written;       /* state: hits written over all queries */
    kwic_lines_t kwic_held;      /* state: KWIC lines held back to be sorted */
} output_options_t;

/* What the output knows of the query being written. */
typedef struct {
    const char *id;              /* query id: "1" for a query from the command line */
    const char *text;            /* the query as typed */
    int batch;                   /* text: name each query before its hits */
    long trec_score;             /* TREC: last score printed, in millionths */
    unsigned hits_written;       /* hits written so far for this query */
} output_query_t;

/* The default fields: for JSON the keys of one hit (and "query_id" first
 * when BATCH); for TSV and CSV query_id, rank, score, id, title, source,
 * date, citation. */
void output_default_fields(output_options_t *opts, int batch);

/* Sets OPTS's fields from a comma-separated LIST of names ("id,title").
 * Returns 0, or -1 with a malloc'ed *errmsg naming the unknown field. */
int output_parse_fields(output_options_t *opts, const char *list, char **errmsg);

/* Non-zero if the output shows snippets or citations, which need the
 * stored text (and so are worth making the snippets for). */
int output_needs_snippets(const output_options_t *opts);

/* Non-zero if the output names each hit's near-duplicate copies (text,
 * and the copies field of JSON, TSV and CSV). */
int output_needs_copies(const output_options_t *opts);

/* Non-zero if the output shows every match of each hit's text (KWIC). */
int output_needs_marks(const output_options_t *opts);

/* Non-zero if the output shows the counts of matches and "did you mean"
 * (text, JSON). */
int output_shows_counts(const output_options_t *opts);

/* What writing returns: output is never cut short silently. */
typedef enum {
    OUTPUT_OK = 0,
    OUTPUT_NO_MEMORY,        /* a hit could not be rendered: nothing of it
                                was written */
    OUTPUT_WRITE_FAILED,     /* the stream refused the bytes (disk full,
                                closed pipe): ferror() is set */
    OUTPUT_STATUS_LAST       /* not a status: the number of statuses */
} output_status_t;

/* "out of memory", "output error"; never NULL. */
const char *output_status_to_string(output_status_t status);

/* Writes what comes before the first query: the header row of TSV and
 * CSV, the "[" of a CSL-JSON array.  Returns OUTPUT_OK,
 * OUTPUT_NO_MEMORY or OUTPUT_WRITE_FAILED. */
output_status_t output_begin(FILE *fp, output_options_t *opts);
/* Writes one page of R's hits for query Q (FIRST_PAGE: also the query's
 * header, in text output), hit by hit.  Returns as output_begin(),
 * stopping at the first hit that fails. */
output_status_t output_page(FILE *fp, output_options_t *opts, output_query_t *q,
                            const search_result_t *r, int first_page);
/* Ends query Q's output: writes the concordance lines a --kwic-sort held
 * back, in their order.  Returns as output_begin(). */
output_status_t output_query_end(FILE *fp, output_options_t *opts);
/* Writes what comes after the last query ("]" of CSL-JSON).  Returns as
 * output_begin(). */
output_status_t output_end(FILE *fp, output_options_t *opts);

/* What names a hit's near-duplicate copies ("also in: HSJ, Guardian (+3
 * copies)", their ids when none has a source), each name through ESCAPE;
 * nothing when it has none. */
void output_copies_line(buf_t *out, const hit_t *hit,
                        void (*escape)(buf_t *, const char *, size_t));

/* Appends HIT as one JSON object (no newline) with the FIELD_COUNT FIELDS,
 * in order: the one writer of a hit as JSON, for --format json (Q gives
 * query_id and query) and trawl.cgi's format=json, so both write the same
 * bytes.  SCRATCH is a buffer kept between calls (any contents); OUT and
 * SCRATCH fail as buf_t does (check both). */
void output_json_hit(buf_t *out, const field_t *fields, size_t field_count,
                     const output_query_t *q, const hit_t *hit, buf_t *scratch);

/* The same members without the braces, for an object that holds more
 * (--show's article: these, then its text and paragraphs). */
void output_json_members(buf_t *out, const field_t *fields, size_t field_count,
                         const output_query_t *q, const hit_t *hit, buf_t *scratch);

/* "HSJ | 3 June 2014": DOC's source (left out when unknown) and date
 * ("date unknown"), as text output heads a hit and --show an article. */
void output_source_date(buf_t *out, const stored_doc_t *doc);

/* The count line of R, as the text output's header and the page's
 * summary give it: "246 matches in 231 stories, 38 with all 3 words" (the
 * stories when collapsed; "about N" for
 * estimates; "; newest first, 12 undated last" when sorted by date). */
void output_count_line(buf_t *out, const search_result_t *r);

/* JSON members after the counts: ,"collapsed":true,"stories":N (one hit
 * per story), or ,"collapsed":false. */
void output_json_stories(buf_t *out, const search_result_t *r);

/* TSV escaping of S[0..LEN): backslash, tab, newline and carriage return
 * become \\, \t, \n and \r, so every row is one line and every tab a column
 * break (the convention of PostgreSQL's COPY and of R's and pandas'
 * readers with escapes on). */
void output_tsv_escape(buf_t *out, const char *s, size_t len);

/* RFC 4180 field: S[0..LEN) as is, or in double quotes (quotes doubled)
 * when it holds a comma, quote, CR or LF. */
void output_csv_escape(buf_t *out, const char *s, size_t len);

/* The document id as a TREC run gives it: ID without a trailing ".txt" or
 * ".txt.gz", so that one-file-per-document collections are named by their
 * file name stem, as their qrels do; white space (which would shift the
 * run's columns) becomes '_'. */
void output_trec_docid(buf_t *out, const char *id);

#endif /* TRAWL_OUTPUT_H */
