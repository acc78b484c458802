#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# gpmemo.sh CACHE GNUPLOT -d SCRIPT: gnuplot, remembered.  A test that runs
# the same chart batch many times (commit.cases kills a run at each of
# its renames, and each run draws the same charts again) names a wrapper
# that calls this as its GNUPLOT.  The first run of a batch is gnuplot's
# own, and on success its charts are kept in CACHE; a later batch with the
# same script (the run's stage folder, and so its output folder, left out)
# and the same data files gets copies of those charts (and of the label
# maps it prints), the bytes gnuplot wrote, instead of drawing them
# again.  A failed batch is never kept.
set -u
cache=$1 gnuplot=$2
shift 2
script=${2:-}
if [ "${1:-}" != -d ] || [ ! -f "$script" ]; then
    exec "$gnuplot" "$@"
fi
workdir=$(dirname "$script")
# The key: the script with the stage folder's path left out (the output
# folder and the stage's random name; the script spells paths with octal
# escapes, a digit after an escape escaped too: stats/render/template.c),
# and each data file's name and bytes.
key=$({ sed -E 's/"(\\[0-7]{3}|[^"\\])*\\056forcestat\\055stage\\055(\\06[0-7]|\\07[01]|[A-Za-z0-9])*/"STAGE/g' "$script" &&
    cd "$workdir" && for f in *.dat; do [ -f "$f" ] && printf '%s\n' "$f" && cat -- "$f"; done; } |
    sha256sum | cut -c1-64)
outputs=() # the files the batch writes, in order: its set output and set print lines
while IFS= read -r line; do
    line=${line#set * \"}
    # the octal escapes read as the bytes they stand for (no % is left
    # bare: it is escaped too)
    # shellcheck disable=SC2059  # the escapes are the format's to read
    printf -v path "${line%\"}"
    outputs+=("$path")
done < <(grep -E '^set (output|print) "' "$script")
kept=$cache/$key
if [ -f "$kept/done" ]; then
    for i in "${!outputs[@]}"; do
        cp -- "$kept/$i" "${outputs[i]}" || exit 1
    done
    cat "$kept/err" >&2
    exit 0
fi
mkdir -p "$cache" || exit 1
err=$cache/err.$$
trap 'rm -f "$err"' EXIT
"$gnuplot" "$@" 2>"$err"
rc=$?
cat "$err" >&2
[ "$rc" = 0 ] || exit "$rc"
new=$kept.new.$$
mkdir -p "$new" || exit 1
for i in "${!outputs[@]}"; do
    cp -- "${outputs[i]}" "$new/$i" || exit 1
done
cp -- "$err" "$new/err" && touch "$new/done" || exit 1
mv -T "$new" "$kept" 2>/dev/null || rm -rf "$new"
exit 0
