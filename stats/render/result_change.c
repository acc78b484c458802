/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_change.c: each force's change between two periods, against
 * England and Wales's change without it (change) (results.h). */
#include "render/results.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/chart_measure.h"

/* The result table, described once.  CSV and JSON: force, code, the two
 * periods' counts, bases and figures, the change with its interval,
 * p-value, adjusted p-value and verdict, a rate's difference with its
 * interval, the change against the rest of England and Wales with the
 * same, and (CSV only, on every row) the level and the adjustment; CSV
 * ends with an England and Wales row.  Text: Force, From, To, Change,
 * its interval and verdict, then against the rest. */
#define CHANGE_MAX_COLUMNS 28

enum {
    K_FORCE,
    K_CODE,
    K_NUM1,
    K_DEN1,
    K_VALUE1,
    K_NUM2,
    K_DEN2,
    K_VALUE2,
    K_CHANGE,
    K_LOWER,
    K_UPPER,
    K_P,
    K_PADJ,
    K_VERDICT,
    K_DIFF,
    K_DIFF_LOWER,
    K_DIFF_UPPER,
    K_AGAINST,
    K_AGAINST_LOWER,
    K_AGAINST_UPPER,
    K_AGAINST_P,
    K_AGAINST_PADJ,
    K_AGAINST_VERDICT,
    K_LEVEL,
    K_ADJUST,
    K_COLUMNS
};

/* A verdict against the rest of England and Wales, in words. */
static const char *against_name(fs_verdict_t v)
{
    switch (v) {
    case FS_VERDICT_INCREASE: return "significantly above the rest";
    case FS_VERDICT_DECREASE: return "significantly below the rest";
    case FS_VERDICT_NO_CHANGE: return "in line with the rest";
    default: return "not defined";
    }
}

/* The columns into cols (K_COLUMNS of them, in the enum's order). */
static void change_columns(fs_rcol_t *cols, const fs_changes_t *c)
{
    fs_rstyle_t value = c->is_rate ? FS_RS_FIXED2 : FS_RS_SHARE;
    fs_rstyle_t change = c->is_rate ? FS_RS_DIGITS : FS_RS_POINTS;
    int digits = 4;
    const char *num = c->is_rate ? "count_from" : "numerator_from";
    const char *den = c->is_rate ? "population_from" : "denominator_from";
    const fs_rcol_t all[K_COLUMNS] = {
        [K_FORCE] = {.key = "force", .heading = "Force", .width = -30, .max = 30},
        [K_CODE] = {.key = "code"},
        [K_NUM1] = {.key = num, .type = FS_RT_NUMBER},
        [K_DEN1] = {.key = den, .type = FS_RT_NUMBER},
        [K_VALUE1] = {.key = "value_from",
                      .type = FS_RT_NUMBER,
                      .heading = "From",
                      .width = 9,
                      .style = value},
        [K_NUM2] = {.key = c->is_rate ? "count_to" : "numerator_to", .type = FS_RT_NUMBER},
        [K_DEN2] = {.key = c->is_rate ? "population_to" : "denominator_to", .type = FS_RT_NUMBER},
        [K_VALUE2] =
            {.key = "value_to", .type = FS_RT_NUMBER, .heading = "To", .width = 9, .style = value},
        [K_CHANGE] = {.key = "change",
                      .type = FS_RT_NUMBER,
                      .heading = "Change",
                      .width = 9,
                      .style = change,
                      .digits = digits},
        [K_LOWER] = {.key = "lower",
                     .type = FS_RT_NUMBER,
                     .heading = "Lower",
                     .width = 9,
                     .style = change,
                     .digits = digits},
        [K_UPPER] = {.key = "upper",
                     .type = FS_RT_NUMBER,
                     .heading = "Upper",
                     .width = 9,
                     .style = change,
                     .digits = digits},
        [K_P] = {.key = "p_value", .type = FS_RT_NUMBER},
        [K_PADJ] = {.key = "p_adjusted", .type = FS_RT_NUMBER},
        [K_VERDICT] = {.key = "verdict", .heading = "Verdict", .width = -24, .before = "  "},
        [K_DIFF] = {.key = "difference", .type = FS_RT_NUMBER},
        [K_DIFF_LOWER] = {.key = "difference_lower", .type = FS_RT_NUMBER},
        [K_DIFF_UPPER] = {.key = "difference_upper", .type = FS_RT_NUMBER},
        [K_AGAINST] = {.key = "against_rest",
                       .type = FS_RT_NUMBER,
                       .heading = "vs rest",
                       .width = 9,
                       .style = change,
                       .digits = digits},
        [K_AGAINST_LOWER] = {.key = "against_lower",
                             .type = FS_RT_NUMBER,
                             .heading = "Lower",
                             .width = 9,
                             .style = change,
                             .digits = digits},
        [K_AGAINST_UPPER] = {.key = "against_upper",
                             .type = FS_RT_NUMBER,
                             .heading = "Upper",
                             .width = 9,
                             .style = change,
                             .digits = digits},
        [K_AGAINST_P] = {.key = "against_p_value", .type = FS_RT_NUMBER},
        [K_AGAINST_PADJ] = {.key = "against_p_adjusted", .type = FS_RT_NUMBER},
        [K_AGAINST_VERDICT] = {.key = "against_verdict",
                               .heading = "Against the rest",
                               .before = "  "},
        [K_LEVEL] = {.key = "level", .type = FS_RT_NUMBER, .csv_only = 1},
        [K_ADJUST] = {.key = "adjust", .csv_only = 1}};
    memcpy(cols, all, sizeof all);
}

