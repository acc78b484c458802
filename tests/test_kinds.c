/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_kinds.c: the tables of kinds (render/kinds.h): each row agrees
 * with the library's own names for its value, every value has a row,
 * look-ups, "did you mean" and the joined lists. */
#include <stdio.h>
#include <string.h>

#include "forcestat/funnel.h"
#include "forcestat/intervals.h"
#include "forcestat/spc.h"
#include "render/kinds.h"
#include "testutil.h"

/* Each value in values[] has exactly one row, no two rows share a value
 * or a name, and each has a line of help: a table that grows by a row (a
 * method, a chart kind added with its code) keeps the rows named here. */
static void rows_include(const fs_kind_table_t *t, const int *values, size_t n)
{
    CU_ASSERT(t->n >= n);
    for (size_t i = 0; i < n; i++) {
        size_t found = 0;
        for (size_t r = 0; r < t->n; r++)
            found += t->rows[r].value == values[i];
        CU_ASSERT_EQUAL(found, 1);
    }
    for (size_t r = 0; r < t->n; r++) {
        CU_ASSERT_PTR_NOT_NULL(t->rows[r].what);
        CU_ASSERT(t->rows[r].what != NULL && strlen(t->rows[r].what) > 10);
        /* A name is typed once, a value stands for one row. */
        for (size_t q = r + 1; q < t->n; q++) {
            CU_ASSERT(strcmp(t->rows[r].name, t->rows[q].name) != 0);
            CU_ASSERT(t->rows[r].value != t->rows[q].value);
        }
    }
}

/* Each value in values[] has exactly one row, and no row has another. */
static void rows_are_exactly(const fs_kind_table_t *t, const int *values, size_t n)
{
    CU_ASSERT_EQUAL(t->n, n);
    rows_include(t, values, n);
}

static void interval_methods_are_the_librarys(void)
{
    /* The five methods of intervals.h, by hand; the table may hold more. */
    static const int values[] = {FS_CI_WALD, FS_CI_WILSON, FS_CI_AGRESTI_COULL,
                                 FS_CI_CLOPPER_PEARSON, FS_CI_JEFFREYS};
    const fs_kind_table_t *t = &fs_kinds_ci_method;
    rows_include(t, values, 5);
    for (size_t r = 0; r < t->n; r++) {
        CU_ASSERT_STRING_EQUAL(t->rows[r].name, fs_ci_method_name((fs_ci_method_t)t->rows[r].value));
        fs_ci_method_t m = (fs_ci_method_t)99;
        CU_ASSERT_EQUAL(fs_ci_method_parse(t->rows[r].name, &m), FS_OK);
        CU_ASSERT_EQUAL((int)m, t->rows[r].value);
    }
    CU_ASSERT_STRING_EQUAL(fs_kind_of(t, FS_CI_WILSON)->name, "wilson");
    CU_ASSERT_STRING_EQUAL(fs_kind_of(t, FS_CI_AGRESTI_COULL)->name, "agresti-coull");
    /* The default is listed first (the help's order). */
    CU_ASSERT_EQUAL(t->rows[0].value, FS_CI_DEFAULT_METHOD);
}

static void overdispersion_is_the_librarys(void)
{
    static const int values[] = {FS_OVERDISPERSION_NONE, FS_OVERDISPERSION_MULTIPLICATIVE,
                                 FS_OVERDISPERSION_ADDITIVE};
    const fs_kind_table_t *t = &fs_kinds_overdispersion;
    rows_are_exactly(t, values, 3);
    for (size_t r = 0; r < t->n; r++)
        CU_ASSERT_STRING_EQUAL(t->rows[r].name,
                               fs_overdispersion_name((fs_overdispersion_t)t->rows[r].value));
    CU_ASSERT_STRING_EQUAL(fs_kind_of(t, FS_OVERDISPERSION_ADDITIVE)->name, "additive");
}

static void spc_rules_are_the_librarys(void)
{
    static const int values[] = {FS_SPC_RULE_OUTSIDE, FS_SPC_RULE_SHIFT, FS_SPC_RULE_TREND,
                                 FS_SPC_RULE_TWO_IN_THREE};
    const fs_kind_table_t *t = &fs_kinds_spc_rule;
    rows_are_exactly(t, values, 4);
    for (size_t r = 0; r < t->n; r++) {
        char buf[64];
        fs_spc_rule_names((unsigned)t->rows[r].value, buf, sizeof buf);
        CU_ASSERT_STRING_EQUAL(t->rows[r].name, buf);
    }
    CU_ASSERT_STRING_EQUAL(fs_kind_of(t, FS_SPC_RULE_TWO_IN_THREE)->name, "two-in-three");
}

