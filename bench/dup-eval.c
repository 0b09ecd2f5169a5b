/* dup-eval.c: measures near-duplicate signatures and grouping (dupsig.h, dupgroup.h) offline.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: trawl-dup-eval [OPTION]... INPUT...
 * An INPUT is a directory (its .txt pages, read with the article model as
 * trawl-index reads them: boilerplate counted over the directory, mail
 * recognised) or a JSON Lines file (.jsonl, .jsonl.gz).  All inputs form one
 * collection.  The program computes each body's signature, groups the
 * articles with dupgroup_add() in input order (as an indexer meets them)
 * over an in-memory stand-in for the index (band keys to articles), and
 * reports against the ground truth:
 *   - exact near-duplicate pairs: every pair whose 5-word-shingle Jaccard
 *     is at least 0.5, found exhaustively (prefix filtering), and the pairs
 *     the truth labels join: the same "story" member (bench/dup-testset.py),
 *     "dup_of" (20 Newsgroups), identical bodies;
 *   - copies ("copy_of" or "dup_of") grouped with their original;
 *   - grouped pairs (every pair in a group) that are near-duplicates;
 *   - that other orders (by date; shuffled, with removals and
 *     replacements) and a direct implementation of the rule give the same
 *     groups.
 * Options: --rows N (threshold), --shingle K, --sweep N,N,... (recall and
 * precision for other thresholds), --timing R (CPU of the signatures, best
 * of R passes), --topic-pairs N (the N most word-similar pairs of different
 * stories in one category), --show N (list N misses and false pairs),
 * --xapian DIR (the index space of band terms and values, and the time of
 * a band lookup, in real Xapian indexes written under DIR).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <dirent.h>

#include "analyzer.h"
#include "article.h"
#include "page.h"
#include "boilerplate.h"
#include "buf.h"
#include "dupgroup.h"
#include "dupsig.h"
#include "hash.h"
#include "jsonl.h"
#include "mail.h"
#include "reader.h"
#include "msg.h"
#include "xs.h"

/* The truth's shingles: 5 words, and near-duplicates at Jaccard >= 0.5
 * (the definition the task states). */
#define TRUTH_SHINGLE_WORDS 5
#define TRUTH_JACCARD 0.5

typedef struct {
    char *id, *title, *category;
    char date[9];              /* "YYYYMMDD" or "" */
    char *story, *copy_of, *dup_of, *edits;
    char *body;                /* body paragraphs joined by '\n' */
    size_t body_len, word_count;
    uint64_t *shingles;        /* sorted distinct 5-word shingle hashes */
    size_t shingle_count;
    dupsig_t sig;
    int has_sig;
    size_t truth;              /* union-find parent: same story */
    char *group;               /* grouping state: leader's id; NULL not indexed */
    size_t input;              /* which INPUT it came from */
} doc_t;

typedef struct {
    doc_t *items;
    size_t count, capacity;
} docs_t;

static analyzer_t *analyzer;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL) {
        errorf("out of memory");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (p == NULL) {
        errorf("out of memory");
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    return s ? strcpy(xmalloc(strlen(s) + 1), s) : NULL;
}

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ u64 multimap */

/* Keys (64-bit hashes) to lists of document indices: band keys and the
 * truth's prefix-filter shingles. */
typedef struct {
    uint64_t key;
    size_t *docs;
    size_t count, capacity;
    int used;
} bucket_t;

typedef struct {
    bucket_t *buckets;
    size_t capacity, count;    /* capacity a power of two */
} multimap_t;

static bucket_t *multimap_slot(bucket_t *buckets, size_t capacity, uint64_t key)
{
    size_t i = (size_t)(key ^ key >> 29) & (capacity - 1);
    while (buckets[i].used && buckets[i].key != key)
        i = (i + 1) & (capacity - 1);
    return &buckets[i];
}

static const bucket_t *multimap_get(const multimap_t *m, uint64_t key)
{
    if (m->capacity == 0)
        return NULL;
    const bucket_t *b = multimap_slot(m->buckets, m->capacity, key);
    return b->used ? b : NULL;
}

static void multimap_add(multimap_t *m, uint64_t key, size_t doc)
{
    if (2 * (m->count + 1) > m->capacity) {
        size_t capacity = m->capacity ? 2 * m->capacity : 1024;
        bucket_t *buckets = calloc(capacity, sizeof *buckets);
        if (buckets == NULL) {
            errorf("out of memory");
            exit(2);
        }
        for (size_t i = 0; i < m->capacity; i++)
            if (m->buckets[i].used)
                *multimap_slot(buckets, capacity, m->buckets[i].key) = m->buckets[i];
        free(m->buckets);
        m->buckets = buckets;
        m->capacity = capacity;
    }
    bucket_t *b = multimap_slot(m->buckets, m->capacity, key);
    if (!b->used) {
        b->used = 1;
        b->key = key;
        m->count++;
    }
    if (b->count == b->capacity) {
        b->capacity = b->capacity ? 2 * b->capacity : 2;
        b->docs = xrealloc(b->docs, b->capacity * sizeof *b->docs);
    }
    b->docs[b->count++] = doc;
}

static void multimap_free(multimap_t *m)
{
    for (size_t i = 0; i < m->capacity; i++)
        free(m->buckets[i].docs);
    free(m->buckets);
    memset(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------- loading */

static doc_t *new_doc(docs_t *docs)
{
    if (docs->count == docs->capacity) {
        docs->capacity = docs->capacity ? 2 * docs->capacity : 4096;
        docs->items = xrealloc(docs->items, docs->capacity * sizeof *docs->items);
    }
    doc_t *d = &docs->items[docs->count++];
    memset(d, 0, sizeof *d);
    return d;
}

/* "2014-06-03" gives "20140603", "2014-06" "20140600" (value slot 0's form). */
static void slot_date(const char *date, char out[9])
{
    size_t n = 0;
    memcpy(out, "00000000", 9);
    for (const char *p = date; p && *p && n < 8; p++)
        if (*p >= '0' && *p <= '9')
            out[n++] = *p;
    if (n < 4)
        out[0] = '\0';
}

static const char *extra_value(const article_t *a, const char *key)
{
    for (size_t i = 0; i < a->extra_count; i++)
        if (strcmp(a->extra[i].key, key) == 0)
            return a->extra[i].value;
    return NULL;
}

/* Adds the article A (read from input INPUT) under ID. */
static void add_article(docs_t *docs, const article_t *a, const char *id, const char *category,
                        size_t input)
{
    doc_t *d = new_doc(docs);
    buf_t body = BUF_INIT;
    d->id = xstrdup(id);
    d->title = xstrdup(a->title ? a->title : "");
    slot_date(a->date, d->date);
    d->category = xstrdup(extra_value(a, "category") ? extra_value(a, "category") : category);
    d->story = xstrdup(extra_value(a, "story"));
    d->copy_of = xstrdup(extra_value(a, "copy_of"));
    d->dup_of = xstrdup(extra_value(a, "dup_of"));
    d->edits = xstrdup(extra_value(a, "edits"));
    d->input = input;
    for (size_t i = 0; i < a->paragraph_count; i++) {
        if (a->paragraphs[i].kind != PARA_BODY)
            continue;
        if (body.len)
            buf_putc(&body, '\n');
        buf_append(&body, a->paragraphs[i].text, a->paragraphs[i].len);
    }
    if (body.failed) {
        errorf("out of memory");
        exit(2);
    }
    d->body_len = body.len;
    d->body = body.data ? buf_detach(&body) : xstrdup("");
}

static int read_whole(const char *path, buf_t *out)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    if (f == NULL)
        return -1;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    int failed = ferror(f) || out->failed;
    fclose(f);
    return failed ? -1 : 0;
}

/* Appends the .txt files under DIR (sorted, hidden names skipped) to LIST. */
static void walk_txt(const char *dir, char ***list, size_t *count)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        errorf("cannot read '%s': %s", dir, strerror(errno));
        exit(2);
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        buf_t path = BUF_INIT;
        struct stat st;
        buf_printf(&path, "%s/%s", dir, name);
        if (name[0] != '.' && stat(path.data, &st) == 0) {
            size_t len = strlen(name);
            if (S_ISDIR(st.st_mode))
                walk_txt(path.data, list, count);
            else if (S_ISREG(st.st_mode) && len > 4 && strcmp(name + len - 4, ".txt") == 0) {
                *list = xrealloc(*list, (*count + 1) * sizeof **list);
                (*list)[(*count)++] = buf_detach(&path);
            }
        }
        buf_free(&path);
        free(names[i]);
    }
    free(names);
}

