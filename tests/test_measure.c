/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_measure.c: one measure computed once (measure.h): its results are
 * those of the functions it stands for, over the rows every command
 * selects. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/changes.h"
#include "forcestat/measure.h"
#include "testutil.h"

/* A long table: two periods, three forces, England and Wales in the
 * first period only. */
static const char long_csv[] = "year,force,k,n,v\n"
                               "2019,Essex,10,100,1.5\n"
                               "2019,Kent,30,100,2.5\n"
                               "2019,Surrey,5,10,4\n"
                               "2019,England and Wales,45,210,2\n"
                               "2020,Essex,12,100,1.7\n"
                               "2020,Kent,33,110,2.2\n"
                               "2020,Surrey,6,20,3.9\n"
                               "2020,Sussex,9,30,3.1\n";

static fs_table_t *read_csv(const char *text)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, text, strlen(text), "m.csv", NULL, &e), FS_OK);
    return t;
}

/* The band, the comparison and the funnel are what the functions they
 * stand for give on the same rows: the last period's. */
static void results_are_those_of_the_parts(void)
{
    fs_table_t *t = read_csv(long_csv), *last = read_csv(long_csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(last);
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.want = FS_WANT_BAND | FS_WANT_COMPARISON | FS_WANT_FUNNEL | FS_WANT_TREND;
    s.value = "v";
    s.numerator = "k";
    s.denominator = "n";
    s.period = "year";
    s.trend_force = fs_registry_find_code("E23000028"); /* Essex */
    fs_measure_t m;
    fs_error_t e;
    unsigned long before = fs_measure_computations();
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_measure_computations(), before + 1);
    CU_ASSERT_EQUAL(m.have, s.want);
    CU_ASSERT_STRING_EQUAL(m.period, "2020");
    CU_ASSERT_EQUAL(m.table->nrows, 4);
    /* The same by hand: the 2020 rows, described, banded and compared. */
    const char *y[] = {"2020"};
    fs_match_t match = {"year", y, 1};
    CU_ASSERT_EQUAL_FATAL(fs_table_filter(last, &match, &e), FS_OK);
    fs_description_t *d;
    CU_ASSERT_EQUAL_FATAL(fs_describe(last, 1, &d, &e), FS_OK);
    fs_outliers_t o;
    CU_ASSERT_EQUAL_FATAL(fs_outliers_compute(last, d, 4, &s.band, &o, &e), FS_OK);
    CU_ASSERT_EQUAL(m.band.nrows, 4);
    CU_ASSERT_EQUAL(m.band.band.centre, o.band.centre);
    CU_ASSERT_EQUAL(m.band.band.lower, o.band.lower);
    CU_ASSERT_EQUAL(m.band.band.upper, o.band.upper);
    fs_comparison_t c;
    CU_ASSERT_EQUAL_FATAL(fs_compare_proportions(last, d, 2, 3, s.method, s.level, &c, &e), FS_OK);
    CU_ASSERT_EQUAL(m.comparison.nrows, c.nrows);
    CU_ASSERT_EQUAL(m.comparison.pooled.estimate, c.pooled.estimate);
    CU_ASSERT_EQUAL(m.comparison.pooled.lower, c.pooled.lower);
    double num[4] = {12, 33, 6, 9}, den[4] = {100, 110, 20, 30};
    fs_funnel_t f;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 4, &s.funnel, &f, &e), FS_OK);
    CU_ASSERT_EQUAL(m.funnel.n, 4);
    CU_ASSERT_EQUAL(m.funnel.fit.target, f.target);
    CU_ASSERT_EQUAL(m.funnel.fit.phi, f.phi);
    CU_ASSERT_PTR_NULL(m.funnel.group_target);
    /* The trend is over both periods: Essex's interval each year; England
     * and Wales from its row in 2019 and missing in 2020 (the file has the
     * row, so nothing is pooled). */
    CU_ASSERT_EQUAL_FATAL(m.trend.nperiods, 2);
    CU_ASSERT_STRING_EQUAL(m.trend.periods[0], "2019");
    CU_ASSERT_STRING_EQUAL(m.trend.periods[1], "2020");
    fs_interval_t ci;
    CU_ASSERT_EQUAL(fs_proportion_ci(12, 100, s.method, s.level, 0, &ci, &e), FS_OK);
    CU_ASSERT_EQUAL(m.trend.force_value[1], ci.estimate);
    CU_ASSERT_EQUAL(m.trend.force_lower[1], ci.lower);
    CU_ASSERT_EQUAL(m.trend.force_upper[1], ci.upper);
    CU_ASSERT_EQUAL(fs_proportion_ci(45, 210, s.method, s.level, 0, &ci, &e), FS_OK);
    CU_ASSERT_EQUAL(m.trend.compare_value[0], ci.estimate);
    CU_ASSERT(isnan(m.trend.compare_value[1]));
    CU_ASSERT_EQUAL(m.trend.pooled, 0);
    CU_ASSERT_STRING_EQUAL(m.trend.compare_name, "England and Wales");
    fs_comparison_free(&c);
    fs_outliers_free(&o);
    fs_description_free(d);
    fs_measure_free(&m);
    fs_table_free(t);
    fs_table_free(last);
}

