/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_periods.c: measures over time: a table's rows as a table of their
 * own, populations joined by the year a period names, every period's
 * comparison, trends of rates, and the SPC chart of a measure's series. */
#include <math.h>
#include <string.h>

#include "forcestat/forcestat.h"
#include "testutil.h"

static const char long_csv[] = "year,force,k,n\n"
                               "2018/19,Essex,10,100\n2018/19,Kent,30,100\n2018/19,Surrey,5,50\n"
                               "2019/20,Essex,12,100\n2019/20,Kent,20,100\n2019/20,Surrey,9,60\n";
static const char pop_csv[] = "pfa_code,pfa_name,mid_year,population\n"
                              "E23000028,Essex,2018,1000\nE23000032,Kent,2018,2000\n"
                              "E23000031,Surrey,2018,500\n"
                              "E23000028,Essex,2019,1100\nE23000032,Kent,2019,2100\n"
                              "E23000031,Surrey,2019,600\n";

static fs_table_t *read_text(const char *text, const char *name)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    if (fs_table_read_memory(&t, text, strlen(text), name, NULL, &e) != FS_OK)
        fprintf(stderr, "%s: %s\n", name, e.message);
    return t;
}

static void subset_copies_rows(void)
{
    fs_table_t *t = read_text(long_csv, "l.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    const size_t rows[] = {4, 0, 4};
    fs_table_t *u = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_subset(t, rows, 3, &u, &e), FS_OK);
    CU_ASSERT_EQUAL(u->nrows, 3);
    CU_ASSERT_EQUAL(u->ncols, 4);
    CU_ASSERT_STRING_EQUAL(u->columns[2], "k");
    CU_ASSERT_STRING_EQUAL(fs_table_cell(u, 0, 1), "Kent");
    CU_ASSERT_STRING_EQUAL(fs_table_cell(u, 1, 0), "2018/19");
    CU_ASSERT_EQUAL(u->lines[0], 6);
    CU_ASSERT_EQUAL(u->lines[1], 2);
    CU_ASSERT_STRING_EQUAL(u->name, "l.csv");
    /* A copy: freeing the original leaves it whole. */
    fs_table_free(t);
    CU_ASSERT_STRING_EQUAL(fs_table_cell(u, 2, 3), "100");
    fs_table_t *w = (fs_table_t *)1;
    const size_t bad[] = {0, 3};
    CU_ASSERT_EQUAL(fs_table_subset(u, bad, 2, &w, &e), FS_EINVAL);
    CU_ASSERT_PTR_NULL(w);
    CU_ASSERT_EQUAL(fs_table_subset(u, bad, 0, &w, &e), FS_OK);
    CU_ASSERT_EQUAL(w->nrows, 0);
    fs_table_free(w);
    fs_table_free(u);
}

static void population_by_the_year_a_period_names(void)
{
    fs_table_t *t = read_text(long_csv, "l.csv"), *pop = read_text(pop_csv, "p.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    fs_description_t *d = NULL;
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 1, &d, NULL), FS_OK);
    double p[6];
    const size_t pcols[] = {0};
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_join_population_by_period(t, d, pcols, 1, 0, pop, 1, 3, 2, p, &e),
                          FS_OK);
    /* 2018/19 takes mid-2018, 2019/20 mid-2019. */
    const double want[] = {1000, 2000, 500, 1100, 2100, 600};
    for (size_t i = 0; i < 6; i++)
        CU_ASSERT_EQUAL(p[i], want[i]);
    /* The offset shifts it: 2018/19 takes mid-2019, and 2019/20 mid-2020,
     * which the file lacks: the period is named. */
    CU_ASSERT_EQUAL(fs_join_population_by_period(t, d, pcols, 1, 1, pop, 1, 3, 2, p, &e), FS_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "period '2019/20' takes the mid-2020 population"));
    CU_ASSERT_EQUAL(e.line, 5);
    CU_ASSERT_STRING_EQUAL(e.file, "l.csv");
    CU_ASSERT_EQUAL(fs_join_population_by_period(t, d, pcols, 1, -1, pop, 1, 3, 2, p, &e), FS_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "period '2018/19' takes the mid-2017 population"));
    fs_description_free(d);
    fs_table_free(t);

    /* Dates: the year is the first four digits. */
    static const char dates[] = "date,force,k\n2019-03-31,Essex,1\n2020-03-31,Kent,2\n";
    t = read_text(dates, "d.csv");
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 1, &d, NULL), FS_OK);
    CU_ASSERT_EQUAL(fs_join_population_by_period(t, d, pcols, 1, -1, pop, 1, 3, 2, p, &e), FS_OK);
    CU_ASSERT_EQUAL(p[0], 1000); /* 2019 - 1: Essex, mid-2018 */
    CU_ASSERT_EQUAL(p[1], 2100); /* 2020 - 1: Kent, mid-2019 */
    fs_description_free(d);
    fs_table_free(t);

    /* A period with no four-digit year is an error at its cell. */
    static const char words[] = "quarter,force,k\nQ1 19,Essex,1\n";
    t = read_text(words, "w.csv");
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 1, &d, NULL), FS_OK);
    CU_ASSERT_EQUAL(fs_join_population_by_period(t, d, pcols, 1, 0, pop, 1, 3, 2, p, &e),
                    FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_EQUAL(e.column, 1);
    CU_ASSERT_STRING_EQUAL(e.text, "Q1 19");
    fs_description_free(d);
    fs_table_free(t);
    fs_table_free(pop);
}

