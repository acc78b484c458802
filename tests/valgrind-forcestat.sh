#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs forcestat under valgrind memcheck: any memory error or leak turns
# into exit status 99, which the CLI tables then report as a failure.
here=$(dirname "$0")
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    "${FORCESTAT_BINARY:?set FORCESTAT_BINARY to the forcestat program}" "$@"
