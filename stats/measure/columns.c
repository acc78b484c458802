/* SPDX-License-Identifier: GPL-3.0-or-later */
/* columns.c: the methods that take a table (compare.h, outliers.h) as
 * thin wrappers: each column parsed once here, the numbers handed to the
 * method's core in stats/methods/, its errors located in the table. */
#include "columns.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/status_internal.h"
#include "forcestat/outliers.h"

fs_status_t fs_measure_column(const fs_table_t *t, const fs_description_t *d, size_t col,
                              double *values, fs_error_t *err)
{
    if (d->values != NULL && d->nrows == t->nrows && col < t->ncols &&
        d->columns[col].invalid == 0) {
        /* Parsed by fs_describe already: every cell a number or missing. */
        memcpy(values, d->values + col * t->nrows, t->nrows * sizeof *values);
        return FS_OK;
    }
    return fs_table_numeric_column(t, col, values, err);
}

/* The length of the core's "row N: " locator. */
static size_t locator(size_t row)
{
    int n = snprintf(NULL, 0, "row %zu: ", row + 1);
    return n > 0 ? (size_t)n : 0;
}

fs_status_t fs_measure_locate(const fs_table_t *t, const fs_description_t *d, size_t num_col,
                              size_t den_col, fs_status_t st, fs_error_t *err)
{
    if (err == NULL || st == FS_ENOMEM)
        return st;
    if (err->reason == FS_REASON_DUPLICATE_FORCE)
        return fs_description_check_unique(t, d, err);
    size_t i = err->index;
    if (i == FS_ERROR_NO_INDEX || i >= t->nrows) {
        fs_error_at(err, t->name, 0, 0, NULL, 0);
        return st;
    }
    size_t col = err->column == FS_INPUT_NUMERATOR     ? num_col
                 : err->column == FS_INPUT_DENOMINATOR ? den_col
                                                       : SIZE_MAX;
    if (err->column == FS_INPUT_DENOMINATOR && den_col == SIZE_MAX) {
        fs_error_at(err, t->name, t->lines[i], 0, NULL, 0);
        return fs_error_raise(err, st, err->reason, i, "the population of %s is not > 0",
                              fs_table_cell(t, i, d->force_column));
    }
    if (col == SIZE_MAX) {
        fs_error_at(err, t->name, t->lines[i], 0, NULL, 0);
        return fs_error_reword(err, st, locator(i), "%s", "");
    }
    const char *text = fs_table_cell(t, i, col);
    fs_error_at(err, t->name, t->lines[i], (long)col + 1, text, strlen(text));
    return fs_error_reword(err, st, locator(i), "column '%s': ", t->columns[col]);
}

/* Room for a number a row of t. */
static double *column_room(const fs_table_t *t)
{
    return malloc((t->nrows ? t->nrows : 1) * sizeof(double));
}

fs_status_t fs_compare_proportions(const fs_table_t *t, const fs_description_t *d,
                                   size_t numerator_col, size_t denominator_col,
                                   fs_ci_method_t method, double level, fs_comparison_t *out,
                                   fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    fs_interval_t probe;
    fs_status_t st = fs_proportion_ci(0, 1, method, level, 0, &probe, err);
    if (st != FS_OK)
        return st;
    double *num = column_room(t), *den = column_room(t);
    if (num == NULL || den == NULL)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st == FS_OK)
        st = fs_measure_column(t, d, numerator_col, num, err);
    if (st == FS_OK)
        st = fs_measure_column(t, d, denominator_col, den, err);
    if (st == FS_OK) {
        st = fs_compare_proportions_values(d, num, den, method, level, out, err);
        st = st == FS_OK ? st : fs_measure_locate(t, d, numerator_col, denominator_col, st, err);
    }
    free(num);
    free(den);
    return st;
}

fs_status_t fs_compare_rates(const fs_table_t *t, const fs_description_t *d, size_t count_col,
                             const double *population, double per, double level,
                             fs_comparison_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    fs_interval_t probe;
    fs_status_t st = fs_rate_ci(0, 1, per, level, &probe, err);
    if (st != FS_OK)
        return st;
    double *count = column_room(t);
    st = count == NULL ? fs_error_set(err, FS_ENOMEM, "out of memory")
                       : fs_measure_column(t, d, count_col, count, err);
    if (st == FS_OK) {
        st = fs_compare_rates_values(d, count, population, per, level, out, err);
        st = st == FS_OK ? st : fs_measure_locate(t, d, count_col, SIZE_MAX, st, err);
    }
    free(count);
    return st;
}

