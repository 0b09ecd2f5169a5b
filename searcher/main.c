/* main.c: trawl-search, ranked search of a trawl index from the terminal.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "buf.h"
#include "defaults.h"
#include "date.h"
#include "dbpath.h"
#include "manifest.h"
#include "msg.h"
#include "options.h"
#include "output.h"
#include "pager.h"
#include "report.h"
#include "search.h"
#include "show.h"
#include "kwic.h"
#include "wrap.h"

/* More than a person reads; --limit 0 streams every match. */
#define MAX_LIMIT 10000
#define MAX_KWIC_WIDTH 1000
/* The most --db options: far more shards than anyone searches at once. */
#define MAX_DBS 1024

static void usage(void)
{
    printf("Usage: %s [OPTION]... QUERY...\n"
           "  or:  %s [OPTION]... --batch FILE\n"
           "  or:  %s [OPTION]... --count-by year|month|source|FIELD QUERY...\n"
           "  or:  %s [OPTION]... --show ID [QUERY...]\n"
           "  or:  %s [OPTION]... --stats\n"
           "  or:  %s [OPTION]... --groups\n"
           "Search a trawl index and print the best articles first, with\n"
           "snippets and citations.  Articles that contain every word of the\n"
           "query rank above those that contain some.\n"
           "\n"
           "Options:\n"
           "  -d, --db DIR          the index (default: $TRAWL_DB, else ./%s); a\n"
           "                        sharded index's directory or a Xapian stub file\n"
           "                        too; repeated, the indexes are searched as one\n"
           "  -n, --limit N         show N results per query (default 10, at most %d;\n"
           "                        0: every match, streamed)\n"
           "      --offset N        skip the first N results (default 0)\n"
           "  -f, --format FORMAT   text (default), json (JSON Lines: one object per hit),\n"
           "                        tsv, csv (RFC 4180, header row), trec (a TREC run)\n"
           "                        or kwic (a concordance: a line each match, in context;\n"
           "                        kwic-tsv, kwic-csv: its cells id, paragraph, left,\n"
           "                        match, right)\n"
           "      --kwic-width N    kwic: columns of context each side (default: what\n"
           "                        fits the terminal's width)\n"
           "      --kwic-sort SIDE  kwic: lines sorted by the words left or right of the\n"
           "                        match (default none: in the order of the hits)\n"
           "      --fields LIST     columns of tsv and csv, keys of json, comma-separated:\n"
           "                        query_id, query, rank, id, score, all_words, title,\n"
           "                        title_derived, source, date, byline, url, meta,\n"
           "                        path, citation, snippets\n"
           "      --run-tag TAG     the last column of a TREC run (default trawl)\n"
           "  -c, --count           print only the number of matching articles\n"
           "      --color WHEN      mark matches in colour: auto (default), always, never;\n"
           "                        auto means on a terminal and NO_COLOR unset\n"
           "      --snippet-chars N snippet length per hit in characters (default %d;\n"
           "                        0: no snippets)\n"
           "      --no-snippets     no snippets (the same as --snippet-chars 0)\n"
           "      --no-pager        on a terminal, no pager (default: $TRAWL_PAGER, the\n"
           "                        config's pager, $PAGER, else less -FRX); text is\n"
           "                        folded to the terminal's width all the same\n"
           "\n"
           "Query and ranking:\n"
           "      --all             only articles with every word\n"
           "      --any             any word, ranked by BM25 score alone (default: articles\n"
           "                        with every word first, then those with some)\n"
           "      --sort ORDER      relevance (default), newest or oldest (also written\n"
           "                        -date and date): by date over every match, undated last\n"
           "      --k1 K1           BM25 term-frequency saturation (default %g)\n"
           "      --b B             BM25 length normalisation, 0 to 1 (default %g)\n"
           "      --feedback        re-rank by the words that mark the 10 best articles\n"
           "                        (pseudo-relevance feedback; one more search a query);\n"
           "                        default: for queries of %d plain words or more\n"
           "      --no-feedback     no such re-ranking\n"
           "      --explain         print how the query was understood\n"
           "      --duplicates HOW  collapse (default): one hit per near-duplicate group\n"
           "                        (a story), its best-ranked article, the page over\n"
           "                        stories; keep: every article (the default of\n"
           "                        --format trec, whose runs are judged by article)\n"
           "QUERY: words; \"a phrase\"; AND, OR, NOT, ( ); +word, -word; a NEAR/n b,\n"
           "a ADJ/n b (n default %d); word*; title:, body:, comments:, source:, id:;\n"
           "date:2014, date:2014-06, date:2013..2014-06-30, date:..2014, date:2014..;\n"
           "byline: (author:) and the index's metadata fields: category:words,\n"
           "category=value (exactly as stored), source=value\n"
           "Stopwords (the, of, what...) are left out of longer plain-word queries.\n"
           "\n"
           "Research:\n"
           "  -b, --batch FILE      run one query per line of FILE ('-': standard input):\n"
           "                        'id<TAB>query', or a query whose id is its line number\n"
           "      --manifest FILE   write what makes the run reproducible (versions, the\n"
           "                        index's UUID, revision and size, analyzer, ranking,\n"
           "                        command line) to FILE as JSON\n"
           "      --json-header     with --format json, the same as a first line\n"
           "                        {\"trawl_header\":{...}}\n"
           "      --chart           with --count-by: the rows as a bar chart\n"
           "      --count-by WHAT   matches per year, month, source or value of a\n"
           "                        metadata field (byline, category, ...), next to\n"
           "                        the articles the index holds there (csv, or json)\n"
           "      --stats           print the index's statistics\n"
           "      --groups          list every near-duplicate group of two or more:\n"
           "                        group<TAB>id an article (tsv, csv or json)\n"
           "      --show ID         print the stored article ID, paragraphs numbered,\n"
           "                        the QUERY's words marked (text, or json); ID may\n"
           "                        leave out its extension, as a TREC run does\n"
           "      --cite STYLE      write the hits as references: text, bibtex, ris or\n"
           "                        csl-json\n"
           "      --accessed DATE   the accessed date of references (YYYY-MM-DD;\n"
           "                        default today)\n"
           "\n"
           "      --print-config    print each setting in force and where it came from\n"
           "                        (the config file and line, the environment, the\n"
           "                        command line or the default), and exit\n"
           "  -h, --help            print this help and exit\n"
           "  -V, --version         print the version and exit\n"
           "\n"
           "TSV escapes backslash, tab, newline and carriage return as \\\\, \\t, \\n, \\r.\n"
           "A TREC run names documents by their id without .txt or .txt.gz, and its\n"
           "scores strictly decrease with rank: the BM25 score, lowered where needed\n"
           "to 0.000001 below the previous hit's (articles with every word rank first).\n"
           "Ties in score are broken by article id, descending, as trec_eval breaks them.\n"
           "\n"
           "Environment: TRAWL_DB (the index), NO_COLOR (no colour in auto mode),\n"
           "TRAWL_PAGER and PAGER (the pager), COLUMNS (the width to fold text to;\n"
           "default the terminal's), XDG_CONFIG_HOME (where trawl/config is; default\n"
           "~/.config).\n"
           "Config file: 'key = value' lines, a key being any long option's name\n"
           "(limit = 20, colour = never, no-snippets = yes) or pager (a command, or\n"
           "none); ~/ in db, batch and manifest is the home directory; the options\n"
           "win, and TRAWL_DB wins over db.  See trawl-search(1).\n"
           "Exit status: 0 something matched, 1 nothing matched, 2 usage error or\n"
           "the index could not be read; with --batch, 2 when any line failed (each\n"
           "is reported with its line number; the other lines still run).\n",
           msg_program(), msg_program(), msg_program(), msg_program(), msg_program(), msg_program(),
           DBPATH_DEFAULT, MAX_LIMIT, SNIPPET_DEFAULT_CHARS, SEARCH_DEFAULT_K1,
           SEARCH_DEFAULT_B, SEARCH_FEEDBACK_MIN_WORDS, QUERY_NEAR_DEFAULT);
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

/* A number from 0 to MAX for OPTION ("1.2"). */
static double parse_real(const char *option, const char *arg, double max)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end != '\0' || !(v >= 0 && v <= max))
        usagef("%s: '%s' is not a number from 0 to %g", option, arg, max);
    return v;
}

