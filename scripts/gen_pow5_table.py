#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes stats/io/pow5_table.h: for each q in [-342, 308], 5^q as a
128-bit integer T in [2^127, 2^128) and a binary exponent e with
5^q ~= T * 2^e, for the exact decimal-to-double conversion of
stats/io/fastfloat.c (Eisel and Lemire's method).

For q >= 0, T is 5^q shifted to 128 bits: exact while 5^q < 2^128 (q <=
55), truncated above.  For q < 0, T = floor(2^k / 5^-q) with k making it
128 bits.  Either way |T - 5^q * 2^-e| < 1, the only property the
conversion relies on; exact marks the entries with no error at all.

Run from the top of a checkout: python3 scripts/gen_pow5_table.py
"""
import sys

LOW, HIGH = -342, 308
rows = []
for q in range(LOW, HIGH + 1):
    if q >= 0:
        v = 5 ** q
        shift = v.bit_length() - 128
        if shift > 0:
            t, exact = v >> shift, (v & ((1 << shift) - 1)) == 0
        else:
            t, exact = v << -shift, True
        e = shift
    else:
        p = 5 ** -q
        k = 127 + p.bit_length()
        t, exact = (1 << k) // p, False
        e = -k
    assert (1 << 127) <= t < (1 << 128)
    rows.append((q, t >> 64, t & ((1 << 64) - 1), e, exact))

out = open("stats/io/pow5_table.h", "w")
out.write("/* SPDX-License-Identifier: GPL-3.0-or-later */\n")
out.write("/* pow5_table.h: made by scripts/gen_pow5_table.py; do not edit.\n")
out.write(" * Entry q - FS_POW5_LOW: 5^q ~= (hi * 2^64 + lo) * 2^e, the 128-bit\n")
out.write(" * value in [2^127, 2^128), exact when `exact` is 1.\n")
out.write(" * Included by fastfloat.c alone; fastfloat.h has fs_pow5_t and the\n")
out.write(f" * range, FS_POW5_LOW {LOW} to FS_POW5_HIGH {HIGH}. */\n")
out.write("#ifndef FORCESTAT_POW5_TABLE_H\n#define FORCESTAT_POW5_TABLE_H\n\n#include \"fastfloat.h\"\n\n")
out.write("static const fs_pow5_t fs_pow5[] = {\n")
for q, hi, lo, e, exact in rows:
    out.write(f"    {{0x{hi:016x}u, 0x{lo:016x}u, {e}, {int(exact)}}}, /* {q} */\n")
out.write("};\n\n#endif\n")
out.close()
print(f"stats/io/pow5_table.h: {len(rows)} entries", file=sys.stderr)
