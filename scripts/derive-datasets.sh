#!/bin/sh
# derive-datasets.sh FORCESTAT SHARED_DATA_DIR
#
# Rebuilds the bundled datasets in datasets/ from the public Home Office
# and ONS files (see datasets/README.md), with forcestat itself.
set -eu
fs=${1:?usage: derive-datasets.sh FORCESTAT SHARED_DATA_DIR}
src=${2:?usage: derive-datasets.sh FORCESTAT SHARED_DATA_DIR}
out=$(dirname "$0")/../datasets

# Outcome 17 ("prosecution time limit expired") as a share of all outcomes
# assigned in 2017/18, per force (outcomes recorded in the year basis).
"$fs" aggregate "$src/ho_outcomes_open_data_2017_18.csv.gz" \
    --by force_name,financial_year --sum force_outcomes_recorded_in_quarter \
    --where outcome_type=17 >"$out/outcome17_share_2017_18.csv.tmp"
mv "$out/outcome17_share_2017_18.csv.tmp" "$out/outcome17_share_2017_18.csv"

# Police officers (FTE) per force at 31 March 2020.
"$fs" aggregate "$src/ho_police_workforce_open_data_by_force_rank_sex_2007_2022.csv.gz" \
    --by force_name,date --sum total_fte --filter "worker_type=police officer" \
    --filter date=2020-03-01 >"$out/officers_fte_2020_03_31.csv.tmp"
mv "$out/officers_fte_2020_03_31.csv.tmp" "$out/officers_fte_2020_03_31.csv"

# Stop and search under section 1 PACE per force, year ending 31 March 2019
# (the file's England and Wales row is kept: it is not a force, and serves
# as a comparator).
"$fs" aggregate "$src/ho_stop_search_totals_by_force_year.csv" \
    --by force_name,pfa_code --sum searches --filter year_ending=2019-03-31 \
    --filter "legislation=Section 1 (PACE)" >"$out/stop_search_s1_2018_19.csv.tmp"
mv "$out/stop_search_s1_2018_19.csv.tmp" "$out/stop_search_s1_2018_19.csv"
