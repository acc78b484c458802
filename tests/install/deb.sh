#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# deb.sh [--build-only] [WORK_DIR]: the Debian packages are built,
# lintian-clean, reproducible, right, install, run and purge.
#
# Builds the tree twice for the packages (Release at -O2, FORCESTAT_DEB=ON,
# in WORK_DIR/a and WORK_DIR/b; default: build-deb-a, build-deb-b beside
# the sources) and runs `cpack -G DEB` on each, with SOURCE_DATE_EPOCH the
# last commit's time unless set.  Then:
#   - the three packages (libforcestatN, libforcestat-dev, forcestat) have
#     0 errors and 0 warnings from lintian (its summary is printed);
#   - two cpack runs of one build, and the two builds, give byte-identical
#     packages;
#   - the committed symbols file matches the library (packaging/symbols.sh);
#   - fields, contents, control files, hardening and stripping are checked;
#   - all three install with dpkg -i; `forcestat report` runs from a fresh
#     folder under /tmp; pkg-config gives a clean -I and an example builds
#     against the installed library; dpkg --purge removes all three.
# It changes the system, so it is a CI step (run as root), not a ctest
# test.  Refuses to run when one of the packages is already installed.
# --build-only makes the two builds and stops: CI makes them in the
# background ahead of this stage, whose own builds then find them up to
# date (each is still configured and built by itself, in its own folder).
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
build_only=0
if [ "${1:-}" = --build-only ]; then
    build_only=1
    shift
fi
work=${1:-$src}
mkdir -p "$work"
work=$(cd "$work" && pwd)
fail=0
say() { echo "$1"; case $1 in FAIL*) fail=1 ;; esac; }

if [ "$build_only" = 0 ] && [ "$(id -u)" != 0 ]; then echo "FAIL deb.sh installs packages: run it as root"; exit 1; fi
soversion=$(sed -n 's/^set(FORCESTAT_SOVERSION \([0-9][0-9]*\))$/\1/p' "$src/CMakeLists.txt")
libpkg=libforcestat$soversion
packages="$libpkg libforcestat-dev forcestat"
for p in $packages; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q installed; then
        echo "FAIL $p is already installed; deb.sh will not replace it"; exit 1
    fi
done
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git -C "$src" log -1 --format=%ct 2>/dev/null) ||
        { echo "FAIL not a git checkout: set SOURCE_DATE_EPOCH"; exit 1; }
