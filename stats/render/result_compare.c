/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_compare.c: each force against England and Wales (proportions,
 * rates), one table or every period of a long one (results.h). */
#include "render/results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The result table, described once.  CSV: force, code, numerator
 * (count), denominator (population), proportion (rate_per_N), lower,
 * upper, comparison, and with groups group, group_value and
 * group_comparison; with pooled, a last England and Wales row with the
 * pooled figure.  JSON: the same with "value" for the figure and the
 * group's interval too.  Text: Force, Code, Numerator, Denominator,
 * Value, Lower, Upper, vs England and Wales, and the group after it. */
#define COMPARISON_MAX_COLUMNS (16 + FS_MEASURE_MAX_PERIOD_COLUMNS)

/* The value column's name: "proportion", or "rate_per_1000" and the like. */
static void value_name(char *buf, size_t size, const fs_comparison_t *c)
{
    if (c->is_rate)
        snprintf(buf, size, "rate_per_%g", c->per);
    else
        snprintf(buf, size, "proportion");
}

/* The columns into cols: the period columns first (CSV of a long table:
 * np of them), then the force's, then the group's. */
static size_t comparison_columns(fs_rcol_t *cols, const char *vname, const fs_comparison_t *c,
                                 int groups, const fs_comparison_output_t *o, size_t np)
{
    fs_rstyle_t style = c->is_rate ? FS_RS_FIXED2 : FS_RS_SHARE;
    size_t n = 0;
    for (size_t k = 0; k < np; k++)
        cols[n++] = (fs_rcol_t){.key = o->period_columns[k], .heading = o->period_columns[k]};
    const fs_rcol_t base[] = {
        {.key = "force", .heading = c->other_units ? "Unit" : "Force", .width = -30, .max = 30},
        {.key = "code", .heading = "Code", .width = -10},
        {.key = c->is_rate ? "count" : "numerator",
         .type = FS_RT_NUMBER,
         .heading = c->is_rate ? "Count" : "Numerator",
         .width = 12,
         .style = FS_RS_DIGITS,
         .digits = 10},
        {.key = c->is_rate ? "population" : "denominator",
         .type = FS_RT_NUMBER,
         .heading = c->is_rate ? "Population" : "Denominator",
         .width = 12,
         .style = FS_RS_DIGITS,
         .digits = 10},
        {.key = vname,
         .json_key = "value",
         .type = FS_RT_NUMBER,
         .heading = c->is_rate ? "Rate" : "Value",
         .width = 9,
         .style = style},
        {.key = "lower", .type = FS_RT_NUMBER, .heading = "Lower", .width = 9, .style = style},
        {.key = "upper", .type = FS_RT_NUMBER, .heading = "Upper", .width = 9, .style = style},
        {.key = "comparison", .heading = "vs England and Wales", .before = "  "}};
    for (size_t k = 0; k < sizeof base / sizeof base[0]; k++)
        cols[n++] = base[k];
    if (groups) {
        const fs_rcol_t grp[] = {
            {.key = "group", .heading = "", .before = "; group ", .after = " ", .optional = 1},
            {.key = "group_value",
             .type = FS_RT_NUMBER,
             .heading = "",
             .before = "",
             .after = ": ",
             .optional = 1,
             .follows = 9,
             .style = style},
            {.key = "group_lower", .type = FS_RT_NUMBER, .json_only = 1},
            {.key = "group_upper", .type = FS_RT_NUMBER, .json_only = 1},
            {.key = "group_comparison", .heading = "", .before = "", .optional = 1, .follows = 9}};
        for (size_t k = 0; k < sizeof grp / sizeof grp[0]; k++)
            cols[n++] = grp[k];
    }
    return n;
}

/* The rows of one comparison from column j0 on, and with pooled the
 * England and Wales row (`forcestat outliers` reading the CSV takes it
 * as the comparator). */
