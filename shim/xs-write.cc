// xs-write.cc: the shim's writing calls: documents and their terms, adding,
// replacing and deleting them (placed in shards by their unique term),
// spelling data, and compacting indexes into one.
// SPDX-License-Identifier: GPL-2.0-or-later

#include "xs-private.h"

#include <cstdio>
#include <string>

// ---------------------------------------------------------------- Compacting

xs_status_t xs_db_compact(const char *const *sources, size_t source_count,
                          const char *dest, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (!dest) {
        _xs_set_errmsg(errmsg, "no index path given");
        return XS_NULL_ARGUMENT;
    }
    xs_status_t checked =
        _xs_check_paths(sources, source_count, "no index to compact", errmsg);
    if (checked != XS_OK)
        return checked;
    xs_db_t holder;  // carries the path and detail for _xs_fail()
    return _xs_guard_or(
        &holder, nullptr,
        [&] {
            holder.path = dest;
            // Xapian would write into an existing database directory;
            // refusing keeps a typo from overwriting an index.
            if (std::FILE *f = std::fopen(dest, "r")) {
                std::fclose(f);
                _xs_set_errmsg(errmsg, "cannot compact into '" + holder.path +
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
        },
        [&](xs_status_t status) {
            _xs_set_errmsg(errmsg, status == XS_NO_MEMORY
                                       ? "out of memory compacting"
                                       : "cannot compact into '" +
                                             std::string(dest) + "': " +
                                             holder.last_error);
            return status;
        });
}

// ----------------------------------------------------------------- Spelling

xs_status_t xs_db_add_spelling(xs_db_t *db, const char *word, size_t len)
{
    return xs_db_add_spelling_count(db, word, len, 1);
}

xs_status_t xs_db_add_spelling_count(xs_db_t *db, const char *word, size_t len,
                                     unsigned count)
{
    if (!db || !word)
        return XS_NULL_ARGUMENT;
    if (count == 0)
        return XS_INVALID_ARGUMENT;
    return _xs_db_write(db, "adding spelling data to", [&] {
        const std::string w(word, len);
        db->writer(w).add_spelling(w, count);
        return XS_OK;
    });
}

// ----------------------------------------------------------------- Document

xs_status_t xs_doc_new(xs_doc_t **doc_out)
{
    if (!doc_out)
        return XS_NULL_ARGUMENT;
    *doc_out = nullptr;
    return _xs_guard(nullptr, nullptr, [&] {
        *doc_out = new xs_doc_t;
        return XS_OK;
    });
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
    if (!_xs_valid_term_length(len) || position == 0)
        return XS_INVALID_ARGUMENT;
    return _xs_guard(nullptr, nullptr, [&] {
        doc->doc.add_posting(std::string(term, len), position, wdf_inc);
        return XS_OK;
    });
}

xs_status_t xs_doc_add_term(xs_doc_t *doc, const char *term, size_t len,
                            unsigned wdf_inc)
{
    if (!doc || !term)
        return XS_NULL_ARGUMENT;
    if (!_xs_valid_term_length(len))
        return XS_INVALID_ARGUMENT;
    return _xs_guard(nullptr, nullptr, [&] {
        doc->doc.add_term(std::string(term, len), wdf_inc);
        return XS_OK;
    });
}

xs_status_t xs_doc_set_value(xs_doc_t *doc, unsigned slot, const char *value,
                             size_t len)
{
    if (!doc || !value)
        return XS_NULL_ARGUMENT;
    if (slot == Xapian::BAD_VALUENO)
        return XS_INVALID_ARGUMENT;
    return _xs_guard(nullptr, nullptr, [&] {
        doc->doc.add_value(slot, std::string(value, len));
        return XS_OK;
    });
}

xs_status_t xs_doc_set_data(xs_doc_t *doc, const char *data, size_t len)
{
    if (!doc || !data)
        return XS_NULL_ARGUMENT;
    return _xs_guard(nullptr, nullptr, [&] {
        doc->doc.set_data(std::string(data, len));
        return XS_OK;
    });
}

// ------------------------------------------------- Adding and replacing

xs_status_t xs_db_replace_document(xs_db_t *db, const char *unique_term,
                                   size_t term_len, const xs_doc_t *doc,
                                   unsigned *docid_out)
{
    if (docid_out)
        *docid_out = 0;
    if (!db || !unique_term || !doc)
        return XS_NULL_ARGUMENT;
    return _xs_db_write(db, "adding a document to", [&] {
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
    });
}

xs_status_t xs_db_retag_document(xs_db_t *db, const char *unique_term, size_t term_len,
                                 unsigned slot, const char *value, size_t value_len,
                                 const char *remove, size_t remove_len, const char *add,
                                 size_t add_len)
{
    if (!db || !unique_term || (!value && value_len))
        return XS_NULL_ARGUMENT;
    return _xs_db_write(db, "changing a document of", [&] {
        const std::string term(unique_term, term_len);
        Xapian::WritableDatabase &w = db->writer(term);
        Xapian::PostingIterator it = w.postlist_begin(term);
        if (it == w.postlist_end(term)) {
            db->last_error = "no document is indexed by that term";
            return XS_NOT_FOUND;
        }
        Xapian::docid id = *it;
        Xapian::Document doc = w.get_document(id);
        if (value)
            doc.add_value(slot, std::string(value, value_len));
        if (remove) {
            // remove_term() throws when the term is absent: look first.
            const std::string old(remove, remove_len);
            Xapian::TermIterator t = doc.termlist_begin();
            t.skip_to(old);
            if (t != doc.termlist_end() && *t == old)
                doc.remove_term(old);
        }
        if (add)
            doc.add_boolean_term(std::string(add, add_len));
        w.replace_document(id, doc);
        return XS_OK;
    });
}

xs_status_t xs_db_add_document(xs_db_t *db, const xs_doc_t *doc,
                               unsigned *docid_out)
{
    if (docid_out)
        *docid_out = 0;
    if (!db || !doc)
        return XS_NULL_ARGUMENT;
    return _xs_db_write(db, "adding a document to", [&] {
        if (!db->shards.empty()) {
            db->last_error = "a sharded index needs a unique term to place a "
                             "document: use xs_db_replace_document()";
            return XS_INVALID_ARGUMENT;
        }
        Xapian::docid id = db->wdb.add_document(doc->doc);
        if (docid_out)
            *docid_out = id;
        return XS_OK;
    });
}

xs_status_t xs_db_delete_document(xs_db_t *db, const char *unique_term,
                                  size_t term_len)
{
    if (!db || !unique_term)
        return XS_NULL_ARGUMENT;
    return _xs_db_write(db, "deleting a document from", [&] {
        const std::string term(unique_term, term_len);
        db->writer(term).delete_document(term);
        return XS_OK;
    });
}
