// xs.cc: the C API of xs.h implemented over Xapian; the only C++ in trawl.
// SPDX-License-Identifier: GPL-2.0-or-later
//
// Every exported function that can throw ends in `catch (...)` handed to
// fail(), so that no C++ exception ever unwinds into C code and the mapping
// from exception to status lives in one place.  Functions without such a
// handler (Unicode lookups, accessors, destructors) cannot throw.

#include "hash.h"
#include "xs.h"

#include <xapian.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// Glass refuses longer terms, but only when the document is added; checking
// here lets the caller see which term was wrong.
static const size_t MAX_TERM_BYTES = 245;

struct xs_db {
    std::string path;
    std::string last_error;
    bool writable = false;
    unsigned long reopens = 0;   // xs_db_reopen_count()
    Xapian::Database rdb;
    // A writer always has an unflushed transaction open, so that destroying
    // it cancels uncommitted changes instead of committing them implicitly,
    // as a plain WritableDatabase destructor would.
    Xapian::WritableDatabase wdb;
    // A sharded writer (xs_db_open_write_shards()) has one writer per shard
    // instead of wdb, each in its own transaction, and rdb reads them all.
    std::vector<Xapian::WritableDatabase> shards;

    Xapian::Database &reader()
    {
        return writable && shards.empty() ? wdb : rdb;
    }
    // The index of the shard that holds KEY (a unique term, or a spelling
    // word): FNV-1a (32 bits) of its bytes modulo the shard count.  Never
    // change it: documents already indexed would be looked for in the
    // wrong shard.
    size_t shard_of(const std::string &key) const
    {
        return fnv1a32(FNV1A32_INIT, key.data(), key.size()) % shards.size();
    }
    Xapian::WritableDatabase &writer(const std::string &key)
    {
        return shards.empty() ? wdb : shards[shard_of(key)];
    }
};

struct xs_doc {
    Xapian::Document doc;
};

struct xs_query {
    Xapian::Query query;
};

namespace {

struct Hit {
    unsigned docid;
    double weight;
    std::string data;
    std::vector<std::pair<unsigned, std::string>> values;
};

} // namespace

// One facet: the values seen in a slot, in byte order, with their counts.
typedef std::vector<std::pair<std::string, unsigned>> Facet;

struct xs_results {
    std::vector<Hit> hits;
    unsigned lower = 0, estimated = 0, upper = 0;
    std::vector<Facet> facets;  // one per opts->facet_slots entry
};

static std::string describe(const Xapian::Error &e)
{
    std::string s = std::string(e.get_type()) + ": " + e.get_msg();
    if (!e.get_context().empty())
        s += " (context: " + e.get_context() + ")";
    if (e.get_error_string())
        s += std::string(" (") + e.get_error_string() + ")";
    return s;
}

// Maps the exception being handled to a status and, when there is a handle,
// records its detail there, followed by WHAT (e.g. "searching") and the
// index path.  Must only be called from inside a catch block.  Xapian::Error
// has no virtual functions, so the subclasses are told apart by catching.
static xs_status_t fail(xs_db_t *db, const char *what) noexcept
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

// A malloc'ed, NUL-terminated copy of S, as the header promises callers.
static char *dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

static void set_errmsg(char **errmsg, const std::string &msg) noexcept
{
    if (!errmsg)
        return;
    try {
        *errmsg = dup_string(msg);
    } catch (...) {
        *errmsg = nullptr;
    }
}

static bool valid_term_length(size_t len)
{
    return len > 0 && len <= MAX_TERM_BYTES;
}

static xs_status_t refuse_read_only(xs_db_t *db)
{
    db->last_error = "index opened read-only";
    return XS_INVALID_ARGUMENT;
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

// ----------------------------------------------------------------- Database

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
    if (errmsg)
        *errmsg = nullptr;
    if (db_out)
        *db_out = nullptr;
    if (!path || !db_out) {
        set_errmsg(errmsg, "no index path given");
        return XS_NULL_ARGUMENT;
    }
    xs_db_t *db = nullptr;
    try {
        db = new xs_db_t;
        db->path = path;
        db->rdb = open_reader(db->path);
        *db_out = db;
        return XS_OK;
    } catch (...) {
        xs_status_t status = fail(db, nullptr);
        try {
            set_errmsg(errmsg, db ? open_message(status, db)
                                  : "out of memory opening an index");
        } catch (...) {
        }
        delete db;
        return status;
    }
}

