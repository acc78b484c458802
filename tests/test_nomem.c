/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_nomem.c: out of memory, at every allocation of every operation.
 *
 * Each operation is run again and again, the first run with its first
 * allocation failing, the next with its second, and so on until a run
 * makes no failing allocation.  Every failed run must return FS_ENOMEM
 * (the library never aborts its caller, never returns half a result as
 * success), and must free what it took: the sanitizer and valgrind
 * stages of CI run this suite and report any leak.  The allocations are
 * failed through the linker's --wrap (tests/failalloc.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "failalloc.h"
#include "forcestat/forcestat.h"
#include "io/fileio.h"
#include "io/stage.h"
#include "render/chart.h"
#include "render/emit.h"
#include "render/render.h"
#include "forcestat/ratio_table.h"
#include "testutil.h"

static const char csv[] = "\xEF\xBB\xBF" "force,v,k,n,count,population\r\n"
                          "Essex,1.5,10,100,12,1000\r\n"
                          "\"Kent\",\"2,500\",30,100,40,2000\r\n"
                          "Surrey,3.25,5,10,7,1500\r\n"
                          "Sussex,4.5,NA,50,2,900\r\n"
                          "England and Wales,3,45,260,61,5400\r\n"
                          "Dorset,2.75,7,70,\"9\",1200\r\n";

/* Inputs built before any allocation is made to fail. */
static fs_table_t *t_main, *t_groups, *t_long, *t_pop;

/* Runs op with each of its allocations failing in turn; every run that
 * met its failure must return FS_ENOMEM, and the last (with none) FS_OK. */
static void each_allocation_fails(const char *name, fs_status_t (*op)(void))
{
    long runs = 0;
    for (long n = 1; n < 200000; n++) {
        fa_arm(n);
        fs_status_t st = op();
        long seen = fa_disarm();
        if (seen < n) {
            if (st != FS_OK)
                fprintf(stderr, "\n  %s: %s with no allocation failing", name, fs_strerror(st));
            CU_ASSERT_EQUAL(st, FS_OK);
            CU_ASSERT(runs > 0); /* the operation allocates: the test tested something */
            fprintf(stderr, "\n  %s: %ld allocations failed in turn", name, runs);
            return;
        }
        runs++;
        if (st != FS_ENOMEM)
            fprintf(stderr, "\n  %s: allocation %ld failed, but the status is %s", name, n,
                    fs_strerror(st));
        CU_ASSERT_EQUAL(st, FS_ENOMEM);
    }
    CU_FAIL("the operation never completed");
}

static fs_status_t op_table_memory(void)
{
    fs_table_t *t;
    fs_error_t e;
    fs_status_t st = fs_table_read_memory(&t, csv, strlen(csv), "m.csv", NULL, &e);
    if (st == FS_OK)
        fs_table_free(t);
    return st;
}

static char gz_path[64];

static fs_status_t op_table_gzip_file(void)
{
    fs_table_t *t;
    fs_error_t e;
    fs_status_t st = fs_table_read(&t, gz_path, NULL, &e);
    if (st == FS_OK)
        fs_table_free(t);
    return st;
}

/* Workbooks: the .xlsx (shared strings, date styles, a header over two
 * rows) and the .ods (repeated cells and rows) of the layout fixture, a
 * chosen sheet and range, and the listing of the sheets. */
/* The workbook calls, each alone: every allocation of each fails in turn
 * as when they ran one after the other, in a sixth of the runs. */
static const char *const workbook_files[] = {FORCESTAT_TEST_DATA "/workbooks/layout.xlsx",
                                             FORCESTAT_TEST_DATA "/workbooks/layout.ods"};
static size_t workbook_file;
static int workbook_call;

