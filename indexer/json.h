/* json.h: a small strict JSON reader for one object per line (JSON Lines).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * RFC 8259, strictly: no comments, no trailing commas, no single quotes,
 * no control characters or invalid UTF-8 inside strings, surrogate
 * escapes must pair, numbers as the grammar writes them, nothing but white
 * space after the object.  Nesting deeper than JSON_MAX_DEPTH is refused.
 * Nothing is built: the members of the top-level object are handed to a
 * callback one by one, so reading a record allocates only the scratch
 * buffers the reader keeps between calls.
 */
#ifndef TRAWL_JSON_H
#define TRAWL_JSON_H

#include <stddef.h>
#include "buf.h"

#define JSON_MAX_DEPTH 64

typedef enum {
    JSON_STRING, JSON_NUMBER, JSON_TRUE, JSON_FALSE, JSON_NULL,
    JSON_ARRAY, JSON_OBJECT
} json_kind_t;

typedef struct {
    json_kind_t kind;
    const char *text;      /* a string: its decoded UTF-8 (NUL-terminated);
                              anything else: the value's JSON text as written */
    size_t len;
} json_value_t;

/* Called for each member of the top-level object, in order.  KEY (decoded,
 * NUL-terminated) and VALUE are valid only during the call.  Return 0 to
 * go on; a positive value stops the reading, and json_read_object()
 * returns it. */
typedef int (*json_member_fn)(void *ctx, const char *key, size_t key_len,
                              const json_value_t *value);

typedef struct {
    buf_t key, value;      /* scratch space, reused from record to record */
    char error[128];       /* after a syntax error: what was wrong */
    size_t error_offset;   /* and at which byte of the input */
} json_reader_t;

#define JSON_READER_INIT { BUF_INIT, BUF_INIT, "", 0 }

/* Reads the JSON object TEXT[0..LEN) (need not be NUL-terminated), calling
 * FN for each member.  Returns 0; FN's positive return; -1 after a syntax
 * error (reader->error says what, reader->error_offset where: "expected
 * ',' or '}'"); -2 when memory runs out. */
int json_read_object(json_reader_t *reader, const char *text, size_t len,
                     json_member_fn fn, void *ctx);

/* Called for each item of a list of strings, with the string decoded (a
 * number as written), valid only during the call.  Return 0 to go on. */
typedef int (*json_item_fn)(void *ctx, const char *item, size_t len);

/* Reads the JSON array TEXT[0..LEN) (a JSON_ARRAY value's text) as a list
 * of strings and numbers, calling FN for each item.  Returns 0; FN's
 * positive return; 1 when an item is anything else (the array is no list
 * of strings: FN may have seen the items before it); -1 after a syntax
 * error; -2 when memory runs out. */
int json_read_strings(json_reader_t *reader, const char *text, size_t len, json_item_fn fn,
                      void *ctx);

void json_reader_free(json_reader_t *reader);

#endif /* TRAWL_JSON_H */
