/* batch.c: run queries and stream their hits through the renderers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "msg.h"
#include "utf8.h"

batch_status_t batch_run_query(batch_t *b, const char *id, const char *text, size_t len,
                               int batch, unsigned *matches)
{
    output_query_t q = { id, text, batch, 0, 0 };
    search_options_t opts = b->search;
    query_t *query = NULL;
    batch_status_t status = BATCH_OK;
    unsigned done = 0;

    *matches = 0;
    if (searcher_parse(b->searcher, text, len, &query) != SEARCH_OK)
        return BATCH_SEARCH_FAILED;
    for (;;) {
        search_result_t r;
        unsigned want = BATCH_PAGE_HITS;
        if (b->limit && b->limit - done < want)
            want = b->limit - done;
        opts.offset = b->search.offset + done;
        opts.limit = want;
        /* Only the first page's counts and "did you mean" are written,
         * and only by the formats that show them. */
        opts.skip_counts = done > 0 || !output_shows_counts(b->output);
        opts.skip_suggestion = opts.skip_counts;
        if (searcher_run(b->searcher, query, &opts, &r) != SEARCH_OK) {
            status = BATCH_SEARCH_FAILED;
            break;
        }
        if (done == 0)
            *matches = r.matches;
        output_status_t st = output_page(b->fp, b->output, &q, &r, done == 0);
        done += (unsigned)r.hit_count;
        int last = r.hit_count < want || (b->limit && done >= b->limit);
        search_result_free(&r);
        if (st != OUTPUT_OK) {
            status = st == OUTPUT_NO_MEMORY ? BATCH_NO_MEMORY : BATCH_WRITE_FAILED;
            break;
        }
        if (last)
            break;
    }
    /* Lines a --kwic-sort held back: written (and freed) whatever came. */
    output_status_t end = output_query_end(b->fp, b->output);
    if (status == BATCH_OK && end != OUTPUT_OK)
        status = end == OUTPUT_NO_MEMORY ? BATCH_NO_MEMORY : BATCH_WRITE_FAILED;
    searcher_query_free(query);
    return status;
}

/* A query id goes into every output format as one token: no white space
 * or control characters (a TREC run would lose its columns). */
static int valid_query_id(const char *id, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)id[i] <= ' ' || id[i] == 0x7f)
            return 0;
    return utf8_valid(id, len);
}

int batch_run_file(batch_t *b, FILE *in, const char *name)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned long line_number = 0;
    int failed = 0, matched = 0;

    errno = 0;
    while ((got = getline(&line, &cap, in)) != -1) {
        size_t len = (size_t)got;
        char number[32];
        const char *id = number, *text = line;
        unsigned matches;

        line_number++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (strspn(line, " \t") == len)
            continue;
        snprintf(number, sizeof number, "%lu", line_number);
        char *tab = memchr(line, '\t', len);
        if (tab) {
            *tab = '\0';
            id = line;
            text = tab + 1;
            if (!valid_query_id(id, (size_t)(tab - line))) {
                errorf("%s line %lu: the query id is empty or holds white space, "
                       "control characters or invalid UTF-8", name, line_number);
                failed = 1;
                continue;
            }
        }
        size_t text_len = len - (size_t)(text - line);
        if (!utf8_valid(text, text_len)) {
            errorf("%s line %lu: the query is not valid UTF-8", name, line_number);
            failed = 1;
            continue;
        }
        batch_status_t st = batch_run_query(b, id, text, text_len, 1, &matches);
        if (st == BATCH_WRITE_FAILED) {
            failed = 1;
            break;            /* the next lines could not be written either */
        }
        if (st != BATCH_OK) {
            errorf("%s line %lu: %s", name, line_number, st == BATCH_NO_MEMORY
                   ? "out of memory" : searcher_last_error(b->searcher));
            failed = 1;
            continue;
        }
        if (matches)
            matched = 1;
    }
    if (ferror(in)) {
        errorf("cannot read the queries from %s: %s", name, strerror(errno));
        failed = 1;
    }
    free(line);
    return failed ? EXIT_TROUBLE : matched ? EXIT_MATCH : EXIT_NO_MATCH;
}
