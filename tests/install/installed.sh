#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# installed.sh BUILD_DIR: installed, forcestat still runs its main job.
#
# Installs the build into a temporary prefix, then runs `forcestat
# report` with no argument from another folder: the bundled manifest and
# datasets must be found under the prefix (share/forcestat), wherever it
# is, and the report written.  Exit 77 (skipped) without gnuplot, except
# in CI (CI=true), which has it.
set -u
build=$1
if ! command -v "${GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
    [ "${CI:-}" = true ] && { echo "FAIL gnuplot is missing, but CI must have it"; exit 1; }
    echo "SKIPPED: gnuplot is not installed"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
if ! cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1; then
    echo "FAIL cmake --install"; sed 's/^/     /' "$work/install.log"; exit 1
fi
mkdir "$work/elsewhere"
(cd "$work/elsewhere" && "$work/prefix/bin/forcestat" report --output out >"$work/out" 2>"$work/err")
rc=$?
if [ $rc != 0 ]; then
    echo "FAIL installed report exited $rc:"; sed 's/^/     /' "$work/err"; fail=1
fi
for f in index.html m01-outcomes-closed-as-prosecution-time-limit-bar.png; do
    if [ ! -s "$work/elsewhere/out/$f" ]; then echo "FAIL no $f"; fail=1; else echo "ok   $f written"; fi
done
# The manual pages, made from --help, and the bash completion.
man1="$work/prefix/share/man/man1"
if command -v help2man >/dev/null 2>&1; then
    for page in forcestat forcestat-chart forcestat-report forcestat-outliers; do
        if [ -s "$man1/$page.1" ] && grep -q '^\.SH NAME' "$man1/$page.1"; then
            echo "ok   man page $page"
        else
            echo "FAIL no man page $page"; fail=1
        fi
    done
    if grep -q 'highlight' "$man1/forcestat-chart.1" && grep -q '^forcestat-chart \\-' "$man1/forcestat-chart.1"; then
        echo "ok   forcestat-chart(1) names its command and options"
    else
        echo "FAIL forcestat-chart(1) lacks its name or --highlight"; fail=1
    fi
else
    [ "${CI:-}" = true ] && { echo "FAIL help2man is missing, but CI must have it"; fail=1; }
fi
completion="$work/prefix/share/bash-completion/completions/forcestat"
if [ -s "$completion" ]; then
    got=$(PATH="$work/prefix/bin:$PATH" bash -c '
        . "$1"
        COMP_WORDS=(forcestat ch); COMP_CWORD=1; _forcestat; echo "${COMPREPLY[*]}"
        COMP_WORDS=(forcestat chart b); COMP_CWORD=2; _forcestat; echo "${COMPREPLY[*]}"
        COMP_WORDS=(forcestat outliers --va); COMP_CWORD=2; _forcestat; echo "${COMPREPLY[*]}"' _ "$completion")
    want="check change chart
bar
--value"
    if [ "$got" = "$want" ]; then
        echo "ok   bash completion: commands, chart kinds, options"
    else
        echo "FAIL bash completion gave:"; echo "$got" | sed 's/^/     /'; fail=1
    fi
else
    echo "FAIL no bash completion installed"; fail=1
fi

# A program outside the project, built against the installed library:
# with CMake's find_package, and with pkg-config (shared, and --static).
# FORCESTAT_CONSUMER_FLAGS: what a program needs to link an instrumented
# build of the library (set by ctest for sanitizer and coverage builds).
src=$(cd "$(dirname "$0")/../.." && pwd)
xflags=${FORCESTAT_CONSUMER_FLAGS:-}
if cmake -S "$src/examples" -B "$work/ex-cmake" -DCMAKE_PREFIX_PATH="$work/prefix" \
        -DCMAKE_C_FLAGS="$xflags" -DCMAKE_EXE_LINKER_FLAGS="$xflags" >"$work/ex.log" 2>&1 &&
    cmake --build "$work/ex-cmake" >>"$work/ex.log" 2>&1 &&
    "$work/ex-cmake/example_interval" | grep -q '^wald     85.7% (80.8% to 90.6%), symmetric$'; then
    echo "ok   examples built with find_package(forcestat) run"
else
    echo "FAIL examples with find_package:"; tail -20 "$work/ex.log" | sed 's/^/     /'; fail=1
fi
pc="$work/prefix/lib/pkgconfig"
[ -d "$pc" ] || pc=$(dirname "$(find "$work/prefix" -name forcestat.pc | head -1)")
libdir=$(PKG_CONFIG_PATH=$pc pkg-config --variable=libdir forcestat)
# shellcheck disable=SC2046
if cc $xflags -o "$work/band" "$src/examples/band.c" $(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs forcestat) \
        -Wl,-rpath,"$libdir" 2>"$work/pc.log" &&
    "$work/band" "$src/datasets/crime_severity_2019_20.csv" sum | grep -q '^sum: 42 forces'; then
    echo "ok   example built with pkg-config (shared) runs"
else
    echo "FAIL example with pkg-config:"; sed 's/^/     /' "$work/pc.log"; fail=1
fi
# shellcheck disable=SC2046
# As README shows it: fully static, from the --static list.  AddressSanitizer
# cannot link statically, so a sanitizer build leaves this one out.
case $xflags in
*sanitize*) echo "ok   (pkg-config --static: not with a sanitizer build)" ;;
*)
    # shellcheck disable=SC2046
    if cc $xflags -static -o "$work/funnel" "$src/examples/funnel.c" \
            $(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs --static forcestat) >"$work/pcs.log" 2>&1 &&
        ! readelf -d "$work/funnel" 2>/dev/null | grep -q NEEDED &&
        "$work/funnel" | grep -q '^target 0.4698%'; then
        echo "ok   example built with pkg-config --static (fully static) runs"
    else
        echo "FAIL example with pkg-config --static:"; sed 's/^/     /' "$work/pcs.log"
        readelf -d "$work/funnel" 2>&1 | grep NEEDED | sed 's/^/     /'; fail=1
    fi ;;
esac
if readelf -d "$work/prefix/bin/forcestat" | grep -q 'R.*PATH.*\$ORIGIN/\.\./lib'; then
    echo "ok   the program finds its library by an RPATH relative to \$ORIGIN"
else
    echo "FAIL no \$ORIGIN RPATH on the installed program"; fail=1
fi

# The same with the install tree moved: nothing depends on where it was put.
mv "$work/prefix" "$work/moved"
(cd "$work/elsewhere" && "$work/moved/bin/forcestat" report --output out2 >/dev/null 2>"$work/err2")
if [ ! -s "$work/elsewhere/out2/index.html" ]; then
    echo "FAIL the moved install tree:"; sed 's/^/     /' "$work/err2"; fail=1
else
    echo "ok   a moved install tree still reports"
fi
exit $fail
