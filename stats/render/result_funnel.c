/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_funnel.c: the funnel plot's limits and each force's place
 * (funnel) (results.h). */
#include "render/results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The funnel's result table, described once: force, code, numerator,
 * denominator, value, z, flag, with groups group, group_target and
 * group_z, and in CSV (which has no heading to state it) the
 * over-dispersion adjustment on every row. */
static fs_status_t funnel_table(fs_rtable_t *rt, fs_rcol_t *cols, char (*flags)[32],
                                const fs_measure_t *m, const fs_groups_t *groups, int csv,
                                fs_error_t *err)
{
    const fs_measure_funnel_t *fd = &m->funnel;
    const fs_funnel_t *f = &fd->fit;
    const fs_rcol_t base[] = {
        {.key = "force", .heading = "Force", .width = -30, .max = 30},
        {.key = "code", .heading = "Code", .width = -10},
        {.key = "numerator",
         .type = FS_RT_NUMBER,
         .heading = "Numerator",
         .width = 12,
         .style = FS_RS_DIGITS,
         .digits = 10},
        {.key = "denominator",
         .type = FS_RT_NUMBER,
         .heading = "Denominator",
         .width = 12,
         .style = FS_RS_DIGITS,
         .digits = 10},
        {.key = "value",
         .type = FS_RT_NUMBER,
         .heading = "Value",
         .width = 12,
         .style = FS_RS_DIGITS,
         .digits = 6},
        {.key = "z", .type = FS_RT_NUMBER, .heading = "z", .width = 7, .style = FS_RS_SIGNED},
        {.key = "flag", .heading = "Flag", .before = "  "},
        {.key = "group", .heading = "", .before = "  [", .after = " ", .optional = 1},
        {.key = "group_target",
         .type = FS_RT_NUMBER,
         .heading = "",
         .before = "",
         .after = ", z ",
         .optional = 1,
         .follows = 8,
         .style = FS_RS_DIGITS,
         .digits = 6},
        {.key = "group_z",
         .type = FS_RT_NUMBER,
         .heading = "",
         .before = "",
         .after = "]",
         .optional = 1,
         .follows = 8,
         .style = FS_RS_SIGNED}};
    size_t n = groups != NULL ? 10 : 7, od = n;
    memcpy(cols, base, n * sizeof *cols);
    if (csv)
        cols[n++] = (fs_rcol_t){.key = "overdispersion", .heading = "Overdispersion"};
    fs_status_t st = fs_rtable_init(rt, cols, n, fd->n, err);
    for (size_t k = 0; st == FS_OK && k < fd->n; k++) {
        size_t row = fd->rows[k];
        fs_funnel_flag_name(f, fs_funnel_flag(f, fd->num[k], fd->den[k]), flags[k],
                            sizeof flags[k]);
        fs_rtable_text(rt, k, 0, fs_table_cell(m->table, row, m->desc->force_column));
        fs_rtable_text(rt, k, 1, m->desc->units[row].code);
        fs_rtable_number(rt, k, 2, fd->num[k]);
        fs_rtable_number(rt, k, 3, fd->den[k]);
        fs_rtable_number(rt, k, 4, fs_funnel_value(f, fd->num[k], fd->den[k]));
        fs_rtable_number(rt, k, 5, fs_funnel_z(f, fd->num[k], fd->den[k]));
        fs_rtable_text(rt, k, 6, flags[k]);
        if (groups != NULL) {
            int grp = fs_groups_of_row(groups, m->desc, row);
            double gt = fd->group_target ? fd->group_target[k] : NAN;
            fs_rtable_text(rt, k, 7, grp >= 0 ? groups->names[grp] : NULL);
            fs_rtable_number(rt, k, 8, gt);
            fs_rtable_number(rt, k, 9, fs_funnel_z_at(f, gt, fd->num[k], fd->den[k]));
        }
        if (csv)
            fs_rtable_text(rt, k, od, fs_overdispersion_name(f->opt.overdispersion));
    }
    return st;
}

