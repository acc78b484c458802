#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/run.sh [SHARED_DATA_DIR]
#
# Runs forcestat beside its peers on the same machine in the same run and
# prints the ratios (shared, noisy machines make absolute times alone
# meaningless).  Every tool runs three times, the best wall time kept,
# and the outputs of forcestat and its peers are compared (a difference
# stops the run).  Needs: a built ./build/forcestat (FORCESTAT=... for
# another; a release build is what is measured), Debian's python3-pandas,
# GNU time, unzip, Node.js with npm.  The peers the tests never need are
# installed by this script on its first run: DuckDB (@duckdb/node-api, the
# version pinned in bench/duckdb/package-lock.json) from the npm registry
# into bench/work/duckdb, and R with data.table (Debian's r-base-core and
# r-cran-data.table, with apt-get as root or through sudo) when the
# sections that run R (1, 2 and 4) are asked for and R cannot load it.
#   1. aggregation: outcome 17 share by force and year over the 2017/18
#      outcomes open data concatenated four times (about 345 MB), against
#      DuckDB (read_csv, the same two grouped sums), data.table (fread +
#      grouped sum) and pandas (read_csv + groupby); then the real .csv.gz
#      against zcat alone (the inflate time) and DuckDB on the .gz; then
#      a zip of 24 police.uk-format monthly files (BENCH_ZIP_ROWS rows,
#      10^7 by default; made once by the tests' make_archives, at
#      FORCESTAT_MAKE_ARCHIVES or build/tests/) counted by force, month
#      and crime type, against DuckDB over the unzipped files plus unzip;
#   2. bands: 43 forces x 10,000 measures, the whole band table out,
#      against R doing the same: data.table's fread, the procedure with
#      shapiro.test, fwrite of the same table (checked equal to ours);
#   3. charts: `forcestat report` over 300 measures (one gnuplot process a
#      core);
#   4. aggregation memory against the number of distinct groups (constant
#      in the rows, linear in the groups), beside data.table and DuckDB at
#      10^6;
#   5. the site: `forcestat report --all-forces` on the bundled manifest
#      (43 force pages), with one gnuplot process and with one a core;
#   BENCH_ONLY="1 4" runs only those sections (all by default); RUNS=N
#      runs each tool N times instead of 3.
#   6. the README's test command's ctest (`ctest --test-dir BUILD -j2`,
#      BUILD from BENCH_SUITE_BUILD, default build; BENCH_SUITE_RUNS runs,
#      1 by default as it takes minutes; BENCH_SUITE_RUNS=0 skips it), and
#      CI's time from BENCH_CI_LOG (the output of `time .ci/run`), if given.
# Results go to stdout; bench/RESULTS.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared/data}
fs=${FORCESTAT:-./build/forcestat}
work=bench/work
mkdir -p "$work"
TIME=/usr/bin/time
PY=/usr/bin/python3

[ -x "$fs" ] || { echo "build forcestat first (see README)" >&2; exit 1; }

# measure NAME CMD...: wall seconds, peak resident MB and CPU seconds
# (user + system) of the best of RUNS runs (3 unless set), by wall time.
measure() {
    local name=$1; shift
    local best_wall="" best_rss="" best_cpu=""
    for _ in $(seq "${RUNS:-3}"); do
        "$TIME" -f '%e %M %U %S' -o "$work/time.txt" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
            echo "bench: $name failed:" >&2
            tail -5 "$work/$name.err" >&2
            exit 1
        }
        read -r wall rss user sys <"$work/time.txt"
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then
            best_wall=$wall
            best_rss=$rss
            best_cpu=$(awk "BEGIN{print $user + $sys}")
        fi
    done
    printf '%s %s %s %s\n' "$name" "$best_wall" "$((best_rss / 1024))" "$best_cpu" >>"$work/results.txt"
    printf '  %-28s %8.2f s  %6d MB  %7.2f s CPU\n' "$name" "$best_wall" "$((best_rss / 1024))" "$best_cpu"
}
: >"$work/results.txt"
# want N: whether section N runs (BENCH_ONLY, all by default).
want() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg), $(getconf _NPROCESSORS_ONLN) cores"

