/* parts.c: trawl-index --jobs: build a new index in parts, in parallel.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Xapian's writer uses one core, and its cost per document grows with the
 * index it adds to.  So --jobs N forks N processes, each building the
 * articles whose id hashes to it into an index of its own (DB.part-1 ...),
 * and merges the parts with Xapian's compaction, which is linear and packs
 * the result tightly (doc/benchmarks.md, "Indexing").  Every part reads
 * every file and keeps its share: parsing is cheap beside Xapian's work, and
 * a duplicate id meets its first holder in the same part, so the parts
 * never disagree.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "build.h"
#include "groups.h"
#include "known.h"
#include "reader.h"
#include "msg.h"
#include "walk.h"
#include "xs.h"

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

/* A file of many records may be skipped by the next run only if every
 * part indexed all its records: its mark in MERGED (the compaction kept
 * the first part's) is set only when all PARTS have it.  Returns 0 or -1. */
static int merge_file_marks(xs_db_t *merged, xs_db_t *const *parts, size_t part_count,
                           const walk_list_t *lists, size_t count)
{
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < lists[i].count; k++) {
            const walk_file_t *f = &lists[i].files[k];
            int everywhere = 1;
            if (!f->reader->many)
                continue;
            for (size_t p = 0; p < part_count && everywhere; p++)
                everywhere = known_file_marked(parts[p], lists[i].root, f->relpath, f->size,
                                               f->mtime_ns);
            if (known_mark_file(merged, lists[i].root, f->relpath, f->size, f->mtime_ns,
                                !everywhere) != 0)
                return -1;
        }
    return 0;
}

typedef struct {
    pid_t pid;
    int stats_fd;          /* read end of the pipe the part's counts come through */
    char *path;            /* DB.part-K */
} part_t;

/* In the child: builds part K and exits with its counts written to FD. */
static void run_part(const build_options_t *opts, const part_t *part, unsigned k,
                     root_table_t *roots, const walk_list_t *lists, size_t count, int fd)
{
    build_options_t part_opts = *opts;
    build_stats_t stats = { 0 };
    int rc;

    part_opts.db_path = part->path;
    part_opts.part_index = k;
    part_opts.part_count = opts->jobs;
    part_opts.progress = 0;
    part_opts.jobs = 1;
    rc = build_index_lists(&part_opts, roots, lists, count, &stats);
    /* A few bytes: never blocks on the pipe. */
    if (write(fd, &stats, sizeof stats) != (ssize_t)sizeof stats)
        rc = -1;
    /* _exit: the parent's open index and stdio buffers are not ours. */
    _exit(rc == 0 ? 0 : 2);
}

/* Passes a stop signal on to the parts still running: a signal for this
 * process alone (kill PID) must stop them too.  From a terminal they had
 * it already, and a second one would kill them (build.h): hence once. */
static void pass_on_stop(const part_t *parts, unsigned jobs, int *passed_on)
{
    if (!build_stop_signal || *passed_on)
        return;
    for (unsigned k = 0; k < jobs; k++)
        if (parts[k].pid > 0)
            kill(parts[k].pid, build_stop_signal);
    *passed_on = 1;
}

/* Waits for each part (by its pid: Xapian may have children of its own)
 * and adds up their counts.  Returns the number of parts that failed. */
static unsigned wait_parts(part_t *parts, unsigned jobs, build_stats_t *stats)
{
    unsigned failed = 0;
    int passed_on = 0;

    for (unsigned k = 0; k < jobs; k++) {
        build_stats_t got;
        int status = 0;
        pid_t pid;
        while ((pid = waitpid(parts[k].pid, &status, 0)) < 0 && errno == EINTR)
            pass_on_stop(parts, jobs, &passed_on);
        parts[k].pid = 0;
        if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0
            || read(parts[k].stats_fd, &got, sizeof got) != (ssize_t)sizeof got) {
            if (pid > 0 && WIFSIGNALED(status))
                errorf("part %u of the index was stopped by signal %d", k + 1,
                       WTERMSIG(status));
            failed++;
            continue;
        }
        build_stats_add(stats, &got);
    }
    return failed;
}