static void chart_kinds_name_their_templates(void)
{
    static const int values[] = {FS_CHART_BAR, FS_CHART_TREND, FS_CHART_INTERVALS,
                                 FS_CHART_FUNNEL, FS_CHART_SPC, FS_CHART_SPINE};
    static const char *const names[] = {"bar", "trend", "intervals", "funnel", "spc", "spine"};
    const fs_kind_table_t *t = &fs_kinds_chart;
    rows_include(t, values, 6);
    for (size_t i = 0; i < 6; i++) {
        const fs_kind_t *k = fs_kind_of(t, values[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(k);
        CU_ASSERT_STRING_EQUAL(k->name, names[i]);
        /* Each template is "NAME.gp" and is in plots/. */
        char want[32], path[4096];
        snprintf(want, sizeof want, "%s.gp", names[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(k->file);
        CU_ASSERT_STRING_EQUAL(k->file, want);
        snprintf(path, sizeof path, "%s/plots/%s", FORCESTAT_SOURCE_DIR, k->file);
        FILE *f = fopen(path, "r");
        CU_ASSERT_PTR_NOT_NULL(f);
        if (f != NULL)
            fclose(f);
    }
}

static void formats_are_bits(void)
{
    static const int values[] = {FS_FORMAT_TEXT, FS_FORMAT_CSV, FS_FORMAT_JSON};
    rows_are_exactly(&fs_kinds_format, values, 3);
    CU_ASSERT_EQUAL(fs_kind_mask_of_bits(&fs_kinds_format, FS_FORMAT_TEXT | FS_FORMAT_JSON), 5u);
    CU_ASSERT_EQUAL(fs_kind_mask_of_bits(&fs_kinds_format, FS_FORMAT_CSV), 2u);
    CU_ASSERT_EQUAL(fs_kind_mask_of_bits(&fs_kinds_format, 0), 0u);
}

static void every_table_is_listed_once(void)
{
    const fs_kind_table_t *want[] = {&fs_kinds_chart, &fs_kinds_ci_method,
                                     &fs_kinds_overdispersion, &fs_kinds_spc_rule,
                                     &fs_kinds_format};
    size_t n = 0;
    while (fs_kind_tables[n] != NULL)
        n++;
    CU_ASSERT_EQUAL(n, 5);
    for (size_t i = 0; i < 5; i++) {
        size_t found = 0;
        for (size_t k = 0; k < n; k++)
            found += fs_kind_tables[k] == want[i];
        CU_ASSERT_EQUAL(found, 1);
    }
}

static void names_are_found_exactly(void)
{
    const fs_kind_t *k = fs_kind_find(&fs_kinds_ci_method, "clopper-pearson", FS_KIND_ALL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->value, FS_CI_CLOPPER_PEARSON);
    CU_ASSERT_PTR_NULL(fs_kind_find(&fs_kinds_ci_method, "Wilson", FS_KIND_ALL));
    CU_ASSERT_PTR_NULL(fs_kind_find(&fs_kinds_ci_method, "wilson ", FS_KIND_ALL));
    CU_ASSERT_PTR_NULL(fs_kind_find(&fs_kinds_ci_method, "", FS_KIND_ALL));
    CU_ASSERT_PTR_NULL(fs_kind_find(&fs_kinds_chart, "pie", FS_KIND_ALL));
    /* A mask leaves rows out: check takes text and json, not csv. */
    CU_ASSERT_PTR_NULL(fs_kind_find(&fs_kinds_format, "csv", 5u));
    k = fs_kind_find(&fs_kinds_format, "json", 5u);
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->value, FS_FORMAT_JSON);
    CU_ASSERT_PTR_NULL(fs_kind_of(&fs_kinds_chart, 42));
}

static const char *suggest(const fs_kind_table_t *t, const char *name, unsigned mask)
{
    const fs_kind_t *k = fs_kind_suggest(t, name, mask);
    return k != NULL ? k->name : "(none)";
}

static void near_misses_are_suggested(void)
{
    /* One letter dropped, added, changed, or two neighbours swapped. */
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "wilsn", FS_KIND_ALL), "wilson");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "jeffrey", FS_KIND_ALL), "jeffreys");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "walds", FS_KIND_ALL), "wald");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "wlad", FS_KIND_ALL), "wald");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_format, "jsno", FS_KIND_ALL), "json");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_format, "txet", FS_KIND_ALL), "text");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_chart, "bra", FS_KIND_ALL), "bar");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_chart, "spines", FS_KIND_ALL), "spine");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_overdispersion, "additve", FS_KIND_ALL), "additive");
    /* 14 letters: two slips are still a near miss. */
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "clopper-pearsn", FS_KIND_ALL),
                           "clopper-pearson");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "clopr-pearson", FS_KIND_ALL),
                           "clopper-pearson");
    /* Further off, nothing. */
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "exact", FS_KIND_ALL), "(none)");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "wlsn", FS_KIND_ALL), "(none)");
    /* A swap and a slip besides: two slips in a short name. */
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_ci_method, "wlax", FS_KIND_ALL), "(none)");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_format, "jsnx", FS_KIND_ALL), "(none)");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_chart, "pie", FS_KIND_ALL), "(none)");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_format, "xml", FS_KIND_ALL), "(none)");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_format, "", FS_KIND_ALL), "(none)");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_format, "jsonjson", FS_KIND_ALL), "(none)");
    /* A row the mask leaves out is never suggested. */
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_format, "csvv", 5u), "(none)");
    CU_ASSERT_STRING_EQUAL(suggest(&fs_kinds_format, "csvv", FS_KIND_ALL), "csv");
}

