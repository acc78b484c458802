/* SPDX-License-Identifier: GPL-3.0-or-later */
/* runner.c: runs one CUnit suite by name (or all).  Exit status: 0 when
 * every assertion held, 1 when any failed (whatever their number: ctest
 * reads 77 as "skipped", so a count of failures could pass for a skip),
 * 77 only when the suite asks to be skipped, and never in CI (CI=true),
 * where everything a suite needs is there, 125 when the runner itself
 * cannot run. */
#include <CUnit/Basic.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

extern const test_suite_t suite_status, suite_emit, suite_number, suite_registry, suite_dataset,
    suite_bulk, suite_fastfloat, suite_describe, suite_aggregate, suite_swilk, suite_bands, suite_intervals, suite_change, suite_ratio, suite_ratio_realdata, suite_similar, suite_compare,
    suite_outliers, suite_measure, suite_render, suite_period, suite_chart, suite_template, suite_funnel, suite_groups, suite_realdata, suite_selftest, suite_stage, suite_contract, suite_spc, suite_spine, suite_periods, suite_nomem, suite_limits, suite_safeout, suite_kinds, suite_results, suite_site, suite_workbook, suite_palette;

static const test_suite_t *const suites[] = {&suite_status,   &suite_emit,     &suite_number,
                                             &suite_registry, &suite_dataset,  &suite_bulk, &suite_fastfloat, &suite_describe,
                                             &suite_aggregate, &suite_swilk, &suite_bands, &suite_intervals, &suite_change, &suite_ratio, &suite_ratio_realdata, &suite_similar, &suite_compare,
                                             &suite_outliers, &suite_measure, &suite_render, &suite_period, &suite_chart, &suite_template, &suite_funnel, &suite_groups, &suite_spc, &suite_spine, &suite_periods, &suite_stage, &suite_contract, &suite_limits, &suite_safeout, &suite_kinds, &suite_results, &suite_site, &suite_workbook, &suite_palette, &suite_nomem,
                                             &suite_realdata};

#define SKIP_CODE 77

static int in_ci(void)
{
    const char *ci = getenv("CI");
    return ci != NULL && strcmp(ci, "true") == 0;
}

int main(int argc, char **argv)
{
    /* As the program does: GSL's default handler would abort. */
    gsl_set_error_handler_off();
    const char *only = argc > 1 ? argv[1] : NULL;
    /* The runner's own test: a suite that fails on purpose, run only by
     * name (tests/meta/runner.sh). */
    if (only != NULL && strcmp(only, "selftest") == 0) {
        if (CU_initialize_registry() != CUE_SUCCESS || suite_selftest.add() != 0)
            return 125;
        CU_basic_set_mode(CU_BRM_SILENT);
        CU_basic_run_tests();
        unsigned failures = CU_get_number_of_failures();
        CU_cleanup_registry();
        return failures > 0 ? 1 : 0;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 125;
    size_t added = 0;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (only != NULL && strcmp(only, suites[i]->name) != 0)
            continue;
        int rc = suites[i]->add();
        if (rc == SKIP_CODE && in_ci()) {
            fprintf(stderr, "suite %s asked to be skipped, but CI has everything it needs: "
                            "failing\n",
                    suites[i]->name);
            CU_cleanup_registry();
            return 1;
        }
        if (rc == SKIP_CODE && only != NULL) {
            CU_cleanup_registry();
            return SKIP_CODE;
        }
        if (rc != 0 && rc != SKIP_CODE) {
            fprintf(stderr, "cannot register suite %s\n", suites[i]->name);
            CU_cleanup_registry();
            return 125;
        }
        added++;
    }
    if (added == 0) {
        fprintf(stderr, "no suite named '%s'\n", only);
        CU_cleanup_registry();
        return 125;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    unsigned ran = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    if (ran == 0) {
        fprintf(stderr, "no test ran\n");
        return 125;
    }
    return failures > 0 ? 1 : 0;
}
