/* report.c: --stats and --count-by: what the index holds, and what matches where.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "escape.h"
#include "msg.h"
#include "output.h"
#include "query.h"
#include "report.h"
#include "schema.h"

/* One year, month or source: the articles the index holds there and how
 * many of them match. */
typedef struct {
    char *key;                /* "2014", "2014-06", or the source as stated */
    unsigned articles;
    unsigned matches;
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
    b->items[b->count++] = (bucket_t){ copy, articles, 0 };
}

static int compare_buckets(const void *a, const void *b)
{
    return strcmp(((const bucket_t *)a)->key, ((const bucket_t *)b)->key);
}

static bucket_t *buckets_find(buckets_t *b, const char *key)
{
    bucket_t probe = { (char *)key, 0, 0 };
    if (b->count == 0)
        return NULL;
    return bsearch(&probe, b->items, b->count, sizeof *b->items, compare_buckets);
}

/* Year and month totals from the boolean terms Y2014 and M201406, whose
 * document frequency is the number of articles of that period. */
static int add_period(void *ctx, const char *term, size_t term_len, unsigned doc_freq)
{
    buckets_t *b = ctx;
    if (term[0] == PREFIX_YEAR[0] && term_len == 5)
        buckets_add(b, term + 1, 4, doc_freq);
    else if (term[0] == PREFIX_MONTH[0] && term_len == 7) {
        char key[8];
        memcpy(key, term + 1, 4);
        key[4] = '-';
        memcpy(key + 5, term + 5, 2);
        buckets_add(b, key, 7, doc_freq);
    }
    return b->failed;
}

/* Every value of a slot, once per document (counted after sorting). */
static int add_value(void *ctx, unsigned docid, const char *value, size_t len)
{
    buckets_t *b = ctx;
    (void)docid;
    if (len)
        buckets_add(b, value, len, 1);
    return b->failed;
}

/* Sorts B and merges equal keys, adding up their articles. */
static void buckets_merge(buckets_t *b)
{
    size_t kept = 0;
    if (b->count == 0)
        return;
    qsort(b->items, b->count, sizeof *b->items, compare_buckets);
    for (size_t i = 1; i < b->count; i++) {
        if (strcmp(b->items[i].key, b->items[kept].key) == 0) {
            b->items[kept].articles += b->items[i].articles;
            free(b->items[i].key);
        } else
            b->items[++kept] = b->items[i];
    }
    b->count = kept + 1;
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

/* Fills B with the articles per year, month or source (BY). */
static int load_totals(xs_db_t *db, const char *by, buckets_t *b)
{
    xs_status_t st;
    if (strcmp(by, "source") == 0) {
        st = xs_db_each_value(db, SLOT_SOURCE, add_value, b);
        buckets_merge(b);
    } else {
        st = xs_db_each_term(db, strcmp(by, "year") == 0 ? PREFIX_YEAR : PREFIX_MONTH,
                             add_period, b);
        buckets_fill_gaps(b);
    }
    return st == XS_OK && !b->failed ? 0 : -1;
}

/* Counts the matches of Q in each bucket, with a match spy on the slot of
 * BY over every match.  *total_out gets the number of matches. */
static int count_matches(xs_db_t *db, const xs_query_t *q, const char *by,
                         unsigned documents, buckets_t *b, unsigned *total_out)
{
    unsigned slot = strcmp(by, "year") == 0 ? SLOT_YEAR
                    : strcmp(by, "month") == 0 ? SLOT_MONTH : SLOT_SOURCE;
    xs_search_options_t xo;
    xs_results_t *r = NULL;

    xs_search_options_init(&xo);
    xo.limit = 0;
    xo.check_at_least = documents;
    xo.facet_slots = &slot;
    xo.facet_slot_count = 1;
    if (xs_db_search(db, q, &xo, &r) != XS_OK)
        return -1;
    *total_out = xs_results_matches_estimated(r);
    for (size_t i = 0; i < xs_results_facet_size(r, 0); i++) {
        size_t len;
        const char *value = xs_results_facet_value(r, 0, i, &len);
        char *key = xstrndup(value, len);
        bucket_t *bucket = key ? buckets_find(b, key) : NULL;
        if (bucket)
            bucket->matches = xs_results_facet_count(r, 0, i);
        free(key);
    }
    xs_results_destroy(r);
    return 0;
}

/* One row: a gap (no articles) has no matches and no share. */
static void put_row(buf_t *out, format_t format, const char *by, const char *key,
                    unsigned articles, unsigned matches)
{
    if (format == FORMAT_JSON) {
        buf_printf(out, "{\"%s\":\"", by);
        esc_json(out, key, strlen(key));
        if (articles)
            buf_printf(out, "\",\"matches\":%u,\"articles\":%u,\"share\":%.6f,\"gap\":false}\n",
                       matches, articles, (double)matches / articles);
        else
            buf_puts(out, "\",\"matches\":null,\"articles\":0,\"share\":null,\"gap\":true}\n");
        return;
    }
    output_csv_escape(out, key, strlen(key));
    if (articles)
        buf_printf(out, ",%u,%u,%.6f\r\n", matches, articles, (double)matches / articles);
    else
        buf_puts(out, ",,0,\r\n");
}

int report_count_by(FILE *fp, searcher_t *s, const char *by, query_mode_t mode,
                    const char *text, size_t len, format_t format)
{
    xs_db_t *db = searcher_db(s);
    buckets_t b = { NULL, 0, 0 };
    query_t query;
    char *errmsg = NULL;
    unsigned documents = 0, total = 0, articles_seen = 0, matches_seen = 0;
    buf_t out = BUF_INIT;
    int status = EXIT_TROUBLE;

    if (query_parse_in(searcher_analyzer(s), searcher_fields(s), text, len, mode, &query,
                       &errmsg) != 0) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        free(errmsg);
        return EXIT_TROUBLE;
    }
    if (xs_db_doc_count(db, &documents) != XS_OK || load_totals(db, by, &b) != 0
        || count_matches(db, query.any, by, documents, &b, &total) != 0) {
        errorf("cannot count by %s: %s", by, b.failed ? "out of memory" : xs_db_last_error(db));
        goto done;
    }
    if (format != FORMAT_JSON)
        buf_printf(&out, "%s,matches,articles,share\r\n", by);
    for (size_t i = 0; i < b.count; i++) {
        put_row(&out, format, by, b.items[i].key, b.items[i].articles, b.items[i].matches);
        articles_seen += b.items[i].articles;
        matches_seen += b.items[i].matches;
    }
    /* The articles with no date (no month) or no source, so that the rows
     * add up to the index and to the matches. */
    if (documents > articles_seen)
        put_row(&out, format, by, strcmp(by, "source") == 0 ? "unknown" : "undated",
                documents - articles_seen, total - matches_seen);
    if (!out.failed)
        fwrite(out.data, 1, out.len, fp);
    status = out.failed ? EXIT_TROUBLE : total ? EXIT_MATCH : EXIT_NO_MATCH;
    if (out.failed)
        errorf("out of memory");
done:
    buf_free(&out);
    buckets_free(&b);
    query_free(&query);
    return status;
}

