#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# headers.sh SOURCE_DIR BUILD_DIR: every installed header compiles alone,
# without warnings, as C99, C11 and C++17; every internal one (stats/)
# alone as C99.  The installed set is exactly what forcestat.h includes,
# so no header is installed that the umbrella leaves out, or the reverse.
set -u
src=$1 build=$2
cc=${CC:-cc} cxx=${CXX:-c++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0
flags="-Wall -Wextra -Wpedantic -Werror -fsyntax-only -I$src/include -I$build/include -I$src/stats"
try() { # LANG STD HEADER
    printf '#include "%s"\nint main(void) { return 0; }\n' "$3" >"$work/t.$1"
    if [ "$1" = cc ]; then cmd="$cc -x c -std=$2"; else cmd="$cxx -x c++ -std=$2"; fi
    # shellcheck disable=SC2086
    if ! $cmd $flags "$work/t.$1" >"$work/log" 2>&1; then
        echo "FAIL $3 alone as $2:"; sed 's/^/     /' "$work/log"; fail=1
    fi
    n=$((n + 1))
}
for h in "$src"/include/forcestat/*.h "$build"/include/forcestat/version.h; do
    name=forcestat/$(basename "$h")
    for std in c99 c11; do try cc $std "$name"; done
    try cxx c++17 "$name"
done
for h in "$src"/stats/*/*.h; do
    try cc c99 "${h#"$src"/stats/}"
done
(cd "$src/include" && ls forcestat/*.h; echo forcestat/version.h) | grep -vx forcestat/forcestat.h | sort >"$work/installed"
grep -oE '"forcestat/[a-z_]+\.h"' "$src/include/forcestat/forcestat.h" | tr -d '"' | sort >"$work/umbrella"
if ! cmp -s "$work/installed" "$work/umbrella"; then
    echo "FAIL forcestat.h and include/forcestat/ disagree:"; diff "$work/installed" "$work/umbrella" | sed 's/^/     /'; fail=1
fi
[ $fail = 0 ] && echo "ok   $n header compilations, each header alone, no warnings; forcestat.h includes every installed header"
exit $fail
