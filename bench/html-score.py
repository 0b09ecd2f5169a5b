#!/usr/bin/env python3
# html-score.py: scores main-text and metadata extraction on the html-eval corpus.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Usage: html-score.py CORPUS TRAWL_JSONL TRAWL_SECONDS [--readability] [--alltext]
           [--details FILE]

CORPUS is /work/shared/corpora/html-eval (evaldata.json, pages/<file>.gz);
TRAWL_JSONL is bench/trawl-html-extract's output over its pages, and
TRAWL_SECONDS the extraction time it reported.  --readability and
--alltext also run Debian's python3-readability (readability-lxml) and an
"all text" baseline on the same pages, timed here.  --details writes, per
page, trawl's missed "with" and found "without" segments (for looking).

Body text is scored as trafilatura's tests/evaluate.py does: per page,
each "with" segment found in the extracted text (both with white space
folded to single spaces and invisible format characters such as soft
hyphens dropped) is a true positive, one missing a false negative;
each "without" segment found a false positive.  Precision, recall and F1
are over all segments of all pages.  trawl's text is its body paragraphs
joined by newlines (comments and metadata are not body).

Metadata, on the pages whose annotation has the field:
  title   equal after Unicode NFKC, case folding, dropping invisible format
          characters (soft hyphens), punctuation and symbols, and folding
          white space;
  date    the same YYYY-MM-DD (a partial date is not the day);
  author  equal after the title's folding, or the same set of names when
          both are split at , ; & / and the words and/und/y/et.
Every figure is given for the two halves of the corpus (by the first byte
of the MD5 of the file name: even "A", odd "B") and for all pages.
"""
import gzip
import hashlib
import json
import os
import re
import sys
import time
import unicodedata


def norm(text):
    """White space folded, invisible format characters (soft hyphens,
    zero-width spaces) dropped: text as a reader sees it."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


