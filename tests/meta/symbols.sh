#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# symbols.sh LIBRARY INSTRUMENTED INCLUDE_DIR...: the shared library
# exports exactly the functions its installed headers declare, no more (no
# internal helper leaks into the ABI) and no fewer (every declared function
# is there).  INSTRUMENTED is 1 for a sanitizer or coverage build, whose
# runtimes add symbols of their own (gcov's mangle_path): then only the fs_
# names are compared.
set -u
lib=$1 instrumented=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TtWiV]$/ || $2 == "D" || $2 == "B" || $2 == "R" {print $3}' |
    grep -v '^_' | sort -u >"$work/all"
if [ "$instrumented" = 1 ]; then grep '^fs_' "$work/all" >"$work/exported"; else cp "$work/all" "$work/exported"; fi
# Declarations: an fs_ name followed by "(" that is not a function-pointer
# typedef ("(*fs_x_t)") and not a static inline function; and the data a
# header declares extern (a table of kinds: "extern const T fs_x;").
for dir in "$@"; do cat "$dir"/forcestat/*.h; done | tr '\n' ' ' |
    sed -E 's/static inline [^{;]*\{//g; s/typedef [^;{]*\(\*[^;]*;//g' >"$work/headers"
{
    grep -oE '[A-Za-z0-9_*] +\**fs_[a-z0-9_]+ *\(' "$work/headers"
    grep -oE 'extern +(const +)?[A-Za-z0-9_]+ +(const +)?fs_[a-z0-9_]+ *;' "$work/headers"
} | grep -oE 'fs_[a-z0-9_]+ *[(;]' | grep -oE 'fs_[a-z0-9_]+' | sort -u >"$work/declared"
n=$(wc -l <"$work/exported")
if [ "$n" -lt 20 ]; then echo "FAIL only $n exported symbols read from $lib"; exit 1; fi
fail=0
extra=$(comm -23 "$work/exported" "$work/declared")
missing=$(comm -13 "$work/exported" "$work/declared")
if [ -n "$extra" ]; then echo "FAIL exported but declared in no installed header:"; echo "$extra" | sed 's/^/     /'; fail=1; fi
if [ -n "$missing" ]; then echo "FAIL declared but not exported:"; echo "$missing" | sed 's/^/     /'; fail=1; fi
[ $fail = 0 ] && echo "ok   $n symbols, each declared in an installed header, each declared one exported"
exit $fail
