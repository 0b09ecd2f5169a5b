# copies-corpus.sh: sourced by tests: copies_corpus DIR writes one story
# and its re-publications (near-duplicates), a different story on the same
# subject and a note too short to sign; $story is the story's text.
# SPDX-License-Identifier: GPL-2.0-or-later
story='Ministers announced on Tuesday that the new hospital in the north of the city will open next spring, two years later than planned, after the builder went into administration and a second contractor was found. The trust said patients would keep using the old building until then. Local councillors criticised the delay and asked for an inquiry into how the contract was awarded. The health secretary said lessons would be learned.'
copies_corpus() {
    printf 'Date: 2015-03-10\nSource: Wire\n\nHospital delayed\n\n%s\n' "$story" > "$1/wire.txt"
    # A re-publication: new headline, a banner line, the last sentence cut.
    printf 'Date: 2015-03-11\nSource: Gazette\n\nNew hospital opening put back two years\n\nExclusive report.\n\n%s\n' \
        "${story% The health secretary*}" > "$1/gazette.txt"
    # Another: a few words changed.
    printf 'Date: 2015-03-12\nSource: Herald\n\nHospital opening delayed again\n\n%s\n' \
        "$(printf '%s' "$story" | sed 's/Tuesday/Wednesday/; s/next spring/in the spring/; s/councillors/politicians/')" \
        > "$1/herald.txt"
    # A different story on the same subject is no copy.
    printf 'Date: 2015-03-11\nSource: Wire\n\nHospital wins award\n\nThe trust that runs the old hospital in the north of the city won a national award for its maternity ward on Wednesday. Midwives said the prize recognised years of work despite the cramped building, which the new hospital will replace. The award comes with a grant for training.\n' \
        > "$1/award.txt"
    printf 'Date: 2015-03-13\n\nA short note\n\nToo short to sign.\n' > "$1/short.txt"
}
