#!/bin/sh
# t0450-config.sh: trawl-search's defaults from $XDG_CONFIG_HOME/trawl/config, and what wins.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$TRAWL_SRCDIR/tests/test-lib.sh"

db="$tmp/db"
trawl_index -q --db "$db" "$TRAWL_SRCDIR/corpus"
mkdir -p "$tmp/work" "$tmp/xdg/trawl"
cd "$tmp/work"    # no ./trawl.db here
XDG_CONFIG_HOME=$tmp/xdg
config=$XDG_CONFIG_HOME/trawl/config
esc=$(printf '\033')

run trawl_search bullying
expect_status "no config, no TRAWL_DB: ./trawl.db" 2
is "... which is missing here" "$err" "trawl-search: error: no index at 'trawl.db': run trawl-index first"

cat > "$config" <<END
# defaults for trawl-search
db = $db
limit = 1
format = tsv
color = always
END
run trawl_search area teams
expect_status "the config's db is used" 0
is "limit and format come from the config" "$out" "$(printf 'query_id\trank\tscore\tid\ttitle\tsource\tdate\tcitation')
$(trawl_search --db "$db" --format tsv --limit 1 area teams | sed 1d)"
is "a good config gives no warning" "$err" ""

run trawl_search --limit 2 --format text --color never area teams
like "--format wins over format" "$out" "[2] "
unlike "--color wins over color" "$out" "$esc"
run trawl_search --format text area teams
like "color = always colours piped output" "$out" "$esc["
unlike "--limit absent: limit = 1 applies" "$out" "[2] "

run env TRAWL_DB="$tmp/from-env" "$TRAWL_SEARCH" bullying
is "TRAWL_DB wins over db" "$err" "trawl-search: error: no index at '$tmp/from-env': run trawl-index first"
run env TRAWL_DB="$tmp/from-env" "$TRAWL_SEARCH" --db "$tmp/from-option" bullying
is "--db wins over TRAWL_DB and db" "$err" \
    "trawl-search: error: no index at '$tmp/from-option': run trawl-index first"
run env TRAWL_DB= "$TRAWL_SEARCH" --count bullying
is "an empty TRAWL_DB does not hide db" "$out" "1"

cat > "$config" <<END
db = $db
colour = never
limit = ten
format = xml
color = sometimes
verbose
limit = 2
END
run trawl_search --format tsv --fields id area teams
expect_status "bad lines do not stop the search" 0
is "each bad line is a warning naming the file and line (colour is as good as color)" "$err" \
"trawl-search: warning: $config:3: limit: 'ten' is not a number from 0 to 10000; line ignored
trawl-search: warning: $config:4: format: 'xml' is not one of text, json, tsv, csv, trec, kwic, kwic-tsv, kwic-csv; line ignored
trawl-search: warning: $config:5: color: 'sometimes' is not one of auto, always, never; line ignored
trawl-search: warning: $config:6: expected 'key = value'; line ignored"
is "the good lines still apply" "$out" "id
002_7add833defd93f9a.txt
003_991a6bc901fd0169.txt"

# Without XDG_CONFIG_HOME (or with a relative one): ~/.config.
mkdir -p "$tmp/home/.config/trawl"
printf 'db = %s\nlimit = 3\n' "$db" > "$tmp/home/.config/trawl/config"
run env -u XDG_CONFIG_HOME HOME="$tmp/home" "$TRAWL_SEARCH" --format tsv --fields rank area
is "~/.config/trawl/config when XDG_CONFIG_HOME is unset" "$out" "rank
1
2
3"
run env XDG_CONFIG_HOME=relative/dir HOME="$tmp/home" "$TRAWL_SEARCH" --format tsv --fields rank area
is "a relative XDG_CONFIG_HOME is ignored" "$out" "rank
1
2
3"

rm "$config"
mkdir "$config"
run trawl_search --db "$db" --count area
is "a config that cannot be read: a warning" "$err" \
    "trawl-search: warning: cannot read the config '$config': Is a directory; the rest is ignored"
is "... and the search runs" "$out" "5"

done_testing
