/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.h: shared helpers of the CUnit suites. */
#ifndef FORCESTAT_TESTUTIL_H
#define FORCESTAT_TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stddef.h>

/* A suite as the runner knows it: its name and a function adding it to
 * the CUnit registry.  Each test_<module>.c defines one. */
typedef struct test_suite {
    const char *name;
    int (*add)(void);
} test_suite_t;

/* |actual - expected| <= rel * max(|expected|, tiny): a relative
 * tolerance that still works when expected is 0. */
int tu_close(double actual, double expected, double rel);

#define TU_ASSERT_CLOSE(actual, expected, rel)                                                    \
    CU_ASSERT(tu_close((actual), (expected), (rel)))

/* The folder of the shared public data files, or NULL when it is absent
 * (then the real-data suites say so and are skipped). */
const char *tu_shared_data(void);

/* Reads tests/data/FILE as a table (NULL, with a message, on failure). */
struct fs_table;
struct fs_description;
struct fs_table *tu_load(const char *file);

/* Reads a table from text, named "m.csv", and describes it with its first
 * column as the force column; NULL on failure. */
struct fs_table *tu_table(const char *text, struct fs_description **d);

/* Joins a folder and a file name into a static buffer. */
const char *tu_path(const char *dir, const char *file);

/* Adds tests given as {name, function} pairs, NULL-terminated, to a new
 * suite; returns 0 on success. */
typedef struct tu_test {
    const char *name;
    void (*fn)(void);
} tu_test_t;
int tu_add_suite(const char *name, const tu_test_t *tests);

#endif
