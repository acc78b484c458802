/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_funnel.c: funnel limits against scipy (tests/reference/
 * funnel_reference.py), over-dispersion against numpy, hand-checked
 * normal limits, and simulated in-control and over-dispersed data. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/dataset.h"
#include "forcestat/funnel.h"
#include "testutil.h"

static double cell(const fs_table_t *t, size_t r, size_t c)
{
    return strtod(fs_table_cell(t, r, c), NULL);
}

/* A funnel with a fixed target, for limits alone. */
static fs_funnel_t fixed(fs_funnel_type_t type, double theta)
{
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    o.type = type;
    o.per = 1;
    o.has_target = 1;
    o.target = theta;
    double num[2] = {1, 2}, den[2] = {1000, 1000};
    fs_funnel_t f;
    fs_error_t e;
    fs_funnel_fit(num, den, 2, &o, &f, &e);
    return f;
}

static void exact_limits_agree_with_scipy(void)
{
    fs_table_t *ref = tu_load("funnel_limits.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    CU_ASSERT_EQUAL(ref->nrows, 70);
    size_t bad = 0;
    for (size_t r = 0; r < ref->nrows; r++) {
        fs_funnel_type_t type =
            strcmp(fs_table_cell(ref, r, 0), "rate") == 0 ? FS_FUNNEL_RATE : FS_FUNNEL_PROPORTION;
        fs_funnel_t f = fixed(type, cell(ref, r, 1));
        double lo, hi;
        fs_funnel_limits(&f, cell(ref, r, 2), cell(ref, r, 3), &lo, &hi);
        double want_lo = cell(ref, r, 4), want_hi = cell(ref, r, 5);
        /* Each limit within 1e-9 of scipy's relatively (scipy's discrete
         * quantiles and CDFs carry ~1e-12 of rounding); a limit of exactly
         * 0 must be 0. */
        int ok = (want_lo == 0.0 ? lo == 0.0 : fabs(lo - want_lo) <= 1e-9 * fabs(want_lo)) &&
                 fabs(hi - want_hi) <= 1e-9 * fabs(want_hi);
        if (!ok && bad++ < 8)
            fprintf(stderr, "\n  %s theta %s n %s level %s: [%.17g, %.17g] want [%.17g, %.17g]",
                    fs_table_cell(ref, r, 0), fs_table_cell(ref, r, 1), fs_table_cell(ref, r, 2),
                    fs_table_cell(ref, r, 3), lo, hi, want_lo, want_hi);
    }
    CU_ASSERT_EQUAL(bad, 0);
    fs_table_free(ref);
}

/* By hand: p = 0.5, n = 10,000: 0.5 +/- 1.959964 * 0.005 under the normal
 * approximation, which the exact limits approach for large n. */
static void large_samples_approach_the_normal_limits(void)
{
    fs_funnel_t f = fixed(FS_FUNNEL_PROPORTION, 0.5);
    double lo, hi;
    fs_funnel_limits(&f, 10000, 0.95, &lo, &hi);
    CU_ASSERT(fabs(lo - (0.5 - 1.959964 * 0.005)) < 2e-4);
    CU_ASSERT(fabs(hi - (0.5 + 1.959964 * 0.005)) < 2e-4);
    /* Multiplicative inflation by sqrt(phi), by hand. */
    f.opt.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
    f.phi = 4.0;
    fs_funnel_limits(&f, 10000, 0.95, &lo, &hi);
    TU_ASSERT_CLOSE(hi, 0.5 + 2.0 * gsl_cdf_ugaussian_Qinv(0.025) * 0.005, 1e-12);
    /* Additive: theta +/- z sqrt(s^2 + tau^2). */
    f.opt.overdispersion = FS_OVERDISPERSION_ADDITIVE;
    f.tau2 = 0.0001;
    fs_funnel_limits(&f, 10000, 0.95, &lo, &hi);
    TU_ASSERT_CLOSE(lo, 0.5 - gsl_cdf_ugaussian_Qinv(0.025) * sqrt(0.000025 + 0.0001), 1e-12);
}

static void overdispersion_agrees_with_numpy(void)
{
    fs_table_t *data = tu_load("funnel_overdispersion.csv");
    fs_table_t *ref = tu_load("funnel_overdispersion_ref.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    double num[64], den[64];
    fs_error_t e;
    CU_ASSERT_FATAL(data->nrows <= 64);
    CU_ASSERT_EQUAL_FATAL(fs_table_numeric_column(data, 1, num, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_table_numeric_column(data, 2, den, &e), FS_OK);
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    o.overdispersion = FS_OVERDISPERSION_ADDITIVE;
    fs_funnel_t f;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, data->nrows, &o, &f, &e), FS_OK);
    TU_ASSERT_CLOSE(f.theta, cell(ref, 0, 0), 1e-14);
    TU_ASSERT_CLOSE(f.phi, cell(ref, 0, 1), 1e-12);
    TU_ASSERT_CLOSE(f.tau2, cell(ref, 0, 2), 1e-12);
    CU_ASSERT_TRUE(f.overdispersed);
    fs_table_free(data);
    fs_table_free(ref);
}

/* Simulation: 43 forces with realistic sizes.  In control, about 5% fall
 * outside the 95% limits; with extra between-force variation, unadjusted
 * limits flag many, and both adjustments far fewer. */
static void simulated_in_control_and_overdispersed(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rng);
    gsl_rng_set(rng, 2005);
    enum { N = 43, RUNS = 400 };
    double den[N], num[N];
    for (size_t i = 0; i < N; i++)
        den[i] = floor(500.0 * pow(10.0, 3.0 * (double)i / (N - 1))); /* 500 to 500,000 */
    size_t outside = 0, total = 0, flagged[3] = {0}, overdispersed_runs = 0;
    for (int run = 0; run < RUNS; run++) {
        for (size_t i = 0; i < N; i++)
            num[i] = gsl_ran_binomial(rng, 0.03, (unsigned)den[i]);
        fs_funnel_options_t o;
        fs_funnel_options_init(&o);
        fs_funnel_t f;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, N, &o, &f, &e), FS_OK);
        for (size_t i = 0; i < N; i++) {
            fs_funnel_flag_t fl = fs_funnel_flag(&f, num[i], den[i]);
            outside += fl != FS_FUNNEL_WITHIN;
            total++;
        }
        /* Over-dispersed: each force's own rate varies by 20% around 3%. */
        for (size_t i = 0; i < N; i++) {
            double p = 0.03 * (1.0 + 0.2 * gsl_ran_ugaussian(rng));
            num[i] = gsl_ran_binomial(rng, p > 0.001 ? p : 0.001, (unsigned)den[i]);
        }
        for (int method = 0; method < 3; method++) {
            o.overdispersion = (fs_overdispersion_t)method;
            CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, N, &o, &f, &e), FS_OK);
            if (method == 0)
                overdispersed_runs += f.overdispersed;
            for (size_t i = 0; i < N; i++)
                flagged[method] += fs_funnel_flag(&f, num[i], den[i]) != FS_FUNNEL_WITHIN;
        }
    }
    gsl_rng_free(rng);
    double share = (double)outside / (double)total;
    double none = (double)flagged[0] / total, mult = (double)flagged[1] / total,
           add = (double)flagged[2] / total;
    fprintf(stderr, "\n  in control: %.4f outside 95%%; over-dispersed: none %.3f, "
                    "multiplicative %.3f, additive %.3f; detected in %zu of %d runs\n",
            share, none, mult, add, overdispersed_runs, RUNS);
    CU_ASSERT(share > 0.04 && share < 0.06);
    CU_ASSERT(none > 0.3);
    CU_ASSERT(mult < none / 2);
    CU_ASSERT(add < none / 2);
    CU_ASSERT(overdispersed_runs > RUNS * 9 / 10);
}

