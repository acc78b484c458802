#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""swilk_magnitudes.py: samples at the ends of double precision, with W in
exact arithmetic.

    /usr/bin/python3 tests/reference/swilk_magnitudes.py tests/data

Writes swilk_magnitudes.csv (case, value: the doubles, written with repr
so they read back exactly) and swilk_magnitudes_exact.csv (case, n, w, p),
W computed by swilk_exact.exact_w: Royston's coefficients in double
precision, the data side in fractions.  The samples are 1e6 + 1e-7 *
noise (where centring on a rounded mean loses digits), values near
1.8e308 (where the range overflows), near 1e-300 (where squares
underflow), and one ordinary sample times 1e300 and 1e-300.  The noise is
Python's seeded Mersenne Twister, so the file is the same on every run.
"""
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swilk_exact import exact_w, p_value  # noqa: E402


def samples():
    rng = random.Random(20261201)
    base = [rng.gauss(0.0, 1.0) for _ in range(43)]
    skewed = [rng.expovariate(1.0) for _ in range(30)]
    return {
        "near_1e6": [1e6 + 1e-7 * v for v in base],
        "near_1e6_skewed": [1e6 + 1e-7 * v for v in skewed],
        "huge_three": [1e308, -1e308, 1.7e308],
        "huge_spread": [1.7e308 * (v / 4.0) for v in base[:12]],
        "tiny": [1e-300 * v for v in base[:20]],
        "times_1e300": [1e300 * v for v in skewed],
        "times_1e-300": [1e-300 * v for v in skewed],
    }


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    cases = samples()
    with open(f"{folder}/swilk_magnitudes.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["case", "value"])
        for case, x in cases.items():
            for v in x:
                out.writerow([case, repr(v)])
    with open(f"{folder}/swilk_magnitudes_exact.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["case", "n", "w", "p"])
        for case, x in cases.items():
            w = exact_w(x)
            out.writerow([case, len(x), repr(w), repr(p_value(len(x), w))])
    print(f"{folder}/swilk_magnitudes.csv: {len(cases)} cases")


main()
