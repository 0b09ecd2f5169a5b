/* build-open.c: opening the index for a run, and what the run may write there (build-internal.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An index keeps its layout, its shard, its stemming language and its
 * stop list: a run that would change one of them is refused here, before
 * it writes anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build-internal.h"
#include "msg.h"
#include "schema.h"

/* Refuses an index another version of trawl-index laid out differently:
 * documents of two layouts in one index would rank and match wrongly. */
static int check_schema(xs_db_t *db, const build_options_t *opts)
{
    char *stored = NULL;
    size_t len = 0;
    int rc = 0;
    if (xs_db_get_metadata(db, META_SCHEMA, &stored, &len) != XS_OK) {
        errorf("cannot read the index '%s': %s", opts->db_path, xs_db_last_error(db));
        return -1;
    }
    if (len && !schema_readable(stored)) {
        errorf("the index '%s' has layout %s; this trawl-index writes layout %s",
               opts->db_path, stored, SCHEMA_VERSION);
        detailf("rebuild it: %s --rebuild --db %s PATH...", msg_program(), opts->db_path);
        rc = -1;
    }
    xs_free(stored);
    return rc;
}

/* Refuses to mix shards: an index built with --shard K/N holds only shard
 * K of N articles, and may only be updated so; one that holds every
 * article (it has documents and no shard) may not become a shard.
 * Returns 0, or -1 (reported). */
static int check_shard(xs_db_t *db, const build_options_t *opts)
{
    char *stored = NULL, want[32] = "";
    size_t len = 0;
    unsigned docs = 0;
    int rc = -1;

    if (opts->shard_of)
        snprintf(want, sizeof want, "%u/%u", opts->shard_index + 1, opts->shard_of);
    if (xs_db_get_metadata(db, META_SHARD, &stored, &len) != XS_OK
        || xs_db_doc_count(db, &docs) != XS_OK) {
        errorf("cannot read the index '%s': %s", opts->db_path, xs_db_last_error(db));
        goto done;
    }
    if (len && strcmp(stored, want) != 0) {
        errorf("the index '%s' holds shard %s of the articles%s%s", opts->db_path, stored,
               *want ? ", not " : "", want);
        detailf("index it with --shard %s, or into a new --db", stored);
        goto done;
    }
    if (!len && *want && docs) {
        errorf("the index '%s' holds articles of every shard; --shard %s builds one shard",
               opts->db_path, want);
        detailf("give a new --db for the shard");
        goto done;
    }
    rc = 0;
done:
    xs_free(stored);
    return rc;
}

/* Chooses the stemming language: the one the index was built with, which
 * --language may only repeat. */
static int choose_language(xs_db_t *db, const build_options_t *opts, char **language_out)
{
    char *stored = NULL;
    size_t len = 0;
    if (xs_db_get_metadata(db, META_LANGUAGE, &stored, &len) != XS_OK) {
        errorf("cannot read the index '%s': %s", opts->db_path, xs_db_last_error(db));
        return -1;
    }
    if (len && opts->language && strcmp(stored, opts->language) != 0) {
        errorf("the index '%s' was built with --language %s, not %s", opts->db_path,
               stored, opts->language);
        detailf("re-index into a new --db to change the language");
        xs_free(stored);
        return -1;
    }
    *language_out = strdup(len ? stored : opts->language ? opts->language : "english");
    xs_free(stored);
    return *language_out ? 0 : -1;
}
int build_load_roots(const build_options_t *opts, xs_db_t *index, root_table_t *roots)
{
    xs_db_t *other = NULL;
    const char *from = opts->roots_from ? opts->roots_from : opts->db_path;
    int rc = 0;

    memset(roots, 0, sizeof *roots);
    if (index == NULL || opts->roots_from) {
        /* No index there yet is no roots yet; a damaged one (what --rebuild
         * is for) cannot say which labels its roots had. */
        xs_status_t st = xs_db_open_read(from, &other, NULL);
        if (st == XS_NOT_FOUND)
            return 0;
        if (st != XS_OK || roots_load(other, roots) != 0) {
            warnf("cannot read the corpus roots of the index '%s': the ids of articles "
                  "found under several roots may change", from);
            memset(roots, 0, sizeof *roots);
        }
        xs_db_close(other);
        return 0;
    }
    if (roots_load(index, roots) != 0) {
        errorf("cannot read the index '%s': %s", opts->db_path, xs_db_last_error(index));
        rc = -1;
    }
    return rc;
}


/* Opens the index for writing into B and sets up what a run needs.
 * Returns 0, or -1 (reported). */
int build_open(builder_t *b, const build_options_t *opts, build_stats_t *stats,
               char **language)
{
    char *errmsg = NULL;
    xs_status_t st;
    int rc = -1;

    memset(b, 0, sizeof *b);
    b->opts = opts;
    b->stats = stats;
    memset(stats, 0, sizeof *stats);
    st = opts->shard_count
             ? xs_db_open_write_shards(opts->shard_paths, opts->shard_count, opts->lock_wait,
                                       &b->db, &errmsg)
             : xs_db_open_write(opts->db_path, opts->lock_wait, &b->db, &errmsg);
    if (st != XS_OK) {
        errorf("cannot open the index for writing: %s", errmsg ? errmsg : xs_status_to_string(st));
        goto done;
    }
    if (check_schema(b->db, opts) != 0 || check_shard(b->db, opts) != 0
        || choose_language(b->db, opts, language) != 0)
        goto done;
    b->analyzer = analyzer_new(*language, &errmsg);
    if (b->analyzer == NULL) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        goto done;
    }
    if ((b->spelling = spelling_batch_new()) == NULL || (b->claimed = idset_new()) == NULL
        || (b->dupsig = dupsig_builder_new(b->analyzer)) == NULL
        || (opts->part_count <= 1 && (b->groups = groups_new(b->db)) == NULL)) {
        errorf("out of memory");
        goto done;
    }
    b->language = *language;
    /* An index keeps the stop list it was made with. */
    char *stored = NULL;
    size_t len = 0;
    if (xs_db_get_metadata(b->db, META_STOPWORDS, &stored, &len) != XS_OK) {
        errorf("cannot read the index '%s': %s", opts->db_path, xs_db_last_error(b->db));
        goto done;
    }
    xs_free(stored);
    if (len == 0 && (b->stopwords = stoplist_format(analyzer_stoplist(b->analyzer))) == NULL) {
        errorf("out of memory");
        goto done;
    }
    rc = 0;
done:
    xs_free(errmsg);
    return rc;
}

void build_close(builder_t *b)
{
    groups_free(b->groups);
    dupsig_builder_free(b->dupsig);
    analyzer_free(b->analyzer);
    free(b->stopwords);
    spelling_batch_free(b->spelling);
    idset_free(b->claimed);
    known_free(&b->known);
    xs_db_close(b->db);
}