static void comparison_rows(fs_rtable_t *rt, size_t j0, const fs_comparison_result_t *r,
                            const fs_groups_t *groups, int pooled)
{
    const fs_comparison_t *c = r->comparison;
    const fs_group_comparison_t *gc = r->gc;
    for (size_t k = 0; k < c->nrows; k++) {
        const fs_compare_row_t *row = &c->rows[k];
        int have = row->mark != FS_MARK_MISSING;
        size_t j = j0;
        fs_rtable_text(rt, k, j++, fs_table_cell(r->table, row->row, r->desc->force_column));
        fs_rtable_text(rt, k, j++, r->desc->units[row->row].code);
        fs_rtable_number(rt, k, j++, row->numerator);
        fs_rtable_number(rt, k, j++, row->denominator);
        fs_rtable_number(rt, k, j++, have ? row->ci.estimate : NAN);
        fs_rtable_number(rt, k, j++, have ? row->ci.lower : NAN);
        fs_rtable_number(rt, k, j++, have ? row->ci.upper : NAN);
        fs_rtable_text(rt, k, j++, fs_mark_name(row->mark));
        if (groups != NULL) {
            int g = gc[k].group;
            fs_rtable_text(rt, k, j++, g >= 0 ? groups->names[g] : NULL);
            fs_rtable_number(rt, k, j++, gc[k].pooled.estimate);
            fs_rtable_number(rt, k, j++, gc[k].pooled.lower);
            fs_rtable_number(rt, k, j++, gc[k].pooled.upper);
            fs_rtable_text(rt, k, j++, g >= 0 ? fs_mark_name(gc[k].mark) : NULL);
        }
    }
    if (pooled) {
        size_t k = c->nrows, j = j0;
        fs_rtable_text(rt, k, j++, "England and Wales");
        fs_rtable_text(rt, k, j++, "K04000001");
        fs_rtable_number(rt, k, j++, c->pooled_numerator);
        fs_rtable_number(rt, k, j++, c->pooled_denominator);
        fs_rtable_number(rt, k, j++, c->pooled.estimate);
        fs_rtable_number(rt, k, j++, c->pooled.lower);
        fs_rtable_number(rt, k, j++, c->pooled.upper);
    }
}

/* The table of one comparison; with prefix (CSV of a long table) the
 * period columns first. */
static fs_status_t comparison_table(fs_rtable_t *rt, fs_rcol_t *cols, char *vname, size_t vsize,
                                    const fs_comparison_output_t *o,
                                    const fs_comparison_result_t *r, int pooled, int prefix,
                                    fs_error_t *err)
{
    const fs_comparison_t *c = r->comparison;
    value_name(vname, vsize, c);
    size_t np = prefix ? o->nperiod_columns : 0;
    size_t n = comparison_columns(cols, vname, c, o->groups != NULL, o, np);
    size_t nrows = c->nrows + (pooled ? 1 : 0);
    fs_status_t st = fs_rtable_init(rt, cols, n, nrows, err);
    if (st != FS_OK)
        return st;
    rt->csv_raw = o->csv_raw;
    for (size_t k = 0; k < nrows; k++) {
        for (size_t j = 0; j < np; j++)
            fs_rtable_text(rt, k, j, r->period_values[j]);
    }
    comparison_rows(rt, np, r, o->groups, pooled);
    return FS_OK;
}

/* ---- Text ---- */

/* For people: proportions as percentages, rates with 2 decimals. */
static void human(fs_buf_t *out, const fs_comparison_t *c, double x)
{
    fs_render_number(out, x, c->is_rate ? FS_RS_FIXED2 : FS_RS_SHARE, 0);
}

static int by_value_desc(const void *pa, const void *pb)
{
    const fs_compare_row_t *a = pa, *b = pb;
    int ma = a->mark == FS_MARK_MISSING, mb = b->mark == FS_MARK_MISSING;
    if (ma != mb)
        return ma - mb;
    if (!ma && a->ci.estimate != b->ci.estimate)
        return a->ci.estimate < b->ci.estimate ? 1 : -1;
    return (a->row > b->row) - (a->row < b->row);
}

/* The method, England and Wales pooled, and the mean of the forces. */
static void text_heading(fs_buf_t *out, const fs_comparison_t *c, const char *measure)
{
    const char *unit = c->other_units ? "units" : "forces";
    if (c->is_rate)
        fs_buf_printf(out,
                      "%s: rate per %g people by force (%g%% intervals: Byar's method, exact "
                      "Poisson limits for counts under 10)\n",
                      measure, c->per, 100 * c->level);
    else
        fs_buf_printf(out, "%s: proportion by force (%g%% %s intervals)\n", measure, 100 * c->level,
                      fs_ci_method_name(c->method));
    fs_buf_printf(out, "England and Wales, pooled over %zu %s (%.17g / %.17g): ", c->n_with_value,
                  unit, c->pooled_numerator, c->pooled_denominator);
    human(out, c, c->pooled.estimate);
    fs_buf_puts(out, " [");
    human(out, c, c->pooled.lower);
    fs_buf_puts(out, ", ");
    human(out, c, c->pooled.upper);
    fs_buf_printf(out, "]\nUnweighted mean of the %zu %s' figures (not the same thing): ",
                  c->n_with_value, unit);
    human(out, c, c->mean_of_forces);
    fs_buf_putc(out, '\n');
}

