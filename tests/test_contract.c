/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_contract.c: the contract status.h states for every public
 * function, function by function: a NULL options pointer means the
 * defaults (the same result as the options' init function gives), err may
 * be NULL, and after a failure an output is safe to free whatever it held
 * before the call.  Outputs start filled with garbage, so a function that
 * left one untouched on failure would make its free function crash (the
 * sanitizer and valgrind stages run this suite too). */
#include <math.h>
#include <string.h>

#include "forcestat/forcestat.h"
#include "testutil.h"

#define GARBAGE 0xA5

static const char forces[] = "force,k,n,v\n"
                             "Essex,10,100,1.5\nKent,20,120,2.5\nSurrey,5,90,3.5\n"
                             "Sussex,30,150,4.5\nDorset,12,80,2.0\nWiltshire,9,70,6.0\n";

static void null_options_mean_the_defaults(void)
{
    const double x[] = {1.5, 2.5, 3.5, 4.5, 2.0, 6.0, 3.0};
    size_t n = sizeof x / sizeof x[0];
    fs_band_options_t bo;
    fs_band_options_init(&bo);
    fs_band_t a, b;
    CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, n, NULL, &a, NULL), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, n, &bo, &b, NULL), FS_OK);
    CU_ASSERT_EQUAL(a.scale, b.scale);
    CU_ASSERT_EQUAL(a.path, b.path);
    CU_ASSERT_EQUAL(a.centre, b.centre);
    CU_ASSERT_EQUAL(a.lower, b.lower);
    CU_ASSERT_EQUAL(a.upper, b.upper);
    char sa[512], sb[512];
    fs_band_explain(&a, NULL, sa, sizeof sa);
    fs_band_explain(&b, &bo, sb, sizeof sb);
    CU_ASSERT_STRING_EQUAL(sa, sb);
    CU_ASSERT(strlen(sa) > 0);

    /* A non-default option changes the result, so the comparison above
     * can tell defaults from anything else. */
    bo.alpha = 0.9999;
    fs_band_t c;
    CU_ASSERT_EQUAL_FATAL(fs_band_compute(x, n, &bo, &c, NULL), FS_OK);
    CU_ASSERT(c.path != a.path || c.scale != a.scale || c.centre != a.centre);

    const double num[] = {10, 20, 5, 30, 12, 9}, den[] = {100, 120, 90, 150, 80, 70};
    fs_funnel_options_t fo;
    fs_funnel_options_init(&fo);
    fs_funnel_t f1, f2;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 6, NULL, &f1, NULL), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 6, &fo, &f2, NULL), FS_OK);
    CU_ASSERT_EQUAL(f1.n, 6);
    CU_ASSERT_EQUAL(f1.theta, f2.theta);
    CU_ASSERT_EQUAL(f1.opt.levels[1], fo.levels[1]);
    double l1, u1, l2, u2;
    fs_funnel_limits(&f1, 100, f1.opt.levels[1], &l1, &u1);
    fs_funnel_limits(&f2, 100, fo.levels[1], &l2, &u2);
    CU_ASSERT_EQUAL(l1, l2);
    CU_ASSERT_EQUAL(u1, u2);

    fs_table_t *t1 = NULL, *t2 = NULL;
    fs_read_options_t ro;
    fs_read_options_init(&ro);
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t1, forces, strlen(forces), "m.csv", NULL, NULL), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t2, forces, strlen(forces), "m.csv", &ro, NULL), FS_OK);
    CU_ASSERT_EQUAL(t1->nrows, t2->nrows);
    CU_ASSERT_EQUAL(t1->ncols, t2->ncols);
    /* The defaults are limits: one a field breaks with a smaller limit. */
    ro.max_field_bytes = 2;
    fs_table_t *t3 = (fs_table_t *)1;
    CU_ASSERT_EQUAL(fs_table_read_memory(&t3, forces, strlen(forces), "m.csv", &ro, NULL), FS_ELIMIT);
    CU_ASSERT_PTR_NULL(t3);

    fs_description_t *d = NULL;
    CU_ASSERT_EQUAL_FATAL(fs_describe(t1, 0, &d, NULL), FS_OK);
    fs_outliers_t o1, o2;
    fs_band_options_init(&bo);
    CU_ASSERT_EQUAL_FATAL(fs_outliers_compute(t1, d, 3, NULL, &o1, NULL), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_outliers_compute(t1, d, 3, &bo, &o2, NULL), FS_OK);
    CU_ASSERT_EQUAL(o1.band.centre, o2.band.centre);
    CU_ASSERT_EQUAL(o1.band.upper, o2.band.upper);
    CU_ASSERT_EQUAL(o1.nrows, 6);
    fs_outliers_free(&o1);
    fs_outliers_free(&o2);
    fs_description_free(d);
    fs_table_free(t1);
    fs_table_free(t2);
}

