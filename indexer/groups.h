/* groups.h: near-duplicate groups kept in the index.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * dupgroup.h's rule, over the index: an article's signature (SLOT_DUPSIG)
 * is stored with it, and its group -- the id of the group's earliest
 * article, its leader -- in SLOT_GROUP (Xapian's collapse key) and as the
 * term PREFIX_GROUP + that id on every member.  Candidates are found in a
 * table of band keys in memory (bandtable.h), filled from the stored
 * signatures when the run first places or removes an article, and kept up
 * by groups_indexed() as the run writes; a member whose group changes is
 * retagged in place (xs_db_retag_document()).  A writer sees its own
 * changes before it commits, so a run's articles group with one another
 * as they come.
 */
#ifndef TRAWL_GROUPS_H
#define TRAWL_GROUPS_H

#include <stddef.h>
#include "dupsig.h"

struct xs_db;
typedef struct groups groups_t;

/* Groups over the index DB, open for writing (borrowed).  NULL when out
 * of memory.  Free with groups_free(). */
groups_t *groups_new(struct xs_db *db);
void groups_free(groups_t *g);

/* The article ID (date DATE as SLOT_DATE holds it, "" or NULL: undated;
 * signature SIG, NULL: none) is about to be stored, replacing the document
 * of that id if there is one: works out its group into *GROUP (malloc'ed),
 * regrouping the articles it takes from or gives to others.  An article
 * whose date and signature are those it had keeps its group.  Returns 0,
 * or -1 with *GROUP NULL (the index's error, or out of memory; the run
 * drops its transaction). */
int groups_place(groups_t *g, const char *id, const char *date, const dupsig_t *sig,
                 char **group);

/* The article placed last (groups_place()) is now document DOCID, with
 * signature SIG (NULL: none): from now on it is a candidate of the
 * articles that share a band with it.  Returns 0, or -1 (the index's
 * error, or out of memory). */
int groups_indexed(groups_t *g, unsigned docid, const dupsig_t *sig);

/* The article ID is about to be deleted: its group's other members are
 * regrouped when it led them.  Returns 0 (also when there is no such
 * article), or -1. */
int groups_leave(groups_t *g, const char *id);

/* Groups every article of DB (its parts read as one index) afresh, in
 * (date, id) order, and retags each whose stored group differs in the one
 * of the WRITER_COUNT WRITERS (the parts, open for writing) that holds
 * it: for an index built in parts (--jobs), whose parts could not see one
 * another.  *CHANGED (may be NULL) gets the number retagged.  Returns 0,
 * or -1 (also when no writer holds an article DB has). */
int groups_rebuild(struct xs_db *db, struct xs_db *const *writers, size_t writer_count,
                   size_t *changed);

/* Works out every article's group afresh, as groups_rebuild() does,
 * without writing: *WRONG gets the number whose stored group differs,
 * and FIRST_WRONG (when not NULL; malloc'ed) the first such id.  Returns 0,
 * or -1. */
int groups_verify(struct xs_db *db, size_t *wrong, char **first_wrong);

#endif /* TRAWL_GROUPS_H */
