/* fuzz-query.c: libFuzzer target for the query parser (query_parse),
 * with a CPU-time oracle: parsing a query and building its Xapian query
 * taking more than FUZZ_QUERY_SECONDS of CPU is a finding (issue 19: work
 * must stay bounded whatever was typed; the parse of 40k "title:" took
 * 14 s).  A sanitizer build is slower than a plain one, hence the margin
 * for inputs libFuzzer keeps small (-max_len, tests/fuzz/run.sh).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "analyzer.h"
#include "fuzz-check.h"
#include "query.h"
#include "search-private.h"
#include "xs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_QUERY_SECONDS 0.5

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The oracle: the input took SPENT seconds of CPU. */
static void check_time(double spent, size_t size)
{
    if (spent > FUZZ_QUERY_SECONDS) {
        fprintf(stderr, "fuzz-query: a query of %zu bytes took %.2f s of CPU (at most %.1f)\n",
                size, spent, FUZZ_QUERY_SECONDS);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static analyzer_t *analyzer;
    query_t *q = NULL;
    char *err = NULL;

    if (analyzer == NULL && (analyzer = analyzer_new("english", NULL)) == NULL)
        abort();
    if (size == 0)
        return 0;
    double start = cpu_seconds();
    /* The first byte picks the mode, the rest is what a person typed. */
    query_mode_t mode = data[0] % 3 == 0 ? QUERY_DEFAULT
                      : data[0] % 3 == 1 ? QUERY_ALL : QUERY_ANY;
    if (query_parse(analyzer, NULL, (const char *)data + 1, size - 1, mode, &q,
                    &err) != QUERY_OK) {
        /* A failure always says why. */
        FUZZ_CHECK(err != NULL && *err != '\0');
        free(err);
        check_time(cpu_seconds() - start, size);
        return 0;
    }
    /* Success gives both queries, words within the input and snippet
     * terms that are valid UTF-8.  (The explanation echoes the input, so it
     * may hold any bytes: every renderer escapes it.) */
    FUZZ_CHECK(q->all != NULL && q->any != NULL);
    FUZZ_CHECK(q->word_count <= QUERY_MAX_WORDS);
    /* What passed the limits is within them (query.h). */
    FUZZ_CHECK(q->term_nodes <= QUERY_MAX_TERMS);
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
    check_time(cpu_seconds() - start, size);
    return 0;
}
