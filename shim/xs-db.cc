// xs-db.cc: the shim's database handle: opening (readers, writers, shards),
// write locks, checking, closing, committing, statistics and metadata;
// and the one map from exceptions to statuses (_xs_fail()).
// SPDX-License-Identifier: GPL-2.0-or-later

#include "xs-private.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// ------------------------------------------------------------ Shared parts

static std::string describe(const Xapian::Error &e)
{
    std::string s = std::string(e.get_type()) + ": " + e.get_msg();
    if (!e.get_context().empty())
        s += " (context: " + e.get_context() + ")";
    if (e.get_error_string())
        s += std::string(" (") + e.get_error_string() + ")";
    return s;
}

// See xs-private.h.  Xapian::Error has no virtual functions, so the
// subclasses are told apart by catching.
xs_status_t _xs_fail(xs_db_t *db, const char *what) noexcept
{
    xs_status_t status = XS_XAPIAN_ERROR;
    try {
        std::string detail;
        auto note = [&](const Xapian::Error &e, xs_status_t s) {
            status = s;
            detail = describe(e);
        };
        try {
            throw;
        } catch (const Xapian::DatabaseModifiedError &e) {
            note(e, XS_MODIFIED);
        } catch (const Xapian::DatabaseNotFoundError &e) {
            note(e, XS_NOT_FOUND);
        } catch (const Xapian::DocNotFoundError &e) {
            note(e, XS_NOT_FOUND);
        } catch (const Xapian::DatabaseLockError &e) {
            note(e, XS_LOCKED);
        } catch (const Xapian::DatabaseOpeningError &e) {
            note(e, XS_CORRUPT); // also DatabaseVersionError
        } catch (const Xapian::DatabaseCorruptError &e) {
            note(e, XS_CORRUPT);
        } catch (const Xapian::DatabaseError &e) {
            // What is left are failed reads and writes (disk full, a failed
            // commit, a directory that cannot be created), and truncated
            // files, which Xapian reports as "EOF reading block N".
            const bool truncated =
                e.get_msg().compare(0, 17, "EOF reading block") == 0;
            note(e, truncated ? XS_CORRUPT : XS_IO_ERROR);
        } catch (const Xapian::InvalidArgumentError &e) {
            note(e, XS_INVALID_ARGUMENT);
        } catch (const Xapian::WildcardError &e) {
            note(e, XS_INVALID_ARGUMENT);
        } catch (const Xapian::Error &e) {
            note(e, XS_XAPIAN_ERROR);
        } catch (const std::bad_alloc &) {
            status = XS_NO_MEMORY;
            detail = "out of memory";
        } catch (const _xs_time_up &e) {
            status = XS_TIME_LIMIT;
            detail = "stopped after " + std::to_string(e.seconds) + " s";
        } catch (...) {
            status = XS_XAPIAN_ERROR;
            detail = "unexpected C++ exception";
        }
        if (db) {
            if (what)
                detail += std::string(" (while ") + what + " '" + db->path +
                          "')";
            db->last_error = std::move(detail);
        }
    } catch (...) {
        // Only building the message can end up here (out of memory); the
        // status is still right, so report it without the detail.
    }
    return status;
}

char *_xs_dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

void _xs_set_errmsg(char **errmsg, const std::string &msg) noexcept
{
    if (!errmsg)
        return;
    try {
        *errmsg = _xs_dup_string(msg);
    } catch (...) {
        *errmsg = nullptr;
    }
}

xs_status_t _xs_refuse_read_only(xs_db_t *db)
{
    db->last_error = "index opened read-only";
    return XS_INVALID_ARGUMENT;
}

xs_status_t _xs_check_paths(const char *const *paths, size_t path_count,
                            const char *none_message, char **errmsg)
{
    if (!paths) {
        _xs_set_errmsg(errmsg, "no index path given");
        return XS_NULL_ARGUMENT;
    }
    for (size_t i = 0; i < path_count; i++)
        if (!paths[i]) {
            _xs_set_errmsg(errmsg, "no index path given");
            return XS_NULL_ARGUMENT;
        }
    if (path_count == 0) {
        _xs_set_errmsg(errmsg, none_message);
        return XS_INVALID_ARGUMENT;
    }
    return XS_OK;
}

// ------------------------------------------------------------------ General

