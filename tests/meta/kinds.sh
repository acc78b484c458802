#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# kinds.sh FORCESTAT SOURCE_DIR [MAN_DIR]: no table of kinds drifts from
# what documents or offers it.  The rows come from the program itself
# (`forcestat __complete KEY --rows`, which prints the tables of
# stats/render/kinds.c); every row must be
#   - in the --help that lists its choices (the main help lists every
#     chart kind, `chart --help` describes it; `ci` and `proportions` list
#     every method; `funnel` every over-dispersion adjustment; `spc` every
#     rule; no command's usage line offers a --format the table lacks);
#   - in the man page made from that help (MAN_DIR; skipped without one,
#     a failure in CI);
#   - in the bash completion (cli/share/forcestat.bash, run as bash runs it);
#   - for a chart kind, its template in plots/; every other template in
#     plots/ (a shared piece) is listed in plots/README.md.
set -u
fs=$1 src=$2 man=${3:-}
fail=0 n=0
bad() { echo "FAIL $*"; fail=1; }
rows() { "$fs" __complete "$1" --rows; }
names() { "$fs" __complete "$1"; }
# The man page as plain text: help2man's escapes and fonts dropped.
manpage() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$man/$1.1"; }
# What the completion offers: COMP_WORDS as given, the last word the cursor's.
complete_words() {
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _forcestat
             printf "%s\n" "${COMPREPLY[@]}"' _ "$src/cli/share/forcestat.bash" "$fs" "$@"
}
has_line() { grep -qxF -- "$1"; }  # a whole line
has_word() { grep -qwF -- "$1"; }  # a whole word
if [ -z "$man" ] || [ ! -s "$man/forcestat.1" ]; then
    if [ "${CI:-}" = true ]; then bad "no manual pages in '$man', but CI must have them"; fi
    man=""
    echo "note no manual pages: their checks are skipped"
fi
keys=$("$fs" __complete) || { bad "forcestat __complete failed"; exit 1; }
for key in chart --method --overdispersion spc-rules --format; do
    has_line "$key" <<<"$keys" || bad "no table '$key' in forcestat __complete"
done
main_help=$("$fs" --help)
charts_block=$(awk '/^Charts/ { on = 1; next } on && NF == 0 { on = 0 } on' <<<"$main_help")
while IFS=$'\t' read -r name what file; do
    n=$((n + 1))
    # A name as wide as the column or wider stands two spaces from its line.
    gap=" "; [ ${#name} -ge 10 ] && gap="  "
    has_line "    $(printf '%-10s' "$name")$gap$what" <<<"$charts_block" || bad "chart '$name' not in the main help's Charts"
    # Described by hand at the start of a line, or listed with its options
    # from the table (the "only some charts take" block, two spaces in).
    grep -qE "^( {2})?$name( |\$)" < <("$fs" chart --help) || bad "chart '$name' not described in chart --help"
    has_line "$name" < <(complete_words chart "") || bad "chart '$name' not completed"
    [ -f "$src/plots/$file" ] || bad "chart '$name': its template plots/$file is missing"
    if [ -n "$man" ]; then
        has_line "$name" < <(manpage forcestat) || bad "chart '$name' not in forcestat(1)"
        has_line "$what" < <(manpage forcestat) || bad "chart '$name''s line not in forcestat(1)"
    fi
done < <(rows chart)
# Every template in plots/ is a chart kind's (its row names it) or a shared
# piece listed in plots/README.md.
kind_templates=$(rows chart | cut -f3)
for gp in "$src"/plots/*.gp; do
    has_line "$(basename "$gp")" <<<"$kind_templates" ||
        grep -qF "| \`$(basename "$gp")\`" "$src/plots/README.md" ||
        bad "plots/$(basename "$gp") is no chart kind's template and plots/README.md lacks it"
done
# A table's names in a command's help and man page, and the completion
# after its option.  $1 key, $2 option (or ""), then the commands.
check_table() {
    local key=$1 opt=$2; shift 2
    local name cmd
    for name in $(names "$key"); do
        n=$((n + 1))
        for cmd in "$@"; do
            "$fs" "$cmd" --help | has_word "$name" || bad "$key '$name' not in $cmd --help"
            if [ -n "$man" ]; then
                manpage "forcestat-$cmd" | has_word "$name" || bad "$key '$name' not in forcestat-$cmd(1)"
            fi
            if [ -n "$opt" ]; then
                has_line "$name" < <(complete_words "$cmd" "$opt" "") ||
                    bad "$key '$name' not completed after $cmd $opt"
            fi
        done
    done
}
check_table --method --method ci proportions
check_table --overdispersion --overdispersion funnel
check_table spc-rules "" spc
# The help of ci lists each method on a line of its own, with its description.
while IFS=$'\t' read -r name what _; do
    grep -qE "^  $name +" < <("$fs" ci --help) || bad "method '$name' has no line in ci --help"
    grep -qF -- "$what" < <("$fs" ci --help) || bad "method '$name''s description not in ci --help"
done < <(rows --method)
# Usage lines ("--format text|csv|json", "--overdispersion none|..."):
# every name they offer is a row.  Every format is offered somewhere, and
# the completion offers every row.
cmds=$("$fs" --help | awk '/^Commands:/ { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }')
seen=""
for opt in --format --overdispersion --method; do
    known=$(names "$opt")
    for cmd in $cmds; do
        for f in $("$fs" "$cmd" --help | grep -oE -- "$opt [a-z-]+(\|[a-z-]+)+" | sed "s/^$opt //" | tr '|' ' '); do
            has_line "$f" <<<"$known" || bad "$cmd --help offers $opt $f, which no row names"
            [ "$opt" = --format ] && seen="$seen $f"
        done
    done
done
formats=$(names --format)
for f in $formats; do
    n=$((n + 1))
    has_word "$f" <<<"$seen" || bad "format '$f' offered by no command's help"
    has_line "$f" < <(complete_words outliers --format "") || bad "format '$f' not completed"
done
[ "$n" -ge 20 ] || bad "only $n rows checked"
[ $fail = 0 ] && echo "ok   $n rows of the tables of kinds: in the help, the man pages, the completion, plots/README.md"
exit $fail
