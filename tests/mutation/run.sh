#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/mutation/run.sh [--sample N] [--seed S] [--only ID,...] [--report FILE]
#                       [--scratch DIR [--prepare]]
#
# Mutation testing: applies each mutant of tests/mutation/mutants.tsv to a
# scratch copy of the project, builds it, runs the whole test suite, and
# reports each mutant as killed (a test failed), survived (every test
# passed: a bug the suite would not see), stillborn (it does not build)
# or not applicable (its line is not in the file exactly once: the code
# moved, so the mutant must move with it).  The kill rate is killed over
# killed plus survived; survivors listed in tests/mutation/equivalent.tsv
# with a reason are equivalent mutants and reported apart.
#
# --sample N runs N mutants picked at random (CI runs 12); --seed makes
# the pick repeatable.  --scratch DIR puts the scratch copy in DIR (an
# empty folder, or one an earlier --scratch DIR --prepare made, whose copy
# and build are used as they are) and leaves it there; --prepare makes the
# copy and its build and stops (CI builds it in the background that way).
# Exit status: 0 when every mutant run was killed or is listed as
# equivalent, and none is not applicable; 1 otherwise.
# FORCESTAT_MUTATION_TIMEOUT sets each test's time limit in seconds (180;
# raise it on a loaded machine, where a slow test timing out would count
# as a kill).  Needs perl (Debian's perl-base) for the substitution, and
# what the suite needs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
sample=0
seed=$RANDOM
only=""
report=""
given_scratch=""
prepare=0
while [ $# -gt 0 ]; do
    case $1 in
    --sample) sample=$2; shift 2 ;;
    --scratch) given_scratch=$2; shift 2 ;;
    --prepare) prepare=1; shift ;;
    --seed) seed=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --report) report=$2; shift 2 ;;
    -h | --help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
done
shared=${FORCESTAT_SHARED_DATA:-$(cd "$src/.." && pwd)/shared/data}
if [ -n "$given_scratch" ]; then
    mkdir -p "$given_scratch"
    scratch=$(cd "$given_scratch" && pwd)
else
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
fi
# mktemp makes the folder 0700: the suite's cases that run forcestat as
# another user (cli.commit's sticky folder, as nobody) could not reach the
# program in it and failed for every mutant, killing survivors with them.
chmod 0755 "$scratch"

# The mutants, in file order, or a sample of them.
mapfile -t all < <(grep -v -E '^(#|$)' "$here/mutants.tsv")
ids=()
for line in "${all[@]}"; do ids+=("${line%%$'\t'*}"); done
chosen=()
if [ -n "$only" ]; then
    IFS=, read -r -a chosen <<<"$only"
elif [ "$sample" -gt 0 ]; then
    mapfile -t chosen < <(printf '%s\n' "${ids[@]}" | awk -v seed="$seed" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' |
        sort -n | head -n "$sample" | cut -f2)
else
    chosen=("${ids[@]}")
fi
if [ "${#chosen[@]}" = 0 ]; then
    echo "run.sh: no mutant to run (is tests/mutation/mutants.tsv there?)" >&2
    exit 2
fi
[ "$prepare" = 1 ] || echo "mutation: ${#chosen[@]} of ${#ids[@]} mutants (seed $seed)"

# A scratch copy of the tracked files, built once (or prepared before).
if [ ! -f "$scratch/build/CMakeCache.txt" ]; then
    (cd "$src" && git ls-files -z | xargs -0 cp --parents -t "$scratch")
    cmake -S "$scratch" -B "$scratch/build" -DFORCESTAT_SHARED_DATA="$shared" >"$scratch/configure.log" 2>&1
fi
cmake --build "$scratch/build" -j2 >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }
if [ "$prepare" = 1 ]; then
    echo "mutation: the scratch copy in $scratch is built"
    exit 0
fi

