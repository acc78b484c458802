#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""change.py: reference values for the change between two periods
(stats/methods/change.c), from statsmodels and scipy (Debian's
python3-statsmodels and python3-scipy).

    /usr/bin/python3 tests/reference/change.py tests/data

Writes change_reference.csv, one case a row:

    kind, count1, base1, count2, base2, total_count1, total_base1,
    total_count2, total_base2, level, defined, estimate, lower, upper, p

kind is
  proportion       p2 - p1: statsmodels' confint_proportions_2indep(count2,
                   base2, count1, base1, compare="diff", method="newcomb");
                   p: the z at which the bound nearer 0 reaches 0, found by
                   scipy's brentq on that interval, as 2 (1 - Phi(z))
  proportion_rest  the force's p2 - p1 minus the rest's (total minus
                   force): MOVER (Zou and Donner 2008) on the two
                   statsmodels Newcombe intervals; p as above
  rate_exact       (count2 / base2) / (count1 / base1): Clopper-Pearson
                   bounds on count2 of count1 + count2 from scipy's beta
                   quantiles, turned into odds and scaled by base1 /
                   base2; p: the central exact conditional binomial test,
                   2 min(P(X <= count2), P(X >= count2)) from scipy's
                   binom, capped at 1
  rate_katz        the same ratio, exp(log R -/+ z sqrt(1/c1 + 1/c2));
                   p from the Wald z on the log scale
  rate_difference  (count2 / base2 - count1 / base1) * 1000, Wald
  rate_rest        the force's rate ratio over the rest's, log scale,
                   variance 1/a1 + 1/a2 + 1/b1 + 1/b2
Also writes adjust_reference.csv: 43 p-values (ties, 0 and 1 among them)
and their Holm and Benjamini-Hochberg adjustments from statsmodels'
multipletests(method="holm") and (method="fdr_bh"), which agree with R's
p.adjust(p, "holm") and p.adjust(p, "BH").

