/* read-jsonl.c: the reader of JSON Lines files, one article a line.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Read as a stream: memory holds one line, never the file.  A line is
 * parsed only when its signature ("record <length> <crc32>") is not one
 * the index holds for the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

#include "buf.h"
#include "jsonl.h"
#include "reader.h"

static reader_status_t read_jsonl(const reader_input_t *in, reader_sink_t *sink)
{
    json_reader_t json = JSON_READER_INIT;
    const char *line, *why;
    size_t len;
    unsigned long number = 0;
    char signature[64];
    buf_t where = BUF_INIT;
    reader_status_t status = READER_DONE;
    int got;

    int fd = reader_open(in, &why);
    jsonl_file_t *jf = fd < 0 ? NULL : jsonl_open_fd(fd, in->path, in->max_bytes, &why);
    if (jf == NULL) {
        reader_record_t rec = { in->path, 0, NULL };
        reader_failed(sink, &rec, "cannot read '%s': %s", in->path, why);
        return READER_INCOMPLETE;
    }
    while ((got = jsonl_next_line(jf, &line, &len, &number, &why)) > 0) {
        article_t article;
        char *err = NULL;
        int rc;

        if (got == 2) {
            buf_reset(&where);
            buf_printf(&where, "%s:%lu", in->path, number);
            reader_record_t big = { where.failed ? in->path : where.data, number, NULL };
            reader_failed(sink, &big, "%s: record %s: skipped", big.where, why);
            continue;
        }
        if (strspn(line, " \t") == len)
            continue;          /* a blank line */
        snprintf(signature, sizeof signature, "record %zu %08lx", len,
                 (unsigned long)libdeflate_crc32(0, line, len));
        buf_reset(&where);
        buf_printf(&where, "%s:%lu", in->path, number);
        reader_record_t rec = { where.failed ? in->path : where.data, number, signature };
        if ((rc = sink->unchanged(sink, &rec)) == READER_SKIP)
            continue;
        if (rc == READER_STOP) {
            status = READER_STOPPED;
            break;
        }
        char *id = NULL;
        int known = jsonl_record_id(&json, line, len, &id);
        rc = known == 1 ? sink->wants(sink, &rec, id) : 1;
        free(id);
        if (known < 0) {
            reader_failed(sink, &rec, "%s: out of memory", rec.where);
            continue;
        }
        if (rc == READER_STOP) {
            status = READER_STOPPED;
            break;
        }
        if (rc == 0)
            continue;          /* another shard's or part's */
        if (jsonl_parse_record(&json, line, len, &article, &err) != 0) {
            reader_failed(sink, &rec, "%s: %s", rec.where, err ? err : "out of memory");
            free(err);
            continue;
        }
        if (reader_deliver(sink, &rec, &article, NULL) == READER_STOP) {
            status = READER_STOPPED;
            break;
        }
    }
    if (status == READER_DONE && got < 0) {
        reader_record_t rec = { in->path, 0, NULL };
        reader_failed(sink, &rec, "cannot read '%s': %s", in->path, why);
        status = READER_INCOMPLETE;
    }
    jsonl_close(jf);
    json_reader_free(&json);
    buf_free(&where);
    return status;
}

static int jsonl_name(const char *name)
{
    return reader_has_suffix(name, ".jsonl") || reader_has_suffix(name, ".jsonl.gz");
}

const reader_t reader_jsonl = { "jsonl", jsonl_name, NULL, 1, NULL, read_jsonl };