/* Reads the pages under DIR as trawl-index does (article.h, mail.h);
 * ids are paths relative to DIR, categories the parent folders' names. */
static void load_directory(docs_t *docs, const char *dir, size_t input)
{
    char **files = NULL;
    size_t count = 0;
    boilerplate_t *bp = boilerplate_new();
    walk_txt(dir, &files, &count);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < count; i++) {
            buf_t content = BUF_INIT;
            article_t a;
            char *err = NULL;
            if (read_whole(files[i], &content) != 0) {
                errorf("cannot read '%s': %s", files[i], strerror(errno));
                exit(2);
            }
            const char *text = content.data ? content.data : "";
            int mail = mail_looks_like(text, content.len);
            if (pass == 0 && !mail && boilerplate_add_document(bp, text, content.len) != 0) {
                errorf("out of memory");
                exit(2);
            }
            if (pass == 1 && (mail ? mail_parse(text, content.len, &a, &err)
                                   : page_parse(text, content.len, bp, &a, &err)) == 0) {
                const char *relpath = files[i] + strlen(dir) + 1;
                char *category = xstrdup(relpath), *slash = strrchr(category, '/');
                if (slash) {
                    *slash = '\0';
                    slash = strrchr(category, '/');
                }
                add_article(docs, &a, a.id ? a.id : relpath,
                            slash ? slash + 1 : strchr(relpath, '/') ? category : "", input);
                free(category);
                article_free(&a);
            } else if (pass == 1) {
                fprintf(stderr, "# skipped '%s': %s\n", files[i], err ? err : "out of memory");
                free(err);
            }
            buf_free(&content);
        }
    }
    for (size_t i = 0; i < count; i++)
        free(files[i]);
    free(files);
    boilerplate_free(bp);
}

static void load_jsonl(docs_t *docs, const char *path, size_t input)
{
    const char *why, *line;
    size_t len;
    unsigned long number;
    json_reader_t reader = JSON_READER_INIT;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    jsonl_file_t *f = fd < 0 ? NULL : jsonl_open_fd(fd, path, READER_MAX_BYTES, &why);
    int rc;
    if (fd < 0)
        why = strerror(errno);
    if (f == NULL) {
        errorf("cannot open '%s': %s", path, why);
        exit(2);
    }
    while ((rc = jsonl_next_line(f, &line, &len, &number, &why)) == 1) {
        article_t a;
        char *err = NULL;
        if (len == 0)
            continue;
        if (jsonl_parse_record(&reader, line, len, &a, &err) != 0) {
            fprintf(stderr, "# skipped %s:%lu: %s\n", path, number, err ? err : "out of memory");
            free(err);
            continue;
        }
        add_article(docs, &a, a.id, "", input);
        article_free(&a);
    }
    if (rc < 0) {
        errorf("cannot read '%s': %s", path, why);
        exit(2);
    }
    jsonl_close(f);
    json_reader_free(&reader);
}

/* ---------------------------------------------------------- words, truth */

/* Collects a body's folded words' offsets for the truth's shingles. */
typedef struct {
    uint64_t *hashes;          /* each word's FNV-1a 64 */
    size_t count, capacity;
} words_t;

static int collect_word(void *ctx, const token_t *token)
{
    words_t *w = ctx;
    if (w->count == w->capacity) {
        w->capacity = w->capacity ? 2 * w->capacity : 1024;
        w->hashes = xrealloc(w->hashes, w->capacity * sizeof *w->hashes);
    }
    w->hashes[w->count++] = fnv1a64(FNV1A64_INIT, token->word, token->word_len);
    return 0;
}

static void body_words(const doc_t *d, words_t *w)
{
    w->count = 0;
    if (analyzer_tokenize_words(analyzer, d->body, d->body_len, collect_word, w) != 0) {
        errorf("out of memory");
        exit(2);
    }
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The sorted distinct hashes of W's K-word shingles (FNV-1a 64 over the
 * words' hashes, independent of dupsig.c's hashing); *COUNT gets their
 * number.  Malloc'ed. */
static uint64_t *shingle_set(const words_t *w, size_t k, size_t *count)
{
    size_t n = w->count >= k ? w->count - k + 1 : 0, distinct = 0;
    uint64_t *set = xmalloc(n * sizeof *set);
    for (size_t i = 0; i < n; i++)
        set[i] = fnv1a64(FNV1A64_INIT, &w->hashes[i], k * sizeof *w->hashes);
    qsort(set, n, sizeof *set, compare_u64);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || set[i] != set[distinct - 1])
            set[distinct++] = set[i];
    *count = distinct;
    return set;
}

static size_t intersection(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            common++;
            i++;
            j++;
        }
    }
    return common;
}

static double jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t common = intersection(a, na, b, nb);
    return na + nb == 0 ? 0 : (double)common / (double)(na + nb - common);
}

static double truth_jaccard(const doc_t *a, const doc_t *b)
{
    return jaccard(a->shingles, a->shingle_count, b->shingles, b->shingle_count);
}

/* The exact Jaccard of the two bodies' K-word shingle sets. */
static double jaccard_k(const doc_t *a, const doc_t *b, size_t k)
{
    words_t w = { 0 };
    size_t na, nb;
    body_words(a, &w);
    uint64_t *sa = shingle_set(&w, k, &na);
    body_words(b, &w);
    uint64_t *sb = shingle_set(&w, k, &nb);
    double j = jaccard(sa, na, sb, nb);
    free(sa);
    free(sb);
    free(w.hashes);
    return j;
}

static size_t find_root(doc_t *docs, size_t i)
{
    while (docs[i].truth != i) {
        docs[i].truth = docs[docs[i].truth].truth;
        i = docs[i].truth;
    }
    return i;
}

static void join(doc_t *docs, size_t a, size_t b)
{
    a = find_root(docs, a);
    b = find_root(docs, b);
    if (a != b)
        docs[a < b ? b : a].truth = a < b ? a : b;
}

static int same_story(doc_t *docs, size_t a, size_t b)
{
    return find_root(docs, a) == find_root(docs, b);
}

/* ------------------------------------------------------------- id lookup */

typedef struct {
    size_t *slots;             /* doc index + 1; 0 empty */
    size_t capacity;
    const doc_t *docs;
} idmap_t;

static size_t idmap_find(const idmap_t *m, const char *id)
{
    size_t mask = m->capacity - 1;
    for (size_t i = fnv1a64(FNV1A64_INIT, id, strlen(id)) & mask; m->slots[i]; i = (i + 1) & mask)
        if (strcmp(m->docs[m->slots[i] - 1].id, id) == 0)
            return m->slots[i] - 1;
    return SIZE_MAX;
}

static void idmap_build(idmap_t *m, const docs_t *docs)
{
    m->capacity = 1024;
    while (m->capacity < 2 * docs->count)
        m->capacity *= 2;
    m->slots = calloc(m->capacity, sizeof *m->slots);
    m->docs = docs->items;
    if (m->slots == NULL) {
        errorf("out of memory");
        exit(2);
    }
    for (size_t d = 0; d < docs->count; d++) {
        if (idmap_find(m, docs->items[d].id) != SIZE_MAX) {
            errorf("duplicate id '%s'", docs->items[d].id);
            exit(2);
        }
        size_t mask = m->capacity - 1;
        size_t i = fnv1a64(FNV1A64_INIT, docs->items[d].id, strlen(docs->items[d].id)) & mask;
        while (m->slots[i])
            i = (i + 1) & mask;
        m->slots[i] = d + 1;
    }
}

/* The truth: same-story labels, dup_of links, identical bodies. */
static void build_truth(docs_t *docs, const idmap_t *ids)
{
    doc_t *d = docs->items;
    multimap_t bodies = { 0 }, stories = { 0 };
    for (size_t i = 0; i < docs->count; i++)
        d[i].truth = i;
    for (size_t i = 0; i < docs->count; i++) {
        size_t other = d[i].dup_of ? idmap_find(ids, d[i].dup_of) : SIZE_MAX;
        if (other != SIZE_MAX)
            join(d, i, other);
        if (d[i].story)
            multimap_add(&stories, fnv1a64(FNV1A64_INIT, d[i].story, strlen(d[i].story)), i);
        if (d[i].has_sig)
            multimap_add(&bodies, fnv1a64(FNV1A64_INIT, d[i].body, d[i].body_len), i);
    }
    for (size_t i = 0; i < docs->count; i++) {
        const bucket_t *b = d[i].story
            ? multimap_get(&stories, fnv1a64(FNV1A64_INIT, d[i].story, strlen(d[i].story))) : NULL;
        for (size_t k = 0; b && k < b->count; k++)
            if (strcmp(d[b->docs[k]].story, d[i].story) == 0)
                join(d, i, b->docs[k]);
        b = d[i].has_sig ? multimap_get(&bodies, fnv1a64(FNV1A64_INIT, d[i].body, d[i].body_len))
                         : NULL;
        for (size_t k = 0; b && k < b->count; k++)
            if (d[b->docs[k]].body_len == d[i].body_len
                && memcmp(d[b->docs[k]].body, d[i].body, d[i].body_len) == 0)
                join(d, i, b->docs[k]);
    }
    multimap_free(&bodies);
    multimap_free(&stories);
}

