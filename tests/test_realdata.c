/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_realdata.c: the reader and registry on the public Home Office and
 * ONS files (see SOURCES.md beside them).  When the folder is absent the
 * suite says so and is skipped (exit 77), never passed silently. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/aggregate.h"
#include "forcestat/compare.h"
#include "forcestat/describe.h"
#include "testutil.h"

static const char *dir;

static fs_table_t *load(const char *file)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    fs_error_clear(&e);
    fs_status_t st = fs_table_read(&t, tu_path(dir, file), NULL, &e);
    if (st != FS_OK)
        fprintf(stderr, "\n  %s:%ld:%ld: %s\n", e.file, e.line, e.column, e.message);
    return st == FS_OK ? t : NULL;
}

/* pfa_reference.csv lists every publisher's spelling of each force:
 * each must match the force of its row's code. */
static void every_published_spelling_matches(void)
{
    fs_table_t *t = load("pfa_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 43);
    static const char *const cols[] = {"pfa_code", "pfa_name_ons", "name_home_office",
                                       "name_workforce", "name_police_uk"};
    for (size_t c = 0; c < 5; c++) {
        size_t col;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_table_find_column(t, cols[c], &col, &e), FS_OK);
        for (size_t i = 0; i < t->nrows; i++) {
            const char *label = fs_table_cell(t, i, col);
            fs_unit_t u = fs_registry_match(label, strlen(label));
            CU_ASSERT_EQUAL(u.kind, FS_UNIT_FORCE);
            if (u.kind == FS_UNIT_FORCE) {
                CU_ASSERT_STRING_EQUAL(u.code, fs_table_cell(t, i, 0));
            } else {
                fprintf(stderr, "\n  '%s' did not match\n", label);
            }
        }
    }
    fs_table_free(t);
}

static void bom_file_has_a_clean_first_header(void)
{
    fs_table_t *t = load("ons_lad16_csp16_pfa16_lookup_dec2016.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(t->columns[0], "LAD16CD");
    CU_ASSERT_EQUAL(t->ncols, 7);
    CU_ASSERT_EQUAL(t->nrows, 348);
    fs_table_free(t);
}

static void cr_only_file_reads_every_record(void)
{
    fs_table_t *t = load("bbc_policeuk_outcomes_by_force_2012_2016.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->ncols, 27);
    CU_ASSERT_EQUAL(t->nrows, 45); /* 43 forces, BTP, PSNI */
    CU_ASSERT_EQUAL(t->lines[44], 46);
    fs_description_t *d;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 0, &d, &e), FS_OK);
    CU_ASSERT_EQUAL(d->forces_present, 43);
    CU_ASSERT_EQUAL(d->nduplicates, 0);
    fs_description_free(d);
    fs_table_free(t);
}

/* Every `year` field holds a quoted newline, so 7,700 records take 15,401
 * physical lines: the last record starts on line 15,400. */
static void embedded_newlines_keep_line_numbers(void)
{
    fs_table_t *t = load("ons_crime_severity_score_by_area_2003_2022.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 7700);
    CU_ASSERT_EQUAL(t->lines[0], 2);
    CU_ASSERT_EQUAL(t->lines[7699], 15400);
    CU_ASSERT_PTR_NOT_NULL(strchr(fs_table_cell(t, 0, 3), '\n'));
    size_t col;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_find_column(t, "name", &col, &e), FS_OK);
    fs_description_t *d;
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, col, &d, &e), FS_OK);
    CU_ASSERT_EQUAL(d->forces_present, 43);
    size_t national = 0;
    for (size_t i = 0; i < t->nrows; i++)
        national += d->units[i].kind == FS_UNIT_NATIONAL;
    CU_ASSERT_EQUAL(national, 140);
    /* City of London's ":" scores are missing, not errors. */
    CU_ASSERT_EQUAL_FATAL(fs_table_find_column(t, "severity_score", &col, &e), FS_OK);
    CU_ASSERT_TRUE(d->columns[col].is_measure);
    CU_ASSERT_EQUAL(d->columns[col].missing, 140);
    fs_description_free(d);
    fs_table_free(t);
}

