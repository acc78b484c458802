#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# policeuk.sh FORCESTAT MAKE_ARCHIVES EXPECTED: a zip of 24 monthly
# police.uk street-level files, 10^6 rows in all (make_archives policeuk),
# aggregated by police force area (through the LSOA lookup), month and
# crime type, each Crime ID once, must equal EXPECTED, which pandas made
# from the same bytes (tests/reference/aggregate_policeuk.py).  And the
# rows the lookup lacks are counted on stderr, not dropped silently.
set -euo pipefail
forcestat=$1 make=$2 expected=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$make" policeuk "$work" 1000000
"$forcestat" aggregate "$work/policeuk.zip" --by "PFA16NM,Month,Crime type" --count \
    --distinct "Crime ID" --lookup "$work/lsoa_lookup.csv" --key "LSOA code=LSOA11CD" \
    --to PFA16NM >"$work/got.csv" 2>"$work/err"
fail=0
if cmp -s "$work/got.csv" "$expected"; then
    echo "ok   aggregate of the police.uk archive equals pandas ($(wc -l <"$expected") lines)"
else
    echo "FAIL aggregate of the police.uk archive differs from pandas:"
    diff "$expected" "$work/got.csv" | head -20
    fail=1
fi
want="rows left out: their 'LSOA code' is not in the lookup"
if grep -qF "$want" "$work/err" && grep -qF "rows left out: their 'Crime ID' came before" "$work/err"; then
    echo "ok   codes the lookup lacks and repeated Crime IDs are counted on stderr"
else
    echo "FAIL stderr does not count the unmatched codes and repeated Crime IDs:"
    cat "$work/err"
    fail=1
fi
echo "$((2 - fail)) passed, $fail failed"
exit $fail
