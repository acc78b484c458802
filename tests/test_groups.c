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

/* Per-force peer lists: told apart by the header or by content, each
 * force compared with its own peers (overlapping, not symmetric), and
 * the refusals. */
static void reads_peer_lists(void)
{
    static const char *const layouts[] = {
        "force,peer\nEssex,Kent\nEssex,Surrey\nKent,Essex\nSurrey,Sussex\n",
        "peer,force\nKent,Essex\nSurrey,Essex\nEssex,Kent\nSussex,Surrey\n",
        "a,b\nEssex,Kent\nEssex,Surrey\nKent,Essex\nSurrey,Sussex\n"};
    size_t essex = fs_registry_find_code("E23000028"), kent = fs_registry_find_code("E23000032");
    size_t surrey = fs_registry_find_code("E23000031"), sussex = fs_registry_find_code("E23000033");
    for (size_t i = 0; i < 3; i++) {
        fs_table_t *t = table(layouts[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        fs_groups_t *g;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_groups_from_table(t, &g, &e), FS_OK);
        CU_ASSERT_EQUAL(g->peer_lists, 1);
        CU_ASSERT_EQUAL(g->ngroups, 3);
        int ge = g->group_of[essex], gs = g->group_of[surrey];
        CU_ASSERT_STRING_EQUAL(g->names[ge], "peers of Essex Police");
        CU_ASSERT(g->members[ge][essex] && g->members[ge][kent] && g->members[ge][surrey]);
        CU_ASSERT(!g->members[ge][sussex]);
        CU_ASSERT(g->members[gs][sussex] && !g->members[gs][essex]); /* not symmetric */
        CU_ASSERT_EQUAL(g->group_of[sussex], -1);
        fs_groups_free(g);
        fs_table_free(t);
    }
    /* A second column of group names is a grouping, not peers. */
    fs_table_t *t = table("a,b\nEssex,Kent\nSurrey,Eastern\n");
    fs_groups_t *g;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_groups_from_table(t, &g, &e), FS_OK);
    CU_ASSERT_EQUAL(g->peer_lists, 0);
    fs_groups_free(g);
    fs_table_free(t);
    static const struct {
        const char *text;
        long line;
        const char *message;
    } bad[] = {{"force,peer\nEssex,Narnia\n", 2, "not a territorial force"},
               {"force,peer\nEssex,Kent\nEssex,kent police\n", 3,
                "Kent Police is listed twice as a peer of Essex Police"},
               {"force,peer\nEssex,Essex Police\n", 2, "Essex Police is listed as its own peer"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = table(bad[i].text);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(fs_groups_from_table(t, &g, &e), FS_EPARSE);
        CU_ASSERT_EQUAL(e.line, bad[i].line);
        CU_ASSERT_STRING_EQUAL(e.message, bad[i].message);
        fs_table_free(t);
    }
}

/* With peer lists, every figure of a force is over its own peer group:
 * Essex's (Essex, Kent, Surrey), Kent's (Kent, Essex), Surrey's (Surrey,
 * Sussex). */
static void peer_means_pooled_and_rank(void)
{
    fs_table_t *gt = table("force,peer\nEssex,Kent\nEssex,Surrey\nKent,Essex\nSurrey,Sussex\n");
    fs_table_t *t = table("force,v,k,n\nEssex,1,10,100\nKent,3,30,100\nSurrey,10,5,10\n"
                          "Sussex,4,20,50\nDorset,7,7,70\n");
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
    CU_ASSERT_EQUAL(means[0], 14.0 / 3.0); /* (1 + 3 + 10) / 3 */
    CU_ASSERT_EQUAL(means[1], 2.0);        /* (3 + 1) / 2 */
    CU_ASSERT_EQUAL(means[2], 7.0);        /* (10 + 4) / 2 */
    CU_ASSERT(isnan(means[3]));            /* Sussex has no list */
    size_t rank, n;
    fs_groups_rank(g, d, &o, 0, &rank, &n);
    CU_ASSERT(rank == 3 && n == 3); /* 1: below 3 and 10 */
    fs_groups_rank(g, d, &o, 1, &rank, &n);
    CU_ASSERT(rank == 1 && n == 2);
    fs_groups_rank(g, d, &o, 3, &rank, &n);
    CU_ASSERT(rank == 0 && n == 0);
    fs_outliers_free(&o);
    fs_comparison_t c;
    CU_ASSERT_EQUAL_FATAL(fs_compare_proportions(t, d, 2, 3, FS_CI_WILSON, 0.95, &c, &e), FS_OK);
    fs_group_comparison_t gc[5];
    CU_ASSERT_EQUAL_FATAL(fs_groups_compare(g, d, &c, gc, &e), FS_OK);
    TU_ASSERT_CLOSE(gc[0].pooled.estimate, 45.0 / 210.0, 1e-15);
    TU_ASSERT_CLOSE(gc[1].pooled.estimate, 40.0 / 200.0, 1e-15);
    TU_ASSERT_CLOSE(gc[2].pooled.estimate, 25.0 / 60.0, 1e-15);
    CU_ASSERT_EQUAL(gc[3].mark, FS_MARK_MISSING);
    size_t rows[5] = {0, 1, 2, 3, 4};
    double num[5] = {10, 30, 5, 20, 7}, den[5] = {100, 100, 10, 50, 70}, target[5];
    CU_ASSERT_EQUAL_FATAL(fs_groups_pooled_targets(g, d, rows, num, den, 5, 1.0, target, &e), FS_OK);
    TU_ASSERT_CLOSE(target[0], 45.0 / 210.0, 1e-15);
    TU_ASSERT_CLOSE(target[1], 40.0 / 200.0, 1e-15);
    TU_ASSERT_CLOSE(target[2], 25.0 / 60.0, 1e-15);
    CU_ASSERT(isnan(target[3]));
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
        {"reads peer lists", reads_peer_lists},
        {"peer means, pooled figures and rank", peer_means_pooled_and_rank},
        {NULL, NULL}};
    return tu_add_suite("groups", tests);
}

const test_suite_t suite_groups = {"groups", add};
