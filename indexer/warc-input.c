/* warc-input.c: a WARC file's bytes as one stream (plain, or gzip members).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define ZLIB_CONST
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "warc-input.h"

/* Compressed bytes read from the file at a time: large enough that read()
 * calls cost nothing beside inflating. */
#define COMPRESSED_CHUNK (256 * 1024)

/* Compressed bytes a candidate member is given to show its first bytes of
 * data when resynchronising: a gzip header with a file name and the start
 * of a deflate stream fit in far less. */
#define PROBE_INPUT (64 * 1024)

/* What a member found when resynchronising must inflate to: every record
 * starts with its version line. */
#define RECORD_MAGIC "WARC/"

struct warc_input {
    int fd;
    int owns_fd;
    int gzip;
    int failed;                 /* a read error or no memory: unusable */
    const char *error;
    uint64_t file_size;         /* UINT64_MAX unless a regular file */
    unsigned char pending[2];   /* plain files: the bytes read to tell the kind */
    size_t pending_len;

    /* gzip only */
    z_stream z;                 /* the member being inflated */
    z_stream probe;             /* trying candidate members when resynchronising */
    int z_ready, probe_ready;
    unsigned char *in;          /* compressed bytes in[0..in_len); z.next_in within */
    size_t in_len;
    uint64_t in_base;           /* file offset of in[0] */
    int in_eof;                 /* read() gave 0 */
    int in_member;              /* z is inside a member */
    int member_magic_ok;        /* the current member starts with gzip's magic */
    uint64_t stream_pos;        /* stream position of the next byte inflated */
    warc_member_t *members;         /* members[member_first..member_count) are current */
    size_t member_first, member_count, member_cap;
};

static long read_retrying(int fd, unsigned char *dst, size_t space)
{
    for (;;) {
        ssize_t n = read(fd, dst, space);
        if (n >= 0 || errno != EINTR)
            return (long)n;
    }
}

static int fail(warc_input_t *in, const char *why)
{
    in->failed = 1;
    in->error = why;
    return -1;
}

warc_input_t *warc_input_open_fd(int fd, int owns_fd, const char *name, char **errmsg)
{
    warc_input_t *in = calloc(1, sizeof *in);
    struct stat st;
    long n = 0;
    size_t name_len = name ? strlen(name) : 0;

    *errmsg = NULL;
    if (in == NULL) {
        *errmsg = strdup("out of memory");
        if (owns_fd)
            close(fd);
        return NULL;
    }
    in->fd = fd;
    in->owns_fd = owns_fd;
    in->file_size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : UINT64_MAX;
    if (lseek(fd, 0, SEEK_SET) != 0 && errno != ESPIPE) {
        *errmsg = strdup(strerror(errno));
        warc_input_close(in);
        return NULL;
    }
    /* Two bytes tell gzip from plain data. */
    while (in->pending_len < 2 && (n = read_retrying(fd, in->pending + in->pending_len,
                                                     2 - in->pending_len)) > 0)
        in->pending_len += (size_t)n;
    if (in->pending_len < 2 && n < 0) {
        *errmsg = strdup(strerror(errno));
        warc_input_close(in);
        return NULL;
    }
    in->gzip = in->pending_len == 2 && in->pending[0] == 0x1f && in->pending[1] == 0x8b;
    if (!in->gzip && in->pending_len > 0 && name_len > 3 && strcmp(name + name_len - 3, ".gz") == 0) {
        *errmsg = strdup("not gzip data");
        warc_input_close(in);
        return NULL;
    }
    if (in->gzip) {
        in->in = malloc(COMPRESSED_CHUNK);
        if (in->in == NULL || inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK) {
            *errmsg = strdup("out of memory");
            warc_input_close(in);
            return NULL;
        }
        in->z_ready = 1;
        memcpy(in->in, in->pending, 2);
        in->in_len = 2;
        in->pending_len = 0;
        in->z.next_in = in->in;
        in->z.avail_in = 2;
    }
    return in;
}

int warc_input_is_gzip(const warc_input_t *in)
{
    return in->gzip;
}

uint64_t warc_input_file_size(const warc_input_t *in)
{
    return in->file_size;
}

const char *warc_input_error(const warc_input_t *in)
{
    return in->error ? in->error : "no error";
}

warc_member_t *warc_input_members(warc_input_t *in, size_t *count)
{
    *count = in->member_count - in->member_first;
    return in->members ? in->members + in->member_first : NULL;
}

void warc_input_forget(warc_input_t *in, uint64_t pos)
{
    while (in->member_first < in->member_count && in->members[in->member_first].ended
           && in->members[in->member_first].stream_end < pos)
        in->member_first++;
    /* The array is compacted when most of it is forgotten, so each entry
     * moves once on average. */
    if (in->member_first > 64 && in->member_first * 2 > in->member_count) {
        memmove(in->members, in->members + in->member_first,
                (in->member_count - in->member_first) * sizeof *in->members);
        in->member_count -= in->member_first;
        in->member_first = 0;
    }
}

