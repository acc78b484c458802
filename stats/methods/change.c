/* SPDX-License-Identifier: GPL-3.0-or-later */
/* change.c: the change between two periods (change.h). */
#include "forcestat/change.h"

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/intervals.h"

#define FS_PI 3.14159265358979323846

/* The inverted intervals' p-values: z* is bracketed in [0, Z_MAX]; past
 * Z_MAX, where 2 (1 - Phi(z)) is below 1.2e-299 (and soon below the
 * smallest double), p is reported as 0 (change.h). */
#define Z_MAX 37.0
#define Z_BISECTION_MAX_STEPS 200
/* The exact test's binomial sums: at most this many terms a tail. */
#define BINOMIAL_MAX_TERMS 100000000L

static int whole(double x)
{
    return isfinite(x) && x >= 0.0 && floor(x) == x;
}

static fs_status_t check_level(double level, fs_error_t *err)
{
    if (!(level > 0.0 && level < 1.0))
        return fs_error_set(err, FS_EINVAL, "the level must be strictly between 0 and 1");
    return FS_OK;
}

static void not_defined(fs_contrast_t *out)
{
    out->defined = FS_NOT_DEFINED;
    out->estimate = out->lower = out->upper = 0.0;
    out->p_value = 1.0;
}

static fs_status_t check_proportions(const fs_two_periods_t *x, fs_error_t *err)
{
    if (!whole(x->count1) || !whole(x->base1) || !whole(x->count2) || !whole(x->base2))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "counts and trials must be whole numbers >= 0");
    if (x->base1 == 0.0 || x->base2 == 0.0)
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_DENOMINATOR, FS_ERROR_NO_INDEX,
                              "the number of trials must be at least 1 in each period");
    if (x->count1 > x->base1 || x->count2 > x->base2)
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "a count exceeds its trials");
    return FS_OK;
}

static fs_status_t check_rates(const fs_two_periods_t *x, fs_error_t *err)
{
    if (!(isfinite(x->count1) && x->count1 >= 0.0 && isfinite(x->count2) && x->count2 >= 0.0))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "counts must be numbers >= 0");
    if (!(isfinite(x->base1) && x->base1 > 0.0 && isfinite(x->base2) && x->base2 > 0.0))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_DENOMINATOR, FS_ERROR_NO_INDEX,
                              "populations must be numbers > 0");
    return FS_OK;
}

/* The Wilson score interval of k of n at the normal quantile z (Wilson
 * 1927), written as intervals.c writes it: centre (k + z^2/2) / (n + z^2),
 * half-width z sqrt(k (1 - k/n) + z^2/4) / (n + z^2); at z = 0 it is the
 * point k / n. */
static void wilson(double k, double n, double z, double *lo, double *hi)
{
    double z2 = z * z, denom = n + z2, p = k / n;
    double centre = (k + z2 / 2.0) / denom;
    double half = z * sqrt(k * (1.0 - p) + z2 / 4.0) / denom;
    *lo = k == 0.0 ? 0.0 : centre - half;
    *hi = k == n ? 1.0 : centre + half;
}

/* Newcombe's interval for p2 - p1 at z: the distances below and above d. */
static void newcombe(const fs_two_periods_t *x, double z, double *below, double *above)
{
    double p1 = x->count1 / x->base1, p2 = x->count2 / x->base2;
    double l1, u1, l2, u2;
    wilson(x->count1, x->base1, z, &l1, &u1);
    wilson(x->count2, x->base2, z, &l2, &u2);
    *below = hypot(p2 - l2, u1 - p1);
    *above = hypot(u2 - p2, p1 - l1);
}

/* A difference and its interval at z, as distances from the estimate. */
typedef struct moving_interval {
    const fs_two_periods_t *force, *rest; /* rest NULL: Newcombe on force alone */
} moving_interval_t;

static double estimate_of(const moving_interval_t *m)
{
    const fs_two_periods_t *f = m->force;
    double d = f->count2 / f->base2 - f->count1 / f->base1;
    if (m->rest != NULL)
        d -= m->rest->count2 / m->rest->base2 - m->rest->count1 / m->rest->base1;
    return d;
}

/* The distances below and above the estimate at z: Newcombe's, or MOVER
 * on two of them (Zou and Donner 2008: the force's lower distance
 * with the rest's upper, and the reverse). */
