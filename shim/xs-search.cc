// xs-search.cc: reading an index through the shim: the enquire and its
// options, results and facets copied out of Xapian; terms, values and
// documents; spelling suggestions, and relevance feedback (expand).
// SPDX-License-Identifier: GPL-2.0-or-later

#include "xs-private.h"

#include <time.h>

#include <climits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

// ------------------------------------------------------------------ Search

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
    opts->docids_only = 0;
    opts->count_seconds = 0;
    opts->stop_seconds = 0;
    opts->collapse_slot = -1;
}

// The CPU time the calling thread has used, in seconds.
static double thread_cpu_seconds()
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// A match spy that only looks at the clock.  Xapian has no way to end a
// match early, so past a limit this throws out of get_mset(), which
// Xapian unwinds cleanly: past COUNT seconds _xs_count_stop (the caller
// keeps what was counted), past STOP seconds _xs_time_up.  The clock is
// the thread's CPU time (a loaded machine must not fail ordinary
// queries), read every CHECK_EVERY documents: a few nanoseconds a match.
//
// Not Xapian's own Enquire::set_time_limit(): in 1.4 its timer notifies a
// thread that sets a flag in get_mset()'s stack frame, and timer_delete()
// does not wait for a notification already on its way, so on a loaded
// machine the flag was written into whatever frame was there by then
// (bench/load.sh: two trawl.cgi crashes, one jumping into the stack).
class Deadline : public Xapian::MatchSpy {
    static const unsigned CHECK_EVERY = 64;
    double count_end, stop_end, stop_seconds;

  public:
    unsigned seen = 0;   // matching documents the match has found

    Deadline(double count, double stop)
    {
        const double now = thread_cpu_seconds();
        count_end = count > 0 ? now + count : 0;
        stop_end = stop > 0 ? now + stop : 0;
        stop_seconds = stop;
    }
    void operator()(const Xapian::Document &, double) override
    {
        if (++seen % CHECK_EVERY != 0)
            return;
        const double now = thread_cpu_seconds();
        if (stop_end > 0 && now > stop_end)
            throw _xs_time_up{stop_seconds};
        if (count_end > 0 && now > count_end)
            throw _xs_count_stop{};
    }
};

// Sets ENQUIRE's weighting scheme and order from OPTS (checked by the
// caller).
static void set_weighting_and_order(Xapian::Enquire &enquire,
                                    const xs_search_options_t *opts)
{
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
}

