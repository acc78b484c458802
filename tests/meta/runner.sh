#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# runner.sh FORCESTAT_TESTS
#
# The CUnit runner's exit status, tested: any number of failed assertions
# is exit 1 (77 failures once read as "skipped" by ctest), a clean run is
# 0, a suite that asks to be skipped is 77 outside CI and a failure in CI.
set -u
runner=$1
passed=0
failed=0
expect() { # NAME WANTED-EXIT ENV... -- ARGS...
    local name=$1 want=$2
    shift 2
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    env -u CI "${envs[@]}" "$runner" "$@" >/dev/null 2>&1
    local got=$?
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name: exit $got, expected $want"
    fi
}
expect "no failure is 0"         0 FORCESTAT_SELFTEST_FAILURES=0 -- selftest
expect "one failure is 1"        1 FORCESTAT_SELFTEST_FAILURES=1 -- selftest
expect "77 failures are 1"       1 FORCESTAT_SELFTEST_FAILURES=77 -- selftest
expect "300 failures are 1"      1 FORCESTAT_SELFTEST_FAILURES=300 -- selftest
expect "a skip outside CI is 77" 77 FORCESTAT_SHARED_DATA=/nonexistent -- realdata
expect "a skip in CI fails"      1 FORCESTAT_SHARED_DATA=/nonexistent CI=true -- realdata
expect "an unknown suite is 125" 125 -- nosuchsuite
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