/* The band of the parsed column, its errors located in t: a duplicated
 * force as fs_description_check_unique says it, the band's prefixed with
 * the measure's name. */
static fs_status_t outliers_located(const fs_table_t *t, const fs_description_t *d, size_t column,
                                    const double *values, const fs_band_options_t *opt,
                                    fs_outliers_t *out, fs_error_t *err)
{
    fs_status_t st = fs_outliers_compute_values(d, values, opt, out, err);
    if (st == FS_OK) {
        out->column = column;
        return FS_OK;
    }
    if (err == NULL || st == FS_ENOMEM)
        return st;
    if (err->reason == FS_REASON_DUPLICATE_FORCE)
        return fs_description_check_unique(t, d, err);
    fs_error_at(err, t->name, 0, 0, NULL, 0);
    return fs_error_reword(err, st, 0, "measure '%s': ", t->columns[column]);
}

fs_status_t fs_outliers_compute(const fs_table_t *t, const fs_description_t *d, size_t column,
                                const fs_band_options_t *opt, fs_outliers_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    if (column >= t->ncols)
        return fs_error_set(err, FS_EINVAL, "column %zu out of range", column + 1);
    double *values = column_room(t);
    fs_status_t st = values == NULL ? fs_error_set(err, FS_ENOMEM, "out of memory")
                                    : fs_measure_column(t, d, column, values, err);
    if (st == FS_OK)
        st = outliers_located(t, d, column, values, opt, out, err);
    free(values);
    return st;
}

/* A population table as numbers: each row's force (-1 when it is none or
 * its year is not `year`, when year_col names a column), its year (INT_MIN
 * when the cell is not a year written as "%d" writes it), and its value
 * with what the cell held (parsed for force rows only). */
struct pop_columns {
    int *force, *year;
    double *value;
    fs_field_kind_t *kind;
};

static void pop_columns_free(struct pop_columns *p)
{
    free(p->force);
    free(p->year);
    free(p->value);
    free(p->kind);
}

static int cell_year(const char *cell)
{
    char *end;
    long y = strtol(cell, &end, 10);
    char back[32];
    if (end == cell || y < INT_MIN + 1 || y > INT_MAX)
        return INT_MIN;
    snprintf(back, sizeof back, "%ld", y);
    return strcmp(back, cell) == 0 ? (int)y : INT_MIN;
}

static fs_status_t pop_columns(const fs_table_t *pop, size_t force_col, size_t value_col,
                               size_t year_col, const char *year, struct pop_columns *p,
                               fs_error_t *err)
{
    size_t n = pop->nrows ? pop->nrows : 1;
    p->force = malloc(n * sizeof *p->force);
    p->year = malloc(n * sizeof *p->year);
    p->value = malloc(n * sizeof *p->value);
    p->kind = malloc(n * sizeof *p->kind);
    if (p->force == NULL || p->year == NULL || p->value == NULL || p->kind == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t k = 0; k < pop->nrows; k++) {
        p->force[k] = -1;
        p->year[k] = year_col == (size_t)-1 ? INT_MIN : cell_year(fs_table_cell(pop, k, year_col));
        p->kind[k] = FS_FIELD_MISSING;
        p->value[k] = NAN;
        if (year != NULL && year_col != (size_t)-1 &&
            strcmp(fs_table_cell(pop, k, year_col), year) != 0)
            continue;
        const char *label = fs_table_cell(pop, k, force_col);
        fs_unit_t u = fs_registry_match(label, strlen(label));
        if (u.kind != FS_UNIT_FORCE)
            continue;
        p->force[k] = u.force;
        const char *cell = fs_table_cell(pop, k, value_col);
        p->kind[k] = fs_parse_number(cell, strlen(cell), &p->value[k], NULL);
    }
    return FS_OK;
}

/* Names, in the population table, the place of a join's error about its
 * row err->index: the value that is not a number, or the second row of a
 * force (with the line of the first). */
static fs_status_t locate_join(const fs_table_t *pop, size_t force_col, size_t value_col,
                               const struct pop_columns *p, fs_status_t st, fs_error_t *err)
{
    size_t k = err->index;
    if (err->reason == FS_REASON_NOT_A_NUMBER) {
        const char *cell = fs_table_cell(pop, k, value_col), *why = "";
        double v;
        fs_parse_number(cell, strlen(cell), &v, &why);
        fs_error_at(err, pop->name, pop->lines[k], (long)value_col + 1, cell, strlen(cell));
        return fs_error_raise(err, st, FS_REASON_NOT_A_NUMBER, k, "column '%s': %s",
                              pop->columns[value_col], why);
    }
    size_t first = 0;
    while (first < k && !(p->force[first] == p->force[k] && p->year[first] == p->year[k]))
        first++;
    const char *label = fs_table_cell(pop, k, force_col);
    fs_error_at(err, pop->name, pop->lines[k], (long)force_col + 1, label, strlen(label));
    return fs_error_raise(err, st, FS_REASON_DUPLICATE_FORCE, k,
                          "a second population for %s (also on line %ld): choose one year",
                          fs_registry_force((size_t)p->force[k])->name, pop->lines[first]);
}

