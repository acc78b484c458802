#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# setup.sh [--ci]: install what forcestat needs to build, test and draw
# charts, from Debian's packages.  Non-interactive and idempotent:
# packages that are already installed are left alone, and nothing is
# fetched when everything is present.  Run as root, or with sudo.
# --ci adds what continuous integration uses besides: clang with its
# libFuzzer runtime, valgrind, gcovr, dpkg-dev and file, with which
# CPack works out the Debian packages' Depends, lintian, which checks
# them, and abigail-tools (abidw, abidiff), which checks the library's ABI,
# and what the Python and R packages in python/ and r/ are tested with
# (cffi, pytest, pandas, R), and locales, whose
# localedef makes the de_DE and fr_FR locales tests/locale/locale.sh runs
# the library under (compiled into a private folder: nothing installed).
set -eu
# libisal-dev inflates gzip (ISA-L; zlib1g-dev when a program is linked
# fully static: Debian has no static libisal); libarchive-dev and
# libexpat1-dev read workbooks; libacl1-dev, libzstd-dev
# and liblz4-dev are the static libraries libarchive's pkg-config --static
# names, which a fully static program (README, "Library") links.

packages="gcc make cmake pkg-config libgsl-dev libcsv-dev libcunit1-dev zlib1g-dev libisal-dev libarchive-dev libexpat1-dev libacl1-dev libzstd-dev liblz4-dev gnuplot-nox help2man libxml2-utils"
if [ "${1:-}" = "--ci" ]; then
    packages="$packages clang libclang-rt-14-dev valgrind gcovr dpkg-dev file lintian abigail-tools"
    packages="$packages python3-cffi python3-pytest python3-pandas r-base-core r-base-dev r-cran-jsonlite locales"
fi

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "setup: all dependencies are installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "setup: missing packages:$missing; run this script as root to install them" >&2
    exit 1
fi

echo "setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "setup: done"
