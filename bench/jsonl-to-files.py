#!/usr/bin/env python3
# jsonl-to-files.py: JSON Lines articles on stdin to one .txt file each under DIR.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: zcat docs.jsonl.gz | bench/jsonl-to-files.py [--fields] DIR
#
# Each record becomes DIR/<id>.txt: its title, a blank line, its text (as
# the corpora's READMEs show), for engines that read plain files (omindex,
# the FTS5 and Xapian peers of the benchmarks).  With --fields the record's
# other string members (20 Newsgroups: headers, from, url, category), which
# trawl-index indexes as fields, follow the text after a line holding only
# a form feed, one "key: value" each: for xapian-floor --fields, so that the
# floor indexes the text trawl does.
import json
import os
import sys

args = sys.argv[1:]
fields = args[:1] == ["--fields"]
if fields:
    args = args[1:]
if len(args) != 1:
    sys.exit("usage: jsonl-to-files.py [--fields] DIR < FILE.jsonl")
out = args[0]
for line in sys.stdin:
    d = json.loads(line)
    path = os.path.join(out, d["id"] + ".txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write((d["title"] + "\n\n" if d["title"] else "") + d["text"] + "\n")
        if fields:
            f.write("\f\n")
            for key, value in d.items():
                if key not in ("id", "title", "text", "date") and isinstance(value, str):
                    f.write(f"{key}: {value}\n")
