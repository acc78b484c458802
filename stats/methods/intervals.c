/* SPDX-License-Identifier: GPL-3.0-or-later */
/* intervals.c: binomial proportion and Poisson rate intervals. */
#include "forcestat/intervals.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <float.h>
#include <math.h>
#include <string.h>

#define FS_PI 3.14159265358979323846

/* The methods (intervals.h): a row each, the default first. */
static const fs_kind_t method_rows[] = {
    {"wilson", FS_CI_WILSON, "the score interval (default; UK public-health practice)", NULL},
    {"wald", FS_CI_WALD, "p +/- z sqrt(p(1-p)/n), the reports' method; poor at small n", NULL},
    {"agresti-coull", FS_CI_AGRESTI_COULL, "Wald on (K + z^2/2) / (N + z^2)", NULL},
    {"clopper-pearson", FS_CI_CLOPPER_PEARSON, "exact (conservative), from beta quantiles", NULL},
    {"jeffreys", FS_CI_JEFFREYS, "equal-tailed Bayesian beta(K+1/2, N-K+1/2) interval", NULL},
};
const fs_kind_table_t fs_kinds_ci_method = {"--method", "method", method_rows,
                                            sizeof method_rows / sizeof method_rows[0],
                                            FS_CI_DEFAULT_METHOD, NULL};

fs_status_t fs_ci_method_parse(const char *name, fs_ci_method_t *out)
{
    for (size_t i = 0; i < fs_kinds_ci_method.n; i++) {
        if (strcmp(name, method_rows[i].name) == 0) {
            *out = (fs_ci_method_t)method_rows[i].value;
            return FS_OK;
        }
    }
    return FS_EINVAL;
}

const char *fs_ci_method_name(fs_ci_method_t method)
{
    for (size_t i = 0; i < fs_kinds_ci_method.n; i++) {
        if (method_rows[i].value == (int)method)
            return method_rows[i].name;
    }
    return "unknown";
}

const char *fs_ci_method_label(fs_ci_method_t method)
{
    switch ((int)method) {
    case FS_CI_WALD: return "Wald";
    case FS_CI_WILSON: return "Wilson score";
    case FS_CI_AGRESTI_COULL: return "Agresti-Coull";
    case FS_CI_CLOPPER_PEARSON: return "Clopper-Pearson (exact)";
    case FS_CI_JEFFREYS: return "Jeffreys";
    }
    return fs_ci_method_name(method);
}

static int whole(double x)
{
    return isfinite(x) && x >= 0.0 && floor(x) == x;
}

static double clip01(double x)
{
    return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
}

/* Bounds on the iterations of the library's own loops: none runs on
 * unbounded. */
#define BETA_FRACTION_MAX_TERMS 200000
#define BISECTION_MAX_STEPS 400

/* The continued fraction of I_x(a, b) (DLMF 8.17.22), by the modified
 * Lentz method; it converges fast for x < (a + 1) / (a + b + 2).  NaN when
 * it has not converged within BETA_FRACTION_MAX_TERMS terms. */
static double beta_fraction(double x, double a, double b)
{
    const double tiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    d = fabs(d) < tiny ? tiny : d;
    d = 1.0 / d;
    double f = d;
    for (int m = 1; m < BETA_FRACTION_MAX_TERMS; m++) {
        double dm = (double)m;
        /* The even step, then the odd. */
        /* x before the large factors: (a + b) dm would overflow for the
         * largest samples. */
        double num = dm * x * (b - dm) / ((a + 2.0 * dm - 1.0) * (a + 2.0 * dm));
        d = 1.0 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        f *= d * c;
        num = -(a + dm) * x * (a + b + dm) / ((a + 2.0 * dm) * (a + 2.0 * dm + 1.0));
        d = 1.0 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        double delta = d * c;
        f *= delta;
        if (fabs(delta - 1.0) < 1e-16)
            return f;
    }
    return NAN;
}

/* The hypergeometric series of I_x(a, b) (DLMF 8.17.8): I_x(a, b) =
 * x^a (1 - x)^b / (a B(a, b)) F(a + b, 1; a + 1; x), F = sum over j of
 * prod_{i<j} (a + b + i) x / (a + 1 + i).  Every term is positive, so it
 * is exact above the mean too, where the continued fraction in x no
 * longer converges and the one in 1 - x would need digits of a small x
 * that 1 - x has lost.  NaN when it has not converged within
 * BETA_FRACTION_MAX_TERMS terms. */