/* A trend of proportions in a file without England and Wales pools the
 * forces; group targets pool each group's forces. */
static void pooled_trend_and_group_targets(void)
{
    fs_table_t *t = read_csv("year,force,k,n\n2019,Essex,10,100\n2019,Kent,30,100\n"
                             "2020,Essex,12,100\n2020,Kent,33,110\n2020,Surrey,5,10\n");
    fs_table_t *gt = read_csv("force,group\nEssex,A\nKent,A\nSurrey,B\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gt);
    fs_groups_t *g;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_groups_from_table(gt, &g, &e), FS_OK);
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.want = FS_WANT_TREND | FS_WANT_FUNNEL;
    s.numerator = "k";
    s.denominator = "n";
    s.period = "year";
    s.groups = g;
    s.trend_force = fs_registry_find_code("E23000032"); /* Kent */
    fs_measure_t m;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_OK);
    CU_ASSERT_EQUAL(m.trend.pooled, 1);
    CU_ASSERT_STRING_EQUAL(m.trend.compare_name, "England and Wales (pooled)");
    fs_interval_t ci;
    CU_ASSERT_EQUAL(fs_proportion_ci(40, 200, s.method, s.level, 0, &ci, &e), FS_OK);
    CU_ASSERT_EQUAL(m.trend.compare_value[0], ci.estimate);
    CU_ASSERT_EQUAL(fs_proportion_ci(50, 220, s.method, s.level, 0, &ci, &e), FS_OK);
    CU_ASSERT_EQUAL(m.trend.compare_value[1], ci.estimate);
    /* The funnel is over the last period: group A is Essex and Kent. */
    CU_ASSERT_EQUAL_FATAL(m.funnel.n, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m.funnel.group_target);
    CU_ASSERT_DOUBLE_EQUAL(m.funnel.group_target[0], 45.0 / 210.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(m.funnel.group_target[1], 45.0 / 210.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(m.funnel.group_target[2], 0.5, 1e-15);
    fs_measure_free(&m);
    fs_groups_free(g);
    fs_table_free(gt);
    fs_table_free(t);
}

/* What a measure cannot give is an error naming why, and each call counts
 * once, failed or not. */
static void errors(void)
{
    fs_measure_spec_t s;
    fs_measure_t m;
    fs_error_t e;
    fs_table_t *t = read_csv(long_csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_measure_spec_init(&s);
    s.value = "nope";
    unsigned long before = fs_measure_computations();
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_ENOTFOUND);
    fs_measure_free(&m);
    CU_ASSERT_EQUAL(fs_measure_computations(), before + 1);
    /* A force twice, with no period to tell its rows apart. */
    s.value = "v";
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 6);
    fs_measure_free(&m);
    /* A value measure has no intervals. */
    fs_measure_spec_init(&s);
    s.value = "v";
    s.want = FS_WANT_COMPARISON;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_EINVAL);
    fs_measure_free(&m);
    /* Too many period columns. */
    fs_measure_spec_init(&s);
    s.value = "v";
    s.period = "year,year,year,year,year,year,year,year,year";
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_EINVAL);
    fs_measure_free(&m);
    /* A trend of values needs comparison rows: none for Sussex here. */
    fs_measure_spec_init(&s);
    s.value = "v";
    s.want = FS_WANT_TREND;
    s.period = "year";
    s.trend_force = fs_registry_find_code("E23000032");
    s.compare = "Sussex";
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_OK);
    fs_measure_free(&m);
    s.compare = "Dorset";
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_EDOM);
    CU_ASSERT(strstr(e.message, "no rows for Dorset") != NULL);
    fs_measure_free(&m);
    /* So does a proportion's: a comparison named is never replaced by
     * England and Wales pooled over the forces. */
    fs_table_t *props = read_csv("year,force,k,n\n2019,Essex,1,10\n2019,Kent,2,10\n"
                                 "2020,Essex,1,10\n2020,Kent,3,10\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(props);
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.numerator = "k";
    s.denominator = "n";
    s.want = FS_WANT_TREND;
    s.period = "year";
    s.trend_force = fs_registry_find_code("E23000032");
    s.compare = "Dorset";
    CU_ASSERT_EQUAL(fs_measure_compute(props, 1, NULL, &s, &m, &e), FS_EDOM);
    fs_measure_free(&m);
    s.compare = NULL; /* without one: pooled */
    CU_ASSERT_EQUAL(fs_measure_compute(props, 1, NULL, &s, &m, &e), FS_OK);
    CU_ASSERT(m.trend.pooled);
    fs_measure_free(&m);
    fs_table_free(props);
    /* A band needs three values: 2019 has three forces but the band is
     * over the last period, cut here to two. */
    fs_table_t *two = read_csv("year,force,v\n2019,Essex,1\n2019,Kent,2\n2019,Surrey,3\n"
                               "2020,Essex,1\n2020,Kent,2\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(two);
    fs_measure_spec_init(&s);
    s.value = "v";
    s.period = "year";
    CU_ASSERT_EQUAL(fs_measure_compute(two, 1, NULL, &s, &m, &e), FS_EDOM);
    fs_measure_free(&m);
    fs_table_free(two);
    fs_table_free(t);
}

/* The errors a program branches on carry their reason, and those that
 * name a cell its 0-based row of the table (not the point's or the unit's
 * index in the arrays the method saw): expected values by hand. */
static void errors_carry_reason_and_row(void)
{
    fs_measure_spec_t s;
    fs_measure_t m;
    fs_error_t e;
    /* Essex on the even rows, Kent on the odd, 2001 to 2012: Essex's 2006
     * is the 6th point of its series (index 5), row 10, line 12. */
    char csv[2048];
    size_t len = (size_t)snprintf(csv, sizeof csv, "year,force,v\n");
    for (int y = 2001; y <= 2012; y++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, "%d,Essex,%s\n%d,Kent,%d\n", y,
                                y == 2006 ? "1e200" : (y % 2 ? "1" : "2"), y, y % 3);
    fs_table_t *t = read_csv(csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_measure_spec_init(&s);
    s.want = FS_WANT_SPC;
    s.value = "v";
    s.period = "year";
    s.trend_force = fs_registry_match("Essex", 5).force;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BEYOND_LIMIT);
    CU_ASSERT_EQUAL(e.index, 10);
    CU_ASSERT_EQUAL(e.line, 12);
    CU_ASSERT_EQUAL(e.column, 3);
    CU_ASSERT_STRING_EQUAL(e.text, "1e200");
    CU_ASSERT_STRING_EQUAL(e.message, "column 'v': point 6 (1e+200) is beyond 1e150");
    fs_measure_free(&m);
    /* Without a force the table is one series: 2001 comes again on row 1
     * (Kent's), line 3. */
    s.trend_force = FS_TREND_ONLY_SERIES;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_DUPLICATE_PERIOD);
    CU_ASSERT_EQUAL(e.index, 1);
    CU_ASSERT_EQUAL(e.line, 3);
    fs_measure_free(&m);
    fs_table_free(t);
    /* Too few points: 12 needed by default, 3 given. */
    t = read_csv("year,v\n2001,1\n2002,2\n2003,4\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(fs_measure_compute(t, 0, NULL, &s, &m, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_TOO_FEW);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    fs_measure_free(&m);
    fs_table_free(t);
    /* A funnel of rates: Kent (row 2, line 4; unit 2 of the funnel, as
     * England and Wales on row 0 is no unit) has a population of 0. */
    t = read_csv("force,k,n\nEngland and Wales,100,1000\nEssex,10,100\nKent,5,0\n"
                 "Surrey,3,50\nSussex,4,60\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_RATE;
    s.want = FS_WANT_FUNNEL;
    s.funnel.type = FS_FUNNEL_RATE;
    s.numerator = "k";
    s.denominator = "n";
    CU_ASSERT_EQUAL(fs_measure_compute(t, 0, NULL, &s, &m, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_DENOMINATOR);
    CU_ASSERT_EQUAL(e.index, 2);
    CU_ASSERT_EQUAL(e.line, 4);
    CU_ASSERT_EQUAL(e.column, 3);
    CU_ASSERT_STRING_EQUAL(e.message,
                           "column 'n': a rate needs a count >= 0 and a population > 0");
    fs_measure_free(&m);
    fs_table_free(t);
}

/* A plain table's measures: the proportion triple, the rate triple, then
 * every other numeric column; lower, upper and rows describe the others. */
static void measures_are_inferred(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,numerator,denominator,proportion,lower,upper,count,"
                             "population,rate_per_1000,rows,score\n"
                             "Essex,1,10,0.1,0.01,0.4,5,1000,5,1,7\n"
                             "Kent,2,10,0.2,0.05,0.5,6,1000,6,1,8\n",
                             &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_inferred_t *m;
    size_t n;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_measure_infer(t, d, &m, &n, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_EQUAL(m[0].kind, FS_MEASURE_PROPORTION);
    CU_ASSERT_EQUAL(m[0].value, 3);
    CU_ASSERT_EQUAL(m[0].numerator, 1);
    CU_ASSERT_EQUAL(m[0].denominator, 2);
    CU_ASSERT_EQUAL(m[1].kind, FS_MEASURE_RATE);
    CU_ASSERT_EQUAL(m[1].value, 8);
    CU_ASSERT_EQUAL(m[1].numerator, 6);
    CU_ASSERT_EQUAL(m[1].denominator, 7);
    CU_ASSERT_EQUAL(m[2].kind, FS_MEASURE_VALUE);
    CU_ASSERT_EQUAL(m[2].value, 10);
    free(m);
    fs_description_free(d);
    fs_table_free(t);
}

/* Periods and identifiers are no measure; a constant measure is left
 * out and marked; a constant "rows" (which describes the others) is left
 * out without a mark. */
static void periods_and_constants_are_not_inferred(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("Year,force,Force ID,flag,score,rows\n"
                             "2019,Essex,1,1,7,4\n"
                             "2019,Kent,2,1,8,4\n"
                             "2019,Surrey,3,1,9,4\n",
                             &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_inferred_t *m;
    size_t n;
    fs_error_t e;
    unsigned char constant[6];
    memset(constant, 9, sizeof constant);
    CU_ASSERT_EQUAL_FATAL(fs_measure_infer_marking(t, d, &m, &n, constant, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(m[0].kind, FS_MEASURE_VALUE);
    CU_ASSERT_EQUAL(m[0].value, 4);
    static const unsigned char want[6] = {0, 0, 0, 1, 0, 0};
    CU_ASSERT_EQUAL(memcmp(constant, want, sizeof want), 0);
    free(m);
    CU_ASSERT_EQUAL_FATAL(fs_measure_infer(t, d, &m, &n, &e), FS_OK);
    CU_ASSERT_EQUAL(n, 1);
    free(m);
    fs_description_free(d);
    fs_table_free(t);
}

/* A copy of every cell, header name and line number of t. */
typedef struct snapshot {
    size_t nrows, ncols;
    char **text; /* the header, then the cells row by row */
    long *lines;
} snapshot_t;

static void snapshot_take(const fs_table_t *t, snapshot_t *s)
{
    s->nrows = t->nrows;
    s->ncols = t->ncols;
    s->text = calloc((t->nrows + 1) * t->ncols, sizeof *s->text);
    s->lines = calloc(t->nrows ? t->nrows : 1, sizeof *s->lines);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->lines);
    for (size_t c = 0; c < t->ncols; c++)
        s->text[c] = strdup(t->columns[c]);
    for (size_t r = 0; r < t->nrows; r++) {
        s->lines[r] = t->lines[r];
        for (size_t c = 0; c < t->ncols; c++)
            s->text[(r + 1) * t->ncols + c] = strdup(fs_table_cell(t, r, c));
    }
}

/* Whether t still holds exactly what s took; frees s. */
static int snapshot_same(const fs_table_t *t, snapshot_t *s)
{
    int same = t->nrows == s->nrows && t->ncols == s->ncols;
    for (size_t c = 0; same && c < s->ncols; c++)
        same = strcmp(t->columns[c], s->text[c]) == 0;
    for (size_t r = 0; same && r < s->nrows; r++) {
        same = t->lines[r] == s->lines[r];
        for (size_t c = 0; same && c < s->ncols; c++)
            same = strcmp(fs_table_cell(t, r, c), s->text[(r + 1) * s->ncols + c]) == 0;
    }
    for (size_t k = 0; k < (s->nrows + 1) * s->ncols; k++)
        free(s->text[k]);
    free(s->text);
    free(s->lines);
    return same;
}

/* fs_measure_compute never changes its table: with a period, everything
 * over the last period is computed on its own copy of those rows, so the
 * caller's table keeps all its rows, cells and lines (it used to be cut
 * in place to the 2020 rows). */
static void input_table_is_unchanged(void)
{
    fs_table_t *t = read_csv(long_csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    double population[8] = {1e5, 2e5, 3e4, 5e6, 1e5, 2e5, 3e4, 4e4};
    for (int kind = 0; kind < 3; kind++) {
        fs_measure_spec_t s;
        fs_measure_spec_init(&s);
        s.period = "year";
        s.value = "v";
        s.spc_optional = 1;
        s.trend_force = fs_registry_find_code("E23000028"); /* Essex */
        if (kind == 0) {
            s.want = FS_WANT_BAND | FS_WANT_TREND | FS_WANT_SPC;
        } else {
            s.kind = kind == 1 ? FS_MEASURE_PROPORTION : FS_MEASURE_RATE;
            s.want = FS_WANT_BAND | FS_WANT_COMPARISON | FS_WANT_FUNNEL | FS_WANT_TREND |
                     FS_WANT_SPC | FS_WANT_PERIODS;
            s.numerator = "k";
            s.denominator = "n";
            if (kind == 2) {
                s.population = population;
                s.funnel.type = FS_FUNNEL_RATE;
            }
        }
        snapshot_t before;
        snapshot_take(t, &before);
        fs_measure_t m;
        fs_error_t e;
        CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_OK);
        CU_ASSERT(snapshot_same(t, &before));
        /* What is over the last period is over its four rows. */
        CU_ASSERT_STRING_EQUAL(m.period, "2020");
        CU_ASSERT_EQUAL(m.table->nrows, 4);
        CU_ASSERT_EQUAL(m.band.nrows, 4);
        fs_measure_free(&m);
    }
    fs_table_free(t);
}

/* With trend_forces, every force flagged that has rows gets its trend
 * (and SPC chart) from the same one computation, each against the one
 * comparison; by hand: Kent's 30/100 and 33/110, Sussex's 9/30 in 2020
 * only, England and Wales's 45/210 in 2019. */
static void every_force_series_in_one_pass(void)
{
    fs_table_t *t = read_csv(long_csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    int kent = fs_registry_match("Kent", 4).force, sussex = fs_registry_match("Sussex", 6).force;
    int essex = fs_registry_match("Essex", 5).force, surrey = fs_registry_match("Surrey", 6).force;
    int dorset = fs_registry_match("Dorset", 6).force;
    CU_ASSERT_FATAL(kent >= 0 && sussex >= 0 && essex >= 0 && surrey >= 0 && dorset >= 0);
    unsigned char flags[FS_FORCE_COUNT] = {0};
    flags[kent] = flags[sussex] = flags[dorset] = 1; /* Dorset has no row */
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.want = FS_WANT_BAND | FS_WANT_TREND | FS_WANT_SPC;
    s.value = "v";
    s.numerator = "k";
    s.denominator = "n";
    s.period = "year";
    s.spc_optional = 1;
    s.trend_force = -1;
    s.trend_forces = flags;
    fs_measure_t m;
    fs_error_t e;
    unsigned long before = fs_measure_computations();
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_measure_computations(), before + 1);
    /* No trend of its own (no trend_force), the band as always. */
    CU_ASSERT_EQUAL(m.have, FS_WANT_BAND);
    CU_ASSERT_EQUAL(m.band.nrows, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m.series);
    CU_ASSERT_EQUAL(m.series[essex].have, 0);
    CU_ASSERT_EQUAL(m.series[surrey].have, 0);
    CU_ASSERT_EQUAL(m.series[dorset].have, 0);
    /* Two points are too few for an XmR chart: said, not an error. */
    CU_ASSERT_EQUAL(m.series[kent].have, FS_WANT_TREND);
    CU_ASSERT(m.series[kent].spc_skipped[0] != '\0');
    fs_interval_t k19, k20, s20, ew;
    CU_ASSERT_EQUAL(fs_proportion_ci(30, 100, s.method, s.level, 0, &k19, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_proportion_ci(33, 110, s.method, s.level, 0, &k20, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_proportion_ci(9, 30, s.method, s.level, 0, &s20, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_proportion_ci(45, 210, s.method, s.level, 0, &ew, &e), FS_OK);
    fs_measure_t view;
    fs_measure_for_force(&m, kent, &view);
    CU_ASSERT_EQUAL(view.have, FS_WANT_BAND | FS_WANT_TREND);
    CU_ASSERT_PTR_EQUAL(view.table, m.table);
    const fs_measure_trend_t *tr = &view.trend;
    CU_ASSERT_EQUAL_FATAL(tr->nperiods, 2);
    CU_ASSERT_STRING_EQUAL(tr->periods[0], "2019");
    CU_ASSERT_STRING_EQUAL(tr->periods[1], "2020");
    CU_ASSERT_EQUAL(tr->force_value[0], k19.estimate);
    CU_ASSERT_EQUAL(tr->force_lower[0], k19.lower);
    CU_ASSERT_EQUAL(tr->force_upper[1], k20.upper);
    CU_ASSERT_EQUAL(tr->compare_value[0], ew.estimate);
    CU_ASSERT_EQUAL(tr->compare_lower[0], ew.lower);
    CU_ASSERT_EQUAL(tr->compare_upper[0], ew.upper);
    CU_ASSERT(isnan(tr->compare_value[1]));
    CU_ASSERT_STRING_EQUAL(tr->compare_name, "England and Wales");
    fs_measure_free(&view); /* empties the view only */
    fs_measure_for_force(&m, sussex, &view);
    CU_ASSERT(isnan(view.trend.force_value[0]));
    CU_ASSERT_EQUAL(view.trend.force_value[1], s20.estimate);
    CU_ASSERT_EQUAL(view.trend.force_lower[1], s20.lower);
    CU_ASSERT_EQUAL(view.trend.compare_upper[0], ew.upper);
    fs_measure_free(&view);
    /* A force without a series: no trend to draw. */
    fs_measure_for_force(&m, essex, &view);
    CU_ASSERT_EQUAL(view.have, FS_WANT_BAND);
    fs_measure_free(&view);
    CU_ASSERT_EQUAL(m.series[kent].trend.force_value[0], k19.estimate); /* m untouched */
    fs_measure_free(&m);
    /* A comparison that is a force cannot be every force's. */
    s.compare = "Essex";
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_EINVAL);
    fs_measure_free(&m);
    fs_table_free(t);
}

/* Each force's change between two periods is the change functions' on
 * its two rows, against England and Wales pooled over the forces; the
 * errors name what is wrong. */
/* Two contrasts hold the same figures (memcmp would read the padding
 * after `defined`, which nothing sets). */
static int same_contrast(const fs_contrast_t *x, const fs_contrast_t *y)
{
    return x->defined == y->defined && x->estimate == y->estimate && x->lower == y->lower &&
           x->upper == y->upper && x->p_value == y->p_value;
}

static void changes_between_periods(void)
{
    fs_table_t *t = read_csv(long_csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.want = FS_WANT_PERIODS;
    s.numerator = "k";
    s.denominator = "n";
    s.period = "year";
    fs_measure_t m;
    fs_changes_t c;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_OK);
    /* Sussex has figures in 2020 only. */
    CU_ASSERT_EQUAL(fs_changes_compute(&m, "2019", "2020", 0.95, FS_ADJUST_NONE, &c, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_MISSING_VALUE);
    CU_ASSERT_EQUAL(e.index, (size_t)fs_registry_find_code("E23000033"));
    CU_ASSERT_STRING_EQUAL(e.message, "Sussex Police has figures in 2020 but none in 2019");
    fs_changes_free(&c);
    CU_ASSERT_EQUAL(fs_changes_compute(&m, "2019", "2021", 0.95, FS_ADJUST_NONE, &c, &e),
                    FS_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(e.message, "no period '2021'; the periods are 2019, 2020");
    CU_ASSERT_EQUAL(fs_changes_compute(&m, "2019", "2019", 0.95, FS_ADJUST_NONE, &c, &e),
                    FS_EINVAL);
    CU_ASSERT_EQUAL(fs_changes_compute(&m, "2019", "2020", 1.5, FS_ADJUST_NONE, &c, &e), FS_EINVAL);
    fs_measure_free(&m);
    fs_table_free(t);
    /* Without Sussex: three forces in both years. */
    t = read_csv("year,force,k,n\n2019,Essex,10,100\n2019,Kent,30,100\n2019,Surrey,5,10\n"
                 "2020,Kent,33,110\n2020,Essex,12,100\n2020,Surrey,6,20\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_changes_compute(&m, "2019", "2020", 0.9, FS_ADJUST_HOLM, &c, &e),
                          FS_OK);
    CU_ASSERT_EQUAL_FATAL(c.n, 3);
    CU_ASSERT_STRING_EQUAL(c.label1, "2019");
    CU_ASSERT_EQUAL(c.rows[0].force, fs_registry_find_code("E23000032")); /* 2020's order */
    fs_two_periods_t total = {45, 210, 51, 230}, essex = {10, 100, 12, 100};
    CU_ASSERT_EQUAL(memcmp(&c.total.x, &total, sizeof total), 0);
    CU_ASSERT_EQUAL(memcmp(&c.rows[1].x, &essex, sizeof essex), 0);
    fs_contrast_t d, a, ew;
    CU_ASSERT_EQUAL(fs_change_proportion(&essex, 0.9, &d, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_change_proportion_against_rest(&essex, &total, 0.9, &a, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_change_proportion(&total, 0.9, &ew, &e), FS_OK);
    CU_ASSERT_TRUE(same_contrast(&c.rows[1].change, &d));
    CU_ASSERT_TRUE(same_contrast(&c.rows[1].against, &a));
    CU_ASSERT_TRUE(same_contrast(&c.total.change, &ew));
    CU_ASSERT_EQUAL(c.rows[1].value1, 0.1);
    double p[3], adj[3];
    for (size_t k = 0; k < 3; k++)
        p[k] = c.rows[k].change.p_value;
    CU_ASSERT_EQUAL(fs_p_adjust(p, 3, FS_ADJUST_HOLM, adj, &e), FS_OK);
    for (size_t k = 0; k < 3; k++) {
        CU_ASSERT_EQUAL(c.rows[k].p_adjusted, adj[k]);
        CU_ASSERT_EQUAL(c.rows[k].verdict,
                        fs_contrast_verdict_adjusted(&c.rows[k].change, 0.0, adj[k], 0.9));
    }
    fs_changes_free(&c);
    fs_changes_free(NULL);
    fs_measure_free(&m);
    /* A value has no counts to compare. */
    s.kind = FS_MEASURE_VALUE;
    s.want = FS_WANT_BAND;
    s.value = "k";
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 1, NULL, &s, &m, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_changes_compute(&m, "2019", "2020", 0.95, FS_ADJUST_NONE, &c, &e),
                    FS_EINVAL);
    fs_measure_free(&m);
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"results are those of the parts", results_are_those_of_the_parts},
        {"pooled trend and group targets", pooled_trend_and_group_targets},
        {"errors", errors},
        {"errors carry their reason and row", errors_carry_reason_and_row},
        {"measures are inferred", measures_are_inferred},
        {"periods and constants are not inferred", periods_and_constants_are_not_inferred},
        {"the input table is unchanged", input_table_is_unchanged},
        {"every force's series in one pass", every_force_series_in_one_pass},
        {"changes between two periods", changes_between_periods},
        {NULL, NULL}};
    return tu_add_suite("measure", tests);
}

const test_suite_t suite_measure = {"measure", add};