static void refuses_bad_input(void)
{
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    fs_funnel_t f;
    fs_error_t e;
    double num[] = {5, 3}, den[] = {4, 10};
    CU_ASSERT_EQUAL(fs_funnel_fit(num, den, 2, &o, &f, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "unit 1: a proportion needs whole counts with 0 <= "
                                      "numerator <= denominator and denominator > 0");
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_COUNT); /* 5 of 4 */
    CU_ASSERT_EQUAL(e.index, 0);
    double three[] = {3, 3}, half_d[] = {4, 10.5};
    CU_ASSERT_EQUAL(fs_funnel_fit(three, half_d, 2, &o, &f, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_DENOMINATOR); /* 3 of 10.5 */
    CU_ASSERT_EQUAL(e.index, 1);
    double one_n[] = {1, NAN}, one_d[] = {10, 10};
    CU_ASSERT_EQUAL(fs_funnel_fit(one_n, one_d, 2, &o, &f, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_TOO_FEW);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    double zero_n[] = {0, 0}, zero_d[] = {10, 10};
    CU_ASSERT_EQUAL(fs_funnel_fit(zero_n, zero_d, 2, &o, &f, &e), FS_EDOM);
    o.levels[0] = 0.99;
    o.levels[1] = 0.95;
    double ok_n[] = {1, 2}, ok_d[] = {10, 10};
    CU_ASSERT_EQUAL(fs_funnel_fit(ok_n, ok_d, 2, &o, &f, &e), FS_EINVAL);
    fs_funnel_options_init(&o);
    o.type = FS_FUNNEL_RATE;
    double neg[] = {-1, 2};
    CU_ASSERT_EQUAL(fs_funnel_fit(neg, ok_d, 2, &o, &f, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_COUNT);
    CU_ASSERT_EQUAL(e.index, 0);
    double no_pop[] = {10, 0};
    CU_ASSERT_EQUAL(fs_funnel_fit(ok_n, no_pop, 2, &o, &f, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "unit 2: a rate needs a count >= 0 and a population > 0");
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_DENOMINATOR);
    CU_ASSERT_EQUAL(e.index, 1);
    CU_ASSERT_EQUAL(fs_funnel_fit(ok_n, ok_d, 2, &o, &f, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, NAN, 10), FS_FUNNEL_MISSING);
    CU_ASSERT(isnan(fs_funnel_z(&f, 1, NAN)));
    char name[32];
    fs_funnel_flag_name(&f, FS_FUNNEL_HIGH_OUTER, name, sizeof name);
    CU_ASSERT_STRING_EQUAL(name, "high-99.8");
    CU_ASSERT_STRING_EQUAL(fs_overdispersion_name(FS_OVERDISPERSION_ADDITIVE), "additive");
}

/* The five flags, each well inside its own region: p = 0.5 and n =
 * 10,000 give 95% limits near 0.5 +/- 0.0098 and 99.8% near +/- 0.0155. */
static void flags_split_at_each_limit(void)
{
    fs_funnel_t f = fixed(FS_FUNNEL_PROPORTION, 0.5);
    double lo95, hi95, lo998, hi998;
    fs_funnel_limits(&f, 10000, 0.95, &lo95, &hi95);
    fs_funnel_limits(&f, 10000, 0.998, &lo998, &hi998);
    CU_ASSERT(lo998 < lo95 && lo95 < 0.5 && 0.5 < hi95 && hi95 < hi998);
    CU_ASSERT(fabs(hi95 - 0.5098) < 2e-4 && fabs(hi998 - 0.5155) < 3e-4);
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, 5000, 10000), FS_FUNNEL_WITHIN);
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, 5120, 10000), FS_FUNNEL_HIGH_INNER);
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, 5200, 10000), FS_FUNNEL_HIGH_OUTER);
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, 4880, 10000), FS_FUNNEL_LOW_INNER);
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, 4800, 10000), FS_FUNNEL_LOW_OUTER);
    char name[32];
    static const struct {
        fs_funnel_flag_t flag;
        const char *name;
    } names[] = {{FS_FUNNEL_LOW_OUTER, "low-99.8"}, {FS_FUNNEL_LOW_INNER, "low-95"},
                 {FS_FUNNEL_WITHIN, "within"},      {FS_FUNNEL_HIGH_INNER, "high-95"},
                 {FS_FUNNEL_HIGH_OUTER, "high-99.8"}, {FS_FUNNEL_MISSING, "missing"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        fs_funnel_flag_name(&f, names[i].flag, name, sizeof name);
        CU_ASSERT_STRING_EQUAL(name, names[i].name);
    }
}

