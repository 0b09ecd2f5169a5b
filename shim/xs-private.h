// xs-private.h: what the shim's files share: the handles behind xs.h's
// opaque types, the one exception-to-status mapping and the guards every
// exported function runs its body in.  C++ only; never included from C.
// SPDX-License-Identifier: GPL-2.0-or-later
//
// The rule of the shim: no C++ exception ever unwinds into C code.  Every
// exported function that can throw runs its body through _xs_guard() (or
// _xs_db_call() / _xs_db_write(), which add the handle's bookkeeping), whose
// single `catch (...)` hands the exception to _xs_fail(), so the mapping
// from exception to status lives in one place.  Functions without a guard
// (Unicode lookups, accessors, destructors) cannot throw.
#ifndef XS_PRIVATE_H
#define XS_PRIVATE_H

#include "hash.h"
#include "xs.h"

#include <xapian.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

struct xs_db {
    std::string path;
    std::string last_error;
    bool writable = false;
    unsigned long reopens = 0;   // xs_db_reopen_count()
    // A remote shard refused the deadline's match spy (xs-search.cc):
    // later searches run without it.
    bool remote_refuses_spies = false;
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

// One result of a search, copied out of Xapian's MSet.
struct _xs_hit {
    unsigned docid;
    double weight;
    std::string data;
    std::vector<std::pair<unsigned, std::string>> values;  // (slot, value)
    std::string collapse_key;   // with opts->collapse_slot
};

// One facet: the values seen in a slot, in byte order, with their counts.
typedef std::vector<std::pair<std::string, unsigned>> _xs_facet;

struct xs_results {
    std::vector<_xs_hit> hits;
    unsigned lower = 0, estimated = 0, upper = 0;
    // Before collapsing (the same as the above without collapse_slot).
    unsigned uncollapsed_lower = 0, uncollapsed_estimated = 0, uncollapsed_upper = 0;
    bool stopped = false;   // counting stopped at count_seconds
    std::vector<_xs_facet> facets;  // one per opts->facet_slots entry
};

// Maps the exception being handled to a status (xs-db.cc has the table)
// and, when DB is not NULL, records its detail in DB->last_error, followed
// by WHAT (e.g. "searching"; NULL for none) and the index path.  Must only
// be called from inside a catch block.  Never throws: when even the detail
// cannot be built, the status is still returned.
xs_status_t _xs_fail(xs_db_t *db, const char *what) noexcept;

// Runs BODY, which returns an xs_status_t, and turns any exception it
// throws into a status through _xs_fail(DB, WHAT); then, and only then,
// FAILED(status) is run to say more about the failure (an errmsg, a status
// of its own) and its answer is returned; an exception in FAILED leaves the
// status of the first.  DB may be NULL (a document or a query has no
// handle to keep the detail in).  This is the try block of every exported
// function that can throw.
template <typename Body, typename Failed>
inline xs_status_t _xs_guard_or(xs_db_t *db, const char *what, Body &&body,
                                Failed &&failed) noexcept
{
    try {
        return body();
    } catch (...) {
        const xs_status_t status = _xs_fail(db, what);
        try {
            return failed(status);
        } catch (...) {
            return status;
        }
    }
}

// _xs_guard_or() with nothing more to say about a failure.
template <typename Body>
inline xs_status_t _xs_guard(xs_db_t *db, const char *what,
                             Body &&body) noexcept
{
    return _xs_guard_or(db, what, body, [](xs_status_t status) { return status; });
}

// _xs_guard() for a call on DB (not NULL): clears DB's last error first, so
// that xs_db_last_error() speaks of this call only.
template <typename Body>
inline xs_status_t _xs_db_call(xs_db_t *db, const char *what,
                               Body &&body) noexcept
{
    db->last_error.clear();
    return _xs_guard(db, what, body);
}

// What a search throws past its stop_seconds (xs-search.cc), which
// _xs_fail() turns into XS_TIME_LIMIT.
struct _xs_time_up {
    double seconds;
};

// What a search throws past its count_seconds, caught in xs-search.cc.
struct _xs_count_stop {
};

// Sets DB's last error to say that DB was opened read-only, and returns
// XS_INVALID_ARGUMENT: what every writing call answers on a reader.
xs_status_t _xs_refuse_read_only(xs_db_t *db);

// _xs_db_call() for a call that changes DB: refused with
// _xs_refuse_read_only() when DB was opened for reading.
template <typename Body>
inline xs_status_t _xs_db_write(xs_db_t *db, const char *what,
                                Body &&body) noexcept
{
    return _xs_db_call(db, what, [&]() -> xs_status_t {
        if (!db->writable)
            return _xs_refuse_read_only(db);
        return body();
    });
}

// A malloc'ed, NUL-terminated copy of S, as xs.h promises callers (free
// with xs_free()).  Throws std::bad_alloc when out of memory.
char *_xs_dup_string(const std::string &s);

// Sets *ERRMSG (when ERRMSG is not NULL) to a malloc'ed copy of MSG, or to
// NULL when out of memory.  Never throws.
void _xs_set_errmsg(char **errmsg, const std::string &msg) noexcept;

// Resets the out arguments of a call that hands back a string and its
// length; whether both are given.
inline bool _xs_string_out_given(char **out, size_t *len_out)
{
    if (out)
        *out = nullptr;
    if (len_out)
        *len_out = 0;
    return out && len_out;
}

// Hands S back through *OUT (malloc'ed, see _xs_dup_string()) and
// *LEN_OUT, and returns XS_OK; throws std::bad_alloc.
inline xs_status_t _xs_give_string(const std::string &s, char **out,
                                   size_t *len_out)
{
    *out = _xs_dup_string(s);
    *len_out = s.size();
    return XS_OK;
}

// Whether LEN is a term length Xapian will store.
inline bool _xs_valid_term_length(size_t len)
{
    // Glass refuses longer terms, but only when the document is added;
    // checking here lets the caller see which term was wrong.
    const size_t max_term_bytes = 245;
    return len > 0 && len <= max_term_bytes;
}

// Checks a list of index paths given to a function that takes several:
// XS_OK, XS_NULL_ARGUMENT (the list or a path is NULL), or
// XS_INVALID_ARGUMENT with NONE_MESSAGE in *ERRMSG (the list is empty).
xs_status_t _xs_check_paths(const char *const *paths, size_t path_count,
                            const char *none_message, char **errmsg);

#endif // XS_PRIVATE_H
