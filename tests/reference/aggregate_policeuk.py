#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reference for tests/archives/policeuk.sh, made by pandas.

    make_archives policeuk DIR 1000000
    python3 tests/reference/aggregate_policeuk.py DIR/policeuk.zip \
        DIR/lsoa_lookup.csv >tests/reference/aggregate_policeuk.csv

Reads every .csv member of the archive in its order as text (no value is
parsed or guessed), then does what `forcestat aggregate --by
"PFA16NM,Month,Crime type" --count --distinct "Crime ID" --lookup
lsoa_lookup.csv --key "LSOA code=LSOA11CD" --to PFA16NM` is documented to
do: rows with an empty grouping value or LSOA code are left out, so are
rows whose code the lookup lacks; of the rest, a Crime ID that came before
is left out (an empty one never repeats); the rows left are counted per
force area, month and crime type, the groups in order of first
appearance."""
import sys
import zipfile

import pandas as pd


def main(archive, lookup_path):
    with zipfile.ZipFile(archive) as z:
        frames = [pd.read_csv(z.open(name), dtype=str, keep_default_na=False)
                  for name in z.namelist() if name.lower().endswith(".csv")]
    df = pd.concat(frames, ignore_index=True)
    lookup = pd.read_csv(lookup_path, dtype=str, keep_default_na=False)
    to = dict(zip(lookup["LSOA11CD"].str.strip(), lookup["PFA16NM"].str.strip()))
    df = df[(df["Month"] != "") & (df["Crime type"] != "") & (df["LSOA code"] != "")]
    df = df.assign(PFA16NM=df["LSOA code"].str.strip().map(to))
    unmatched = df["PFA16NM"].isna().sum()
    df = df[df["PFA16NM"].notna()]
    repeated = (df["Crime ID"] != "") & df.duplicated("Crime ID")
    df = df[~repeated]
    counts = df.groupby(["PFA16NM", "Month", "Crime type"], sort=False).size()
    out = counts.rename("rows").reset_index()
    out.to_csv(sys.stdout, index=False, lineterminator="\n")
    print(f"{len(out)} groups, {unmatched} rows unmatched, {repeated.sum()} repeated",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