/* Statistics of the date slot: first and last date, dated articles. */
typedef struct {
    char first[9], last[9];
    unsigned dated;
} date_range_t;

static int see_date(void *ctx, unsigned docid, const char *value, size_t len)
{
    date_range_t *d = ctx;
    char date[9];
    (void)docid;
    if (len != 8)
        return 0;
    memcpy(date, value, 8);
    date[8] = '\0';
    if (d->dated == 0 || strcmp(date, d->first) < 0)
        memcpy(d->first, date, 9);
    if (d->dated == 0 || strcmp(date, d->last) > 0)
        memcpy(d->last, date, 9);
    d->dated++;
    return 0;
}

static int count_term(void *ctx, const char *term, size_t term_len, unsigned doc_freq)
{
    (void)term;
    (void)term_len;
    (void)doc_freq;
    (*(unsigned long *)ctx)++;
    return 0;
}

/* "20140603" as "2014-06-03", "20140600" as "2014-06", "20140000" as
 * "2014" (date_from_slot()); a value that is no date as it is. */
static void put_stored_date(buf_t *out, const char *yyyymmdd)
{
    char text[DATE_TEXT_SIZE];
    date_t d;
    if (date_from_slot(yyyymmdd, strlen(yyyymmdd), &d) && date_format(&d, text))
        buf_puts(out, text);
    else
        buf_append(out, yyyymmdd, strlen(yyyymmdd));
}

int report_stats(FILE *fp, searcher_t *s, format_t format)
{
    xs_db_t *db = searcher_db(s);
    unsigned documents = 0;
    unsigned long terms = 0;
    double avg_length = 0;
    date_range_t dates = { "", "", 0 };
    buckets_t sources = { NULL, 0, 0 };
    buf_t out = BUF_INIT;
    int json = format == FORMAT_JSON;
    unsigned sourced = 0;

    if (xs_db_doc_count(db, &documents) != XS_OK || xs_db_avg_length(db, &avg_length) != XS_OK
        || xs_db_each_term(db, "", count_term, &terms) != XS_OK
        || xs_db_each_value(db, SLOT_DATE, see_date, &dates) != XS_OK
        || load_totals(db, "source", &sources) != 0) {
        errorf("cannot read the statistics of the index: %s",
               sources.failed ? "out of memory" : xs_db_last_error(db));
        buckets_free(&sources);
        return EXIT_TROUBLE;
    }
    for (size_t i = 0; i < sources.count; i++)
        sourced += sources.items[i].articles;
    if (json) {
        buf_printf(&out, "{\"documents\":%u,\"terms\":%lu,\"average_length\":%.1f,"
                   "\"dated\":%u,\"first_date\":", documents, terms, avg_length, dates.dated);
        if (dates.dated) {
            buf_putc(&out, '"');
            put_stored_date(&out, dates.first);
            buf_puts(&out, "\",\"last_date\":\"");
            put_stored_date(&out, dates.last);
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
                   documents, terms, avg_length);
        if (dates.dated) {
            put_stored_date(&out, dates.first);
            buf_puts(&out, " to ");
            put_stored_date(&out, dates.last);
            buf_printf(&out, " (%u dated, %u undated)\n", dates.dated, documents - dates.dated);
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
