/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_change.c: the change between two periods against statsmodels and
 * scipy (tests/reference/change.py), the p-value adjustments against
 * statsmodels' multipletests (as R's p.adjust), and the edge cases: zeros,
 * equal figures, k = n, tiny and huge denominators. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"
#include "forcestat/change.h"
#include "forcestat/dataset.h"
#include "testutil.h"

static double cell(const fs_table_t *t, size_t r, size_t c)
{
    return strtod(fs_table_cell(t, r, c), NULL);
}

/* Agreement: relative 1e-9, or absolute 1e-15 where the reference is
 * within 1e-6 of 0.  Only differences of proportions come near 0 without
 * being 0 (a bound that crosses it), and there a bound's digits are those
 * left by the subtraction d - sqrt(...), absolute to about 1e-16 in
 * statsmodels and here alike; a relative test would ask for digits
 * neither has. */
static int agrees(double got, double want)
{
    if (fabs(want) < 1e-6)
        return fabs(got - want) <= 1e-15;
    return fabs(got - want) <= 1e-9 * fabs(want);
}

static double worst_seen;

static double rel(double got, double want)
{
    if (fabs(want) < 1e-6)
        return fabs(got - want) / 1e-6;
    return fabs(got - want) / fabs(want);
}

static fs_definition_t definition_of(const char *s)
{
    if (strcmp(s, "defined") == 0)
        return FS_DEFINED;
    return strcmp(s, "unbounded") == 0 ? FS_UNBOUNDED_ABOVE : FS_NOT_DEFINED;
}

static fs_status_t compute(const fs_table_t *ref, size_t r, fs_contrast_t *c)
{
    const char *kind = fs_table_cell(ref, r, 0);
    fs_two_periods_t x = {cell(ref, r, 1), cell(ref, r, 2), cell(ref, r, 3), cell(ref, r, 4)};
    fs_two_periods_t t = {cell(ref, r, 5), cell(ref, r, 6), cell(ref, r, 7), cell(ref, r, 8)};
    double level = cell(ref, r, 9);
    fs_error_t e;
    if (strcmp(kind, "proportion") == 0)
        return fs_change_proportion(&x, level, c, &e);
    if (strcmp(kind, "proportion_rest") == 0)
        return fs_change_proportion_against_rest(&x, &t, level, c, &e);
    if (strcmp(kind, "rate_exact") == 0)
        return fs_change_rate_ratio(&x, FS_RATE_RATIO_EXACT, level, c, &e);
    if (strcmp(kind, "rate_katz") == 0)
        return fs_change_rate_ratio(&x, FS_RATE_RATIO_KATZ, level, c, &e);
    if (strcmp(kind, "rate_difference") == 0)
        return fs_change_rate_difference(&x, 1000.0, level, c, &e);
    if (strcmp(kind, "rate_rest") == 0)
        return fs_change_rate_against_rest(&x, &t, level, c, &e);
    return FS_EINVAL;
}

/* Every committed case: the definition, the estimate, both bounds and the
 * p-value. */
