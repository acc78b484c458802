/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.c: per-force proportions and rates against England and Wales. */
#include "forcestat/compare.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
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

/* An error about one value of the inputs: the row's index, the input in
 * err->column (FS_INPUT_NUMERATOR or FS_INPUT_DENOMINATOR, line 0) and a
 * "row N: " locator that a caller naming the cell replaces. */
static fs_status_t value_error(fs_error_t *err, fs_status_t st, size_t row, long input,
                               fs_reason_t reason, const char *message)
{
    fs_error_at(err, NULL, 0, input, NULL, 0);
    return fs_error_raise(err, st, reason, row, "row %zu: %s", row + 1, message);
}

/* The first force that occurs twice: a comparison needs one row per
 * force.  The words are the table's to give (fs_description_check_unique);
 * here the row and the reason. */
static fs_status_t check_unique(const fs_description_t *d, fs_error_t *err)
{
    if (d->nduplicates == 0)
        return FS_OK;
    size_t row = d->duplicate_rows[0];
    fs_error_at(err, NULL, 0, 0, NULL, 0);
    return fs_error_raise(err, FS_EPARSE, FS_REASON_DUPLICATE_FORCE, row,
                          "row %zu: %s appears twice: a comparison needs one row per force",
                          row + 1, d->units[row].name ? d->units[row].name : "a force");
}

/* Shared by proportions and rates: rows, pooled figure, marks, mean.
 * num[i], den[i] for every data row; the interval function is called for
 * each member row with both values and for the pooled totals. */
typedef fs_status_t (*interval_fn)(double num, double den, const fs_comparison_t *c,
                                   fs_interval_t *out, fs_error_t *err);

