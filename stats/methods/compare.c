/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.c: per-force proportions and rates against England and Wales. */
#include "forcestat/compare.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/number.h"
#include "../io/status_internal.h"

const char *fs_mark_name(fs_mark_t mark)
{
    switch (mark) {
    case FS_MARK_LOWER: return "lower";
    case FS_MARK_SIMILAR: return "similar";
    case FS_MARK_HIGHER: return "higher";
    case FS_MARK_MISSING: break;
    }
    return "missing";
}

void fs_comparison_free(fs_comparison_t *c)
{
    if (c == NULL)
        return;
    free(c->rows);
    c->rows = NULL;
    c->nrows = 0;
}

/* Which rows are compared: fs_description_selects. */
static int is_member(const fs_description_t *d, size_t i)
{
    return fs_description_selects(d, i);
}

static fs_status_t cell_error(fs_error_t *err, const fs_table_t *t, size_t row, size_t col,
                              fs_reason_t reason, const char *message)
{
    const char *text = fs_table_cell(t, row, col);
    fs_error_at(err, t->name, t->lines[row], (long)col + 1, text, strlen(text));
    return fs_error_raise(err, FS_EPARSE, reason, row, "column '%s': %s", t->columns[col],
                          message);
}

/* Shared by proportions and rates: rows, pooled figure, marks, mean.
 * num[i], den[i] for every data row; the interval function is called for
 * each member row with both values and for the pooled totals. */
typedef fs_status_t (*interval_fn)(double num, double den, const fs_comparison_t *c,
                                   fs_interval_t *out, fs_error_t *err);

