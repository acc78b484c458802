#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# cases.sh FORCESTAT
#
# The cases harness (tests/cli/run_cases.sh), tested on tables broken on
# purpose: each must fail, never read "N passed, 0 failed" with cases
# lost.  A sound table passes; a skipped one is 77 outside CI and a
# failure in CI.
set -u
forcestat=$1
here=$(cd "$(dirname "$0")" && pwd)
runner=$here/../cli/run_cases.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
expect() { # NAME WANTED-EXIT CASES-TEXT [ENV...]
    local name=$1 want=$2 text=$3
    shift 3
    printf '%s\n' "$text" >"$work/table.cases"
    env -u CI "$@" FORCESTAT_TEST_DATA="$here/../data" bash "$runner" "$forcestat" "$work/table.cases" \
        >"$work/out" 2>&1
    local got=$?
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name: exit $got, expected $want"
        sed 's/^/     /' "$work/out"
    fi
}
good="t \"forces\" 0 '' 'E23000028' -- forces
check \"true holds\" true"
expect "a sound table passes"        0 "$good"
expect "a failing case fails"        1 "t \"forces\" 0 '' 'no such text' -- forces"
expect "a failing check fails"       1 "check \"false\" false"
expect "an unclosed quote fails"     1 "t \"one\" 0 '' '' -- forces
t \"two 0 '' '' -- forces
t \"three\" 0 '' '' -- forces"
expect "an exit 0 inside fails"      1 "t \"one\" 0 '' '' -- forces
exit 0
t \"two\" 0 '' '' -- forces"
expect "an exit 77 inside fails"     1 "exit 77
t \"one\" 0 '' '' -- forces"
expect "a case lost in a condition"  1 "t \"one\" 0 '' '' -- forces
if false; then
    t \"two\" 0 '' '' -- forces
fi"
expect "a case run twice in a loop"  1 "for i in 1 2; do
    check \"twice\" true
done"
expect "skip stands for its cases"   0 "if false; then
    check \"a\" true
    check \"b\" true
else
    skip 2 \"not here\"
fi"
expect "a deliberate skip is 77"     77 "require_gnuplot
check \"x\" true" GNUPLOT=/nonexistent/gnuplot
expect "a skip in CI fails"          1 "require_gnuplot
check \"x\" true" GNUPLOT=/nonexistent/gnuplot CI=true
expect "missing shared data in CI"   1 "require_shared
check \"x\" true" FORCESTAT_SHARED_DATA=/nonexistent CI=true
# --reuse checks an earlier run of the same command again: it holds the
# case to that run's exit status and output; a command no case ran before
# (another argument or environment), or a case without --reuse, runs.
expect "a reused run is checked again" 1 "t \"one\" 0 '' 'E23000028' -- forces
t \"two\" 0 '' 'not in the output' --reuse -- forces"
expect "a reused run's exit status"  0 "t \"one\" 2 \"forcestat forces: unrecognized option '--nope'
Try 'forcestat forces --help'.\" '-' -- forces --nope
t \"two\" 2 \"forcestat forces: unrecognized option '--nope'
Try 'forcestat forces --help'.\" '-' --reuse -- forces --nope"
expect "reuse runs a new command"    0 "t \"one\" 0 '' 'E23000028' -- forces
t \"two\" 2 \"forcestat forces: unrecognized option '--nope'
Try 'forcestat forces --help'.\" '-' --reuse -- forces --nope
t \"three\" 0 '' 'E23000028' --reuse --env LC_ALL=C -- forces"
printf 'force,alpha\nKent,1\n' >"$work/in.csv"
expect "reuse does not run again"    0 "t \"one\" 0 '' 'alpha' --stdin '$work/in.csv' -- check
printf 'force,beta\nKent,1\n' >'$work/in.csv'
t \"two\" 0 '' 'alpha' --reuse --stdin '$work/in.csv' -- check"
printf 'force,alpha\nKent,1\n' >"$work/in.csv"
expect "without --reuse it runs again" 0 "t \"one\" 0 '' 'alpha' --stdin '$work/in.csv' -- check
printf 'force,beta\nKent,1\n' >'$work/in.csv'
t \"two\" 0 '' 'beta' --stdin '$work/in.csv' -- check"
# The memo of chart batches (make_gpmemo, tests/cli/gpmemo.sh): a batch
# drawn again, into another folder, is gnuplot's bytes of the first
# drawing, with gnuplot run once; other data are drawn anew (a bar
# chart's script holds its band, so there the script differs too; the
# memo's key holds the data files besides).
if command -v "${GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
    printf '#!/bin/sh\necho run >>"%s"\nexec "%s" "$@"\n' "$work/gpruns" "${GNUPLOT:-gnuplot}" >"$work/gpcount"
    chmod +x "$work/gpcount"
    mkdir -p "$work/a" "$work/b" "$work/c"
    # The same table, one count changed.
    sed 's/^"Cumbria",51.194,\([0-9]*\),/"Cumbria",51.194,1\1,/' "$here/../data/forces43.csv" >"$work/other.csv"
    memo_table="make_gpmemo
t \"drawn\" 0 '' '-' --stdin forces43.csv --env GNUPLOT=\"\$work/gpmemo\" -- chart bar - --value count --output '$work/a/c.png'
t \"again\" 0 '' '-' --stdin forces43.csv --env GNUPLOT=\"\$work/gpmemo\" -- chart bar - --value count --output '$work/b/c.png'
check \"gnuplot ran once\" test \"\$(wc -l <'$work/gpruns')\" = 1
check \"the same bytes\" cmp '$work/a/c.png' '$work/b/c.png'
t \"other data\" 0 '' '-' --stdin '$work/other.csv' --env GNUPLOT=\"\$work/gpmemo\" -- chart bar - --value count --output '$work/c/c.png'
check \"drawn anew\" test \"\$(wc -l <'$work/gpruns')\" = 2
check \"other bytes\" sh -c '! cmp -s $work/a/c.png $work/c/c.png'"
    expect "the memo draws a batch once" 0 "$memo_table" GNUPLOT="$work/gpcount"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