int warc_input_seek(warc_input_t *in, uint64_t pos)
{
    if (in->gzip || in->failed || pos > in->file_size
        || lseek(in->fd, (off_t)pos, SEEK_SET) == (off_t)-1)
        return -1;
    in->pending_len = 0;
    return 0;
}

int warc_input_rewind(warc_input_t *in, uint64_t file_start, uint64_t stream_start)
{
    if (!in->gzip || in->failed || lseek(in->fd, (off_t)file_start, SEEK_SET) == (off_t)-1)
        return -1;
    in->in_base = file_start;
    in->in_len = 0;
    in->z.next_in = in->in;
    in->z.avail_in = 0;
    in->in_eof = 0;
    in->in_member = 0;
    in->stream_pos = stream_start;
    in->member_first = in->member_count = 0;
    return 0;
}

/* ------------------------------------------------------------ plain files */

static long read_plain(warc_input_t *in, unsigned char *dst, size_t space)
{
    size_t from_pending = in->pending_len < space ? in->pending_len : space;
    long n;

    if (from_pending > 0) {
        memcpy(dst, in->pending, from_pending);
        memmove(in->pending, in->pending + from_pending, in->pending_len - from_pending);
        in->pending_len -= from_pending;
        return (long)from_pending;
    }
    n = read_retrying(in->fd, dst, space);
    if (n < 0)
        return fail(in, strerror(errno));
    return n;
}

/* ------------------------------------------------------------- gzip files */

/* File offset of the next compressed byte inflate would take. */
static uint64_t compressed_offset(const warc_input_t *in)
{
    return in->in_base + (uint64_t)(in->z.next_in - in->in);
}

/* Moves the unread compressed bytes to the front of the buffer and reads
 * more after them.  Returns 1, 0 at the end of the file, or -1. */
static int refill(warc_input_t *in)
{
    size_t used = (size_t)(in->z.next_in - in->in), left = in->z.avail_in;
    long n;

    memmove(in->in, in->in + used, left);
    in->in_base += used;
    n = read_retrying(in->fd, in->in + left, COMPRESSED_CHUNK - left);
    if (n < 0)
        return fail(in, strerror(errno));
    in->in_len = left + (size_t)n;
    in->z.next_in = in->in;
    in->z.avail_in = (uInt)in->in_len;
    if (n == 0)
        in->in_eof = 1;
    return n > 0;
}

static int start_member(warc_input_t *in)
{
    warc_member_t *m;

    if (in->member_count == in->member_cap) {
        size_t cap = in->member_cap ? 2 * in->member_cap : 16;
        warc_member_t *grown = realloc(in->members, cap * sizeof *grown);
        if (grown == NULL)
            return fail(in, "out of memory");
        in->members = grown;
        in->member_cap = cap;
    }
    m = &in->members[in->member_count++];
    memset(m, 0, sizeof *m);
    m->stream_start = in->stream_pos;
    m->file_start = compressed_offset(in);
    in->member_magic_ok = in->z.next_in[0] == 0x1f && (in->z.avail_in < 2 || in->z.next_in[1] == 0x8b);
    if (inflateReset(&in->z) != Z_OK)
        return fail(in, "zlib cannot reset its stream");
    in->in_member = 1;
    return 0;
}

static void end_member(warc_input_t *in, const char *damage)
{
    warc_member_t *m = &in->members[in->member_count - 1];
    m->ended = 1;
    m->stream_end = in->stream_pos;
    m->file_end = compressed_offset(in);
    if (damage) {
        strncpy(m->damage, damage, sizeof m->damage - 1);
        m->damage[sizeof m->damage - 1] = '\0';
    }
    in->in_member = 0;
}

/* Non-zero if the compressed bytes P[0..LEN) start a gzip member whose
 * data starts with RECORD_MAGIC. */
static int probe_member(warc_input_t *in, const unsigned char *p, size_t len)
{
    unsigned char out[sizeof RECORD_MAGIC - 1];
    int ret;

    if (!in->probe_ready) {
        if (inflateInit2(&in->probe, 16 + MAX_WBITS) != Z_OK)
            return 0;
        in->probe_ready = 1;
    } else if (inflateReset(&in->probe) != Z_OK) {
        return 0;
    }
    in->probe.next_in = p;
    in->probe.avail_in = (uInt)(len < PROBE_INPUT ? len : PROBE_INPUT);
    in->probe.next_out = out;
    in->probe.avail_out = sizeof out;
    do
        ret = inflate(&in->probe, Z_NO_FLUSH);
    while (ret == Z_OK && in->probe.avail_out > 0 && in->probe.avail_in > 0);
    return in->probe.avail_out == 0 && memcmp(out, RECORD_MAGIC, sizeof out) == 0;
}

