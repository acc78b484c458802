/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_ratio.c: each group's rate against a reference group's, per
 * force and for England and Wales (ratio) (results.h). */
#include "render/results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The result table, described once: a row a force and group, England
 * and Wales's last.  CSV and JSON have every column; the text table
 * Force, Group, the two rates, the ratio, its interval, the verdict and
 * the not-stated bounds. */
enum {
    C_FORCE,
    C_CODE,
    C_GROUP,
    C_COUNT,
    C_POPULATION,
    C_RATE,
    C_REF_COUNT,
    C_REF_POPULATION,
    C_REF_RATE,
    C_DEFINED,
    C_RATIO,
    C_LOWER,
    C_UPPER,
    C_P,
    C_VERDICT,
    C_NOT_STATED,
    C_LOW,
    C_HIGH,
    C_COLUMNS
};

static const fs_rcol_t ratio_cols[C_COLUMNS] = {
    [C_FORCE] = {.key = "force", .heading = "Force", .width = -26, .max = 26},
    [C_CODE] = {.key = "code"},
    [C_GROUP] = {.key = "group", .heading = "Group", .width = -30, .max = 30},
    [C_COUNT] = {.key = "count", .type = FS_RT_NUMBER},
    [C_POPULATION] = {.key = "population", .type = FS_RT_NUMBER},
    [C_RATE] = {.key = "rate_per_1000",
                .type = FS_RT_NUMBER,
                .heading = "Rate",
                .width = 8,
                .style = FS_RS_FIXED2},
    [C_REF_COUNT] = {.key = "reference_count", .type = FS_RT_NUMBER},
    [C_REF_POPULATION] = {.key = "reference_population", .type = FS_RT_NUMBER},
    [C_REF_RATE] = {.key = "reference_rate_per_1000",
                    .type = FS_RT_NUMBER,
                    .heading = "Ref. rate",
                    .width = 9,
                    .style = FS_RS_FIXED2},
    [C_DEFINED] = {.key = "defined"},
    [C_RATIO] = {.key = "ratio",
                 .type = FS_RT_NUMBER,
                 .heading = "Ratio",
                 .width = 7,
                 .style = FS_RS_FIXED2},
    [C_LOWER] = {.key = "lower",
                 .type = FS_RT_NUMBER,
                 .heading = "Lower",
                 .width = 7,
                 .style = FS_RS_FIXED2},
    [C_UPPER] = {.key = "upper",
                 .type = FS_RT_NUMBER,
                 .heading = "Upper",
                 .width = 7,
                 .style = FS_RS_FIXED2},
    [C_P] = {.key = "p", .type = FS_RT_NUMBER},
    [C_VERDICT] = {.key = "verdict", .heading = "Verdict", .width = -11, .before = "  "},
    [C_NOT_STATED] = {.key = "not_stated", .type = FS_RT_NUMBER},
    [C_LOW] = {.key = "ratio_low",
               .type = FS_RT_NUMBER,
               .heading = "Not stated: from",
               .width = 16,
               .style = FS_RS_FIXED2},
    [C_HIGH] = {.key = "ratio_high",
                .type = FS_RT_NUMBER,
                .heading = "to",
                .width = 7,
                .style = FS_RS_FIXED2}};

/* The verdict in the ratio's words: the group's rate higher, similar or
 * lower than the reference group's, or the ratio not defined. */
static const char *verdict_word(const fs_contrast_t *c)
{
    switch (fs_contrast_verdict(c, 1.0)) {
    case FS_VERDICT_INCREASE: return "higher";
    case FS_VERDICT_DECREASE: return "lower";
    case FS_VERDICT_NO_CHANGE: return "similar";
    case FS_VERDICT_NOT_DEFINED: break;
    }
    return "not defined";
}

static const char *definition_word(fs_definition_t d)
{
    return d == FS_DEFINED ? "defined" : (d == FS_UNBOUNDED_ABOVE ? "unbounded" : "not defined");
}

/* A figure that holds, else NaN (written null or left blank). */
static double held(fs_definition_t d, int bound_holds, double x)
{
    return d == FS_DEFINED || (d == FS_UNBOUNDED_ABOVE && bound_holds) ? x : NAN;
}