static search_sort_t parse_sort(const char *arg)
{
    search_sort_t sort;
    if (search_sort_parse(arg, &sort) != 0)
        usagef("--sort: '%s' is not one of " SEARCH_SORT_NAMES, arg);
    return sort;
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

/* --format NAME; the concordance's table layouts set *KWIC's. */
static format_t parse_format(const char *name, kwic_style_t *kwic)
{
    static const char *const names[] = {
        [FORMAT_TEXT] = "text", [FORMAT_JSON] = "json", [FORMAT_TSV] = "tsv",
        [FORMAT_CSV] = "csv", [FORMAT_TREC] = "trec", [FORMAT_KWIC] = "kwic",
    };
    kwic->layout = KWIC_ALIGNED;
    if (strcmp(name, "kwic-tsv") == 0 || strcmp(name, "kwic-csv") == 0) {
        kwic->layout = name[5] == 't' ? KWIC_TSV : KWIC_CSV;
        return FORMAT_KWIC;
    }
    for (int f = FORMAT_TEXT; f <= FORMAT_KWIC; f++)
        if (strcmp(name, names[f]) == 0)
            return (format_t)f;
    usagef("--format: '%s' is not one of text, json, tsv, csv, trec, kwic, kwic-tsv, kwic-csv",
           name);
}

static kwic_sort_t parse_kwic_sort(const char *name)
{
    if (strcmp(name, "left") == 0)
        return KWIC_SORT_LEFT;
    if (strcmp(name, "right") == 0)
        return KWIC_SORT_RIGHT;
    if (strcmp(name, "none") == 0)
        return KWIC_SORT_NONE;
    usagef("--kwic-sort: '%s' is not one of left, right, none", name);
}

/* A day written YYYY-MM-DD that exists (2024-02-30 does not): the rule of
 * date:, and of trawl.cgi's from and to (date_parse_iso()). */
static int valid_date(const char *s)
{
    date_t d;
    return date_parse_iso(s, strlen(s), &d) == DATE_DAY;
}

static void today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Writes the manifest to PATH (when given) and, when JSON_HEADER, as the
 * first line of the output.  Returns 0, or -1 after reporting. */
static int write_manifest(FILE *out, searcher_t *s, const char *db_path, const char *path,
                          int json_header, int argc, char **argv)
{
    char *errmsg = NULL;
    char *json = manifest_json(s, db_path, argc, argv, &errmsg);
    if (json == NULL) {
        errorf("cannot make the manifest: %s", errmsg ? errmsg : "out of memory");
        free(errmsg);
        return -1;
    }
    if (path) {
        FILE *fp = fopen(path, "w");
        if (fp == NULL || fprintf(fp, "%s\n", json) < 0 || fclose(fp) != 0) {
            errorf("cannot write the manifest '%s': %s", path, strerror(errno));
            free(json);
            return -1;
        }
    }
    if (json_header)
        fprintf(out, "{\"trawl_header\":%s}\n", json);
    free(json);
    return 0;
}

/* The long options; the config file's settings are their names
 * (defaults.h). */
enum option_code { OPT_ACCESSED = 256, OPT_CITE, OPT_COUNT_BY, OPT_FIELDS, OPT_JSON_HEADER,
                   OPT_MANIFEST, OPT_NO_SNIPPETS, OPT_RUN_TAG, OPT_SHOW, OPT_STATS,
                   OPT_ALL, OPT_ANY, OPT_B, OPT_EXPLAIN, OPT_FEEDBACK, OPT_K1,
                   OPT_NO_FEEDBACK, OPT_SORT, OPT_NO_PAGER, OPT_PRINT_CONFIG, OPT_GROUPS,
                   OPT_KWIC_WIDTH, OPT_KWIC_SORT, OPT_CHART, OPT_DUPLICATES };

static const struct option options[] = {
    { "accessed", required_argument, NULL, OPT_ACCESSED },
    { "all", no_argument, NULL, OPT_ALL },
    { "any", no_argument, NULL, OPT_ANY },
    { "b", required_argument, NULL, OPT_B },
    { "batch", required_argument, NULL, 'b' },
    { "cite", required_argument, NULL, OPT_CITE },
    { "color", required_argument, NULL, 'C' },
    { "colour", required_argument, NULL, 'C' },
    { "count", no_argument, NULL, 'c' },
    { "count-by", required_argument, NULL, OPT_COUNT_BY },
    { "db", required_argument, NULL, 'd' },
    { "duplicates", required_argument, NULL, OPT_DUPLICATES },
    { "explain", no_argument, NULL, OPT_EXPLAIN },
    { "fields", required_argument, NULL, OPT_FIELDS },
    { "format", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { "json-header", no_argument, NULL, OPT_JSON_HEADER },
    { "k1", required_argument, NULL, OPT_K1 },
    { "limit", required_argument, NULL, 'n' },
    { "manifest", required_argument, NULL, OPT_MANIFEST },
    { "feedback", no_argument, NULL, OPT_FEEDBACK },
    { "no-feedback", no_argument, NULL, OPT_NO_FEEDBACK },
    { "no-snippets", no_argument, NULL, OPT_NO_SNIPPETS },
    { "no-pager", no_argument, NULL, OPT_NO_PAGER },
    { "offset", required_argument, NULL, 'o' },
    { "print-config", no_argument, NULL, OPT_PRINT_CONFIG },
    { "run-tag", required_argument, NULL, OPT_RUN_TAG },
    { "show", required_argument, NULL, OPT_SHOW },
    { "snippet-chars", required_argument, NULL, 's' },
    { "sort", required_argument, NULL, OPT_SORT },
    { "stats", no_argument, NULL, OPT_STATS },
    { "groups", no_argument, NULL, OPT_GROUPS },
    { "kwic-width", required_argument, NULL, OPT_KWIC_WIDTH },
    { "kwic-sort", required_argument, NULL, OPT_KWIC_SORT },
    { "chart", no_argument, NULL, OPT_CHART },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
};
#define SHORT_OPTIONS ":b:cd:f:hn:V"
#define OPTION_COUNT (sizeof options / sizeof options[0] - 1)

/* The index in options[] of the option getopt_long() returned as C: the
 * first of that code, so that -n is limit and colour is color. */
static size_t option_index(int c)
{
    size_t i = 0;
    while (i < OPTION_COUNT && options[i].val != c)
        i++;
    return i;
}

/* Options that mean nothing with another (the config file's defaults
 * aside): an error saying so, not silently ignored. */
static void check_combinations(const int *on_command_line)
{
    static const struct {
        int mode;
        int others[8];
    } pointless[] = {
        { 'c', { OPT_EXPLAIN, 'o', 'n', OPT_CITE, OPT_FIELDS, OPT_SORT, 's', OPT_NO_SNIPPETS } },
        { OPT_STATS, { OPT_EXPLAIN, 'o', 'n', OPT_CITE, OPT_FIELDS, OPT_SORT, OPT_ALL, OPT_ANY } },
        { OPT_SHOW, { OPT_EXPLAIN, 'o', 'n', OPT_CITE, OPT_FIELDS, OPT_SORT, 0 } },
    };
    for (size_t m = 0; m < sizeof pointless / sizeof pointless[0]; m++) {
        size_t mode = option_index(pointless[m].mode);
        for (size_t k = 0; on_command_line[mode] && k < 8 && pointless[m].others[k]; k++) {
            size_t other = option_index(pointless[m].others[k]);
            if (on_command_line[other])
                usagef("--%s does not go with --%s: %s", options[other].name,
                       options[mode].name,
                       pointless[m].mode == 'c' ? "a count has no results to shape"
                       : pointless[m].mode == OPT_STATS ? "the statistics are of the whole index"
                                                         : "--show prints one whole article");
        }
    }
}

/* --print-config: each setting in force and where it came from. */
static void print_config(const defaults_t *d, const char **given, const char **origin,
                         const char *db_option)
{
    char where[4096];
    size_t db = option_index('d');
    const char *env_db = getenv("TRAWL_DB"), *from = NULL, *pager;

    if (d->path)
        printf("# config file: %s%s\n", d->path, access(d->path, F_OK) == 0 ? "" : " (none)");
    if (db_option == NULL && env_db && *env_db) {
        given[db] = env_db;
        origin[db] = "TRAWL_DB";
    } else if (db_option == NULL && (given[db] = defaults_get(d, "db", &from, where,
                                                                sizeof where)) != NULL)
        origin[db] = from;
    defaults_print(stdout, options, given, origin);
    if (getenv("TRAWL_PAGER")) {
        pager = getenv("TRAWL_PAGER");
        from = "TRAWL_PAGER";
    } else if ((pager = defaults_get(d, "pager", &from, where, sizeof where)) == NULL) {
        pager = getenv("PAGER");
        from = pager ? "PAGER" : "default";
    }
    printf("pager = %s  (%s)\n", pager ? pager : "less -FRX", from);
}

int main(int argc, char **argv)
{
    search_options_t opts = { .limit = 10, .snippet_chars = SNIPPET_DEFAULT_CHARS,
                              .collapse = 1 };
    double bm25_k1 = SEARCH_DEFAULT_K1, bm25_b = SEARCH_DEFAULT_B;
    search_feedback_t feedback = SEARCH_FEEDBACK_AUTO;
    search_sort_t sort = SEARCH_BY_RELEVANCE;
    query_mode_t mode = QUERY_DEFAULT;
    int explain = 0;
    output_options_t out_opts = { .format = FORMAT_TEXT, .run_tag = "trawl" };
    const char *dbs[MAX_DBS];  /* every --db given, searched as one */
    size_t db_count = 0;
    buf_t all_dbs = BUF_INIT;  /* them joined by ", ", for the manifest */
    const char *db_option = NULL, *color = "auto", *fields = NULL, *batch_file = NULL;
    const char *manifest_file = NULL, *count_by = NULL, *show_id = NULL, *accessed = NULL;
    int count_only = 0, json_header = 0, stats = 0, groups = 0, chart = 0, c;
    int duplicates_given = 0;
    int status = EXIT_TROUBLE;
    int no_pager = 0, want_config = 0, on_command_line[OPTION_COUNT + 1] = { 0 };
    const char *given[OPTION_COUNT + 1] = { NULL }, *origin[OPTION_COUNT + 1] = { NULL };
    pager_t pg = { stdout, NULL, NULL };
    char *errmsg = NULL, accessed_today[11];
    buf_t query = BUF_INIT;

    msg_init(argv[0]);
    /* Defaults from the config file, parsed as options before the command
     * line's: the same checks, and the command line wins.  Static: the
     * options point into it until the program ends, whichever way. */
    static defaults_t defaults;
    if (defaults_read(&defaults, options, argv[0]) != 0)
        return EXIT_TROUBLE;
    opterr = 0;
    for (int pass = 0; pass < 2; pass++) {
    int ac = pass ? argc : defaults.arg_count, longindex;
    char **av = pass ? argv : defaults.args;
    optind = 0;
    while ((longindex = -1, c = getopt_long(ac, av, SHORT_OPTIONS, options, &longindex)) != -1) {
        if (c == '?' || c == ':')
            options_reject(c, av, options, SHORT_OPTIONS);
        size_t which = option_index(c);
        given[which] = optarg ? optarg : "yes";
        origin[which] = pass ? "command line" : defaults.arg_origin[optind - 1];
        on_command_line[which] = pass;
        switch (c) {
        case OPT_ACCESSED: accessed = optarg; break;
        case OPT_ALL: mode = QUERY_ALL; break;
        case OPT_ANY: mode = QUERY_ANY; break;
        case OPT_B: bm25_b = parse_real("--b", optarg, 1); break;
        case OPT_EXPLAIN: explain = 1; break;
        case OPT_K1: bm25_k1 = parse_real("--k1", optarg, 100); break;
        case OPT_FEEDBACK: feedback = SEARCH_FEEDBACK_ON; break;
        case OPT_NO_FEEDBACK: feedback = SEARCH_FEEDBACK_OFF; break;
        case OPT_SORT: sort = parse_sort(optarg); break;
        case OPT_DUPLICATES:
            if (strcmp(optarg, "keep") != 0 && strcmp(optarg, "collapse") != 0)
                usagef("--duplicates: '%s' is not one of collapse, keep", optarg);
            opts.collapse = strcmp(optarg, "collapse") == 0;
            duplicates_given = 1;
            break;
        case 'b': batch_file = optarg; break;
        case OPT_CITE:
            if (cite_parse_style(optarg, &out_opts.cite) != 0)
                usagef("--cite: '%s' is not one of text, bibtex, ris, csl-json", optarg);
            break;
        case 'C': color = optarg; break;
        case 'c': count_only = 1; break;
        case OPT_COUNT_BY: count_by = optarg; break;
        case 'd':
            if (db_count == MAX_DBS)
                usagef("--db: at most %d indexes", MAX_DBS);
            dbs[db_count++] = db_option = optarg;
            break;
        case OPT_FIELDS: fields = optarg; break;
        case 'f': out_opts.format = parse_format(optarg, &out_opts.kwic); break;
        case OPT_KWIC_SORT: out_opts.kwic.sort = parse_kwic_sort(optarg); break;
        case 'h': usage(); return EXIT_MATCH;
        case OPT_JSON_HEADER: json_header = 1; break;
        case 'n': opts.limit = parse_count("--limit", optarg, MAX_LIMIT); break;
        case OPT_MANIFEST: manifest_file = optarg; break;
        case OPT_NO_SNIPPETS: opts.snippet_chars = 0; break;
        case 'o': opts.offset = parse_count("--offset", optarg, INT_MAX); break;
        case OPT_RUN_TAG: out_opts.run_tag = optarg; break;
        case OPT_SHOW: show_id = optarg; break;
        case 's': opts.snippet_chars = parse_count("--snippet-chars", optarg, 100000); break;
        case OPT_STATS: stats = 1; break;
        case OPT_GROUPS: groups = 1; break;
        case OPT_CHART: chart = 1; break;
        case OPT_KWIC_WIDTH:
            out_opts.kwic.width = parse_count("--kwic-width", optarg, MAX_KWIC_WIDTH);
            if (out_opts.kwic.width == 0)
                usagef("--kwic-width: give at least 1 column of context");
            break;
        case 'V':
            printf("trawl-search %s (Xapian %s)\n", TRAWL_VERSION, search_xapian_version());
            return EXIT_MATCH;
        case OPT_NO_PAGER: no_pager = 1; break;
        case OPT_PRINT_CONFIG: want_config = 1; break;
        default:
            fprintf(stderr, "try '%s --help' for more information\n", msg_program());
            return EXIT_TROUBLE;
        }
    }
    }
    check_combinations(on_command_line);

    if (want_config) {
        if (optind < argc)
            usagef("--print-config takes no QUERY");
        print_config(&defaults, given, origin, db_option);
        defaults_free(&defaults);
        return fflush(stdout) == 0 ? EXIT_MATCH : EXIT_TROUBLE;
    }
    if ((batch_file != NULL) + (count_by != NULL) + (show_id != NULL) + stats + groups
        + count_only > 1)
        usagef("--batch, --count, --count-by, --show, --stats and --groups do not go together");
    if (chart && (count_by == NULL || out_opts.format != FORMAT_TEXT))
        usagef("--chart draws --count-by's rows in the terminal: it goes with --count-by, "
               "and not with --format");
    if (count_by && *count_by == '\0')
        usagef("--count-by: say what to count by: year, month, source or a field");
    if (json_header && out_opts.format != FORMAT_JSON)
        usagef("--json-header goes with --format json");
    if (strpbrk(out_opts.run_tag, " \t\n\r") || *out_opts.run_tag == '\0')
        usagef("--run-tag: '%s' must be one word", out_opts.run_tag);
    if (accessed && !valid_date(accessed))
        usagef("--accessed: '%s' is not a date written YYYY-MM-DD", accessed);
    if (accessed == NULL) {
        today(accessed_today);
        accessed = accessed_today;
    }
    out_opts.accessed = accessed;
    out_opts.color = want_color(color);
    output_default_fields(&out_opts, batch_file != NULL);
    if (fields) {
        if (out_opts.format == FORMAT_TEXT || out_opts.format == FORMAT_TREC
            || out_opts.format == FORMAT_KWIC)
            usagef("--fields goes with --format tsv, csv or json");
        if (output_parse_fields(&out_opts, fields, &errmsg) != 0)
            usagef("--fields: %s", errmsg);
    }
    if (batch_file || stats || groups) {
        if (optind < argc)
            usagef("%s takes no QUERY", batch_file ? "--batch" : stats ? "--stats" : "--groups");
    } else if (optind == argc && show_id == NULL)
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
    /* A TREC run is judged article by article (Cranfield's qrels judge
     * both copies of its near-duplicate pairs): every article, unless
     * asked otherwise. */
    if (out_opts.format == FORMAT_TREC && !duplicates_given)
        opts.collapse = 0;
    if (!output_needs_snippets(&out_opts))
        opts.snippet_chars = 0;
    opts.copies = output_needs_copies(&out_opts);
    opts.marks = output_needs_marks(&out_opts);
    if (out_opts.kwic.width == 0)
        out_opts.kwic.width = kwic_default_width(wrap_terminal_width(STDOUT_FILENO));
    out_opts.kwic.color = out_opts.color;
    if (out_opts.kwic.sort != KWIC_SORT_NONE && out_opts.format != FORMAT_KWIC)
        usagef("--kwic-sort goes with --format kwic, kwic-tsv or kwic-csv");

    /* --db, then TRAWL_DB, then the config file's db, then the default. */
    const char *env_db = getenv("TRAWL_DB");
    if (db_option == NULL && (env_db == NULL || *env_db == '\0'))
        db_option = defaults_get(&defaults, "db", NULL, NULL, 0);
    const char *db_path = dbpath_resolve(db_option);
    for (size_t i = 0; db_count > 1 && i < db_count; i++)
        buf_printf(&all_dbs, "%s%s", i ? ", " : "", dbs[i]);
    if (db_count > 1)
        db_path = all_dbs.failed ? dbs[0] : all_dbs.data;
    searcher_t *s = NULL;
    if (db_count <= 1)
        dbs[0] = db_path;
    if (searcher_open(dbs, db_count > 1 ? db_count : 1, &s, &errmsg) != SEARCH_OK) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        free(errmsg);
        buf_free(&query);
        buf_free(&all_dbs);
        return EXIT_TROUBLE;
    }
    searcher_set_ranking(s, mode, bm25_k1, bm25_b);
    searcher_set_feedback(s, feedback);
    searcher_set_explain(s, explain);
    searcher_restrict(s, NULL, sort);
    /* A page of results on a terminal: through the pager, and text folded
     * to its width (a count is one line, a reference is copied whole). */
    if (!count_only)
        pager_start(&pg, no_pager ? NULL : pager_command(defaults_get(&defaults, "pager",
                                                                       NULL, NULL, 0)),
                    out_opts.format == FORMAT_TEXT && out_opts.cite == CITE_NONE
                        && count_by == NULL && !groups);
    if ((manifest_file || json_header)
        && write_manifest(pg.out, s, db_path, manifest_file, json_header, argc, argv) != 0)
        goto done;

    if (stats)
        status = report_stats(pg.out, s, out_opts.format);
    else if (groups)
        status = report_groups(pg.out, s, out_opts.format);
    else if (count_by)
        status = report_count_by(pg.out, s, count_by, query.data, query.len, out_opts.format,
                                 chart ? wrap_terminal_width(STDOUT_FILENO) : 0);
    else if (show_id)
        status = show_article(pg.out, s, show_id, query.data, query.len, out_opts.format,
                              out_opts.color);
    else if (count_only) {
        search_result_t result;
        opts.limit = 0;
        opts.exact_counts = 1;
        opts.collapse = 0;      /* --count counts articles: no stories to count */
        opts.skip_suggestion = 1;
        query_t *parsed = NULL;
        if (searcher_parse(s, query.data, query.len, &parsed) != SEARCH_OK
            || searcher_run(s, parsed, &opts, &result) != SEARCH_OK) {
            errorf("%s", searcher_last_error(s));
            searcher_query_free(parsed);
            goto done;
        }
        searcher_query_free(parsed);
        printf("%u\n", result.matches);
        status = result.matches ? EXIT_MATCH : EXIT_NO_MATCH;
        search_result_free(&result);
    } else {
        batch_t b = { s, opts, opts.limit, &out_opts, pg.out };
        output_status_t ost = output_begin(pg.out, &out_opts);
        if (ost == OUTPUT_NO_MEMORY) {
            errorf("out of memory");
            goto done;
        }
        if (batch_file) {
            FILE *in = strcmp(batch_file, "-") == 0 ? stdin : fopen(batch_file, "r");
            if (in == NULL) {
                errorf("cannot open the queries '%s': %s", batch_file, strerror(errno));
                goto done;
            }
            status = batch_run_file(&b, in, in == stdin ? "standard input" : batch_file);
            if (in != stdin)
                fclose(in);
        } else {
            unsigned matches;
            batch_status_t st = batch_run_query(&b, "1", query.data, query.len, 0, &matches);
            if (st == BATCH_WRITE_FAILED)
                goto done;        /* reported below */
            if (st != BATCH_OK) {
                errorf("%s", st == BATCH_NO_MEMORY ? "out of memory" : searcher_last_error(s));
                goto done;
            }
            status = matches ? EXIT_MATCH : EXIT_NO_MATCH;
        }
        if (output_end(pg.out, &out_opts) == OUTPUT_NO_MEMORY) {
            errorf("out of memory");
            status = EXIT_TROUBLE;
        }
    }
done:
    searcher_close(s);
    buf_free(&query);
    buf_free(&all_dbs);
    defaults_free(&defaults);
    if (pager_finish(&pg) != 0) {
        errorf("cannot write the results: output error");
        return EXIT_TROUBLE;
    }
    return status;
}
