/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outliers_output.c: the outlier band table in JSON and CSV. */
#include "outliers_output.h"

#include <math.h>
#include <string.h>

const char *label_for(fs_flag_t flag, higher_is_t higher)
{
    switch (flag) {
    case FS_FLAG_ABOVE: return higher == HIGHER_BETTER ? "better than most forces" : "worse than most forces";
    case FS_FLAG_BELOW: return higher == HIGHER_BETTER ? "worse than most forces" : "better than most forces";
    case FS_FLAG_WITHIN: return "similar to most forces";
    case FS_FLAG_MISSING: break;
    }
    return "no data";
}

/* Rounds for people: enough digits to tell forces apart, no more. */
void human(fs_buf_t *out, double x)
{
    fs_render_number(out, x, FS_RS_HUMAN, 0);
}

int outlier_rows_by_value_desc(const void *pa, const void *pb)
{
    const fs_outlier_row_t *a = pa, *b = pb;
    if (isnan(a->value) != isnan(b->value))
        return isnan(a->value) ? 1 : -1;
    if (a->value != b->value)
        return a->value < b->value ? 1 : -1;
    return (a->row > b->row) - (a->row < b->row);
}

const char *code_of(const fs_description_t *d, size_t row)
{
    return d->units[row].code;
}

static void json_swilk(fs_buf_t *out, const fs_swilk_t *s)
{
    fs_buf_puts(out, "{\"w\": ");
    fs_json_number(out, s->w);
    fs_buf_puts(out, ", \"p\": ");
    fs_json_number(out, s->p);
    fs_buf_putc(out, '}');
}

void format_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                 const fs_outliers_t *o, const fs_band_options_t *opt, higher_is_t higher,
                 const fs_groups_t *groups, const double *group_mean, const char *indent)
{
    const fs_band_t *b = &o->band;
    char expl[600];
    fs_band_explain(b, opt, expl, sizeof expl);
    fs_buf_printf(out, "%s{\n%s  " CLI_JSON_SCHEMA ",\n%s  \"measure\": ", indent, indent, indent);
    fs_json_string(out, t->columns[o->column]);
    fs_buf_printf(out, ",\n%s  \"n\": %zu,\n%s  \"scale\": \"%s\",\n%s  \"centre\": ", indent, b->n,
                  indent, fs_scale_name(b->scale), indent);
    fs_json_number(out, b->centre);
    fs_buf_puts(out, ", \"lower\": ");
    fs_json_number(out, b->lower);
    fs_buf_puts(out, ", \"upper\": ");
    fs_json_number(out, b->upper);
    fs_buf_puts(out, ", \"sd\": ");
    fs_json_number(out, b->sd);
    fs_buf_puts(out, ", \"mean\": ");
    fs_json_number(out, b->mean);
    fs_buf_printf(out, ",\n%s  \"shapiro_raw\": ", indent);
    json_swilk(out, &b->shapiro_raw);
    fs_buf_puts(out, ", \"shapiro_log\": ");
    if (b->has_shapiro_log)
        json_swilk(out, &b->shapiro_log);
    else
        fs_buf_puts(out, "null");
    fs_buf_printf(out, ",\n%s  \"path\": \"%s\", \"alpha\": ", indent, fs_band_path_name(b->path));
    fs_json_number(out, opt->alpha);
    fs_buf_printf(out, ", \"log_rule\": \"%s\",\n%s  \"explanation\": ",
                  fs_log_rule_name(opt->log_rule), indent);
    fs_json_string(out, expl);
    fs_buf_printf(out, ",\n%s  \"comparator\": ", indent);
    if (o->has_comparator)
        fs_json_number(out, o->comparator);
    else
        fs_buf_puts(out, "null");
    fs_buf_printf(out, ",\n%s  \"missing\": [", indent);
    int first = 1;
    for (size_t k = 0; k < o->nrows; k++) {
        if (o->rows[k].flag != FS_FLAG_MISSING)
            continue;
        fs_buf_puts(out, first ? "" : ", ");
        fs_json_string(out, fs_table_cell(t, o->rows[k].row, d->force_column));
        first = 0;
    }
    fs_buf_puts(out, "],\n");
    char inner[64];
    snprintf(inner, sizeof inner, "%s  ", indent);
    cli_json_left_out(out, t, d, inner);
    fs_buf_printf(out, ",\n%s  \"forces\": ", indent);
    fs_rcol_t cols[OUTLIERS_MAX_COLUMNS];
    fs_rtable_t rt;
    fs_error_t err;
    if (outliers_table(&rt, cols, t, d, o, higher, groups, group_mean, &err) != FS_OK) {
        out->failed = 1;
        return;
    }
    char rows[80], end[80];
    snprintf(rows, sizeof rows, "%s    ", indent);
    snprintf(end, sizeof end, "%s  ", indent);
    fs_render_json_rows(out, &rt, rows, end);
    fs_rtable_free(&rt);
    fs_buf_printf(out, "\n%s}", indent);
}

