# trawl.bash: bash completion for trawl-search and trawl-index.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Installed as completions/trawl-search and completions/trawl-index, which
# bash-completion loads when the command is first completed; or source it
# from ~/.bashrc.  Options come from the program's own --help and languages
# from trawl-index --list-languages, so they follow the program completed;
# the values of the options that take a fixed set are listed here (and
# tests/t0440-completion.sh checks them against the programs).

_trawl()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]} words=
    COMPREPLY=()

    # "--format=js": bash splits at '=' (COMP_WORDBREAKS).
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    case $prev in
    -f | --format) words='text json tsv csv trec kwic kwic-tsv kwic-csv' ;;
    --kwic-sort) words='left right none' ;;
    --color | --colour) words='auto always never' ;;
    --sort) words='relevance newest oldest -date date' ;;
    --duplicates) words='collapse keep' ;;
    --cite) words='text bibtex ris csl-json' ;;
    --count-by) words='year month source' ;;
    --fields)
        # A comma-separated list: complete its last item.
        local done_part=
        [[ $cur == *,* ]] && done_part=${cur%,*},
        COMPREPLY=($(compgen -P "$done_part" -W 'query_id query rank id score all_words
            title title_derived source date byline url meta path citation snippets copies' \
            -- "${cur##*,}"))
        return
        ;;
    -l | --language)
        words=$("$prog" --list-languages 2> /dev/null)
        ;;
    -d | --db | -b | --batch | --manifest)
        local IFS=$'\n'
        compopt -o filenames 2> /dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    -n | --limit | --offset | --snippet-chars | --k1 | --b | --run-tag | --show | \
        --accessed | -m | --memory | --lock-wait | --commit-every | --shards)
        return    # a number or a name: nothing to offer
        ;;
    esac
    if [[ -n $words ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$("$prog" --help 2> /dev/null |
            grep -o -- '--[a-z][a-z0-9-]*' | sort -u)" -- "$cur"))
    elif [[ ${prog##*/} == trawl-index ]]; then
        # The paths to index.
        local IFS=$'\n'
        compopt -o filenames 2> /dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _trawl trawl-search trawl-index