static void gzip_open_data_reads_directly(void)
{
    fs_table_t *t = load("ho_police_workforce_open_data_by_force_rank_sex_2007_2022.csv.gz");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 25198);
    CU_ASSERT_EQUAL(t->ncols, 9);
    fs_table_free(t);
}

static void workforce_table_parses_e_notation(void)
{
    fs_table_t *t = load("ho_police_workforce_sep2019_table1_officers_fte.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    size_t col;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_find_column(t, "change_12m_pct", &col, &e), FS_OK);
    double v[64];
    CU_ASSERT_FATAL(t->nrows <= 64);
    CU_ASSERT_EQUAL(fs_table_numeric_column(t, col, v, &e), FS_OK);
    fs_table_free(t);
}

static fs_aggregate_result_t *aggregate(const char *file, const fs_aggregate_spec_t *spec)
{
    fs_reader_t *r;
    fs_error_t e;
    fs_error_clear(&e);
    fs_aggregate_result_t *res = NULL;
    if (fs_reader_open(&r, tu_path(dir, file), NULL, &e) == FS_OK) {
        if (fs_aggregate(r, spec, &res, &e) != FS_OK)
            fprintf(stderr, "\n  %s:%ld: %s\n", e.file, e.line, e.message);
        fs_reader_free(r);
    }
    return res;
}

/* The outcome 17 counts per force from the 450,913-row open data file must
 * equal, exactly, those in the independently derived (Python) summary. */
static void outcome17_aggregation_is_exact(void)
{
    const char *by[] = {"force_name", "financial_year"};
    const char *v17[] = {"17"};
    fs_match_t where = {"outcome_type", v17, 1};
    fs_aggregate_spec_t spec = {by, 2, "force_outcomes_recorded_in_quarter", NULL, 0, &where, NULL, NULL};
    fs_aggregate_result_t *res = aggregate("ho_outcomes_open_data_2017_18.csv.gz", &spec);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    CU_ASSERT_EQUAL(res->ngroups, 44); /* 43 forces and BTP */
    CU_ASSERT_EQUAL(res->rows_read, 450913);
    CU_ASSERT_EQUAL(res->missing_keys, 1); /* the all-NA last line */
    fs_table_t *ref = load("ho_outcome17_by_force_2017_18_2018_19.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    size_t checked = 0;
    for (size_t g = 0; g < res->ngroups; g++) {
        for (size_t i = 0; i < ref->nrows; i++) {
            if (strcmp(fs_table_cell(ref, i, 0), "2017/18") != 0 ||
                strcmp(fs_table_cell(ref, i, 1), res->groups[g].keys[0]) != 0)
                continue;
            CU_ASSERT_EQUAL(res->groups[g].numerator, atof(fs_table_cell(ref, i, 6)));
            CU_ASSERT_EQUAL(res->groups[g].denominator, atof(fs_table_cell(ref, i, 7)));
            checked++;
        }
    }
    CU_ASSERT_EQUAL(checked, 44);
    fs_table_free(ref);
    fs_aggregate_result_free(res);
}

/* Published: 129,110 FTE officers at 31 March 2020 and 123,189 at 31 March
 * 2019 (Home Office police workforce bulletins), summed over 43 forces. */
static void officer_totals_match_published_figures(void)
{
    const char *by[] = {"date"};
    const char *officer[] = {"police officer"};
    fs_match_t filter = {"worker_type", officer, 1};
    fs_aggregate_spec_t spec = {by, 1, "total_fte", &filter, 1, NULL, NULL, NULL};
    fs_aggregate_result_t *res =
        aggregate("ho_police_workforce_open_data_by_force_rank_sex_2007_2022.csv.gz", &spec);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    int found = 0;
    for (size_t g = 0; g < res->ngroups; g++) {
        if (strcmp(res->groups[g].keys[0], "2020-03-01") == 0) {
            CU_ASSERT(fabs(res->groups[g].numerator - 129110.02) < 0.005);
            found++;
        }
        if (strcmp(res->groups[g].keys[0], "2019-03-01") == 0) {
            CU_ASSERT(fabs(res->groups[g].numerator - 123188.86) < 0.005);
            found++;
        }
    }
    CU_ASSERT_EQUAL(found, 2);
    fs_aggregate_result_free(res);
}

/* The mid-2020 population of the 43 forces joined from the ONS-derived
 * table sums to the published England and Wales total, 59,719,724. */
static void population_join_sums_to_the_published_total(void)
{
    fs_table_t *forces = load("pfa_reference.csv");
    fs_table_t *pop = load("pfa_population_mid2001_2020.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(forces);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    fs_description_t *d;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_describe(forces, 0, &d, &e), FS_OK);
    size_t value_col, year_col;
    CU_ASSERT_EQUAL_FATAL(fs_table_find_column(pop, "population", &value_col, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_table_find_column(pop, "mid_year", &year_col, &e), FS_OK);
    double population[43];
    CU_ASSERT_EQUAL_FATAL(
        fs_join_population(forces, d, pop, 0, value_col, year_col, "2020", population, &e), FS_OK);
    double sum = 0;
    for (size_t i = 0; i < 43; i++)
        sum += population[i];
    CU_ASSERT_EQUAL(sum, 59719724.0);
    fs_description_free(d);
    fs_table_free(forces);
    fs_table_free(pop);
}

/* Section 1 PACE searches in 2018/19: the pooled count over the 43 forces
 * equals the file's own England and Wales row, 364,958, and the rate uses
 * the mid-2018 populations. */
static void stop_search_rate_pools_to_the_national_count(void)
{
    const char *by[] = {"force_name"};
    const char *year[] = {"2019-03-31"}, *pace[] = {"Section 1 (PACE)"};
    fs_match_t filters[] = {{"year_ending", year, 1}, {"legislation", pace, 1}};
    fs_aggregate_spec_t spec = {by, 1, "searches", filters, 2, NULL, NULL, NULL};
    fs_aggregate_result_t *res = aggregate("ho_stop_search_totals_by_force_year.csv", &spec);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    /* Build a force table from the aggregate, as the CLI's CSV would. */
    char text[8192];
    size_t k = (size_t)snprintf(text, sizeof text, "force,searches\n");
    double national = NAN;
    for (size_t g = 0; g < res->ngroups && k < sizeof text - 100; g++) {
        k += (size_t)snprintf(text + k, sizeof text - k, "\"%s\",%.17g\n", res->groups[g].keys[0],
                              res->groups[g].numerator);
        if (strstr(res->groups[g].keys[0], "England and Wales") != NULL)
            national = res->groups[g].numerator;
    }
    fs_aggregate_result_free(res);
    CU_ASSERT_EQUAL(national, 364958.0);
    fs_table_t *t = NULL, *pop = load("pfa_population_mid2001_2020.csv");
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, text, k, "s1.csv", NULL, &e), FS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    fs_description_t *d;
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 0, &d, &e), FS_OK);
    CU_ASSERT_EQUAL(d->forces_present, 43);
    double population[64];
    CU_ASSERT_FATAL(t->nrows <= 64);
    CU_ASSERT_EQUAL_FATAL(fs_join_population(t, d, pop, 0, 3, 2, "2018", population, &e), FS_OK);
    fs_comparison_t c;
    CU_ASSERT_EQUAL_FATAL(fs_compare_rates(t, d, 1, population, 1000, 0.95, &c, &e), FS_OK);
    CU_ASSERT_EQUAL(c.pooled_numerator, 364958.0);
    CU_ASSERT_EQUAL(c.n_with_value, 43);
    /* ONS mid-2018 estimate for England and Wales: 59,115,809, which the
     * 43 force areas add up to exactly (SOURCES.md). */
    CU_ASSERT_EQUAL(c.pooled_denominator, 59115809.0);
    TU_ASSERT_CLOSE(c.pooled.estimate, 364958.0 / 59115809.0 * 1000.0, 1e-14);
    /* Parsed values, as the files print them: the Metropolitan Police's
     * searches and its mid-2018 population. */
    int met = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (d->units[r].kind == FS_UNIT_FORCE && d->units[r].force == 0) {
            met = 1;
            CU_ASSERT_EQUAL(population[r], 8899375.0);
        }
    }
    CU_ASSERT(met);
    fs_comparison_free(&c);
    fs_description_free(d);
    fs_table_free(t);
    fs_table_free(pop);
}