fi
export SOURCE_DATE_EPOCH
tmp=$(mktemp -d)
installed=0
cleanup() {
    if [ $installed = 1 ]; then
        # shellcheck disable=SC2086
        dpkg --purge $packages >"$tmp/remove.log" 2>&1 || cat "$tmp/remove.log"
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# build DIR: configure and build the tree for the packages in DIR.
build() {
    if ! { cmake -S "$src" -B "$1" -DCMAKE_BUILD_TYPE=Release -DFORCESTAT_DEB=ON \
               -DFORCESTAT_BUILD_TESTS=OFF -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" &&
           cmake --build "$1" -j2; } >"$tmp/build.log" 2>&1; then
        echo "FAIL building in $1:"; tail -30 "$tmp/build.log" | sed 's/^/     /'; exit 1
    fi
}
# pack DIR OUT: cpack the build in DIR into OUT.
pack() {
    rm -rf "$2"
    if ! (cd "$1" && cpack -G DEB -B "$2") >"$tmp/cpack.log" 2>&1; then
        echo "FAIL cpack -G DEB in $1"; sed 's/^/     /' "$tmp/cpack.log"; exit 1
    fi
    rm -rf "$2/_CPack_Packages"
}
if [ "$build_only" = 1 ]; then
    build "$work/build-deb-a"
    build "$work/build-deb-b"
    echo "deb: the two builds are made"
    exit 0
fi
build "$work/build-deb-a"
pack "$work/build-deb-a" "$tmp/a1"
pack "$work/build-deb-a" "$tmp/a2"
build "$work/build-deb-b"
pack "$work/build-deb-b" "$tmp/b"
bdir=$work/build-deb-a
version=$(dpkg-deb -f "$tmp"/a1/forcestat_*.deb Version)
for p in $packages; do
    deb=$(ls "$tmp"/a1/"${p}"_*_*.deb 2>/dev/null | head -1)
    [ -n "$deb" ] && say "ok   built $(basename "$deb")" || say "FAIL cpack made no ${p}_*.deb"
done
[ $fail = 0 ] || { ls -R "$tmp/a1"; exit 1; }
deb_of() { ls "$tmp"/a1/"$1"_*_*.deb; }

echo "-- lintian"
for p in $packages; do
    lintian --tag-display-limit 0 "$(deb_of "$p")" >"$tmp/lintian.$p" 2>&1
    grep -v 'running with root privileges' "$tmp/lintian.$p" | sed 's/^/     /'
    errors=$(grep -c '^E: ' "$tmp/lintian.$p")
    warnings=$(grep -c '^W: ' "$tmp/lintian.$p")
    if [ "$errors" = 0 ] && [ "$warnings" = 0 ]; then
        say "ok   lintian $p: 0 errors, 0 warnings"
    else
        say "FAIL lintian $p: $errors errors, $warnings warnings"
    fi
done

echo "-- reproducible"
for p in $packages; do
    name=$(basename "$(deb_of "$p")")
    cmp -s "$tmp/a1/$name" "$tmp/a2/$name" && say "ok   two cpack runs give the same $name" \
        || say "FAIL two cpack runs of one build differ in $name"
    cmp -s "$tmp/a1/$name" "$tmp/b/$name" && say "ok   two builds give the same $name ($(sha256sum <"$tmp/a1/$name" | cut -c1-16))" \
        || say "FAIL two builds differ in $name"
done
if bash "$src/packaging/symbols.sh" --check "$bdir/libforcestat.so.$soversion" >"$tmp/symbols.log" 2>&1; then
    say "ok   packaging/libforcestat.symbols matches the library"
else
    say "FAIL the symbols file:"; sed 's/^/     /' "$tmp/symbols.log"
fi

echo "-- fields and contents"
binver=$("$bdir/forcestat" --version | awk 'NR==1 {print $NF}')
[ "$version" = "$binver-1" ] && say "ok   version $version, as forcestat --version ($binver)" \
    || say "FAIL package version $version, forcestat --version says $binver"
maint=$(dpkg-deb -f "$(deb_of forcestat)" Maintainer)
case $maint in *@localhost* | "") say "FAIL Maintainer is '$maint'" ;; *) say "ok   Maintainer $maint" ;; esac
field_has() { # PACKAGE FIELD WORD...
    local value; value=$(dpkg-deb -f "$(deb_of "$1")" "$2"); local p=$1 f=$2; shift 2
    for w in "$@"; do
        case ", $value" in *", $w"*) say "ok   $p $f names $w" ;; *) say "FAIL $p $f lacks $w: $value" ;; esac
    done
}
field_has "$libpkg" Depends libgsl libcsv3 zlib1g libisal2 libc6
field_has libforcestat-dev Depends "$libpkg (= $version)" libgsl-dev libcsv-dev zlib1g-dev libisal-dev libarchive-dev libexpat1-dev
field_has forcestat Depends "$libpkg" libgsl libc6
field_has forcestat Recommends gnuplot-nox
triplet=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
holds() { # PACKAGE PATH...
    local p=$1; shift
    dpkg-deb -c "$(deb_of "$p")" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/contents"
    for f in "$@"; do
        grep -qx "$f" "$tmp/contents" && say "ok   $p holds $f" || say "FAIL $p does not hold $f"
    done
}
holds "$libpkg" "/usr/lib/$triplet/libforcestat.so.$soversion" "/usr/share/doc/$libpkg/copyright" \
    "/usr/share/doc/$libpkg/changelog.Debian.gz"
holds libforcestat-dev "/usr/lib/$triplet/libforcestat.so" "/usr/lib/$triplet/libforcestat.a" \
    /usr/include/forcestat/forcestat.h "/usr/lib/$triplet/pkgconfig/forcestat.pc" \
    "/usr/lib/$triplet/cmake/forcestat/forcestatConfig.cmake" /usr/share/doc/libforcestat-dev/copyright
holds forcestat /usr/bin/forcestat /usr/share/man/man1/forcestat.1.gz \
    /usr/share/man/man1/forcestat-report.1.gz /usr/share/forcestat/datasets/report.csv \
    /usr/share/forcestat/plots/bar.gp /usr/share/bash-completion/completions/forcestat \
    /usr/share/doc/forcestat/copyright /usr/share/doc/forcestat/changelog.Debian.gz
dpkg-deb -e "$(deb_of "$libpkg")" "$tmp/control"
[ "$(cat "$tmp/control/triggers" 2>/dev/null)" = "activate-noawait ldconfig" ] \
    && say "ok   $libpkg has the ldconfig trigger" || say "FAIL $libpkg has no ldconfig trigger"
grep -q "^libforcestat $soversion $libpkg " "$tmp/control/shlibs" 2>/dev/null \
    && say "ok   $libpkg has shlibs" || say "FAIL $libpkg has no shlibs"
cmp -s "$tmp/control/symbols" "$src/packaging/libforcestat.symbols" \
    && say "ok   $libpkg has the symbols file" || say "FAIL $libpkg lacks packaging/libforcestat.symbols"
