#!/usr/bin/env bash
# run_cases.sh FORCESTAT CASES_FILE
#
# Black-box tests of the forcestat program.  A cases file is a table, one
# case per call:
#
#   t NAME EXIT 'expected stderr' 'text stdout must contain' [--stdin FILE]
#     [--env VAR=VALUE]... -- ARGS...
#
# stderr must equal the expected text exactly ('' means no stderr at all);
# the stdout text is a fixed string that must occur in stdout ('' means no
# requirement, '-' means stdout must be empty).  Commands run inside the
# test data folder, so messages name files as the user typed them.
# $SHARED names the public data folder; `require_shared` at the top of a
# cases file skips it (exit 77) when that folder is absent.
set -u
forcestat=$1
cases=$2
data=${FORCESTAT_TEST_DATA:?FORCESTAT_TEST_DATA must name tests/data}
SHARED=${FORCESTAT_SHARED_DATA:-}
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

require_shared() {
    if [ -z "$SHARED" ] || [ ! -d "$SHARED" ]; then
        echo "SKIPPED: the shared data folder was not found (set FORCESTAT_SHARED_DATA)"
        exit 77
    fi
}

t() {
    local name=$1 want_exit=$2 want_err=$3 want_out=$4
    shift 4
    local stdin=/dev/null
    local envs=()
    while [ "${1:-}" = "--stdin" ] || [ "${1:-}" = "--env" ]; do
        if [ "$1" = "--stdin" ]; then
            stdin=$2
        else
            envs+=("$2")
        fi
        shift 2
    done
    [ "${1:-}" = "--" ] && shift
    local got_exit
    (cd "$data" && env "${envs[@]}" "$forcestat" "$@" <"$stdin" >"$work/out" 2>"$work/err")
    got_exit=$?
    local got_err
    got_err=$(cat "$work/err")
    local ok=1 why=""
    if [ "$got_exit" != "$want_exit" ]; then
        ok=0
        why="exit $got_exit, expected $want_exit"
    elif [ "$got_err" != "$want_err" ]; then
        ok=0
        why="stderr differs"
    elif [ "$want_out" = "-" ] && [ -s "$work/out" ]; then
        ok=0
        why="stdout should be empty"
    elif [ "$want_out" != "-" ] && [ -n "$want_out" ] && ! grep -qF -- "$want_out" "$work/out"; then
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
        head -c 600 "$work/out" | sed 's/^/     stdout: /'
    fi
}

# shellcheck source=/dev/null
. "$cases"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
