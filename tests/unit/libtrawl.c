/* libtrawl.c: calls libtrawl's API the wrong and the right ways and prints what comes back.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: libtrawl INDEX (an index of corpus/).  tests/t0430-example.sh
 * compares the output with what it must be, line by line (notmuch's
 * test_C): a status is printed by name, so a changed one shows.
 * libtrawl INDEX QUERY: QUERY's hits one a story and every article, with
 * the counts (tests/t0149-collapse.sh).
 */
#include <stdio.h>
#include <string.h>

#include "trawl.h"

static const char *name(trawl_status_t st)
{
    static const char *const names[] = {
        "TRAWL_OK", "TRAWL_NO_MEMORY", "TRAWL_NULL_ARGUMENT", "TRAWL_INVALID_ARGUMENT",
        "TRAWL_NO_INDEX", "TRAWL_BAD_INDEX", "TRAWL_BAD_QUERY", "TRAWL_SEARCH_FAILED",
    };
    return (unsigned)st < TRAWL_STATUS_LAST ? names[st] : "?";
}

/* Runs QUERY with OFFSET, LIMIT and FLAGS and prints the status, the last
 * error, and of each hit its rank, id, date, snippet count and citation. */
static void search(trawl_index_t *index, const char *label, const char *query,
                   unsigned offset, unsigned limit, unsigned flags)
{
    trawl_results_t *r = (trawl_results_t *)1;
    trawl_status_t st = trawl_search(index, query, offset, limit, flags, &r);

    printf("%s: %s%s%s\n", label, name(st), *trawl_last_error(index) ? ": " : "",
           trawl_last_error(index));
    if (st != TRAWL_OK) {
        printf("  results %s\n", r == NULL ? "NULL" : "not NULL");
        return;
    }
    printf("  %zu hits of %u, %u with every word\n", trawl_result_count(r),
           trawl_result_matches(r), trawl_result_all_words(r));
    for (size_t i = 0; i < trawl_result_count(r); i++)
        printf("  %u %s %s %zu | %s\n", trawl_result_rank(r, i), trawl_result_id(r, i),
               trawl_result_date(r, i) ? trawl_result_date(r, i) : "-",
               trawl_result_snippet_count(r, i), trawl_result_citation(r, i));
    trawl_results_free(r);
}