# meta.mutants checks that every mutant's line stands once in its file,
# which a mutant applied to the scratch copy makes untrue: it would kill
# every mutant, so it is left out here.
skip='^meta[.]mutants$'
# A cases table stops at its first failure (tests/cli/run_cases.sh): one
# failure kills a mutant, and the rest of the table is time lost.
export FORCESTAT_CASES_STOP=1
per_test=${FORCESTAT_MUTATION_TIMEOUT:-180}
case $per_test in '' | *[!0-9]*) echo "run.sh: FORCESTAT_MUTATION_TIMEOUT must be a number of seconds" >&2; exit 2 ;; esac
suite_size=$(cd "$scratch/build" && ctest -N -E "$skip" | sed -n -E 's/^Total Tests: ([0-9]+)$/\1/p')
# The suite runs in two parts: the unit tests first (seconds, and they
# kill most mutants), then the rest only for a mutant they let through.
# Each part stops at its first failure; ctest.log holds both.
fast='^unit[.]'
run_suite() {
    (cd "$scratch/build" &&
        timeout $((per_test * 5)) ctest -j2 -R "$fast" -E "$skip" --stop-on-failure --timeout "$per_test" \
            >"$scratch/ctest.log" 2>&1 &&
        timeout $((per_test * 5)) ctest -j2 -E "$fast|$skip" --stop-on-failure --timeout "$per_test" \
            >>"$scratch/ctest.log" 2>&1)
}
# The tests that matter for a mutant run before the suite: those that
# killed it or another mutant of its file in REPORT.md's full run, and
# those named after its file (site_page.c: unit.site_page, unit.site;
# cli/cmd_chart.c: cli.chart...; result_ratio.c: unit.ratio, cli.ratio;
# changes.c: unit.change...), when the suite has them.  A failure
# there kills it at the cost of a few tests; when they all pass, the whole
# suite runs as above, so a mutant still survives only when every test
# passes.
mapfile -t known < <(cd "$scratch/build" && ctest -N -E "$skip" | sed -n -E 's/^ *Test +#[0-9]+: ([^ ]+)$/\1/p')
likely_tests() { # ID FILE: a ctest regex naming the tests, or nothing
    local names t n out=""
    names=$(sed -n -E "s#^\| $1 \| [^|]* \| killed \(([^ )]+)\) \|.*#\1#p;
        s#^\| [^ ]+ \| ${2//./[.]} \| killed \(([^ )]+)\) \|.*#\1#p" "$here/REPORT.md" 2>/dev/null)
    local base=${2##*/} stem
    base=${base%.*}
    stem=${base#cmd_}
    stem=${stem#result_}
    stem=${stem%s}
    names="$names unit.$base unit.${base%%_*} *.$stem*"
    for n in $names; do
        for t in "${known[@]}"; do
            # shellcheck disable=SC2254
            case $t in
            $n) case "|$out|" in *"|${t//./[.]}|"*) ;; *) out="$out${out:+|}${t//./[.]}" ;; esac ;;
            esac
        done
    done
    [ -z "$out" ] || echo "^($out)\$"
}
run_likely() { # REGEX
    (cd "$scratch/build" &&
        timeout $((per_test * 5)) ctest -j2 -R "$1" --stop-on-failure --timeout "$per_test" \
            >"$scratch/ctest.log" 2>&1)
}
killed_by() { # the first test ctest.log names as failed
    { grep -E '\*\*\*Failed|\(Failed\)|\*\*\*Timeout|\*\*\*Exception' "$scratch/ctest.log" || echo "the suite"; } |
        head -1 | sed -E 's/.* - ([^ ]+) .*/\1/; s/.*Test +#[0-9]+: ([^ ]+).*/\1/'
}
equivalent() { grep -q -E "^$1"$'\t' "$here/equivalent.tsv" 2>/dev/null; }
killed=0 survived=0 stillborn=0 inapplicable=0 equiv=0
results=()
for id in "${chosen[@]}"; do
    began=$SECONDS
    line=""
    for l in "${all[@]}"; do [ "${l%%$'\t'*}" = "$id" ] && line=$l; done
    if [ -z "$line" ]; then echo "run.sh: no mutant $id" >&2; exit 2; fi
    IFS=$'\t' read -r _ file from to why <<<"$line"
    cp "$scratch/$file" "$scratch/original"
    if ! FROM=$from TO=$to perl -e '
        my $path = shift; open my $f, "<", $path or die; my @l = <$f>; close $f;
        my $n = grep { my $x = $_; chomp $x; $x eq $ENV{FROM} } @l;
        exit 3 if $n != 1;
        for (@l) { my $x = $_; chomp $x; $_ = "$ENV{TO}\n" if $x eq $ENV{FROM} }
        open $f, ">", $path or die; print $f @l; close $f;' "$scratch/$file"; then
        verdict="not-applicable"
        inapplicable=$((inapplicable + 1))
    elif ! cmake --build "$scratch/build" -j2 >"$scratch/mutant.log" 2>&1; then
        verdict="stillborn"
        stillborn=$((stillborn + 1))
    elif likely=$(likely_tests "$id" "$file") && [ -n "$likely" ] && ! run_likely "$likely"; then
        killed=$((killed + 1))
        verdict="killed ($(killed_by))"
    elif run_suite; then
        # A pass counts only when the whole suite ran, in its two parts.
        ran=$(sed -n -E 's/^100% tests passed, 0 tests failed out of ([0-9]+)$/\1/p' "$scratch/ctest.log" |
            awk '{ n += $1 } END { print n + 0 }')
        if [ "$ran" -lt "$suite_size" ]; then
            echo "run.sh: $id: the suite did not run whole:" >&2
            tail -5 "$scratch/ctest.log" >&2
            exit 1
        fi
        if equivalent "$id"; then
            verdict="equivalent"
            equiv=$((equiv + 1))
        else
            verdict="SURVIVED"
            survived=$((survived + 1))
        fi
    else
        killed=$((killed + 1))
        by=$(killed_by)
        # A kill by a time-out says so: on a loaded machine a slow test can
        # time out with no bug, so such a verdict is worth a second look
        # (FORCESTAT_MUTATION_TIMEOUT).
        if grep -q -E "\*\*\*Timeout" "$scratch/ctest.log" && ! grep -q -E '\*\*\*Failed|\(Failed\)' "$scratch/ctest.log"; then
            by="timeout: $by"
        fi
        verdict="killed ($by)"
    fi
    cp "$scratch/original" "$scratch/$file"
    printf '  %-4s %-18s %-28s %s (%d s)\n' "$id" "$file" "$verdict" "$why" $((SECONDS - began))
    results+=("$(printf '| %s | %s | %s | %s |' "$id" "$file" "$verdict" "$why")")
done
run=$((killed + survived))
rate=$(awk -v k="$killed" -v r="$run" 'BEGIN { printf "%.1f", r ? 100 * k / r : 100 }')
summary="killed $killed, survived $survived, equivalent $equiv, stillborn $stillborn, not applicable $inapplicable: $rate% killed"
echo "mutation: $summary"
if [ -n "$report" ]; then
    {
        echo "# Mutation testing report"
        echo
        echo "Made by \`tests/mutation/run.sh\` ($(date -u +%Y-%m-%d), ${#chosen[@]} of ${#ids[@]} mutants)."
        echo "The kill rate is killed / (killed + survived); equivalent mutants are"
        echo "listed with their reasons in \`tests/mutation/equivalent.tsv\`."
        echo
        echo "**$summary**"
        echo
        echo "| id | file | verdict | what the mutant breaks |"
        echo "| --- | --- | --- | --- |"
        printf '%s\n' "${results[@]}"
    } >"$report"
fi
[ "$survived" = 0 ] && [ "$inapplicable" = 0 ]
