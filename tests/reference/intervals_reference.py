#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""intervals_reference.py: reference confidence intervals for proportions,
from statsmodels' proportion_confint (Debian's python3-statsmodels).

    /usr/bin/python3 tests/reference/intervals_reference.py tests/data

Writes intervals_reference.csv: method, successes, trials, level, lower,
upper, with forcestat's documented conventions applied to statsmodels'
numbers: bounds clipped to [0, 1] (statsmodels leaves the Wald interval
unclipped), and for Jeffreys lower = 0 when K = 0 and upper = 1 when K = N
(Brown, Cai and DasGupta 2001, section 4.1.2; statsmodels uses the plain
equal-tailed beta interval there).  Clopper-Pearson already has those
bounds in statsmodels.

Also writes rates_reference.csv: count, population, per, level, lower,
upper, with exact Poisson limits (scipy's chi-squared quantiles) for
counts under 10 and Byar's approximation from 10 up, per 1,000 people.
"""
import csv
import sys

import numpy as np
import statsmodels
from scipy.stats import chi2, norm
from statsmodels.stats.proportion import proportion_confint

METHODS = {
    "wald": "normal",
    "wilson": "wilson",
    "agresti-coull": "agresti_coull",
    "clopper-pearson": "beta",
    "jeffreys": "jeffreys",
}
CASES = [(0, 1), (1, 1), (0, 10), (10, 10), (1, 10), (3, 7), (168, 196), (50, 100),
         (1, 1000), (999, 1000), (0, 250000), (1, 250000), (17, 250000),
         (123456, 250000), (249999, 250000), (250000, 250000), (4321, 987654),
         (5, 20), (19, 20), (2, 3)]
LEVELS = [0.8, 0.9, 0.95, 0.99, 0.998]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    path = f"{folder}/intervals_reference.csv"
    rows = 0
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["method", "successes", "trials", "level", "lower", "upper"])
        for name, sm in METHODS.items():
            for k, n in CASES:
                for level in LEVELS:
                    lo, hi = proportion_confint(k, n, alpha=1 - level, method=sm)
                    lo, hi = float(np.clip(lo, 0, 1)), float(np.clip(hi, 0, 1))
                    if name == "jeffreys":
                        if k == 0:
                            lo = 0.0
                        if k == n:
                            hi = 1.0
                    out.writerow([name, k, n, repr(level), repr(lo), repr(hi)])
                    rows += 1
    print(f"{path}: {rows} intervals (statsmodels {statsmodels.__version__})")
    path = f"{folder}/rates_reference.csv"
    rows = 0
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["count", "population", "per", "level", "lower", "upper"])
        # Fractional counts far below 1 (an estimate, or a count of 1e-10
        # in a unit test of magnitudes) need exact limits too.
        for count in [0, 1e-10, 1e-5, 0.001, 0.01, 0.1, 0.3, 1, 2, 5, 9, 9.5, 10, 11, 57, 1234,
                      99999, 364958, 2803.29]:
            for population in [10938, 1857900, 8991550, 59719724]:
                for level in [0.9, 0.95, 0.998]:
                    lo, hi = rate_interval(count, level)
                    scale = 1000 / population
                    out.writerow([repr(float(count)), population, 1000, repr(level),
                                  repr(lo * scale), repr(hi * scale)])
                    rows += 1
    print(f"{path}: {rows} intervals")


def rate_interval(o, level):
    alpha = 1 - level
    if o < 10:
        lo = 0.0 if o == 0 else chi2.ppf(alpha / 2, 2 * o) / 2
        hi = chi2.isf(alpha / 2, 2 * o + 2) / 2
        return float(lo), float(hi)
    z = norm.isf(alpha / 2)
    lo = o * (1 - 1 / (9 * o) - z / (3 * o ** 0.5)) ** 3
    hi = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * (o + 1) ** 0.5)) ** 3
    return float(lo), float(hi)


main()
