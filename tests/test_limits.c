/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_limits.c: the library at the far ends of double precision (issue
 * 25, part B): every loop ends, no result is infinite with FS_OK, exact
 * intervals hold their digits up to 1e18 trials against 40-digit
 * references (tests/reference/intervals_bign.py), bands that fit in a
 * double are computed, and the contracts' enums and ranges are checked. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/bands.h"
#include "forcestat/dataset.h"
#include "forcestat/funnel.h"
#include "forcestat/intervals.h"
#include "forcestat/spine.h"
#include "testutil.h"

static double cell(const fs_table_t *t, size_t r, size_t c)
{
    return strtod(fs_table_cell(t, r, c), NULL);
}

/* Relative difference; an exact 0 or 1 in the reference (the bounds at K
 * = 0 and K = N) must be met exactly. */
static double rel_diff(double got, double want)
{
    if (want == 0.0 || want == 1.0)
        return got == want ? 0.0 : INFINITY;
    return fabs(got - want) / fabs(want);
}

/* Clopper-Pearson and Jeffreys at N = 1e6 ... 1e18, K = 0, 1, 502, N/2,
 * N-1 (N - 128 at 1e18, the largest double below it), N, levels 0.95 and
 * 0.998, and Wilson at N = 1e18 ... 1e308: each bound within 1e-9 of the
 * 40-digit reference, relatively.  Before the fix Clopper-Pearson's upper
 * bound at 502 of 1e18 was 6.106e-16 (the reference 5.479e-16) and
 * Wilson's width was 0 at 1e308. */
static void intervals_hold_their_digits_to_1e18(void)
{
    fs_table_t *ref = tu_load("intervals_bign.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    CU_ASSERT_EQUAL(ref->nrows, 144);
    size_t bad = 0, wilson = 0;
    double worst = 0.0;
    for (size_t r = 0; r < ref->nrows; r++) {
        fs_ci_method_t m;
        CU_ASSERT_EQUAL_FATAL(fs_ci_method_parse(fs_table_cell(ref, r, 0), &m), FS_OK);
        double k = cell(ref, r, 1), n = cell(ref, r, 2), level = cell(ref, r, 3);
        fs_interval_t ci;
        fs_error_t e;
        fs_status_t st = fs_proportion_ci(k, n, m, level, 0, &ci, &e);
        CU_ASSERT_EQUAL(st, FS_OK);
        if (st != FS_OK) {
            fprintf(stderr, "\n  %s %s/%s: %s", fs_table_cell(ref, r, 0),
                    fs_table_cell(ref, r, 1), fs_table_cell(ref, r, 2), e.message);
            bad++;
            continue;
        }
        double dl = rel_diff(ci.lower, cell(ref, r, 4)), du = rel_diff(ci.upper, cell(ref, r, 5));
        worst = fmax(worst, fmax(dl, du));
        if (dl > 1e-9 || du > 1e-9) {
            if (bad++ < 10)
                fprintf(stderr, "\n  %s %s/%s at %s: [%.17g, %.17g], reference [%s, %s]",
                        fs_table_cell(ref, r, 0), fs_table_cell(ref, r, 1),
                        fs_table_cell(ref, r, 2), fs_table_cell(ref, r, 3), ci.lower, ci.upper,
                        fs_table_cell(ref, r, 4), fs_table_cell(ref, r, 5));
        }
        CU_ASSERT(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
        if (m == FS_CI_WILSON) {
            wilson++;
            /* The width is kept wherever a double can show it (at K = N/2
             * and N = 1e308 it is 1e-154 of the bounds, and they round to
             * one value). */
            if (cell(ref, r, 5) - cell(ref, r, 4) > 4.0 * DBL_EPSILON * cell(ref, r, 5))
                CU_ASSERT(ci.upper > ci.lower);
        }
    }
    fprintf(stderr, "\n  largest relative difference from the 40-digit reference: %.3g\n", worst);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(wilson, 24);
    fs_table_free(ref);
}

/* Beyond 1e18 trials the exact intervals are refused, naming the limit:
 * Jeffreys at 1e20 was [5.55e-17, 5.55e-17], excluding its estimate. */
static void exact_intervals_refused_beyond_their_limit(void)
{
    fs_interval_t ci;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_proportion_ci(502, 1e20, FS_CI_JEFFREYS, 0.95, 0, &ci, &e), FS_ELIMIT);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "the jeffreys interval is computed for up to 1e+18 trials (got 1e+20)");
    CU_ASSERT_EQUAL(fs_proportion_ci(502, 2e18, FS_CI_CLOPPER_PEARSON, 0.95, 0, &ci, &e),
                    FS_ELIMIT);
    CU_ASSERT_EQUAL(fs_proportion_ci(502, 1e18, FS_CI_CLOPPER_PEARSON, 0.95, 0, &ci, &e), FS_OK);
    /* Wilson has no limit: its width at the largest double, by hand:
     * centre (k + z^2/2) / (n + z^2) and half-width z sqrt(k) / n to
     * within 1e-12 when k is tiny beside n. */
    double z = 1.959963984540054;
    CU_ASSERT_EQUAL(fs_proportion_ci(502, DBL_MAX, FS_CI_WILSON, 0.95, 0, &ci, &e), FS_OK);
    TU_ASSERT_CLOSE(ci.upper - ci.lower, 2.0 * z * sqrt(502.0 + z * z / 4.0) / DBL_MAX, 1e-12);
    /* Wald and Agresti-Coull too: p(1 - p) / n underflowed to 0 there.
     * By hand, Wald's half-width z sqrt(p (1 - p) / n) = z sqrt(502) / n
     * and Agresti-Coull's z sqrt(502 + z^2/2) / n, to 1e-12. */
    CU_ASSERT_EQUAL(fs_proportion_ci(502, 1e308, FS_CI_WALD, 0.95, 0, &ci, &e), FS_OK);
    TU_ASSERT_CLOSE(ci.margin, z * sqrt(502.0) / 1e308, 1e-12);
    CU_ASSERT_EQUAL(fs_proportion_ci(502, 1e308, FS_CI_AGRESTI_COULL, 0.95, 0, &ci, &e), FS_OK);
    TU_ASSERT_CLOSE(ci.margin, z * sqrt(502.0 + z * z / 2.0) / 1e308, 1e-12);
}