static double beta_series(double x, double a, double b)
{
    double s = a + b, term = 1.0, sum = 1.0;
    for (int j = 0; j < BETA_FRACTION_MAX_TERMS; j++) {
        term *= (s + (double)j) * x / (a + 1.0 + (double)j);
        sum += term;
        if (!isfinite(sum))
            return NAN;
        if (term < 1e-17 * sum && (s + (double)j) * x < a + 1.0 + (double)j)
            return sum;
    }
    return NAN;
}

/* t - log(1 + t) for t > -1, without the cancellation of the plain
 * difference near 0: with v = t / (2 + t), log(1 + t) = 2 atanh(v), so
 * t - log(1 + t) = t v - 2 (v^3 / 3 + v^5 / 5 + ...). */
static double t_minus_log1p(double t)
{
    if (fabs(t) >= 0.5)
        return t - log1p(t);
    double v = t / (2.0 + t), v2 = v * v, term = v * v2, sum = 0.0;
    for (int j = 1; j < 200; j++) {
        double next = sum + term / (double)(2 * j + 1);
        if (next == sum)
            break;
        sum = next;
        term *= v2;
    }
    return t * v - 2.0 * sum;
}

/* log Gamma(z) - ((z - 1/2) log z - z + log(2 pi) / 2): the error of
 * Stirling's formula, by its series above 15. */
static double stirling_delta(double z)
{
    if (z <= 15.0)
        return gsl_sf_lngamma(z) - (z - 0.5) * log(z) + z - 0.5 * log(2.0 * FS_PI);
    double z2 = z * z;
    return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0) / z2) / z2) / z2) / z;
}

/* The deviances D(a, s x) + D(b, s (1 - x)) with D(u, m) = u log(u / m)
 * + m - u, written through e = s x - a (so that s (1 - x) - b = -e) as
 * a (t_a - log1p(t_a)) + b (t_b - log1p(t_b)), t_a = e / a and t_b = -e /
 * b: the one rounding that matters, of s x, moves the sum by about
 * sqrt(a) 1e-16 near the mean (where the plain logs of x^a (1 - x)^b /
 * B(a, b) lose every digit at a + b = 1e18), and nothing overflows for s
 * up to the largest double. */
static double beta_deviance(double x, double a, double b)
{
    double s = a + b;
    double e = x * s - a;
    if (!isfinite(e)) /* s x beyond the largest double: halve first */
        e = 2.0 * (x * (0.5 * s) - 0.5 * a);
    return a * t_minus_log1p(e / a) + b * t_minus_log1p(-e / b);
}

/* Above this, both parameters large, the uniform asymptotic expansion
 * below is used, where the continued fraction would need millions of
 * terms: its error, of order (a + b)^(-3/2) of the tail probability, is
 * then under 4e-10 of it, which moves a quantile by far less than 1e-9
 * of itself (against the 40-digit references: 6e-12 at most). */
#define BETA_ASYMPTOTIC_MIN 1e6

/* Both tails of beta(a, b) at x, each to full relative accuracy: *lower =
 * I_x(a, b) and *upper = 1 - I_x(a, b).  0 on success, -1 when the
 * continued fraction does not converge within its bound.
 *
 * Both parameters over BETA_ASYMPTOTIC_MIN: the uniform asymptotic
 * expansion of the kind Temme gives (N. M. Temme, "Special functions",
 * Wiley 1996, chapter 11), its first two terms, derived here from the
 * integral of the density by the substitution -eta^2 / 2 = p0 log(t / p0)
 * + q0 log((1 - t) / q0) and one integration by parts, with s = a + b,
 * p0 = a / s, q0 = b / s and eta of the sign of x - p0:
 *   I_x = Phi(eta sqrt(s)) + exp(-s eta^2 / 2) / sqrt(2 pi s) (1 / eta -
 *         sqrt(p0 q0) / (x - p0)).
 * Otherwise the continued fraction for the tail it converges on fast
 * (the other is 1 minus it),
 * with the front factor x^a (1 - x)^b / B(a, b) written as
 * exp(-D) sqrt(a b / (2 pi s)) exp(delta(s) - delta(a) - delta(b)) from
 * the deviances and Stirling's errors, exact for any size (the log of
 * B(a, b) loses every digit at a + b = 1e18). */
