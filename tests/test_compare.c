/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_compare.c: per-force proportions and rates against the pooled
 * England and Wales figure. */
#include <math.h>
#include <string.h>

#include "forcestat/compare.h"
#include "forcestat/registry.h"
#include "testutil.h"

static void proportions_pool_and_mark(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,k,n\n"
                          "Essex,90,100\n"
                          "Kent,500,1000\n"
                          "Surrey,10,100\n"
                          "Sussex,NA,50\n"
                          "England and Wales,1,2\n"
                          "British Transport Police,5,5\n",
                          &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_comparison_t c;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_compare_proportions(t, d, 1, 2, FS_CI_WILSON, 0.95, &c, &e), FS_OK);
    CU_ASSERT_EQUAL(c.nrows, 4);
    CU_ASSERT_EQUAL(c.n_with_value, 3);
    /* Pooled: (90 + 500 + 10) / (100 + 1000 + 100), not the file's E&W row
     * and not BTP. */
    CU_ASSERT_EQUAL(c.pooled_numerator, 600);
    CU_ASSERT_EQUAL(c.pooled_denominator, 1200);
    TU_ASSERT_CLOSE(c.pooled.estimate, 0.5, 1e-15);
    TU_ASSERT_CLOSE(c.mean_of_forces, (0.9 + 0.5 + 0.1) / 3.0, 1e-15);
    CU_ASSERT_EQUAL(c.rows[0].mark, FS_MARK_HIGHER);
    CU_ASSERT_EQUAL(c.rows[1].mark, FS_MARK_SIMILAR);
    CU_ASSERT_EQUAL(c.rows[2].mark, FS_MARK_LOWER);
    CU_ASSERT_EQUAL(c.rows[3].mark, FS_MARK_MISSING);
    CU_ASSERT_STRING_EQUAL(fs_mark_name(c.rows[0].mark), "higher");
    /* The pooled interval is the method's interval for the totals. */
    fs_interval_t direct;
    CU_ASSERT_EQUAL(fs_proportion_ci(600, 1200, FS_CI_WILSON, 0.95, 0, &direct, &e), FS_OK);
    CU_ASSERT_EQUAL(c.pooled.lower, direct.lower);
    fs_comparison_free(&c);
    fs_description_free(d);
    fs_table_free(t);
}

static void proportion_errors_point_at_cells(void)
{
    static const struct {
        const char *text;
        long line, column;
        const char *message;
    } cases[] = {
        {"force,k,n\nEssex,1,2\nKent,5,0\n", 3, 3, "column 'n': the denominator is 0"},
        {"force,k,n\nEssex,3,2\n", 2, 2, "column 'k': the numerator exceeds the denominator"},
        {"force,k,n\nEssex,1.5,2\n", 2, 2, "column 'k': counts must be whole numbers >= 0"},
        {"force,k,n\nEssex,-1,2\n", 2, 2, "column 'k': counts must be whole numbers >= 0"},
        {"force,k,n\nEssex,1,x\n", 2, 3, "column 'n': not a number"},
        {"force,k,n\nEssex,1,2\nessex police,1,2\n", 3, 1,
         "Essex Police appears twice (also on line 2): a comparison needs one row per force"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_description_t *d;
        fs_table_t *t = tu_table(cases[i].text, &d);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        fs_comparison_t c;
        fs_error_t e;
        fs_error_clear(&e);
        CU_ASSERT_EQUAL(fs_compare_proportions(t, d, 1, 2, FS_CI_WALD, 0.95, &c, &e), FS_EPARSE);
        CU_ASSERT_EQUAL(e.line, cases[i].line);
        CU_ASSERT_EQUAL(e.column, cases[i].column);
        CU_ASSERT_STRING_EQUAL(e.message, cases[i].message);
        fs_description_free(d);
        fs_table_free(t);
    }
    fs_description_t *d;
    fs_table_t *t = tu_table("force,k,n\nEssex,NA,2\n", &d);
    fs_comparison_t c;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_compare_proportions(t, d, 1, 2, FS_CI_WALD, 0.95, &c, &e), FS_EDOM);
    CU_ASSERT_EQUAL(fs_compare_proportions(t, d, 1, 2, FS_CI_WALD, 1.5, &c, &e), FS_EINVAL);
    fs_description_free(d);
    fs_table_free(t);
}

