/* warc.h: WARC files (ISO 28500: WARC/1.0 and WARC/1.1) read as a stream of records.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A pure reader: it knows nothing of articles or the index.  A file is
 * plain, or gzip: one member per record (as crawlers write them), one
 * member holding many records, or anything between.  Memory holds one
 * record's block at most, and only when it is within the caller's limit
 * (warc_options_t.max_block); a longer block is streamed past, never read
 * whole, and is an error only when the record would have been an article
 * (other long records, videos and the like, are skipped as usual).
 *
 * Each record is classified (warc_skip_t): WARC_USABLE is a response
 * record with HTTP status 200 whose payload is HTML (by its Content-Type,
 * or sniffed when there is none); every other record comes back too, with
 * the reason it is no article, so the caller counts them.  The payload (the
 * HTTP body, chunked transfer coding and gzip/deflate content coding
 * undone) is decoded only when asked for (warc_payload()), so a caller that
 * recognises an unchanged record by its signature (offset, length, crc32,
 * or the payload digest) pays nothing for it.
 *
 * Errors come in two kinds.  WARC_BAD_RECORD: a damaged record or damaged
 * bytes between records; warc_error() says where and why, and the next
 * warc_next() goes on with the next record.  The reader resynchronises at
 * the next gzip member that starts a record, or the next line that starts
 * with "WARC/1." (and when a block's Content-Length is wrong, it looks for
 * that line from the block's start, so the record after it is not lost).
 * Record-level: the version line, a header line, Content-Length (missing,
 * not a number, running past the end or into the next record, or not
 * followed by CRLF CRLF), a damaged gzip member, a response with no
 * WARC-Target-URI or a bad HTTP status line, and from warc_payload()
 * broken chunks or content coding.  WARC_FAILED: the file cannot be read
 * on (a read error, out of memory, not a WARC file at all: no record in
 * it); opening fails the same way (no such file, a ".gz" name on data
 * that is not gzip).
 *
 * Typical use:
 *     warc_reader_t *r = warc_open(path, &(warc_options_t){ .max_block = limit }, &err);
 *     while ((st = warc_next(r, &rec)) != WARC_END && st != WARC_FAILED) {
 *         if (st == WARC_BAD_RECORD) { report(path, warc_error(r)->text); continue; }
 *         if (rec->skip != WARC_USABLE) { skipped[rec->skip]++; continue; }
 *         if (warc_payload(r, &html, &len) != WARC_OK) { report(...); continue; }
 *         ...
 *     }
 *     if (st == WARC_FAILED) report(path, warc_error(r)->text);
 *     warc_close(r);
 */
#ifndef TRAWL_WARC_H
#define TRAWL_WARC_H

#include <stddef.h>
#include <stdint.h>

/* The block limit when the caller gives none: far above a news page (a
 * few hundred KiB; rarely a few MiB), far below what would strain the
 * machine. */
#define WARC_DEFAULT_MAX_BLOCK (64 * 1024 * 1024)

/* The longest WARC record header read: real ones are under 2 KiB; a longer
 * one is damage, and reading on would only hold memory. */
#define WARC_MAX_HEADER (64 * 1024)

typedef enum {
    WARC_OK = 0,            /* a record (warc_next) or the payload (warc_payload) */
    WARC_END = 1,           /* no more records */
    WARC_BAD_RECORD = -1,   /* a damaged record or damaged data: warc_error(); go on */
    WARC_FAILED = -2        /* the file cannot be read on: warc_error(); stop */
} warc_status_t;

/* WARC-Type, as the standard names them. */
typedef enum {
    WARC_TYPE_OTHER = 0,    /* a type the standard does not name */
    WARC_TYPE_WARCINFO,
    WARC_TYPE_RESPONSE,
    WARC_TYPE_RESOURCE,
    WARC_TYPE_REQUEST,
    WARC_TYPE_METADATA,
    WARC_TYPE_REVISIT,
    WARC_TYPE_CONVERSION,
    WARC_TYPE_CONTINUATION
} warc_type_t;

/* Why a record is not an article.  Resource records are skipped: in web
 * crawls they hold crawler logs, screenshots and files fetched without
 * HTTP; pages come as responses.  Conversions are derived copies. */
typedef enum {
    WARC_USABLE = 0,        /* response, status 200, HTML payload */
    WARC_SKIP_WARCINFO,     /* "warcinfo" */
    WARC_SKIP_REQUEST,      /* "request" */
    WARC_SKIP_METADATA,     /* "metadata" */
    WARC_SKIP_REVISIT,      /* "revisit": a pointer to an earlier capture */
    WARC_SKIP_RESOURCE,     /* "resource" */
    WARC_SKIP_CONVERSION,   /* "conversion" */
    WARC_SKIP_SEGMENTED,    /* "segmented": a continuation record, or a response cut in segments */
    WARC_SKIP_OTHER_TYPE,   /* "other type": a WARC-Type the standard does not name */
    WARC_SKIP_NOT_HTTP,     /* "not HTTP": a response that is not application/http (dns:) */
    WARC_SKIP_STATUS,       /* "status": an HTTP status other than 200 */
    WARC_SKIP_NOT_HTML,     /* "not HTML": by Content-Type, or sniffed when there is none */
    WARC_SKIP_COUNT
} warc_skip_t;

/* The short name of REASON for a summary ("request", "not HTML"; "usable"
 * for WARC_USABLE); static text. */