/* A rate that passes the largest double is an error naming the limit,
 * never FS_OK with inf. */
static void an_overflowing_rate_is_refused(void)
{
    fs_interval_t ci;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_rate_ci(1e200, 1e-200, 1000, 0.95, &ci, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "the rate 1e+200 / 1e-200 per 1000 or its interval is "
                                      "beyond double precision (over 1.79769e+308)");
    /* The largest rate that fits is computed, finite. */
    CU_ASSERT_EQUAL(fs_rate_ci(1e300, 1e-5, 1, 0.95, &ci, &e), FS_OK);
    CU_ASSERT(isfinite(ci.lower) && isfinite(ci.upper) && isfinite(ci.margin));
}

/* 42 units of 100 and one of 1e305: fs_funnel_limits looped for ever
 * (log_pmf's 2 pi k (n - k) overflowed to inf, and the walk up from -inf
 * never ended).  Now the fit, the limits and every z are finite.  By hand:
 * the target is the pooled k / n, sum k / (4200 + 1e305). */
static void a_funnel_of_1e305_ends(void)
{
    double num[43], den[43];
    double sum_k = 0;
    for (int i = 0; i < 43; i++) {
        num[i] = i == 4 ? 5 : 41 + i;
        den[i] = i == 4 ? 1e305 : 100;
        sum_k += num[i];
    }
    fs_funnel_t f;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 43, NULL, &f, &e), FS_OK);
    TU_ASSERT_CLOSE(f.theta, sum_k / 1e305, 1e-12);
    double lo, hi;
    fs_funnel_limits(&f, 1e305, 0.95, &lo, &hi);
    CU_ASSERT(isfinite(lo) && isfinite(hi) && lo < f.theta && f.theta < hi);
    /* The exact (interpolated) limits, from the Poisson CDF in 30 digits
     * (tests/reference/funnel_bign.py): the normal ones differ from them
     * by 1e-5, so these are the exact sums, not the fallback. */
    TU_ASSERT_CLOSE(lo, 2.5255345076942192399e-302, 1e-9);
    TU_ASSERT_CLOSE(hi, 2.726412480395788368e-302, 1e-9);
    for (int i = 0; i < 43; i++)
        CU_ASSERT(isfinite(fs_funnel_z(&f, num[i], den[i])));
    /* z of the big unit by hand: (5 / 1e305 - theta) / sqrt(theta / 1e305). */
    TU_ASSERT_CLOSE(fs_funnel_z(&f, 5, 1e305),
                    (5.0 - sum_k) / sqrt(sum_k), 1e-9);
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    o.overdispersion = FS_OVERDISPERSION_ADDITIVE;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 43, &o, &f, &e), FS_OK);
    CU_ASSERT(isfinite(f.tau2) && isfinite(f.phi));
    fs_funnel_limits(&f, 1e305, 0.95, &lo, &hi);
    CU_ASSERT(isfinite(lo) && isfinite(hi));
}