/* A table being filled: column K of the full layout is column at[K] of
 * rt, or absent (SIZE_MAX: a proportion has no rate difference). */
typedef struct filling {
    fs_rtable_t *rt;
    size_t at[K_COLUMNS];
} filling_t;

static void put_number(const filling_t *f, size_t k, size_t key, double x)
{
    if (f->at[key] != SIZE_MAX)
        fs_rtable_number(f->rt, k, f->at[key], x);
}

static void put_text(const filling_t *f, size_t k, size_t key, const char *s)
{
    if (f->at[key] != SIZE_MAX)
        fs_rtable_text(f->rt, k, f->at[key], s);
}

/* A contrast's estimate, lower and upper from column key on: NaN for
 * what does not hold (change.h). */
static void contrast_cells(const filling_t *f, size_t k, size_t key, const fs_contrast_t *x)
{
    int all = x->defined == FS_DEFINED;
    put_number(f, k, key, all ? x->estimate : NAN);
    put_number(f, k, key + 1, x->defined != FS_NOT_DEFINED ? x->lower : NAN);
    put_number(f, k, key + 2, all ? x->upper : NAN);
}

/* One row of the table: a force's (against set) or England and Wales's. */
static void change_row(const filling_t *f, size_t k, const fs_changes_t *c,
                       const fs_change_row_t *r, const char *name, const char *code, int against)
{
    int defined = r->change.defined != FS_NOT_DEFINED;
    put_text(f, k, K_FORCE, name);
    put_text(f, k, K_CODE, code);
    put_number(f, k, K_NUM1, r->x.count1);
    put_number(f, k, K_DEN1, r->x.base1);
    put_number(f, k, K_VALUE1, r->value1);
    put_number(f, k, K_NUM2, r->x.count2);
    put_number(f, k, K_DEN2, r->x.base2);
    put_number(f, k, K_VALUE2, r->value2);
    contrast_cells(f, k, K_CHANGE, &r->change);
    put_number(f, k, K_P, defined ? r->change.p_value : NAN);
    put_number(f, k, K_PADJ, defined ? r->p_adjusted : NAN);
    put_text(f, k, K_VERDICT, fs_verdict_name(r->verdict));
    if (c->is_rate)
        contrast_cells(f, k, K_DIFF, &r->difference);
    if (against) {
        int a = r->against.defined != FS_NOT_DEFINED;
        contrast_cells(f, k, K_AGAINST, &r->against);
        put_number(f, k, K_AGAINST_P, a ? r->against.p_value : NAN);
        put_number(f, k, K_AGAINST_PADJ, a ? r->against_p_adjusted : NAN);
        put_text(f, k, K_AGAINST_VERDICT, against_name(r->against_verdict));
    }
    put_number(f, k, K_LEVEL, c->level);
    put_text(f, k, K_ADJUST, fs_adjust_name(c->adjust));
}

