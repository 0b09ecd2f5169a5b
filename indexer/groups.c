/* groups.c: near-duplicate groups kept in the index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "bandtable.h"
#include "buf.h"
#include "docdata.h"
#include "dupgroup.h"
#include "groups.h"
#include "grow.h"
#include "schema.h"
#include "xs.h"

struct groups {
    xs_db_t *db;
    dupgroup_index_t index;
    bandtable_t *bands;    /* the indexed articles' band keys by docid; NULL
                            * until the run first needs them */
};

/* An article as the index holds it (or as a rebuild works it out). */
typedef struct {
    unsigned docid;
    char *id, *date, *group;
    dupsig_t sig;
    int has_sig;
} record_t;

static void record_free(record_t *r)
{
    free(r->id);
    free(r->date);
    free(r->group);
    memset(r, 0, sizeof *r);
}

/* A value of document DOCID, malloc'ed ("" when it has none), or NULL
 * (*GONE set when there is no such document). */
static char *value_of(xs_db_t *db, unsigned docid, unsigned slot, size_t *len, int *gone)
{
    char *value = NULL, *copy;
    size_t n = 0;
    xs_status_t st = xs_db_document_value(db, docid, slot, &value, &n);
    if (gone)
        *gone = st == XS_NOT_FOUND;
    if (st != XS_OK)
        return NULL;
    copy = xstrndup(value, n);
    xs_free(value);
    if (len)
        *len = n;
    return copy;
}

/* Reads the record of document DOCID.  Returns 0, 1 when there is no
 * such document, or -1. */
static int read_record(xs_db_t *db, unsigned docid, record_t *r)
{
    size_t len = 0;
    int gone = 0;
    char *sig = value_of(db, docid, SLOT_DUPSIG, &len, &gone);

    memset(r, 0, sizeof *r);
    if (gone)
        return 1;
    r->docid = docid;
    r->id = value_of(db, docid, SLOT_ID, NULL, NULL);
    r->date = value_of(db, docid, SLOT_DATE, NULL, NULL);
    r->group = value_of(db, docid, SLOT_GROUP, NULL, NULL);
    if (sig == NULL || r->id == NULL || r->date == NULL || r->group == NULL) {
        free(sig);
        record_free(r);
        return -1;
    }
    r->has_sig = dupsig_decode(sig, len, &r->sig) == 0;
    free(sig);
    return 0;
}

/* The docid of the article ID, or 0 when there is none (or on an error:
 * *FAILED set). */
static unsigned docid_of(xs_db_t *db, const char *id, int *failed)
{
    buf_t term = BUF_INIT;
    unsigned docid = 0;
    docdata_id_term(id, &term);
    xs_status_t st = term.failed ? XS_NO_MEMORY
                                 : xs_db_find_unique(db, term.data, term.len, &docid);
    buf_free(&term);
    if (st != XS_OK && st != XS_NOT_FOUND)
        *failed = 1;
    return st == XS_OK ? docid : 0;
}

static dupgroup_article_t article_of(const record_t *r)
{
    dupgroup_article_t a = { r->id, r->date, r->has_sig ? &r->sig : NULL, r->group };
    return a;
}

/* ----------------------------------------------------------- the index */

typedef struct {
    xs_db_t *db;
    unsigned *seen;        /* docids listed for this lookup: a few, so a list */
    size_t seen_count, seen_capacity;
    dupgroup_found_t *found;
    int failed;
} lookup_t;

static int list_docid(void *ctx, uint32_t docid)
{
    lookup_t *l = ctx;
    for (size_t i = 0; i < l->seen_count; i++)
        if (l->seen[i] == docid)
            return 0;
    unsigned *seen = grow_array(l->seen, l->seen_count, &l->seen_capacity, sizeof *seen, 16);
    if (seen == NULL) {
        l->failed = 1;
        return 1;
    }
    l->seen = seen;
    l->seen[l->seen_count++] = docid;
    record_t r;
    int rc = read_record(l->db, docid, &r);
    if (rc != 0) {     /* 1: deleted since its keys were listed */
        l->failed = rc < 0;
        return rc < 0;
    }
    dupgroup_article_t a = article_of(&r);
    rc = dupgroup_found_add(l->found, &a);
    record_free(&r);
    if (rc != 0)
        l->failed = 1;
    return rc != 0;
}

static int load_signature(void *ctx, unsigned docid, const char *value, size_t len)
{
    groups_t *g = ctx;
    dupsig_t sig;
    return dupsig_decode(value, len, &sig) == 0 && bandtable_add(g->bands, &sig, docid) != 0;
}

/* Fills G->bands from the signatures stored in the index, the first time
 * the run needs them (a run that groups nothing reads none).  Returns 0,
 * or -1. */