static fs_status_t compare(const fs_table_t *t, const fs_description_t *d, const double *num,
                           const double *den, size_t num_col, interval_fn interval,
                           fs_comparison_t *c, fs_error_t *err)
{
    fs_status_t st = fs_description_check_unique(t, d, err);
    if (st != FS_OK)
        return st;
    c->other_units = d->forces_present == 0;
    c->rows = calloc(t->nrows ? t->nrows : 1, sizeof *c->rows);
    if (c->rows == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    double sum_num = 0.0, sum_den = 0.0, sum_value = 0.0;
    for (size_t i = 0; i < t->nrows; i++) {
        if (!is_member(d, i))
            continue;
        fs_compare_row_t *r = &c->rows[c->nrows++];
        r->row = i;
        r->numerator = num[i];
        r->denominator = den[i];
        if (isnan(num[i]) || isnan(den[i])) {
            r->mark = FS_MARK_MISSING;
            continue;
        }
        if ((st = interval(num[i], den[i], c, &r->ci, err)) != FS_OK) {
            /* Name the cell: the row's numerator (a count, for rates). */
            const char *text = fs_table_cell(t, i, num_col);
            fs_error_at(err, t->name, t->lines[i], (long)num_col + 1, text, strlen(text));
            if (err != NULL)
                err->index = i;
            return fs_error_reword(err, st, 0, "column '%s': ", t->columns[num_col]);
        }
        c->n_with_value++;
        sum_num += num[i];
        sum_den += den[i];
        sum_value += r->ci.estimate;
    }
    if (c->n_with_value == 0) {
        fs_error_at(err, t->name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EDOM, "no %s has both values", c->other_units ? "row" : "force");
    }
    if (!isfinite(sum_num) || !isfinite(sum_den)) {
        fs_error_at(err, t->name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EDOM,
                            "the pooled numerator or denominator is beyond double precision "
                            "(over %g)",
                            DBL_MAX);
    }
    c->pooled_numerator = sum_num;
    c->pooled_denominator = sum_den;
    if ((st = interval(sum_num, sum_den, c, &c->pooled, err)) != FS_OK) {
        fs_error_at(err, t->name, 0, 0, NULL, 0);
        return st;
    }
    c->mean_of_forces = sum_value / (double)c->n_with_value;
    for (size_t k = 0; k < c->nrows; k++) {
        fs_compare_row_t *r = &c->rows[k];
        if (isnan(r->numerator) || isnan(r->denominator))
            continue;
        double e = c->pooled.estimate;
        /* A mark follows the interval; an interval that is not a pair of
         * finite bounds is an error, never a silent "higher".  Defensive:
         * the interval functions return finite bounds or an error, so this
         * cannot fire today (mutant c04 is equivalent for that reason). */
        if (!(isfinite(r->ci.lower) && isfinite(r->ci.upper) && isfinite(e))) {
            fs_error_at(err, t->name, t->lines[r->row], 0, NULL, 0);
            return fs_error_set(err, FS_EDOM, "the interval is not finite in double precision");
        }
        r->mark = r->ci.lower > e ? FS_MARK_HIGHER : (r->ci.upper < e ? FS_MARK_LOWER : FS_MARK_SIMILAR);
    }
    return FS_OK;
}

static fs_status_t proportion_interval(double num, double den, const fs_comparison_t *c,
                                       fs_interval_t *out, fs_error_t *err)
{
    return fs_proportion_ci(num, den, c->method, c->level, 0, out, err);
}

static fs_status_t rate_interval(double num, double den, const fs_comparison_t *c,
                                 fs_interval_t *out, fs_error_t *err)
{
    return fs_rate_ci(num, den, c->per, c->level, out, err);
}

static fs_status_t read_columns(const fs_table_t *t, size_t col_a, size_t col_b, double **a,
                                double **b, fs_error_t *err)
{
    *a = malloc((t->nrows ? t->nrows : 1) * sizeof **a);
    *b = malloc((t->nrows ? t->nrows : 1) * sizeof **b);
    if (*a == NULL || *b == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_status_t st = fs_table_numeric_column(t, col_a, *a, err);
    if (st == FS_OK && col_b != (size_t)-1)
        st = fs_table_numeric_column(t, col_b, *b, err);
    return st;
}

fs_status_t fs_compare_proportions(const fs_table_t *t, const fs_description_t *d,
                                   size_t numerator_col, size_t denominator_col,
                                   fs_ci_method_t method, double level, fs_comparison_t *out,
                                   fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->method = method;
    out->level = level;
    fs_interval_t probe;
    fs_status_t st = fs_proportion_ci(0, 1, method, level, 0, &probe, err);
    if (st != FS_OK)
        return st;
    double *num = NULL, *den = NULL;
    st = read_columns(t, numerator_col, denominator_col, &num, &den, err);
    for (size_t i = 0; st == FS_OK && i < t->nrows; i++) {
        if (!is_member(d, i) && d->units[i].kind != FS_UNIT_NATIONAL)
            continue;
        if (isnan(num[i]) || isnan(den[i]))
            continue;
        if (num[i] < 0 || floor(num[i]) != num[i])
            st = cell_error(err, t, i, numerator_col, FS_REASON_BAD_COUNT,
                            "counts must be whole numbers >= 0");
        else if (den[i] < 0 || floor(den[i]) != den[i])
            st = cell_error(err, t, i, denominator_col, FS_REASON_BAD_DENOMINATOR,
                            "counts must be whole numbers >= 0");
        else if (den[i] == 0)
            st = cell_error(err, t, i, denominator_col, FS_REASON_BAD_DENOMINATOR,
                            "the denominator is 0");
        else if (num[i] > den[i])
            st = cell_error(err, t, i, numerator_col, FS_REASON_BAD_COUNT,
                            "the numerator exceeds the denominator");
    }
    if (st == FS_OK)
        st = compare(t, d, num, den, numerator_col, proportion_interval, out, err);
    free(num);
    free(den);
    if (st != FS_OK)
        fs_comparison_free(out);
    return st;
}

fs_status_t fs_compare_rates(const fs_table_t *t, const fs_description_t *d, size_t count_col,
                             const double *population, double per, double level,
                             fs_comparison_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->is_rate = 1;
    out->per = per;
    out->level = level;
    fs_interval_t probe;
    fs_status_t st = fs_rate_ci(0, 1, per, level, &probe, err);
    if (st != FS_OK)
        return st;
    double *count = NULL, *unused = NULL;
    st = read_columns(t, count_col, (size_t)-1, &count, &unused, err);
    for (size_t i = 0; st == FS_OK && i < t->nrows; i++) {
        if (!is_member(d, i) || isnan(count[i]) || isnan(population[i]))
            continue;
        if (count[i] < 0)
            st = cell_error(err, t, i, count_col, FS_REASON_BAD_COUNT, "a count must be >= 0");
        else if (!(population[i] > 0)) {
            fs_error_at(err, t->name, t->lines[i], 0, NULL, 0);
            st = fs_error_raise(err, FS_EPARSE, FS_REASON_BAD_DENOMINATOR, i,
                                "the population of %s is not > 0",
                              fs_table_cell(t, i, d->force_column));
        }
    }
    if (st == FS_OK)
        st = compare(t, d, count, population, count_col, rate_interval, out, err);
    free(count);
    free(unused);
    if (st != FS_OK)
        fs_comparison_free(out);
    return st;
}

fs_status_t fs_join_population(const fs_table_t *t, const fs_description_t *d,
                               const fs_table_t *pop, size_t pop_force_col, size_t pop_value_col,
                               size_t year_col, const char *year, double *population,
                               fs_error_t *err)
{
    double by_force[FS_FORCE_COUNT];
    long line_of[FS_FORCE_COUNT];
    for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
        by_force[f] = NAN;
        line_of[f] = 0;
    }
    size_t selected = 0;
    for (size_t i = 0; i < pop->nrows; i++) {
        if (year_col != (size_t)-1) {
            const char *y = fs_table_cell(pop, i, year_col);
            if (strcmp(y, year) != 0)
                continue;
        }
        const char *label = fs_table_cell(pop, i, pop_force_col);
        fs_unit_t u = fs_registry_match(label, strlen(label));
        if (u.kind != FS_UNIT_FORCE)
            continue;
        const char *cell = fs_table_cell(pop, i, pop_value_col);
        double v;
        const char *why;
        switch (fs_parse_number(cell, strlen(cell), &v, &why)) {
        case FS_FIELD_MISSING: v = NAN; break;
        case FS_FIELD_INVALID:
            fs_error_at(err, pop->name, pop->lines[i], (long)pop_value_col + 1, cell, strlen(cell));
            return fs_error_raise(err, FS_EPARSE, FS_REASON_NOT_A_NUMBER, i, "column '%s': %s",
                                  pop->columns[pop_value_col], why);
        case FS_FIELD_NUMBER: break;
        }
        if (line_of[u.force] != 0) {
            fs_error_at(err, pop->name, pop->lines[i], (long)pop_force_col + 1, label,
                        strlen(label));
            return fs_error_raise(err, FS_EPARSE, FS_REASON_DUPLICATE_FORCE, i,
                                  "a second population for %s (also on line %ld): choose one "
                                "year",
                                u.name, line_of[u.force]);
        }
        line_of[u.force] = pop->lines[i];
        by_force[u.force] = v;
        selected++;
    }
    if (selected == 0) {
        fs_error_at(err, pop->name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EDOM, "no population row for any force%s%s",
                            year_col != (size_t)-1 ? " in year " : "",
                            year_col != (size_t)-1 ? year : "");
    }
    for (size_t i = 0; i < t->nrows; i++)
        population[i] = d->units[i].kind == FS_UNIT_FORCE ? by_force[d->units[i].force] : NAN;
    return FS_OK;
}

/* The first run of exactly four digits in the period columns of row i, in
 * order: the year a period names ("2019/20" 2019, "2020-03-31" 2020). */
static int period_year(const fs_table_t *t, size_t i, const size_t *pcols, size_t npcols)
{
    for (size_t k = 0; k < npcols; k++) {
        const char *c = fs_table_cell(t, i, pcols[k]);
        for (size_t j = 0; c[j];) {
            if (c[j] < '0' || c[j] > '9') {
                j++;
                continue;
            }
            size_t a = j;
            while (c[j] >= '0' && c[j] <= '9')
                j++;
            if (j - a == 4)
                return (c[a] - '0') * 1000 + (c[a + 1] - '0') * 100 + (c[a + 2] - '0') * 10 +
                       (c[a + 3] - '0');
        }
    }
    return -1;
}

fs_status_t fs_join_population_by_period(const fs_table_t *t, const fs_description_t *d,
                                         const size_t *pcols, size_t npcols, int offset,
                                         const fs_table_t *pop, size_t pop_force_col,
                                         size_t pop_value_col, size_t year_col,
                                         double *population, fs_error_t *err)
{
    if (npcols == 0)
        return fs_error_set(err, FS_EINVAL, "no period columns");
    int *year = malloc((t->nrows ? t->nrows : 1) * sizeof *year);
    double *one = malloc((t->nrows ? t->nrows : 1) * sizeof *one);
    fs_status_t st = FS_OK;
    if (year == NULL || one == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        int y = period_year(t, i, pcols, npcols);
        if (y < 0) {
            const char *c = fs_table_cell(t, i, pcols[0]);
            fs_error_at(err, t->name, t->lines[i], (long)pcols[0] + 1, c, strlen(c));
            st = fs_error_set(err, FS_EPARSE,
                              "the period names no four-digit year to take a population for");
            goto done;
        }
        year[i] = y + offset;
        population[i] = NAN;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        if (year[i] == INT_MIN)
            continue; /* joined with an earlier row of its year */
        char ytext[16];
        snprintf(ytext, sizeof ytext, "%d", year[i]);
        fs_error_t e;
        fs_error_clear(&e);
        st = fs_join_population(t, d, pop, pop_force_col, pop_value_col, year_col, ytext, one, &e);
        if (st == FS_EDOM) {
            /* No population row at all for the year this period takes. */
            fs_error_at(err, t->name, t->lines[i], 0, NULL, 0);
            char label[256] = "";
            for (size_t k = 0; k < npcols; k++)
                snprintf(label + strlen(label), sizeof label - strlen(label), "%s%s", k ? " " : "",
                         fs_table_cell(t, i, pcols[k]));
            st = fs_error_set(err, FS_EDOM,
                              "period '%s' takes the mid-%s population, and %s has none for "
                              "that year",
                              label, ytext, pop->name);
            goto done;
        }
        if (st != FS_OK) {
            if (err != NULL)
                *err = e;
            goto done;
        }
        int y = year[i];
        for (size_t j = i; j < t->nrows; j++) {
            if (year[j] == y) {
                population[j] = one[j];
                year[j] = INT_MIN;
            }
        }
    }
done:
    free(year);
    free(one);
    return st;
}
