#!/usr/bin/env python3
# jsonl-to-files.py: JSON Lines articles on stdin to one .txt file each under DIR.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: zcat docs.jsonl.gz | bench/jsonl-to-files.py DIR
#
# Each record becomes DIR/<id>.txt: its title, a blank line, its text (as
# the corpora's READMEs show), for engines that read plain files (omindex,
# the FTS5 and Xapian peers of the benchmarks).
import json
import os
import sys

out = sys.argv[1]
for line in sys.stdin:
    d = json.loads(line)
    path = os.path.join(out, d["id"] + ".txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write((d["title"] + "\n\n" if d["title"] else "") + d["text"] + "\n")
