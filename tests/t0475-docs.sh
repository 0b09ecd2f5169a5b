#!/bin/sh
# t0475-docs.sh: the commands of the tutorials and of README's "Using it",
# run as written in a fresh directory against the seed corpus (and the
# shared test collections, when this set-up has them), so that a doc that
# fails as written fails make check.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

# A clone as a reader has it: corpus/ and build/ at the top, ../shared
# beside it when the test set-up has one; a home of its own.
clone=$tmp/clone
mkdir -p "$clone" "$tmp/home"
cp -r "$TRAWL_SRCDIR/corpus" "$clone/corpus"
ln -s "$TRAWL_BUILDDIR" "$clone/build"
shared=${TRAWL_SHARED:-$TRAWL_SRCDIR/../shared}
if [ -d "$shared" ]; then ln -s "$(cd "$shared" && pwd)" "$tmp/shared"; fi

# blocks FILE [SECTION]: the shell code of FILE (of its "## SECTION" only
# when given) as a script: each indented code block whose first word is a
# command, in order, with an "echo 'block N'" before it.  A block of
# "$ command" lines and their output becomes "check_example" calls.
blocks() {
    awk -v section="${2:-}" '
        BEGIN { in_section = section == "" }
        /^## / { in_section = section == "" || substr($0, 4) == section }
        !in_section { next }
        /^    / && prev_blank { block = block substr($0, 5) "\n"; next }
        /^    / && block != "" { block = block substr($0, 5) "\n"; next }
        {
            if (block != "") flush()
            prev_blank = ($0 == "")
        }
        END { if (block != "") flush() }
        function flush(   first, lines, n, i, cmd, out) {
            n = split(block, lines, "\n")
            first = lines[1]
            block = ""
            if (first ~ /^\$ /) {
                for (i = 1; i <= n; i++) {
                    if (lines[i] ~ /^\$ /) {
                        if (cmd != "") printf "check_example %s %s\n", q(cmd), q(out)
                        cmd = substr(lines[i], 3); out = ""
                    } else if (lines[i] != "")
                        out = out lines[i] "\n"
                }
                printf "check_example %s %s\n", q(cmd), q(out)
                return
            }
            if (first !~ /^(trawl-index|trawl-search|build\/trawl-|mkdir|cp|cd|export|printf|python3|[A-Z]+=|\$[A-Z]+\/)/)
                return
            printf "echo %s\n%s", q("block " ++count ": " first), substr(block_text(lines, n), 1)
        }
        function block_text(lines, n,   i, s) {
            for (i = 1; i <= n; i++) if (lines[i] != "") s = s lines[i] "\n"
            return s
        }
        function q(s) { gsub(/\047/, "\047\\\047\047", s); return "\047" s "\047" }
    ' "$1"
}

# check_example CMD OUTPUT: CMD's output and errors hold each line of OUTPUT.
check_example() {
    got=$(eval "$1" 2>&1 || true)
    printf '%s' "$2" | while IFS= read -r line; do
        case "$got" in
        *"$line"*) ;;
        *) echo "EXAMPLE: $1: no line '$line' in: $got" ;;
        esac
    done
}

# run_doc NAME SCRIPT: runs SCRIPT in the clone, stopping at the first
# command that fails; passes when it ran to its end with no example amiss.
run_doc() {
    printf 'set -e\nunset XDG_CONFIG_HOME\nHOME=%s\nexport HOME\ncd %s\n' "$tmp/home" "$clone" \
        > "$tmp/doc.sh"
    sed -n '/^check_example() {/,/^}/p' "$TRAWL_SRCDIR/tests/t0475-docs.sh" >> "$tmp/doc.sh"
    printf '%s\n' "$2" >> "$tmp/doc.sh"
    echo 'echo "END OF DOC"' >> "$tmp/doc.sh"
    set +e
    (sh "$tmp/doc.sh") > "$tmp/doc.out" 2>&1
    set -e
    result=$(cat "$tmp/doc.out")
    case "$result" in
    *"END OF DOC"*) unlike "$1 runs as written" "$result" "EXAMPLE:" ;;
    *) not_ok "$1 runs as written" "stopped after: $(grep '^block' "$tmp/doc.out" | tail -1)" \
           "$(tail -5 "$tmp/doc.out")" ;;
    esac
}

terminal=$(blocks "$TRAWL_SRCDIR/doc/tutorial-terminal.md" |
    sed "s|/tmp/news|$tmp/news|g")
like "doc/tutorial-terminal.md has commands" "$terminal" "trawl-index corpus/"
run_doc "doc/tutorial-terminal.md" "$terminal"

rm -rf "$tmp/home/.config"
using=$(blocks "$TRAWL_SRCDIR/README.md" "Using it")
like "README's Using it has commands" "$using" "build/trawl-index --db trawl.db corpus/"
run_doc "README.md, Using it" "$using"

if [ -d "$tmp/shared/corpora/cacm" ] && [ -x "$tmp/shared/tools/trec-eval" ]; then
    rm -rf "$tmp/home/.config"
    research=$(blocks "$TRAWL_SRCDIR/doc/tutorial-research.md" |
        sed "s|/tmp/cacm|$tmp/cacm|g")
    like "doc/tutorial-research.md has commands" "$research" "trec-eval"
    run_doc "doc/tutorial-research.md" "export PATH=$clone/build:\$PATH
$research"
else
    echo "# SKIP doc/tutorial-research.md: no ../shared test collections here"
fi

done_testing
