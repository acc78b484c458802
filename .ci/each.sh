#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# each.sh N LOGDIR COMMAND [ARG...] <JOBS
#
# Runs COMMAND ARG... WORDS once for each line of JOBS (its words appended),
# N at a time, in the order given (so the longest jobs go first), each
# with its stdout and stderr in LOGDIR/WORDS.log (spaces as '-'), which
# stay.  Says "ok" or "FAIL" with the seconds taken for each job as it
# ends.  Exit status 0 only when every job ran and exited 0; otherwise 1,
# after all jobs have ended, with the last lines of each failed job's log.
# CI's valgrind and fuzz stages run their jobs two at a time with it.
set -u
if [ $# -lt 3 ] || [ "${1//[0-9]/}" != "" ] || [ "$1" -lt 1 ]; then
    echo "usage: each.sh N LOGDIR COMMAND [ARG...] <JOBS" >&2
    exit 2
fi
max=$1 logdir=$2
shift 2
mkdir -p "$logdir" || exit 1
declare -A name_of=() start_of=()
total=0 ended=0 failed=()
log_of() { echo "$logdir/${1// /-}.log"; }
# reap: waits for one job to end and reports it.
reap() {
    local pid rc
    wait -n -p pid
    rc=$?
    local name=${name_of[$pid]}
    ended=$((ended + 1))
    if [ "$rc" = 0 ]; then
        echo "ok   $name ($((SECONDS - start_of[$pid])) s)"
    else
        echo "FAIL $name (exit $rc, $((SECONDS - start_of[$pid])) s): $(log_of "$name")"
        failed+=("$name")
    fi
    unset "name_of[$pid]" "start_of[$pid]"
}
while read -r line; do
    [ -n "$line" ] || continue
    total=$((total + 1))
    while [ "${#name_of[@]}" -ge "$max" ]; do reap; done
    # shellcheck disable=SC2086
    "$@" $line >"$(log_of "$line")" 2>&1 </dev/null &
    name_of[$!]=$line
    start_of[$!]=$SECONDS
done
while [ "${#name_of[@]}" -gt 0 ]; do reap; done
if [ "$total" = 0 ]; then
    echo "each.sh: no job to run" >&2
    exit 1
fi
for name in "${failed[@]}"; do
    echo "== $(log_of "$name")"
    tail -30 "$(log_of "$name")"
done
if [ "${#failed[@]}" != 0 ] || [ "$ended" != "$total" ]; then
    echo "each.sh: ${#failed[@]} of $total jobs failed"
    exit 1
fi
