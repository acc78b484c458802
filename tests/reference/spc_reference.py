#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""spc_reference.py: reference XmR charts (Making Data Count rules),
computed independently of forcestat, in plain Python.

    /usr/bin/python3 tests/reference/spc_reference.py tests/data

Writes spc_reference.csv: for each of 44 series (random, shifted,
trending, with spikes, with ties and points on the centre; with screening
on and off, with rebases and baselines, with and without an improvement
direction and a target) one row per point: its options, its value, its
segment's centre and limits, the rules that hold and its variation, and
its segment's assurance.

The rules are written here as windows, not as the runs forcestat scans:
a point is in a shift when some 7 consecutive points of its segment that
include it lie strictly on one side of the centre; in a trend when some 7
consecutive points that include it rise (or fall) strictly at every step;
in a two-in-three when some 3 consecutive points that include it all lie
on one side of the centre, at least 2 of them between the near line and
the limit of that side, and it is one of those.  Sums are math.fsum.
"""
import csv
import math
import random
import sys

LIMIT = 2.66
SCREEN = 3.267
RUN = 7


def limits(seg, baseline, screen):
    base = seg[:baseline]
    mean = math.fsum(base) / len(base)
    ranges = [abs(base[i] - base[i - 1]) for i in range(1, len(base))]
    mr = math.fsum(ranges) / len(ranges)
    if screen and mr > 0:
        kept = [r for r in ranges if r < SCREEN * mr]
        mr = math.fsum(kept) / len(kept)
    w = LIMIT * mr
    return mean, mean - w, mean + w, mean - 2.0 * w / 3.0, mean + 2.0 * w / 3.0


def sign(v):
    return (v > 0) - (v < 0)


def rules(seg, mean, lo, hi, nlo, nhi):
    """The rules of each point, and the ways (1 rising, -1 falling) of the
    trend windows that include it."""
    n = len(seg)
    out = [set() for _ in range(n)]
    ways = [set() for _ in range(n)]
    for i, v in enumerate(seg):
        if v > hi or v < lo:
            out[i].add("outside")
    for start in range(0, n - RUN + 1):
        window = range(start, start + RUN)
        sides = {sign(seg[k] - mean) for k in window}
        if len(sides) == 1 and 0 not in sides:
            for k in window:
                out[k].add("shift")
        steps = {sign(seg[k + 1] - seg[k]) for k in range(start, start + RUN - 1)}
        if steps == {1} or steps == {-1}:
            for k in window:
                out[k].add("trend")
                ways[k] |= steps
    for start in range(0, n - 2):
        window = range(start, start + 3)
        for s in (1, -1):
            def between(v):
                return (nhi < v <= hi) if s > 0 else (lo <= v < nlo)
            if all(sign(seg[k] - mean) == s for k in window):
                close = [k for k in window if between(seg[k])]
                if len(close) >= 2:
                    for k in close:
                        out[k].add("two-in-three")
    order = ["outside", "shift", "trend", "two-in-three"]
    return ["+".join(r for r in order if r in s) for s in out], ways


def variation(seg, i, mean, rule, ways, improvement):
    """NHSRplotthedots 0.2 (its issue 171): a point only a trend flags is
    high in a rising trend and low in a falling one, whichever side of the
    centre it is on; a point in both (a peak or a trough between two
    trends) takes the way of the step into it, the trend it ends.  Any
    other rule (with a trend or not): its side of the centre."""
    if not rule:
        return "common cause"
    if rule == "trend":
        s = ways[i].pop() if len(ways[i]) == 1 else sign(seg[i] - seg[i - 1])
    else:
        s = sign(seg[i] - mean)
    if improvement == "":
        return "neutral high" if s > 0 else "neutral low"
    return "improvement" if (s > 0) == (improvement == "up") else "concern"


def assurance(lo, hi, improvement, target):
    if target is None:
        return ""
    if lo > target:
        return "pass" if improvement == "up" else "fail"
    if hi < target:
        return "fail" if improvement == "up" else "pass"
    return "hit or miss"


def chart(x, rebase, baseline, screen, improvement, target):
    starts = [0] + rebase
    ends = rebase + [len(x)]
    rows = []
    for a, b in zip(starts, ends):
        seg = x[a:b]
        base = len(seg) if baseline == 0 or baseline > len(seg) else baseline
        mean, lo, hi, nlo, nhi = limits(seg, base, screen)
        rs, ways = rules(seg, mean, lo, hi, nlo, nhi)
        asr = assurance(lo, hi, improvement, target)
        for i, v in enumerate(seg):
            rows.append((a + i, v, mean, lo, hi, nlo, nhi, rs[i],
                         variation(seg, i, mean, rs[i], ways, improvement), asr))
    return rows


def series(rng):
    """(name, values, rebase, baseline, screen, improvement, target)"""
    out = []
    for k in range(8):
        n = rng.randint(12, 48)
        x = [rng.gauss(100, 15) for _ in range(n)]
        out.append(("random%d" % k, x, [], 0, k % 2 == 0, ["", "up", "down"][k % 3], None))
    for k in range(6):
        n = rng.randint(20, 40)
        cut = n // 2
        x = [rng.gauss(50, 4) + (12 if i >= cut else 0) for i in range(n)]
        rebase = [cut] if k % 2 else []
        out.append(("shifted%d" % k, x, rebase, 0, True, "down" if k % 3 else "", None))
    for k in range(6):
        n = rng.randint(15, 36)
        slope = rng.choice([-1, 1]) * rng.uniform(0.5, 2.0)
        x = [10 + slope * i + rng.gauss(0, 0.3 if k < 3 else 2.0) for i in range(n)]
        out.append(("trending%d" % k, x, [], 0, k % 2 == 1, "up", None))
    for k in range(6):
        n = rng.randint(18, 40)
        x = [rng.gauss(200, 10) for _ in range(n)]
        for _ in range(2):
            x[rng.randrange(n)] += rng.choice([-1, 1]) * rng.uniform(60, 120)
        out.append(("spikes%d" % k, x, [], 0, k % 2 == 0, "", None))
    for k in range(4):
        # integer counts: ties, equal steps, points on the centre
        n = 24
        x = [float(rng.choice([4, 5, 5, 6, 6, 6, 7, 8])) for _ in range(n)]
        out.append(("ties%d" % k, x, [], 0, True, ["", "up"][k % 2], None))
    for k in range(6):
        n = rng.randint(30, 60)
        x = [rng.gauss(80, 6) for _ in range(n)]
        for i in range(n // 3, n):
            x[i] += 10
        for i in range(2 * n // 3, n):
            x[i] -= 25
        rebase = [n // 3, 2 * n // 3]
        baseline = [0, 8, 12][k % 3]
        target = [None, 60.0, 95.0][k % 3]
        out.append(("rebased%d" % k, x, rebase, baseline, k % 2 == 0,
                    "up" if target is not None or k % 2 else "", target))
    # Hand-made: a mean exactly on some points, and a two-in-three whose
    # third point is on the far side of the centre.
    out.append(("centre0", [10.0, 12.0, 8.0, 10.0, 12.0, 8.0, 10.0, 11.0, 9.0, 10.0, 12.0, 8.0],
                [], 0, True, "", None))
    out.append(("twoofthree0",
                [10.0, 11.0, 9.0, 10.5, 9.5, 10.0, 13.4, 13.4, 8.0, 10.2, 9.8, 10.1, 9.9, 10.0],
                [], 0, False, "up", None))
    out.append(("targets0", [rng.gauss(50, 2) for _ in range(20)], [], 0, True, "down", 45.0))
    out.append(("targets1", [rng.gauss(50, 2) for _ in range(20)], [], 0, True, "down", 50.0))
    # Hand-made (issue 25): trends that cross the centre, with a peak and
    # a trough between two of them, after 12 points that set the limits;
    # and a falling trend inside a shift above the centre.
    base = [11.0 if i % 2 == 0 else 9.0 for i in range(12)]
    crossing = [9.2, 9.4, 9.6, 10.4, 10.6, 10.8, 10.6, 10.4, 10.2, 9.8, 9.6, 9.4, 9.6, 9.8,
                10.2, 10.4, 10.6, 10.8, 9.0]
    for k, improvement in enumerate(["up", "down", ""]):
        out.append(("crossing%d" % k, base + crossing, [], 12, True, improvement, None))
    out.append(("shiftandtrend0", base + [13.0, 12.8, 12.6, 12.4, 12.2, 12.0, 11.8, 9.0], [], 12,
                True, "up", None))
    return out


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    rng = random.Random(20261201)
    all_series = series(rng)
    with open(folder + "/spc_reference.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "screen", "baseline", "rebase", "improvement", "target", "i",
                    "value", "mean", "lower", "upper", "near_lower", "near_upper", "rule",
                    "variation", "assurance"])
        for name, x, rebase, baseline, screen, improvement, target in all_series:
            for row in chart(x, rebase, baseline, screen, improvement, target):
                i, v, mean, lo, hi, nlo, nhi, rule, var, asr = row
                w.writerow([name, int(screen), baseline, ";".join(map(str, rebase)), improvement,
                            "" if target is None else repr(target), i, repr(v), repr(mean),
                            repr(lo), repr(hi), repr(nlo), repr(nhi), rule, var, asr])
    print("%d series" % len(all_series))


if __name__ == "__main__":
    main()
