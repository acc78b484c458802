#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run_cases.sh FORCESTAT CASES_FILE
#
# Black-box tests of the forcestat program.  A cases file is a table, one
# case per call:
#
#   t NAME EXIT 'expected stderr' 'text stdout must contain' [--stdin FILE]
#     [--env VAR=VALUE]... [--reuse] -- ARGS...
#
#   check NAME COMMAND...      the command must succeed
#   skip N REASON              N cases deliberately not run here
#
# stderr must equal the expected text exactly ('' means no stderr at all);
# the stdout text is a fixed string that must occur in stdout ('' means no
# requirement, '-' means stdout must be empty).  With --reuse, when an
# earlier case of the table ran the same command (the same --stdin,
# --env and ARGS), its exit status, stderr and stdout are checked again
# instead of running it again (a long report made once for the cases that
# each read a line of it); its inputs and output folder must be as that
# run left them.  Commands run inside the
# test data folder, so messages name files as the user typed them.
# $SHARED names the public data folder; `require_shared` and
# `require_gnuplot` at the top of a cases file skip it (exit 77) when what
# it needs is absent -- and fail it in CI (CI=true), which has everything.
# `make_gpmemo` writes $work/gpmemo, a GNUPLOT for a run that draws the
# same batch of charts as an earlier run of the table (tests/cli/gpmemo.sh).
#
# A failure can never pass for success: the file must parse (bash -n)
# before anything runs; a file that ends early (an `exit` in it, a failed
# sourcing) fails; and the cases run must number the cases defined, the
# lines that begin with `t` or `check` plus what `skip` stands for, so a
# case lost in a condition or a loop fails the table.
set -u
forcestat=$1
cases=$2
data=${FORCESTAT_TEST_DATA:?FORCESTAT_TEST_DATA must name tests/data}
SHARED=${FORCESTAT_SHARED_DATA:-}
passed=0
failed=0
ran=0
finished=0
skipping=0
declare -A ran_before=() # the number of the case that ran each command
declare -A exit_of=()    # and that case's exit status (its output: $work/outN, errN)
work=$(mktemp -d)
on_exit() {
    local rc=$?
    rm -rf "$work"
    if [ "$finished" = 0 ] && [ "$skipping" = 0 ]; then
        echo "FAIL $cases ended before its last case (exit $rc inside it?)"
        echo "$passed passed, $((failed + 1)) failed"
        exit 1
    fi
}
trap on_exit EXIT

if ! bash -n "$cases" 2>"$work/syntax"; then
    echo "FAIL $cases does not parse:"
    sed 's/^/     /' "$work/syntax"
    echo "0 passed, 1 failed"
    finished=1
    exit 1
fi
defined=$(grep -c -E '^[[:space:]]*(t|check)[[:space:]]' "$cases")

skip_all() { # REASON: the whole table cannot run here
    if [ "${CI:-}" = true ]; then
        echo "FAIL $1, but CI must have it"
        echo "$passed passed, $((failed + 1)) failed"
        finished=1
        exit 1
    fi
    echo "SKIPPED: $1"
    skipping=1
    exit 77
}
require_shared() {
    if [ -z "$SHARED" ] || [ ! -d "$SHARED" ]; then
        skip_all "the shared data folder was not found (set FORCESTAT_SHARED_DATA)"
    fi
}
require_gnuplot() {
    command -v "${GNUPLOT:-gnuplot}" >/dev/null 2>&1 || skip_all "gnuplot is not installed (scripts/setup.sh installs it)"
}
# $work/gpmemo, a GNUPLOT for runs that draw a batch of charts drawn
# before: gnuplot itself the first time, then copies of its bytes
# (gpmemo.sh says when); $gnuplot is gnuplot itself.
gnuplot=${GNUPLOT:-gnuplot}
make_gpmemo() {
    printf '#!/usr/bin/env bash\nexec bash %q %q %q "$@"\n' "$(cd "$(dirname "$0")" && pwd)/gpmemo.sh" \
        "$work/gpmemo.d" "$gnuplot" >"$work/gpmemo"
    chmod +x "$work/gpmemo"
}
# FORCESTAT_CASES_STOP set (tests/mutation/run.sh sets it): the table
# stops at its first failure, which is all a mutant's verdict needs.
stop_if_asked() {
    if [ -n "${FORCESTAT_CASES_STOP:-}" ]; then
        echo "stopped at the first failure (FORCESTAT_CASES_STOP)"
        echo "$passed passed, $failed failed"
        finished=1
        exit 1
    fi
}
check() { # NAME COMMAND...
    local name=$1
    shift
    ran=$((ran + 1))
    if "$@"; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name"
        stop_if_asked
    fi
}
skip() { # N REASON
    ran=$((ran + $1))
    echo "skip $1: $2"
}

t() {
    local name=$1 want_exit=$2 want_err=$3 want_out=$4
    shift 4
    ran=$((ran + 1))
    local stdin=/dev/null reuse=0
    local envs=()
    while [ "${1:-}" = "--stdin" ] || [ "${1:-}" = "--env" ] || [ "${1:-}" = "--reuse" ]; do
        if [ "$1" = "--reuse" ]; then
            reuse=1
            shift
            continue
        elif [ "$1" = "--stdin" ]; then
            stdin=$2
        else
            envs+=("$2")
        fi
        shift 2
    done
    [ "${1:-}" = "--" ] && shift
    local got_exit key run=$ran
    printf -v key '%q ' "$stdin" "${envs[@]}" -- "$@"
    if [ "$reuse" = 1 ] && [ -n "${ran_before[$key]:-}" ]; then
        run=${ran_before[$key]}
        got_exit=${exit_of[$run]}
    else
        (cd "$data" && env "${envs[@]}" "$forcestat" "$@" <"$stdin" >"$work/out$run" 2>"$work/err$run")
        got_exit=$?
        ran_before[$key]=$run
        exit_of[$run]=$got_exit
    fi
    local got_err
    got_err=$(cat "$work/err$run")
    local ok=1 why=""
    if [ "$got_exit" != "$want_exit" ]; then
        ok=0
        why="exit $got_exit, expected $want_exit"
    elif [ "$got_err" != "$want_err" ]; then
        ok=0
        why="stderr differs"
    elif [ "$want_out" = "-" ] && [ -s "$work/out$run" ]; then
        ok=0
        why="stdout should be empty"
    elif [ "$want_out" != "-" ] && [ -n "$want_out" ] && ! grep -qF -- "$want_out" "$work/out$run"; then
        ok=0
        why="stdout lacks: $want_out"
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name: $why"
        echo "     args: $*"
        echo "     stderr: $got_err"
        [ "$got_err" != "$want_err" ] && echo "     wanted: $want_err"
        head -c 600 "$work/out$run" | sed 's/^/     stdout: /'
        stop_if_asked
    fi
}

# The notes on left-out rows of the small test tables (notes.sh).
# shellcheck source=notes.sh
. "$(dirname "$0")/notes.sh"
# shellcheck source=/dev/null
. "$cases"
finished=1
if [ "$ran" != "$defined" ]; then
    echo "FAIL $cases: $ran cases ran where $defined are defined"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
