/* build.c: turn corpus files into index documents, incrementally.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <dirent.h>
#include <stdint.h>
#include <signal.h>
#include <stdarg.h>
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
#include "hash.h"
#include "idset.h"
#include "jsonl.h"
#include "known.h"
#include "mail.h"
#include "manifest.h"
#include "msg.h"
#include "roots.h"
#include "schema.h"
#include "spelling.h"
#include "walk.h"
#include "xs.h"

/* Larger files are refused rather than risking the machine's memory; the
 * biggest real articles are a few hundred kilobytes. */
#define MAX_FILE_BYTES (512LL * 1024 * 1024)

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
    json_reader_t json;    /* scratch space for JSON Lines records */
    const char *language;  /* the stemming language, stored at each commit */
    unsigned pending;      /* documents stored since the last commit */
    int write_failed;      /* writing to the index failed (disk full...): stop */
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

/* ------------------------------------------------------- making documents */

typedef struct {
    xs_doc_t *doc;
    const char *word_prefix;   /* "" for body, PREFIX_TITLE, PREFIX_COMMENT */
    unsigned body_stem_wdf;    /* headline words: TITLE_STEM_WDF, else 0 */
    unsigned position;         /* running position across the whole article */
    int with_positions;
    spelling_batch_t *spelling;   /* count words for the spelling data, or NULL */
    int spelling_full;         /* the batch asks to be flushed */
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
    if (sink->spelling && !(tok->word[0] >= '0' && tok->word[0] <= '9')) {
        int added = spelling_batch_add(sink->spelling, tok->word, tok->word_len);
        if (added < 0) {
            sink->status = XS_NO_MEMORY;
            return 1;
        }
        sink->spelling_full |= added;
    }
    buf_reset(&sink->term);
    buf_puts(&sink->term, PREFIX_STEM);
    buf_puts(&sink->term, sink->word_prefix);
    buf_append(&sink->term, tok->stem, tok->stem_len);
    sink->status = xs_doc_add_term(sink->doc, sink->term.data, sink->term.len, 1);
    if (sink->status == XS_OK && sink->body_stem_wdf) {
        buf_reset(&sink->term);
        buf_puts(&sink->term, PREFIX_STEM);
        buf_append(&sink->term, tok->stem, tok->stem_len);
        sink->status = xs_doc_add_term(sink->doc, sink->term.data, sink->term.len,
                                       sink->body_stem_wdf);
    }
    return sink->status != XS_OK || sink->term.failed;
}

/* Indexes TEXT as words with prefix PREFIX (and their stems).  A gap in the
 * positions keeps a phrase from matching across paragraphs. */
