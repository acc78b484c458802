/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_period.c: periods as people say them. */
#include <stdlib.h>
#include <string.h>

#include "forcestat/period.h"
#include "testutil.h"

static void words(void)
{
    static const struct {
        const char *label;
        int year_ending;
        const char *words;
    } cases[] = {
        {"2018/19 4", 0, "2018/19 Q4"},
        {"2018/19 Q1", 0, "2018/19 Q1"},
        {"2018/19 4", 1, "year ending March 2019"},
        {"2018/19 1", 1, "year ending June 2018"},
        {"2018/19 3", 1, "year ending December 2018"},
        {"2020-03-31", 0, "31 March 2020"},
        {"2020-03-31", 1, "year ending March 2020"},
        {"2019-12-31", 1, "year ending December 2019"},
        {"2018/20 4", 0, "2018/20 4"}, /* not a financial year */
        {"2018/19 5", 0, "2018/19 5"},
        {"2020-13-01", 0, "2020-13-01"},
        {"2017/18", 0, "2017/18"},
        {"2017/18", 1, "year ending March 2018"}, /* a financial year as its Q4 */
        {"1999/00", 1, "year ending March 2000"},
        {"2018/20", 1, "2018/20"}, /* not a financial year */
        {"2018/19x", 1, "2018/19x"},
        {"2018/1", 1, "2018/1"},
        {"Q4", 0, "Q4"},
        {"", 0, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        CU_ASSERT_STRING_EQUAL(fs_period_words(cases[i].label, cases[i].year_ending, buf, sizeof buf),
                               cases[i].words);
    }
}

static void ticks(void)
{
    const char *years[10];
    char texts[10][16];
    for (int k = 0; k < 10; k++) {
        snprintf(texts[k], sizeof texts[k], "%d-03-31", 2013 + k);
        years[k] = texts[k];
    }
    char *out[10];
    fs_error_t e;
    /* Dense, every date 31 March: the year alone. */
    CU_ASSERT_EQUAL_FATAL(fs_period_ticks(years, 10, 0, out, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(out[0], "2013");
    CU_ASSERT_STRING_EQUAL(out[9], "2022");
    for (int k = 0; k < 10; k++)
        free(out[k]);
    /* Dense, different days: month and year. */
    years[3] = "2016-09-30";
    CU_ASSERT_EQUAL_FATAL(fs_period_ticks(years, 10, 0, out, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(out[0], "Mar 2013");
    CU_ASSERT_STRING_EQUAL(out[3], "Sep 2016");
    for (int k = 0; k < 10; k++)
        free(out[k]);
    /* Few: the whole date, short. */
    CU_ASSERT_EQUAL_FATAL(fs_period_ticks(years, 2, 0, out, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(out[1], "31 Mar 2014");
    free(out[0]);
    free(out[1]);
    /* Rolling years of quarters. */
    const char *q[2] = {"2017/18 4", "2018/19 2"};
    CU_ASSERT_EQUAL_FATAL(fs_period_ticks(q, 2, 1, out, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(out[0], "Mar 2018");
    CU_ASSERT_STRING_EQUAL(out[1], "Sep 2018");
    free(out[0]);
    free(out[1]);
    CU_ASSERT_EQUAL_FATAL(fs_period_ticks(q, 2, 0, out, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(out[0], "2017/18 Q4");
    free(out[0]);
    free(out[1]);
    /* Financial years on an axis as written, years ending or not: short,
     * as the axis's title ("Financial year") says them. */
    const char *fy[2] = {"2017/18", "2018/19"};
    CU_ASSERT_EQUAL_FATAL(fs_period_ticks(fy, 2, 1, out, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(out[0], "2017/18");
    CU_ASSERT_STRING_EQUAL(out[1], "2018/19");
    free(out[0]);
    free(out[1]);
}

static int add(void)
{
    static const tu_test_t tests[] = {{"words", words}, {"ticks", ticks}, {NULL, NULL}};
    return tu_add_suite("period", tests);
}

const test_suite_t suite_period = {"period", add};
