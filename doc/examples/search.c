/* search.c: libtrawl's example: search an index, print hits with snippets.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Build it against the installed library:
 *
 *     cc -o search search.c $(pkg-config --cflags --libs trawl)
 *     ./search trawl.db area teams bullying
 *
 * Prints the five best hits: title, source and date, each snippet
 * fragment with the matched words between ** **, and the citation.
 */
#include <stdio.h>
#include <string.h>

#include <trawl.h>

/* Prints fragment FRAGMENT of hit HIT with its marked words. */
static void print_fragment(const trawl_results_t *results, size_t hit, size_t fragment)
{
    size_t len, at = 0, start, end;
    const char *text = trawl_result_snippet(results, hit, fragment, &len);
    unsigned flags = trawl_result_snippet_flags(results, hit, fragment);

    printf("    %s%u: %s", flags & TRAWL_COMMENT ? "comment, \xC2\xB6" : "\xC2\xB6",
           trawl_result_snippet_paragraph(results, hit, fragment),
           flags & TRAWL_CUT_BEFORE ? "..." : "");
    for (size_t m = 0; m < trawl_result_mark_count(results, hit, fragment); m++) {
        trawl_result_mark(results, hit, fragment, m, &start, &end);
        printf("%.*s**%.*s**", (int)(start - at), text + at, (int)(end - start), text + start);
        at = end;
    }
    printf("%.*s%s\n", (int)(len - at), text + at, flags & TRAWL_CUT_AFTER ? "..." : "");
}

int main(int argc, char **argv)
{
    trawl_index_t *index;
    trawl_results_t *results;
    trawl_status_t status;
    char *errmsg, query[1024] = "";

    if (argc < 3) {
        fputs("usage: search INDEX QUERY...\n", stderr);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        if (strlen(query) + strlen(argv[i]) + 2 > sizeof query) {
            fputs("search: the query is too long\n", stderr);
            return 2;
        }
        if (i > 2)
            strcat(query, " ");
        strcat(query, argv[i]);
    }

    status = trawl_open(argv[1], &index, &errmsg);
    if (status != TRAWL_OK) {
        fprintf(stderr, "search: %s (%s)\n", errmsg ? errmsg : "cannot open the index",
                trawl_status_string(status));
        trawl_free(errmsg);
        return 2;
    }
    status = trawl_search(index, query, 0, 5, 0, &results);
    if (status != TRAWL_OK) {
        fprintf(stderr, "search: %s (%s)\n", trawl_last_error(index),
                trawl_status_string(status));
        trawl_close(index);
        return 2;
    }

    printf("%u matches, %u with every word\n", trawl_result_matches(results),
           trawl_result_all_words(results));
    for (size_t i = 0; i < trawl_result_count(results); i++) {
        const char *source = trawl_result_source(results, i);
        const char *date = trawl_result_date(results, i);

        printf("[%u] %s\n    %s | %s\n", trawl_result_rank(results, i),
               trawl_result_title(results, i), source ? source : "source unknown",
               date ? date : "date unknown");
        for (size_t k = 0; k < trawl_result_snippet_count(results, i); k++)
            print_fragment(results, i, k);
        printf("    Cite: %s\n", trawl_result_citation(results, i));
    }
    if (trawl_result_suggestion(results))
        printf("Did you mean: %s\n", trawl_result_suggestion(results));

    trawl_results_free(results);
    trawl_close(index);
    return 0;
}