static int index_text(builder_t *b, term_sink_t *sink, const char *prefix,
                      const char *text, size_t len)
{
    sink->word_prefix = prefix;
    sink->body_stem_wdf = strcmp(prefix, PREFIX_TITLE) == 0 ? TITLE_STEM_WDF : 0;
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

/* Builds the document for article A (found at RELPATH under LIST's root;
 * WHERE names it in messages) and stores it with SIGNATURE.  OLD_ID is the
 * id the same file had before, or NULL.  Returns 0 or -1 (reported). */
static int store_article(builder_t *b, const walk_list_t *list, const char *relpath,
                         const char *where, const article_t *a, const char *id,
                         const char *signature, const char *old_id)
{
    xs_doc_t *doc = NULL;
    term_sink_t sink = { 0 };
    buf_t text = BUF_INIT, kinds = BUF_INIT, data = BUF_INIT, idterm = BUF_INIT;
    buf_t shown_path = BUF_INIT;
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
    sink.spelling = b->spelling;
    if (a->title && index_text(b, &sink, PREFIX_TITLE, a->title, strlen(a->title)) != 0)
        goto done;
    for (size_t i = 0; i < a->paragraph_count; i++) {
        const paragraph_t *p = &a->paragraphs[i];
        sink.spelling = p->kind == PARA_COMMENT ? NULL : b->spelling;
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
        sink.spelling = NULL;
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
    roots_file_id(list, relpath, &shown_path);   /* the path as the user knows it */
    stored.path = shown_path.data;
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
    if (text.failed || kinds.failed || shown_path.failed
        || docdata_encode(&stored, &data) != 0
        || xs_doc_set_data(doc, data.data, data.len) != XS_OK
        || set_value(doc, SLOT_SIGNATURE, signature) != 0
        || set_value(doc, SLOT_ROOT, list->root) != 0
        || set_value(doc, SLOT_PATH, relpath) != 0
        || set_value(doc, SLOT_ID, id) != 0
        || (a->source && set_value(doc, SLOT_SOURCE, a->source) != 0))
        goto done;

    /* The id can change (front matter): drop the document under the old id. */
    if (old_id && strcmp(old_id, id) != 0) {
        buf_t oldterm = BUF_INIT;
        docdata_id_term(old_id, &oldterm);
        xs_status_t st = oldterm.failed ? XS_NO_MEMORY
                         : xs_db_delete_document(b->db, oldterm.data, oldterm.len);
        buf_free(&oldterm);
        if (st != XS_OK)
            goto done;
    }
    xs_status_t st = xs_db_replace_document(b->db, idterm.data, idterm.len, doc, NULL);
    b->write_failed = st == XS_IO_ERROR;
    if (st != XS_OK || (sink.spelling_full && spelling_batch_flush(b->spelling, b->db) != XS_OK))
        goto done;
    b->pending++;
    rc = 0;
done:
    if (rc != 0 && b->write_failed) {
        /* Not the file's fault, and every later document would fail too. */
        errorf("cannot write to the index '%s': %s", b->opts->db_path, xs_db_last_error(b->db));
        detailf("the index is as it was at its last commit");
    } else if (rc != 0) {
        errorf("cannot index '%s': %s", where,
               *xs_db_last_error(b->db) ? xs_db_last_error(b->db) : "out of memory");
    }
    xs_doc_destroy(doc);
    free(extra);
    buf_free(&sink.term);
    buf_free(&text);
    buf_free(&kinds);
    buf_free(&data);
    buf_free(&idterm);
    buf_free(&shown_path);
    return rc;
}

/* ---------------------------------------------------------------- the run */

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

/* The metadata key under which the size and modification time of the JSON
 * Lines file RELPATH of ROOT were stored when all its records were last
 * indexed: a hash keeps the key short whatever the path. */
static void file_stat_key(const char *root, const char *relpath, buf_t *out)
{
    /* The NULs too: they separate root and path. */
    uint64_t hash = fnv1a64(FNV1A64_INIT, root, strlen(root) + 1);
    hash = fnv1a64(hash, relpath, strlen(relpath) + 1);
    buf_printf(out, "%s%016llx", META_FILE_PREFIX, (unsigned long long)hash);
}

/* Non-zero if the JSON Lines file F is unchanged since all its records
 * were indexed (the stored size and modification time match). */
static int jsonl_unchanged(builder_t *b, const char *root, const walk_file_t *f)
{
    buf_t key = BUF_INIT, stat = BUF_INIT;
    char *stored = NULL;
    size_t len;
    int same = 0;
    file_stat_key(root, f->relpath, &key);
    buf_printf(&stat, "%lld %lld", f->size, f->mtime_ns);
    if (!key.failed && !stat.failed
        && xs_db_get_metadata(b->db, key.data, &stored, &len) == XS_OK)
        same = len == stat.len && memcmp(stored, stat.data, len) == 0;
    xs_free(stored);
    buf_free(&key);
    buf_free(&stat);
    return same;
}

/* Records (or, with F NULL, forgets) that every record of the JSON Lines
 * file RELPATH is indexed as of F's size and modification time. */
static int jsonl_set_unchanged(builder_t *b, const char *root, const char *relpath,
                               const walk_file_t *f)
{
    buf_t key = BUF_INIT, stat = BUF_INIT;
    file_stat_key(root, relpath, &key);
    if (f)
        buf_printf(&stat, "%lld %lld", f->size, f->mtime_ns);
    int rc = key.failed || stat.failed
             || xs_db_set_metadata(b->db, key.data, stat.data ? stat.data : "", stat.len)
                    != XS_OK ? -1 : 0;
    buf_free(&key);
    buf_free(&stat);
    return rc;
}

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

/* Reports and counts a file or record that cannot be indexed, found before
 * its article's id is known (so before in_part() can place it): in parts,
 * only the part that the file's or line's number N falls to does. */
static void failed_before_id(builder_t *b, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void failed_before_id(builder_t *b, size_t n, const char *fmt, ...)
{
    va_list ap;

    if (b->opts->part_count > 1 && n % b->opts->part_count != b->opts->part_index)
        return;
    va_start(ap, fmt);
    verrorf(fmt, ap);
    va_end(ap);
    b->stats->failed++;
}

/* Indexes the records of the JSON Lines file F whose line changed.  A bad
 * record is reported with its path and line number, and the run goes on.
 * Returns 0, or -1 on a fatal error (reported). */
static int index_jsonl_file(builder_t *b, const walk_list_t *list, const walk_file_t *f,
                            size_t file_index)
{
    known_doc_t *first;
    size_t old_count = known_file_range(&b->known, list->root, f->relpath, &first);
    const char *line, *why;
    size_t len;
    unsigned long number;
    int rc = 0, got, all_indexed = 1;
    buf_t signature = BUF_INIT, where = BUF_INIT;

    jsonl_file_t *jf = jsonl_open(f->path, &why);
    if (jf == NULL) {
        failed_before_id(b, file_index, "cannot read '%s': %s", f->path, why);
        for (size_t i = 0; i < old_count; i++)
            first[i].seen = 1;     /* keep the indexed versions */
        return 0;
    }
    while (rc == 0 && (got = jsonl_next_line(jf, &line, &len, &number, &why)) == 1) {
        article_t article;
        char *err = NULL;
        int stop = checkpoint(b);
        if (stop) {
            /* Records not reached keep their indexed versions, and the
             * file is read again next time. */
            rc = stop < 0 ? -1 : 0;
            all_indexed = 0;
            break;
        }
        if (strspn(line, " \t") == len)
            continue;          /* a blank line */
        buf_reset(&signature);
        buf_reset(&where);
        buf_printf(&signature, "record %zu %08lx", len,
                   (unsigned long)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)line, (uInt)len));
        buf_printf(&where, "%s:%lu", f->path, number);
        if (signature.failed || where.failed) {
            errorf("out of memory");
            rc = -1;
            break;
        }
        known_doc_t *same = known_find_signature(first, old_count, signature.data);
        if (same) {
            /* The same line as last time: the same record. */
            int claimed = claim_id(b, same->id, where.data);
            if (claimed < 0)
                rc = -1;
            else if (claimed == 0) {
                same->seen = 1;
                b->stats->unchanged++;
            } else
                all_indexed = 0;
            continue;
        }
        if (jsonl_parse_record(&b->json, line, len, &article, &err) != 0) {
            failed_before_id(b, number, "%s: %s", where.data, err ? err : "out of memory");
            free(err);
            all_indexed = 0;
            continue;
        }
        if (!in_part(b, article.id)) {
            article_free(&article);
            continue;
        }
        if (article.warning)
            warnf("%s: %s", where.data, article.warning);
        int claimed = claim_id(b, article.id, where.data);
        if (claimed == 0) {
            known_doc_t *old = known_find_id(&b->known, article.id);
            if (old)
                old->seen = 1;
            if (store_article(b, list, f->relpath, where.data, &article, article.id,
                              signature.data, NULL) == 0) {
                if (old)
                    b->stats->updated++;
                else
                    b->stats->added++;
            } else {
                b->stats->failed++;
                all_indexed = 0;
            }
        } else {
            all_indexed = 0;
            if (claimed < 0)
                rc = -1;
        }
        article_free(&article);
        show_progress(b, file_index, list->count, 0);
    }
    if (rc == 0 && got < 0) {
        failed_before_id(b, file_index, "cannot read '%s': %s", f->path, why);
        all_indexed = 0;
        /* What was not reached keeps its indexed version. */
        for (size_t i = 0; i < old_count; i++)
            first[i].seen = 1;
    }
    /* Only a file whose every record is in the index may be skipped next
     * time; otherwise its errors would not be reported again. */
    if (rc == 0 && jsonl_set_unchanged(b, list->root, f->relpath, all_indexed ? f : NULL) != 0) {
        errorf("cannot write to the index '%s': %s", b->opts->db_path, xs_db_last_error(b->db));
        rc = -1;
    }
    jsonl_close(jf);
    buf_free(&signature);
    buf_free(&where);
    return rc;
}

/* Indexes one .txt file F (a page or a mail message).  Returns 0, or -1 on
 * a fatal error (reported). */
static int index_text_file(builder_t *b, const walk_list_t *list, const walk_file_t *f,
                           const boilerplate_t *bp, const manifest_t *manifest)
{
    known_doc_t *old;
    buf_t content = BUF_INIT, signature = BUF_INIT, path_id = BUF_INIT;
    const char *why;
    char *err = NULL;
    article_t article;
    int rc = 0, parsed;

    if (known_file_range(&b->known, list->root, f->relpath, &old) == 0)
        old = NULL;
    if (old)
        old->seen = 1;   /* even if it fails now: keep the indexed version */
    size_t file_index = (size_t)(f - list->files);
    if (read_file(f->path, &content, &why) != 0) {
        failed_before_id(b, file_index, "cannot read '%s': %s", f->path, why);
        buf_free(&content);
        return 0;
    }
    unsigned long crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)content.data,
                              (uInt)content.len);
    if (old && same_content(old->signature, f, crc)) {
        b->stats->unchanged++;
        buf_free(&content);
        return 0;
    }
    const char *text = content.data ? content.data : "";
    if (mail_looks_like(text, content.len))
        parsed = mail_parse(text, content.len, &article, &err);
    else
        parsed = article_parse(text, content.len, bp, &article, &err);
    buf_free(&content);
    if (parsed != 0) {
        failed_before_id(b, file_index, "cannot index '%s': %s", f->path,
                         err ? err : "out of memory");
        free(err);
        return 0;
    }
    roots_file_id(list, f->relpath, &path_id);
    const char *id = article.id ? article.id : path_id.data;
    if (path_id.failed || !in_part(b, id)) {
        rc = path_id.failed ? (errorf("out of memory"), -1) : 0;
        goto done;
    }
    if (article.warning)
        warnf("'%s': %s", f->path, article.warning);
    const manifest_entry_t *m = manifest ? manifest_find(manifest, f->relpath) : NULL;
    if (m)
        apply_manifest(&article, m);
    make_signature(f, crc, &signature);
    int claimed = signature.failed ? -1 : claim_id(b, id, f->path);
    if (claimed == 0) {
        if (store_article(b, list, f->relpath, f->path, &article, id, signature.data,
                          old ? old->id : NULL) == 0) {
            if (old)
                b->stats->updated++;
            else
                b->stats->added++;
        } else
            b->stats->failed++;
    } else if (claimed < 0)
        rc = -1;