static int beta_tails(double x, double a, double b, double *lower, double *upper)
{
    if (!(x > 0.0)) {
        *lower = 0.0;
        *upper = 1.0;
        return 0;
    }
    if (!(x < 1.0)) {
        *lower = 1.0;
        *upper = 0.0;
        return 0;
    }
    double s = a + b;
    double dev = beta_deviance(x, a, b);
    if (a > BETA_ASYMPTOTIC_MIN && b > BETA_ASYMPTOTIC_MIN) {
        double p0 = a / s, q0 = b / s;
        double r = sqrt(2.0 * dev); /* |eta| sqrt(s) */
        double diff = x - p0;
        if (diff == 0.0 || r == 0.0) {
            *lower = *upper = 0.5;
            return 0;
        }
        double eta_s = diff > 0.0 ? r : -r;
        /* Within 1e-3 SD of the mean the two terms of the bracket cancel;
         * it tends to (q0 - p0) / (3 sqrt(p0 q0)) / sqrt(s) there. */
        double bracket = fabs(eta_s) < 1e-3
                             ? (q0 - p0) / (3.0 * sqrt(p0 * q0)) / sqrt(s)
                             : 1.0 / eta_s - sqrt(p0 * q0) / (diff * sqrt(s));
        double corr = exp(-dev) / sqrt(2.0 * FS_PI) * bracket;
        *lower = gsl_cdf_ugaussian_P(eta_s) + corr;
        *upper = gsl_cdf_ugaussian_Q(eta_s) - corr;
        return 0;
    }
    double log_front = -dev + 0.5 * (log(a) + log(b) - log(s) - log(2.0 * FS_PI)) +
                       stirling_delta(s) - stirling_delta(a) - stirling_delta(b);
    double front = exp(log_front);
    if (x < (a + 1.0) / (s + 2.0)) {
        double cf = beta_fraction(x, a, b);
        if (isnan(cf))
            return -1;
        *lower = front * cf / a;
        *upper = 1.0 - *lower;
    } else if (x < 0.5) {
        /* Above the mean but below 1/2: the fraction in 1 - x is used
         * only where 1 - x is exact (x >= 1/2). */
        double series = beta_series(x, a, b);
        if (isnan(series))
            return -1;
        *lower = front * series / a;
        *upper = 1.0 - *lower;
    } else {
        double cf = beta_fraction(1.0 - x, b, a);
        if (isnan(cf))
            return -1;
        *upper = front * cf / b;
        *lower = 1.0 - *upper;
    }
    return 0;
}

/* The p-quantile of beta(a, b), by bisection on the CDF (at most
 * BISECTION_MAX_STEPS halvings; it ends at the last bit in about 60).
 * GSL's own inverse loses accuracy for the parameters of large samples
 * (a, b in the hundreds of thousands), where the distribution is very
 * narrow.  Below a + b = 2000 GSL's incomplete beta function serves; above
 * it, beta_tails, comparing the smaller tail (1 - p with the upper one) so
 * that no digit is lost near 1.  The bracket is narrowed first to the
 * normal approximation's +/- 12 SD, which always contains the quantile for
 * the probabilities used here.  NaN when the CDF cannot be evaluated. */
static double beta_quantile(double p, double a, double b)
{
    double lo = 0.0, hi = 1.0;
    double mean = a / (a + b);
    int small = a + b < 2000.0;
    /* (a + b)^3 would overflow for the largest samples. */
    double sd = small ? sqrt(a * b / ((a + b) * (a + b) * (a + b + 1.0)))
                      : sqrt(a / (a + b) * (b / (a + b)) / (a + b + 1.0));
    double l = mean - 12.0 * sd, h = mean + 12.0 * sd;
    double q = 1.0 - p;
    int use_upper = p > 0.5;
    int failed = 0;
    /* below(x): whether the quantile lies above x. */
#define BELOW(x, result)                                                                           \
    do {                                                                                           \
        if (small) {                                                                               \
            result = gsl_sf_beta_inc(a, b, (x)) < p;                                               \
        } else {                                                                                   \
            double tl_, tu_;                                                                       \
            if (beta_tails((x), a, b, &tl_, &tu_) != 0) {                                          \
                failed = 1;                                                                        \
                result = 0;                                                                        \
            } else {                                                                               \
                result = use_upper ? tu_ > q : tl_ < p;                                            \
            }                                                                                      \
        }                                                                                          \
    } while (0)
    int below;
    if (l > 0.0) {
        BELOW(l, below);
        if (below)
            lo = l;
    }
    if (h < 1.0) {
        BELOW(h, below);
        if (!below)
            hi = h;
    }
    for (int i = 0; i < BISECTION_MAX_STEPS && !failed; i++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi)
            break;
        BELOW(mid, below);
        if (below)
            lo = mid;
        else
            hi = mid;
    }
