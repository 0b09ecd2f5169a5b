/* build.c: turn corpus files into index documents, incrementally.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "analyzer.h"
#include "article.h"
#include "boilerplate.h"
#include "buf.h"
#include "build.h"
#include "docdata.h"
#include "manifest.h"
#include "msg.h"
#include "schema.h"
#include "walk.h"
#include "xs.h"

/* Larger files are refused rather than risking the machine's memory; the
 * biggest real articles are a few hundred kilobytes. */
#define MAX_FILE_BYTES (512LL * 1024 * 1024)

/* What the index holds for one file of the root being indexed. */
typedef struct {
    unsigned docid;
    char *path;            /* relative to the root */
    char *id;
    char *signature;       /* "size mtime-ns crc32" */
    int seen;              /* found again in this run */
} known_file_t;

typedef struct {
    known_file_t *files;   /* sorted by path once loaded */
    size_t count;
    const char *root;
} known_t;

typedef struct {
    xs_db_t *db;
    analyzer_t *analyzer;
    const build_options_t *opts;
    build_stats_t *stats;
} builder_t;

/* ------------------------------------------------------------ reading files */

static int has_gz_suffix(const char *path)
{
    size_t n = strlen(path);
    return n > 3 && strcmp(path + n - 3, ".gz") == 0;
}

/* Reads the whole of PATH, gunzipping .gz (zlib's gz functions read plain
 * files unchanged).  Returns 0, or -1 with *why set to a static reason or
 * strerror text. */
static int read_file(const char *path, buf_t *out, const char **why)
{
    gzFile gz = gzopen(path, "rb");
    char chunk[65536];
    int n;

    if (gz == NULL) {
        *why = errno ? strerror(errno) : "out of memory";
        return -1;
    }
    while ((n = gzread(gz, chunk, sizeof chunk)) > 0) {
        /* zlib passes data without a gzip header through unchanged; a file
         * named .gz that is not gzip is damaged, not plain text. */
        if (out->len == 0 && gzdirect(gz) && has_gz_suffix(path)) {
            gzclose(gz);
            *why = "not gzip data";
            return -1;
        }
        if ((long long)(out->len + (size_t)n) > MAX_FILE_BYTES) {
            gzclose(gz);
            *why = "file too large (limit 512 MiB)";
            return -1;
        }
        buf_append(out, chunk, (size_t)n);
    }
    /* A truncated stream ends without an error from gzread: ask gzerror. */
    int zerr = Z_OK;
    gzerror(gz, &zerr);
    if (n < 0 || zerr != Z_OK) {
        *why = zerr == Z_ERRNO ? strerror(errno)
             : zerr == Z_MEM_ERROR ? "out of memory"
             : "corrupt or truncated gzip data";
        gzclose(gz);
        return -1;
    }
    gzclose(gz);
    if (out->failed) {
        *why = "out of memory";
        return -1;
    }
    return 0;
}

static void make_signature(const walk_file_t *f, unsigned long crc, buf_t *out)
{
    buf_printf(out, "%lld %lld %08lx", f->size, f->mtime_ns, crc);
}

/* Non-zero if SIGNATURE records the same size and modification time. */
static int same_stat(const char *signature, const walk_file_t *f)
{
    long long size, mtime;
    return signature && sscanf(signature, "%lld %lld", &size, &mtime) == 2
           && size == f->size && mtime == f->mtime_ns;
}

/* Non-zero if SIGNATURE records the same size and content checksum. */
static int same_content(const char *signature, const walk_file_t *f,
                        unsigned long crc)
{
    long long size, mtime;
    unsigned long old_crc;
    return signature
           && sscanf(signature, "%lld %lld %lx", &size, &mtime, &old_crc) == 3
           && size == f->size && old_crc == crc;
}

/* ------------------------------------------------- what the index holds */

static int compare_known(const void *a, const void *b)
{
    return strcmp(((const known_file_t *)a)->path, ((const known_file_t *)b)->path);
}

