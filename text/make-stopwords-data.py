#!/usr/bin/python3
# make-stopwords-data.py: text/stopwords-data.c from Snowball's stop lists.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Usage: text/make-stopwords-data.py DIR > text/stopwords-data.c
# where DIR holds LANGUAGE/stop.txt for each language, as the Snowball
# website's repository has them (github.com/snowballstem/snowball-website,
# algorithms/LANGUAGE/stop.txt).  Each list: a word at the start of a line,
# '|' starts a comment.  English is not made here: text/stopwords.c keeps
# trawl's shorter English list, measured on the relevance collections.
import os, sys

LANGUAGES = ["danish", "dutch", "finnish", "french", "german", "hungarian", "indonesian",
             "irish", "italian", "norwegian", "portuguese", "russian", "spanish", "swedish"]

def words(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        word = line.split("|", 1)[0].strip()
        if word and not line[:1].isspace():
            out.add(word.lower())
    return sorted(out, key=lambda w: w.encode("utf-8"))

def c_string(w):
    return '"' + "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else
                         "".join("\\%03o" % b for b in c.encode("utf-8")) for c in w) + '"'

print("""/* stopwords-data.c: Snowball's stop word lists, made by make-stopwords-data.py.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Do not edit: regenerate from the Snowball website's lists
 * (github.com/snowballstem/snowball-website, algorithms/LANGUAGE/stop.txt).
 * The lists are covered by Snowball's licence:
 *
 * Copyright (c) 2001, Dr Martin Porter,
 * Copyright (c) 2002, Richard Boulton.
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are
 * met: 1. Redistributions of source code must retain the above copyright
 * notice, this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright
 * notice, this list of conditions and the following disclaimer in the
 * documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its
 * contributors may be used to endorse or promote products derived from
 * this software without specific prior written permission.
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS
 * IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO,
 * THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR
 * PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
 * CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
 * EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
 * PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR
 * PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF
 * LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING
 * NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
 * SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
#include <stddef.h>

#include "stopwords.h"
""")
for lang in LANGUAGES:
    ws = words(os.path.join(sys.argv[1], lang, "stop.txt"))
    print("static const char *const %s[] = {" % lang)
    line = "   "
    for w in ws:
        item = " " + c_string(w) + ","
        if len(line) + len(item) > 78:
            print(line)
            line = "   "
        line += item
    print(line)
    print("};\n")
print("/* Sorted by name, for stoplist_builtin(). */")
print("const stoplist_entry_t stoplist_builtins[] = {")
for lang in LANGUAGES:
    print('    { "%s", { %s, sizeof %s / sizeof %s[0], NULL } },' % (lang, lang, lang, lang))
print("};")
print("const size_t stoplist_builtin_count = sizeof stoplist_builtins / sizeof stoplist_builtins[0];")
