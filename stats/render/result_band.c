/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_band.c: the outlier band's result (outliers, report) and the
 * note of rows left out that every comparison carries (results.h). */
#include "render/results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- The note of rows left out ---- */

enum { LO_UNRECOGNISED, LO_ABSENT, LO_FIELDS };
FS_DOC_FITS(left_out_fields, LO_FIELDS);
static const fs_dfield_t left_out_fields[LO_FIELDS] = {
    [LO_UNRECOGNISED] = {"unrecognised", FS_DT_ROWS_INLINE, 1, 0},
    [LO_ABSENT] = {"absent", FS_DT_TEXTS, 1, 0}};

static const fs_rcol_t unrecognised_cols[] = {
    {.key = "name"}, {.key = "line", .type = FS_RT_NUMBER}, {.key = "did_you_mean"}};

fs_status_t fs_left_out_init(fs_left_out_t *l, const fs_table_t *t, const fs_description_t *d,
                             fs_error_t *err)
{
    /* A table of other units (local authorities, hospitals) names no
     * force and has nothing to leave out. */
    int any = d->forces_present > 0;
    fs_doc_init(&l->doc, left_out_fields, LO_FIELDS);
    fs_status_t st =
        fs_rtable_init(&l->unrecognised, unrecognised_cols, 3, any ? d->nunknown : 0, err);
    if (st != FS_OK)
        return st;
    for (size_t k = 0; k < l->unrecognised.nrows; k++) {
        size_t row = d->unknown_rows[k];
        const char *label = fs_table_cell(t, row, d->force_column);
        int near = fs_registry_suggest(label, strlen(label));
        fs_rtable_text(&l->unrecognised, k, 0, label);
        fs_rtable_number(&l->unrecognised, k, 1, (double)t->lines[row]);
        fs_rtable_text(&l->unrecognised, k, 2,
                       near >= 0 ? fs_registry_force((size_t)near)->name : NULL);
    }
    size_t n = 0;
    for (size_t f = 0; any && f < FS_FORCE_COUNT; f++) {
        if (!d->present[f])
            l->absent[n++] = fs_registry_force(f)->name;
    }
    fs_doc_rows(&l->doc, LO_UNRECOGNISED, &l->unrecognised);
    fs_doc_texts(&l->doc, LO_ABSENT, l->absent, n);
    return FS_OK;
}

void fs_left_out_free(fs_left_out_t *l)
{
    fs_rtable_free(&l->unrecognised);
}

/* ---- The band's table ---- */

const char *fs_band_label(fs_flag_t flag, fs_higher_t higher)
{
    switch (flag) {
    case FS_FLAG_ABOVE:
        return higher == FS_HIGHER_BETTER ? "better than most forces" : "worse than most forces";
    case FS_FLAG_BELOW:
        return higher == FS_HIGHER_BETTER ? "worse than most forces" : "better than most forces";
    case FS_FLAG_WITHIN: return "similar to most forces";
    case FS_FLAG_MISSING: break;
    }
    return "no data";
}

int fs_band_rows_by_value_desc(const void *pa, const void *pb)
{
    const fs_outlier_row_t *a = pa, *b = pb;
    if (isnan(a->value) != isnan(b->value))
        return isnan(a->value) ? 1 : -1;
    if (a->value != b->value)
        return a->value < b->value ? 1 : -1;
    return (a->row > b->row) - (a->row < b->row);
}

/* The columns: the force's (Unit for a table of other units), the band's
 * in CSV only, then the label and the group when asked for. */
