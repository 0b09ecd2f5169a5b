/* maintain.c: trawl-index --check and --rebuild.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "docdata.h"
#include "groups.h"
#include "hash.h"
#include "build.h"
#include "maintain.h"
#include "msg.h"
#include "schema.h"
#include "xs.h"

/* Context for misplaced(). */
typedef struct {
    unsigned index, of;    /* the shard (0-based) the documents should be of */
    size_t misplaced;
    buf_t ids;             /* the first misplaced ids, for the report */
} placement_t;

static int misplaced(void *ctx, unsigned docid, const char *id, size_t len)
{
    placement_t *p = ctx;
    buf_t term = BUF_INIT, copy = BUF_INIT;
    (void)docid;
    buf_append(&copy, id, len);
    docdata_id_term(copy.data ? copy.data : "", &term);
    if (!term.failed && fnv1a32(FNV1A32_INIT, term.data, term.len) % p->of != p->index) {
        if (p->misplaced++ < 5)
            buf_printf(&p->ids, "%s'%.*s'", p->ids.len ? ", " : "", (int)len, id);
    }
    buf_free(&term);
    buf_free(&copy);
    return 0;
}

/* Checks that every document of the index at PATH hashes to the shard it
 * is in: shard K of N as its metadata says (--shard K/N), or as its place
 * in a sharded index's directory says (KNOWN_INDEX of KNOWN_OF; 0: from
 * the metadata).  Returns the number of documents in another's place (0
 * when the index is no shard), or -1 when it cannot be read (reported). */
static long check_placement(const char *path, unsigned known_index, unsigned known_of)
{
    xs_db_t *db = NULL;
    char *stored = NULL;
    size_t len = 0;
    placement_t p = { known_index, known_of, 0, BUF_INIT };
    unsigned k = 0, n = 0;
    long rc = -1;

    if (xs_db_open_read(path, &db, NULL) != XS_OK
        || xs_db_get_metadata(db, META_SHARD, &stored, &len) != XS_OK) {
        errorf("cannot read the index '%s'%s%s", path, db ? ": " : "",
               db ? xs_db_last_error(db) : "");
        goto done;
    }
    if (known_of == 0 && len && sscanf(stored, "%u/%u", &k, &n) == 2 && k >= 1 && k <= n) {
        p.index = k - 1;
        p.of = n;
    }
    if (p.of < 2) {
        rc = 0;            /* not a shard: every article belongs */
        goto done;
    }
    if (xs_db_each_value(db, SLOT_ID, misplaced, &p) != XS_OK) {
        errorf("cannot read the index '%s': %s", path, xs_db_last_error(db));
        goto done;
    }
    if (p.misplaced)
        errorf("the index '%s' holds %zu article%s of another shard than %u of %u: %s%s", path,
               p.misplaced, p.misplaced == 1 ? "" : "s", p.index + 1, p.of, p.ids.data,
               p.misplaced > 5 ? ", ..." : "");
    rc = (long)p.misplaced;
done:
    buf_free(&p.ids);
    xs_free(stored);
    xs_db_close(db);
    return rc;
}

/* Checks that each article's near-duplicate group (SLOT_GROUP) is the one
 * the rule gives over the whole index (groups.h).  Returns the number that
 * differ (reported), or -1 (reported). */
static long check_groups(const char *path, xs_db_t *db)
{
    size_t wrong = 0;
    char *first = NULL;
    if (groups_verify(db, &wrong, &first) != 0) {
        errorf("cannot check the near-duplicate groups of '%s': %s", path,
               *xs_db_last_error(db) ? xs_db_last_error(db) : "out of memory");
        return -1;
    }
    if (wrong)
        errorf("the index '%s' holds %zu article%s in the wrong near-duplicate group "
               "(the first: '%s')", path, wrong, wrong == 1 ? "" : "s", first ? first : "");
    free(first);
    return (long)wrong;
}

/* Context of shared_id(): the ids held by more than one article. */
typedef struct {
    size_t shared;
    buf_t first;            /* the first such id */
} shared_ids_t;

static int shared_id(void *ctx, const char *term, size_t len, unsigned doc_freq)
{
    shared_ids_t *ids = ctx;
    size_t prefix = strlen(PREFIX_ID);

    if (doc_freq > 1 && ids->shared++ == 0)
        buf_append(&ids->first, term + prefix, len - prefix);
    return 0;
}

/* Checks that no two articles share an id (their Q<id> term): two inputs
 * made one article, or one article two.  Returns the number of shared ids
 * (reported), or -1 (reported). */
static long check_ids(const char *path, xs_db_t *db)
{
    shared_ids_t ids = { 0, BUF_INIT };
    long rc;

    if (xs_db_each_term(db, PREFIX_ID, shared_id, &ids) != XS_OK || ids.first.failed) {
        errorf("cannot check the article ids of '%s': %s", path,
               *xs_db_last_error(db) ? xs_db_last_error(db) : "out of memory");
        rc = -1;
    } else {
        if (ids.shared)
            errorf("the index '%s' holds %zu id%s shared by several articles (the first: '%s')",
                   path, ids.shared, ids.shared == 1 ? "" : "s", ids.first.data);
        rc = (long)ids.shared;
    }
    buf_free(&ids.first);
    return rc;
}