/* Each period's comparison is the comparison of that period's rows. */
static void every_period_compared_as_alone(void)
{
    fs_table_t *t = read_text(long_csv, "l.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.kind = FS_MEASURE_PROPORTION;
    spec.want = FS_WANT_PERIODS;
    spec.numerator = "k";
    spec.denominator = "n";
    spec.period = "year";
    fs_measure_t m;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, NULL, &spec, &m, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(m.nperiods, 2);
    CU_ASSERT_STRING_EQUAL(m.periods[0].label, "2018/19");
    CU_ASSERT_STRING_EQUAL(m.periods[1].label, "2019/20");
    CU_ASSERT_EQUAL(t->nrows, 6); /* not cut: nothing is over the last period */
    for (size_t k = 0; k < 2; k++) {
        const char *vals[1] = {m.periods[k].label};
        fs_match_t match = {"year", vals, 1};
        fs_table_t *alone = read_text(long_csv, "l.csv");
        CU_ASSERT_EQUAL_FATAL(fs_table_filter(alone, &match, NULL), FS_OK);
        fs_description_t *d = NULL;
        CU_ASSERT_EQUAL_FATAL(fs_describe(alone, 1, &d, NULL), FS_OK);
        fs_comparison_t c;
        CU_ASSERT_EQUAL_FATAL(fs_compare_proportions(alone, d, 2, 3, spec.method, spec.level, &c,
                                                     NULL),
                              FS_OK);
        const fs_comparison_t *got = &m.periods[k].comparison;
        CU_ASSERT_EQUAL(got->nrows, c.nrows);
        CU_ASSERT_EQUAL(got->pooled.estimate, c.pooled.estimate);
        CU_ASSERT_EQUAL(got->pooled.lower, c.pooled.lower);
        for (size_t r = 0; r < c.nrows && r < got->nrows; r++) {
            CU_ASSERT_EQUAL(got->rows[r].ci.estimate, c.rows[r].ci.estimate);
            CU_ASSERT_EQUAL(got->rows[r].ci.upper, c.rows[r].ci.upper);
            CU_ASSERT_EQUAL(got->rows[r].mark, c.rows[r].mark);
        }
        fs_comparison_free(&c);
        fs_description_free(d);
        fs_table_free(alone);
    }
    /* 2019/20 pooled: (12 + 20 + 9) / (100 + 100 + 60) */
    TU_ASSERT_CLOSE(m.periods[1].comparison.pooled.estimate, 41.0 / 260.0, 1e-15);
    fs_measure_free(&m);
    /* A value measure has no comparison by period. */
    spec.kind = FS_MEASURE_VALUE;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &spec, &m, &e), FS_EINVAL);
    fs_measure_free(&m);
    fs_table_free(t);
}

/* A rate's trend: count / population per 1,000, Byar's intervals, and
 * England and Wales pooled over the forces in each period; with a
 * population per row, the band and comparison over the last period use
 * the last period's populations. */
static void trend_of_a_rate(void)
{
    fs_table_t *t = read_text(long_csv, "l.csv"), *pop = read_text(pop_csv, "p.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_description_t *d = NULL;
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 1, &d, NULL), FS_OK);
    double p[6];
    const size_t pcols[] = {0};
    CU_ASSERT_EQUAL_FATAL(fs_join_population_by_period(t, d, pcols, 1, 0, pop, 1, 3, 2, p, NULL),
                          FS_OK);
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.kind = FS_MEASURE_RATE;
    spec.want = FS_WANT_TREND | FS_WANT_COMPARISON;
    spec.numerator = "k";
    spec.population = p;
    spec.period = "year";
    spec.trend_force = fs_registry_match("Kent", 4).force;
    fs_measure_t m;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, d, &spec, &m, &e), FS_OK);
    CU_ASSERT_EQUAL(m.trend.nperiods, 2);
    CU_ASSERT_TRUE(m.trend.intervals);
    CU_ASSERT_TRUE(m.trend.pooled);
    TU_ASSERT_CLOSE(m.trend.force_value[0], 30.0 / 2000.0 * 1000, 1e-15);
    TU_ASSERT_CLOSE(m.trend.force_value[1], 20.0 / 2100.0 * 1000, 1e-15);
    fs_interval_t ci;
    CU_ASSERT_EQUAL_FATAL(fs_rate_ci(20, 2100, 1000, 0.95, &ci, NULL), FS_OK);
    CU_ASSERT_EQUAL(m.trend.force_lower[1], ci.lower);
    CU_ASSERT_EQUAL(m.trend.force_upper[1], ci.upper);
    TU_ASSERT_CLOSE(m.trend.compare_value[1], 41.0 / 3800.0 * 1000, 1e-15);
    /* The comparison is over 2019/20, with 2019's populations. */
    CU_ASSERT_STRING_EQUAL(m.period, "2019/20");
    CU_ASSERT_EQUAL(m.comparison.nrows, 3);
    CU_ASSERT_EQUAL(m.comparison.pooled_denominator, 3800);
    TU_ASSERT_CLOSE(m.comparison.rows[0].ci.estimate, 12.0 / 1100.0 * 1000, 1e-15);
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    fs_table_free(pop);
}

