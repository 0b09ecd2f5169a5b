/* warc-stream.c: the stream under a WARC file's records: the window over
 * it, the fences where a record must end, the scan for the next record,
 * and the error texts that name where in the file a problem is.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Split from warc.c (which reads the records) by job; see warc-internal.h.
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
#include "warc-internal.h"

/* ----------------------------------------------------------------- errors */

/* Copies S[0..LEN) into OUT (OUT_SIZE bytes) for a message: at most
 * QUOTE_MAX bytes, control characters as '?', "..." when cut. */
void wr_quote(char *out, size_t out_size, const unsigned char *s, size_t len)
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
void wr_quote_line(char *out, size_t out_size, const unsigned char *s, size_t len)
{
    const unsigned char *eol = memchr(s, '\n', len);
    size_t n = eol ? (size_t)(eol - s) : len;
    wr_quote(out, out_size, s, n > 0 && s[n - 1] == '\r' ? n - 1 : n);
}

/* The file offset for stream position POS: the start of the gzip member
 * holding it (*EXACT set when POS is that start; *MEMBER_STREAM, if not
 * NULL, set to where that member's data starts), or POS in a plain file. */
uint64_t wr_member_of(warc_reader_t *r, uint64_t pos, int *exact, uint64_t *member_stream)
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
warc_status_t wr_bad_data(warc_reader_t *r, uint64_t at, const char *fmt, ...)
{
    va_list ap;
    int exact;
    uint64_t offset = wr_member_of(r, at, &exact, NULL);
    va_start(ap, fmt);
    set_error_at(r, offset, at, exact, fmt, ap);
    va_end(ap);
    return WARC_BAD_RECORD;
}

/* A record-level error about the current record (its target URI given
 * when its header said one). */
warc_status_t wr_bad_record(warc_reader_t *r, const char *fmt, ...)
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
warc_status_t wr_bad_member(warc_reader_t *r, const warc_member_t *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_error_at(r, m->file_start, m->stream_start, 1, fmt, ap);
    va_end(ap);
    return WARC_BAD_RECORD;
}

warc_status_t wr_fatal(warc_reader_t *r, const char *why)
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
    return wr_fatal(r, why);
}

/* ----------------------------------------------------------------- window */

const unsigned char *wr_window_at(const warc_reader_t *r, uint64_t pos)
{
    return r->win + (pos - r->win_base);
}

/* Makes the window hold the stream bytes [FROM, FROM + N), or as many as
 * the stream has; bytes before min(keep, FROM) may be dropped.  Returns how many are held from FROM (N
 * at most), or -1 when reading failed or memory ran out. */
long wr_window_ensure(warc_reader_t *r, uint64_t from, size_t n)
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
                wr_fatal(r, "out of memory");
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
void wr_window_restart(warc_reader_t *r, uint64_t pos)
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

/* As wr_window_ensure(), but never past the current record's fence: the
 * count is short of N at the fence or at the end of the stream. */
long wr_record_avail(warc_reader_t *r, uint64_t from, size_t n)
{
    size_t want = n;

    for (;;) {
        long got = wr_window_ensure(r, from, want);
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
warc_member_t *wr_damage_at(warc_reader_t *r, uint64_t at)
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
warc_member_t *wr_damage_within(warc_reader_t *r, uint64_t from, uint64_t to)
{
    size_t count, i;
    warc_member_t *m = warc_input_members(r->in, &count);
    for (i = 0; r->gzip && i < count && m[i].stream_start < to; i++)
        if (m[i].ended && m[i].damage[0] && !m[i].reported && m[i].stream_start < m[i].stream_end
            && m[i].stream_end > from && m[i].stream_end <= to)
            return &m[i];
    return NULL;
}

/* Describes the damaged member M in WHY and marks it reported. */
void wr_describe_damage(warc_member_t *m, char *why, size_t why_size)
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
cut_t wr_why_cut(warc_reader_t *r, uint64_t at, char *why, size_t why_size)
{
    warc_member_t *m = wr_damage_at(r, at);
    if (m != NULL) {
        wr_describe_damage(m, why, why_size);
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
int wr_scan_for_record(warc_reader_t *r, uint64_t from, int from_line_start, uint64_t *found)
{
    uint64_t at = from;

    *found = UINT64_MAX;
    for (;;) {
        long got;
        const unsigned char *p, *hit = NULL, *w;
        size_t len, count, i;
        const warc_member_t *m;

        r->keep = at;
        got = wr_window_ensure(r, at, STEP_BYTES);
        if (got < 0)
            return -1;
        p = wr_window_at(r, at);
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
int wr_scan_from_block(warc_reader_t *r, uint64_t block, uint64_t fallback, uint64_t *found)
{
    if (block >= r->win_base)
        return wr_scan_for_record(r, block, 1, found);
    if (warc_input_seek(r->in, block) == 0) {
        wr_window_restart(r, block);
        return wr_scan_for_record(r, block, 1, found);
    }
    if (warc_input_rewind(r->in, r->rec_member_file, r->rec_member_stream) == 0) {
        /* Inflated again from the record's member: rare (a wrong length
         * over the limit in a member of many records), and bounded by it. */
        wr_window_restart(r, r->rec_member_stream);
        r->keep = block;
        return wr_scan_for_record(r, block, 1, found);
    }
    return wr_scan_for_record(r, fallback, 0, found);
}
