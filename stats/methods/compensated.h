/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compensated.h (internal): compensated summation shared by the modules
 * whose sums are checked against published totals or exact arithmetic. */
#ifndef FORCESTAT_COMPENSATED_H
#define FORCESTAT_COMPENSATED_H

#include <math.h>

/* A running sum and its compensation term. */
typedef struct csum {
    double s, c;
} csum_t;

/* Neumaier's improvement of Kahan summation (Neumaier 1974): the rounding
 * error of each addition is kept in c, whichever operand is larger. */
static inline void csum_add(csum_t *a, double x)
{
    double t = a->s + x;
    if (fabs(a->s) >= fabs(x))
        a->c += (a->s - t) + x;
    else
        a->c += (x - t) + a->s;
    a->s = t;
}

static inline double csum_value(const csum_t *a)
{
    return a->s + a->c;
}

#endif
