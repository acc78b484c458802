/* SPDX-License-Identifier: GPL-3.0-or-later */
/* measure.c: one measure, computed once (see measure.h). */
#include "forcestat/measure.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/registry.h"
#include "../io/status_internal.h"
#include "columns.h"
#include "groups_compare.h"

static atomic_ulong computations;

unsigned long fs_measure_computations(void)
{
    return atomic_load(&computations);
}

void fs_measure_spec_init(fs_measure_spec_t *s)
{
    memset(s, 0, sizeof *s);
    s->kind = FS_MEASURE_VALUE;
    s->want = FS_WANT_BAND;
    s->per = 1000;
    s->method = FS_CI_DEFAULT_METHOD;
    s->level = FS_CI_DEFAULT_LEVEL;
    fs_band_options_init(&s->band);
    fs_funnel_options_init(&s->funnel);
    fs_spc_options_init(&s->spc);
    s->trend_force = -1;
    s->value_index = SIZE_MAX;
}

static void trend_free(fs_measure_trend_t *tr)
{
    for (size_t k = 0; tr->periods != NULL && k < tr->nperiods; k++)
        free(tr->periods[k]);
    free(tr->periods);
    free(tr->force_value); /* the six series share one block */
    memset(tr, 0, sizeof *tr);
}

void fs_measure_free(fs_measure_t *m)
{
    if (m == NULL)
        return;
    if (m->view_) {
        memset(m, 0, sizeof *m);
        return;
    }
    fs_measure_groups_free(m);
    fs_outliers_free(&m->band);
    fs_comparison_free(&m->comparison);
    free(m->funnel.rows);
    free(m->funnel.num);
    free(m->funnel.den);
    free(m->funnel.group_target);
    trend_free(&m->trend);
    fs_spc_free(&m->spc);
    for (size_t k = 0; m->periods != NULL && k < m->nperiods; k++) {
        fs_measure_period_t *p = &m->periods[k];
        free(p->label);
        fs_comparison_free(&p->comparison);
        fs_description_free(p->desc);
        fs_table_free(p->table);
        free(p->population);
    }
    free(m->periods);
    for (size_t f = 0; m->series != NULL && f < FS_FORCE_COUNT; f++) {
        trend_free(&m->series[f].trend);
        fs_spc_free(&m->series[f].spc);
    }
    free(m->series);
    if (m->owns_desc_)
        fs_description_free(m->desc);
    fs_table_free(m->owns_table_);
    memset(m, 0, sizeof *m);
}

void fs_measure_for_force(const fs_measure_t *m, int force, fs_measure_t *view)
{
    *view = *m;
    view->view_ = 1;
    view->owns_desc_ = 0;
    view->owns_table_ = NULL;
    view->have &= ~(FS_WANT_TREND | FS_WANT_SPC);
    memset(&view->trend, 0, sizeof view->trend);
    memset(&view->spc, 0, sizeof view->spc);
    view->spc_skipped[0] = '\0';
    if (m->series == NULL || force < 0 || force >= FS_FORCE_COUNT)
        return;
    const fs_measure_series_t *se = &m->series[force];
    view->trend = se->trend;
    view->spc = se->spc;
    view->have |= se->have;
    memcpy(view->spc_skipped, se->spc_skipped, sizeof view->spc_skipped);
}

/* The period columns named in list ("a,b"), at most
 * FS_MEASURE_MAX_PERIOD_COLUMNS. */
static fs_status_t period_columns(const fs_table_t *t, const char *list, size_t *cols, size_t *n,
                                  fs_error_t *err)
{
    *n = 0;
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (*n == FS_MEASURE_MAX_PERIOD_COLUMNS)
            return fs_error_set(err, FS_EINVAL, "a period is one to %d columns",
                                FS_MEASURE_MAX_PERIOD_COLUMNS);
        char name[512];
        snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), p);
        fs_status_t st = fs_table_find_column(t, name, &cols[*n], err);
        if (st != FS_OK)
            return st;
        (*n)++;
        if (comma == NULL)
            return FS_OK;
        p = comma + 1;
    }
}

/* Row i's period label: its period columns joined by spaces. */
static char *period_label(const fs_table_t *t, size_t i, const size_t *cols, size_t n)
{
    size_t len = 1;
    for (size_t k = 0; k < n; k++)
        len += strlen(fs_table_cell(t, i, cols[k])) + 1;
    char *s = malloc(len);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        if (k)
            strcat(s, " ");
        strcat(s, fs_table_cell(t, i, cols[k]));
    }
    return s;
}

/* The rows of the last period to appear (the period of the last row: in
 * tables sorted by period, the latest), in file order: each of their
 * period columns matches the last row's as fs_table_filter matches.  Its
 * label, the last row's period columns joined by spaces, goes into label
 * (when not NULL).  *rows is freed by the caller. */