static void ratio_row(fs_rtable_t *rt, size_t k, const fs_ratio_table_t *r, const fs_table_t *t,
                      const fs_description_t *d)
{
    const fs_ratio_row_t *w = &r->rows[k];
    const fs_group_ratio_t *g = &w->ratio;
    const fs_not_stated_ratio_t *s = &w->sensitivity;
    int ew = w->force < 0;
    fs_rtable_text(rt, k, C_FORCE,
                   ew ? "England and Wales" : fs_table_cell(t, w->row, d->force_column));
    fs_rtable_text(rt, k, C_CODE, ew ? "K04000001" : fs_registry_force((size_t)w->force)->code);
    fs_rtable_text(rt, k, C_GROUP, r->groups[w->group]);
    fs_rtable_number(rt, k, C_COUNT, w->counts.count);
    fs_rtable_number(rt, k, C_POPULATION, w->counts.population);
    fs_rtable_number(rt, k, C_RATE, g->rate_defined ? g->rate_per_1000 : NAN);
    fs_rtable_number(rt, k, C_REF_COUNT, w->counts.reference_count);
    fs_rtable_number(rt, k, C_REF_POPULATION, w->counts.reference_population);
    fs_rtable_number(rt, k, C_REF_RATE,
                     g->reference_rate_defined ? g->reference_rate_per_1000 : NAN);
    fs_rtable_text(rt, k, C_DEFINED, definition_word(g->ratio.defined));
    fs_rtable_number(rt, k, C_RATIO, held(g->ratio.defined, 0, g->ratio.estimate));
    fs_rtable_number(rt, k, C_LOWER, held(g->ratio.defined, 1, g->ratio.lower));
    fs_rtable_number(rt, k, C_UPPER, held(g->ratio.defined, 0, g->ratio.upper));
    fs_rtable_number(rt, k, C_P, g->ratio.defined == FS_NOT_DEFINED ? NAN : g->ratio.p_value);
    fs_rtable_text(rt, k, C_VERDICT, verdict_word(&g->ratio));
    fs_rtable_number(rt, k, C_NOT_STATED, w->not_stated);
    fs_rtable_number(rt, k, C_LOW, held(s->low_defined, 0, s->low));
    fs_rtable_number(rt, k, C_HIGH, held(s->high_defined, 0, s->high));
}

enum { F_SCHEMA, F_REFERENCE, F_METHOD, F_LEVEL, F_PER, F_FORCES, F_FIELDS };
FS_DOC_FITS(ratio_fields, F_FIELDS);
static const fs_dfield_t ratio_fields[F_FIELDS] = {
    [F_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [F_REFERENCE] = {"reference", FS_DT_TEXT, 1, 0},
    [F_METHOD] = {"method", FS_DT_TEXT, 0, 0},
    [F_LEVEL] = {"level", FS_DT_NUMBER, 0, 0},
    [F_PER] = {"per", FS_DT_NUMBER, 0, 0},
    [F_FORCES] = {"rows", FS_DT_ROWS, 1, 0}};

static const char *method_name(fs_rate_ratio_method_t m)
{
    return m == FS_RATE_RATIO_KATZ ? "katz" : "exact";
}

/* England and Wales in a sentence a group, as the published figures are
 * quoted: rates to one decimal, the ratio and its bounds. */
static void ratio_summary(fs_buf_t *out, const fs_ratio_table_t *r, const char *reference)
{
    for (size_t k = 0; k < r->nrows; k++) {
        const fs_ratio_row_t *w = &r->rows[k];
        const fs_group_ratio_t *g = &w->ratio;
        if (w->force >= 0)
            continue;
        fs_buf_printf(out, "England and Wales: %.1f per 1,000 %s people, %.1f per 1,000 %s",
                      g->reference_rate_per_1000, reference, g->rate_per_1000, r->groups[w->group]);
        if (g->ratio.defined == FS_DEFINED)
            fs_buf_printf(out, ": %.1f times as high (%g%% interval %.2f to %.2f)",
                          g->ratio.estimate, 100 * r->level, g->ratio.lower, g->ratio.upper);
        else
            fs_buf_puts(out, ": the ratio is not defined");
        const fs_not_stated_ratio_t *s = &w->sensitivity;
        if (w->not_stated > 0 && s->low_defined == FS_DEFINED && s->high_defined == FS_DEFINED)
            fs_buf_printf(out,
                          "; the %.0f not stated would move it from %.1f (all %s) to %.1f "
                          "(all %s)",
                          w->not_stated, s->low, reference, s->high, r->groups[w->group]);
        fs_buf_puts(out, ".\n");
    }
}

void fs_ratio_write(fs_buf_t *out, fs_output_format_t format, const fs_ratio_table_t *r,
                    const fs_table_t *t, const fs_description_t *d, const char *reference,
                    int csv_raw)
{
    fs_rtable_t rt;
    fs_error_t err;
    if (fs_rtable_init(&rt, ratio_cols, C_COLUMNS, r->nrows, &err) != FS_OK) {
        out->failed = 1;
        return;
    }
    rt.csv_raw = csv_raw;
    for (size_t k = 0; k < r->nrows; k++)
        ratio_row(&rt, k, r, t, d);
    if (format == FS_FORMAT_JSON) {
        fs_doc_t doc;
        fs_doc_init(&doc, ratio_fields, F_FIELDS);
        fs_doc_integer(&doc, F_SCHEMA, FS_JSON_SCHEMA_VERSION);
        fs_doc_text(&doc, F_REFERENCE, reference);
        fs_doc_text(&doc, F_METHOD, method_name(r->method));
        fs_doc_number(&doc, F_LEVEL, r->level);
        fs_doc_number(&doc, F_PER, 1000);
        fs_doc_rows(&doc, F_FORCES, &rt);
        fs_render_json_doc(out, &doc, 0);
        fs_buf_putc(out, '\n');
    } else if (format == FS_FORMAT_CSV) {
        fs_render_csv_header(out, &rt);
        fs_render_csv_rows(out, &rt);
    } else {
        fs_buf_printf(out,
                      "Rates per 1,000 people and the rate ratio to the %s group (%s %g%% "
                      "interval)\n",
                      reference,
                      r->method == FS_RATE_RATIO_KATZ ? "Katz's log" : "exact conditional",
                      100 * r->level);
        fs_render_text(out, &rt, "  ", NULL);
        ratio_summary(out, r, reference);
    }
    fs_rtable_free(&rt);
}