#undef BELOW
    return failed ? NAN : 0.5 * (lo + hi);
}

/* sqrt(pq / n); when pq / n underflows (n near 1e308) the roots are taken
 * apart, so that the width survives. */
static double spread_over_n(double pq, double n)
{
    double v = pq / n;
    return pq > 0.0 && !isnormal(v) ? sqrt(pq) / sqrt(n) : sqrt(v);
}

/* The kernels: each method's bounds for k of n (p = k / n) before they
 * are clipped to [0, 1]; z is the normal quantile of the two-sided level
 * 1 - alpha, and population the finite population (0: none; Wald's
 * only). */
static void wald(double k, double n, double z, double alpha, double population, double *lo,
                 double *hi)
{
    (void)alpha;
    double p = k / n;
    double se = spread_over_n(p * (1.0 - p), n);
    if (population != 0.0)
        se *= population > 1.0 ? sqrt((population - n) / (population - 1.0)) : 0.0;
    *lo = p - z * se;
    *hi = p + z * se;
}

/* Wilson (1927): invert the score test. */
static void wilson(double k, double n, double z, double alpha, double population, double *lo,
                   double *hi)
{
    (void)alpha;
    (void)population;
    /* Multiplied through by n, so that neither n * n (it overflows past
     * 1.3e154) nor p (1 - p) / n (it underflows) appears: centre (k +
     * z^2/2) / (n + z^2), half-width z sqrt(k (n - k) / n + z^2 / 4) / (n
     * + z^2), with k (n - k) / n = k (1 - p). */
    double p = k / n;
    double z2 = z * z;
    double denom = n + z2;
    double centre = (k + z2 / 2.0) / denom;
    double half = z * sqrt(k * (1.0 - p) + z2 / 4.0) / denom;
    /* At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); the
     * subtraction would leave a rounding residue of 1e-17. */
    *lo = k == 0.0 ? 0.0 : centre - half;
    *hi = k == n ? 1.0 : centre + half;
}

/* Agresti and Coull (1998): Wald on k + z^2/2 of n + z^2. */
static void agresti_coull(double k, double n, double z, double alpha, double population, double *lo,
                          double *hi)
{
    (void)alpha;
    (void)population;
    double z2 = z * z;
    double nt = n + z2;
    double pt = (k + z2 / 2.0) / nt;
    double se = spread_over_n(pt * (1.0 - pt), nt);
    *lo = pt - z * se;
    *hi = pt + z * se;
}

/* Clopper and Pearson (1934): the exact tails, from beta quantiles. */
static void clopper_pearson(double k, double n, double z, double alpha, double population,
                            double *lo, double *hi)
{
    (void)z;
    (void)population;
    *lo = k == 0.0 ? 0.0 : beta_quantile(alpha / 2.0, k, n - k + 1.0);
    *hi = k == n ? 1.0 : beta_quantile(1.0 - alpha / 2.0, k + 1.0, n - k);
}

/* Jeffreys: the equal-tailed interval of the beta(k + 1/2, n - k + 1/2)
 * posterior, with lower = 0 at k = 0 and upper = 1 at k = n. */
static void jeffreys(double k, double n, double z, double alpha, double population, double *lo,
                     double *hi)
{
    (void)z;
    (void)population;
    *lo = k == 0.0 ? 0.0 : beta_quantile(alpha / 2.0, k + 0.5, n - k + 0.5);
    *hi = k == n ? 1.0 : beta_quantile(1.0 - alpha / 2.0, k + 0.5, n - k + 0.5);
}

/* The checks every method shares: whole counts, k <= n, a level inside
 * (0, 1), a finite population for Wald only, the exact methods' limit. */
