#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# locale.sh LOCALE_CHECK: runs the locale check program under de_DE.UTF-8
# and fr_FR.UTF-8.  A locale the system lacks is compiled into a private
# folder (localedef, from Debian's locales package, with LOCPATH), so the
# test needs no change to the system.  When neither can be had, the test
# is skipped with the reason (exit 77), and fails in CI (CI=true), which
# has the locales package (scripts/setup.sh --ci).
set -u
check=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
skip() {
    if [ "${CI:-}" = true ]; then
        echo "FAIL $1, but CI must have it"
        exit 1
    fi
    echo "SKIPPED: $1"
    exit 77
}
status=0
for loc in de_DE.UTF-8 fr_FR.UTF-8; do
    env=()
    if ! locale -a 2>/dev/null | grep -qix "${loc/UTF-8/utf8}"; then
        command -v localedef >/dev/null 2>&1 || skip "no $loc and no localedef (Debian's locales package)"
        localedef -i "${loc%%.*}" -f UTF-8 "$work/$loc" >/dev/null 2>&1 ||
            skip "$loc cannot be compiled (localedef -i ${loc%%.*} -f UTF-8 failed)"
        env=(LOCPATH="$work")
    fi
    env "${env[@]}" "$check" "$loc"
    rc=$?
    [ $rc = 77 ] && skip "$loc cannot be set"
    [ $rc = 0 ] || status=1
done
exit $status
