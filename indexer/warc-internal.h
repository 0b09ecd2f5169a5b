/* warc-internal.h: what the parts of the WARC reader share (not an API).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * warc.c reads record after record (warc.h): it finds each record's
 * start, reads its header and frames its block.  It stands on
 * warc-stream.c, the stream under the records (the window of bytes, the
 * fences where a record must end, the scan for the next record after
 * damage, and the error texts), warc-fields.c, a record's header fields,
 * and warc-payload.c, an HTTP response's status, type and decoded body
 * (over warc-http.h).  The functions here are wr_ (the reader's own).
 */
#ifndef TRAWL_WARC_INTERNAL_H
#define TRAWL_WARC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "warc-input.h"
#include "warc.h"

/* The window's first size, and the free space a read gets at least:
 * reads of this size cost little beside parsing. */
#define WINDOW_START (1024 * 1024)
#define READ_MIN (256 * 1024)

/* A plain file is skipped by seeking when a block has at least this many
 * bytes left to pass; shorter ones are read through (a seek and a new read
 * cost more than reading on). */
#define SEEK_MIN (1024 * 1024)

/* Bytes looked at a time when streaming past a block or scanning for the
 * next record. */
#define STEP_BYTES (256 * 1024)

/* Bytes read for the version line: "WARC/1.0" and CRLF, and some more to
 * quote a bad one. */
#define VERSION_MAX 24

/* A line start that begins a record. */
#define RECORD_START "WARC/1."
#define RECORD_START_LEN (sizeof RECORD_START - 1)

/* Bytes of a bad line quoted in a message. */
#define QUOTE_MAX 40

#define NO_FIELD ((size_t)-1)

typedef struct {
    size_t name, value;             /* offsets of NUL-terminated strings in the arena */
} field_t;

/* The header fields the reader uses, found once while parsing. */
enum {
    F_TYPE, F_TARGET_URI, F_DATE, F_RECORD_ID, F_PAYLOAD_DIGEST, F_BLOCK_DIGEST, F_TRUNCATED,
    F_CONTENT_LENGTH, F_CONTENT_TYPE, F_SEGMENT_NUMBER, F_KNOWN_COUNT
};

/* Arena offsets of the record's strings (NO_FIELD: absent), made pointers
 * when the record is handed out (the arena may move while it grows). */
typedef struct {
    size_t type, version, target_uri, date, record_id, payload_digest, block_digest,
        truncated, content_type, charset;
} record_strings_t;

struct warc_reader {
    warc_input_t *in;
    int gzip;
    size_t limit;
    int failed;                     /* WARC_FAILED was returned */
    int found_record;               /* some version line was read */

    unsigned char *win;             /* the window: stream bytes [win_base, win_base + win_len) */
    size_t win_cap, win_len;
    uint64_t win_base;
    int at_end;                     /* the input has no more bytes */
    uint64_t keep;                  /* bytes from here on stay in the window */
    uint64_t pos;                   /* where the next record is looked for */

    /* The current record. */
    uint64_t rec_start;             /* its version line */
    uint64_t block_start;           /* its block */
    uint64_t rec_file_offset;       /* warc_record_t.offset */
    uint64_t rec_member_file;       /* the gzip member holding its start: file offset */
    uint64_t rec_member_stream;     /* and stream position of that member's data */
    int rec_at_member_start;        /* it starts where its gzip member starts */
    size_t version_len;
    buf_t arena;                    /* header names and values, and other strings */
    field_t *fields;
    size_t field_count, field_cap;
    size_t known[F_KNOWN_COUNT];    /* arena offsets of the first value of each, or NO_FIELD */
    record_strings_t strings;
    warc_record_t rec;
    int have_record;                /* rec is the record last handed out */
    int payload_done;
    const char *payload;
    size_t payload_len;
    buf_t decoded, scratch;

    warc_error_t err;
    char reason[320];
    char text[400];
};

/* Why a record's data stops where it does (wr_why_cut()). */
typedef enum { CUT_END, CUT_DAMAGE, CUT_MEMBER } cut_t;

/* What classifying a response found. */
typedef struct {
    char problem[200];          /* "" or a content error, reported once the framing is known good */
    int needs_sniff;            /* status 200 without a Content-Type: look at the payload */
} response_class_t;

/* warc-stream.c: error texts, the window, fences, scanning. */
void wr_quote(char *out, size_t out_size, const unsigned char *s, size_t len);
void wr_quote_line(char *out, size_t out_size, const unsigned char *s, size_t len);
uint64_t wr_member_of(warc_reader_t *r, uint64_t pos, int *exact, uint64_t *member_stream);
warc_status_t wr_bad_data(warc_reader_t *r, uint64_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
warc_status_t wr_bad_record(warc_reader_t *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
warc_status_t wr_bad_member(warc_reader_t *r, const warc_member_t *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
warc_status_t wr_fatal(warc_reader_t *r, const char *why);
const unsigned char *wr_window_at(const warc_reader_t *r, uint64_t pos);
long wr_window_ensure(warc_reader_t *r, uint64_t from, size_t n);
void wr_window_restart(warc_reader_t *r, uint64_t pos);
long wr_record_avail(warc_reader_t *r, uint64_t from, size_t n);
warc_member_t *wr_damage_at(warc_reader_t *r, uint64_t at);
warc_member_t *wr_damage_within(warc_reader_t *r, uint64_t from, uint64_t to);
void wr_describe_damage(warc_member_t *m, char *why, size_t why_size);
cut_t wr_why_cut(warc_reader_t *r, uint64_t at, char *why, size_t why_size);
int wr_scan_for_record(warc_reader_t *r, uint64_t from, int from_line_start, uint64_t *found);
int wr_scan_from_block(warc_reader_t *r, uint64_t block, uint64_t fallback, uint64_t *found);

/* warc-fields.c: a record's header fields and its type. */
void wr_reset_record(warc_reader_t *r);
size_t wr_arena_add(warc_reader_t *r, const void *s, size_t len);
const char *wr_arena_string(const warc_reader_t *r, size_t at);
size_t wr_field_value(const warc_reader_t *r, const char *name);
int wr_parse_fields(warc_reader_t *r, const unsigned char *p, size_t len, size_t *bad_line);
warc_type_t wr_type_code(const char *type);
warc_skip_t wr_skip_for_type(warc_type_t type);
int wr_parse_length(const char *s, uint64_t *out);

/* warc-payload.c: an HTTP response record's payload. */
void wr_classify_response(warc_reader_t *r, const unsigned char *block, size_t avail,
                          response_class_t *c);
warc_status_t wr_decode_payload(warc_reader_t *r);

#endif /* TRAWL_WARC_INTERNAL_H */
