/* SPDX-License-Identifier: GPL-3.0-or-later */
/* intervals.c: binomial proportion and Poisson rate intervals. */
#include "forcestat/intervals.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <string.h>

static const char *const method_names[] = {"wald", "wilson", "agresti-coull", "clopper-pearson",
                                           "jeffreys"};

fs_status_t fs_ci_method_parse(const char *name, fs_ci_method_t *out)
{
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++) {
        if (strcmp(name, method_names[i]) == 0) {
            *out = (fs_ci_method_t)i;
            return FS_OK;
        }
    }
    return FS_EINVAL;
}

const char *fs_ci_method_name(fs_ci_method_t method)
{
    return (unsigned)method < sizeof method_names / sizeof method_names[0] ? method_names[method]
                                                                           : "unknown";
}

const char *fs_ci_method_label(fs_ci_method_t method)
{
    switch (method) {
    case FS_CI_WALD: return "Wald";
    case FS_CI_WILSON: return "Wilson score";
    case FS_CI_AGRESTI_COULL: return "Agresti-Coull";
    case FS_CI_CLOPPER_PEARSON: return "Clopper-Pearson (exact)";
    case FS_CI_JEFFREYS: return "Jeffreys";
    }
    return "unknown";
}

static int whole(double x)
{
    return isfinite(x) && x >= 0.0 && floor(x) == x;
}

static double clip01(double x)
{
    return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
}

/* The continued fraction of I_x(a, b) (DLMF 8.17.22), by the modified
 * Lentz method; it converges fast for x < (a + 1) / (a + b + 2). */
static double beta_fraction(double x, double a, double b)
{
    const double tiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    d = fabs(d) < tiny ? tiny : d;
    d = 1.0 / d;
    double f = d;
    for (int m = 1; m < 200000; m++) {
        double dm = (double)m;
        /* The even step, then the odd. */
        double num = dm * (b - dm) * x / ((a + 2.0 * dm - 1.0) * (a + 2.0 * dm));
        d = 1.0 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        f *= d * c;
        num = -(a + dm) * (a + b + dm) * x / ((a + 2.0 * dm) * (a + 2.0 * dm + 1.0));
        d = 1.0 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        double delta = d * c;
        f *= delta;
        if (fabs(delta - 1.0) < 1e-16)
            break;
    }
    return f;
}

/* The regularised incomplete beta function I_x(a, b), i.e. the beta CDF.
 * GSL's converges for the parameters of small samples; for large ones (a
 * or b in the thousands) its continued fraction runs out of iterations and
 * GSL's error handler would abort the caller, so the library computes it
 * itself: the same fraction, run to convergence, with GSL's careful
 * log beta (its arguments are positive here, so it cannot fail). */
static double beta_cdf(double x, double a, double b)
{
    if (!(x > 0.0))
        return 0.0;
    if (!(x < 1.0))
        return 1.0;
    if (a + b < 2000.0)
        return gsl_sf_beta_inc(a, b, x);
    if (x > (a + 1.0) / (a + b + 2.0))
        return 1.0 - beta_cdf(1.0 - x, b, a);
    double ln_front = a * log(x) + b * log1p(-x) - gsl_sf_lnbeta(a, b);
    return exp(ln_front) * beta_fraction(x, a, b) / a;
}

/* The p-quantile of beta(a, b), by bisection on the CDF.  GSL's own
 * inverse loses accuracy for the parameters of large samples (a, b in the
 * hundreds of thousands), where the distribution is very narrow; bisection
 * to the last bit costs about 60 CDF evaluations and is exact to the
 * accuracy of the CDF.  The bracket is narrowed first to the normal
 * approximation's +/- 12 SD, which always contains the quantile for the
 * probabilities used here. */
