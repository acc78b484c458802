/* SPDX-License-Identifier: GPL-3.0-or-later */
/* swilk.c: Shapiro-Wilk W and its p-value, from Royston (1995), AS R94.
 *
 * W is the squared correlation between the ordered sample and the
 * coefficients a_i, which Royston approximates from normal scores
 * m_i = Phi^{-1}((i - 3/8) / (n + 1/4)): the two extreme coefficients come
 * from polynomials in 1/sqrt(n) (the one next to them too when n > 5), the
 * rest are the normalised m_i.  The p-value comes from a normalising
 * transformation of W: exact for n = 3, and two fitted approximations,
 * one for 4 <= n <= 11 and one for 12 <= n <= 5000.
 *
 * Numerical choices.  The data are scaled by a power of two, shifted by
 * their median, centred on the mean of the differences and divided by
 * their range before anything is summed, so that a sample like
 * 1e6 + noise loses no digits to cancellation and magnitudes near the
 * ends of double precision neither overflow nor underflow; the sums are compensated
 * (Neumaier), which gives nearly the accuracy of long double without its
 * dependence on the platform (and on valgrind, which computes long double
 * in double precision).  W is formed as 1 - (1 - W),
 * with 1 - W computed as a product of a difference and a sum (as Royston
 * does), which keeps its relative accuracy when W is close to 1. */
#include "forcestat/swilk.h"

