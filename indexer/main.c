/* main.c: trawl-index, build or update a trawl index from a corpus.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyzer.h"
#include "buf.h"
#include "build.h"
#include "dbpath.h"
#include "maintain.h"
#include "msg.h"
#include "options.h"
#include "shard.h"
#include "xs.h"

/* The memory budget (--memory) in megabytes, by default and at least. */
#define DEFAULT_MEMORY_MB 256
#define MIN_MEMORY_MB 96

/* Documents between commits (--commit-every): a commit costs a sync of
 * every table, so this keeps it to a fraction of a run (20 Newsgroups, 19k
 * posts, commits twice) while a killed run loses at most this many. */
#define DEFAULT_COMMIT_EVERY 10000

/* The most processes --jobs starts: beyond the cores, more only cost memory. */
#define JOBS_MAX 64

static void usage(void)
{
    printf("Usage: %s [OPTION]... PATH...\n"
           "Index the articles under each PATH (directories are searched for\n"
           "the files named below) into a trawl index.  Re-running it is\n"
           "incremental: unchanged files and records are skipped, changed ones\n"
           "replaced, removed ones deleted.  A run commits every --commit-every\n"
           "documents and at its end: a smaller run is atomic, and a run that is\n"
           "killed keeps its last commit (run it again to finish).  SIGINT or\n"
           "SIGTERM stops a run cleanly: what is done is committed.\n"
           "\n"
           "Options:\n"
           "      --check           check the index (as xapian-check does) and exit\n"
           "      --commit-every N  commit after every N documents (default %d;\n"
           "                        0: only at the end)\n"
           "  -d, --db DIR          the index (default: $TRAWL_DB, else ./%s)\n"
           "  -l, --language LANG   stemming language (default: english; fixed\n"
           "                        when the index is created)\n"
           "      --lock-wait SECS  wait this long for another indexer's lock (default 10)\n"
           "  -m, --memory MB       memory budget for the documents held before they\n"
           "                        are written out (default %d; at least %d); a file\n"
           "                        or record larger than an eighth of it, decompressed,\n"
           "                        is reported and skipped\n"
           "  -j, --jobs N          build a new index in N processes at once, in parts\n"
           "                        merged (and compacted) at the end: for a --db that\n"
           "                        holds no index yet, or with --rebuild (default 1)\n"
           "      --extract         write what would be indexed, one JSON object an article\n"
           "                        (path, record, id, url, title, date, byline, source,\n"
           "                        body, comments), without touching an index\n"
           "      --follow-symlinks read what symbolic links under PATH point to outside\n"
           "                        it too (default: such a link is skipped and said)\n"
           "      --list-languages  print the stemming languages and exit\n"
           "      --no-compact      leave a new index as Xapian writes it (default: a run\n"
           "                        that creates an index compacts it at the end: 20-40%%\n"
           "                        smaller, for a few per cent more time)\n"
           "  -q, --quiet           no progress line and no summary\n"
           "      --rebuild         build the index afresh from PATH... in DIR.new,\n"
           "                        then swap it in for DIR atomically\n"
           "  -v, --verbose         say what trawl chose where an input left it open: a\n"
           "                        text file that is not UTF-8 read as Windows-1252\n"
           "      --shard K/N       build shard K of N only (on one of N machines): the\n"
           "                        articles whose id hashes to K, into a plain index at\n"
           "                        --db; the others are read but not parsed\n"
           "      --shards N        spread the index over N shards by a hash of each\n"
           "                        article's id: DIR/shard-1..N and DIR/XAPIANDB (a\n"
           "                        Xapian stub listing them); fixed when DIR is created\n"
           "      --write-stub FILE SHARD...\n"
           "                        write FILE, a Xapian stub naming the SHARDs (HOST:PORT\n"
           "                        of an xapian-tcpsrv, or an index's directory) for\n"
           "                        trawl-search --db FILE, and exit\n"
           "  -h, --help            print this help and exit\n"
           "  -V, --version         print the version and exit\n"
           "\n"
           "Files (each may be gzipped, .gz): .txt (a page, or a mail message when it\n"
           "starts with mail headers), .eml (mail), .jsonl (JSON Lines: one article a\n"
           "line, with \"id\", \"title\", \"text\" and optional \"date\", \"source\",\n"
           "\"byline\", \"url\"), .html, .htm, .xhtml (web pages: the story, not the\n"
           "menus), .warc (a web crawl: an article a page fetched).  Metadata comes\n"
           "from front matter at the top of a file ('Key: value' lines, then a blank\n"
           "line) or from manifest.tsv in the corpus root; every other JSON Lines\n"
           "member and manifest column is a field, searched as NAME:words.\n"
           "\n"
           "Exit status: 0 all files indexed, 1 some files failed (reported),\n"
           "2 usage error or the index could not be written (or --check found it\n"
           "damaged), 130 stopped by SIGINT, 143 stopped by SIGTERM (128 + the\n"
           "signal, as a shell reports it; what was done is committed).\n",
           msg_program(), DEFAULT_COMMIT_EVERY, DBPATH_DEFAULT, DEFAULT_MEMORY_MB, MIN_MEMORY_MB);
}