int main(int argc, char **argv)
{
    trawl_index_t *index = (trawl_index_t *)1;
    trawl_results_t *r;
    char *errmsg = (char *)1;
    size_t start = 99, end = 99, len = 99;

    if (argc == 3) {
        for (unsigned flags = 0; flags <= TRAWL_KEEP_DUPLICATES; flags += TRAWL_KEEP_DUPLICATES) {
            if (trawl_open(argv[1], &index, NULL) != TRAWL_OK
                || trawl_search(index, argv[2], 0, 10, flags, &r) != TRAWL_OK)
                return 1;
            printf("%s: %u matches, %u stories, exact %d:", flags ? "kept" : "collapsed",
                   trawl_result_matches(r), trawl_result_stories(r),
                   trawl_result_counts_exact(r));
            for (size_t i = 0; i < trawl_result_count(r); i++)
                printf(" %u %s", trawl_result_rank(r, i), trawl_result_id(r, i));
            printf("\n");
            trawl_results_free(r);
            trawl_close(index);
        }
        return 0;
    }
    if (argc != 2)
        return 2;
    printf("version: %s\n", strcmp(trawl_version(), TRAWL_VERSION) == 0 ? "as built" : "?");
    for (int st = 0; st <= TRAWL_STATUS_LAST; st++)
        printf("status %d: %s\n", st, trawl_status_string((trawl_status_t)st));
    printf("status -1: %s\n", trawl_status_string((trawl_status_t)-1));

    printf("open(NULL): %s", name(trawl_open(NULL, &index, &errmsg)));
    printf(", index %s, errmsg %s\n", index ? "set" : "NULL", errmsg ? "set" : "NULL");
    printf("open(no out): %s\n", name(trawl_open(argv[1], NULL, NULL)));
    printf("open(no errmsg, no index): %s\n", name(trawl_open("/nonexistent/db", &index, NULL)));
    trawl_close(NULL);
    trawl_results_free(NULL);
    trawl_free(NULL);
    printf("last_error(NULL): '%s'\n", trawl_last_error(NULL));
    printf("search(NULL index): %s\n", name(trawl_search(NULL, "x", 0, 1, 0, &r)));

    if (trawl_open(argv[1], &index, &errmsg) != TRAWL_OK)
        return 1;
    printf("open: errmsg %s, last_error '%s'\n", errmsg ? "set" : "NULL",
           trawl_last_error(index));

    search(index, "NULL query", NULL, 0, 1, 0);
    search(index, "unknown flag", "area", 0, 1, 1u << 9);
    search(index, "all and any", "area", 0, 1, TRAWL_ALL_WORDS | TRAWL_ANY_WORD);
    search(index, "oldest and newest", "area", 0, 1, TRAWL_OLDEST_FIRST | TRAWL_NEWEST_FIRST);
    search(index, "limit too high", "area", 0, TRAWL_MAX_LIMIT + 1, 0);
    search(index, "invalid UTF-8", "are\xff", 0, 1, 0);
    search(index, "no words", "  ", 0, 1, 0);
    search(index, "a success clears the last error", "area teams bullying", 0, 2, 0);
    search(index, "offset", "area teams bullying", 3, 2, 0);
    search(index, "count only", "area teams bullying", 0, 0, 0);
    search(index, "every word", "area teams bullying", 0, 10, TRAWL_ALL_WORDS);
    search(index, "newest first", "area", 0, 2, TRAWL_NEWEST_FIRST);
    search(index, "no snippets", "bullying", 0, 1, TRAWL_NO_SNIPPETS);
    search(index, "a phrase in a comment", "\"brambles & nettles\"", 0, 1, 0);

    if (trawl_search(index, "brambles", 0, 1, 0, &r) != TRAWL_OK)
        return 1;
    printf("comment fragment flags: %u\n", trawl_result_snippet_flags(r, 0, 0));
    const char *text = trawl_result_snippet(r, 0, 0, &len);
    printf("fragment: %zu bytes, strlen %zu, paragraph %u, %zu mark(s)\n", len, strlen(text),
           trawl_result_snippet_paragraph(r, 0, 0), trawl_result_mark_count(r, 0, 0));
    printf("mark 0: %s", name(trawl_result_mark(r, 0, 0, 0, &start, &end)));
    printf(" '%.*s'\n", (int)(end - start), text + start);
    printf("mark 1: %s", name(trawl_result_mark(r, 0, 0, 1, &start, &end)));
    printf(", offsets kept: %s\n", text + start == strstr(text, "brambles") ? "yes" : "no");
    printf("mark(NULL out): %s\n", name(trawl_result_mark(r, 0, 0, 0, NULL, &end)));
    printf("hit 1 out of range: id %s, title %s, citation %s, rank %u, score %g, "
           "snippets %zu\n", trawl_result_id(r, 1) ? "set" : "NULL",
           trawl_result_title(r, 1) ? "set" : "NULL",
           trawl_result_citation(r, 1) ? "set" : "NULL", trawl_result_rank(r, 1),
           trawl_result_score(r, 1), trawl_result_snippet_count(r, 1));
    text = trawl_result_snippet(r, 0, 9, &len);
    printf("fragment 9 out of range: text %s, len %zu, paragraph %u, flags %u, marks %zu\n",
           text ? "set" : "NULL", len,
           trawl_result_snippet_paragraph(r, 0, 9), trawl_result_snippet_flags(r, 0, 9),
           trawl_result_mark_count(r, 0, 9));
    printf("hit 0: title '%s', source %s, byline %s, url %s, suggestion %s\n",
           trawl_result_title(r, 0), trawl_result_source(r, 0),
           trawl_result_byline(r, 0) ? "set" : "NULL", trawl_result_url(r, 0) ? "set" : "NULL",
           trawl_result_suggestion(r) ? "set" : "NULL");
    trawl_results_free(r);
    trawl_close(index);
    return 0;
}
