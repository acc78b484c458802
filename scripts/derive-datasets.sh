#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
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

# Outcome 17 share, rolling year ending each quarter, 2017/18 Q4 to
# 2018/19 Q4 (the report's outcome 17 chart).
"$fs" aggregate "$src/ho_outcomes_force_quarter_type_2017_2019.csv" \
    --by force_name --period financial_year,financial_quarter --rolling 4 \
    --sum outcomes_recorded_in_quarter --where outcome_type=17 \
    >"$out/outcome17_share_year_ending_quarters.csv.tmp"
mv "$out/outcome17_share_year_ending_quarters.csv.tmp" "$out/outcome17_share_year_ending_quarters.csv"

# Rates per 1,000 people.  Officers at 31 March 2020 with the mid-2020
# populations (as HMICFRS reports use mid-2020 estimates throughout);
# searches in 2018/19 with mid-2018 (the Home Office convention: a
# financial year with the mid-year estimate of the year it starts in).
"$fs" rates "$out/officers_fte_2020_03_31.csv" --count sum \
    --population-file "$src/pfa_population_mid2001_2020.csv" --population-year 2020 \
    --format csv >"$out/officers_per_1000_2020.csv.tmp"
mv "$out/officers_per_1000_2020.csv.tmp" "$out/officers_per_1000_2020.csv"
"$fs" rates "$out/stop_search_s1_2018_19.csv" --count sum \
    --population-file "$src/pfa_population_mid2001_2020.csv" --population-year 2018 \
    --format csv >"$out/stop_search_per_1000_2018_19.csv.tmp"
mv "$out/stop_search_per_1000_2018_19.csv.tmp" "$out/stop_search_per_1000_2018_19.csv"

# Stop and search under section 1 PACE per 1,000 people, every year ending
# 31 March 2007 to 2019, in one pass: each year ending March takes the
# mid-year estimate of the year before (2018/19 with mid-2018, as above).
"$fs" aggregate "$src/ho_stop_search_totals_by_force_year.csv" \
    --by year_ending,force_name,pfa_code --sum searches \
    --filter "legislation=Section 1 (PACE)" 2>/dev/null >"$out/stop_search_s1_by_year.csv.tmp"
"$fs" rates "$out/stop_search_s1_by_year.csv.tmp" --count sum --period year_ending \
    --population-file "$src/pfa_population_mid2001_2020.csv" --population-offset -1 \
    --format csv >"$out/stop_search_per_1000_by_year.csv.tmp"
rm "$out/stop_search_s1_by_year.csv.tmp"
mv "$out/stop_search_per_1000_by_year.csv.tmp" "$out/stop_search_per_1000_by_year.csv"

# ONS crime severity score, total recorded crime: every area by year (a
# long table with England and Wales, the countries and regions), and the
# year ending March 2020 alone.  City of London has no score (":").
"$fs" aggregate "$src/ons_crime_severity_score_by_area_2003_2022.csv" \
    --by name,code,year_ending --sum severity_score \
    --filter "offence_group=Total recorded crime" 2>/dev/null \
    >"$out/crime_severity_by_year.csv.tmp"
mv "$out/crime_severity_by_year.csv.tmp" "$out/crime_severity_by_year.csv"
"$fs" aggregate "$src/ons_crime_severity_score_by_area_2003_2022.csv" \
    --by name,code --sum severity_score --filter "offence_group=Total recorded crime" \
    --filter year_ending=2020-03-31 2>/dev/null >"$out/crime_severity_2019_20.csv.tmp"
mv "$out/crime_severity_2019_20.csv.tmp" "$out/crime_severity_2019_20.csv"

# Stop and search under every legislation by force and ethnic group
# (self-defined), year ending 31 March 2019, for `forcestat ratio`: the 43
# forces and British Transport Police, the five groups and "Not stated"
# ("Vehicle only" searches are of no person and are left out).
"$fs" aggregate "$src/ho_stop_search_open_data_2006_07_to_2018_19.csv.gz" \
    --by force_name,ethnic_group_self_defined --sum searches --filter year_ending=2019-03-31 \
    --filter "ethnic_group_self_defined=Asian or Asian British,Black or Black British,Chinese or Other Ethnic Group,Mixed,White,Not stated" \
    2>/dev/null >"$out/stop_search_by_ethnicity_2018_19.csv.tmp"
mv "$out/stop_search_by_ethnicity_2018_19.csv.tmp" "$out/stop_search_by_ethnicity_2018_19.csv"

# The 2011 Census people of each police force area in the same five
# groups, a row a force and group (a reshape of the wide census table,
# which forcestat does not do): as the Home Office groups them, Chinese
# people go with "Other" rather than "Asian".
awk -F, -v OFS=, '
    NR == 1 {
        for (i = 1; i <= NF; i++) col[$i] = i
        split("White;Mixed;Asian;Asian/Asian British: Chinese;Black;Other", need, ";")
        for (k in need)
            if (!(("Ethnic Group: " need[k] "; measures: Value") in col)) {
                print "census: no column for " need[k] > "/dev/stderr"; exit 1
            }
        print "force", "ethnic_group_self_defined", "population"
        next
    }
    {
        v = "; measures: Value"
        chinese = $col["Ethnic Group: Asian/Asian British: Chinese" v]
        print $1, "White", $col["Ethnic Group: White" v]
        print $1, "Mixed", $col["Ethnic Group: Mixed" v]
        print $1, "Asian or Asian British", $col["Ethnic Group: Asian" v] - chinese
        print $1, "Black or Black British", $col["Ethnic Group: Black" v]
        print $1, "Chinese or Other Ethnic Group", $col["Ethnic Group: Other" v] + chinese
    }' "$src/census2011_ethnic_group_by_pfa.csv" >"$out/census2011_people_by_ethnicity.csv.tmp"
mv "$out/census2011_people_by_ethnicity.csv.tmp" "$out/census2011_people_by_ethnicity.csv"
