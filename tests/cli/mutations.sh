#!/usr/bin/env bash
# mutations.sh FORCESTAT MUTATE [COUNT]
#
# Feeds mutated copies of the test datasets (byte flips, stray quotes,
# newlines, NULs, BOMs, truncation) to the commands: every run must end
# with exit 0, 1 or 2 within the time limit -- never a signal, a sanitizer
# report or a hang.
set -u
forcestat=$1
mutate=$2
count=${3:-60}
data=${FORCESTAT_TEST_DATA:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
inputs=(forces43.csv props.csv rates.csv hostile.csv small.csv embedded_newline.csv bom_crlf.csv)
seed=0
for input in "${inputs[@]}"; do
    for _ in $(seq 1 "$count"); do
        seed=$((seed + 1))
        "$mutate" "$data/$input" "$work/m.csv" "$seed" || { echo "mutate failed"; exit 1; }
        for cmd in "check" "outliers" "proportions --numerator k --denominator n" \
                   "rates --count count --population population" \
                   "funnel --numerator k --denominator n" "aggregate --by force --sum value" \
                   "shapiro --column rate"; do
            # shellcheck disable=SC2086
            timeout 20 "$forcestat" $cmd "$work/m.csv" >/dev/null 2>"$work/err"
            rc=$?
            if [ $rc -le 2 ] && ! grep -q -E 'Sanitizer|runtime error' "$work/err"; then
                passed=$((passed + 1))
            else
                failed=$((failed + 1))
                cp "$work/m.csv" "$work/../forcestat-mutation-$seed.csv" 2>/dev/null
                echo "FAIL seed $seed ($input) $cmd: exit $rc"
                head -3 "$work/err"
            fi
        done
    done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
