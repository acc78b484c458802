/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_figures.c: the results that are a few figures: a proportion's
 * interval (ci) and the Shapiro-Wilk test (shapiro) (results.h). */
#include "render/results.h"

#include <math.h>

/* ---- ci ---- */

enum {
    CI_SCHEMA,
    CI_METHOD,
    CI_SUCCESSES,
    CI_TRIALS,
    CI_LEVEL,
    CI_POPULATION,
    CI_ESTIMATE,
    CI_LOWER,
    CI_UPPER,
    CI_MARGIN,
    CI_SYMMETRIC,
    CI_FIELDS
};
FS_DOC_FITS(ci_fields, CI_FIELDS);
static const fs_dfield_t ci_fields[CI_FIELDS] = {
    [CI_SCHEMA] = {"schema_version", FS_DT_INTEGER, 0, 0},
    [CI_METHOD] = {"method", FS_DT_TEXT, 0, 0},
    [CI_SUCCESSES] = {"successes", FS_DT_NUMBER, 0, 0},
    [CI_TRIALS] = {"trials", FS_DT_NUMBER, 0, 0},
    [CI_LEVEL] = {"level", FS_DT_NUMBER, 0, 0},
    [CI_POPULATION] = {"population", FS_DT_NUMBER, 0, 0},
    [CI_ESTIMATE] = {"estimate", FS_DT_NUMBER, 0, 0},
    [CI_LOWER] = {"lower", FS_DT_NUMBER, 0, 0},
    [CI_UPPER] = {"upper", FS_DT_NUMBER, 0, 0},
    [CI_MARGIN] = {"margin", FS_DT_NUMBER, 0, 0},
    [CI_SYMMETRIC] = {"symmetric", FS_DT_BOOL, 0, 0}};

/* A proportion as a percentage to one decimal; one under 0.05% that is
 * not zero (which one decimal would show as 0.0) to 3 significant
 * digits, with an exponent where it needs one. */
static void percent(fs_buf_t *out, double x, const char *after)
{
    double v = 100.0 * x;
    if (v != 0.0 && fabs(v) < 0.05)
        fs_buf_printf(out, "%.3g%s", v, after);
    else
        fs_buf_printf(out, "%.1f%s", v, after);
}

static void ci_text(fs_buf_t *out, double k, double n, double level, fs_ci_method_t method,
                    const fs_interval_t *ci)
{
    /* Counts in full, up to 1e15; beyond, where a double's digits are no
     * longer those of the count, with an exponent. */
    fs_buf_printf(out, k < 1e15 ? "%.0f of " : "%.6g of ", k);
    fs_buf_printf(out, n < 1e15 ? "%.0f: " : "%.6g: ", n);
    percent(out, ci->estimate, "%");
    fs_buf_printf(out, " (%g%% confidence interval ", 100 * level);
    percent(out, ci->lower, "%");
    fs_buf_puts(out, " to ");
    percent(out, ci->upper, "%");
    /* +/- only where the interval is symmetric: Wald's.  The others are
     * lopsided, and their two distances are given. */
    if (fs_interval_symmetric(ci)) {
        fs_buf_puts(out, ", +/- ");
        percent(out, ci->margin, "%");
    } else {
        fs_buf_puts(out, ", ");
        percent(out, ci->estimate - ci->lower, " points below and ");
        percent(out, ci->upper - ci->estimate, " above");
    }
    fs_buf_printf(out, "; %s)\n", fs_ci_method_name(method));
}

void fs_ci_write(fs_buf_t *out, fs_output_format_t format, double k, double n, double level,
                 double population, fs_ci_method_t method, const fs_interval_t *ci)
{
    if (format != FS_FORMAT_JSON) {
        ci_text(out, k, n, level, method, ci);
        return;
    }
    fs_doc_t doc;
    fs_doc_init(&doc, ci_fields, CI_FIELDS);
    fs_doc_integer(&doc, CI_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_text(&doc, CI_METHOD, fs_ci_method_name(method));
    fs_doc_number(&doc, CI_SUCCESSES, k);
    fs_doc_number(&doc, CI_TRIALS, n);
    fs_doc_number(&doc, CI_LEVEL, level);
    if (population != 0)
        fs_doc_number(&doc, CI_POPULATION, population);
    fs_doc_number(&doc, CI_ESTIMATE, ci->estimate);
    fs_doc_number(&doc, CI_LOWER, ci->lower);
    fs_doc_number(&doc, CI_UPPER, ci->upper);
    fs_doc_number(&doc, CI_MARGIN, ci->margin);
    fs_doc_bool(&doc, CI_SYMMETRIC, fs_interval_symmetric(ci));
    fs_render_json_doc(out, &doc, 0);
    fs_buf_putc(out, '\n');
}

/* ---- shapiro ---- */

enum { SH_SCHEMA, SH_N, SH_W, SH_P, SH_MISSING, SH_NOT_FORCES, SH_LEFT_OUT, SH_FIELDS };
FS_DOC_FITS(shapiro_fields, SH_FIELDS);
static const fs_dfield_t shapiro_fields[SH_FIELDS] = {
    [SH_SCHEMA] = {"schema_version", FS_DT_INTEGER, 0, 0},
    [SH_N] = {"n", FS_DT_INTEGER, 0, 0},
    [SH_W] = {"w", FS_DT_NUMBER, 0, 0},
    [SH_P] = {"p", FS_DT_NUMBER, 0, 0},
    [SH_MISSING] = {"missing", FS_DT_INTEGER, 0, 0},
    [SH_NOT_FORCES] = {"not_forces", FS_DT_INTEGER, 0, 0},
    [SH_LEFT_OUT] = {NULL, FS_DT_MEMBERS, 0, 0}};

static void shapiro_text(fs_buf_t *out, const fs_swilk_t *res, size_t missing, size_t others)
{
    fs_buf_printf(out, "Shapiro-Wilk normality test: n = %zu, W = %.5f, p = %.4g\n", res->n, res->w,
                  res->p);
    if (missing)
        fs_buf_printf(out, "%zu missing value%s left out\n", missing, missing == 1 ? "" : "s");
    if (others)
        fs_buf_printf(out,
                      "%zu row%s that %s not territorial forces (England and Wales, "
                      "countries, regions, other units) left out, as outliers does\n",
                      others, others == 1 ? "" : "s", others == 1 ? "is" : "are");
}

void fs_shapiro_write(fs_buf_t *out, fs_output_format_t format, const fs_swilk_t *res,
                      size_t missing, size_t others, const fs_left_out_t *left)
{
    if (format != FS_FORMAT_JSON) {
        shapiro_text(out, res, missing, others);
        return;
    }
    fs_doc_t doc;
    fs_doc_init(&doc, shapiro_fields, SH_FIELDS);
    fs_doc_integer(&doc, SH_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_integer(&doc, SH_N, (long long)res->n);
    fs_doc_number(&doc, SH_W, res->w);
    fs_doc_number(&doc, SH_P, res->p);
    fs_doc_integer(&doc, SH_MISSING, (long long)missing);
    fs_doc_integer(&doc, SH_NOT_FORCES, (long long)others);
    if (left != NULL)
        fs_doc_members(&doc, SH_LEFT_OUT, &left->doc);
    fs_render_json_doc(out, &doc, 0);
    fs_buf_putc(out, '\n');
}