static fs_status_t op_workbook(void)
{
    const char *file = workbook_files[workbook_file];
    fs_sheet_choice_t which = {"Table 3", "A2:C9"};
    fs_table_t *t = NULL;
    fs_sheet_list_t l;
    fs_status_t st;
    if (workbook_call == 0) {
        st = fs_table_read(&t, file, NULL, NULL);
        fs_table_free(t);
    } else if (workbook_call == 1) {
        st = fs_table_read_sheet(&t, file, &which, NULL, NULL);
        fs_table_free(t);
    } else if ((st = fs_workbook_sheets(&l, file, NULL, NULL)) == FS_OK) {
        fs_sheet_list_free(&l);
    }
    return st;
}

static fs_status_t op_describe_and_band(void)
{
    fs_table_t *t = t_main;
    fs_error_t e;
    fs_description_t *d = NULL;
    fs_outliers_t o;
    memset(&o, 0, sizeof o);
    fs_status_t st = fs_describe(t, 0, &d, &e);
    if (st == FS_OK)
        st = fs_outliers_compute(t, d, 1, NULL, &o, &e);
    fs_outliers_free(&o);
    if (st == FS_OK) { /* a table by force and group: rows 0-2 of forces, groups of column 1 */
        fs_ratio_spec_t rs = {1, 1, 0, 1, 1, fs_table_cell(t, 0, 1), NULL, FS_RATE_RATIO_EXACT,
                              0.95};
        fs_ratio_table_t rt;
        fs_status_t rst = fs_ratio_compute(t, d, t, &rs, &rt, &e);
        fs_ratio_table_free(&rt);
        if (rst == FS_ENOMEM)
            st = rst;
    }
    if (st == FS_OK) /* the numeric core, over the description's parse */
        st = fs_outliers_compute_values(d, d->values + t->nrows, NULL, &o, &e);
    fs_outliers_free(&o);
    fs_description_free(d);
    return st;
}

static fs_status_t op_compare(void)
{
    fs_table_t *t = t_main, *gt = t_groups;
    fs_error_t e;
    fs_description_t *d = NULL;
    fs_groups_t *g = NULL;
    fs_comparison_t c, r;
    memset(&c, 0, sizeof c);
    memset(&r, 0, sizeof r);
    fs_group_comparison_t gc[8];
    double pop[8];
    fs_status_t st = fs_describe(t, 0, &d, &e);
    if (st == FS_OK)
        st = fs_compare_proportions(t, d, 2, 3, FS_CI_WILSON, 0.95, &c, &e);
    if (st == FS_OK)
        st = fs_table_numeric_column(t, 5, pop, &e);
    if (st == FS_OK)
        st = fs_compare_rates(t, d, 4, pop, 1000, 0.95, &r, &e);
    if (st == FS_OK)
        st = fs_groups_from_table(gt, &g, &e);
    if (st == FS_OK)
        st = fs_groups_compare(g, d, &c, gc, &e);
    fs_comparison_free(&c);
    fs_comparison_free(&r);
    fs_groups_free(g);
    fs_description_free(d);
    return st;
}

/* The measure layer, with everything wanted, over a long table. */
static fs_status_t op_measure(void)
{
    static const char text[] = "year,force,k,n,v\n2019,Essex,10,100,1.5\n2019,Kent,30,100,2.5\n"
                               "2019,Surrey,5,10,4\n2020,Essex,12,100,1.7\n2020,Kent,33,110,2.2\n"
                               "2020,Surrey,6,20,3.9\n";
    fs_table_t *t = NULL;
    fs_groups_t *g = NULL;
    fs_error_t e;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_status_t st = fs_table_read_memory(&t, text, strlen(text), "m.csv", NULL, &e);
    if (st == FS_OK)
        st = fs_groups_from_table(t_groups, &g, &e);
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.want = FS_WANT_BAND | FS_WANT_COMPARISON | FS_WANT_FUNNEL | FS_WANT_TREND;
    s.value = "v";
    s.numerator = "k";
    s.denominator = "n";
    s.period = "year";
    s.groups = g;
    s.trend_force = fs_registry_find_code("E23000028");
    if (st == FS_OK)
        st = fs_measure_compute(t, 1, NULL, &s, &m, &e);
    double target[3];
    size_t rows[3] = {0, 1, 2};
    double num[3] = {1, 2, 3}, den[3] = {10, 20, 30};
    if (st == FS_OK)
        st = fs_groups_pooled_targets(g, m.desc, rows, num, den, 3, 1, target, &e);
    char *ticks[2] = {NULL, NULL};
    const char *labels[2] = {"2020-03-31", "2018/19 4"};
    if (st == FS_OK)
        st = fs_period_ticks(labels, 2, 1, ticks, &e);
    free(ticks[0]);
    free(ticks[1]);
    fs_inferred_t *found = NULL;
    size_t nfound;
    if (st == FS_OK)
        st = fs_measure_infer(m.table, m.desc, &found, &nfound, &e);
    free(found);
    fs_measure_free(&m);
    fs_groups_free(g);
    fs_table_free(t);
    return st;
}

