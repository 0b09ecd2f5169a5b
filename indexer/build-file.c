/* build-file.c: one changed file through its reader, each article to its
 * document (build-internal.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "build-internal.h"
#include "corpus.h"
#include "date.h"
#include "docdata.h"
#include "document.h"
#include "msg.h"

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
int build_same_row(const char *signature, const manifest_entry_t *m)
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
    unsigned docid = 0;
    st = xs_db_replace_document(b->db, idterm.data, idterm.len, doc, &docid);
    b->write_failed = st == XS_IO_ERROR;
    if (st != XS_OK || (full && spelling_batch_flush(b->spelling, b->db) != XS_OK)
        || (b->groups && groups_indexed(b->groups, docid, is_signed ? &sig : NULL) != 0))
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
    int stop = build_checkpoint(run->b);
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
            || !build_same_row(run->first->signature, run->row))
            return 0;
        b->stats->unchanged++;
        return READER_SKIP;
    }
    /* The same line as last time: the same record. */
    known_doc_t *same = known_find_signature(run->first, run->old_count, rec->signature);
    if (same == NULL)
        return 0;
    int claimed = build_claim_id(b, same->id, rec->where);
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
    int w = build_wanted(run->b, id);
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
    if (!build_wanted(b, id))
        goto done;
    if (a->warning)
        warnf(rec->number ? "%s: %s" : "'%s': %s", rec->where, a->warning);
    if (a->note && b->opts->verbose)
        notef(rec->number ? "%s: %s" : "'%s': %s", rec->where, a->note);
    int claimed = build_claim_id(b, id, rec->where);
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
        build_show_progress(b, run->file_index, run->list->count, 0);
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
        || build_reports(run->b, rec->number ? rec->number : run->file_index)) {
        errorf("%s", message);
        run->b->stats->failed++;
    }
}

static void sink_skipped(reader_sink_t *sink, const reader_record_t *rec, const char *reason)
{
    file_run_t *run = sink->ctx;
    if (build_reports(run->b, rec->number ? rec->number : run->file_index))
        tally_add(&run->b->stats->skipped, reason, 1);
}

/* Reads the changed file F (the FILE_INDEX-th of LIST) with its reader.
 * Returns 0, 1 when the run must stop (a signal), or -1 on a fatal error
 * (reported). */
int build_index_file(builder_t *b, const walk_list_t *list, size_t file_index,
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