/* The over-dispersion note: n phi against the 95th percentile of
 * chi-squared on n - 1 degrees of freedom, on data that are in control
 * (phi near 1: no note) and spread out (a note), and on data built to lie
 * just either side of the line. */
static void overdispersion_note_follows_the_test(void)
{
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    fs_error_t e;
    fs_funnel_t f;
    double den[20], in_control[20], spread[20];
    for (int i = 0; i < 20; i++) {
        den[i] = 10000;
        /* z of about +/-0.5 alternately: phi about 0.25. */
        in_control[i] = 5000 + (i % 2 ? 25 : -25);
        /* z of about +/-6: phi about 36. */
        spread[i] = 5000 + (i % 2 ? 300 : -300);
    }
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(in_control, den, 20, &o, &f, &e), FS_OK);
    CU_ASSERT(f.phi < 1);
    CU_ASSERT_FALSE(f.overdispersed);
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(spread, den, 20, &o, &f, &e), FS_OK);
    CU_ASSERT(f.phi > 10);
    CU_ASSERT_TRUE(f.overdispersed);
    /* chi-squared(19) has its 95th percentile at 30.1435: counts 60 and 62
     * from 5,000 give z = 1.2 and 1.24 for every force, so n phi = 28.8
     * and 30.75 fall either side. */
    double threshold = gsl_cdf_chisq_Pinv(0.95, 19);
    CU_ASSERT(fabs(threshold - 30.1435) < 1e-3);
    for (int side = 0; side < 2; side++) {
        double d = side ? 62 : 60, target_phi = (d / 50) * (d / 50), x[20];
        for (int i = 0; i < 20; i++)
            x[i] = 5000 + (i % 2 ? d : -d);
        CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(x, den, 20, &o, &f, &e), FS_OK);
        CU_ASSERT(fabs(f.phi - target_phi) < 1e-9);
        CU_ASSERT_EQUAL(f.overdispersed, side);
    }
}

