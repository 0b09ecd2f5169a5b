/* warc.c: WARC records read as a stream: framing, classification, errors.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The reader keeps a window over the stream (warc-input.h): the bytes from
 * the current record's start while its block is within the limit, else
 * only the bytes being looked at.  Positions are stream positions; a gzip
 * file's members map them to file offsets.
 *
 * Where a record must end: where the data ends, at a damaged gzip member's
 * end, and at the start of a gzip member whose data starts with "WARC/1."
 * (a member that starts a record ends the one before, whatever its
 * Content-Length said).  These are its "fence".
 */
#define ZLIB_CONST
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "buf.h"
#include "warc-http.h"
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
#define KNOWN(name) { name, sizeof name - 1 }
static const struct { const char *name; size_t len; } known_names[F_KNOWN_COUNT] = {
    KNOWN("WARC-Type"), KNOWN("WARC-Target-URI"), KNOWN("WARC-Date"), KNOWN("WARC-Record-ID"),
    KNOWN("WARC-Payload-Digest"), KNOWN("WARC-Block-Digest"), KNOWN("WARC-Truncated"),
    KNOWN("Content-Length"), KNOWN("Content-Type"), KNOWN("WARC-Segment-Number"),
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

/* ------------------------------------------------------------------ names */

const char *warc_skip_name(warc_skip_t reason)
{
    static const char *const names[WARC_SKIP_COUNT] = {
        "usable", "warcinfo", "request", "metadata", "revisit", "resource", "conversion",
        "segmented", "other type", "not HTTP", "status", "not HTML",
    };
    return (unsigned)reason < WARC_SKIP_COUNT ? names[reason] : "unknown";
}

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n > s && strcmp(name + n - s, suffix) == 0;
}

int warc_is_warc_name(const char *name)
{
    return has_suffix(name, ".warc") || has_suffix(name, ".warc.gz");
}

/* ----------------------------------------------------------------- errors */

/* Copies S[0..LEN) into OUT (OUT_SIZE bytes) for a message: at most
 * QUOTE_MAX bytes, control characters as '?', "..." when cut. */
static void quote(char *out, size_t out_size, const unsigned char *s, size_t len)
{
    size_t n = len < QUOTE_MAX ? len : QUOTE_MAX, i;
    for (i = 0; i < n && i + 4 < out_size; i++)
        out[i] = s[i] < 0x20 || s[i] == 0x7F ? '?' : (char)s[i];
    if (n < len && i + 4 < out_size) {
        memcpy(out + i, "...", 3);
        i += 3;
    }
    out[i] = '\0';
}

/* Quotes the line at S[0..LEN) (up to its LF, without a CR before it). */
static void quote_line(char *out, size_t out_size, const unsigned char *s, size_t len)
{
    const unsigned char *eol = memchr(s, '\n', len);
    size_t n = eol ? (size_t)(eol - s) : len;
    quote(out, out_size, s, n > 0 && s[n - 1] == '\r' ? n - 1 : n);
}

/* The file offset for stream position POS: the start of the gzip member
 * holding it (*EXACT set when POS is that start; *MEMBER_STREAM, if not
 * NULL, set to where that member's data starts), or POS in a plain file. */
static uint64_t member_of(warc_reader_t *r, uint64_t pos, int *exact, uint64_t *member_stream)
{
    size_t count, i;
    warc_member_t *m;

    *exact = 1;
    if (member_stream)
        *member_stream = pos;
    if (!r->gzip)
        return pos;
    m = warc_input_members(r->in, &count);
    for (i = 0; i < count; i++)
        if (m[i].stream_start <= pos && (!m[i].ended || pos < m[i].stream_end)) {
            *exact = pos == m[i].stream_start;
            if (member_stream)
                *member_stream = m[i].stream_start;
            return m[i].file_start;
        }
    for (i = count; i-- > 0;)
        if (m[i].ended && m[i].stream_end == pos)
            return m[i].file_end;
    *exact = 0;
    return 0;
}

/* Sets the error for the data at stream position AT, at file offset
 * FILE_OFFSET (EXACT: AT is where that offset's member starts). */
static void set_error_at(warc_reader_t *r, uint64_t file_offset, uint64_t at, int exact,
                         const char *fmt, va_list ap)
{
    vsnprintf(r->reason, sizeof r->reason, fmt, ap);
    for (char *c = r->reason; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F)
            *c = '?';
    if (exact)
        snprintf(r->text, sizeof r->text, "offset %llu: %s", (unsigned long long)file_offset,
                 r->reason);
    else
        snprintf(r->text, sizeof r->text, "offset %llu (uncompressed %llu): %s",
                 (unsigned long long)file_offset, (unsigned long long)at, r->reason);
    r->err.offset = file_offset;
    r->err.stream_offset = at;
    r->err.reason = r->reason;
    r->err.text = r->text;
    r->err.target_uri = NULL;
}

