#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# mutations.sh FORCESTAT MUTATE [COUNT [PART/PARTS]]
#
# Feeds mutated copies of the test datasets (byte flips, stray quotes,
# newlines, NULs, BOMs, truncation), gzip streams and values near the ends
# of double precision to the commands, and charts over a planted link
# (never followed): every run must end
# with exit 0, 1 or 2 within the time limit -- never a signal, a sanitizer
# report or a hang.  PART/PARTS (1/2, 2/2) runs every PARTS-th input
# from the PART-th, with the seeds the whole run gives them, so that ctest
# runs the parts side by side; the parts together are the whole run.
set -u
forcestat=$1
mutate=$2
count=${3:-60}
slice=${4:-1/1}
part=${slice%/*}
parts=${slice#*/}
case $slice in
[1-9]/[1-9]) [ "$part" -le "$parts" ] || { echo "mutations.sh: part $slice"; exit 2; } ;;
*) echo "mutations.sh: PART/PARTS, such as 1/2, got '$slice'"; exit 2 ;;
esac
data=${FORCESTAT_TEST_DATA:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
inputs=(forces43.csv props.csv rates.csv hostile.csv small.csv embedded_newline.csv bom_crlf.csv)
# The safety issues' hostile inputs: gzip (mutated, it is cut, corrupt or
# followed by garbage), and values near the ends of double precision.
gzip -9 -n -c "$data/forces43.csv" >"$work/forces43.csv.gz"
awk -F, -v OFS=, 'NR > 1 { $(NF - 3) = sprintf("%.17g", $(NF - 3) * 1e300) } 1' \
    "$data/forces43.csv" >"$work/times_1e300.csv"
awk -F, -v OFS=, 'NR > 1 { $(NF - 3) = sprintf("%.17g", $(NF - 3) * 1e-300) } 1' \
    "$data/forces43.csv" >"$work/times_1e-300.csv"
inputs+=("$work/forces43.csv.gz" "$work/times_1e300.csv" "$work/times_1e-300.csv")
# flagged FILE: a sanitizer's report or a runtime error in FILE (a run's
# stderr), read with bash's read rather than a grep per run; grep reads a
# file that holds a NUL byte, where read would stop.
flagged() {
    local text
    if IFS= read -r -d '' text <"$1"; then
        grep -q -E 'Sanitizer|runtime error' "$1"
    else
        [[ $text == *Sanitizer* || $text == *"runtime error"* ]]
    fi
}
# A planted link at the chart's output must never be followed.
printf 'precious\n' >"$work/victim"
seed=0
index=0
for input in "${inputs[@]}"; do
    index=$((index + 1))
    if [ $(((index - 1) % parts)) != $((part - 1)) ]; then
        seed=$((seed + count))
        continue
    fi
    case $input in /*) ;; *) input=$data/$input ;; esac
    for _ in $(seq 1 "$count"); do
        seed=$((seed + 1))
        "$mutate" "$input" "$work/m.csv" "$seed" || { echo "mutate failed"; exit 1; }
        if [ "${input#"$work"}" != "$input" ] && command -v gnuplot >/dev/null 2>&1; then
            ln -sf "$work/victim" "$work/chart.png"
            timeout 20 "$forcestat" chart bar "$work/m.csv" --value rate --output "$work/chart.png" \
                >/dev/null 2>"$work/err"
            rc=$?
            if [ $rc -le 2 ] && [ "$(cat "$work/victim")" = precious ] && ! flagged "$work/err"; then
                passed=$((passed + 1))
            else
                failed=$((failed + 1))
                echo "FAIL seed $seed ($input) chart over a planted link: exit $rc"
                head -3 "$work/err"
            fi
        fi
        for cmd in "check" "outliers" "proportions --numerator k --denominator n" \
                   "rates --count count --population population" \
                   "funnel --numerator k --denominator n" "aggregate --by force --sum value" \
                   "shapiro --column rate"; do
            # shellcheck disable=SC2086
            timeout 20 "$forcestat" $cmd "$work/m.csv" >/dev/null 2>"$work/err"
            rc=$?
            if [ $rc -le 2 ] && ! flagged "$work/err"; then
                passed=$((passed + 1))
            else
                failed=$((failed + 1))
                cp "$work/m.csv" "$work/../forcestat-mutation-$seed.csv" 2>/dev/null
                echo "FAIL seed $seed ($(basename "$input")) $cmd: exit $rc"
                head -3 "$work/err"
            fi
        done
    done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
