/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_selftest.c: a suite that fails on purpose, FORCESTAT_SELFTEST_FAILURES
 * times (default 0), so tests/meta/runner.sh can show that any number of
 * failed assertions, 77 among them, makes the runner exit 1.  It is run
 * only when named: never part of the suite as a whole. */
#include <stdlib.h>

#include "testutil.h"

static void fails_as_often_as_told(void)
{
    const char *n = getenv("FORCESTAT_SELFTEST_FAILURES");
    long failures = n != NULL ? atol(n) : 0;
    for (long i = 0; i < failures; i++)
        CU_ASSERT(i < 0); /* fails on purpose */
    CU_PASS("the self-test ran");
}

static int add(void)
{
    static const tu_test_t tests[] = {{"fails as often as told", fails_as_often_as_told},
                                      {NULL, NULL}};
    return tu_add_suite("selftest", tests);
}

const test_suite_t suite_selftest = {"selftest", add};
