/* runner.c: runs one CUnit suite by name (or all), and exits with the
 * number of failed assertions (capped so that it never wraps to 0), or
 * 77 when the suite asks to be skipped. */
#include <CUnit/Basic.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

extern const test_suite_t suite_status, suite_emit, suite_number, suite_registry, suite_dataset,
    suite_describe, suite_aggregate, suite_swilk, suite_bands, suite_intervals, suite_compare,
    suite_outliers, suite_chart, suite_funnel, suite_groups, suite_realdata;

static const test_suite_t *const suites[] = {&suite_status,   &suite_emit,     &suite_number,
                                             &suite_registry, &suite_dataset,  &suite_describe,
                                             &suite_aggregate, &suite_swilk, &suite_bands, &suite_intervals, &suite_compare,
                                             &suite_outliers, &suite_chart, &suite_funnel, &suite_groups,
                                             &suite_realdata};

#define SKIP_CODE 77

int main(int argc, char **argv)
{
    /* As the program does: GSL's default handler would abort. */
    gsl_set_error_handler_off();
    const char *only = argc > 1 ? argv[1] : NULL;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 125;
    size_t added = 0;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (only != NULL && strcmp(only, suites[i]->name) != 0)
            continue;
        int rc = suites[i]->add();
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
    return failures > 100 ? 100 : (int)failures;
}