static fs_status_t last_period_rows(const fs_table_t *t, const size_t *cols, size_t n,
                                    size_t **rows, size_t *nrows, char *label, size_t size,
                                    fs_error_t *err)
{
    *nrows = 0;
    if (label != NULL)
        label[0] = '\0';
    *rows = malloc((t->nrows ? t->nrows : 1) * sizeof **rows);
    if (*rows == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    if (t->nrows == 0)
        return FS_OK;
    size_t last = t->nrows - 1;
    for (size_t k = 0; k < n && label != NULL; k++)
        snprintf(label + strlen(label), size - strlen(label), "%s%s", k ? " " : "",
                 fs_table_cell(t, last, cols[k]));
    for (size_t i = 0; i < t->nrows; i++) {
        int keep = 1;
        for (size_t k = 0; k < n && keep; k++) {
            const char *vals[1] = {fs_table_cell(t, last, cols[k])};
            fs_match_t m = {t->columns[cols[k]], vals, 1};
            const char *cell = fs_table_cell(t, i, cols[k]);
            keep = fs_match_field(&m, cell, strlen(cell));
        }
        if (keep)
            (*rows)[(*nrows)++] = i;
    }
    return FS_OK;
}

/* Whether row i is the trend's comparison row. */
static int is_compare_row(const fs_table_t *t, const fs_description_t *d, size_t i,
                          const char *name, const fs_unit_t *unit)
{
    const fs_unit_t *u = &d->units[i];
    if (name == NULL)
        return u->kind == FS_UNIT_NATIONAL;
    return u->kind == unit->kind && u->force == unit->force &&
           (unit->kind != FS_UNIT_UNKNOWN || strcmp(fs_table_cell(t, i, d->force_column), name) == 0);
}

/* A copy of the comparison and the periods of trend from into each
 * series of m flagged in each (the force series are their own). */
static fs_status_t share_comparison(const fs_measure_trend_t *from, const unsigned char *each,
                                    fs_measure_t *m, fs_error_t *err)
{
    size_t np = from->nperiods;
    for (size_t f = 0; each != NULL && f < FS_FORCE_COUNT; f++) {
        if (!each[f])
            continue;
        fs_measure_trend_t *tr = &m->series[f].trend;
        if ((tr->periods = calloc(np ? np : 1, sizeof *tr->periods)) == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        tr->nperiods = np;
        for (size_t k = 0; k < np; k++) {
            if ((tr->periods[k] = strdup(from->periods[k])) == NULL)
                return fs_error_set(err, FS_ENOMEM, "out of memory");
        }
        memcpy(tr->compare_value, from->compare_value, 3 * np * sizeof *tr->compare_value);
        tr->intervals = from->intervals;
        tr->per = from->per;
        tr->pooled = from->pooled;
        memcpy(tr->compare_name, from->compare_name, sizeof tr->compare_name);
    }
    return FS_OK;
}

/* The six series of a trend over np periods in one block, all gaps. */
static fs_status_t trend_block(fs_measure_trend_t *tr, size_t np, fs_error_t *err)
{
    double *block = malloc(6 * (np ? np : 1) * sizeof *block);
    if (block == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    tr->force_value = block;
    tr->force_lower = block + np;
    tr->force_upper = block + 2 * np;
    tr->compare_value = block + 3 * np;
    tr->compare_lower = block + 4 * np;
    tr->compare_upper = block + 5 * np;
    for (size_t k = 0; k < 6 * np; k++)
        block[k] = NAN;
    return FS_OK;
}

/* The distinct periods of t in file order into tr->periods, each row's
 * label into row_period and its period's index into period_of; a long
 * table's rows come in runs of one period, so the last period found is
 * checked first. */
static fs_status_t trend_periods(const fs_table_t *t, const size_t *pcols, size_t npcols,
                                 fs_measure_trend_t *tr, char **row_period, size_t *period_of,
                                 fs_error_t *err)
{
    for (size_t i = 0; i < t->nrows; i++) {
        row_period[i] = period_label(t, i, pcols, npcols);
        if (row_period[i] == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        size_t k = tr->nperiods;
        if (k > 0 && strcmp(tr->periods[k - 1], row_period[i]) == 0) {
            period_of[i] = k - 1;
            continue;
        }
        for (k = 0; k < tr->nperiods && strcmp(tr->periods[k], row_period[i]) != 0; k++)
            ;
        if (k == tr->nperiods && (tr->periods[tr->nperiods++] = strdup(row_period[i])) == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        period_of[i] = k;
    }
    return FS_OK;
}

/* England and Wales pooled over the forces in each of the np periods: the
 * sums of their numerators (counts) and denominators (populations). */
static void trend_pool(fs_measure_trend_t *tr, const fs_measure_spec_t *s, const double *pool_n,
                       const double *pool_d, size_t np)
{
    int rate = s->kind == FS_MEASURE_RATE;
    tr->pooled = 1;
    for (size_t k = 0; k < np; k++) {
        fs_interval_t ci;
        if (pool_d[k] > 0 &&
            (rate ? fs_rate_ci(pool_n[k], pool_d[k], s->per, s->level, &ci, NULL)
                  : fs_proportion_ci(pool_n[k], pool_d[k], s->method, s->level, 0, &ci, NULL)) ==
                FS_OK) {
            tr->compare_value[k] = ci.estimate;
            tr->compare_lower[k] = ci.lower;
            tr->compare_upper[k] = ci.upper;
        }
    }
}

/* The working state of one trend: each row's value (numerator, count)
 * and denominator (population), its period label and index, and each
 * period's sums over the forces for England and Wales pooled. */
struct trend_work {
    size_t n, ncol;
    char **row_period;
    size_t *period_of;
    double *num, *den;
    double *pool_n, *pool_d;
};

static void trend_work_free(struct trend_work *w)
{
    for (size_t i = 0; w->row_period != NULL && i < w->n; i++)
        free(w->row_period[i]);
    free(w->row_period);
    free(w->period_of);
    free(w->num);
    free(w->den);
    free(w->pool_n);
    free(w->pool_d);
}

/* The trend's first step, collect: its columns (into m) and each row's
 * numbers (the population given in s instead of a column, for rates);
 * tr->periods gets room for a period a row. */
static fs_status_t trend_collect(const fs_table_t *t, const fs_description_t *d,
                                 const fs_measure_spec_t *s, struct trend_work *w,
                                 fs_measure_t *m, fs_error_t *err)
{
    int rate = s->kind == FS_MEASURE_RATE;
    int ratio = s->kind == FS_MEASURE_PROPORTION || rate;
    size_t vcol = 0, ncol = 0, dcol = 0;
    int pop_given = rate && s->population != NULL;
    fs_status_t st = ratio ? fs_table_find_column(t, s->numerator, &ncol, err)
                           : fs_table_find_column(t, s->value, &vcol, err);
    if (st == FS_OK && ratio && !pop_given)
        st = fs_table_find_column(t, s->denominator, &dcol, err);
    if (st != FS_OK)
        return st;
    m->value_col = vcol;
    m->num_col = ncol;
    m->den_col = dcol;
    size_t n = w->n = t->nrows;
    w->ncol = ncol;
    w->row_period = calloc(n ? n : 1, sizeof *w->row_period);
    w->period_of = calloc(n ? n : 1, sizeof *w->period_of);
    w->num = malloc((n ? n : 1) * sizeof *w->num);
    w->den = malloc((n ? n : 1) * sizeof *w->den);
    m->trend.periods = calloc(n ? n : 1, sizeof *m->trend.periods);
    if (w->row_period == NULL || w->period_of == NULL || w->num == NULL || w->den == NULL ||
        m->trend.periods == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    if ((st = fs_measure_column(t, d, ratio ? ncol : vcol, w->num, err)) != FS_OK ||
        (ratio && !pop_given && (st = fs_measure_column(t, d, dcol, w->den, err)) != FS_OK))
        return st;
    if (pop_given)
        memcpy(w->den, s->population, n * sizeof *w->den);
    return FS_OK;
}

/* The series of the trend and of each force flagged in each, all gaps,
 * and the pooled sums, zero, over its periods. */
static fs_status_t trend_series_alloc(const unsigned char *each, struct trend_work *w,
                                      fs_measure_t *m, fs_error_t *err)
{
    size_t np = m->trend.nperiods;
    fs_status_t st = trend_block(&m->trend, np, err);
    for (size_t f = 0; st == FS_OK && each != NULL && f < FS_FORCE_COUNT; f++) {
        if (each[f])
            st = trend_block(&m->series[f].trend, np, err);
    }
    if (st != FS_OK)
        return st;
    w->pool_n = calloc(np ? np : 1, sizeof *w->pool_n);
    w->pool_d = calloc(np ? np : 1, sizeof *w->pool_d);
    if (w->pool_n == NULL || w->pool_d == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    return FS_OK;
}

/* Row i's figure: its value, or its proportion (rate) with the interval;
 * *gap is set when a proportion or rate lacks a number.  An interval
 * refused names the row's numerator (count) cell. */
static fs_status_t trend_row_figure(const fs_table_t *t, const fs_measure_spec_t *s,
                                    const struct trend_work *w, size_t i, fs_interval_t *ci,
                                    int *gap, fs_error_t *err)
{
    int rate = s->kind == FS_MEASURE_RATE;
    int ratio = s->kind == FS_MEASURE_PROPORTION || rate;
    const double *num = w->num, *den = w->den;
    *gap = 0;
    if (!ratio) {
        ci->estimate = num[i];
        return FS_OK;
    }
    if (isnan(num[i]) || isnan(den[i])) {
        *gap = 1;
        return FS_OK;
    }
    fs_status_t st = rate ? fs_rate_ci(num[i], den[i], s->per, s->level, ci, err)
                          : fs_proportion_ci(num[i], den[i], s->method, s->level, 0, ci, err);
    if (st != FS_OK && err != NULL) {
        const char *text = fs_table_cell(t, i, w->ncol);
        fs_error_at(err, t->name, t->lines[i], (long)w->ncol + 1, text, strlen(text));
        err->index = i;
        fs_error_reword(err, st, 0, "column '%s': ", t->columns[w->ncol]);
    }
    return st;
}

/* Puts a figure into period k of a trend's force series, or of its
 * comparison's. */
static void trend_put(fs_measure_trend_t *tr, int compare, size_t k, const fs_interval_t *ci)
{
    (compare ? tr->compare_value : tr->force_value)[k] = ci->estimate;
    (compare ? tr->compare_lower : tr->force_lower)[k] = ci->lower;
    (compare ? tr->compare_upper : tr->force_upper)[k] = ci->upper;
}

/* The trend's fill step: each row's figure into the series it belongs
 * to (the force's, the comparison's, a flagged force's own), and each
 * force's numbers into its period's pooled sums.  *have_compare_rows is
 * set when a comparison row was found. */
static fs_status_t trend_fill(const fs_table_t *t, const fs_description_t *d,
                              const fs_measure_spec_t *s, const unsigned char *each,
                              struct trend_work *w, fs_measure_t *m, int *have_compare_rows,
                              fs_error_t *err)
{
    fs_measure_trend_t *tr = &m->trend;
    int ratio = s->kind == FS_MEASURE_PROPORTION || s->kind == FS_MEASURE_RATE;
    int only = s->trend_force == FS_TREND_ONLY_SERIES;
    size_t np = tr->nperiods;
    const double *num = w->num, *den = w->den;
    double *pool_n = w->pool_n, *pool_d = w->pool_d;
    fs_unit_t unit = {FS_UNIT_NATIONAL, -1, NULL, NULL};
    if (s->compare != NULL)
        unit = fs_registry_match(s->compare, strlen(s->compare));
    fs_status_t st = FS_OK;
    unsigned char *seen = only ? calloc(np ? np : 1, 1) : NULL;
    if (only && seen == NULL)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < w->n && st == FS_OK; i++) {
        size_t k = w->period_of[i];
        const fs_unit_t *u = &d->units[i];
        int is_force = only || (u->kind == FS_UNIT_FORCE && u->force == s->trend_force);
        int is_cmp = !only && !is_force && is_compare_row(t, d, i, s->compare, &unit);
        /* A force flagged: its own series. */
        fs_measure_trend_t *own = each != NULL && u->kind == FS_UNIT_FORCE && u->force >= 0 &&
                                          u->force < FS_FORCE_COUNT && each[u->force]
                                      ? &m->series[u->force].trend
                                      : NULL;
        if (only && seen[k]++) {
            fs_error_at(err, t->name, t->lines[i], 0, NULL, 0);
            st = fs_error_raise(err, FS_EDOM, FS_REASON_DUPLICATE_PERIOD, i,
                                "period '%s' appears twice: the table holds more than one series, "
                                "so a force must be chosen",
                                tr->periods[k]);
            break;
        }
        if (ratio && u->kind == FS_UNIT_FORCE && !isnan(num[i]) && !isnan(den[i])) {
            pool_n[k] += num[i];
            pool_d[k] += den[i];
        }
        if (!is_force && !is_cmp && own == NULL)
            continue;
        *have_compare_rows |= is_cmp;
        fs_interval_t ci = {NAN, NAN, NAN, NAN};
        int gap = 0;
        if ((st = trend_row_figure(t, s, w, i, &ci, &gap, err)) != FS_OK || gap)
            continue; /* an error ends the loop; a gap stays NaN */
        if (is_force || is_cmp)
            trend_put(tr, is_cmp, k, &ci);
        if (own != NULL)
            trend_put(own, 0, k, &ci);
    }
    free(seen);
    return st;
}

/* The trend's compare step: without comparison rows, a proportion's or
 * rate's England and Wales pooled over the forces; a trend asked for
 * with no comparison at all is an error. */
static fs_status_t trend_compare(const fs_table_t *t, const fs_measure_spec_t *s,
                                 const struct trend_work *w, int have_compare_rows,
                                 fs_measure_trend_t *tr, fs_error_t *err)
{
    int ratio = s->kind == FS_MEASURE_PROPORTION || s->kind == FS_MEASURE_RATE;
    int only = s->trend_force == FS_TREND_ONLY_SERIES;
    if (ratio && !only && s->compare == NULL && !have_compare_rows)
        trend_pool(tr, s, w->pool_n, w->pool_d, tr->nperiods);
    if (!only && (s->want & FS_WANT_TREND) && !have_compare_rows && !tr->pooled) {
        fs_error_at(err, t->name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EDOM, "no rows for %s; give --compare NAME",
                            s->compare ? s->compare : "England and Wales");
    }
    return FS_OK;
}

/* The trend: the force's figure in each period, and the comparison's
 * (its rows, or for proportions without such rows England and Wales
 * pooled over the forces).  In the same pass, each force flagged in each
 * (NULL: none) gets its own figures into m->series, and a copy of the
 * comparison; without trend_force (-1) m->trend is then emptied.  The
 * steps: collect the numbers, the periods, the series, fill them,
 * compare, name the comparison and share it. */
static fs_status_t compute_trend(const fs_table_t *t, const fs_description_t *d,
                                 const fs_measure_spec_t *s, const size_t *pcols, size_t npcols,
                                 const unsigned char *each, fs_measure_t *m, fs_error_t *err)
{
    fs_measure_trend_t *tr = &m->trend;
    int rate = s->kind == FS_MEASURE_RATE;
    int ratio = s->kind == FS_MEASURE_PROPORTION || rate;
    int only = s->trend_force == FS_TREND_ONLY_SERIES;
    int none = s->trend_force == -1 && s->trend_forces != NULL; /* only the forces flagged */
    if (!only && !none && (s->trend_force < 0 || s->trend_force >= FS_FORCE_COUNT))
        return fs_error_set(err, FS_EINVAL, "a trend needs the force it is about");
    struct trend_work w = {0};
    fs_status_t st = trend_collect(t, d, s, &w, m, err);
    if (st == FS_OK)
        st = trend_periods(t, pcols, npcols, tr, w.row_period, w.period_of, err);
    if (st == FS_OK)
        st = trend_series_alloc(each, &w, m, err);
    if (st != FS_OK) {
        trend_work_free(&w);
        return st;
    }
    tr->intervals = ratio;
    tr->per = rate ? s->per : 0;
    int have_compare_rows = 0;
    st = trend_fill(t, d, s, each, &w, m, &have_compare_rows, err);
    if (st == FS_OK)
        st = trend_compare(t, s, &w, have_compare_rows, tr, err);
    snprintf(tr->compare_name, sizeof tr->compare_name, "%s",
             only        ? ""
             : s->compare ? s->compare
                          : (tr->pooled ? "England and Wales (pooled)" : "England and Wales"));
    if (st == FS_OK)
        st = share_comparison(tr, each, m, err);
    if (none)
        trend_free(tr);
    trend_work_free(&w);
    return st;
}

/* The numerator and the denominator of the comparison and the funnel as
 * numbers, each column parsed once for both (the population given in s
 * is the denominator of a rate). */
struct ratio_columns {
    double *num, *den;
    int have_num, have_den;
};

static fs_status_t column_once(const fs_table_t *t, const fs_description_t *d, size_t col,
                               double **values, int *have, fs_error_t *err)
{
    if (*have)
        return FS_OK;
    if (*values == NULL && (*values = malloc((t->nrows ? t->nrows : 1) * sizeof **values)) == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_status_t st = fs_measure_column(t, d, col, *values, err);
    *have = st == FS_OK;
    return st;
}

/* Both columns, the numerator's first. */
static fs_status_t ratio_columns(const fs_table_t *t, const fs_description_t *d,
                                 const fs_measure_spec_t *s, size_t ncol, size_t dcol,
                                 struct ratio_columns *rc, fs_error_t *err)
{
    fs_status_t st = column_once(t, d, ncol, &rc->num, &rc->have_num, err);
    if (st != FS_OK || rc->have_den)
        return st;
    if (s->population != NULL && s->kind == FS_MEASURE_RATE) {
        if ((rc->den = malloc((t->nrows ? t->nrows : 1) * sizeof *rc->den)) == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        memcpy(rc->den, s->population, t->nrows * sizeof *rc->den);
        rc->have_den = 1;
        return FS_OK;
    }
    return column_once(t, d, dcol, &rc->den, &rc->have_den, err);
}

/* The funnel over the rows compared. */
static fs_status_t compute_funnel(const fs_table_t *t, const fs_description_t *d,
                                  const fs_measure_spec_t *s, size_t ncol, size_t dcol,
                                  struct ratio_columns *rc, fs_measure_funnel_t *f,
                                  fs_error_t *err)
{
    fs_status_t st = fs_description_check_unique(t, d, err);
    if (st != FS_OK || (st = ratio_columns(t, d, s, ncol, dcol, rc, err)) != FS_OK)
        return st;
    size_t n = t->nrows ? t->nrows : 1;
    f->rows = malloc(n * sizeof *f->rows);
    f->num = malloc(n * sizeof *f->num);
    f->den = malloc(n * sizeof *f->den);
    if (f->rows == NULL || f->num == NULL || f->den == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < t->nrows; i++) {
        if (!fs_description_selects(d, i))
            continue;
        f->rows[f->n] = i;
        f->num[f->n] = rc->num[i];
        f->den[f->n] = rc->den[i];
        f->n++;
    }
    st = fs_funnel_fit(f->num, f->den, f->n, &s->funnel, &f->fit, err);
    if (st != FS_OK) {
        /* Name the cell of the unit at fault (err->index, whose message
         * begins "unit N: "): the denominator's when it is the one at
         * fault (not > 0, not finite, or not whole for a proportion), else
         * the numerator's. */
        size_t unit = err != NULL ? err->index : FS_ERROR_NO_INDEX;
        if (unit < f->n) {
            size_t i = f->rows[unit];
            double dv = f->den[unit];
            int den_bad = !(dv > 0) || !isfinite(dv) ||
                          (s->funnel.type == FS_FUNNEL_PROPORTION && floor(dv) != dv);
            int has_den_col = !(s->population != NULL && s->kind == FS_MEASURE_RATE);
            size_t col = den_bad && has_den_col ? dcol : ncol;
            int locator = snprintf(NULL, 0, "unit %zu: ", unit + 1);
            const char *text = fs_table_cell(t, i, col);
            fs_error_at(err, t->name, t->lines[i], (long)col + 1, text, strlen(text));
            err->index = i;
            st = fs_error_reword(err, st, locator > 0 ? (size_t)locator : 0, "column '%s': ",
                                 t->columns[col]);
        } else {
            fs_error_at(err, t->name, 0, 0, NULL, 0);
        }
        return st;
    }
    if (s->groups != NULL) {
        f->group_target = malloc((f->n ? f->n : 1) * sizeof *f->group_target);
        st = f->group_target == NULL
                 ? fs_error_set(err, FS_ENOMEM, "out of memory")
                 : fs_groups_pooled_targets(s->groups, d, f->rows, f->num, f->den, f->n,
                                            f->fit.opt.type == FS_FUNNEL_RATE ? f->fit.opt.per : 1,
                                            f->group_target, err);
    }
    return st;
}

/* The comparison with England and Wales: proportions or rates, over the
 * columns parsed once (a rate's population column before its check of
 * the level, as fs_compare_rates's callers parsed it). */
static fs_status_t compute_comparison(const fs_table_t *t, const fs_description_t *d,
                                      const fs_measure_spec_t *s, size_t ncol, size_t dcol,
                                      struct ratio_columns *rc, fs_comparison_t *c,
                                      fs_error_t *err)
{
    int rate = s->kind != FS_MEASURE_PROPORTION;
    fs_status_t st = FS_OK;
    if (rate && s->population == NULL)
        st = column_once(t, d, dcol, &rc->den, &rc->have_den, err);
    fs_interval_t probe;
    if (st == FS_OK)
        st = rate ? fs_rate_ci(0, 1, s->per, s->level, &probe, err)
                  : fs_proportion_ci(0, 1, s->method, s->level, 0, &probe, err);
    if (st != FS_OK || (st = ratio_columns(t, d, s, ncol, dcol, rc, err)) != FS_OK)
        return st;
    st = rate ? fs_compare_rates_values(d, rc->num, rc->den, s->per, s->level, c, err)
              : fs_compare_proportions_values(d, rc->num, rc->den, s->method, s->level, c, err);
    return st == FS_OK ? st : fs_measure_locate(t, d, ncol, rate ? SIZE_MAX : dcol, st, err);
}

/* The XmR chart of the trend's force series: every period must have a
 * value, and each rebase must name one of the periods. */
/* Names the cell of the point an SPC error is about (err->index, the
 * period of the series): its file, line and column, the value's column
 * (the numerator's for a ratio). */
static void locate_point(const fs_table_t *t, const fs_measure_spec_t *s, const fs_measure_t *m,
                         const fs_measure_trend_t *tr, int force, const size_t *pcols,
                         size_t npcols, fs_error_t *err)
{
    if (err == NULL || err->index >= tr->nperiods)
        return;
    const char *period = tr->periods[err->index];
    int only = force == FS_TREND_ONLY_SERIES;
    int ratio = s->kind == FS_MEASURE_PROPORTION || s->kind == FS_MEASURE_RATE;
    size_t col = ratio ? m->num_col : m->value_col;
    for (size_t i = 0; i < t->nrows; i++) {
        const fs_unit_t *u = &m->desc->units[i];
        if (!only && !(u->kind == FS_UNIT_FORCE && u->force == force))
            continue;
        char *label = period_label(t, i, pcols, npcols);
        int same = label != NULL && strcmp(label, period) == 0;
        free(label);
        if (!same)
            continue;
        const char *text = fs_table_cell(t, i, col);
        fs_error_at(err, t->name, t->lines[i], (long)col + 1, text, strlen(text));
        err->index = i;
        fs_error_reword(err, err->status, 0, "column '%s': ", t->columns[col]);
        return;
    }
}

static fs_status_t compute_spc(const fs_table_t *t, const fs_measure_spec_t *s,
                               const fs_measure_trend_t *tr, fs_spc_t *out, fs_error_t *err)
{
    for (size_t k = 0; k < tr->nperiods; k++) {
        if (isnan(tr->force_value[k])) {
            fs_error_at(err, t->name, 0, 0, NULL, 0);
            return fs_error_set(err, FS_EDOM,
                                "period '%s' has no value: an XmR chart needs every period",
                                tr->periods[k]);
        }
    }
    size_t *rebase = malloc((s->spc_nrebase ? s->spc_nrebase : 1) * sizeof *rebase);
    if (rebase == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_status_t st = FS_OK;
    for (size_t r = 0; r < s->spc_nrebase && st == FS_OK; r++) {
        size_t k = 0;
        while (k < tr->nperiods && strcmp(tr->periods[k], s->spc_rebase[r]) != 0)
            k++;
        if (k == tr->nperiods) {
            fs_error_at(err, t->name, 0, 0, s->spc_rebase[r], strlen(s->spc_rebase[r]));
            st = fs_error_set(err, FS_ENOTFOUND, "no period to rebase at: the periods run from "
                                                 "'%s' to '%s'",
                              tr->nperiods ? tr->periods[0] : "",
                              tr->nperiods ? tr->periods[tr->nperiods - 1] : "");
        } else if (k == 0) {
            fs_error_at(err, t->name, 0, 0, s->spc_rebase[r], strlen(s->spc_rebase[r]));
            st = fs_error_set(err, FS_EINVAL, "the first period cannot start a new segment");
        } else if (r > 0 && k <= rebase[r - 1]) {
            fs_error_at(err, t->name, 0, 0, s->spc_rebase[r], strlen(s->spc_rebase[r]));
            st = fs_error_set(err, FS_EINVAL, "rebase periods must be given in period order, "
                                              "each once");
        }
        rebase[r] = k;
    }
    if (st == FS_OK)
        st = fs_spc_compute(tr->force_value, tr->nperiods, rebase, s->spc_nrebase, &s->spc, out,
                            err);
    free(rebase);
    return st;
}

/* Every period's comparison: its rows as a table of their own, described
 * and compared as a table of one period would be. */
static fs_status_t compute_periods(const fs_table_t *t, size_t force_col,
                                   const fs_measure_spec_t *s, const size_t *pcols, size_t npcols,
                                   fs_measure_t *m, fs_error_t *err)
{
    size_t n = t->nrows;
    char **label = calloc(n ? n : 1, sizeof *label);
    size_t *of = malloc((n ? n : 1) * sizeof *of), *rows = malloc((n ? n : 1) * sizeof *rows);
    m->periods = calloc(n ? n : 1, sizeof *m->periods);
    fs_status_t st = FS_OK;
    if (label == NULL || of == NULL || rows == NULL || m->periods == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if ((label[i] = period_label(t, i, pcols, npcols)) == NULL) {
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
            goto done;
        }
        size_t k = m->nperiods;
        if (k > 0 && strcmp(m->periods[k - 1].label, label[i]) == 0) {
            of[i] = k - 1;
            continue;
        }
        for (k = 0; k < m->nperiods && strcmp(m->periods[k].label, label[i]) != 0; k++)
            ;
        if (k == m->nperiods && (m->periods[m->nperiods++].label = strdup(label[i])) == NULL) {
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
            goto done;
        }
        of[i] = k;
    }
    for (size_t k = 0; k < m->nperiods && st == FS_OK; k++) {
        fs_measure_period_t *p = &m->periods[k];
        size_t nrows = 0;
        for (size_t i = 0; i < n; i++) {
            if (of[i] == k)
                rows[nrows++] = i;
        }
        if ((st = fs_table_subset(t, rows, nrows, &p->table, err)) != FS_OK ||
            (st = fs_describe(p->table, force_col, &p->desc, err)) != FS_OK ||
            (st = fs_description_check_unique(p->table, p->desc, err)) != FS_OK)
            break;
        fs_measure_spec_t one = *s;
        if (s->population != NULL) {
            if ((p->population = malloc((nrows ? nrows : 1) * sizeof *p->population)) == NULL) {
                st = fs_error_set(err, FS_ENOMEM, "out of memory");
                break;
            }
            for (size_t r = 0; r < nrows; r++)
                p->population[r] = s->population[rows[r]];
            one.population = p->population;
        }
        struct ratio_columns rc = {NULL, NULL, 0, 0};
        st = compute_comparison(p->table, p->desc, &one, m->num_col, m->den_col, &rc,
                                &p->comparison, err);
        free(rc.num);
        free(rc.den);
    }
done:
    for (size_t i = 0; label != NULL && i < n; i++)
        free(label[i]);
    free(label);
    free(of);
    free(rows);
    return st;
}

/* With a population per row (not a column), the rows of the last period,
 * in order: the population of the rows compared. */
static fs_status_t last_period_population(const fs_table_t *t, const size_t *pcols, size_t npcols,
                                          const double *population, double **out, fs_error_t *err)
{
    size_t *rows = NULL, n = 0;
    *out = NULL;
    fs_status_t st = last_period_rows(t, pcols, npcols, &rows, &n, NULL, 0, err);
    if (st == FS_OK && (*out = malloc((n ? n : 1) * sizeof **out)) == NULL)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t r = 0; st == FS_OK && r < n; r++)
        (*out)[r] = population[rows[r]];
    free(rows);
    return st;
}

static fs_status_t compute_last(const fs_table_t *t, size_t force_col,
                                const fs_measure_spec_t *s, const size_t *pcols, size_t npcols,
                                fs_measure_t *out, fs_error_t *err);

/* Whether the spec asks for a coherent set of results: the columns each
 * wanted result needs, and series for each force only beside a trend or
 * an SPC chart, compared with something other than a force. */
static fs_status_t check_spec(const fs_measure_spec_t *s, fs_error_t *err)
{
    int ratio = s->kind == FS_MEASURE_PROPORTION || s->kind == FS_MEASURE_RATE;
    if ((s->want & (FS_WANT_COMPARISON | FS_WANT_FUNNEL)) && !ratio)
        return fs_error_set(err, FS_EINVAL, "intervals and funnels need a proportion or a rate");
    if ((s->want & FS_WANT_TREND) && s->period == NULL)
        return fs_error_set(err, FS_EINVAL, "a trend needs period columns");
    if ((s->want & FS_WANT_BAND) && s->value_index == SIZE_MAX && s->value == NULL)
        return fs_error_set(err, FS_EINVAL, "the band needs a value column");
    if (ratio &&
        (s->want & (FS_WANT_COMPARISON | FS_WANT_FUNNEL | FS_WANT_TREND | FS_WANT_SPC |
                    FS_WANT_PERIODS)) &&
        (s->numerator == NULL || (s->denominator == NULL && s->population == NULL)))
        return fs_error_set(err, FS_EINVAL, "a %s needs its %s and %s columns",
                            s->kind == FS_MEASURE_RATE ? "rate" : "proportion",
                            s->kind == FS_MEASURE_RATE ? "count" : "numerator",
                            s->kind == FS_MEASURE_RATE ? "population" : "denominator");
    if (!ratio && (s->want & (FS_WANT_TREND | FS_WANT_SPC)) && s->value == NULL)
        return fs_error_set(err, FS_EINVAL, "a trend of values needs a value column");
    if ((s->want & (FS_WANT_SPC | FS_WANT_PERIODS)) && s->period == NULL)
        return fs_error_set(err, FS_EINVAL, "%s needs period columns",
                            s->want & FS_WANT_SPC ? "an SPC chart" : "a comparison by period");
    if ((s->want & FS_WANT_PERIODS) && !ratio)
        return fs_error_set(err, FS_EINVAL, "a comparison by period needs a proportion or a rate");
    if ((s->want & FS_WANT_TREND) && s->trend_force == FS_TREND_ONLY_SERIES)
        return fs_error_set(err, FS_EINVAL, "a trend against England and Wales needs a force");
    if (s->trend_forces != NULL) {
        fs_unit_t cu = {FS_UNIT_NATIONAL, -1, NULL, NULL};
        if (s->compare != NULL)
            cu = fs_registry_match(s->compare, strlen(s->compare));
        if (!(s->want & (FS_WANT_TREND | FS_WANT_SPC)))
            return fs_error_set(err, FS_EINVAL, "a series for each force needs a trend or an SPC "
                                                "chart");
        if (s->trend_force == FS_TREND_ONLY_SERIES || cu.kind == FS_UNIT_FORCE)
            return fs_error_set(err, FS_EINVAL, "a series for each force needs forces to compare "
                                                "with something else");
    }
    return FS_OK;
}

fs_status_t fs_measure_compute(const fs_table_t *t, size_t force_col,
                               const fs_description_t *described, const fs_measure_spec_t *s,
                               fs_measure_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    atomic_fetch_add(&computations, 1);
    out->table = t;
    out->kind = s->kind;
    fs_status_t st = check_spec(s, err);
    if (st != FS_OK)
        return st;
    size_t pcols[FS_MEASURE_MAX_PERIOD_COLUMNS], npcols = 0;
    if (s->period != NULL && (st = period_columns(t, s->period, pcols, &npcols, err)) != FS_OK)
        return st;
    if (described != NULL) {
        out->desc = (fs_description_t *)described;
    } else if ((st = fs_describe(t, force_col, &out->desc, err)) != FS_OK) {
        return st;
    } else {
        out->owns_desc_ = 1;
    }
    /* The forces whose series are wanted beside trend_force's: those
     * flagged that have rows. */
    unsigned char each[FS_FORCE_COUNT] = {0};
    int main_series = s->trend_forces == NULL || s->trend_force != -1;
    if (s->trend_forces != NULL) {
        if ((out->series = calloc(FS_FORCE_COUNT, sizeof *out->series)) == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        for (size_t f = 0; f < FS_FORCE_COUNT; f++)
            each[f] = s->trend_forces[f] && out->desc->present[f];
    }
    if (s->want & (FS_WANT_TREND | FS_WANT_SPC)) {
        if ((st = compute_trend(t, out->desc, s, pcols, npcols,
                                s->trend_forces != NULL ? each : NULL, out, err)) != FS_OK)
            return st;
        if (main_series)
            out->have |= s->want & FS_WANT_TREND;
        for (size_t f = 0; s->trend_forces != NULL && f < FS_FORCE_COUNT; f++) {
            if (each[f])
                out->series[f].have = s->want & FS_WANT_TREND;
        }
    }
    /* The XmR chart of trend_force's series, then of each force's. */
    for (int f = -1; (s->want & FS_WANT_SPC) && f < FS_FORCE_COUNT; f++) {
        if (f < 0 ? !main_series : !each[f])
            continue;
        fs_measure_trend_t *tr = f < 0 ? &out->trend : &out->series[f].trend;
        fs_spc_t *spc = f < 0 ? &out->spc : &out->series[f].spc;
        char *skipped = f < 0 ? out->spc_skipped : out->series[f].spc_skipped;
        fs_error_t spc_err;
        fs_error_clear(&spc_err);
        st = compute_spc(t, s, tr, spc, &spc_err);
        if (st == FS_EDOM && s->spc_optional) {
            snprintf(skipped, FS_ERROR_MESSAGE_MAX, "%s", fs_error_message(&spc_err));
            fs_spc_free(spc);
        } else if (st != FS_OK) {
            locate_point(t, s, out, tr, f < 0 ? s->trend_force : f, pcols, npcols, &spc_err);
            if (err != NULL)
                *err = spc_err;
            return st;
        } else if (f < 0) {
            out->have |= FS_WANT_SPC;
        } else {
            out->series[f].have |= FS_WANT_SPC;
        }
    }
    st = FS_OK;
    if (s->want & FS_WANT_PERIODS) {
        if ((st = fs_table_find_column(t, s->numerator, &out->num_col, err)) != FS_OK ||
            (s->population == NULL &&
             (st = fs_table_find_column(t, s->denominator, &out->den_col, err)) != FS_OK) ||
            (st = compute_periods(t, force_col, s, pcols, npcols, out, err)) != FS_OK)
            return st;
        out->have |= FS_WANT_PERIODS;
    }
    /* Everything else is over the last period, and a population given
     * per row is cut with it. */
    unsigned last = FS_WANT_BAND | FS_WANT_COMPARISON | FS_WANT_FUNNEL;
    fs_measure_spec_t cut = *s;
    double *cut_population = NULL;
    if (s->period != NULL && (s->want & last) && s->population != NULL) {
        if ((st = last_period_population(t, pcols, npcols, s->population, &cut_population, err)) !=
            FS_OK)
            return st;
        cut.population = cut_population;
    }
    st = compute_last(t, force_col, &cut, pcols, npcols, out, err);
    free(cut_population);
    if (st == FS_OK && s->groups != NULL)
        st = fs_measure_groups(out, s->groups, err);
    return st;
}

/* The band, the comparison and the funnel, over the last period: with a
 * period, over a copy of its rows (t is the caller's and stays whole). */
static fs_status_t compute_last(const fs_table_t *whole, size_t force_col,
                                const fs_measure_spec_t *s, const size_t *pcols, size_t npcols,
                                fs_measure_t *out, fs_error_t *err)
{
    fs_status_t st = FS_OK;
    const fs_table_t *t = whole;
    unsigned last = FS_WANT_BAND | FS_WANT_COMPARISON | FS_WANT_FUNNEL;
    if (s->period != NULL && (s->want & last)) {
        size_t *rows = NULL, nrows = 0;
        st = last_period_rows(whole, pcols, npcols, &rows, &nrows, out->period,
                              sizeof out->period, err);
        if (st == FS_OK && whole->nrows > 0)
            st = fs_table_subset(whole, rows, nrows, &out->owns_table_, err);
        free(rows);
        if (st != FS_OK)
            return st;
        if (out->owns_table_ != NULL)
            out->table = t = out->owns_table_;
        if (out->owns_desc_)
            fs_description_free(out->desc);
        out->desc = NULL;
        out->owns_desc_ = 0;
        if ((st = fs_describe(t, force_col, &out->desc, err)) != FS_OK)
            return st;
        out->owns_desc_ = 1;
    }
    if (s->value_index != SIZE_MAX)
        out->value_col = s->value_index;
    if ((s->want & FS_WANT_BAND) &&
        ((s->value_index == SIZE_MAX &&
          (st = fs_table_find_column(t, s->value, &out->value_col, err)) != FS_OK) ||
         (st = fs_outliers_compute(t, out->desc, out->value_col, &s->band, &out->band, err)) != FS_OK))
        return st;
    out->have |= s->want & FS_WANT_BAND;
    if (!(s->want & (FS_WANT_COMPARISON | FS_WANT_FUNNEL)))
        return FS_OK;
    if ((st = fs_table_find_column(t, s->numerator, &out->num_col, err)) != FS_OK ||
        (s->population == NULL &&
         (st = fs_table_find_column(t, s->denominator, &out->den_col, err)) != FS_OK))
        return st;
    struct ratio_columns rc = {NULL, NULL, 0, 0};
    if ((s->want & FS_WANT_COMPARISON) &&
        (st = compute_comparison(t, out->desc, s, out->num_col, out->den_col, &rc,
                                 &out->comparison, err)) == FS_OK)
        out->have |= FS_WANT_COMPARISON;
    if (st == FS_OK && (s->want & FS_WANT_FUNNEL) &&
        (st = compute_funnel(t, out->desc, s, out->num_col, out->den_col, &rc, &out->funnel,
                             err)) == FS_OK)
        out->have |= FS_WANT_FUNNEL;
    free(rc.num);
    free(rc.den);
    return st;
}

fs_status_t fs_measure_infer(const fs_table_t *t, const fs_description_t *d, fs_inferred_t **out,
                             size_t *n, fs_error_t *err)
{
    return fs_measure_infer_marking(t, d, out, n, NULL, err);
}

fs_status_t fs_measure_infer_marking(const fs_table_t *t, const fs_description_t *d,
                                     fs_inferred_t **out, size_t *n, unsigned char *constant,
                                     fs_error_t *err)
{
    *n = 0;
    *out = malloc((t->ncols + 2) * sizeof **out);
    unsigned char *used = calloc(t->ncols ? t->ncols : 1, 1);
    if (*out == NULL || used == NULL) {
        free(*out);
        free(used);
        *out = NULL;
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    static const char *const pairs[2][3] = {{"numerator", "denominator", "proportion"},
                                            {"count", "population", NULL}};
    size_t col;
    for (size_t p = 0; p < 2; p++) {
        size_t a, b, v = 0;
        if (fs_table_find_column(t, pairs[p][0], &a, NULL) != FS_OK ||
            fs_table_find_column(t, pairs[p][1], &b, NULL) != FS_OK)
            continue;
        if (pairs[p][2] == NULL) {
            while (v < t->ncols && strncmp(t->columns[v], "rate_per_", 9) != 0)
                v++;
            if (v == t->ncols)
                continue;
        } else if (fs_table_find_column(t, pairs[p][2], &v, NULL) != FS_OK) {
            continue;
        }
        fs_inferred_t m = {p == 0 ? FS_MEASURE_PROPORTION : FS_MEASURE_RATE, v, a, b};
        (*out)[(*n)++] = m;
        used[a] = used[b] = used[v] = 1;
        if (fs_table_find_column(t, "lower", &col, NULL) == FS_OK)
            used[col] = 1;
        if (fs_table_find_column(t, "upper", &col, NULL) == FS_OK)
            used[col] = 1;
    }
    if (fs_table_find_column(t, "rows", &col, NULL) == FS_OK)
        used[col] = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        /* Periods and identifiers are no measure (is_measure); a
         * constant measure has no band to draw. */
        if (constant != NULL)
            constant[c] = 0;
        if (!d->columns[c].is_measure || used[c])
            continue;
        if (fs_column_role(t, d, c) == FS_COLUMN_CONSTANT) {
            if (constant != NULL)
                constant[c] = 1;
            continue;
        }
        fs_inferred_t m = {FS_MEASURE_VALUE, c, SIZE_MAX, SIZE_MAX};
        (*out)[(*n)++] = m;
    }
    free(used);
    return FS_OK;
}
