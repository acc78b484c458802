#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# coverage.sh [BUILD_DIR]: line coverage of the library and the program.
#
# Builds with gcov instrumentation (-DFORCESTAT_COVERAGE=ON) in BUILD_DIR
# (default build-coverage), runs the whole suite, and reports with gcovr
# (Debian's gcovr package; scripts/setup.sh --ci installs it).  Fails when
# the library (stats/) is below 95% of its lines or the program (cli/)
# below 90%: the levels the project holds itself to.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-coverage}
cmake -S . -B "$build" -DFORCESTAT_COVERAGE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j2 >/dev/null
find "$build" -name '*.gcda' -delete
(cd "$build" && ctest -j2 --output-on-failure >ctest.log 2>&1) || { tail -40 "$build/ctest.log"; exit 1; }
echo "== library (stats/), at least 95% of lines"
gcovr -r . "$build" --gcov-ignore-parse-errors --filter 'stats/' --fail-under-line 95 \
    --txt "$build/coverage-stats.txt"
tail -2 "$build/coverage-stats.txt" | head -1
echo "== program (cli/), at least 90% of lines"
gcovr -r . "$build" --gcov-ignore-parse-errors --filter 'cli/' --fail-under-line 90 \
    --txt "$build/coverage-cli.txt"
tail -2 "$build/coverage-cli.txt" | head -1