[ ! -e "$tmp/control/postinst" ] && say "ok   $libpkg has no postinst (the trigger calls ldconfig)" \
    || say "FAIL $libpkg has a postinst"

echo "-- hardening and stripping"
dpkg-deb -x "$(deb_of forcestat)" "$tmp/root"
dpkg-deb -x "$(deb_of "$libpkg")" "$tmp/root"
for f in "$tmp/root/usr/bin/forcestat" "$tmp/root/usr/lib/$triplet/libforcestat.so.$soversion"; do
    n=${f#"$tmp/root"}
    readelf -lW "$f" | grep -q GNU_RELRO && readelf -dW "$f" | grep -q 'BIND_NOW\|FLAGS.*NOW' \
        && say "ok   $n: full RELRO (relro, now)" || say "FAIL $n: not full RELRO"
    readelf -SW "$f" | grep -q ' \.symtab ' && say "FAIL $n is not stripped" || say "ok   $n is stripped"
    readelf --dyn-syms -W "$f" | grep -q '__stack_chk_fail' \
        && say "ok   $n: stack protector" || say "FAIL $n: no stack protector"
    readelf --dyn-syms -W "$f" | grep -q '__[a-z]*_chk@' \
        && say "ok   $n: fortified libc calls" || say "FAIL $n: no _FORTIFY_SOURCE"
done
readelf -hW "$tmp/root/usr/bin/forcestat" | grep -q 'Type:.*DYN' && say "ok   /usr/bin/forcestat is PIE" \
    || say "FAIL /usr/bin/forcestat is not PIE"
readelf -dW "$tmp/root/usr/bin/forcestat" | grep -q 'RPATH\|RUNPATH' && say "FAIL /usr/bin/forcestat has an RPATH" \
    || say "ok   /usr/bin/forcestat has no RPATH"

echo "-- install, run, purge"
# shellcheck disable=SC2046
if ! dpkg -i $(for p in $packages; do deb_of "$p"; done) >"$tmp/install.log" 2>&1; then
    echo "FAIL dpkg -i"; sed 's/^/     /' "$tmp/install.log"; installed=1; exit 1
fi
installed=1
say "ok   dpkg -i $packages"
ldconfig -p | grep -Eq "libforcestat\.so\.$soversion .*=> (/usr)?/lib/$triplet/" \
    && say "ok   ldconfig knows libforcestat.so.$soversion" || say "FAIL ldconfig does not list the library"
run=$(mktemp -d /tmp/forcestat-deb.XXXXXX)
(cd "$run" && forcestat report >"$tmp/out" 2>"$tmp/err")
rc=$?
[ $rc = 0 ] && say "ok   forcestat report from $run" \
    || { say "FAIL forcestat report exited $rc:"; sed 's/^/     /' "$tmp/err"; }
png=$run/out/m01-outcomes-closed-as-prosecution-time-limit-bar.png
[ -s "$run/out/index.html" ] && say "ok   report wrote out/index.html" || say "FAIL report did not write out/index.html"
if [ -s "$png" ] && [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
    say "ok   the bar chart is a PNG"
else
    say "FAIL the bar chart is not a PNG"
fi
man -w forcestat-report >/dev/null 2>&1 && say "ok   man forcestat-report finds its page" \
    || { command -v man >/dev/null 2>&1 && say "FAIL man forcestat-report finds no page"; }
cflags=$(pkg-config --cflags forcestat)
case $cflags in *..*) say "FAIL pkg-config --cflags is '$cflags'" ;; *) say "ok   pkg-config --cflags is '$cflags'" ;; esac
# shellcheck disable=SC2046
if cc -o "$run/band" "$src/examples/band.c" $(pkg-config --cflags --libs forcestat) 2>"$tmp/cc.log" &&
    "$run/band" /usr/share/forcestat/datasets/crime_severity_2019_20.csv sum | grep -q '^sum: 42 forces'; then
    say "ok   an example built with pkg-config against the installed library runs"
else
    say "FAIL the example against the installed library:"; sed 's/^/     /' "$tmp/cc.log"
fi
rm -rf "$run"
# shellcheck disable=SC2086
if dpkg --purge $packages >"$tmp/remove.log" 2>&1 && [ ! -e /usr/bin/forcestat ] &&
    [ ! -e "/usr/lib/$triplet/libforcestat.so.$soversion" ] && [ ! -e /usr/include/forcestat ]; then
    installed=0; say "ok   dpkg --purge removes all three"
else
    say "FAIL dpkg --purge:"; sed 's/^/     /' "$tmp/remove.log"
fi
[ $fail = 0 ] && echo "deb: all checks passed" || echo "deb: some checks FAILED"
exit $fail
