/* report.c: --stats and --count-by: what the index holds, and what matches where.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "msg.h"
#include "output.h"
#include "query.h"
#include "report.h"
#include "wrap.h"

/* One year, month or source: the articles the index holds there and how
 * many of them match. */
typedef struct {
    char *key;                /* "2014", "2014-06", or the source as stated */
    unsigned articles;
    unsigned matches;
    unsigned stories;         /* the stories the matches make (a story of
                                 copies in two rows counts in each) */
} bucket_t;

typedef struct {
    bucket_t *items;
    size_t count;
    int failed;               /* an allocation failed */
} buckets_t;

static void buckets_free(buckets_t *b)
{
    for (size_t i = 0; i < b->count; i++)
        free(b->items[i].key);
    free(b->items);
    memset(b, 0, sizeof *b);
}

static void buckets_add(buckets_t *b, const char *key, size_t len, unsigned articles)
{
    bucket_t *items = realloc(b->items, (b->count + 1) * sizeof *items);
    char *copy = items ? xstrndup(key, len) : NULL;
    if (items)
        b->items = items;
    if (copy == NULL) {
        b->failed = 1;
        return;
    }
    b->items[b->count++] = (bucket_t){ copy, articles, 0, 0 };
}

static int compare_buckets(const void *a, const void *b)
{
    return strcmp(((const bucket_t *)a)->key, ((const bucket_t *)b)->key);
}

static bucket_t *buckets_find(buckets_t *b, const char *key)
{
    bucket_t probe = { (char *)key, 0, 0, 0 };
    if (b->count == 0)
        return NULL;
    return bsearch(&probe, b->items, b->count, sizeof *b->items, compare_buckets);
}

/* Room for "YYYY-MM" and a NUL, and what the compiler fears %u may need. */
#define PERIOD_SIZE 24

/* The next period after KEY ("2014" -> "2015", "2014-12" -> "2015-01"). */
static void next_period(const char *key, char out[PERIOD_SIZE])
{
    unsigned y = (unsigned)atoi(key) % 10000;
    if (strlen(key) == 4)
        snprintf(out, PERIOD_SIZE, "%04u", (y + 1) % 10000);
    else {
        unsigned m = (unsigned)atoi(key + 5) % 100;
        snprintf(out, PERIOD_SIZE, "%04u-%02u", (m >= 12 ? y + 1 : y) % 10000,
                 m >= 12 ? 1 : m + 1);
    }
}

/* Adds the periods between the first and the last that the index has no
 * article in, with 0 articles: the gaps. */
static void buckets_fill_gaps(buckets_t *b)
{
    size_t count = b->count;
    char key[PERIOD_SIZE];
    if (count == 0)
        return;
    for (size_t i = 0; i + 1 < count && !b->failed; i++) {
        next_period(b->items[i].key, key);
        while (strcmp(key, b->items[i + 1].key) < 0 && !b->failed) {
            buckets_add(b, key, strlen(key), 0);
            next_period(key, key);
        }
    }
    qsort(b->items, b->count, sizeof *b->items, compare_buckets);
}

/* The facet of BY ("year", "month" or "source"). */
static search_facet_kind_t facet_of(const char *by)
{
    return strcmp(by, "year") == 0 ? SEARCH_FACET_YEAR
           : strcmp(by, "month") == 0 ? SEARCH_FACET_MONTH : SEARCH_FACET_SOURCE;
}

/* Fills B with the articles the index holds per value of KIND, and the
 * gaps between the periods.  Returns 0, or -1 (reported by the caller
 * through searcher_last_error(), or B->failed). */
