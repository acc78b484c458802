#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# help.sh FORCESTAT SOURCE_DIR: the help texts of cli/help/ (embedded by
# the build, cli/help.h) against the command table.  Every command that
# `forcestat --help` lists (main.c's table) has cli/help/COMMAND.txt, and
# its --help prints with exit 0, nothing on stderr and no mark left
# unfilled.  No help text is orphaned: each is printed by a
# cli_help("NAME") in cli/ or included by another (@include NAME@), and
# each name cli/ prints or includes is a file.
set -u
fs=$1 src=$2
fail=0 n=0
bad() { echo "FAIL $*"; fail=1; }
dir=$src/cli/help
# A printed help with a mark or a note left in it.
unfilled() { grep -nE '@$|^#@' <<<"$1"; }
check_help() { # $1: what; then the arguments that print it
    local what=$1 out err rc
    shift
    err=$(mktemp)
    out=$("$fs" "$@" 2>"$err")
    rc=$?
    [ $rc = 0 ] || bad "$what: exit $rc"
    [ -s "$err" ] && bad "$what: stderr: $(head -c 200 "$err")"
    rm -f "$err"
    [ -n "$out" ] || bad "$what: no output"
    unfilled "$out" && bad "$what: a mark left unfilled"
    n=$((n + 1))
}
check_help "forcestat --help" --help
[ -f "$dir/forcestat.txt" ] || bad "no cli/help/forcestat.txt (the top-level help)"
cmds=$("$fs" --help | awk '/^Commands:/ { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }')
[ "$(wc -w <<<"$cmds")" -ge 10 ] || bad "only $(wc -w <<<"$cmds") commands in forcestat --help"
for cmd in $cmds; do
    [ -f "$dir/$cmd.txt" ] || bad "command '$cmd' has no cli/help/$cmd.txt"
    grep -qF "cli_help(\"$cmd\")" "$src"/cli/*.c || bad "command '$cmd': no cli_help(\"$cmd\") in cli/"
    check_help "forcestat $cmd --help" "$cmd" --help
done
for kind in $("$fs" __complete chart); do
    check_help "forcestat chart $kind --help" chart "$kind" --help
done
# Each option the chart help lists for some charts only (from the chart
# kinds' table) is one of the options it documents, so a slip in the
# table cannot name an option that is not there.
chart_help=$("$fs" chart --help)
documented=$(awk '/^Options:/ { on = 1; next } on && NF == 0 { on = 0 } on' <<<"$chart_help")
some=$(awk '/^The options only some charts take/ { on = 1; next } on && NF == 0 { on = 0 } on' <<<"$chart_help" |
    grep -oE -- '--[a-z-]+' | sort -u)
[ "$(wc -w <<<"$some")" -ge 20 ] || bad "only $(wc -w <<<"$some") options listed by chart in chart --help"
for opt in $some; do
    n=$((n + 1))
    grep -qE -- "$opt([ ,]|\$)" <<<"$documented" || bad "chart --help lists $opt for some charts, but its Options do not"
done
# The names cli/ prints and the help texts include.
printed=$(grep -ohE 'cli_help\("[a-z-]+"\)' "$src"/cli/*.c | sed -E 's/cli_help\("(.*)"\)/\1/' | sort -u)
included=$(sed -nE 's/^@include ([a-z-]+)@$/\1/p' "$dir"/*.txt | sort -u)
for name in $printed $included; do
    [ -f "$dir/$name.txt" ] || bad "cli/help/$name.txt is named in cli/ or a help text, but missing"
done
for f in "$dir"/*.txt; do
    name=$(basename "$f" .txt)
    n=$((n + 1))
    grep -qxF -- "$name" <<<"$printed
$included" || bad "cli/help/$name.txt is orphaned: no cli_help(\"$name\") in cli/, no @include $name@"
done
[ $fail = 0 ] && echo "ok   $n help texts and helps: one per command, none orphaned, every mark filled"
exit $fail