defined is "defined", "unbounded" (estimate and upper infinite: written
as 0) or "not defined" (every figure 0, p = 1).
"""
import csv
import math
import sys

import numpy as np
import scipy
import statsmodels
from scipy.optimize import brentq
from scipy.stats import beta, binom, norm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

LEVELS = [0.9, 0.95, 0.99]
Z_MAX = 37.0

PROPORTIONS = [
    (30, 100, 20, 100), (168, 196, 150, 180), (0, 100, 0, 100), (100, 100, 100, 100),
    (0, 1, 1, 1), (1, 1, 0, 1), (0, 1, 0, 1), (1, 1, 1, 1), (5, 10, 5, 10), (0, 10, 10, 10),
    (10, 10, 0, 10), (1, 2, 2, 3), (857, 1000, 855, 1000), (0, 1000000, 3, 1000000),
    (499999, 1000000, 500999, 1000000), (12345, 987654321, 12400, 987654321),
    (123456789, 987654321, 123450000, 987654321), (7, 1000000000, 0, 1000000000),
    (1, 3, 2, 3), (40, 50, 45, 50), (2, 40, 9, 38), (999, 1000, 1000, 1000),
    (3, 7, 3, 7), (20, 200, 10, 50), (600, 1200, 300, 600), (1, 100000, 99999, 100000),
    (4, 9, 1, 1000),
]
RATES = [
    (30, 1000, 20, 1000), (0, 1000, 5, 1000), (5, 1000, 0, 1000), (0, 1000, 0, 1000),
    (1, 1, 1, 1), (1, 0.5, 3, 2.5), (10, 10000, 10, 10000), (100, 50000, 120, 52000),
    (364958, 59719724, 300000, 60000000), (1, 1e9, 2, 1e9), (2, 1e-3, 7, 2e-3),
    (12345, 1e6, 12000, 1e6), (1, 100, 100, 100), (100, 100, 1, 100), (1, 7, 0, 11),
    (0, 3, 1, 13), (17, 8000, 40, 7000), (250000, 1e7, 260000, 1e7), (3, 1e12, 4, 1e12),
    (9, 100, 10, 100), (1000, 1234567, 1100, 1200000), (6, 40, 30, 40), (1, 1, 50, 1),
    (2000000, 6e7, 2100000, 6e7), (0, 5, 20, 5),
]
PROPORTION_REST = [
    ((30, 100, 20, 100), (3000, 10000, 2900, 10000)),
    ((0, 100, 0, 100), (50, 10000, 60, 10000)),
    ((100, 100, 100, 100), (9000, 10000, 9100, 10000)),
    ((168, 196, 150, 180), (40000, 50000, 41000, 50000)),
    ((1, 1, 0, 1), (10, 20, 10, 20)),
    ((5, 10, 5, 10), (5, 11, 5, 11)),
    ((857, 1000, 855, 1000), (85700, 100000, 85500, 100000)),
    ((0, 1000000, 3, 1000000), (10, 50000000, 40, 50000000)),
    ((2, 40, 9, 38), (200, 4000, 230, 3900)),
    ((123456, 987654, 120000, 987654), (1234567, 9876543, 1234000, 9876543)),
    ((0, 10, 10, 10), (0, 20, 10, 20)),
    ((40, 50, 45, 50), (4000, 5000, 4000, 5000)),
]
RATE_REST = [
    ((30, 1000, 20, 1000), (3000, 100000, 2900, 100000)),
    ((0, 1000, 5, 1000), (100, 100000, 120, 100000)),
    ((5, 1000, 7, 1000), (5, 100000, 200, 100000)),
    ((364, 597197, 300, 600000), (364958, 59719724, 300000, 60000000)),
    ((1, 1, 1, 1), (2, 2, 3, 2)),
    ((100, 50000, 120, 52000), (10000, 5e6, 11000, 5.2e6)),
    ((17, 8000, 40, 7000), (1700, 800000, 1600, 700000)),
    ((2000000, 6e7, 2100000, 6e7), (2500000, 7e7, 2600000, 7e7)),
    ((1, 1e6, 3, 1e6), (1000, 5e7, 1100, 5e7)),
    ((12345, 1e6, 12000, 1e6), (123450, 1e7, 120000, 1e7)),
]


def newcomb(k1, n1, k2, n2, alpha):
    """The interval of p2 - p1."""
    low, upp = confint_proportions_2indep(k2, n2, k1, n1, compare="diff", method="newcomb",
                                          alpha=alpha)
    return float(low), float(upp)


def inverted_p(bounds, d):
    """2 (1 - Phi(z*)), z* where the bound nearer 0 of bounds(alpha) is 0."""
    if d == 0:
        return 1.0

    def f(z):
        lo, hi = bounds(2 * norm.sf(z))
        return lo if d > 0 else -hi

    if z_excludes(f, Z_MAX):
        return 0.0
    # statsmodels' Wilson interval is NaN at alpha = 1 (z = 0): the bracket
    # starts just above.
    z = brentq(f, 1e-6, Z_MAX, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
    return float(2 * norm.sf(z))


def z_excludes(f, z):
    return f(z) > 0


def proportion_row(k1, n1, k2, n2, level):
    alpha = 1 - level
    lo, hi = newcomb(k1, n1, k2, n2, alpha)
    d = k2 / n2 - k1 / n1
    p = inverted_p(lambda a: newcomb(k1, n1, k2, n2, a), d)
    return "defined", d, lo, hi, p


def mover(force, rest, alpha):
    fl, fu = newcomb(*force, alpha)
    rl, ru = newcomb(*rest, alpha)
    df = force[2] / force[3] - force[0] / force[1]
    dr = rest[2] / rest[3] - rest[0] / rest[1]
    dd = df - dr
    return (dd - math.sqrt((df - fl) ** 2 + (ru - dr) ** 2),
            dd + math.sqrt((fu - df) ** 2 + (dr - rl) ** 2))


def rest_of(force, total):
    return tuple(t - f for f, t in zip(force, total))


def proportion_rest_row(force, total, level):
    rest = rest_of(force, total)
    lo, hi = mover(force, rest, 1 - level)
    dd = (force[2] / force[3] - force[0] / force[1]) - (rest[2] / rest[3] - rest[0] / rest[1])
    p = inverted_p(lambda a: mover(force, rest, a), dd)
    return "defined", dd, lo, hi, p


def odds(of_count2, of_count1):
    """x / (1 - x), the smaller of the two complements taken."""
    if of_count2 < 0.5:
        return of_count2 / (1 - of_count2)
    return (1 - of_count1) / of_count1


def rate_exact_row(c1, b1, c2, b2, level):
    if c1 == 0 and c2 == 0:
        return "not defined", 0, 0, 0, 1.0
    a = (1 - level) / 2
    t = c1 + c2
    lower2 = beta.ppf(a, c2, c1 + 1) if c2 > 0 else 0.0
    upper1 = beta.ppf(1 - a, c1 + 1, c2) if c2 > 0 else 1.0
    scale = b1 / b2
    lo = odds(lower2, upper1) * scale
    p0 = b2 / (b1 + b2)
    tails = min(binom.cdf(c2, t, p0), binom.sf(c2 - 1, t, p0))
    p = float(min(1.0, 2 * tails))
    if c1 == 0:
        return "unbounded", 0, float(lo), 0, p
    upper2 = beta.ppf(1 - a, c2 + 1, c1)
    lower1 = beta.ppf(a, c1, c2 + 1)
    hi = odds(upper2, lower1) * scale
    return "defined", c2 / c1 * scale, float(lo), float(hi), p


def rate_katz_row(c1, b1, c2, b2, level):
    if c1 == 0 or c2 == 0:
        return "not defined", 0, 0, 0, 1.0
    z = norm.isf((1 - level) / 2)
    lr = math.log(c2 / b2) - math.log(c1 / b1)
    se = math.sqrt(1 / c1 + 1 / c2)
    return ("defined", math.exp(lr), math.exp(lr - z * se), math.exp(lr + z * se),
            float(2 * norm.sf(abs(lr) / se)))


def rate_difference_row(c1, b1, c2, b2, level):
    if c1 == 0 and c2 == 0:
        return "not defined", 0, 0, 0, 1.0
    z = norm.isf((1 - level) / 2)
    d = (c2 / b2 - c1 / b1) * 1000
    se = 1000 * math.sqrt(c1 / b1 ** 2 + c2 / b2 ** 2)
    return "defined", d, d - z * se, d + z * se, float(2 * norm.sf(abs(d) / se))


def rate_rest_row(force, total, level):
    rest = rest_of(force, total)
    counts = (force[0], force[2], rest[0], rest[2])
    if min(counts) == 0:
        return "not defined", 0, 0, 0, 1.0
    z = norm.isf((1 - level) / 2)
    lr = (math.log(force[2] / force[3]) - math.log(force[0] / force[1])
          - math.log(rest[2] / rest[3]) + math.log(rest[0] / rest[1]))
    se = math.sqrt(sum(1 / c for c in counts))
    return ("defined", math.exp(lr), math.exp(lr - z * se), math.exp(lr + z * se),
            float(2 * norm.sf(abs(lr) / se)))


def adjust(folder):
    """43 p-values, as many as the forces, and their adjustments."""
    rng = np.random.default_rng(28)
    p = list(rng.uniform(0, 0.2, 30) ** 2) + [0.0, 1.0, 0.04, 0.04, 0.04, 0.01, 0.01,
                                               0.5, 0.5, 1e-12, 0.049, 0.051, 0.3]
    holm = multipletests(p, method="holm")[1]
    bh = multipletests(p, method="fdr_bh")[1]
    with open(f"{folder}/adjust_reference.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["p", "holm", "bh"])
        for row in zip(p, holm, bh):
            out.writerow([repr(float(v)) for v in row])


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    path = f"{folder}/change_reference.csv"
    rows = 0
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["kind", "count1", "base1", "count2", "base2", "total_count1",
                      "total_base1", "total_count2", "total_base2", "level", "defined",
                      "estimate", "lower", "upper", "p"])

        def write(kind, x, total, level, result):
            nonlocal rows
            defined, est, lo, hi, p = result
            out.writerow([kind, *map(repr, x), *map(repr, total), repr(level), defined,
                          repr(float(est)), repr(float(lo)), repr(float(hi)), repr(float(p))])
            rows += 1

        none = (0, 0, 0, 0)
        for level in LEVELS:
            for x in PROPORTIONS:
                write("proportion", x, none, level, proportion_row(*x, level))
            for x in RATES:
                write("rate_exact", x, none, level, rate_exact_row(*x, level))
                write("rate_katz", x, none, level, rate_katz_row(*x, level))
                write("rate_difference", x, none, level, rate_difference_row(*x, level))
            for force, total in PROPORTION_REST:
                write("proportion_rest", force, total, level,
                      proportion_rest_row(force, total, level))
            for force, total in RATE_REST:
                write("rate_rest", force, total, level, rate_rest_row(force, total, level))
    adjust(folder)
    print(f"{rows} cases into {path} (statsmodels {statsmodels.__version__}, "
          f"scipy {scipy.__version__})")


if __name__ == "__main__":
    main()
