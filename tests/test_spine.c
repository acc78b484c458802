/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_spine.c: spine chart rows: percentiles against R's quantile type 7
 * (tests/reference/spine_reference.R), and the rescaling and mirroring on
 * hand-computed rows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/dataset.h"
#include "forcestat/measure.h"
#include "forcestat/registry.h"
#include "forcestat/spine.h"
#include "render/chart_measure.h"
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

/* R's quantile(x, 1, type = 7) is max(x): h = (n - 1) p is the last
 * index, and nothing past it may be read.  The value after the n given is
 * an infinity, which would turn the interpolation into NaN (0 x inf). */
static void quantile_at_one_is_the_largest(void)
{
    const double x[] = {1, 2, 4, 8, INFINITY};
    CU_ASSERT_EQUAL(fs_quantile7(x, 4, 1.0), 8.0);
    CU_ASSERT_EQUAL(fs_quantile7(x, 1, 1.0), 1.0);
    CU_ASSERT_EQUAL(fs_quantile7(x, 4, 0.0), 1.0);
    /* p = 2/3: h = 2, exactly the third value. */
    CU_ASSERT_EQUAL(fs_quantile7(x, 4, 2.0 / 3.0), 4.0);
}

/* Four forces and England and Wales (0.2 = 200 of 1,000); Essex is
 * 600 of 1,000, Kent 100 of 1,000. */
static const char spine_csv[] = "force,k,n,v\n"
                                "Essex,600,1000,0.6\n"
                                "Kent,100,1000,0.1\n"
                                "Surrey,110,1000,0.11\n"
                                "Sussex,90,1000,0.09\n"
                                "England and Wales,200,1000,0.2\n";

static int force_named(const char *name)
{
    return fs_registry_match(name, strlen(name)).force;
}

/* A spine row's middle is the file's England and Wales row when it has
 * one (0.2), not the forces' band centre (the mean of the four, 0.225, or
 * on logs about 0.156): by hand, the further extreme is Essex, 0.4 away, so
 * Essex sits at 0.5 + 0.4 / 0.8 = 1 and Sussex (0.09) at
 * 0.5 - 0.11 / 0.8 = 0.3625. */
static void spine_centre_is_england_and_wales(void)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, spine_csv, strlen(spine_csv), "m.csv", NULL, &e),
                          FS_OK);
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.value = "v";
    fs_measure_t m;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 0, NULL, &s, &m, &e), FS_OK);
    fs_spine_measure_t sm = {&m, "v", FS_SPINE_NEUTRAL, 0};
    fs_spine_row_t row;
    char text[4][64];
    fs_spine_item_t it;
    CU_ASSERT_EQUAL_FATAL(fs_spine_item_of(&sm, force_named("Essex"), &row, text, &it, &e), FS_OK);
    CU_ASSERT_EQUAL(row.centre, 0.2);
    CU_ASSERT_EQUAL(row.n, 4);
    TU_ASSERT_CLOSE(row.at_value, 1.0, 1e-15);
    TU_ASSERT_CLOSE(row.at_lowest, 0.3625, 1e-15);
    fs_measure_free(&m);
    fs_table_free(t);
}

/* A sampled proportion's marker compares the force's interval with
 * England and Wales: Essex's 600 of 1,000 (Wilson 95%: about 0.57 to
 * 0.63) is higher than 0.2, so its marker is high; Kent's 100 of 1,000
 * (about 0.083 to 0.12) lower, so low; mirrored rows (lower better) keep
 * the marker, only its place moves. */
static void sampled_marker_is_on_its_side(void)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, spine_csv, strlen(spine_csv), "m.csv", NULL, &e),
                          FS_OK);
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.want = FS_WANT_BAND | FS_WANT_COMPARISON;
    s.value = "v";
    s.numerator = "k";
    s.denominator = "n";
    fs_measure_t m;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 0, NULL, &s, &m, &e), FS_OK);
    fs_spine_row_t row;
    char text[4][64];
    fs_spine_item_t it;
    for (int mirrored = 0; mirrored <= 1; mirrored++) {
        fs_spine_measure_t sm = {&m, "k of n",
                                 mirrored ? FS_SPINE_LOWER_BETTER : FS_SPINE_HIGHER_BETTER, 1};
        CU_ASSERT_EQUAL_FATAL(fs_spine_item_of(&sm, force_named("Essex"), &row, text, &it, &e),
                              FS_OK);
        CU_ASSERT_EQUAL(it.intervals, 1);
        CU_ASSERT_EQUAL(it.mark, FS_SPINE_MARK_HIGH);
        CU_ASSERT_EQUAL(row.at_value, mirrored ? 0.0 : 1.0);
        CU_ASSERT_EQUAL_FATAL(fs_spine_item_of(&sm, force_named("Kent"), &row, text, &it, &e),
                              FS_OK);
        CU_ASSERT_EQUAL(it.mark, FS_SPINE_MARK_LOW);
    }
    fs_measure_free(&m);
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"percentiles match R's quantile type 7", quantiles_match_r},
        {"rows rescale about the centre, mirrored when lower is better",
         rows_rescale_about_the_centre},
        {"rows refuse what they cannot draw", rows_refuse_what_they_cannot_draw},
        {"the quantile at p = 1 is the largest value", quantile_at_one_is_the_largest},
        {"the middle is the file's England and Wales row", spine_centre_is_england_and_wales},
        {"a sampled measure's marker is on its side of England and Wales",
         sampled_marker_is_on_its_side},
        {NULL, NULL}};
    return tu_add_suite("spine", tests);
}

const test_suite_t suite_spine = {"spine", add};
