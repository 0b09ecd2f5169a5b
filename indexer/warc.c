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
#include <libdeflate.h>
#include <zlib.h>

#include "buf.h"
#include "warc-http.h"
#include "warc-internal.h"

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
        got = wr_record_avail(r, r->pos, VERSION_MAX);
        if (got < 0)
            return WARC_FAILED;
        p = wr_window_at(r, r->pos);
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
                return wr_bad_member(r, &m[i], "not gzip data (%llu bytes skipped)",
                                     (unsigned long long)(m[i].file_end - m[i].file_start));
            }
            wr_describe_damage(&m[i], why, sizeof why);
            return wr_bad_member(r, &m[i], "%s", why);
        }
    if (got == 0) {
        if (!r->found_record && r->pos > 0)
            return wr_fatal(r, "not a WARC file (no WARC/1.0 or WARC/1.1 record)");
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
        wr_quote_line(what, sizeof what, p, (size_t)got);
        if (wr_damage_at(r, r->pos + (uint64_t)got) != NULL) {
            /* Cut by a damaged member. */
            char why[200];
            wr_why_cut(r, r->pos + (uint64_t)got, why, sizeof why);
            r->pos += (uint64_t)got;
            return wr_bad_data(r, start, "%s", why);
        }
        if (wr_scan_for_record(r, start + 1, 0, &next) != 0)
            return WARC_FAILED;
        if (next == UINT64_MAX && !r->found_record)
            return wr_fatal(r, "not a WARC file (no WARC/1.0 or WARC/1.1 record)");
        r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
        if (other_version)
            return wr_bad_data(r, start, "unsupported version line '%s'", what);
        if (next == UINT64_MAX)
            return wr_bad_data(r, start, "no WARC/1.0 or WARC/1.1 version line ('%s'); no record follows",
                               what);
        return wr_bad_data(r, start, "no WARC/1.0 or WARC/1.1 version line ('%s'); %llu bytes skipped",
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
        got = wr_record_avail(r, s, want);
        if (got < 0)
            return WARC_FAILED;
        p = wr_window_at(r, s);
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
            cut_t cut = wr_why_cut(r, s + (uint64_t)got, why, sizeof why);
            r->pos = s + (uint64_t)got;
            if (cut == CUT_END)
                return wr_bad_record(r, "the file ends inside the record header");
            if (cut == CUT_MEMBER)
                return wr_bad_record(r, "the record header runs into the next gzip member");
            return wr_bad_record(r, "%s", why);
        }
        if (want > WARC_MAX_HEADER) {
            if (wr_scan_for_record(r, s + r->version_len, 1, &next) != 0)
                return WARC_FAILED;
            r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
            return wr_bad_record(r, "record header over %d bytes", WARC_MAX_HEADER);
        }
        want = want * 2 > WARC_MAX_HEADER ? WARC_MAX_HEADER + 1 : want * 2;
    }
    r->strings.version = wr_arena_add(r, p, r->version_len - (p[r->version_len - 2] == '\r' ? 2 : 1));
    rc = wr_parse_fields(r, p + r->version_len, lines_end - r->version_len, &bad_line);
    if (rc < 0)
        return wr_fatal(r, "out of memory");
    if (rc > 0) {
        char line[QUOTE_MAX + 8];
        wr_quote_line(line, sizeof line, p + r->version_len + bad_line,
                      lines_end - r->version_len - bad_line);
        if (wr_scan_for_record(r, s + r->version_len, 1, &next) != 0)
            return WARC_FAILED;
        r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
        return wr_bad_record(r, "malformed header line '%s'", line);
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
            wr_window_restart(r, at + left);
            return (int64_t)count;
        }
        r->keep = at;
        got = wr_record_avail(r, at, step);
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

    switch (wr_why_cut(r, cut, why, sizeof why)) {
    case CUT_DAMAGE:
        r->pos = cut;
        return wr_bad_record(r, "%s", why);
    case CUT_MEMBER:
        r->pos = cut;
        return wr_bad_record(r, "Content-Length %llu runs into the next gzip member",
                             (unsigned long long)r->rec.content_length);
    case CUT_END:
        break;
    }
    if (wr_scan_from_block(r, r->block_start, cut, &next) != 0)
        return WARC_FAILED;
    r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
    return wr_bad_record(r, "Content-Length %llu runs past the end of the file",
                         (unsigned long long)r->rec.content_length);
}

/* The block is not followed by CRLF CRLF: its Content-Length is wrong, or
 * the record is damaged.  The next record is looked for from the block's
 * start: one starting inside the block shows the length is too long. */
static warc_status_t trailer_missing(warc_reader_t *r, uint64_t block_end)
{
    uint64_t next;

    if (wr_scan_from_block(r, r->block_start, block_end, &next) != 0)
        return WARC_FAILED;
    r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
    if (next < block_end)
        return wr_bad_record(r, "Content-Length %llu is too long: a record starts %llu bytes into the block",
                             (unsigned long long)r->rec.content_length,
                             (unsigned long long)(next - r->block_start));
    return wr_bad_record(r, "Content-Length %llu is too short, or the record is damaged: "
                         "no CRLF CRLF after the block", (unsigned long long)r->rec.content_length);
}

/* Checks the CRLF CRLF after the block ending at BLOCK_END.  Returns
 * WARC_OK with r->pos after it, or an error. */
