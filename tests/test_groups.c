/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_groups.c: most similar groups, from a small example grouping. */
#include <math.h>
#include <string.h>

#include "forcestat/groups.h"
#include "testutil.h"

static fs_table_t *table(const char *text)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    fs_table_read_memory(&t, text, strlen(text), "g.csv", NULL, &e);
    return t;
}

static void reads_groups_and_refuses_bad_rows(void)
{
    fs_table_t *t = table("force,group\nEssex,A\nKent Police,A\nE23000031,B\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_groups_t *g;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_groups_from_table(t, &g, &e), FS_OK);
    CU_ASSERT_EQUAL(g->ngroups, 2);
    CU_ASSERT_STRING_EQUAL(g->names[g->group_of[fs_registry_find_code("E23000028")]], "A");
    CU_ASSERT_STRING_EQUAL(g->names[g->group_of[fs_registry_find_code("E23000032")]], "A");
    CU_ASSERT_STRING_EQUAL(g->names[g->group_of[fs_registry_find_code("E23000031")]], "B");
    CU_ASSERT_EQUAL(g->group_of[fs_registry_find_code("E23000001")], -1);
    fs_groups_free(g);
    fs_table_free(t);
    static const struct {
        const char *text;
        long line;
        const char *message;
    } bad[] = {{"force,group\nNarnia,A\n", 2, "not a territorial force"},
               {"force,group\nEssex,A\nessex police,B\n", 3,
                "Essex Police is listed twice (also on line 2)"},
               {"force,group\nEssex,\n", 2, "empty group name"},
               {"force\nEssex\n", 1, "a groups file needs a force column and a group column"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = table(bad[i].text);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(fs_groups_from_table(t, &g, &e), FS_EPARSE);
        CU_ASSERT_EQUAL(e.line, bad[i].line);
        CU_ASSERT_STRING_EQUAL(e.message, bad[i].message);
        fs_table_free(t);
    }
    fs_groups_free(NULL);
}

static void group_means_and_pooled_figures(void)
{
    fs_table_t *gt = table("force,group\nEssex,A\nKent,A\nSurrey,B\nSussex,B\n");
    fs_table_t *t = table("force,v,k,n\nEssex,1,10,100\nKent,3,30,100\nSurrey,10,5,10\n"
                          "Sussex,NA,NA,50\nDorset,7,7,70\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(gt);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_groups_t *g;
    fs_description_t *d;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_groups_from_table(gt, &g, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 0, &d, &e), FS_OK);
    fs_outliers_t o;
    CU_ASSERT_EQUAL_FATAL(fs_outliers_compute(t, d, 1, NULL, &o, &e), FS_OK);
    double means[5];
    fs_groups_band_means(g, d, &o, means);
    CU_ASSERT_EQUAL(means[0], 2.0);  /* (1 + 3) / 2 */
    CU_ASSERT_EQUAL(means[1], 2.0);
    CU_ASSERT_EQUAL(means[2], 10.0); /* Sussex is missing */
    CU_ASSERT_EQUAL(means[3], 10.0);
    CU_ASSERT(isnan(means[4]));      /* Dorset has no group */
    fs_outliers_free(&o);
    fs_comparison_t c;
    CU_ASSERT_EQUAL_FATAL(fs_compare_proportions(t, d, 2, 3, FS_CI_WILSON, 0.95, &c, &e), FS_OK);
    fs_group_comparison_t gc[5];
    CU_ASSERT_EQUAL_FATAL(fs_groups_compare(g, d, &c, gc, &e), FS_OK);
    TU_ASSERT_CLOSE(gc[0].pooled.estimate, 40.0 / 200.0, 1e-15);
    CU_ASSERT_EQUAL(gc[0].mark, FS_MARK_LOWER);   /* 10% against 20% */
    CU_ASSERT_EQUAL(gc[1].mark, FS_MARK_HIGHER);  /* 30% against 20% */
    TU_ASSERT_CLOSE(gc[2].pooled.estimate, 0.5, 1e-15);
    CU_ASSERT_EQUAL(gc[2].mark, FS_MARK_SIMILAR); /* its own group of one */
    CU_ASSERT_EQUAL(gc[3].mark, FS_MARK_MISSING);
    CU_ASSERT_EQUAL(gc[4].group, -1);
    fs_comparison_free(&c);
    fs_description_free(d);
    fs_groups_free(g);
    fs_table_free(t);
    fs_table_free(gt);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"reads groups; refuses bad rows", reads_groups_and_refuses_bad_rows},
        {"group means and pooled figures", group_means_and_pooled_figures},
        {NULL, NULL}};
    return tu_add_suite("groups", tests);
}

const test_suite_t suite_groups = {"groups", add};