static void lists_are_joined(void)
{
    char buf[128];
    CU_ASSERT_EQUAL(fs_kind_join(&fs_kinds_overdispersion, FS_KIND_ALL, ", ", " or ", buf,
                                 sizeof buf),
                    strlen("none, multiplicative or additive"));
    CU_ASSERT_STRING_EQUAL(buf, "none, multiplicative or additive");
    /* The first six kinds (the table may grow). */
    fs_kind_join(&fs_kinds_chart, 0x3fu, ", ", " or ", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "bar, trend, intervals, funnel, spc or spine");
    fs_kind_join(&fs_kinds_format, 5u, ", ", ", ", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "text, json");
    fs_kind_join(&fs_kinds_format, 2u, ", ", " or ", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "csv");
    fs_kind_join(&fs_kinds_format, 0u, ", ", " or ", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "");
    /* Cut to the buffer, always terminated; the length is the whole list's. */
    char small[8];
    memset(small, 'x', sizeof small);
    CU_ASSERT_EQUAL(fs_kind_join(&fs_kinds_overdispersion, FS_KIND_ALL, ", ", " or ", small,
                                 sizeof small),
                    32);
    CU_ASSERT_STRING_EQUAL(small, "none, m");
    CU_ASSERT_EQUAL(fs_kind_join(&fs_kinds_overdispersion, FS_KIND_ALL, ", ", " or ", small, 0),
                    32);
    CU_ASSERT_EQUAL(small[0], 'n');
}

/* Which chart kinds take an option: the rows that list it, else all. */
static void options_are_taken_by_their_kinds(void)
{
    const fs_kind_table_t *t = &fs_kinds_chart;
    unsigned bar = 1u << FS_CHART_BAR, trend = 1u << FS_CHART_TREND,
             intervals = 1u << FS_CHART_INTERVALS, funnel = 1u << FS_CHART_FUNNEL,
             spc = 1u << FS_CHART_SPC;
    /* Among today's kinds; a kind added to the table may take these too. */
    unsigned today = bar | trend | intervals | funnel | spc | 1u << FS_CHART_SPINE;
    CU_ASSERT_EQUAL(fs_kind_takers(t, "method"), trend | intervals);
    CU_ASSERT_EQUAL(fs_kind_takers(t, "groups"), bar);
    CU_ASSERT_EQUAL(fs_kind_takers(t, "sort") & today, bar | intervals);
    CU_ASSERT_EQUAL(fs_kind_takers(t, "limits"), funnel);
    CU_ASSERT_EQUAL(fs_kind_takers(t, "min-points"), spc); /* the last word of a row */
    CU_ASSERT_EQUAL(fs_kind_takers(t, "value") & today, bar | trend | spc); /* the first */
    CU_ASSERT_EQUAL(fs_kind_takers(t, "target"), funnel | spc);
    /* Options no row lists are every row's; a word is matched whole. */
    CU_ASSERT_EQUAL(fs_kind_takers(t, "output"), FS_KIND_ALL);
    CU_ASSERT_EQUAL(fs_kind_takers(t, "val"), FS_KIND_ALL);
    CU_ASSERT_EQUAL(fs_kind_takers(t, "values"), FS_KIND_ALL);
    CU_ASSERT_EQUAL(fs_kind_takers(t, ""), FS_KIND_ALL);
    /* A table without options: every row takes everything. */
    CU_ASSERT_EQUAL(fs_kind_takers(&fs_kinds_ci_method, "method"), FS_KIND_ALL);
    /* Spine parses its own: it is among the takers of no listed option. */
    CU_ASSERT_EQUAL(fs_kind_takers(t, "per") & (1u << FS_CHART_SPINE), 0u);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"interval methods are the library's", interval_methods_are_the_librarys},
        {"over-dispersion adjustments are the library's", overdispersion_is_the_librarys},
        {"SPC rules are the library's", spc_rules_are_the_librarys},
        {"chart kinds name their templates", chart_kinds_name_their_templates},
        {"formats are bits", formats_are_bits},
        {"every table is listed once", every_table_is_listed_once},
        {"names are found exactly", names_are_found_exactly},
        {"near misses are suggested", near_misses_are_suggested},
        {"lists are joined", lists_are_joined},
        {"options are taken by their kinds", options_are_taken_by_their_kinds},
        {NULL, NULL}};
    return tu_add_suite("kinds", tests);
}

const test_suite_t suite_kinds = {"kinds", add};
