/* SPDX-License-Identifier: GPL-3.0-or-later */
/* funnel.c: Spiegelhalter's funnel plot limits, with over-dispersion. */
#include "forcestat/funnel.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define M_PI_VALUE 3.14159265358979323846

void fs_funnel_options_init(fs_funnel_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->type = FS_FUNNEL_PROPORTION;
    o->per = 1000;
    o->levels[0] = 0.95;
    o->levels[1] = 0.998;
    o->overdispersion = FS_OVERDISPERSION_NONE;
}

const char *fs_overdispersion_name(fs_overdispersion_t o)
{
    switch (o) {
    case FS_OVERDISPERSION_MULTIPLICATIVE: return "multiplicative";
    case FS_OVERDISPERSION_ADDITIVE: return "additive";
    case FS_OVERDISPERSION_NONE: break;
    }
    return "none";
}

/* The reported scale: a proportion as it is, a rate per `per`. */
static double scale_of(const fs_funnel_t *f)
{
    return f->opt.type == FS_FUNNEL_RATE ? f->opt.per : 1.0;
}

/* Standard error of y (per person, or as a proportion) under the target. */
static double se(const fs_funnel_t *f, double denominator)
{
    double spread = f->opt.type == FS_FUNNEL_RATE ? f->theta : f->theta * (1.0 - f->theta);
    double v = spread / denominator;
    /* The variance can underflow (a denominator of 1e305 about a target
     * of 1e-302) or overflow where the SD itself is a double: then the
     * square roots are taken apart. */
    if (!(isnormal(v) && isfinite(v)))
        return sqrt(spread) / sqrt(denominator);
    return sqrt(v);
}

/* log(n!) - log(sqrt(2 pi n) (n/e)^n), the error of Stirling's formula:
 * its asymptotic series for n > 15, and directly from lgamma below, where
 * the terms are small enough to lose nothing (Loader 2000, "Fast and
 * accurate computation of binomial probabilities"). */
static double stirling_error(double n)
{
    if (n <= 15.0) {
        if (n == 0.0)
            return 0.0;
        return gsl_sf_lngamma(n + 1.0) - (n + 0.5) * log(n) + n - 0.5 * log(2.0 * M_PI_VALUE);
    }
    double n2 = n * n;
    return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0) / n2) / n2) / n2) / n;
}

/* x log(x / m) + m - x, the deviance term, without the cancellation the
 * plain formula suffers when x is close to m (Loader 2000). */
static double deviance_term(double x, double m)
{
    if (fabs(x - m) < 0.1 * (x + m)) {
        double v = (x - m) / (x + m);
        double sum = (x - m) * v, ej = 2.0 * x * v;
        for (int j = 1; j < 1000; j++) {
            ej *= v * v;
            double next = sum + ej / (double)(2 * j + 1);
            if (next == sum)
                break;
            sum = next;
        }
        return sum;
    }
    return x * log(x / m) + m - x;
}

/* The log probability of k under the target at the denominator, by
 * Loader's saddle-point formula: accurate to about 1e-15 even for the
 * million-person denominators of the largest forces, where differences
 * of lgamma values would lose nine digits. */
static double log_pmf(const fs_funnel_t *f, double denominator, double k)
{
    double theta = f->theta;
    if (f->opt.type == FS_FUNNEL_RATE) {
        double mu = theta * denominator;
        if (k == 0.0)
            return -mu;
        return -stirling_error(k) - deviance_term(k, mu) - 0.5 * log(2.0 * M_PI_VALUE * k);
    }
    double n = denominator;
    if (k == 0.0)
        return n * log1p(-theta);
    if (k == n)
        return n * log(theta);
    double spread = 2.0 * M_PI_VALUE * k * (n - k);
    /* Past 1e308 / (2 pi k) the product overflows (a denominator of
     * 1e305), and its log is taken term by term. */
    double log_ratio = isfinite(spread) ? log(n / spread)
                                        : log(n) - log(2.0 * M_PI_VALUE * k) - log(n - k);
    return stirling_error(n) - stirling_error(k) - stirling_error(n - k) -
           deviance_term(k, n * theta) - deviance_term(n - k, n * (1.0 - theta)) +
           0.5 * log_ratio;
}

/* The p-quantile r of the count under the target at the denominator,
 * with F(r) and F(r - 1).  The probabilities are summed term by term from
 * 35 standard deviations below the mean (where the lower tail is below
 * 1e-260), the first term by Loader's formula and each next from its
 * neighbour by the ratio of successive probabilities: exact to about
 * 1e-12 for any size.  (GSL's binomial CDF
 * goes through the incomplete beta function, whose continued fraction
 * does not converge for the million-person denominators of the largest
 * forces.) */