static void agrees_with_statsmodels_and_scipy(void)
{
    fs_table_t *ref = tu_load("change_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    CU_ASSERT(ref->nrows >= 300);
    size_t bad = 0;
    worst_seen = 0.0;
    for (size_t r = 0; r < ref->nrows; r++) {
        fs_contrast_t c;
        CU_ASSERT_EQUAL_FATAL(compute(ref, r, &c), FS_OK);
        CU_ASSERT_EQUAL(c.defined, definition_of(fs_table_cell(ref, r, 10)));
        double got[4] = {c.estimate, c.lower, c.upper, c.p_value};
        for (size_t i = 0; i < 4; i++) {
            double want = cell(ref, r, 11 + i);
            worst_seen = fmax(worst_seen, rel(got[i], want));
            if (!agrees(got[i], want) && bad++ < 12)
                fprintf(stderr, "\n  row %zu %s %s,%s,%s,%s at %s: column %zu %.17g, reference %s",
                        r + 2, fs_table_cell(ref, r, 0), fs_table_cell(ref, r, 1),
                        fs_table_cell(ref, r, 2), fs_table_cell(ref, r, 3),
                        fs_table_cell(ref, r, 4), fs_table_cell(ref, r, 9), 11 + i, got[i],
                        fs_table_cell(ref, r, 11 + i));
        }
        CU_ASSERT(isfinite(c.estimate) && isfinite(c.lower) && isfinite(c.upper));
        CU_ASSERT(c.p_value >= 0.0 && c.p_value <= 1.0);
        if (c.defined == FS_DEFINED)
            CU_ASSERT(c.lower <= c.estimate && c.estimate <= c.upper);
    }
    fprintf(stderr, "\n  %zu cases, largest relative difference: %.3g\n", ref->nrows, worst_seen);
    CU_ASSERT_EQUAL(bad, 0);
    fs_table_free(ref);
}

/* The p-value inverts the interval: the verdict at a level and p < 1 -
 * level agree, for every method, on a grid of changes. */
static void p_values_agree_with_the_verdicts(void)
{
    static const double levels[] = {0.8, 0.9, 0.95, 0.99};
    size_t checked = 0;
    for (double k2 = 0; k2 <= 60; k2 += 3) {
        fs_two_periods_t x = {30, 100, k2, 100};
        for (size_t l = 0; l < 4; l++) {
            fs_contrast_t c[3];
            CU_ASSERT_EQUAL_FATAL(fs_change_proportion(&x, levels[l], &c[0], NULL), FS_OK);
            CU_ASSERT_EQUAL_FATAL(
                fs_change_rate_ratio(&x, FS_RATE_RATIO_EXACT, levels[l], &c[1], NULL), FS_OK);
            CU_ASSERT_EQUAL_FATAL(fs_change_rate_difference(&x, 1000, levels[l], &c[2], NULL),
                                  FS_OK);
            for (int m = 0; m < 3; m++) {
                double null = m == 1 ? 1.0 : 0.0;
                int changed = fs_contrast_verdict(&c[m], null) != FS_VERDICT_NO_CHANGE;
                if (c[m].defined == FS_NOT_DEFINED)
                    continue;
                CU_ASSERT_EQUAL(changed, c[m].p_value < 1.0 - levels[l]);
                checked++;
            }
        }
    }
    CU_ASSERT(checked > 200);
}

/* 0 of n in both periods, n of n in both, equal figures: no change, p =
 * 1; a rate with no count in either period is not defined, never NaN. */
static void zeros_and_equal_figures(void)
{
    fs_contrast_t c;
    fs_two_periods_t zero = {0, 50, 0, 80}, full = {50, 50, 80, 80}, same = {7, 70, 7, 70};
    CU_ASSERT_EQUAL_FATAL(fs_change_proportion(&zero, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.estimate, 0.0);
    CU_ASSERT_EQUAL(c.p_value, 1.0);
    CU_ASSERT(c.lower < 0.0 && c.upper > 0.0);
    CU_ASSERT_EQUAL(fs_contrast_verdict(&c, 0.0), FS_VERDICT_NO_CHANGE);
    CU_ASSERT_EQUAL_FATAL(fs_change_proportion(&full, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.estimate, 0.0);
    CU_ASSERT_EQUAL(c.p_value, 1.0);
    CU_ASSERT_EQUAL_FATAL(fs_change_rate_ratio(&same, FS_RATE_RATIO_EXACT, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.estimate, 1.0);
    CU_ASSERT_EQUAL(c.p_value, 1.0);
    for (int m = 0; m < 2; m++) {
        CU_ASSERT_EQUAL_FATAL(
            fs_change_rate_ratio(&zero, (fs_rate_ratio_method_t)m, 0.95, &c, NULL), FS_OK);
        CU_ASSERT_EQUAL(c.defined, FS_NOT_DEFINED);
        CU_ASSERT_EQUAL(c.estimate, 0.0);
        CU_ASSERT_EQUAL(c.p_value, 1.0);
        CU_ASSERT_EQUAL(fs_contrast_verdict(&c, 1.0), FS_VERDICT_NOT_DEFINED);
        CU_ASSERT_EQUAL(fs_contrast_verdict_adjusted(&c, 1.0, 0.0, 0.95), FS_VERDICT_NOT_DEFINED);
    }
    CU_ASSERT_EQUAL_FATAL(fs_change_rate_difference(&zero, 1000, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.defined, FS_NOT_DEFINED);
    fs_two_periods_t total = {0, 500, 0, 800};
    CU_ASSERT_EQUAL_FATAL(fs_change_rate_against_rest(&zero, &total, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.defined, FS_NOT_DEFINED);
}

/* A count that appears from nothing: the exact ratio is unbounded above,
 * its lower bound holds and says "increase" when above 1; Katz's is not
 * defined; one that vanishes has ratio 0 and a finite upper bound. */
static void from_nothing_and_to_nothing(void)
{
    fs_contrast_t c;
    fs_two_periods_t up = {0, 1000, 20, 1000}, down = {20, 1000, 0, 1000};
    CU_ASSERT_EQUAL_FATAL(fs_change_rate_ratio(&up, FS_RATE_RATIO_EXACT, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.defined, FS_UNBOUNDED_ABOVE);
    CU_ASSERT(c.lower > 1.0 && isfinite(c.lower));
    CU_ASSERT_EQUAL(c.estimate, 0.0);
    CU_ASSERT_EQUAL(c.upper, 0.0);
    CU_ASSERT_EQUAL(fs_contrast_verdict(&c, 1.0), FS_VERDICT_INCREASE);
    CU_ASSERT_EQUAL(fs_contrast_verdict_adjusted(&c, 1.0, c.p_value, 0.95), FS_VERDICT_INCREASE);
    /* 20 of 20 in period 2 at even odds: p = 2 / 2^20. */
    TU_ASSERT_CLOSE(c.p_value, 2.0 / 1048576.0, 1e-12);
    CU_ASSERT_EQUAL_FATAL(fs_change_rate_ratio(&up, FS_RATE_RATIO_KATZ, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.defined, FS_NOT_DEFINED);
    CU_ASSERT_EQUAL_FATAL(fs_change_rate_ratio(&down, FS_RATE_RATIO_EXACT, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.defined, FS_DEFINED);
    CU_ASSERT_EQUAL(c.estimate, 0.0);
    CU_ASSERT_EQUAL(c.lower, 0.0);
    CU_ASSERT(c.upper > 0.0 && c.upper < 1.0);
    CU_ASSERT_EQUAL(fs_contrast_verdict(&c, 1.0), FS_VERDICT_DECREASE);
    CU_ASSERT_EQUAL(fs_contrast_verdict_adjusted(&c, 1.0, c.p_value, 0.95), FS_VERDICT_DECREASE);
    CU_ASSERT_EQUAL(fs_contrast_verdict_adjusted(&c, 1.0, 0.2, 0.95), FS_VERDICT_NO_CHANGE);
}

/* 0 of n to n of n, n = 1 and n = 1e9: the largest changes there are. */
static void extreme_proportions(void)
{
    fs_contrast_t c;
    fs_two_periods_t one = {0, 1, 1, 1}, huge = {0, 1e9, 1e9, 1e9};
    CU_ASSERT_EQUAL_FATAL(fs_change_proportion(&one, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.estimate, 1.0);
    CU_ASSERT(c.lower > -1.0 && c.upper == 1.0);
    CU_ASSERT_EQUAL(fs_contrast_verdict(&c, 0.0), FS_VERDICT_NO_CHANGE);
    CU_ASSERT_EQUAL_FATAL(fs_change_proportion(&huge, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(c.p_value, 0.0);
    CU_ASSERT(c.lower > 0.99999999);
    CU_ASSERT_EQUAL(fs_contrast_verdict(&c, 0.0), FS_VERDICT_INCREASE);
    CU_ASSERT_EQUAL(fs_contrast_verdict_adjusted(&c, 0.0, 0.0, 0.95), FS_VERDICT_INCREASE);
    fs_two_periods_t fall = {1e9, 1e9, 0, 1e9};
    CU_ASSERT_EQUAL_FATAL(fs_change_proportion(&fall, 0.95, &c, NULL), FS_OK);
    CU_ASSERT_EQUAL(fs_contrast_verdict(&c, 0.0), FS_VERDICT_DECREASE);
    CU_ASSERT_EQUAL(fs_contrast_verdict_adjusted(&c, 0.0, 0.0, 0.95), FS_VERDICT_DECREASE);
}

/* A huge total still sums its binomial tails in bounded time and agrees
 * with the normal approximation to a few digits. */
static void huge_counts(void)
{
    fs_contrast_t c;
    fs_two_periods_t x = {5e8, 6e7, 5.0001e8, 6e7};
    CU_ASSERT_EQUAL_FATAL(fs_change_rate_ratio(&x, FS_RATE_RATIO_EXACT, 0.95, &c, NULL), FS_OK);
    fs_contrast_t k;
    CU_ASSERT_EQUAL_FATAL(fs_change_rate_ratio(&x, FS_RATE_RATIO_KATZ, 0.95, &k, NULL), FS_OK);
    TU_ASSERT_CLOSE(c.lower, k.lower, 1e-6);
    TU_ASSERT_CLOSE(c.upper, k.upper, 1e-6);
    TU_ASSERT_CLOSE(c.p_value, k.p_value, 1e-2);
}

static void refuses_bad_arguments(void)
{
    fs_contrast_t c;
    fs_error_t e;
    fs_two_periods_t ok = {3, 10, 4, 10}, frac = {1.5, 10, 4, 10}, over = {11, 10, 4, 10};
    fs_two_periods_t nobase = {0, 0, 4, 10}, neg = {-1, 10, 4, 10};
    CU_ASSERT_EQUAL(fs_change_proportion(&frac, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_COUNT);
    CU_ASSERT_EQUAL(fs_change_proportion(&over, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_proportion(&nobase, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_DENOMINATOR);
    CU_ASSERT_EQUAL(fs_change_proportion(&ok, 1.0, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_rate_ratio(&neg, FS_RATE_RATIO_KATZ, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_rate_ratio(&nobase, FS_RATE_RATIO_KATZ, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_rate_ratio(&frac, FS_RATE_RATIO_EXACT, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_rate_ratio(&frac, FS_RATE_RATIO_KATZ, 0.95, &c, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_change_rate_ratio(&ok, (fs_rate_ratio_method_t)7, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_rate_ratio(&ok, FS_RATE_RATIO_EXACT, 0.0, &c, &e), FS_EINVAL);
    fs_two_periods_t big = {1e12, 10, 1e12, 10};
    CU_ASSERT_EQUAL(fs_change_rate_ratio(&big, FS_RATE_RATIO_EXACT, 0.95, &c, &e), FS_ELIMIT);
    fs_two_periods_t wide = {1, 1e300, 1e300, 1e-300};
    CU_ASSERT_EQUAL(fs_change_rate_ratio(&wide, FS_RATE_RATIO_KATZ, 0.95, &c, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BEYOND_LIMIT);
    fs_two_periods_t tiny = {1e300, 1e-300, 1, 1};
    CU_ASSERT_EQUAL(fs_change_rate_difference(&tiny, 1000, 0.95, &c, &e), FS_EDOM);
    CU_ASSERT_EQUAL(fs_change_rate_difference(&ok, 0, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_rate_difference(&neg, 1000, 0.95, &c, &e), FS_EINVAL);
    fs_two_periods_t total = {30, 100, 40, 100}, small = {2, 100, 40, 100};
    CU_ASSERT_EQUAL(fs_change_proportion_against_rest(&ok, &small, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_proportion_against_rest(&ok, &ok, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_DENOMINATOR);
    CU_ASSERT_EQUAL(fs_change_proportion_against_rest(&ok, &total, 0.95, &c, &e), FS_OK);
    /* The total is checked as the force is: a count over its trials. */
    fs_two_periods_t over_total = {300, 200, 40, 200};
    CU_ASSERT_EQUAL(fs_change_proportion_against_rest(&ok, &over_total, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_COUNT);
    fs_two_periods_t negative = {30, 100, -1, 100};
    CU_ASSERT_EQUAL(fs_change_rate_against_rest(&ok, &negative, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_COUNT);
    CU_ASSERT_EQUAL(fs_change_rate_against_rest(&ok, &small, 0.95, &c, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_rate_against_rest(&ok, &ok, 0.95, &c, &e), FS_EINVAL);
    fs_two_periods_t wide_total = {2, 2e300, 2e300, 1e300};
    CU_ASSERT_EQUAL(fs_change_rate_against_rest(&wide, &wide_total, 0.95, &c, &e), FS_EDOM);
}

static void adjusts_as_p_adjust(void)
{
    fs_table_t *ref = tu_load("adjust_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    size_t n = ref->nrows;
    CU_ASSERT_EQUAL_FATAL(n, 43);
    double p[43], holm[43], bh[43], same[43];
    for (size_t i = 0; i < n; i++)
        p[i] = cell(ref, i, 0);
    CU_ASSERT_EQUAL_FATAL(fs_p_adjust(p, n, FS_ADJUST_HOLM, holm, NULL), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_p_adjust(p, n, FS_ADJUST_BH, bh, NULL), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_p_adjust(p, n, FS_ADJUST_NONE, same, NULL), FS_OK);
    for (size_t i = 0; i < n; i++) {
        TU_ASSERT_CLOSE(holm[i], cell(ref, i, 1), 1e-12);
        TU_ASSERT_CLOSE(bh[i], cell(ref, i, 2), 1e-12);
        CU_ASSERT_EQUAL(same[i], p[i]);
        CU_ASSERT(bh[i] <= holm[i]);
    }
    /* In place. */
    CU_ASSERT_EQUAL_FATAL(fs_p_adjust(p, n, FS_ADJUST_BH, p, NULL), FS_OK);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_EQUAL(p[i], bh[i]);
    fs_table_free(ref);
}

static void adjust_names_and_errors(void)
{
    fs_adjust_t m = FS_ADJUST_NONE;
    CU_ASSERT_EQUAL(fs_adjust_parse("holm", &m), FS_OK);
    CU_ASSERT_EQUAL(m, FS_ADJUST_HOLM);
    CU_ASSERT_EQUAL(fs_adjust_parse("fdr", &m), FS_OK);
    CU_ASSERT_EQUAL(m, FS_ADJUST_BH);
    CU_ASSERT_EQUAL(fs_adjust_parse("bonferroni", &m), FS_EINVAL);
    CU_ASSERT_EQUAL(m, FS_ADJUST_BH);
    CU_ASSERT_STRING_EQUAL(fs_adjust_name(FS_ADJUST_BH), "bh");
    CU_ASSERT_STRING_EQUAL(fs_adjust_name((fs_adjust_t)9), "unknown");
    CU_ASSERT_STRING_EQUAL(fs_verdict_name(FS_VERDICT_INCREASE), "significant increase");
    CU_ASSERT_STRING_EQUAL(fs_verdict_name(FS_VERDICT_NO_CHANGE), "no significant change");
    CU_ASSERT_STRING_EQUAL(fs_verdict_name((fs_verdict_t)9), "unknown");
    double p[3] = {0.1, NAN, 0.2}, out[3];
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_p_adjust(p, 3, FS_ADJUST_HOLM, out, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(e.index, 1);
    p[1] = 1.5;
    CU_ASSERT_EQUAL(fs_p_adjust(p, 3, FS_ADJUST_NONE, out, &e), FS_EINVAL);
    p[1] = 0.5;
    CU_ASSERT_EQUAL(fs_p_adjust(p, 3, (fs_adjust_t)9, out, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_p_adjust(p, 0, FS_ADJUST_HOLM, out, &e), FS_OK);
    /* Every allocation failing in turn. */
    fa_arm(1);
    CU_ASSERT_EQUAL(fs_p_adjust(p, 3, FS_ADJUST_HOLM, out, &e), FS_ENOMEM);
    fa_disarm();
}

/* The change funnel's limits against values worked by hand: 30 of 100
 * then 40 of 100 at a size of 400, se = sqrt((0.3 x 0.7 + 0.4 x 0.6) /
 * 400) = 0.0335410, z = 1.959964; rates 100 then 150 per 100,000 at a
 * size of 200,000, E = 200 and 300, se = sqrt(1/200 + 1/300) = 0.0912871,
 * z(99.8%) = 3.090232, 1.5 exp(-/+ z se). */
static void change_funnel_limits(void)
{
    fs_two_periods_t p = {30, 100, 40, 100}, r = {100, 1e5, 150, 1e5};
    double lo = 0, hi = 0;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_change_funnel_limits(&p, 0, 400, 0.95, &lo, &hi, &e), FS_OK);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0.034260809456756386, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 0.16573919054324363, 1e-12);
    CU_ASSERT_EQUAL_FATAL(fs_change_funnel_limits(&r, 1, 2e5, 0.998, &lo, &hi, &e), FS_OK);
    CU_ASSERT_DOUBLE_EQUAL(lo, 1.131299287833291, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 1.9888636227370822, 1e-12);
    /* At a size of 1 the proportions' limits are held within [-1, 1]. */
    CU_ASSERT_EQUAL(fs_change_funnel_limits(&p, 0, 1, 0.95, &lo, &hi, &e), FS_OK);
    CU_ASSERT_DOUBLE_EQUAL(lo, -1.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(hi, 1.0, 0);
    CU_ASSERT_EQUAL(fs_change_funnel_limits(&p, 0, 0, 0.95, &lo, &hi, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_funnel_limits(&p, 0, NAN, 0.95, &lo, &hi, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_funnel_limits(&p, 0, 400, 1.0, &lo, &hi, &e), FS_EINVAL);
    fs_two_periods_t over = {130, 100, 40, 100}, none = {0, 1e5, 150, 1e5};
    CU_ASSERT_EQUAL(fs_change_funnel_limits(&over, 0, 400, 0.95, &lo, &hi, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_funnel_limits(&none, 1, 400, 0.95, &lo, &hi, &e), FS_EDOM);
    CU_ASSERT_EQUAL(fs_change_funnel_limits(&none, 0, 400, 0.95, &lo, &hi, &e), FS_OK);
}

/* fs_change_funnel_dispersion and fs_change_funnel_limits_adjusted against
 * tests/reference/change_funnel_od.py (Spiegelhalter 2005 from the
 * papers, standard library only): 12 forces' proportions and 12 forces'
 * rates, England and Wales their sum; phi, tau^2 and the limits at 100 and
 * 2,000 (95%, 99.8%) unwidened, multiplicative and additive. */
static const double od_props[12][4] = {
    {30, 100, 40, 100}, {120, 400, 150, 420},   {55, 250, 50, 240}, {300, 1000, 390, 1010},
    {12, 60, 20, 64},   {900, 3000, 960, 3100}, {80, 200, 70, 210}, {450, 1500, 520, 1480},
    {20, 90, 35, 95},   {610, 2000, 600, 2050}, {33, 150, 51, 160}, {240, 800, 230, 790}};
static const double od_rates[12][4] = {
    {100, 1e5, 150, 1e5},     {420, 3e5, 400, 3.1e5},   {55, 4e4, 90, 4.2e4},
    {1200, 9e5, 1500, 9.2e5}, {30, 2e4, 28, 2.1e4},     {800, 5e5, 1100, 5e5},
    {260, 2e5, 250, 2.05e5},  {75, 6e4, 130, 6e4},      {2000, 1.5e6, 2300, 1.52e6},
    {150, 1.1e5, 120, 1.1e5}, {340, 2.5e5, 500, 2.6e5}, {95, 7e4, 99, 7.1e4}};

static void od_fit(const double (*rows)[4], int is_rate, fs_overdispersion_t method,
                   fs_two_periods_t *national, fs_change_dispersion_t *d)
{
    double y[12], size[12];
    memset(national, 0, sizeof *national);
    for (size_t i = 0; i < 12; i++) {
        const double *r = rows[i];
        national->count1 += r[0];
        national->base1 += r[1];
        national->count2 += r[2];
        national->base2 += r[3];
        y[i] = is_rate ? (r[2] / r[3]) / (r[0] / r[1]) : r[2] / r[3] - r[0] / r[1];
        size[i] = r[3];
    }
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(
        fs_change_funnel_dispersion(national, is_rate, y, size, 12, method, d, &e), FS_OK);
}

static void od_limits(const fs_two_periods_t *national, int is_rate, double size, double level,
                      const fs_change_dispersion_t *d, double lo, double hi)
{
    double l = 0, u = 0;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(
        fs_change_funnel_limits_adjusted(national, is_rate, size, level, d, &l, &u, &e), FS_OK);
    CU_ASSERT_DOUBLE_EQUAL(l / lo, 1.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(u / hi, 1.0, 1e-9);
}

static void change_funnel_overdispersion(void)
{
    fs_two_periods_t n;
    fs_change_dispersion_t d;
    od_fit(od_props, 0, FS_OVERDISPERSION_MULTIPLICATIVE, &n, &d);
    CU_ASSERT_DOUBLE_EQUAL(d.phi, 2.262274486433896, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(d.tau2 / 0.0008765244829322631, 1.0, 1e-9);
    CU_ASSERT_EQUAL(d.n, 12);
    CU_ASSERT_EQUAL(d.overdispersed, 1); /* 12 phi = 27.1 > chi2(11, 0.95) = 19.7 */
    od_limits(&n, 0, 100, 0.95, NULL, -0.10592273126743629, 0.15028232485240972);
    od_limits(&n, 0, 100, 0.95, &d, -0.17049741332843235, 0.21485700691340578);
    od_limits(&n, 0, 2000, 0.998, &d, -0.04574969866421645, 0.09010929224918988);
    d.method = FS_OVERDISPERSION_ADDITIVE;
    od_limits(&n, 0, 100, 0.95, &d, -0.11845231334548234, 0.16281190693045577);
    od_limits(&n, 0, 2000, 0.998, &d, -0.07985022915836881, 0.12420982274334225);
    d.method = FS_OVERDISPERSION_NONE;
    od_limits(&n, 0, 2000, 0.998, &d, -0.02298351075373333, 0.06734310433870677);
    od_fit(od_rates, 1, FS_OVERDISPERSION_ADDITIVE, &n, &d);
    CU_ASSERT_EQUAL(d.method, FS_OVERDISPERSION_ADDITIVE);
    CU_ASSERT_DOUBLE_EQUAL(d.phi, 5.331221139209778, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(d.tau2, 0.022127919128020656, 1e-12);
    od_limits(&n, 1, 100, 0.95, &d, 0.0008774059677438372, 1604.4353574024396);
    od_limits(&n, 1, 2000, 0.998, &d, 0.08981904703350144, 15.673080531783489);
    od_limits(&n, 1, 2000, 0.998, NULL, 0.09360311648942422, 15.039468879256503);
    d.method = FS_OVERDISPERSION_MULTIPLICATIVE;
    od_limits(&n, 1, 100, 0.95, &d, 7.091401485831304e-08, 19851381.42660236);
    od_limits(&n, 1, 2000, 0.998, &d, 0.0033694825475204756, 417.7914969406923);
    /* phi at or below 1: the multiplicative limits are not widened. */
    d.phi = 0.9;
    od_limits(&n, 1, 2000, 0.998, &d, 0.09360311648942422, 15.039468879256503);
}

/* What fs_change_funnel_dispersion leaves out and refuses. */
static void change_funnel_dispersion_edges(void)
{
    fs_two_periods_t n = {100, 1e5, 150, 1e5};
    fs_change_dispersion_t d;
    fs_error_t e;
    double y[4] = {1.5, NAN, 0.0, 1.2}, size[4] = {1e4, 1e4, 1e4, 2e4};
    /* A rate ratio of 0 has no log, a NaN is not defined: two counted. */
    CU_ASSERT_EQUAL_FATAL(
        fs_change_funnel_dispersion(&n, 1, y, size, 4, FS_OVERDISPERSION_MULTIPLICATIVE, &d, &e),
        FS_OK);
    CU_ASSERT_EQUAL(d.n, 2);
    /* Two z-scores, neither winsorised (floor(0.2) = 0); the first is
     * England and Wales's ratio, z = 0. */
    double se2 = sqrt(1 / (1e-3 * 2e4) + 1 / (1.5e-3 * 2e4));
    double z2 = (log(1.2) - log(1.5)) / se2;
    CU_ASSERT_DOUBLE_EQUAL(d.phi, z2 * z2 / 2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(d.tau2, 0.0, 0); /* 2 phi = 0.05 < 1 */
    CU_ASSERT_EQUAL(
        fs_change_funnel_dispersion(&n, 1, y, size, 3, FS_OVERDISPERSION_MULTIPLICATIVE, &d, &e),
        FS_EINVAL);
    CU_ASSERT_EQUAL(fs_change_funnel_dispersion(&n, 1, y, size, 4, (fs_overdispersion_t)7, &d, &e),
                    FS_EINVAL);
    size[3] = 0;
    CU_ASSERT_EQUAL(
        fs_change_funnel_dispersion(&n, 1, y, size, 4, FS_OVERDISPERSION_ADDITIVE, &d, &e),
        FS_EINVAL);
    fs_two_periods_t none = {0, 1e5, 150, 1e5};
    size[3] = 2e4;
    CU_ASSERT_EQUAL(
        fs_change_funnel_dispersion(&none, 1, y, size, 4, FS_OVERDISPERSION_ADDITIVE, &d, &e),
        FS_EDOM);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"agrees with statsmodels and scipy", agrees_with_statsmodels_and_scipy},
        {"p-values agree with the verdicts", p_values_agree_with_the_verdicts},
        {"zeros and equal figures", zeros_and_equal_figures},
        {"from nothing and to nothing", from_nothing_and_to_nothing},
        {"extreme proportions", extreme_proportions},
        {"huge counts", huge_counts},
        {"refuses bad arguments", refuses_bad_arguments},
        {"adjusts as p.adjust", adjusts_as_p_adjust},
        {"adjust names and errors", adjust_names_and_errors},
        {"change funnel limits", change_funnel_limits},
        {"change funnel over-dispersion", change_funnel_overdispersion},
        {"change funnel dispersion edges", change_funnel_dispersion_edges},
        {NULL, NULL}};
    return tu_add_suite("change", tests);
}

const test_suite_t suite_change = {"change", add};
