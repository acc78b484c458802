/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_spc.c: an XmR chart's segments, points and summary (spc)
 * (results.h). */
#include "render/results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The points' table: CSV and JSON keys, text headings. */
#define SPC_COLUMNS 9
static fs_status_t points_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_measure_t *m,
                                char (*rules)[64], fs_error_t *err)
{
    fs_rstyle_t style = m->kind == FS_MEASURE_PROPORTION ? FS_RS_SHARE : FS_RS_DIGITS;
    const fs_rcol_t c[SPC_COLUMNS] = {
        {.key = "period", .heading = "Period", .width = -12, .max = 24},
        {.key = "value",
         .type = FS_RT_NUMBER,
         .heading = "Value",
         .width = 10,
         .style = style,
         .digits = 6},
        {.key = "mean",
         .type = FS_RT_NUMBER,
         .heading = "Mean",
         .width = 10,
         .style = style,
         .digits = 6},
        {.key = "lower",
         .type = FS_RT_NUMBER,
         .heading = "Lower",
         .width = 10,
         .style = style,
         .digits = 6},
        {.key = "upper",
         .type = FS_RT_NUMBER,
         .heading = "Upper",
         .width = 10,
         .style = style,
         .digits = 6},
        {.key = "near_lower", .type = FS_RT_NUMBER},
        {.key = "near_upper", .type = FS_RT_NUMBER},
        {.key = "rule", .heading = "Rule", .width = -24, .before = "  "},
        {.key = "variation", .heading = "Variation"}};
    memcpy(cols, c, sizeof c);
    const fs_spc_t *s = &m->spc;
    fs_status_t st = fs_rtable_init(rt, cols, SPC_COLUMNS, s->n, err);
    if (st != FS_OK)
        return st;
    for (size_t i = 0; i < s->n; i++) {
        const fs_spc_point_t *p = &s->points[i];
        fs_spc_rule_names(p->rules, rules[i], sizeof rules[i]);
        size_t j = 0;
        fs_rtable_text(rt, i, j++, m->trend.periods[i]);
        fs_rtable_number(rt, i, j++, p->value);
        fs_rtable_number(rt, i, j++, p->mean);
        fs_rtable_number(rt, i, j++, p->lower);
        fs_rtable_number(rt, i, j++, p->upper);
        fs_rtable_number(rt, i, j++, p->near_lower);
        fs_rtable_number(rt, i, j++, p->near_upper);
        fs_rtable_text(rt, i, j++, rules[i]);
        fs_rtable_text(rt, i, j++, fs_spc_variation_name(p->variation));
    }
    return FS_OK;
}

static void put_value(fs_buf_t *out, const fs_measure_t *m, double x)
{
    fs_render_number(out, x, m->kind == FS_MEASURE_PROPORTION ? FS_RS_SHARE : FS_RS_DIGITS, 6);
}

/* The plain-English summary: the latest point, then each run of signals. */
static void summary(fs_buf_t *out, const fs_measure_t *m)
{
    const fs_spc_t *s = &m->spc;
    const fs_spc_point_t *last = &s->points[s->n - 1];
    const fs_spc_segment_t *g = &s->segments[last->segment];
    fs_buf_printf(out, "Latest point (%s): ", m->trend.periods[s->n - 1]);
    put_value(out, m, last->value);
    if (last->rules == 0) {
        fs_buf_puts(out, ", common cause: within the process limits (");
    } else {
        char rules[64];
        fs_spc_rule_names(last->rules, rules, sizeof rules);
        fs_buf_printf(out, ", special cause (%s; %s): the process limits are (", rules,
                      fs_spc_variation_name(last->variation));
    }
    put_value(out, m, g->lower);
    fs_buf_puts(out, " to ");
    put_value(out, m, g->upper);
    fs_buf_puts(out, ", mean ");
    put_value(out, m, g->mean);
    fs_buf_puts(out, ").");
    if (g->assurance != FS_SPC_NO_TARGET) {
        fs_buf_puts(out, " Against the target ");
        put_value(out, m, s->opt.target);
        fs_buf_printf(out, ": %s.", fs_spc_assurance_name(g->assurance));
    }
    size_t special = 0;
    for (size_t i = 0; i < s->n; i++)
        special += s->points[i].rules != 0;
    if (special == 0) {
        fs_buf_printf(out, " No signals: all %zu points are common cause.", s->n);
        return;
    }
    fs_buf_printf(out, " Signals (%zu of %zu points):", special, s->n);
    int first = 1;
    for (size_t i = 0; i < s->n;) {
        if (s->points[i].rules == 0) {
            i++;
            continue;
        }
        /* A run of special-cause points of one variation in one segment,
         * with every rule that flags any of them. */
        size_t j = i + 1;
        unsigned any = s->points[i].rules;
        while (j < s->n && s->points[j].rules != 0 &&
               s->points[j].variation == s->points[i].variation &&
               s->points[j].segment == s->points[i].segment)
            any |= s->points[j++].rules;
        char rules[64];
        fs_spc_rule_names(any, rules, sizeof rules);
        fs_buf_printf(out, "%s %s%s%s (%s, %s)", first ? "" : ";", m->trend.periods[i],
                      j - i > 1 ? " to " : "", j - i > 1 ? m->trend.periods[j - 1] : "", rules,
                      fs_spc_variation_name(s->points[i].variation));
        first = 0;
        i = j;
    }
    fs_buf_putc(out, '.');
}