static fs_status_t op_statistics(void)
{
    double x[] = {1, 2, 4, 8, 16, 3, 5, 7};
    double num[] = {10, 30, 5, 2, 7}, den[] = {100, 100, 10, 50, 70};
    fs_swilk_t w;
    fs_band_t b;
    fs_funnel_t f;
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    fs_error_t e;
    fs_status_t st = fs_swilk(x, 1, 8, &w, &e);
    if (st == FS_OK)
        st = fs_band_compute(x, 8, NULL, &b, &e);
    if (st == FS_OK)
        st = fs_funnel_fit(num, den, 5, &o, &f, &e);
    return st;
}

static char plain_path[64];

static fs_status_t op_aggregate(void)
{
    const char *by[] = {"force", "period"};
    const char *year[] = {"2"};
    fs_match_t where = {"period", year, 1};
    fs_aggregate_spec_t spec = {by, 2, "v", NULL, 0, &where, NULL, NULL};
    fs_aggregate_result_t *res = NULL, *rolled = NULL;
    fs_error_t e;
    fs_status_t st = fs_aggregate_file(plain_path, &spec, NULL, 1, &res, &e);
    if (st == FS_OK)
        st = fs_aggregate_rolling(res, 1, 2, &rolled, &e);
    fs_aggregate_result_free(rolled);
    fs_aggregate_result_free(res);
    return st;
}

static char stage_dir[64];

static fs_status_t op_stage_and_charts(void)
{
    fs_stage_t *s = NULL;
    fs_chart_batch_t *b = NULL;
    fs_error_t e;
    fs_status_t st = fs_stage_open(&s, stage_dir, &e);
    if (st == FS_OK)
        st = fs_stage_add_input(s, gz_path, &e);
    if (st == FS_OK)
        st = fs_stage_write(s, "a.csv", "x\n", 2, &e);
    if (st == FS_OK)
        st = fs_chart_batch_new(&b, s, &e);
    fs_bar_item_t items[] = {{"A", 1, 0, 0, 0, 0}, {"B", 2, 1, 1, 0, 0}, {"C", 3, 0, 0, 1, 0}};
    fs_bar_chart_t bar = {{"bar.png", "t", "y", "s", 1, 0, 0, 0, 0, 0, 0}, items, 3, 2, 1, 3, 0, 1, 2.5, NULL, "g", 0, 0, 0, 0, 0};
    if (st == FS_OK)
        st = fs_chart_add_bar(b, &bar, &e);
    fs_interval_item_t ints[] = {{"A", 0.5, 0.4, 0.6, 1, 2}, {"B", 0.3, 0.2, 0.4, 0, 3}};
    fs_interval_chart_t ic = {{"int.svg", "t", NULL, NULL, 0, 0, 0, 0, 0, 0, 0}, ints, 2, 1, 0.4, NULL, "95% Wilson score intervals", NULL};
    if (st == FS_OK)
        st = fs_chart_add_intervals(b, &ic, &e);
    const char *periods[] = {"2019", "2020"};
    double v[] = {1, 2}, lo[] = {0.5, 1.5}, hi[] = {1.5, 2.5};
    fs_trend_series_t ser[] = {{"Essex", v, lo, hi, 1}, {"E&W", v, NULL, NULL, 0}};
    fs_trend_chart_t tc = {
        {"trend.pdf", "t", "y", "s", 1, 0, 0, 0, 0, 0, 0}, periods, 2, ser, 2, NULL, NULL, NULL};
    if (st == FS_OK)
        st = fs_chart_add_trend(b, &tc, &e);
    if (st == FS_OK)
        st = fs_stage_commit(s, &e) == FS_EIO ? FS_OK : FS_EIO; /* charts not drawn: refused */
    fs_chart_batch_free(b);
    fs_stage_free(s);
    return st;
}

