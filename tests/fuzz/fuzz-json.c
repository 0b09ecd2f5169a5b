/* fuzz-json.c: libFuzzer target for the strict JSON reader (json.h) and the
 * JSON Lines record parser over it (jsonl_parse_record).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-article-check.h"
#include "json.h"
#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the reader's callback saw of one reading. */
typedef struct {
    const char *text;      /* the input, to check that values point into it */
    size_t len;
    size_t member_count;
} seen_t;

/* The callback's answer to a member named "stop": json_read_object() must
 * stop there and return it. */
#define STOP_RC 7

/* Non-zero if V's text is what its kind is written as (the reader checked
 * the grammar; this checks what it hands on). */
static int value_has_its_shape(const json_value_t *v)
{
    const char *t = v->text;
    size_t n = v->len;
    switch (v->kind) {
    case JSON_TRUE:
        return n == 4 && memcmp(t, "true", 4) == 0;
    case JSON_FALSE:
        return n == 5 && memcmp(t, "false", 5) == 0;
    case JSON_NULL:
        return n == 4 && memcmp(t, "null", 4) == 0;
    case JSON_NUMBER:
        return n > 0 && (t[0] == '-' || (t[0] >= '0' && t[0] <= '9'))
               && t[n - 1] >= '0' && t[n - 1] <= '9';
    case JSON_ARRAY:
        return n >= 2 && t[0] == '[' && t[n - 1] == ']';
    case JSON_OBJECT:
        return n >= 2 && t[0] == '{' && t[n - 1] == '}';
    case JSON_STRING:
        break;
    }
    return 0;
}

static int on_member(void *ctx, const char *key, size_t key_len,
                     const json_value_t *value)
{
    seen_t *seen = ctx;
    seen->member_count++;
    /* Decoded text: valid UTF-8 (\u0000 included), NUL-terminated. */
    FUZZ_CHECK(key[key_len] == '\0' && fuzz_valid_utf8(key, key_len));
    if (value->kind == JSON_STRING) {
        FUZZ_CHECK(value->text[value->len] == '\0');
        FUZZ_CHECK(fuzz_valid_utf8(value->text, value->len));
    } else {
        /* The value as written: a piece of the input. */
        FUZZ_CHECK(value->text >= seen->text
                   && value->text + value->len <= seen->text + seen->len);
        FUZZ_CHECK(value_has_its_shape(value));
    }
    return key_len == 4 && memcmp(key, "stop", 4) == 0 ? STOP_RC : 0;
}

/* Reads TEXT[0..LEN) with READER; returns what json_read_object() did and
 * counts the members in *SEEN. */
static int read_object(json_reader_t *reader, const char *text, size_t len,
                       seen_t *seen)
{
    *seen = (seen_t){ text, len, 0 };
    int rc = json_read_object(reader, text, len, on_member, seen);
    FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2 || rc == STOP_RC);
    if (rc == -1) {
        FUZZ_CHECK(reader->error[0] != '\0');
        FUZZ_CHECK(reader->error_offset <= len);
    } else
        FUZZ_CHECK(reader->error[0] == '\0');
    return rc;
}

/* Non-zero if WARNING is NULL or the warnings a record can get, one or
 * more joined by "; ": "bad date '...' ignored" and "repeated key '...':
 * the first value is kept" (a name given twice; found by this target).
 * That the quoted text is clean is not checked: fields_set_date() quotes
 * a date as it is, so a control character, a line end or a UTF-8 sequence
 * cut at 40 bytes reaches the warning trawl-index prints (found by this
 * target; indexer/fields.c). */
static int is_known_warning(const char *warning)
{
    static const struct { const char *head, *tail; } kinds[] = {
        { "bad date '", "' ignored" },
        { "repeated key '", "': the first value is kept" },
    };
    size_t len = warning ? strlen(warning) : 0;
    int head = 0, tail = 0;

    if (warning == NULL)
        return 1;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        size_t h = strlen(kinds[i].head), t = strlen(kinds[i].tail);
        head |= strncmp(warning, kinds[i].head, h) == 0;
        tail |= len >= t && strcmp(warning + len - t, kinds[i].tail) == 0;
    }
    return head && tail;
}

/* Checks what jsonl_parse_record() made of the line, given what the reader
 * answered for it (READ_RC). */
static void check_record(json_reader_t *reader, const char *text, size_t len,
                         int read_rc)
{
    article_t article;
    char *err = NULL;
    int rc = jsonl_parse_record(reader, text, len, &article, &err);
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc == 0) {
        /* The reader read the whole object ("stop" is an extra field). */
        FUZZ_CHECK(read_rc == 0 || read_rc == STOP_RC);
        FUZZ_CHECK(err == NULL);
        FUZZ_CHECK(article.id != NULL && article.id[0] != '\0');
        fuzz_check_article(&article);
        FUZZ_CHECK(article.title != NULL || article.paragraph_count > 0);
        FUZZ_CHECK(is_known_warning(article.warning));
        article_free(&article);
        return;
    }
    fuzz_check_empty_article(&article);
    FUZZ_CHECK(err != NULL);
    /* A syntax error is reported as the reader found it (a record can be
     * refused before the reader gets that far: "id" is not a string...;
     * and "stop" kept the first reading from getting that far). */
    if (strstr(err, " at byte ") != NULL)
        FUZZ_CHECK((read_rc == -1 || read_rc == STOP_RC)
                   && strncmp(err, reader->error, strlen(reader->error)) == 0);
    free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* libFuzzer's buffer is exactly SIZE bytes and the reader takes text
     * that is not NUL-terminated: a read past the end is a finding. */
    const char *text = (const char *)data;
    json_reader_t reader = JSON_READER_INIT;
    seen_t first, again;

    int rc = read_object(&reader, text, size, &first);
    /* The scratch buffers are reused from record to record: reading the
     * same text again gives the same answer. */
    FUZZ_CHECK(read_object(&reader, text, size, &again) == rc);
    FUZZ_CHECK(again.member_count == first.member_count);
    check_record(&reader, text, size, rc);
    json_reader_free(&reader);
    return 0;
}