/* The forces' table, and with total the England and Wales row last.  A
 * proportion's table has no rate difference columns.  cols has room for
 * K_COLUMNS. */
static fs_status_t change_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_change_output_t *o,
                                int total, fs_error_t *err)
{
    const fs_changes_t *c = o->changes;
    fs_rcol_t all[K_COLUMNS];
    change_columns(all, c);
    filling_t f = {.rt = rt};
    size_t n = 0;
    for (size_t key = 0; key < K_COLUMNS; key++) {
        int absent = !c->is_rate && key >= K_DIFF && key <= K_DIFF_UPPER;
        f.at[key] = absent ? SIZE_MAX : n;
        if (!absent)
            cols[n++] = all[key];
    }
    fs_status_t st = fs_rtable_init(rt, cols, n, c->n + (total ? 1 : 0), err);
    if (st != FS_OK)
        return st;
    rt->csv_raw = o->csv_raw;
    const fs_measure_period_t *p = &o->measure->periods[c->period2];
    for (size_t k = 0; k < c->n; k++) {
        const fs_change_row_t *r = &c->rows[k];
        change_row(&f, k, c, r, fs_table_cell(p->table, r->row2, p->desc->force_column),
                   p->desc->units[r->row2].code, 1);
    }
    if (total)
        change_row(&f, c->n, c, &c->total, "England and Wales", "K04000001", 0);
    return FS_OK;
}

/* ---- Text ---- */

/* One number of a change's row as the text table shows it. */
static void human(fs_buf_t *out, double x, fs_rstyle_t style)
{
    fs_render_number(out, x, style, 4);
}

/* The two periods in words, as the charts and the report say them
 * ("the year ending March 2019", "2018/19 Q4"); CSV and JSON keep the
 * labels. */
typedef struct when {
    char from[256], to[256];
} when_t;

static void when_of(const fs_change_output_t *o, when_t *w)
{
    int ye = fs_chart_years_ending(o->measure, 0);
    const char *the = ye ? "the " : "";
    size_t n = strlen(the);
    snprintf(w->from, sizeof w->from, "%s", the);
    snprintf(w->to, sizeof w->to, "%s", the);
    fs_period_words(o->changes->label1, ye, w->from + n, sizeof w->from - n);
    fs_period_words(o->changes->label2, ye, w->to + n, sizeof w->to - n);
}

/* What the change is, how its intervals and tests are made, and the
 * adjustment, stated in every output (text: these lines). */
static void text_method(fs_buf_t *out, const fs_changes_t *c, const when_t *w)
{
    if (c->is_rate)
        fs_buf_printf(out,
                      "Change: the rate ratio, %s over %s (%g%% exact conditional intervals); the "
                      "rate difference per %g people is in the CSV and JSON\n"
                      "Against the rest: the force's rate ratio over England and Wales's without "
                      "the force (log scale)\n",
                      w->to, w->from, 100 * c->level, c->per);
    else
        fs_buf_printf(out,
                      "Change: the difference in proportion, %s minus %s, in percentage points "
                      "(%g%% Newcombe hybrid score intervals)\n"
                      "Against the rest: the force's change minus England and Wales's change "
                      "without the force (MOVER intervals)\n",
                      w->to, w->from, 100 * c->level);
    if (c->adjust == FS_ADJUST_NONE)
        fs_buf_printf(out, "p-values not adjusted for multiple comparisons (--adjust none; holm or "
                           "bh adjust across the forces)\n");
    else
        fs_buf_printf(out,
                      "p-values adjusted across the %zu forces by %s (--adjust %s); the intervals "
                      "are not adjusted\n",
                      c->n, c->adjust == FS_ADJUST_HOLM ? "Holm's method" : "Benjamini-Hochberg",
                      fs_adjust_name(c->adjust));
}