# same_groups NKEYS COLS FILE...: the CSV outputs hold the same groups
# (their first NKEYS columns) with the same figures in the columns COLS
# (comma-separated), or the run stops.
same_groups() {
    "$PY" - "$@" <<'PEOF'
import csv, sys
nkeys, cols, files = int(sys.argv[1]), sys.argv[2].split(","), sys.argv[3:]
def table(path):
    rows = csv.reader(open(path, newline=""))
    header = next(rows)
    at = [header.index(c) for c in cols]
    return {tuple(r[:nkeys]): tuple(float(r[i]) for i in at) for r in rows if r}
first = table(files[0])
bad = 0
for path in files[1:]:
    other = table(path)
    if set(other) != set(first):
        print(f"  MISMATCH: {path}: {len(set(other) ^ set(first))} groups in one output only")
        bad += 1
    diff = [k for k in first if k in other and first[k] != other[k]]
    if diff:
        print(f"  MISMATCH: {path}: {len(diff)} groups differ, e.g. {diff[0]}: "
              f"{first[diff[0]]} here, {other[diff[0]]} there")
        bad += 1
names = ", ".join(p.rsplit("/", 1)[-1].removesuffix(".out") for p in files)
print(f"  outputs agree: {len(first)} groups, {', '.join(cols)} equal in {names}"
      if not bad else "  bench: the outputs differ")
sys.exit(1 if bad else 0)
PEOF
}

# R's data.table (the R peers of sections 1, 2 and 4), from Debian's
# packages when R cannot load it: not part of the README's setup.
if { want 1 || want 2 || want 4; } && ! Rscript -e 'suppressMessages(library(data.table))' >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "installing R and data.table (Debian: r-base-core r-cran-data.table)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        r-base-core r-cran-data.table >/dev/null
    Rscript -e 'suppressMessages(library(data.table))' >/dev/null 2>&1 || {
        echo "bench: R's data.table is still missing" >&2
        exit 1
    }
fi

