/* fuzz-query.c: libFuzzer target for the query parser (query_parse).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>

#include "analyzer.h"
#include "fuzz-check.h"
#include "query.h"
#include "xs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static analyzer_t *analyzer;
    query_t query;
    char *err = NULL;

    if (analyzer == NULL && (analyzer = analyzer_new("english", NULL)) == NULL)
        abort();
    if (size == 0)
        return 0;
    /* The first byte picks the mode, the rest is what a person typed. */
    query_mode_t mode = data[0] % 3 == 0 ? QUERY_DEFAULT
                      : data[0] % 3 == 1 ? QUERY_ALL : QUERY_ANY;
    if (query_parse(analyzer, (const char *)data + 1, size - 1, mode, &query, &err) != 0) {
        /* A failure always says why. */
        FUZZ_CHECK(err != NULL && *err != '\0');
        free(err);
        return 0;
    }
    /* Success gives both queries, words within the input and snippet
     * terms that are valid UTF-8.  (The explanation echoes the input, so it
     * may hold any bytes: every renderer escapes it.) */
    FUZZ_CHECK(query.all != NULL && query.any != NULL);
    FUZZ_CHECK(query.word_count <= QUERY_MAX_WORDS);
    for (size_t i = 0; i < query.word_count; i++)
        FUZZ_CHECK(query.words[i].start < query.words[i].end
                   && query.words[i].end <= size - 1);
    for (size_t i = 0; i < query.term_count; i++)
        FUZZ_CHECK(fuzz_valid_utf8(query.terms[i].text, query.terms[i].len));
    char *described = xs_query_describe(query.all);
    FUZZ_CHECK(described != NULL);
    xs_free(described);
    query_free(&query);
    return 0;
}