static fs_status_t op_reader_and_stream(void)
{
    fs_reader_t *r = NULL;
    fs_record_t rec;
    fs_error_t e;
    const char *by[] = {"force"};
    fs_aggregate_spec_t spec = {by, 1, "v", NULL, 0, NULL, NULL, NULL};
    fs_aggregate_result_t *res = NULL;
    unsigned char keep[] = {1, 1, 0};
    fs_status_t st = fs_reader_open(&r, plain_path, NULL, &e);
    if (st == FS_OK)
        st = fs_reader_project(r, keep, 3);
    while (st == FS_OK)
        st = fs_reader_next(r, &rec, &e);
    if (st == FS_EOF)
        st = FS_OK;
    fs_reader_free(r);
    r = NULL;
    if (st == FS_OK)
        st = fs_reader_open_memory(&r, csv, strlen(csv), "m.csv", NULL, &e);
    if (st == FS_OK)
        st = fs_aggregate(r, &spec, &res, &e);
    fs_aggregate_result_free(res);
    fs_reader_free(r);
    return st;
}

static fs_status_t op_stage_path(void)
{
    fs_stage_t *s = NULL;
    fs_error_t e;
    char buf[512];
    fs_status_t st = fs_stage_open(&s, stage_dir, &e);
    for (int i = 0; st == FS_OK && i < 40; i++) {
        char name[32];
        snprintf(name, sizeof name, "chart%d.png", i);
        st = fs_stage_path(s, name, buf, sizeof buf, &e);
    }
    fs_stage_free(s);
    return st;
}

static fs_status_t op_read_file(void)
{
    char *text;
    size_t len;
    fs_error_t e;
    fs_status_t st = fs_read_file(plain_path, &text, &len, &e);
    if (st == FS_OK)
        free(text);
    return st;
}

static fs_status_t op_buffers(void)
{
    fs_buf_t b;
    fs_buf_init(&b);
    for (int i = 0; i < 200; i++) {
        fs_buf_printf(&b, "%d,", i);
        fs_json_string(&b, "a \"quoted\" name\n");
        fs_csv_field(&b, "London, City of");
        fs_buf_number(&b, 0.1 * i);
    }
    fs_status_t st = fs_buf_status(&b);
    fs_buf_free(&b);
    /* A result table, rendered every way. */
    static const fs_rcol_t cols[] = {{.key = "force", .heading = "Force", .width = -12},
                                     {.key = "v", .type = FS_RT_NUMBER, .heading = "V",
                                      .width = 8}};
    fs_rtable_t rt;
    fs_error_t e;
    if (st == FS_OK)
        st = fs_rtable_init(&rt, cols, 2, 3, &e);
    if (st == FS_OK) {
        fs_buf_init(&b);
        for (size_t r = 0; r < 3; r++) {
            fs_rtable_text(&rt, r, 0, "Kent");
            fs_rtable_number(&rt, r, 1, 1.5 * (double)r);
        }
        fs_render_csv_header(&b, &rt);
        fs_render_csv_rows(&b, &rt);
        fs_render_json_rows(&b, &rt, "  ", "");
        fs_render_text(&b, &rt, "  ", NULL);
        fs_render_html(&b, &rt, NULL, 0, NULL, "caption");
        st = fs_buf_status(&b);
        fs_buf_free(&b);
        fs_rtable_free(&rt);
    }
    return st;
}