static int load_totals(searcher_t *s, search_facet_kind_t kind, buckets_t *b,
                       unsigned *documents)
{
    search_facet_t totals;
    int rc = searcher_facets(s, NULL, &kind, 1, &totals, documents) == SEARCH_OK ? 0 : -1;

    for (size_t i = 0; rc == 0 && i < totals.count && !b->failed; i++)
        buckets_add(b, totals.values[i].value, strlen(totals.values[i].value),
                    totals.values[i].count);
    search_facet_free(&totals);
    if (rc == 0 && kind != SEARCH_FACET_SOURCE)
        buckets_fill_gaps(b);
    return rc == 0 && !b->failed ? 0 : -1;
}

/* Counts the matches of QUERY in each bucket of B (the facet KIND over
 * every match); *total_out gets the number of matches. */
static int count_matches(searcher_t *s, const query_t *query, search_facet_kind_t kind,
                         buckets_t *b, unsigned *total_out)
{
    search_facet_t matched;

    if (searcher_facets(s, query, &kind, 1, &matched, total_out) != SEARCH_OK) {
        search_facet_free(&matched);
        return -1;
    }
    for (size_t i = 0; i < matched.count; i++) {
        bucket_t *bucket = buckets_find(b, matched.values[i].value);
        if (bucket)
            bucket->matches = matched.values[i].count;
    }
    search_facet_free(&matched);
    return 0;
}

/* Fills B with the articles per value of the metadata field BY, in the
 * index and among the matches of QUERY: *DOCUMENTS and *MATCHES all of
 * them, *DOCUMENTS_WITH and *MATCHES_WITH those with the field.  Returns 0,
 * or -1 (reported by the caller, as load_totals()). */
static int load_field(searcher_t *s, const query_t *query, const char *by, buckets_t *b,
                      unsigned *documents, unsigned *matches, unsigned *documents_with,
                      unsigned *matches_with)
{
    search_facet_t values;
    int rc = searcher_field_facet(s, NULL, by, &values, documents_with, documents) == SEARCH_OK
                 ? 0 : -1;

    for (size_t i = 0; rc == 0 && i < values.count && !b->failed; i++)
        buckets_add(b, values.values[i].value, strlen(values.values[i].value),
                    values.values[i].count);
    search_facet_free(&values);
    if (rc == 0 && !b->failed)
        rc = searcher_field_facet(s, query, by, &values, matches_with, matches) == SEARCH_OK
                 ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < values.count; i++) {
        bucket_t *bucket = buckets_find(b, values.values[i].value);
        if (bucket)
            bucket->matches = values.values[i].count;
    }
    search_facet_free(&values);
    return rc == 0 && !b->failed ? 0 : -1;
}

/* The stories of QUERY's matches in each bucket of B, and *REST those of
 * the matches in none (searcher_facet_stories()). */
static int count_stories(searcher_t *s, const query_t *query, const char *by, buckets_t *b,
                         unsigned *rest)
{
    search_facet_t stories;
    unsigned total;

    if (searcher_facet_stories(s, query, by, &stories, rest, &total) != SEARCH_OK) {
        search_facet_free(&stories);
        return -1;
    }
    for (size_t i = 0; i < stories.count; i++) {
        bucket_t *bucket = buckets_find(b, stories.values[i].value);
        if (bucket)
            bucket->stories = stories.values[i].count;
    }
    search_facet_free(&stories);
    return 0;
}

/* One row: a gap (no articles) has no matches and no share. */
static void put_row(buf_t *out, format_t format, const char *by, const char *key,
                    unsigned articles, unsigned matches, unsigned stories)
{
    if (format == FORMAT_JSON) {
        buf_puts(out, "{\"");
        esc_json(out, by, strlen(by));
        buf_puts(out, "\":\"");
        esc_json(out, key, strlen(key));
        if (articles)
            buf_printf(out, "\",\"matches\":%u,\"stories\":%u,\"articles\":%u,\"share\":%.6f,"
                       "\"gap\":false}\n", matches, stories, articles, (double)matches / articles);
        else
            buf_puts(out, "\",\"matches\":null,\"stories\":null,\"articles\":0,\"share\":null,"
                          "\"gap\":true}\n");
        return;
    }
    output_csv_escape(out, key, strlen(key));
    if (articles)
        buf_printf(out, ",%u,%u,%u,%.6f\r\n", matches, stories, articles,
                   (double)matches / articles);
    else
        buf_puts(out, ",,,0,\r\n");
}