// Copies MSET's counts and hits (their values too unless SKIP_VALUES, and
// only their docids and weights with DOCIDS_ONLY) into RESULTS.
static void copy_hits(const Xapian::MSet &mset, bool skip_values, bool docids_only,
                      xs_results_t *results)
{
    results->lower = mset.get_matches_lower_bound();
    results->estimated = mset.get_matches_estimated();
    results->upper = mset.get_matches_upper_bound();
    results->uncollapsed_lower = mset.get_uncollapsed_matches_lower_bound();
    results->uncollapsed_estimated = mset.get_uncollapsed_matches_estimated();
    results->uncollapsed_upper = mset.get_uncollapsed_matches_upper_bound();
    results->hits.reserve(mset.size());
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        if (docids_only) {
            results->hits.push_back(
                _xs_hit{*it, it.get_weight(), std::string(), {}, it.get_collapse_key()});
            continue;
        }
        Xapian::Document doc = it.get_document();
        _xs_hit hit{*it, it.get_weight(), doc.get_data(), {}, it.get_collapse_key()};
        if (!skip_values)
            for (Xapian::ValueIterator v = doc.values_begin();
                 v != doc.values_end(); ++v)
                hit.values.emplace_back(v.get_valueno(), *v);
        results->hits.push_back(std::move(hit));
    }
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
    auto body = [&] {
        // The spies must outlive get_mset(); the enquire holds them by
        // pointer.
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
        std::unique_ptr<Deadline> deadline;
        Xapian::Enquire enquire(db->reader());
        enquire.set_query(q->query);
        set_weighting_and_order(enquire, opts);
        if (opts->collapse_slot >= 0)
            enquire.set_collapse_key(static_cast<Xapian::valueno>(opts->collapse_slot));
        if ((opts->stop_seconds > 0 || opts->count_seconds > 0) && !db->remote_refuses_spies) {
            deadline = std::make_unique<Deadline>(opts->count_seconds, opts->stop_seconds);
            enquire.add_matchspy(deadline.get());
        }
        for (size_t f = 0; f < opts->facet_slot_count; f++) {
            spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
                opts->facet_slots[f]));
            enquire.add_matchspy(spies.back().get());
        }
        Xapian::MSet mset;
        std::unique_ptr<xs_results_t> results(new xs_results_t);
        try {
            mset = enquire.get_mset(opts->offset, opts->limit, opts->check_at_least);
            copy_hits(mset, opts->skip_values != 0, opts->docids_only != 0, results.get());
        } catch (const Xapian::UnimplementedError &) {
            // A remote database (xapian-tcpsrv) runs only the spies it
            // knows: the deadline is left to the server's side there.
            if (deadline)
                db->remote_refuses_spies = true;
            throw;
        } catch (const _xs_count_stop &) {
            // Counting stopped: what was seen is all that is known.
            results->stopped = true;
            results->lower = results->estimated = deadline->seen;
            results->upper = UINT_MAX;
            results->uncollapsed_lower = results->uncollapsed_estimated = deadline->seen;
            results->uncollapsed_upper = UINT_MAX;
            // Collapsed, what was seen holds at least one story.
            if (opts->collapse_slot >= 0)
                results->lower = results->estimated = deadline->seen > 0;
        }
        results->facets.resize(spies.size());
        for (size_t f = 0; f < spies.size(); f++)
            for (Xapian::TermIterator v = spies[f]->values_begin();
                 v != spies[f]->values_end(); ++v)
                results->facets[f].emplace_back(*v, v.get_termfreq());
        *out = results.release();
        return XS_OK;
    };
    const bool with_deadline =
        (opts->stop_seconds > 0 || opts->count_seconds > 0) && !db->remote_refuses_spies;
    xs_status_t st = _xs_db_call(db, "searching", body);
    if (st != XS_OK && with_deadline && db->remote_refuses_spies)
        st = _xs_db_call(db, "searching", body);   // without it
    return st;
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

// ----------------------------------------------------------------- Results

static const _xs_hit *hit_at(const xs_results_t *r, size_t i)
{
    return r && i < r->hits.size() ? &r->hits[i] : nullptr;
}

size_t xs_results_size(const xs_results_t *r)
{
    return r ? r->hits.size() : 0;
}

int xs_results_stopped(const xs_results_t *r)
{
    return r && r->stopped;
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

unsigned xs_results_uncollapsed_lower(const xs_results_t *r)
{
    return r ? r->uncollapsed_lower : 0;
}

unsigned xs_results_uncollapsed_estimated(const xs_results_t *r)
{
    return r ? r->uncollapsed_estimated : 0;
}

unsigned xs_results_uncollapsed_upper(const xs_results_t *r)
{
    return r ? r->uncollapsed_upper : 0;
}

unsigned xs_results_docid(const xs_results_t *r, size_t i)
{
    const _xs_hit *hit = hit_at(r, i);
    return hit ? hit->docid : 0;
}

double xs_results_weight(const xs_results_t *r, size_t i)
{
    const _xs_hit *hit = hit_at(r, i);
    return hit ? hit->weight : 0.0;
}

// S as an accessor hands it back: its text, and its length in *LEN_OUT
// (when LEN_OUT is not NULL); "" with length 0 when S is NULL.
static const char *give_text(const std::string *s, size_t *len_out)
{
    if (len_out)
        *len_out = s ? s->size() : 0;
    return s ? s->c_str() : "";
}

const char *xs_results_data(const xs_results_t *r, size_t i, size_t *len_out)
{
    const _xs_hit *hit = hit_at(r, i);
    return give_text(hit ? &hit->data : nullptr, len_out);
}

const char *xs_results_value(const xs_results_t *r, size_t i, unsigned slot,
                             size_t *len_out)
{
    const std::string *found = nullptr;
    if (const _xs_hit *hit = hit_at(r, i))
        for (const auto &value : hit->values)
            if (value.first == slot) {
                found = &value.second;
                break;
            }
    return give_text(found, len_out);
}

const char *xs_results_collapse_key(const xs_results_t *r, size_t i, size_t *len_out)
{
    const _xs_hit *hit = hit_at(r, i);
    return give_text(hit ? &hit->collapse_key : nullptr, len_out);
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
    return give_text(entry ? &entry->first : nullptr, len_out);
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

// ---------------------------------------------------- Terms, values, documents

xs_status_t xs_db_each_term(xs_db_t *db, const char *prefix, xs_term_fn fn,
                            void *ctx)
{
    if (!db || !prefix || !fn)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "listing terms of", [&] {
        Xapian::Database &rdb = db->reader();
        for (Xapian::TermIterator it = rdb.allterms_begin(prefix);
             it != rdb.allterms_end(prefix); ++it) {
            const std::string term = *it;
            if (fn(ctx, term.data(), term.size(), it.get_termfreq()))
                break;
        }
        return XS_OK;
    });
}

xs_status_t xs_db_each_value(xs_db_t *db, unsigned slot, xs_value_fn fn,
                             void *ctx)
{
    if (!db || !fn)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "listing values of", [&] {
        Xapian::Database &rdb = db->reader();
        for (Xapian::ValueIterator it = rdb.valuestream_begin(slot);
             it != rdb.valuestream_end(slot); ++it) {
            const std::string value = *it;
            if (fn(ctx, it.get_docid(), value.data(), value.size()))
                break;
        }
        return XS_OK;
    });
}

