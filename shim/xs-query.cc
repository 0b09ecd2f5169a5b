// xs-query.cc: building the shim's queries (xs_query_t), immutable values
// over Xapian::Query: terms, combinations, value ranges, scaling, wildcards.
// SPDX-License-Identifier: GPL-2.0-or-later

#include "xs-private.h"

#include <string>
#include <vector>

// Sets *OUT to a new handle holding the query BUILD() returns, the body of
// every call that makes a query: XS_OK, or the status of what BUILD() threw
// (XS_NO_MEMORY...) with *OUT untouched.  OUT must not be NULL.
template <typename Build>
static xs_status_t make_query(xs_query_t **out, Build &&build) noexcept
{
    return _xs_guard(nullptr, nullptr, [&] {
        *out = new xs_query_t{build()};
        return XS_OK;
    });
}

// Resets the out argument of a call that makes a query; whether it is
// given.
static bool query_out_given(xs_query_t **out)
{
    if (out)
        *out = nullptr;
    return out != nullptr;
}

xs_status_t xs_query_term(const char *term, size_t len, unsigned wqf,
                          unsigned pos, xs_query_t **out)
{
    if (!query_out_given(out) || !term)
        return XS_NULL_ARGUMENT;
    // Xapian reads the empty term as "match everything", never what a
    // caller asking for a term means.
    if (len == 0)
        return XS_INVALID_ARGUMENT;
    return make_query(out, [&] {
        return Xapian::Query(std::string(term, len), wqf, pos);
    });
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
    if (!query_out_given(out) || (count > 0 && !subqueries))
        return XS_NULL_ARGUMENT;
    for (size_t i = 0; i < count; i++)
        if (!subqueries[i])
            return XS_NULL_ARGUMENT;
    if (static_cast<unsigned>(op) >= XS_OP_LAST)
        return XS_INVALID_ARGUMENT;
    return make_query(out, [&] {
        if (count == 0)
            return Xapian::Query(Xapian::Query::MatchNothing);
        std::vector<Xapian::Query> subs;
        subs.reserve(count);
        for (size_t i = 0; i < count; i++)
            subs.push_back(subqueries[i]->query);
        const bool positional = op == XS_OP_PHRASE || op == XS_OP_NEAR;
        const Xapian::termcount w =
            positional ? (window ? window : static_cast<unsigned>(count)) : 0;
        return Xapian::Query(ops[op], subs.begin(), subs.end(), w);
    });
}

xs_status_t xs_query_value_range(unsigned slot, const char *lo,
                                 const char *hi, xs_query_t **out)
{
    if (!query_out_given(out))
        return XS_NULL_ARGUMENT;
    return make_query(out, [&] {
        if (lo && hi)
            return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        if (hi)
            return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        if (lo)
            return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
        return Xapian::Query(Xapian::Query::MatchAll);
    });
}

xs_status_t xs_query_scale(const xs_query_t *q, double factor,
                           xs_query_t **out)
{
    if (!query_out_given(out) || !q)
        return XS_NULL_ARGUMENT;
    if (!(factor >= 0)) // also rejects NaN
        return XS_INVALID_ARGUMENT;
    return make_query(out, [&] {
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->query, factor);
    });
}

xs_status_t xs_query_wildcard(const char *prefix, size_t len,
                              unsigned max_expansion, xs_query_t **out)
{
    if (!query_out_given(out) || !prefix)
        return XS_NULL_ARGUMENT;
    return make_query(out, [&] {
        return Xapian::Query(Xapian::Query::OP_WILDCARD,
                             std::string(prefix, len), max_expansion,
                             Xapian::Query::WILDCARD_LIMIT_ERROR);
    });
}

xs_status_t xs_query_match_all(xs_query_t **out)
{
    if (!query_out_given(out))
        return XS_NULL_ARGUMENT;
    return make_query(out, [] { return Xapian::Query(Xapian::Query::MatchAll); });
}

xs_status_t xs_query_match_nothing(xs_query_t **out)
{
    if (!query_out_given(out))
        return XS_NULL_ARGUMENT;
    return make_query(out, [] {
        return Xapian::Query(Xapian::Query::MatchNothing);
    });
}

char *xs_query_describe(const xs_query_t *q)
{
    if (!q)
        return nullptr;
    try {
        return _xs_dup_string(q->query.get_description());
    } catch (...) {
        return nullptr;
    }
}

void xs_query_destroy(xs_query_t *q)
{
    delete q;
}