const char *xs_status_to_string(xs_status_t status)
{
    static const char *const names[] = {
        "success",
        "out of memory",
        "a required argument was NULL",
        "invalid argument",
        "not found",
        "index is locked",
        "index is corrupt or not an index",
        "index was modified while reading",
        "input/output error",
        "Xapian error",
        "time limit reached",
    };
    static_assert(sizeof names / sizeof names[0] == XS_STATUS_LAST,
                  "one description per status");
    if (static_cast<unsigned>(status) >= XS_STATUS_LAST)
        return "unknown status";
    return names[status];
}

void xs_free(void *p)
{
    std::free(p);
}

const char *xs_xapian_version(void)
{
    return Xapian::version_string();
}

// ------------------------------------------------------------------ Unicode

int xs_unicode_is_wordchar(unsigned ch)
{
    return Xapian::Unicode::is_wordchar(ch);
}

int xs_unicode_is_currency(unsigned ch)
{
    return Xapian::Unicode::get_category(ch) ==
           Xapian::Unicode::CURRENCY_SYMBOL;
}

int xs_unicode_is_whitespace(unsigned ch)
{
    return Xapian::Unicode::is_whitespace(ch);
}

unsigned xs_unicode_tolower(unsigned ch)
{
    return Xapian::Unicode::tolower(ch);
}

// ------------------------------------------------------------------ Locks