/* After a damaged member that started at file offset FROM - 1: finds the
 * next member, from FROM on, whose data starts with a record (its header's
 * magic number, method 8 and no reserved flag, then RECORD_MAGIC when
 * inflated), and leaves the compressed input there, or at the end of the
 * file when there is none.  Returns 0, or -1 after a read error. */
static int resynchronise(warc_input_t *in, uint64_t from)
{
    size_t i = 0;

    if (lseek(in->fd, (off_t)from, SEEK_SET) == (off_t)-1) {
        /* Not seekable: nothing after the damage can be found. */
        in->z.avail_in = 0;
        in->in_eof = 1;
        return 0;
    }
    in->in_base = from;
    in->in_len = 0;
    in->in_eof = 0;
    for (;;) {
        const unsigned char *magic;
        if (in->in_len - i < PROBE_INPUT && !in->in_eof) {
            long n;
            memmove(in->in, in->in + i, in->in_len - i);
            in->in_base += i;
            in->in_len -= i;
            i = 0;
            n = read_retrying(in->fd, in->in + in->in_len, COMPRESSED_CHUNK - in->in_len);
            if (n < 0)
                return fail(in, strerror(errno));
            if (n == 0)
                in->in_eof = 1;
            in->in_len += (size_t)n;
            continue;
        }
        if (in->in_len - i < 4) {
            i = in->in_len;
            break;
        }
        magic = memchr(in->in + i, 0x1f, in->in_len - i - 3);
        if (magic == NULL) {
            i = in->in_len - 3;
            continue;
        }
        i = (size_t)(magic - in->in);
        if (magic[1] == 0x8b && magic[2] == 8 && (magic[3] & 0xE0) == 0
            && probe_member(in, magic, in->in_len - i))
            break;
        i++;
    }
    in->z.next_in = in->in + i;
    in->z.avail_in = (uInt)(in->in_len - i);
    return 0;
}

/* The current member is damaged (WHY): it ends here, and the input goes on
 * at the next member that starts a record.  The search starts just after
 * the damaged member's own start, since inflate may have taken the members
 * after a truncated one as its data before it found the damage. */
static int damaged_member(warc_input_t *in, const char *why)
{
    warc_member_t *m = &in->members[in->member_count - 1];
    end_member(in, why);
    if (resynchronise(in, m->file_start + 1) != 0)
        return -1;
    m->file_end = compressed_offset(in);
    return 0;
}

static void keep_head(warc_member_t *m, const unsigned char *data, size_t len)
{
    while (m->head_len < WARC_MEMBER_HEAD && len > 0) {
        m->head[m->head_len++] = *data++;
        len--;
    }
}

static long read_gzip(warc_input_t *in, unsigned char *dst, size_t space)
{
    size_t produced = 0;

    while (produced < space) {
        size_t before;
        int ret;

        if (!in->in_member) {
            if (in->z.avail_in == 0 && (in->in_eof || refill(in) <= 0))
                break;          /* the end, or a read error (in->failed) */
            if (start_member(in) != 0)
                return -1;
        }
        in->z.next_out = dst + produced;
        in->z.avail_out = (uInt)(space - produced < UINT32_MAX ? space - produced : UINT32_MAX);
        before = in->z.avail_out;
        ret = inflate(&in->z, Z_NO_FLUSH);
        if (before > in->z.avail_out) {
            size_t n = before - in->z.avail_out;
            keep_head(&in->members[in->member_count - 1], dst + produced, n);
            produced += n;
            in->stream_pos += n;
        }
        if (ret == Z_STREAM_END) {
            end_member(in, NULL);
        } else if (ret == Z_OK || ret == Z_BUF_ERROR) {
            /* With room left for output, inflate stopped for want of input. */
            if (in->z.avail_in == 0 && in->z.avail_out > 0) {
                int got = in->in_eof ? 0 : refill(in);
                if (got < 0 || (got == 0 && damaged_member(in, "truncated") != 0))
                    return -1;
            }
        } else if (ret == Z_DATA_ERROR) {
            const warc_member_t *m = &in->members[in->member_count - 1];
            int not_gzip = !in->member_magic_ok && m->head_len == 0;
            if (damaged_member(in, not_gzip ? "not gzip data"
                               : in->z.msg ? in->z.msg : "damaged data") != 0)
                return -1;
        } else {
            return fail(in, ret == Z_MEM_ERROR ? "out of memory" : "zlib failed");
        }
    }
    return in->failed ? -1 : (long)produced;
}

long warc_input_read(warc_input_t *in, unsigned char *dst, size_t space)
{
    if (in->failed)
        return -1;
    if (space == 0)
        return 0;
    return in->gzip ? read_gzip(in, dst, space) : read_plain(in, dst, space);
}

void warc_input_close(warc_input_t *in)
{
    if (in == NULL)
        return;
    if (in->z_ready)
        inflateEnd(&in->z);
    if (in->probe_ready)
        inflateEnd(&in->probe);
    if (in->owns_fd)
        close(in->fd);
    free(in->in);
    free(in->members);
    free(in);
}
