/* dupgroup.h: grouping near-duplicate articles as they are added to and removed from an index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The rule, a function of the set of articles alone (not of the order they
 * were indexed in, so a rebuild and a run of incremental updates give the
 * same groups):
 *
 *   Take the articles in order of (date, id) (dupgroup_precedes()).  Each
 *   article's candidates are the articles that share a band key with it
 *   (dupsig_share_band()).  An article is a *leader* unless some earlier
 *   leader among its candidates agrees with it on at least min_equal_rows
 *   signature rows (more when either quotes: dupgroup_similar()); then it
 *   *follows* the earliest such leader.  A group is a leader and its
 *   followers, named by the leader's id: its earliest article.  An article without a signature (too short a body) is
 *   always a leader of a group of one.
 *
 * Every member is similar to the group's first article: nothing chains
 * from a story to another through a run of intermediate versions.  Taking
 * the earliest leader that passes (not the most similar) keeps articles
 * with equal signatures in one group: a leader dated between them cannot
 * take the later one away.
 *
 * Why (date, id) and not the order of indexing: the original story is
 * usually the earliest, and the groups then do not depend on the order
 * files are walked or re-indexed.  Undated articles come last.
 *
 * dupgroup_add() and dupgroup_remove() keep that rule over an index the
 * caller stands for with two callbacks (a dupgroup_index_t): one lists the
 * indexed articles holding some band key of a signature, the other records
 * an article's new group.  When an article arrives later than all its
 * candidates (news is indexed roughly in date order), it takes one lookup;
 * an earlier arrival, or the removal of a group's leader, re-examines the
 * articles after it that it can affect, in date order.  The module holds
 * no state between calls and knows nothing of Xapian.
 */
#ifndef TRAWL_DUPGROUP_H
#define TRAWL_DUPGROUP_H

#include <stddef.h>

#include "dupsig.h"

/* An article joins a leader's group when their signatures agree on at
 * least this many of DUPSIG_ROWS rows (an estimated Jaccard of 0.547 on
 * 4-word shingles): the lowest threshold that keeps 98% of grouped pairs
 * true near-duplicates on the test set mixed with 20 Newsgroups, where it
 * groups 95% to 97.5% of the copies (five seeds); doc/benchmarks.md,
 * "Near-duplicate grouping". */
#define DUPGROUP_MIN_EQUAL_ROWS 70

/* When either article of a pair quotes another post (dupsig_t.quoting),
 * the pair must agree on this many rows more (76 of 128, an estimate of
 * 0.594): 20 Newsgroups alone then keeps 98.9% of its grouped pairs true
 * near-duplicates (95.6% at 70) with all 531 cross-post copies grouped;
 * news articles quote nothing and keep 70 (doc/benchmarks.md). */
#define DUPGROUP_QUOTING_EXTRA_ROWS 6

/* Non-zero if signatures A and B agree enough for one to join the other's
 * group: on MIN_EQUAL_ROWS rows, plus DUPGROUP_QUOTING_EXTRA_ROWS when
 * either quotes. */
int dupgroup_similar(const dupsig_t *a, const dupsig_t *b, unsigned min_equal_rows);

/* What the module knows of an article.  Strings are NUL-terminated and
 * borrowed for the call. */
typedef struct {
    const char *id;        /* the article's unique id */
    const char *date;      /* "YYYYMMDD" as value slot 0 holds it (partial
                            * dates padded with 0); NULL or "": undated */
    const dupsig_t *sig;   /* NULL: no signature (a short body): never grouped */
    const char *group;     /* the id of its group's leader (its own id for a
                            * leader); dupgroup_add() ignores it */
} dupgroup_article_t;

/* Where a find_candidates callback puts the articles it finds. */
typedef struct dupgroup_found dupgroup_found_t;

/* The index, as the module sees it.  The caller fills the first four
 * members; the module adds to the counters (zero them to start). */
typedef struct {
    /* Calls dupgroup_found_add() for every indexed article that holds at
     * least one of the band keys of SIG (dupsig_band_hash()).  It may list
     * more (the module keeps only those that share a band with SIG, and
     * ignores the article the call is about, and an old version of it with
     * the same id).  LEADERS_ONLY non-zero: only leaders (group equal to
     * id) are needed, and others may be left out; a callback that listed
     * them all anyway (cheap when the band terms have few postings, as
     * nearly always) says so with dupgroup_found_all(), which saves the
     * module a second lookup when the article turns out to lead.  Returns
     * 0, or -1 to stop the operation with an error. */
    int (*find_candidates)(void *ctx, const dupsig_t *sig, int leaders_only,
                           dupgroup_found_t *found);
    /* Records that the indexed article ID now belongs to the group named
     * GROUP (both strings valid during the call).  find_candidates must
     * report the new group from the next operation on (within this one the
     * module remembers it itself).  Returns 0, or -1 to stop the operation
     * with an error. */
    int (*set_group)(void *ctx, const char *id, const char *group);
    void *ctx;                  /* passed to both callbacks */
    unsigned min_equal_rows;    /* 1 to DUPSIG_ROWS: DUPGROUP_MIN_EQUAL_ROWS */
    size_t lookups;             /* find_candidates calls made */
    size_t examined;            /* articles whose group was worked out */
    size_t regrouped;           /* set_group calls made */
} dupgroup_index_t;

/* Hands the module one article found by find_candidates; everything is
 * copied.  Returns 0, or -1 when memory runs out (the callback should then
 * return -1). */
int dupgroup_found_add(dupgroup_found_t *found, const dupgroup_article_t *article);

/* Tells the module that FOUND lists every article holding a band key of the
 * signature asked about, leaders or not. */
void dupgroup_found_all(dupgroup_found_t *found);

/* Non-zero if A comes before B in the grouping order: dated before undated,
 * then by date (byte order of "YYYYMMDD"), then by id (byte order).  Ids
 * are unique, so two different articles are never equal. */
int dupgroup_precedes(const dupgroup_article_t *a, const dupgroup_article_t *b);

/* ARTICLE (its id, date and signature; group ignored) is about to be
 * indexed.  A replaced article is removed first (dupgroup_remove() with its
 * stored record), then added.  Works out its group and writes its name to
 * *GROUP_OUT (malloc'ed: free() it): ARTICLE's own id when it leads a group,
 * else its leader's id.  Calls set_group for every indexed article whose
 * group changes because ARTICLE arrived (only when it comes before some of
 * its candidates).  Returns 0; or -1 when a callback failed or memory ran
 * out, with *GROUP_OUT NULL: the set_group calls already made may then
 * leave the groups half updated (the indexer's run fails and drops its
 * transaction). */
int dupgroup_add(dupgroup_index_t *index, const dupgroup_article_t *article,
                 char **group_out);

/* ARTICLE (its stored id, date, signature and group) leaves the index.
 * This call may come before or after the document is deleted, but the
 * deletion must come before the next dupgroup_add() or dupgroup_remove()
 * (a replacement's dupgroup_add() excepted: it ignores the old version of
 * its own id).  When it led a group, its followers
 * are grouped again (each joins another leader or leads a group; the first
 * of them usually leads the rest) and set_group is called for each one
 * whose group changes.  Returns 0, or -1 as dupgroup_add() does. */
int dupgroup_remove(dupgroup_index_t *index, const dupgroup_article_t *article);

#endif /* TRAWL_DUPGROUP_H */
