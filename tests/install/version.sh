#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# version.sh FORCESTAT SOURCE_DIR: `forcestat --version` prints the
# version, and the commit it was built from exactly when SOURCE_DIR is a
# git checkout of its own (cmake/GitCommit.cmake): a second line "built
# from commit C", C naming HEAD's commit (git describe --always --dirty);
# from a copy of the files (a tarball, the mutation runs' scratch copy),
# the version line alone.  CITATION.cff names the same version.
set -u
forcestat=$1 src=$2
out=$("$forcestat" --version) || { echo "FAIL forcestat --version exited $?"; exit 1; }
version=$(sed -n 's/^project(forcestat VERSION \([0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
line1=$(printf '%s\n' "$out" | sed -n 1p)
line2=$(printf '%s\n' "$out" | sed -n 2p)
lines=$(printf '%s\n' "$out" | wc -l)
fail=0
[ "$line1" = "forcestat $version" ] && echo "ok   $line1" || { echo "FAIL first line '$line1'"; fail=1; }
cff=$(sed -n 's/^version: *//p' "$src/CITATION.cff")
[ "$cff" = "$version" ] && echo "ok   CITATION.cff says version $cff" \
    || { echo "FAIL CITATION.cff says version '$cff', CMakeLists.txt $version"; fail=1; }
top=$(git -C "$src" rev-parse --show-toplevel 2>/dev/null || true)
if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$src" && pwd -P)" ]; then
    # HEAD may have moved since the build: the line must name a commit of
    # this repository.
    commit=${line2#built from commit }
    hash=$(printf '%s\n' "$commit" | sed -E 's/-dirty$//; s/^.*-g([0-9a-f]+)$/\1/')
    if [ "$lines" = 2 ] && [ "$commit" != "$line2" ] &&
        git -C "$src" cat-file -e "$hash^{commit}" 2>/dev/null; then
        echo "ok   $line2"
    else
        echo "FAIL in a git checkout, --version should name a commit of it:"
        printf '%s\n' "$out" | sed 's/^/     /'; fail=1
    fi
else
    [ "$lines" = 1 ] && echo "ok   not a git checkout: no commit line" \
        || { echo "FAIL not a git checkout, yet --version says:"; printf '%s\n' "$out" | sed 's/^/     /'; fail=1; }
fi
exit $fail
