/* analyze.c: print the stems trawl's analyzer makes of each input line (for bench/ scripts).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: trawl-analyze [LANGUAGE] < lines
 * For each line of standard input, one line of output: the stems of its
 * tokens, separated by spaces (an empty line when it has none).  Output is
 * flushed after each line, so a script can use it as a coprocess.
 */
#include <stdio.h>
#include <stdlib.h>

#include "analyzer.h"

static int print_stem(void *ctx, const token_t *token)
{
    int *first = ctx;
    if (!*first)
        putchar(' ');
    *first = 0;
    fwrite(token->stem, 1, token->stem_len, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    char *errmsg = NULL, *line = NULL;
    size_t cap = 0;
    ssize_t len;
    analyzer_t *analyzer = analyzer_new(argc > 1 ? argv[1] : NULL, &errmsg);

    if (analyzer == NULL) {
        fprintf(stderr, "trawl-analyze: error: %s\n", errmsg ? errmsg : "out of memory");
        free(errmsg);
        return 2;
    }
    while ((len = getline(&line, &cap, stdin)) != -1) {
        int first = 1;
        if (analyzer_tokenize(analyzer, line, (size_t)len, print_stem, &first) != 0) {
            fprintf(stderr, "trawl-analyze: error: out of memory\n");
            return 2;
        }
        putchar('\n');
        fflush(stdout);
    }
    free(line);
    analyzer_free(analyzer);
    return 0;
}
