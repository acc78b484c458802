/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ratio_realdata.c: the published England and Wales 2018/19 stop and
 * search disproportionality from the Home Office open data and the 2011
 * Census by police force area (SOURCES.md beside them).  Skipped (exit
 * 77) when the shared data folder is absent, never passed silently. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/aggregate.h"
#include "forcestat/dataset.h"
#include "forcestat/ratio.h"
#include "testutil.h"

static const char *shared;

/* Searches by ethnic group, England and Wales 2018/19, every legislation,
 * from the Home Office open data (all 44 rows of forces and BTP, as the
 * published figures count them); people by ethnic group from the 2011
 * Census by police force area (its 43 rows).  Published: 4 searches per
 * 1,000 White people, 38 per 1,000 Black people, 9.7 times as likely
 * (forcestat's sums: 3.9, 37.9, 9.7; without BTP 3.84, 37.3, 9.73). */
static double searches_of(const fs_aggregate_result_t *res, const char *group)
{
    for (size_t g = 0; g < res->ngroups; g++) {
        if (strcmp(res->groups[g].keys[0], group) == 0)
            return res->groups[g].numerator;
    }
    return NAN;
}

static double census_total(const fs_table_t *t, const char *column)
{
    size_t col;
    fs_error_t e;
    if (fs_table_find_column(t, column, &col, &e) != FS_OK)
        return NAN;
    double sum = 0.0;
    for (size_t r = 0; r < t->nrows; r++)
        sum += strtod(fs_table_cell(t, r, col), NULL);
    return sum;
}

static void black_to_white_2018_19(void)
{
    const char *by[] = {"ethnic_group_self_defined"}, *year[] = {"2019-03-31"};
    fs_match_t filter = {"year_ending", year, 1};
    fs_aggregate_spec_t spec = {by, 1, "searches", &filter, 1, NULL, NULL, NULL};
    fs_reader_t *r;
    fs_error_t e;
    fs_aggregate_result_t *res = NULL;
    CU_ASSERT_EQUAL_FATAL(
        fs_reader_open(&r, tu_path(shared, "ho_stop_search_open_data_2006_07_to_2018_19.csv.gz"),
                       NULL, &e),
        FS_OK);
    CU_ASSERT_EQUAL(fs_aggregate(r, &spec, &res, &e), FS_OK);
    fs_reader_free(r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    double black = searches_of(res, "Black or Black British"), white = searches_of(res, "White");
    double not_stated = searches_of(res, "Not stated"), stated = 0.0;
    for (size_t g = 0; g < res->ngroups; g++) {
        if (strcmp(res->groups[g].keys[0], "Not stated") != 0 &&
            strcmp(res->groups[g].keys[0], "Vehicle only") != 0)
            stated += res->groups[g].numerator;
    }
    fs_aggregate_result_free(res);
    CU_ASSERT_EQUAL(black, 70648.0);
    CU_ASSERT_EQUAL(white, 187761.0);
    fs_table_t *census = NULL;
    CU_ASSERT_EQUAL_FATAL(
        fs_table_read(&census, tu_path(shared, "census2011_ethnic_group_by_pfa.csv"), NULL, &e),
        FS_OK);
    CU_ASSERT_EQUAL(census->nrows, 43);
    double black_people = census_total(census, "Ethnic Group: Black; measures: Value");
    double white_people = census_total(census, "Ethnic Group: White; measures: Value");
    fs_table_free(census);
    CU_ASSERT_EQUAL(black_people, 1864890.0);
    CU_ASSERT_EQUAL(white_people, 48209395.0);
    fs_group_counts_t g = {black, black_people, white, white_people};
    fs_group_ratio_t out;
    CU_ASSERT_EQUAL_FATAL(fs_group_ratio(&g, FS_RATE_RATIO_EXACT, 0.95, &out, &e), FS_OK);
    CU_ASSERT(fabs(out.reference_rate_per_1000 - 3.9) < 0.05);
    CU_ASSERT(fabs(out.rate_per_1000 - 37.9) < 0.05);
    CU_ASSERT(fabs(out.ratio.estimate - 9.7) < 0.05);
    CU_ASSERT(out.ratio.lower < 9.7 && out.ratio.upper > 9.7);
    CU_ASSERT_EQUAL(fs_contrast_verdict(&out.ratio, 1.0), FS_VERDICT_INCREASE);
    /* The 56,236 searches whose ethnicity was not stated move it from
     * about 7.5 (all of them White) to about 17.5 (all of them Black). */
    fs_not_stated_ratio_t s;
    CU_ASSERT_EQUAL_FATAL(fs_group_ratio_not_stated(&g, not_stated, stated, &s, &e), FS_OK);
    CU_ASSERT(s.low < s.ratio && s.ratio < s.high);
    CU_ASSERT(fabs(s.low - 7.5) < 0.5);
    CU_ASSERT(fabs(s.high - 17.5) < 0.5);
    fprintf(stderr,
            "\n  White %.4g, Black %.4g per 1,000, ratio %.4g (%.4g to %.4g); not stated: "
            "%.4g to %.4g\n",
            out.reference_rate_per_1000, out.rate_per_1000, out.ratio.estimate, out.ratio.lower,
            out.ratio.upper, s.low, s.high);
}

static int add_realdata(void)
{
    shared = tu_shared_data();
    if (shared == NULL) {
        fprintf(stderr, "ratio_realdata: SKIPPED, the shared data folder was not found "
                        "(set FORCESTAT_SHARED_DATA)\n");
        return 77;
    }
    static const tu_test_t tests[] = {{"Black to White, 2018/19", black_to_white_2018_19},
                                      {NULL, NULL}};
    return tu_add_suite("ratio_realdata", tests);
}

const test_suite_t suite_ratio_realdata = {"ratio_realdata", add_realdata};