static void failed_opens_and_reads_leave_null(void)
{
    fs_reader_t *r;
    memset(&r, GARBAGE, sizeof r);
    CU_ASSERT_NOT_EQUAL(fs_reader_open(&r, FORCESTAT_TEST_DATA "/no-such-file.csv", NULL, NULL), FS_OK);
    CU_ASSERT_PTR_NULL(r);
    fs_reader_free(r);

    fs_table_t *t;
    memset(&t, GARBAGE, sizeof t);
    CU_ASSERT_EQUAL(fs_table_read(&t, FORCESTAT_TEST_DATA "/no-such-file.csv", NULL, NULL), FS_EIO);
    CU_ASSERT_PTR_NULL(t);
    memset(&t, GARBAGE, sizeof t);
    const char bad[] = "force,v\nEssex,\"unclosed\n";
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, bad, strlen(bad), "m.csv", NULL, NULL), FS_EPARSE);
    CU_ASSERT_PTR_NULL(t);
    fs_table_free(t);

    fs_aggregate_result_t *res;
    memset(&res, GARBAGE, sizeof res);
    const char *by[] = {"force"};
    fs_aggregate_spec_t spec;
    memset(&spec, 0, sizeof spec);
    spec.by = by;
    spec.nby = 1;
    spec.sum = "v";
    CU_ASSERT_NOT_EQUAL(fs_aggregate_file(FORCESTAT_TEST_DATA "/no-such-file.csv", &spec, NULL, 1,
                                          &res, NULL),
                        FS_OK);
    CU_ASSERT_PTR_NULL(res);
    /* A summed column that does not exist fails after the open. */
    fs_reader_t *mr = NULL;
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&mr, forces, strlen(forces), "m.csv", NULL, NULL), FS_OK);
    spec.sum = "no such column";
    memset(&res, GARBAGE, sizeof res);
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_aggregate(mr, &spec, &res, &e), FS_ENOTFOUND);
    CU_ASSERT_EQUAL(e.status, FS_ENOTFOUND);
    CU_ASSERT_PTR_NULL(res);
    fs_aggregate_result_free(res);
    fs_reader_free(mr);
}

