#!/bin/sh
# t0460-terminal.sh: trawl-search at a terminal: a pager, text folded at word
# boundaries to the width, under a real pseudo-terminal (script(1), tmux).
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

db="$tmp/db"
trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
unset PAGER TRAWL_PAGER LESS COLUMNS

# on_tty CMD: the shell command CMD run with its standard output on a
# pseudo-terminal; its output (CR LF made LF) in $out, status in $status.
on_tty() {
    set +e
    script -qec "$1" /dev/null < /dev/null > "$tmp/.tty" 2>&1
    status=$?
    set -e
    out=$(tr -d '\r' < "$tmp/.tty")
}

# The first two hits for "government" folded to 80 columns: no word, no
# character and no **highlight** split, each hit's lines at its indent.
wrapped80='3 matches in 3 stories

[1] Clinical commissioning groups have become concerned about the burden of
    being… (no headline: first sentence)
    HSJ | date unknown | 000_2d5cabb33bf2183e.txt | score 0.341
    ¶13: Sarah Pinto-Duschinsky, director of NHS operations and delivery, said:
    “It’s good news the local NHS in many areas is working with hospitals, the
    ambulance service and local **government** to provide seamless and effective
    care for patients. However, we know this isn’t the case in every part of the
    country.
    Cite: “Clinical commissioning groups have become concerned about the burden
    of being…” HSJ, n.d. 000_2d5cabb33bf2183e.txt, ¶13.

[2] CCG leaders: ‘Worryingly fast’ move to hand commissioning powers to ICSs
    Pulse | date unknown | 001_385728fb073913cc.txt | score 0.298
    ¶5: It said in its response: ‘Option 2 (statutory footing to ICSs) was a big
    step for members to consider, as it felt less place led, the pace of change
    was also worryingly fast and the proposals effectively end the current
    **governance** arrangements for CCGs.’
    Cite: “CCG leaders: ‘Worryingly fast’ move to hand commissioning powers to
    ICSs.” Pulse, n.d. 001_385728fb073913cc.txt, ¶5.'
search="$TRAWL_SEARCH --db $db --color never --limit 2 government"

# Piped: neither folded nor paged.
run env TRAWL_PAGER="sed s/^/P:/" $search
unlike "piped output does not go through the pager" "$out" "P:"
like "piped output is not folded" "$out" \
    "¶13: Sarah Pinto-Duschinsky, director of NHS operations and delivery, said: “It’s"

if ! command -v script > /dev/null 2>&1 || ! script -qec true /dev/null < /dev/null \
        > /dev/null 2>&1; then
    echo "# SKIP no script(1) to make a pseudo-terminal"
    done_testing
    exit
fi

on_tty "COLUMNS=80 TRAWL_PAGER=cat $search"
is "on a terminal, text is folded to COLUMNS at word boundaries" "$out" "$wrapped80"
expect_status "... and the status is the search's" 0

on_tty "stty cols 60; TRAWL_PAGER=cat $search"
widest=$(printf '%s\n' "$out" | LC_ALL=C.UTF-8 wc -L)
is "no COLUMNS: the terminal's width (TIOCGWINSZ)" "$widest" 60
on_tty "stty cols 0 2>/dev/null; TRAWL_PAGER=cat $search"
is "a terminal of no width, no COLUMNS: 80" "$out" "$wrapped80"

on_tty "COLUMNS=80 TRAWL_PAGER='sed s/^/P:/' $search"
is "TRAWL_PAGER pages the results (folded first)" "$out" \
    "$(printf '%s\n\n' "$wrapped80" | sed 's/^/P:/')"
on_tty "COLUMNS=80 PAGER='sed s/^/Q:/' $search"
like "else PAGER" "$out" "Q:[1] Clinical"
on_tty "COLUMNS=80 PAGER='sed s/^/Q:/' TRAWL_PAGER='sed s/^/P:/' $search"
like "TRAWL_PAGER wins over PAGER" "$out" "P:[1] Clinical"
on_tty "COLUMNS=80 PAGER='sed s/^/Q:/' $search --no-pager"
is "--no-pager: none" "$out" "$wrapped80"
on_tty "COLUMNS=80 PAGER= $search"
is "an empty PAGER: none" "$out" "$wrapped80"
mkdir -p "$XDG_CONFIG_HOME/trawl"
echo "pager = none" > "$XDG_CONFIG_HOME/trawl/config"
on_tty "COLUMNS=80 PAGER='sed s/^/Q:/' $search"
is "config pager = none: none, whatever PAGER says" "$out" "$wrapped80"
echo "pager = sed s/^/C:/" > "$XDG_CONFIG_HOME/trawl/config"
on_tty "COLUMNS=80 PAGER='sed s/^/Q:/' $search"
like "a config pager wins over PAGER" "$out" "C:[1] Clinical"
on_tty "COLUMNS=80 TRAWL_PAGER='sed s/^/P:/' $search"
like "... and TRAWL_PAGER over the config" "$out" "P:[1] Clinical"
rm "$XDG_CONFIG_HOME/trawl/config"
on_tty "COLUMNS=80 PAGER='sed s/^/Q:/' $TRAWL_SEARCH --db $db --count government"
is "--count is not paged" "$out" "3"
on_tty "COLUMNS=30 TRAWL_PAGER=cat $search --format json --limit 1"
like "JSON is not folded" "$out" '{"trawl_query":{"query_id":"1","matches":3,'
on_tty "COLUMNS=50 TRAWL_PAGER=cat $TRAWL_SEARCH --db $db --color always '\"local government\"'"
like "a coloured highlight is never split, its escapes take no columns" "$out" "
    $(printf '\033[1;31mlocal government\033[0m') to provide seamless and"
on_tty "COLUMNS=50 TRAWL_PAGER=cat $TRAWL_SEARCH --db $db --color never '\"local government\"'"
like "a marked phrase is never split" "$out" "
    **local government** to provide seamless and"
on_tty "COLUMNS=60 TRAWL_PAGER=cat $TRAWL_SEARCH --db $db --color never --show 001_385728fb073913cc"
like "--show is folded, paragraphs at a hanging indent" "$out" \
"¶1 CCG leaders are concerned about the ‘worryingly fast’
    pace at which NHS England proposes to hand over"

# tmux: what a person sees in an 80-column terminal, through the default
# pager (less -FRX: it quits as the results fit the 50 rows).
if command -v tmux > /dev/null 2>&1 && command -v less > /dev/null 2>&1; then
    sock="trawl-t0460-$$"
    if tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 50 \
        "env -u COLUMNS LC_ALL=C.UTF-8 TERM=xterm $search; echo END; sleep 30" 2> /dev/null; then
        i=0
        while [ $i -lt 100 ]; do
            screen=$(tmux -L "$sock" capture-pane -p 2>/dev/null || true)
            case "$screen" in *END*) break ;; esac
            sleep 0.1
            i=$((i + 1))
        done
        tmux -L "$sock" kill-server 2>/dev/null || true
        is "tmux at 80 columns: the screen shows the folded lines" \
            "$(printf '%s\n' "$screen" | sed -n '/^3 matches in 3 stories/,/ICSs.” Pulse/p')" "$wrapped80"
    else
        echo "# SKIP tmux cannot start a server here"
    fi
else
    echo "# SKIP no tmux or less: the tmux check"
fi

done_testing