static void distances(const moving_interval_t *m, double z, double *below, double *above)
{
    double fb, fa;
    newcombe(m->force, z, &fb, &fa);
    if (m->rest == NULL) {
        *below = fb;
        *above = fa;
        return;
    }
    double rb, ra;
    newcombe(m->rest, z, &rb, &ra);
    *below = hypot(fb, ra);
    *above = hypot(fa, rb);
}

/* The p-value of the test an interval built at z inverts: the z* at which
 * the bound nearer 0 reaches 0, by bisection (both distances grow with z:
 * each Wilson bound moves away from its estimate), and 2 (1 - Phi(z*)). */
static double inverted_p(const moving_interval_t *m, double d)
{
    if (d == 0.0)
        return 1.0;
    double lo = 0.0, hi = Z_MAX, below, above;
    distances(m, hi, &below, &above);
    if (d > 0.0 ? d - below > 0.0 : d + above < 0.0)
        return 0.0; /* the interval excludes 0 even at Z_MAX */
    for (int i = 0; i < Z_BISECTION_MAX_STEPS; i++) {
        double mid = 0.5 * (lo + hi);
        if (!(mid > lo && mid < hi))
            break;
        distances(m, mid, &below, &above);
        int excludes = d > 0.0 ? d - below > 0.0 : d + above < 0.0;
        if (excludes)
            lo = mid;
        else
            hi = mid;
    }
    return 2.0 * gsl_cdf_ugaussian_Q(0.5 * (lo + hi));
}

static void moving_contrast(const moving_interval_t *m, double level, fs_contrast_t *out)
{
    double z = gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
    double d = estimate_of(m), below, above;
    distances(m, z, &below, &above);
    out->defined = FS_DEFINED;
    out->estimate = d;
    out->lower = d - below;
    out->upper = d + above;
    out->p_value = inverted_p(m, d);
}

fs_status_t fs_change_proportion(const fs_two_periods_t *x, double level, fs_contrast_t *out,
                                 fs_error_t *err)
{
    fs_status_t st = check_proportions(x, err);
    if (st == FS_OK)
        st = check_level(level, err);
    if (st != FS_OK)
        return st;
    moving_interval_t m = {x, NULL};
    moving_contrast(&m, level, out);
    return FS_OK;
}

/* The rest of England and Wales: total minus force, period by period. */
static fs_status_t rest_of(const fs_two_periods_t *force, const fs_two_periods_t *total,
                           fs_two_periods_t *rest, fs_error_t *err)
{
    if (force->count1 > total->count1 || force->count2 > total->count2 ||
        force->base1 > total->base1 || force->base2 > total->base2)
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "a force's figure exceeds England and Wales's");
    rest->count1 = total->count1 - force->count1;
    rest->base1 = total->base1 - force->base1;
    rest->count2 = total->count2 - force->count2;
    rest->base2 = total->base2 - force->base2;
    if (!(rest->base1 > 0.0 && rest->base2 > 0.0))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_DENOMINATOR, FS_ERROR_NO_INDEX,
                              "England and Wales without the force has nothing left in a "
                              "period");
    return FS_OK;
}

/* The checks both comparisons with the rest of England and Wales make:
 * the force's and the total's figures (check), the level, then the rest. */
static fs_status_t against_rest(fs_status_t (*check)(const fs_two_periods_t *, fs_error_t *),
                                const fs_two_periods_t *force, const fs_two_periods_t *total,
                                double level, fs_two_periods_t *rest, fs_error_t *err)
{
    fs_status_t st = check(force, err);
    if (st == FS_OK)
        st = check(total, err);
    if (st == FS_OK)
        st = check_level(level, err);
    if (st == FS_OK)
        st = rest_of(force, total, rest, err);
    return st;
}

fs_status_t fs_change_proportion_against_rest(const fs_two_periods_t *force,
                                              const fs_two_periods_t *total, double level,
                                              fs_contrast_t *out, fs_error_t *err)
{
    fs_two_periods_t rest = {0}; /* set by against_rest; zeroed so no path reads it unset */
    fs_status_t st = against_rest(check_proportions, force, total, level, &rest, err);
    if (st != FS_OK)
        return st;
    moving_interval_t m = {force, &rest};
    moving_contrast(&m, level, out);
    return FS_OK;
}

/* log Gamma(n + 1) - ((n + 1/2) log n - n + log(2 pi) / 2): the error of
 * Stirling's formula, by its series above 15 (C. Loader, "Fast and
 * accurate computation of binomial probabilities", 2000). */