/* Police workforce, 30 September 2019, Table 1: the 43 forces sum to the
 * published totals, and the published changes follow. */
static void september_2019_workforce_totals(void)
{
    const char *by[] = {"area_type"};
    const char *force[] = {"force"};
    fs_match_t filter = {"area_type", force, 1};
    const char *cols[] = {"fte_2018_09_30", "fte_2019_03_31", "fte_2019_09_30"};
    const double published[] = {122406.45, 123170.86, 124783.97};
    double total[3];
    for (size_t i = 0; i < 3; i++) {
        fs_aggregate_spec_t spec = {by, 1, cols[i], &filter, 1, NULL, NULL, NULL};
        fs_aggregate_result_t *res =
            aggregate("ho_police_workforce_sep2019_table1_officers_fte.csv", &spec);
        CU_ASSERT_PTR_NOT_NULL_FATAL(res);
        CU_ASSERT_EQUAL(res->groups[0].rows, 43);
        total[i] = res->groups[0].numerator;
        CU_ASSERT(fabs(total[i] - published[i]) < 0.005);
        fs_aggregate_result_free(res);
    }
    double change_12m = 100.0 * (total[2] - total[0]) / total[0];
    double change_6m = 100.0 * (total[2] - total[1]) / total[1];
    CU_ASSERT(fabs(change_12m - 1.9) < 0.05);
    CU_ASSERT(fabs(change_6m - 1.3) < 0.05);
}

