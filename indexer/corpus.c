/* corpus.c: what every reader of one corpus root shares.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "corpus.h"
#include "fields.h"
#include "msg.h"

reader_input_t corpus_input(const walk_file_t *f, const reader_corpus_t *corpus,
                            size_t max_bytes)
{
    reader_input_t in = { f->path, f->target, f->size, f->mtime_ns, f->dev, f->ino, corpus,
                          max_bytes ? max_bytes : READER_MAX_BYTES };
    return in;
}

int corpus_survey(const walk_list_t *list, const char *wanted, size_t max_bytes,
                  const volatile sig_atomic_t *stop, reader_corpus_t *corpus)
{
    int needed = 0;

    memset(corpus, 0, sizeof *corpus);
    for (size_t i = 0; i < list->count && !needed; i++)
        needed = (wanted == NULL || wanted[i]) && list->files[i].reader->survey;
    if (!needed)
        return 0;
    if ((corpus->boilerplate = boilerplate_new()) == NULL)
        goto oom;
    for (size_t i = 0; i < list->count && !(stop && *stop); i++) {
        const walk_file_t *f = &list->files[i];
        reader_input_t in = corpus_input(f, corpus, max_bytes);
        if (f->reader->survey && f->reader->survey(&in, corpus) != 0)
            goto oom;
    }
    return 0;
oom:
    errorf("out of memory");
    return -1;
}

void corpus_free(reader_corpus_t *corpus)
{
    boilerplate_free(corpus->boilerplate);
    memset(corpus, 0, sizeof *corpus);
}

manifest_t *corpus_manifest(const walk_list_t *list, int report, unsigned *problems)
{
    buf_t path = BUF_INIT;
    manifest_t *manifest = NULL;
    buf_printf(&path, "%s/manifest.tsv", list->root);
    if (!path.failed && access(path.data, F_OK) == 0) {
        char *err = NULL;
        manifest = manifest_load(path.data, &err);
        if (manifest == NULL && report) {
            errorf("ignoring manifest: %s", err ? err : "out of memory");
            ++*problems;
        }
        free(err);
        for (size_t i = 0; report && manifest && i < manifest_problem_count(manifest); i++) {
            const manifest_problem_t *p = manifest_problem(manifest, i);
            errorf("%s:%zu: %s: row skipped", path.data, p->line, p->message);
            ++*problems;
        }
    }
    buf_free(&path);
    return manifest;
}

int corpus_apply_row(article_t *a, const manifest_entry_t *m)
{
    char **fields[] = { &a->title, &a->date, &a->source, &a->byline, &a->url, &a->id };
    const char *values[] = { m->title, m->date, m->source, m->byline, m->url, m->id };
    const unsigned stated[] = { ARTICLE_TITLE, ARTICLE_DATE, ARTICLE_SOURCE, ARTICLE_BYLINE,
                                ARTICLE_URL, ARTICLE_ID };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (values[i] && !(a->stated & stated[i])) {
            char *copy = strdup(values[i]);
            if (copy == NULL)
                return -1;
            free(*fields[i]);
            *fields[i] = copy;
            if (i == 0)
                a->title_derived = 0;
        }
    for (size_t i = 0; i < m->extra_count; i++)
        if (fields_add_extra(a, m->extra[i].key, strlen(m->extra[i].key), m->extra[i].value,
                             strlen(m->extra[i].value)) != 0)
            return -1;
    return 0;
}

void corpus_report_unused(const walk_list_t *list, const manifest_t *manifest)
{
    for (size_t i = 0; i < manifest_count(manifest); i++) {
        const manifest_entry_t *e = manifest_entry(manifest, i);
        if (!e->used && walk_in_scope(list, e->path))
            warnf("%s/manifest.tsv:%zu: '%s' names no file under '%s'", list->root, e->line,
                  e->path, list->root);
    }
}