/* SPC, rates over time and the comparison in every period. */
static fs_status_t op_over_time(void)
{
    fs_error_t e;
    fs_status_t st;
    double x[14];
    for (int i = 0; i < 14; i++)
        x[i] = (double)(i % 4) + (i > 8 ? 5.0 : 0.0);
    const size_t rebase[] = {9};
    fs_spc_t spc;
    if ((st = fs_spc_compute(x, 14, rebase, 1, NULL, &spc, &e)) != FS_OK)
        return st;
    fs_spc_free(&spc);
    fs_spine_row_t row;
    if ((st = fs_spine_compute(x, 14, 2.0, 3.0, FS_SPINE_LOWER_BETTER, &row, &e)) != FS_OK)
        return st;
    size_t rows[] = {3, 1, 4};
    fs_table_t *sub = NULL;
    if ((st = fs_table_subset(t_long, rows, 3, &sub, &e)) != FS_OK)
        return st;
    fs_table_free(sub);
    fs_description_t *d = NULL;
    if ((st = fs_describe(t_long, 1, &d, &e)) != FS_OK)
        return st;
    double pop[64];
    size_t pcols[] = {0};
    st = fs_join_population_by_period(t_long, d, pcols, 1, 0, t_pop, 0, 2, 1, pop, &e);
    if (st == FS_OK && d->nrows <= 64) { /* its numeric core */
        int year[64], pf[] = {fs_registry_match("Essex", 5).force}, py[] = {2020};
        double pv[] = {1000};
        fs_field_kind_t pk[] = {FS_FIELD_NUMBER};
        for (size_t i = 0; i < d->nrows; i++)
            year[i] = 2020;
        st = fs_join_population_by_year(d, year, pf, py, pv, pk, 1, pop, &e);
    }
    fs_measure_spec_t spec;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    if (st == FS_OK) {
        fs_measure_spec_init(&spec);
        spec.want = FS_WANT_SPC;
        spec.value = "k";
        spec.period = "year";
        spec.trend_force = fs_registry_match("Essex", 5).force;
        const char *reb[] = {"2010"};
        spec.spc_rebase = reb;
        spec.spc_nrebase = 1;
        st = fs_measure_compute(t_long, 1, d, &spec, &m, &e);
        fs_measure_free(&m);
    }
    if (st == FS_OK) {
        fs_measure_spec_init(&spec);
        spec.kind = FS_MEASURE_RATE;
        spec.want = FS_WANT_PERIODS | FS_WANT_TREND;
        spec.numerator = "k";
        spec.population = pop;
        spec.period = "year";
        spec.trend_force = fs_registry_match("Kent", 4).force;
        st = fs_measure_compute(t_long, 1, d, &spec, &m, &e);
        fs_measure_free(&m);
    }
    if (st == FS_OK) {
        /* The band and the comparison cut the table to its last period:
         * on a copy, so the next run has the whole table. */
        size_t all[64];
        for (size_t i = 0; i < t_long->nrows; i++)
            all[i] = i;
        fs_table_t *copy = NULL;
        st = fs_table_subset(t_long, all, t_long->nrows, &copy, &e);
        fs_measure_spec_init(&spec);
        spec.kind = FS_MEASURE_PROPORTION;
        spec.want = FS_WANT_PERIODS | FS_WANT_BAND | FS_WANT_COMPARISON;
        spec.value = "k";
        spec.numerator = "k";
        spec.denominator = "n";
        spec.period = "year";
        if (st == FS_OK)
            st = fs_measure_compute(copy, 1, NULL, &spec, &m, &e);
        if (st == FS_OK) {
            /* Each force's change between two of those periods. */
            fs_changes_t c;
            st = fs_changes_compute(&m, "2001", "2014", 0.95, FS_ADJUST_HOLM, &c, &e);
            fs_changes_free(&c);
        }
        fs_measure_free(&m);
        fs_table_free(copy);
    }
    fs_description_free(d);
    if (st != FS_OK && st != FS_ENOMEM)
        fprintf(stderr, "\n  over time: %s", e.message);
    return st;
}

