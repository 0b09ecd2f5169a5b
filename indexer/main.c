/* main.c: trawl-index, build or update a trawl index from a corpus.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyzer.h"
#include "build.h"
#include "dbpath.h"
#include "msg.h"
#include "xs.h"

static void usage(void)
{
    printf("Usage: %s [OPTION]... PATH...\n"
           "Index the articles under each PATH (directories are searched for\n"
           ".txt and .txt.gz files) into a trawl index.  Re-running it is\n"
           "incremental: unchanged files are skipped, changed ones replaced,\n"
           "removed ones deleted.  Each run commits atomically.\n"
           "\n"
           "Options:\n"
           "  -d, --db DIR          the index (default: $TRAWL_DB, else ./%s)\n"
           "  -l, --language LANG   stemming language (default: english; fixed\n"
           "                        when the index is created)\n"
           "      --lock-wait SECS  wait this long for another indexer's lock (default 10)\n"
           "      --list-languages  print the stemming languages and exit\n"
           "  -q, --quiet           no progress line and no summary\n"
           "  -h, --help            print this help and exit\n"
           "  -V, --version         print the version and exit\n"
           "\n"
           "Metadata comes from front matter at the top of a file ('Key: value'\n"
           "lines, then a blank line) or from manifest.tsv in the corpus root.\n"
           "\n"
           "Exit status: 0 all files indexed, 1 some files failed (reported),\n"
           "2 usage error or the index could not be written.\n",
           msg_program(), DBPATH_DEFAULT);
}

static double parse_seconds(const char *arg)
{
    char *end;
    double v = strtod(arg, &end);
    if (*arg == '\0' || *end != '\0' || !(v >= 0 && v <= 86400))
        usagef("--lock-wait: '%s' is not a number of seconds between 0 and 86400", arg);
    return v;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { "language", required_argument, NULL, 'l' },
        { "list-languages", no_argument, NULL, 'L' },
        { "lock-wait", required_argument, NULL, 'w' },
        { "quiet", no_argument, NULL, 'q' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    build_options_t opts = { NULL, NULL, 10.0, 0 };
    const char *db_option = NULL;
    int quiet = 0, c;
    build_stats_t stats;
    struct timespec t0, t1;

    msg_init(argv[0]);
    while ((c = getopt_long(argc, argv, "d:hl:qV", options, NULL)) != -1) {
        switch (c) {
        case 'd': db_option = optarg; break;
        case 'h': usage(); return EXIT_MATCH;
        case 'l': opts.language = optarg; break;
        case 'L':
            for (const char **l = analyzer_languages(); *l; l++)
                puts(*l);
            return EXIT_MATCH;
        case 'w': opts.lock_wait = parse_seconds(optarg); break;
        case 'q': quiet = 1; break;
        case 'V':
            printf("trawl-index %s (Xapian %s)\n", TRAWL_VERSION, xs_xapian_version());
            return EXIT_MATCH;
        default:
            fprintf(stderr, "try '%s --help' for more information\n", msg_program());
            return EXIT_TROUBLE;
        }
    }
    if (optind == argc)
        usagef("no PATH to index");
    if (opts.language) {
        char *err = NULL;
        analyzer_t *check = analyzer_new(opts.language, &err);
        if (check == NULL)
            usagef("%s", err ? err : "out of memory");
        analyzer_free(check);
    }
    opts.db_path = dbpath_resolve(db_option);
    opts.progress = !quiet && isatty(STDERR_FILENO);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (build_index(&opts, argv + optind, (size_t)(argc - optind), &stats) != 0)
        return EXIT_TROUBLE;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!quiet)
        printf("%s: %u added, %u updated, %u removed, %u unchanged, %u failed (%.2f s)\n",
               opts.db_path, stats.added, stats.updated, stats.removed, stats.unchanged,
               stats.failed,
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return stats.failed ? EXIT_NO_MATCH : EXIT_MATCH;
}
