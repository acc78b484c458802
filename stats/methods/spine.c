/* SPDX-License-Identifier: GPL-3.0-or-later */
/* spine.c: one row of a spine chart (see spine.h). */
#include "forcestat/spine.h"

#include <float.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

static int ascending(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* GSL's quantile is R's type 7, and interpolates as R does, (1 - h) x[lo] +
 * h x[lo + 1]; at p = 1 it reads only the last value.  It returns 0 for
 * no values, which would look like a result: NaN here. */
double fs_quantile7(const double *sorted, size_t n, double p)
{
    return n == 0 ? NAN : gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

/* Where x sits on the row, before any mirroring. */
static double place(double x, double centre, double half)
{
    if (isnan(x))
        return NAN;
    return half > 0 ? 0.5 + (x - centre) / (2.0 * half) : 0.5;
}

fs_status_t fs_spine_compute(const double *x, size_t n, double centre, double value,
                             fs_spine_orientation_t orientation, fs_spine_row_t *out,
                             fs_error_t *err)
{
    if (orientation != FS_SPINE_NEUTRAL && orientation != FS_SPINE_HIGHER_BETTER &&
        orientation != FS_SPINE_LOWER_BETTER)
        return fs_error_set(err, FS_EINVAL, "unknown spine orientation %d", (int)orientation);
    if (!isfinite(centre))
        return fs_error_set(err, FS_EDOM, "a spine row needs a finite centre");
    if (isinf(value))
        return fs_error_set(err, FS_EDOM, "a spine row's value must be finite (or NaN for none)");
    for (size_t i = 0; i < n; i++)
        if (isinf(x[i]))
            return fs_error_set(err, FS_EDOM, "value %zu of the spine row is infinite", i + 1);
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (v == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isnan(x[i]))
            v[m++] = x[i];
    }
    if (m < 2) {
        free(v);
        return fs_error_set(err, FS_EDOM, "a spine row needs at least 2 values, got %zu", m);
    }
    qsort(v, m, sizeof *v, ascending);
    out->n = m;
    out->lowest = v[0];
    out->highest = v[m - 1];
    out->q1 = fs_quantile7(v, m, 0.25);
    out->q3 = fs_quantile7(v, m, 0.75);
    free(v);
    out->centre = centre;
    out->value = value;
    out->orientation = orientation;
    double half = fmax(fabs(out->lowest - centre), fabs(out->highest - centre));
    if (!isfinite(half) || (!isnan(value) && !isfinite(value - centre)))
        return fs_error_set(err, FS_EDOM,
                            "the spine row's spread about its centre is beyond double precision "
                            "(over %g)",
                            DBL_MAX);
    double *at[] = {&out->at_lowest, &out->at_q1, &out->at_q3, &out->at_highest, &out->at_value};
    const double from[] = {out->lowest, out->q1, out->q3, out->highest, value};
    for (size_t k = 0; k < 5; k++) {
        double p = place(from[k], centre, half);
        *at[k] = orientation == FS_SPINE_LOWER_BETTER && !isnan(p) ? 1.0 - p : p;
    }
    out->left = fmin(out->at_lowest, out->at_highest);
    out->right = fmax(out->at_lowest, out->at_highest);
    out->box_left = fmin(out->at_q1, out->at_q3);
    out->box_right = fmax(out->at_q1, out->at_q3);
    return FS_OK;
}