static double stirling_error(double n)
{
    if (n <= 15.0)
        return gsl_sf_lngamma(n + 1.0) - (n + 0.5) * log(n) + n - 0.5 * log(2.0 * FS_PI);
    double n2 = n * n;
    return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0) / n2) / n2) / n2) / n;
}

/* The deviance x log(x / m) + m - x, by its series near m, where the
 * plain form cancels (Loader 2000: with v = (x - m) / (x + m), it
 * is (x - m) v + 2 x (v^3 / 3 + v^5 / 5 + ...)). */
static double deviance(double x, double m)
{
    if (fabs(x - m) >= 0.1 * (x + m))
        return x * log(x / m) + m - x;
    double v = (x - m) / (x + m), s = (x - m) * v, ej = 2.0 * x * v;
    for (int j = 1; j < 1000; j++) {
        ej *= v * v;
        double next = s + ej / (double)(2 * j + 1);
        if (next == s)
            break;
        s = next;
    }
    return s;
}

/* P(X = k) for X binomial(n, p), q = 1 - p given apart, by Loader's
 * saddle-point form (2000): exact to a few units in the last
 * place for any n a double holds, where the logs of factorials lose
 * every digit. */
static double binomial_pmf(double k, double n, double p, double q)
{
    if (k == 0.0)
        return exp(n * log1p(-p));
    if (k == n)
        return exp(n * log(p));
    double lc = stirling_error(n) - stirling_error(k) - stirling_error(n - k) - deviance(k, n * p) -
                deviance(n - k, n * q);
    return exp(lc) * sqrt(n / (2.0 * FS_PI * k * (n - k)));
}

/* P(X >= k) (up != 0) or P(X <= k) for X binomial(n, p), summed from k
 * away from the mode, term from term (each the last times (n - j) / (j +
 * 1) p / q or its inverse), until the terms no longer count.  Only the
 * tail away from the mode is summed; NaN past BINOMIAL_MAX_TERMS. */
static double binomial_far_tail(double k, double n, double p, double q, int up)
{
    double term = binomial_pmf(k, n, p, q), sum = term, j = k;
    for (long i = 0; i < BINOMIAL_MAX_TERMS; i++) {
        if (up ? j >= n : j <= 0.0)
            return sum;
        term *= up ? (n - j) / (j + 1.0) * (p / q) : j / (n - j + 1.0) * (q / p);
        j += up ? 1.0 : -1.0;
        sum += term;
        if (term <= 1e-17 * sum)
            return sum;
    }
    return NAN;
}

/* The central exact conditional p-value: min(1, 2 min of the tails) of
 * count2 in binomial(T, base2 / (base1 + base2)). */
static double exact_conditional_p(const fs_two_periods_t *x)
{
    double n = x->count1 + x->count2, k = x->count2;
    double p = x->base2 / (x->base1 + x->base2), q = x->base1 / (x->base1 + x->base2);
    double mode = floor((n + 1.0) * p);
    int up = k >= mode;
    double far = binomial_far_tail(k, n, p, q, up);
    double near = 1.0 - far + binomial_pmf(k, n, p, q);
    double tail = fmin(far, near);
    return isnan(far) ? NAN : fmin(1.0, 2.0 * tail);
}

/* small / (1 - small) from the bound of count2 and that of count1, which
 * are complements: the smaller one serves, the other is 1 minus it. */
static double odds(double of_count2, double of_count1)
{
    return of_count2 < 0.5 ? of_count2 / (1.0 - of_count2) : (1.0 - of_count1) / of_count1;
}