/* --chart: a bar at most this many columns long (the most matches), at
 * least the other, whatever the terminal's width. */
#define CHART_COLUMNS 40
#define CHART_MIN_COLUMNS 10

/* One row of --chart: KEY padded to LABEL columns, a bar of Unicode blocks
 * (eighths) as long as MATCHES is of MOST, and "matches of articles
 * (share)"; a gap (no articles) has no bar. */
static void put_bar(buf_t *out, const char *key, unsigned label, unsigned articles,
                    unsigned matches, unsigned most, unsigned bar)
{
    /* U+2588 FULL BLOCK, then U+2589..U+258F: seven eighths .. one eighth. */
    static const char *const eighths[8] = {
        "", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D", "\xE2\x96\x8C",
        "\xE2\x96\x8B", "\xE2\x96\x8A", "\xE2\x96\x89",
    };
    unsigned long units = most ? (unsigned long)matches * bar * 8 / most : 0;
    unsigned drawn = 0;

    esc_terminal(out, key, strlen(key));
    for (unsigned c = wrap_columns(key, strlen(key)); c < label; c++)
        buf_putc(out, ' ');
    buf_puts(out, "  ");
    for (; units >= 8; units -= 8, drawn++)
        buf_puts(out, "\xE2\x96\x88");
    if (units) {
        buf_puts(out, eighths[units]);
        drawn++;
    }
    for (; drawn < bar; drawn++)
        buf_putc(out, ' ');
    if (articles)
        buf_printf(out, "  %u of %u (%.1f%%)\n", matches, articles, 100.0 * matches / articles);
    else
        buf_puts(out, "  - (no articles)\n");
}

