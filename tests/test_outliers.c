/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_outliers.c: a table's measure against the band: which rows enter
 * it, the comparator, and the errors. */
#include <math.h>
#include <string.h>

#include "forcestat/outliers.h"
#include "testutil.h"

static void only_forces_enter_the_band(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,v\n"
                          "England and Wales,1000\n"
                          "Essex,1\nKent,2\nSurrey,3\nSussex,4\nDorset,NA\n"
                          "British Transport Police,-50\nSouth East,77\nNarnia,12\n",
                          &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_outliers_t o;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_outliers_compute(t, d, 1, NULL, &o, &e), FS_OK);
    CU_ASSERT_FALSE(o.other_units);
    CU_ASSERT_EQUAL(o.nrows, 5);
    CU_ASSERT_EQUAL(o.band.n, 4);
    CU_ASSERT_EQUAL(o.band.n_missing, 1);
    TU_ASSERT_CLOSE(o.band.centre, 2.5, 1e-15);
    CU_ASSERT_TRUE(o.has_comparator);
    CU_ASSERT_EQUAL(o.comparator, 1000);
    CU_ASSERT_EQUAL(o.rows[4].flag, FS_FLAG_MISSING);
    CU_ASSERT(isnan(o.rows[4].z));
    CU_ASSERT_EQUAL(o.rows[0].flag, FS_FLAG_BELOW);
    CU_ASSERT_EQUAL(o.rows[3].flag, FS_FLAG_ABOVE);
    fs_outliers_free(&o);
    fs_description_free(d);
    fs_table_free(t);
}

static void other_units_when_no_force_is_named(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("area,v\nA,1\nB,2\nC,3\nEngland and Wales,9\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_outliers_t o;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_outliers_compute(t, d, 1, NULL, &o, &e), FS_OK);
    CU_ASSERT_TRUE(o.other_units);
    CU_ASSERT_EQUAL(o.band.n, 3);
    CU_ASSERT_EQUAL(o.comparator, 9);
    fs_outliers_free(&o);
    fs_description_free(d);
    fs_table_free(t);
}

static void errors_name_the_measure_or_the_line(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,v,w\nEssex,1,5\nKent,1,x\nSurrey,1,5\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_outliers_t o;
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL(fs_outliers_compute(t, d, 1, NULL, &o, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "measure 'v': all 3 values are equal (1): there is no spread, so no band");
    CU_ASSERT_STRING_EQUAL(e.file, "m.csv");
    /* The measure's name goes before the band's message; the reason stays. */
    CU_ASSERT_EQUAL(e.reason, FS_REASON_ALL_EQUAL);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    /* err may be NULL (status.h): the band's error is still returned. */
    CU_ASSERT_EQUAL(fs_outliers_compute(t, d, 1, NULL, &o, NULL), FS_EDOM);
    CU_ASSERT_EQUAL(fs_outliers_compute(t, d, 2, NULL, &o, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    CU_ASSERT_EQUAL(e.column, 3);
    CU_ASSERT_EQUAL(fs_outliers_compute(t, d, 7, NULL, &o, &e), FS_EINVAL);
    fs_description_free(d);
    fs_table_free(t);
}

/* The numeric core: a column of numbers; a duplicated force is its
 * reason and row, a band's error its value's row. */
static void the_core_takes_numbers(void)
{
    fs_description_t *d;
    fs_table_t *t =
        tu_table("force,v\nEngland and Wales,a\nEssex,b\nKent,c\nSurrey,d\nSussex,e\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    double v[] = {4, 1, 2, 3, NAN};
    fs_outliers_t o;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_outliers_compute_values(d, v, NULL, &o, &e), FS_OK);
    CU_ASSERT_EQUAL(o.nrows, 4);
    CU_ASSERT_EQUAL(o.rows[0].row, 1);
    CU_ASSERT(o.has_comparator);
    CU_ASSERT_EQUAL(o.comparator, 4);
    CU_ASSERT_EQUAL(o.comparator_row, 0);
    TU_ASSERT_CLOSE(o.band.centre, 2, 1e-15);
    CU_ASSERT_EQUAL(o.rows[3].flag, FS_FLAG_MISSING);
    fs_outliers_free(&o);
    /* An infinite value (no table gives one; a caller's array may): the
     * band's index 1 is the table's row 2, England and Wales being row 0. */
    double inf[] = {4, 1, INFINITY, 3, 5};
    CU_ASSERT_EQUAL(fs_outliers_compute_values(d, inf, NULL, &o, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_NOT_FINITE);
    CU_ASSERT_EQUAL(e.index, 2);
    double w[] = {4, NAN, 2, NAN, 2};
    CU_ASSERT_EQUAL(fs_outliers_compute_values(d, w, NULL, &o, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_TOO_FEW);
    CU_ASSERT_EQUAL(o.rows, NULL);
    fs_description_free(d);
    fs_table_free(t);
    t = tu_table("force,v\nEssex,1\nKent,2\nessex police,3\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(fs_outliers_compute_values(d, v, NULL, &o, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_DUPLICATE_FORCE);
    CU_ASSERT_EQUAL(e.index, 2);
    fs_description_free(d);
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"only forces enter the band", only_forces_enter_the_band},
        {"other units when no force is named", other_units_when_no_force_is_named},
        {"errors name the measure or the line", errors_name_the_measure_or_the_line},
        {"the core takes numbers", the_core_takes_numbers},
        {NULL, NULL}};
    return tu_add_suite("outliers", tests);
}

const test_suite_t suite_outliers = {"outliers", add};