/* England and Wales's own change. */
static void text_total(fs_buf_t *out, const fs_changes_t *c, const when_t *w)
{
    fs_rstyle_t value = c->is_rate ? FS_RS_FIXED2 : FS_RS_SHARE;
    fs_rstyle_t change = c->is_rate ? FS_RS_DIGITS : FS_RS_POINTS;
    const fs_contrast_t *x = &c->total.change;
    fs_buf_printf(out, "England and Wales, pooled over the %zu forces: ", c->n);
    human(out, c->total.value1, value);
    fs_buf_printf(out, " in %s, ", w->from);
    human(out, c->total.value2, value);
    fs_buf_printf(out, " in %s; change ", w->to);
    if (x->defined == FS_DEFINED) {
        human(out, x->estimate, change);
        fs_buf_puts(out, " [");
        human(out, x->lower, change);
        fs_buf_puts(out, ", ");
        human(out, x->upper, change);
        fs_buf_puts(out, "], ");
    } else if (x->defined == FS_UNBOUNDED_ABOVE) {
        fs_buf_puts(out, "above ");
        human(out, x->lower, change);
        fs_buf_puts(out, ", ");
    }
    fs_buf_printf(out, "%s\n", fs_verdict_name(c->total.verdict));
}

/* A force's place in the text table: by change, largest first; those
 * without an estimate last; then file order. */
typedef struct place {
    int no_estimate;
    double estimate;
    size_t row, index;
} place_t;

static int by_change_desc(const void *pa, const void *pb)
{
    const place_t *a = pa, *b = pb;
    if (a->no_estimate != b->no_estimate)
        return a->no_estimate - b->no_estimate;
    if (!a->no_estimate && a->estimate != b->estimate)
        return a->estimate < b->estimate ? 1 : -1;
    return (a->row > b->row) - (a->row < b->row);
}

static void change_text(fs_buf_t *out, const fs_change_output_t *o)
{
    const fs_changes_t *c = o->changes;
    fs_rcol_t cols[K_COLUMNS];
    fs_rtable_t rt;
    fs_error_t err;
    size_t *order = malloc((c->n ? c->n : 1) * sizeof *order);
    place_t *places = malloc((c->n ? c->n : 1) * sizeof *places);
    if (order == NULL || places == NULL || change_table(&rt, cols, o, 0, &err) != FS_OK) {
        free(order);
        free(places);
        out->failed = 1;
        return;
    }
    when_t w;
    when_of(o, &w);
    fs_buf_printf(out, "%s: change from %s to %s by force\n", o->what, w.from, w.to);
    text_method(out, c, &w);
    text_total(out, c, &w);
    size_t counts[4] = {0};
    for (size_t k = 0; k < c->n; k++) {
        const fs_change_row_t *r = &c->rows[k];
        places[k] = (place_t){r->change.defined != FS_DEFINED, r->change.estimate, r->row2, k};
        counts[r->verdict]++;
    }
    qsort(places, c->n, sizeof *places, by_change_desc);
    for (size_t k = 0; k < c->n; k++)
        order[k] = places[k].index;
    fs_render_text(out, &rt, "  ", order);
    fs_rtable_free(&rt);
    free(places);
    free(order);
    fs_buf_printf(out,
                  "%zu significant increase%s, %zu no significant change, %zu significant "
                  "decrease%s, %zu not defined\n",
                  counts[FS_VERDICT_INCREASE], counts[FS_VERDICT_INCREASE] == 1 ? "" : "s",
                  counts[FS_VERDICT_NO_CHANGE], counts[FS_VERDICT_DECREASE],
                  counts[FS_VERDICT_DECREASE] == 1 ? "" : "s", counts[FS_VERDICT_NOT_DEFINED]);
}

/* ---- JSON ---- */