/* A record-level error about the data at stream position AT. */
static warc_status_t bad_data(warc_reader_t *r, uint64_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static warc_status_t bad_data(warc_reader_t *r, uint64_t at, const char *fmt, ...)
{
    va_list ap;
    int exact;
    uint64_t offset = member_of(r, at, &exact, NULL);
    va_start(ap, fmt);
    set_error_at(r, offset, at, exact, fmt, ap);
    va_end(ap);
    return WARC_BAD_RECORD;
}

/* A record-level error about the current record (its target URI given
 * when its header said one). */
static warc_status_t bad_record(warc_reader_t *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static warc_status_t bad_record(warc_reader_t *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_error_at(r, r->rec_file_offset, r->rec_start, r->rec_at_member_start, fmt, ap);
    va_end(ap);
    if (r->strings.target_uri != NO_FIELD && !r->arena.failed)
        r->err.target_uri = r->arena.data + r->strings.target_uri;
    return WARC_BAD_RECORD;
}

/* A record-level error about the gzip member M itself (damage found
 * between records). */
static warc_status_t bad_member(warc_reader_t *r, const warc_member_t *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static warc_status_t bad_member(warc_reader_t *r, const warc_member_t *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_error_at(r, m->file_start, m->stream_start, 1, fmt, ap);
    va_end(ap);
    return WARC_BAD_RECORD;
}

static warc_status_t fatal(warc_reader_t *r, const char *why)
{
    r->failed = 1;
    snprintf(r->reason, sizeof r->reason, "%s", why);
    snprintf(r->text, sizeof r->text, "%s", why);
    r->err.offset = r->err.stream_offset = 0;
    r->err.reason = r->reason;
    r->err.text = r->text;
    r->err.target_uri = NULL;
    return WARC_FAILED;
}

static warc_status_t input_failed(warc_reader_t *r)
{
    char why[200];
    snprintf(why, sizeof why, "cannot read on: %s", warc_input_error(r->in));
    return fatal(r, why);
}

/* ----------------------------------------------------------------- window */

static const unsigned char *window_at(const warc_reader_t *r, uint64_t pos)
{
    return r->win + (pos - r->win_base);
}

/* Makes the window hold the stream bytes [FROM, FROM + N), or as many as
 * the stream has; bytes before min(keep, FROM) may be dropped.  Returns how many are held from FROM (N
 * at most), or -1 when reading failed or memory ran out. */
static long window_ensure(warc_reader_t *r, uint64_t from, size_t n)
{
    uint64_t keep = r->keep < from ? r->keep : from;

    while (r->win_base + r->win_len < from + n && !r->at_end) {
        /* Bytes before KEEP go; when even the window's end is before it
         * (after a rewind), the window empties and reading goes on. */
        size_t drop = keep - r->win_base > r->win_len ? r->win_len : (size_t)(keep - r->win_base);
        size_t need;
        long got;
        if (drop > 0) {
            memmove(r->win, r->win + drop, r->win_len - drop);
            r->win_base += drop;
            r->win_len -= drop;
        }
        /* Room for a large read, and for all of [keep, from + n). */
        need = r->win_len + READ_MIN;
        if (from + n > keep && from + n - keep > need)
            need = (size_t)(from + n - keep);
        if (need > r->win_cap) {
            size_t cap = r->win_cap * 2 > need ? r->win_cap * 2 : need;
            unsigned char *grown = realloc(r->win, cap);
            if (grown == NULL) {
                fatal(r, "out of memory");
                return -1;
            }
            r->win = grown;
            r->win_cap = cap;
        }
        got = warc_input_read(r->in, r->win + r->win_len, r->win_cap - r->win_len);
        if (got < 0) {
            input_failed(r);
            return -1;
        }
        if (got == 0)
            r->at_end = 1;
        r->win_len += (size_t)got;
    }
    if (r->win_base + r->win_len <= from)
        return 0;
    return (long)(r->win_base + r->win_len - from < n ? r->win_base + r->win_len - from : n);
}

/* Empties the window at stream position POS (after a seek). */
static void window_restart(warc_reader_t *r, uint64_t pos)
{
    r->win_base = r->keep = pos;
    r->win_len = 0;
    r->at_end = 0;
}

/* ----------------------------------------------------------------- fences */

static int member_starts_record(const warc_member_t *m)
{
    return m->head_len >= RECORD_START_LEN && memcmp(m->head, RECORD_START, RECORD_START_LEN) == 0;
}

/* The first fence after stream position S (UINT64_MAX if none is known
 * yet); *PENDING set when it is a member whose first bytes are still to
 * come, so it may or may not start a record. */
static uint64_t fence_after(warc_reader_t *r, uint64_t s, int *pending)
{
    size_t count, i;
    const warc_member_t *m = warc_input_members(r->in, &count);

    *pending = 0;
    for (i = 0; r->gzip && i < count; i++) {
        if (m[i].stream_start > s) {
            if (member_starts_record(&m[i]))
                return m[i].stream_start;
            if (!m[i].ended && m[i].head_len < RECORD_START_LEN) {
                *pending = 1;
                return m[i].stream_start;
            }
        }
        if (m[i].ended && m[i].damage[0] && m[i].stream_end > s)
            return m[i].stream_end;
    }
    return UINT64_MAX;
}

/* As window_ensure(), but never past the current record's fence: the
 * count is short of N at the fence or at the end of the stream. */
static long record_avail(warc_reader_t *r, uint64_t from, size_t n)
{
    size_t want = n;

    for (;;) {
        long got = window_ensure(r, from, want);
        size_t held;
        int pending;
        uint64_t fence;
        if (got < 0)
            return -1;
        held = (size_t)got < n ? (size_t)got : n;
        fence = fence_after(r, r->rec_start, &pending);
        if (fence >= from + held)
            return (long)held;
        if (!pending || r->at_end || fence + WARC_MEMBER_HEAD - from <= (uint64_t)got)
            return fence > from ? (long)(fence - from) : 0;
        want = (size_t)(fence - from) + WARC_MEMBER_HEAD;   /* read on to see that member's start */
    }
}

/* The damaged member ending at stream position AT, or NULL. */
static warc_member_t *damage_at(warc_reader_t *r, uint64_t at)
{
    size_t count, i;
    warc_member_t *m = warc_input_members(r->in, &count);
    for (i = 0; r->gzip && i < count && m[i].stream_start < at; i++)
        if (m[i].ended && m[i].damage[0] && m[i].stream_end == at)
            return &m[i];
    return NULL;
}

/* The first damaged gzip member not yet reported that gave data and ended
 * in (FROM, TO], or NULL. */
static warc_member_t *damage_within(warc_reader_t *r, uint64_t from, uint64_t to)
{
    size_t count, i;
    warc_member_t *m = warc_input_members(r->in, &count);
    for (i = 0; r->gzip && i < count && m[i].stream_start < to; i++)
        if (m[i].ended && m[i].damage[0] && !m[i].reported && m[i].stream_start < m[i].stream_end
            && m[i].stream_end > from && m[i].stream_end <= to)
            return &m[i];
    return NULL;
}

typedef enum { CUT_END, CUT_DAMAGE, CUT_MEMBER } cut_t;

/* Describes the damaged member M in WHY and marks it reported. */
static void describe_damage(warc_member_t *m, char *why, size_t why_size)
{
    m->reported = 1;
    if (strcmp(m->damage, "truncated") == 0)
        snprintf(why, why_size, "gzip member at offset %llu is truncated",
                 (unsigned long long)m->file_start);
    else
        snprintf(why, why_size, "gzip member at offset %llu is damaged: %s",
                 (unsigned long long)m->file_start, m->damage);
}

/* Why the current record's data stops at stream position AT: the end of
 * the data, a damaged gzip member (described in WHY and marked reported),
 * or the next member, which starts a record. */
static cut_t why_cut(warc_reader_t *r, uint64_t at, char *why, size_t why_size)
{
    warc_member_t *m = damage_at(r, at);
    if (m != NULL) {
        describe_damage(m, why, why_size);
        return CUT_DAMAGE;
    }
    snprintf(why, why_size, "%s", "");
    return r->at_end && at >= r->win_base + r->win_len ? CUT_END : CUT_MEMBER;
}

/* --------------------------------------------------------------- scanning */

/* Where the next record starts at or after FROM (UINT64_MAX: nowhere before
 * the end): a line starting with "WARC/1." (FROM itself counts as a line
 * start when FROM_LINE_START), or a gzip member whose data starts so.
 * Returns 0, or -1 when reading failed. */
static int scan_for_record(warc_reader_t *r, uint64_t from, int from_line_start, uint64_t *found)
{
    uint64_t at = from;

    *found = UINT64_MAX;
    for (;;) {
        long got;
        const unsigned char *p, *hit = NULL, *w;
        size_t len, count, i;
        const warc_member_t *m;

        r->keep = at;
        got = window_ensure(r, at, STEP_BYTES);
        if (got < 0)
            return -1;
        p = window_at(r, at);
        len = (size_t)got;
        for (w = p; (w = memchr(w, 'W', len - (size_t)(w - p))) != NULL; w++) {
            uint64_t wpos = at + (uint64_t)(w - p);
            if ((size_t)(w - p) + RECORD_START_LEN > len)
                break;
            if (memcmp(w, RECORD_START, RECORD_START_LEN) == 0
                && ((wpos == from && from_line_start)
                    || (wpos > from && wpos > r->win_base && w[-1] == '\n'))) {
                hit = w;
                break;
            }
        }
        if (hit != NULL)
            *found = at + (uint64_t)(hit - p);
        m = warc_input_members(r->in, &count);
        for (i = 0; r->gzip && i < count && m[i].stream_start < *found; i++)
            if (m[i].stream_start >= from
                && (m[i].stream_start > from || from_line_start) && member_starts_record(&m[i])) {
                *found = m[i].stream_start;
                break;
            }
        if (*found != UINT64_MAX) {
            r->keep = *found;
            return 0;
        }
        if (len < STEP_BYTES) {
            r->keep = at + len;
            return 0;
        }
        /* On, keeping the bytes a line start and version may straddle. */
        at += len - RECORD_START_LEN - 1;
        warc_input_forget(r->in, at);
    }
}

/* After a Content-Length that does not fit: where to look for the next
 * record is the block's start BLOCK (the record after a too-long block is
 * inside it), when its bytes can still be had: from the window, by seeking
 * in a plain file, or by inflating the record's gzip member again;
 * otherwise from FALLBACK on. */
static int scan_from_block(warc_reader_t *r, uint64_t block, uint64_t fallback, uint64_t *found)
{
    if (block >= r->win_base)
        return scan_for_record(r, block, 1, found);
    if (warc_input_seek(r->in, block) == 0) {
        window_restart(r, block);
        return scan_for_record(r, block, 1, found);
    }
    if (warc_input_rewind(r->in, r->rec_member_file, r->rec_member_stream) == 0) {
        /* Inflated again from the record's member: rare (a wrong length
         * over the limit in a member of many records), and bounded by it. */
        window_restart(r, r->rec_member_stream);
        r->keep = block;
        return scan_for_record(r, block, 1, found);
    }
    return scan_for_record(r, fallback, 0, found);
}

/* ---------------------------------------------------------------- records */

static void reset_record(warc_reader_t *r)
{
    buf_reset(&r->arena);
    r->arena.failed = 0;
    r->field_count = 0;
    memset(&r->strings, 0xff, sizeof r->strings);     /* every one NO_FIELD */
    memset(r->known, 0xff, sizeof r->known);
    memset(&r->rec, 0, sizeof r->rec);
    r->have_record = 0;
    r->payload_done = 0;
    r->payload = NULL;
    r->payload_len = 0;
}

static size_t arena_add(warc_reader_t *r, const void *s, size_t len)
{
    size_t at = r->arena.len;
    char *space = buf_space(&r->arena, len + 1);
    if (space != NULL) {
        memcpy(space, s, len);
        space[len] = '\0';
        r->arena.len += len + 1;
    }
    return at;
}

/* The index in known_names of the field name NAME[0..LEN) (any case), or -1. */
static int known_field(const unsigned char *name, size_t len)
{
    for (int k = 0; k < F_KNOWN_COUNT; k++)
        if (known_names[k].len == len && strncasecmp((const char *)name, known_names[k].name, len) == 0)
            return k;
    return -1;
}

static const char *arena_string(const warc_reader_t *r, size_t at)
{
    return at == NO_FIELD || r->arena.failed ? NULL : r->arena.data + at;
}

static int add_field(warc_reader_t *r, const unsigned char *name, size_t name_len,
                     const unsigned char *value, size_t value_len)
{
    if (r->field_count == r->field_cap) {
        size_t cap = r->field_cap ? 2 * r->field_cap : 32;
        field_t *grown = realloc(r->fields, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        r->fields = grown;
        r->field_cap = cap;
    }
    int k = known_field(name, name_len);
    r->fields[r->field_count].name = arena_add(r, name, name_len);
    r->fields[r->field_count].value = arena_add(r, value, value_len);
    if (k >= 0 && r->known[k] == NO_FIELD)
        r->known[k] = r->fields[r->field_count].value;
    r->field_count++;
    return r->arena.failed ? -1 : 0;
}

/* The arena offset of the first header field NAME, or NO_FIELD. */
static size_t field_value(const warc_reader_t *r, const char *name)
{
    for (size_t i = 0; i < r->field_count; i++)
        if (strcasecmp(r->arena.data + r->fields[i].name, name) == 0)
            return r->fields[i].value;
    return NO_FIELD;
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static void trim_bytes(const unsigned char **s, size_t *len)
{
    while (*len > 0 && is_blank(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && is_blank((*s)[*len - 1]))
        (*len)--;
}

/* Parses the header lines P[0..LEN) (each ending in LF, CR before it
 * dropped; the blank line excluded) into fields.  Returns 0, 1 with
 * *BAD_LINE set to a malformed line's offset, or -1 when memory ran out. */
static int parse_fields(warc_reader_t *r, const unsigned char *p, size_t len, size_t *bad_line)
{
    size_t at = 0;

    while (at < len) {
        const unsigned char *line = p + at, *eol = memchr(line, '\n', len - at), *colon;
        size_t line_len = (size_t)(eol - line), name_len;
        at += line_len + 1;
        if (line_len > 0 && line[line_len - 1] == '\r')
            line_len--;
        if (line_len > 0 && is_blank(line[0]) && r->field_count > 0) {
            /* A continuation line: the last value goes on after a space. */
            trim_bytes(&line, &line_len);
            r->arena.len--;                  /* its NUL */
            buf_putc(&r->arena, ' ');
            buf_append(&r->arena, (const char *)line, line_len);
            buf_putc(&r->arena, '\0');
            continue;
        }
        /* The name: up to the colon, without white space or controls. */
        for (name_len = 0; name_len < line_len && line[name_len] != ':'
                           && line[name_len] > ' ' && line[name_len] != 0x7F; name_len++)
            ;
        colon = name_len < line_len && line[name_len] == ':' ? line + name_len : NULL;
        if (colon == NULL || name_len == 0) {
            *bad_line = (size_t)(line - p);
            return 1;
        }
        {
            const unsigned char *value = colon + 1;
            size_t value_len = line_len - name_len - 1;
            trim_bytes(&value, &value_len);
            if (add_field(r, line, name_len, value, value_len) != 0)
                return -1;
        }
    }
    return r->arena.failed ? -1 : 0;
}

static warc_type_t type_code(const char *type)
{
    static const struct { const char *name; warc_type_t code; } types[] = {
        { "warcinfo", WARC_TYPE_WARCINFO }, { "response", WARC_TYPE_RESPONSE },
        { "resource", WARC_TYPE_RESOURCE }, { "request", WARC_TYPE_REQUEST },
        { "metadata", WARC_TYPE_METADATA }, { "revisit", WARC_TYPE_REVISIT },
        { "conversion", WARC_TYPE_CONVERSION }, { "continuation", WARC_TYPE_CONTINUATION },
    };
    for (size_t i = 0; type && i < sizeof types / sizeof types[0]; i++)
        if (strcasecmp(type, types[i].name) == 0)
            return types[i].code;
    return WARC_TYPE_OTHER;
}

static warc_skip_t skip_for_type(warc_type_t type)
{
    switch (type) {
    case WARC_TYPE_WARCINFO: return WARC_SKIP_WARCINFO;
    case WARC_TYPE_REQUEST: return WARC_SKIP_REQUEST;
    case WARC_TYPE_METADATA: return WARC_SKIP_METADATA;
    case WARC_TYPE_REVISIT: return WARC_SKIP_REVISIT;
    case WARC_TYPE_RESOURCE: return WARC_SKIP_RESOURCE;
    case WARC_TYPE_CONVERSION: return WARC_SKIP_CONVERSION;
    case WARC_TYPE_CONTINUATION: return WARC_SKIP_SEGMENTED;
    case WARC_TYPE_RESPONSE: return WARC_USABLE;
    case WARC_TYPE_OTHER: break;
    }
    return WARC_SKIP_OTHER_TYPE;
}

/* Reads a Content-Length value: decimal digits only, below 10^18 (no
 * file is that long; the bound keeps sums from overflowing). */
static int parse_length(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    size_t n = 0;
    for (; s[n] >= '0' && s[n] <= '9'; n++) {
        if (n == 18)
            return -1;
        v = v * 10 + (uint64_t)(s[n] - '0');
    }
    if (n == 0 || s[n] != '\0')
        return -1;
    *out = v;
    return 0;
}

/* Finds the record's start at r->pos: skips blank lines, reports damaged
 * gzip data met there, and checks the version line.  Returns WARC_OK with
 * rec_start and version_len set, WARC_END, or an error. */
static warc_status_t find_record(warc_reader_t *r)
{
    const unsigned char *p;
    size_t blank, count, i;
    warc_member_t *m;
    long got;

    for (;;) {
        r->keep = r->rec_start = r->pos;
        warc_input_forget(r->in, r->pos);
        got = record_avail(r, r->pos, VERSION_MAX);
        if (got < 0)
            return WARC_FAILED;
        p = window_at(r, r->pos);
        for (blank = 0; blank < (size_t)got && (p[blank] == '\r' || p[blank] == '\n'); blank++)
            ;
        if (blank == 0 || (size_t)got == 0)
            break;
        r->pos += blank;
    }
    /* Damage between records (a member that is not gzip data, a damaged
     * member that gave nothing) is reported on its own, once. */
    m = warc_input_members(r->in, &count);
    for (i = 0; r->gzip && i < count && m[i].stream_start <= r->pos; i++)
        if (m[i].ended && m[i].damage[0] && !m[i].reported && m[i].stream_end <= r->pos) {
            char why[200];
            if (strcmp(m[i].damage, "not gzip data") == 0) {
                m[i].reported = 1;
                return bad_member(r, &m[i], "not gzip data (%llu bytes skipped)",
                                  (unsigned long long)(m[i].file_end - m[i].file_start));
            }
            describe_damage(&m[i], why, sizeof why);
            return bad_member(r, &m[i], "%s", why);
        }
    if (got == 0) {
        if (!r->found_record && r->pos > 0)
            return fatal(r, "not a WARC file (no WARC/1.0 or WARC/1.1 record)");
        return WARC_END;
    }
    r->version_len = 0;
    if (got >= 9 && memcmp(p, "WARC/1.", 7) == 0 && (p[7] == '0' || p[7] == '1'))
        r->version_len = p[8] == '\n' ? 9 : got >= 10 && p[8] == '\r' && p[9] == '\n' ? 10 : 0;
    if (r->version_len > 0) {
        r->found_record = 1;
        return WARC_OK;
    }
    {
        /* Not a record: skip to the next one, saying what was there. */
        char what[QUOTE_MAX + 8];
        uint64_t start = r->pos, next;
        int other_version = got >= 5 && memcmp(p, "WARC/", 5) == 0;
        quote_line(what, sizeof what, p, (size_t)got);
        if (damage_at(r, r->pos + (uint64_t)got) != NULL) {
            /* Cut by a damaged member. */
            char why[200];
            why_cut(r, r->pos + (uint64_t)got, why, sizeof why);
            r->pos += (uint64_t)got;
            return bad_data(r, start, "%s", why);
        }
        if (scan_for_record(r, start + 1, 0, &next) != 0)
            return WARC_FAILED;
        if (next == UINT64_MAX && !r->found_record)
            return fatal(r, "not a WARC file (no WARC/1.0 or WARC/1.1 record)");
        r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
        if (other_version)
            return bad_data(r, start, "unsupported version line '%s'", what);
        if (next == UINT64_MAX)
            return bad_data(r, start, "no WARC/1.0 or WARC/1.1 version line ('%s'); no record follows",
                            what);
        return bad_data(r, start, "no WARC/1.0 or WARC/1.1 version line ('%s'); %llu bytes skipped",
                        what, (unsigned long long)(next - start));
    }
}

/* Reads the current record's header: finds the blank line that ends it
 * (within WARC_MAX_HEADER bytes and the record's fence) and parses the
 * fields.  Returns WARC_OK with block_start set, or an error with r->pos
 * where to go on. */
static warc_status_t read_header(warc_reader_t *r)
{
    uint64_t s = r->rec_start, next;
    size_t want = 4096, searched = r->version_len - 1, end = 0, lines_end = 0, bad_line;
    const unsigned char *p;
    long got;
    int rc;

    for (;;) {
        got = record_avail(r, s, want);
        if (got < 0)
            return WARC_FAILED;
        p = window_at(r, s);
        while (searched < (size_t)got) {
            const unsigned char *nl = memchr(p + searched, '\n', (size_t)got - searched);
            size_t i;
            if (nl == NULL) {
                searched = (size_t)got;
                break;
            }
            i = (size_t)(nl - p);
            if (i + 1 < (size_t)got && p[i + 1] == '\n')
                end = i + 2;
            else if (i + 2 < (size_t)got && p[i + 1] == '\r' && p[i + 2] == '\n')
                end = i + 3;
            else if (i + 2 >= (size_t)got) {
                searched = i;       /* the next bytes decide: read on */
                break;
            }
            if (end > 0) {
                lines_end = i + 1;
                break;
            }
            searched = i + 1;
        }
        if (end > 0)
            break;
        if ((size_t)got < want) {
            char why[200];
            cut_t cut = why_cut(r, s + (uint64_t)got, why, sizeof why);
            r->pos = s + (uint64_t)got;
            if (cut == CUT_END)
                return bad_record(r, "the file ends inside the record header");
            if (cut == CUT_MEMBER)
                return bad_record(r, "the record header runs into the next gzip member");
            return bad_record(r, "%s", why);
        }
        if (want > WARC_MAX_HEADER) {
            if (scan_for_record(r, s + r->version_len, 1, &next) != 0)
                return WARC_FAILED;
            r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
            return bad_record(r, "record header over %d bytes", WARC_MAX_HEADER);
        }
        want = want * 2 > WARC_MAX_HEADER ? WARC_MAX_HEADER + 1 : want * 2;
    }
    r->strings.version = arena_add(r, p, r->version_len - (p[r->version_len - 2] == '\r' ? 2 : 1));
    rc = parse_fields(r, p + r->version_len, lines_end - r->version_len, &bad_line);
    if (rc < 0)
        return fatal(r, "out of memory");
    if (rc > 0) {
        char line[QUOTE_MAX + 8];
        quote_line(line, sizeof line, p + r->version_len + bad_line,
                   lines_end - r->version_len - bad_line);
        if (scan_for_record(r, s + r->version_len, 1, &next) != 0)
            return WARC_FAILED;
        r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
        return bad_record(r, "malformed header line '%s'", line);
    }
    r->block_start = s + end;
    return WARC_OK;
}

/* Passes COUNT bytes of the current record from FROM without holding
 * them (a plain file seeks past long runs).  Returns how many were passed,
 * fewer at the record's fence or the end of the data, or -1. */
static int64_t record_skip(warc_reader_t *r, uint64_t from, uint64_t count)
{
    uint64_t done = 0;

    while (done < count) {
        uint64_t at = from + done, left = count - done;
        size_t step = left < STEP_BYTES ? (size_t)left : STEP_BYTES;
        long got;
        if (!r->gzip && left >= SEEK_MIN && at + left > r->win_base + r->win_len
            && warc_input_seek(r->in, at + left) == 0) {
            window_restart(r, at + left);
            return (int64_t)count;
        }
        r->keep = at;
        got = record_avail(r, at, step);
        if (got < 0)
            return -1;
        done += (uint64_t)got;
        if ((size_t)got < step)
            break;
        warc_input_forget(r->in, at);
    }
    return (int64_t)done;
}

/* The block stops at CUT, before its Content-Length: at a damaged gzip
 * member, the next member, or the end of the data. */
static warc_status_t block_cut(warc_reader_t *r, uint64_t cut)
{
    char why[200];
    uint64_t next;

    switch (why_cut(r, cut, why, sizeof why)) {
    case CUT_DAMAGE:
        r->pos = cut;
        return bad_record(r, "%s", why);
    case CUT_MEMBER:
        r->pos = cut;
        return bad_record(r, "Content-Length %llu runs into the next gzip member",
                          (unsigned long long)r->rec.content_length);
    case CUT_END:
        break;
    }
    if (scan_from_block(r, r->block_start, cut, &next) != 0)
        return WARC_FAILED;
    r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
    return bad_record(r, "Content-Length %llu runs past the end of the file",
                      (unsigned long long)r->rec.content_length);
}

/* The block is not followed by CRLF CRLF: its Content-Length is wrong, or
 * the record is damaged.  The next record is looked for from the block's
 * start: one starting inside the block shows the length is too long. */
static warc_status_t trailer_missing(warc_reader_t *r, uint64_t block_end)
{
    uint64_t next;

    if (scan_from_block(r, r->block_start, block_end, &next) != 0)
        return WARC_FAILED;
    r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
    if (next < block_end)
        return bad_record(r, "Content-Length %llu is too long: a record starts %llu bytes into the block",
                          (unsigned long long)r->rec.content_length,
                          (unsigned long long)(next - r->block_start));
    return bad_record(r, "Content-Length %llu is too short, or the record is damaged: "
                      "no CRLF CRLF after the block", (unsigned long long)r->rec.content_length);
}

/* Checks the CRLF CRLF after the block ending at BLOCK_END.  Returns
 * WARC_OK with r->pos after it, or an error. */
static warc_status_t check_trailer(warc_reader_t *r, uint64_t block_end)
{
    long got = record_avail(r, block_end, 4);
    if (got < 0)
        return WARC_FAILED;
    if (got == 4 && memcmp(window_at(r, block_end), "\r\n\r\n", 4) == 0) {
        r->pos = block_end + 4;
        return WARC_OK;
    }
    if (got < 4 && damage_at(r, block_end + (uint64_t)got) != NULL)
        return block_cut(r, block_end + (uint64_t)got);
    return trailer_missing(r, block_end);
}

/* Copies the HTTP Content-Type value CT[0..LEN) and its charset into the
 * record's strings. */
static void keep_content_type(warc_reader_t *r, const char *ct, size_t len)
{
    const char *type, *charset;
    size_t type_len, charset_len;
    http_media_type(ct, len, &type, &type_len, &charset, &charset_len);
    r->strings.content_type = arena_add(r, ct, len);
    if (charset != NULL)
        r->strings.charset = arena_add(r, charset, charset_len);
}

/* What classifying a response found. */
typedef struct {
    char problem[200];          /* "" or a content error, reported once the framing is known good */
    int needs_sniff;            /* status 200 without a Content-Type: look at the payload */
} response_class_t;

/* Classifies the response whose block starts with BLOCK[0..AVAIL) (the
 * whole block when AVAIL is its Content-Length): its status and
 * Content-Type. */
static void classify_response(warc_reader_t *r, const unsigned char *block, size_t avail,
                              response_class_t *c)
{
    const char *b = (const char *)block;
    http_head_t head;
    int rc;

    c->problem[0] = '\0';
    c->needs_sniff = 0;
    r->rec.http_status = http_parse_status(b, avail);
    if (r->rec.http_status < 0) {
        char line[QUOTE_MAX + 8];
        quote_line(line, sizeof line, block, avail);
        snprintf(c->problem, sizeof c->problem, "bad HTTP status line '%s'", line);
        r->rec.http_status = 0;
        return;
    }
    rc = http_parse_head(b, avail, &head);
    if (rc == 0 && head.content_type != NULL)
        keep_content_type(r, head.content_type, head.content_type_len);
    if (r->rec.http_status != 200) {
        r->rec.skip = WARC_SKIP_STATUS;
        return;
    }
    if (rc != 0) {
        if (avail == r->rec.content_length)
            snprintf(c->problem, sizeof c->problem, "the HTTP header does not end within the block");
        else
            snprintf(c->problem, sizeof c->problem, "HTTP header over %d bytes", HTTP_MAX_HEAD);
        return;
    }
    if (head.content_type != NULL && head.content_type_len > 0) {
        const char *type, *charset;
        size_t type_len, charset_len;
        http_media_type(head.content_type, head.content_type_len, &type, &type_len, &charset,
                        &charset_len);
        if (!http_is_html_type(type, type_len))
            r->rec.skip = WARC_SKIP_NOT_HTML;
        return;
    }
    c->needs_sniff = 1;
}

/* Decodes the payload of the current record (held in the window) into
 * r->payload.  Returns WARC_OK or WARC_BAD_RECORD. */
static warc_status_t decode_payload(warc_reader_t *r)
{
    char *block = (char *)r->win + (r->block_start - r->win_base), *body;
    size_t body_len, length = (size_t)r->rec.content_length;
    char why[200];
    http_head_t head;
    int te;

    if (r->payload_done)
        return r->payload_done > 0 ? WARC_OK : WARC_BAD_RECORD;
    r->payload_done = -1;
    if (r->rec.type != WARC_TYPE_RESPONSE || r->rec.skip == WARC_SKIP_NOT_HTTP) {
        r->payload = block;
        r->payload_len = length;
        r->payload_done = 1;
        return WARC_OK;
    }
    if (http_parse_head(block, length, &head) != 0)
        return bad_record(r, "no HTTP header ends within the block");
    body = block + head.head_len;
    body_len = length - head.head_len;
    te = head.transfer_encoding ? http_transfer_coding(head.transfer_encoding,
                                                       head.transfer_encoding_len) : 0;
    if (te < 0) {
        char value[QUOTE_MAX + 8];
        quote(value, sizeof value, (const unsigned char *)head.transfer_encoding,
              head.transfer_encoding_len);
        return bad_record(r, "unsupported Transfer-Encoding '%s'", value);
    }
    if (te > 0 && http_dechunk(body, &body_len, why, sizeof why) < 0)
        return bad_record(r, "broken chunked encoding: %s", why);
    if (head.content_encoding != NULL) {
        if (http_decode(head.content_encoding, head.content_encoding_len, body, body_len,
                        r->limit, &r->decoded, &r->scratch, &r->payload, &r->payload_len,
                        why, sizeof why) != 0)
            return bad_record(r, "%s", why);
    } else {
        r->payload = body;
        r->payload_len = body_len;
    }
    r->payload_done = 1;
    return WARC_OK;
}

/* The record's compressed length in a gzip file: from its member's start
 * to the end of the member ending where the record ends (at END), or 0. */
static uint64_t member_length(warc_reader_t *r, uint64_t end)
{
    size_t count, i;
    const warc_member_t *m;

    if (!r->rec_at_member_start)
        return 0;
    m = warc_input_members(r->in, &count);
    for (i = 0; i < count && m[i].stream_start < end; i++)
        if (m[i].ended && !m[i].damage[0] && m[i].stream_end == end)
            return m[i].file_end - r->rec_file_offset;
    return 0;
}

static void set_record_strings(warc_reader_t *r)
{
    const record_strings_t *s = &r->strings;
    warc_record_t *rec = &r->rec;
    rec->type_name = arena_string(r, s->type);
    rec->version = arena_string(r, s->version);
    rec->target_uri = arena_string(r, s->target_uri);
    rec->date = arena_string(r, s->date);
    rec->record_id = arena_string(r, s->record_id);
    rec->payload_digest = arena_string(r, s->payload_digest);
    rec->block_digest = arena_string(r, s->block_digest);
    rec->truncated = arena_string(r, s->truncated);
    rec->content_type = arena_string(r, s->content_type);
    rec->charset = arena_string(r, s->charset);
}

/* Takes the known fields from the header.  Returns 0, or -1 when the
 * Content-Length is missing or bad (the error set). */
static int take_fields(warc_reader_t *r)
{
    record_strings_t *s = &r->strings;
    size_t length_at = r->known[F_CONTENT_LENGTH];
    const char *uri;

    s->type = r->known[F_TYPE];
    s->target_uri = r->known[F_TARGET_URI];
    s->date = r->known[F_DATE];
    s->record_id = r->known[F_RECORD_ID];
    s->payload_digest = r->known[F_PAYLOAD_DIGEST];
    s->block_digest = r->known[F_BLOCK_DIGEST];
    s->truncated = r->known[F_TRUNCATED];
    uri = arena_string(r, s->target_uri);
    if (uri != NULL && uri[0] == '<' && strlen(uri) >= 2 && uri[strlen(uri) - 1] == '>') {
        /* WARC/1.0's <uri> form: the URI is the value without its brackets
         * (copied: warc_header() gives the value as written). */
        size_t from = s->target_uri + 1, len = strlen(uri) - 2;
        char *space = buf_space(&r->arena, len + 1);
        if (space != NULL) {
            memcpy(space, r->arena.data + from, len);   /* the arena may have moved */
            space[len] = '\0';
            s->target_uri = r->arena.len;
            r->arena.len += len + 1;
        }
    }
    if (length_at == NO_FIELD) {
        bad_record(r, "no Content-Length");
        return -1;
    }
    if (parse_length(r->arena.data + length_at, &r->rec.content_length) != 0) {
        char value[QUOTE_MAX + 8];
        quote(value, sizeof value, (const unsigned char *)r->arena.data + length_at,
              strlen(r->arena.data + length_at));
        bad_record(r, "bad Content-Length '%s'", value);
        return -1;
    }
    return 0;
}

/* Non-zero if the record is a response that may be an article: HTTP, not
 * in segments. */
static int may_be_article(warc_reader_t *r)
{
    size_t ct = r->known[F_CONTENT_TYPE];
    if (r->rec.type != WARC_TYPE_RESPONSE)
        return 0;
    if (r->known[F_SEGMENT_NUMBER] != NO_FIELD) {
        r->rec.skip = WARC_SKIP_SEGMENTED;
        return 0;
    }
    if (ct != NO_FIELD && strncasecmp(r->arena.data + ct, "application/http", 16) != 0) {
        r->rec.skip = WARC_SKIP_NOT_HTTP;
        return 0;
    }
    return 1;
}

/* Reads the block and its trailer, and classifies the record. */
static warc_status_t read_block(warc_reader_t *r)
{
    warc_record_t *rec = &r->rec;
    uint64_t b = r->block_start, length, next;
    int hold, article;
    response_class_t c = { "", 0 };
    warc_status_t st;

    if (take_fields(r) != 0) {
        if (scan_for_record(r, b, 1, &next) != 0)
            return WARC_FAILED;
        r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
        return WARC_BAD_RECORD;
    }
    length = rec->content_length;
    rec->type = type_code(arena_string(r, r->strings.type));
    rec->skip = skip_for_type(rec->type);
    article = may_be_article(r);
    hold = length <= r->limit;
    if (!r->gzip && warc_input_file_size(r->in) != UINT64_MAX
        && length > warc_input_file_size(r->in) - b) {
        /* Past the end of the file: known without reading on.  The records
         * it would swallow are looked for from the block's start. */
        if (scan_for_record(r, b, 1, &next) != 0)
            return WARC_FAILED;
        r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
        return bad_record(r, "Content-Length %llu runs past the end of the file",
                          (unsigned long long)length);
    }
    if (hold) {
        long got = record_avail(r, b, (size_t)length);
        if (got < 0)
            return WARC_FAILED;
        if ((uint64_t)got < length)
            return block_cut(r, b + (uint64_t)got);
    } else {
        int64_t passed;
        if (article) {
            size_t head = length < HTTP_MAX_HEAD ? (size_t)length : HTTP_MAX_HEAD;
            long got = record_avail(r, b, head);
            if (got < 0)
                return WARC_FAILED;
            classify_response(r, window_at(r, b), (size_t)got, &c);
        }
        passed = record_skip(r, b, length);
        if (passed < 0)
            return WARC_FAILED;
        if ((uint64_t)passed < length)
            return block_cut(r, b + (uint64_t)passed);
    }
    st = check_trailer(r, b + length);
    if (st != WARC_OK)
        return st;
    rec->payload_held = hold;
    if (r->gzip) {
        /* See whether a member ends with the record: a byte past it. */
        if (window_ensure(r, r->pos, 1) < 0)
            return WARC_FAILED;
        rec->length = member_length(r, r->pos);
        /* A member whose CRC-32 or length check failed ends with the
         * record: its data, the record's, is not to be trusted. */
        if (damage_at(r, r->pos) != NULL) {
            char why[200];
            why_cut(r, r->pos, why, sizeof why);
            return bad_record(r, "%s", why);
        }
    } else {
        rec->length = r->pos - r->rec_start;
    }
    if (r->strings.type == NO_FIELD)
        return bad_record(r, "no WARC-Type");
    if (rec->type == WARC_TYPE_RESPONSE && r->strings.target_uri == NO_FIELD)
        return bad_record(r, "response record has no WARC-Target-URI");
    if (article && hold)
        classify_response(r, window_at(r, b), (size_t)length, &c);
    if (c.problem[0])
        return bad_record(r, "%s", c.problem);
    if (!article || rec->skip != WARC_USABLE)
        return WARC_OK;
    if (!hold)
        return bad_record(r, "block of %llu bytes is over the limit of %zu bytes",
                          (unsigned long long)length, r->limit);
    rec->crc32 = (uint32_t)crc32(0, window_at(r, r->rec_start), (uInt)(r->pos - r->rec_start));
    if (c.needs_sniff) {
        st = decode_payload(r);
        if (st != WARC_OK)
            return st;
        if (!http_sniff_html(r->payload, r->payload_len))
            rec->skip = WARC_SKIP_NOT_HTML;
    }
    return WARC_OK;
}

warc_status_t warc_next(warc_reader_t *r, const warc_record_t **out)
{
    warc_status_t st;

    *out = NULL;
    if (r->failed)
        return WARC_FAILED;
    reset_record(r);
    st = find_record(r);
    if (st != WARC_OK)
        return st;
    r->rec_file_offset = member_of(r, r->rec_start, &r->rec_at_member_start, &r->rec_member_stream);
    r->rec_member_file = r->rec_file_offset;
    st = read_header(r);
    if (st == WARC_OK)
        st = read_block(r);
    if (st == WARC_BAD_RECORD) {
        /* A damaged gzip member under the record explains whatever looked
         * wrong in it. */
        warc_member_t *m = damage_within(r, r->rec_start, r->pos);
        if (m != NULL) {
            char why[200];
            why_cut(r, m->stream_end, why, sizeof why);
            bad_record(r, "%s", why);
        }
    }
    if (st != WARC_OK)
        return st;
    if (r->arena.failed)
        return fatal(r, "out of memory");
    r->rec.offset = r->rec_file_offset;
    r->rec.stream_offset = r->rec_start;
    r->rec.stream_length = r->pos - r->rec_start;
    set_record_strings(r);
    r->have_record = 1;
    *out = &r->rec;
    return WARC_OK;
}

warc_status_t warc_payload(warc_reader_t *r, const char **data, size_t *len)
{
    warc_status_t st;

    *data = NULL;
    *len = 0;
    if (!r->have_record || !r->rec.payload_held) {
        if (!r->have_record)
            return bad_data(r, r->pos, "no record to give the payload of");
        return bad_record(r, "block of %llu bytes is over the limit of %zu bytes",
                          (unsigned long long)r->rec.content_length, r->limit);
    }
    st = decode_payload(r);
    if (st != WARC_OK)
        return st;
    *data = r->payload;
    *len = r->payload_len;
    return WARC_OK;
}

const char *warc_header(const warc_reader_t *r, const char *name)
{
    return r->have_record ? arena_string(r, field_value(r, name)) : NULL;
}

const warc_error_t *warc_error(const warc_reader_t *r)
{
    return &r->err;
}

static warc_reader_t *reader_new(warc_input_t *in, const warc_options_t *options, char **errmsg)
{
    warc_reader_t *r;

    if (in == NULL)
        return NULL;
    r = calloc(1, sizeof *r);
    if (r == NULL || (r->win = malloc(WINDOW_START)) == NULL) {
        free(r);
        warc_input_close(in);
        *errmsg = strdup("out of memory");
        return NULL;
    }
    r->in = in;
    r->gzip = warc_input_is_gzip(in);
    r->win_cap = WINDOW_START;
    r->limit = options && options->max_block ? options->max_block : WARC_DEFAULT_MAX_BLOCK;
    reset_record(r);
    r->err.reason = r->err.text = r->reason;
    return r;
}

warc_reader_t *warc_open_fd(int fd, const char *name, const warc_options_t *options,
                            char **errmsg)
{
    return reader_new(warc_input_open_fd(fd, 0, name, errmsg), options, errmsg);
}

warc_reader_t *warc_open(const char *path, const warc_options_t *options, char **errmsg)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *errmsg = strdup(strerror(errno));
        return NULL;
    }
    return reader_new(warc_input_open_fd(fd, 1, path, errmsg), options, errmsg);
}

void warc_close(warc_reader_t *r)
{
    if (r == NULL)
        return;
    warc_input_close(r->in);
    free(r->win);
    free(r->fields);
    buf_free(&r->arena);
    buf_free(&r->decoded);
    buf_free(&r->scratch);
    free(r);
}
