/* build.c: the indexing run: which files changed, claims, commits and
 * removals (build.h); each changed file is read in build-file.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "build-internal.h"
#include "corpus.h"
#include "docdata.h"
#include "hash.h"
#include "msg.h"
#include "schema.h"

volatile sig_atomic_t build_stop_signal = 0;

static void note_stop_signal(int sig)
{
    build_stop_signal = sig;
}

void build_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = note_stop_signal;
    sa.sa_flags = SA_RESETHAND;   /* a second signal kills: see build.h */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* ------------------------------------------------------ ids and parts */

/* Claims ID for WHERE; a duplicate is reported (with both places) and
 * counted.  Returns 0 (claimed), 1 (a duplicate) or -1 (out of memory,
 * reported). */
int build_claim_id(builder_t *b, const char *id, const char *where)
{
    const char *earlier = NULL;
    int rc = idset_claim(b->claimed, id, where, &earlier);
    if (rc == 1) {
        errorf("%s: duplicate id '%s' (first in %s): not indexed", where, id, earlier);
        b->stats->failed++;
        b->stats->duplicates++;
    } else if (rc < 0)
        errorf("out of memory");
    return rc;
}

/* Non-zero if the article ID belongs to the part this run builds: FNV-1a
 * of the id, as the shards are chosen (build.h). */
static int in_part(const builder_t *b, const char *id)
{
    return b->opts->part_count <= 1
           || fnv1a32(FNV1A32_INIT, id, strlen(id)) % b->opts->part_count
                  == b->opts->part_index;
}

/* Non-zero if the article ID belongs to the shard this run builds (--shard
 * K/N): FNV-1a of its id term, as xs_db_open_write_shards() places it. */
static int in_shard(const builder_t *b, const char *id)
{
    if (b->opts->shard_of <= 1)
        return 1;
    buf_t term = BUF_INIT;
    docdata_id_term(id, &term);
    int in = !term.failed && fnv1a32(FNV1A32_INIT, term.data, term.len) % b->opts->shard_of
                                 == b->opts->shard_index;
    buf_free(&term);
    return in;
}

/* Non-zero if the article ID is this run's to index: of its part and of
 * its shard. */
int build_wanted(const builder_t *b, const char *id)
{
    return in_part(b, id) && in_shard(b, id);
}

/* Non-zero if this run reports what is found of a file or record before
 * its article's id is known (so before in_part() can place it): in parts,
 * only the part that its number N (the file's or the record's) falls to. */
int build_reports(const builder_t *b, size_t n)
{
    return b->opts->part_count <= 1 || n % b->opts->part_count == b->opts->part_index;
}

/* ---------------------------------------------------------------- commits */

/* Notes in the index which shard it holds (--shard K/N). */
static int set_shard(builder_t *b)
{
    char shard[32];
    int n = snprintf(shard, sizeof shard, "%u/%u", b->opts->shard_index + 1, b->opts->shard_of);
    return xs_db_set_metadata(b->db, META_SHARD, shard, (size_t)n) == XS_OK ? 0 : -1;
}

/* Commits what the run has done, with the spelling data and the metadata
 * of the documents so far, so that every commit is a complete index.
 * Returns 0, or -1 after reporting the error (the index keeps its last
 * commit). */
static int commit_run(builder_t *b)
{
    if (spelling_batch_flush(b->spelling, b->db) != XS_OK
        || roots_save(b->db, b->roots) != 0
        || xs_db_set_metadata(b->db, META_SCHEMA, SCHEMA_VERSION, strlen(SCHEMA_VERSION)) != XS_OK
        || xs_db_set_metadata(b->db, META_LANGUAGE, b->language, strlen(b->language)) != XS_OK
        || (b->opts->shard_of && set_shard(b) != 0)
        || (b->stopwords && xs_db_set_metadata(b->db, META_STOPWORDS, b->stopwords,
                                               strlen(b->stopwords)) != XS_OK)
        || xs_db_commit(b->db) != XS_OK) {
        errorf("cannot commit the index '%s': %s", b->opts->db_path, xs_db_last_error(b->db));
        detailf("the index is as it was at its last commit");
        return -1;
    }
    b->pending = 0;
    return 0;
}

/* Called between documents: commits when opts->commit_every documents are
 * pending.  Returns 0 to go on, 1 when a signal asked the run to stop, -1
 * when writing to the index failed (reported). */
int build_checkpoint(builder_t *b)
{
    if (b->write_failed)
        return -1;
    if (build_stop_signal)
        return 1;
    if (b->opts->commit_every && b->pending >= b->opts->commit_every)
        return commit_run(b);
    return 0;
}

void build_show_progress(const builder_t *b, size_t file, size_t file_count, int final)
{
    static time_t last;
    time_t now = time(NULL);
    if (!b->opts->progress || (!final && now == last))
        return;
    last = now;
    fprintf(stderr, "\rindexing: file %zu/%zu, %u documents", file, file_count,
            b->stats->added + b->stats->updated + b->stats->unchanged);
    if (final)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* ---------------------------------------------------------------- the run */

/* The list of ROOT among LISTS[0..COUNT), or NULL. */
static const walk_list_t *list_of_root(const walk_list_t *lists, size_t count, const char *root)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(lists[i].root, root) == 0)
            return &lists[i];
    return NULL;
}

