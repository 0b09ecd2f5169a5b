/* jsonl.h: JSON Lines corpora: one article per line, read as a stream.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each line is a JSON object with "id" (a string or a number, required and
 * unique in the corpus), "text" (the body), and optionally "title", "date",
 * "source", "byline" (or "author"), "url"; every other member is kept as
 * metadata (strings as they are, other values as their JSON text).  A
 * record needs an id and a title or some text.  Blank lines are skipped.
 */
#ifndef TRAWL_JSONL_H
#define TRAWL_JSONL_H

#include <stddef.h>
#include "article.h"
#include "json.h"


/* Makes the article of the record LINE[0..LEN) with READER's scratch space.
 * Returns 0 and fills *OUT (free with article_free(); out->id is set), or
 * -1 with a malloc'ed *errmsg ("expected ':' at byte 12", "no \"id\"") and
 * *OUT empty. */
int jsonl_parse_record(json_reader_t *reader, const char *line, size_t len,
                       article_t *out, char **errmsg);

/* The id of the record LINE[0..LEN), read with READER's scratch space and
 * nothing else made of the record (so a reader can tell whose it is before
 * it pays for the rest): malloc'ed into *ID.  Returns 1, 0 when the record
 * has no usable id or is not well formed (jsonl_parse_record() then says
 * why), or -1 when out of memory. */
int jsonl_record_id(json_reader_t *reader, const char *line, size_t len, char **id);

/* A JSON Lines file read line by line (gzip or plain), so memory holds one
 * line at a time, never the file. */
typedef struct jsonl_file jsonl_file_t;

/* Reads the file open on FD (taken over: closed by jsonl_close(), or now
 * on failure), named NAME (a ".gz" name must be gzip data), whose lines
 * may hold MAX_LINE bytes.  NULL with *why (static text) on failure. */
jsonl_file_t *jsonl_open_fd(int fd, const char *name, size_t max_line, const char **why);

/* The next line, without its newline (nor a byte order mark before the
 * first), in *LINE (owned by F, valid until the next call) and its 1-based
 * number in *LINE_NUMBER.  Returns 1; 2 for a line over the file's
 * MAX_LINE, which is read past and not held (*LINE_NUMBER is its number,
 * *why says so); 0 at the end; or -1 with *why set (a read error, damaged
 * gzip data, out of memory). */
int jsonl_next_line(jsonl_file_t *f, const char **line, size_t *len,
                    unsigned long *line_number, const char **why);

void jsonl_close(jsonl_file_t *f);

#endif /* TRAWL_JSONL_H */
