/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_bands.c: the outlier band procedure, against an independent R
 * implementation (tests/reference/bands_reference.R), and by
 * simulation. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/bands.h"
#include "forcestat/dataset.h"
#include "testutil.h"

static double num(const fs_table_t *t, size_t row, size_t col)
{
    const char *s = fs_table_cell(t, row, col);
    return strcmp(s, "NA") == 0 ? NAN : strtod(s, NULL);
}

/* Shapiro-Wilk p at the level the README claims: within 1e-9, and within
 * 1e-6 relatively where p < 1e-3. */
static int p_within(double got, double want)
{
    return want < 1e-3 ? fabs(got - want) <= 1e-6 * want : fabs(got - want) <= 1e-9;
}

/* Every path of the procedure, under both rules, as R computes it:
 * path, scale and counts exactly; lines within 1e-12 relatively. */
static void matches_the_r_procedure(void)
{
    fs_table_t *cases = tu_load("bands_cases.csv");
    fs_table_t *ref = tu_load("bands_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    CU_ASSERT_EQUAL(ref->nrows, 12);
    double x[64];
    int paths_seen[4] = {0};
    for (size_t r = 0; r < ref->nrows; r++) {
        const char *name = fs_table_cell(ref, r, 0);
        size_t n = 0;
        for (size_t i = 0; i < cases->nrows && n < 64; i++) {
            if (strcmp(fs_table_cell(cases, i, 0), name) == 0)
                x[n++] = num(cases, i, 1);
        }
        fs_band_options_t opt;
        fs_band_options_init(&opt);
        opt.log_rule = strcmp(fs_table_cell(ref, r, 1), "passes") == 0 ? FS_LOG_RULE_PASSES
                                                                         : FS_LOG_RULE_MORE_NORMAL;
        fs_band_t b;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, n, &opt, &b, &e), FS_OK);
        CU_ASSERT_STRING_EQUAL(fs_band_path_name(b.path), fs_table_cell(ref, r, 2));
        CU_ASSERT_STRING_EQUAL(fs_scale_name(b.scale), fs_table_cell(ref, r, 3));
        paths_seen[b.path]++;
        TU_ASSERT_CLOSE(b.centre, num(ref, r, 4), 1e-12);
        TU_ASSERT_CLOSE(b.lower, num(ref, r, 5), 1e-12);
        TU_ASSERT_CLOSE(b.upper, num(ref, r, 6), 1e-12);
        TU_ASSERT_CLOSE(b.sd, num(ref, r, 7), 1e-12);
        CU_ASSERT(p_within(b.shapiro_raw.p, num(ref, r, 8)));
        double p_log = num(ref, r, 9);
        CU_ASSERT_EQUAL(b.has_shapiro_log, !isnan(p_log));
        if (!isnan(p_log))
            CU_ASSERT(p_within(b.shapiro_log.p, p_log));
        size_t above = 0, below = 0;
        for (size_t i = 0; i < n; i++) {
            fs_flag_t f = fs_band_flag(fs_band_z(&b, x[i]));
            above += f == FS_FLAG_ABOVE;
            below += f == FS_FLAG_BELOW;
        }
        CU_ASSERT_EQUAL(above, (size_t)atol(fs_table_cell(ref, r, 10)));
        CU_ASSERT_EQUAL(below, (size_t)atol(fs_table_cell(ref, r, 11)));
        if (strcmp(name, "with_missing") == 0)
            CU_ASSERT_EQUAL(b.n_missing, 3);
    }
    for (int p = 0; p < 4; p++)
        CU_ASSERT(paths_seen[p] > 0);
    fs_table_free(cases);
    fs_table_free(ref);
}

/* "Typically, 32% of forces will be above or below these lines": on normal
 * data the share outside mean +/- 1 SD is 2 * (1 - Phi(1)) = 31.7%. */
