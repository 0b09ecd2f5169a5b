/* main.c: trawl-search, ranked search of a trawl index from the terminal.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "dbpath.h"
#include "msg.h"
#include "output.h"
#include "search.h"
#include "xs.h"

/* More than a person reads; enough for scripts that page. */
#define MAX_LIMIT 10000

static void usage(void)
{
    printf("Usage: %s [OPTION]... QUERY...\n"
           "Search a trawl index and print the best articles first, with\n"
           "snippets and citations.  Articles that contain every word of the\n"
           "query rank above those that contain some.\n"
           "\n"
           "Options:\n"
           "  -d, --db DIR          the index (default: $TRAWL_DB, else ./%s)\n"
           "  -n, --limit N         show N results (default 10, at most %d)\n"
           "      --offset N        skip the first N results (default 0)\n"
           "  -f, --format FORMAT   text (default) or json (JSON Lines: one object per hit)\n"
           "  -c, --count           print only the number of matching articles\n"
           "      --color WHEN      mark matches in colour: auto (default), always, never;\n"
           "                        auto means on a terminal and NO_COLOR unset\n"
           "      --snippet-chars N snippet length per hit in characters (default %d;\n"
           "                        0: no snippets)\n"
           "  -h, --help            print this help and exit\n"
           "  -V, --version         print the version and exit\n"
           "\n"
           "Environment: TRAWL_DB (the index), NO_COLOR (no colour in auto mode).\n"
           "Exit status: 0 something matched, 1 nothing matched, 2 usage error or\n"
           "the index could not be read.\n",
           msg_program(), DBPATH_DEFAULT, MAX_LIMIT, SNIPPET_DEFAULT_CHARS);
}

static unsigned parse_count(const char *option, const char *arg, unsigned max)
{
    char *end;
    unsigned long v;
    if (*arg < '0' || *arg > '9')
        usagef("%s: '%s' is not a number", option, arg);
    v = strtoul(arg, &end, 10);
    if (*end != '\0')
        usagef("%s: '%s' is not a number", option, arg);
    if (v > max)
        usagef("%s: %s is too large (at most %u)", option, arg, max);
    return (unsigned)v;
}

static int want_color(const char *when)
{
    if (strcmp(when, "always") == 0)
        return 1;
    if (strcmp(when, "never") == 0)
        return 0;
    if (strcmp(when, "auto") != 0)
        usagef("--color: '%s' is not one of auto, always, never", when);
    const char *no_color = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && (no_color == NULL || *no_color == '\0');
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        { "color", required_argument, NULL, 'C' },
        { "colour", required_argument, NULL, 'C' },
        { "count", no_argument, NULL, 'c' },
        { "db", required_argument, NULL, 'd' },
        { "format", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { "limit", required_argument, NULL, 'n' },
        { "offset", required_argument, NULL, 'o' },
        { "snippet-chars", required_argument, NULL, 's' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    search_options_t opts = { 0, 10, SNIPPET_DEFAULT_CHARS, 0 };
    const char *db_option = NULL, *format = "text", *color = "auto";
    int count_only = 0, c, status;
    char *errmsg = NULL;
    buf_t query = BUF_INIT;
    search_result_t result;

    msg_init(argv[0]);
    while ((c = getopt_long(argc, argv, "cd:f:hn:V", options, NULL)) != -1) {
        switch (c) {
        case 'C': color = optarg; break;
        case 'c': count_only = 1; break;
        case 'd': db_option = optarg; break;
        case 'f': format = optarg; break;
        case 'h': usage(); return EXIT_MATCH;
        case 'n': opts.limit = parse_count("--limit", optarg, MAX_LIMIT); break;
        case 'o': opts.offset = parse_count("--offset", optarg, INT_MAX); break;
        case 's': opts.snippet_chars = parse_count("--snippet-chars", optarg, 100000); break;
        case 'V':
            printf("trawl-search %s (Xapian %s)\n", TRAWL_VERSION, xs_xapian_version());
            return EXIT_MATCH;
        default:
            fprintf(stderr, "try '%s --help' for more information\n", msg_program());
            return EXIT_TROUBLE;
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        usagef("--format: '%s' is not one of text, json", format);
    output_options_t out_opts = { want_color(color), NULL };
    if (optind == argc)
        usagef("no QUERY given");
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            buf_putc(&query, ' ');
        buf_puts(&query, argv[i]);
    }
    if (query.failed) {
        errorf("out of memory");
        return EXIT_TROUBLE;
    }
    out_opts.query = query.data;
    if (count_only) {
        opts.limit = 0;
        opts.exact_counts = 1;
    }

    const char *db_path = dbpath_resolve(db_option);
    searcher_t *s = searcher_open(db_path, &errmsg);
    if (s == NULL) {
        errorf("%s", errmsg);
        free(errmsg);
        buf_free(&query);
        return EXIT_TROUBLE;
    }
    if (searcher_run(s, query.data, query.len, &opts, &result, &errmsg) != 0) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        free(errmsg);
        searcher_close(s);
        buf_free(&query);
        return EXIT_TROUBLE;
    }
    if (count_only)
        printf("%u\n", result.matches);
    else if (strcmp(format, "json") == 0)
        output_json(stdout, &result, &out_opts);
    else
        output_text(stdout, &result, &out_opts);
    status = result.matches ? EXIT_MATCH : EXIT_NO_MATCH;
    search_result_free(&result);
    searcher_close(s);
    buf_free(&query);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        errorf("cannot write the results: output error");
        return EXIT_TROUBLE;
    }
    return status;
}