int report_count_by(FILE *fp, searcher_t *s, const char *by, const char *text, size_t len,
                    format_t format, unsigned chart)
{
    buckets_t b = { NULL, 0, 0 };
    query_t *query = NULL;
    search_facet_kind_t kind = facet_of(by);
    int field = strcmp(by, "year") != 0 && strcmp(by, "month") != 0 && strcmp(by, "source") != 0;
    unsigned documents = 0, total = 0, articles_seen = 0, matches_seen = 0;
    unsigned documents_with = 0, matches_with = 0, rest_stories = 0;
    char name[FIELD_NAME_MAX + 1];
    buf_t out = BUF_INIT;
    int status = EXIT_TROUBLE;

    if (field && !searcher_has_field(s, by)) {
        size_t count;
        char *const *names = searcher_field_names(s, &count);
        buf_printf(&out, "year, month, source");
        for (size_t i = 0; i < count; i++)
            buf_printf(&out, ", %s", names[i]);
        errorf("--count-by: '%s' is not one of %s", by, out.failed ? "..." : out.data);
        buf_free(&out);
        return EXIT_TROUBLE;
    }
    if (searcher_parse(s, text, len, &query) != SEARCH_OK) {
        errorf("%s", searcher_last_error(s));
        return EXIT_TROUBLE;
    }
    if ((field ? load_field(s, query, by, &b, &documents, &total, &documents_with,
                            &matches_with) != 0
               : load_totals(s, kind, &b, &documents) != 0
                     || count_matches(s, query, kind, &b, &total) != 0)
        || count_stories(s, query, by, &b, &rest_stories) != 0) {
        errorf("cannot count by %s: %s", by, b.failed ? "out of memory" : searcher_last_error(s));
        goto done;
    }
    if (field) {
        /* Named as the index names it; an article with two values is in
         * two rows, so the rest is what lacks the field. */
        query_field_name(by, strlen(by), name);
        by = name;
        articles_seen = documents_with;
        matches_seen = matches_with;
    }
    for (size_t i = 0; !field && i < b.count; i++) {
        articles_seen += b.items[i].articles;
        matches_seen += b.items[i].matches;
    }
    /* The articles with no date (no month), no source or no value of the
     * field, so that the rows add up to the index and to the matches. */
    const char *rest = field ? "(none)" : strcmp(by, "source") == 0 ? "unknown" : "undated";
    int has_rest = documents > articles_seen;
    unsigned most = has_rest ? total - matches_seen : 0;
    unsigned label = has_rest ? wrap_columns(rest, strlen(rest)) : 0;
    for (size_t i = 0; i < b.count; i++) {
        if (b.items[i].matches > most)
            most = b.items[i].matches;
        if (wrap_columns(b.items[i].key, strlen(b.items[i].key)) > label)
            label = wrap_columns(b.items[i].key, strlen(b.items[i].key));
    }
    /* The bar: what the terminal leaves beside the label and the widest
     * "N of M (100.0%)". */
    char numbers[64];
    unsigned most_articles = has_rest ? documents - articles_seen : 0;
    for (size_t i = 0; i < b.count; i++)
        if (b.items[i].articles > most_articles)
            most_articles = b.items[i].articles;
    int numbers_len = snprintf(numbers, sizeof numbers, "%u of %u (100.0%%)", most_articles,
                               most_articles);
    unsigned bar = chart > label + 4 + (unsigned)numbers_len
                       ? chart - label - 4 - (unsigned)numbers_len : 0;
    bar = bar > CHART_COLUMNS ? CHART_COLUMNS : bar < CHART_MIN_COLUMNS ? CHART_MIN_COLUMNS : bar;
    if (chart) {
        buf_puts(&out, "matches per ");
        esc_terminal(&out, by, strlen(by));
        buf_printf(&out, ", of the articles there (a full bar: %u)\n", most);
    } else if (format != FORMAT_JSON) {
        output_csv_escape(&out, by, strlen(by));
        buf_puts(&out, ",matches,stories,articles,share\r\n");
    }
    for (size_t i = 0; i < b.count; i++) {
        if (chart)
            put_bar(&out, b.items[i].key, label, b.items[i].articles, b.items[i].matches, most,
                    bar);
        else
            put_row(&out, format, by, b.items[i].key, b.items[i].articles, b.items[i].matches,
                    b.items[i].stories);
    }
    if (has_rest && chart)
        put_bar(&out, rest, label, documents - articles_seen, total - matches_seen, most, bar);
    else if (has_rest)
        put_row(&out, format, by, rest, documents - articles_seen, total - matches_seen,
                rest_stories);
    if (!out.failed)
        fwrite(out.data, 1, out.len, fp);
    status = out.failed ? EXIT_TROUBLE : total ? EXIT_MATCH : EXIT_NO_MATCH;
    if (out.failed)
        errorf("out of memory");
done:
    buf_free(&out);
    buckets_free(&b);
    searcher_query_free(query);
    return status;
}

