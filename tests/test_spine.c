/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_spine.c: spine chart rows: percentiles against R's quantile type 7
 * (tests/reference/spine_reference.R), and the rescaling and mirroring on
 * hand-computed rows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/dataset.h"
#include "forcestat/spine.h"
#include "testutil.h"

static int ascending(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

static void quantiles_match_r(void)
{
    fs_table_t *vals = tu_load("spine_values.csv"), *ref = tu_load("spine_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(vals);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    size_t checked = 0;
    double *x = malloc(vals->nrows * sizeof *x);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    for (size_t r = 0; r < ref->nrows; r++) {
        const char *name = fs_table_cell(ref, r, 0);
        size_t n = 0;
        for (size_t i = 0; i < vals->nrows; i++) {
            if (strcmp(fs_table_cell(vals, i, 0), name) == 0)
                x[n++] = strtod(fs_table_cell(vals, i, 2), NULL);
        }
        CU_ASSERT_FATAL(n >= 2);
        qsort(x, n, sizeof *x, ascending);
        double p = strtod(fs_table_cell(ref, r, 1), NULL);
        double want = strtod(fs_table_cell(ref, r, 2), NULL);
        double got = fs_quantile7(x, n, p);
        if (!tu_close(got, want, 1e-15))
            fprintf(stderr, "%s p=%g: got %.17g, R %.17g\n", name, p, got, want);
        TU_ASSERT_CLOSE(got, want, 1e-15);
        checked++;
    }
    CU_ASSERT_EQUAL(checked, 30); /* 6 cases, 5 probabilities each */
    free(x);
    fs_table_free(vals);
    fs_table_free(ref);
}

static void rows_rescale_about_the_centre(void)
{
    /* Values 1..9, centre 4: the further extreme is 9 (5 away), so a
     * position is 0.5 + (x - 4) / 10. */
    const double x[] = {9, 1, 2, 3, NAN, 4, 5, 6, 7, 8};
    fs_spine_row_t r;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_spine_compute(x, 10, 4, 6, FS_SPINE_NEUTRAL, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(r.n, 9);
    CU_ASSERT_EQUAL(r.lowest, 1);
    CU_ASSERT_EQUAL(r.highest, 9);
    CU_ASSERT_EQUAL(r.q1, 3); /* type 7: h = 8 x 0.25 = 2, the third value */
    CU_ASSERT_EQUAL(r.q3, 7);
    TU_ASSERT_CLOSE(r.at_lowest, 0.2, 1e-15);
    CU_ASSERT_EQUAL(r.at_highest, 1.0);
    TU_ASSERT_CLOSE(r.at_q1, 0.4, 1e-15);
    TU_ASSERT_CLOSE(r.at_q3, 0.8, 1e-15);
    TU_ASSERT_CLOSE(r.at_value, 0.7, 1e-15);
    CU_ASSERT_EQUAL(r.left, r.at_lowest);
    CU_ASSERT_EQUAL(r.right, 1.0);
    /* Lower is better: mirrored, better (lower) to the right. */
    CU_ASSERT_EQUAL_FATAL(fs_spine_compute(x, 10, 4, 6, FS_SPINE_LOWER_BETTER, &r, &e), FS_OK);
    TU_ASSERT_CLOSE(r.at_lowest, 0.8, 1e-15);
    CU_ASSERT_EQUAL(r.at_highest, 0.0);
    TU_ASSERT_CLOSE(r.at_value, 0.3, 1e-15);
    CU_ASSERT_EQUAL(r.left, 0.0);
    TU_ASSERT_CLOSE(r.right, 0.8, 1e-15);
    TU_ASSERT_CLOSE(r.box_left, 0.2, 1e-15);
    TU_ASSERT_CLOSE(r.box_right, 0.6, 1e-15);
    /* Higher is better: as neutral. */
    CU_ASSERT_EQUAL_FATAL(fs_spine_compute(x, 10, 4, NAN, FS_SPINE_HIGHER_BETTER, &r, &e), FS_OK);
    TU_ASSERT_CLOSE(r.at_lowest, 0.2, 1e-15);
    CU_ASSERT(isnan(r.at_value));
    /* The lower extreme further: values -6..2, centre 0: 6 away. */
    const double y[] = {-6, -1, 0, 1, 2};
    CU_ASSERT_EQUAL_FATAL(fs_spine_compute(y, 5, 0, -1, FS_SPINE_NEUTRAL, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(r.at_lowest, 0.0);
    TU_ASSERT_CLOSE(r.at_highest, 0.5 + 2.0 / 12.0, 1e-15);
    TU_ASSERT_CLOSE(r.at_value, 0.5 - 1.0 / 12.0, 1e-15);
    /* All equal: every position at the centre. */
    const double z[] = {3, 3, 3};
    CU_ASSERT_EQUAL_FATAL(fs_spine_compute(z, 3, 3, 3, FS_SPINE_NEUTRAL, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(r.at_lowest, 0.5);
    CU_ASSERT_EQUAL(r.at_value, 0.5);
    /* A centre outside the range: the values on one side. */
    CU_ASSERT_EQUAL_FATAL(fs_spine_compute(z, 3, 1, 3, FS_SPINE_NEUTRAL, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(r.at_highest, 1.0);
    CU_ASSERT_EQUAL(r.at_lowest, 1.0);
}

static void rows_refuse_what_they_cannot_draw(void)
{
    const double x[] = {NAN, 2, NAN};
    fs_spine_row_t r;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_spine_compute(x, 3, 2, 2, FS_SPINE_NEUTRAL, &r, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "a spine row needs at least 2 values, got 1");
    const double y[] = {1, 2};
    CU_ASSERT_EQUAL(fs_spine_compute(y, 2, NAN, 2, FS_SPINE_NEUTRAL, &r, &e), FS_EDOM);
    CU_ASSERT_EQUAL(fs_spine_compute(y, 2, INFINITY, 2, FS_SPINE_NEUTRAL, &r, NULL), FS_EDOM);
    CU_ASSERT(isnan(fs_quantile7(y, 0, 0.5)));
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"percentiles match R's quantile type 7", quantiles_match_r},
        {"rows rescale about the centre, mirrored when lower is better",
         rows_rescale_about_the_centre},
        {"rows refuse what they cannot draw", rows_refuse_what_they_cannot_draw},
        {NULL, NULL}};
    return tu_add_suite("spine", tests);
}

const test_suite_t suite_spine = {"spine", add};
