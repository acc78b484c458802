#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ratio.py: reference values for a group's rate against a reference
group's (stats/methods/ratio.c), from scipy (Debian's python3-scipy).

    /usr/bin/python3 tests/reference/ratio.py tests/data [DATASETS SHARED]

Writes ratio_reference.csv, one case a row:

    method, count, population, reference_count, reference_population,
    level, rate_per_1000, reference_rate_per_1000, defined, ratio, lower,
    upper, p

The rate ratio is the group's rate over the reference group's.  exact:
conditional on the total count, the group's count is binomial; the
Clopper-Pearson bounds on it (scipy's beta quantiles) become odds, scaled
by the populations, and p is the central exact binomial test (scipy's
binom).  katz: exp(log R -/+ z sqrt(1/count + 1/reference_count)).  A
group with no one, or no count in either group, is "not defined"; a count
over a zero reference count is "unbounded" for the exact method (only
the lower bound holds; estimate and upper written as 0).

With DATASETS (the bundled datasets/) and SHARED (the public files, for
pfa_reference.csv's names and codes), also ratio_forces_reference.csv:
`forcestat ratio` on the bundled 2018/19 searches by ethnicity and the
2011 Census people, recomputed with pandas (sums by force and group, the
forces and British Transport Police pooled for England and Wales over
the forces' people) and the functions above, both methods at 0.95:

    method, code, group, rate_per_1000, reference_rate_per_1000, ratio,
    lower, upper, p, ratio_low, ratio_high
"""
import csv
import math
import sys

import scipy
from scipy.stats import beta, binom, norm

LEVELS = [0.9, 0.95, 0.99]
# (count, population, reference_count, reference_population): the
# England and Wales 2018/19 figures (Black and White, searches and 2011
# Census people), a few forces' sizes, zeros and tiny groups.
CASES = [
    (70648, 1864890, 187761, 48209395), (69626, 1864890, 185015, 48209395),
    (4000, 120000, 9000, 1500000), (12, 900, 300, 80000), (0, 900, 300, 80000),
    (5, 900, 0, 80000), (0, 900, 0, 80000), (3, 0, 10, 1000), (3, 100, 10, 0),
    (1, 1, 1, 1), (1, 60, 1, 60000), (250, 30000, 250, 30000), (33, 1200, 2, 95000),
    (1000000, 2e6, 2000000, 5e7), (7, 7, 7, 7), (2, 11, 900, 1000),
]


def odds(of_count, of_reference):
    if of_count < 0.5:
        return of_count / (1 - of_count)
    return (1 - of_reference) / of_reference


def exact(c, p, r, q, level):
    a = (1 - level) / 2
    t = c + r
    lower_c = beta.ppf(a, c, r + 1) if c > 0 else 0.0
    upper_r = beta.ppf(1 - a, r + 1, c) if c > 0 else 1.0
    lo = odds(lower_c, upper_r) * q / p
    pi0 = p / (p + q)
    pval = float(min(1.0, 2 * min(binom.cdf(c, t, pi0), binom.sf(c - 1, t, pi0))))
    if r == 0:
        return "unbounded", 0.0, float(lo), 0.0, pval
    hi = odds(beta.ppf(1 - a, c + 1, r), beta.ppf(a, r, c + 1)) * q / p
    return "defined", c / r * q / p, float(lo), float(hi), pval


def katz(c, p, r, q, level):
    if c == 0 or r == 0:
        return "not defined", 0.0, 0.0, 0.0, 1.0
    z = norm.isf((1 - level) / 2)
    lr = math.log(c / p) - math.log(r / q)
    se = math.sqrt(1 / c + 1 / r)
    return ("defined", math.exp(lr), math.exp(lr - z * se), math.exp(lr + z * se),
            float(2 * norm.sf(abs(lr) / se)))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    path = f"{folder}/ratio_reference.csv"
    rows = 0
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["method", "count", "population", "reference_count",
                      "reference_population", "level", "rate_per_1000",
                      "reference_rate_per_1000", "defined", "ratio", "lower", "upper", "p"])
        for method, fn in (("exact", exact), ("katz", katz)):
            for level in LEVELS:
                for c, p, r, q in CASES:
                    rate = c / p * 1000 if p > 0 else 0.0
                    rrate = r / q * 1000 if q > 0 else 0.0
                    if p == 0 or q == 0 or (c == 0 and r == 0):
                        result = ("not defined", 0.0, 0.0, 0.0, 1.0)
                    else:
                        result = fn(c, p, r, q, level)
                    out.writerow([method, repr(c), repr(p), repr(r), repr(q), repr(level),
                                  repr(float(rate)), repr(float(rrate)), result[0],
                                  *[repr(float(v)) for v in result[1:]]])
                    rows += 1
    print(f"{rows} cases into {path} (scipy {scipy.__version__})")


def name_key(name):
    n = name.lower().replace("&", "and").strip()
    n = {"london, city of": "city of london", "metropolitan police": "metropolitan"}.get(n, n)
    return n


def codes(shared):
    import pandas as pd
    ref = pd.read_csv(f"{shared}/pfa_reference.csv")
    out = {}
    for _, r in ref.iterrows():
        for col in ("pfa_name_ons", "name_home_office", "name_workforce"):
            out[name_key(str(r[col]))] = r["pfa_code"]
    out["british transport police"] = "BTP"
    return out


def forces_reference(folder, datasets, shared):
    import pandas as pd
    code = codes(shared)
    ss = pd.read_csv(f"{datasets}/stop_search_by_ethnicity_2018_19.csv")
    people = pd.read_csv(f"{datasets}/census2011_people_by_ethnicity.csv")
    ss["code"] = ss["force_name"].map(lambda n: code[name_key(n)])
    people["code"] = people["force"].map(lambda n: code[name_key(n)])
    group = "ethnic_group_self_defined"
    stated = ss[ss[group] != "Not stated"]
    counts = stated.pivot_table(index="code", columns=group, values="sum", aggfunc="sum",
                                fill_value=0)
    not_stated = ss[ss[group] == "Not stated"].groupby("code")["sum"].sum()
    pop = people.pivot_table(index="code", columns=group, values="population", aggfunc="sum")
    forces = list(pop.index)
    ew_counts = counts.loc[[c for c in counts.index if c in forces or c == "BTP"]].sum()
    ew_not = not_stated.reindex(forces + ["BTP"], fill_value=0).sum()
    rows = [(c, counts.loc[c], pop.loc[c], not_stated.get(c, 0)) for c in forces]
    rows.append(("K04000001", ew_counts, pop.sum(), ew_not))
    path = f"{folder}/ratio_forces_reference.csv"
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["method", "code", "group", "rate_per_1000", "reference_rate_per_1000",
                      "ratio", "lower", "upper", "p", "ratio_low", "ratio_high"])
        n = 0
        for method, fn in (("exact", exact), ("katz", katz)):
            for c, cnt, ppl, u in rows:
                r, q = float(cnt["White"]), float(ppl["White"])
                total = float(cnt.sum())
                for g in cnt.index:
                    if g == "White":
                        continue
                    k, p = float(cnt[g]), float(ppl[g])
                    result = fn(k, p, r, q, 0.95)
                    low = (k / p) / ((r + u) / q)
                    high = ((k + u) / p) / (r / q)
                    assert total >= k + r
                    out.writerow([method, c, g, repr(k / p * 1000), repr(r / q * 1000),
                                  *[repr(float(v)) for v in result[1:]], repr(low), repr(high)])
                    n += 1
    print(f"{n} rows into {path} (pandas {pd.__version__})")


if __name__ == "__main__":
    main()
    if len(sys.argv) > 3:
        forces_reference(sys.argv[1], sys.argv[2], sys.argv[3])