int report_stats(FILE *fp, searcher_t *s, format_t format)
{
    search_stats_t stats;
    search_facet_kind_t kind = SEARCH_FACET_SOURCE;
    buckets_t sources = { NULL, 0, 0 };
    buf_t out = BUF_INIT;
    int json = format == FORMAT_JSON;
    unsigned sourced = 0, documents;

    if (searcher_stats(s, &stats) != SEARCH_OK
        || load_totals(s, kind, &sources, &documents) != 0) {
        errorf("cannot read the statistics of the index: %s",
               sources.failed ? "out of memory" : searcher_last_error(s));
        buckets_free(&sources);
        return EXIT_TROUBLE;
    }
    documents = stats.documents;
    for (size_t i = 0; i < sources.count; i++)
        sourced += sources.items[i].articles;
    if (json) {
        buf_printf(&out, "{\"documents\":%u,\"terms\":%lu,\"average_length\":%.1f,"
                   "\"dated\":%u,\"first_date\":", documents, stats.terms,
                   stats.average_length, stats.dated);
        if (stats.dated) {
            buf_putc(&out, '"');
            buf_puts(&out, stats.first_date);
            buf_puts(&out, "\",\"last_date\":\"");
            buf_puts(&out, stats.last_date);
            buf_putc(&out, '"');
        } else
            buf_puts(&out, "null,\"last_date\":null");
        buf_printf(&out, ",\"no_source\":%u,\"sources\":[", documents - sourced);
        for (size_t i = 0; i < sources.count; i++) {
            buf_puts(&out, i ? ",{\"source\":\"" : "{\"source\":\"");
            esc_json(&out, sources.items[i].key, strlen(sources.items[i].key));
            buf_printf(&out, "\",\"documents\":%u}", sources.items[i].articles);
        }
        buf_puts(&out, "]}\n");
    } else {
        buf_printf(&out, "documents: %u\nterms: %lu\naverage length: %.1f terms\ndates: ",
                   documents, stats.terms, stats.average_length);
        if (stats.dated) {
            buf_puts(&out, stats.first_date);
            buf_puts(&out, " to ");
            buf_puts(&out, stats.last_date);
            buf_printf(&out, " (%u dated, %u undated)\n", stats.dated, documents - stats.dated);
        } else
            buf_printf(&out, "none (%u undated)\n", documents);
        buf_printf(&out, "sources: %zu (%u articles with none)\n", sources.count,
                   documents - sourced);
        for (size_t i = 0; i < sources.count; i++) {
            buf_printf(&out, "  %u\t", sources.items[i].articles);
            esc_terminal(&out, sources.items[i].key, strlen(sources.items[i].key));
            buf_putc(&out, '\n');
        }
    }
    buckets_free(&sources);
    if (out.failed) {
        buf_free(&out);
        errorf("out of memory");
        return EXIT_TROUBLE;
    }
    fwrite(out.data, 1, out.len, fp);
    buf_free(&out);
    return EXIT_MATCH;
}

/* Context of put_member(). */
typedef struct {
    buf_t *out;
    format_t format;
    unsigned lines;
} groups_out_t;

static int put_member(void *ctx, const char *group, const char *id)
{
    groups_out_t *g = ctx;

    if (g->format == FORMAT_JSON) {
        buf_puts(g->out, "{\"group\":");
        esc_json_value(g->out, group);
        buf_puts(g->out, ",\"id\":");
        esc_json_value(g->out, id);
        buf_puts(g->out, "}\n");
    } else if (g->format == FORMAT_CSV) {
        output_csv_escape(g->out, group, strlen(group));
        buf_putc(g->out, ',');
        output_csv_escape(g->out, id, strlen(id));
        buf_puts(g->out, "\r\n");
    } else {
        output_tsv_escape(g->out, group, strlen(group));
        buf_putc(g->out, '\t');
        output_tsv_escape(g->out, id, strlen(id));
        buf_putc(g->out, '\n');
    }
    g->lines++;
    return g->out->failed;
}

int report_groups(FILE *fp, searcher_t *s, format_t format)
{
    buf_t out = BUF_INIT;
    groups_out_t g = { &out, format, 0 };

    if (format == FORMAT_CSV)
        buf_puts(&out, "group,id\r\n");
    else if (format != FORMAT_JSON)
        buf_puts(&out, "group\tid\n");
    if (searcher_groups(s, put_member, &g) != SEARCH_OK || out.failed) {
        errorf("cannot list the near-duplicate groups: %s",
               out.failed ? "out of memory" : searcher_last_error(s));
        buf_free(&out);
        return EXIT_TROUBLE;
    }
    fwrite(out.data, 1, out.len, fp);
    buf_free(&out);
    return g.lines ? EXIT_MATCH : EXIT_NO_MATCH;
}