static size_t band_columns(fs_rcol_t *cols, fs_higher_t higher, int with_groups, int other_units)
{
    const fs_rcol_t base[] = {
        {.key = "measure", .csv_only = 1},
        {.key = "force", .heading = other_units ? "Unit" : "Force", .width = -34, .max = 34},
        {.key = "code", .heading = "Code", .width = -10},
        {.key = "value",
         .type = FS_RT_SOURCE,
         .heading = "Value",
         .width = 12,
         .style = FS_RS_HUMAN},
        {.key = "z", .type = FS_RT_NUMBER, .heading = "z", .width = 7, .style = FS_RS_SIGNED},
        {.key = "flag", .heading = "Flag", .before = "  "},
        {.key = "scale", .csv_only = 1},
        {.key = "centre", .type = FS_RT_NUMBER, .csv_only = 1},
        {.key = "lower", .type = FS_RT_NUMBER, .csv_only = 1},
        {.key = "upper", .type = FS_RT_NUMBER, .csv_only = 1}};
    size_t n = sizeof base / sizeof base[0];
    memcpy(cols, base, sizeof base);
    if (higher != FS_HIGHER_NONE)
        cols[n++] =
            (fs_rcol_t){.key = "label", .heading = "", .before = " (", .after = ")", .optional = 1};
    if (with_groups) {
        cols[n++] = (fs_rcol_t){
            .key = "group", .heading = "", .before = "  [", .after = ": mean ", .optional = 1};
        cols[n] = (fs_rcol_t){.key = "group_mean",
                              .type = FS_RT_NUMBER,
                              .heading = "",
                              .before = "",
                              .after = "]",
                              .optional = 1,
                              .follows = (int)n,
                              .style = FS_RS_HUMAN};
        n++;
    }
    return n;
}

fs_status_t fs_band_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_band_result_t *r,
                          fs_error_t *err)
{
    const fs_outliers_t *o = r->band;
    const fs_table_t *t = r->table;
    const fs_description_t *d = r->desc;
    size_t n = band_columns(cols, r->higher, r->groups != NULL, o->other_units);
    fs_status_t st = fs_rtable_init(rt, cols, n, o->nrows, err);
    if (st != FS_OK)
        return st;
    rt->csv_raw = r->csv_raw;
    const fs_band_t *b = &o->band;
    for (size_t k = 0; k < o->nrows; k++) {
        const fs_outlier_row_t *row = &o->rows[k];
        size_t c = 0;
        fs_rtable_text(rt, k, c++, t->columns[o->column]);
        fs_rtable_text(rt, k, c++, fs_table_cell(t, row->row, d->force_column));
        fs_rtable_text(rt, k, c++, d->units[row->row].code);
        fs_rtable_source(rt, k, c++, fs_table_cell(t, row->row, o->column), row->value);
        fs_rtable_number(rt, k, c++, row->z);
        fs_rtable_text(rt, k, c++, fs_flag_name(row->flag));
        fs_rtable_text(rt, k, c++, fs_scale_name(b->scale));
        fs_rtable_number(rt, k, c++, b->centre);
        fs_rtable_number(rt, k, c++, b->lower);
        fs_rtable_number(rt, k, c++, b->upper);
        if (r->higher != FS_HIGHER_NONE)
            fs_rtable_text(rt, k, c++, fs_band_label(row->flag, r->higher));
        if (r->groups != NULL) {
            int grp = fs_groups_of_row(r->groups, d, row->row);
            fs_rtable_text(rt, k, c++, grp >= 0 ? r->groups->names[grp] : NULL);
            fs_rtable_number(rt, k, c++, grp >= 0 ? r->group_mean[k] : NAN);
        }
    }
    return FS_OK;
}

/* ---- JSON ---- */

enum { SW_W, SW_P, SW_FIELDS };
FS_DOC_FITS(swilk_fields, SW_FIELDS);
static const fs_dfield_t swilk_fields[SW_FIELDS] = {
    [SW_W] = {"w", FS_DT_NUMBER, 0, 0}, [SW_P] = {"p", FS_DT_NUMBER, 0, 0}};

