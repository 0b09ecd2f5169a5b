# doc-lib.sh: running the commands of a document as written (sourced after
# test-lib.sh), for the tests that keep README and doc/*.md true.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The set-up is a clone as a reader has it: $clone holds corpus/ and build/
# at the top, $tmp/shared is ../shared beside it when the test set-up has
# one, $tmp/home a home of its own.
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
            if (first ~ /^# / && n > 1) first = lines[2]   # a comment naming the machine
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
            if (first !~ /^(trawl-index|trawl-search|build\/trawl-|mkdir|cp|cd|export|printf|python3|[A-Z]+=|\$[A-Z]+\/|cat|wget|curl|kill|xapian-|\/usr\/sbin\/)/)
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

# run_doc NAME SCRIPT: runs SCRIPT (doc_exec), then passes when it ran to
# its end with no example amiss (doc_report).
run_doc() {
    doc_exec "$2"
    doc_report "$1"
}

# doc_exec SCRIPT: runs SCRIPT in the clone with bash (the reader's
# interactive shell: `kill %1` works there, not in dash), stopping at the
# first command that fails (trawl-search's 1, nothing found, is no
# failure); its output in $tmp/doc.out.  Whatever SCRIPT left running is
# stopped with it: it runs in a session of its own.
doc_exec() {
    # Exit status 1 is trawl's "nothing found" (grep's): a search or
    # listing that finds nothing goes on, and so does wget's 8 (a server
    # answered an error: the tutorials say so); any other failure stops
    # the doc.
    printf '%s\n' 'unset XDG_CONFIG_HOME' "HOME=$tmp/home" 'export HOME' "cd $clone" \
        'trap '\''rc=$?; case "$rc:$BASH_COMMAND" in 1:trawl-search*|1:build/trawl-search*|8:wget*) ;; *) echo "FAILED ($rc): $BASH_COMMAND"; exit "$rc" ;; esac'\'' ERR' \
        > "$tmp/doc.sh"
    sed -n '/^check_example() {/,/^}/p' "$TRAWL_SRCDIR/tests/doc-lib.sh" >> "$tmp/doc.sh"
    printf '%s\n' "$1" >> "$tmp/doc.sh"
    echo 'echo "END OF DOC"' >> "$tmp/doc.sh"
    set +e
    setsid bash "$tmp/doc.sh" > "$tmp/doc.out" 2>&1 < /dev/null &
    doc_pid=$!
    wait "$doc_pid"
    kill -- "-$doc_pid" 2>/dev/null
    set -e
}

# doc_report NAME: the verdict on the last doc_exec.
doc_report() {
    result=$(cat "$tmp/doc.out")
    case "$result" in
    *"END OF DOC"*) unlike "$1 runs as written" "$result" "EXAMPLE:" ;;
    *) not_ok "$1 runs as written" "stopped after: $(grep '^block' "$tmp/doc.out" | tail -1)" \
           "$(tail -5 "$tmp/doc.out")" ;;
    esac
}