# DuckDB from the npm registry, the version of bench/duckdb/package-lock.json
# (the peer of sections 1 and 4).
duck=$work/duckdb
if want 1 || want 4; then
if [ ! -d "$duck/node_modules/@duckdb/node-api" ]; then
    mkdir -p "$duck"
    cp bench/duckdb/package.json bench/duckdb/package-lock.json "$duck/"
    (cd "$duck" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp bench/duckdb/aggregate.mjs "$duck/"
duckdb=(node "$duck/aggregate.mjs")
echo "DuckDB $(node -p "require('./$duck/node_modules/@duckdb/node-api/package.json').version")"
fi

if want 1; then
echo "== 1. aggregation (outcome 17 share by force and year)"
big=$work/outcomes_x4.csv
if [ ! -s "$big" ]; then
    gunzip -c "$shared/ho_outcomes_open_data_2017_18.csv.gz" >"$work/one.csv"
    { cat "$work/one.csv"; for _ in 2 3 4; do tail -n +2 "$work/one.csv"; done; } >"$big"
    rm -f "$work/one.csv"
fi
echo "  input: $(du -m "$big" | cut -f1) MB, $(($(wc -l <"$big") - 1)) rows"
measure forcestat_aggregate "$fs" aggregate "$big" --by force_name,financial_year \
    --sum force_outcomes_recorded_in_quarter --where outcome_type=17
cat >"$work/agg.R" <<'REOF'
suppressMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
d <- fread(args[1], select = c("force_name", "financial_year", "outcome_type",
                               "force_outcomes_recorded_in_quarter"), na.strings = "NA")
r <- d[!is.na(force_name) & !is.na(force_outcomes_recorded_in_quarter),
       .(numerator = sum(force_outcomes_recorded_in_quarter[outcome_type == 17]),
         denominator = sum(force_outcomes_recorded_in_quarter)),
       by = .(force_name, financial_year)]
r[, proportion := numerator / denominator]
fwrite(r, "")
REOF
measure datatable_fread Rscript "$work/agg.R" "$big"
cat >"$work/agg.py" <<'PEOF'
import sys
import pandas as pd
d = pd.read_csv(sys.argv[1], usecols=["force_name", "financial_year", "outcome_type",
                                      "force_outcomes_recorded_in_quarter"])
d = d.dropna(subset=["force_name", "force_outcomes_recorded_in_quarter"])
d["o17"] = d["force_outcomes_recorded_in_quarter"].where(d["outcome_type"] == 17, 0)
r = d.groupby(["force_name", "financial_year"], sort=False).agg(
    numerator=("o17", "sum"), denominator=("force_outcomes_recorded_in_quarter", "sum"))
r["proportion"] = r["numerator"] / r["denominator"]
r.to_csv(sys.stdout)
PEOF
measure pandas_read_csv "$PY" "$work/agg.py" "$big"
measure duckdb_read_csv "${duckdb[@]}" --by force_name,financial_year \
    --sum force_outcomes_recorded_in_quarter --where outcome_type=17 "$big"
printf 'force_name,financial_year\nx,1\n' >"$work/tiny.csv"
measure duckdb_startup "${duckdb[@]}" --by force_name --sum financial_year "$work/tiny.csv"
# The four must agree, group by group.
same_groups 2 numerator,denominator "$work/forcestat_aggregate.out" "$work/duckdb_read_csv.out" \
    "$work/datatable_fread.out" "$work/pandas_read_csv.out"
grep -E '^Essex,' "$work/forcestat_aggregate.out" | awk -F, '{printf "  Essex: %s / %s\n", $3+0, $4+0}'

gz=$shared/ho_outcomes_open_data_2017_18.csv.gz
echo "  compressed: $(du -m "$gz" | cut -f1) MB, $(gunzip -c "$gz" | wc -c | awk '{printf "%.0f", $1 / 1048576}') MB inflated"
measure forcestat_aggregate_gz "$fs" aggregate "$gz" --by force_name,financial_year \
    --sum force_outcomes_recorded_in_quarter --where outcome_type=17
measure zcat_alone sh -c 'exec zcat "$1" >/dev/null' _ "$gz"
measure duckdb_gz "${duckdb[@]}" --by force_name,financial_year \
    --sum force_outcomes_recorded_in_quarter --where outcome_type=17 "$gz"
same_groups 2 numerator,denominator "$work/forcestat_aggregate_gz.out" "$work/duckdb_gz.out"
grep -E '^Essex,2017' "$work/forcestat_aggregate_gz.out" | awk -F, '{printf "  forcestat on the .gz: Essex 2017/18 %s / %s\n", $3+0, $4+0}'

rows=${BENCH_ZIP_ROWS:-10000000}
zipdir=$work/policeuk_$rows
make_archives=${FORCESTAT_MAKE_ARCHIVES:-./build/tests/forcestat_make_archives}
if [ ! -s "$zipdir/policeuk.zip" ]; then
    [ -x "$make_archives" ] || { echo "build the tests first (make_archives)" >&2; exit 1; }
    mkdir -p "$zipdir"
    "$make_archives" policeuk "$zipdir" "$rows"
fi
zip=$zipdir/policeuk.zip
echo "  police.uk zip: $rows rows in 24 monthly files, $(du -m "$zip" | cut -f1) MB," \
    "$(unzip -l "$zip" | tail -1 | awk '{printf "%.0f", $1 / 1048576}') MB unzipped"
measure forcestat_zip "$fs" aggregate "$zip" --member '*-street.csv' \
    --by "Falls within,Month,Crime type" --count
measure unzip_alone sh -c 'rm -rf "$1" && mkdir "$1" && exec unzip -q "$2" -d "$1"' _ "$zipdir/unzipped" "$zip"
measure duckdb_unzipped "${duckdb[@]}" --by "Falls within,Month,Crime type" --count "$zipdir/unzipped/*/*-street.csv"
same_groups 3 rows "$work/forcestat_zip.out" "$work/duckdb_unzipped.out"
rm -rf "$zipdir/unzipped"

fi

if want 2; then
echo "== 2. bands (43 forces x 10,000 measures)"
wide=$work/wide_43x10000.csv
if [ ! -s "$wide" ] || [ ! -s "$work/wide_43x300.csv" ]; then
    "$PY" - "$wide" "$shared/pfa_reference.csv" <<'PEOF'
import csv, random, sys
random.seed(8)
forces = [r["name_home_office"] for r in csv.DictReader(open(sys.argv[2]))]
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["force"] + [f"m{j}" for j in range(10000)])
    rows = [[name] for name in forces]
    for j in range(10000):
        kind = j % 3
        for row in rows:
            if kind == 0:
                v = random.gauss(50, 10)
            elif kind == 1:
                v = random.lognormvariate(0, 1)
            else:
                v = random.expovariate(1) - 0.5
            row.append(repr(v))
    w.writerows(rows)