enum {
    B_SCHEMA,
    B_MEASURE,
    B_N,
    B_SCALE,
    B_CENTRE,
    B_LOWER,
    B_UPPER,
    B_SD,
    B_MEAN,
    B_SHAPIRO_RAW,
    B_SHAPIRO_LOG,
    B_PATH,
    B_ALPHA,
    B_LOG_RULE,
    B_EXPLANATION,
    B_COMPARATOR,
    B_TOTAL,
    B_CONSTANT,
    B_MISSING,
    B_LEFT_OUT,
    B_FORCES,
    B_FIELDS
};
FS_DOC_FITS(band_fields, B_FIELDS);
static const fs_dfield_t band_fields[B_FIELDS] = {
    [B_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [B_MEASURE] = {"measure", FS_DT_TEXT, 1, 0},
    [B_N] = {"n", FS_DT_INTEGER, 1, 0},
    [B_SCALE] = {"scale", FS_DT_TEXT, 1, 0},
    [B_CENTRE] = {"centre", FS_DT_NUMBER, 1, 0},
    [B_LOWER] = {"lower", FS_DT_NUMBER, 0, 0},
    [B_UPPER] = {"upper", FS_DT_NUMBER, 0, 0},
    [B_SD] = {"sd", FS_DT_NUMBER, 0, 0},
    [B_MEAN] = {"mean", FS_DT_NUMBER, 0, 0},
    [B_SHAPIRO_RAW] = {"shapiro_raw", FS_DT_OBJECT, 1, 0},
    [B_SHAPIRO_LOG] = {"shapiro_log", FS_DT_OBJECT, 0, 0},
    [B_PATH] = {"path", FS_DT_TEXT, 1, 0},
    [B_ALPHA] = {"alpha", FS_DT_NUMBER, 0, 0},
    [B_LOG_RULE] = {"log_rule", FS_DT_TEXT, 0, 0},
    [B_EXPLANATION] = {"explanation", FS_DT_TEXT, 1, 0},
    [B_COMPARATOR] = {"comparator", FS_DT_NUMBER, 1, 0},
    [B_TOTAL] = {"england_and_wales_total", FS_DT_OBJECT, 1, 0},
    [B_CONSTANT] = {"constant_measures", FS_DT_TEXTS, 1, 0},
    [B_MISSING] = {"missing", FS_DT_TEXTS, 1, 0},
    [B_LEFT_OUT] = {NULL, FS_DT_MEMBERS, 1, 0},
    [B_FORCES] = {"forces", FS_DT_ROWS, 1, 0}};

/* An England and Wales row that holds the forces' total, which is no
 * comparator (fs_description_national_total). */
enum { T_NAME, T_LINE, T_VALUE, T_FORCES_SUM, T_FIELDS };
FS_DOC_FITS(total_fields, T_FIELDS);
static const fs_dfield_t total_fields[T_FIELDS] = {
    [T_NAME] = {"name", FS_DT_TEXT, 0, 0},
    [T_LINE] = {"line", FS_DT_INTEGER, 0, 0},
    [T_VALUE] = {"value", FS_DT_NUMBER, 0, 0},
    [T_FORCES_SUM] = {"forces_sum", FS_DT_NUMBER, 0, 0}};

/* doc's england_and_wales_total from *total (filled here): set only when
 * the band's column has such a row, so other outputs keep their keys. */
static void total_doc(fs_doc_t *doc, fs_doc_t *sub, fs_national_total_t *total,
                      const fs_band_result_t *r)
{
    if (!fs_description_national_total(r->table, r->desc, r->band->column, total))
        return;
    fs_doc_init(sub, total_fields, T_FIELDS);
    fs_doc_text(sub, T_NAME, fs_table_cell(r->table, total->row, r->desc->force_column));
    fs_doc_integer(sub, T_LINE, (long long)r->table->lines[total->row]);
    fs_doc_number(sub, T_VALUE, total->value);
    fs_doc_number(sub, T_FORCES_SUM, total->forces_sum);
    fs_doc_object(doc, B_TOTAL, sub);
}

static void swilk_doc(fs_doc_t *doc, const fs_swilk_t *s)
{
    fs_doc_init(doc, swilk_fields, SW_FIELDS);
    fs_doc_number(doc, SW_W, s->w);
    fs_doc_number(doc, SW_P, s->p);
}

/* The band's figures into doc (the rows' table, the missing forces and
 * the note filled by the caller). */
static void band_figures(fs_doc_t *doc, const fs_band_result_t *r, const char *expl, fs_doc_t *raw,
                         fs_doc_t *logs)
{
    const fs_band_t *b = &r->band->band;
    fs_doc_init(doc, band_fields, B_FIELDS);
    fs_doc_integer(doc, B_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_text(doc, B_MEASURE, r->table->columns[r->band->column]);
    fs_doc_integer(doc, B_N, (long long)b->n);
    fs_doc_text(doc, B_SCALE, fs_scale_name(b->scale));
    fs_doc_number(doc, B_CENTRE, b->centre);
    fs_doc_number(doc, B_LOWER, b->lower);
    fs_doc_number(doc, B_UPPER, b->upper);
    fs_doc_number(doc, B_SD, b->sd);
    fs_doc_number(doc, B_MEAN, b->mean);
    swilk_doc(raw, &b->shapiro_raw);
    fs_doc_object(doc, B_SHAPIRO_RAW, raw);
    swilk_doc(logs, &b->shapiro_log);
    fs_doc_object(doc, B_SHAPIRO_LOG, b->has_shapiro_log ? logs : NULL);
    fs_doc_text(doc, B_PATH, fs_band_path_name(b->path));
    fs_doc_number(doc, B_ALPHA, r->opt->alpha);
    fs_doc_text(doc, B_LOG_RULE, fs_log_rule_name(r->opt->log_rule));
    fs_doc_text(doc, B_EXPLANATION, expl);
    fs_doc_number(doc, B_COMPARATOR, r->band->has_comparator ? r->band->comparator : NAN);
}

void fs_band_json(fs_buf_t *out, const fs_band_result_t *r, int indent)
{
    const fs_outliers_t *o = r->band;
    char expl[600];
    fs_band_explain(&o->band, r->opt, expl, sizeof expl);
    fs_doc_t doc, raw, logs, total;
    band_figures(&doc, r, expl, &raw, &logs);
    fs_national_total_t national;
    total_doc(&doc, &total, &national, r);
    if (r->nconstant > 0)
        fs_doc_texts(&doc, B_CONSTANT, r->constant, r->nconstant);
    const char **missing = malloc((o->nrows ? o->nrows : 1) * sizeof *missing);
    fs_rcol_t cols[FS_BAND_MAX_COLUMNS];
    fs_rtable_t rt;
    fs_left_out_t left;
    fs_error_t err;
    int ok = missing != NULL && fs_left_out_init(&left, r->table, r->desc, &err) == FS_OK;
    if (ok && fs_band_table(&rt, cols, r, &err) != FS_OK) {
        fs_left_out_free(&left);
        ok = 0;
    }
    if (!ok) {
        free(missing);
        out->failed = 1;
        return;
    }
    size_t nmissing = 0;
    for (size_t k = 0; k < o->nrows; k++) {
        if (o->rows[k].flag == FS_FLAG_MISSING)
            missing[nmissing++] = fs_table_cell(r->table, o->rows[k].row, r->desc->force_column);
    }
    fs_doc_texts(&doc, B_MISSING, missing, nmissing);
    fs_doc_members(&doc, B_LEFT_OUT, &left.doc);
    fs_doc_rows(&doc, B_FORCES, &rt);
    fs_buf_printf(out, "%*s", indent, "");
    fs_render_json_doc(out, &doc, indent);
    fs_rtable_free(&rt);
    fs_left_out_free(&left);
    free(missing);
}

/* ---- CSV ---- */

void fs_band_csv_header(fs_buf_t *out, fs_higher_t higher, int with_groups, int csv_raw)
{
    fs_rcol_t cols[FS_BAND_MAX_COLUMNS];
    fs_rtable_t rt = {cols, band_columns(cols, higher, with_groups, 0), 0, NULL, csv_raw};
    fs_render_csv_header(out, &rt);
}

void fs_band_csv_rows(fs_buf_t *out, const fs_band_result_t *r)
{
    fs_rcol_t cols[FS_BAND_MAX_COLUMNS];
    fs_rtable_t rt;
    fs_error_t err;
    if (fs_band_table(&rt, cols, r, &err) != FS_OK) {
        out->failed = 1;
        return;
    }
    fs_render_csv_rows(out, &rt);
    fs_rtable_free(&rt);
}

/* ---- Text ---- */

/* The band's lines and the England and Wales figure. */
static void band_heading(fs_buf_t *out, const fs_band_result_t *r)
{
    const fs_outliers_t *o = r->band;
    const fs_band_t *b = &o->band;
    char expl[600];
    fs_band_explain(b, r->opt, expl, sizeof expl);
    const char *unit = o->other_units ? "units" : "forces";
    fs_buf_printf(out, "%s: %zu %s with a value", r->table->columns[o->column], b->n, unit);
    if (b->n_missing)
        fs_buf_printf(out, ", %zu missing", b->n_missing);
    fs_buf_puts(out, "\nBand (");
    fs_buf_puts(out, b->scale == FS_SCALE_LOG ? "log scale" : "raw scale");
    fs_buf_puts(out, "): centre ");
    fs_render_number(out, b->centre, FS_RS_HUMAN, 0);
    fs_buf_puts(out, ", lines at ");
    fs_render_number(out, b->lower, FS_RS_HUMAN, 0);
    fs_buf_puts(out, " and ");
    fs_render_number(out, b->upper, FS_RS_HUMAN, 0);
    if (o->has_comparator) {
        fs_buf_puts(out, "; England and Wales ");
        fs_render_number(out, o->comparator, FS_RS_HUMAN, 0);
    }
    fs_buf_printf(out, "\n%s\n", expl);
}

void fs_band_text(fs_buf_t *out, const fs_band_result_t *r)
{
    const fs_outliers_t *o = r->band;
    const fs_band_t *b = &o->band;
    band_heading(out, r);
    /* Highest first, missing last: rows sorted, the table in band order. */
    fs_outlier_row_t *sorted = malloc((o->nrows ? o->nrows : 1) * sizeof *sorted);
    size_t *order = malloc((o->nrows ? o->nrows : 1) * sizeof *order);
    fs_rcol_t cols[FS_BAND_MAX_COLUMNS];
    fs_rtable_t rt;
    fs_error_t err;
    if (sorted == NULL || order == NULL || fs_band_table(&rt, cols, r, &err) != FS_OK) {
        free(sorted);
        free(order);
        out->failed = 1;
        return;
    }
    memcpy(sorted, o->rows, o->nrows * sizeof *sorted);
    qsort(sorted, o->nrows, sizeof *sorted, fs_band_rows_by_value_desc);
    for (size_t k = 0, j = 0; k < o->nrows; k++) {
        /* Rows are unique in a band: find each sorted row's index. */
        for (j = 0; o->rows[j].row != sorted[k].row; j++)
            ;
        order[k] = j;
    }
    if (r->groups != NULL)
        fs_buf_puts(out, "Most similar groups: each force's group and the unweighted mean of its "
                         "group are shown after its flag.\n");
    fs_render_text(out, &rt, "  ", order);
    fs_rtable_free(&rt);
    free(order);
    size_t above = 0, below = 0;
    for (size_t k = 0; k < o->nrows; k++) {
        above += sorted[k].flag == FS_FLAG_ABOVE;
        below += sorted[k].flag == FS_FLAG_BELOW;
    }
    fs_buf_printf(out, "%zu above the band, %zu below, %zu within (%.0f%% outside)\n", above, below,
                  b->n - above - below, 100.0 * (double)(above + below) / (double)b->n);
    free(sorted);
}
