# mix-corpus.sh: the mixed corpus of the scaling benchmarks (sourced).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Needs $corpora (../shared/corpora) and $work.  mix_corpus PERCENT DIR
# makes DIR afresh from the first PERCENT of GCIDE (126,236 dictionary
# entries, JSON Lines), 20 Newsgroups (19,997 posts, JSON Lines), BBC News
# (2,225 .txt files) and SpamAssassin (6,046 raw mail messages): 154,504
# documents at 100%: lines of the JSON Lines, files in sorted order.

if [ ! -d "$work/spamassassin" ]; then
    tar -xzf "$corpora/spamassassin/spamassassin.tar.gz" -C "$work"
fi

# first_files PERCENT SRC DEST: copies the first PERCENT of the files under
# SRC (sorted) to DEST, keeping their paths.
first_files() {
    total=$(cd "$2" && find . -type f -name '*.txt' | wc -l)
    (cd "$2" && find . -type f -name '*.txt' | sort | head -n $((total * $1 / 100)) |
        tar -cf - -T -) | (mkdir -p "$3" && cd "$3" && tar -xf -)
}

# first_lines PERCENT GZ DEST: the first PERCENT of the lines of GZ.
first_lines() {
    total=$(zcat "$2" | wc -l)
    zcat "$2" | head -n $((total * $1 / 100)) > "$3"
}

mix_corpus() {
    rm -rf "$2"
    mkdir -p "$2"
    first_lines "$1" "$corpora/gcide/docs.jsonl.gz" "$2/gcide.jsonl"
    first_lines "$1" "$corpora/20newsgroups/docs.jsonl.gz" "$2/20newsgroups.jsonl"
    first_files "$1" "$corpora/bbc-news/bbc" "$2/bbc"
    first_files "$1" "$work/spamassassin" "$2/spamassassin"
}