/* The sum starts at most 35 SD + 10 below the mean and the quantiles lie
 * within about 40 SD above it, with an SD under EXACT_MAX_SD: a bound on
 * the steps of both loops that no finite input reaches.  Returns -1 (and
 * the caller takes the normal limits) when a term is not finite or the
 * bound is reached. */
#define EXACT_MAX_SD 2000.0
#define COUNT_QUANTILE_MAX_STEPS (100.0 * EXACT_MAX_SD + 1000.0)

static int count_quantile(const fs_funnel_t *f, double denominator, double p, double *r,
                          double *fr, double *fr1)
{
    int rate = f->opt.type == FS_FUNNEL_RATE;
    double theta = f->theta;
    double mean = rate ? theta * denominator : theta * denominator;
    double sd = rate ? sqrt(mean) : sqrt(denominator * theta * (1.0 - theta));
    double k = floor(mean - 35.0 * sd - 10.0);
    if (k < 0)
        k = 0;
    double logpmf = log_pmf(f, denominator, k);
    double odds = theta / (1.0 - theta);
    /* Move up, in logs, to the first term a double can hold; the terms
     * passed over sum to less than 1e-300. */
    double steps = 0.0;
    if (!isfinite(logpmf) && logpmf != -INFINITY)
        return -1;
    while (logpmf < -700.0 && (rate || k < denominator)) {
        if (!isfinite(logpmf) || ++steps > COUNT_QUANTILE_MAX_STEPS)
            return -1;
        logpmf += rate ? log(mean / (k + 1.0)) : log((denominator - k) / (k + 1.0) * odds);
        k += 1.0;
    }
    double pmf = exp(logpmf), cdf = 0.0;
    for (;;) {
        cdf += pmf;
        if (cdf >= p || (!rate && k >= denominator)) {
            *r = k;
            *fr = cdf;
            *fr1 = cdf - pmf;
            return 0;
        }
        if (!isfinite(cdf) || ++steps > COUNT_QUANTILE_MAX_STEPS)
            return -1;
        pmf *= rate ? mean / (k + 1.0) : (denominator - k) / (k + 1.0) * odds;
        k += 1.0;
    }
}

/* Spiegelhalter (2005), appendix: the p-quantile r of the count, then the
 * interpolation alpha = (F(r) - p) / (F(r) - F(r - 1)), and the limit
 * (r - alpha) on the count scale, which makes the limits smooth in the
 * denominator. */
static double exact_limit(const fs_funnel_t *f, double denominator, double p)
{
    double r, fr, fr1;
    if (count_quantile(f, denominator, p, &r, &fr, &fr1) != 0)
        return NAN;
    double alpha = fr > fr1 ? (fr - p) / (fr - fr1) : 0.0;
    return (r - alpha) / denominator;
}

/* Beyond a count standard deviation of EXACT_MAX_SD (2,000) the
 * term-by-term sum would be slow for plotting curves, and the normal
 * limits differ from the exact ones by about a count (the skewness term),
 * under 1e-4 of the limit. */

void fs_funnel_limits(const fs_funnel_t *f, double denominator, double level, double *lower,
                      double *upper)
{
    double tail = (1.0 - level) / 2.0;
    double z = gsl_cdf_ugaussian_Qinv(tail);
    double s = se(f, denominator);
    double lo, hi;
    if (f->opt.overdispersion == FS_OVERDISPERSION_MULTIPLICATIVE && f->phi > 1.0) {
        lo = f->theta - z * sqrt(f->phi) * s;
        hi = f->theta + z * sqrt(f->phi) * s;
    } else if (f->opt.overdispersion == FS_OVERDISPERSION_ADDITIVE) {
        double sd = sqrt(s * s + f->tau2);
        lo = f->theta - z * sd;
        hi = f->theta + z * sd;
    } else if (s * denominator < EXACT_MAX_SD &&
               !isnan(lo = exact_limit(f, denominator, tail)) &&
               !isnan(hi = exact_limit(f, denominator, 1.0 - tail))) {
        /* the exact limits */
    } else {
        lo = f->theta - z * s;
        hi = f->theta + z * s;
    }
    if (lo < 0)
        lo = 0;
    if (f->opt.type == FS_FUNNEL_PROPORTION && hi > 1)
        hi = 1;
    *lower = lo * scale_of(f);
    *upper = hi * scale_of(f);
}