done:
    article_free(&article);
    buf_free(&signature);
    buf_free(&path_id);
    return rc;
}

/* Counts the lines of every page of the corpus for the recurring-line
 * rule (mail and JSON Lines have no page furniture).  Returns 0 or -1. */
static int count_boilerplate(const walk_list_t *list, boilerplate_t *bp)
{
    for (size_t i = 0; i < list->count && !build_stop_signal; i++) {
        buf_t content = BUF_INIT;
        const char *why;
        int rc = 0;
        if (!jsonl_is_jsonl_name(list->files[i].relpath)
            && read_file(list->files[i].path, &content, &why) == 0) {
            const char *text = content.data ? content.data : "";
            if (!mail_looks_like(text, content.len))
                rc = boilerplate_add_document(bp, text, content.len);
        }
        buf_free(&content);
        if (rc != 0)
            return -1;
    }
    return 0;
}

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

/* Files whose size and modification time are unchanged are not read at
 * all: sets UNCHANGED[i] for them and claims their ids, before any changed
 * file of any root takes an id.  *CHANGED_PAGES counts the other pages.
 * Returns 0, or -1 (reported). */
static int mark_unchanged(builder_t *b, const walk_list_t *list, char *unchanged,
                          size_t *changed_pages)
{
    *changed_pages = 0;
    for (size_t i = 0; i < list->count; i++) {
        const walk_file_t *f = &list->files[i];
        known_doc_t *first;
        size_t n = known_file_range(&b->known, list->root, f->relpath, &first);
        if (jsonl_is_jsonl_name(f->relpath))
            unchanged[i] = n > 0 && jsonl_unchanged(b, list->root, f);
        else {
            unchanged[i] = n > 0 && same_stat(first->signature, f);
            *changed_pages += !unchanged[i];
        }
        for (size_t k = 0; unchanged[i] && k < n; k++) {
            first[k].seen = 1;
            if (claim_id(b, first[k].id, f->path) < 0)
                return -1;
        }
    }
    return 0;
}

