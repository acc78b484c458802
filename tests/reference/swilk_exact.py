#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""swilk_exact.py: W computed in exact rational arithmetic from the data.

    /usr/bin/python3 tests/reference/swilk_exact.py tests/data

Reads swilk_cases.csv (written by swilk_reference.R) and writes
swilk_exact.csv (case, n, w, p).  Royston's coefficients are computed in
double precision as in AS R94 (with scipy's normal quantile); the data
side of W -- centring, sums of squares and the product with the
coefficients -- is computed exactly with fractions.  This shows where a
double-precision implementation that does not centre first (R's) loses
digits: for samples like 1 + 1e-9 * noise, x / range is about 1e9 and the
subtraction cancels about eight digits.  p follows from W by the same
approximation (scipy's normal upper tail).
"""
import csv
import math
import sys
from fractions import Fraction

from scipy.stats import norm

C1 = [0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056]
C2 = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633]
G = [-2.273, 0.459]
C3 = [0.5440, -0.39978, 0.025054, -6.714e-4]
C4 = [1.3822, -0.77857, 0.062767, -0.0020322]
C5 = [-1.5861, -0.31082, -0.083751, 0.0038915]
C6 = [-0.4803, -0.082676, 0.0030302]


def poly(c, t):
    r = c[-1]
    for ci in reversed(c[:-1]):
        r = r * t + ci
    return r


def coefficients(n):
    half = n // 2
    if n == 3:
        return [math.sqrt(0.5)]
    m = [norm.ppf((i + 1 - 0.375) / (n + 0.25)) for i in range(half)]
    summ2 = 2 * sum(v * v for v in m)
    ssumm2 = math.sqrt(summ2)
    rsn = 1 / math.sqrt(n)
    a1 = poly(C1, rsn) - m[0] / ssumm2
    if n > 5:
        a2 = -m[1] / ssumm2 + poly(C2, rsn)
        fac = math.sqrt((summ2 - 2 * m[0] ** 2 - 2 * m[1] ** 2) / (1 - 2 * a1 ** 2 - 2 * a2 ** 2))
        return [a1, a2] + [-v / fac for v in m[2:]]
    fac = math.sqrt((summ2 - 2 * m[0] ** 2) / (1 - 2 * a1 ** 2))
    return [a1] + [-v / fac for v in m[1:]]


def p_value(n, w):
    if n == 3:
        return max(0.0, 6 / math.pi * (math.asin(math.sqrt(w)) - math.pi / 3))
    w1 = math.log1p(-w)
    if n <= 11:
        gamma = poly(G, n)
        if w1 >= gamma:
            return 1e-99
        return norm.sf(-math.log(gamma - w1), poly(C3, n), math.exp(poly(C4, n)))
    ln = math.log(n)
    return norm.sf(w1, poly(C5, ln), math.exp(poly(C6, ln)))


def exact_w(x):
    """W of the doubles x: coefficients in double precision as AS R94,
    the data side in exact rational arithmetic."""
    x = sorted(x)
    n = len(x)
    a = coefficients(n)
    half = n // 2
    full = [-a[i] for i in range(half)] + ([0.0] if n % 2 else []) + \
           [a[half - 1 - i] for i in range(half)]
    xs = [Fraction(v) for v in x]
    mean = sum(xs) / n
    fa = [Fraction(v) for v in full]
    amean = sum(fa) / n
    sax = sum((ai - amean) * (xi - mean) for ai, xi in zip(fa, xs))
    ssa = sum((ai - amean) ** 2 for ai in fa)
    ssx = sum((xi - mean) ** 2 for xi in xs)
    return float(sax * sax / (ssa * ssx))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    samples = {}
    with open(f"{folder}/swilk_cases.csv") as f:
        for row in csv.DictReader(f):
            samples.setdefault(row["case"], []).append(float(row["value"]))
    with open(f"{folder}/swilk_exact.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["case", "n", "w", "p"])
        for case, x in samples.items():
            n = len(x)
            w = exact_w(x)
            out.writerow([case, n, repr(w), repr(p_value(n, w))])
    print(f"{folder}/swilk_exact.csv: {len(samples)} cases")


if __name__ == "__main__":
    main()