static fs_status_t check_proportion(double k, double n, fs_ci_method_t method, double level,
                                    double population, fs_error_t *err)
{
    if (!whole(k) || !whole(n))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "counts must be whole numbers >= 0");
    if (n == 0.0)
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_DENOMINATOR, FS_ERROR_NO_INDEX,
                              "the number of trials must be at least 1");
    if (k > n)
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "successes (%.17g) exceed trials (%.17g)", k, n);
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
    if ((method == FS_CI_CLOPPER_PEARSON || method == FS_CI_JEFFREYS) && n > FS_CI_EXACT_MAX_TRIALS)
        return fs_error_set(err, FS_ELIMIT,
                            "the %s interval is computed for up to %g trials (got %.17g)",
                            fs_ci_method_name(method), FS_CI_EXACT_MAX_TRIALS, n);
    return FS_OK;
}

fs_status_t fs_proportion_ci(double k, double n, fs_ci_method_t method, double level,
                             double population, fs_interval_t *out, fs_error_t *err)
{
    fs_status_t st = check_proportion(k, n, method, level, population, err);
    if (st != FS_OK)
        return st;
    double alpha = 1.0 - level;
    double z = gsl_cdf_ugaussian_Qinv(alpha / 2.0);
    double lo, hi;
    switch ((int)method) {
    case FS_CI_WALD: wald(k, n, z, alpha, population, &lo, &hi); break;
    case FS_CI_WILSON: wilson(k, n, z, alpha, population, &lo, &hi); break;
    case FS_CI_AGRESTI_COULL: agresti_coull(k, n, z, alpha, population, &lo, &hi); break;
    case FS_CI_CLOPPER_PEARSON: clopper_pearson(k, n, z, alpha, population, &lo, &hi); break;
    case FS_CI_JEFFREYS: jeffreys(k, n, z, alpha, population, &lo, &hi); break;
    default: return fs_error_set(err, FS_EINVAL, "unknown interval method");
    }
    if (isnan(lo) || isnan(hi))
        return fs_error_set(err, FS_EDOM,
                            "the %s interval for %.17g of %.17g: its beta tail did not "
                            "converge within %d terms",
                            fs_ci_method_name(method), k, n, BETA_FRACTION_MAX_TERMS);
    out->estimate = k / n;
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
#define GAMMA_WIDEN_MAX_STEPS 2000

static double gamma_bisect(double p, double a, int upper)
{
    double lo = 0.0, hi = a + 1.0;
    /* Widen until the bracket holds the quantile: NaN if it never does
     * within GAMMA_WIDEN_MAX_STEPS doublings. */
    int bracketed = 0;
    for (int i = 0; i < GAMMA_WIDEN_MAX_STEPS && isfinite(hi); i++) {
        double f = upper ? gsl_sf_gamma_inc_Q(a, hi) : gsl_sf_gamma_inc_P(a, hi);
        if (upper ? f <= p : f >= p) {
            bracketed = 1;
            break;
        }
        lo = hi;
        hi = 2.0 * hi + 1.0;
    }
    if (!bracketed)
        return NAN;
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
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_COUNT, FS_ERROR_NO_INDEX,
                              "the count must be a number >= 0");
    if (!(isfinite(population) && population > 0.0))
        return fs_error_raise(err, FS_EINVAL, FS_REASON_BAD_DENOMINATOR, FS_ERROR_NO_INDEX,
                              "the population must be a number > 0");
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
    if (isnan(lo) || isnan(hi))
        return fs_error_set(err, FS_EDOM,
                            "the exact Poisson limits for a count of %g were not bracketed "
                            "within %d doublings",
                            count, GAMMA_WIDEN_MAX_STEPS);
    double scale = per / population;
    out->estimate = count * scale;
    out->lower = lo * scale;
    out->upper = hi * scale;
    out->margin = (out->upper - out->lower) / 2.0;
    if (!(isfinite(out->estimate) && isfinite(out->lower) && isfinite(out->upper) &&
          isfinite(out->margin)))
        return fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, FS_ERROR_NO_INDEX,
                              "the rate %g / %g per %g or its interval is beyond double "
                            "precision (over %g)",
                            count, population, per, DBL_MAX);
    return FS_OK;
}

int fs_interval_symmetric(const fs_interval_t *ci)
{
    double below = ci->estimate - ci->lower, above = ci->upper - ci->estimate;
    return fabs(above - below) <= 1e-9 * (ci->upper - ci->lower);
}