static fs_status_t exact_ratio(const fs_two_periods_t *x, double level, fs_contrast_t *out,
                               fs_error_t *err)
{
    if (!whole(x->count1) || !whole(x->count2))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "the exact rate ratio needs whole counts");
    double total = x->count1 + x->count2;
    if (total > FS_CHANGE_EXACT_MAX_TOTAL)
        return fs_error_raise(err, FS_ELIMIT, FS_REASON_BEYOND_LIMIT, FS_ERROR_NO_INDEX,
                              "the exact rate ratio is computed for totals up to %g (got %.17g)",
                              FS_CHANGE_EXACT_MAX_TOTAL, total);
    fs_interval_t c2, c1;
    fs_status_t st = fs_proportion_ci(x->count2, total, FS_CI_CLOPPER_PEARSON, level, 0, &c2, err);
    if (st == FS_OK)
        st = fs_proportion_ci(x->count1, total, FS_CI_CLOPPER_PEARSON, level, 0, &c1, err);
    if (st != FS_OK)
        return st;
    double scale = x->base1 / x->base2;
    out->p_value = exact_conditional_p(x);
    out->lower = odds(c2.lower, c1.upper) * scale;
    if (x->count1 == 0.0) {
        out->defined = FS_UNBOUNDED_ABOVE;
        out->estimate = out->upper = 0.0;
    } else {
        out->defined = FS_DEFINED;
        out->estimate = x->count2 / x->count1 * scale;
        out->upper = odds(c2.upper, c1.lower) * scale;
    }
    if (isnan(out->p_value))
        return fs_error_set(err, FS_ELIMIT,
                            "the exact test's binomial sum did not end within "
                            "%ld terms",
                            BINOMIAL_MAX_TERMS);
    return FS_OK;
}

/* exp(log r -/+ z se): Katz's interval and its Wald p-value. */
static void log_interval(double log_r, double se, double z, fs_contrast_t *out)
{
    out->defined = FS_DEFINED;
    out->estimate = exp(log_r);
    out->lower = exp(log_r - z * se);
    out->upper = exp(log_r + z * se);
    out->p_value = 2.0 * gsl_cdf_ugaussian_Q(fabs(log_r) / se);
}

static fs_status_t finite_or_edom(const fs_contrast_t *out, fs_error_t *err)
{
    if (isfinite(out->estimate) && isfinite(out->lower) && isfinite(out->upper))
        return FS_OK;
    return fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, FS_ERROR_NO_INDEX,
                          "the contrast or its interval is beyond double precision (over %g)",
                          DBL_MAX);
}

fs_status_t fs_change_rate_ratio(const fs_two_periods_t *x, fs_rate_ratio_method_t method,
                                 double level, fs_contrast_t *out, fs_error_t *err)
{
    fs_status_t st = check_rates(x, err);
    if (st == FS_OK)
        st = check_level(level, err);
    if (st != FS_OK)
        return st;
    if (method != FS_RATE_RATIO_EXACT && method != FS_RATE_RATIO_KATZ)
        return fs_error_set(err, FS_EINVAL, "unknown rate ratio method");
    if (x->count1 == 0.0 && x->count2 == 0.0) {
        not_defined(out);
        return FS_OK;
    }
    if (method == FS_RATE_RATIO_EXACT) {
        st = exact_ratio(x, level, out, err);
        return st == FS_OK ? finite_or_edom(out, err) : st;
    }
    if (x->count1 == 0.0 || x->count2 == 0.0) {
        not_defined(out);
        return FS_OK;
    }
    double z = gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
    double log_r = log(x->count2) - log(x->base2) - log(x->count1) + log(x->base1);
    log_interval(log_r, sqrt(1.0 / x->count1 + 1.0 / x->count2), z, out);
    return finite_or_edom(out, err);
}

fs_status_t fs_change_rate_difference(const fs_two_periods_t *x, double per, double level,
                                      fs_contrast_t *out, fs_error_t *err)
{
    fs_status_t st = check_rates(x, err);
    if (st == FS_OK)
        st = check_level(level, err);
    if (st != FS_OK)
        return st;
    if (!(isfinite(per) && per > 0.0))
        return fs_error_set(err, FS_EINVAL, "per must be a number > 0");
    if (x->count1 == 0.0 && x->count2 == 0.0) {
        not_defined(out);
        return FS_OK;
    }
    double r1 = x->count1 / x->base1, r2 = x->count2 / x->base2;
    /* r / base, not count / base^2: base^2 overflows past 1.3e154. */
    double se = per * sqrt(r1 / x->base1 + r2 / x->base2);
    double z = gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
    out->defined = FS_DEFINED;
    out->estimate = (r2 - r1) * per;
    out->lower = out->estimate - z * se;
    out->upper = out->estimate + z * se;
    out->p_value = se > 0.0 ? 2.0 * gsl_cdf_ugaussian_Q(fabs(out->estimate) / se) : 1.0;
    if (!(se > 0.0)) /* the variance underflowed: no test */
        not_defined(out);
    return finite_or_edom(out, err);
}