// The process holding the write lock of the index at PATH, or 0 when it
// cannot be found.  Xapian locks DB/flintlock with fcntl(): F_GETLK names
// the holder of a classic lock, but Xapian 1.4 on Linux takes an open file
// description lock, for which the kernel reports pid -1; then the holder is
// the process with that file open whose /proc/PID/fdinfo lists a lock
// (visible for our own processes, or all when run as root).
static long lock_holder_pid(const std::string &path)
{
    const std::string lock_path = path + "/flintlock";
    const int fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct flock fl = {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    struct stat lock_st;
    const bool got = fcntl(fd, F_GETLK, &fl) == 0 && fstat(fd, &lock_st) == 0;
    close(fd);
    if (!got || fl.l_type == F_UNLCK)
        return 0;
    if (fl.l_pid > 0)
        return fl.l_pid;
    long holder = 0;
    DIR *proc = opendir("/proc");
    while (proc && holder == 0) {
        const struct dirent *p = readdir(proc);
        if (!p)
            break;
        if (p->d_name[0] < '1' || p->d_name[0] > '9')
            continue;
        const std::string fd_dir = std::string("/proc/") + p->d_name + "/fd";
        DIR *fds = opendir(fd_dir.c_str());
        while (fds && holder == 0) {
            const struct dirent *f = readdir(fds);
            if (!f)
                break;
            struct stat st;
            if (stat((fd_dir + "/" + f->d_name).c_str(), &st) != 0 ||
                st.st_dev != lock_st.st_dev || st.st_ino != lock_st.st_ino)
                continue;
            const std::string info = std::string("/proc/") + p->d_name +
                                     "/fdinfo/" + f->d_name;
            if (std::FILE *in = std::fopen(info.c_str(), "r")) {
                char line[256];
                while (std::fgets(line, sizeof line, in))
                    if (std::strncmp(line, "lock:", 5) == 0)
                        holder = std::strtol(p->d_name, nullptr, 10);
                std::fclose(in);
            }
        }
        if (fds)
            closedir(fds);
    }
    if (proc)
        closedir(proc);
    return holder;
}

static std::string locked_message(const xs_db_t *db, double waited)
{
    char seconds[32], holder[64] = "another writer";
    std::snprintf(seconds, sizeof seconds, "%.1f", waited);
    if (const long pid = lock_holder_pid(db->path))
        std::snprintf(holder, sizeof holder, "process %ld", pid);
    return "index '" + db->path + "' is locked by " + holder + " (waited " +
           seconds + " s)";
}

// ------------------------------------------------------------------ Opening

using steady = std::chrono::steady_clock;

// The caller's message for a failed open; DB->last_error holds the detail.
static std::string open_message(xs_status_t status, const xs_db_t *db)
{
    const std::string quoted = "'" + db->path + "'";
    switch (status) {
    case XS_NOT_FOUND:
        return "no index at " + quoted + ": " + db->last_error;
    case XS_CORRUPT:
        return "index at " + quoted + " is damaged or not an index: " +
               db->last_error;
    case XS_NO_MEMORY:
        return "out of memory opening index " + quoted;
    default:
        return "cannot open index " + quoted + ": " + db->last_error;
    }
}

// Makes a new handle and runs OPEN(db) on it, which names the index in
// db->path and opens its databases.  On success *DB_OUT gets the handle.
// On failure the handle is freed and the status of the exception returned,
// with *ERRMSG saying what failed: the lock's holder when a writer
// (db->writable) waited LOCK_WAIT_SECONDS for it in vain, else
// open_message().  *DB_OUT and *ERRMSG must have been reset by the caller.
template <typename Open>
static xs_status_t open_handle(xs_db_t **db_out, char **errmsg,
                               double lock_wait_seconds, Open &&open) noexcept
{
    xs_db_t *db = nullptr;
    xs_status_t status = _xs_guard(nullptr, nullptr, [&] {
        db = new xs_db_t;
        return XS_OK;
    });
    if (status != XS_OK) {
        _xs_set_errmsg(errmsg, "out of memory opening an index");
        return status;
    }
    status = _xs_guard_or(
        db, nullptr,
        [&] {
            open(db);
            return XS_OK;
        },
        [&](xs_status_t failed) {
            _xs_set_errmsg(errmsg, failed == XS_LOCKED && db->writable
                                       ? locked_message(db, lock_wait_seconds)
                                       : open_message(failed, db));
            return failed;
        });
    if (status == XS_OK)
        *db_out = db;
    else
        delete db;
    return status;
}

// Resets the out arguments of an open function; whether PATH (the index
// path, or the list of them) and DB_OUT are given, else *ERRMSG says so.
static bool open_arguments_given(const void *path, xs_db_t **db_out,
                                 char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (db_out)
        *db_out = nullptr;
    if (path && db_out)
        return true;
    _xs_set_errmsg(errmsg, "no index path given");
    return false;
}

// open_arguments_given() and _xs_check_paths() for the open functions that
// take several paths: XS_OK or the status to return.
static xs_status_t check_open_paths(const char *const *paths, size_t path_count,
                                    xs_db_t **db_out, char **errmsg)
{
    if (!open_arguments_given(paths, db_out, errmsg))
        return XS_NULL_ARGUMENT;
    return _xs_check_paths(paths, path_count, "no index path given", errmsg);
}

// PATH_COUNT paths joined with ", ", as a handle over them is named.
static std::string join_paths(const char *const *paths, size_t path_count)
{
    std::string joined;
    for (size_t i = 0; i < path_count; i++)
        joined += (i ? ", " : "") + std::string(paths[i]);
    return joined;
}

// Opens the index at PATH for reading.  Opening reads the version file,
// then each table's root block; an indexer that commits twice in between
// recycles those blocks, which Xapian reports as a modified or corrupt
// index.  A damaged index fails every time and a race does not, so a few
// more tries, a moment apart, tell them apart.
static Xapian::Database open_reader(const std::string &path)
{
    for (int attempt = 1;; attempt++) {
        try {
            return Xapian::Database(path);
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt == 3)
                throw;
        } catch (const Xapian::DatabaseCorruptError &) {
            if (attempt == 3)
                throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

xs_status_t xs_db_open_read(const char *path, xs_db_t **db_out, char **errmsg)
{
    if (!open_arguments_given(path, db_out, errmsg))
        return XS_NULL_ARGUMENT;
    return open_handle(db_out, errmsg, 0, [&](xs_db_t *db) {
        db->path = path;
        db->rdb = open_reader(db->path);
    });
}

xs_status_t xs_db_open_read_many(const char *const *paths, size_t path_count,
                                 xs_db_t **db_out, char **errmsg)
{
    xs_status_t st = check_open_paths(paths, path_count, db_out, errmsg);
    if (st != XS_OK)
        return st;
    return open_handle(db_out, errmsg, 0, [&](xs_db_t *db) {
        db->path = join_paths(paths, path_count);
        for (size_t i = 0; i < path_count; i++)
            db->rdb.add_database(open_reader(paths[i]));
    });
}

// Whether PATH is what a writer killed while creating an index leaves: a
// directory of glass tables and the lock file, but no version file
// (iamglass), so no revision was ever committed and nothing can be lost by
// creating the index afresh.  Xapian will not open such a directory, and
// anything else in it means it is not ours to overwrite.
static bool creation_interrupted(const std::string &path)
{
    DIR *dir = opendir(path.c_str());
    if (!dir)
        return false;
    bool tables_only = true;
    while (const struct dirent *entry = readdir(dir)) {
        std::string name = entry->d_name;
        size_t n = name.size();
        // v.tmp: the version file being written, before its rename to
        // iamglass.
        if (name != "." && name != ".." && name != "flintlock" && name != "v.tmp"
            && !(n > 6 && name.compare(n - 6, 6, ".glass") == 0))
            tables_only = false;
    }
    closedir(dir);
    return tables_only;
}

// Opens (creating if missing) the index at PATH for writing, retrying while
// another writer holds its lock until LOCK_WAIT_SECONDS have passed since
// START; then the DatabaseLockError is thrown on.  An index whose creation
// was interrupted (creation_interrupted()) is created again.  The writer
// comes back with its transaction open (see xs_db).
static Xapian::WritableDatabase open_writable(const std::string &path,
                                              double lock_wait_seconds,
                                              steady::time_point start)
{
    int action = Xapian::DB_CREATE_OR_OPEN;
    for (;;) {
        try {
            Xapian::WritableDatabase writer(path, action);
            writer.begin_transaction(false);
            return writer;
        } catch (const Xapian::DatabaseNotFoundError &) {
            if (action == Xapian::DB_CREATE_OR_OVERWRITE || !creation_interrupted(path))
                throw;
            action = Xapian::DB_CREATE_OR_OVERWRITE;
        } catch (const Xapian::DatabaseLockError &) {
            std::chrono::duration<double> waited = steady::now() - start;
            if (waited.count() >= lock_wait_seconds)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            // The lock's holder may be the writer that is creating the
            // index: once it has committed, open what it made.
            action = Xapian::DB_CREATE_OR_OPEN;
        }
    }
}

// A lock wait as the writers take it: anything not above 0 (NaN too) is 0.
static double lock_wait(double seconds)
{
    return seconds > 0 ? seconds : 0;
}

xs_status_t xs_db_open_write(const char *path, double lock_wait_seconds,
                             xs_db_t **db_out, char **errmsg)
{
    if (!open_arguments_given(path, db_out, errmsg))
        return XS_NULL_ARGUMENT;
    const double wait = lock_wait(lock_wait_seconds);
    return open_handle(db_out, errmsg, wait, [&](xs_db_t *db) {
        db->path = path;
        db->writable = true;
        db->wdb = open_writable(db->path, wait, steady::now());
    });
}

xs_status_t xs_db_open_write_shards(const char *const *paths, size_t path_count,
                                    double lock_wait_seconds, xs_db_t **db_out,
                                    char **errmsg)
{
    xs_status_t st = check_open_paths(paths, path_count, db_out, errmsg);
    if (st != XS_OK)
        return st;
    const double wait = lock_wait(lock_wait_seconds);
    return open_handle(db_out, errmsg, wait, [&](xs_db_t *db) {
        db->writable = true;
        // Shards are locked in the order given, so two writers of the same
        // shards cannot each hold one lock and wait for the other's.  While
        // opening, the path is the shard's, so a message names it.
        const steady::time_point start = steady::now();
        for (size_t i = 0; i < path_count; i++) {
            db->path = paths[i];
            db->shards.push_back(open_writable(db->path, wait, start));
            db->rdb.add_database(db->shards.back());
        }
        db->path = join_paths(paths, path_count);
    });
}

xs_status_t xs_db_check(const char *path, size_t *problem_count_out,
                        char **report_out)
{
    if (report_out)
        *report_out = nullptr;
    if (!path || !problem_count_out)
        return XS_NULL_ARGUMENT;
    *problem_count_out = 0;
    xs_db_t holder;  // carries the path and detail for _xs_fail()
    return _xs_guard_or(
        &holder, nullptr,
        [&] {
            holder.path = path;
            // Xapian calls a missing path a damaged one; it is not.
            struct stat st;
            if (stat(path, &st) != 0) {
                _xs_set_errmsg(report_out, "no index at '" + holder.path + "'");
                return XS_NOT_FOUND;
            }
            std::ostringstream report;
            // Without options: a line per table checked, one per problem.
            *problem_count_out = Xapian::Database::check(holder.path, 0, &report);
            if (report_out)
                *report_out = _xs_dup_string(report.str());
            return XS_OK;
        },
        [&](xs_status_t status) {
            if (status != XS_NO_MEMORY)
                *problem_count_out = 1;
            _xs_set_errmsg(report_out, holder.last_error);
            // What check() cannot read is damaged.
            return status == XS_XAPIAN_ERROR ? XS_CORRUPT : status;
        });
}

// ------------------------------------------------------ Closing, committing

void xs_db_close(xs_db_t *db)
{
    // The writer's destructor cancels the open transaction: see xs_db.
    delete db;
}

const char *xs_db_last_error(const xs_db_t *db)
{
    return db ? db->last_error.c_str() : "";
}

xs_status_t xs_db_commit(xs_db_t *db)
{
    if (!db)
        return XS_NULL_ARGUMENT;
    return _xs_db_write(db, "committing", [&] {
        // Ending an unflushed transaction writes nothing; commit() does, and
        // is atomic.  The transaction is reopened even when commit() fails,
        // so that later changes are still discarded on close.  Shards are
        // committed one after the other, the last one last (see
        // xs_db_get_metadata()).
        std::vector<Xapian::WritableDatabase *> writers;
        if (db->shards.empty())
            writers.push_back(&db->wdb);
        for (Xapian::WritableDatabase &shard : db->shards)
            writers.push_back(&shard);
        for (Xapian::WritableDatabase *w : writers) {
            w->commit_transaction();
            try {
                w->commit();
            } catch (...) {
                w->begin_transaction(false);
                throw;
            }
            w->begin_transaction(false);
        }
        return XS_OK;
    });
}

xs_status_t xs_db_reopen(xs_db_t *db)
{
    if (!db)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "reopening", [&] {
        if (db->reader().reopen())
            db->reopens++;
        return XS_OK;
    });
}

unsigned long xs_db_reopen_count(const xs_db_t *db)
{
    return db ? db->reopens : 0;
}

// ------------------------------------------------------------- Statistics

// Sets *OUT to what READ(reader of DB) returns, 0 on failure: the body of
// every call that reads one number of the index.  DB and OUT must be given
// (else XS_NULL_ARGUMENT, *OUT untouched).
template <typename T, typename Read>
static xs_status_t read_number(xs_db_t *db, T *out, Read &&read) noexcept
{
    if (!db || !out)
        return XS_NULL_ARGUMENT;
    *out = 0;
    return _xs_db_call(db, "reading", [&] {
        *out = read(db->reader());
        return XS_OK;
    });
}

xs_status_t xs_db_doc_count(xs_db_t *db, unsigned *count_out)
{
    return read_number(db, count_out, [](Xapian::Database &rdb) {
        return rdb.get_doccount();
    });
}

xs_status_t xs_db_avg_length(xs_db_t *db, double *avg_out)
{
    return read_number(db, avg_out, [](Xapian::Database &rdb) {
        return rdb.get_avlength();
    });
}

xs_status_t xs_db_revision(xs_db_t *db, unsigned long *revision_out)
{
    return read_number(db, revision_out, [](Xapian::Database &rdb) {
        return rdb.get_revision();
    });
}

xs_status_t xs_db_uuid(xs_db_t *db, char **uuid_out)
{
    if (uuid_out)
        *uuid_out = nullptr;
    if (!db || !uuid_out)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "reading", [&] {
        *uuid_out = _xs_dup_string(db->reader().get_uuid());
        return XS_OK;
    });
}

xs_status_t xs_db_term_freq(xs_db_t *db, const char *term, size_t term_len,
                            unsigned *freq_out)
{
    if (!term)
        return XS_NULL_ARGUMENT;
    return read_number(db, freq_out, [&](Xapian::Database &rdb) {
        return rdb.get_termfreq(std::string(term, term_len));
    });
}

xs_status_t xs_db_collection_freq(xs_db_t *db, const char *term,
                                  size_t term_len, unsigned long *freq_out)
{
    if (!term)
        return XS_NULL_ARGUMENT;
    return read_number(db, freq_out, [&](Xapian::Database &rdb) {
        return rdb.get_collection_freq(std::string(term, term_len));
    });
}

// ----------------------------------------------------------------- Metadata

xs_status_t xs_db_get_metadata(xs_db_t *db, const char *key,
                               char **value_out, size_t *len_out)
{
    if (!_xs_string_out_given(value_out, len_out) || !db || !key)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "reading metadata of", [&] {
        // A sharded writer reads the shard committed last: a key there was
        // committed with every shard's documents.
        return _xs_give_string(db->shards.empty()
                               ? db->reader().get_metadata(key)
                               : db->shards.back().get_metadata(key),
                           value_out, len_out);
    });
}

xs_status_t xs_db_set_metadata(xs_db_t *db, const char *key,
                               const char *value, size_t len)
{
    if (!db || !key || !value)
        return XS_NULL_ARGUMENT;
    return _xs_db_write(db, "writing metadata to", [&] {
        if (db->shards.empty())
            db->wdb.set_metadata(key, std::string(value, len));
        for (Xapian::WritableDatabase &shard : db->shards)
            shard.set_metadata(key, std::string(value, len));
        return XS_OK;
    });
}
