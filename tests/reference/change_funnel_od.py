#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""change_funnel_od.py: reference values for the over-dispersion of a
funnel of changes (fs_change_funnel_dispersion and
fs_change_funnel_limits_adjusted, stats/methods/change.c), written from
the papers with nothing but Python's standard library:

  D. J. Spiegelhalter, "Funnel plots for comparing institutional
  performance", Statistics in Medicine 24 (2005) 1185-1202, and
  "Handling over-dispersion of performance indicators", Quality and
  Safety in Health Care 14 (2005) 347-351.

A force's change y (p2 - p1 for proportions, log(r2 / r1) for rates) is
compared with England and Wales's y0 through its standard error at its
size n (the later period's base) under England and Wales's figures a, b:

  proportions  se^2 = (a (1 - a) + b (1 - b)) / n
  rates        se^2 = 1 / (a n) + 1 / (b n)    (the log rate ratio)

z = (y - y0) / se; the z-scores are winsorised at 10% in each tail (the
k = floor(0.1 m) smallest set to the (k+1)th, the k largest to the
(m-k)th); phi = mean(z_w^2); tau^2 = max(0, (m phi - (m - 1)) / (sum w -
sum w^2 / sum w)), w = 1 / se^2.  Limits at level L, z_L the normal
quantile of (1 + L) / 2: multiplicative y0 -/+ z_L sqrt(phi) se (phi >
1, else unwidened), additive y0 -/+ z_L sqrt(se^2 + tau^2); on the ratio
scale exp() of them; a proportion's limits held within [-1, 1].

    /usr/bin/python3 tests/reference/change_funnel_od.py DATASETS_DIR

prints (1) the synthetic cases' phi, tau^2 and limits, which
tests/test_change.c holds to 1e-9 (relative), and (2) for the bundled
data's two change-funnels (tests/cli/charts.cases, "change funnel
over-dispersion"), every force's verdict under the default
(multiplicative) widening, as the SVG's <title>s word them, into
tests/data/change_funnel_od_flags.txt.
"""
import csv
import math
import sys
from statistics import NormalDist


def z_of(level):
    return NormalDist().inv_cdf((1 + level) / 2)


def centre_se(national, is_rate, size):
    c1, b1, c2, b2 = national
    a, b = c1 / b1, c2 / b2
    if is_rate:
        return math.log(b) - math.log(a), math.sqrt(1 / (a * size) + 1 / (b * size))
    return b - a, math.sqrt((a * (1 - a) + b * (1 - b)) / size)


def dispersion(national, is_rate, changes, sizes):
    z, w = [], []
    for y, n in zip(changes, sizes):
        if y is None or (is_rate and y <= 0):
            continue
        y0, se = centre_se(national, is_rate, n)
        z.append(((math.log(y) if is_rate else y) - y0) / se)
        w.append(1 / se**2)
    m = len(z)
    k = int(math.floor(0.1 * m))
    s = sorted(z)
    lo, hi = s[k], s[m - 1 - k]
    phi = sum(min(hi, max(lo, v)) ** 2 for v in z) / m
    sw, sw2 = sum(w), sum(v * v for v in w)
    tau2 = max(0.0, (m * phi - (m - 1)) / (sw - sw2 / sw))
    return phi, tau2


def limits(national, is_rate, size, level, method, phi, tau2):
    y0, se = centre_se(national, is_rate, size)
    half = z_of(level) * se
    if method == "multiplicative" and phi > 1:
        half = z_of(level) * math.sqrt(phi) * se
    elif method == "additive":
        half = z_of(level) * math.sqrt(se**2 + tau2)
    if is_rate:
        return math.exp(y0 - half), math.exp(y0 + half)
    return max(-1.0, y0 - half), min(1.0, y0 + half)


# Synthetic: 12 forces' proportions (count1, base1, count2, base2), and
# 12 forces' rates; England and Wales is their sum.
PROPORTIONS = [(30, 100, 40, 100), (120, 400, 150, 420), (55, 250, 50, 240),
               (300, 1000, 390, 1010), (12, 60, 20, 64), (900, 3000, 960, 3100),
               (80, 200, 70, 210), (450, 1500, 520, 1480), (20, 90, 35, 95),
               (610, 2000, 600, 2050), (33, 150, 51, 160), (240, 800, 230, 790)]
RATES = [(100, 1e5, 150, 1e5), (420, 3e5, 400, 3.1e5), (55, 4e4, 90, 4.2e4),
         (1200, 9e5, 1500, 9.2e5), (30, 2e4, 28, 2.1e4), (800, 5e5, 1100, 5e5),
         (260, 2e5, 250, 2.05e5), (75, 6e4, 130, 6e4), (2000, 1.5e6, 2300, 1.52e6),
         (150, 1.1e5, 120, 1.1e5), (340, 2.5e5, 500, 2.6e5), (95, 7e4, 99, 7.1e4)]


def synthetic():
    for name, rows, is_rate in (("proportions", PROPORTIONS, 0), ("rates", RATES, 1)):
        national = tuple(sum(r[i] for r in rows) for i in range(4))
        if is_rate:
            changes = [(r[2] / r[3]) / (r[0] / r[1]) for r in rows]
        else:
            changes = [r[2] / r[3] - r[0] / r[1] for r in rows]
        sizes = [r[3] for r in rows]
        phi, tau2 = dispersion(national, is_rate, changes, sizes)
        print(f"{name}: national {national} phi {phi!r} tau2 {tau2!r}")
        for size, level in ((100, 0.95), (2000, 0.998)):
            for method in ("none", "multiplicative", "additive"):
                lo, hi = limits(national, is_rate, size, level, method, phi, tau2)
                print(f"  size {size} level {level} {method}: {lo!r} {hi!r}")


# Rows that are not one of the 43 territorial forces, which forcestat
# leaves out of a comparison, and the name forcestat shows for one.
NOT_TERRITORIAL = {"British Transport Police", "England and Wales"}
DISPLAY = {"London, City of": "City of London"}


def periods_of(path, period_cols, count, base):
    """{force: {period: (count, base)}} and the periods in file order."""
    by, order = {}, []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            p = tuple(row[c] for c in period_cols)
            if p not in order:
                order.append(p)
            force = row.get("force") or row.get("force_name")
            if force in NOT_TERRITORIAL:
                continue
            force = DISPLAY.get(force, force)
            by.setdefault(force, {})[p] = (float(row[count]), float(row[base]))
    return by, order


def verdicts(path, period_cols, count, base, is_rate, number):
    by, order = periods_of(path, period_cols, count, base)
    p1, p2 = order[0], order[-1]
    forces = sorted(f for f in by if p1 in by[f] and p2 in by[f])
    rows = [(f,) + by[f][p1] + by[f][p2] for f in forces]
    national = tuple(sum(r[i] for r in rows) for i in range(1, 5))
    changes = []
    for _, c1, b1, c2, b2 in rows:
        if is_rate:
            changes.append(None if c1 == 0 else (c2 / b2) / (c1 / b1))
        else:
            changes.append(c2 / b2 - c1 / b1)
    sizes = [r[4] for r in rows]
    phi, tau2 = dispersion(national, is_rate, changes, sizes)
    out = []
    for (force, *_), y, n in zip(rows, changes, sizes):
        flag = "within the limits"
        for level, words in ((0.95, "outside the inner limits"), (0.998, "beyond the outer limits")):
            lo, hi = limits(national, is_rate, n, level, "multiplicative", phi, tau2)
            if y is not None and (y < lo or y > hi):
                flag = words
        out.append(f"{number} {force}: {flag}")
    print(f"{path}: phi {phi!r}, {sum('outer' in v for v in out)} beyond the outer limits")
    return out


def main():
    synthetic()
    if len(sys.argv) > 1:
        ds = sys.argv[1]
        lines = verdicts(f"{ds}/stop_search_per_1000_by_year.csv", ["year_ending"], "count",
                         "population", 1, "rate")
        lines += verdicts(f"{ds}/outcome17_share_year_ending_quarters.csv",
                          ["financial_year", "financial_quarter"], "numerator", "denominator", 0,
                          "proportion")
        with open("tests/data/change_funnel_od_flags.txt", "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
