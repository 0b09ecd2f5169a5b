/* xapian-query-floor.cc: the least Xapian itself spends on a batch query
 * that gives what trawl's batch gives.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: xapian-query-floor DB < QUERIES
 *
 * Reads queries, one a line, and answers each on DB (an index trawl-index
 * built: unprefixed words with positions, "Z" stems, spelling data) in
 * three ways, each over all the queries, the best of 3 runs, and prints
 * the CPU milliseconds a query of each:
 * - rank: QueryParser (English stemmer, STEM_SOME, OR of the words), the
 *   top 10 by BM25, one a story (collapsed on the group slot, 9), and each
 *   hit's document data, as snippets need it;
 * - + exact counts: the same with every match looked at (check_at_least
 *   = every document: the matches counted, each one's group read by the
 *   collapse), and the matches with all the words (their AND) counted, as
 *   trawl's JSON states them ("matches", "stories", "all_words").  Less
 *   work than trawl's: Xapian's collapsed count is only an estimate, which
 *   trawl makes exact with a spy on the group slot;
 * - + "did you mean": the same and get_spelling_suggestion() for each
 *   word outside a phrase whose stem is in at most a tenth of the
 *   documents, with at most 2 edits, as trawl asks (searcher/search-run.c,
 *   suggest()).
 * No snippet is made, no text inflated, nothing written: the floor under
 * trawl-search --batch --format json with snippets, however trawl's own
 * code is made faster.  bench/batch-speed.sh builds and runs it.
 */
#include <xapian.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static double cpu_seconds()
{
    return (double)std::clock() / CLOCKS_PER_SEC;
}

enum Work { RANK, COUNT, SUGGEST };

static void answer(Xapian::Database &db, Xapian::QueryParser &qp, const Xapian::Stem &stemmer,
                   const std::string &line, Work work)
{
    const Xapian::valueno group_slot = 9;   /* SLOT_GROUP, common/schema.h */
    Xapian::doccount every = db.get_doccount();
    Xapian::Enquire enquire(db);
    qp.set_default_op(Xapian::Query::OP_OR);
    enquire.set_query(qp.parse_query(line));
    enquire.set_collapse_key(group_slot);
    Xapian::MSet mset = enquire.get_mset(0, 10, work == RANK ? 0 : every);
    for (Xapian::MSetIterator m = mset.begin(); m != mset.end(); ++m)
        (void)m.get_document().get_data();
    if (work == RANK)
        return;
    (void)mset.get_uncollapsed_matches_estimated();
    Xapian::Enquire all_words(db);
    qp.set_default_op(Xapian::Query::OP_AND);
    all_words.set_query(qp.parse_query(line));
    (void)all_words.get_mset(0, 0, every).get_matches_estimated();
    if (work != SUGGEST)
        return;
    // The plain words: not a phrase's (trawl suggests none for them), no marks.
    std::string plain = line;
    bool quoted = false;
    for (char &c : plain) {
        if (c == '"')
            quoted = !quoted;
        c = !quoted && (std::isalnum((unsigned char)c) || c == '\'' || (c & 0x80))
            ? (char)std::tolower((unsigned char)c) : ' ';
    }
    std::istringstream words(plain);
    std::string word;
    while (words >> word) {
        if ((unsigned long)db.get_termfreq("Z" + stemmer(word)) * 10 <= every)
            (void)db.get_spelling_suggestion(word, 2);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: xapian-query-floor DB < QUERIES\n";
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        Xapian::QueryParser qp;
        Xapian::Stem stemmer("english");
        qp.set_stemmer(stemmer);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_database(db);
        std::vector<std::string> queries;
        for (std::string line; std::getline(std::cin, line);)
            if (!line.empty())
                queries.push_back(line);
        if (queries.empty()) {
            std::cerr << "xapian-query-floor: error: no queries on standard input\n";
            return 2;
        }
        const char *names[] = { "rank, top 10 with data", "+ exact counts", "+ \"did you mean\"" };
        for (Work work : { RANK, COUNT, SUGGEST }) {
            double best = -1;
            for (int run = 0; run < 4; run++) {   // the first run warms the cache
                double start = cpu_seconds();
                for (const std::string &q : queries)
                    answer(db, qp, stemmer, q, work);
                double took = cpu_seconds() - start;
                if (run > 0 && (best < 0 || took < best))
                    best = took;
            }
            std::printf("Xapian floor: %-24s %7.3f ms a query\n", names[work],
                        best * 1000 / (double)queries.size());
        }
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian-query-floor: error: " << e.get_description() << "\n";
        return 1;
    }
    return 0;
}