/* The parts could not see one another's articles: their near-duplicate
 * groups are worked out now, over all of them read as one index, and
 * fixed in the parts themselves.  Before the merge, because the merge
 * packs every block full and a retag after it would split the blocks it
 * touched (BBC News: 167 articles retagged made the index 12% larger, or
 * cost one more compaction).  Returns 0, or -1 (reported). */
static int regroup_parts(const part_t *parts, unsigned jobs)
{
    const char **paths = calloc(jobs, sizeof *paths);
    xs_db_t **writers = calloc(jobs, sizeof *writers), *all = NULL;
    char *errmsg = NULL;
    unsigned k = 0;
    int rc = -1;

    if (paths == NULL || writers == NULL) {
        errorf("out of memory");
        goto done;
    }
    for (k = 0; k < jobs; k++)
        paths[k] = parts[k].path;
    xs_status_t st = xs_db_open_read_many(paths, jobs, &all, &errmsg);
    for (k = 0; st == XS_OK && k < jobs; k++) {
        xs_free(errmsg);
        errmsg = NULL;
        st = xs_db_open_write(parts[k].path, 0, &writers[k], &errmsg);
    }
    if (st != XS_OK) {
        errorf("cannot open the parts of the index: %s", errmsg ? errmsg : xs_status_to_string(st));
        goto done;
    }
    if (groups_rebuild(all, writers, jobs, NULL) != 0) {
        /* Reading or writing failed, or memory ran out: say which. */
        const char *why = xs_db_last_error(all);
        for (k = 0; !*why && k < jobs; k++)
            why = xs_db_last_error(writers[k]);
        errorf("cannot regroup the parts of the index: %s", *why ? why : "out of memory");
        goto done;
    }
    for (k = 0; k < jobs; k++)
        if (xs_db_commit(writers[k]) != XS_OK) {
            errorf("cannot write to the part '%s': %s", parts[k].path,
                   xs_db_last_error(writers[k]));
            goto done;
        }
    rc = 0;
done:
    for (k = 0; writers && k < jobs; k++)
        xs_db_close(writers[k]);
    xs_db_close(all);
    free(writers);
    free(paths);
    xs_free(errmsg);
    return rc;
}

/* Merges the parts into opts->db_path and marks the JSON Lines files they
 * all indexed whole.  Returns 0, or -1 (reported). */
static int merge_parts(const build_options_t *opts, const part_t *parts, unsigned jobs,
                       const walk_list_t *lists, size_t count)
{
    const char **sources = calloc(jobs, sizeof *sources);
    xs_db_t **readers = calloc(jobs, sizeof *readers), *merged = NULL;
    char *errmsg = NULL;
    int rc = -1;

    if (sources == NULL || readers == NULL) {
        errorf("out of memory");
        goto done;
    }
    if (regroup_parts(parts, jobs) != 0)
        goto done;
    for (unsigned k = 0; k < jobs; k++)
        sources[k] = parts[k].path;
    xs_status_t st = xs_db_compact(sources, jobs, opts->db_path, &errmsg);
    if (st != XS_OK) {
        errorf("cannot merge the parts of the index into '%s': %s", opts->db_path,
               errmsg ? errmsg : xs_status_to_string(st));
        goto done;
    }
    for (unsigned k = 0; k < jobs; k++) {
        xs_free(errmsg);
        errmsg = NULL;
        if ((st = xs_db_open_read(parts[k].path, &readers[k], &errmsg)) != XS_OK) {
            errorf("cannot read the part '%s': %s", parts[k].path,
                   errmsg ? errmsg : xs_status_to_string(st));
            goto done;
        }
    }
    xs_free(errmsg);
    errmsg = NULL;
    if ((st = xs_db_open_write(opts->db_path, 0, &merged, &errmsg)) != XS_OK) {
        errorf("cannot open the merged index '%s': %s", opts->db_path,
               errmsg ? errmsg : xs_status_to_string(st));
        goto done;
    }
    if (merge_file_marks(merged, readers, jobs, lists, count) != 0
        || xs_db_commit(merged) != XS_OK) {
        errorf("cannot write to the index '%s': %s", opts->db_path, xs_db_last_error(merged));
        goto done;
    }
    rc = 0;
done:
    xs_db_close(merged);
    for (unsigned k = 0; readers && k < jobs; k++)
        xs_db_close(readers[k]);
    free(readers);
    free(sources);
    xs_free(errmsg);
    return rc;
}