static void measure_name(const fs_measure_t *m, char *buf, size_t size)
{
    const fs_table_t *t = m->table;
    if (m->kind == FS_MEASURE_VALUE)
        snprintf(buf, size, "%s", t->columns[m->value_col]);
    else if (m->kind == FS_MEASURE_RATE)
        snprintf(buf, size, "%s per %g", t->columns[m->num_col], m->trend.per);
    else
        snprintf(buf, size, "%s / %s", t->columns[m->num_col], t->columns[m->den_col]);
}

enum {
    S_SCHEMA,
    S_MEASURE,
    S_FORCE,
    S_N,
    S_SCREEN,
    S_BASELINE,
    S_IMPROVEMENT,
    S_TARGET,
    S_SEGMENTS,
    S_POINTS,
    S_SUMMARY,
    S_FIELDS
};
FS_DOC_FITS(spc_fields, S_FIELDS);
static const fs_dfield_t spc_fields[S_FIELDS] = {
    [S_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [S_MEASURE] = {"measure", FS_DT_TEXT, 1, 0},
    [S_FORCE] = {"force", FS_DT_TEXT, 0, 0},
    [S_N] = {"n", FS_DT_INTEGER, 1, 0},
    [S_SCREEN] = {"screen", FS_DT_BOOL, 0, 0},
    [S_BASELINE] = {"baseline", FS_DT_INTEGER, 0, 0},
    [S_IMPROVEMENT] = {"improvement", FS_DT_TEXT, 0, 0},
    [S_TARGET] = {"target", FS_DT_NUMBER, 0, 0},
    [S_SEGMENTS] = {"segments", FS_DT_OBJECTS, 1, 0},
    [S_POINTS] = {"points", FS_DT_ROWS, 1, 0},
    [S_SUMMARY] = {"summary", FS_DT_TEXT, 1, 0}};

enum {
    G_FIRST,
    G_LAST,
    G_N,
    G_BASELINE,
    G_MEAN,
    G_MR_BAR,
    G_MR_BAR_UNSCREENED,
    G_SCREENED,
    G_LOWER,
    G_UPPER,
    G_NEAR_LOWER,
    G_NEAR_UPPER,
    G_ASSURANCE,
    G_FIELDS
};
FS_DOC_FITS(segment_fields, G_FIELDS);
static const fs_dfield_t segment_fields[G_FIELDS] = {
    [G_FIRST] = {"first", FS_DT_TEXT, 0, 0},
    [G_LAST] = {"last", FS_DT_TEXT, 0, 0},
    [G_N] = {"n", FS_DT_INTEGER, 0, 0},
    [G_BASELINE] = {"baseline", FS_DT_INTEGER, 0, 0},
    [G_MEAN] = {"mean", FS_DT_NUMBER, 0, 0},
    [G_MR_BAR] = {"mr_bar", FS_DT_NUMBER, 0, 0},
    [G_MR_BAR_UNSCREENED] = {"mr_bar_unscreened", FS_DT_NUMBER, 0, 0},
    [G_SCREENED] = {"screened", FS_DT_INTEGER, 0, 0},
    [G_LOWER] = {"lower", FS_DT_NUMBER, 0, 0},
    [G_UPPER] = {"upper", FS_DT_NUMBER, 0, 0},
    [G_NEAR_LOWER] = {"near_lower", FS_DT_NUMBER, 0, 0},
    [G_NEAR_UPPER] = {"near_upper", FS_DT_NUMBER, 0, 0},
    [G_ASSURANCE] = {"assurance", FS_DT_TEXT, 0, 0}};

static void segment_doc(fs_doc_t *doc, const fs_measure_t *m, const fs_spc_segment_t *g)
{
    fs_doc_init(doc, segment_fields, G_FIELDS);
    fs_doc_text(doc, G_FIRST, m->trend.periods[g->start]);
    fs_doc_text(doc, G_LAST, m->trend.periods[g->start + g->n - 1]);
    fs_doc_integer(doc, G_N, (long long)g->n);
    fs_doc_integer(doc, G_BASELINE, (long long)g->baseline);
    fs_doc_number(doc, G_MEAN, g->mean);
    fs_doc_number(doc, G_MR_BAR, g->mr_bar);
    fs_doc_number(doc, G_MR_BAR_UNSCREENED, g->mr_bar_unscreened);
    fs_doc_integer(doc, G_SCREENED, (long long)g->screened);
    fs_doc_number(doc, G_LOWER, g->lower);
    fs_doc_number(doc, G_UPPER, g->upper);
    fs_doc_number(doc, G_NEAR_LOWER, g->near_lower);
    fs_doc_number(doc, G_NEAR_UPPER, g->near_upper);
    fs_doc_text(doc, G_ASSURANCE,
                g->assurance == FS_SPC_NO_TARGET ? NULL : fs_spc_assurance_name(g->assurance));
}

static void format_json(fs_buf_t *out, const fs_measure_t *m, int force, const fs_rtable_t *rt)
{
    const fs_spc_t *s = &m->spc;
    char name[1100];
    measure_name(m, name, sizeof name);
    fs_buf_t sum;
    fs_buf_init(&sum);
    summary(&sum, m);
    fs_doc_t *segments = calloc(s->nsegments ? s->nsegments : 1, sizeof *segments);
    if (segments == NULL || fs_buf_status(&sum) != FS_OK) {
        free(segments);
        fs_buf_free(&sum);
        out->failed = 1;
        return;
    }
    for (size_t k = 0; k < s->nsegments; k++)
        segment_doc(&segments[k], m, &s->segments[k]);
    fs_doc_t doc;
    fs_doc_init(&doc, spc_fields, S_FIELDS);
    fs_doc_integer(&doc, S_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_text(&doc, S_MEASURE, name);
    fs_doc_text(&doc, S_FORCE, force >= 0 ? fs_registry_force((size_t)force)->name : NULL);
    fs_doc_integer(&doc, S_N, (long long)s->n);
    fs_doc_bool(&doc, S_SCREEN, s->opt.screen);
    fs_doc_integer(&doc, S_BASELINE, (long long)s->opt.baseline);
    fs_doc_text(&doc, S_IMPROVEMENT,
                s->opt.improvement == FS_SPC_UP     ? "up"
                : s->opt.improvement == FS_SPC_DOWN ? "down"
                                                    : NULL);
    fs_doc_number(&doc, S_TARGET, s->opt.has_target ? s->opt.target : NAN);
    fs_doc_objects(&doc, S_SEGMENTS, segments, s->nsegments);
    fs_doc_rows(&doc, S_POINTS, rt);
    fs_doc_text(&doc, S_SUMMARY, sum.data ? sum.data : "");
    fs_render_json_doc(out, &doc, 0);
    fs_buf_putc(out, '\n');
    free(segments);
    fs_buf_free(&sum);
}

static void format_text(fs_buf_t *out, const fs_measure_t *m, int force, const fs_rtable_t *rt)
{
    const fs_spc_t *s = &m->spc;
    char name[1100];
    measure_name(m, name, sizeof name);
    fs_buf_printf(out, "%s%s%s: XmR chart of %zu points, %zu segment%s%s\n", name,
                  force >= 0 ? ", " : "", force >= 0 ? fs_registry_force((size_t)force)->name : "",
                  s->n, s->nsegments, s->nsegments == 1 ? "" : "s",
                  s->opt.screen ? "" : " (moving ranges not screened)");
    for (size_t k = 0; k < s->nsegments; k++) {
        const fs_spc_segment_t *g = &s->segments[k];
        fs_buf_printf(out, "Segment %zu, %s to %s (%zu points, limits from %s%zu): mean ", k + 1,
                      m->trend.periods[g->start], m->trend.periods[g->start + g->n - 1], g->n,
                      g->baseline == g->n ? "all " : "the first ", g->baseline);
        put_value(out, m, g->mean);
        fs_buf_puts(out, ", process limits ");
        put_value(out, m, g->lower);
        fs_buf_puts(out, " to ");
        put_value(out, m, g->upper);
        fs_buf_puts(out, ", mR-bar ");
        fs_render_number(out, g->mr_bar, FS_RS_DIGITS, 6);
        if (g->screened)
            fs_buf_printf(out, " (%zu of %zu moving ranges screened out)", g->screened, g->ranges);
        if (g->assurance != FS_SPC_NO_TARGET)
            fs_buf_printf(out, "; target: %s", fs_spc_assurance_name(g->assurance));
        fs_buf_putc(out, '\n');
    }
    fs_render_text(out, rt, "  ", NULL);
    summary(out, m);
    fs_buf_putc(out, '\n');
}

void fs_spc_write(fs_buf_t *out, fs_output_format_t format, const fs_measure_t *m, int force,
                  int csv_raw)
{
    fs_rcol_t cols[SPC_COLUMNS];
    fs_rtable_t rt;
    fs_error_t err;
    char(*rules)[64] = calloc(m->spc.n ? m->spc.n : 1, sizeof *rules);
    if (rules == NULL || points_table(&rt, cols, m, rules, &err) != FS_OK) {
        free(rules);
        out->failed = 1;
        return;
    }
    rt.csv_raw = csv_raw;
    if (format == FS_FORMAT_CSV) {
        fs_render_csv_header(out, &rt);
        fs_render_csv_rows(out, &rt);
    } else if (format == FS_FORMAT_JSON) {
        format_json(out, m, force, &rt);
    } else {
        format_text(out, m, force, &rt);
    }
    fs_rtable_free(&rt);
    free(rules);
}