static warc_status_t check_trailer(warc_reader_t *r, uint64_t block_end)
{
    long got = wr_record_avail(r, block_end, 4);
    if (got < 0)
        return WARC_FAILED;
    if (got == 4 && memcmp(wr_window_at(r, block_end), "\r\n\r\n", 4) == 0) {
        r->pos = block_end + 4;
        return WARC_OK;
    }
    if (got < 4 && wr_damage_at(r, block_end + (uint64_t)got) != NULL)
        return block_cut(r, block_end + (uint64_t)got);
    return trailer_missing(r, block_end);
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
    rec->type_name = wr_arena_string(r, s->type);
    rec->version = wr_arena_string(r, s->version);
    rec->target_uri = wr_arena_string(r, s->target_uri);
    rec->date = wr_arena_string(r, s->date);
    rec->record_id = wr_arena_string(r, s->record_id);
    rec->payload_digest = wr_arena_string(r, s->payload_digest);
    rec->block_digest = wr_arena_string(r, s->block_digest);
    rec->truncated = wr_arena_string(r, s->truncated);
    rec->content_type = wr_arena_string(r, s->content_type);
    rec->charset = wr_arena_string(r, s->charset);
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
    uri = wr_arena_string(r, s->target_uri);
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
        wr_bad_record(r, "no Content-Length");
        return -1;
    }
    if (wr_parse_length(r->arena.data + length_at, &r->rec.content_length) != 0) {
        char value[QUOTE_MAX + 8];
        wr_quote(value, sizeof value, (const unsigned char *)r->arena.data + length_at,
                 strlen(r->arena.data + length_at));
        wr_bad_record(r, "bad Content-Length '%s'", value);
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
        if (wr_scan_for_record(r, b, 1, &next) != 0)
            return WARC_FAILED;
        r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
        return WARC_BAD_RECORD;
    }
    length = rec->content_length;
    rec->type = wr_type_code(wr_arena_string(r, r->strings.type));
    rec->skip = wr_skip_for_type(rec->type);
    article = may_be_article(r);
    hold = length <= r->limit;
    if (!r->gzip && warc_input_file_size(r->in) != UINT64_MAX
        && length > warc_input_file_size(r->in) - b) {
        /* Past the end of the file: known without reading on.  The records
         * it would swallow are looked for from the block's start. */
        if (wr_scan_for_record(r, b, 1, &next) != 0)
            return WARC_FAILED;
        r->pos = next != UINT64_MAX ? next : r->win_base + r->win_len;
        return wr_bad_record(r, "Content-Length %llu runs past the end of the file",
                             (unsigned long long)length);
    }
    if (hold) {
        long got = wr_record_avail(r, b, (size_t)length);
        if (got < 0)
            return WARC_FAILED;
        if ((uint64_t)got < length)
            return block_cut(r, b + (uint64_t)got);
    } else {
        int64_t passed;
        if (article) {
            size_t head = length < HTTP_MAX_HEAD ? (size_t)length : HTTP_MAX_HEAD;
            long got = wr_record_avail(r, b, head);
            if (got < 0)
                return WARC_FAILED;
            wr_classify_response(r, wr_window_at(r, b), (size_t)got, &c);
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
        if (wr_window_ensure(r, r->pos, 1) < 0)
            return WARC_FAILED;
        rec->length = member_length(r, r->pos);
        /* A member whose CRC-32 or length check failed ends with the
         * record: its data, the record's, is not to be trusted. */
        if (wr_damage_at(r, r->pos) != NULL) {
            char why[200];
            wr_why_cut(r, r->pos, why, sizeof why);
            return wr_bad_record(r, "%s", why);
        }
    } else {
        rec->length = r->pos - r->rec_start;
    }
    if (r->strings.type == NO_FIELD)
        return wr_bad_record(r, "no WARC-Type");
    if (rec->type == WARC_TYPE_RESPONSE && r->strings.target_uri == NO_FIELD)
        return wr_bad_record(r, "response record has no WARC-Target-URI");
    if (article && hold)
        wr_classify_response(r, wr_window_at(r, b), (size_t)length, &c);
    if (c.problem[0])
        return wr_bad_record(r, "%s", c.problem);
    if (!article || rec->skip != WARC_USABLE)
        return WARC_OK;
    if (!hold)
        return wr_bad_record(r, "block of %llu bytes is over the limit of %zu bytes",
                             (unsigned long long)length, r->limit);
    rec->crc32 = libdeflate_crc32(0, wr_window_at(r, r->rec_start), (size_t)(r->pos - r->rec_start));
    if (c.needs_sniff) {
        st = wr_decode_payload(r);
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
    wr_reset_record(r);
    st = find_record(r);
    if (st != WARC_OK)
        return st;
    r->rec_file_offset = wr_member_of(r, r->rec_start, &r->rec_at_member_start, &r->rec_member_stream);
    r->rec_member_file = r->rec_file_offset;
    st = read_header(r);
    if (st == WARC_OK)
        st = read_block(r);
    if (st == WARC_BAD_RECORD) {
        /* A damaged gzip member under the record explains whatever looked
         * wrong in it. */
        warc_member_t *m = wr_damage_within(r, r->rec_start, r->pos);
        if (m != NULL) {
            char why[200];
            wr_why_cut(r, m->stream_end, why, sizeof why);
            wr_bad_record(r, "%s", why);
        }
    }
    if (st != WARC_OK)
        return st;
    if (r->arena.failed)
        return wr_fatal(r, "out of memory");
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
            return wr_bad_data(r, r->pos, "no record to give the payload of");
        return wr_bad_record(r, "block of %llu bytes is over the limit of %zu bytes",
                             (unsigned long long)r->rec.content_length, r->limit);
    }
    st = wr_decode_payload(r);
    if (st != WARC_OK)
        return st;
    *data = r->payload;
    *len = r->payload_len;
    return WARC_OK;
}

const char *warc_header(const warc_reader_t *r, const char *name)
{
    return r->have_record ? wr_arena_string(r, wr_field_value(r, name)) : NULL;
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
    wr_reset_record(r);
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