int build_index_in_parts(const build_options_t *opts, char *const *paths, size_t count,
                         build_stats_t *stats)
{
    part_t *parts = calloc(opts->jobs, sizeof *parts);
    root_table_t roots = { NULL, 0 };
    walk_list_t *lists = NULL;
    size_t list_count = 0;
    unsigned started = 0;
    int rc = -1;

    memset(stats, 0, sizeof *stats);
    if (parts == NULL) {
        errorf("out of memory");
        goto done;
    }
    /* Walked once, here: the parts inherit the lists, and a walk's
     * problems are reported once. */
    if (build_load_roots(opts, NULL, &roots) != 0
        || (lists = roots_walk(&roots, paths, count, opts->follow_links, &list_count,
                               &stats->failed)) == NULL)
        goto done;
    for (unsigned k = 0; k < opts->jobs; k++) {
        buf_t path = BUF_INIT;
        buf_printf(&path, "%s.part-%u", opts->db_path, k + 1);
        if ((parts[k].path = buf_detach(&path)) == NULL) {
            errorf("out of memory");
            goto done;
        }
        /* Only an interrupted run leaves a part behind. */
        if (build_remove_index_dir(parts[k].path) != 0) {
            errorf("cannot remove '%s' (left by an interrupted run?): %s", parts[k].path,
                   strerror(errno));
            goto done;
        }
    }
    fflush(NULL);
    for (; started < opts->jobs; started++) {
        int fds[2];
        if (pipe(fds) != 0) {
            errorf("cannot start part %u of the index: %s", started + 1, strerror(errno));
            break;
        }
        pid_t parent = getpid(), pid = fork();
        if (pid == 0) {
            close(fds[0]);
            /* A part dies with the parent (killed, it cannot pass a signal
             * on): an orphan would go on holding its part's lock, and a
             * re-run could not start at once.  The parent may have died
             * before the request was made. */
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
                _exit(2);
            run_part(opts, &parts[started], started, &roots, lists, list_count, fds[1]);
        }
        close(fds[1]);
        if (pid < 0) {
            errorf("cannot start part %u of the index: %s", started + 1, strerror(errno));
            close(fds[0]);
            break;
        }
        parts[started].pid = pid;
        parts[started].stats_fd = fds[0];
    }
    if (wait_parts(parts, started, stats) != 0 || started < opts->jobs) {
        detailf("nothing was written to '%s'", opts->db_path);
        goto done;
    }
    if (build_stop_signal) {
        rc = 0;            /* the caller says that nothing changed */
        goto done;
    }
    rc = merge_parts(opts, parts, opts->jobs, lists, list_count);
    if (rc != 0)
        build_remove_index_dir(opts->db_path);
done:
    for (unsigned k = 0; parts && k < opts->jobs; k++) {
        if (k < started)
            close(parts[k].stats_fd);
        if (parts[k].path)
            build_remove_index_dir(parts[k].path);
        free(parts[k].path);
    }
    free(parts);
    roots_walk_free(lists, list_count);
    roots_free(&roots);
    return rc;
}