/* Documents Xapian holds at most before it writes their postings out.
 * Its pending changes are maps searched for every posting of every new
 * document, and held larger they cost more in cache misses than writing
 * out less often saves (doc/benchmarks.md, "Flush threshold").  300
 * rather than the 4,992 of the default budget: BBC News 20-30% less CPU,
 * the 949 html-eval pages 11%, 20 Newsgroups 25-38%, the same index;
 * at 155,000 mixed articles 1,000 did as well (more writes, fewer misses),
 * and larger archives are not measured. */
#define FLUSH_DOCUMENTS_MAX 300

/* Sets Xapian's flush threshold (documents held in memory before their
 * postings are written to the tables, still inside the run's one
 * transaction) from a memory budget, at most FLUSH_DOCUMENTS_MAX.
 * Measured on 20 Newsgroups (news-sized posts, 1.7 KB of text on average;
 * maximum resident set size with 500, 2,000 and 5,000 documents held):
 * about 48 MB of fixed cost, then up to 42 KiB per document held, so 24
 * documents per megabyte.  Each of SHARD_COUNT shards holds its own
 * documents: they share the budget. */
static void set_memory_budget(unsigned long megabytes, size_t shard_count)
{
    char threshold[32];
    unsigned long documents =
        (megabytes - MIN_MEMORY_MB / 2) * 24 / (shard_count ? shard_count : 1);
    snprintf(threshold, sizeof threshold, "%lu",
             documents < FLUSH_DOCUMENTS_MAX ? documents : FLUSH_DOCUMENTS_MAX);
    setenv("XAPIAN_FLUSH_THRESHOLD", threshold, 1);
}

static unsigned long parse_megabytes(const char *arg)
{
    char *end;
    unsigned long v = strtoul(arg, &end, 10);
    if (*arg < '0' || *arg > '9' || *end != '\0' || v < MIN_MEMORY_MB || v > 1048576)
        usagef("--memory: '%s' is not a number of megabytes between %d and 1048576", arg,
               MIN_MEMORY_MB);
    return v;
}

static unsigned parse_count(const char *arg)
{
    char *end;
    unsigned long v = strtoul(arg, &end, 10);
    if (*arg < '0' || *arg > '9' || *end != '\0' || v > 100000000)
        usagef("--commit-every: '%s' is not a number of documents between 0 and 100000000",
               arg);
    return (unsigned)v;
}

/* A whole number from 1 to MAX for OPTION, naming WHAT it counts. */
static unsigned parse_number(const char *option, const char *arg, unsigned max,
                             const char *what)
{
    char *end;
    unsigned long v = strtoul(arg, &end, 10);
    if (*arg < '0' || *arg > '9' || *end != '\0' || v < 1 || v > max)
        usagef("%s: '%s' is not a number of %s between 1 and %u", option, arg, what, max);
    return (unsigned)v;
}

/* Non-zero if there is an index with documents at PATH. */
static int holds_documents(const char *path)
{
    xs_db_t *db = NULL;
    unsigned docs = 0;
    int holds = xs_db_open_read(path, &db, NULL) == XS_OK && xs_db_doc_count(db, &docs) == XS_OK
                && docs > 0;
    xs_db_close(db);
    return holds;
}

/* --shard K/N: shard K (1 to N) of N (2 to SHARDS_MAX). */
static void parse_shard(const char *arg, build_options_t *opts)
{
    char *end;
    unsigned long k = strtoul(arg, &end, 10), n = 0;
    if (*arg >= '0' && *arg <= '9' && *end == '/' && end[1] >= '0' && end[1] <= '9') {
        const char *of = end + 1;
        n = strtoul(of, &end, 10);
    }
    if (*end != '\0' || n < 2 || n > SHARDS_MAX || k < 1 || k > n)
        usagef("--shard: '%s' is not K/N, shard K of N (1 <= K <= N, 2 <= N <= %d)", arg,
               SHARDS_MAX);
    opts->shard_index = (unsigned)k - 1;
    opts->shard_of = (unsigned)n;
}