static fs_status_t compare(const fs_description_t *d, const double *num, const double *den,
                           interval_fn interval, fs_comparison_t *c, fs_error_t *err)
{
    fs_status_t st = check_unique(d, err);
    if (st != FS_OK)
        return st;
    c->other_units = d->forces_present == 0;
    c->rows = calloc(d->nrows ? d->nrows : 1, sizeof *c->rows);
    if (c->rows == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    double sum_num = 0.0, sum_den = 0.0, sum_value = 0.0;
    for (size_t i = 0; i < d->nrows; i++) {
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
            /* The row's numerator (a count, for rates) names it. */
            fs_error_at(err, NULL, 0, FS_INPUT_NUMERATOR, NULL, 0);
            if (err != NULL)
                err->index = i;
            return fs_error_reword(err, st, 0, "row %zu: ", i + 1);
        }
        c->n_with_value++;
        sum_num += num[i];
        sum_den += den[i];
        sum_value += r->ci.estimate;
    }
    if (c->n_with_value == 0)
        return fs_error_set(err, FS_EDOM, "no %s has both values",
                            c->other_units ? "row" : "force");
    if (!isfinite(sum_num) || !isfinite(sum_den))
        return fs_error_set(err, FS_EDOM,
                            "the pooled numerator or denominator is beyond double precision "
                            "(over %g)",
                            DBL_MAX);
    c->pooled_numerator = sum_num;
    c->pooled_denominator = sum_den;
    if ((st = interval(sum_num, sum_den, c, &c->pooled, err)) != FS_OK)
        return st;
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
        if (!(isfinite(r->ci.lower) && isfinite(r->ci.upper) && isfinite(e)))
            return value_error(err, FS_EDOM, r->row, 0, FS_REASON_NOT_FINITE,
                               "the interval is not finite in double precision");
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

/* Row i's counts as a proportion needs them: whole, >= 0, the numerator
 * no larger than a denominator > 0. */
static fs_status_t check_counts(size_t i, double num, double den, fs_error_t *err)
{
    if (num < 0 || floor(num) != num)
        return value_error(err, FS_EPARSE, i, FS_INPUT_NUMERATOR, FS_REASON_BAD_COUNT,
                           "counts must be whole numbers >= 0");
    if (den < 0 || floor(den) != den)
        return value_error(err, FS_EPARSE, i, FS_INPUT_DENOMINATOR, FS_REASON_BAD_DENOMINATOR,
                           "counts must be whole numbers >= 0");
    if (den == 0)
        return value_error(err, FS_EPARSE, i, FS_INPUT_DENOMINATOR, FS_REASON_BAD_DENOMINATOR,
                           "the denominator is 0");
    if (num > den)
        return value_error(err, FS_EPARSE, i, FS_INPUT_NUMERATOR, FS_REASON_BAD_COUNT,
                           "the numerator exceeds the denominator");
    return FS_OK;
}

fs_status_t fs_compare_proportions_values(const fs_description_t *d, const double *num,
                                          const double *den, fs_ci_method_t method, double level,
                                          fs_comparison_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->method = method;
    out->level = level;
    fs_interval_t probe;
    fs_status_t st = fs_proportion_ci(0, 1, method, level, 0, &probe, err);
    for (size_t i = 0; st == FS_OK && i < d->nrows; i++) {
        if (!is_member(d, i) && d->units[i].kind != FS_UNIT_NATIONAL)
            continue;
        if (!isnan(num[i]) && !isnan(den[i]))
            st = check_counts(i, num[i], den[i], err);
    }
    if (st == FS_OK)
        st = compare(d, num, den, proportion_interval, out, err);
    if (st != FS_OK)
        fs_comparison_free(out);
    return st;
}

fs_status_t fs_compare_rates_values(const fs_description_t *d, const double *count,
                                    const double *population, double per, double level,
                                    fs_comparison_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->is_rate = 1;
    out->per = per;
    out->level = level;
    fs_interval_t probe;
    fs_status_t st = fs_rate_ci(0, 1, per, level, &probe, err);
    for (size_t i = 0; st == FS_OK && i < d->nrows; i++) {
        if (!is_member(d, i) || isnan(count[i]) || isnan(population[i]))
            continue;
        if (count[i] < 0)
            st = value_error(err, FS_EPARSE, i, FS_INPUT_NUMERATOR, FS_REASON_BAD_COUNT,
                             "a count must be >= 0");
        else if (!(population[i] > 0))
            st = value_error(err, FS_EPARSE, i, FS_INPUT_DENOMINATOR, FS_REASON_BAD_DENOMINATOR,
                             "the population is not > 0");
    }
    if (st == FS_OK)
        st = compare(d, count, population, rate_interval, out, err);
    if (st != FS_OK)
        fs_comparison_free(out);
    return st;
}

fs_status_t fs_join_population_values(const fs_description_t *d, const int *pop_force,
                                      const double *pop_value, const fs_field_kind_t *pop_kind,
                                      size_t npop, double *population, fs_error_t *err)
{
    double by_force[FS_FORCE_COUNT];
    size_t row_of[FS_FORCE_COUNT];
    for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
        by_force[f] = NAN;
        row_of[f] = SIZE_MAX;
    }
    size_t selected = 0;
    for (size_t k = 0; k < npop; k++) {
        int f = pop_force[k];
        if (f < 0 || f >= FS_FORCE_COUNT)
            continue;
        if (pop_kind[k] == FS_FIELD_INVALID)
            return value_error(err, FS_EPARSE, k, FS_INPUT_DENOMINATOR, FS_REASON_NOT_A_NUMBER,
                               "the population is not a number");
        if (row_of[f] != SIZE_MAX) {
            fs_error_at(err, NULL, 0, FS_INPUT_NUMERATOR, NULL, 0);
            return fs_error_raise(err, FS_EPARSE, FS_REASON_DUPLICATE_FORCE, k,
                                  "row %zu: a second population for %s (also row %zu)", k + 1,
                                  fs_registry_force((size_t)f)->name, row_of[f] + 1);
        }
        row_of[f] = k;
        by_force[f] = pop_kind[k] == FS_FIELD_MISSING ? NAN : pop_value[k];
        selected++;
    }
    if (selected == 0)
        return fs_error_set(err, FS_EDOM, "no population row for any force");
    for (size_t i = 0; i < d->nrows; i++)
        population[i] = d->units[i].kind == FS_UNIT_FORCE ? by_force[d->units[i].force] : NAN;
    return FS_OK;
}

fs_status_t fs_join_population_by_year(const fs_description_t *d, const int *year,
                                       const int *pop_force, const int *pop_year,
                                       const double *pop_value, const fs_field_kind_t *pop_kind,
                                       size_t npop, double *population, fs_error_t *err)
{
    size_t n = d->nrows ? d->nrows : 1;
    unsigned char *done = calloc(n, 1);
    double *one = malloc(n * sizeof *one);
    int *force = malloc((npop ? npop : 1) * sizeof *force);
    fs_status_t st = FS_OK;
    if (done == NULL || one == NULL || force == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < d->nrows; i++)
        population[i] = NAN;
    /* Each year once, in the order the rows first name it. */
    for (size_t i = 0; i < d->nrows; i++) {
        if (done[i])
            continue;
        for (size_t k = 0; k < npop; k++)
            force[k] = pop_year[k] == year[i] ? pop_force[k] : -1;
        st = fs_join_population_values(d, force, pop_value, pop_kind, npop, one, err);
        if (st == FS_EDOM) {
            st = fs_error_raise(err, FS_EDOM, FS_REASON_MISSING_VALUE, i,
                                "row %zu: no population row for any force in year %d", i + 1,
                                year[i]);
            goto cleanup;
        }
        if (st != FS_OK)
            goto cleanup;
        for (size_t j = i; j < d->nrows; j++) {
            if (!done[j] && year[j] == year[i]) {
                population[j] = one[j];
                done[j] = 1;
            }
        }
    }
cleanup:
    free(done);
    free(one);
    free(force);
    return st;
}