static void comparison_text(fs_buf_t *out, const fs_comparison_output_t *o,
                            const fs_comparison_result_t *r)
{
    const fs_comparison_t *c = r->comparison;
    text_heading(out, c, o->measure);
    fs_compare_row_t *sorted = malloc((c->nrows ? c->nrows : 1) * sizeof *sorted);
    size_t *order = malloc((c->nrows ? c->nrows : 1) * sizeof *order);
    fs_rcol_t cols[COMPARISON_MAX_COLUMNS];
    char vname[64];
    fs_rtable_t rt;
    fs_error_t err;
    if (sorted == NULL || order == NULL ||
        comparison_table(&rt, cols, vname, sizeof vname, o, r, 0, 0, &err) != FS_OK) {
        free(sorted);
        free(order);
        out->failed = 1;
        return;
    }
    memcpy(sorted, c->rows, c->nrows * sizeof *sorted);
    qsort(sorted, c->nrows, sizeof *sorted, by_value_desc);
    size_t counts[4] = {0};
    for (size_t k = 0, j; k < c->nrows; k++) {
        for (j = 0; c->rows[j].row != sorted[k].row; j++)
            ;
        order[k] = j;
        counts[sorted[k].mark]++;
    }
    fs_render_text(out, &rt, "  ", order);
    fs_rtable_free(&rt);
    free(order);
    fs_buf_printf(out, "%zu higher, %zu similar, %zu lower than England and Wales; %zu missing\n",
                  counts[FS_MARK_HIGHER], counts[FS_MARK_SIMILAR], counts[FS_MARK_LOWER],
                  counts[FS_MARK_MISSING]);
    free(sorted);
}

/* ---- CSV ---- */

static void comparison_csv(fs_buf_t *out, const fs_comparison_output_t *o,
                           const fs_comparison_result_t *r, int header)
{
    fs_rcol_t cols[COMPARISON_MAX_COLUMNS];
    char vname[64];
    fs_rtable_t rt;
    fs_error_t err;
    if (comparison_table(&rt, cols, vname, sizeof vname, o, r, 1, o->periods, &err) != FS_OK) {
        out->failed = 1;
        return;
    }
    if (header)
        fs_render_csv_header(out, &rt);
    fs_render_csv_rows(out, &rt);
    fs_rtable_free(&rt);
}

/* ---- JSON ---- */