/* The manifest of LIST's root, or NULL when it has none or it cannot be
 * used (reported). */
static manifest_t *load_manifest(builder_t *b, const walk_list_t *list)
{
    buf_t path = BUF_INIT;
    manifest_t *manifest = NULL;
    buf_printf(&path, "%s/manifest.tsv", list->root);
    if (!path.failed && access(path.data, F_OK) == 0) {
        char *err = NULL;
        manifest = manifest_load(path.data, &err);
        if (manifest == NULL) {
            failed_before_id(b, 0, "ignoring manifest: %s", err ? err : "out of memory");
            free(err);
        }
    }
    buf_free(&path);
    return manifest;
}

/* Indexes the files of LIST that are not UNCHANGED.  Returns 0, or -1 on
 * a fatal error (reported). */
static int index_changed(builder_t *b, const walk_list_t *list, const char *unchanged,
                         size_t changed_pages)
{
    boilerplate_t *bp = NULL;
    manifest_t *manifest = NULL;
    int rc = -1;

    /* The boilerplate rule needs every page of the corpus: skip that pass
     * (and all reading) when no page changed since the last run. */
    if (changed_pages) {
        if ((bp = boilerplate_new()) == NULL || count_boilerplate(list, bp) != 0) {
            errorf("out of memory");
            goto done;
        }
        manifest = load_manifest(b, list);
    }
    for (size_t i = 0; i < list->count; i++) {
        const walk_file_t *f = &list->files[i];
        int stop = checkpoint(b);
        if (stop < 0)
            goto done;
        if (stop)
            break;
        show_progress(b, i, list->count, 0);
        if (unchanged[i]) {
            known_doc_t *first;
            b->stats->unchanged +=
                (unsigned)known_file_range(&b->known, list->root, f->relpath, &first);
            continue;
        }
        if ((jsonl_is_jsonl_name(f->relpath) ? index_jsonl_file(b, list, f, i)
                                             : index_text_file(b, list, f, bp, manifest)) != 0)
            goto done;
    }
    show_progress(b, list->count, list->count, 1);
    rc = 0;
done:
    boilerplate_free(bp);
    manifest_free(manifest);
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
        buf_reset(&idterm);
        docdata_id_term(d->id, &idterm);
        if (idterm.failed) {
            errorf("out of memory");
            rc = -1;
        } else if (xs_db_delete_document(b->db, idterm.data, idterm.len) != XS_OK
                   || (jsonl_is_jsonl_name(d->path)
                       && jsonl_set_unchanged(b, list->root, d->path, NULL) != 0)) {
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
    size_t *changed_pages = calloc(count ? count : 1, sizeof *changed_pages);
    int rc = -1;

    if (unchanged == NULL || changed_pages == NULL) {
        errorf("out of memory");
        goto done;
    }
    if (known_load(b->db, &b->known) != 0) {
        errorf("cannot read the index '%s': %s", b->opts->db_path, xs_db_last_error(b->db));
        goto done;
    }
    if (claim_outside(b, lists, count) != 0)
        goto done;
    for (size_t i = 0; i < count; i++)
        if ((unchanged[i] = calloc(lists[i].count ? lists[i].count : 1, 1)) == NULL
            || mark_unchanged(b, &lists[i], unchanged[i], &changed_pages[i]) != 0) {
            if (unchanged[i] == NULL)
                errorf("out of memory");
            goto done;
        }
    for (size_t i = 0; i < count && !build_stop_signal; i++)
        if (index_changed(b, &lists[i], unchanged[i], changed_pages[i]) != 0)
            goto done;
    for (size_t i = 0; i < count && !build_stop_signal; i++)
        if (remove_gone(b, &lists[i]) != 0)
            goto done;
    rc = 0;
done:
    for (size_t i = 0; unchanged && i < count; i++)
        free(unchanged[i]);
    free(unchanged);
    free(changed_pages);
    return rc;
}

/* ------------------------------------------------------- building in parts */

int build_remove_index_dir(const char *path)
{
    DIR *dir = opendir(path);
    const struct dirent *e;
    int rc = 0;

    if (dir == NULL)
        return errno == ENOENT ? 0 : -1;
    while (rc == 0 && (e = readdir(dir)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            rc = unlinkat(dirfd(dir), e->d_name, 0);
    closedir(dir);
    return rc == 0 ? rmdir(path) : -1;
}

/* A JSON Lines file may be skipped by the next run only if every part
 * indexed all its records: its mark in MERGED (the compaction kept the
 * first part's) is set only when all PARTS have it.  Returns 0 or -1. */
int build_merge_file_marks(xs_db_t *merged, xs_db_t *const *parts, size_t part_count,
                           const walk_list_t *lists, size_t count)
{
    builder_t into = { .db = merged };
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < lists[i].count; k++) {
            const walk_file_t *f = &lists[i].files[k];
            int everywhere = 1;
            if (!jsonl_is_jsonl_name(f->relpath))
                continue;
            for (size_t p = 0; p < part_count && everywhere; p++) {
                builder_t part = { .db = parts[p] };
                everywhere = jsonl_unchanged(&part, lists[i].root, f);
            }
            if (jsonl_set_unchanged(&into, lists[i].root, f->relpath, everywhere ? f : NULL) != 0)
                return -1;
        }
    return 0;
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
    b->json = (json_reader_t)JSON_READER_INIT;
    memset(stats, 0, sizeof *stats);
    st = opts->shard_count
             ? xs_db_open_write_shards(opts->shard_paths, opts->shard_count, opts->lock_wait,
                                       &b->db, &errmsg)
             : xs_db_open_write(opts->db_path, opts->lock_wait, &b->db, &errmsg);
    if (st != XS_OK) {
        errorf("cannot open the index for writing: %s", errmsg ? errmsg : xs_status_to_string(st));
        goto done;
    }
    if (check_schema(b->db, opts) != 0 || choose_language(b->db, opts, language) != 0)
        goto done;
    b->analyzer = analyzer_new(*language, &errmsg);
    if (b->analyzer == NULL) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        goto done;
    }
    if ((b->spelling = spelling_batch_new()) == NULL || (b->claimed = idset_new()) == NULL) {
        errorf("out of memory");
        goto done;
    }
    b->language = *language;
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
    analyzer_free(b->analyzer);
    json_reader_free(&b->json);
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
    if ((lists = roots_walk(&roots, paths, count, &list_count, &walk_failed)) == NULL)
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