/* ------------------------------------------------- all pairs, J5 >= 0.5 */

typedef struct {
    size_t a, b;
    double j5;
} pair_t;

typedef struct {
    pair_t *items;
    size_t count, capacity;
} pairs_t;

static void pairs_add(pairs_t *p, size_t a, size_t b, double j5)
{
    if (p->count == p->capacity) {
        p->capacity = p->capacity ? 2 * p->capacity : 1024;
        p->items = xrealloc(p->items, p->capacity * sizeof *p->items);
    }
    p->items[p->count++] = (pair_t){ a < b ? a : b, a < b ? b : a, j5 };
}

static int compare_pairs(const void *x, const void *y)
{
    const pair_t *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* Frequencies of shingles for the prefix order, rarest first. */
typedef struct {
    uint64_t *hashes;          /* sorted distinct */
    size_t *counts;
    size_t count;
} df_t;

static size_t df_of(const df_t *df, uint64_t h)
{
    size_t lo = 0, hi = df->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (df->hashes[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < df->count && df->hashes[lo] == h ? df->counts[lo] : 0;
}

typedef struct {
    uint64_t hash;
    size_t df;
} ranked_t;

static int compare_ranked(const void *x, const void *y)
{
    const ranked_t *p = x, *q = y;
    if (p->df != q->df)
        return p->df < q->df ? -1 : 1;
    return p->hash < q->hash ? -1 : p->hash > q->hash;
}

/* Every pair of documents whose truth Jaccard is at least TRUTH_JACCARD,
 * exactly: a pair with J >= t shares one of the first n - ceil(t n) + 1
 * shingles of each set in a global order (prefix filtering, Chaudhuri et
 * al. 2006); rarest first keeps the probed lists short. */
static void near_duplicate_pairs(docs_t *docs, pairs_t *out)
{
    doc_t *d = docs->items;
    df_t df = { 0 };
    size_t total = 0;
    for (size_t i = 0; i < docs->count; i++)
        total += d[i].shingle_count;
    uint64_t *all = xmalloc(total * sizeof *all);
    total = 0;
    for (size_t i = 0; i < docs->count; i++) {
        memcpy(all + total, d[i].shingles, d[i].shingle_count * sizeof *all);
        total += d[i].shingle_count;
    }
    qsort(all, total, sizeof *all, compare_u64);
    df.hashes = xmalloc(total * sizeof *df.hashes);
    df.counts = xmalloc(total * sizeof *df.counts);
    for (size_t i = 0; i < total; i++) {
        if (df.count && df.hashes[df.count - 1] == all[i])
            df.counts[df.count - 1]++;
        else {
            df.hashes[df.count] = all[i];
            df.counts[df.count++] = 1;
        }
    }
    free(all);

    multimap_t index = { 0 };
    size_t *seen = xmalloc(docs->count * sizeof *seen);
    for (size_t i = 0; i < docs->count; i++)
        seen[i] = SIZE_MAX;
    for (size_t i = 0; i < docs->count; i++) {
        size_t n = d[i].shingle_count;
        if (n == 0)
            continue;
        ranked_t *r = xmalloc(n * sizeof *r);
        for (size_t k = 0; k < n; k++)
            r[k] = (ranked_t){ d[i].shingles[k], df_of(&df, d[i].shingles[k]) };
        qsort(r, n, sizeof *r, compare_ranked);
        size_t need = (size_t)((double)n * TRUTH_JACCARD + 0.999999);
        size_t prefix = n - need + 1;
        for (size_t k = 0; k < prefix; k++) {
            const bucket_t *b = multimap_get(&index, r[k].hash);
            for (size_t m = 0; b && m < b->count; m++) {
                size_t j = b->docs[m];
                if (seen[j] == i)
                    continue;
                seen[j] = i;
                size_t nj = d[j].shingle_count;
                if ((double)nj < TRUTH_JACCARD * (double)n
                    || (double)n < TRUTH_JACCARD * (double)nj)
                    continue;
                double jac = truth_jaccard(&d[i], &d[j]);
                if (jac >= TRUTH_JACCARD)
                    pairs_add(out, j, i, jac);
            }
        }
        for (size_t k = 0; k < prefix; k++)
            multimap_add(&index, r[k].hash, i);
        free(r);
    }
    free(seen);
    multimap_free(&index);
    free(df.hashes);
    free(df.counts);
}

/* The pairs the truth labels join whose Jaccard is below TRUTH_JACCARD
 * (heavily edited copies), added to OUT with their Jaccard. */
static void labelled_pairs(docs_t *docs, pairs_t *out)
{
    doc_t *d = docs->items;
    multimap_t clusters = { 0 };
    for (size_t i = 0; i < docs->count; i++)
        if (find_root(d, i) != i)
            multimap_add(&clusters, find_root(d, i), i);
    for (size_t i = 0; i < docs->count; i++) {
        if (find_root(d, i) != i)
            continue;
        const bucket_t *b = multimap_get(&clusters, i);
        for (size_t x = 0; b && x < b->count; x++) {
            double j = truth_jaccard(&d[i], &d[b->docs[x]]);
            if (j < TRUTH_JACCARD)
                pairs_add(out, i, b->docs[x], j);
            for (size_t y = x + 1; y < b->count; y++) {
                j = truth_jaccard(&d[b->docs[x]], &d[b->docs[y]]);
                if (j < TRUTH_JACCARD)
                    pairs_add(out, b->docs[x], b->docs[y], j);
            }
        }
    }
    multimap_free(&clusters);
}

/* ----------------------------------------------- the index, in memory */

typedef struct {
    docs_t *docs;
    idmap_t ids;
    multimap_t bands;          /* fnv1a64 of a band key -> documents holding it */
    size_t *stamp, epoch;      /* dedupes one lookup's documents */
    size_t handed;             /* articles handed to dupgroup_found_add() */
} memindex_t;

static uint64_t key_hash(const char *key)
{
    return fnv1a64(FNV1A64_INIT, key, DUPSIG_KEY_LEN);
}

/* Lists the documents holding SIG's band keys: all of them (and says so)
 * when the keys have at most FEW_POSTINGS postings in all, as an indexer
 * reading the posting lists would; else only the leaders, if asked. */
static int find_candidates(void *ctx, const dupsig_t *sig, int leaders_only,
                           dupgroup_found_t *found)
{
    enum { FEW_POSTINGS = 64 };
    memindex_t *m = ctx;
    char key[DUPSIG_KEY_SIZE];
    const bucket_t *lists[DUPSIG_BANDS];
    size_t postings = 0;
    m->epoch++;
    for (unsigned band = 0; band < DUPSIG_BANDS; band++) {
        dupsig_band_key(sig, band, key);
        lists[band] = multimap_get(&m->bands, key_hash(key));
        postings += lists[band] ? lists[band]->count : 0;
    }
    if (postings <= FEW_POSTINGS) {
        leaders_only = 0;
        dupgroup_found_all(found);
    }
    for (unsigned band = 0; band < DUPSIG_BANDS; band++) {
        const bucket_t *b = lists[band];
        for (size_t k = 0; b && k < b->count; k++) {
            const doc_t *d = &m->docs->items[b->docs[k]];
            if (m->stamp[b->docs[k]] == m->epoch || d->group == NULL)
                continue;
            m->stamp[b->docs[k]] = m->epoch;
            if (leaders_only && strcmp(d->group, d->id) != 0)
                continue;
            dupgroup_article_t a = { d->id, d->date, &d->sig, d->group };
            m->handed++;
            if (dupgroup_found_add(found, &a) != 0)
                return -1;
        }
    }
    return 0;
}

static int set_group(void *ctx, const char *id, const char *group)
{
    memindex_t *m = ctx;
    size_t i = idmap_find(&m->ids, id);
    if (i == SIZE_MAX || m->docs->items[i].group == NULL) {
        errorf("set_group for '%s', which is not indexed", id);
        return -1;
    }
    free(m->docs->items[i].group);
    m->docs->items[i].group = xstrdup(group);
    return 0;
}

static void memindex_init(memindex_t *m, docs_t *docs)
{
    char key[DUPSIG_KEY_SIZE];
    memset(m, 0, sizeof *m);
    m->docs = docs;
    idmap_build(&m->ids, docs);
    m->stamp = calloc(docs->count ? docs->count : 1, sizeof *m->stamp);
    if (m->stamp == NULL) {
        errorf("out of memory");
        exit(2);
    }
    for (size_t i = 0; i < docs->count; i++)
        for (unsigned band = 0; docs->items[i].has_sig && band < DUPSIG_BANDS; band++) {
            dupsig_band_key(&docs->items[i].sig, band, key);
            multimap_add(&m->bands, key_hash(key), i);
        }
}

static void memindex_clear_groups(memindex_t *m)
{
    for (size_t i = 0; i < m->docs->count; i++) {
        free(m->docs->items[i].group);
        m->docs->items[i].group = NULL;
    }
}

static dupgroup_article_t article_of(const doc_t *d)
{
    return (dupgroup_article_t){ d->id, d->date, d->has_sig ? &d->sig : NULL, d->group };
}

/* Adds document I: dupgroup_add(), then "stores" it with its group. */
static void index_add(dupgroup_index_t *index, memindex_t *m, size_t i)
{
    doc_t *d = &m->docs->items[i];
    dupgroup_article_t a = article_of(d);
    char *group;
    a.group = NULL;
    if (dupgroup_add(index, &a, &group) != 0) {
        errorf("dupgroup_add('%s') failed", d->id);
        exit(2);
    }
    free(d->group);
    d->group = group;
}

/* Takes document I out of the groups (dupgroup_remove()) while the index
 * still holds it. */
static void ungroup(dupgroup_index_t *index, memindex_t *m, size_t i)
{
    dupgroup_article_t a = article_of(&m->docs->items[i]);
    if (dupgroup_remove(index, &a) != 0) {
        errorf("dupgroup_remove('%s') failed", a.id);
        exit(2);
    }
}

/* Removes document I: out of the groups, then deleted. */
static void index_remove(dupgroup_index_t *index, memindex_t *m, size_t i)
{
    ungroup(index, m, i);
    free(m->docs->items[i].group);
    m->docs->items[i].group = NULL;
}

/* Replaces document I by itself: out of the groups while its old version
 * is still indexed, then added and stored. */
static void index_replace(dupgroup_index_t *index, memindex_t *m, size_t i)
{
    ungroup(index, m, i);
    index_add(index, m, i);
}

static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static const docs_t *sort_docs;

static int compare_by_date(const void *x, const void *y)
{
    const doc_t *a = &sort_docs->items[*(const size_t *)x];
    const doc_t *b = &sort_docs->items[*(const size_t *)y];
    dupgroup_article_t p = article_of(a), q = article_of(b);
    return dupgroup_precedes(&p, &q) ? -1 : dupgroup_precedes(&q, &p) ? 1 : 0;
}

/* The order of documents by (date, id). */
static size_t *date_order(const docs_t *docs)
{
    size_t *order = xmalloc(docs->count * sizeof *order);
    for (size_t i = 0; i < docs->count; i++)
        order[i] = i;
    sort_docs = docs;
    qsort(order, docs->count, sizeof *order, compare_by_date);
    return order;
}

/* Each document's leader (an index), from the grouping state. */
static size_t *snapshot(const memindex_t *m)
{
    size_t *leader = xmalloc(m->docs->count * sizeof *leader);
    for (size_t i = 0; i < m->docs->count; i++)
        leader[i] = m->docs->items[i].group ? idmap_find(&m->ids, m->docs->items[i].group)
                                            : SIZE_MAX;
    return leader;
}

typedef enum { ORDER_INPUT, ORDER_DATE, ORDER_SHUFFLED } order_t;

/* Groups every document in ORDER; ORDER_SHUFFLED adds them in a seeded
 * random order, then removes a tenth and adds them back, and replaces
 * another tenth by themselves.  Returns each document's leader. */
static size_t *group_all(memindex_t *m, dupgroup_index_t *index, order_t order)
{
    size_t n = m->docs->count, *seq;
    memindex_clear_groups(m);
    if (order == ORDER_DATE)
        seq = date_order(m->docs);
    else {
        seq = xmalloc(n * sizeof *seq);
        for (size_t i = 0; i < n; i++)
            seq[i] = i;
    }
    uint64_t state = 20240601;
    if (order == ORDER_SHUFFLED)
        for (size_t i = n; i > 1; i--) {
            size_t k = (size_t)(rng_next(&state) % i), t = seq[i - 1];
            seq[i - 1] = seq[k];
            seq[k] = t;
        }
    for (size_t i = 0; i < n; i++)
        index_add(index, m, seq[i]);
    if (order == ORDER_SHUFFLED) {
        for (size_t i = 0; i < n / 10; i++)
            index_remove(index, m, seq[i]);
        for (size_t i = 0; i < n / 10; i++)
            index_add(index, m, seq[n / 10 - 1 - i]);
        for (size_t i = n / 10; i < n / 5; i++)
            index_replace(index, m, seq[i]);
    }
    free(seq);
    return snapshot(m);
}

/* The rule of dupgroup.h applied directly: documents in (date, id) order,
 * each following the earliest leader before it that shares a band and
 * passes the threshold. */
static size_t *group_by_definition(const memindex_t *m, unsigned min_rows)
{
    size_t n = m->docs->count, *order = date_order(m->docs);
    size_t *rank = xmalloc(n * sizeof *rank), *leader = xmalloc(n * sizeof *leader);
    const doc_t *d = m->docs->items;
    char key[DUPSIG_KEY_SIZE];
    for (size_t i = 0; i < n; i++)
        rank[order[i]] = i;
    for (size_t o = 0; o < n; o++) {
        size_t x = order[o], best = x;
        for (unsigned band = 0; d[x].has_sig && band < DUPSIG_BANDS; band++) {
            dupsig_band_key(&d[x].sig, band, key);
            const bucket_t *b = multimap_get(&m->bands, key_hash(key));
            for (size_t k = 0; b && k < b->count; k++) {
                size_t c = b->docs[k];
                if (rank[c] >= rank[x] || leader[c] != c
                    || !dupsig_share_band(&d[c].sig, &d[x].sig))
                    continue;
                if (rank[c] < rank[best] && dupgroup_similar(&d[c].sig, &d[x].sig, min_rows))
                    best = c;
            }
        }
        leader[x] = best;
    }
    free(order);
    free(rank);
    return leader;
}

static size_t count_differences(const size_t *a, const size_t *b, size_t n)
{
    size_t differ = 0;
    for (size_t i = 0; i < n; i++)
        differ += a[i] != b[i];
    return differ;
}

/* ---------------------------------------------------------------- report */

typedef struct {
    size_t copies, copies_grouped;       /* copy_of */
    size_t near_copies, near_copies_grouped;  /* those with J5 >= 0.5 */
    size_t dups, dups_grouped;           /* dup_of */
    size_t exact_pairs, exact_grouped;   /* identical signed bodies */
    size_t exact_unsigned;               /* identical bodies too short to sign */
    size_t true_pairs, true_grouped;     /* J5 >= 0.5 or labelled */
    size_t grouped_pairs, grouped_true;
    size_t false_with_leader;            /* false pairs of which one is the leader */
    size_t groups, grouped_docs, largest;
} scores_t;

static int is_true_pair(doc_t *d, size_t a, size_t b)
{
    return same_story(d, a, b) || truth_jaccard(&d[a], &d[b]) >= TRUTH_JACCARD;
}

static int pair_sorted_find(const pairs_t *p, size_t a, size_t b)
{
    pair_t key = { a < b ? a : b, a < b ? b : a, 0 };
    return bsearch(&key, p->items, p->count, sizeof key, compare_pairs) != NULL;
}

/* Scores the grouping LEADER against the truth; SHOW > 0 lists up to SHOW
 * missed copies and false pairs. */
static scores_t score(docs_t *docs, const idmap_t *ids, const pairs_t *truth,
                      const size_t *leader, size_t show)
{
    doc_t *d = docs->items;
    size_t n = docs->count, shown_missed = 0, shown_false = 0;
    scores_t s = { 0 };
    multimap_t members = { 0 }, bodies = { 0 };
    for (size_t i = 0; i < n; i++) {
        size_t orig = d[i].copy_of ? idmap_find(ids, d[i].copy_of) : SIZE_MAX;
        size_t first = d[i].dup_of ? idmap_find(ids, d[i].dup_of) : SIZE_MAX;
        if (orig != SIZE_MAX) {
            s.copies++;
            s.copies_grouped += leader[i] == leader[orig];
            if (truth_jaccard(&d[i], &d[orig]) >= TRUTH_JACCARD) {
                s.near_copies++;
                s.near_copies_grouped += leader[i] == leader[orig];
            }
            if (leader[i] != leader[orig] && shown_missed++ < show)
                printf("missed copy: %s (%s, %zu words) of %s: J5 %.3f, estimate %.3f\n",
                       d[i].id, d[i].edits ? d[i].edits : "", d[i].word_count, d[orig].id,
                       truth_jaccard(&d[i], &d[orig]), dupsig_similarity(&d[i].sig, &d[orig].sig));
        }
        if (first != SIZE_MAX) {
            s.dups++;
            s.dups_grouped += leader[i] == leader[first];
            if (leader[i] != leader[first] && shown_missed++ < show)
                printf("missed dup_of: %s (%zu words) of %s\n", d[i].id, d[i].word_count,
                       d[first].id);
        }
        multimap_add(&members, leader[i], i);
        multimap_add(&bodies, fnv1a64(FNV1A64_INIT, d[i].body, d[i].body_len), i);
    }
    for (size_t i = 0; i < n; i++) {
        const bucket_t *b = multimap_get(&bodies, fnv1a64(FNV1A64_INIT, d[i].body, d[i].body_len));
        for (size_t k = 0; b && k < b->count && b->docs[k] < i; k++) {
            size_t j = b->docs[k];
            if (d[j].body_len != d[i].body_len || memcmp(d[j].body, d[i].body, d[i].body_len) != 0)
                continue;
            if (!d[i].has_sig) {
                s.exact_unsigned++;
                continue;
            }
            s.exact_pairs++;
            s.exact_grouped += leader[i] == leader[j];
        }
    }
    for (size_t i = 0; i < truth->count; i++) {
        const pair_t *p = &truth->items[i];
        s.true_pairs++;
        s.true_grouped += leader[p->a] == leader[p->b];
        if (leader[p->a] != leader[p->b] && p->j5 >= TRUTH_JACCARD && shown_missed++ < show)
            printf("missed pair: %s | %s: J5 %.3f, estimate %.3f, words %zu/%zu\n", d[p->a].id,
                   d[p->b].id, p->j5, dupsig_similarity(&d[p->a].sig, &d[p->b].sig),
                   d[p->a].word_count, d[p->b].word_count);
    }
    for (size_t i = 0; i < n; i++) {
        const bucket_t *b = leader[i] == i ? multimap_get(&members, i) : NULL;
        if (b == NULL || b->count < 2)
            continue;
        s.groups++;
        s.grouped_docs += b->count;
        if (b->count > s.largest)
            s.largest = b->count;
        for (size_t x = 0; x < b->count; x++)
            for (size_t y = x + 1; y < b->count; y++) {
                size_t p = b->docs[x], q = b->docs[y];
                int ok = pair_sorted_find(truth, p, q) || is_true_pair(d, p, q);
                s.grouped_pairs++;
                s.grouped_true += ok;
                if (!ok && (p == i || q == i))
                    s.false_with_leader++;
                if (!ok && shown_false++ < show)
                    printf("false pair: %s | %s: J5 %.3f, estimate %.3f, words %zu/%zu\n"
                           "    '%s' | '%s'\n", d[p].id, d[q].id, truth_jaccard(&d[p], &d[q]),
                           dupsig_similarity(&d[p].sig, &d[q].sig), d[p].word_count,
                           d[q].word_count, d[p].title, d[q].title);
            }
    }
    multimap_free(&members);
    multimap_free(&bodies);
    return s;
}

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 100.0;
}

static void print_scores(const char *label, const scores_t *s)
{
    printf("%-10s copies %zu/%zu (%.1f%%; J5 >= 0.5: %.1f%%)  dup_of %zu/%zu (%.1f%%)"
           "  exact %zu/%zu (%.1f%%)  pairs %zu/%zu (%.1f%%)"
           "  precision %zu/%zu (%.2f%%, %zu of the false with the leader)\n",
           label,
           s->copies_grouped, s->copies, share(s->copies_grouped, s->copies),
           share(s->near_copies_grouped, s->near_copies),
           s->dups_grouped, s->dups, share(s->dups_grouped, s->dups),
           s->exact_grouped, s->exact_pairs, share(s->exact_grouped, s->exact_pairs),
           s->true_grouped, s->true_pairs, share(s->true_grouped, s->true_pairs),
           s->grouped_true, s->grouped_pairs, share(s->grouped_true, s->grouped_pairs),
           s->false_with_leader);
}

/* Recall of copies by edit and by the original's length. */
static void report_copies(docs_t *docs, const idmap_t *ids, const size_t *leader)
{
    static const char *edits[] = { "none", "banner", "cut1", "cut2", "words", "update",
                                   "footer", "version" };
    static const size_t lengths[] = { 100, 200, 400, 800, SIZE_MAX };
    size_t n_edit[8] = { 0 }, ok_edit[8] = { 0 }, n_len[5] = { 0 }, ok_len[5] = { 0 };
    doc_t *d = docs->items;
    for (size_t i = 0; i < docs->count; i++) {
        size_t orig = d[i].copy_of ? idmap_find(ids, d[i].copy_of) : SIZE_MAX;
        if (orig == SIZE_MAX)
            continue;
        int ok = leader[i] == leader[orig];
        for (size_t e = 0; e < 8; e++)
            if (d[i].edits && strstr(d[i].edits, edits[e])) {
                n_edit[e]++;
                ok_edit[e] += ok;
            }
        size_t l = 0;
        while (d[orig].word_count >= lengths[l])
            l++;
        n_len[l]++;
        ok_len[l] += ok;
    }
    printf("copies grouped by edit (a copy counts under each of its edits):\n");
    for (size_t e = 0; e < 8; e++)
        if (n_edit[e])
            printf("  %-8s %4zu/%-4zu %.1f%%\n", edits[e], ok_edit[e], n_edit[e],
                   share(ok_edit[e], n_edit[e]));
    printf("copies grouped by the original's length in words:\n");
    for (size_t l = 0; l < 5; l++)
        if (n_len[l])
            printf("  %s%-5zu %4zu/%-4zu %.1f%%\n", l == 4 ? ">=" : "< ",
                   l == 4 ? lengths[3] : lengths[l], ok_len[l], n_len[l],
                   share(ok_len[l], n_len[l]));
}

/* True pairs by Jaccard: how many share a band (LSH candidates), how many
 * are grouped, and the estimate against the exact Jaccard of the
 * signature's own shingles. */
static void report_pairs(docs_t *docs, const pairs_t *truth, const size_t *leader, size_t k)
{
    static const double edges[] = { 0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.01 };
    enum { BINS = 9 };
    size_t n[BINS] = { 0 }, cand[BINS] = { 0 }, grouped[BINS] = { 0 }, measured = 0;
    double error = 0, error_sq = 0, bias = 0;
    doc_t *d = docs->items;
    for (size_t i = 0; i < truth->count; i++) {
        const pair_t *p = &truth->items[i];
        size_t bin = 0;
        while (bin + 1 < BINS && p->j5 >= edges[bin + 1])
            bin++;
        n[bin]++;
        int both = d[p->a].has_sig && d[p->b].has_sig;
        cand[bin] += both && dupsig_share_band(&d[p->a].sig, &d[p->b].sig);
        grouped[bin] += leader[p->a] == leader[p->b];
        if (both && measured < 20000) {
            double exact = jaccard_k(&d[p->a], &d[p->b], k);
            double e = dupsig_similarity(&d[p->a].sig, &d[p->b].sig) - exact;
            error += e < 0 ? -e : e;
            error_sq += e * e;
            bias += e;
            measured++;
        }
    }
    printf("near-duplicate pairs (J5 >= 0.5, or labelled) by J5:\n"
           "  J5 from  pairs  share a band  grouped\n");
    for (size_t b = 0; b < BINS; b++)
        if (n[b])
            printf("  %.1f      %5zu  %5.1f%%        %5.1f%%\n", edges[b], n[b],
                   share(cand[b], n[b]), share(grouped[b], n[b]));
    if (measured)
        printf("estimate - exact %zu-word Jaccard over %zu pairs: mean %+.4f, mean |error| %.4f,"
               " rms %.4f (binomial sd at 0.5: %.4f)\n", k, measured, bias / (double)measured,
               error / (double)measured, sqrt(error_sq / (double)measured),
               0.5 / sqrt((double)DUPSIG_ROWS));
}

/* ------------------------------------------------------ same-topic pairs */

typedef struct {
    size_t a, b;
    double words;              /* Jaccard of the sets of words */
} topic_pair_t;

static int compare_topic(const void *x, const void *y)
{
    const topic_pair_t *p = x, *q = y;
    if (p->words != q->words)
        return p->words > q->words ? -1 : 1;
    return p->a != q->a ? (p->a < q->a ? -1 : 1) : (p->b < q->b ? -1 : p->b > q->b);
}

/* Different stories on one topic: among documents of one category (up to
 * MAX_CATEGORY of them), the pairs that are not near-duplicates (neither
 * labelled nor J5 >= 0.5) with the most words in common.  Reports the TOP
 * most word-similar ones, whether any is grouped, and how many pairs of
 * such stories share a band. */
static void report_topic_pairs(docs_t *docs, const size_t *leader, size_t top)
{
    enum { MAX_CATEGORY = 1200 };
    doc_t *d = docs->items;
    size_t n = docs->count;
    uint64_t **sets = xmalloc(n * sizeof *sets);
    size_t *sizes = xmalloc(n * sizeof *sizes);
    words_t w = { 0 };
    topic_pair_t *best = xmalloc((top + 1) * sizeof *best);
    size_t kept = 0, considered = 0, banded = 0, grouped = 0;
    double max_estimate = 0;
    for (size_t i = 0; i < n; i++) {
        body_words(&d[i], &w);
        sets[i] = shingle_set(&w, 1, &sizes[i]);
    }
    multimap_t categories = { 0 };
    for (size_t i = 0; i < n; i++)
        if (d[i].category && *d[i].category && d[i].has_sig)
            multimap_add(&categories,
                         fnv1a64(FNV1A64_INIT, d[i].category, strlen(d[i].category)), i);
    for (size_t c = 0; c < categories.capacity; c++) {
        const bucket_t *b = &categories.buckets[c];
        if (!b->used || b->count > MAX_CATEGORY)
            continue;
        for (size_t x = 0; x < b->count; x++)
            for (size_t y = x + 1; y < b->count; y++) {
                size_t p = b->docs[x], q = b->docs[y];
                if (strcmp(d[p].category, d[q].category) != 0 || is_true_pair(d, p, q))
                    continue;
                considered++;
                double est = dupsig_similarity(&d[p].sig, &d[q].sig);
                banded += dupsig_share_band(&d[p].sig, &d[q].sig);
                grouped += leader[p] == leader[q];
                if (est > max_estimate)
                    max_estimate = est;
                double words = jaccard(sets[p], sizes[p], sets[q], sizes[q]);
                if (kept < top || words > best[kept - 1].words) {
                    size_t at = kept < top ? kept++ : kept - 1;
                    best[at] = (topic_pair_t){ p, q, words };
                    while (at > 0 && compare_topic(&best[at], &best[at - 1]) < 0) {
                        topic_pair_t t = best[at];
                        best[at] = best[at - 1];
                        best[at - 1] = t;
                        at--;
                    }
                }
            }
    }
    double max_j5 = 0, max_top_estimate = 0;
    size_t top_grouped = 0;
    for (size_t i = 0; i < kept; i++) {
        double j5 = truth_jaccard(&d[best[i].a], &d[best[i].b]);
        double est = dupsig_similarity(&d[best[i].a].sig, &d[best[i].b].sig);
        max_j5 = j5 > max_j5 ? j5 : max_j5;
        max_top_estimate = est > max_top_estimate ? est : max_top_estimate;
        top_grouped += leader[best[i].a] == leader[best[i].b];
    }
    printf("different stories in one category: %zu pairs; %zu share a band, %zu grouped;"
           " highest estimate %.3f\n", considered, banded, grouped, max_estimate);
    if (kept)
        printf("their %zu most word-similar pairs: word Jaccard %.3f to %.3f, J5 at most %.3f,"
               " estimate at most %.3f, %zu grouped\n", kept, best[kept - 1].words,
               best[0].words, max_j5, max_top_estimate, top_grouped);
    for (size_t i = 0; i < kept && i < 10; i++)
        printf("  %.3f words, J5 %.3f, estimate %.3f: %s '%s' | %s '%s'\n", best[i].words,
               truth_jaccard(&d[best[i].a], &d[best[i].b]),
               dupsig_similarity(&d[best[i].a].sig, &d[best[i].b].sig), d[best[i].a].id,
               d[best[i].a].title, d[best[i].b].id, d[best[i].b].title);
    for (size_t i = 0; i < n; i++)
        free(sets[i]);
    free(sets);
    free(sizes);
    free(best);
    free(w.hashes);
    multimap_free(&categories);
}

/* ----------------------------------------------------------------- timing */

static int ignore_token(void *ctx, const token_t *token)
{
    (void)token;
    ++*(size_t *)ctx;
    return 0;
}

/* Each body's paragraphs, as dupsig_builder_add_text() gets them in the
 * indexer: FN(ctx, paragraph, len) for each. */
static void for_paragraphs(const doc_t *d, void (*fn)(void *, const char *, size_t), void *ctx)
{
    const char *p = d->body, *end = d->body + d->body_len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        fn(ctx, p, (size_t)(stop - p));
        p = stop + 1;
    }
}

static void tokenize_only(void *ctx, const char *text, size_t len)
{
    size_t *words = ctx;
    analyzer_tokenize_words(analyzer, text, len, ignore_token, words);
}

static void sign_paragraph(void *ctx, const char *text, size_t len)
{
    if (dupsig_builder_add_text(ctx, text, len) != 0) {
        errorf("out of memory");
        exit(2);
    }
}

/* The CPU time of tokenizing the bodies alone, of their signatures (words
 * included), and of their band keys: the best of REPEAT passes each. */
static void report_timing(docs_t *docs, dupsig_builder_t *builder, int repeat)
{
    double best[3] = { 1e30, 1e30, 1e30 }, bytes = 0;
    size_t words = 0, signed_docs = 0;
    char key[DUPSIG_KEY_SIZE];
    for (size_t i = 0; i < docs->count; i++)
        bytes += (double)docs->items[i].body_len;
    for (int r = 0; r < repeat; r++) {
        double t0 = cpu_seconds();
        words = 0;
        for (size_t i = 0; i < docs->count; i++)
            for_paragraphs(&docs->items[i], tokenize_only, &words);
        double t1 = cpu_seconds();
        signed_docs = 0;
        for (size_t i = 0; i < docs->count; i++) {
            dupsig_t sig;
            dupsig_builder_reset(builder);
            for_paragraphs(&docs->items[i], sign_paragraph, builder);
            signed_docs += dupsig_builder_finish(builder, &sig);
        }
        double t2 = cpu_seconds();
        for (size_t i = 0; i < docs->count; i++)
            for (unsigned band = 0; docs->items[i].has_sig && band < DUPSIG_BANDS; band++)
                dupsig_band_key(&docs->items[i].sig, band, key);
        double t3 = cpu_seconds();
        double t[3] = { t1 - t0, t2 - t1, t3 - t2 };
        for (int k = 0; k < 3; k++)
            best[k] = t[k] < best[k] ? t[k] : best[k];
    }
    double mb = bytes / 1e6, n = (double)docs->count;
    printf("timing: %zu bodies, %.2f MB, %zu words, %zu signed; best of %d passes (CPU)\n",
           docs->count, mb, words, signed_docs, repeat);
    printf("  tokenizing alone     %7.3f s  %6.2f us/doc  %6.1f ms/MB\n", best[0],
           1e6 * best[0] / n, 1e3 * best[0] / mb);
    printf("  signature (with it)  %7.3f s  %6.2f us/doc  %6.1f ms/MB\n", best[1],
           1e6 * best[1] / n, 1e3 * best[1] / mb);
    printf("  signature - tokens   %7.3f s  %6.2f us/doc  %6.1f ms/MB\n", best[1] - best[0],
           1e6 * (best[1] - best[0]) / n, 1e3 * (best[1] - best[0]) / mb);
    printf("  band keys            %7.3f s  %6.2f us/doc\n", best[2], 1e6 * best[2] / n);
}

/* ----------------------------------------------------------------- Xapian */

/* What the measurement writes: the slots are this experiment's, not the
 * schema's (common/schema.h leaves them to the indexer). */
#define XAPIAN_SLOT_ID 4
#define XAPIAN_SLOT_SIG 8
#define XAPIAN_SLOT_GROUP 9

static void xapian_fail(const char *what, xs_status_t st, xs_db_t *db, char *errmsg)
{
    errorf("%s: %s", what, errmsg ? errmsg : db ? xs_db_last_error(db) : xs_status_to_string(st));
    exit(2);
}

/* The bytes of the files in directory PATH. */
static double directory_bytes(const char *path)
{
    DIR *dir = opendir(path);
    struct dirent *e;
    double bytes = 0;
    if (dir == NULL)
        return 0;
    while ((e = readdir(dir)) != NULL) {
        buf_t file = BUF_INIT;
        struct stat st;
        buf_printf(&file, "%s/%s", path, e->d_name);
        if (e->d_name[0] != '.' && stat(file.data, &st) == 0 && S_ISREG(st.st_mode))
            bytes += (double)st.st_size;
        buf_free(&file);
    }
    closedir(dir);
    return bytes;
}

/* Writes the index PATH: each document's id term and id value, and with
 * WITH_DUP its band terms, signature and group values; then compacts it to
 * PATH.compact.  Returns the compacted bytes. */
static double write_index(const docs_t *docs, const char *path, int with_dup)
{
    xs_db_t *db = NULL;
    char *errmsg = NULL;
    xs_status_t st = xs_db_open_write(path, 0, &db, &errmsg);
    if (st != XS_OK)
        xapian_fail(path, st, NULL, errmsg);
    for (size_t i = 0; i < docs->count; i++) {
        const doc_t *d = &docs->items[i];
        xs_doc_t *doc = NULL;
        buf_t idterm = BUF_INIT;
        buf_printf(&idterm, "Q%s", d->id);
        if (xs_doc_new(&doc) != XS_OK || xs_doc_add_term(doc, idterm.data, idterm.len, 0) != XS_OK
            || xs_doc_set_value(doc, XAPIAN_SLOT_ID, d->id, strlen(d->id)) != XS_OK)
            xapian_fail("document", XS_NO_MEMORY, NULL, NULL);
        if (with_dup && d->has_sig) {
            unsigned char bytes[DUPSIG_BYTES];
            char key[DUPSIG_KEY_SIZE];
            dupsig_encode(&d->sig, bytes);
            for (unsigned band = 0; band < DUPSIG_BANDS; band++) {
                dupsig_band_key(&d->sig, band, key);
                if (xs_doc_add_term(doc, key, DUPSIG_KEY_LEN, 0) != XS_OK)
                    xapian_fail("document", XS_NO_MEMORY, NULL, NULL);
            }
            if (xs_doc_set_value(doc, XAPIAN_SLOT_SIG, (const char *)bytes, sizeof bytes) != XS_OK
                || xs_doc_set_value(doc, XAPIAN_SLOT_GROUP, d->group, strlen(d->group)) != XS_OK)
                xapian_fail("document", XS_NO_MEMORY, NULL, NULL);
        }
        if ((st = xs_db_replace_document(db, idterm.data, idterm.len, doc, NULL)) != XS_OK)
            xapian_fail(path, st, db, NULL);
        xs_doc_destroy(doc);
        buf_free(&idterm);
    }
    if ((st = xs_db_commit(db)) != XS_OK)
        xapian_fail(path, st, db, NULL);
    xs_db_close(db);
    buf_t compact = BUF_INIT;
    buf_printf(&compact, "%s.compact", path);
    const char *sources[] = { path };
    if ((st = xs_db_compact(sources, 1, compact.data, &errmsg)) != XS_OK)
        xapian_fail(compact.data, st, NULL, errmsg);
    double bytes = directory_bytes(compact.data);
    buf_free(&compact);
    return bytes;
}

/* Runs every signed document's band lookup (its DUPSIG_BANDS keys OR-ed,
 * boolean, with the values the grouping reads) on the index PATH. */
static void time_lookups(const docs_t *docs, const char *path)
{
    xs_db_t *db = NULL;
    char *errmsg = NULL;
    xs_search_options_t opts;
    size_t lookups = 0, found = 0;
    xs_status_t st = xs_db_open_read(path, &db, &errmsg);
    if (st != XS_OK)
        xapian_fail(path, st, NULL, errmsg);
    xs_search_options_init(&opts);
    opts.limit = 1000;
    double t0 = cpu_seconds();
    for (size_t i = 0; i < docs->count; i++) {
        const doc_t *d = &docs->items[i];
        xs_query_t *terms[DUPSIG_BANDS], *any = NULL, *boolean = NULL;
        xs_results_t *r = NULL;
        char key[DUPSIG_KEY_SIZE];
        if (!d->has_sig)
            continue;
        for (unsigned band = 0; band < DUPSIG_BANDS; band++) {
            dupsig_band_key(&d->sig, band, key);
            if (xs_query_term(key, DUPSIG_KEY_LEN, 1, 0, &terms[band]) != XS_OK)
                xapian_fail("query", XS_NO_MEMORY, NULL, NULL);
        }
        if (xs_query_combine(XS_OP_OR, (const xs_query_t *const *)terms, DUPSIG_BANDS, 0, &any)
                != XS_OK || xs_query_scale(any, 0, &boolean) != XS_OK)
            xapian_fail("query", XS_NO_MEMORY, NULL, NULL);
        if ((st = xs_db_search(db, boolean, &opts, &r)) != XS_OK)
            xapian_fail(path, st, db, NULL);
        for (size_t k = 0; k < xs_results_size(r); k++) {
            size_t len;
            xs_results_value(r, k, XAPIAN_SLOT_SIG, &len);
            found += len == DUPSIG_BYTES;
        }
        lookups++;
        xs_results_destroy(r);
        xs_query_destroy(boolean);
        xs_query_destroy(any);
        for (unsigned band = 0; band < DUPSIG_BANDS; band++)
            xs_query_destroy(terms[band]);
    }
    double t = cpu_seconds() - t0;
    printf("xapian: %zu band lookups as a search (OR of %d boolean terms, values read): %.1f us"
           " each (CPU), %.2f articles found each (itself included)\n", lookups, DUPSIG_BANDS,
           lookups ? 1e6 * t / (double)lookups : 0.0,
           lookups ? (double)found / (double)lookups : 0.0);

    /* A lower bound for reading the band terms' posting lists directly:
     * each term's first posting and that document's signature value. */
    t0 = cpu_seconds();
    found = 0;
    for (size_t i = 0; i < docs->count; i++) {
        char key[DUPSIG_KEY_SIZE];
        for (unsigned band = 0; docs->items[i].has_sig && band < DUPSIG_BANDS; band++) {
            unsigned docid;
            char *value = NULL;
            size_t len;
            dupsig_band_key(&docs->items[i].sig, band, key);
            if (xs_db_find_unique(db, key, DUPSIG_KEY_LEN, &docid) != XS_OK)
                continue;
            if (xs_db_document_value(db, docid, XAPIAN_SLOT_SIG, &value, &len) == XS_OK)
                found += len == DUPSIG_BYTES;
            xs_free(value);
        }
    }
    t = cpu_seconds() - t0;
    printf("xapian: the same as %d first postings and a value each: %.1f us a lookup (CPU)\n",
           DUPSIG_BANDS, lookups ? 1e6 * t / (double)lookups : 0.0);
    xs_db_close(db);
}

/* The index space the grouping costs, and its lookup time, under DIR
 * (which must not hold the indexes yet). */
static void report_xapian(const docs_t *docs, const char *dir)
{
    buf_t plain = BUF_INIT, dup = BUF_INIT;
    buf_printf(&plain, "%s/plain", dir);
    buf_printf(&dup, "%s/dup", dir);
    double without = write_index(docs, plain.data, 0), with = write_index(docs, dup.data, 1);
    printf("xapian: compacted index of id terms and values: %.0f bytes; with %d band terms,"
           " the signature and the group value: %.0f bytes: %.0f bytes an article\n",
           without, DUPSIG_BANDS, with, (with - without) / (double)docs->count);
    buf_printf(&dup, ".compact");
    time_lookups(docs, dup.data);
    buf_free(&plain);
    buf_free(&dup);
}

/* ------------------------------------------------------------------- main */

static void usage(void)
{
    printf("Usage: trawl-dup-eval [OPTION]... INPUT...\n"
           "Measures near-duplicate grouping over directories of pages and JSON Lines files.\n"
           "  --rows N         threshold: equal signature rows of %d (default %d)\n"
           "  --shingle K      words per shingle (default %d)\n"
           "  --sweep N,N,...  also score these thresholds\n"
           "  --timing R       CPU time of the signatures, best of R passes\n"
           "  --topic-pairs N  the N most word-similar pairs of different stories\n"
           "  --show N         list up to N missed copies and false pairs\n"
           "  --no-orders      skip the check that other orders give the same groups\n"
           "  --xapian DIR     index space and lookup time in Xapian indexes under DIR\n",
           DUPSIG_ROWS, DUPGROUP_MIN_EQUAL_ROWS, DUPSIG_SHINGLE_WORDS);
}

static unsigned long number_arg(const char *s, const char *option)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end)
        usagef("%s: not a number: '%s'", option, s);
    return v;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        { "rows", required_argument, NULL, 'r' },
        { "shingle", required_argument, NULL, 'k' },
        { "sweep", required_argument, NULL, 's' },
        { "timing", required_argument, NULL, 't' },
        { "topic-pairs", required_argument, NULL, 'p' },
        { "show", required_argument, NULL, 'v' },
        { "no-orders", no_argument, NULL, 'n' },
        { "xapian", required_argument, NULL, 'x' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    unsigned rows = DUPGROUP_MIN_EQUAL_ROWS, shingle = DUPSIG_SHINGLE_WORDS;
    const char *sweep = NULL, *xapian_dir = NULL;
    int timing = 0, orders = 1, c;
    size_t topic = 0, show = 0;
    char *errmsg = NULL;

    msg_init(argv[0]);
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'r': rows = (unsigned)number_arg(optarg, "--rows"); break;
        case 'k': shingle = (unsigned)number_arg(optarg, "--shingle"); break;
        case 's': sweep = optarg; break;
        case 't': timing = (int)number_arg(optarg, "--timing"); break;
        case 'p': topic = number_arg(optarg, "--topic-pairs"); break;
        case 'v': show = number_arg(optarg, "--show"); break;
        case 'n': orders = 0; break;
        case 'x': xapian_dir = optarg; break;
        case 'h': usage(); return 0;
        default: usagef("unknown option");
        }
    }
    if (optind == argc)
        usagef("no input");
    if (rows < 1 || rows > DUPSIG_ROWS)
        usagef("--rows: 1 to %d", DUPSIG_ROWS);
    if ((analyzer = analyzer_new(NULL, &errmsg)) == NULL) {
        errorf("%s", errmsg ? errmsg : "out of memory");
        return 2;
    }
    dupsig_builder_t *builder = dupsig_builder_new(analyzer);
    if (builder == NULL || dupsig_builder_set_shingle_words(builder, shingle) != 0)
        usagef("--shingle: 1 to %d", DUPSIG_MAX_SHINGLE_WORDS);

    docs_t docs = { 0 };
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            load_directory(&docs, argv[i], (size_t)(i - optind));
        else
            load_jsonl(&docs, argv[i], (size_t)(i - optind));
    }

    double t0 = cpu_seconds();
    words_t w = { 0 };
    size_t signed_docs = 0, short_docs = 0, empty_docs = 0;
    for (size_t i = 0; i < docs.count; i++) {
        doc_t *d = &docs.items[i];
        body_words(d, &w);
        d->word_count = w.count;
        d->shingles = shingle_set(&w, TRUTH_SHINGLE_WORDS, &d->shingle_count);
        dupsig_builder_reset(builder);
        for_paragraphs(d, sign_paragraph, builder);
        d->has_sig = dupsig_builder_finish(builder, &d->sig);
        signed_docs += d->has_sig;
        empty_docs += w.count == 0;
        short_docs += !d->has_sig && w.count > 0;
    }
    free(w.hashes);
    printf("articles: %zu (%zu signed, %zu with 1 to %d words, %zu without words);"
           " shingle %u words,"
           " threshold %u/%d rows\n", docs.count, signed_docs, short_docs, DUPSIG_MIN_WORDS - 1,
           empty_docs, shingle, rows, DUPSIG_ROWS);

    memindex_t m;
    memindex_init(&m, &docs);
    build_truth(&docs, &m.ids);
    pairs_t truth = { 0 };
    near_duplicate_pairs(&docs, &truth);
    size_t by_jaccard = truth.count;
    labelled_pairs(&docs, &truth);
    qsort(truth.items, truth.count, sizeof *truth.items, compare_pairs);
    size_t unique = 0;
    for (size_t i = 0; i < truth.count; i++)
        if (unique == 0 || compare_pairs(&truth.items[i], &truth.items[unique - 1]) != 0)
            truth.items[unique++] = truth.items[i];
    truth.count = unique;
    printf("truth: %zu near-duplicate pairs (%zu with J5 >= 0.5, %zu labelled only); %.1f s\n",
           truth.count, by_jaccard, truth.count - by_jaccard, cpu_seconds() - t0);

    dupgroup_index_t index = { find_candidates, set_group, &m, rows, 0, 0, 0 };
    double t_group = cpu_seconds();
    size_t *leader = group_all(&m, &index, ORDER_INPUT);
    t_group = cpu_seconds() - t_group;
    size_t adds = docs.count;
    printf("grouping in input order: %.2f lookups, %.2f articles examined, %.3f regrouped,"
           " %.2f candidates handed over per added article; %.1f us CPU an article (in memory)\n",
           (double)index.lookups / (double)adds, (double)index.examined / (double)adds,
           (double)index.regrouped / (double)adds, (double)m.handed / (double)adds,
           1e6 * t_group / (double)adds);
    scores_t s = score(&docs, &m.ids, &truth, leader, show);
    printf("groups: %zu of 2 or more articles, holding %zu; the largest %zu\n", s.groups,
           s.grouped_docs, s.largest);
    printf("identical bodies too short to sign (never grouped): %zu pairs\n", s.exact_unsigned);
    print_scores("scores:", &s);
    report_copies(&docs, &m.ids, leader);
    report_pairs(&docs, &truth, leader, shingle);

    if (orders) {
        size_t *reference = group_by_definition(&m, rows);
        dupgroup_index_t date_index = { find_candidates, set_group, &m, rows, 0, 0, 0 };
        m.handed = 0;
        size_t *by_date = group_all(&m, &date_index, ORDER_DATE);
        printf("grouping in date order: %.2f lookups, %.2f examined, %.3f regrouped per article\n",
               (double)date_index.lookups / (double)adds,
               (double)date_index.examined / (double)adds,
               (double)date_index.regrouped / (double)adds);
        dupgroup_index_t shuffled_index = { find_candidates, set_group, &m, rows, 0, 0, 0 };
        size_t *shuffled = group_all(&m, &shuffled_index, ORDER_SHUFFLED);
        printf("same groups: input order vs the rule applied directly: %zu articles differ;"
               " date order: %zu; shuffled with removals and replacements: %zu\n",
               count_differences(leader, reference, docs.count),
               count_differences(by_date, reference, docs.count),
               count_differences(shuffled, reference, docs.count));
        free(reference);
        free(by_date);
        free(shuffled);
    }

    for (const char *p = sweep; p && *p;) {
        char *end;
        unsigned long r = strtoul(p, &end, 10);
        if (end == p || r < 1 || r > DUPSIG_ROWS)
            usagef("--sweep: numbers 1 to %d separated by commas", DUPSIG_ROWS);
        dupgroup_index_t sweep_index = { find_candidates, set_group, &m, (unsigned)r, 0, 0, 0 };
        size_t *l = group_all(&m, &sweep_index, ORDER_INPUT);
        scores_t t = score(&docs, &m.ids, &truth, l, 0);
        char label[32];
        snprintf(label, sizeof label, "rows %lu:", r);
        print_scores(label, &t);
        free(l);
        p = *end == ',' ? end + 1 : end;
    }
    if (topic)
        report_topic_pairs(&docs, leader, topic);
    if (xapian_dir) {
        memindex_clear_groups(&m);
        free(group_all(&m, &index, ORDER_INPUT));
        report_xapian(&docs, xapian_dir);
    }
    if (timing)
        report_timing(&docs, builder, timing);

    free(leader);
    free(truth.items);
    memindex_clear_groups(&m);
    multimap_free(&m.bands);
    free(m.ids.slots);
    free(m.stamp);
    for (size_t i = 0; i < docs.count; i++) {
        doc_t *d = &docs.items[i];
        free(d->id); free(d->title); free(d->category); free(d->story); free(d->copy_of);
        free(d->dup_of); free(d->edits); free(d->body); free(d->shingles);
    }
    free(docs.items);
    dupsig_builder_free(builder);
    analyzer_free(analyzer);
    return 0;
}
