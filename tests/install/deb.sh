#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# deb.sh BUILD_DIR: the Debian package is built, right, installs and runs.
#
# Runs `cpack -G DEB` for a configured build folder, checks the package's
# fields (Depends on the GSL, libcsv and zlib runtime packages, Recommends
# gnuplot-nox, the licence) and contents (program, shared library with its
# SONAME link, man pages, datasets, templates), then installs it with
# `dpkg -i`, runs `forcestat report` from a fresh folder under /tmp, checks
# what it wrote, and removes the package again.  It changes the system, so
# it is a CI step (run as root), not a ctest test.  Refuses to run when a
# forcestat package is already installed, so it never replaces one.
set -u
build=$(cd "$1" && pwd)
fail=0
say() { echo "$1"; case $1 in FAIL*) fail=1 ;; esac; }

if [ "$(id -u)" != 0 ]; then echo "FAIL deb.sh installs a package: run it as root"; exit 1; fi
if dpkg-query -W -f='${Status}' forcestat 2>/dev/null | grep -q installed; then
    echo "FAIL a forcestat package is already installed; deb.sh will not replace it"; exit 1
fi
work=$(mktemp -d)
installed=0
cleanup() {
    if [ $installed = 1 ]; then dpkg --purge forcestat >"$work/remove.log" 2>&1 || cat "$work/remove.log"; fi
    rm -rf "$work"
}
trap cleanup EXIT

if ! (cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg") >"$work/cpack.log" 2>&1; then
    echo "FAIL cpack -G DEB"; sed 's/^/     /' "$work/cpack.log"; exit 1
fi
deb=$(ls "$work"/pkg/forcestat_*_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "FAIL cpack made no forcestat_*.deb"; ls -R "$work/pkg"; exit 1; }
say "ok   built $(basename "$deb")"

# The version the build, --version and the .pc share.
version=$(dpkg-deb -f "$deb" Version)
binver=$("$build/forcestat" --version | awk 'NR==1 {print $NF}')
[ "$version" = "$binver" ] && say "ok   version $version, as forcestat --version" \
    || say "FAIL package version $version, forcestat --version says $binver"

depends=$(dpkg-deb -f "$deb" Depends)
for p in libgsl libcsv3 zlib1g libc6; do
    case ", $depends" in *", $p"*) say "ok   Depends names $p" ;; *) say "FAIL Depends lacks $p: $depends" ;; esac
done
[ "$(dpkg-deb -f "$deb" Recommends)" = gnuplot-nox ] && say "ok   Recommends gnuplot-nox" \
    || say "FAIL Recommends is '$(dpkg-deb -f "$deb" Recommends)', not gnuplot-nox"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
for f in /usr/bin/forcestat /usr/lib/libforcestat.so.1 /usr/include/forcestat/forcestat.h \
    /usr/lib/pkgconfig/forcestat.pc /usr/lib/cmake/forcestat/forcestatConfig.cmake \
    /usr/share/man/man1/forcestat.1 /usr/share/man/man1/forcestat-report.1 \
    /usr/share/forcestat/datasets/report.csv /usr/share/forcestat/plots/bar.gp \
    /usr/share/bash-completion/completions/forcestat /usr/share/doc/forcestat/copyright; do
    grep -qx "$f" "$work/contents" && say "ok   holds $f" || say "FAIL does not hold $f"
done

if ! dpkg -i "$deb" >"$work/install.log" 2>&1; then
    echo "FAIL dpkg -i"; sed 's/^/     /' "$work/install.log"; exit 1
fi
installed=1
say "ok   dpkg -i"
[ "$(command -v forcestat)" = /usr/bin/forcestat ] && say "ok   forcestat is /usr/bin/forcestat" \
    || say "FAIL forcestat on PATH is '$(command -v forcestat)'"
lib=$(ldd /usr/bin/forcestat | awk '$1 == "libforcestat.so.1" {print $3}')
if [ -n "$lib" ] && [ "$(readlink -f "$lib")" = "$(readlink -f /usr/lib/libforcestat.so.1)" ]; then
    say "ok   the program loads /usr/lib/libforcestat.so.1"
else
    say "FAIL the program does not load the packaged library:"; ldd /usr/bin/forcestat | sed 's/^/     /'
fi

run=$(mktemp -d /tmp/forcestat-deb.XXXXXX)
(cd "$run" && forcestat report >"$work/out" 2>"$work/err")
rc=$?
if [ $rc = 0 ]; then say "ok   forcestat report from $run"; else
    say "FAIL forcestat report exited $rc:"; sed 's/^/     /' "$work/err"
fi
for f in index.html m01-outcomes-closed-as-prosecution-time-limit-bar.png; do
    [ -s "$run/out/$f" ] && say "ok   report wrote out/$f" || say "FAIL report did not write out/$f"
done
png=$run/out/m01-outcomes-closed-as-prosecution-time-limit-bar.png
if [ -s "$png" ] && [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
    say "ok   the bar chart is a PNG"
else
    say "FAIL the bar chart is not a PNG"
fi
man -w forcestat-report >/dev/null 2>&1 && say "ok   man forcestat-report finds its page" \
    || { command -v man >/dev/null 2>&1 && say "FAIL man forcestat-report finds no page"; }
rm -rf "$run"

if dpkg --purge forcestat >"$work/remove.log" 2>&1 && [ ! -e /usr/bin/forcestat ]; then
    installed=0; say "ok   dpkg --purge removes it"
else
    say "FAIL dpkg --purge:"; sed 's/^/     /' "$work/remove.log"
fi
[ $fail = 0 ] && echo "deb: all checks passed" || echo "deb: some checks FAILED"
exit $fail