enum {
    C_SCHEMA,
    C_MEASURE,
    C_METHOD,
    C_PER,
    C_LEVEL,
    C_PERIODS,
    C_PERIOD,
    C_LEFT_OUT,
    C_N,
    C_MEAN_OF_FORCES,
    C_ENGLAND_AND_WALES,
    C_FORCES,
    C_FIELDS
};
FS_DOC_FITS(comparison_fields, C_FIELDS);
static const fs_dfield_t comparison_fields[C_FIELDS] = {
    [C_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [C_MEASURE] = {"measure", FS_DT_TEXT, 1, 0},
    [C_METHOD] = {"method", FS_DT_TEXT, 1, 0},
    [C_PER] = {"per", FS_DT_NUMBER, 0, 0},
    [C_LEVEL] = {"level", FS_DT_NUMBER, 0, 0},
    [C_PERIODS] = {"periods", FS_DT_OBJECTS, 1, 0},
    [C_PERIOD] = {"period", FS_DT_TEXT, 0, 0},
    [C_LEFT_OUT] = {NULL, FS_DT_MEMBERS, 1, 0},
    [C_N] = {"n", FS_DT_INTEGER, 1, 0},
    [C_MEAN_OF_FORCES] = {"mean_of_forces", FS_DT_NUMBER, 1, 0},
    [C_ENGLAND_AND_WALES] = {"england_and_wales", FS_DT_OBJECT, 1, 0},
    [C_FORCES] = {"forces", FS_DT_ROWS, 1, 0}};

/* England and Wales pooled: "count" and "population" for a rate. */
enum {
    EW_NUMERATOR,
    EW_COUNT,
    EW_DENOMINATOR,
    EW_POPULATION,
    EW_VALUE,
    EW_LOWER,
    EW_UPPER,
    EW_FIELDS
};
FS_DOC_FITS(pooled_fields, EW_FIELDS);
static const fs_dfield_t pooled_fields[EW_FIELDS] = {
    [EW_NUMERATOR] = {"numerator", FS_DT_NUMBER, 0, 0},
    [EW_COUNT] = {"count", FS_DT_NUMBER, 0, 0},
    [EW_DENOMINATOR] = {"denominator", FS_DT_NUMBER, 0, 0},
    [EW_POPULATION] = {"population", FS_DT_NUMBER, 0, 0},
    [EW_VALUE] = {"value", FS_DT_NUMBER, 0, 0},
    [EW_LOWER] = {"lower", FS_DT_NUMBER, 0, 0},
    [EW_UPPER] = {"upper", FS_DT_NUMBER, 0, 0}};

/* What one comparison's JSON holds beside its head. */
typedef struct body {
    fs_doc_t pooled;
    fs_left_out_t left;
    fs_rtable_t rows;
    fs_rcol_t cols[COMPARISON_MAX_COLUMNS];
    char vname[64];
} body_t;

/* The fields of one comparison from the note of rows left out on into
 * doc; b holds what they point to (free it with body_free, after a
 * failure too). */
static fs_status_t json_body(fs_doc_t *doc, body_t *b, const fs_comparison_output_t *o,
                             const fs_comparison_result_t *r)
{
    const fs_comparison_t *c = r->comparison;
    fs_error_t err;
    b->rows.cells = NULL;
    b->left.unrecognised.cells = NULL;
    if (fs_left_out_init(&b->left, r->table, r->desc, &err) != FS_OK ||
        comparison_table(&b->rows, b->cols, b->vname, sizeof b->vname, o, r, 0, 0, &err) != FS_OK)
        return FS_ENOMEM;
    fs_doc_init(&b->pooled, pooled_fields, EW_FIELDS);
    fs_doc_number(&b->pooled, c->is_rate ? EW_COUNT : EW_NUMERATOR, c->pooled_numerator);
    fs_doc_number(&b->pooled, c->is_rate ? EW_POPULATION : EW_DENOMINATOR, c->pooled_denominator);
    fs_doc_number(&b->pooled, EW_VALUE, c->pooled.estimate);
    fs_doc_number(&b->pooled, EW_LOWER, c->pooled.lower);
    fs_doc_number(&b->pooled, EW_UPPER, c->pooled.upper);
    fs_doc_members(doc, C_LEFT_OUT, &b->left.doc);
    fs_doc_integer(doc, C_N, (long long)c->n_with_value);
    fs_doc_number(doc, C_MEAN_OF_FORCES, c->mean_of_forces);
    fs_doc_object(doc, C_ENGLAND_AND_WALES, &b->pooled);
    fs_doc_rows(doc, C_FORCES, &b->rows);
    return FS_OK;
}

static void body_free(body_t *b)
{
    fs_rtable_free(&b->rows);
    fs_left_out_free(&b->left);
}

/* The head: the measure and the method (Byar's, per N, for a rate). */
static void json_head(fs_doc_t *doc, const fs_comparison_t *c, const char *measure)
{
    fs_doc_init(doc, comparison_fields, C_FIELDS);
    fs_doc_integer(doc, C_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_text(doc, C_MEASURE, measure);
    fs_doc_text(doc, C_METHOD, c->is_rate ? "byar" : fs_ci_method_name(c->method));
    if (c->is_rate)
        fs_doc_number(doc, C_PER, c->per);
    fs_doc_number(doc, C_LEVEL, c->level);
}

static void comparison_json(fs_buf_t *out, const fs_comparison_output_t *o,
                            const fs_comparison_result_t *r, size_t n)
{
    if (n == 0)
        return;
    fs_doc_t top;
    fs_doc_t *periods = calloc(n ? n : 1, sizeof *periods);
    body_t *bodies = calloc(n ? n : 1, sizeof *bodies);
    size_t made = 0;
    int ok = periods != NULL && bodies != NULL && n > 0;
    if (ok) {
        json_head(&top, r[0].comparison, o->measure);
        for (; ok && made < n; made++) {
            fs_doc_t *doc = o->periods ? &periods[made] : &top;
            if (o->periods) {
                fs_doc_init(doc, comparison_fields, C_FIELDS);
                fs_doc_text(doc, C_PERIOD, r[made].label);
            }
            ok = json_body(doc, &bodies[made], o, &r[made]) == FS_OK;
        }
    }
    if (ok && o->periods)
        fs_doc_objects(&top, C_PERIODS, periods, n);
    if (ok) {
        fs_render_json_doc(out, &top, 0);
        fs_buf_putc(out, '\n');
    } else {
        out->failed = 1;
    }
    for (size_t k = 0; bodies != NULL && k < made; k++)
        body_free(&bodies[k]);
    free(bodies);
    free(periods);
}

void fs_comparison_write(fs_buf_t *out, fs_output_format_t format, const fs_comparison_output_t *o,
                         const fs_comparison_result_t *r, size_t n)
{
    if (format == FS_FORMAT_JSON) {
        comparison_json(out, o, r, o->periods ? n : 1);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        if (format == FS_FORMAT_CSV) {
            comparison_csv(out, o, &r[k], k == 0);
        } else {
            if (o->periods)
                fs_buf_printf(out, "%s== %s\n", k ? "\n" : "", r[k].label);
            comparison_text(out, o, &r[k]);
        }
    }
}
