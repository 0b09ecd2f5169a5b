/* search-facets.c: the one facet counter: articles by source, year and
 * month, among a query's matches or in the whole index (the search page's
 * facets, --count-by, --stats), and the index's statistics.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "schema.h"
#include "search-private.h"
#include "table.h"

/* The value slot of each facet. */
static const unsigned facet_slots[SEARCH_FACET_LAST] = {
    [SEARCH_FACET_SOURCE] = SLOT_SOURCE,
    [SEARCH_FACET_YEAR] = SLOT_YEAR,
    [SEARCH_FACET_MONTH] = SLOT_MONTH,
};

/* Appends VALUE[0..LEN) with COUNT to F.  Returns 0, or -1 when memory
 * runs out. */
static int facet_add(search_facet_t *f, const char *value, size_t len, unsigned count)
{
    search_facet_value_t *values = realloc(f->values, (f->count + 1) * sizeof *values);
    char *copy = values ? xstrndup(value, len) : NULL;

    if (values)
        f->values = values;
    if (copy == NULL)
        return -1;
    f->values[f->count++] = (search_facet_value_t){ copy, count };
    return 0;
}

void search_facet_free(search_facet_t *facet)
{
    for (size_t i = 0; i < facet->count; i++)
        free(facet->values[i].value);
    free(facet->values);
    memset(facet, 0, sizeof *facet);
}

/* Context of the callbacks below: the facet filled, and whether memory ran
 * out. */
typedef struct {
    search_facet_t *facet;
    int failed;
} fill_t;

/* Year and month totals from the boolean terms Y2014 and M201406, whose
 * document frequency is the number of articles of that period: far cheaper
 * than reading every article's value. */
static int add_period(void *ctx, const char *term, size_t term_len, unsigned doc_freq)
{
    fill_t *fill = ctx;

    if (term[0] == PREFIX_YEAR[0] && term_len == 5)
        fill->failed = facet_add(fill->facet, term + 1, 4, doc_freq) != 0;
    else if (term[0] == PREFIX_MONTH[0] && term_len == 7) {
        char key[8];
        memcpy(key, term + 1, 4);
        key[4] = '-';
        memcpy(key + 5, term + 5, 2);
        fill->failed = facet_add(fill->facet, key, 7, doc_freq) != 0;
    }
    return fill->failed;
}

/* Every value of a slot, counted in a table: a few dozen sources among
 * millions of articles (a copy of each article's value, then sorting
 * them all, cost the search page 19 ms a request at 100,000 articles). */
typedef struct {
    table_t *counts;
    int failed;
} tally_t;

static int count_value(void *ctx, unsigned docid, const char *value, size_t len)
{
    tally_t *tally = ctx;
    table_entry_t *e = len ? table_add(tally->counts, value, len, NULL) : NULL;

    (void)docid;
    if (len && e == NULL)
        tally->failed = 1;
    else if (e)
        e->count++;
    return tally->failed;
}

static int by_value(const void *a, const void *b)
{
    return strcmp(((const search_facet_value_t *)a)->value,
                  ((const search_facet_value_t *)b)->value);
}

/* Sorts F by value and merges equal values, adding up their counts. */
static void facet_merge(search_facet_t *f)
{
    size_t kept = 0;

    if (f->count == 0)
        return;
    qsort(f->values, f->count, sizeof *f->values, by_value);
    for (size_t i = 1; i < f->count; i++) {
        if (strcmp(f->values[i].value, f->values[kept].value) == 0) {
            f->values[kept].count += f->values[i].count;
            free(f->values[i].value);
        } else
            f->values[++kept] = f->values[i];
    }
    f->count = kept + 1;
}

/* The index's own counts of KIND into *OUT. */
static search_status_t index_totals(searcher_t *s, search_facet_kind_t kind, search_facet_t *out)
{
    fill_t fill = { out, 0 };
    xs_status_t st;

    if (kind == SEARCH_FACET_SOURCE) {
        tally_t tally = { table_new(), 0 };
        if (tally.counts == NULL)
            return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
        st = xs_db_each_value(s->db, SLOT_SOURCE, count_value, &tally);
        fill.failed = tally.failed;
        size_t at = 0;
        for (table_entry_t *e; st == XS_OK && !fill.failed && (e = table_next(tally.counts, &at));)
            fill.failed = facet_add(out, e->key, e->len, (unsigned)e->count) != 0;
        table_free(tally.counts, NULL);
        if (st == XS_OK && !fill.failed)
            facet_merge(out);
    } else
        st = xs_db_each_term(s->db, kind == SEARCH_FACET_YEAR ? PREFIX_YEAR : PREFIX_MONTH,
                             add_period, &fill);
    if (fill.failed)
        return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    return st == XS_OK ? SEARCH_OK : search_shim_failed(s, st);
}