/* Options the fit refuses, and denominators so large that the limits are
 * the normal ones (the exact sum would take too long there, and the two
 * agree to far better than a chart shows). */
static void options_and_huge_denominators(void)
{
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    fs_funnel_t f;
    fs_error_t e;
    double num[] = {1, 2}, den[] = {10, 10};
    o.type = FS_FUNNEL_RATE;
    o.per = 0;
    CU_ASSERT_EQUAL(fs_funnel_fit(num, den, 2, &o, &f, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "--per must be > 0");
    fs_funnel_options_init(&o);
    o.has_target = 1;
    o.target = 1.5;
    CU_ASSERT_EQUAL(fs_funnel_fit(num, den, 2, &o, &f, &e), FS_EINVAL);
    o.type = FS_FUNNEL_RATE;
    o.per = 1000;
    o.target = -1;
    CU_ASSERT_EQUAL(fs_funnel_fit(num, den, 2, &o, &f, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "a target rate must be > 0");
    f = fixed(FS_FUNNEL_PROPORTION, 0.5);
    double lo, hi, n = 1e12;
    fs_funnel_limits(&f, n, 0.95, &lo, &hi);
    double z = gsl_cdf_ugaussian_Qinv(0.025), s = sqrt(0.25 / n);
    TU_ASSERT_CLOSE(lo, 0.5 - z * s, 1e-12);
    TU_ASSERT_CLOSE(hi, 0.5 + z * s, 1e-12);
}

/* z against the target: raw, divided by sqrt(phi) under the
 * multiplicative adjustment, and with tau^2 added to the variance under
 * the additive one, each computed here from its formula. */
static void adjusted_z_scores(void)
{
    double num[] = {400, 600, 450, 560, 500}, den[] = {1000, 1000, 1000, 1000, 1000};
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    fs_funnel_t f;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 5, &o, &f, &e), FS_OK);
    double theta = 2510.0 / 5000.0, s = sqrt(theta * (1 - theta) / 1000);
    double raw = (0.6 - theta) / s;
    TU_ASSERT_CLOSE(fs_funnel_z(&f, 600, 1000), raw, 1e-12);
    o.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 5, &o, &f, &e), FS_OK);
    CU_ASSERT(f.phi > 4);
    TU_ASSERT_CLOSE(fs_funnel_z(&f, 600, 1000), raw / sqrt(f.phi), 1e-12);
    o.overdispersion = FS_OVERDISPERSION_ADDITIVE;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 5, &o, &f, &e), FS_OK);
    CU_ASSERT(f.tau2 > 0);
    TU_ASSERT_CLOSE(fs_funnel_z(&f, 600, 1000), (0.6 - theta) / sqrt(s * s + f.tau2), 1e-12);
}

