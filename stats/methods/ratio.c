/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ratio.c: a group's rate against a reference group's (ratio.h). */
#include "forcestat/ratio.h"

#include <float.h>
#include <math.h>

static int nonnegative(double x)
{
    return isfinite(x) && x >= 0.0;
}

static fs_status_t check_counts(const fs_group_counts_t *g, fs_error_t *err)
{
    if (!nonnegative(g->count) || !nonnegative(g->reference_count))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "counts must be numbers >= 0");
    if (!nonnegative(g->population) || !nonnegative(g->reference_population))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_DENOMINATOR, FS_ERROR_NO_INDEX,
                              "populations must be numbers >= 0");
    return FS_OK;
}

static fs_status_t beyond_double(fs_error_t *err)
{
    return fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, FS_ERROR_NO_INDEX,
                          "a rate or ratio is beyond double precision (over %g)", DBL_MAX);
}

/* count / population * 1000, or 0 and "not defined" when no one. */
static int rate_per_1000(double count, double population, double *rate)
{
    *rate = population > 0.0 ? count / population * 1000.0 : 0.0;
    return population > 0.0;
}

fs_status_t fs_group_ratio(const fs_group_counts_t *g, fs_rate_ratio_method_t method, double level,
                           fs_group_ratio_t *out, fs_error_t *err)
{
    fs_status_t st = check_counts(g, err);
    if (st != FS_OK)
        return st;
    out->rate_defined = rate_per_1000(g->count, g->population, &out->rate_per_1000);
    out->reference_rate_defined =
        rate_per_1000(g->reference_count, g->reference_population, &out->reference_rate_per_1000);
    if (!isfinite(out->rate_per_1000) || !isfinite(out->reference_rate_per_1000))
        return beyond_double(err);
    /* The reference group is period 1, the group period 2. */
    fs_two_periods_t x = {g->reference_count, g->reference_population, g->count, g->population};
    if (out->rate_defined && out->reference_rate_defined)
        return fs_change_rate_ratio(&x, method, level, &out->ratio, err);
    /* No one in a group: the ratio is not defined, but the arguments are
     * still checked as they would be. */
    x.base1 = x.base2 = 1.0;
    st = fs_change_rate_ratio(&x, method, level, &out->ratio, err);
    out->ratio.defined = FS_NOT_DEFINED;
    out->ratio.estimate = out->ratio.lower = out->ratio.upper = 0.0;
    out->ratio.p_value = 1.0;
    return st;
}

/* (a / p) / (b / q), with its definition: a denominator of 0 makes it
 * unbounded (a > 0) or not defined (a = 0); no one in a group, not
 * defined.  The value is 0 unless defined. */
static fs_definition_t quotient(double a, double p, double b, double q, double *value)
{
    *value = 0.0;
    if (!(p > 0.0 && q > 0.0))
        return FS_NOT_DEFINED;
    if (b == 0.0)
        return a > 0.0 ? FS_UNBOUNDED_ABOVE : FS_NOT_DEFINED;
    /* (a / b) (q / p), so that neither rate alone need be representable. */
    *value = a / b * (q / p);
    return FS_DEFINED;
}

fs_status_t fs_group_ratio_not_stated(const fs_group_counts_t *g, double not_stated,
                                      double stated_total, fs_not_stated_ratio_t *out,
                                      fs_error_t *err)
{
    fs_status_t st = check_counts(g, err);
    if (st != FS_OK)
        return st;
    if (!nonnegative(not_stated) || !nonnegative(stated_total))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "the not-stated and stated counts must be numbers >= 0");
    if (stated_total < g->count + g->reference_count)
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "the stated total (%.17g) is below the two groups' counts",
                              stated_total);
    double c = g->count, p = g->population, r = g->reference_count, q = g->reference_population;
    out->defined = quotient(c, p, r, q, &out->ratio);
    out->low_defined = quotient(c, p, r + not_stated, q, &out->low);
    out->high_defined = quotient(c + not_stated, p, r, q, &out->high);
    /* Shared in proportion: each count times 1 + u / s; with nothing
     * stated there is no proportion to share in. */
    out->rates_defined = p > 0.0 && q > 0.0 && stated_total > 0.0;
    double factor = stated_total > 0.0 ? 1.0 + not_stated / stated_total : 0.0;
    out->rate_per_1000 = out->rates_defined ? c * factor / p * 1000.0 : 0.0;
    out->reference_rate_per_1000 = out->rates_defined ? r * factor / q * 1000.0 : 0.0;
    if (!(isfinite(out->ratio) && isfinite(out->low) && isfinite(out->high) &&
          isfinite(out->rate_per_1000) && isfinite(out->reference_rate_per_1000)))
        return beyond_double(err);
    return FS_OK;
}
