/* dupgroup.c: the grouping rule of dupgroup.h, kept up to date one article at a time.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Why the incremental steps give the rule's result: an article's group
 * depends only on the leaders before it among its candidates.  So adding
 * or removing an article X can change only articles after X, and only
 * through a change of some article's leadership: an article that becomes a
 * leader may take (or demote) the later articles it shares a band with;
 * one that stops leading leaves its followers to be grouped again.  The
 * operation keeps a queue of the articles to re-examine, taken in
 * (date, id) order, so every article is examined once, after everything
 * that could affect it has settled.
 *
 * Within one operation the module keeps its own view of every article it
 * has met (an "overlay", keyed by id), so it never depends on the index
 * showing the set_group calls it made.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dupgroup.h"
#include "grow.h"
#include "table.h"

typedef struct {
    char *id;
    char *date;              /* "" when undated */
    char *group;             /* the leader's id; equal to id for a leader */
    dupsig_t sig;
    unsigned char has_sig;
    unsigned char removed;   /* the article dupgroup_remove() is about */
    unsigned char queued;    /* waiting in the queue */
    unsigned char examined;  /* its group has been worked out */
    unsigned char listed;    /* in the candidate list being built */
} record_t;

/* A growing array of records. */
typedef struct {
    record_t *items;
    size_t count, capacity;
} record_list_t;

/* A growing array of record indices. */
typedef struct {
    size_t *items;
    size_t count, capacity;
} index_list_t;

struct dupgroup_found {
    record_list_t list;
    int all;                     /* dupgroup_found_all() was called */
};

/* One dupgroup_add() or dupgroup_remove(). */
typedef struct {
    dupgroup_index_t *index;
    size_t subject;              /* the record the operation is about */
    record_list_t records;       /* the overlay; indices, never pointers, are kept */
    table_t *by_id;              /* the overlay's ids: each entry's count is
                                    its record's index + 1 */
    index_list_t queue;          /* a binary heap of record indices, earliest first */
    index_list_t new_leaders;    /* records that lead since this operation began */
    index_list_t candidates;     /* the last lookup's result */
    size_t candidates_of;        /* the record it was for */
    int candidates_all;          /* it holds followers too: dupgroup_found_all() */
    dupgroup_found_t found;      /* the callback's list, before the overlay */
} operation_t;

/* Makes room for one more record.  Returns 0, or -1 (nothing changed)
 * when memory runs out. */
static int record_list_reserve(record_list_t *list)
{
    record_t *items = grow_array(list->items, list->count, &list->capacity, sizeof *items, 16);
    if (items == NULL)
        return -1;
    list->items = items;
    return 0;
}

/* Appends VALUE.  Returns 0, or -1 (nothing changed) when memory runs out. */
static int index_list_push(index_list_t *list, size_t value)
{
    size_t *items = grow_array(list->items, list->count, &list->capacity, sizeof *items, 16);
    if (items == NULL)
        return -1;
    list->items = items;
    list->items[list->count++] = value;
    return 0;
}

static void record_free(record_t *r)
{
    free(r->id);
    free(r->date);
    free(r->group);
}

/* Copies A into *R (all flags clear).  Returns 0, or -1 with *R empty. */
static int record_copy(record_t *r, const dupgroup_article_t *a)
{
    memset(r, 0, sizeof *r);
    r->id = strdup(a->id);
    r->date = strdup(a->date ? a->date : "");
    r->group = strdup(a->group ? a->group : a->id);
    if (r->id == NULL || r->date == NULL || r->group == NULL) {
        record_free(r);
        memset(r, 0, sizeof *r);
        return -1;
    }
    if (a->sig) {
        r->sig = *a->sig;
        r->has_sig = 1;
    }
    return 0;
}

