/* build.c: the indexing run: each file to its reader, each article to its
 * document, incrementally.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyzer.h"
#include "buf.h"
#include "build.h"
#include "corpus.h"
#include "date.h"
#include "docdata.h"
#include "dupsig.h"
#include "groups.h"
#include "fields.h"
#include "document.h"
#include "hash.h"
#include "idset.h"
#include "known.h"
#include "manifest.h"
#include "msg.h"
#include "reader.h"
#include "roots.h"
#include "schema.h"
#include "spelling.h"
#include "walk.h"
#include "xs.h"

typedef struct {
    xs_db_t *db;
    analyzer_t *analyzer;
    const build_options_t *opts;
    build_stats_t *stats;
    known_t known;         /* what the index held when the run began */
    root_table_t *roots;   /* the corpus roots and their labels, stored at
                              each commit */
    idset_t *claimed;      /* ids taken in this run, and those of documents
                              outside its scope */
    spelling_batch_t *spelling;   /* words for the spelling data, not yet added */
    const char *language;  /* the stemming language, stored at each commit */
    unsigned pending;      /* documents stored since the last commit */
    int write_failed;      /* writing to the index failed (disk full...): stop */
    char *stopwords;       /* the stop list to store (META_STOPWORDS), when
                              the index has none yet; else NULL */
    dupsig_builder_t *dupsig;  /* signs each body */
    groups_t *groups;      /* near-duplicate groups over the index; NULL in a
                              part (--jobs: grouped after the merge) */
} builder_t;

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
static int claim_id(builder_t *b, const char *id, const char *where)
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
static int wanted(const builder_t *b, const char *id)
{
    return in_part(b, id) && in_shard(b, id);
}

/* Non-zero if this run reports what is found of a file or record before
 * its article's id is known (so before in_part() can place it): in parts,
 * only the part that its number N (the file's or the record's) falls to. */
static int reports(const builder_t *b, size_t n)
{
    return b->opts->part_count <= 1 || n % b->opts->part_count == b->opts->part_index;
}

/* ------------------------------------------------------- storing articles */

/* The manifest part of a one-article file's signature: " m<crc of its
 * row>", or "" when no row names the file: an edited, added or removed
 * row changes it, so the article is indexed again. */
static void manifest_mark(const manifest_entry_t *m, char out[16])
{
    if (m)
        snprintf(out, 16, " m%08lx", m->row_hash);
    else
        out[0] = '\0';
}

/* Non-zero if the file signature SIGNATURE was made with the manifest row
 * M as it is now (or with none, and there is none). */
static int same_row(const char *signature, const manifest_entry_t *m)
{
    char mark[16];
    const char *at = signature ? strstr(signature, " m") : NULL;
    manifest_mark(m, mark);
    return at ? strcmp(at, mark) == 0 : mark[0] == '\0';
}

/* Stores the document of article A (found at RELPATH under LIST's root;
 * WHERE names it in messages) with SIGNATURE.  OLD_ID is the id the same
 * file had before, or NULL.  Returns 0 or -1 (reported). */