static void rates_and_population_join(void)
{
    fs_description_t *d, *pd;
    fs_table_t *t = tu_table("force,count\nEssex,5\nKent,2000\n\"London, City of\",30\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_table_t *pop = tu_table("code,mid_year,population\n"
                            "E23000028,2019,1000000\n"
                            "E23000028,2020,2000000\n"
                            "E23000032,2020,1000000\n"
                            "E23000034,2020,10000\n"
                            "K04000001,2020,99\n",
                            &pd);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    double population[3];
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL(fs_join_population(t, d, pop, 0, 2, (size_t)-1, NULL, population, &e),
                    FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    /* Essex's second row (2020), row 1 of the population table: what
     * `forcestat rates` answers with "choose one with --population-year". */
    CU_ASSERT_EQUAL(e.reason, FS_REASON_DUPLICATE_FORCE);
    CU_ASSERT_EQUAL(e.index, 1);
    CU_ASSERT_EQUAL_FATAL(fs_join_population(t, d, pop, 0, 2, 1, "2020", population, &e), FS_OK);
    CU_ASSERT_EQUAL(population[0], 2000000);
    CU_ASSERT_EQUAL(population[2], 10000);
    CU_ASSERT_EQUAL(fs_join_population(t, d, pop, 0, 2, 1, "1999", population, &e), FS_EDOM);
    CU_ASSERT_EQUAL_FATAL(fs_join_population(t, d, pop, 0, 2, 1, "2020", population, &e), FS_OK);
    fs_comparison_t c;
    CU_ASSERT_EQUAL_FATAL(fs_compare_rates(t, d, 1, population, 1000, 0.95, &c, &e), FS_OK);
    CU_ASSERT_EQUAL(c.pooled_numerator, 2035);
    CU_ASSERT_EQUAL(c.pooled_denominator, 3010000);
    TU_ASSERT_CLOSE(c.pooled.estimate, 2035.0 / 3010000.0 * 1000.0, 1e-15);
    TU_ASSERT_CLOSE(c.rows[0].ci.estimate, 5.0 / 2000000.0 * 1000.0, 1e-15);
    CU_ASSERT_EQUAL(c.rows[0].mark, FS_MARK_LOWER);
    CU_ASSERT_EQUAL(c.rows[1].mark, FS_MARK_HIGHER);
    CU_ASSERT_EQUAL(c.rows[2].mark, FS_MARK_HIGHER);
    /* A count under 10 gets the exact Poisson interval. */
    fs_interval_t exact;
    CU_ASSERT_EQUAL(fs_rate_ci(5, 2000000, 1000, 0.95, &exact, &e), FS_OK);
    CU_ASSERT_EQUAL(c.rows[0].ci.upper, exact.upper);
    fs_comparison_free(&c);
    population[1] = 0;
    CU_ASSERT_EQUAL(fs_compare_rates(t, d, 1, population, 1000, 0.95, &c, &e), FS_EPARSE);
    CU_ASSERT_STRING_EQUAL(e.message, "the population of Kent is not > 0");
    fs_description_free(d);
    fs_description_free(pd);
    fs_table_free(t);
    fs_table_free(pop);
}

/* Fractional or negative counts are errors at their cell. */
static void bad_cells_name_their_place(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,k,n\nEssex,1,2.5\nKent,1,4\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_comparison_t c;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_compare_proportions(t, d, 1, 2, FS_CI_WILSON, 0.95, &c, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_EQUAL(e.column, 3);
    fs_description_free(d);
    fs_table_free(t);
    t = tu_table("force,count\nEssex,-1\nKent,3\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    double pop[] = {1000, 1000};
    CU_ASSERT_EQUAL(fs_compare_rates(t, d, 1, pop, 1000, 0.95, &c, &e), FS_EPARSE);
    CU_ASSERT_STRING_EQUAL(e.message, "column 'count': a count must be >= 0");
    CU_ASSERT_EQUAL(e.line, 2);
    fs_description_free(d);
    fs_table_free(t);
}

/* A population so small that the rate passes the largest double: an
 * error naming the row, never a mark. */
static void an_infinite_rate_is_an_error(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,count\nEssex,10\nKent,3\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    double pop[] = {1e-306, 1000};
    fs_comparison_t c;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_compare_rates(t, d, 1, pop, 1000, 0.95, &c, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "column 'count': the rate 10 / 1e-306 per 1000 or its "
                                      "interval is beyond double precision (over 1.79769e+308)");
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_EQUAL(e.column, 2);
    fs_description_free(d);
    fs_table_free(t);
}

/* The numeric cores: columns of numbers, no table; an error carries the
 * row and the input at fault, and the "row N: " its caller replaces. */
static void cores_take_numbers(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,x\nEssex,a\nKent,b\nSurrey,c\nEngland and Wales,d\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    double num[] = {90, 500, 10, 7}, den[] = {100, 1000, 100, 3};
    fs_comparison_t c;
    fs_error_t e;
    fs_error_clear(&e);
    /* The E&W row's 7 of 3 is checked as a proportion, as the table's. */
    CU_ASSERT_EQUAL(fs_compare_proportions_values(d, num, den, FS_CI_WILSON, 0.95, &c, &e),
                    FS_EPARSE);
    CU_ASSERT_EQUAL(e.index, 3);
    CU_ASSERT_EQUAL(e.column, FS_INPUT_NUMERATOR);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_COUNT);
    CU_ASSERT_STRING_EQUAL(e.message, "row 4: the numerator exceeds the denominator");
    CU_ASSERT_EQUAL(c.rows, NULL);
    den[3] = NAN;
    CU_ASSERT_EQUAL_FATAL(fs_compare_proportions_values(d, num, den, FS_CI_WILSON, 0.95, &c, &e),
                          FS_OK);
    CU_ASSERT_EQUAL(c.nrows, 3);
    CU_ASSERT_EQUAL(c.pooled_numerator, 600);
    CU_ASSERT_EQUAL(c.pooled_denominator, 1200);
    CU_ASSERT_EQUAL(c.rows[0].mark, FS_MARK_HIGHER);
    fs_comparison_free(&c);
    double pop[] = {1000, 0, 500, NAN};
    CU_ASSERT_EQUAL(fs_compare_rates_values(d, num, pop, 1000, 0.95, &c, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.index, 1);
    CU_ASSERT_EQUAL(e.column, FS_INPUT_DENOMINATOR);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_DENOMINATOR);
    pop[1] = 2000;
    CU_ASSERT_EQUAL_FATAL(fs_compare_rates_values(d, num, pop, 1000, 0.95, &c, &e), FS_OK);
    CU_ASSERT_EQUAL(c.pooled_denominator, 3500);
    TU_ASSERT_CLOSE(c.rows[1].ci.estimate, 250, 1e-15);
    fs_comparison_free(&c);
    fs_description_free(d);
    fs_table_free(t);
}

static void population_cores_take_numbers(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,y\nEssex,a\nKent,b\nEssex,c\nSurrey,d\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    /* Population rows: Essex and Kent in 2019 and 2020, Kent's 2020 missing. */
    int pf[] = {9, 16, 9, 16, -1}, py[] = {2019, 2019, 2020, 2020, 2020};
    /* A missing cell's value is whatever the parser left: its kind says. */
    double pv[] = {1e6, 2e6, 1.1e6, 7, 5};
    fs_field_kind_t pk[] = {FS_FIELD_NUMBER, FS_FIELD_NUMBER, FS_FIELD_NUMBER, FS_FIELD_MISSING,
                            FS_FIELD_INVALID};
    double pop[4];
    fs_error_t e;
    int essex = fs_registry_match("Essex", 5).force, kent = fs_registry_match("Kent", 4).force;
    pf[0] = pf[2] = essex;
    pf[1] = pf[3] = kent;
    int only2020[] = {-1, -1, essex, kent, -1};
    CU_ASSERT_EQUAL_FATAL(fs_join_population_values(d, only2020, pv, pk, 5, pop, &e), FS_OK);
    CU_ASSERT_EQUAL(pop[0], 1.1e6);
    CU_ASSERT(isnan(pop[1]));
    CU_ASSERT(isnan(pop[3]));
    CU_ASSERT_EQUAL(fs_join_population_values(d, pf, pv, pk, 5, pop, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_DUPLICATE_FORCE);
    CU_ASSERT_EQUAL(e.index, 2);
    int none[] = {-1, -1, -1, -1, -1};
    CU_ASSERT_EQUAL(fs_join_population_values(d, none, pv, pk, 5, pop, &e), FS_EDOM);
    /* Row years 2019, 2020, 2020, 2019: each row its year's population. */
    int year[] = {2019, 2020, 2020, 2019};
    CU_ASSERT_EQUAL_FATAL(fs_join_population_by_year(d, year, pf, py, pv, pk, 4, pop, &e), FS_OK);
    CU_ASSERT_EQUAL(pop[0], 1e6);
    CU_ASSERT(isnan(pop[1]));
    CU_ASSERT_EQUAL(pop[2], 1.1e6);
    CU_ASSERT(isnan(pop[3]));
    year[1] = 2021;
    CU_ASSERT_EQUAL(fs_join_population_by_year(d, year, pf, py, pv, pk, 4, pop, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.index, 1);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_MISSING_VALUE);
    /* The invalid cell of a force counts in the year it is of. */
    pf[4] = kent;
    pf[3] = -1;
    year[1] = 2020;
    CU_ASSERT_EQUAL(fs_join_population_by_year(d, year, pf, py, pv, pk, 5, pop, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_NOT_A_NUMBER);
    CU_ASSERT_EQUAL(e.index, 4);
    CU_ASSERT_EQUAL(e.column, FS_INPUT_DENOMINATOR);
    fs_description_free(d);
    fs_table_free(t);
}

/* By period, a second population of a force in one year names the
 * first of that year, not the force's row of another year. */
static void by_period_names_the_same_year(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,period,v\nEssex,2019/20,1\nEssex,2020/21,2\n", &d);
    /* "2020.0" is no year as the period's is written ("%d"): left out. */
    const char *text = "force,year,population\nEssex,2019,10\nEssex,2020,20\nEssex,2020.0,9\n"
                       "Kent,2020,5\nEssex,2020,21\n";
    fs_table_t *pop = NULL;
    fs_error_t e;
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&pop, text, strlen(text), "pop.csv", NULL, &e),
                          FS_OK);
    size_t pcols[] = {1};
    double population[2];
    CU_ASSERT_EQUAL(fs_join_population_by_period(t, d, pcols, 1, 0, pop, 0, 2, 1, population, &e),
                    FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 6);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "a second population for Essex Police (also on line 3): choose one "
                           "year");
    fs_table_free(pop);
    fs_description_free(d);
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"proportions pool and mark", proportions_pool_and_mark},
        {"proportion errors point at cells", proportion_errors_point_at_cells},
        {"rates and the population join", rates_and_population_join},
        {"bad cells name their place", bad_cells_name_their_place},
        {"an infinite rate is an error", an_infinite_rate_is_an_error},
        {"cores take numbers", cores_take_numbers},
        {"population cores take numbers", population_cores_take_numbers},
        {"by period names the same year", by_period_names_the_same_year},
        {NULL, NULL}};
    return tu_add_suite("compare", tests);
}

const test_suite_t suite_compare = {"compare", add};