#include "compensated.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Evaluates c[0] + c[1] x + ... + c[k-1] x^(k-1) by Horner's rule. */
static double poly(const double *c, int k, double x)
{
    double r = c[k - 1];
    for (int i = k - 2; i >= 0; i--)
        r = r * x + c[i];
    return r;
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* Coefficients a[0..n/2-1] (the positive half; a is antisymmetric). */
static void coefficients(size_t n, double *a)
{
    /* Royston (1995), the polynomials for the largest coefficients. */
    static const double c1[6] = {0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056};
    static const double c2[6] = {0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633};
    size_t half = n / 2;
    if (n == 3) {
        a[0] = sqrt(0.5);
        return;
    }
    double an25 = (double)n + 0.25;
    double summ2 = 0.0;
    for (size_t i = 0; i < half; i++) {
        /* m_i for the lower half: negative normal scores. */
        a[i] = gsl_cdf_ugaussian_Pinv(((double)(i + 1) - 0.375) / an25);
        summ2 += a[i] * a[i];
    }
    summ2 *= 2.0;
    double ssumm2 = sqrt(summ2);
    double rsn = 1.0 / sqrt((double)n);
    double m1 = a[0], m2 = half > 1 ? a[1] : 0.0;
    double a1 = poly(c1, 6, rsn) - m1 / ssumm2;
    size_t first;
    double fac;
    if (n > 5) {
        double a2 = -m2 / ssumm2 + poly(c2, 6, rsn);
        fac = sqrt((summ2 - 2.0 * m1 * m1 - 2.0 * m2 * m2) / (1.0 - 2.0 * a1 * a1 - 2.0 * a2 * a2));
        a[1] = a2;
        first = 2;
    } else {
        fac = sqrt((summ2 - 2.0 * m1 * m1) / (1.0 - 2.0 * a1 * a1));
        first = 1;
    }
    a[0] = a1;
    for (size_t i = first; i < half; i++)
        a[i] = -a[i] / fac;
}

/* Upper-tail p-value of W for sample size n (Royston 1995, section 3). */
static double p_value(size_t n, double w)
{
    if (n == 3) {
        /* Exact: W for n = 3 has a known distribution on [3/4, 1]. */
        const double pi = 3.14159265358979323846;
        const double pi6 = 6.0 / pi, stqr = pi / 3.0;
        double p = pi6 * (asin(sqrt(w)) - stqr);
        return p < 0.0 ? 0.0 : (p > 1.0 ? 1.0 : p);
    }
    static const double g[2] = {-2.273, 0.459};
    static const double c3[4] = {0.5440, -0.39978, 0.025054, -6.714e-4};
    static const double c4[4] = {1.3822, -0.77857, 0.062767, -0.0020322};
    static const double c5[4] = {-1.5861, -0.31082, -0.083751, 0.0038915};
    static const double c6[3] = {-0.4803, -0.082676, 0.0030302};
    double w1 = log1p(-w);
    double dn = (double)n;
    double y, m, s;
    if (n <= 11) {
        double gamma = poly(g, 2, dn);
        if (w1 >= gamma)
            return 1e-99; /* beyond the approximation's range; see swilk.h */
        y = -log(gamma - w1);
        m = poly(c3, 4, dn);
        s = exp(poly(c4, 4, dn));
    } else {
        double ln = log(dn);
        y = w1;
        m = poly(c5, 4, ln);
        s = exp(poly(c6, 3, ln));
    }
    return gsl_cdf_gaussian_Q(y - m, s);
}

fs_status_t fs_swilk(const double *x, size_t stride, size_t n, fs_swilk_t *out,
                     fs_error_t *err)
{
    if (n < FS_SWILK_MIN_N)
        return fs_error_raise(err, FS_EDOM, FS_REASON_TOO_FEW, FS_ERROR_NO_INDEX,
                              "Shapiro-Wilk needs at least 3 values, got %zu", n);
    if (n > FS_SWILK_MAX_N)
        return fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, FS_ERROR_NO_INDEX,
                              "Shapiro-Wilk is defined here for at most 5000 values, got %zu", n);
    if (stride == 0)
        return fs_error_set(err, FS_EINVAL, "stride must be positive");
    double *y = malloc(n * sizeof *y);
    double *a = malloc((n / 2 + 1) * sizeof *a);
    if (y == NULL || a == NULL) {
        free(y);
        free(a);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    double largest = 0.0;
    for (size_t i = 0; i < n; i++) {
        y[i] = x[i * stride];
        if (!isfinite(y[i])) {
            free(y);
            free(a);
            return fs_error_raise(err, FS_EDOM, FS_REASON_NOT_FINITE, i,
                                  "value %zu is not a finite number", i + 1);
        }
        largest = fmax(largest, fabs(y[i]));
    }
    qsort(y, n, sizeof *y, cmp_double);
    /* W does not depend on location or scale, so the data are first
     * divided by a power of two near the largest magnitude (exact), which
     * keeps the range finite for values near 1.8e308 and the squares
     * normal for values near 1e-300; then shifted by the median, a data
     * value (y - median is exact for values within a factor of two of it,
     * so 1e6 + 1e-7 * noise keeps every digit of its noise), and only
     * then centred on the compensated mean of the differences, which is
     * small, so its rounding is small against the spread. */
    int e;
    frexp(largest, &e);
    double median = ldexp(y[n / 2], -e);
    csum_t sum = {0, 0};
    for (size_t i = 0; i < n; i++) {
        y[i] = ldexp(y[i], -e) - median;
        csum_add(&sum, y[i]);
    }
    double range = y[n - 1] - y[0];
    if (!(range > 0.0)) {
        free(y);
        free(a);
        return fs_error_raise(err, FS_EDOM, FS_REASON_ALL_EQUAL, FS_ERROR_NO_INDEX,
                              "all %zu values are equal, so normality is undefined", n);
    }
    double mean = csum_value(&sum) / (double)n;
    coefficients(n, a);
    /* Correlation of (centred, scaled) data with the coefficients.  The
     * coefficients sum to zero by antisymmetry; their mean is subtracted
     * anyway, as Royston does, which costs nothing. */
    csum_t sa_sum = {0, 0};
    for (size_t i = 0; i < n; i++) {
        size_t j = n - 1 - i;
        if (i < j)
            csum_add(&sa_sum, -a[i]);
        else if (i > j)
            csum_add(&sa_sum, a[j]);
    }
    double sa = csum_value(&sa_sum) / (double)n;
    csum_t ssa = {0, 0}, ssx = {0, 0}, sax = {0, 0};
    for (size_t i = 0; i < n; i++) {
        size_t j = n - 1 - i;
        double ai = i < j ? -a[i] : (i > j ? a[j] : 0.0);
        double asa = ai - sa;
        double xsx = (y[i] - mean) / range;
        csum_add(&ssa, asa * asa);
        csum_add(&ssx, xsx * xsx);
        csum_add(&sax, asa * xsx);
    }
    double vssa = csum_value(&ssa), vssx = csum_value(&ssx), vsax = csum_value(&sax);
    double root = sqrt(vssa * vssx);
    double w1 = (root - vsax) * (root + vsax) / (vssa * vssx);
    double w = 1.0 - w1;
    free(y);
    free(a);
    out->n = n;
    out->w = w;
    out->p = p_value(n, w);
    return FS_OK;
}