static void every_allocation_can_fail(void)
{
    snprintf(gz_path, sizeof gz_path, "/tmp/forcestat-nomem-XXXXXX");
    int fd = mkstemp(gz_path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    snprintf(plain_path, sizeof plain_path, "/tmp/forcestat-nomem-XXXXXX");
    fd = mkstemp(plain_path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("force,period,v\n", f);
    for (int i = 0; i < 300; i++)
        fprintf(f, "F%d,%d,%d.5\n", i % 7, i % 3, i);
    fclose(f);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "gzip -n -c '%s' > '%s'", plain_path, gz_path);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    snprintf(stage_dir, sizeof stage_dir, "/tmp/forcestat-nomem-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(stage_dir));
    static const char groups[] = "force,group\nEssex,A\nKent,A\nSurrey,B\n";
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t_main, csv, strlen(csv), "m.csv", NULL, NULL),
                          FS_OK);
    CU_ASSERT_EQUAL_FATAL(
        fs_table_read_memory(&t_groups, groups, strlen(groups), "g.csv", NULL, NULL), FS_OK);
    char long_csv[4096] = "year,force,k,n\n", pop_csv[2048] = "force,mid_year,population\n";
    static const char *const names[] = {"Essex", "Kent", "Surrey", "England and Wales"};
    for (int y = 2001; y <= 2014; y++) {
        for (int j = 0; j < 4; j++) {
            snprintf(long_csv + strlen(long_csv), sizeof long_csv - strlen(long_csv),
                     "%d,%s,%d,%d\n", y, names[j], 10 + (y * 7 + j * 3) % 11, 200 + j * 10);
            snprintf(pop_csv + strlen(pop_csv), sizeof pop_csv - strlen(pop_csv), "%s,%d,%d\n",
                     names[j], y, 100000 + j * 1000 + y);
        }
    }
    CU_ASSERT_EQUAL_FATAL(
        fs_table_read_memory(&t_long, long_csv, strlen(long_csv), "l.csv", NULL, NULL), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t_pop, pop_csv, strlen(pop_csv), "p.csv", NULL, NULL),
                          FS_OK);

    each_allocation_fails("table from memory", op_table_memory);
    each_allocation_fails("table from a gzip file", op_table_gzip_file);
    static const char *const workbook_calls[] = {"read", "read a sheet", "list the sheets"};
    for (workbook_file = 0; workbook_file < 2; workbook_file++) {
        for (workbook_call = 0; workbook_call < 3; workbook_call++) {
            char name[64];
            snprintf(name, sizeof name, "workbook %s: %s", workbook_file == 0 ? "xlsx" : "ods",
                     workbook_calls[workbook_call]);
            each_allocation_fails(name, op_workbook);
        }
    }
    each_allocation_fails("describe and band", op_describe_and_band);
    each_allocation_fails("comparisons and groups", op_compare);
    each_allocation_fails("Shapiro-Wilk, band, funnel", op_statistics);
    each_allocation_fails("measure", op_measure);
    each_allocation_fails("aggregate and rolling", op_aggregate);
    each_allocation_fails("stage and charts", op_stage_and_charts);
    each_allocation_fails("read a file", op_read_file);
    each_allocation_fails("reader and stream", op_reader_and_stream);
    each_allocation_fails("stage paths", op_stage_path);
    each_allocation_fails("output buffers", op_buffers);
    each_allocation_fails("SPC, spine, periods, rates over time", op_over_time);

    fs_table_free(t_main);
    fs_table_free(t_groups);
    fs_table_free(t_long);
    fs_table_free(t_pop);
    unlink(gz_path);
    unlink(plain_path);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", stage_dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static int add(void)
{
    static const tu_test_t tests[] = {{"every allocation can fail", every_allocation_can_fail},
                                      {NULL, NULL}};
    return tu_add_suite("nomem", tests);
}

const test_suite_t suite_nomem = {"nomem", add};