size_t outliers_columns(fs_rcol_t *cols, higher_is_t higher, int with_groups, int other_units)
{
    size_t n = 0;
    const fs_rcol_t measure = {.key = "measure", .csv_only = 1};
    const fs_rcol_t force = {.key = "force", .heading = other_units ? "Unit" : "Force",
                             .width = -34, .max = 34};
    const fs_rcol_t code = {.key = "code", .heading = "Code", .width = -10};
    const fs_rcol_t value = {.key = "value", .type = FS_RT_SOURCE, .heading = "Value",
                             .width = 12, .style = FS_RS_HUMAN};
    const fs_rcol_t z = {.key = "z", .type = FS_RT_NUMBER, .heading = "z", .width = 7,
                         .style = FS_RS_SIGNED};
    const fs_rcol_t flag = {.key = "flag", .heading = "Flag", .before = "  "};
    cols[n++] = measure;
    cols[n++] = force;
    cols[n++] = code;
    cols[n++] = value;
    cols[n++] = z;
    cols[n++] = flag;
    static const char *const band[] = {"scale", "centre", "lower", "upper"};
    for (size_t k = 0; k < 4; k++) {
        const fs_rcol_t c = {.key = band[k], .type = k ? FS_RT_NUMBER : FS_RT_TEXT, .csv_only = 1};
        cols[n++] = c;
    }
    if (higher != HIGHER_NONE) {
        const fs_rcol_t label = {.key = "label", .heading = "", .before = " (", .after = ")",
                                 .optional = 1};
        cols[n++] = label;
    }
    if (with_groups) {
        const fs_rcol_t group = {.key = "group", .heading = "", .before = "  [",
                                 .after = ": mean ", .optional = 1};
        cols[n++] = group;
        const fs_rcol_t mean = {.key = "group_mean", .type = FS_RT_NUMBER, .heading = "",
                                .before = "", .after = "]", .optional = 1, .follows = (int)n,
                                .style = FS_RS_HUMAN};
        cols[n++] = mean;
    }
    return n;
}

fs_status_t outliers_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_table_t *t,
                           const fs_description_t *d, const fs_outliers_t *o, higher_is_t higher,
                           const fs_groups_t *groups, const double *group_mean, fs_error_t *err)
{
    size_t n = outliers_columns(cols, higher, groups != NULL, o->other_units);
    fs_status_t st = fs_rtable_init(rt, cols, n, o->nrows, err);
    if (st != FS_OK)
        return st;
    const fs_band_t *b = &o->band;
    for (size_t k = 0; k < o->nrows; k++) {
        const fs_outlier_row_t *r = &o->rows[k];
        size_t c = 0;
        fs_rtable_text(rt, k, c++, t->columns[o->column]);
        fs_rtable_text(rt, k, c++, fs_table_cell(t, r->row, d->force_column));
        fs_rtable_text(rt, k, c++, code_of(d, r->row));
        fs_rtable_source(rt, k, c++, fs_table_cell(t, r->row, o->column), r->value);
        fs_rtable_number(rt, k, c++, r->z);
        fs_rtable_text(rt, k, c++, fs_flag_name(r->flag));
        fs_rtable_text(rt, k, c++, fs_scale_name(b->scale));
        fs_rtable_number(rt, k, c++, b->centre);
        fs_rtable_number(rt, k, c++, b->lower);
        fs_rtable_number(rt, k, c++, b->upper);
        if (higher != HIGHER_NONE)
            fs_rtable_text(rt, k, c++, label_for(r->flag, higher));
        if (groups != NULL) {
            int grp = fs_groups_of_row(groups, d, r->row);
            fs_rtable_text(rt, k, c++, grp >= 0 ? groups->names[grp] : NULL);
            fs_rtable_number(rt, k, c++, grp >= 0 ? group_mean[k] : NAN);
        }
    }
    return FS_OK;
}

void format_csv_rows(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                     const fs_outliers_t *o, higher_is_t higher, const fs_groups_t *groups,
                     const double *group_mean)
{
    fs_rcol_t cols[OUTLIERS_MAX_COLUMNS];
    fs_rtable_t rt;
    fs_error_t err;
    if (outliers_table(&rt, cols, t, d, o, higher, groups, group_mean, &err) != FS_OK) {
        out->failed = 1;
        return;
    }
    rt.csv_raw = cli_csv_raw;
    fs_render_csv_rows(out, &rt);
    fs_rtable_free(&rt);
}

void format_csv_header(fs_buf_t *out, higher_is_t higher, int with_groups)
{
    fs_rcol_t cols[OUTLIERS_MAX_COLUMNS];
    fs_rtable_t rt = {cols, outliers_columns(cols, higher, with_groups, 0), 0, NULL, cli_csv_raw};
    fs_render_csv_header(out, &rt);
}