static double raw_z(const fs_funnel_t *f, double numerator, double denominator)
{
    return (numerator / denominator - f->theta) / se(f, denominator);
}

double fs_funnel_z(const fs_funnel_t *f, double numerator, double denominator)
{
    if (isnan(numerator) || isnan(denominator))
        return NAN;
    double z = raw_z(f, numerator, denominator);
    if (f->opt.overdispersion == FS_OVERDISPERSION_MULTIPLICATIVE && f->phi > 1.0)
        return z / sqrt(f->phi);
    if (f->opt.overdispersion == FS_OVERDISPERSION_ADDITIVE) {
        double s = se(f, denominator);
        return (numerator / denominator - f->theta) / sqrt(s * s + f->tau2);
    }
    return z;
}

double fs_funnel_z_at(const fs_funnel_t *f, double target, double numerator, double denominator)
{
    if (isnan(numerator) || isnan(denominator) || isnan(target))
        return NAN;
    fs_funnel_t g = *f;
    g.theta = target / scale_of(f);
    return raw_z(&g, numerator, denominator);
}

fs_funnel_flag_t fs_funnel_flag(const fs_funnel_t *f, double numerator, double denominator)
{
    if (isnan(numerator) || isnan(denominator))
        return FS_FUNNEL_MISSING;
    double y = numerator / denominator * scale_of(f);
    double lo_in, hi_in, lo_out, hi_out;
    fs_funnel_limits(f, denominator, f->opt.levels[0], &lo_in, &hi_in);
    fs_funnel_limits(f, denominator, f->opt.levels[1], &lo_out, &hi_out);
    if (y > hi_out)
        return FS_FUNNEL_HIGH_OUTER;
    if (y < lo_out)
        return FS_FUNNEL_LOW_OUTER;
    if (y > hi_in)
        return FS_FUNNEL_HIGH_INNER;
    if (y < lo_in)
        return FS_FUNNEL_LOW_INNER;
    return FS_FUNNEL_WITHIN;
}

void fs_funnel_flag_name(const fs_funnel_t *f, fs_funnel_flag_t flag, char *buf, size_t size)
{
    double inner = 100.0 * f->opt.levels[0], outer = 100.0 * f->opt.levels[1];
    switch (flag) {
    case FS_FUNNEL_LOW_OUTER: snprintf(buf, size, "low-%g", outer); break;
    case FS_FUNNEL_LOW_INNER: snprintf(buf, size, "low-%g", inner); break;
    case FS_FUNNEL_WITHIN: snprintf(buf, size, "within"); break;
    case FS_FUNNEL_HIGH_INNER: snprintf(buf, size, "high-%g", inner); break;
    case FS_FUNNEL_HIGH_OUTER: snprintf(buf, size, "high-%g", outer); break;
    case FS_FUNNEL_MISSING: snprintf(buf, size, "missing"); break;
    }
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* Checks every unit with both values for the funnel's type and counts them
 * into out->n, summing their numerators and denominators. */
static fs_status_t funnel_pool(const double *numerator, const double *denominator, size_t n,
                               const fs_funnel_options_t *opt, fs_funnel_t *out, double *sum_num,
                               double *sum_den, fs_error_t *err)
{
    for (size_t i = 0; i < n; i++) {
        double k = numerator[i], d = denominator[i];
        if (isnan(k) || isnan(d))
            continue;
        if (opt->type == FS_FUNNEL_PROPORTION) {
            if (!(d > 0) || k < 0 || k > d || floor(k) != k || floor(d) != d)
                return fs_error_raise(err, FS_EDOM,
                                      !(d > 0) || floor(d) != d ? FS_REASON_BAD_DENOMINATOR
                                                                : FS_REASON_BAD_COUNT,
                                      i, "unit %zu: a proportion needs whole counts with 0 <= "
                                    "numerator <= denominator and denominator > 0",
                                    i + 1);
        } else if (!(d > 0) || k < 0) {
            return fs_error_raise(err, FS_EDOM,
                                  !(d > 0) ? FS_REASON_BAD_DENOMINATOR : FS_REASON_BAD_COUNT, i,
                                  "unit %zu: a rate needs a count >= 0 and a population > 0", i + 1);
        }
        if (!isfinite(k) || !isfinite(d))
            return fs_error_raise(err, FS_EDOM, FS_REASON_NOT_FINITE, i,
                                  "unit %zu: the values must be finite", i + 1);
        if (!isfinite(k / d * (opt->type == FS_FUNNEL_RATE ? opt->per : 1.0)))
            return fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, i,
                                  "unit %zu: the rate %g / %g per %g is beyond double precision "
                                "(over %g)",
                                i + 1, k, d, opt->per, DBL_MAX);
        *sum_num += k;
        *sum_den += d;
        out->n++;
    }
    return FS_OK;
}