int maintain_check(const char *db_path, const char *const *shard_paths, size_t shard_count)
{
    size_t problems = 0;
    char *report = NULL;
    xs_db_t *db = NULL;
    unsigned docs = 0;
    unsigned long revision = 0;
    xs_status_t st = xs_db_check(db_path, &problems, &report);

    if (st == XS_OK && problems == 0 && xs_db_open_read(db_path, &db, NULL) == XS_OK
        && xs_db_doc_count(db, &docs) == XS_OK && xs_db_revision(db, &revision) == XS_OK) {
        long wrong = shard_count ? 0 : check_placement(db_path, 0, 0);
        for (size_t i = 0; i < shard_count && wrong >= 0; i++) {
            long here = check_placement(shard_paths[i], (unsigned)i, (unsigned)shard_count);
            wrong = here < 0 ? here : wrong + here;
        }
        if (wrong >= 0) {
            long shared = check_ids(db_path, db);
            wrong = shared < 0 ? shared : wrong + shared;
        }
        if (wrong >= 0) {
            long grouped = check_groups(db_path, db);
            wrong = grouped < 0 ? grouped : wrong + grouped;
        }
        xs_db_close(db);
        xs_free(report);
        if (wrong != 0) {
            if (wrong > 0)
                detailf("rebuild it from the corpus with --rebuild (a shard with its --shard)");
            return EXIT_TROUBLE;
        }
        printf("%s: ok (%u documents, revision %lu)\n", db_path, docs, revision);
        return EXIT_MATCH;
    }
    xs_db_close(db);
    if (st == XS_NOT_FOUND) {
        errorf("no index at '%s'", db_path);
        xs_free(report);
        return EXIT_TROUBLE;
    }
    if (st == XS_OK || st == XS_CORRUPT)
        errorf("the index '%s' is damaged: %zu problem%s found", db_path, problems,
               problems == 1 ? "" : "s");
    else
        errorf("cannot check the index '%s': %s", db_path, xs_status_to_string(st));
    /* Xapian's report, one problem a line. */
    for (char *line = report ? strtok(report, "\n") : NULL; line; line = strtok(NULL, "\n"))
        detailf("%s", line);
    if (st == XS_OK || st == XS_CORRUPT)
        detailf("rebuild it from the corpus: %s --rebuild --db %s PATH...", msg_program(),
                db_path);
    xs_free(report);
    return EXIT_TROUBLE;
}

/* The language of the index at DB_PATH (malloc'ed), or NULL when it cannot
 * be read: a damaged index is what --rebuild is for. */
static char *old_language(const char *db_path)
{
    xs_db_t *db = NULL;
    char *value = NULL, *language = NULL;
    size_t len = 0;
    if (xs_db_open_read(db_path, &db, NULL) == XS_OK
        && xs_db_get_metadata(db, META_LANGUAGE, &value, &len) == XS_OK && len)
        language = strdup(value);
    xs_free(value);
    xs_db_close(db);
    return language;
}

int maintain_rebuild(const build_options_t *opts, char *const *paths, size_t count,
                     build_stats_t *stats)
{
    buf_t new_path = BUF_INIT, old_path = BUF_INIT;
    build_options_t new_opts = *opts;
    char *language = opts->language ? NULL : old_language(opts->db_path);
    char *errmsg = NULL;
    xs_db_t *lock = NULL;
    int rc = -1;

    if (build_beside(opts->db_path, ".new", &new_path) != 0
        || build_beside(opts->db_path, ".old", &old_path) != 0) {
        errorf("out of memory");
        goto done;
    }
    /* Holding the old index's lock keeps other indexers out until the swap;
     * an index too damaged to be opened cannot be written to anyway. */
    xs_status_t st = xs_db_open_write(opts->db_path, opts->lock_wait, &lock, &errmsg);
    if (st == XS_LOCKED || st == XS_NO_MEMORY || st == XS_NULL_ARGUMENT) {
        errorf("cannot rebuild: %s", errmsg ? errmsg : xs_status_to_string(st));
        goto done;
    }
    /* DB.new can only be left by an interrupted rebuild. */
    if (build_remove_index_dir(new_path.data) != 0) {
        errorf("cannot remove '%s' (left by an earlier --rebuild?): %s", new_path.data,
               strerror(errno));
        goto done;
    }
    new_opts.db_path = new_path.data;
    new_opts.roots_from = opts->db_path;   /* the new index keeps the old ids */
    if (language)
        new_opts.language = language;
    if ((opts->jobs > 1 ? build_index_in_parts : build_index)(&new_opts, paths, count,
                                                              stats) != 0) {
        detailf("the index '%s' is unchanged", opts->db_path);
        build_remove_index_dir(new_path.data);
        goto done;
    }
    if (build_stop_signal) {
        build_remove_index_dir(new_path.data);
        rc = 0;
        goto done;
    }
    rc = build_swap_in(opts->db_path, new_path.data, old_path.data);
done:
    xs_db_close(lock);
    xs_free(errmsg);
    free(language);
    buf_free(&new_path);
    buf_free(&old_path);
    return rc;
}
