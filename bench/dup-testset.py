#!/usr/bin/env python3
# dup-testset.py: a syndication test set with ground truth, for bench/dup-eval.sh.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: dup-testset.py [--harsh] BBC_DIR [SEED] > testset.jsonl
#
# Writes JSON Lines (one article a line, the fields trawl-index reads) made
# from BBC News (BBC_DIR/bbc/<category>/<NNN>.txt: headline, blank line,
# paragraphs):
#   - every BBC article, as it is, with a made-up date (2004-2005), source
#     "BBC News", its category;
#   - for ORIGINALS of them (chosen at random among those whose body and
#     headline are those of no other article: BBC News holds exact copies
#     and versions of some stories), 1 to 4 syndicated copies each under
#     another (fictional) outlet: a new headline and, each with its own
#     probability, a banner line, the last paragraph (or two) cut, a few
#     words changed, an update paragraph added, a footer line; dated the
#     same day or up to three days later;
#   - for a quarter of the originals, one to three updates by BBC News the
#     same day, each adding an update paragraph to the one before;
#   - ROUNDUPS: digests that join the first half of one story and the second
#     half of another of the same category: different stories on one topic,
#     which must not be grouped with either.
# A "paragraph" cut is the last one or two sentences, at most a fifth of
# the words (two paragraphs: two to four sentences, at most 30%): this copy
# of BBC News has joined the site's one- and two-sentence paragraphs into
# blocks (a median of 4 blocks a story, the last holding a median 40% of the
# words and 6 sentences), and cutting a block would cut most of a story, not
# trim its ending.  With --harsh, the bounds on the share of words go (a
# short story may lose half its sentences): doc/benchmarks.md gives both.
#
# Ground truth is in members trawl-index keeps as metadata: "story" (the
# original's id, on an original and all its copies and updates),
# "copy_of" (on copies and updates), "edits" (what was done to a copy),
# "roundup_of" (the two stories a roundup joins).
#
# Deterministic: the same SEED (default 2024) gives the same bytes on any
# machine (random.Random with an integer seed; files read in sorted order).
import json
import os
import random
import re
import sys

ORIGINALS = 400
ROUNDUPS = 200
OUTLETS = ["Northgate Herald", "Riverside Gazette", "Harbour Times", "Midland Post",
           "Coastline News", "Valley Chronicle", "Summit Daily", "Lakeside Observer",
           "Capital Wire", "Metro Ledger", "Highland Echo", "Bayview Press"]
BANNERS = ["{outlet} | {date}",
           "This story was first published by BBC News.",
           "From the {outlet} wire desk",
           "Syndicated by {outlet} News Service, {date}",
           "ADVERTISEMENT - story continues below",
           "{outlet} - Breaking news, {date}"]
FOOTERS = ["(c) 2005 {outlet}. All rights reserved.",
           "Follow {outlet} for more news from around the world.",
           "Additional reporting by {outlet} staff."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def day_to_date(day):
    """Day 0 is 2004-01-01; returns (year, month, day) (2004 is a leap year)."""
    year = 2004
    while True:
        length = 366 if year == 2004 else 365
        if day < length:
            break
        day -= length
        year += 1
    for month, days in enumerate(DAYS_IN_MONTH):
        days += 1 if (month == 1 and year == 2004) else 0
        if day < days:
            return year, month + 1, day + 1
        day -= days
    raise ValueError(day)


def iso(day):
    return "%04d-%02d-%02d" % day_to_date(day)


def long_date(day):
    y, m, d = day_to_date(day)
    return "%d %s %d" % (d, MONTHS[m - 1], y)


def read_bbc(root):
    articles = []
    base = os.path.join(root, "bbc")
    for category in sorted(os.listdir(base)):
        for name in sorted(os.listdir(os.path.join(base, category))):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(base, category, name), "rb") as f:
                text = f.read().decode("utf-8", errors="replace")
            blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip())]
            blocks = [" ".join(b.split()) for b in blocks if b]
            articles.append({"id": "bbc/%s/%s" % (category, name[:-4]), "category": category,
                             "title": blocks[0], "paragraphs": blocks[1:]})
    return articles


def record(rid, title, paragraphs, day, source, **extra):
    r = {"id": rid, "title": title, "text": "\n\n".join(paragraphs), "date": iso(day),
         "source": source}
    r.update(extra)
    return r


SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]*\s+(?=[\"'\u201c\u2018A-Z0-9])")


def cut_sentences(paragraphs, count, max_share):
    """PARAGRAPHS without their last COUNT sentences (fewer, down to one, when
    they hold more than MAX_SHARE of the words), or None when no such cut
    leaves at least three sentences."""
    words = sum(len(p.split()) for p in paragraphs)
    while count > 0:
        cut = cut_last_sentences(paragraphs, count)
        if cut is not None and words - sum(len(p.split()) for p in cut) <= max_share * words:
            return cut
        count -= 1
    return None


def cut_last_sentences(paragraphs, count):
    """PARAGRAPHS without their last COUNT sentences, or None when that would
    leave fewer than three."""
    paragraphs = list(paragraphs)
    total = sum(len(SENTENCE_END.split(p)) for p in paragraphs)
    if total - count < 3:
        return None
    while count > 0:
        sentences = SENTENCE_END.split(paragraphs[-1])
        ends = [m.end() for m in SENTENCE_END.finditer(paragraphs[-1])]
        if len(sentences) <= count:
            paragraphs.pop()
            count -= len(sentences)
        else:
            paragraphs[-1] = paragraphs[-1][:ends[len(sentences) - count - 1]].rstrip()
            count = 0
    return paragraphs


def change_words(rng, paragraphs, vocabulary, count):
    """Replaces COUNT words (at random places) with words of VOCABULARY."""
    paragraphs = [p.split(" ") for p in paragraphs]
    places = [(i, k) for i, p in enumerate(paragraphs) for k in range(len(p))]
    for i, k in rng.sample(places, min(count, len(places))):
        paragraphs[i][k] = rng.choice(vocabulary)
    return [" ".join(p) for p in paragraphs]


def update_paragraph(rng, donors, day):
    """An update: a paragraph of another story of the topic, at most 50 words."""
    donor = rng.choice(donors)
    words = rng.choice(donor["paragraphs"]).split()[:50]
    return "Update, %s %02d:%02d: %s" % (long_date(day), rng.randrange(7, 23),
                                         rng.randrange(60), " ".join(words))


def syndicated_copy(rng, original, day, serial, donors, vocabulary, harsh):
    outlet = rng.choice(OUTLETS)
    paragraphs = list(original["paragraphs"])
    edits = []
    values = {"outlet": outlet, "date": long_date(day)}
    cut = 2 if rng.random() < 0.15 else 1 if rng.random() < 0.5 else 0
    if cut:
        max_share = 1.0 if harsh else 0.2 if cut == 1 else 0.3
        trimmed = cut_sentences(paragraphs, rng.randint(1, 2) + 2 * (cut - 1), max_share)
        if trimmed:
            paragraphs = trimmed
            edits.append("cut%d" % cut)
    if rng.random() < 0.7:
        n = rng.randint(1, 5)
        paragraphs = change_words(rng, paragraphs, vocabulary, n)
        edits.append("words%d" % n)
    if rng.random() < 0.4:
        paragraphs.append(update_paragraph(rng, donors, day))
        edits.append("update")
    if rng.random() < 0.6:
        paragraphs.insert(0, rng.choice(BANNERS).format(**values))
        edits.append("banner")
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(FOOTERS).format(**values))
        edits.append("footer")
    words = original["title"].split()
    title = "%s: %s" % (outlet.split()[0], " ".join(words[1:] + words[:1]))
    slug = outlet.lower().replace(" ", "-")
    return record("syn/%s/%05d" % (slug, serial), title, paragraphs, day, outlet,
                  story=original["id"], copy_of=original["id"],
                  edits=",".join(edits) or "none", category=original["category"])


def main():
    args = sys.argv[1:]
    harsh = "--harsh" in args
    args = [a for a in args if a != "--harsh"]
    if len(args) not in (1, 2):
        sys.exit("usage: dup-testset.py [--harsh] BBC_DIR [SEED] > testset.jsonl")
    rng = random.Random(int(args[1]) if len(args) == 2 else 2024)
    articles = read_bbc(args[0])
    bodies = {}
    for a in articles:
        bodies.setdefault("\n".join(a["paragraphs"]), []).append(a["id"])
    titles = {}
    for a in articles:
        titles.setdefault(a["title"], []).append(a["id"])
    unique = [a for a in articles if len(bodies["\n".join(a["paragraphs"])]) == 1
              and len(titles[a["title"]]) == 1]
    by_category = {}
    for a in unique:
        by_category.setdefault(a["category"], []).append(a)
    vocabulary = sorted({w for a in unique for p in a["paragraphs"] for w in p.split()
                         if w.isalpha() and len(w) > 3})
    day_of = {a["id"]: rng.randrange(700) for a in articles}
    out = [record(a["id"], a["title"], a["paragraphs"], day_of[a["id"]], "BBC News",
                  category=a["category"]) for a in articles]
    record_of = {r["id"]: r for r in out}
    originals = rng.sample(unique, ORIGINALS)
    chosen = {a["id"] for a in originals}
    serial = 0
    for a in originals:
        record_of[a["id"]]["story"] = a["id"]
        donors = [d for d in by_category[a["category"]] if d["id"] != a["id"]]
        for _ in range(rng.randint(1, 4)):
            serial += 1
            out.append(syndicated_copy(rng, a, day_of[a["id"]] + rng.randint(0, 3), serial,
                                       donors, vocabulary, harsh))
        if rng.random() < 0.25:
            paragraphs = list(a["paragraphs"])
            for version in range(2, 2 + rng.randint(1, 3)):
                paragraphs.append(update_paragraph(rng, donors, day_of[a["id"]]))
                out.append(record("bbc-update/%s/%d" % (a["id"][4:], version),
                                  a["title"], paragraphs, day_of[a["id"]], "BBC News",
                                  story=a["id"], copy_of=a["id"],
                                  edits="version%d" % version, category=a["category"]))
    for n in range(ROUNDUPS):
        category = rng.choice(sorted(by_category))
        first, second = rng.sample([d for d in by_category[category] if d["id"] not in chosen], 2)
        half1 = first["paragraphs"][:max(1, len(first["paragraphs"]) // 2)]
        half2 = second["paragraphs"][len(second["paragraphs"]) // 2:]
        out.append(record("roundup/%04d" % (n + 1), "In brief: %s" % first["title"],
                          half1 + half2, max(day_of[first["id"]], day_of[second["id"]]),
                          rng.choice(OUTLETS), roundup_of="%s %s" % (first["id"], second["id"]),
                          category=category))
    for r in out:
        sys.stdout.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