/* The documents this run does not look at -- of other roots, or outside
 * every path given -- stay as they are: marks them seen and claims their
 * ids, so that no file of this run can take one.  Returns 0, or -1 (out of
 * memory, reported). */
static int claim_outside(builder_t *b, const walk_list_t *lists, size_t count)
{
    buf_t where = BUF_INIT;
    for (size_t i = 0; i < b->known.count; i++) {
        known_doc_t *d = &b->known.docs[i];
        const char *root = b->known.roots[d->root];
        const walk_list_t *list = list_of_root(lists, count, root);
        if (list && walk_in_scope(list, d->path))
            continue;
        d->seen = 1;
        buf_reset(&where);
        buf_printf(&where, "%s/%s", root, d->path);
        if (where.failed || idset_claim(b->claimed, d->id, where.data, NULL) < 0) {
            buf_free(&where);
            errorf("out of memory");
            return -1;
        }
    }
    buf_free(&where);
    return 0;
}

/* Non-zero if the file signature SIGNATURE records F's size and
 * modification time. */
static int same_stat(const char *signature, const walk_file_t *f)
{
    long long size, mtime;
    return signature && sscanf(signature, "%lld %lld", &size, &mtime) == 2
           && size == f->size && mtime == f->mtime_ns;
}

/* Files whose size and modification time are unchanged are not read at
 * all: sets UNCHANGED[i] for them and claims their ids, before any changed
 * file of any root takes an id.  Returns 0, or -1 (reported). */
static int mark_unchanged(builder_t *b, const walk_list_t *list, manifest_t *manifest,
                          char *unchanged)
{
    for (size_t i = 0; i < list->count; i++) {
        const walk_file_t *f = &list->files[i];
        known_doc_t *first;
        size_t n = known_file_range(&b->known, list->root, f->relpath, &first);
        if (f->reader->many)
            unchanged[i] = n > 0 && known_file_marked(b->db, list->root, f->relpath, f->size,
                                                      f->mtime_ns);
        else
            unchanged[i] = n > 0 && same_stat(first->signature, f)
                           && build_same_row(first->signature,
                                       manifest ? manifest_find(manifest, f->relpath) : NULL);
        for (size_t k = 0; unchanged[i] && k < n; k++) {
            first[k].seen = 1;
            if (build_claim_id(b, first[k].id, f->path) < 0)
                return -1;
        }
    }
    return 0;
}

/* Indexes the files of LIST that are not UNCHANGED.  Returns 0, 1 when a
 * signal stopped the run, or -1 on a fatal error (reported). */
static int index_changed(builder_t *b, const walk_list_t *list, manifest_t *manifest,
                         const char *unchanged)
{
    reader_corpus_t corpus = { NULL };
    char *changed = malloc(list->count ? list->count : 1);
    int rc = -1;

    if (changed == NULL) {
        errorf("out of memory");
        return -1;
    }
    for (size_t i = 0; i < list->count; i++)
        changed[i] = !unchanged[i];
    if (corpus_survey(list, changed, b->opts->max_record_bytes,
                      &build_stop_signal, &corpus) != 0)
        goto done;
    for (size_t i = 0; i < list->count; i++) {
        const walk_file_t *f = &list->files[i];
        build_show_progress(b, i, list->count, 0);
        if (unchanged[i]) {
            known_doc_t *first;
            b->stats->unchanged +=
                (unsigned)known_file_range(&b->known, list->root, f->relpath, &first);
            continue;
        }
        int got = build_index_file(b, list, i, &corpus, manifest);
        if (got != 0) {
            rc = got;
            goto done;
        }
    }
    build_show_progress(b, list->count, list->count, 1);
    rc = 0;
done:
    corpus_free(&corpus);
    free(changed);
    return rc;
}

/* Removes the documents of files under LIST's scopes that are gone, or
 * records no longer in their file (unless their id moved to another record
 * of this run).  Returns 0, or -1 (reported). */
static int remove_gone(builder_t *b, const walk_list_t *list)
{
    known_doc_t *first;
    size_t n = known_root_range(&b->known, list->root, &first);
    buf_t idterm = BUF_INIT;
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < n; i++) {
        const known_doc_t *d = &first[i];
        if (d->seen || idset_contains(b->claimed, d->id))
            continue;
        const char *name = strrchr(d->path, '/') ? strrchr(d->path, '/') + 1 : d->path;
        const reader_t *reader = reader_for(name, NULL);
        buf_reset(&idterm);
        docdata_id_term(d->id, &idterm);
        if (idterm.failed) {
            errorf("out of memory");
            rc = -1;
        } else if ((b->groups && groups_leave(b->groups, d->id) != 0)
                   || xs_db_delete_document(b->db, idterm.data, idterm.len) != XS_OK
                   || (reader && reader->many
                       && known_mark_file(b->db, list->root, d->path, 0, 0, 1) != 0)) {
            errorf("cannot remove '%s' from the index: %s", d->path, xs_db_last_error(b->db));
            rc = -1;
        } else
            b->stats->removed++;
    }
    buf_free(&idterm);
    return rc;
}

