#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# symbols.sh [--check] LIBRARY: the Debian symbols file of the library
# package (dpkg-gensymbols format), packaging/libforcestat.symbols, from a
# built libforcestat.so.N.
#
# Every symbol the library exports is listed with the first upstream
# version that had it under this SONAME: a symbol already in the committed
# file keeps its version, a new one gets the project's version (CMake's
# project(VERSION)); when FORCESTAT_SOVERSION changes, every symbol starts
# again at the version that brings the new SONAME.  Without --check it
# rewrites the file; with --check it writes nothing and fails, showing the
# difference, when the committed file does not match the library (CI runs
# it).  After a release that adds functions: build, then run
#   packaging/symbols.sh build/libforcestat.so.N
# and commit the file.
set -euo pipefail
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
lib=${1:?usage: symbols.sh [--check] LIBRARY}
root=$(cd "$(dirname "$0")/.." && pwd)
file=$root/packaging/libforcestat.symbols

soversion=$(sed -n 's/^set(FORCESTAT_SOVERSION \([0-9][0-9]*\))$/\1/p' "$root/CMakeLists.txt")
version=$(sed -n 's/^project(forcestat VERSION \([0-9.]*\) .*/\1/p' "$root/CMakeLists.txt")
[ -n "$soversion" ] && [ -n "$version" ] || { echo "symbols.sh: no FORCESTAT_SOVERSION or project VERSION in CMakeLists.txt" >&2; exit 2; }
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]$/\1/p')
if [ "$soname" != "libforcestat.so.$soversion" ]; then
    echo "symbols.sh: $lib has SONAME '$soname', CMakeLists.txt says libforcestat.so.$soversion" >&2
    exit 2
fi
header="$soname libforcestat$soversion #MINVER#"

new=$(mktemp)
trap 'rm -f "$new"' EXIT
{
    echo "$header"
    echo "* Build-Depends-Package: libforcestat-dev"
    # Earlier versions are kept only while the SONAME is the same.
    known=/dev/null
    [ -f "$file" ] && [ "$(head -1 "$file")" = "$header" ] && known=$file
    nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | LC_ALL=C sort -u |
        awk -v version="$version" -v known="$known" '
            # The committed versions first (getline: with FNR == NR an empty
            # known file would take the library'"'"'s symbols for its own).
            BEGIN { while ((getline line < known) > 0) { split(line, f, " ");
                                                         if (f[1] ~ /@Base$/) seen[f[1]] = f[2] } }
            { name = $1 "@Base"; print " " name " " (name in seen ? seen[name] : version) }
        ' 
} >"$new"

if [ $check = 1 ]; then
    if ! diff -u "$file" "$new"; then
        echo "symbols.sh: packaging/libforcestat.symbols does not match $lib;"
        echo "  run packaging/symbols.sh $lib and commit the file"
        exit 1
    fi
    echo "symbols.sh: packaging/libforcestat.symbols matches $lib ($(grep -c '@Base' "$new") symbols)"
else
    cp "$new" "$file"
    echo "symbols.sh: wrote packaging/libforcestat.symbols ($(grep -c '@Base' "$new") symbols)"
fi