static double beta_quantile(double p, double a, double b)
{
    double lo = 0.0, hi = 1.0;
    double mean = a / (a + b);
    double sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1.0)));
    double l = mean - 12.0 * sd, h = mean + 12.0 * sd;
    if (l > 0.0 && beta_cdf(l, a, b) <= p)
        lo = l;
    if (h < 1.0 && beta_cdf(h, a, b) >= p)
        hi = h;
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi)
            break;
        if (beta_cdf(mid, a, b) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

fs_status_t fs_proportion_ci(double k, double n, fs_ci_method_t method, double level,
                             double population, fs_interval_t *out, fs_error_t *err)
{
    if (!whole(k) || !whole(n))
        return fs_error_set(err, FS_EINVAL, "counts must be whole numbers >= 0");
    if (n == 0.0)
        return fs_error_set(err, FS_EINVAL, "the number of trials must be at least 1");
    if (k > n)
        return fs_error_set(err, FS_EINVAL, "successes (%.17g) exceed trials (%.17g)", k, n);
    if (!(level > 0.0 && level < 1.0))
        return fs_error_set(err, FS_EINVAL, "the level must be strictly between 0 and 1");
    if (population != 0.0) {
        if (method != FS_CI_WALD)
            return fs_error_set(err, FS_EINVAL,
                                "the finite population correction is defined here for the "
                                "Wald interval only");
        if (!whole(population) || population < n)
            return fs_error_set(err, FS_EINVAL,
                                "the population must be a whole number no smaller than the "
                                "trials");
    }
    double alpha = 1.0 - level;
    double z = gsl_cdf_ugaussian_Qinv(alpha / 2.0);
    double p = k / n;
    double lo, hi;
    switch (method) {
    case FS_CI_WALD: {
        double se = sqrt(p * (1.0 - p) / n);
        if (population != 0.0)
            se *= population > 1.0 ? sqrt((population - n) / (population - 1.0)) : 0.0;
        lo = p - z * se;
        hi = p + z * se;
        break;
    }
    case FS_CI_WILSON: {
        /* Wilson (1927): invert the score test. */
        double z2 = z * z;
        double denom = 1.0 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
        /* At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); the
         * subtraction would leave a rounding residue of 1e-17. */
        lo = k == 0.0 ? 0.0 : centre - half;
        hi = k == n ? 1.0 : centre + half;
        break;
    }
    case FS_CI_AGRESTI_COULL: {
        double z2 = z * z;
        double nt = n + z2;
        double pt = (k + z2 / 2.0) / nt;
        double se = sqrt(pt * (1.0 - pt) / nt);
        lo = pt - z * se;
        hi = pt + z * se;
        break;
    }
    case FS_CI_CLOPPER_PEARSON:
        lo = k == 0.0 ? 0.0 : beta_quantile(alpha / 2.0, k, n - k + 1.0);
        hi = k == n ? 1.0 : beta_quantile(1.0 - alpha / 2.0, k + 1.0, n - k);
        break;
    case FS_CI_JEFFREYS:
        lo = k == 0.0 ? 0.0 : beta_quantile(alpha / 2.0, k + 0.5, n - k + 0.5);
        hi = k == n ? 1.0 : beta_quantile(1.0 - alpha / 2.0, k + 0.5, n - k + 0.5);
        break;
    default: return fs_error_set(err, FS_EINVAL, "unknown interval method");
    }
    out->estimate = p;
    out->lower = clip01(lo);
    out->upper = clip01(hi);
    out->margin = (out->upper - out->lower) / 2.0;
    return FS_OK;
}

/* Exact Poisson limits for a count o (Garwood 1936) via chi-squared
 * quantiles; the continuous extension serves fractional counts. */
/* The p quantile of Gamma(a, 1): x with P(a, x) = p.  GSL's inverse
 * fails (NaN or inf) for shapes below about 0.5, exactly where a fractional
 * count (0.001, 1e-10) needs it.  There P(a, x) = x^a / Gamma(a + 1)
 * (1 - a x / (a + 1) + ...), so x0 = (p Gamma(a + 1))^(1/a) is a close
 * start (it underflows to 0, the right double, for tiny a), refined by
 * Newton's method on log x. */
/* x with F(x) = p for a CDF (upper: a survival function) of Gamma(a, 1),
 * by bisection: GSL's own inverses can fail to converge at extreme levels
 * and would abort the caller through GSL's error handler, so the library
 * inverts GSL's incomplete gamma functions itself. */
static double gamma_bisect(double p, double a, int upper)
{
    double lo = 0.0, hi = a + 1.0;
    /* Widen until the bracket holds the quantile. */
    for (int i = 0; i < 2000; i++) {
        double f = upper ? gsl_sf_gamma_inc_Q(a, hi) : gsl_sf_gamma_inc_P(a, hi);
        if (upper ? f <= p : f >= p)
            break;
        lo = hi;
        hi = 2.0 * hi + 1.0;
    }
    for (int i = 0; i < 400; i++) {
        double mid = 0.5 * (lo + hi);
        if (!(mid > lo && mid < hi))
            break;
        double f = upper ? gsl_sf_gamma_inc_Q(a, mid) : gsl_sf_gamma_inc_P(a, mid);
        if (upper ? f > p : f < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

static double gamma_lower_quantile(double p, double a)
{
    double x;
    if (a >= 1.0)
        return gamma_bisect(p, a, 0);
    double t = (log(p) + gsl_sf_lngamma(a + 1.0)) / a; /* log x0 */
    if (t < -745.0)
        return 0.0; /* below the smallest double */
    for (int i = 0; i < 60; i++) {
        x = exp(t);
        double cdf = gsl_sf_gamma_inc_P(a, x);
        if (!(cdf > 0.0))
            break;
        /* d log P / d log x = x f(x) / P = x^a e^-x / (Gamma(a) P). */
        double slope = exp(a * t - x - gsl_sf_lngamma(a)) / cdf;
        double step = (log(cdf) - log(p)) / slope;
        t -= step;
        if (fabs(step) < 1e-15 * fmax(1.0, fabs(t)))
            break;
    }
    return exp(t);
}

static void poisson_exact(double o, double alpha, double *lo, double *hi)
{
    *lo = o == 0.0 ? 0.0 : gamma_lower_quantile(alpha / 2.0, o);
    *hi = gamma_bisect(alpha / 2.0, o + 1.0, 1);
}

fs_status_t fs_rate_ci(double count, double population, double per, double level,
                       fs_interval_t *out, fs_error_t *err)
{
    if (!(isfinite(count) && count >= 0.0))
        return fs_error_set(err, FS_EINVAL, "the count must be a number >= 0");
    if (!(isfinite(population) && population > 0.0))
        return fs_error_set(err, FS_EINVAL, "the population must be a number > 0");
    if (!(isfinite(per) && per > 0.0))
        return fs_error_set(err, FS_EINVAL, "--per must be a number > 0");
    if (!(level > 0.0 && level < 1.0))
        return fs_error_set(err, FS_EINVAL, "the level must be strictly between 0 and 1");
    double alpha = 1.0 - level;
    double lo, hi;
    if (count < 10.0) {
        poisson_exact(count, alpha, &lo, &hi);
    } else {
        /* Byar's approximation (Breslow and Day 1987, p. 69). */
        double z = gsl_cdf_ugaussian_Qinv(alpha / 2.0);
        double o1 = count + 1.0;
        double a = 1.0 - 1.0 / (9.0 * count) - z / (3.0 * sqrt(count));
        double b = 1.0 - 1.0 / (9.0 * o1) + z / (3.0 * sqrt(o1));
        lo = count * a * a * a;
        hi = o1 * b * b * b;
    }
    double scale = per / population;
    out->estimate = count * scale;
    out->lower = lo * scale;
    out->upper = hi * scale;
    out->margin = (out->upper - out->lower) / 2.0;
    return FS_OK;
}

int fs_interval_symmetric(const fs_interval_t *ci)
{
    double below = ci->estimate - ci->lower, above = ci->upper - ci->estimate;
    return fabs(above - below) <= 1e-9 * (ci->upper - ci->lower);
}
