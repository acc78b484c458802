#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# completion.sh FORCESTAT SOURCE_DIR: the bash completion
# (cli/share/forcestat.bash) run as bash runs it, COMP_WORDS and
# COMP_CWORD driving _forcestat, against the program's own tables and
# helps.  The commands, with -h, --help, -V and --version; option values
# from the tables of kinds (--format, --method, --overdispersion, chart
# kinds); force names after --highlight and --forces (a prefix, and after
# a comma); a CSV file's columns after an option that takes one (--force);
# and for each command, and each chart kind, only the options it takes.
# Also that every command takes -h, -V and --version.
set -u
fs=$1 src=$2
fail=0 n=0
bad() { echo "FAIL $*"; fail=1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# What the completion offers for the words given (the last one the
# cursor's), one a line.
offers() {
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _forcestat
             printf "%s\n" "${COMPREPLY[@]}"' _ "$src/cli/share/forcestat.bash" "$fs" "$@"
}
same() { # WHAT WANT GOT: the same lines, in any order
    n=$((n + 1))
    [ "$(sort <<<"$2")" = "$(sort <<<"$3")" ] || bad "$1: offered '$(paste -sd' ' <<<"$3")', want '$(paste -sd' ' <<<"$2")'"
}
has() { n=$((n + 1)); grep -qxF -- "$2" <<<"$3" || bad "$1: '$2' not offered"; }
lacks() { n=$((n + 1)); ! grep -qxF -- "$2" <<<"$3" || bad "$1: '$2' offered"; }

n=$((n + 1))
[ "$(bash -c '. "$1"; complete -p forcestat' _ "$src/cli/share/forcestat.bash")" = "complete -o filenames -F _forcestat forcestat" ] ||
    bad "complete -p forcestat: not the function _forcestat with -o filenames"
cmds=$("$fs" --help | awk '/^Commands:/ { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }')
same "forcestat <TAB>" "$cmds"$'\n-h\n--help\n-V\n--version' "$(offers "")"
same "forcestat re<TAB>" "$(grep '^re' <<<"$cmds")" "$(offers re)"
same "--format <TAB>" "$("$fs" __complete --format)" "$(offers outliers --format "")"
same "--format j<TAB>" "json" "$(offers forces --format j)"
same "--method <TAB>" "$("$fs" __complete --method)" "$(offers ci --method "")"
same "--overdispersion <TAB>" "$("$fs" __complete --overdispersion)" "$(offers funnel --overdispersion "")"
same "chart <TAB>" "$("$fs" __complete chart)"$'\n-h\n--help\n-V\n--version' "$(offers chart "")"
# Force names, from the registry (forcestat forces), with a prefix.
same "--highlight Es<TAB>" "Essex" "$(offers chart bar --highlight Es)"
same "--highlight 'Avon a<TAB>" "Avon and Somerset" "$(offers report --highlight "'Avon a")"
same "--forces Kent,Es<TAB>" "Kent,Essex" "$(offers report --forces Kent,Es)"
[ "$(offers report --highlight "" | wc -l)" = 43 ] || bad "--highlight <TAB>: not the 43 forces"
# --force names a column: the columns of the CSV file on the line.
printf 'name,force_name,value\nKent,Kent,1\n' >"$data/t.csv"
same "--force f<TAB>" "force_name" "$(offers outliers "$data/t.csv" --force f)"
same "--value <TAB>" $'name\nforce_name\nvalue' "$(offers outliers "$data/t.csv" --value "")"
# Each command: its own options, from its help's Options, and no other's.
for cmd in $cmds; do
    got=$(offers "$cmd" -)
    want=$("$fs" "$cmd" --help | awk '/^Options:/ { on = 1; next } on && NF == 0 { on = 0 } on' |
        grep -oE -- '(^|[ ,])--?[a-zA-Z][a-z-]*' | sed 's/^[ ,]*//' | sort -u)
    for opt in -h -V --help --version; do has "forcestat $cmd -<TAB>" "$opt" "$got"; done
    for opt in $got; do
        n=$((n + 1))
        grep -qxF -- "$opt" <<<"$want" || bad "forcestat $cmd -<TAB> offers $opt, which its help's Options lack"
    done
    # -h, -V and --version on every command.
    n=$((n + 1))
    "$fs" "$cmd" -h | grep -q "^Usage: forcestat $cmd" || bad "forcestat $cmd -h: no usage"
    for v in -V --version; do
        n=$((n + 1))
        [ "$("$fs" "$cmd" $v | head -n 1)" = "$("$fs" --version | head -n 1)" ] || bad "forcestat $cmd $v: not the version"
    done
done
n=$((n + 1))
[ "$("$fs" -V)" = "$("$fs" --version)" ] || bad "forcestat -V: not forcestat --version"
lacks "outliers --<TAB>" "--numerator" "$(offers outliers --)"
# Chart kinds: spine its own options; the others theirs from the table.
spine=$(offers chart spine --)
same "chart spine --<TAB>" "$("$fs" chart spine --help | awk '/^Options:/ { on = 1; next } on && NF == 0 { on = 0 } on' |
    grep -oE -- '^  (-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+')" "$spine"
[ "$(wc -l <<<"$spine")" -le 10 ] || bad "chart spine --<TAB>: $(wc -l <<<"$spine") options"
bar=$(offers chart bar --)
has "chart bar --<TAB>" --sort "$bar"
has "chart bar --<TAB>" --per "$bar"
lacks "chart bar --<TAB>" --compare "$bar"
lacks "chart bar --<TAB>" --xlabel "$bar"
has "chart trend --<TAB>" --compare "$(offers chart trend --)"
lacks "chart trend --<TAB>" --sort "$(offers chart trend --)"
has "chart funnel --<TAB>" --overdispersion "$(offers chart funnel --)"
lacks "chart spc --<TAB>" --overdispersion "$(offers chart spc --)"
for kind in $("$fs" __complete chart); do
    n=$((n + 1))
    "$fs" chart "$kind" -V | grep -q '^forcestat ' || bad "forcestat chart $kind -V: no version"
done
[ $fail = 0 ] && echo "ok   $n completion and convention checks"
exit $fail