static int store_article(builder_t *b, const walk_list_t *list, const char *relpath,
                         const char *where, const article_t *a, const char *id,
                         const char *signature, const char *old_id)
{
    buf_t shown = BUF_INIT, idterm = BUF_INIT;
    xs_doc_t *doc = NULL;
    int full = 0, rc = -1;
    xs_status_t st;

    roots_file_id(list, relpath, &shown);   /* the path as the user knows it */
    docdata_id_term(id, &idterm);
    if (shown.failed || idterm.failed) {
        errorf("out of memory");
        goto done;
    }
    document_place_t place = { id, list->root, relpath, shown.data, signature };
    document_tools_t tools = { b->analyzer, b->spelling, b->dupsig };
    dupsig_t sig;
    int is_signed = 0;
    if ((st = document_build(&tools, a, &place, &doc, &full, &sig, &is_signed)) != XS_OK) {
        errorf("cannot index '%s': %s", where, xs_status_to_string(st));
        goto done;
    }
    /* The id can change (front matter): drop the document under the old
     * id, which first leaves its group. */
    if (old_id && strcmp(old_id, id) != 0) {
        buf_t oldterm = BUF_INIT;
        docdata_id_term(old_id, &oldterm);
        st = oldterm.failed ? XS_NO_MEMORY
             : b->groups && groups_leave(b->groups, old_id) != 0 ? XS_XAPIAN_ERROR
             : xs_db_delete_document(b->db, oldterm.data, oldterm.len);
        buf_free(&oldterm);
        if (st != XS_OK)
            goto failed;
    }
    /* Its near-duplicate group: worked out over the index (a part, which
     * sees only its share, leaves it to the merge: its own id). */
    char date[DATE_SLOT_SIZE] = "";
    date_t when;
    if (a->date && date_parse_iso(a->date, strlen(a->date), &when) != DATE_NONE)
        date_to_slot(&when, date);
    char *group = NULL;
    if (b->groups && groups_place(b->groups, id, date, is_signed ? &sig : NULL, &group) != 0) {
        st = XS_XAPIAN_ERROR;
        goto failed;
    }
    st = document_set_group(doc, group ? group : id);
    free(group);
    if (st != XS_OK)
        goto failed;
    st = xs_db_replace_document(b->db, idterm.data, idterm.len, doc, NULL);
    b->write_failed = st == XS_IO_ERROR;
    if (st != XS_OK || (full && spelling_batch_flush(b->spelling, b->db) != XS_OK))
        goto failed;
    b->pending++;
    rc = 0;
    goto done;
failed:
    if (b->write_failed) {
        /* Not the file's fault, and every later document would fail too. */
        errorf("cannot write to the index '%s': %s", b->opts->db_path, xs_db_last_error(b->db));
        detailf("the index is as it was at its last commit");
    } else {
        errorf("cannot index '%s': %s", where,
               *xs_db_last_error(b->db) ? xs_db_last_error(b->db) : "out of memory");
    }
done:
    xs_doc_destroy(doc);
    buf_free(&shown);
    buf_free(&idterm);
    return rc;
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
static int checkpoint(builder_t *b)
{
    if (b->write_failed)
        return -1;
    if (build_stop_signal)
        return 1;
    if (b->opts->commit_every && b->pending >= b->opts->commit_every)
        return commit_run(b);
    return 0;
}

static void show_progress(const builder_t *b, size_t file, size_t file_count, int final)
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

/* ---------------------------------------------------------------- the sink */

/* What the run knows of the file being read: the sink of its reader. */
typedef struct {
    reader_sink_t sink;
    builder_t *b;
    const walk_list_t *list;
    const walk_file_t *f;
    size_t file_index;     /* in its list */
    known_doc_t *first;    /* the file's documents in the index */
    size_t old_count;
    manifest_t *manifest;
    manifest_entry_t *row;     /* the manifest's row for the file, or NULL */
    int all_indexed;       /* every record is in the index (many records) */
    int fatal;             /* a fatal error stopped the file (reported) */
    unsigned long owned;   /* the record (its number + 1) that wants() last
                              took by its id, or 0 */
} file_run_t;

/* Non-zero if the file signatures A and B ("size mtime-ns crc32") record
 * the same size and content. */
static int same_content(const char *a, const char *b)
{
    long long size_a, size_b, mtime;
    unsigned long crc_a, crc_b;
    return a && b && sscanf(a, "%lld %lld %lx", &size_a, &mtime, &crc_a) == 3
           && sscanf(b, "%lld %lld %lx", &size_b, &mtime, &crc_b) == 3
           && size_a == size_b && crc_a == crc_b;
}

/* Ends the file when the run must stop: READER_STOP, with RUN->fatal set
 * for an error (already reported), or 0 to go on. */
static int stop_here(file_run_t *run)
{
    int stop = checkpoint(run->b);
    if (stop == 0)
        return 0;
    run->all_indexed = 0;
    run->fatal = stop < 0;
    return READER_STOP;
}

static int sink_unchanged(reader_sink_t *sink, const reader_record_t *rec)
{
    file_run_t *run = sink->ctx;
    builder_t *b = run->b;

    if (stop_here(run))
        return READER_STOP;
    if (!run->f->reader->many) {
        if (run->old_count == 0 || !same_content(run->first->signature, rec->signature)
            || !same_row(run->first->signature, run->row))
            return 0;
        b->stats->unchanged++;
        return READER_SKIP;
    }
    /* The same line as last time: the same record. */
    known_doc_t *same = known_find_signature(run->first, run->old_count, rec->signature);
    if (same == NULL)
        return 0;
    int claimed = claim_id(b, same->id, rec->where);
    if (claimed < 0) {
        run->fatal = 1;
        return READER_STOP;
    }
    if (claimed == 0) {
        same->seen = 1;
        b->stats->unchanged++;
    } else
        run->all_indexed = 0;
    return READER_SKIP;
}

static int sink_wants(reader_sink_t *sink, const reader_record_t *rec, const char *id)
{
    file_run_t *run = sink->ctx;
    buf_t path_id = BUF_INIT;

    (void)rec;
    if (id == NULL && run->row && run->row->id)
        id = run->row->id;     /* the manifest states it */
    if (id == NULL) {
        roots_file_id(run->list, run->f->relpath, &path_id);
        if (path_id.failed) {
            errorf("out of memory");
            run->fatal = 1;
            return READER_STOP;
        }
        id = path_id.data;
    }
    int w = wanted(run->b, id);
    run->owned = w ? rec->number + 1 : 0;
    /* A one-article file whose id now belongs to another shard leaves this
     * one (it was kept as seen in case it failed to read). */
    if (!w && !run->f->reader->many && run->old_count)
        run->first->seen = 0;
    buf_free(&path_id);
    return w;
}

static int sink_article(reader_sink_t *sink, const reader_record_t *rec, article_t *a)
{
    file_run_t *run = sink->ctx;
    builder_t *b = run->b;
    int many = run->f->reader->many, rc = 0;
    buf_t path_id = BUF_INIT, signature = BUF_INIT;
    char mark[16];

    if (!many && run->row && corpus_apply_row(a, run->row) != 0) {
        errorf("out of memory");
        run->fatal = 1;
        rc = READER_STOP;
        goto done;
    }
    roots_file_id(run->list, run->f->relpath, &path_id);
    const char *id = a->id ? a->id : path_id.data;
    manifest_mark(many ? NULL : run->row, mark);
    buf_printf(&signature, "%s%s", rec->signature ? rec->signature : "", mark);
    if (path_id.failed || signature.failed) {
        errorf("out of memory");
        run->fatal = 1;
        rc = READER_STOP;
        goto done;
    }
    if (!wanted(b, id))
        goto done;
    if (a->warning)
        warnf(rec->number ? "%s: %s" : "'%s': %s", rec->where, a->warning);
    if (a->note && b->opts->verbose)
        notef(rec->number ? "%s: %s" : "'%s': %s", rec->where, a->note);
    int claimed = claim_id(b, id, rec->where);
    if (claimed == 0) {
        known_doc_t *old = many ? known_find_id(&b->known, id)
                                : run->old_count ? run->first : NULL;
        if (old)
            old->seen = 1;
        if (store_article(b, run->list, run->f->relpath, rec->where, a, id, signature.data,
                          !many && old ? old->id : NULL) == 0) {
            if (old)
                b->stats->updated++;
            else
                b->stats->added++;
        } else {
            b->stats->failed++;
            run->all_indexed = 0;
        }
    } else {
        run->all_indexed = 0;
        if (claimed < 0) {
            run->fatal = 1;
            rc = READER_STOP;
        }
    }
    if (many)
        show_progress(b, run->file_index, run->list->count, 0);
done:
    buf_free(&path_id);
    buf_free(&signature);
    return rc;
}

static void sink_failed(reader_sink_t *sink, const reader_record_t *rec, const char *message)
{
    file_run_t *run = sink->ctx;
    run->all_indexed = 0;
    /* A record whose id this run took is its own to report; one whose id
     * is not known yet is reported by one part only. */
    if (run->owned == rec->number + 1
        || reports(run->b, rec->number ? rec->number : run->file_index)) {
        errorf("%s", message);
        run->b->stats->failed++;
    }
}

static void sink_skipped(reader_sink_t *sink, const reader_record_t *rec, const char *reason)
{
    file_run_t *run = sink->ctx;
    if (reports(run->b, rec->number ? rec->number : run->file_index))
        tally_add(&run->b->stats->skipped, reason, 1);
}

/* Reads the changed file F (the FILE_INDEX-th of LIST) with its reader.
 * Returns 0, 1 when the run must stop (a signal), or -1 on a fatal error
 * (reported). */
static int index_file(builder_t *b, const walk_list_t *list, size_t file_index,
                      const reader_corpus_t *corpus, manifest_t *manifest)
{
    const walk_file_t *f = &list->files[file_index];
    file_run_t run = { { NULL, sink_unchanged, sink_wants, sink_article, sink_failed,
                         sink_skipped },
                       b, list, f, file_index, NULL, 0, manifest, NULL, 1, 0, 0 };
    reader_input_t in = corpus_input(f, corpus, b->opts->max_record_bytes);

    run.sink.ctx = &run;
    run.old_count = known_file_range(&b->known, list->root, f->relpath, &run.first);
    if (manifest && !f->reader->many)
        run.row = manifest_find(manifest, f->relpath);
    /* A one-article file keeps its indexed version whatever happens now. */
    if (!f->reader->many && run.old_count)
        run.first->seen = 1;
    reader_status_t status = f->reader->read(&in, &run.sink);
    if (run.fatal)
        return -1;
    /* What was not reached keeps its indexed version. */
    for (size_t i = 0; status == READER_INCOMPLETE && i < run.old_count; i++)
        run.first[i].seen = 1;
    /* Only a file whose every record is in the index may be skipped next
     * time; otherwise its errors would not be reported again. */
    if (f->reader->many
        && known_mark_file(b->db, list->root, f->relpath, f->size, f->mtime_ns,
                           !(run.all_indexed && status == READER_DONE)) != 0) {
        errorf("cannot write to the index '%s': %s", b->opts->db_path, xs_db_last_error(b->db));
        return -1;
    }
    return status == READER_STOPPED ? 1 : 0;
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
                           && same_row(first->signature,
                                       manifest ? manifest_find(manifest, f->relpath) : NULL);
        for (size_t k = 0; unchanged[i] && k < n; k++) {
            first[k].seen = 1;
            if (claim_id(b, first[k].id, f->path) < 0)
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
        show_progress(b, i, list->count, 0);
        if (unchanged[i]) {
            known_doc_t *first;
            b->stats->unchanged +=
                (unsigned)known_file_range(&b->known, list->root, f->relpath, &first);
            continue;
        }
        int got = index_file(b, list, i, &corpus, manifest);
        if (got != 0) {
            rc = got;
            goto done;
        }
    }
    show_progress(b, list->count, list->count, 1);
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
        if (reports(b, 0))
            tally_merge(&b->stats->skipped, &lists[i].skipped);
        if ((unchanged[i] = calloc(lists[i].count ? lists[i].count : 1, 1)) == NULL) {
            errorf("out of memory");
            goto done;
        }
        manifests[i] = corpus_manifest(&lists[i], reports(b, 0), &b->stats->failed);
        if (mark_unchanged(b, &lists[i], manifests[i], unchanged[i]) != 0)
            goto done;
    }
    for (size_t i = 0; i < count && !build_stop_signal; i++) {
        int got = index_changed(b, &lists[i], manifests[i], unchanged[i]);
        if (got < 0)
            goto done;
        if (got > 0)
            break;
        if (manifests[i] && reports(b, 0))
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
    if (len && strcmp(stored, SCHEMA_VERSION) != 0) {
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
static int builder_open(builder_t *b, const build_options_t *opts, build_stats_t *stats,
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

/* Indexes LISTS into B's index and commits.  Returns 0 or -1 (reported). */
static int builder_run(builder_t *b, const walk_list_t *lists, size_t count)
{
    if (index_lists(b, lists, count) != 0 || b->write_failed || commit_run(b) != 0)
        return -1;
    return 0;
}

static void builder_close(builder_t *b)
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
    if (roots_check(paths, count) != 0 || builder_open(&b, opts, stats, &language) != 0
        || build_load_roots(opts, b.db, &roots) != 0)
        goto done;
    b.roots = &roots;
    if ((lists = roots_walk(&roots, paths, count, opts->follow_links, &list_count,
                            &walk_failed)) == NULL)
        goto done;
    rc = builder_run(&b, lists, list_count);
done:
    stats->failed += walk_failed;
    builder_close(&b);
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

    if (builder_open(&b, opts, stats, &language) == 0) {
        b.roots = roots;
        rc = builder_run(&b, lists, count);
    }
    builder_close(&b);
    free(language);
    return rc;
}
