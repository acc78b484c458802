#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""intervals_bign.py: reference Clopper-Pearson, Jeffreys and Wilson
intervals for very large numbers of trials, in 40-digit arithmetic
(mpmath, Debian's python3-mpmath).

    /usr/bin/python3 tests/reference/intervals_bign.py tests/data

Writes intervals_bign.csv: method, successes, trials, level, lower, upper,
each bound to 25 significant digits, for N = 1e6, 1e9, 1e12, 1e15, 1e18
and K = 0, 1, 502, N/2, N-1, N at levels 0.95 and 0.998, and Wilson's
interval (its closed form, evaluated in 40 digits) for K = 1, 502 and N/2
at N = 1e18, 1e100, 1e200 and 1e308 (each N the double nearest it,
written out in full).

A trial count must be a double for the library, and N - 1 is not one at
N = 1e18 (doubles there are 128 apart): that row uses the largest double
below 1e18, 1e18 - 128, and says so in its successes column.

The exact intervals are quantiles of beta distributions (Clopper-Pearson:
Beta(K, N-K+1) at alpha/2 and Beta(K+1, N-K) at 1-alpha/2; Jeffreys:
Beta(K+1/2, N-K+1/2) at both, with lower = 0 at K = 0 and upper = 1 at
K = N).  The beta CDF is computed here by numerical quadrature of the
density (tanh-sinh, over pieces a standard deviation wide, from 40
standard deviations below the mean, or from 0), not by the continued
fraction or the asymptotic expansion the
library uses, so the two are independent; the quantile is found by
Newton's method on the CDF with the density as its derivative.
"""
import csv
import os
import sys

import mpmath as mp

mp.mp.dps = 40

NS = [10**6, 10**9, 10**12, 10**15, 10**18]
LEVELS = ["0.95", "0.998"]


def ks_for(n):
    nm1 = n - 1
    if n == 10**18:
        nm1 = n - 128  # the largest double below 1e18
    return [0, 1, 502, n // 2, nm1, n]


def logdensity(t, a, b, lb):
    return (a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t) - lb


def cdf_lower(x, a, b, lb):
    """P(T <= x) for T ~ Beta(a, b) with a <= b (the mass lies in [0, 1/2])."""
    mean = a / (a + b)
    sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    start = mean - 40 * sd
    f = lambda t: mp.exp(logdensity(t, a, b, lb))
    if start <= 0:
        pts = [mp.mpf(0)]
        step = sd if a > 1 else max(sd, x / 40)
        t = mp.mpf(0)
        # Pieces a standard deviation wide up to x (the first one takes
        # the integrable singularity of a < 1 at 0).
        while t + step < x:
            t += step
            pts.append(t)
        pts.append(x)
    else:
        if x <= start:
            return mp.mpf(0)
        pts = [start]
        t = start
        while t + sd < x:
            t += sd
            pts.append(t)
        pts.append(x)
    return mp.quad(f, pts)


def cdf_upper(x, a, b, lb):
    """P(T > x) for T ~ Beta(a, b) with a <= b."""
    mean = a / (a + b)
    sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    end = min(mp.mpf(1), mean + 40 * sd)
    if x >= end:
        return mp.mpf(0)
    f = lambda t: mp.exp(logdensity(t, a, b, lb))
    pts = [x]
    t = x
    while t + sd < end:
        t += sd
        pts.append(t)
    pts.append(end)
    return mp.quad(f, pts)


def quantile(p, a, b):
    """x with P(T <= x) = p, T ~ Beta(a, b)."""
    a = mp.mpf(a)
    b = mp.mpf(b)
    p = mp.mpf(p)
    if a > b:
        return 1 - quantile(1 - p, b, a)
    lb = mp.log(mp.beta(a, b))
    mean = a / (a + b)
    sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    # Solve in log x: g(u) = log F(e^u) - log p (lower tail) or
    # log S(e^u) - log(1 - p) (upper tail), whichever is the smaller tail.
    lower_tail = p < mp.mpf("0.5")
    target = mp.log(p) if lower_tail else mp.log(1 - p)

    def newton_step(u):
        x = mp.exp(u)
        v = cdf_lower(x, a, b, lb) if lower_tail else cdf_upper(x, a, b, lb)
        d = mp.exp(logdensity(x, a, b, lb)) * x / v
        return (mp.log(v) - target) / (d if lower_tail else -d)

    # A start from the normal approximation (or from the gamma limit for
    # small a), then Newton's method, safeguarded to stay in (0, 1).
    z = mp.sqrt(2) * mp.erfinv(2 * p - 1)
    x0 = mean + z * sd
    if x0 <= 0:
        x0 = mean
    u = mp.log(x0)
    for _ in range(200):
        step = newton_step(u)
        if abs(step) > 1:
            step = 1 if step > 0 else -1
        u -= step
        if abs(step) < mp.mpf(10) ** (-28):
            break
    else:
        raise RuntimeError("no convergence at p=%s a=%s b=%s" % (p, a, b))
    return mp.exp(u)


def cp(k, n, alpha):
    lo = mp.mpf(0) if k == 0 else quantile(alpha / 2, k, n - k + 1)
    hi = mp.mpf(1) if k == n else quantile(1 - alpha / 2, k + 1, n - k)
    return lo, hi


def jeffreys(k, n, alpha):
    h = mp.mpf("0.5")
    lo = mp.mpf(0) if k == 0 else quantile(alpha / 2, k + h, n - k + h)
    hi = mp.mpf(1) if k == n else quantile(1 - alpha / 2, k + h, n - k + h)
    return lo, hi


def wilson(k, n, alpha):
    z = mp.sqrt(2) * mp.erfinv(1 - alpha)
    n = mp.mpf(n)
    k = mp.mpf(k)
    p = k / n
    z2 = z * z
    centre = (k + z2 / 2) / (n + z2)
    half = z * mp.sqrt(k * (n - k) / n + z2 / 4) / (n + z2)
    lo = mp.mpf(0) if k == 0 else centre - half
    hi = mp.mpf(1) if k == n else centre + half
    return lo, hi


def fmt(x):
    return mp.nstr(x, 25, min_fixed=0, max_fixed=0) if x != 0 and x != 1 else str(int(x))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    rows = []
    for n in NS:
        for k in ks_for(n):
            for level in LEVELS:
                alpha = 1 - mp.mpf(level)
                for name, fn in (("clopper-pearson", cp), ("jeffreys", jeffreys)):
                    lo, hi = fn(k, n, alpha)
                    rows.append((name, k, n, level, fmt(lo), fmt(hi)))
                    print(name, k, n, level, fmt(lo), fmt(hi), file=sys.stderr, flush=True)
    # Wilson's closed form far beyond what a product n * n can hold.
    from decimal import Decimal
    for e in (18, 100, 200, 308):
        n = 10**e
        nd = int(Decimal(float(n)))  # the double nearest 10^e, exactly
        for k in (1, 502, nd // 2):
            for level in LEVELS:
                alpha = 1 - mp.mpf(level)
                lo, hi = wilson(k, nd, alpha)
                rows.append(("wilson", k, nd, level, fmt(lo), fmt(hi)))
    with open(os.path.join(out, "intervals_bign.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["method", "successes", "trials", "level", "lower", "upper"])
        for r in rows:
            w.writerow(r)


if __name__ == "__main__":
    main()