static int key_precedes(const char *date_a, const char *id_a,
                        const char *date_b, const char *id_b)
{
    int dated_a = date_a && *date_a, dated_b = date_b && *date_b;
    if (dated_a != dated_b)
        return dated_a;
    int by_date = dated_a ? strcmp(date_a, date_b) : 0;
    return by_date != 0 ? by_date < 0 : strcmp(id_a, id_b) < 0;
}

int dupgroup_precedes(const dupgroup_article_t *a, const dupgroup_article_t *b)
{
    return key_precedes(a->date, a->id, b->date, b->id);
}

static int record_precedes(const record_t *a, const record_t *b)
{
    return key_precedes(a->date, a->id, b->date, b->id);
}

static int is_leader(const record_t *r)
{
    return strcmp(r->group, r->id) == 0;
}

void dupgroup_found_all(dupgroup_found_t *found)
{
    found->all = 1;
}

int dupgroup_found_add(dupgroup_found_t *found, const dupgroup_article_t *article)
{
    record_list_t *list = &found->list;
    if (record_list_reserve(list) != 0 || record_copy(&list->items[list->count], article) != 0)
        return -1;
    list->count++;
    return 0;
}

/* Frees the records still in FOUND's list and empties it. */
static void found_clear(dupgroup_found_t *found)
{
    for (size_t i = 0; i < found->list.count; i++)
        record_free(&found->list.items[i]);
    found->list.count = 0;
    found->all = 0;
}

/* The overlay record of ID, or SIZE_MAX when there is none. */
static size_t overlay_find(const operation_t *op, const char *id)
{
    const table_entry_t *e = op->by_id ? table_find(op->by_id, id, strlen(id)) : NULL;
    return e ? e->count - 1 : SIZE_MAX;
}

/* Moves *R (ownership of its strings too) into the overlay, whose ids must
 * not hold R's.  Returns its index, or SIZE_MAX when memory runs out (then
 * *R is freed). */
static size_t overlay_insert(operation_t *op, record_t *r)
{
    table_entry_t *e = NULL;
    if (record_list_reserve(&op->records) == 0
        && (op->by_id != NULL || (op->by_id = table_new()) != NULL))
        e = table_add(op->by_id, r->id, strlen(r->id), NULL);
    if (e == NULL) {
        record_free(r);
        return SIZE_MAX;
    }
    e->count = op->records.count + 1;
    op->records.items[op->records.count] = *r;
    return op->records.count++;
}

static int queue_before(const operation_t *op, size_t a, size_t b)
{
    return record_precedes(&op->records.items[op->queue.items[a]],
                           &op->records.items[op->queue.items[b]]);
}

static void queue_swap(operation_t *op, size_t a, size_t b)
{
    size_t t = op->queue.items[a];
    op->queue.items[a] = op->queue.items[b];
    op->queue.items[b] = t;
}

/* Queues RECORD for examination unless it is queued or examined already.
 * Returns 0, or -1 when memory runs out. */
