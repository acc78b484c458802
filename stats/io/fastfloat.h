/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fastfloat.h (internal): decimal text to double, exactly, for the common
 * cases; not part of the API, so not exported from libforcestat.so. */
#ifndef FORCESTAT_FASTFLOAT_H
#define FORCESTAT_FASTFLOAT_H

#include <stddef.h>

#include "distance.h" /* FS_HIDDEN */

/* s[0..n): [+-]digits[.digits][(e|E)[+-]digits], at least one digit
 * before the exponent.  Sets *out to the double strtod would give and
 * returns 1, for a result that is zero or a normal double above the
 * smallest binade; returns 0 (and leaves *out) for anything else: more
 * than 19 significant digits, a result strtod would flag as a range
 * error or one this cannot be sure of, text outside that form.  The
 * caller then uses strtod. */
FS_HIDDEN int fs_fast_decimal(const char *s, size_t n, double *out);

#endif