static const char series_csv[] = "month,v\n"
                                  "2020-01,5\n2020-02,6\n2020-03,5\n2020-04,7\n2020-05,6\n"
                                  "2020-06,5\n2020-07,6\n2020-08,5\n2020-09,7\n2020-10,6\n"
                                  "2020-11,12\n2020-12,11\n2021-01,12\n2021-02,13\n";

static void spc_of_a_measure(void)
{
    fs_table_t *t = read_text(series_csv, "s.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.want = FS_WANT_SPC;
    spec.value = "v";
    spec.period = "month";
    spec.trend_force = FS_TREND_ONLY_SERIES;
    const char *rebase[] = {"2020-11"};
    spec.spc_rebase = rebase;
    spec.spc_nrebase = 1;
    spec.spc.min_points = 4;
    fs_measure_t m;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 0, NULL, &spec, &m, &e), FS_OK);
    CU_ASSERT_EQUAL(m.have, FS_WANT_SPC);
    CU_ASSERT_EQUAL(m.spc.n, 14);
    CU_ASSERT_EQUAL(m.spc.nsegments, 2);
    CU_ASSERT_EQUAL(m.spc.segments[1].start, 10);
    CU_ASSERT_STRING_EQUAL(m.trend.periods[10], "2020-11");
    /* The same as the chart of the values themselves. */
    const double x[] = {5, 6, 5, 7, 6, 5, 6, 5, 7, 6, 12, 11, 12, 13};
    const size_t at[] = {10};
    fs_spc_t direct;
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 14, at, 1, &spec.spc, &direct, NULL), FS_OK);
    for (size_t i = 0; i < 14; i++) {
        CU_ASSERT_EQUAL(m.spc.points[i].upper, direct.points[i].upper);
        CU_ASSERT_EQUAL(m.spc.points[i].rules, direct.points[i].rules);
    }
    fs_spc_free(&direct);
    fs_measure_free(&m);

    /* A rebase that names no period, or the first. */
    rebase[0] = "2020-13";
    CU_ASSERT_EQUAL(fs_measure_compute(t, 0, NULL, &spec, &m, &e), FS_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(e.text, "2020-13");
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "'2020-01' to '2021-02'"));
    fs_measure_free(&m);
    rebase[0] = "2020-01";
    CU_ASSERT_EQUAL(fs_measure_compute(t, 0, NULL, &spec, &m, &e), FS_EINVAL);
    fs_measure_free(&m);
    spec.spc_nrebase = 0;
    /* Too few points for the default. */
    spec.spc.min_points = FS_SPC_MIN_POINTS;
    fs_table_t *short_t = read_text("month,v\n1,2\n2,3\n3,2\n4,5\n", "short.csv");
    CU_ASSERT_EQUAL(fs_measure_compute(short_t, 0, NULL, &spec, &m, &e), FS_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "at least 12 points, got 4"));
    fs_measure_free(&m);
    fs_table_free(short_t);
    fs_table_free(t);

    /* A table of many series: the only series is not one. */
    t = read_text(long_csv, "l.csv");
    spec.value = "k";
    spec.period = "year";
    spec.spc.min_points = 2;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &spec, &m, &e), FS_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "period '2018/19' appears twice"));
    CU_ASSERT_EQUAL(e.line, 3);
    fs_measure_free(&m);
    /* One force's series; a gap in it is named. */
    spec.trend_force = fs_registry_match("Surrey", 6).force;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, NULL, &spec, &m, &e), FS_OK);
    CU_ASSERT_EQUAL(m.spc.points[1].value, 9);
    fs_measure_free(&m);
    fs_table_free(t);
    t = read_text("year,force,k\n2018,Essex,1\n2019,Essex,NA\n2020,Essex,3\n", "gap.csv");
    spec.trend_force = fs_registry_match("Essex", 5).force;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &spec, &m, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "period '2019' has no value: an XmR chart needs every period");
    fs_measure_free(&m);
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"a subset copies rows", subset_copies_rows},
        {"a population by the year a period names", population_by_the_year_a_period_names},
        {"every period compared as if alone", every_period_compared_as_alone},
        {"the trend of a rate", trend_of_a_rate},
        {"the SPC chart of a measure", spc_of_a_measure},
        {NULL, NULL}};
    return tu_add_suite("periods", tests);
}

const test_suite_t suite_periods = {"periods", add};
