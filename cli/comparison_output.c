/* SPDX-License-Identifier: GPL-3.0-or-later */
/* comparison_output.c: shared output of `proportions` and `rates`. */
#include "comparison_output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The value column's name: "proportion", or "rate_per_1000" and the like. */
static void value_name(char *buf, size_t size, const fs_comparison_t *c)
{
    if (c->is_rate)
        snprintf(buf, size, "rate_per_%g", c->per);
    else
        snprintf(buf, size, "proportion");
}

/* For people: proportions as percentages, rates with 2 decimals. */
static void human(fs_buf_t *out, const fs_comparison_t *c, double x)
{
    fs_render_number(out, x, c->is_rate ? FS_RS_FIXED2 : FS_RS_SHARE, 0);
}

/* The comparison's result table, described once.  CSV: force, code,
 * numerator (count), denominator (population), proportion (rate_per_N),
 * lower, upper, comparison, and with groups group, group_value and
 * group_comparison; with pooled, a last England and Wales row with the
 * pooled figure.  JSON: the same with "value" for the figure and the
 * group's interval too.  Text: Force, Code, Numerator, Denominator, Value,
 * Lower, Upper, vs England and Wales, and the group after it. */
#define COMPARISON_MAX_COLUMNS (16 + FS_MEASURE_MAX_PERIOD_COLUMNS)
/* A table of one period of a long table has its period columns first
 * (CSV only): their names and this period's values. */
typedef struct period_prefix {
    const char *const *names;
    const char *const *values;
    size_t n;
} period_prefix_t;

