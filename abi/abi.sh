#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# abi.sh check|update [SOURCE_DIR]: the library's ABI against its
# committed baseline, abi/libforcestat.so.N.abi, N being
# FORCESTAT_SOVERSION in CMakeLists.txt (the SONAME's number).
#
# Both build the shared library of SOURCE_DIR (default: this tree) with
# debug information in SOURCE_DIR/build-abi (Debug, no tests) and describe
# it with libabigail's `abidw --no-corpus-path`, limited to the public
# headers (include/forcestat/), so the description depends on the ABI
# alone, not on where the tree is.
#
#   check   (CI) passes when the library's ABI is the baseline's exactly,
#           and CHANGELOG.md names the SONAME libforcestat.so.N.  Fails
#           when the ABI differs (abidiff's report says how), when there
#           is no baseline for N, or when the CHANGELOG lacks the SONAME.
#   update  writes the baseline for N from the library, and removes the
#           baselines of other SONAMEs.  It refuses when a baseline for N
#           exists and the change is more than added functions: a changed
#           struct layout or a removed or changed function needs a new
#           SONAME first.
#
# After a release changes the ABI: bump FORCESTAT_SOVERSION in
# CMakeLists.txt, say so in CHANGELOG.md (naming libforcestat.so.N), then
# one run of `abi/abi.sh update` regenerates the baseline (and
# packaging/symbols.sh the symbols file); commit both.  A release that only
# adds functions keeps N: `abi/abi.sh update` records them.
set -euo pipefail
mode=${1:?usage: abi.sh check|update [SOURCE_DIR]}
src=$(cd "${2:-$(dirname "$0")/..}" && pwd)
for tool in abidw abidiff; do
    command -v $tool >/dev/null 2>&1 || { echo "abi.sh: $tool is missing (Debian: abigail-tools)" >&2; exit 2; }
done
soversion=$(sed -n 's/^set(FORCESTAT_SOVERSION \([0-9][0-9]*\))$/\1/p' "$src/CMakeLists.txt")
[ -n "$soversion" ] || { echo "abi.sh: no FORCESTAT_SOVERSION in CMakeLists.txt" >&2; exit 2; }
soname=libforcestat.so.$soversion
baseline=$src/abi/$soname.abi

# A check with no baseline for N fails before anything is built.
if [ "$mode" = check ] && [ ! -f "$baseline" ]; then
    echo "FAIL abi: no baseline abi/$soname.abi for the SONAME in CMakeLists.txt;"
    echo "     after bumping FORCESTAT_SOVERSION, run abi/abi.sh update and commit it"
    exit 1
fi

build=$src/build-abi
mkdir -p "$build"
if ! { cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DFORCESTAT_BUILD_TESTS=OFF &&
       cmake --build "$build" --target forcestat_shared -j2; } >"$build/abi.log" 2>&1; then
    echo "abi.sh: building the library failed:" >&2; tail -30 "$build/abi.log" >&2; exit 2
fi
fresh=$(mktemp)
report=$(mktemp)
suppr=$(mktemp)
trap 'rm -f "$fresh" "$report" "$suppr"' EXIT
# The opaque types: a public header declares them ("typedef struct
# fs_reader fs_reader_t;") and none defines them, so a program holds only
# pointers to them and never depends on their layout; a change inside one
# is not an ABI change, and abidiff is told to leave them out.
opaque=$(sed -n -E 's/^typedef struct (fs_[a-z0-9_]+) fs_[a-z0-9_]+_t;$/\1/p' "$src"/include/forcestat/*.h |
    while read -r t; do grep -q -E "^struct $t [{]|^typedef struct $t [{]" "$src"/include/forcestat/*.h || echo "$t"; done |
    paste -sd '|')
if [ -n "$opaque" ]; then
    printf '[suppress_type]\n  type_kind = struct\n  name_regexp = ^(%s)$\n' "$opaque" >"$suppr"
fi
abidw --no-corpus-path --no-comp-dir-path --short-locs --headers-dir "$src/include/forcestat" \
    --headers-dir "$build/include/forcestat" "$build/$soname" >"$fresh"

case $mode in
check)
    fail=0
    if abidiff --suppressions "$suppr" "$baseline" "$fresh" >"$report" 2>&1; then
        echo "ok   abi: the library's ABI is abi/$soname.abi's"
    else
        rc=$?
        echo "FAIL abi: the library's ABI differs from abi/$soname.abi (abidiff exit $rc):"
        sed 's/^/     /' "$report"
        echo "     An incompatible change (a struct's layout, a removed or changed function)"
        echo "     needs a new SONAME: bump FORCESTAT_SOVERSION, name it in CHANGELOG.md and"
        echo "     run abi/abi.sh update.  Functions only added: run abi/abi.sh update."
        fail=1
    fi
    if grep -q "$soname" "$src/CHANGELOG.md"; then
        echo "ok   abi: CHANGELOG.md names $soname"
    else
        echo "FAIL abi: CHANGELOG.md does not name $soname: a new SONAME needs its entry"
        fail=1
    fi
    exit $fail ;;
update)
    if [ -f "$baseline" ] && ! abidiff --suppressions "$suppr" --no-added-syms "$baseline" "$fresh" >"$report" 2>&1; then
        echo "abi.sh: the ABI changed beyond added functions, and the SONAME is still $soname:"
        sed 's/^/     /' "$report"
        echo "abi.sh: bump FORCESTAT_SOVERSION in CMakeLists.txt (and say so in CHANGELOG.md) first"
        exit 1
    fi
    for old in "$src"/abi/libforcestat.so.*.abi; do
        [ -e "$old" ] && [ "$old" != "$baseline" ] && rm -f "$old"
    done
    cat "$fresh" >"$baseline"
    echo "abi.sh: wrote abi/$soname.abi" ;;
*)
    echo "usage: abi.sh check|update [SOURCE_DIR]" >&2; exit 2 ;;
esac
