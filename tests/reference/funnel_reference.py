#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""funnel_reference.py: reference funnel limits and over-dispersion
estimates, computed independently with scipy and numpy.

    /usr/bin/python3 tests/reference/funnel_reference.py tests/data

Writes funnel_limits.csv (type, theta, denominator, level, lower, upper):
exact binomial and Poisson limits with Spiegelhalter's (2005) interpolation
(r = the p-quantile of the count, alpha = (F(r) - p) / (F(r) - F(r - 1)),
limit = (r - alpha) / n), on the proportion or per-person scale; and
funnel_overdispersion.csv (numerator, denominator rows of one dataset) with
funnel_overdispersion_ref.csv (theta, phi, tau2): 10% winsorised z-scores,
phi = their mean square, tau2 = (n phi - (n - 1)) / (sum w - sum w^2 /
sum w), w = 1 / s^2.
"""
import csv
import sys

import numpy as np
from scipy.stats import binom, poisson


def limit(kind, theta, n, p):
    dist = binom(int(n), theta) if kind == "proportion" else poisson(theta * n)
    r = dist.ppf(p)
    fr, fr1 = dist.cdf(r), dist.cdf(r - 1)
    alpha = (fr - p) / (fr - fr1) if fr > fr1 else 0.0
    return (r - alpha) / n


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    with open(f"{folder}/funnel_limits.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["type", "theta", "denominator", "level", "lower", "upper"])
        for kind, theta in [("proportion", 0.5), ("proportion", 0.02), ("proportion", 0.002),
                            ("rate", 0.002), ("rate", 0.0006)]:
            for n in [10, 57, 100, 1000, 10938, 250000, 1846500]:
                for level in [0.95, 0.998]:
                    tail = (1 - level) / 2
                    lo = max(0.0, limit(kind, theta, n, tail))
                    hi = limit(kind, theta, n, 1 - tail)
                    if kind == "proportion":
                        hi = min(1.0, hi)
                    out.writerow([kind, repr(theta), n, repr(level), repr(lo), repr(hi)])
    rng = np.random.default_rng(2005)
    den = rng.integers(2000, 200000, size=43)
    p = np.clip(rng.normal(0.03, 0.006, size=43), 0.001, None)
    num = rng.binomial(den, p)
    with open(f"{folder}/funnel_overdispersion.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["unit", "numerator", "denominator"])
        for i, (k, d) in enumerate(zip(num, den)):
            out.writerow([f"unit{i + 1}", int(k), int(d)])
    theta = num.sum() / den.sum()
    s = np.sqrt(theta * (1 - theta) / den)
    z = (num / den - theta) / s
    srt = np.sort(z)
    cut = int(np.floor(0.1 * len(z)))
    zw = np.clip(z, srt[cut], srt[len(z) - 1 - cut])
    phi = np.mean(zw ** 2)
    w = 1 / s ** 2
    tau2 = max(0.0, (len(z) * phi - (len(z) - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    with open(f"{folder}/funnel_overdispersion_ref.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["theta", "phi", "tau2"])
        out.writerow([repr(float(theta)), repr(float(phi)), repr(float(tau2))])
    print(f"{folder}: funnel references written (phi = {phi:.3f})")


main()