// A list of index paths given to the functions that take several: XS_OK,
// XS_NULL_ARGUMENT (the list or a path is NULL), or XS_INVALID_ARGUMENT with
// NONE_MESSAGE (the list is empty).
static xs_status_t check_paths(const char *const *paths, size_t path_count,
                               const char *none_message, char **errmsg)
{
    if (!paths) {
        set_errmsg(errmsg, "no index path given");
        return XS_NULL_ARGUMENT;
    }
    for (size_t i = 0; i < path_count; i++)
        if (!paths[i]) {
            set_errmsg(errmsg, "no index path given");
            return XS_NULL_ARGUMENT;
        }
    if (path_count == 0) {
        set_errmsg(errmsg, none_message);
        return XS_INVALID_ARGUMENT;
    }
    return XS_OK;
}

// check_paths() for the open functions, which also reset their out
// arguments and need DB_OUT.
static xs_status_t check_open_paths(const char *const *paths, size_t path_count,
                                    xs_db_t **db_out, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (db_out)
        *db_out = nullptr;
    if (!db_out) {
        set_errmsg(errmsg, "no index path given");
        return XS_NULL_ARGUMENT;
    }
    return check_paths(paths, path_count, "no index path given", errmsg);
}

xs_status_t xs_db_open_read_many(const char *const *paths, size_t path_count,
                                 xs_db_t **db_out, char **errmsg)
{
    xs_status_t st = check_open_paths(paths, path_count, db_out, errmsg);
    if (st != XS_OK)
        return st;
    xs_db_t *db = nullptr;
    try {
        db = new xs_db_t;
        for (size_t i = 0; i < path_count; i++) {
            if (i)
                db->path += ", ";
            db->path += paths[i];
        }
        for (size_t i = 0; i < path_count; i++)
            db->rdb.add_database(open_reader(paths[i]));
        *db_out = db;
        return XS_OK;
    } catch (...) {
        xs_status_t status = fail(db, nullptr);
        try {
            set_errmsg(errmsg, db ? open_message(status, db)
                                  : "out of memory opening an index");
        } catch (...) {
        }
        delete db;
        return status;
    }
}

xs_status_t xs_db_compact(const char *const *sources, size_t source_count,
                          const char *dest, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (!dest) {
        set_errmsg(errmsg, "no index path given");
        return XS_NULL_ARGUMENT;
    }
    xs_status_t checked = check_paths(sources, source_count, "no index to compact", errmsg);
    if (checked != XS_OK)
        return checked;
    xs_db_t holder;  // carries the path and detail for fail()
    try {
        holder.path = dest;
        // Xapian would write into an existing database directory; refusing
        // keeps a typo from overwriting an index.
        if (std::FILE *f = std::fopen(dest, "r")) {
            std::fclose(f);
            set_errmsg(errmsg, "cannot compact into '" + holder.path +
                                   "': it exists");
            return XS_INVALID_ARGUMENT;
        }
        Xapian::Database all;
        for (size_t i = 0; i < source_count; i++) {
            holder.path = sources[i];
            all.add_database(Xapian::Database(sources[i]));
        }
        holder.path = dest;
        all.compact(dest, Xapian::DBCOMPACT_MULTIPASS);
        return XS_OK;
    } catch (...) {
        xs_status_t status = fail(&holder, nullptr);
        try {
            set_errmsg(errmsg, status == XS_NO_MEMORY
                                   ? "out of memory compacting"
                                   : "cannot compact into '" +
                                         std::string(dest) + "': " +
                                         holder.last_error);
        } catch (...) {
        }
        return status;
    }
}

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

