/* xapian-floor.cc: the least a Xapian index with positions costs to build.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: xapian-floor [--termlist] [--data] [--spelling] [--fields] DB [K N] < FILE-LIST
 *
 * Reads file paths, one a line, from standard input, and indexes each
 * file's whole text into a new database DB with Xapian's TermGenerator
 * (English stemmer, its default: unstemmed words with positions, stems
 * without) and add_document, with no termlist table, no stored text, no
 * values and no spelling data: the "C++ loop of TermGenerator +
 * add_document (positions, no termlist)".  With K and N, only every N-th
 * file from the K-th (0-based), so N processes can build parts to merge
 * with xapian-compact.  --termlist keeps the termlist table and --data
 * stores each file's text as its document data, as trawl's index and
 * omindex's do (bench/html-index.sh).  --spelling also gives Xapian the
 * spelling data trawl keeps, the least way: each unprefixed word not
 * starting with a digit counted over the run, then one add_spelling() a
 * word seen at least twice, before the commit (trawl's sifting,
 * indexer/spelling.h).  --fields indexes what follows a line holding only
 * a form feed (bench/jsonl-to-files.py --fields: a JSON record's other
 * members) as trawl indexes such fields: words with positions, unstemmed,
 * under a prefix, and no spelling.  Prints the CPU seconds spent
 * generating terms and in all.  bench/index-speed.sh builds and runs it;
 * it is not part of trawl.
 */
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>

static double cpu_seconds()
{
    return (double)std::clock() / CLOCKS_PER_SEC;
}

int main(int argc, char **argv)
{
    int flags = Xapian::DB_CREATE | Xapian::DB_NO_TERMLIST;
    bool store_data = false;
    bool spelling = false;
    bool fields = false;
    for (; argc > 1 && argv[1][0] == '-'; argc--, argv++) {
        if (std::string(argv[1]) == "--termlist") {
            flags &= ~Xapian::DB_NO_TERMLIST;
        } else if (std::string(argv[1]) == "--data") {
            store_data = true;
        } else if (std::string(argv[1]) == "--spelling") {
            spelling = true;
        } else if (std::string(argv[1]) == "--fields") {
            fields = true;
        } else {
            std::cerr << "xapian-floor: error: unknown option '" << argv[1] << "'\n";
            return 2;
        }
    }
    if (argc != 2 && argc != 4) {
        std::cerr << "usage: xapian-floor [--termlist] [--data] [--spelling] [--fields] DB [K N] < FILE-LIST\n";
        return 2;
    }
    unsigned long part = argc == 4 ? std::strtoul(argv[2], nullptr, 10) : 0;
    unsigned long parts = argc == 4 ? std::strtoul(argv[3], nullptr, 10) : 1;
    if (parts == 0 || part >= parts) {
        std::cerr << "xapian-floor: error: part " << argv[2] << " of " << argv[3]
                  << " does not exist\n";
        return 2;
    }
    try {
        Xapian::WritableDatabase db(argv[1], flags);
        Xapian::TermGenerator generator;
        generator.set_stemmer(Xapian::Stem("english"));
        double generating = 0;
        std::unordered_map<std::string, Xapian::termcount> words;
        std::string path;
        for (unsigned long i = 0; std::getline(std::cin, path); i++) {
            if (i % parts != part)
                continue;
            std::ifstream in(path, std::ios::binary);
            if (!in) {
                std::cerr << "xapian-floor: error: cannot read " << path << "\n";
                return 1;
            }
            std::ostringstream text;
            text << in.rdbuf();
            const std::string all = text.str();
            std::string::size_type field_start = fields ? all.find("\n\f\n") : std::string::npos;
            Xapian::Document doc;
            double start = cpu_seconds();
            generator.set_document(doc);
            generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
            generator.index_text(all.substr(0, field_start));
            generating += cpu_seconds() - start;
            if (store_data)
                doc.set_data(all);
            if (spelling)
                for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                    const std::string &word = *t;
                    if (word[0] >= 'a' || (word[0] & 0x80))   // no prefix, no digit
                        words[word] += t.get_wdf();
                }
            if (field_start != std::string::npos) {
                start = cpu_seconds();
                generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
                generator.index_text(all.substr(field_start + 3), 1, "XF");
                generating += cpu_seconds() - start;
            }
            db.add_document(doc);
        }
        for (const auto &w : words)
            if (w.second >= 2)
                db.add_spelling(w.first, w.second);
        db.commit();
        std::printf("generating terms %.2f s CPU, in all %.2f s CPU\n", generating, cpu_seconds());
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian-floor: error: " << e.get_description() << "\n";
        return 1;
    }
    return 0;
}
