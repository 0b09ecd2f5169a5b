/* reader.h: one reader per input format, in one table.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A reader turns one corpus file into articles (article.h) and hands each
 * to a sink, which the caller supplies: trawl-index's builder stores them,
 * --extract prints them.  A reader never names the builder, as FTS5's
 * tokenizer calls xToken() and knows nothing of the index.  The walk asks
 * the table which reader takes a file (reader_for()); adding a format adds
 * one entry and one file.
 *
 * The sink's contract, for every record of a file (the file itself, for a
 * one-article format):
 * - unchanged(): asked first, with the record's signature; 1 means the
 *   index holds that record as it is, and the reader skips it unparsed;
 * - wants(): asked next, with the id the record states (or NULL: the
 *   file's path gives it), before the article is made: 0 means the record
 *   belongs to another shard or part, and the reader skips it unparsed;
 * - then article() with the article, or failed() with why it could not be
 *   read, or skipped() with why it is not an article (a WARC request);
 * - a return of READER_STOP from unchanged() or article() ends the file at
 *   once (a stop signal, a write error): the reader returns READER_STOPPED.
 */
#ifndef TRAWL_READER_H
#define TRAWL_READER_H

#include <stddef.h>
#include <sys/types.h>
#include "article.h"
#include "boilerplate.h"

/* The most a file or record may hold, by default (trawl-index's --memory
 * sets it: an eighth of the budget): larger ones are refused rather than
 * risking the machine's memory; the biggest real articles are a few
 * hundred kilobytes. */
#define READER_MAX_BYTES ((size_t)32 << 20)

/* What a sink callback returns besides 0 (go on). */
#define READER_SKIP 1          /* unchanged(): the record is indexed as it is */
#define READER_STOP (-1)       /* stop reading: the run ends */

/* One record of a file, as the reader tells the sink of it. */
typedef struct {
    const char *where;         /* for messages: "path", "path:line", "path@offset" */
    unsigned long number;      /* 0 for a one-article file; else the record's
                                  line or ordinal number (1-based), which
                                  places problems found before its id is known
                                  in one part of a --jobs build */
    const char *signature;     /* what changes when the record does (see
                                  known.h), or NULL */
} reader_record_t;

typedef struct reader_sink {
    void *ctx;
    int (*unchanged)(struct reader_sink *sink, const reader_record_t *rec);
    /* Non-zero if the sink takes the record whose id is ID (NULL: the
     * file's path gives the id), or READER_STOP. */
    int (*wants)(struct reader_sink *sink, const reader_record_t *rec, const char *id);
    /* The article A of REC: the sink takes what it needs; the reader frees
     * A after the call. */
    int (*article)(struct reader_sink *sink, const reader_record_t *rec, article_t *a);
    /* REC cannot be read or parsed: MESSAGE says what and why, naming the
     * file (and line or offset): the sink reports it, counts it, and the
     * record keeps its indexed version.  Readers call reader_failed(). */
    void (*failed)(struct reader_sink *sink, const reader_record_t *rec, const char *message);
    /* REC is not an article, by REASON (a short word: "request", "not
     * HTML"), which the run counts. */
    void (*skipped)(struct reader_sink *sink, const reader_record_t *rec, const char *reason);
} reader_sink_t;

/* What one root holds that every reader of it shares: the recurring lines
 * of its pages (boilerplate.h), counted by survey() before the first page
 * is read.  NULL members: none. */
typedef struct {
    boilerplate_t *boilerplate;
} reader_corpus_t;

/* One file to read. */
typedef struct {
    const char *path;          /* as the walk found it: named in messages */
    const char *open_path;     /* to open: the target of a symbolic link the
                                  walk followed, else PATH (NULL: PATH) */
    long long size, mtime_ns;  /* as the walk found it */
    dev_t dev;                 /* the file the walk saw (0 and 0: any) */
    ino_t ino;
    const reader_corpus_t *corpus;
    size_t max_bytes;          /* the most a file or record may hold,
                                  decompressed (from --memory) */
} reader_input_t;