def fold(text):
    """NFKC, case-folded, punctuation and symbols dropped, white space folded."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    # Invisible format characters (soft hyphens, zero-width joiners) join
    # the letters around them; other punctuation, symbols, separators and
    # controls separate words.
    text = "".join("" if unicodedata.category(c) == "Cf" else
                   " " if unicodedata.category(c)[0] in "PSZC" else c for c in text)
    return " ".join(text.split())


NAME_SPLIT = re.compile(r"\s*(?:[,;&/]|\band\b|\bund\b|\by\b|\bet\b)\s*")


def names(text):
    return {fold(n) for n in NAME_SPLIT.split(unicodedata.normalize("NFKC", text).casefold())
            if fold(n)}


def gold_author(value):
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


def author_match(ours, gold):
    if not ours:
        return False
    return fold(ours) == fold(gold) or names(ours) == names(gold)


def half(name):
    return "A" if hashlib.md5(name.encode()).digest()[0] % 2 == 0 else "B"


class Counts:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.title = [0, 0]
        self.date = [0, 0]
        self.author = [0, 0]

    def body(self, item, text):
        t = norm(text or "")
        for w in item["with"]:
            if norm(w) in t:
                self.tp += 1
            else:
                self.fn += 1
        for w in item["without"]:
            if norm(w) in t:
                self.fp += 1

    def meta(self, item, title, date, author):
        if item.get("title"):
            self.title[1] += 1
            self.title[0] += title is not None and fold(title) == fold(item["title"])
        if item.get("date"):
            self.date[1] += 1
            self.date[0] += date == item["date"]
        if gold_author(item.get("author")).strip():
            self.author[1] += 1
            self.author[0] += author_match(author, gold_author(item["author"]))

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def read_pages(corpus, evaldata):
    pages = {}
    for name in sorted(evaldata):
        with gzip.open(os.path.join(corpus, "pages", name + ".gz")) as f:
            pages[name] = f.read()
    return pages


def run_readability(html):
    from readability import Document
    import lxml.html
    doc = Document(html)
    summary = doc.summary()
    text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return text, doc.short_title()


def run_alltext(html):
    import lxml.html
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    return tree.text_content(), None


def run_python(name, fn, pages, evaldata, counts):
    seconds = 0.0
    for page, html in pages.items():
        start = time.process_time()
        try:
            text, title = fn(html)
        except Exception:          # a crash is a page with nothing found
            text, title = "", None
        seconds += time.process_time() - start
        for key in (half(page), "all"):
            counts[name][key].body(evaldata[page], text)
            counts[name][key].meta(evaldata[page], title, None, None)
    return seconds


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    details_path = None
    if "--details" in argv:
        details_path = argv[argv.index("--details") + 1]
        args.remove(details_path)
    corpus, trawl_jsonl, trawl_seconds = args[0], args[1], float(args[2])
    with open(os.path.join(corpus, "evaldata.json"), encoding="utf-8") as f:
        evaldata = json.load(f)
    pages = read_pages(corpus, evaldata)
    mb = sum(len(h) for h in pages.values()) / 1e6
    halves = ("A", "B", "all")
    counts = {}

    counts["trawl"] = {k: Counts() for k in halves}
    found = {}
    with open(trawl_jsonl, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            name = os.path.basename(rec["path"])
            found[name[:-3] if name.endswith(".gz") else name] = rec
    details = []
    for page in pages:
        rec = found.get(page, {})
        text = "\n".join(rec.get("body") or [])
        for key in (half(page), "all"):
            counts["trawl"][key].body(evaldata[page], text)
            counts["trawl"][key].meta(evaldata[page], rec.get("title"), rec.get("date"),
                                      rec.get("byline"))
        if details_path:
            t = norm(text)
            item = evaldata[page]
            missed = [w for w in item["with"] if norm(w) not in t]
            wrong = [w for w in item["without"] if norm(w) in t]
            meta = {}
            if item.get("title") and fold(rec.get("title")) != fold(item["title"]):
                meta["title"] = [rec.get("title"), item["title"]]
            if item.get("date") and rec.get("date") != item["date"]:
                meta["date"] = [rec.get("date"), item["date"]]
            ga = gold_author(item.get("author"))
            if ga.strip() and not author_match(rec.get("byline"), ga):
                meta["author"] = [rec.get("byline"), ga]
            details.append({"page": page, "half": half(page), "missed": missed,
                            "wrong": wrong, **meta})
    seconds = {"trawl": trawl_seconds}
    if "--readability" in argv:
        counts["readability-lxml"] = {k: Counts() for k in halves}
        seconds["readability-lxml"] = run_python("readability-lxml", run_readability, pages,
                                                 evaldata, counts)
    if "--alltext" in argv:
        counts["all text"] = {k: Counts() for k in halves}
        seconds["all text"] = run_python("all text", run_alltext, pages, evaldata, counts)

    n = {k: sum(1 for p in pages if k == "all" or half(p) == k) for k in halves}
    print(f"{len(pages)} pages ({n['A']} in half A, {n['B']} in half B), {mb:.1f} MB of HTML")
    print()
    print("| extractor | half | body P | body R | body F1 | title | date | author | MB/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in counts:
        for key in halves:
            c = counts[name][key]
            p, r, f = c.prf()

            def acc(pair, known=True):
                return f"{pair[0] / pair[1]:.3f} ({pair[0]}/{pair[1]})" if known and pair[1] else "-"
            is_trawl = name == "trawl"
            speed = f"{mb / seconds[name]:.1f}" if key == "all" and seconds[name] > 0 else ""
            print(f"| {name} | {key} | {p:.3f} | {r:.3f} | {f:.3f} | "
                  f"{acc(c.title, name != 'all text')} | {acc(c.date, is_trawl)} | "
                  f"{acc(c.author, is_trawl)} | {speed} |")
    if "readability-lxml" in seconds and seconds["trawl"] > 0:
        print()
        print(f"trawl extracts {seconds['readability-lxml'] / seconds['trawl']:.1f}x as fast "
              "as readability-lxml")
    if details_path:
        with open(details_path, "w", encoding="utf-8") as f:
            for d in details:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv)