static int load_bands(groups_t *g)
{
    if (g->bands)
        return 0;
    if ((g->bands = bandtable_new()) == NULL
        || xs_db_each_value(g->db, SLOT_DUPSIG, load_signature, g) != XS_OK) {
        bandtable_free(g->bands);
        g->bands = NULL;
        return -1;
    }
    return 0;
}

/* Lists every indexed article holding a band key of SIG. */
static int find_candidates(void *ctx, const dupsig_t *sig, int leaders_only,
                           dupgroup_found_t *found)
{
    groups_t *g = ctx;
    lookup_t l = { g->db, NULL, 0, 0, found, 0 };

    (void)leaders_only;    /* band lists are short: all are listed */
    if (load_bands(g) != 0)
        return -1;
    bandtable_each(g->bands, sig, list_docid, &l);
    free(l.seen);
    dupgroup_found_all(found);
    return l.failed ? -1 : 0;
}

/* Retags the article ID of DB with GROUP (value and term, the old term
 * dropped).  Returns 0, or -1. */
static int retag(xs_db_t *db, const char *id, const char *group)
{
    int failed = 0;
    unsigned docid = docid_of(db, id, &failed);
    buf_t idterm = BUF_INIT, old_term = BUF_INIT, new_term = BUF_INIT;
    char *old = docid ? value_of(db, docid, SLOT_GROUP, NULL, NULL) : NULL;
    int rc = -1;

    if (docid == 0 || old == NULL)
        goto done;
    docdata_id_term(id, &idterm);
    docdata_id_term_with(PREFIX_GROUP, old, &old_term);
    docdata_id_term_with(PREFIX_GROUP, group, &new_term);
    if (!idterm.failed && !old_term.failed && !new_term.failed
        && xs_db_retag_document(db, idterm.data, idterm.len, SLOT_GROUP, group, strlen(group),
                                old_term.data, old_term.len, new_term.data, new_term.len)
               == XS_OK)
        rc = 0;
done:
    free(old);
    buf_free(&idterm);
    buf_free(&old_term);
    buf_free(&new_term);
    return rc;
}

static int set_group(void *ctx, const char *id, const char *group)
{
    groups_t *g = ctx;
    return retag(g->db, id, group);
}

groups_t *groups_new(xs_db_t *db)
{
    groups_t *g = calloc(1, sizeof *g);
    if (g == NULL)
        return NULL;
    g->db = db;
    g->index.find_candidates = find_candidates;
    g->index.set_group = set_group;
    g->index.ctx = g;
    g->index.min_equal_rows = DUPGROUP_MIN_EQUAL_ROWS;
    return g;
}

void groups_free(groups_t *g)
{
    if (g)
        bandtable_free(g->bands);
    free(g);
}

int groups_indexed(groups_t *g, unsigned docid, const dupsig_t *sig)
{
    return sig == NULL ? 0 : load_bands(g) != 0 ? -1 : bandtable_add(g->bands, sig, docid);
}

/* Non-zero if the article's date DATE and signature SIG are those of R. */
static int same_placement(const record_t *r, const char *date, const dupsig_t *sig)
{
    return strcmp(r->date, date ? date : "") == 0 && (sig != NULL) == r->has_sig
           && (sig == NULL || dupsig_same(&r->sig, sig));
}

int groups_place(groups_t *g, const char *id, const char *date, const dupsig_t *sig,
                 char **group)
{
    int failed = 0;
    unsigned docid = docid_of(g->db, id, &failed);
    record_t old;
    dupgroup_article_t a = { id, date, sig, NULL };

    *group = NULL;
    if (failed)
        return -1;
    if (docid) {
        if (read_record(g->db, docid, &old) != 0)
            return -1;
        /* The same date and signature: the same group, nothing to redo. */
        if (same_placement(&old, date, sig)) {
            *group = old.group;
            old.group = NULL;
            record_free(&old);
            return 0;
        }
        dupgroup_article_t was = article_of(&old);
        int rc = dupgroup_remove(&g->index, &was);
        record_free(&old);
        if (rc != 0)
            return -1;
    }
    return dupgroup_add(&g->index, &a, group);
}

int groups_leave(groups_t *g, const char *id)
{
    int failed = 0;
    unsigned docid = docid_of(g->db, id, &failed);
    record_t old;

    if (failed)
        return -1;
    if (docid == 0)
        return 0;
    if (read_record(g->db, docid, &old) != 0)
        return -1;
    dupgroup_article_t was = article_of(&old);
    int rc = dupgroup_remove(&g->index, &was);
    record_free(&old);
    return rc;
}

/* ------------------------------------------------------ afresh, in memory */

typedef struct {
    record_t *records;     /* every article, sorted in (date, id) order */
    size_t count, capacity;
    bandtable_t *bands;    /* the grouped records' band keys, by index + 1 */
    char **groups;         /* the groups worked out, parallel to records */
    int failed;
} fresh_t;