/* The over-dispersion of the fit about out->theta: phi, tau^2 and the test
 * of whether the units are over-dispersed. */
static fs_status_t funnel_dispersion(const double *numerator, const double *denominator,
                                     size_t n, fs_funnel_t *out, fs_error_t *err)
{
    /* Over-dispersion from 10% winsorised z-scores (Spiegelhalter 2005b). */
    double *z = malloc(out->n * sizeof *z);
    double *w = malloc(out->n * sizeof *w);
    if (z == NULL || w == NULL) {
        free(z);
        free(w);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(numerator[i]) || isnan(denominator[i]))
            continue;
        double s = se(out, denominator[i]);
        z[m] = raw_z(out, numerator[i], denominator[i]);
        w[m] = 1.0 / (s * s);
        if (!isfinite(z[m])) {
            free(z);
            free(w);
            return fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, i,
                                  "unit %zu: its z-score is beyond double precision (over %g)", i + 1,
                                DBL_MAX);
        }
        m++;
    }
    double *sorted = malloc(m * sizeof *sorted);
    if (sorted == NULL) {
        free(z);
        free(w);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    memcpy(sorted, z, m * sizeof *sorted);
    qsort(sorted, m, sizeof *sorted, cmp_double);
    size_t cut = (size_t)floor(0.1 * (double)m);
    double zlo = sorted[cut], zhi = sorted[m - 1 - cut];
    double sum_z2 = 0, sum_w = 0, sum_w2 = 0;
    for (size_t i = 0; i < m; i++) {
        double zw = z[i] < zlo ? zlo : (z[i] > zhi ? zhi : z[i]);
        sum_z2 += zw * zw;
        sum_w += w[i];
        sum_w2 += w[i] * w[i];
    }
    free(sorted);
    free(z);
    free(w);
    double dn = (double)m;
    out->phi = sum_z2 / dn;
    double excess = dn * out->phi - (dn - 1.0);
    double tau2 = excess / (sum_w - sum_w2 / sum_w);
    if (!isfinite(sum_w) || !isfinite(sum_w2) || !isnormal(sum_w)) {
        /* The weights d / v (v = theta (1 - theta), or theta for rates)
         * pass the largest double (denominators of 1e305 about a target of
         * 1e-302): sum w - sum w^2 / sum w = (dmax / v) (D - D2 / D) with
         * u = d / dmax, D the sum of u and D2 of u^2, and D - D2 / D =
         * 2 sum_{i<j} u_i u_j / D, which loses nothing when one u is 1
         * and the others 1e-303. */
        double v = out->opt.type == FS_FUNNEL_RATE ? out->theta : out->theta * (1.0 - out->theta);
        double dmax = 0.0, sum_u = 0.0, cross = 0.0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(numerator[i]) && !isnan(denominator[i]))
                dmax = fmax(dmax, denominator[i]);
        for (size_t i = 0; i < n; i++) {
            if (isnan(numerator[i]) || isnan(denominator[i]))
                continue;
            double u = denominator[i] / dmax;
            cross += u * sum_u;
            sum_u += u;
        }
        tau2 = excess * v / dmax / (2.0 * cross / sum_u);
    }
    if (!isfinite(out->phi) || isnan(tau2) || !isfinite(tau2 > 0 ? tau2 : 0.0))
        return fs_error_set(err, FS_EDOM,
                            "the over-dispersion (phi %g, tau^2 %g) is beyond double precision "
                            "(over %g)",
                            out->phi, tau2, DBL_MAX);
    out->tau2 = tau2 > 0 ? tau2 : 0.0;
    out->overdispersed = dn * out->phi > gsl_cdf_chisq_Pinv(0.95, dn - 1.0);
    return FS_OK;
}

