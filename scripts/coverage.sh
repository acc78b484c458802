#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# coverage.sh [--counted] [BUILD_DIR]: line coverage of the library and
# the program.
#
# Builds with gcov instrumentation (-DFORCESTAT_COVERAGE=ON) in BUILD_DIR
# (default build-coverage), runs the whole suite, and reports with gcovr
# (Debian's gcovr package; scripts/setup.sh --ci installs it).  Fails when
# the library (stats/) is below 95% of its lines or the program (cli/)
# below 90%: the levels the project holds itself to.
# --counted reports on a BUILD_DIR whose whole suite has just run, built
# with FORCESTAT_COVERAGE=ON (CI's sanitizer build is), instead of
# building and running it again; it fails when BUILD_DIR is not
# instrumented or holds no counts.
set -eu
cd "$(dirname "$0")/.."
counted=0
if [ "${1:-}" = --counted ]; then
    counted=1
    shift
fi
build=${1:-build-coverage}
if [ $counted = 1 ]; then
    if ! grep -q '^FORCESTAT_COVERAGE:BOOL=ON$' "$build/CMakeCache.txt" 2>/dev/null ||
        [ -z "$(find "$build" -name '*.gcda' | head -1)" ]; then
        echo "coverage.sh: $build is not a coverage build whose suite has run" >&2
        exit 1
    fi
else
    cmake -S . -B "$build" -DFORCESTAT_COVERAGE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
    cmake --build "$build" -j2 >/dev/null
    find "$build" -name '*.gcda' -delete
    (cd "$build" && ctest -j2 --output-on-failure >ctest.log 2>&1) || { tail -40 "$build/ctest.log"; exit 1; }
fi
echo "== library (stats/), at least 95% of lines"
gcovr -r . "$build" --gcov-ignore-parse-errors --filter 'stats/' --fail-under-line 95 \
    --txt "$build/coverage-stats.txt"
tail -2 "$build/coverage-stats.txt" | head -1
echo "== program (cli/), at least 90% of lines"
gcovr -r . "$build" --gcov-ignore-parse-errors --filter 'cli/' --fail-under-line 90 \
    --txt "$build/coverage-cli.txt"
tail -2 "$build/coverage-cli.txt" | head -1
