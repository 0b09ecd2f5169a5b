/* warc-input.h: the bytes of a WARC file as one stream, from a plain file
 * or from gzip members inflated one after another.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Internal to warc.c.  A .warc.gz is normally one gzip member per record;
 * it may also be one member holding many records, or members that cut
 * records anywhere (BGZF).  So the input does not interpret members: it
 * gives the concatenated data ("the stream", whose positions are counted
 * from 0) and keeps a list of the members it has met, with where each
 * lies in the file and in the stream, so the record reader can give a
 * record's file offset and tell where a record must end.
 *
 * A damaged member (a zlib error, a CRC mismatch, data that is not gzip,
 * the file ending inside a member) ends at the last byte it gave; the
 * input then looks for the next member in the file, from the byte after
 * the damaged member's start, that inflates to data beginning "WARC/",
 * and goes on from there.  Nothing is lost but the damaged member.
 */
#ifndef TRAWL_WARC_INPUT_H
#define TRAWL_WARC_INPUT_H

#include <stddef.h>
#include <stdint.h>

/* The first bytes of a member's data kept in its entry: enough to tell
 * whether it starts with a WARC version line ("WARC/1."). */
#define WARC_MEMBER_HEAD 8

typedef struct {
    uint64_t stream_start;      /* stream position of its first byte of data */
    uint64_t stream_end;        /* one past its last byte (when ended) */
    uint64_t file_start;        /* file offset of its gzip header */
    uint64_t file_end;          /* file offset just past it (when ended); for a
                                 * damaged one, where the next member was found */
    int ended;                  /* stream_end and file_end are known */
    int reported;               /* the record reader has reported its damage */
    unsigned char head[WARC_MEMBER_HEAD]; /* its first bytes of data */
    size_t head_len;            /* how many of them there are so far */
    char damage[80];            /* "" if it ended well, else why it stopped:
                                 * "truncated", "not gzip data", zlib's message */
} warc_member_t;

typedef struct warc_input warc_input_t;

/* Reads FD (which the input closes if OWNS_FD) from offset 0.  NAME (may be
 * NULL) is the file's name: one ending in ".gz" must hold gzip data.  A
 * file whose first bytes are gzip's magic number is inflated whatever its
 * name.  Returns the input, or NULL with a malloc'ed *ERRMSG (strerror's
 * text, "not gzip data", "out of memory"; NULL if even that failed). */
warc_input_t *warc_input_open_fd(int fd, int owns_fd, const char *name, char **errmsg);

/* Copies up to SPACE bytes of the stream into DST.  Returns how many (less
 * than SPACE only at the end of the stream), 0 at the end, or -1 after a read error or when memory ran out
 * (warc_input_error()); the input is then unusable. */
long warc_input_read(warc_input_t *in, unsigned char *dst, size_t space);

/* Non-zero if the file is gzip data. */
int warc_input_is_gzip(const warc_input_t *in);

/* The file's size in bytes, or UINT64_MAX when it is not a regular file. */
uint64_t warc_input_file_size(const warc_input_t *in);

/* For a plain regular file: makes the next read start at stream position
 * POS (which is its file offset).  Returns 0, or -1 (gzip data, a file
 * that cannot seek, or POS past its end) with nothing changed. */
int warc_input_seek(warc_input_t *in, uint64_t pos);

/* For a gzip file: makes the next read start again at the member whose
 * header is at file offset FILE_START and whose data starts at stream
 * position STREAM_START (both as the member list gave them), forgetting
 * every member; what follows is inflated again.  Returns 0, or -1 (a
 * plain file, or one that cannot seek) with nothing changed. */
int warc_input_rewind(warc_input_t *in, uint64_t file_start, uint64_t stream_start);

/* The members met so far that end at or after the position given to the
 * last warc_input_forget() (all of them before it), oldest first; the
 * array belongs to IN and changes with every read.  Plain files have none. */
warc_member_t *warc_input_members(warc_input_t *in, size_t *count);

/* Drops the members whose data ends before stream position POS. */
void warc_input_forget(warc_input_t *in, uint64_t pos);

/* Why the last call failed (static text or strerror's). */
const char *warc_input_error(const warc_input_t *in);

void warc_input_close(warc_input_t *in);

#endif /* TRAWL_WARC_INPUT_H */