/* 132,467 FTE officers at 30 September 2020 (Home Office bulletin). */
static void september_2020_officer_total(void)
{
    const char *by[] = {"date"};
    const char *sept[] = {"2020-09-01"};
    fs_match_t filter = {"date", sept, 1};
    fs_aggregate_spec_t spec = {by, 1, "officers", &filter, 1, NULL, NULL, NULL};
    fs_aggregate_result_t *res = aggregate("ho_police_officers_fte_by_force_2007_2020.csv", &spec);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    CU_ASSERT_EQUAL(res->groups[0].rows, 43);
    CU_ASSERT(fabs(res->groups[0].numerator - 132467) < 0.5);
    fs_aggregate_result_free(res);
}

static int add(void)
{
    dir = tu_shared_data();
    if (dir == NULL) {
        fprintf(stderr, "realdata: SKIPPED, the shared data folder was not found "
                        "(set FORCESTAT_SHARED_DATA)\n");
        return 77;
    }
    static const tu_test_t tests[] = {
        {"every published spelling matches", every_published_spelling_matches},
        {"BOM file has a clean first header", bom_file_has_a_clean_first_header},
        {"CR-only file reads every record", cr_only_file_reads_every_record},
        {"embedded newlines keep line numbers", embedded_newlines_keep_line_numbers},
        {"gzip open data reads directly", gzip_open_data_reads_directly},
        {"workforce table parses E-notation", workforce_table_parses_e_notation},
        {"outcome 17 aggregation is exact", outcome17_aggregation_is_exact},
        {"officer totals match published figures", officer_totals_match_published_figures},
        {"population join sums to 59,719,724", population_join_sums_to_the_published_total},
        {"stop and search rate pools to 364,958", stop_search_rate_pools_to_the_national_count},
        {"September 2019 workforce totals", september_2019_workforce_totals},
        {"September 2020 officer total", september_2020_officer_total},
        {NULL, NULL}};
    return tu_add_suite("realdata", tests);
}

const test_suite_t suite_realdata = {"realdata", add};