enum {
    J_SCHEMA,
    J_MEASURE,
    J_FROM,
    J_TO,
    J_CHANGE,
    J_METHOD,
    J_AGAINST,
    J_PER,
    J_LEVEL,
    J_ADJUST,
    J_N,
    J_TOTAL,
    J_FORCES,
    J_FIELDS
};
FS_DOC_FITS(change_fields, J_FIELDS);
static const fs_dfield_t change_fields[J_FIELDS] = {
    [J_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [J_MEASURE] = {"measure", FS_DT_TEXT, 1, 0},
    [J_FROM] = {"from", FS_DT_TEXT, 1, 0},
    [J_TO] = {"to", FS_DT_TEXT, 0, 0},
    [J_CHANGE] = {"change", FS_DT_TEXT, 1, 0},
    [J_METHOD] = {"method", FS_DT_TEXT, 0, 0},
    [J_AGAINST] = {"against_rest", FS_DT_TEXT, 1, 0},
    [J_PER] = {"per", FS_DT_NUMBER, 1, 0},
    [J_LEVEL] = {"level", FS_DT_NUMBER, 0, 0},
    [J_ADJUST] = {"adjust", FS_DT_TEXT, 0, 0},
    [J_N] = {"n", FS_DT_INTEGER, 1, 0},
    [J_TOTAL] = {"england_and_wales", FS_DT_OBJECT, 1, 0},
    [J_FORCES] = {"forces", FS_DT_ROWS, 1, 0}};

/* England and Wales's change: the row's fields up to the verdict, and a
 * rate's difference. */
enum {
    T_NUM1,
    T_DEN1,
    T_VALUE1,
    T_NUM2,
    T_DEN2,
    T_VALUE2,
    T_CHANGE,
    T_LOWER,
    T_UPPER,
    T_P,
    T_VERDICT,
    T_DIFF,
    T_DIFF_LOWER,
    T_DIFF_UPPER,
    T_FIELDS
};
FS_DOC_FITS(total_fields, T_FIELDS);

/* The England and Wales document: its keys are the table's (fields has
 * room for T_FIELDS), its values the total's. */
static void total_doc(fs_doc_t *doc, fs_dfield_t *fields, const fs_rcol_t *all,
                      const fs_changes_t *c)
{
    static const size_t key[T_FIELDS] = {K_NUM1,    K_DEN1,   K_VALUE1,     K_NUM2,      K_DEN2,
                                         K_VALUE2,  K_CHANGE, K_LOWER,      K_UPPER,     K_P,
                                         K_VERDICT, K_DIFF,   K_DIFF_LOWER, K_DIFF_UPPER};
    for (size_t j = 0; j < T_FIELDS; j++)
        fields[j] = (fs_dfield_t){all[key[j]].key, j == T_VERDICT ? FS_DT_TEXT : FS_DT_NUMBER,
                                  j == T_NUM1 || j == T_NUM2 || j == T_CHANGE || j == T_DIFF, 0};
    fs_doc_init(doc, fields, c->is_rate ? T_FIELDS : T_DIFF);
    const fs_change_row_t *r = &c->total;
    const fs_contrast_t *x = &r->change;
    double values[] = {r->x.count1, r->x.base1, r->value1, r->x.count2, r->x.base2, r->value2};
    for (size_t j = 0; j < 6; j++)
        fs_doc_number(doc, T_NUM1 + j, values[j]);
    fs_doc_number(doc, T_CHANGE, x->defined == FS_DEFINED ? x->estimate : NAN);
    fs_doc_number(doc, T_LOWER, x->defined != FS_NOT_DEFINED ? x->lower : NAN);
    fs_doc_number(doc, T_UPPER, x->defined == FS_DEFINED ? x->upper : NAN);
    fs_doc_number(doc, T_P, x->defined != FS_NOT_DEFINED ? x->p_value : NAN);
    fs_doc_text(doc, T_VERDICT, fs_verdict_name(r->verdict));
    const fs_contrast_t *d = &r->difference;
    fs_doc_number(doc, T_DIFF, d->defined == FS_DEFINED ? d->estimate : NAN);
    fs_doc_number(doc, T_DIFF_LOWER, d->defined == FS_DEFINED ? d->lower : NAN);
    fs_doc_number(doc, T_DIFF_UPPER, d->defined == FS_DEFINED ? d->upper : NAN);
}

static void change_json(fs_buf_t *out, const fs_change_output_t *o)
{
    const fs_changes_t *c = o->changes;
    fs_rcol_t cols[K_COLUMNS], all[K_COLUMNS];
    fs_dfield_t fields[T_FIELDS];
    fs_rtable_t rt;
    fs_error_t err;
    if (change_table(&rt, cols, o, 0, &err) != FS_OK) {
        out->failed = 1;
        return;
    }
    change_columns(all, c);
    fs_doc_t doc, total;
    total_doc(&total, fields, all, c);
    fs_doc_init(&doc, change_fields, J_FIELDS);
    fs_doc_integer(&doc, J_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_text(&doc, J_MEASURE, o->what);
    fs_doc_text(&doc, J_FROM, c->label1);
    fs_doc_text(&doc, J_TO, c->label2);
    fs_doc_text(&doc, J_CHANGE, c->is_rate ? "rate ratio" : "difference");
    fs_doc_text(&doc, J_METHOD, c->is_rate ? "exact conditional" : "newcombe");
    fs_doc_text(&doc, J_AGAINST, c->is_rate ? "ratio of rate ratios" : "difference of differences");
    if (c->is_rate)
        fs_doc_number(&doc, J_PER, c->per);
    fs_doc_number(&doc, J_LEVEL, c->level);
    fs_doc_text(&doc, J_ADJUST, fs_adjust_name(c->adjust));
    fs_doc_integer(&doc, J_N, (long long)c->n);
    fs_doc_object(&doc, J_TOTAL, &total);
    fs_doc_rows(&doc, J_FORCES, &rt);
    fs_render_json_doc(out, &doc, 0);
    fs_buf_putc(out, '\n');
    fs_rtable_free(&rt);
}

void fs_change_write(fs_buf_t *out, fs_output_format_t format, const fs_change_output_t *o)
{
    if (format == FS_FORMAT_JSON) {
        change_json(out, o);
    } else if (format == FS_FORMAT_CSV) {
        fs_rcol_t cols[K_COLUMNS];
        fs_rtable_t rt;
        fs_error_t err;
        if (change_table(&rt, cols, o, 1, &err) != FS_OK) {
            out->failed = 1;
            return;
        }
        fs_render_csv_header(out, &rt);
        fs_render_csv_rows(out, &rt);
        fs_rtable_free(&rt);
    } else {
        change_text(out, o);
    }
}

/* ---- The report's sentence ---- */

void fs_change_sentence(fs_buf_t *out, const fs_changes_t *c, const fs_change_row_t *r,
                        const char *name, const char *when1, const char *when2)
{
    fs_rstyle_t value = c->is_rate ? FS_RS_FIXED2 : FS_RS_SHARE;
    fs_buf_printf(out, "%s: from ", name);
    human(out, r->value1, value);
    fs_buf_printf(out, " (%s) to ", when1);
    human(out, r->value2, value);
    fs_buf_printf(out, " (%s), ", when2);
    switch (r->verdict) {
    case FS_VERDICT_INCREASE: fs_buf_puts(out, "a significant increase"); break;
    case FS_VERDICT_DECREASE: fs_buf_puts(out, "a significant decrease"); break;
    case FS_VERDICT_NO_CHANGE: fs_buf_puts(out, "no significant change"); break;
    default: fs_buf_puts(out, "a change that is not defined"); break;
    }
    fs_buf_printf(out, " (%g%% interval%s).", 100 * c->level,
                  c->adjust == FS_ADJUST_NONE ? ", not adjusted for multiple comparisons"
                                              : ", adjusted for multiple comparisons");
}

void fs_change_words(fs_buf_t *out, const fs_changes_t *c, const fs_change_row_t *r, int decimals)
{
    const fs_contrast_t *x = &r->change;
    if (x->defined == FS_DEFINED) {
        if (c->is_rate) {
            fs_buf_puts(out, "rate ratio ");
            fs_render_number(out, x->estimate, FS_RS_DIGITS, 3);
            fs_buf_puts(out, ", ");
        } else {
            fs_render_fixed(out, 100.0 * x->estimate, FS_RS_SIGNED, decimals);
            fs_buf_puts(out, " percentage points, ");
        }
    }
    fs_buf_puts(out, fs_verdict_name(r->verdict));
}