static void failed_computations_leave_outputs_safe_to_free(void)
{
    fs_table_t *t = NULL;
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, forces, strlen(forces), "m.csv", NULL, NULL), FS_OK);

    fs_description_t *d;
    memset(&d, GARBAGE, sizeof d);
    CU_ASSERT_EQUAL(fs_describe(t, 99, &d, NULL), FS_EINVAL);
    CU_ASSERT_PTR_NULL(d);
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 0, &d, NULL), FS_OK);

    fs_outliers_t o;
    memset(&o, GARBAGE, sizeof o);
    CU_ASSERT_EQUAL(fs_outliers_compute(t, d, 99, NULL, &o, NULL), FS_EINVAL);
    CU_ASSERT_PTR_NULL(o.rows);
    fs_outliers_free(&o);
    /* Failing after it has allocated: the force column is not numeric. */
    memset(&o, GARBAGE, sizeof o);
    CU_ASSERT_NOT_EQUAL(fs_outliers_compute(t, d, 0, NULL, &o, NULL), FS_OK);
    fs_outliers_free(&o);

    fs_comparison_t c;
    memset(&c, GARBAGE, sizeof c);
    /* More successes than trials (k column as trials, n as successes). */
    CU_ASSERT_NOT_EQUAL(fs_compare_proportions(t, d, 2, 1, FS_CI_WILSON, 0.95, &c, NULL), FS_OK);
    fs_comparison_free(&c);
    memset(&c, GARBAGE, sizeof c);
    CU_ASSERT_NOT_EQUAL(fs_compare_proportions(t, d, 1, 2, FS_CI_WILSON, 1.5, &c, NULL), FS_OK);
    fs_comparison_free(&c);
    const double population[6] = {1000, 2000, -1, 3000, 4000, 5000};
    memset(&c, GARBAGE, sizeof c);
    CU_ASSERT_NOT_EQUAL(fs_compare_rates(t, d, 1, population, 1000, 0.95, &c, NULL), FS_OK);
    fs_comparison_free(&c);

    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.value = "no such column";
    fs_measure_t m;
    memset(&m, GARBAGE, sizeof m);
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 0, d, &spec, &m, &e), FS_ENOTFOUND);
    fs_measure_free(&m);
    fs_measure_spec_init(&spec);
    spec.kind = FS_MEASURE_PROPORTION;
    spec.want = FS_WANT_BAND | FS_WANT_COMPARISON | FS_WANT_FUNNEL;
    memset(&m, GARBAGE, sizeof m);
    /* A spec without its columns is the caller's error, not a crash. */
    CU_ASSERT_EQUAL(fs_measure_compute(t, 0, d, &spec, &m, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "the band needs a value column");
    fs_measure_free(&m);
    spec.value = "v";
    memset(&m, GARBAGE, sizeof m);
    CU_ASSERT_EQUAL(fs_measure_compute(t, 0, d, &spec, &m, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "a proportion needs its numerator and denominator columns");
    fs_measure_free(&m);
    spec.numerator = "n"; /* successes above trials: fails after the band */
    spec.denominator = "k";
    memset(&m, GARBAGE, sizeof m);
    CU_ASSERT_NOT_EQUAL(fs_measure_compute(t, 0, d, &spec, &m, NULL), FS_OK);
    fs_measure_free(&m);

    fs_funnel_t f;
    memset(&f, GARBAGE, sizeof f);
    const double none[1] = {NAN};
    CU_ASSERT_NOT_EQUAL(fs_funnel_fit(none, none, 1, NULL, &f, NULL), FS_OK);
    CU_ASSERT_EQUAL(f.n, 0);

    fs_groups_t *g;
    memset(&g, GARBAGE, sizeof g);
    fs_table_t *one = NULL;
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&one, "force\nEssex\n", 12, "g.csv", NULL, NULL), FS_OK);
    CU_ASSERT_EQUAL(fs_groups_from_table(one, &g, NULL), FS_EPARSE);
    CU_ASSERT_PTR_NULL(g);
    fs_groups_free(g);
    fs_table_free(one);

    fs_ci_method_t method = FS_CI_JEFFREYS;
    CU_ASSERT_EQUAL(fs_ci_method_parse("walt", &method), FS_EINVAL);
    CU_ASSERT_EQUAL(method, FS_CI_JEFFREYS);

    fs_description_free(d);
    fs_table_free(t);
}

static void free_functions_take_null_and_emptied(void)
{
    fs_reader_free(NULL);
    fs_table_free(NULL);
    fs_description_free(NULL);
    fs_aggregate_result_free(NULL);
    fs_groups_free(NULL);
    fs_comparison_free(NULL);
    fs_outliers_free(NULL);
    fs_measure_free(NULL);
    fs_comparison_t c;
    memset(&c, 0, sizeof c);
    fs_comparison_free(&c);
    fs_outliers_t o;
    memset(&o, 0, sizeof o);
    fs_outliers_free(&o);
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_measure_free(&m);
    CU_ASSERT_PTR_NULL(c.rows);
    CU_ASSERT_PTR_NULL(o.rows);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"NULL options mean the defaults", null_options_mean_the_defaults},
        {"failed opens and reads leave NULL", failed_opens_and_reads_leave_null},
        {"failed computations leave outputs safe to free",
         failed_computations_leave_outputs_safe_to_free},
        {"free functions take NULL and emptied outputs", free_functions_take_null_and_emptied},
        {NULL, NULL}};
    return tu_add_suite("contract", tests);
}

const test_suite_t suite_contract = {"contract", add};
