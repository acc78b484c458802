/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_intervals.c: proportion intervals against statsmodels, rate
 * intervals against scipy (tests/reference/intervals_reference.py),
 * and the figure inspection reports quote. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/dataset.h"
#include "forcestat/intervals.h"
#include "testutil.h"

static double cell(const fs_table_t *t, size_t r, size_t c)
{
    return strtod(fs_table_cell(t, r, c), NULL);
}

/* Relative difference, with an exact zero required where the reference
 * is zero (K = 0's lower bound). */
static double rel_diff(double got, double want)
{
    if (want == 0.0)
        return got == 0.0 ? 0.0 : INFINITY;
    return fabs(got - want) / fabs(want);
}

/* All five methods, five levels, K = 0, K = N, N = 1, N = 250,000 and
 * 987,654: bounds within 1e-9 of statsmodels' relatively, as the README
 * states (with the documented clipping and Jeffreys boundary
 * conventions); an absolute 1e-9 would accept a 25% error on a bound of
 * 4e-9. */
static void proportions_agree_with_statsmodels(void)
{
    fs_table_t *ref = tu_load("intervals_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    CU_ASSERT_EQUAL(ref->nrows, 500);
    size_t bad = 0;
    double worst = 0.0;
    for (size_t r = 0; r < ref->nrows; r++) {
        fs_ci_method_t m;
        CU_ASSERT_EQUAL_FATAL(fs_ci_method_parse(fs_table_cell(ref, r, 0), &m), FS_OK);
        fs_interval_t ci;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_proportion_ci(cell(ref, r, 1), cell(ref, r, 2), m,
                                               cell(ref, r, 3), 0, &ci, &e),
                              FS_OK);
        double dl = rel_diff(ci.lower, cell(ref, r, 4)), du = rel_diff(ci.upper, cell(ref, r, 5));
        /* K = 0: the exact lower bound is 0, and ours is exactly 0, where
         * statsmodels' Wilson leaves a rounding residue (2.8e-17). */
        if (cell(ref, r, 1) == 0.0 && ci.lower == 0.0 && cell(ref, r, 4) < 1e-15)
            dl = 0.0;
        if (cell(ref, r, 1) == cell(ref, r, 2) && ci.upper == 1.0 && cell(ref, r, 5) > 1.0 - 1e-15)
            du = 0.0;
        worst = fmax(worst, fmax(dl, du));
        if (dl > 1e-9 || du > 1e-9) {
            if (bad++ < 10)
                fprintf(stderr, "\n  %s %s/%s at %s: [%.17g, %.17g], reference [%s, %s]",
                        fs_table_cell(ref, r, 0), fs_table_cell(ref, r, 1),
                        fs_table_cell(ref, r, 2), fs_table_cell(ref, r, 3), ci.lower, ci.upper,
                        fs_table_cell(ref, r, 4), fs_table_cell(ref, r, 5));
        }
        CU_ASSERT(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
    }
    fprintf(stderr, "\n  largest relative difference from statsmodels: %.3g\n", worst);
    CU_ASSERT_EQUAL(bad, 0);
    fs_table_free(ref);
}

static void rates_agree_with_scipy(void)
{
    fs_table_t *ref = tu_load("rates_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    CU_ASSERT(ref->nrows > 100);
    size_t bad = 0;
    for (size_t r = 0; r < ref->nrows; r++) {
        fs_interval_t ci;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_rate_ci(cell(ref, r, 0), cell(ref, r, 1), cell(ref, r, 2),
                                         cell(ref, r, 3), &ci, &e),
                              FS_OK);
        int ok = tu_close(ci.lower, cell(ref, r, 4), 1e-9) && tu_close(ci.upper, cell(ref, r, 5), 1e-9);
        if (!ok && bad++ < 10)
            fprintf(stderr, "\n  count %s pop %s level %s", fs_table_cell(ref, r, 0),
                    fs_table_cell(ref, r, 1), fs_table_cell(ref, r, 3));
        TU_ASSERT_CLOSE(ci.estimate, cell(ref, r, 0) / cell(ref, r, 1) * 1000.0, 1e-15);
    }
    CU_ASSERT_EQUAL(bad, 0);
    fs_table_free(ref);
}

/* "85.7 percent (with a confidence interval of +/- 4.9 percent)" for 168
 * of 196 stop and search records (HMICFRS PEEL report). */
static void reproduces_the_published_margin(void)
{
    fs_interval_t ci;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_proportion_ci(168, 196, FS_CI_WALD, 0.95, 0, &ci, &e), FS_OK);
    CU_ASSERT(fabs(100.0 * ci.estimate - 85.7) < 0.05);
    CU_ASSERT(fabs(100.0 * ci.margin - 4.9) < 0.05);
    /* A finite population narrows the Wald interval: 196 of 400 records. */
    fs_interval_t fpc;
    CU_ASSERT_EQUAL_FATAL(fs_proportion_ci(168, 196, FS_CI_WALD, 0.95, 400, &fpc, &e), FS_OK);
    TU_ASSERT_CLOSE(fpc.margin, ci.margin * sqrt((400.0 - 196.0) / 399.0), 1e-12);
    /* The whole population sampled: no sampling error at all. */
    CU_ASSERT_EQUAL_FATAL(fs_proportion_ci(168, 196, FS_CI_WALD, 0.95, 196, &fpc, &e), FS_OK);
    CU_ASSERT_EQUAL(fpc.margin, 0.0);
}

static void refuses_bad_arguments(void)
{
    fs_interval_t ci;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_proportion_ci(5, 4, FS_CI_WILSON, 0.95, 0, &ci, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "successes (5) exceed trials (4)");
    CU_ASSERT_EQUAL(fs_proportion_ci(-1, 4, FS_CI_WILSON, 0.95, 0, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_proportion_ci(1.5, 4, FS_CI_WILSON, 0.95, 0, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_proportion_ci(0, 0, FS_CI_WILSON, 0.95, 0, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_proportion_ci(1, 4, FS_CI_WILSON, 1.0, 0, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_proportion_ci(1, 4, FS_CI_WILSON, 0.0, 0, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_proportion_ci(1, 4, FS_CI_WILSON, NAN, 0, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_proportion_ci(1, 4, FS_CI_WILSON, 0.95, 100, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_proportion_ci(1, 4, FS_CI_WALD, 0.95, 3, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_proportion_ci(1, 4, (fs_ci_method_t)99, 0.95, 0, &ci, &e), FS_EINVAL);
    fs_ci_method_t m;
    CU_ASSERT_EQUAL(fs_ci_method_parse("exact", &m), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_ci_method_parse("clopper-pearson", &m), FS_OK);
    CU_ASSERT_STRING_EQUAL(fs_ci_method_name(m), "clopper-pearson");
    CU_ASSERT_EQUAL(fs_rate_ci(-1, 100, 1000, 0.95, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_rate_ci(1, 0, 1000, 0.95, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_rate_ci(1, 100, 0, 0.95, &ci, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_rate_ci(1, 100, 1000, 1.5, &ci, &e), FS_EINVAL);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"proportions agree with statsmodels", proportions_agree_with_statsmodels},
        {"rates agree with scipy", rates_agree_with_scipy},
        {"reproduces 85.7% +/- 4.9%", reproduces_the_published_margin},
        {"refuses bad arguments", refuses_bad_arguments},
        {NULL, NULL}};
    return tu_add_suite("intervals", tests);
}

const test_suite_t suite_intervals = {"intervals", add};
