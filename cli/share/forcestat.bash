# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for forcestat.  Everything offered is read from the
# installed program itself, so it never offers what is not there and a
# new command, chart kind, method or option needs no edit here:
#   - the commands: the Commands block of `forcestat --help`;
#   - a command's options: the Options block of `forcestat COMMAND --help`
#     (for `chart KIND`, less the options its "only some charts take"
#     block gives to other kinds alone; `chart spine` has its own help);
#   - option values from the tables of kinds (`forcestat __complete KEY`:
#     --format, --method, --overdispersion, and chart kinds), force names
#     for --highlight and --forces (`forcestat forces --format csv`), a
#     CSV file's column names for the options that take a column (COL in
#     the help), and files for the rest.

# The option words of a help's Options block (the left-hand column).
_forcestat_options() {
    awk '/^Options:/ { on = 1; next }
         on && NF == 0 { on = 0 }
         on && /^  -/ {
             line = substr($0, 3)
             cut = index(line, "  ")
             if (cut > 0) line = substr(line, 1, cut - 1)
             n = split(line, w, /[ ,]+/)
             for (i = 1; i <= n; i++) if (w[i] ~ /^-/) print w[i]
         }'
}

# The options of chart kind $2 from `chart --help` on stdin: all of its
# Options but those its table gives to other kinds only.
_forcestat_chart_options() {
    awk -v kind="$1" '
        /^Options:/ { opts = 1; next }
        opts && NF == 0 { opts = 0 }
        opts && /^  -/ {
            line = substr($0, 3)
            cut = index(line, "  ")
            if (cut > 0) line = substr(line, 1, cut - 1)
            n = split(line, w, /[ ,]+/)
            for (i = 1; i <= n; i++) if (w[i] ~ /^-/) all[w[i]] = 1
        }
        /^The options only some charts take/ { some = 1; next }
        some && NF == 0 && seen { some = 0 }
        some && /^  [a-z]/ { cur = $1; seen = 1 }
        some && /--/ {
            n = split($0, w, /[ ,]+/)
            for (i = 1; i <= n; i++)
                if (w[i] ~ /^--/) { listed[w[i]] = 1; if (cur == kind) mine[w[i]] = 1 }
        }
        END {
            for (o in all) if (!(o in listed)) print o
            for (o in mine) print o
        }' | sort -u
}

# The options of the help on stdin that take a column (COL).
_forcestat_column_options() {
    awk '/^Options:/ { on = 1; next }
         on && NF == 0 { on = 0 }
         on && /^  -/ && / COL/ {
             line = substr($0, 3)
             cut = index(line, "  ")
             if (cut > 0) line = substr(line, 1, cut - 1)
             n = split(line, w, /[ ,]+/)
             for (i = 1; i <= n; i++) if (w[i] ~ /^--/) print w[i]
         }'
}

# Fills COMPREPLY with the lines of $1 that begin with $2 (lines may hold
# spaces: force names).
_forcestat_reply() {
    local IFS=$'\n' word
    COMPREPLY=()
    for word in $1; do
        [[ $word == "$2"* ]] && COMPREPLY+=("$3$word")
    done
}

_forcestat() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prog=${COMP_WORDS[0]}
    local prev=
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # What was typed, without the quote or the backslashes before spaces
    # that readline keeps.
    cur=${cur#[\"\']}
    cur=${cur//\\ / }
    if [ "$COMP_CWORD" -eq 1 ]; then
        local cmds
        cmds=$("$prog" --help 2>/dev/null | awk '/^Commands:/ { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }')
        _forcestat_reply "$cmds"$'\n'"-h"$'\n'"--help"$'\n'"-V"$'\n'"--version" "$cur"
        return
    fi
    local cmd=${COMP_WORDS[1]} kind=
    if [ "$cmd" = chart ]; then
        if [ "$COMP_CWORD" -eq 2 ]; then
            _forcestat_reply "$("$prog" __complete chart 2>/dev/null)"$'\n'"-h"$'\n'"--help"$'\n'"-V"$'\n'"--version" "$cur"
            return
        fi
        kind=${COMP_WORDS[2]}
    fi
    local help
    if [ -n "$kind" ]; then
        help=$("$prog" chart "$kind" --help 2>/dev/null)
    else
        help=$("$prog" "$cmd" --help 2>/dev/null)
    fi
    # An option's value.
    if [[ $prev == --* ]]; then
        local values
        case $prev in
        --highlight | --forces)
            values=$("$prog" forces --format csv 2>/dev/null | awk -F, 'NR > 1 { print $3 }')
            if [ "$prev" = --forces ] && [[ $cur == *,* ]]; then
                _forcestat_reply "$values" "${cur##*,}" "${cur%,*},"
            else
                _forcestat_reply "$values" "$cur"
            fi
            return
            ;;
        esac
        if values=$("$prog" __complete "$prev" 2>/dev/null); then
            _forcestat_reply "$values" "$cur"
            return
        fi
        if _forcestat_column_options <<<"$help" | grep -qxF -- "$prev"; then
            # The columns of the first CSV file named on the line.
            local w file=
            for w in "${COMP_WORDS[@]:2}"; do
                [[ $w == *.csv && -f $w ]] && { file=$w; break; }
            done
            if [ -n "$file" ]; then
                _forcestat_reply "$(head -n 1 -- "$file" | tr -d '\r"' | tr ',' '\n')" "$cur"
                return
            fi
        fi
    fi
    if [[ $cur == -* ]]; then
        local opts
        if [ -n "$kind" ] && [ "$kind" != spine ]; then
            opts=$("$prog" chart --help 2>/dev/null | _forcestat_chart_options "$kind")
        else
            opts=$(_forcestat_options <<<"$help")
        fi
        _forcestat_reply "$opts" "$cur"
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}
complete -o filenames -F _forcestat forcestat
