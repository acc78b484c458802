#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# abi.sh: the ABI check (abi/abi.sh check) passes on this tree and fails
# when a public struct's layout changes without a new SONAME.
#
# Works on a scratch copy of the tracked files (the tree itself is never
# changed): the check on the copy as it is must pass; with a field planted
# into fs_interval_t (include/forcestat/intervals.h) it must fail and
# abidiff's report must name the struct; with FORCESTAT_SOVERSION bumped
# but no baseline and no CHANGELOG entry it must fail too.  The first case
# is CI's ABI check itself (its verdicts are printed), on a copy of the
# tracked files, which in CI's clean clone are the tree.  The first two
# cases build the shared library, so it is a CI step, not a ctest test.  Exit
# 77 (skipped) without abigail-tools, except in CI (CI=true), which has them.
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v abidiff >/dev/null 2>&1; then
    [ "${CI:-}" = true ] && { echo "FAIL abigail-tools is missing, but CI must have it"; exit 1; }
    echo "SKIPPED: abigail-tools (abidw, abidiff) is not installed"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
copy() { # DIR: a fresh copy of the tracked files
    mkdir -p "$1"
    if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$src" && git ls-files -z | xargs -0 cp --parents -t "$1")
    else
        (cd "$src" && tar --exclude='./build*' -cf - .) | tar -xf - -C "$1"
    fi
}

copy "$work/same"
if bash "$work/same/abi/abi.sh" check "$work/same" >"$work/same.log" 2>&1; then
    echo "ok   the unchanged tree passes the ABI check:"
    grep '^ok ' "$work/same.log" | sed 's/^/     /'
else
    echo "FAIL the unchanged tree fails the ABI check:"; sed 's/^/     /' "$work/same.log"; fail=1
fi

copy "$work/planted"
header=$work/planted/include/forcestat/intervals.h
sed -i 's/^typedef struct fs_interval {$/&\n    int planted_field;/' "$header"
if ! grep -q planted_field "$header"; then
    echo "FAIL could not plant a field into fs_interval_t (intervals.h changed?)"; fail=1
elif bash "$work/planted/abi/abi.sh" check "$work/planted" >"$work/planted.log" 2>&1; then
    echo "FAIL a field planted into fs_interval_t passes the ABI check:"
    sed 's/^/     /' "$work/planted.log"; fail=1
elif grep -q "fs_interval" "$work/planted.log" && grep -q "FAIL abi: the library's ABI differs" "$work/planted.log"; then
    echo "ok   a field planted into fs_interval_t fails the ABI check, naming the struct"
else
    echo "FAIL the planted field failed the check for another reason:"
    sed 's/^/     /' "$work/planted.log"; fail=1
fi

copy "$work/bumped"
sed -i 's/^set(FORCESTAT_SOVERSION \([0-9]*\))$/set(FORCESTAT_SOVERSION 99)/' "$work/bumped/CMakeLists.txt"
if bash "$work/bumped/abi/abi.sh" check "$work/bumped" >"$work/bumped.log" 2>&1; then
    echo "FAIL a new SONAME with no baseline and no CHANGELOG entry passes:"
    sed 's/^/     /' "$work/bumped.log"; fail=1
elif grep -q "no baseline abi/libforcestat.so.99.abi" "$work/bumped.log"; then
    echo "ok   a new SONAME without its baseline fails the ABI check"
else
    echo "FAIL the bumped SONAME failed the check for another reason:"
    sed 's/^/     /' "$work/bumped.log"; fail=1
fi
[ $fail = 0 ] && echo "abi: all checks passed" || echo "abi: some checks FAILED"
exit $fail