static double parse_seconds(const char *arg)
{
    char *end;
    double v = strtod(arg, &end);
    if (*arg == '\0' || *end != '\0' || !(v >= 0 && v <= 86400))
        usagef("--lock-wait: '%s' is not a number of seconds between 0 and 86400", arg);
    return v;
}

/* The summary of a run: "DB: 3 added, 0 updated, 0 removed, 0 unchanged,
 * 1 failed (1 duplicate id), 12 skipped (.pdf 10, .docx 2) (0.02 s)". */
static void print_summary(const char *db_path, const build_stats_t *stats, double seconds)
{
    buf_t line = BUF_INIT;
    buf_printf(&line, "%s: %u added, %u updated, %u removed, %u unchanged, %u failed", db_path,
               stats->added, stats->updated, stats->removed, stats->unchanged, stats->failed);
    if (stats->duplicates)
        buf_printf(&line, " (%u duplicate id%s)", stats->duplicates,
                   stats->duplicates == 1 ? "" : "s");
    if (tally_total(&stats->skipped)) {
        buf_printf(&line, ", %u skipped (", tally_total(&stats->skipped));
        tally_format(&stats->skipped, &line);
        buf_putc(&line, ')');
    }
    buf_printf(&line, "%s (%.2f s)\n", build_stop_signal ? ", interrupted" : "", seconds);
    fputs(line.failed ? "out of memory\n" : line.data, stdout);
    buf_free(&line);
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        { "check", no_argument, NULL, 'C' },
        { "commit-every", required_argument, NULL, 'c' },
        { "db", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { "extract", no_argument, NULL, 'E' },
        { "follow-symlinks", no_argument, NULL, 'F' },
        { "jobs", required_argument, NULL, 'j' },
        { "language", required_argument, NULL, 'l' },
        { "list-languages", no_argument, NULL, 'L' },
        { "lock-wait", required_argument, NULL, 'w' },
        { "memory", required_argument, NULL, 'm' },
        { "no-compact", no_argument, NULL, 'N' },
        { "quiet", no_argument, NULL, 'q' },
        { "rebuild", no_argument, NULL, 'R' },
        { "shard", required_argument, NULL, 'K' },
        { "shards", required_argument, NULL, 'S' },
        { "verbose", no_argument, NULL, 'v' },
        { "version", no_argument, NULL, 'V' },
        { "write-stub", required_argument, NULL, 'W' },
        { NULL, 0, NULL, 0 },
    };
    build_options_t opts = { .lock_wait = 10.0, .commit_every = DEFAULT_COMMIT_EVERY,
                             .jobs = 1, .compact = 1 };
    shard_layout_t layout;
    unsigned shards = 0;
    const char *db_option = NULL, *stub_file = NULL;
    int quiet = 0, check = 0, rebuild = 0, extract = 0, c;
    unsigned long memory_mb = DEFAULT_MEMORY_MB;
    build_stats_t stats;
    struct timespec t0, t1;

    msg_init(argv[0]);
    opterr = 0;  /* options_reject() says it, with the nearest option */
    while ((c = getopt_long(argc, argv, ":d:hj:l:m:qvV", options, NULL)) != -1) {
        switch (c) {
        case '?': case ':': options_reject(c, argv, options, ":d:hj:l:m:qvV");
        case 'C': check = 1; break;
        case 'c': opts.commit_every = parse_count(optarg); break;
        case 'd': db_option = optarg; break;
        case 'R': rebuild = 1; break;
        case 'E': extract = 1; break;
        case 'F': opts.follow_links = 1; break;
        case 'N': opts.compact = 0; break;
        case 'K': parse_shard(optarg, &opts); break;
        case 'S': shards = parse_number("--shards", optarg, SHARDS_MAX, "shards"); break;
        case 'W': stub_file = optarg; break;
        case 'j': opts.jobs = parse_number("--jobs", optarg, JOBS_MAX, "processes"); break;
        case 'h': usage(); return EXIT_MATCH;
        case 'l': opts.language = optarg; break;
        case 'L':
            for (const char **l = analyzer_languages(); *l; l++)
                puts(*l);
            return EXIT_MATCH;
        case 'm': memory_mb = parse_megabytes(optarg); break;
        case 'w': opts.lock_wait = parse_seconds(optarg); break;
        case 'q': quiet = 1; break;
        case 'v': opts.verbose = 1; break;
        case 'V':
            printf("trawl-index %s (Xapian %s)\n", TRAWL_VERSION, xs_xapian_version());
            return EXIT_MATCH;
        default:
            fprintf(stderr, "try '%s --help' for more information\n", msg_program());
            return EXIT_TROUBLE;
        }
    }
    if (stub_file) {
        if (optind == argc)
            usagef("--write-stub names at least one SHARD (HOST:PORT or a directory)");
        return shard_write_stub(stub_file, argv + optind, (size_t)(argc - optind)) == 0
                   ? EXIT_MATCH : EXIT_TROUBLE;
    }
    if (check) {
        if (optind != argc || rebuild)
            usagef("--check takes no PATH and no --rebuild");
        const char *path = dbpath_resolve(db_option);
        if (shard_layout(path, 0, &layout) != 0)
            return EXIT_TROUBLE;
        int status = maintain_check(path, (const char *const *)layout.paths, layout.count);
        shard_layout_free(&layout);
        return status;
    }
    if (optind == argc)
        usagef("no PATH to index");
    if (extract) {
        if (rebuild || check || opts.shard_of || shards || opts.jobs > 1)
            usagef("--extract touches no index: it takes no --rebuild, --check, --shard, "
                   "--shards or --jobs");
        opts.max_record_bytes = (size_t)memory_mb << 17;
        if (extract_run(&opts, argv + optind, (size_t)(argc - optind), stdout, &stats) != 0)
            return EXIT_TROUBLE;
        if (!quiet && (stats.failed || tally_total(&stats.skipped))) {
            buf_t line = BUF_INIT;
            buf_printf(&line, "%u articles, %u failed", stats.added, stats.failed);
            if (tally_total(&stats.skipped)) {
                buf_printf(&line, ", %u skipped (", tally_total(&stats.skipped));
                tally_format(&stats.skipped, &line);
                buf_putc(&line, ')');
            }
            warnf("%s", line.data ? line.data : "out of memory");
            buf_free(&line);
        }
        return stats.failed ? EXIT_NO_MATCH : EXIT_MATCH;
    }
    if (opts.language) {
        char *err = NULL;
        analyzer_t *check = analyzer_new(opts.language, &err);
        if (check == NULL)
            usagef("%s", err ? err : "out of memory");
        analyzer_free(check);
    }
    opts.db_path = dbpath_resolve(db_option);
    if (shard_layout(opts.db_path, shards, &layout) != 0)
        return EXIT_TROUBLE;
    if (opts.shard_of && layout.count)
        usagef("--shard builds one shard as a plain index: give it a --db of its own, "
               "not a sharded index");
    if (rebuild && layout.count)
        usagef("--rebuild does not rebuild a sharded index: index into a new --db "
               "and rename it");
    if (opts.jobs > 1 && layout.count)
        usagef("--jobs builds a single index, not a sharded one");
    /* Parts are merged into a new index: an index with documents would
     * have to be read back into them. */
    if (opts.jobs > 1 && !rebuild && holds_documents(opts.db_path))
        usagef("--jobs builds a new index, and '%s' holds one: add --rebuild to build it "
               "afresh, or give a new --db", opts.db_path);
    opts.shard_paths = (const char *const *)layout.paths;
    opts.shard_count = layout.count;
    set_memory_budget(memory_mb, layout.count ? layout.count : opts.jobs);
    /* A file or record may take an eighth of the budget (a default run:
     * 32 MiB): its postings are held in memory too. */
    opts.max_record_bytes = (size_t)memory_mb << 17;
    opts.progress = !quiet && isatty(STDERR_FILENO);

    /* With a file size limit (ulimit -f), a write past it would kill the
     * process; ignored, the write fails (EFBIG) and the error is reported
     * like a full disk. */
    signal(SIGXFSZ, SIG_IGN);
    build_catch_signals();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* In parts, a new index is built beside and put in place at the end,
     * as --rebuild does. */
    int whole = rebuild || opts.jobs > 1;
    int built = (whole ? maintain_rebuild : build_index)(&opts, argv + optind,
                                                         (size_t)(argc - optind), &stats);
    shard_layout_free(&layout);
    if (built != 0)
        return EXIT_TROUBLE;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!quiet)
        print_summary(opts.db_path, &stats,
                      (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    if (build_stop_signal) {
        warnf("interrupted by %s: %s", build_stop_signal == SIGINT ? "SIGINT" : "SIGTERM",
              whole ? "the index is unchanged"
                      : "what was done is committed; run again to finish");
        return 128 + build_stop_signal;
    }
    return stats.failed ? EXIT_NO_MATCH : EXIT_MATCH;
}