/* The counts of the facets KINDS among the matches of QUERY (under S's
 * restriction), with a match spy on each slot over every match. */
static search_status_t match_counts(searcher_t *s, const query_t *query,
                                    const search_facet_kind_t *kinds, size_t count,
                                    search_facet_t *out, unsigned *matches_out)
{
    unsigned slots[SEARCH_FACET_LAST], documents = 0;
    xs_query_t *q = search_query_build(query->any), *filtered = NULL;
    xs_search_options_t xo;
    xs_results_t *r = NULL;
    search_status_t status = SEARCH_OK;
    xs_status_t st;

    for (size_t i = 0; i < count; i++)
        slots[i] = facet_slots[kinds[i]];
    xs_search_options_init(&xo);
    xo.limit = 0;
    xo.facet_slots = slots;
    xo.facet_slot_count = count;
    if (q == NULL || (s->filter && (filtered = search_restricted(s, q)) == NULL))
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    else if ((st = xs_db_doc_count(s->db, &documents)) != XS_OK)
        status = search_shim_failed(s, st);
    else {
        /* Counted over every match, not only those a page would look at. */
        xo.check_at_least = documents;
        search_budget_start(s);
        if ((status = search_budget_options(s, &xo, 0)) == SEARCH_OK
            && (st = xs_db_search(s->db, filtered ? filtered : q, &xo, &r)) != XS_OK)
            status = st == XS_TIME_LIMIT ? search_time_up(s) : search_shim_failed(s, st);
    }
    for (size_t i = 0; status == SEARCH_OK && i < count; i++)
        for (size_t k = 0; k < xs_results_facet_size(r, i); k++) {
            size_t len;
            const char *v = xs_results_facet_value(r, i, k, &len);
            if (facet_add(&out[i], v, len, xs_results_facet_count(r, i, k)) != 0) {
                status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
                break;
            }
        }
    if (status == SEARCH_OK && matches_out)
        *matches_out = xs_results_matches_estimated(r);
    xs_results_destroy(r);
    xs_query_destroy(filtered);
    xs_query_destroy(q);
    return status;
}

search_status_t searcher_facets(searcher_t *s, const query_t *query,
                                const search_facet_kind_t *kinds, size_t count,
                                search_facet_t *out, unsigned *matches_out)
{
    search_status_t status = SEARCH_OK;
    xs_status_t st;

    for (size_t i = 0; i < count; i++)
        memset(&out[i], 0, sizeof out[i]);
    if (count > SEARCH_FACET_LAST)
        return search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    if (query)
        return match_counts(s, query, kinds, count, out, matches_out);
    for (size_t i = 0; i < count && status == SEARCH_OK; i++)
        status = index_totals(s, kinds[i], &out[i]);
    if (status == SEARCH_OK && matches_out && (st = xs_db_doc_count(s->db, matches_out)) != XS_OK)
        status = search_shim_failed(s, st);
    return status;
}

/* ------------------------------------------------------ metadata fields */

/* A set of docids (the matches of a query), as a bitmap. */
typedef struct {
    unsigned char *bits;
    unsigned size;          /* docids below it may be in the set */
    unsigned count;
} docset_t;

static int docset_has(const docset_t *set, unsigned docid)
{
    return docid < set->size && (set->bits[docid / 8] >> (docid % 8) & 1);
}

/* Every match of QUERY (under S's restriction) into SET: one search that
 * reads no document. */
