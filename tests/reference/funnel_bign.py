#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""funnel_bign.py: the exact 95% funnel limits at a denominator of 1e305
about a target of 2626 / (1e305 + 4200), the case of 42 forces of 100
and one of 1e305 in tests/test_limits.c, in 30-digit arithmetic (mpmath,
Debian's python3-mpmath).

    /usr/bin/python3 tests/reference/funnel_bign.py

Prints the lower and upper limits as proportions.  At that denominator
the binomial count is Poisson with mean m = 1e305 theta to 1e-300
relatively.  Spiegelhalter's (2005) appendix: r is the smallest count
with F(r) >= p, alpha = (F(r) - p) / (F(r) - F(r - 1)) and the limit is
(r - alpha) / n, for p = 0.025 and 0.975 (as doubles: 1 - 0.95 halved).
"""
import mpmath as mp

mp.mp.dps = 30


def limit(p, m, n):
    r = 0
    cdf = mp.mpf(0)
    term = mp.exp(-m)
    prev = mp.mpf(0)
    while True:
        prev = cdf
        cdf += term
        if cdf >= p:
            break
        r += 1
        term *= m / r
    alpha = (cdf - p) / (cdf - prev)
    return (r - alpha) / n


def main():
    n = mp.mpf(float(1e305))
    theta = mp.mpf(2626 / (1e305 + 4200.0))  # the target as the library holds it
    m = n * theta
    tail = mp.mpf(1.0 - 0.95) / 2
    print(mp.nstr(limit(tail, m, n), 20), mp.nstr(limit(1 - tail, m, n), 20))


if __name__ == "__main__":
    main()
