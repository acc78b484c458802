/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ratio.c: a group's rate against a reference group's, against scipy
 * (tests/reference/ratio.py) and the not-stated bounds.  The published
 * England and Wales 2018/19 figures are in test_ratio_realdata.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/dataset.h"
#include "forcestat/ratio.h"
#include "forcestat/ratio_table.h"
#include "forcestat/registry.h"
#include "testutil.h"

static double cell(const fs_table_t *t, size_t r, size_t c)
{
    return strtod(fs_table_cell(t, r, c), NULL);
}

static fs_definition_t definition_of(const char *s)
{
    if (strcmp(s, "defined") == 0)
        return FS_DEFINED;
    return strcmp(s, "unbounded") == 0 ? FS_UNBOUNDED_ABOVE : FS_NOT_DEFINED;
}

/* Relative 1e-9 (every figure here is a rate, a ratio or a p-value, none
 * near 0 but exact zeros, which must be exact). */
static int agrees(double got, double want)
{
    if (want == 0.0)
        return got == 0.0;
    return fabs(got - want) <= 1e-9 * fabs(want);
}

static void agrees_with_scipy(void)
{
    fs_table_t *ref = tu_load("ratio_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    CU_ASSERT(ref->nrows >= 90);
    size_t bad = 0;
    for (size_t r = 0; r < ref->nrows; r++) {
        fs_group_counts_t g = {cell(ref, r, 1), cell(ref, r, 2), cell(ref, r, 3), cell(ref, r, 4)};
        fs_rate_ratio_method_t m = strcmp(fs_table_cell(ref, r, 0), "exact") == 0
                                       ? FS_RATE_RATIO_EXACT
                                       : FS_RATE_RATIO_KATZ;
        fs_group_ratio_t out;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_group_ratio(&g, m, cell(ref, r, 5), &out, &e), FS_OK);
        CU_ASSERT_EQUAL(out.ratio.defined, definition_of(fs_table_cell(ref, r, 8)));
        CU_ASSERT_EQUAL(out.rate_defined, g.population > 0.0);
        CU_ASSERT_EQUAL(out.reference_rate_defined, g.reference_population > 0.0);
        double got[6] = {out.rate_per_1000,  out.reference_rate_per_1000,
                         out.ratio.estimate, out.ratio.lower,
                         out.ratio.upper,    out.ratio.p_value};
        size_t cols[6] = {6, 7, 9, 10, 11, 12};
        for (size_t i = 0; i < 6; i++) {
            if (!agrees(got[i], cell(ref, r, cols[i])) && bad++ < 10)
                fprintf(stderr, "\n  row %zu column %zu: %.17g, reference %s", r + 2, cols[i],
                        got[i], fs_table_cell(ref, r, cols[i]));
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    fs_table_free(ref);
}

/* No one in the reference group, no one in the group, no count in the
 * reference group: "not defined" (or unbounded), never a division by 0. */
static void not_defined_without_people_or_counts(void)
{
    fs_group_ratio_t out;
    fs_group_counts_t none = {3, 100, 5, 0}, empty = {3, 0, 5, 100}, zero = {3, 100, 0, 100};
    CU_ASSERT_EQUAL_FATAL(fs_group_ratio(&none, FS_RATE_RATIO_EXACT, 0.95, &out, NULL), FS_OK);
    CU_ASSERT_EQUAL(out.ratio.defined, FS_NOT_DEFINED);
    CU_ASSERT_EQUAL(out.reference_rate_defined, 0);
    CU_ASSERT_EQUAL(out.reference_rate_per_1000, 0.0);
    CU_ASSERT_EQUAL(out.rate_per_1000, 30.0);
    CU_ASSERT_EQUAL(out.ratio.p_value, 1.0);
    CU_ASSERT_EQUAL_FATAL(fs_group_ratio(&empty, FS_RATE_RATIO_KATZ, 0.95, &out, NULL), FS_OK);
    CU_ASSERT_EQUAL(out.ratio.defined, FS_NOT_DEFINED);
    CU_ASSERT_EQUAL(out.rate_defined, 0);
    CU_ASSERT_EQUAL_FATAL(fs_group_ratio(&zero, FS_RATE_RATIO_EXACT, 0.95, &out, NULL), FS_OK);
    CU_ASSERT_EQUAL(out.ratio.defined, FS_UNBOUNDED_ABOVE);
    CU_ASSERT(out.ratio.lower > 0.0 && isfinite(out.ratio.lower));
    CU_ASSERT_EQUAL(fs_contrast_verdict(&out.ratio, 1.0), FS_VERDICT_NO_CHANGE);
    CU_ASSERT_EQUAL_FATAL(fs_group_ratio(&zero, FS_RATE_RATIO_KATZ, 0.95, &out, NULL), FS_OK);
    CU_ASSERT_EQUAL(out.ratio.defined, FS_NOT_DEFINED);
}

/* The not-stated bounds contain the estimate, on a grid of counts,
 * populations and not-stated counts; shared in proportion, the ratio is
 * the stated one and the rates grow by 1 + u / s. */
static void not_stated_bounds_contain_the_estimate(void)
{
    static const double counts[] = {0, 1, 7, 150, 70648};
    static const double pops[] = {1, 900, 1864890};
    static const double unstated[] = {0, 1, 56236, 1e7};
    size_t checked = 0;
    for (size_t a = 0; a < 5; a++)
        for (size_t b = 0; b < 5; b++)
            for (size_t p = 0; p < 3; p++)
                for (size_t u = 0; u < 4; u++) {
                    fs_group_counts_t g = {counts[a], pops[p], counts[b], pops[2 - p]};
                    double stated = counts[a] + counts[b] + 1000.0;
                    fs_not_stated_ratio_t s;
                    CU_ASSERT_EQUAL_FATAL(
                        fs_group_ratio_not_stated(&g, unstated[u], stated, &s, NULL), FS_OK);
                    if (s.defined == FS_DEFINED) {
                        CU_ASSERT_EQUAL(s.low_defined, FS_DEFINED);
                        CU_ASSERT(s.low <= s.ratio);
                        if (s.high_defined == FS_DEFINED)
                            CU_ASSERT(s.ratio <= s.high);
                        CU_ASSERT(s.high_defined != FS_NOT_DEFINED);
                        TU_ASSERT_CLOSE(s.ratio, counts[a] / pops[p] / (counts[b] / pops[2 - p]),
                                        1e-14);
                        checked++;
                    }
                    if (unstated[u] > 0 && counts[b] > 0)
                        CU_ASSERT(s.low < s.ratio || s.ratio == 0.0);
                    if (unstated[u] > 0 && s.defined == FS_DEFINED)
                        CU_ASSERT(s.high > s.ratio);
                    TU_ASSERT_CLOSE(s.rate_per_1000,
                                    counts[a] * (1 + unstated[u] / stated) / pops[p] * 1000, 1e-14);
                }
    CU_ASSERT(checked >= 100);
}

static void not_stated_edges(void)
{
    fs_not_stated_ratio_t s;
    fs_error_t e;
    fs_group_counts_t noref = {5, 100, 0, 100}, nothing = {0, 100, 0, 100}, g = {5, 100, 2, 50};
    CU_ASSERT_EQUAL_FATAL(fs_group_ratio_not_stated(&noref, 10, 5, &s, NULL), FS_OK);
    CU_ASSERT_EQUAL(s.defined, FS_UNBOUNDED_ABOVE);
    CU_ASSERT_EQUAL(s.high_defined, FS_UNBOUNDED_ABOVE);
    CU_ASSERT_EQUAL(s.low_defined, FS_DEFINED);
    TU_ASSERT_CLOSE(s.low, 0.5, 1e-15);
    CU_ASSERT_EQUAL_FATAL(fs_group_ratio_not_stated(&nothing, 10, 0, &s, NULL), FS_OK);
    CU_ASSERT_EQUAL(s.defined, FS_NOT_DEFINED);
    CU_ASSERT_EQUAL(s.rates_defined, 0);
    CU_ASSERT_EQUAL(s.high_defined, FS_UNBOUNDED_ABOVE);
    CU_ASSERT_EQUAL(s.low_defined, FS_DEFINED);
    CU_ASSERT_EQUAL(s.low, 0.0);
    CU_ASSERT_EQUAL(fs_group_ratio_not_stated(&g, 1, 6, &s, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_group_ratio_not_stated(&g, -1, 7, &s, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_group_ratio_not_stated(&g, NAN, 7, &s, &e), FS_EINVAL);
    fs_group_counts_t bad = {5, -1, 2, 50};
    CU_ASSERT_EQUAL(fs_group_ratio_not_stated(&bad, 1, 7, &s, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_DENOMINATOR);
    fs_group_counts_t wide = {1e300, 1e-300, 1, 1};
    CU_ASSERT_EQUAL(fs_group_ratio_not_stated(&wide, 1, 2e300, &s, &e), FS_EDOM);
}

static void refuses_bad_arguments(void)
{
    fs_group_ratio_t out;
    fs_error_t e;
    fs_group_counts_t neg = {-1, 100, 5, 100}, frac = {1.5, 100, 5, 100}, big = {1e12, 1, 1, 1};
    fs_group_counts_t inf = {1, 100, 5, INFINITY}, ok = {1, 100, 5, 100};
    CU_ASSERT_EQUAL(fs_group_ratio(&neg, FS_RATE_RATIO_EXACT, 0.95, &out, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BAD_COUNT);
    CU_ASSERT_EQUAL(fs_group_ratio(&inf, FS_RATE_RATIO_EXACT, 0.95, &out, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_group_ratio(&frac, FS_RATE_RATIO_EXACT, 0.95, &out, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_group_ratio(&ok, FS_RATE_RATIO_EXACT, 1.5, &out, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_group_ratio(&ok, (fs_rate_ratio_method_t)5, 0.95, &out, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_group_ratio(&big, FS_RATE_RATIO_EXACT, 0.95, &out, &e), FS_ELIMIT);
    fs_group_counts_t wide = {1e300, 1e-300, 1, 1};
    CU_ASSERT_EQUAL(fs_group_ratio(&wide, FS_RATE_RATIO_KATZ, 0.95, &out, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BEYOND_LIMIT);
}

/* The table by force and group: the counts gathered per force, BTP's
 * only into England and Wales's, the not-stated apart; each force
 * against the people of its groups. */
static fs_table_t *people_table(const char *text)
{
    fs_table_t *pop = NULL;
    fs_error_t e;
    fs_table_read_memory(&pop, text, strlen(text), "people.csv", NULL, &e);
    return pop;
}

static void table_by_force_and_group(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,group,n\n"
                             "Essex,White,40\nEssex,Black,12\nEssex,Not stated,5\n"
                             "Essex,Not stated,3\n"
                             "Kent,Black,0\nKent,White,30\n"
                             "British Transport Police,White,10\nBritish Transport Police,Black,6\n"
                             "England and Wales,White,999\n",
                             &d);
    fs_table_t *pop = people_table("force,group,people\nEssex,White,20000\nEssex,Black,1000\n"
                                   "Kent,White,30000\nKent,Black,500\nKent,Asian,700\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    fs_ratio_spec_t spec = {1, 2, 0, 1, 2, "White", "Not stated", FS_RATE_RATIO_EXACT, 0.95};
    fs_ratio_table_t r;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_ratio_compute(t, d, pop, &spec, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(r.ngroups, 1);
    CU_ASSERT_STRING_EQUAL(r.groups[0], "Black");
    CU_ASSERT_EQUAL(r.nforces, 2);
    CU_ASSERT_EQUAL_FATAL(r.nrows, 3);
    /* Essex: 12 of 1,000 against 40 of 20,000, 6 times; 8 not stated
     * (on two rows: summed) of 52 stated. */
    CU_ASSERT_EQUAL(r.rows[0].force, fs_registry_match("Essex", 5).force);
    CU_ASSERT_EQUAL(r.rows[0].group, 0); /* Black, the reference gone before it */
    CU_ASSERT_EQUAL(r.rows[0].counts.count, 12);
    CU_ASSERT_EQUAL(r.rows[0].counts.reference_population, 20000);
    TU_ASSERT_CLOSE(r.rows[0].ratio.ratio.estimate, 6.0, 1e-12);
    CU_ASSERT_EQUAL(r.rows[0].not_stated, 8);
    CU_ASSERT_EQUAL(r.rows[0].stated_total, 52);
    CU_ASSERT_EQUAL(r.rows[1].row, 4);
    CU_ASSERT_EQUAL(r.rows[1].counts.count, 0);
    /* England and Wales: the forces and BTP (not the file's E&W row),
     * over the forces' people. */
    CU_ASSERT_EQUAL(r.rows[2].force, -1);
    CU_ASSERT_EQUAL(r.rows[2].counts.count, 18);
    CU_ASSERT_EQUAL(r.rows[2].counts.reference_count, 80);
    CU_ASSERT_EQUAL(r.rows[2].counts.population, 1500);
    CU_ASSERT_EQUAL(r.rows[2].counts.reference_population, 50000);
    CU_ASSERT_EQUAL(r.rows[2].not_stated, 8);
    CU_ASSERT_EQUAL(r.rows[2].stated_total, 98);
    fs_ratio_table_free(&r);
    /* Katz's interval and its not defined zero. */
    spec.method = FS_RATE_RATIO_KATZ;
    CU_ASSERT_EQUAL_FATAL(fs_ratio_compute(t, d, pop, &spec, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(r.rows[1].ratio.ratio.defined, FS_NOT_DEFINED);
    fs_ratio_table_free(&r);
    spec.reference = "white";
    CU_ASSERT_EQUAL(fs_ratio_compute(t, d, pop, &spec, &r, &e), FS_ENOTFOUND);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_MISSING_VALUE);
    CU_ASSERT_EQUAL(r.rows, NULL);
    spec.reference = "White";
    spec.count_col = 0; /* the force's name is no count */
    CU_ASSERT_EQUAL(fs_ratio_compute(t, d, pop, &spec, &r, &e), FS_EPARSE);
    fs_table_free(pop);
    fs_ratio_table_free(NULL);
    fs_description_free(d);
    fs_table_free(t);
}

static void table_errors_name_their_place(void)
{
    static const struct {
        const char *counts, *people;
        fs_status_t status;
        long line;
        const char *message;
    } cases[] = {
        {"force,group,n\nEssex,White,1\nEssex,Black,2\nKent,White,1\nKent,Black,1\n",
         "force,group,people\nEssex,White,10\nEssex,Black,10\n", FS_ENOTFOUND, 4,
         "Kent Police has no row in the population table people.csv"},
        {"force,group,n\nEssex,White,1\nEssex,Black,2\n", "force,group,people\nEssex,White,10\n",
         FS_ENOTFOUND, 2,
         "the population table people.csv has no people of group 'Black' for Essex Police"},
        {"force,group,n\nEssex,White,1\nEssex,Black,3\nEssex,White,2\n",
         "force,group,people\nEssex,White,10\n", FS_EPARSE, 4,
         "a second row of this force and group (also on line 2)"},
        {"force,group,n\nEssex,White,1\nEssex,Black,NA\n", "force,group,people\n", FS_EPARSE, 3,
         "column 'n': a count is missing"},
        {"force,group,n\nEssex,White,1\nEssex,Black,2\n",
         "force,group,people\nEssex,White,10\nEssex,Black,-1\n", FS_EPARSE, 3,
         "column 'people': a count must be >= 0"},
        {"force,group,n\nEssex,White,1\nEssex,Black,2\n",
         "force,group,people\nEssex,White,10\nEssex,Black,ten\n", FS_EPARSE, 3,
         "column 'people': not a number"},
        {"force,group,n\nEssex,White,1\n", "force,group,people\n", FS_ENOTFOUND, 0,
         "column 'group' names no group but the reference 'White' to compare"},
        {"force,group,n\nEssex,White,1.5\nEssex,Black,2\n",
         "force,group,people\nEssex,White,10\nEssex,Black,10\n", FS_EINVAL, 2,
         "Essex Police, group 'Black': "},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fs_description_t *d;
        fs_table_t *t = tu_table(cases[k].counts, &d), *pop = people_table(cases[k].people);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
        fs_ratio_spec_t spec = {1, 2, 0, 1, 2, "White", "Not stated", FS_RATE_RATIO_EXACT, 0.95};
        fs_ratio_table_t r;
        fs_error_t e;
        fs_error_clear(&e);
        CU_ASSERT_EQUAL(fs_ratio_compute(t, d, pop, &spec, &r, &e), cases[k].status);
        CU_ASSERT_EQUAL(e.line, cases[k].line);
        CU_ASSERT_NSTRING_EQUAL(e.message, cases[k].message, strlen(cases[k].message));
        if (strncmp(e.message, cases[k].message, strlen(cases[k].message)) != 0)
            fprintf(stderr, "\n  case %zu: %s\n", k, e.message);
        fs_table_free(pop);
        fs_description_free(d);
        fs_table_free(t);
    }
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"agrees with scipy", agrees_with_scipy},
        {"not defined without people or counts", not_defined_without_people_or_counts},
        {"not-stated bounds contain the estimate", not_stated_bounds_contain_the_estimate},
        {"not-stated edges", not_stated_edges},
        {"refuses bad arguments", refuses_bad_arguments},
        {"table by force and group", table_by_force_and_group},
        {"table errors name their place", table_errors_name_their_place},
        {NULL, NULL}};
    return tu_add_suite("ratio", tests);
}

const test_suite_t suite_ratio = {"ratio", add};