/* Indexes the COUNT LISTS: claims first (documents outside the run, then
 * unchanged files of every root), then the changed files, then removals --
 * none when a signal stopped the run, which did not see every file.
 * Returns 0, or -1 on a fatal error (reported). */
static int index_lists(builder_t *b, const walk_list_t *lists, size_t count)
{
    char **unchanged = calloc(count ? count : 1, sizeof *unchanged);
    manifest_t **manifests = calloc(count ? count : 1, sizeof *manifests);
    int rc = -1;

    if (unchanged == NULL || manifests == NULL) {
        errorf("out of memory");
        goto done;
    }
    if (known_load(b->db, &b->known) != 0) {
        errorf("cannot read the index '%s': %s", b->opts->db_path, xs_db_last_error(b->db));
        goto done;
    }
    if (claim_outside(b, lists, count) != 0)
        goto done;
    for (size_t i = 0; i < count; i++) {
        if (build_reports(b, 0))
            tally_merge(&b->stats->skipped, &lists[i].skipped);
        if ((unchanged[i] = calloc(lists[i].count ? lists[i].count : 1, 1)) == NULL) {
            errorf("out of memory");
            goto done;
        }
        manifests[i] = corpus_manifest(&lists[i], build_reports(b, 0), &b->stats->failed);
        if (mark_unchanged(b, &lists[i], manifests[i], unchanged[i]) != 0)
            goto done;
    }
    for (size_t i = 0; i < count && !build_stop_signal; i++) {
        int got = index_changed(b, &lists[i], manifests[i], unchanged[i]);
        if (got < 0)
            goto done;
        if (got > 0)
            break;
        if (manifests[i] && build_reports(b, 0))
            corpus_report_unused(&lists[i], manifests[i]);
    }
    for (size_t i = 0; i < count && !build_stop_signal; i++)
        if (remove_gone(b, &lists[i]) != 0)
            goto done;
    rc = 0;
done:
    for (size_t i = 0; unchanged && i < count; i++)
        free(unchanged[i]);
    for (size_t i = 0; manifests && i < count; i++)
        manifest_free(manifests[i]);
    free(unchanged);
    free(manifests);
    return rc;
}


void build_stats_add(build_stats_t *into, const build_stats_t *more)
{
    into->added += more->added;
    into->updated += more->updated;
    into->removed += more->removed;
    into->unchanged += more->unchanged;
    into->failed += more->failed;
    into->duplicates += more->duplicates;
    tally_merge(&into->skipped, &more->skipped);
}

/* Indexes LISTS into B's index and commits.  Returns 0 or -1 (reported). */
static int builder_run(builder_t *b, const walk_list_t *lists, size_t count)
{
    if (index_lists(b, lists, count) != 0 || b->write_failed || commit_run(b) != 0)
        return -1;
    return 0;
}

int build_index(const build_options_t *opts, char *const *paths, size_t count,
                build_stats_t *stats)
{
    builder_t b;
    root_table_t roots = { NULL, 0 };
    walk_list_t *lists = NULL;
    size_t list_count = 0;
    char *language = NULL;
    unsigned walk_failed = 0;
    int rc = -1;

    /* Every path is checked before the index is opened, so a typo can
     * neither create an index nor remove documents. */
    memset(&b, 0, sizeof b);
    memset(stats, 0, sizeof *stats);
    if (roots_check(paths, count) != 0 || build_open(&b, opts, stats, &language) != 0
        || build_load_roots(opts, b.db, &roots) != 0)
        goto done;
    b.roots = &roots;
    if ((lists = roots_walk(&roots, paths, count, opts->follow_links, &list_count,
                            &walk_failed)) == NULL)
        goto done;
    /* A single index may be compacted (build.h); whether an earlier
     * compaction was interrupted is asked under the run's lock, when no
     * other run can be compacting. */
    int single = opts->compact && opts->shard_count == 0 && opts->part_count <= 1;
    int interrupted = single && build_compact_interrupted(opts->db_path);
    rc = builder_run(&b, lists, list_count);
    /* Still under the lock, so no other writer changes the index between
     * the copy and the swap.  A run stopped by a signal should end soon. */
    if (rc == 0 && single && (b.known.count == 0 || interrupted) && !build_stop_signal)
        build_compact(opts->db_path);
done:
    stats->failed += walk_failed;
    build_close(&b);
    roots_walk_free(lists, list_count);
    roots_free(&roots);
    free(language);
    return rc;
}

int build_index_lists(const build_options_t *opts, root_table_t *roots,
                      const walk_list_t *lists, size_t count, build_stats_t *stats)
{
    builder_t b;
    char *language = NULL;
    int rc = -1;

    if (build_open(&b, opts, stats, &language) == 0) {
        b.roots = roots;
        rc = builder_run(&b, lists, count);
    }
    build_close(&b);
    free(language);
    return rc;
}