static known_file_t *known_by_docid(known_t *k, unsigned docid)
{
    /* Loaded in docid order (value streams run in docid order). */
    size_t lo = 0, hi = k->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (k->files[mid].docid < docid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < k->count && k->files[lo].docid == docid ? &k->files[lo] : NULL;
}

static int collect_root(void *ctx, unsigned docid, const char *value, size_t len)
{
    known_t *k = ctx;
    if (strlen(k->root) != len || memcmp(k->root, value, len) != 0)
        return 0;
    known_file_t *files = realloc(k->files, (k->count + 1) * sizeof *files);
    if (files == NULL)
        return 1;
    k->files = files;
    memset(&files[k->count], 0, sizeof *files);
    files[k->count++].docid = docid;
    return 0;
}

typedef struct {
    known_t *known;
    size_t field;          /* offsetof the char * member to fill */
    int failed;
} slot_fill_t;

static int fill_slot(void *ctx, unsigned docid, const char *value, size_t len)
{
    slot_fill_t *fill = ctx;
    known_file_t *f = known_by_docid(fill->known, docid);
    if (f == NULL)
        return 0;
    char **field = (char **)((char *)f + fill->field);
    if ((*field = xstrndup(value, len)) == NULL) {
        fill->failed = 1;
        return 1;
    }
    return 0;
}

static void known_free(known_t *k)
{
    for (size_t i = 0; i < k->count; i++) {
        free(k->files[i].path);
        free(k->files[i].id);
        free(k->files[i].signature);
    }
    free(k->files);
    memset(k, 0, sizeof *k);
}

/* Loads, for the documents found under ROOT in an earlier run, their path,
 * id and signature, sorted by path. */
static int known_load(xs_db_t *db, const char *root, known_t *k)
{
    static const struct { unsigned slot; size_t field; } slots[] = {
        { SLOT_PATH, offsetof(known_file_t, path) },
        { SLOT_ID, offsetof(known_file_t, id) },
        { SLOT_SIGNATURE, offsetof(known_file_t, signature) },
    };
    memset(k, 0, sizeof *k);
    k->root = root;
    if (xs_db_each_value(db, SLOT_ROOT, collect_root, k) != XS_OK)
        return -1;
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        slot_fill_t fill = { k, slots[i].field, 0 };
        if (xs_db_each_value(db, slots[i].slot, fill_slot, &fill) != XS_OK || fill.failed)
            return -1;
    }
    for (size_t i = 0; i < k->count; i++)
        if (k->files[i].path == NULL || k->files[i].id == NULL)
            return -1;     /* a document without its bookkeeping values */
    if (k->count)   /* qsort(NULL, 0, ...) is undefined behaviour */
        qsort(k->files, k->count, sizeof *k->files, compare_known);
    return 0;
}

static known_file_t *known_find(known_t *k, const char *path)
{
    known_file_t key = { 0, (char *)path, NULL, NULL, 0 };
    return k->count ? bsearch(&key, k->files, k->count, sizeof *k->files, compare_known)
                    : NULL;
}

/* ------------------------------------------------------- making documents */

typedef struct {
    xs_doc_t *doc;
    const char *word_prefix;   /* "" for body, PREFIX_TITLE, PREFIX_COMMENT */
    unsigned position;         /* running position across the whole article */
    int with_positions;
    xs_db_t *spelling_db;      /* add words to its spelling data, or NULL */
    buf_t term;
    xs_status_t status;
} term_sink_t;

static int add_token(void *ctx, const token_t *tok)
{
    term_sink_t *sink = ctx;
    buf_reset(&sink->term);
    buf_puts(&sink->term, sink->word_prefix);
    buf_append(&sink->term, tok->word, tok->word_len);
    if (sink->with_positions)
        sink->status = xs_doc_add_posting(sink->doc, sink->term.data, sink->term.len,
                                          ++sink->position, 1);
    else
        sink->status = xs_doc_add_term(sink->doc, sink->term.data, sink->term.len, 1);
    if (sink->status != XS_OK)
        return 1;
    /* Spelling data ("did you mean") from story words only; numbers are
     * never misspelled. */
    if (sink->spelling_db && !(tok->word[0] >= '0' && tok->word[0] <= '9')
        && (sink->status = xs_db_add_spelling(sink->spelling_db, tok->word,
                                              tok->word_len)) != XS_OK)
        return 1;
    buf_reset(&sink->term);
    buf_puts(&sink->term, PREFIX_STEM);
    buf_puts(&sink->term, sink->word_prefix);
    buf_append(&sink->term, tok->stem, tok->stem_len);
    sink->status = xs_doc_add_term(sink->doc, sink->term.data, sink->term.len, 1);
    return sink->status != XS_OK || sink->term.failed;
}

/* Indexes TEXT as words with prefix PREFIX (and their stems).  A gap in the
 * positions keeps a phrase from matching across paragraphs. */
static int index_text(builder_t *b, term_sink_t *sink, const char *prefix,
                      const char *text, size_t len)
{
    sink->word_prefix = prefix;
    if (analyzer_tokenize(b->analyzer, text, len, add_token, sink) != 0)
        return -1;
    sink->position += 1;
    return 0;
}

