#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ci.sh SOURCE_DIR
#
# .ci/run stops at the first failing step: run on a copy of the project
# whose setup script fails, it must exit non-zero before any later stage.
# (Under `set -e`, bash carries on after a failure inside an && list; the
# README's chain once let CI go on to the sanitizer stage.)  Also: the
# README's test command appears in .ci/run verbatim, and .ci/each.sh fails
# when one of its jobs fails.
set -u
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
mkdir -p "$work/tree/.ci" "$work/tree/scripts" "$work/shared/data"
cp "$src/.ci/run" "$work/tree/.ci/run"
printf '#!/bin/sh\necho "setup fails on purpose" >&2\nexit 1\n' >"$work/tree/scripts/setup.sh"
chmod +x "$work/tree/scripts/setup.sh"
env -u CI bash "$work/tree/.ci/run" >"$work/out" 2>&1 </dev/null
rc=$?
check "CI exits non-zero when setup fails" test "$rc" != 0
check "CI says which step failed" grep -q 'README test command failed' "$work/out"
check "no later stage ran" sh -c "! grep -q '== sanitizer' '$work/out'"
rm -rf "$work/shared"
env -u CI bash "$work/tree/.ci/run" >"$work/out2" 2>&1 </dev/null
rc=$?
check "CI fails without the shared data" test "$rc" != 0
check "and says so" grep -q 'shared data folder' "$work/out2"
readme=$(sed -n '/^```sh$/,/^```$/p' "$src/README.md" | grep 'ctest')
check "README has a test command" test -n "$readme"
check "CI runs it verbatim" grep -qF -- "$readme" "$src/.ci/run"
# .ci/each.sh, which runs the valgrind and fuzz jobs two at a time: a
# failed job fails it, naming the job, after every job has run and left
# its log; all passing, it passes.
mkdir -p "$work/each"
printf 'a 0\nb 3\nc 0\n' | bash "$src/.ci/each.sh" 2 "$work/each" sh -c 'echo "job $0"; exit "$1"' \
    >"$work/each.out" 2>&1
rc=$?
check "each.sh fails when a job fails" test "$rc" != 0
check "and names the job" grep -q '^FAIL b 3 (exit 3' "$work/each.out"
check "every job ran, its log kept" sh -c "grep -q 'job a' '$work/each/a-0.log' && grep -q 'job c' '$work/each/c-0.log'"
printf 'a 0\nc 0\n' | bash "$src/.ci/each.sh" 2 "$work/each" sh -c 'exit "$1"' >"$work/each.out" 2>&1
check "each.sh passes when every job passes" test "$?" = 0
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
