/* batch.c: run queries and stream their hits through the renderers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "msg.h"
#include "utf8.h"

/* The return of batch_run_query() when writing failed with ST. */
static int output_failed(output_status_t st, char **errmsg)
{
    if (st == OUTPUT_WRITE_FAILED) {
        *errmsg = NULL;
        return BATCH_WRITE_FAILED;
    }
    *errmsg = strdup(output_status_to_string(st));
    return -1;
}

int batch_run_query(batch_t *b, const char *id, const char *text, size_t len,
                    int batch, unsigned *matches, char **errmsg)
{
    output_query_t q = { id, text, batch, 0, 0 };
    search_options_t opts = b->search;
    unsigned done = 0;

    *matches = 0;
    for (;;) {
        search_result_t r;
        unsigned want = BATCH_PAGE_HITS;
        if (b->limit && b->limit - done < want)
            want = b->limit - done;
        opts.offset = b->search.offset + done;
        opts.limit = want;
        /* Only the first page's counts are written, and only by the
         * formats that show them. */
        opts.skip_counts = done > 0 || !output_shows_counts(b->output);
        if (searcher_run(b->searcher, text, len, &opts, &r, errmsg) != 0) {
            if (*errmsg == NULL)
                *errmsg = strdup("out of memory");
            return -1;
        }
        if (done == 0)
            *matches = r.matches;
        output_status_t st = output_page(b->fp, b->output, &q, &r, done == 0);
        done += (unsigned)r.hit_count;
        int last = r.hit_count < want || (b->limit && done >= b->limit);
        search_result_free(&r);
        if (st != OUTPUT_OK)
            return output_failed(st, errmsg);
        if (last)
            return 0;
    }
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
    char *line = NULL, *errmsg = NULL;
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
        int rc = batch_run_query(b, id, text, text_len, 1, &matches, &errmsg);
        if (rc == BATCH_WRITE_FAILED) {
            failed = 1;
            break;            /* the next lines could not be written either */
        }
        if (rc != 0) {
            errorf("%s line %lu: %s", name, line_number, errmsg);
            free(errmsg);
            errmsg = NULL;
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