fs_status_t fs_join_population(const fs_table_t *t, const fs_description_t *d,
                               const fs_table_t *pop, size_t pop_force_col, size_t pop_value_col,
                               size_t year_col, const char *year, double *population,
                               fs_error_t *err)
{
    (void)t;
    struct pop_columns p = {0};
    fs_error_t e;
    fs_error_clear(&e);
    fs_status_t st = pop_columns(pop, pop_force_col, pop_value_col, year_col, year, &p, &e);
    if (st == FS_OK)
        st = fs_join_population_values(d, p.force, p.value, p.kind, pop->nrows, population, &e);
    if (st == FS_EDOM) {
        fs_error_at(&e, pop->name, 0, 0, NULL, 0);
        st = fs_error_set(&e, FS_EDOM, "no population row for any force%s%s",
                          year_col != (size_t)-1 ? " in year " : "",
                          year_col != (size_t)-1 ? year : "");
    } else if (st == FS_EPARSE) {
        st = locate_join(pop, pop_force_col, pop_value_col, &p, st, &e);
    }
    if (st != FS_OK && err != NULL)
        *err = e;
    pop_columns_free(&p);
    return st;
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

/* Each row's year, its period's plus offset; FS_EPARSE naming the first
 * period that names none. */
static fs_status_t period_years(const fs_table_t *t, const size_t *pcols, size_t npcols, int offset,
                                int *year, fs_error_t *err)
{
    for (size_t i = 0; i < t->nrows; i++) {
        int y = period_year(t, i, pcols, npcols);
        if (y < 0) {
            const char *c = fs_table_cell(t, i, pcols[0]);
            fs_error_at(err, t->name, t->lines[i], (long)pcols[0] + 1, c, strlen(c));
            return fs_error_set(err, FS_EPARSE,
                                "the period names no four-digit year to take a population for");
        }
        year[i] = y + offset;
    }
    return FS_OK;
}

/* The error of a period whose year has no population row at all. */
static fs_status_t no_year(const fs_table_t *t, const size_t *pcols, size_t npcols,
                           const fs_table_t *pop, size_t i, int year, fs_error_t *err)
{
    fs_error_at(err, t->name, t->lines[i], 0, NULL, 0);
    char label[256] = "";
    for (size_t k = 0; k < npcols; k++)
        snprintf(label + strlen(label), sizeof label - strlen(label), "%s%s", k ? " " : "",
                 fs_table_cell(t, i, pcols[k]));
    return fs_error_set(err, FS_EDOM,
                        "period '%s' takes the mid-%d population, and %s has none for that "
                        "year",
                        label, year, pop->name);
}

fs_status_t fs_join_population_by_period(const fs_table_t *t, const fs_description_t *d,
                                         const size_t *pcols, size_t npcols, int offset,
                                         const fs_table_t *pop, size_t pop_force_col,
                                         size_t pop_value_col, size_t year_col, double *population,
                                         fs_error_t *err)
{
    if (npcols == 0)
        return fs_error_set(err, FS_EINVAL, "no period columns");
    int *year = malloc((t->nrows ? t->nrows : 1) * sizeof *year);
    struct pop_columns p = {0};
    fs_error_t e;
    fs_error_clear(&e);
    fs_status_t st = year == NULL ? fs_error_set(err, FS_ENOMEM, "out of memory")
                                  : period_years(t, pcols, npcols, offset, year, err);
    if (st != FS_OK)
        goto done;
    st = pop_columns(pop, pop_force_col, pop_value_col, year_col, NULL, &p, &e);
    if (st == FS_OK)
        st = fs_join_population_by_year(d, year, p.force, p.year, p.value, p.kind, pop->nrows,
                                        population, &e);
    if (st == FS_EDOM && e.index < t->nrows)
        st = no_year(t, pcols, npcols, pop, e.index, year[e.index], &e);
    else if (st == FS_EPARSE)
        st = locate_join(pop, pop_force_col, pop_value_col, &p, st, &e);
    if (st != FS_OK && err != NULL)
        *err = e;
done:
    free(year);
    pop_columns_free(&p);
    return st;
}
