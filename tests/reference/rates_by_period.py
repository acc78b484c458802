#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""rates_by_period.py: police officers per 1,000 people, every force and
year, computed independently of forcestat with pandas.

    /usr/bin/python3 tests/reference/rates_by_period.py SHARED_DATA tests/data

Reads ho_police_officers_fte_by_force_2007_2020.csv (date, force_name,
officers) and pfa_population_mid2001_2020.csv (pfa_code, mid_year,
population), joins them through pfa_reference.csv (name_workforce ->
pfa_code) by the rule forcestat documents (a period takes the mid-year
estimate of the first four-digit year it names: 2007-03-01 takes
mid-2007), and writes rates_by_period_ref.csv: date, code, officers,
population, rate_per_1000, one row per force and date, then per date an
England and Wales row (code K04000001) pooled over the 43 forces (their
officers over their populations).
"""
import sys

import pandas as pd

shared, out = sys.argv[1], sys.argv[2]
officers = pd.read_csv(shared + "/ho_police_officers_fte_by_force_2007_2020.csv")
pop = pd.read_csv(shared + "/pfa_population_mid2001_2020.csv")
ref = pd.read_csv(shared + "/pfa_reference.csv")

codes = ref.set_index("name_workforce")["pfa_code"]
officers["code"] = officers["force_name"].map(codes)
missing = officers[officers["code"].isna()]["force_name"].unique()
if len(missing):
    sys.exit("no code for: %s" % ", ".join(missing))
officers["mid_year"] = officers["date"].str.extract(r"(\d{4})", expand=False).astype(int)
joined = officers.merge(pop[["pfa_code", "mid_year", "population"]],
                        left_on=["code", "mid_year"], right_on=["pfa_code", "mid_year"],
                        how="left", validate="many_to_one")
if joined["population"].isna().any():
    sys.exit("a force and year without a population")
joined["rate_per_1000"] = joined["officers"] / joined["population"] * 1000

pooled = joined.groupby("date", sort=False).agg(officers=("officers", "sum"),
                                                population=("population", "sum"),
                                                forces=("code", "nunique")).reset_index()
if (pooled["forces"] != 43).any():
    sys.exit("a date without all 43 forces")
pooled["code"] = "K04000001"
pooled["rate_per_1000"] = pooled["officers"] / pooled["population"] * 1000

rows = pd.concat([joined[["date", "code", "officers", "population", "rate_per_1000"]],
                  pooled[["date", "code", "officers", "population", "rate_per_1000"]]])
rows.to_csv(out + "/rates_by_period_ref.csv", index=False, float_format="%.17g")
print("%d rows, %d dates" % (len(rows), rows["date"].nunique()))