static search_status_t match_set(searcher_t *s, const query_t *query, docset_t *set)
{
    xs_query_t *q = search_query_build(query->any), *filtered = NULL;
    xs_search_options_t xo;
    xs_results_t *r = NULL;
    search_status_t status = SEARCH_OK;
    unsigned documents = 0;
    xs_status_t st;

    memset(set, 0, sizeof *set);
    xs_search_options_init(&xo);
    xo.docids_only = 1;
    if (q == NULL || (s->filter && (filtered = search_restricted(s, q)) == NULL))
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    else if ((st = xs_db_doc_count(s->db, &documents)) != XS_OK)
        status = search_shim_failed(s, st);
    else {
        xo.limit = xo.check_at_least = documents;
        search_budget_start(s);
        if ((status = search_budget_options(s, &xo, 0)) == SEARCH_OK
            && (st = xs_db_search(s->db, filtered ? filtered : q, &xo, &r)) != XS_OK)
            status = st == XS_TIME_LIMIT ? search_time_up(s) : search_shim_failed(s, st);
    }
    for (size_t i = 0; status == SEARCH_OK && i < xs_results_size(r); i++)
        if (xs_results_docid(r, i) >= set->size)
            set->size = xs_results_docid(r, i) + 1;
    if (status == SEARCH_OK && set->size
        && (set->bits = calloc(set->size / 8 + 1, 1)) == NULL)
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    for (size_t i = 0; status == SEARCH_OK && i < xs_results_size(r); i++) {
        unsigned docid = xs_results_docid(r, i);
        set->bits[docid / 8] |= (unsigned char)(1u << (docid % 8));
        set->count++;
    }
    xs_results_destroy(r);
    xs_query_destroy(filtered);
    xs_query_destroy(q);
    return status;
}

/* Context of the callbacks below. */
typedef struct {
    search_facet_t *facet;
    size_t prefix_len;      /* of XF<name>= */
    const docset_t *set;
    unsigned count;
    int failed;
} field_fill_t;

/* A value term XF<name>=<value> with the number of articles holding it. */
static int add_field_value(void *ctx, const char *term, size_t len, unsigned doc_freq)
{
    field_fill_t *fill = ctx;

    fill->failed = facet_add(fill->facet, term + fill->prefix_len, len - fill->prefix_len,
                             doc_freq) != 0;
    return fill->failed;
}

static int count_match(void *ctx, unsigned docid)
{
    field_fill_t *fill = ctx;

    fill->count += docset_has(fill->set, docid);
    return 0;
}

/* The number of members of SET that TERM indexes, into *COUNT. */
static xs_status_t count_in_set(searcher_t *s, const docset_t *set, const char *term,
                                size_t len, unsigned *count)
{
    field_fill_t fill = { NULL, 0, set, 0, 0 };
    xs_status_t st = xs_db_each_posting(s->db, term, len, count_match, &fill);

    *count = fill.count;
    return st;
}

char *const *searcher_field_names(searcher_t *s, size_t *count)
{
    const query_index_t *index = search_index(s);

    *count = index ? index->name_count : 0;
    return index ? index->names : NULL;
}

int searcher_has_field(searcher_t *s, const char *field)
{
    const query_index_t *index = search_index(s);
    char name[FIELD_NAME_MAX + 1];

    query_field_name(field, strlen(field), name);
    for (size_t i = 0; index && i < index->name_count; i++)
        if (strcmp(index->names[i], name) == 0)
            return 1;
    return 0;
}

search_status_t searcher_field_facet(searcher_t *s, const query_t *query, const char *field,
                                     search_facet_t *out, unsigned *with_field,
                                     unsigned *total)
{
    char name[FIELD_NAME_MAX + 1];
    buf_t term = BUF_INIT;
    docset_t set = { NULL, 0, 0 };
    field_fill_t fill = { out, 0, NULL, 0, 0 };
    search_status_t status = SEARCH_OK;
    xs_status_t st = XS_OK;

    memset(out, 0, sizeof *out);
    *with_field = *total = 0;
    if (!searcher_has_field(s, field)) {
        char *why = query_field_error(search_index(s), field, strlen(field), 0);
        status = search_fail(s, why ? SEARCH_BAD_QUERY : SEARCH_NO_MEMORY, "%s",
                             why ? why : "out of memory");
        free(why);
        return status;
    }
    query_field_name(field, strlen(field), name);
    buf_printf(&term, "%s%s%c", PREFIX_FIELD, name, FIELD_VALUE_MARK);
    fill.prefix_len = term.len;
    if (term.failed)
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    else if ((st = xs_db_each_term(s->db, term.data, add_field_value, &fill)) != XS_OK)
        status = search_shim_failed(s, st);
    else if (fill.failed)
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    if (status == SEARCH_OK && query && (status = match_set(s, query, &set)) == SEARCH_OK) {
        /* Among the matches: each value's articles that are matches. */
        for (size_t i = 0; i < out->count && st == XS_OK; i++) {
            buf_reset(&term);
            buf_printf(&term, "%s%s%c%s", PREFIX_FIELD, name, FIELD_VALUE_MARK,
                       out->values[i].value);
            st = term.failed ? XS_NO_MEMORY
                             : count_in_set(s, &set, term.data, term.len, &out->values[i].count);
        }
        *total = set.count;
    } else if (status == SEARCH_OK)
        st = xs_db_doc_count(s->db, total);
    /* The articles (matches) with the field at all: XK<name>. */
    buf_reset(&term);
    buf_printf(&term, "%s%s", PREFIX_FIELD_NAME, name);
    if (status == SEARCH_OK && st == XS_OK && !term.failed) {
        if (query)
            st = count_in_set(s, &set, term.data, term.len, with_field);
        else
            st = xs_db_term_freq(s->db, term.data, term.len, with_field);
    }
    if (status == SEARCH_OK && (st != XS_OK || term.failed))
        status = term.failed ? search_fail(s, SEARCH_NO_MEMORY, "out of memory")
                             : search_shim_failed(s, st);
    free(set.bits);
    buf_free(&term);
    return status;
}