/* Checks that every unit's outer limits are finite. */
static fs_status_t funnel_check_reach(const double *numerator, const double *denominator,
                                      size_t n, const fs_funnel_t *out, fs_error_t *err)
{
    /* Every unit's outer limits must be finite: the normal ones, widened
     * as the fit says, bound the exact ones. */
    double z_outer = gsl_cdf_ugaussian_Qinv((1.0 - out->opt.levels[1]) / 2.0);
    for (size_t i = 0; i < n; i++) {
        if (isnan(denominator[i]) || isnan(numerator[i]))
            continue;
        double s = se(out, denominator[i]);
        double wide = s * (out->phi > 1.0 ? sqrt(out->phi) : 1.0);
        double sd = sqrt(s * s + out->tau2);
        if (s * s > DBL_MAX - out->tau2)
            sd = INFINITY;
        /* The exact limits lie within 40 SD of the target. */
        double reach = (40.0 + z_outer) * fmax(wide, sd);
        if (!isfinite((out->theta + reach) * scale_of(out)))
            return fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, i,
                                  "unit %zu: its funnel limits are beyond double precision (over "
                                "%g)",
                                i + 1, DBL_MAX);
    }
    return FS_OK;
}

fs_status_t fs_funnel_fit(const double *numerator, const double *denominator, size_t n,
                          const fs_funnel_options_t *opt, fs_funnel_t *out, fs_error_t *err)
{
    fs_funnel_options_t defaults;
    if (opt == NULL) {
        fs_funnel_options_init(&defaults);
        opt = &defaults;
    }
    memset(out, 0, sizeof *out);
    if (opt->type != FS_FUNNEL_PROPORTION && opt->type != FS_FUNNEL_RATE)
        return fs_error_set(err, FS_EINVAL, "unknown funnel type %d", (int)opt->type);
    if (opt->overdispersion != FS_OVERDISPERSION_NONE &&
        opt->overdispersion != FS_OVERDISPERSION_MULTIPLICATIVE &&
        opt->overdispersion != FS_OVERDISPERSION_ADDITIVE)
        return fs_error_set(err, FS_EINVAL, "unknown over-dispersion adjustment %d",
                            (int)opt->overdispersion);
    if (opt->has_target && !isfinite(opt->target))
        return fs_error_set(err, FS_EINVAL, "the target must be finite");
    out->opt = *opt;
    if (opt->type == FS_FUNNEL_PROPORTION)
        out->opt.per = 1.0;
    else if (!(opt->per > 0))
        return fs_error_set(err, FS_EINVAL, "--per must be > 0");
    if (!(opt->levels[0] > 0 && opt->levels[0] < opt->levels[1] && opt->levels[1] < 1))
        return fs_error_set(err, FS_EINVAL,
                            "the limits must be two levels, increasing, strictly between 0 and "
                            "100 percent");
    double sum_num = 0, sum_den = 0;
    fs_status_t st = funnel_pool(numerator, denominator, n, opt, out, &sum_num, &sum_den, err);
    if (st != FS_OK)
        return st;
    if (out->n < 2)
        return fs_error_raise(err, FS_EDOM, FS_REASON_TOO_FEW, FS_ERROR_NO_INDEX,
                              "a funnel needs at least 2 units with both values");
    if (!isfinite(sum_num) || !isfinite(sum_den))
        return fs_error_set(err, FS_EDOM,
                            "the pooled numerator or denominator is beyond double precision "
                            "(over %g)",
                            DBL_MAX);
    if (opt->has_target) {
        out->theta = opt->target / (opt->type == FS_FUNNEL_RATE ? opt->per : 1.0);
        if (opt->type == FS_FUNNEL_PROPORTION && !(out->theta > 0 && out->theta < 1))
            return fs_error_set(err, FS_EINVAL, "a target proportion must be strictly between 0 and 1");
        if (opt->type == FS_FUNNEL_RATE && !(out->theta > 0))
            return fs_error_set(err, FS_EINVAL, "a target rate must be > 0");
    } else {
        out->theta = sum_num / sum_den;
        if (!(out->theta > 0) || (opt->type == FS_FUNNEL_PROPORTION && !(out->theta < 1)))
            return fs_error_set(err, FS_EDOM,
                                "the pooled figure is %g: no funnel around 0 or 1", out->theta);
    }
    out->target = out->theta * scale_of(out);
    if ((st = funnel_dispersion(numerator, denominator, n, out, err)) != FS_OK)
        return st;
    return funnel_check_reach(numerator, denominator, n, out, err);
}

double fs_funnel_value(const fs_funnel_t *f, double num, double den)
{
    return num / den * (f->opt.type == FS_FUNNEL_RATE ? f->opt.per : 1);
}