/* A unit whose rate overflows (count 1e200, population 1e-200) was
 * flagged "within" with an empty value; now it is an error naming the unit
 * and the limit. */
static void a_funnel_rate_that_overflows_is_refused(void)
{
    double num[] = {10, 1e200, 30}, den[] = {1000, 1e-200, 2000};
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    o.type = FS_FUNNEL_RATE;
    fs_funnel_t f;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_funnel_fit(num, den, 3, &o, &f, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "unit 2: the rate 1e+200 / 1e-200 per 1000 is beyond "
                                      "double precision (over 1.79769e+308)");
    /* Rates of 1e306 per 1000 fit, but at populations of 1e-305 their
     * limits (the target 1e303 per person +/- about 43 SD of 1e304) pass
     * the largest double: refused, never an infinite limit. */
    double tiny_num[] = {0.01, 0.01}, tiny_den[] = {1e-305, 1e-305};
    CU_ASSERT_EQUAL(fs_funnel_fit(tiny_num, tiny_den, 2, &o, &f, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "unit 1: its funnel limits are beyond double precision "
                                      "(over 1.79769e+308)");
    double inf_num[] = {10, INFINITY, 30};
    CU_ASSERT_EQUAL(fs_funnel_fit(inf_num, num, 3, &o, &f, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "unit 2: the values must be finite");
}

/* One value of -1e308 among 42 small ones: the band's lines are
 * -1e308 (1/43 + 1/sqrt(43)) and 1e308 (1/sqrt(43) - 1/43) by hand (mean
 * -1e308/43, sample SD 1e308 sqrt((42/43)/42) = 1e308/sqrt(43); the
 * small values move them by 1e-306 relatively).  It was refused as
 * "beyond double precision" (the unit 2^1024 overflowed). */
static void a_band_that_fits_is_computed(void)
{
    double x[43];
    for (int i = 0; i < 43; i++)
        x[i] = i == 4 ? -1e308 : 41 + i;
    fs_band_t b;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, 43, NULL, &b, &e), FS_OK);
    TU_ASSERT_CLOSE(b.centre, -1e308 / 43.0, 1e-12);
    TU_ASSERT_CLOSE(b.lower, -1e308 * (1.0 / 43.0 + 1.0 / sqrt(43.0)), 1e-12);
    TU_ASSERT_CLOSE(b.upper, 1e308 * (1.0 / sqrt(43.0) - 1.0 / 43.0), 1e-12);
    CU_ASSERT_EQUAL(fs_band_flag(fs_band_z(&b, -1e308)), FS_FLAG_BELOW);
    CU_ASSERT_EQUAL(fs_band_flag(fs_band_z(&b, 50)), FS_FLAG_WITHIN);
    /* A band that truly overflows is still refused, with its reason. */
    /* (mean 0.597e308, SD 2.07e308: the upper line passes 1.8e308.) */
    double y[] = {-1.79e308, 1.79e308, 1.79e308};
    CU_ASSERT_EQUAL(fs_band_compute(y, 3, NULL, &b, &e), FS_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "beyond double precision"));
}

