#!/usr/bin/python3
# rerank-fit.py: can a learned linear re-ranker lift trawl's runs? (doc/relevance.md, "Fourth round")
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: bench/rerank-fit.py [BUILDDIR [WORKDIR]]
#
# Reads the Cranfield and CACM indexes and runs that bench/relevance.sh left
# in WORKDIR (default ${TMPDIR:-/tmp}/trawl-relevance), takes each query's
# words and stems as trawl understands them (BUILDDIR/trawl-search
# --explain; BUILDDIR defaults to build), computes for the top
# 100 articles of each query a few features trawl's ranking does not use
# directly, and re-ranks by trawl's score plus a weighted sum of them, the
# weights fitted by coordinate ascent on nDCG@10 (the formula of
# ../shared/tools/trec-eval).  Prints nDCG@10 of both collections for:
# trawl's run as it is; weights fitted on one collection (so the other is
# held out); and weights fitted on Cranfield while CACM is held at its
# target, 0.517, or more.  For Cranfield it also counts the queries whose
# first article is the source paper of the question, which the judgments
# call not relevant.  Needs python3-xapian.
import math
import os
import re
import subprocess
import sys

import xapian

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.environ.get("TRAWL_CORPORA", os.path.join(SRC, "..", "shared", "corpora"))
SEARCH = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build"),
                      "trawl-search")
WORK = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                         "trawl-relevance")
TOP = 100
FEATURES = ["coordination", "idf coordination", "headline idf", "headline coordination",
            "proximity", "log length"]

# "  word: approximate (stem approxim)" in --explain: a word searched.
EXPLAINED_WORD = re.compile(r"^  word: (\S+)(?: \(stem (\S+)\))?$")


def understood(db_path, query):
    """The plain words trawl searches for QUERY (stopwords left out, a
    repeated stem once, excluded words not), each with its stem."""
    explain = subprocess.run([SEARCH, "--db", db_path, "--explain", "--no-feedback",
                              "--limit", "0", "--", query],
                             capture_output=True, text=True).stdout
    return [(m.group(1), m.group(2) or m.group(1))
            for m in map(EXPLAINED_WORD.match, explain.splitlines()) if m]


def features(db, words, did):
    """The FEATURES of article DID for the query WORDS, (word, stem) pairs."""
    n_docs = db.get_doccount()
    terms = {t.term.decode(): t.wdf for t in db.get_document(did).termlist()}
    stems = [stem for _, stem in words] or [""]
    words = [word for word, _ in words]

    def idf(term):
        n = db.get_termfreq(term)
        return max(0.0, math.log((n_docs - n + 0.5) / (n + 0.5))) if n else 0.0

    found = [s for s in stems if "Z" + s in terms]
    idf_all = sum(idf("Z" + s) for s in stems) or 1e-9
    positions = {w: list(db.positionlist(did, w)) for w in set(words) if w in terms}
    proximity = 0.0
    for a, b in zip(words, words[1:]):
        if a in positions and b in positions:
            gap = min(abs(x - y) for x in positions[a] for y in positions[b])
            if 0 < gap <= 8:
                proximity += 1.0 / gap
    return [len(found) / len(stems),
            sum(idf("Z" + s) for s in found) / idf_all,
            sum(idf("ZS" + s) for s in stems if "ZS" + s in terms),
            sum(1 for s in stems if "ZS" + s in terms) / len(stems),
            proximity,
            math.log(1 + db.get_doclength(did) / db.get_avlength())]


def load(collection):
    """Per judged query: (rows of [score, features...] scaled by the query's
    largest, the grades, the ideal DCG@10, the docids, the judged
    non-relevant one: Cranfield's source paper of the question)."""
    db_path = os.path.join(WORK, collection + ".db")
    db = xapian.Database(db_path)
    corpus = os.path.join(CORPORA, collection)
    queries = {}
    for line in open(os.path.join(corpus, "queries.tsv")):
        qid, text = line.rstrip("\n").split("\t", 1)
        queries[qid] = understood(db_path, text)
    grades = {}
    for line in open(os.path.join(corpus, "qrels.trec")):
        qid, _, doc, grade = line.split()
        grades.setdefault(qid, {})[doc] = int(grade)
    run = {}
    for line in open(os.path.join(WORK, collection + ".run")):
        qid, _, doc, _, score, _ = line.split()
        run.setdefault(qid, []).append((doc, float(score)))
    out = []
    for qid, hits in sorted(run.items()):
        judged = grades.get(qid, {})
        ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:10]
        if not ideal:
            continue
        rows = []
        for doc, score in hits[:TOP]:
            docid = next(iter(db.postlist("Q" + doc)), None) or next(
                iter(db.postlist("Q" + doc + ".txt")), None)
            rows.append([score] + features(db, queries[qid], docid.docid))
        scale = [max(abs(r[i]) for r in rows) or 1.0 for i in range(len(rows[0]))]
        rows = [[v / s for v, s in zip(r, scale)] for r in rows]
        out.append((rows, [judged.get(doc, 0) for doc, _ in hits[:TOP]],
                    sum(g / math.log2(i + 2) for i, g in enumerate(ideal)),
                    [doc for doc, _ in hits[:TOP]],
                    next((d for d, g in judged.items() if g == 0), None)))
    return out


def top10(rows, docs, weights):
    """The indexes of the first 10 rows re-ranked with WEIGHTS, in
    trec-eval's order: score descending, then docid as a string."""
    scores = [r[0] + sum(w * v for w, v in zip(weights, r[1:])) for r in rows]
    return sorted(range(len(rows)), key=lambda i: (-scores[i], docs[i]))[:10]


def ndcg10(queries, weights):
    total = 0.0
    for rows, grades, ideal, docs, _ in queries:
        order = top10(rows, docs, weights)
        total += sum(max(grades[i], 0) / math.log2(k + 2) for k, i in enumerate(order)) / ideal
    return total / len(queries)


def source_first(queries, weights):
    """How many queries have their judged non-relevant article first."""
    return sum(docs[top10(rows, docs, weights)[0]] == source
               for rows, _, _, docs, source in queries)


def fit(objective):
    weights = [0.0] * len(FEATURES)
    best = objective(weights)
    for _ in range(5):
        for j in range(len(FEATURES)):
            for step in (-0.3, -0.1, -0.05, -0.02, -0.01, 0.01, 0.02, 0.05, 0.1, 0.3):
                trial = list(weights)
                trial[j] += step
                value = objective(trial)
                if value > best + 1e-5:
                    best, weights = value, trial
    return weights


def show(label, weights):
    named = ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, weights) if abs(w) >= 0.005)
    print(f"{label:<40} Cranfield {ndcg10(cranfield, weights):.4f} "
          f"(source paper first: {source_first(cranfield, weights)})  "
          f"CACM {ndcg10(cacm, weights):.4f}  ({named or 'no weights'})")


cranfield, cacm = load("cranfield"), load("cacm")
show("trawl's runs", [0.0] * len(FEATURES))
show("fitted on CACM", fit(lambda w: ndcg10(cacm, w)))
show("fitted on Cranfield", fit(lambda w: ndcg10(cranfield, w)))
show("fitted on Cranfield, CACM kept >= 0.517",
     fit(lambda w: ndcg10(cranfield, w) + 10 * min(0.0, ndcg10(cacm, w) - 0.517)))