/* Spiegelhalter (2005): over-dispersion only widens.  Units exactly on
 * the target (0.5, each 5e7 of 1e8) have z = 0, so phi = 0 < 1, and
 * tau^2 = (n phi - (n - 1)) / (sum w - sum w^2 / sum w) = (0 - 2) / (1.2e9
 * - 4e8) < 0 with w = 1 / s^2 = 4e8: phi is floored at 1 for the limits
 * and tau^2 at 0, so both adjusted limits are the plain ones.  At
 * n = 1e8 the count's SD is 5,000 (beyond 2,000: the normal limits), so
 * by hand 0.5 +/- 1.959963984540054 x sqrt(0.25 / 1e8) = 0.5 +/- 1.96 x
 * 5e-5. */
static void overdispersion_never_narrows(void)
{
    double num[3] = {5e7, 5e7, 5e7}, den[3] = {1e8, 1e8, 1e8};
    const double z95 = 1.959963984540054; /* R: qnorm(0.975) */
    for (int method = FS_OVERDISPERSION_MULTIPLICATIVE; method <= FS_OVERDISPERSION_ADDITIVE;
         method++) {
        fs_funnel_options_t o;
        fs_funnel_options_init(&o);
        o.has_target = 1;
        o.target = 0.5;
        o.overdispersion = (fs_overdispersion_t)method;
        fs_funnel_t f;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 3, &o, &f, &e), FS_OK);
        CU_ASSERT_EQUAL(f.phi, 0.0);
        CU_ASSERT_EQUAL(f.tau2, 0.0);
        double lo, hi;
        fs_funnel_limits(&f, 1e8, 0.95, &lo, &hi);
        TU_ASSERT_CLOSE(lo, 0.5 - z95 * 5e-5, 1e-14);
        TU_ASSERT_CLOSE(hi, 0.5 + z95 * 5e-5, 1e-14);
        /* A unit 0.0001 above the target: z = 1e-4 / 5e-5 = 2, unscaled. */
        TU_ASSERT_CLOSE(fs_funnel_z(&f, 50010000, 1e8), 2.0, 1e-9);
    }
}

/* Units with a missing value take no part in phi or tau^2.  Against the
 * target 0.5, 60, 40 and 50 of 100 have z = 2, -2 and 0 (s = 0.05); with
 * 3 units the 10% winsorising moves none, so phi = (4 + 4 + 0) / 3 = 8/3,
 * and with w = 1 / 0.05^2 = 400 each, tau^2 = (3 x 8/3 - 2) / (1200 -
 * 400) = 6 / 800.  The missing numerator and denominator sit between
 * them. */
static void overdispersion_skips_missing_values(void)
{
    double num[5] = {60, NAN, 40, 50, 50}, den[5] = {100, 100, 100, NAN, 100};
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    o.has_target = 1;
    o.target = 0.5;
    o.overdispersion = FS_OVERDISPERSION_ADDITIVE;
    fs_funnel_t f;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 5, &o, &f, &e), FS_OK);
    CU_ASSERT_EQUAL(f.n, 3);
    TU_ASSERT_CLOSE(f.phi, 8.0 / 3.0, 1e-12);
    TU_ASSERT_CLOSE(f.tau2, 6.0 / 800.0, 1e-12);
}