with open(sys.argv[1].replace("10000", "300"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["force"] + [f"m{j}" for j in range(300)])
    w.writerows([row[:301] for row in rows])
PEOF
fi
measure forcestat_outliers "$fs" outliers "$wide" --format csv
cat >"$work/bands.R" <<'REOF'
# The same procedure and the same table as `forcestat outliers --format csv`:
# Shapiro-Wilk on the values, logs when they are all positive and their
# test's p is larger while the values' is under 0.05; z against the mean
# and SD of what is banded; the band back-transformed.
suppressMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
d <- fread(args[1])
ref <- fread(args[2])
code <- ref$pfa_code[match(d[[1]], ref$name_home_office)]
n <- ncol(d) - 1
out <- vector("list", n)
for (j in seq_len(n)) {
  x <- d[[j + 1]]
  p_raw <- shapiro.test(x)$p.value
  logged <- p_raw < 0.05 && all(x > 0) && shapiro.test(log(x))$p.value > p_raw
  y <- if (logged) log(x) else x
  m <- mean(y); s <- sd(y); z <- (y - m) / s
  back <- if (logged) exp else identity
  out[[j]] <- list(measure = names(d)[j + 1], force = d[[1]], code = code, value = x, z = z,
                   flag = fifelse(z > 1, "above", fifelse(z < -1, "below", "within")),
                   scale = if (logged) "log" else "raw", centre = back(m),
                   lower = back(m - s), upper = back(m + s))
}
fwrite(rbindlist(out), "")
REOF
measure r_fread_shapiro_fwrite Rscript "$work/bands.R" "$wide" "$shared/pfa_reference.csv"
# The two tables must agree: the same rows, labels and flags, numbers to
# 1e-9 relative (fwrite prints 15 significant digits).
"$PY" - "$work/forcestat_outliers.out" "$work/r_fread_shapiro_fwrite.out" <<'PEOF'
import csv, sys
a = list(csv.DictReader(open(sys.argv[1])))
b = list(csv.DictReader(open(sys.argv[2])))
bad = 0 if len(a) == len(b) else 1
for x, y in zip(a, b):
    for k in ("measure", "force", "code", "flag", "scale"):
        bad += x[k] != y[k]
    for k in ("value", "z", "centre", "lower", "upper"):
        u, v = float(x[k]), float(y[k])
        bad += abs(u - v) > 1e-9 * max(1.0, abs(u))
print(f"  band tables: {len(a)} rows each, {bad} differences")
sys.exit(1 if bad else 0)
PEOF

fi

if want 3; then
echo "== 3. report over 300 measures"
wide300=$work/wide_43x300.csv
counter=$work/gnuplot_runs
cat >"$work/gnuplot-counting" <<CEOF
#!/bin/sh
echo run >> "$PWD/$counter"
exec "$(command -v gnuplot)" "\$@"
CEOF
chmod +x "$work/gnuplot-counting"
: >"$counter"
GNUPLOT=$PWD/$work/gnuplot-counting measure forcestat_report_300 "$fs" report "$wide300" --output "$work/report300"
echo "  gnuplot processes per report: $(( $(wc -l <"$counter") / ${RUNS:-3} ))"
echo "  charts: $(ls "$work/report300"/*.png | wc -l)"

fi

if want 4; then
echo "== 4. aggregation memory by distinct groups (2,000,000 rows)"
for groups in 1000 100000 1000000; do
    keyed=$work/groups_$groups.csv
    [ -s "$keyed" ] || awk -v g="$groups" 'BEGIN { print "key,value"; for (i = 0; i < 2000000; i++) printf "k%d,%d\n", i % g, i % 7 }' >"$keyed"
    measure "forcestat_groups_$groups" "$fs" aggregate "$keyed" --by key --sum value
done
cat >"$work/groups.R" <<'REOF'
suppressMessages(library(data.table))
d <- fread(commandArgs(trailingOnly = TRUE)[1])
fwrite(d[, .(sum = sum(value), rows = .N), by = key], "")
REOF
measure datatable_groups_1000000 Rscript "$work/groups.R" "$work/groups_1000000.csv"
measure duckdb_groups_1000000 "${duckdb[@]}" --by key --sum value "$work/groups_1000000.csv"
same_groups 1 sum,rows "$work/forcestat_groups_1000000.out" "$work/datatable_groups_1000000.out" \
    "$work/duckdb_groups_1000000.out"

fi

if want 5; then
echo "== 5. the site of all forces (bundled manifest)"
# The CPU time (user + system) counts gnuplot's: GNU time adds the
# children waited for.  A wrapper counts the gnuplot processes.
site_runs=$work/site_gnuplot_runs
cat >"$work/gnuplot-site" <<CEOF
#!/bin/sh
echo run >> "$PWD/$site_runs"
exec "$(command -v gnuplot)" "\$@"
CEOF
chmod +x "$work/gnuplot-site"
: >"$site_runs"
GNUPLOT=$PWD/$work/gnuplot-site measure forcestat_site_jobs1 "$fs" report datasets/report.csv --all-forces --jobs 1 --output "$work/site1"
jobs1_runs=$(wc -l <"$site_runs")
: >"$site_runs"
GNUPLOT=$PWD/$work/gnuplot-site measure forcestat_site "$fs" report datasets/report.csv --all-forces --output "$work/site"
echo "  $(head -1 "$work/forcestat_site.out")"
echo "  pages: $(ls "$work/site/forces/"*.html | wc -l), charts: $(find "$work/site" -name '*.png' | wc -l) ($(find "$work/site" -name '*-narrow.png' | wc -l) of them narrow), gnuplot processes a run: $((jobs1_runs / ${RUNS:-3})) with --jobs 1, $(($(wc -l <"$site_runs") / ${RUNS:-3})) by default ($(getconf _NPROCESSORS_ONLN) cores)"
diff -r "$work/site1" "$work/site" >/dev/null || { echo "bench: the sites of one process and of the pool differ" >&2; exit 1; }
echo "  the sites of one process and of the pool are identical"

fi

if want 6; then
echo "== 6. the README's test command (ctest -j2) and CI"
suite_build=${BENCH_SUITE_BUILD:-build}
if [ "${BENCH_SUITE_RUNS:-1}" -gt 0 ]; then
    RUNS=${BENCH_SUITE_RUNS:-1} measure ctest_j2 ctest --test-dir "$suite_build" -j2
    echo "  $(grep -E 'tests passed' "$work/ctest_j2.out")"
fi
if [ -n "${BENCH_CI_LOG:-}" ]; then
    # `time .ci/run`: real<TAB>14m2.512s
    awk '$1 == "real" { split($2, t, /[ms]/); print "ci", t[1] * 60 + t[2], 0, 0 }' "$BENCH_CI_LOG" |
        tail -1 >>"$work/results.txt"
fi

fi

echo "== ratios"
awk '
{ wall[$1] = $2; rss[$1] = $3; cpu[$1] = $4 }
function verdict(x, target) {
  if (x < 0) return "not measured in this run"
  return x <= target ? "met" : sprintf("not met, %.1f times over", x / target)
}
function ratio(a, b) { return (a in wall) && (b in wall) && wall[b] > 0 ? wall[a] / wall[b] : -1 }
END {
  r = ratio("forcestat_aggregate", "duckdb_read_csv")
  printf "  aggregation: forcestat / DuckDB     = %.3f (target <= 0.25: %s)\n", r, verdict(r, 0.25)
  r = ratio("forcestat_aggregate", "datatable_fread")
  printf "  aggregation: forcestat / data.table = %.3f (target <= 0.15: %s)\n", r, verdict(r, 0.15)
  printf "  aggregation: forcestat / pandas     = %.3f\n", ratio("forcestat_aggregate", "pandas_read_csv")
  if ("forcestat_aggregate" in wall)
    printf "  aggregation: forcestat peak memory  = %d MB (target <= 32: %s)\n", rss["forcestat_aggregate"], verdict(rss["forcestat_aggregate"], 32)
  if (cpu["duckdb_read_csv"] > 0)
    printf "  aggregation: CPU, forcestat / DuckDB = %.3f (DuckDB starting alone: %.2f s)\n", cpu["forcestat_aggregate"] / cpu["duckdb_read_csv"], wall["duckdb_startup"]
  r = ratio("forcestat_aggregate_gz", "zcat_alone")
  printf "  .csv.gz: forcestat / zcat alone     = %.3f (target <= 0.6: %s)\n", r, verdict(r, 0.6)
  printf "  .csv.gz: forcestat / DuckDB         = %.3f\n", ratio("forcestat_aggregate_gz", "duckdb_gz")
  r = ("forcestat_zip" in wall) ? wall["forcestat_zip"] / (wall["duckdb_unzipped"] + wall["unzip_alone"]) : -1
  printf "  zip: forcestat / (DuckDB + unzip)   = %.3f (target <= 0.5: %s)\n", r, verdict(r, 0.5)
  r = ratio("forcestat_outliers", "r_fread_shapiro_fwrite")
  printf "  bands: forcestat / R (fread, fwrite) = %.4f (target <= 0.05: %s)\n", r, verdict(r, 0.05)
  if ("forcestat_report_300" in wall)
    printf "  report, 300 measures                = %.1f s\n", wall["forcestat_report_300"]
  if ("forcestat_site" in wall) {
    printf "  site of 43 forces, one process       = %.1f s (%.1f s CPU)\n", wall["forcestat_site_jobs1"], cpu["forcestat_site_jobs1"]
    printf "  site of 43 forces, one a core       = %.1f s (%.1f s CPU; target <= 5: %s)\n", wall["forcestat_site"], cpu["forcestat_site"], verdict(wall["forcestat_site"], 5)
  }
  if ("forcestat_groups_1000000" in wall) {
  printf "  aggregation memory, 10^3 groups     = %d MB\n", rss["forcestat_groups_1000"]
  printf "  aggregation memory, 10^5 groups     = %d MB\n", rss["forcestat_groups_100000"]
  printf "  aggregation memory, 10^6 groups     = %d MB (target <= 100: %s; data.table %d MB, DuckDB %d MB)\n", rss["forcestat_groups_1000000"], verdict(rss["forcestat_groups_1000000"], 100), rss["datatable_groups_1000000"], rss["duckdb_groups_1000000"]
  }
  if ("ctest_j2" in wall)
    printf "  README test command (ctest -j2)     = %.0f s (target <= 45 on an idle machine: %s)\n", wall["ctest_j2"], verdict(wall["ctest_j2"], 45)
  if ("ci" in wall)
    printf "  CI                                  = %.0f s (target <= 480: %s)\n", wall["ci"], verdict(wall["ci"], 480)
  else
    printf "  CI                                  = see CI (BENCH_CI_LOG not given)\n"
}' "$work/results.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