/* ------------------------------------------------ near-duplicate groups */

/* The leaders of groups of two or more (XG<leader> terms), in term order. */
static int add_group(void *ctx, const char *term, size_t len, unsigned doc_freq)
{
    fill_t *fill = ctx;
    size_t prefix = strlen(PREFIX_GROUP);

    if (doc_freq > 1)
        fill->failed = facet_add(fill->facet, term + prefix, len - prefix, doc_freq) != 0;
    return fill->failed;
}

/* Context of add_member(). */
typedef struct {
    searcher_t *s;
    char **ids;
    size_t count;
    int failed;
} members_t;

static int add_member(void *ctx, unsigned docid)
{
    members_t *m = ctx;
    char **ids = realloc(m->ids, (m->count + 1) * sizeof *ids);

    if (ids == NULL) {
        m->failed = 1;
        return 1;
    }
    m->ids = ids;
    ids[m->count] = search_doc_value(m->s, docid, SLOT_ID, &m->failed);
    if (ids[m->count] != NULL)
        m->count++;
    return m->failed;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

search_status_t searcher_groups(searcher_t *s,
                                int (*fn)(void *ctx, const char *group, const char *id),
                                void *ctx)
{
    search_facet_t leaders = { NULL, 0 };
    fill_t fill = { &leaders, 0 };
    search_status_t status = SEARCH_OK;
    xs_status_t st = xs_db_each_term(s->db, PREFIX_GROUP, add_group, &fill);
    int stop = 0;

    if (st != XS_OK)
        status = search_shim_failed(s, st);
    else if (fill.failed)
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    for (size_t g = 0; status == SEARCH_OK && !stop && g < leaders.count; g++) {
        members_t m = { s, NULL, 0, 0 };
        buf_t term = BUF_INIT;
        buf_printf(&term, "%s%s", PREFIX_GROUP, leaders.values[g].value);
        st = term.failed ? XS_NO_MEMORY
                         : xs_db_each_posting(s->db, term.data, term.len, add_member, &m);
        if (st != XS_OK)
            status = search_shim_failed(s, st);
        else if (m.failed || term.failed)
            status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
        else if (m.count > 1) {
            qsort(m.ids, m.count, sizeof *m.ids, by_string);
            for (size_t i = 0; i < m.count && !stop; i++)
                stop = fn(ctx, leaders.values[g].value, m.ids[i]) != 0;
        }
        for (size_t i = 0; i < m.count; i++)
            free(m.ids[i]);
        free(m.ids);
        buf_free(&term);
    }
    search_facet_free(&leaders);
    return status;
}

/* --stats: the span of the date slot, and the dated articles. */
static int see_date(void *ctx, unsigned docid, const char *value, size_t len)
{
    search_stats_t *stats = ctx;
    char date[9];

    (void)docid;
    if (len != 8)
        return 0;
    memcpy(date, value, 8);
    date[8] = '\0';
    /* first_date and last_date hold the slot's form until the end. */
    if (stats->dated == 0 || strcmp(date, stats->first_date) < 0)
        memcpy(stats->first_date, date, 9);
    if (stats->dated == 0 || strcmp(date, stats->last_date) > 0)
        memcpy(stats->last_date, date, 9);
    stats->dated++;
    return 0;
}

static int count_term(void *ctx, const char *term, size_t term_len, unsigned doc_freq)
{
    (void)term, (void)term_len, (void)doc_freq;
    (*(unsigned long *)ctx)++;
    return 0;
}

/* A SLOT_DATE value "20140603" as stored: "2014-06-03"; "20140600" as
 * "2014-06", "20140000" as "2014" (date_from_slot()); a value that is no
 * date stays as it is. */
static void stored_date(char date[DATE_TEXT_SIZE])
{
    char text[DATE_TEXT_SIZE];
    date_t d;

    if (date_from_slot(date, strlen(date), &d) && date_format(&d, text))
        memcpy(date, text, sizeof text);
}

search_status_t searcher_stats(searcher_t *s, search_stats_t *stats)
{
    xs_status_t st;

    memset(stats, 0, sizeof *stats);
    if ((st = xs_db_doc_count(s->db, &stats->documents)) != XS_OK
        || (st = xs_db_avg_length(s->db, &stats->average_length)) != XS_OK
        || (st = xs_db_each_term(s->db, "", count_term, &stats->terms)) != XS_OK
        || (st = xs_db_each_value(s->db, SLOT_DATE, see_date, stats)) != XS_OK)
        return search_shim_failed(s, st);
    if (stats->dated) {
        stored_date(stats->first_date);
        stored_date(stats->last_date);
    }
    return SEARCH_OK;
}

/* ------------------------------------------------------------- stories */

/* A match under a value: the value, and its story (its group; NULL when
 * it is in none, a story of its own, told apart by DOCID). */
typedef struct {
    const char *value;
    const char *group;
    unsigned docid;
} story_pair_t;

/* What the callbacks below gather over the matches SET. */
typedef struct {
    const docset_t *set;
    char **group;             /* by docid: each match's group, or NULL */
    unsigned char *valued;    /* by docid: 1 when the match has a value */
    story_pair_t *pairs;
    size_t count;
    const char *value;        /* a field's value, for add_field_pair() */
    int failed;
} stories_t;

static int compare_pairs(const void *a, const void *b)
{
    const story_pair_t *p = a, *q = b;
    int c = strcmp(p->value, q->value);

    if (c == 0 && p->group && q->group)
        c = strcmp(p->group, q->group);
    else if (c == 0 && (p->group || q->group))
        c = p->group ? 1 : -1;
    else if (c == 0)
        c = (p->docid > q->docid) - (p->docid < q->docid);
    return c;
}

static void add_pair(stories_t *st, const char *value, unsigned docid)
{
    story_pair_t *pairs = realloc(st->pairs, (st->count + 1) * sizeof *pairs);

    if (pairs == NULL) {
        st->failed = 1;
        return;
    }
    st->pairs = pairs;
    pairs[st->count++] = (story_pair_t){ value, st->group[docid], docid };
    st->valued[docid] = 1;
}

static int note_group(void *ctx, unsigned docid, const char *value, size_t len)
{
    stories_t *st = ctx;

    if (docset_has(st->set, docid) && len > 0 && (st->group[docid] = xstrndup(value, len)) == NULL)
        st->failed = 1;
    return st->failed;
}

static int add_slot_pair(void *ctx, unsigned docid, const char *value, size_t len)
{
    stories_t *st = ctx;
    char *copy;

    if (!docset_has(st->set, docid) || len == 0)
        return 0;
    if ((copy = xstrndup(value, len)) == NULL)
        st->failed = 1;
    else
        add_pair(st, copy, docid);
    return st->failed;
}

static int add_field_pair(void *ctx, unsigned docid)
{
    stories_t *st = ctx;

    if (docset_has(st->set, docid))
        add_pair(st, st->value, docid);
    return st->failed;
}

/* Sorts PAIRS and adds each value's distinct stories to OUT (NULL: only
 * counts them all into *TOTAL).  Returns 0, or -1 when memory runs out. */
static int distinct_stories(story_pair_t *pairs, size_t count, search_facet_t *out,
                            unsigned *total)
{
    size_t first = 0;
    unsigned n = 0;

    qsort(pairs, count, sizeof *pairs, compare_pairs);
    for (size_t i = 0; i < count; i++) {
        if (i > first && strcmp(pairs[i].value, pairs[first].value) != 0) {
            if (out && facet_add(out, pairs[first].value, strlen(pairs[first].value), n) != 0)
                return -1;
            first = i;
            n = 0;
        }
        n += i == first || compare_pairs(&pairs[i - 1], &pairs[i]) != 0;
    }
    if (count && out && facet_add(out, pairs[first].value, strlen(pairs[first].value), n) != 0)
        return -1;
    if (total)
        *total = n;
    return 0;
}

/* The matches' values of BY into ST: a slot's value stream, or a field's
 * value terms' posting lists (their values are OUT's, listed by
 * searcher_field_facet()). */
static search_status_t gather_values(searcher_t *s, const char *by, stories_t *st,
                                     search_facet_t *values)
{
    int field = strcmp(by, "year") != 0 && strcmp(by, "month") != 0 && strcmp(by, "source") != 0;
    char name[FIELD_NAME_MAX + 1];
    unsigned with, all;
    xs_status_t xst = XS_OK;

    if (!field) {
        unsigned slot = facet_slots[strcmp(by, "year") == 0    ? SEARCH_FACET_YEAR
                                    : strcmp(by, "month") == 0 ? SEARCH_FACET_MONTH
                                                               : SEARCH_FACET_SOURCE];
        xst = xs_db_each_value(s->db, slot, add_slot_pair, st);
        return xst != XS_OK ? search_shim_failed(s, xst) : SEARCH_OK;
    }
    search_status_t status = searcher_field_facet(s, NULL, by, values, &with, &all);
    query_field_name(by, strlen(by), name);
    for (size_t i = 0; status == SEARCH_OK && i < values->count && !st->failed; i++) {
        buf_t term = BUF_INIT;
        buf_printf(&term, "%s%s%c%s", PREFIX_FIELD, name, FIELD_VALUE_MARK,
                   values->values[i].value);
        st->value = values->values[i].value;
        xst = term.failed ? XS_NO_MEMORY
                          : xs_db_each_posting(s->db, term.data, term.len, add_field_pair, st);
        buf_free(&term);
        if (xst != XS_OK)
            status = search_shim_failed(s, xst);
    }
    return status;
}

search_status_t searcher_facet_stories(searcher_t *s, const query_t *query, const char *by,
                                       search_facet_t *out, unsigned *without, unsigned *total)
{
    docset_t set = { NULL, 0, 0 };
    stories_t st = { &set, NULL, NULL, NULL, 0, NULL, 0 };
    search_facet_t values = { NULL, 0 };
    int field = strcmp(by, "year") != 0 && strcmp(by, "month") != 0 && strcmp(by, "source") != 0;
    search_status_t status;
    xs_status_t xst;

    memset(out, 0, sizeof *out);
    *without = *total = 0;
    if ((status = match_set(s, query, &set)) != SEARCH_OK)
        return status;
    if ((st.group = calloc(set.size + 1, sizeof *st.group)) == NULL
        || (st.valued = calloc(set.size + 1, 1)) == NULL)
        st.failed = 1;
    else if ((xst = xs_db_each_value(s->db, SLOT_GROUP, note_group, &st)) != XS_OK)
        status = search_shim_failed(s, xst);
    if (status == SEARCH_OK && !st.failed)
        status = gather_values(s, by, &st, &values);
    if (status == SEARCH_OK && !st.failed && distinct_stories(st.pairs, st.count, out, NULL) != 0)
        st.failed = 1;
    for (size_t i = 0; !field && i < st.count; i++)
        free((char *)st.pairs[i].value);
    /* The stories of the matches without a value, then of every match. */
    for (int pass = 0; pass < 2 && status == SEARCH_OK && !st.failed; pass++) {
        st.count = 0;
        for (unsigned d = 0; d < set.size && !st.failed; d++)
            if (docset_has(&set, d) && (pass || !st.valued[d]))
                add_pair(&st, "", d);
        if (!st.failed && distinct_stories(st.pairs, st.count, NULL, pass ? total : without) != 0)
            st.failed = 1;
    }
    if (status == SEARCH_OK && st.failed)
        status = search_fail(s, SEARCH_NO_MEMORY, "out of memory");
    for (unsigned d = 0; st.group && d < set.size; d++)
        free(st.group[d]);
    free(st.group);
    free(st.valued);
    free(st.pairs);
    free(set.bits);
    search_facet_free(&values);
    return status;
}
