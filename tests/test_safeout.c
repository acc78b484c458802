/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_safeout.c: see the tests' comments. */
#include "testutil.h"

static int add(void)
{
    static const tu_test_t tests[] = {{NULL, NULL}};
    return tu_add_suite("safeout", tests);
}

const test_suite_t suite_safeout = {"safeout", add};