fs_status_t fs_change_rate_against_rest(const fs_two_periods_t *force,
                                        const fs_two_periods_t *total, double level,
                                        fs_contrast_t *out, fs_error_t *err)
{
    fs_two_periods_t rest = {0}; /* set by against_rest; zeroed so no path reads it unset */
    fs_status_t st = against_rest(check_rates, force, total, level, &rest, err);
    if (st != FS_OK)
        return st;
    if (force->count1 == 0.0 || force->count2 == 0.0 || rest.count1 == 0.0 || rest.count2 == 0.0) {
        not_defined(out);
        return FS_OK;
    }
    double log_force =
        log(force->count2) - log(force->base2) - log(force->count1) + log(force->base1);
    double log_rest = log(rest.count2) - log(rest.base2) - log(rest.count1) + log(rest.base1);
    double se =
        sqrt(1.0 / force->count1 + 1.0 / force->count2 + 1.0 / rest.count1 + 1.0 / rest.count2);
    double z = gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
    log_interval(log_force - log_rest, se, z, out);
    return finite_or_edom(out, err);
}

fs_verdict_t fs_contrast_verdict(const fs_contrast_t *c, double null_value)
{
    if (c->defined == FS_NOT_DEFINED)
        return FS_VERDICT_NOT_DEFINED;
    if (c->lower > null_value)
        return FS_VERDICT_INCREASE;
    if (c->defined == FS_DEFINED && c->upper < null_value)
        return FS_VERDICT_DECREASE;
    return FS_VERDICT_NO_CHANGE;
}

fs_verdict_t fs_contrast_verdict_adjusted(const fs_contrast_t *c, double null_value,
                                          double adjusted_p, double level)
{
    if (c->defined == FS_NOT_DEFINED)
        return FS_VERDICT_NOT_DEFINED;
    if (!(adjusted_p < 1.0 - level))
        return FS_VERDICT_NO_CHANGE;
    if (c->defined == FS_UNBOUNDED_ABOVE || c->estimate > null_value)
        return FS_VERDICT_INCREASE;
    return c->estimate < null_value ? FS_VERDICT_DECREASE : FS_VERDICT_NO_CHANGE;
}

const char *fs_verdict_name(fs_verdict_t verdict)
{
    switch (verdict) {
    case FS_VERDICT_NO_CHANGE: return "no significant change";
    case FS_VERDICT_INCREASE: return "significant increase";
    case FS_VERDICT_DECREASE: return "significant decrease";
    case FS_VERDICT_NOT_DEFINED: return "not defined";
    }
    return "unknown";
}

/* A funnel of changes' centre y0 and standard error at `size`, on the
 * difference's scale (proportions) or the log ratio's (rates), after
 * checking national and the size (fs_change_funnel_limits's errors but
 * the level's). */
static fs_status_t funnel_centre(const fs_two_periods_t *national, int is_rate, double size,
                                 double *centre, double *se, fs_error_t *err)
{
    fs_status_t st = is_rate ? check_rates(national, err) : check_proportions(national, err);
    if (st != FS_OK)
        return st;
    if (!(isfinite(size) && size > 0.0))
        return fs_error_set(err, FS_EINVAL, "the size must be a number > 0");
    double a = national->count1 / national->base1, b = national->count2 / national->base2;
    if (!is_rate) {
        /* Two independent proportions, each of `size` trials. */
        *se = sqrt((a * (1.0 - a) + b * (1.0 - b)) / size);
        *centre = b - a;
        return FS_OK;
    }
    if (national->count1 == 0.0 || national->count2 == 0.0)
        return fs_error_set(err, FS_EDOM, "a rate ratio's funnel needs counts above 0");
    /* The log rate ratio at the expected counts of a force of `size`. */
    *se = sqrt(1.0 / (a * size) + 1.0 / (b * size));
    *centre = log(b) - log(a);
    return FS_OK;
}

fs_status_t fs_change_funnel_limits(const fs_two_periods_t *national, int is_rate, double size,
                                    double level, double *lower, double *upper, fs_error_t *err)
{
    return fs_change_funnel_limits_adjusted(national, is_rate, size, level, NULL, lower, upper,
                                            err);
}