static fs_status_t comparison_table(fs_rtable_t *rt, fs_rcol_t *cols, char *vname, size_t vsize,
                                    const fs_table_t *t, const fs_description_t *d,
                                    const fs_comparison_t *c, const fs_groups_t *groups,
                                    const fs_group_comparison_t *gc, int pooled,
                                    const period_prefix_t *prefix, fs_error_t *err)
{
    value_name(vname, vsize, c);
    fs_rstyle_t style = c->is_rate ? FS_RS_FIXED2 : FS_RS_SHARE;
    size_t n = 0, np = prefix != NULL ? prefix->n : 0;
    for (size_t k = 0; k < np; k++)
        cols[n++] = (fs_rcol_t){.key = prefix->names[k], .heading = prefix->names[k]};
    const fs_rcol_t base[] = {
        {.key = "force", .heading = c->other_units ? "Unit" : "Force", .width = -30, .max = 30},
        {.key = "code", .heading = "Code", .width = -10},
        {.key = c->is_rate ? "count" : "numerator", .type = FS_RT_NUMBER,
         .heading = c->is_rate ? "Count" : "Numerator", .width = 12, .style = FS_RS_DIGITS,
         .digits = 10},
        {.key = c->is_rate ? "population" : "denominator", .type = FS_RT_NUMBER,
         .heading = c->is_rate ? "Population" : "Denominator", .width = 12,
         .style = FS_RS_DIGITS, .digits = 10},
        {.key = vname, .json_key = "value", .type = FS_RT_NUMBER,
         .heading = c->is_rate ? "Rate" : "Value", .width = 9, .style = style},
        {.key = "lower", .type = FS_RT_NUMBER, .heading = "Lower", .width = 9, .style = style},
        {.key = "upper", .type = FS_RT_NUMBER, .heading = "Upper", .width = 9, .style = style},
        {.key = "comparison", .heading = "vs England and Wales", .before = "  "}};
    for (size_t k = 0; k < sizeof base / sizeof base[0]; k++)
        cols[n++] = base[k];
    if (groups != NULL) {
        const fs_rcol_t grp[] = {
            {.key = "group", .heading = "", .before = "; group ", .after = " ", .optional = 1},
            {.key = "group_value", .type = FS_RT_NUMBER, .heading = "", .before = "",
             .after = ": ", .optional = 1, .follows = 9, .style = style},
            {.key = "group_lower", .type = FS_RT_NUMBER, .json_only = 1},
            {.key = "group_upper", .type = FS_RT_NUMBER, .json_only = 1},
            {.key = "group_comparison", .heading = "", .before = "", .optional = 1,
             .follows = 9}};
        for (size_t k = 0; k < sizeof grp / sizeof grp[0]; k++)
            cols[n++] = grp[k];
    }
    fs_status_t st = fs_rtable_init(rt, cols, n, c->nrows + (pooled ? 1 : 0), err);
    if (st != FS_OK)
        return st;
    for (size_t k = 0; k < c->nrows + (pooled ? 1 : 0); k++) {
        for (size_t j = 0; j < np; j++)
            fs_rtable_text(rt, k, j, prefix->values[j]);
    }
    for (size_t k = 0; k < c->nrows; k++) {
        const fs_compare_row_t *r = &c->rows[k];
        int have = r->mark != FS_MARK_MISSING;
        size_t j = np;
        fs_rtable_text(rt, k, j++, fs_table_cell(t, r->row, d->force_column));
        fs_rtable_text(rt, k, j++, d->units[r->row].code);
        fs_rtable_number(rt, k, j++, r->numerator);
        fs_rtable_number(rt, k, j++, r->denominator);
        fs_rtable_number(rt, k, j++, have ? r->ci.estimate : NAN);
        fs_rtable_number(rt, k, j++, have ? r->ci.lower : NAN);
        fs_rtable_number(rt, k, j++, have ? r->ci.upper : NAN);
        fs_rtable_text(rt, k, j++, fs_mark_name(r->mark));
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
        /* The pooled figure as an England and Wales row: `forcestat
         * outliers` reading the CSV takes it as the comparator. */
        size_t k = c->nrows, j = np;
        fs_rtable_text(rt, k, j++, "England and Wales");
        fs_rtable_text(rt, k, j++, "K04000001");
        fs_rtable_number(rt, k, j++, c->pooled_numerator);
        fs_rtable_number(rt, k, j++, c->pooled_denominator);
        fs_rtable_number(rt, k, j++, c->pooled.estimate);
        fs_rtable_number(rt, k, j++, c->pooled.lower);
        fs_rtable_number(rt, k, j++, c->pooled.upper);
    }
    return FS_OK;
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

static void format_text(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                        const fs_comparison_t *c, const char *measure, const fs_groups_t *groups,
                        const fs_group_comparison_t *gc)
{
    const char *unit = c->other_units ? "units" : "forces";
    if (c->is_rate)
        fs_buf_printf(out, "%s: rate per %g people by force (%g%% intervals: Byar's method, exact "
                           "Poisson limits for counts under 10)\n",
                      measure, c->per, 100 * c->level);
    else
        fs_buf_printf(out, "%s: proportion by force (%g%% %s intervals)\n", measure,
                      100 * c->level, fs_ci_method_name(c->method));
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
    fs_compare_row_t *sorted = malloc((c->nrows ? c->nrows : 1) * sizeof *sorted);
    size_t *order = malloc((c->nrows ? c->nrows : 1) * sizeof *order);
    fs_rcol_t cols[COMPARISON_MAX_COLUMNS];
    char vname[64];
    fs_rtable_t rt;
    fs_error_t err;
    if (sorted == NULL || order == NULL ||
        comparison_table(&rt, cols, vname, sizeof vname, t, d, c, groups, gc, 0, NULL, &err) !=
            FS_OK) {
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

static void format_csv(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                       const fs_comparison_t *c, const fs_groups_t *groups,
                       const fs_group_comparison_t *gc, const period_prefix_t *prefix, int header)
{
    fs_rcol_t cols[COMPARISON_MAX_COLUMNS];
    char vname[64];
    fs_rtable_t rt;
    fs_error_t err;
    if (comparison_table(&rt, cols, vname, sizeof vname, t, d, c, groups, gc, 1, prefix, &err) !=
        FS_OK) {
        out->failed = 1;
        return;
    }
    rt.csv_raw = cli_csv_raw;
    if (header)
        fs_render_csv_header(out, &rt);
    fs_render_csv_rows(out, &rt);
    fs_rtable_free(&rt);
}

/* The JSON of one comparison, without its braces: from "n" on, each line
 * indented by ind. */
static void json_body(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                      const fs_comparison_t *c, const fs_groups_t *groups,
                      const fs_group_comparison_t *gc, const char *ind)
{
    const char *nk = c->is_rate ? "count" : "numerator";
    const char *dk = c->is_rate ? "population" : "denominator";
    cli_json_left_out(out, t, d, ind);
    fs_buf_printf(out, ",\n%s\"n\": %zu,\n%s\"mean_of_forces\": ", ind, c->n_with_value, ind);
    fs_json_number(out, c->mean_of_forces);
    fs_buf_printf(out, ",\n%s\"england_and_wales\": {\"%s\": ", ind, nk);
    fs_json_number(out, c->pooled_numerator);
    fs_buf_printf(out, ", \"%s\": ", dk);
    fs_json_number(out, c->pooled_denominator);
    fs_buf_puts(out, ", \"value\": ");
    fs_json_number(out, c->pooled.estimate);
    fs_buf_puts(out, ", \"lower\": ");
    fs_json_number(out, c->pooled.lower);
    fs_buf_puts(out, ", \"upper\": ");
    fs_json_number(out, c->pooled.upper);
    fs_buf_printf(out, "},\n%s\"forces\": ", ind);
    fs_rcol_t cols[COMPARISON_MAX_COLUMNS];
    char vname[64], rind[32];
    snprintf(rind, sizeof rind, "%s  ", ind);
    fs_rtable_t rt;
    fs_error_t err;
    if (comparison_table(&rt, cols, vname, sizeof vname, t, d, c, groups, gc, 0, NULL, &err) !=
        FS_OK) {
        out->failed = 1;
        return;
    }
    fs_render_json_rows(out, &rt, rind, ind);
    fs_rtable_free(&rt);
}

static void json_head(fs_buf_t *out, const fs_comparison_t *c, const char *measure)
{
    fs_buf_puts(out, "{\n  " CLI_JSON_SCHEMA ",\n  \"measure\": ");
    fs_json_string(out, measure);
    if (c->is_rate) {
        fs_buf_puts(out, ",\n  \"method\": \"byar\", \"per\": ");
        fs_json_number(out, c->per);
    } else {
        fs_buf_printf(out, ",\n  \"method\": \"%s\"", fs_ci_method_name(c->method));
    }
    fs_buf_puts(out, ", \"level\": ");
    fs_json_number(out, c->level);
    fs_buf_puts(out, ",\n");
}

static void format_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                        const fs_comparison_t *c, const char *measure, const fs_groups_t *groups,
                        const fs_group_comparison_t *gc)
{
    json_head(out, c, measure);
    json_body(out, t, d, c, groups, gc, "  ");
    fs_buf_puts(out, "\n}\n");
}

void comparison_format(fs_buf_t *out, cli_format_t format, const fs_table_t *t,
                       const fs_description_t *d, const fs_comparison_t *c, const char *measure,
                       const fs_groups_t *groups, const fs_group_comparison_t *gc)
{
    if (format == FORMAT_JSON)
        format_json(out, t, d, c, measure, groups, gc);
    else if (format == FORMAT_CSV)
        format_csv(out, t, d, c, groups, gc, NULL, 1);
    else
        format_text(out, t, d, c, measure, groups, gc);
}

int comparison_output(cli_format_t format, const fs_table_t *t, const fs_description_t *d,
                      const fs_comparison_t *c, const char *measure, const char *groups_path)
{
    fs_groups_t *groups;
    int code = cli_load_groups(groups_path, &groups);
    if (code != EXIT_OK)
        return code;
    fs_group_comparison_t *gc = NULL;
    if (groups != NULL) {
        fs_error_t err;
        fs_error_clear(&err);
        gc = calloc(c->nrows ? c->nrows : 1, sizeof *gc);
        if (gc == NULL) {
            fs_groups_free(groups);
            return EXIT_DATA;
        }
        if (fs_groups_compare(groups, d, c, gc, &err) != FS_OK) {
            free(gc);
            fs_groups_free(groups);
            return cli_report(&err);
        }
    }
    fs_buf_t out;
    fs_buf_init(&out);
    comparison_format(&out, format, t, d, c, measure, groups, gc);
    code = cli_write_output(&out, format);
    fs_buf_free(&out);
    free(gc);
    fs_groups_free(groups);
    return code;
}

/* Each period's most similar group comparison, when groups are given. */
static int period_groups(const fs_groups_t *groups, const fs_measure_period_t *p,
                         fs_group_comparison_t **gc)
{
    *gc = NULL;
    if (groups == NULL)
        return EXIT_OK;
    fs_error_t err;
    fs_error_clear(&err);
    *gc = calloc(p->comparison.nrows ? p->comparison.nrows : 1, sizeof **gc);
    if (*gc == NULL)
        return EXIT_DATA;
    if (fs_groups_compare(groups, p->desc, &p->comparison, *gc, &err) != FS_OK) {
        free(*gc);
        *gc = NULL;
        return cli_report(&err);
    }
    return EXIT_OK;
}

int comparison_output_periods(cli_format_t format, const fs_measure_t *m,
                              const char *const *period_columns, size_t npcols,
                              const char *measure, const char *groups_path)
{
    fs_groups_t *groups;
    int code = cli_load_groups(groups_path, &groups);
    if (code != EXIT_OK)
        return code;
    fs_buf_t out;
    fs_buf_init(&out);
    for (size_t k = 0; k < m->nperiods && code == EXIT_OK; k++) {
        const fs_measure_period_t *p = &m->periods[k];
        const fs_comparison_t *c = &p->comparison;
        fs_group_comparison_t *gc;
        if ((code = period_groups(groups, p, &gc)) != EXIT_OK)
            break;
        if (format == FORMAT_CSV) {
            const char *values[FS_MEASURE_MAX_PERIOD_COLUMNS];
            size_t cols[FS_MEASURE_MAX_PERIOD_COLUMNS];
            for (size_t j = 0; j < npcols; j++) {
                fs_error_t err;
                if (fs_table_find_column(p->table, period_columns[j], &cols[j], &err) != FS_OK) {
                    code = cli_report(&err);
                    break;
                }
                values[j] = fs_table_cell(p->table, 0, cols[j]);
            }
            period_prefix_t prefix = {period_columns, values, npcols};
            if (code == EXIT_OK)
                format_csv(&out, p->table, p->desc, c, groups, gc, &prefix, k == 0);
        } else if (format == FORMAT_JSON) {
            if (k == 0) {
                json_head(&out, c, measure);
                fs_buf_puts(&out, "  \"periods\": [\n");
            }
            fs_buf_puts(&out, k ? ",\n    {\"period\": " : "    {\"period\": ");
            fs_json_string(&out, p->label);
            fs_buf_puts(&out, ",\n");
            json_body(&out, p->table, p->desc, c, groups, gc, "      ");
            fs_buf_puts(&out, "}");
            if (k + 1 == m->nperiods)
                fs_buf_puts(&out, "\n  ]\n}\n");
        } else {
            fs_buf_printf(&out, "%s== %s\n", k ? "\n" : "", p->label);
            format_text(&out, p->table, p->desc, c, measure, groups, gc);
        }
        free(gc);
    }
    if (code == EXIT_OK)
        code = cli_write_output(&out, format);
    fs_buf_free(&out);
    fs_groups_free(groups);
    return code;
}