xs_status_t xs_db_each_posting(xs_db_t *db, const char *term, size_t term_len,
                               xs_posting_fn fn, void *ctx)
{
    if (!db || !term || !fn)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "reading", [&] {
        const std::string t(term, term_len);
        Xapian::Database &rdb = db->reader();
        for (Xapian::PostingIterator it = rdb.postlist_begin(t); it != rdb.postlist_end(t);
             ++it)
            if (fn(ctx, *it))
                break;
        return XS_OK;
    });
}

xs_status_t xs_db_find_unique(xs_db_t *db, const char *term, size_t term_len,
                              unsigned *docid_out)
{
    if (!db || !term || !docid_out)
        return XS_NULL_ARGUMENT;
    *docid_out = 0;
    return _xs_db_call(db, "reading", [&] {
        const std::string t(term, term_len);
        Xapian::Database &rdb = db->reader();
        Xapian::PostingIterator it = rdb.postlist_begin(t);
        if (it == rdb.postlist_end(t)) {
            db->last_error = "no document is indexed by that term";
            return XS_NOT_FOUND;
        }
        *docid_out = *it;
        return XS_OK;
    });
}

xs_status_t xs_db_document_data(xs_db_t *db, unsigned docid,
                                char **data_out, size_t *len_out)
{
    if (!_xs_string_out_given(data_out, len_out) || !db)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "reading a document from", [&] {
        return _xs_give_string(db->reader().get_document(docid).get_data(),
                           data_out, len_out);
    });
}

xs_status_t xs_db_document_value(xs_db_t *db, unsigned docid, unsigned slot,
                                 char **value_out, size_t *len_out)
{
    if (!_xs_string_out_given(value_out, len_out) || !db)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "reading a document from", [&] {
        return _xs_give_string(db->reader().get_document(docid).get_value(slot),
                           value_out, len_out);
    });
}

// ---------------------------------------------------------------- Spelling

xs_status_t xs_db_spelling_suggestion(xs_db_t *db, const char *word,
                                      size_t len, unsigned max_edit_distance,
                                      char **suggestion_out)
{
    if (suggestion_out)
        *suggestion_out = nullptr;
    if (!db || !word || !suggestion_out)
        return XS_NULL_ARGUMENT;
    return _xs_db_call(db, "reading spelling data of", [&] {
        *suggestion_out = _xs_dup_string(db->reader().get_spelling_suggestion(
            std::string(word, len), max_edit_distance));
        return XS_OK;
    });
}

// ------------------------------------------------------------------ Expand

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
    if (docid_count == 0) {
        db->last_error.clear();
        return XS_OK;
    }
    return _xs_db_call(db, "reading terms of", [&] {
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
    });
}