using steady = std::chrono::steady_clock;

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
// was interrupted (creation_interrupted()) is created again.
static Xapian::WritableDatabase open_writable(const std::string &path,
                                              double lock_wait_seconds,
                                              steady::time_point start)
{
    int action = Xapian::DB_CREATE_OR_OPEN;
    for (;;) {
        try {
            return Xapian::WritableDatabase(path, action);
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

// In the handler of a failed xs_db_open_write*(): the status of the
// exception, *ERRMSG set (naming the lock holder when the index is locked),
// DB (NULL when it could not be made) freed.
static xs_status_t open_write_failed(xs_db_t *db, double lock_wait_seconds, char **errmsg)
{
    xs_status_t status = fail(db, nullptr);
    try {
        if (!db)
            set_errmsg(errmsg, "out of memory opening an index");
        else if (status == XS_LOCKED)
            set_errmsg(errmsg, locked_message(db, lock_wait_seconds));
        else
            set_errmsg(errmsg, open_message(status, db));
    } catch (...) {
    }
    delete db;
    return status;
}

xs_status_t xs_db_open_write(const char *path, double lock_wait_seconds,
                             xs_db_t **db_out, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (db_out)
        *db_out = nullptr;
    if (!path || !db_out) {
        set_errmsg(errmsg, "no index path given");
        return XS_NULL_ARGUMENT;
    }
    if (!(lock_wait_seconds > 0))
        lock_wait_seconds = 0;
    xs_db_t *db = nullptr;
    try {
        db = new xs_db_t;
        db->path = path;
        db->writable = true;
        db->wdb = open_writable(db->path, lock_wait_seconds, steady::now());
        db->wdb.begin_transaction(false);
        *db_out = db;
        return XS_OK;
    } catch (...) {
        return open_write_failed(db, lock_wait_seconds, errmsg);
    }
}

xs_status_t xs_db_check(const char *path, size_t *problem_count_out,
                        char **report_out)
{
    if (report_out)
        *report_out = nullptr;
    if (!path || !problem_count_out)
        return XS_NULL_ARGUMENT;
    *problem_count_out = 0;
    xs_db_t holder;  // carries the path and detail for fail()
    try {
        holder.path = path;
        // Xapian calls a missing path a damaged one; it is not.
        struct stat st;
        if (stat(path, &st) != 0) {
            set_errmsg(report_out, "no index at '" + holder.path + "'");
            return XS_NOT_FOUND;
        }
        std::ostringstream report;
        // Without options: a line per table checked, one per problem.
        *problem_count_out = Xapian::Database::check(holder.path, 0, &report);
        if (report_out)
            *report_out = dup_string(report.str());
        return XS_OK;
    } catch (...) {
        xs_status_t status = fail(&holder, nullptr);
        if (status != XS_NO_MEMORY)
            *problem_count_out = 1;
        if (status == XS_XAPIAN_ERROR)
            status = XS_CORRUPT;  // what check() cannot read is damaged
        set_errmsg(report_out, holder.last_error);
        return status;
    }
}

xs_status_t xs_db_open_write_shards(const char *const *paths, size_t path_count,
                                    double lock_wait_seconds, xs_db_t **db_out,
                                    char **errmsg)
{
    xs_status_t st = check_open_paths(paths, path_count, db_out, errmsg);
    if (st != XS_OK)
        return st;
    if (!(lock_wait_seconds > 0))
        lock_wait_seconds = 0;
    xs_db_t *db = nullptr;
    try {
        db = new xs_db_t;
        db->writable = true;
        // Shards are locked in the order given, so two writers of the same
        // shards cannot each hold one lock and wait for the other's.  While
        // opening, the path is the shard's, so a message names it.
        const steady::time_point start = steady::now();
        for (size_t i = 0; i < path_count; i++) {
            db->path = paths[i];
            db->shards.push_back(
                open_writable(db->path, lock_wait_seconds, start));
            db->shards.back().begin_transaction(false);
            db->rdb.add_database(db->shards.back());
        }
        db->path.clear();
        for (size_t i = 0; i < path_count; i++)
            db->path += (i ? ", " : "") + std::string(paths[i]);
        *db_out = db;
        return XS_OK;
    } catch (...) {
        return open_write_failed(db, lock_wait_seconds, errmsg);
    }
}

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
    db->last_error.clear();
    try {
        if (!db->writable)
            return refuse_read_only(db);
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
    } catch (...) {
        return fail(db, "committing");
    }
}

xs_status_t xs_db_reopen(xs_db_t *db)
{
    if (!db)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        if (db->reader().reopen())
            db->reopens++;
        return XS_OK;
    } catch (...) {
        return fail(db, "reopening");
    }
}

unsigned long xs_db_reopen_count(const xs_db_t *db)
{
    return db ? db->reopens : 0;
}

xs_status_t xs_db_doc_count(xs_db_t *db, unsigned *count_out)
{
    if (!db || !count_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    *count_out = 0;
    try {
        *count_out = db->reader().get_doccount();
        return XS_OK;
    } catch (...) {
        return fail(db, "reading");
    }
}

xs_status_t xs_db_avg_length(xs_db_t *db, double *avg_out)
{
    if (!db || !avg_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    *avg_out = 0;
    try {
        *avg_out = db->reader().get_avlength();
        return XS_OK;
    } catch (...) {
        return fail(db, "reading");
    }
}

xs_status_t xs_db_revision(xs_db_t *db, unsigned long *revision_out)
{
    if (!db || !revision_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    *revision_out = 0;
    try {
        *revision_out = db->reader().get_revision();
        return XS_OK;
    } catch (...) {
        return fail(db, "reading");
    }
}

xs_status_t xs_db_uuid(xs_db_t *db, char **uuid_out)
{
    if (uuid_out)
        *uuid_out = nullptr;
    if (!db || !uuid_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        *uuid_out = dup_string(db->reader().get_uuid());
        return XS_OK;
    } catch (...) {
        return fail(db, "reading");
    }
}

xs_status_t xs_db_term_freq(xs_db_t *db, const char *term, size_t term_len,
                            unsigned *freq_out)
{
    if (!db || !term || !freq_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    *freq_out = 0;
    try {
        *freq_out = db->reader().get_termfreq(std::string(term, term_len));
        return XS_OK;
    } catch (...) {
        return fail(db, "reading");
    }
}

xs_status_t xs_db_collection_freq(xs_db_t *db, const char *term,
                                  size_t term_len, unsigned long *freq_out)
{
    if (!db || !term || !freq_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    *freq_out = 0;
    try {
        *freq_out =
            db->reader().get_collection_freq(std::string(term, term_len));
        return XS_OK;
    } catch (...) {
        return fail(db, "reading");
    }
}

xs_status_t xs_db_get_metadata(xs_db_t *db, const char *key,
                               char **value_out, size_t *len_out)
{
    if (value_out)
        *value_out = nullptr;
    if (len_out)
        *len_out = 0;
    if (!db || !key || !value_out || !len_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        // A sharded writer reads the shard committed last: a key there was
        // committed with every shard's documents.
        std::string value = db->shards.empty()
                                ? db->reader().get_metadata(key)
                                : db->shards.back().get_metadata(key);
        *value_out = dup_string(value);
        *len_out = value.size();
        return XS_OK;
    } catch (...) {
        return fail(db, "reading metadata of");
    }
}

xs_status_t xs_db_set_metadata(xs_db_t *db, const char *key,
                               const char *value, size_t len)
{
    if (!db || !key || !value)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        if (!db->writable)
            return refuse_read_only(db);
        if (db->shards.empty())
            db->wdb.set_metadata(key, std::string(value, len));
        for (Xapian::WritableDatabase &shard : db->shards)
            shard.set_metadata(key, std::string(value, len));
        return XS_OK;
    } catch (...) {
        return fail(db, "writing metadata to");
    }
}

xs_status_t xs_db_each_term(xs_db_t *db, const char *prefix, xs_term_fn fn,
                            void *ctx)
{
    if (!db || !prefix || !fn)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        Xapian::Database &rdb = db->reader();
        for (Xapian::TermIterator it = rdb.allterms_begin(prefix);
             it != rdb.allterms_end(prefix); ++it) {
            const std::string term = *it;
            if (fn(ctx, term.data(), term.size(), it.get_termfreq()))
                break;
        }
        return XS_OK;
    } catch (...) {
        return fail(db, "listing terms of");
    }
}

xs_status_t xs_db_each_value(xs_db_t *db, unsigned slot, xs_value_fn fn,
                             void *ctx)
{
    if (!db || !fn)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        Xapian::Database &rdb = db->reader();
        for (Xapian::ValueIterator it = rdb.valuestream_begin(slot);
             it != rdb.valuestream_end(slot); ++it) {
            const std::string value = *it;
            if (fn(ctx, it.get_docid(), value.data(), value.size()))
                break;
        }
        return XS_OK;
    } catch (...) {
        return fail(db, "listing values of");
    }
}

xs_status_t xs_db_find_unique(xs_db_t *db, const char *term, size_t term_len,
                              unsigned *docid_out)
{
    if (!db || !term || !docid_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    *docid_out = 0;
    try {
        const std::string t(term, term_len);
        Xapian::Database &rdb = db->reader();
        Xapian::PostingIterator it = rdb.postlist_begin(t);
        if (it == rdb.postlist_end(t)) {
            db->last_error = "no document is indexed by that term";
            return XS_NOT_FOUND;
        }
        *docid_out = *it;
        return XS_OK;
    } catch (...) {
        return fail(db, "reading");
    }
}

xs_status_t xs_db_document_data(xs_db_t *db, unsigned docid,
                                char **data_out, size_t *len_out)
{
    if (data_out)
        *data_out = nullptr;
    if (len_out)
        *len_out = 0;
    if (!db || !data_out || !len_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        const std::string data = db->reader().get_document(docid).get_data();
        *data_out = dup_string(data);
        *len_out = data.size();
        return XS_OK;
    } catch (...) {
        return fail(db, "reading a document from");
    }
}

xs_status_t xs_db_document_value(xs_db_t *db, unsigned docid, unsigned slot,
                                 char **value_out, size_t *len_out)
{
    if (value_out)
        *value_out = nullptr;
    if (len_out)
        *len_out = 0;
    if (!db || !value_out || !len_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        const std::string value =
            db->reader().get_document(docid).get_value(slot);
        *value_out = dup_string(value);
        *len_out = value.size();
        return XS_OK;
    } catch (...) {
        return fail(db, "reading a document from");
    }
}

xs_status_t xs_db_add_spelling(xs_db_t *db, const char *word, size_t len)
{
    if (!db || !word)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        if (!db->writable)
            return refuse_read_only(db);
        const std::string w(word, len);
        db->writer(w).add_spelling(w, 1);
        return XS_OK;
    } catch (...) {
        return fail(db, "adding spelling data to");
    }
}

xs_status_t xs_db_add_spelling_count(xs_db_t *db, const char *word, size_t len,
                                     unsigned count)
{
    if (!db || !word)
        return XS_NULL_ARGUMENT;
    if (count == 0)
        return XS_INVALID_ARGUMENT;
    db->last_error.clear();
    try {
        if (!db->writable)
            return refuse_read_only(db);
        const std::string w(word, len);
        db->writer(w).add_spelling(w, count);
        return XS_OK;
    } catch (...) {
        return fail(db, "adding spelling data to");
    }
}

xs_status_t xs_db_spelling_suggestion(xs_db_t *db, const char *word,
                                      size_t len, unsigned max_edit_distance,
                                      char **suggestion_out)
{
    if (suggestion_out)
        *suggestion_out = nullptr;
    if (!db || !word || !suggestion_out)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        *suggestion_out = dup_string(db->reader().get_spelling_suggestion(
            std::string(word, len), max_edit_distance));
        return XS_OK;
    } catch (...) {
        return fail(db, "reading spelling data of");
    }
}

namespace {
// Hands Xapian's expand decisions to the caller's C function.
class AcceptTerm : public Xapian::ExpandDecider {
    xs_term_accept_fn accept;
    void *ctx;

  public:
    AcceptTerm(xs_term_accept_fn accept_, void *ctx_) : accept(accept_), ctx(ctx_) {}
    bool operator()(const std::string &term) const override
    {
        return accept(ctx, term.data(), term.size()) != 0;
    }
};
} // namespace

xs_status_t xs_db_expand(xs_db_t *db, const unsigned *docids, size_t docid_count,
                         unsigned max_terms, xs_term_accept_fn accept,
                         xs_term_weight_fn fn, void *ctx)
{
    if (!db || (!docids && docid_count) || !accept || !fn)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    if (docid_count == 0)
        return XS_OK;
    try {
        Xapian::Enquire enquire(db->reader());
        Xapian::RSet rset;
        for (size_t i = 0; i < docid_count; i++)
            rset.add_document(docids[i]);
        AcceptTerm decider(accept, ctx);
        // Exact term frequencies: over several shards Xapian would estimate
        // them from one shard, and a sharded index would not rank as the
        // same index in one piece does.
        Xapian::ESet eset = enquire.get_eset(
            max_terms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
        for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
            const std::string term = *it;
            fn(ctx, term.data(), term.size(), it.get_weight());
        }
        return XS_OK;
    } catch (...) {
        return fail(db, "reading terms of");
    }
}

// ----------------------------------------------------------------- Document

xs_status_t xs_doc_new(xs_doc_t **doc_out)
{
    if (!doc_out)
        return XS_NULL_ARGUMENT;
    *doc_out = nullptr;
    try {
        *doc_out = new xs_doc_t;
        return XS_OK;
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

void xs_doc_destroy(xs_doc_t *doc)
{
    delete doc;
}

xs_status_t xs_doc_add_posting(xs_doc_t *doc, const char *term, size_t len,
                               unsigned position, unsigned wdf_inc)
{
    if (!doc || !term)
        return XS_NULL_ARGUMENT;
    if (!valid_term_length(len) || position == 0)
        return XS_INVALID_ARGUMENT;
    try {
        doc->doc.add_posting(std::string(term, len), position, wdf_inc);
        return XS_OK;
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_doc_add_term(xs_doc_t *doc, const char *term, size_t len,
                            unsigned wdf_inc)
{
    if (!doc || !term)
        return XS_NULL_ARGUMENT;
    if (!valid_term_length(len))
        return XS_INVALID_ARGUMENT;
    try {
        doc->doc.add_term(std::string(term, len), wdf_inc);
        return XS_OK;
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_doc_set_value(xs_doc_t *doc, unsigned slot, const char *value,
                             size_t len)
{
    if (!doc || !value)
        return XS_NULL_ARGUMENT;
    if (slot == Xapian::BAD_VALUENO)
        return XS_INVALID_ARGUMENT;
    try {
        doc->doc.add_value(slot, std::string(value, len));
        return XS_OK;
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_doc_set_data(xs_doc_t *doc, const char *data, size_t len)
{
    if (!doc || !data)
        return XS_NULL_ARGUMENT;
    try {
        doc->doc.set_data(std::string(data, len));
        return XS_OK;
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_db_replace_document(xs_db_t *db, const char *unique_term,
                                   size_t term_len, const xs_doc_t *doc,
                                   unsigned *docid_out)
{
    if (docid_out)
        *docid_out = 0;
    if (!db || !unique_term || !doc)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        if (!db->writable)
            return refuse_read_only(db);
        const std::string term(unique_term, term_len);
        Xapian::docid id = db->writer(term).replace_document(term, doc->doc);
        // A shard's docid D is docid (D - 1) * shards + shard + 1 of the
        // whole, as Xapian numbers the documents of several databases.
        if (!db->shards.empty())
            id = (id - 1) * Xapian::docid(db->shards.size()) +
                 Xapian::docid(db->shard_of(term)) + 1;
        if (docid_out)
            *docid_out = id;
        return XS_OK;
    } catch (...) {
        return fail(db, "adding a document to");
    }
}

xs_status_t xs_db_add_document(xs_db_t *db, const xs_doc_t *doc,
                               unsigned *docid_out)
{
    if (docid_out)
        *docid_out = 0;
    if (!db || !doc)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        if (!db->writable)
            return refuse_read_only(db);
        if (!db->shards.empty()) {
            db->last_error = "a sharded index needs a unique term to place a "
                             "document: use xs_db_replace_document()";
            return XS_INVALID_ARGUMENT;
        }
        Xapian::docid id = db->wdb.add_document(doc->doc);
        if (docid_out)
            *docid_out = id;
        return XS_OK;
    } catch (...) {
        return fail(db, "adding a document to");
    }
}

xs_status_t xs_db_delete_document(xs_db_t *db, const char *unique_term,
                                  size_t term_len)
{
    if (!db || !unique_term)
        return XS_NULL_ARGUMENT;
    db->last_error.clear();
    try {
        if (!db->writable)
            return refuse_read_only(db);
        const std::string term(unique_term, term_len);
        db->writer(term).delete_document(term);
        return XS_OK;
    } catch (...) {
        return fail(db, "deleting a document from");
    }
}

// -------------------------------------------------------------------- Query

static xs_status_t new_query(const Xapian::Query &query, xs_query_t **out)
{
    *out = new xs_query_t{query};
    return XS_OK;
}

xs_status_t xs_query_term(const char *term, size_t len, unsigned wqf,
                          unsigned pos, xs_query_t **out)
{
    if (out)
        *out = nullptr;
    if (!term || !out)
        return XS_NULL_ARGUMENT;
    // Xapian reads the empty term as "match everything", never what a
    // caller asking for a term means.
    if (len == 0)
        return XS_INVALID_ARGUMENT;
    try {
        return new_query(Xapian::Query(std::string(term, len), wqf, pos), out);
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_query_combine(xs_op_t op, const xs_query_t *const *subqueries,
                             size_t count, unsigned window, xs_query_t **out)
{
    static const Xapian::Query::op ops[XS_OP_LAST] = {
        Xapian::Query::OP_AND,       Xapian::Query::OP_OR,
        Xapian::Query::OP_AND_NOT,   Xapian::Query::OP_AND_MAYBE,
        Xapian::Query::OP_FILTER,    Xapian::Query::OP_PHRASE,
        Xapian::Query::OP_NEAR,      Xapian::Query::OP_SYNONYM,
    };
    if (out)
        *out = nullptr;
    if (!out || (count > 0 && !subqueries))
        return XS_NULL_ARGUMENT;
    for (size_t i = 0; i < count; i++)
        if (!subqueries[i])
            return XS_NULL_ARGUMENT;
    if (static_cast<unsigned>(op) >= XS_OP_LAST)
        return XS_INVALID_ARGUMENT;
    try {
        if (count == 0)
            return new_query(Xapian::Query::MatchNothing, out);
        std::vector<Xapian::Query> subs;
        subs.reserve(count);
        for (size_t i = 0; i < count; i++)
            subs.push_back(subqueries[i]->query);
        const bool positional = op == XS_OP_PHRASE || op == XS_OP_NEAR;
        const Xapian::termcount w =
            positional ? (window ? window : static_cast<unsigned>(count)) : 0;
        return new_query(Xapian::Query(ops[op], subs.begin(), subs.end(), w),
                         out);
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_query_value_range(unsigned slot, const char *lo,
                                 const char *hi, xs_query_t **out)
{
    if (!out)
        return XS_NULL_ARGUMENT;
    *out = nullptr;
    try {
        if (lo && hi)
            return new_query(
                Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi),
                out);
        if (hi)
            return new_query(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi),
                             out);
        if (lo)
            return new_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo),
                             out);
        return new_query(Xapian::Query::MatchAll, out);
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_query_scale(const xs_query_t *q, double factor,
                           xs_query_t **out)
{
    if (out)
        *out = nullptr;
    if (!q || !out)
        return XS_NULL_ARGUMENT;
    if (!(factor >= 0)) // also rejects NaN
        return XS_INVALID_ARGUMENT;
    try {
        return new_query(
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->query, factor),
            out);
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_query_wildcard(const char *prefix, size_t len,
                              unsigned max_expansion, xs_query_t **out)
{
    if (out)
        *out = nullptr;
    if (!prefix || !out)
        return XS_NULL_ARGUMENT;
    try {
        return new_query(Xapian::Query(Xapian::Query::OP_WILDCARD,
                                       std::string(prefix, len), max_expansion,
                                       Xapian::Query::WILDCARD_LIMIT_ERROR),
                         out);
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_query_match_all(xs_query_t **out)
{
    if (!out)
        return XS_NULL_ARGUMENT;
    *out = nullptr;
    try {
        return new_query(Xapian::Query::MatchAll, out);
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

xs_status_t xs_query_match_nothing(xs_query_t **out)
{
    if (!out)
        return XS_NULL_ARGUMENT;
    *out = nullptr;
    try {
        return new_query(Xapian::Query::MatchNothing, out);
    } catch (...) {
        return fail(nullptr, nullptr);
    }
}

char *xs_query_describe(const xs_query_t *q)
{
    if (!q)
        return nullptr;
    try {
        return dup_string(q->query.get_description());
    } catch (...) {
        return nullptr;
    }
}

void xs_query_destroy(xs_query_t *q)
{
    delete q;
}

// ------------------------------------------------------------------ Results

void xs_search_options_init(xs_search_options_t *opts)
{
    if (!opts)
        return;
    opts->weighting = XS_WEIGHT_BM25;
    opts->bm25_k1 = 1;
    opts->bm25_k2 = 0;
    opts->bm25_k3 = 1;
    opts->bm25_b = 0.5;
    opts->bm25_min_normlen = 0.5;
    opts->offset = 0;
    opts->limit = 10;
    opts->check_at_least = 0;
    opts->sort_slot = -1;
    opts->sort_descending = 0;
    opts->docid_descending = 0;
    opts->tie_slot = -1;
    opts->facet_slots = nullptr;
    opts->facet_slot_count = 0;
    opts->skip_values = 0;
}

// One search on the revision DB has open; see xs_db_search().
static xs_status_t search_once(xs_db_t *db, const xs_query_t *q,
                               const xs_search_options_t *opts,
                               xs_results_t **out)
{
    if (out)
        *out = nullptr;
    if (!db || !q || !opts || !out
        || (opts->facet_slot_count && !opts->facet_slots))
        return XS_NULL_ARGUMENT;
    if (opts->weighting < 0 || opts->weighting >= XS_WEIGHT_LAST)
        return XS_INVALID_ARGUMENT;
    db->last_error.clear();
    xs_results_t *results = nullptr;
    try {
        // The spies must outlive get_mset(); the enquire holds them by
        // pointer.
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
        Xapian::Enquire enquire(db->reader());
        enquire.set_query(q->query);
        if (opts->weighting == XS_WEIGHT_DPH)
            enquire.set_weighting_scheme(Xapian::DPHWeight());
        else if (opts->weighting == XS_WEIGHT_PL2)
            enquire.set_weighting_scheme(Xapian::PL2Weight());
        else
            enquire.set_weighting_scheme(
                Xapian::BM25Weight(opts->bm25_k1, opts->bm25_k2, opts->bm25_k3,
                                   opts->bm25_b, opts->bm25_min_normlen));
        if (opts->sort_slot >= 0)
            enquire.set_sort_by_value_then_relevance(
                static_cast<Xapian::valueno>(opts->sort_slot),
                opts->sort_descending != 0);
        else if (opts->tie_slot >= 0)
            enquire.set_sort_by_relevance_then_value(
                static_cast<Xapian::valueno>(opts->tie_slot),
                opts->docid_descending != 0);
        enquire.set_docid_order(opts->docid_descending
                                    ? Xapian::Enquire::DESCENDING
                                    : Xapian::Enquire::ASCENDING);
        for (size_t f = 0; f < opts->facet_slot_count; f++) {
            spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
                opts->facet_slots[f]));
            enquire.add_matchspy(spies.back().get());
        }
        Xapian::MSet mset =
            enquire.get_mset(opts->offset, opts->limit, opts->check_at_least);

        results = new xs_results_t;
        results->lower = mset.get_matches_lower_bound();
        results->estimated = mset.get_matches_estimated();
        results->upper = mset.get_matches_upper_bound();
        results->hits.reserve(mset.size());
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
            Xapian::Document doc = it.get_document();
            Hit hit{*it, it.get_weight(), doc.get_data(), {}};
            if (!opts->skip_values)
                for (Xapian::ValueIterator v = doc.values_begin();
                     v != doc.values_end(); ++v)
                    hit.values.emplace_back(v.get_valueno(), *v);
            results->hits.push_back(std::move(hit));
        }
        results->facets.resize(spies.size());
        for (size_t f = 0; f < spies.size(); f++)
            for (Xapian::TermIterator v = spies[f]->values_begin();
                 v != spies[f]->values_end(); ++v)
                results->facets[f].emplace_back(*v, v.get_termfreq());
        *out = results;
        return XS_OK;
    } catch (...) {
        delete results;
        return fail(db, "searching");
    }
}

xs_status_t xs_db_search(xs_db_t *db, const xs_query_t *q,
                         const xs_search_options_t *opts, xs_results_t **out)
{
    // An indexer that commits twice while a reader is open recycles blocks
    // of the revision it reads (DatabaseModifiedError): move to the latest
    // revision, which is whole, and search again.  Every front end (CLI,
    // CGI, reports, libtrawl) searches through here.
    xs_status_t st = search_once(db, q, opts, out);
    for (int retry = 0; st == XS_MODIFIED && retry < 3; retry++)
        if ((st = xs_db_reopen(db)) == XS_OK)
            st = search_once(db, q, opts, out);
    return st;
}

static const Hit *hit_at(const xs_results_t *r, size_t i)
{
    return r && i < r->hits.size() ? &r->hits[i] : nullptr;
}

size_t xs_results_size(const xs_results_t *r)
{
    return r ? r->hits.size() : 0;
}

unsigned xs_results_matches_lower(const xs_results_t *r)
{
    return r ? r->lower : 0;
}

unsigned xs_results_matches_estimated(const xs_results_t *r)
{
    return r ? r->estimated : 0;
}

unsigned xs_results_matches_upper(const xs_results_t *r)
{
    return r ? r->upper : 0;
}

unsigned xs_results_docid(const xs_results_t *r, size_t i)
{
    const Hit *hit = hit_at(r, i);
    return hit ? hit->docid : 0;
}

double xs_results_weight(const xs_results_t *r, size_t i)
{
    const Hit *hit = hit_at(r, i);
    return hit ? hit->weight : 0.0;
}

const char *xs_results_data(const xs_results_t *r, size_t i, size_t *len_out)
{
    const Hit *hit = hit_at(r, i);
    if (len_out)
        *len_out = hit ? hit->data.size() : 0;
    return hit ? hit->data.c_str() : "";
}

const char *xs_results_value(const xs_results_t *r, size_t i, unsigned slot,
                             size_t *len_out)
{
    if (len_out)
        *len_out = 0;
    const Hit *hit = hit_at(r, i);
    if (!hit)
        return "";
    for (const auto &value : hit->values) {
        if (value.first == slot) {
            if (len_out)
                *len_out = value.second.size();
            return value.second.c_str();
        }
    }
    return "";
}

static const std::pair<std::string, unsigned> *
facet_at(const xs_results_t *r, size_t facet, size_t i)
{
    if (!r || facet >= r->facets.size() || i >= r->facets[facet].size())
        return nullptr;
    return &r->facets[facet][i];
}

size_t xs_results_facet_size(const xs_results_t *r, size_t facet)
{
    return r && facet < r->facets.size() ? r->facets[facet].size() : 0;
}

const char *xs_results_facet_value(const xs_results_t *r, size_t facet,
                                   size_t i, size_t *len_out)
{
    const auto *entry = facet_at(r, facet, i);
    if (len_out)
        *len_out = entry ? entry->first.size() : 0;
    return entry ? entry->first.c_str() : "";
}

unsigned xs_results_facet_count(const xs_results_t *r, size_t facet, size_t i)
{
    const auto *entry = facet_at(r, facet, i);
    return entry ? entry->second : 0;
}

void xs_results_destroy(xs_results_t *r)
{
    delete r;
}
