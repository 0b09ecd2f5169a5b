/* fuzz-query.c: libFuzzer target for the query parser (query_parse).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>

#include "analyzer.h"
#include "fuzz-check.h"
#include "query.h"
#include "search-private.h"
#include "xs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static analyzer_t *analyzer;
    query_t *q = NULL;
    char *err = NULL;

    if (analyzer == NULL && (analyzer = analyzer_new("english", NULL)) == NULL)
        abort();
    if (size == 0)
        return 0;
    /* The first byte picks the mode, the rest is what a person typed. */
    query_mode_t mode = data[0] % 3 == 0 ? QUERY_DEFAULT
                      : data[0] % 3 == 1 ? QUERY_ALL : QUERY_ANY;
    if (query_parse(analyzer, NULL, (const char *)data + 1, size - 1, mode, &q,
                    &err) != QUERY_OK) {
        /* A failure always says why. */
        FUZZ_CHECK(err != NULL && *err != '\0');
        free(err);
        return 0;
    }
    /* Success gives both queries, words within the input and snippet
     * terms that are valid UTF-8.  (The explanation echoes the input, so it
     * may hold any bytes: every renderer escapes it.) */
    FUZZ_CHECK(q->all != NULL && q->any != NULL);
    FUZZ_CHECK(q->word_count <= QUERY_MAX_WORDS);
    for (size_t i = 0; i < q->word_count; i++)
        FUZZ_CHECK(q->words[i].start < q->words[i].end
                   && q->words[i].end <= size - 1);
    for (size_t i = 0; i < q->term_count; i++)
        FUZZ_CHECK(fuzz_valid_utf8(q->terms[i].text, q->terms[i].len));
    /* Every tree becomes a Xapian query. */
    xs_query_t *built = search_query_build(q->all);
    char *described = built ? xs_query_describe(built) : NULL;
    FUZZ_CHECK(described != NULL);
    xs_free(described);
    xs_query_destroy(built);
    query_free(q);
    return 0;
}