static void about_32_percent_fall_outside_on_normal_data(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rng);
    gsl_rng_set(rng, 43);
    size_t outside = 0, total = 0, raw = 0, runs = 2000;
    double x[43];
    for (size_t run = 0; run < runs; run++) {
        for (size_t i = 0; i < 43; i++)
            x[i] = 100.0 + 15.0 * gsl_ran_ugaussian(rng);
        fs_band_t b;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, 43, NULL, &b, &e), FS_OK);
        raw += b.scale == FS_SCALE_RAW;
        for (size_t i = 0; i < 43; i++)
            outside += fs_band_flag(fs_band_z(&b, x[i])) != FS_FLAG_WITHIN;
        total += 43;
    }
    gsl_rng_free(rng);
    double share = (double)outside / (double)total;
    fprintf(stderr, "\n  share outside the lines: %.4f over %zu forces\n", share, total);
    /* Standard error of the share is well under 0.005 here. */
    CU_ASSERT(share > 0.30 && share < 0.335);
    /* On normal data the raw scale is kept about 95% of the time. */
    CU_ASSERT(raw > (size_t)(0.93 * (double)runs));
}

static void flags_and_z(void)
{
    double x[] = {1, 2, 3, 4, 5, NAN};
    fs_band_t b;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, 6, NULL, &b, &e), FS_OK);
    CU_ASSERT_EQUAL(b.n, 5);
    CU_ASSERT_EQUAL(b.n_missing, 1);
    CU_ASSERT_EQUAL(b.scale, FS_SCALE_RAW);
    TU_ASSERT_CLOSE(b.centre, 3.0, 1e-15);
    TU_ASSERT_CLOSE(b.sd, sqrt(2.5), 1e-15);
    TU_ASSERT_CLOSE(fs_band_z(&b, 5.0), 2.0 / sqrt(2.5), 1e-15);
    CU_ASSERT_EQUAL(fs_band_flag(fs_band_z(&b, 5.0)), FS_FLAG_ABOVE);
    CU_ASSERT_EQUAL(fs_band_flag(fs_band_z(&b, 1.0)), FS_FLAG_BELOW);
    CU_ASSERT_EQUAL(fs_band_flag(fs_band_z(&b, 3.5)), FS_FLAG_WITHIN);
    CU_ASSERT_EQUAL(fs_band_flag(fs_band_z(&b, NAN)), FS_FLAG_MISSING);
    /* Exactly one SD out is within (the flag needs z > 1). */
    CU_ASSERT_EQUAL(fs_band_flag(1.0), FS_FLAG_WITHIN);
    CU_ASSERT_EQUAL(fs_band_flag(-1.0), FS_FLAG_WITHIN);
    CU_ASSERT_STRING_EQUAL(fs_flag_name(FS_FLAG_ABOVE), "above");
    CU_ASSERT_STRING_EQUAL(fs_flag_name(FS_FLAG_MISSING), "missing");
    char text[400];
    fs_band_explain(&b, NULL, text, sizeof text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "look normal"));
}