enum {
    F_SCHEMA,
    F_TARGET,
    F_PHI,
    F_TAU2,
    F_OVERDISPERSION,
    F_OVERDISPERSED,
    F_TYPE,
    F_PER,
    F_LIMITS,
    F_LEFT_OUT,
    F_FORCES,
    F_FIELDS
};
FS_DOC_FITS(funnel_fields, F_FIELDS);
static const fs_dfield_t funnel_fields[F_FIELDS] = {
    [F_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [F_TARGET] = {"target", FS_DT_NUMBER, 1, 0},
    [F_PHI] = {"phi", FS_DT_NUMBER, 0, 0},
    [F_TAU2] = {"tau2", FS_DT_NUMBER, 0, 0},
    [F_OVERDISPERSION] = {"overdispersion", FS_DT_TEXT, 0, 0},
    [F_OVERDISPERSED] = {"overdispersed", FS_DT_BOOL, 0, 0},
    [F_TYPE] = {"type", FS_DT_TEXT, 1, 0},
    [F_PER] = {"per", FS_DT_NUMBER, 0, 0},
    [F_LIMITS] = {"limits", FS_DT_NUMBERS, 0, 0},
    [F_LEFT_OUT] = {NULL, FS_DT_MEMBERS, 1, 0},
    [F_FORCES] = {"forces", FS_DT_ROWS, 1, 0}};

static void funnel_json(fs_buf_t *out, const fs_measure_t *m, const fs_rtable_t *rt)
{
    const fs_funnel_t *f = &m->funnel.fit;
    int rate = f->opt.type == FS_FUNNEL_RATE;
    double limits[2] = {100 * f->opt.levels[0], 100 * f->opt.levels[1]};
    fs_left_out_t left;
    fs_error_t err;
    if (fs_left_out_init(&left, m->table, m->desc, &err) != FS_OK) {
        fs_left_out_free(&left);
        out->failed = 1;
        return;
    }
    fs_doc_t doc;
    fs_doc_init(&doc, funnel_fields, F_FIELDS);
    fs_doc_integer(&doc, F_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_number(&doc, F_TARGET, f->target);
    fs_doc_number(&doc, F_PHI, f->phi);
    fs_doc_number(&doc, F_TAU2, f->tau2);
    fs_doc_text(&doc, F_OVERDISPERSION, fs_overdispersion_name(f->opt.overdispersion));
    fs_doc_bool(&doc, F_OVERDISPERSED, f->overdispersed);
    fs_doc_text(&doc, F_TYPE, rate ? "rate" : "proportion");
    fs_doc_number(&doc, F_PER, rate ? f->opt.per : 1);
    fs_doc_numbers(&doc, F_LIMITS, limits, 2);
    fs_doc_members(&doc, F_LEFT_OUT, &left.doc);
    fs_doc_rows(&doc, F_FORCES, rt);
    fs_render_json_doc(out, &doc, 0);
    fs_buf_putc(out, '\n');
    fs_left_out_free(&left);
}

/* The target, the limits and the over-dispersion, for people. */
static void funnel_heading(fs_buf_t *out, const fs_funnel_t *f)
{
    if (f->opt.type == FS_FUNNEL_RATE)
        fs_buf_printf(out, "Funnel plot, rate per %g people: target ", f->opt.per);
    else
        fs_buf_puts(out, "Funnel plot, proportion: target ");
    fs_buf_printf(out, "%.6g (%s), limits %g%% and %g%%\n", f->target,
                  f->opt.has_target ? "given" : "England and Wales pooled over the forces",
                  100 * f->opt.levels[0], 100 * f->opt.levels[1]);
    /* phi to 3 decimals, with an exponent from 1e15 up as every number of
     * the text output (fs_render_number). */
    fs_buf_printf(out,
                  f->phi < 1e15 ? "Over-dispersion: phi = %.3f, tau^2 = %.3g; %s; limits %s.\n"
                                : "Over-dispersion: phi = %.3e, tau^2 = %.3g; %s; limits %s.\n",
                  f->phi, f->tau2,
                  f->overdispersed ? "the forces vary more than chance alone explains"
                                   : "no more variation than chance",
                  f->opt.overdispersion == FS_OVERDISPERSION_NONE
                      ? "not adjusted (--overdispersion multiplicative or additive adjusts them)"
                      : (f->opt.overdispersion == FS_OVERDISPERSION_ADDITIVE
                             ? "adjusted by random effects"
                             : "widened by sqrt(phi)"));
}

void fs_funnel_write(fs_buf_t *out, fs_output_format_t format, const fs_measure_t *m,
                     const fs_groups_t *groups, int csv_raw)
{
    const fs_measure_funnel_t *fd = &m->funnel;
    fs_rcol_t cols[11];
    fs_rtable_t rt;
    fs_error_t err;
    char(*flags)[32] = malloc((fd->n ? fd->n : 1) * sizeof *flags);
    if (flags == NULL ||
        funnel_table(&rt, cols, flags, m, groups, format == FS_FORMAT_CSV, &err) != FS_OK) {
        free(flags);
        out->failed = 1;
        return;
    }
    rt.csv_raw = csv_raw;
    if (format == FS_FORMAT_JSON) {
        funnel_json(out, m, &rt);
    } else if (format == FS_FORMAT_CSV) {
        fs_render_csv_header(out, &rt);
        fs_render_csv_rows(out, &rt);
    } else {
        funnel_heading(out, &fd->fit);
        fs_render_text(out, &rt, "  ", NULL);
    }
    fs_rtable_free(&rt);
    free(flags);
}
