/* SPDX-License-Identifier: GPL-3.0-or-later */
/* swilk.h: the Shapiro-Wilk W test of normality, by Royston's algorithm
 * (P. Royston, "Remark AS R94: A remark on algorithm AS 181: The W-test
 * for normality", Applied Statistics 44(4), 1995, 547-551).
 *
 * Contract (status.h): no options, nothing allocated: an fs_swilk_t is a
 * value, unspecified after a failure. */
#ifndef FORCESTAT_SWILK_H
#define FORCESTAT_SWILK_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FS_SWILK_MIN_N 3
#define FS_SWILK_MAX_N 5000

typedef struct fs_swilk {
    size_t n;
    double w; /* the W statistic, in (0, 1] */
    double p; /* its p-value (small W: evidence against normality) */
} fs_swilk_t;

/* Tests the n values x[0], x[stride], ... (in any order; the data are not
 * modified) for normality.  Errors (FS_EDOM, with a message): n < 3,
 * n > 5000, a non-finite value, or all values equal (W is then
 * undefined).  Agrees with R's shapiro.test, which implements the same
 * algorithm.  One documented convention: where the approximation for
 * 4 <= n <= 11 is undefined (log(1 - W) at or beyond Royston's gamma, W
 * far smaller than normal samples ever give), p is reported as 1e-99,
 * as R does. */
fs_status_t fs_swilk(const double *x, size_t stride, size_t n, fs_swilk_t *out,
                     fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif
