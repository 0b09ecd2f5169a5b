/* extract-run.c: trawl-index --extract: what trawl would index, as JSON.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The same walk, readers, survey and manifest as an indexing run, with a
 * sink that writes each article (extract.h) instead of storing it; no
 * index is opened.  Ids are those a new index would give (roots.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "build.h"
#include "corpus.h"
#include "extract.h"
#include "msg.h"
#include "roots.h"

typedef struct {
    reader_sink_t sink;
    FILE *out;
    const walk_list_t *list;
    const walk_file_t *f;
    manifest_entry_t *row;     /* the manifest's row for a one-article file */
    build_stats_t *stats;
    int write_failed;
} extract_run_t;

static int take_all(reader_sink_t *sink, const reader_record_t *rec)
{
    (void)sink, (void)rec;
    return 0;                  /* nothing is indexed: nothing is unchanged */
}

static int want_all(reader_sink_t *sink, const reader_record_t *rec, const char *id)
{
    (void)sink, (void)rec, (void)id;
    return 1;
}

static int write_article(reader_sink_t *sink, const reader_record_t *rec, article_t *a)
{
    extract_run_t *run = sink->ctx;
    buf_t line = BUF_INIT, path_id = BUF_INIT;
    size_t path_len = strlen(run->f->path);

    if (!run->f->reader->many && run->row && corpus_apply_row(a, run->row) != 0) {
        errorf("out of memory");
        return READER_STOP;
    }
    if (a->warning)
        warnf(rec->number ? "%s: %s" : "'%s': %s", rec->where, a->warning);
    roots_file_id(run->list, run->f->relpath, &path_id);
    /* A record is named by what follows its file's name in messages: its
     * line ("path:12") or its offset ("path@3065"). */
    const char *record = rec->number && strlen(rec->where) > path_len + 1
                         ? rec->where + path_len + 1 : NULL;
    extract_origin_t origin = { run->f->path, record, a->id ? a->id : path_id.data };
    extract_json(&line, &origin, a);
    buf_putc(&line, '\n');
    if (line.failed || path_id.failed) {
        errorf("out of memory");
        buf_free(&line);
        buf_free(&path_id);
        return READER_STOP;
    }
    if (fwrite(line.data, 1, line.len, run->out) != line.len)
        run->write_failed = 1;
    run->stats->added++;
    buf_free(&line);
    buf_free(&path_id);
    return run->write_failed ? READER_STOP : 0;
}

static void report_failed(reader_sink_t *sink, const reader_record_t *rec, const char *message)
{
    extract_run_t *run = sink->ctx;
    (void)rec;
    errorf("%s", message);
    run->stats->failed++;
}

static void count_skipped(reader_sink_t *sink, const reader_record_t *rec, const char *reason)
{
    extract_run_t *run = sink->ctx;
    (void)rec;
    tally_add(&run->stats->skipped, reason, 1);
}

int extract_run(const build_options_t *opts, char *const *paths, size_t count, FILE *out,
                build_stats_t *stats)
{
    root_table_t roots = { NULL, 0 };
    size_t list_count = 0;
    walk_list_t *lists;
    int rc = 0;

    memset(stats, 0, sizeof *stats);
    lists = roots_walk(&roots, paths, count, opts->follow_links, &list_count, &stats->failed);
    if (lists == NULL) {
        roots_free(&roots);
        return -1;
    }
    for (size_t i = 0; i < list_count && rc == 0; i++) {
        const walk_list_t *list = &lists[i];
        reader_corpus_t corpus;
        manifest_t *manifest = corpus_manifest(list, 1, &stats->failed);
        tally_merge(&stats->skipped, &list->skipped);
        if (corpus_survey(list, NULL, opts->max_record_bytes, NULL, &corpus) != 0)
            rc = -1;
        for (size_t k = 0; rc == 0 && k < list->count; k++) {
            const walk_file_t *f = &list->files[k];
            extract_run_t run = { { NULL, take_all, want_all, write_article, report_failed,
                                    count_skipped },
                                  out, list, f, NULL, stats, 0 };
            reader_input_t in = corpus_input(f, &corpus, opts->max_record_bytes);
            run.sink.ctx = &run;
            if (manifest && !f->reader->many)
                run.row = manifest_find(manifest, f->relpath);
            if (f->reader->read(&in, &run.sink) == READER_STOPPED) {
                if (run.write_failed)
                    errorf("cannot write the articles: output error");
                rc = -1;
            }
        }
        if (manifest && rc == 0)
            corpus_report_unused(list, manifest);
        manifest_free(manifest);
        corpus_free(&corpus);
    }
    roots_walk_free(lists, list_count);
    roots_free(&roots);
    if (rc == 0 && (fflush(out) != 0 || ferror(out))) {
        errorf("cannot write the articles: output error");
        rc = -1;
    }
    return rc;
}