static int queue_push(operation_t *op, size_t record)
{
    record_t *r = &op->records.items[record];
    if (r->queued || r->examined)
        return 0;
    if (index_list_push(&op->queue, record) != 0)
        return -1;
    r->queued = 1;
    size_t i = op->queue.count - 1;
    while (i > 0 && queue_before(op, i, (i - 1) / 2)) {
        queue_swap(op, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
    return 0;
}

/* Takes the earliest queued record off the queue. */
static size_t queue_pop(operation_t *op)
{
    size_t top = op->queue.items[0];
    op->queue.items[0] = op->queue.items[--op->queue.count];
    for (size_t i = 0;;) {
        size_t least = i, left = 2 * i + 1, right = left + 1;
        if (left < op->queue.count && queue_before(op, left, least))
            least = left;
        if (right < op->queue.count && queue_before(op, right, least))
            least = right;
        if (least == i)
            break;
        queue_swap(op, i, least);
        i = least;
    }
    op->records.items[top].queued = 0;
    return top;
}

/* Adds RECORD to the candidate list of X unless it is X (or an old version
 * of it), removed, unsigned, already listed, or shares no band with X.
 * Returns 0, or -1 when memory runs out. */
static int list_candidate(operation_t *op, size_t x, size_t record)
{
    record_t *r = &op->records.items[record];
    const record_t *subject = &op->records.items[x];
    if (record == x || r->removed || !r->has_sig || r->listed
        || strcmp(r->id, subject->id) == 0 || !dupsig_share_band(&r->sig, &subject->sig))
        return 0;
    if (index_list_push(&op->candidates, record) != 0)
        return -1;
    r->listed = 1;
    return 0;
}

/* Fills op->candidates with the overlay records of X's candidates (only
 * leaders, as far as the index leaves the others out, when LEADERS_ONLY):
 * what the index lists, seen through the overlay, and the records that
 * became leaders during this operation, which the index may not show yet.
 * Returns 0, or -1 when the callback failed or memory ran out. */
static int find_candidates(operation_t *op, size_t x, int leaders_only)
{
    dupgroup_index_t *index = op->index;
    int rc = -1;

    for (size_t i = 0; i < op->candidates.count; i++)
        op->records.items[op->candidates.items[i]].listed = 0;
    op->candidates.count = 0;
    op->candidates_of = x;
    op->candidates_all = 0;
    index->lookups++;
    dupsig_t sig = op->records.items[x].sig;   /* the overlay may move while it grows */
    if (index->find_candidates(index->ctx, &sig, leaders_only, &op->found) != 0)
        goto done;
    for (size_t i = 0; i < op->found.list.count; i++) {
        record_t *r = &op->found.list.items[i];
        size_t record = overlay_find(op, r->id);
        if (record == SIZE_MAX) {
            record = overlay_insert(op, r);
            memset(r, 0, sizeof *r);     /* its strings moved into the overlay */
            if (record == SIZE_MAX)
                goto done;
        }
        if (list_candidate(op, x, record) != 0)
            goto done;
    }
    for (size_t i = 0; i < op->new_leaders.count; i++)
        if (list_candidate(op, x, op->new_leaders.items[i]) != 0)
            goto done;
    op->candidates_all = !leaders_only || op->found.all;
    rc = 0;
done:
    found_clear(&op->found);
    return rc;
}

int dupgroup_similar(const dupsig_t *a, const dupsig_t *b, unsigned min_equal_rows)
{
    unsigned needed = min_equal_rows;
    if (a->quoting || b->quoting)
        needed += DUPGROUP_QUOTING_EXTRA_ROWS;
    return dupsig_equal_rows(a, b) >= needed;
}

/* Works out record X's group by the rule: the earliest leader before it
 * among its candidates that agrees with it on at least the threshold's
 * number of rows, else X itself.  Sets *LEADER to that record's index, or
 * to X.  Returns 0, or -1 as find_candidates() does. */
static int earliest_leader(operation_t *op, size_t x, size_t *leader)
{
    *leader = x;
    if (!op->records.items[x].has_sig)
        return 0;
    if (find_candidates(op, x, 1) != 0)
        return -1;
    for (size_t i = 0; i < op->candidates.count; i++) {
        const record_t *c = &op->records.items[op->candidates.items[i]];
        const record_t *subject = &op->records.items[x];
        if (is_leader(c) && record_precedes(c, &op->records.items[*leader])
            && dupgroup_similar(&c->sig, &subject->sig, op->index->min_equal_rows))
            *leader = op->candidates.items[i];
    }
    return 0;
}

/* Queues the candidates of X that come after it (only its followers when
 * FOLLOWERS_ONLY), from the last lookup when it was X's and complete.
 * Returns 0, or -1 as find_candidates() does. */
static int queue_later_candidates(operation_t *op, size_t x, int followers_only)
{
    if (!op->records.items[x].has_sig)
        return 0;
    if (!(op->candidates_of == x && op->candidates_all) && find_candidates(op, x, 0) != 0)
        return -1;
    for (size_t i = 0; i < op->candidates.count; i++) {
        size_t c = op->candidates.items[i];
        const record_t *r = &op->records.items[c];
        if (!record_precedes(&op->records.items[x], r))
            continue;
        if (followers_only && strcmp(r->group, op->records.items[x].id) != 0)
            continue;
        if (queue_push(op, c) != 0)
            return -1;
    }
    return 0;
}

/* Sets record X's group to the id of record LEADER, telling the index
 * unless X is the article being added.  Returns 0 or -1. */
static int regroup(operation_t *op, size_t x, size_t leader, int tell_index)
{
    char *group = strdup(op->records.items[leader].id);
    if (group == NULL)
        return -1;
    free(op->records.items[x].group);
    op->records.items[x].group = group;
    if (!tell_index)
        return 0;
    op->index->regrouped++;
    return op->index->set_group(op->index->ctx, op->records.items[x].id, group);
}

/* Examines the queued records in (date, id) order until none is left.
 * Returns 0, or -1 when a callback failed or memory ran out. */
static int settle(operation_t *op, int subject_is_new)
{
    while (op->queue.count > 0) {
        size_t x = queue_pop(op), leader;
        int is_new = subject_is_new && x == op->subject;
        op->records.items[x].examined = 1;
        op->index->examined++;
        int was_leader = !is_new && is_leader(&op->records.items[x]);
        if (earliest_leader(op, x, &leader) != 0)
            return -1;
        if ((is_new || strcmp(op->records.items[x].group, op->records.items[leader].id) != 0)
            && regroup(op, x, leader, !is_new) != 0)
            return -1;
        int leads = leader == x;
        if (leads && !was_leader) {
            if (index_list_push(&op->new_leaders, x) != 0
                || queue_later_candidates(op, x, 0) != 0)
                return -1;
        } else if (was_leader && !leads && queue_later_candidates(op, x, 1) != 0) {
            return -1;
        }
    }
    return 0;
}

static void operation_free(operation_t *op)
{
    for (size_t i = 0; i < op->records.count; i++)
        record_free(&op->records.items[i]);
    free(op->records.items);
    table_free(op->by_id, NULL);
    free(op->queue.items);
    free(op->new_leaders.items);
    free(op->candidates.items);
    found_clear(&op->found);
    free(op->found.list.items);
}

/* Starts an operation about ARTICLE: its record is the overlay's first. */
static int operation_begin(operation_t *op, dupgroup_index_t *index,
                           const dupgroup_article_t *article)
{
    record_t subject;
    memset(op, 0, sizeof *op);
    op->index = index;
    if (record_copy(&subject, article) != 0)
        return -1;
    op->subject = overlay_insert(op, &subject);
    return op->subject == SIZE_MAX ? -1 : 0;
}

int dupgroup_add(dupgroup_index_t *index, const dupgroup_article_t *article, char **group_out)
{
    operation_t op;
    dupgroup_article_t leader_of_itself = *article;
    int rc = -1;

    *group_out = NULL;
    leader_of_itself.group = article->id;
    if (operation_begin(&op, index, &leader_of_itself) == 0
        && queue_push(&op, op.subject) == 0 && settle(&op, 1) == 0
        && (*group_out = strdup(op.records.items[op.subject].group)) != NULL)
        rc = 0;
    operation_free(&op);
    return rc;
}

int dupgroup_remove(dupgroup_index_t *index, const dupgroup_article_t *article)
{
    operation_t op;
    int rc = -1;

    if (operation_begin(&op, index, article) != 0)
        goto done;
    op.records.items[op.subject].removed = 1;
    op.records.items[op.subject].examined = 1;
    if (is_leader(&op.records.items[op.subject])
        && queue_later_candidates(&op, op.subject, 1) != 0)
        goto done;
    rc = settle(&op, 0);
done:
    operation_free(&op);
    return rc;
}