/* What read() returns. */
typedef enum {
    READER_DONE = 0,           /* every record was handed to the sink */
    READER_INCOMPLETE,         /* the file could not be read to its end
                                  (reported through failed()): the records
                                  not reached keep their indexed versions */
    READER_STOPPED             /* the sink said READER_STOP */
} reader_status_t;

typedef struct reader {
    const char *name;          /* "text", "mail", "jsonl"... */
    /* Non-zero if this reader takes a file of this NAME (by its suffix). */
    int (*claims_name)(const char *name);
    /* Non-zero if it takes a file whose name no reader claims, by its
     * first LEN bytes HEAD; NULL: never. */
    int (*claims_content)(const char *head, size_t len);
    int many;                  /* many records a file (else one article) */
    /* Counts what CORPUS needs of the file IN before any file of the root
     * is read (the text reader's recurring lines); NULL: nothing.  Returns
     * 0, or -1 when out of memory. */
    int (*survey)(const reader_input_t *in, reader_corpus_t *corpus);
    reader_status_t (*read)(const reader_input_t *in, reader_sink_t *sink);
} reader_t;

/* The reader for the file NAME at PATH: by the name's suffix, else by its
 * first bytes (read from PATH; a file that cannot be read gives NULL), or
 * NULL when no reader takes it (PATH NULL: by name only). */
const reader_t *reader_for(const char *name, const char *path);

/* Non-zero if NAME ends in SUFFIX (".txt"), in any case, after at least
 * one other byte. */
int reader_has_suffix(const char *name, const char *suffix);

/* Non-zero if DATA[0..LEN) is text, not binary: it does not begin with the
 * signature of a binary format (PDF, ZIP, images, ...) and at most 8, or
 * at most 1 in 100, of its first 8 KiB are NUL or other control characters. */
int reader_is_text(const char *data, size_t len);

/* reader_is_text() of the first bytes of the file PATH (0 when it cannot
 * be read). */
int reader_is_text_file(const char *path);

/* Opens IN's file for reading, safely: no symbolic link the walk did not
 * follow (O_NOFOLLOW on the path it resolved), no waiting on a FIFO
 * (O_NONBLOCK), and only the regular file the walk saw (fstat: the same
 * device and inode), so a file swapped after the walk is refused.
 * Returns the descriptor, or -1 with *WHY set (static text or strerror's:
 * "not a regular file", "changed since the walk"). */
int reader_open(const reader_input_t *in, const char **why);

/* "over the limit of N MiB (--memory)" for MAX_BYTES (static). */
const char *reader_too_large(size_t max_bytes);

/* Reads all of IN's file (reader_open()) into *OUT (free()), gunzipping a
 * ".gz" name, at most in->max_bytes of it, decompressed: a larger file (a
 * gzip bomb) stops there.  Returns 0, or -1 with *WHY set to static text
 * or strerror's ("not gzip data", "corrupt or truncated gzip data", "over
 * the limit of 32 MiB (--memory)").  *NOTICE gets what the caller should
 * say of a file that was read ("trailing data after the gzip data
 * ignored": zlib stops quietly at bytes after the last gzip member that
 * are not one), or NULL. */
int reader_slurp(const reader_input_t *in, char **out, size_t *len, const char **why,
                 const char **notice);

/* Formats the message and hands it to SINK's failed(). */
void reader_failed(reader_sink_t *sink, const reader_record_t *rec, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Hands ARTICLE (found at REC) to SINK's article() and frees it; NOTICE
 * (reader_slurp()'s, may be NULL) is added to its warning first.  Returns
 * what article() returned (READER_STOP: the run stops), or 0 when memory
 * ran out for the notice (reported as REC's failure). */
int reader_deliver(reader_sink_t *sink, const reader_record_t *rec, article_t *article,
                   const char *notice);

/* The signature of a one-article file ("size mtime-ns crc32") into OUT[64]. */
void reader_file_signature(const reader_input_t *in, const char *data, size_t len,
                           char out[64]);

/* The readers, for their tests; each file defines its own. */
extern const reader_t reader_text, reader_mail, reader_jsonl, reader_html, reader_warc;

#endif /* TRAWL_READER_H */
