/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fastfloat.h (internal): decimal text to double, exactly, for the common
 * cases; not part of the API, so not exported from libforcestat.so. */
#ifndef FORCESTAT_FASTFLOAT_H
#define FORCESTAT_FASTFLOAT_H

#include <stddef.h>
#include <stdint.h>

#include "distance.h" /* FS_HIDDEN */

/* 5^q ~= (hi * 2^64 + lo) * 2^e, the 128-bit value in [2^127, 2^128)
 * within 1 of the true one, exact when `exact` is 1 (pow5_table.h, made
 * by scripts/gen_pow5_table.py), for q in [FS_POW5_LOW, FS_POW5_HIGH]. */
#define FS_POW5_LOW (-342)
#define FS_POW5_HIGH 308
typedef struct fs_pow5 {
    uint64_t hi, lo;
    int16_t e;
    uint8_t exact;
} fs_pow5_t;

/* The entry of 5^q, or NULL outside the table. */
FS_HIDDEN const fs_pow5_t *fs_pow5_entry(int q);

/* x[2]:x[1]:x[0] = m * (t->hi * 2^64 + t->lo), all 192 bits (where the
 * compiler has 128-bit integers; elsewhere x is zero, and nothing calls
 * it: fs_fast_decimal answers 0 and printing asks printf). */
FS_HIDDEN void fs_pow5_multiply(uint64_t m, const fs_pow5_t *t, uint64_t *x);

/* s[0..n): [+-]digits[.digits][(e|E)[+-]digits], at least one digit
 * before the exponent.  Sets *out to the double strtod would give and
 * returns 1, for a result that is zero or a normal double above the
 * smallest binade; returns 0 (and leaves *out) for anything else: more
 * than 19 significant digits, a result strtod would flag as a range
 * error or one this cannot be sure of, text outside that form.  The
 * caller then uses strtod. */
FS_HIDDEN int fs_fast_decimal(const char *s, size_t n, double *out);

#endif