const char *warc_skip_name(warc_skip_t reason);

/* One record.  Strings are NUL-terminated, NULL when the header is absent,
 * owned by the reader and valid until the next warc_next() or warc_close(). */
typedef struct {
    /* Where it is.  offset: in a plain file, its first byte; in a gzip file,
     * the start of the member holding its first byte (what `dd skip=` and
     * warcio's offsets give).  length: in a plain file, its bytes, from the
     * version line to the CRLF CRLF after the block; in a gzip file, the
     * compressed bytes from offset to the end of the member where the record
     * ends, or 0 when the record does not start and end at member boundaries
     * (it shares a member with another record).  stream_offset and
     * stream_length: the same in the uncompressed data (equal to offset and
     * length in a plain file). */
    uint64_t offset, length;
    uint64_t stream_offset, stream_length;

    /* A cheap signature: CRC-32 (zlib's) of the record's uncompressed bytes
     * (stream_length of them), computed for WARC_USABLE records only (0 for
     * the others).  In a gzip file whose record fills its member it equals
     * the member's own CRC-32 (its last 8 bytes are that CRC and ISIZE), so
     * a later run can check that record by reading 8 bytes at
     * offset + length - 8, inflating nothing. */
    uint32_t crc32;

    warc_type_t type;
    const char *type_name;          /* WARC-Type as written */
    const char *version;            /* "WARC/1.0" or "WARC/1.1" */
    const char *target_uri;         /* WARC-Target-URI, without <> if written with them */
    const char *date;               /* WARC-Date as written */
    const char *record_id;          /* WARC-Record-ID as written ("<urn:uuid:...>") */
    const char *payload_digest;     /* WARC-Payload-Digest ("sha1:...") */
    const char *block_digest;       /* WARC-Block-Digest */
    const char *truncated;          /* WARC-Truncated: the crawler cut the payload ("length") */
    uint64_t content_length;        /* the block's length */

    /* Response records whose HTTP status line was read (0 / NULL otherwise). */
    int http_status;
    const char *content_type;       /* the HTTP Content-Type as written, with parameters */
    const char *charset;            /* its charset parameter, unquoted */

    warc_skip_t skip;
    int payload_held;               /* the block is in memory: warc_payload() can decode it */
} warc_record_t;

/* Where the last error was and why. */
typedef struct {
    uint64_t offset;                /* file offset of the record (as warc_record_t.offset) */
    uint64_t stream_offset;         /* its position in the uncompressed data */
    const char *reason;             /* "Content-Length 120 is too long: ..." */
    const char *target_uri;         /* the record's WARC-Target-URI, if it was read, else NULL */
    /* The message to print after the file's name: "offset 1234: <reason>", or
     * "offset 0 (uncompressed 5678): <reason>" for a record inside a gzip
     * member it shares; control characters are shown as '?'. */
    const char *text;
} warc_error_t;

typedef struct {
    size_t max_block;               /* bytes: the longest block held in memory, and the
                                     * longest decoded payload; 0: WARC_DEFAULT_MAX_BLOCK.
                                     * Peak memory is about twice this. */
} warc_options_t;

typedef struct warc_reader warc_reader_t;

/* Non-zero if NAME ends in ".warc" or ".warc.gz". */
int warc_is_warc_name(const char *name);

/* Opens PATH (plain, or gzip by its content; a name ending in ".gz" must be
 * gzip data) with OPTIONS (NULL: the defaults).  Returns the reader, or
 * NULL with a malloc'ed *ERRMSG the caller frees (strerror's text, "not
 * gzip data", "out of memory"). */
warc_reader_t *warc_open(const char *path, const warc_options_t *options, char **errmsg);

/* The same over FD, read from offset 0 and not closed by the reader; NAME
 * (may be NULL) is only looked at for the ".gz" rule. */
warc_reader_t *warc_open_fd(int fd, const char *name, const warc_options_t *options,
                            char **errmsg);

/* Reads the next record into *OUT (owned by R, valid until the next call).
 * Returns WARC_OK; WARC_END; WARC_BAD_RECORD (*OUT NULL; warc_error() tells;
 * call again to go on); WARC_FAILED (*OUT NULL; warc_error(); every later
 * call returns WARC_FAILED too). */
warc_status_t warc_next(warc_reader_t *r, const warc_record_t **out);

/* The payload of the record warc_next() gave last, when payload_held: for a
 * response, the HTTP body decoded (chunks joined, gzip/deflate undone; at
 * most max_block bytes); for other records, the block as it is.  *DATA is
 * owned by R and valid until the next warc_next().  Returns WARC_OK, or
 * WARC_BAD_RECORD with warc_error() set (broken chunked encoding, corrupt or
 * unsupported content coding, a payload over the limit when decoded; or no
 * payload held); the reader goes on with warc_next() as usual. */
warc_status_t warc_payload(warc_reader_t *r, const char **data, size_t *len);

/* The value of the WARC header NAME (any case) of the record warc_next()
 * gave last, or NULL; owned by R, valid until the next warc_next(). */
const char *warc_header(const warc_reader_t *r, const char *name);

/* The last error (after WARC_BAD_RECORD or WARC_FAILED); owned by R, valid
 * until the next call on R. */
const warc_error_t *warc_error(const warc_reader_t *r);

/* Closes R; NULL is allowed. */
void warc_close(warc_reader_t *r);

#endif /* TRAWL_WARC_H */