static int add_boolean(xs_doc_t *doc, const char *prefix, const char *value, size_t len)
{
    buf_t term = BUF_INIT;
    buf_puts(&term, prefix);
    buf_append(&term, value, len);
    int rc = term.failed ? -1 : xs_doc_add_term(doc, term.data, term.len, 0) == XS_OK ? 0 : -1;
    buf_free(&term);
    return rc;
}

/* Date terms and the sortable value: "2014-06-03" gives Y2014, M201406,
 * D20140603 and the value "20140603"; a partial date pads with zeros so it
 * still sorts ("2014-06" is "20140600"). */
static int add_date(xs_doc_t *doc, const char *date)
{
    char digits[9] = "00000000";
    size_t n = 0;
    for (const char *p = date; *p && n < 8; p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    if (n < 4)
        return 0;
    char month[8] = { digits[0], digits[1], digits[2], digits[3], '-', digits[4], digits[5], 0 };
    if (xs_doc_set_value(doc, SLOT_DATE, digits, 8) != XS_OK
        || xs_doc_set_value(doc, SLOT_YEAR, digits, 4) != XS_OK
        || (n >= 6 && xs_doc_set_value(doc, SLOT_MONTH, month, 7) != XS_OK)
        || add_boolean(doc, PREFIX_YEAR, digits, 4) != 0
        || (n >= 6 && add_boolean(doc, PREFIX_MONTH, digits, 6) != 0)
        || (n >= 8 && add_boolean(doc, PREFIX_DATE, digits, 8) != 0))
        return -1;
    return 0;
}

/* Fills the fields the manifest states and the file did not. */
static void apply_manifest(article_t *a, const manifest_entry_t *m)
{
    char **fields[] = { &a->title, &a->date, &a->source, &a->byline, &a->url };
    const char *values[] = { m->title, m->date, m->source, m->byline, m->url };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (values[i] && (*fields[i] == NULL || (i == 0 && a->title_derived))) {
            char *copy = strdup(values[i]);
            if (copy) {
                free(*fields[i]);
                *fields[i] = copy;
                if (i == 0)
                    a->title_derived = 0;
            }
        }
}

static int set_value(xs_doc_t *doc, unsigned slot, const char *s)
{
    return xs_doc_set_value(doc, slot, s, strlen(s)) == XS_OK ? 0 : -1;
}

/* Builds the document for article A of file F and stores it.  Returns 0 or
 * -1 (reported). */
static int store_article(builder_t *b, const walk_list_t *list, const walk_file_t *f,
                         const article_t *a, const char *id, unsigned long crc,
                         const known_file_t *old)
{
    xs_doc_t *doc = NULL;
    term_sink_t sink = { 0 };
    buf_t text = BUF_INIT, kinds = BUF_INIT, data = BUF_INIT, idterm = BUF_INIT,
          signature = BUF_INIT;
    stored_doc_t stored = { 0 };
    docdata_field_t *extra = NULL;   /* borrows the article's strings */
    int rc = -1;

    if (xs_doc_new(&doc) != XS_OK)
        goto done;
    sink.doc = doc;
    sink.with_positions = 1;
    docdata_id_term(id, &idterm);
    if (idterm.failed || xs_doc_add_term(doc, idterm.data, idterm.len, 0) != XS_OK)
        goto done;
    sink.spelling_db = b->db;
    if (a->title && index_text(b, &sink, PREFIX_TITLE, a->title, strlen(a->title)) != 0)
        goto done;
    for (size_t i = 0; i < a->paragraph_count; i++) {
        const paragraph_t *p = &a->paragraphs[i];
        sink.spelling_db = p->kind == PARA_COMMENT ? NULL : b->db;
        if (index_text(b, &sink, p->kind == PARA_COMMENT ? PREFIX_COMMENT : "",
                       p->text, p->len) != 0)
            goto done;
        if (i)
            buf_putc(&text, '\n');
        buf_append(&text, p->text, p->len);
        buf_putc(&kinds, (char)p->kind);
    }
    if (a->source) {
        sink.with_positions = 0;
        sink.spelling_db = NULL;
        if (index_text(b, &sink, PREFIX_SOURCE, a->source, strlen(a->source)) != 0)
            goto done;
    }
    if (sink.status != XS_OK || (a->date && add_date(doc, a->date) != 0))
        goto done;

    stored.id = (char *)id;
    stored.title = a->title;
    stored.title_derived = a->title_derived;
    stored.date = a->date;
    stored.source = a->source;
    stored.byline = a->byline;
    stored.url = a->url;
    stored.path = f->relpath;
    stored.kinds = kinds.data ? kinds.data : "";
    stored.text = text.data ? text.data : "";
    stored.text_len = text.len;
    if (a->extra_count && (extra = calloc(a->extra_count, sizeof *extra)) == NULL)
        goto done;
    for (size_t i = 0; i < a->extra_count; i++) {
        extra[i].key = a->extra[i].key;
        extra[i].value = a->extra[i].value;
    }
    stored.extra = extra;
    stored.extra_count = a->extra_count;
    make_signature(f, crc, &signature);
    if (text.failed || kinds.failed || signature.failed
        || docdata_encode(&stored, &data) != 0
        || xs_doc_set_data(doc, data.data, data.len) != XS_OK
        || set_value(doc, SLOT_SIGNATURE, signature.data) != 0
        || set_value(doc, SLOT_ROOT, list->root) != 0
        || set_value(doc, SLOT_PATH, f->relpath) != 0
        || set_value(doc, SLOT_ID, id) != 0
        || (a->source && set_value(doc, SLOT_SOURCE, a->source) != 0))
        goto done;

    /* The id can change (front matter): drop the document under the old id. */
    if (old && strcmp(old->id, id) != 0) {
        buf_t oldterm = BUF_INIT;
        docdata_id_term(old->id, &oldterm);
        xs_status_t st = oldterm.failed ? XS_NO_MEMORY
                         : xs_db_delete_document(b->db, oldterm.data, oldterm.len);
        buf_free(&oldterm);
        if (st != XS_OK)
            goto done;
    }
    if (xs_db_replace_document(b->db, idterm.data, idterm.len, doc, NULL) != XS_OK)
        goto done;
    rc = 0;
done:
    if (rc != 0) {
        errorf("cannot index '%s': %s", f->path,
               *xs_db_last_error(b->db) ? xs_db_last_error(b->db) : "out of memory");
    }
    xs_doc_destroy(doc);
    free(extra);
    buf_free(&sink.term);
    buf_free(&text);
    buf_free(&kinds);
    buf_free(&data);
    buf_free(&idterm);
    buf_free(&signature);
    return rc;
}

/* ---------------------------------------------------------------- the run */

static void show_progress(const builder_t *b, size_t done, size_t total, int final)
{
    static time_t last;
    time_t now = time(NULL);
    if (!b->opts->progress || (!final && now == last))
        return;
    last = now;
    fprintf(stderr, "\rindexing: %zu/%zu files", done, total);
    if (final)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* Indexes the files of one root.  Returns 0, or -1 on a fatal error. */
static int index_root(builder_t *b, const walk_list_t *list)
{
    known_t known;
    boilerplate_t *bp = NULL;
    manifest_t *manifest = NULL;
    int rc = -1;
    size_t changed = 0;

    if (known_load(b->db, list->root, &known) != 0) {
        errorf("cannot read the index '%s': %s", b->opts->db_path, xs_db_last_error(b->db));
        known_free(&known);
        return -1;
    }

    /* The boilerplate rule needs every file of the corpus; skip that pass
     * (and all reading) when no file changed since the last run. */
    for (size_t i = 0; i < list->count; i++) {
        known_file_t *k = known_find(&known, list->files[i].relpath);
        if (k == NULL || !same_stat(k->signature, &list->files[i]))
            changed++;
    }
    if (changed) {
        if ((bp = boilerplate_new()) == NULL)
            goto out_of_memory;
        for (size_t i = 0; i < list->count; i++) {
            buf_t content = BUF_INIT;
            const char *why;
            if (read_file(list->files[i].path, &content, &why) == 0
                && boilerplate_add_document(bp, content.data ? content.data : "",
                                            content.len) != 0) {
                buf_free(&content);
                goto out_of_memory;
            }
            buf_free(&content);
        }
        buf_t manifest_path = BUF_INIT;
        buf_printf(&manifest_path, "%s/manifest.tsv", list->root);
        if (manifest_path.failed)
            goto out_of_memory;
        if (access(manifest_path.data, F_OK) == 0) {
            char *err = NULL;
            manifest = manifest_load(manifest_path.data, &err);
            if (manifest == NULL) {
                errorf("ignoring manifest: %s", err ? err : "out of memory");
                free(err);
                b->stats->failed++;
            }
        }
        buf_free(&manifest_path);
    }

    for (size_t i = 0; i < list->count; i++) {
        const walk_file_t *f = &list->files[i];
        known_file_t *old = known_find(&known, f->relpath);
        buf_t content = BUF_INIT;
        const char *why;
        char *err = NULL;
        article_t article;

        show_progress(b, i, list->count, 0);
        if (old)
            old->seen = 1;   /* even if it fails now: keep the indexed version */
        if (old && same_stat(old->signature, f)) {
            b->stats->unchanged++;
            continue;
        }
        if (read_file(f->path, &content, &why) != 0) {
            errorf("cannot read '%s': %s", f->path, why);
            b->stats->failed++;
            buf_free(&content);
            continue;
        }
        unsigned long crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)content.data,
                                  (uInt)content.len);
        if (old && same_content(old->signature, f, crc)) {
            b->stats->unchanged++;
            buf_free(&content);
            continue;
        }
        if (article_parse(content.data ? content.data : "", content.len, bp,
                          &article, &err) != 0) {
            errorf("cannot index '%s': %s", f->path, err ? err : "out of memory");
            free(err);
            b->stats->failed++;
            buf_free(&content);
            continue;
        }
        buf_free(&content);
        if (article.warning)
            warnf("'%s': %s", f->path, article.warning);
        const char *id = article.id ? article.id : f->relpath;
        const manifest_entry_t *m = manifest ? manifest_find(manifest, f->relpath) : NULL;
        if (m)
            apply_manifest(&article, m);
        if (store_article(b, list, f, &article, id, crc, old) == 0) {
            if (old)
                b->stats->updated++;
            else
                b->stats->added++;
        } else
            b->stats->failed++;
        article_free(&article);
    }
    show_progress(b, list->count, list->count, 1);

    for (size_t i = 0; i < known.count; i++) {
        buf_t idterm = BUF_INIT;
        if (known.files[i].seen)
            continue;
        docdata_id_term(known.files[i].id, &idterm);
        if (idterm.failed)
            goto out_of_memory;
        if (xs_db_delete_document(b->db, idterm.data, idterm.len) != XS_OK) {
            errorf("cannot remove '%s' from the index: %s", known.files[i].path,
                   xs_db_last_error(b->db));
            buf_free(&idterm);
            goto done;
        }
        buf_free(&idterm);
        b->stats->removed++;
    }
    rc = 0;
    goto done;
out_of_memory:
    errorf("out of memory");
done:
    boilerplate_free(bp);
    manifest_free(manifest);
    known_free(&known);
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

int build_index(const build_options_t *opts, char *const *paths, size_t count,
                build_stats_t *stats)
{
    builder_t b = { NULL, NULL, opts, stats };
    walk_list_t *lists = calloc(count ? count : 1, sizeof *lists);
    char *errmsg = NULL, *language = NULL;
    int rc = -1;
    xs_status_t st;

    memset(stats, 0, sizeof *stats);
    if (lists == NULL) {
        errorf("out of memory");
        return -1;
    }
    /* Walk first: a path that does not exist stops the run before the
     * index is touched, so a typo cannot remove documents. */
    for (size_t i = 0; i < count; i++)
        if (walk_collect(paths[i], &lists[i], &stats->failed) != 0)
            goto done;

    st = xs_db_open_write(opts->db_path, opts->lock_wait, &b.db, &errmsg);
    if (st != XS_OK) {
        errorf("cannot open the index for writing: %s", errmsg ? errmsg : xs_status_to_string(st));
        goto done;
    }
    if (choose_language(b.db, opts, &language) != 0)
        goto done;
    b.analyzer = analyzer_new(language, &errmsg);
    if (b.analyzer == NULL) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        goto done;
    }
    for (size_t i = 0; i < count; i++)
        if (index_root(&b, &lists[i]) != 0)
            goto done;
    if (xs_db_set_metadata(b.db, META_SCHEMA, SCHEMA_VERSION, strlen(SCHEMA_VERSION)) != XS_OK
        || xs_db_set_metadata(b.db, META_LANGUAGE, language, strlen(language)) != XS_OK
        || xs_db_commit(b.db) != XS_OK) {
        errorf("cannot commit the index '%s': %s", opts->db_path, xs_db_last_error(b.db));
        detailf("the index is as it was before this run");
        goto done;
    }
    rc = 0;
done:
    xs_free(errmsg);
    free(language);
    analyzer_free(b.analyzer);
    xs_db_close(b.db);
    for (size_t i = 0; i < count; i++)
        walk_free(&lists[i]);
    free(lists);
    return rc;
}