/* A zero count where the lower limits are clipped at 0 is within, not
 * low: target 0.1 and 10 trials give P(0) = 0.9^10 = 0.349, above both
 * lower tails (0.025 and 0.001), so the exact lower limits (r - alpha) / n
 * with r = 0 are negative and clipped to 0; 0 is not below 0. */
static void zero_on_a_clipped_lower_limit_is_within(void)
{
    fs_funnel_t f = fixed(FS_FUNNEL_PROPORTION, 0.1);
    double lo95, hi95, lo998, hi998;
    fs_funnel_limits(&f, 10, 0.95, &lo95, &hi95);
    fs_funnel_limits(&f, 10, 0.998, &lo998, &hi998);
    CU_ASSERT_EQUAL(lo95, 0.0);
    CU_ASSERT_EQUAL(lo998, 0.0);
    CU_ASSERT(hi95 > 0.1);
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, 0, 10), FS_FUNNEL_WITHIN);
}

/* A proportion's limits are clipped at 1 (and 0), a rate's are not: with
 * target 0.9, 10 trials and phi = 4 the multiplicative 95% upper limit
 * is 0.9 + 1.96 x 2 x sqrt(0.9 x 0.1 / 10) = 1.27, clipped to 1, and the
 * lower 0.9 - 0.372 = 0.528 stays.  Then 10 of 10 is on the upper limits,
 * not beyond them: within.  A rate of 2 per person over 100 people has
 * its exact upper limit above 2, and keeps it. */
static void upper_limits_clip_proportions_only(void)
{
    fs_funnel_t f = fixed(FS_FUNNEL_PROPORTION, 0.9);
    f.opt.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
    f.phi = 4.0;
    double lo, hi;
    fs_funnel_limits(&f, 10, 0.95, &lo, &hi);
    CU_ASSERT_EQUAL(hi, 1.0);
    TU_ASSERT_CLOSE(lo, 0.9 - 1.959963984540054 * 2.0 * sqrt(0.009), 1e-12);
    fs_funnel_limits(&f, 10, 0.998, &lo, &hi);
    CU_ASSERT_EQUAL(hi, 1.0);
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, 10, 10), FS_FUNNEL_WITHIN);
    /* 0.5: below 0.528, above the 99.8% lower limit 0.9 - 3.09 x 0.19 = 0.314 */
    CU_ASSERT_EQUAL(fs_funnel_flag(&f, 5, 10), FS_FUNNEL_LOW_INNER);
    fs_funnel_t r = fixed(FS_FUNNEL_RATE, 2.0);
    fs_funnel_limits(&r, 100, 0.95, &lo, &hi);
    CU_ASSERT(lo < 2.0 && lo > 1.0);
    CU_ASSERT(hi > 2.0 && hi < 3.0);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"exact limits agree with scipy", exact_limits_agree_with_scipy},
        {"large samples approach the normal limits", large_samples_approach_the_normal_limits},
        {"over-dispersion agrees with numpy", overdispersion_agrees_with_numpy},
        {"simulated in-control and over-dispersed data", simulated_in_control_and_overdispersed},
        {"flags split at each limit", flags_split_at_each_limit},
        {"the over-dispersion note follows the test", overdispersion_note_follows_the_test},
        {"refuses bad input", refuses_bad_input},
        {"options and huge denominators", options_and_huge_denominators},
        {"adjusted z-scores", adjusted_z_scores},
        {"over-dispersion never narrows the limits (phi >= 1, tau^2 >= 0)",
         overdispersion_never_narrows},
        {"over-dispersion skips units with a missing value", overdispersion_skips_missing_values},
        {"a zero on a lower limit clipped at 0 is within", zero_on_a_clipped_lower_limit_is_within},
        {"upper limits are clipped at 1 for proportions only", upper_limits_clip_proportions_only},
        {NULL, NULL}};
    return tu_add_suite("funnel", tests);
}

const test_suite_t suite_funnel = {"funnel", add};