fs_status_t fs_change_funnel_limits_adjusted(const fs_two_periods_t *national, int is_rate,
                                             double size, double level,
                                             const fs_change_dispersion_t *disp, double *lower,
                                             double *upper, fs_error_t *err)
{
    double centre = 0.0, se = 0.0;
    fs_status_t st = funnel_centre(national, is_rate, size, &centre, &se, err);
    if (st == FS_OK)
        st = check_level(level, err);
    if (st != FS_OK)
        return st;
    double z = gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
    double half = z * se;
    if (disp != NULL && disp->method == FS_OVERDISPERSION_MULTIPLICATIVE && disp->phi > 1.0)
        half = z * sqrt(disp->phi) * se;
    else if (disp != NULL && disp->method == FS_OVERDISPERSION_ADDITIVE)
        half = z * sqrt(se * se + disp->tau2);
    if (!is_rate) {
        *lower = fmax(-1.0, centre - half);
        *upper = fmin(1.0, centre + half);
        return FS_OK;
    }
    *lower = exp(centre - half);
    *upper = exp(centre + half);
    if (!(isfinite(*lower) && isfinite(*upper)))
        return fs_error_set(err, FS_EDOM, "a funnel limit beyond the largest double");
    return FS_OK;
}

static int cmp_z(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* phi, tau^2 and the test from the m z-scores z[] and weights w[]
 * (fs_change_dispersion_t); z is sorted in place. */
static fs_status_t dispersion_of(double *z, const double *w, size_t m, fs_change_dispersion_t *out,
                                 fs_error_t *err)
{
    double sum_w = 0.0, sum_w2 = 0.0, sum_z2 = 0.0;
    for (size_t i = 0; i < m; i++) {
        sum_w += w[i];
        sum_w2 += w[i] * w[i];
    }
    qsort(z, m, sizeof *z, cmp_z);
    size_t cut = (size_t)floor(0.1 * (double)m);
    double zlo = z[cut], zhi = z[m - 1 - cut];
    for (size_t i = 0; i < m; i++) {
        double zw = fmin(zhi, fmax(zlo, z[i]));
        sum_z2 += zw * zw;
    }
    double dn = (double)m;
    out->phi = sum_z2 / dn;
    double tau2 = (dn * out->phi - (dn - 1.0)) / (sum_w - sum_w2 / sum_w);
    if (!isfinite(out->phi) || !isfinite(sum_w2) || !isfinite(tau2))
        return fs_error_set(err, FS_EDOM,
                            "the over-dispersion (phi %g) is beyond double precision (over %g)",
                            out->phi, DBL_MAX);
    out->tau2 = tau2 > 0.0 ? tau2 : 0.0;
    out->overdispersed = dn * out->phi > gsl_cdf_chisq_Pinv(0.95, dn - 1.0);
    out->n = m;
    return FS_OK;
}

fs_status_t fs_change_funnel_dispersion(const fs_two_periods_t *national, int is_rate,
                                        const double *change, const double *size, size_t n,
                                        fs_overdispersion_t method, fs_change_dispersion_t *out,
                                        fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->method = method;
    if (method != FS_OVERDISPERSION_NONE && method != FS_OVERDISPERSION_MULTIPLICATIVE &&
        method != FS_OVERDISPERSION_ADDITIVE)
        return fs_error_set(err, FS_EINVAL, "unknown over-dispersion adjustment %d", (int)method);
    double *z = malloc((n ? n : 1) * sizeof *z), *w = malloc((n ? n : 1) * sizeof *w);
    fs_status_t st = z == NULL || w == NULL ? fs_error_set(err, FS_ENOMEM, "out of memory") : FS_OK;
    size_t m = 0;
    for (size_t i = 0; i < n && st == FS_OK; i++) {
        double centre = 0.0, se = 0.0;
        st = funnel_centre(national, is_rate, size[i], &centre, &se, err);
        if (st != FS_OK || isnan(change[i]) || (is_rate && !(change[i] > 0.0)))
            continue;
        double y = is_rate ? log(change[i]) : change[i];
        z[m] = (y - centre) / se;
        w[m] = 1.0 / (se * se);
        if (!isfinite(z[m]) || !isfinite(w[m]))
            st = fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, i,
                                "force %zu: its z-score is beyond double precision", i + 1);
        m++;
    }
    if (st == FS_OK && m < 2)
        st = fs_error_set(err, FS_EINVAL, "the over-dispersion needs at least 2 forces' changes");
    if (st == FS_OK)
        st = dispersion_of(z, w, m, out, err);
    free(z);
    free(w);
    return st;
}