/* The contracts: enums out of range, infinite inputs and bad ranges are
 * FS_EINVAL or FS_EDOM, never accepted. */
static void contracts_check_enums_and_ranges(void)
{
    double x[] = {1, 2, 3, 5, 8};
    fs_error_t e;
    fs_band_options_t bo;
    fs_band_options_init(&bo);
    bo.log_rule = (fs_log_rule_t)7;
    fs_band_t b;
    CU_ASSERT_EQUAL(fs_band_compute(x, 5, &bo, &b, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "unknown log rule 7");

    double num[] = {1, 2, 3}, den[] = {10, 20, 30};
    fs_funnel_options_t fo;
    fs_funnel_options_init(&fo);
    fo.overdispersion = (fs_overdispersion_t)9;
    fs_funnel_t f;
    CU_ASSERT_EQUAL(fs_funnel_fit(num, den, 3, &fo, &f, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "unknown over-dispersion adjustment 9");
    fs_funnel_options_init(&fo);
    fo.type = (fs_funnel_type_t)5;
    CU_ASSERT_EQUAL(fs_funnel_fit(num, den, 3, &fo, &f, &e), FS_EINVAL);

    fs_spine_row_t row;
    CU_ASSERT_EQUAL(fs_spine_compute(x, 5, 3, 2, (fs_spine_orientation_t)3, &row, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "unknown spine orientation 3");
    double xi[] = {1, INFINITY, 3};
    CU_ASSERT_EQUAL(fs_spine_compute(xi, 3, 2, 2, FS_SPINE_NEUTRAL, &row, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "value 2 of the spine row is infinite");
    CU_ASSERT_EQUAL(fs_spine_compute(x, 5, 3, -INFINITY, FS_SPINE_NEUTRAL, &row, &e), FS_EDOM);
    double wide[] = {-1.5e308, 1.5e308};
    CU_ASSERT_EQUAL(fs_spine_compute(wide, 2, -1.5e308, NAN, FS_SPINE_NEUTRAL, &row, &e), FS_EDOM);
    CU_ASSERT_EQUAL(fs_spine_compute(x, 5, 3, 2, FS_SPINE_LOWER_BETTER, &row, &e), FS_OK);

    /* A range with start > end was opened, and pread then asked for a
     * negative length. */
    const char *path = tu_path(FORCESTAT_TEST_DATA, "props.csv");
    fs_reader_t *r = (fs_reader_t *)1;
    CU_ASSERT_EQUAL(fs_reader_open_range(&r, path, 20, 10, 1, NULL, &e), FS_EINVAL);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_STRING_EQUAL(e.message, "a range needs 0 <= start <= end and a first line >= 1 "
                                      "(got bytes 20 to 10 from line 1)");
    CU_ASSERT_EQUAL(fs_reader_open_range(&r, path, -1, 10, 1, NULL, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_reader_open_range(&r, path, 0, 1000000, 1, NULL, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_reader_open_range(&r, path, 0, 10, 1, NULL, &e), FS_OK);
    fs_reader_free(r);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"intervals hold their digits to 1e18", intervals_hold_their_digits_to_1e18},
        {"exact intervals refused beyond their limit", exact_intervals_refused_beyond_their_limit},
        {"an overflowing rate is refused", an_overflowing_rate_is_refused},
        {"a funnel of 1e305 ends", a_funnel_of_1e305_ends},
        {"a funnel rate that overflows is refused", a_funnel_rate_that_overflows_is_refused},
        {"a band that fits is computed", a_band_that_fits_is_computed},
        {"contracts check enums and ranges", contracts_check_enums_and_ranges},
        {NULL, NULL}};
    return tu_add_suite("limits", tests);
}

const test_suite_t suite_limits = {"limits", add};
