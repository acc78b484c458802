/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.c: shared helpers of the CUnit suites. */
#include "testutil.h"

#include <string.h>

#include "forcestat/describe.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int tu_close(double actual, double expected, double rel)
{
    if (isnan(expected))
        return isnan(actual);
    double scale = fabs(expected) > 1e-300 ? fabs(expected) : 1e-300;
    int ok = fabs(actual - expected) <= rel * scale;
    if (!ok)
        fprintf(stderr, "\n  expected %.17g, got %.17g (relative tolerance %g)\n", expected,
                actual, rel);
    return ok;
}

const char *tu_shared_data(void)
{
    const char *dir = getenv("FORCESTAT_SHARED_DATA");
    struct stat st;
    if (dir == NULL || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    return dir;
}

const char *tu_path(const char *dir, const char *file)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", dir, file);
    return buf;
}

int tu_add_suite(const char *name, const tu_test_t *tests)
{
    CU_pSuite suite = CU_add_suite(name, NULL, NULL);
    if (suite == NULL)
        return -1;
    for (const tu_test_t *t = tests; t->name != NULL; t++) {
        if (CU_add_test(suite, t->name, t->fn) == NULL)
            return -1;
    }
    return 0;
}

fs_table_t *tu_load(const char *file)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    fs_error_clear(&e);
    if (fs_table_read(&t, tu_path(FORCESTAT_TEST_DATA, file), NULL, &e) != FS_OK)
        fprintf(stderr, "\n  %s: %s\n", file, e.message);
    return t;
}

fs_table_t *tu_table(const char *text, fs_description_t **d)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    fs_error_clear(&e);
    if (fs_table_read_memory(&t, text, strlen(text), "m.csv", NULL, &e) != FS_OK)
        return NULL;
    if (fs_describe(t, 0, d, &e) != FS_OK) {
        fs_table_free(t);
        return NULL;
    }
    return t;
}