static int collect_id(void *ctx, unsigned docid, const char *value, size_t len)
{
    fresh_t *f = ctx;
    (void)value, (void)len;
    record_t *records = grow_array(f->records, f->count, &f->capacity, sizeof *records, 1024);
    if (records == NULL) {
        f->failed = 1;
        return 1;
    }
    f->records = records;
    memset(&f->records[f->count], 0, sizeof f->records[f->count]);
    f->records[f->count++].docid = docid;
    return 0;
}

static int compare_records(const void *a, const void *b)
{
    dupgroup_article_t x = article_of(a), y = article_of(b);
    return dupgroup_precedes(&x, &y) ? -1 : dupgroup_precedes(&y, &x);
}

typedef struct {
    fresh_t *fresh;
    dupgroup_found_t *found;
} fresh_lookup_t;

static int list_record(void *ctx, uint32_t article)
{
    fresh_lookup_t *l = ctx;
    /* In the group worked out here, not the one stored: that may be stale
     * (a part's, before the merge), and the rule follows a candidate's
     * leader. */
    size_t r = article - 1;
    dupgroup_article_t a = article_of(&l->fresh->records[r]);
    a.group = l->fresh->groups[r];
    return dupgroup_found_add(l->found, &a) != 0;
}

/* Lists the articles grouped so far that hold a band key of SIG. */
static int fresh_candidates(void *ctx, const dupsig_t *sig, int leaders_only,
                            dupgroup_found_t *found)
{
    fresh_lookup_t l = { ctx, found };
    (void)leaders_only;
    if (bandtable_each(l.fresh->bands, sig, list_record, &l) != 0)
        return -1;
    dupgroup_found_all(found);
    return 0;
}

static int fresh_set_group(void *ctx, const char *id, const char *group)
{
    /* In (date, id) order no article comes before one grouped already:
     * the rule never regroups here. */
    (void)ctx, (void)id, (void)group;
    return -1;
}

/* Loads every article of DB and works out each one's group (into
 * F->groups, parallel to F->records, whose group is the stored one).
 * Returns 0, or -1. */
static int group_afresh(xs_db_t *db, fresh_t *f)
{
    dupgroup_index_t index = { fresh_candidates, fresh_set_group, f, DUPGROUP_MIN_EQUAL_ROWS,
                               0, 0, 0 };

    if (xs_db_each_value(db, SLOT_ID, collect_id, f) != XS_OK || f->failed)
        return -1;
    for (size_t i = 0; i < f->count; i++)
        if (read_record(db, f->records[i].docid, &f->records[i]) != 0)
            return -1;
    if (f->count)
        qsort(f->records, f->count, sizeof *f->records, compare_records);
    if ((f->groups = calloc(f->count ? f->count : 1, sizeof *f->groups)) == NULL
        || (f->bands = bandtable_new()) == NULL)
        return -1;
    for (size_t i = 0; i < f->count; i++) {
        dupgroup_article_t a = article_of(&f->records[i]);
        a.group = NULL;
        if (dupgroup_add(&index, &a, &f->groups[i]) != 0
            || (f->records[i].has_sig
                && bandtable_add(f->bands, &f->records[i].sig, (uint32_t)i + 1) != 0))
            return -1;
    }
    return 0;
}

static void fresh_free(fresh_t *f)
{
    for (size_t i = 0; i < f->count; i++) {
        if (f->groups)
            free(f->groups[i]);
        record_free(&f->records[i]);
    }
    free(f->groups);
    free(f->records);
    bandtable_free(f->bands);
}

int groups_rebuild(xs_db_t *db, xs_db_t *const *writers, size_t writer_count, size_t *changed)
{
    fresh_t f = { NULL, 0, 0, NULL, NULL, 0 };
    size_t n = 0;
    int rc = group_afresh(db, &f);

    for (size_t i = 0; rc == 0 && i < f.count; i++)
        if (strcmp(f.groups[i], f.records[i].group) != 0) {
            /* The writer that holds it: one lookup a part, and no part's
             * rule for its articles to keep in step with. */
            int failed = 0;
            size_t k = 0;
            while (k < writer_count && docid_of(writers[k], f.records[i].id, &failed) == 0
                   && !failed)
                k++;
            rc = k < writer_count && !failed ? retag(writers[k], f.records[i].id, f.groups[i])
                                             : -1;
            n++;
        }
    if (changed)
        *changed = n;
    fresh_free(&f);
    return rc;
}

int groups_verify(xs_db_t *db, size_t *wrong, char **first_wrong)
{
    fresh_t f = { NULL, 0, 0, NULL, NULL, 0 };
    int rc = group_afresh(db, &f);

    *wrong = 0;
    if (first_wrong)
        *first_wrong = NULL;
    for (size_t i = 0; rc == 0 && i < f.count; i++)
        if (strcmp(f.groups[i], f.records[i].group) != 0 && (*wrong)++ == 0 && first_wrong
            && (*first_wrong = strdup(f.records[i].id)) == NULL)
            rc = -1;
    fresh_free(&f);
    return rc;
}
