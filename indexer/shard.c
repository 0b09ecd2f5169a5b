/* shard.c: find or create the layout of a sharded index (shard.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "msg.h"
#include "shard.h"

/* The stub's first line; the shard lines follow, in order. */
#define STUB_HEADER "# trawl-index --shards: the shards of this index, in order; do not edit\n"

/* Reads the stub at PATH and counts its shards into *COUNT.  The stub must
 * be as write_stub() writes it, apart from comment lines: "auto
 * shard-1" to "auto shard-N", in order.  Returns 0, or -1 after reporting
 * (unreadable, or not written by trawl-index). */
static int read_stub(const char *path, size_t *count)
{
    FILE *f = fopen(path, "r");
    char line[256], expected[64];
    size_t n = 0;
    if (f == NULL) {
        errorf("cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == '#')
            continue;
        snprintf(expected, sizeof expected, "auto shard-%zu\n", n + 1);
        if (strcmp(line, expected) != 0 || n == SHARDS_MAX) {
            errorf("'%s' does not list trawl's shards: line '%.*s' is not '%.*s'", path,
                   (int)strcspn(line, "\n"), line, (int)strcspn(expected, "\n"), expected);
            detailf("it is written by trawl-index --shards; keep stubs of your own "
                    "(remote shards) in another file");
            fclose(f);
            return -1;
        }
        n++;
    }
    fclose(f);
    if (n == 0) {
        errorf("'%s' lists no shards", path);
        return -1;
    }
    *count = n;
    return 0;
}

/* Writes HEADER then LINES (each ending in '\n') to PATH, through a
 * temporary file renamed over it, so a reader never sees half a list.
 * Returns 0, or -1 after reporting. */
static int write_stub_text(const char *path, const char *header, const buf_t *lines)
{
    buf_t tmp = BUF_INIT;
    FILE *f;
    int rc = -1;
    buf_printf(&tmp, "%s.tmp", path);
    if (tmp.failed || lines->failed) {
        errorf("out of memory");
        buf_free(&tmp);
        return -1;
    }
    if ((f = fopen(tmp.data, "w")) == NULL) {
        errorf("cannot write '%s': %s", tmp.data, strerror(errno));
        buf_free(&tmp);
        return -1;
    }
    fputs(header, f);
    fwrite(lines->data, 1, lines->len, f);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0 || ferror(f))
        errorf("cannot write '%s': %s", tmp.data, strerror(errno));
    else if (rename(tmp.data, path) != 0)
        errorf("cannot rename '%s' to '%s': %s", tmp.data, path, strerror(errno));
    else
        rc = 0;
    fclose(f);
    if (rc != 0)
        unlink(tmp.data);
    buf_free(&tmp);
    return rc;
}

/* Writes the stub of a sharded index's COUNT shards to PATH. */
static int write_stub(const char *path, size_t count)
{
    buf_t lines = BUF_INIT;
    for (size_t i = 1; i <= count; i++)
        buf_printf(&lines, "auto shard-%zu\n", i);
    int rc = write_stub_text(path, STUB_HEADER, &lines);
    buf_free(&lines);
    return rc;
}

/* Non-zero if S is HOST:PORT (a name or an address, or [IPv6]:PORT; PORT
 * 1 to 65535). */
static int is_host_port(const char *s)
{
    const char *colon = strrchr(s, ':');
    char *end;
    if (colon == NULL || colon == s || strchr(s, '/') != NULL)
        return 0;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (colon[1] < '0' || colon[1] > '9' || *end != '\0' || port < 1 || port > 65535)
        return 0;
    /* An IPv6 address is bracketed; other names hold no second colon. */
    if (s[0] == '[')
        return colon[-1] == ']';
    return memchr(s, ':', (size_t)(colon - s)) == NULL;
}

int shard_write_stub(const char *file, char *const *shards, size_t count)
{
    buf_t lines = BUF_INIT;
    char real[PATH_MAX];
    struct stat st;
    int rc = -1;

    for (size_t i = 0; i < count; i++) {
        if (stat(shards[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            /* Xapian reads a relative path from the stub's directory: an
             * absolute one works wherever the stub is. */
            if (realpath(shards[i], real) == NULL) {
                errorf("cannot use the shard '%s': %s", shards[i], strerror(errno));
                goto done;
            }
            buf_printf(&lines, "auto %s\n", real);
        } else if (is_host_port(shards[i]))
            buf_printf(&lines, "remote %s\n", shards[i]);
        else {
            errorf("the shard '%s' is neither HOST:PORT (an xapian-tcpsrv) nor a directory",
                   shards[i]);
            goto done;
        }
    }
    rc = write_stub_text(file, "# written by trawl-index --write-stub: trawl-search --db THIS-FILE "
                               "searches these shards as one index\n", &lines);
done:
    buf_free(&lines);
    return rc;
}

/* Non-zero if DIR holds a Xapian database of its own (not a stub). */
static int is_single_index(const char *dir)
{
    static const char *const markers[] = { "iamglass", "iamchert", "iamhoney" };
    buf_t p = BUF_INIT;
    int found = 0;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0] && !found; i++) {
        buf_reset(&p);
        buf_printf(&p, "%s/%s", dir, markers[i]);
        found = !p.failed && access(p.data, F_OK) == 0;
    }
    buf_free(&p);
    return found;
}

int shard_layout(const char *db_dir, unsigned requested, shard_layout_t *layout)
{
    buf_t stub = BUF_INIT;
    size_t count = 0;
    int rc = -1;

    layout->paths = NULL;
    layout->count = 0;
    buf_printf(&stub, "%s/%s", db_dir, SHARD_STUB_NAME);
    if (stub.failed) {
        errorf("out of memory");
        return -1;
    }
    if (access(stub.data, F_OK) == 0) {
        if (read_stub(stub.data, &count) != 0)
            goto done;
        if (requested && requested != count) {
            errorf("the index '%s' has %zu shards, not %u", db_dir, count, requested);
            detailf("a document's shard depends on the count: re-index into a new --db "
                    "to change it");
            goto done;
        }
    } else if (requested) {
        if (is_single_index(db_dir)) {
            errorf("the index '%s' is a single index, not %u shards", db_dir, requested);
            detailf("re-index into a new --db to shard it");
            goto done;
        }
        if (mkdir(db_dir, 0777) != 0 && errno != EEXIST) {
            errorf("cannot create the index directory '%s': %s", db_dir, strerror(errno));
            goto done;
        }
        count = requested;
        if (write_stub(stub.data, count) != 0)
            goto done;
    }
    if (count && (layout->paths = calloc(count, sizeof *layout->paths)) == NULL) {
        errorf("out of memory");
        goto done;
    }
    for (size_t i = 0; i < count; i++) {
        buf_t p = BUF_INIT;
        buf_printf(&p, "%s/shard-%zu", db_dir, i + 1);
        if ((layout->paths[i] = buf_detach(&p)) == NULL) {
            errorf("out of memory");
            layout->count = i;
            shard_layout_free(layout);
            goto done;
        }
    }
    layout->count = count;
    rc = 0;
done:
    buf_free(&stub);
    return rc;
}

void shard_layout_free(shard_layout_t *layout)
{
    for (size_t i = 0; i < layout->count; i++)
        free(layout->paths[i]);
    free(layout->paths);
    layout->paths = NULL;
    layout->count = 0;
}