static void refuses_what_has_no_band(void)
{
    fs_band_t b;
    fs_error_t e;
    double two[] = {1, NAN, 2};
    CU_ASSERT_EQUAL(fs_band_compute(two, 3, NULL, &b, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "a band needs at least 3 values, got 2");
    CU_ASSERT_EQUAL(e.reason, FS_REASON_TOO_FEW);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    double same[] = {7, 7, 7, 7};
    CU_ASSERT_EQUAL(fs_band_compute(same, 4, NULL, &b, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "all 4 values are equal (7): there is no spread, so no band");
    CU_ASSERT_EQUAL(e.reason, FS_REASON_ALL_EQUAL);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    double inf[] = {1, 2, INFINITY};
    CU_ASSERT_EQUAL(fs_band_compute(inf, 3, NULL, &b, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_NOT_FINITE);
    CU_ASSERT_EQUAL(e.index, 2);
    fs_band_options_t opt;
    fs_band_options_init(&opt);
    opt.alpha = 1.0;
    double ok[] = {1, 2, 3};
    CU_ASSERT_EQUAL(fs_band_compute(ok, 3, &opt, &b, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_band_compute(NULL, 0, NULL, &b, &e), FS_EDOM);
}

/* A change of unit never changes a result: the officers-per-1,000 rates
 * of the 43 forces (bands_cases.csv's first case stands in when the
 * bundled file is absent), times 1e300, 1e-300 and 2^-1070 (subnormal
 * territory excluded), give the same path, flags and z.  Before the
 * values were rescaled, squares overflowed (all "within") or underflowed
 * (sd 0, z infinite). */
static void a_change_of_unit_changes_nothing(void)
{
    double x[43], y[43];
    for (size_t i = 0; i < 43; i++)
        x[i] = 1.2 + 0.9 * sin(0.7 * (double)i) + (i == 5 ? 6.5 : 0.0) + 0.01 * (double)i;
    x[7] = NAN;
    fs_band_t base;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, 43, NULL, &base, &e), FS_OK);
    static const double factors[] = {1e300, 1e-300, 1e150, 1e-150, -1e300};
    for (size_t f = 0; f < sizeof factors / sizeof factors[0]; f++) {
        for (size_t i = 0; i < 43; i++)
            y[i] = x[i] * factors[f];
        fs_band_t b;
        CU_ASSERT_EQUAL_FATAL(fs_band_compute(y, 43, NULL, &b, &e), FS_OK);
        CU_ASSERT(isfinite(b.lower) && isfinite(b.upper) && b.sd > 0);
        if (factors[f] > 0) {
            CU_ASSERT_EQUAL(b.path, base.path);
            CU_ASSERT_EQUAL(b.scale, base.scale);
            TU_ASSERT_CLOSE(b.centre, base.centre * factors[f], 1e-12);
        }
        for (size_t i = 0; i < 43; i++) {
            double z0 = fs_band_z(&base, x[i]), z1 = fs_band_z(&b, y[i]);
            if (isnan(z0)) {
                CU_ASSERT(isnan(z1));
                continue;
            }
            if (factors[f] < 0)
                z1 = -z1; /* a negative unit mirrors the raw band */
            if (factors[f] < 0 && base.scale == FS_SCALE_LOG)
                continue; /* no logs of negative values: a different path */
            CU_ASSERT(fabs(z1 - z0) <= 1e-12 * fmax(1.0, fabs(z0)));
            CU_ASSERT_EQUAL(fs_band_flag(factors[f] < 0 ? -z1 : z1),
                            factors[f] < 0 ? fs_band_flag(-z0) : fs_band_flag(z0));
        }
    }
    /* Values near the largest double: the band is finite or an error,
     * never NaN or infinite lines. */
    double big[] = {1.7e308, 1.7e308, 1.0e308, -1.0e308, 1.2e308};
    fs_band_t b;
    fs_status_t st = fs_band_compute(big, 5, NULL, &b, &e);
    if (st == FS_OK) {
        CU_ASSERT(isfinite(b.lower) && isfinite(b.upper) && isfinite(b.centre));
    } else {
        CU_ASSERT_EQUAL(st, FS_EDOM);
    }
    double edge[] = {1.79e308, 1.79e308, 1.0e308, 1.79e308};
    CU_ASSERT_EQUAL(fs_band_compute(edge, 4, NULL, &b, &e), FS_EDOM); /* upper line > DBL_MAX */
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "beyond double precision"));
}

/* On the log scale a value <= 0 has no z; every name has its text. */
static void names_and_log_scale_edges(void)
{
    double x[] = {1, 1.2, 1.1, 50, 2, 1.3, 1.05, 1.15, 1.25, 200, 1.4, 3};
    fs_band_t b;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, 12, NULL, &b, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(b.scale, FS_SCALE_LOG);
    CU_ASSERT(isnan(fs_band_z(&b, 0.0)));
    CU_ASSERT(isnan(fs_band_z(&b, -1.0)));
    CU_ASSERT(isnan(fs_band_z(&b, NAN)));
    CU_ASSERT_STRING_EQUAL(fs_band_path_name((fs_band_path_t)99), "unknown");
    CU_ASSERT_STRING_EQUAL(fs_band_path_name(FS_PATH_LOG_IMPOSSIBLE), "log-impossible");
    CU_ASSERT_STRING_EQUAL(fs_scale_name(FS_SCALE_RAW), "raw");
    CU_ASSERT_STRING_EQUAL(fs_log_rule_name(FS_LOG_RULE_PASSES), "passes");
    CU_ASSERT_STRING_EQUAL(fs_flag_name(FS_FLAG_MISSING), "missing");
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"matches the R procedure on every path", matches_the_r_procedure},
        {"about 32% outside on normal data", about_32_percent_fall_outside_on_normal_data},
        {"flags and z", flags_and_z},
        {"refuses what has no band", refuses_what_has_no_band},
        {"a change of unit changes nothing", a_change_of_unit_changes_nothing},
        {"names and log-scale edges", names_and_log_scale_edges},
        {NULL, NULL}};
    return tu_add_suite("bands", tests);
}

const test_suite_t suite_bands = {"bands", add};
