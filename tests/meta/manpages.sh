#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# manpages.sh FORCESTAT MAN_DIR: the manual pages the build made from
# --help (cmake/ManPages.cmake) against the helps themselves.  forcestat(1)
# and forcestat-COMMAND(1) for every command `forcestat --help` lists
# each have NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS, EXAMPLES
# and SEE ALSO; the SYNOPSIS holds every usage of the help, whole and in
# order (one ".B forcestat" line each, the same words), and the
# DESCRIPTION begins where the help's usage block ends, so no usage line
# spills into it; SEE ALSO names forcestat(1) on a command's page and
# every command's page on forcestat(1); groff reads every page without a
# warning.  Without pages (no help2man) it is skipped, and fails in CI.
set -u
fs=$1 man=${2:-}
fail=0 n=0
bad() { echo "FAIL $*"; fail=1; }
if [ -z "$man" ] || [ ! -s "$man/forcestat.1" ]; then
    if [ "${CI:-}" = true ]; then
        echo "FAIL no manual pages in '$man', but CI must have them"
        exit 1
    fi
    echo "skip no manual pages (help2man missing)"
    exit 77
fi
# Plain words of roff text: fonts, escapes and requests dropped.
plain() { sed -e 's/\\f[BIRP]//g' -e 's/\\f(CW//g' -e 's/\\[,/]//g' -e 's/\\-/-/g' -e 's/\\(co/(c)/g' -e 's/\\&//g' -e 's/\\%//g' -e '/^\.br$/d' -e 's/^\.[A-Z][A-Z]* *//'; }
# Section $2 of page $1, the roff lines between its .SH and the next.
section() {
    awk -v want="$2" '/^\.SH / { s = $0; sub(/^\.SH +/, "", s); gsub(/"/, "", s); on = (s == want); next } on' "$man/$1.1"
}
# The usage block of a help: its first paragraph.
usage_block() { awk 'NF == 0 { exit } { print }'; }
cmds=$("$fs" --help | awk '/^Commands:/ { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }')
[ "$(wc -w <<<"$cmds")" -ge 10 ] || bad "only $(wc -w <<<"$cmds") commands in forcestat --help"
check_page() { # $1 page, then the arguments of its help
    local page=$1 sect help usage want got first desc
    shift
    n=$((n + 1))
    [ -s "$man/$page.1" ] || { bad "$page: no page $man/$page.1"; return; }
    for sect in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
        grep -qE "^\.SH \"?$sect\"?\$" "$man/$page.1" || bad "$page: no $sect section"
    done
    help=$("$fs" "$@" --help)
    usage=$(usage_block <<<"$help")
    want=$(grep -cE '^(Usage: +| +)forcestat ' <<<"$usage")
    got=$(section "$page" SYNOPSIS | grep -c '^\.B forcestat$')
    [ "$got" = "$want" ] || bad "$page: $got usages in SYNOPSIS, the help has $want"
    want=$(sed 's/^Usage://' <<<"$usage" | tr -s ' \n' '\n\n' | grep -v '^$' | paste -sd' ')
    got=$(section "$page" SYNOPSIS | plain | tr -s ' \n' '\n\n' | grep -v '^$' | paste -sd' ')
    [ "$got" = "$want" ] || bad "$page: SYNOPSIS is '$got', the usages are '$want'"
    first=$(awk 'NF == 0 { on = 1; next } on { print; exit }' <<<"$help" | awk '{ print $1, $2, $3 }')
    desc=$(section "$page" DESCRIPTION | plain | grep -v '^$' | head -n 1 | tr -s ' ')
    [[ $desc == *"$first"* ]] || bad "$page: DESCRIPTION begins '$desc', not the help's '$first'"
    section "$page" "SEE ALSO" | plain | grep -q '^forcestat' || bad "$page: SEE ALSO names no forcestat page"
    section "$page" EXAMPLES | plain | grep -q '^\$ forcestat ' || bad "$page: no example"
    section "$page" "EXIT STATUS" | plain | grep -q '^0 when it succeeded' || bad "$page: EXIT STATUS lacks the codes"
    local warnings
    warnings=$(groff -man -Tutf8 -ww -z "$man/$page.1" 2>&1)
    [ -z "$warnings" ] || bad "$page: groff: $(head -c 300 <<<"$warnings")"
}
check_page forcestat
for cmd in $cmds; do
    check_page "forcestat-$cmd" "$cmd"
    section forcestat "SEE ALSO" | plain | grep -qx "forcestat-$cmd (1),\?" || bad "forcestat(1): SEE ALSO lacks forcestat-$cmd(1)"
    section "forcestat-$cmd" "SEE ALSO" | plain | grep -qx "forcestat (1),\?" || bad "forcestat-$cmd(1): SEE ALSO lacks forcestat(1)"
done
[ $fail = 0 ] && echo "ok   $n manual pages: every section, every usage in SYNOPSIS, nothing spilled"
exit $fail
