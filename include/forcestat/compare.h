/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.h: each force's proportion or rate, with its confidence
 * interval, against the England and Wales figure pooled over the forces.
 *
 * The pooled figure is the sum of the forces' numerators over the sum of
 * their denominators: England and Wales as one population.  It is not the
 * unweighted mean of the forces' figures (which the outlier band uses);
 * both are reported, under names that keep them apart.  A force is
 * "higher" when its interval lies wholly above the pooled figure, "lower"
 * when wholly below, "similar" when the interval covers it.
 *
 * Contract (status.h): no options; err may be NULL.  After a failure the
 * fs_comparison_t is emptied or still owns what it allocated, so
 * fs_comparison_free is always safe on it (it also accepts NULL).
 * fs_join_population's population array is the caller's and is
 * unspecified after a failure. */
#ifndef FORCESTAT_COMPARE_H
#define FORCESTAT_COMPARE_H

#include <stddef.h>

#include "forcestat/dataset.h"
#include "forcestat/describe.h"
#include "forcestat/intervals.h"
#include "forcestat/number.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_mark {
    FS_MARK_MISSING = 0,
    FS_MARK_LOWER,
    FS_MARK_SIMILAR,
    FS_MARK_HIGHER
} fs_mark_t;

typedef struct fs_compare_row {
    size_t row;          /* data row of the table */
    double numerator;    /* successes, or the count of a rate (NaN: missing) */
    double denominator;  /* trials, or the population (NaN: missing) */
    fs_interval_t ci;    /* valid unless mark is FS_MARK_MISSING */
    fs_mark_t mark;
} fs_compare_row_t;

typedef struct fs_comparison {
    int is_rate;
    double per;             /* rates: per this many people */
    fs_ci_method_t method;  /* proportions */
    double level;
    int other_units;        /* no territorial forces: the unknown rows are compared */
    size_t nrows;
    fs_compare_row_t *rows; /* in file order */
    size_t n_with_value;
    double pooled_numerator, pooled_denominator;
    fs_interval_t pooled;   /* the England and Wales figure and its interval */
    double mean_of_forces;  /* unweighted mean of the forces' figures */
} fs_comparison_t;

/* Proportions: numerator (successes) and denominator (trials) columns.
 * A row with either missing is left out of the pooled figure and marked
 * missing.  Errors (FS_EPARSE, naming file, line and column): a cell that
 * is not a number, counts that are negative or not whole, a numerator
 * above its denominator, a zero denominator, a force that occurs twice.
 * FS_EDOM: no row with both values.  Free with fs_comparison_free(). */
fs_status_t fs_compare_proportions(const fs_table_t *t, const fs_description_t *d,
                                   size_t numerator_col, size_t denominator_col,
                                   fs_ci_method_t method, double level, fs_comparison_t *out,
                                   fs_error_t *err);

/* Rates per `per` people: count column and, per row, the population
 * (population[i] for data row i; NaN when unknown).  Errors as above
 * (negative counts, populations that are not > 0). */
fs_status_t fs_compare_rates(const fs_table_t *t, const fs_description_t *d, size_t count_col,
                             const double *population, double per, double level,
                             fs_comparison_t *out, fs_error_t *err);

/* Fills population[0..t->nrows-1] for the rows of t that are forces, from a
 * population table: pop_force_col names the force (any spelling or ONS
 * code), pop_value_col holds the population; when year_col is not
 * (size_t)-1 only rows whose year_col equals `year` (text) count.  Rows of
 * t that are not forces, or forces the population table lacks, get NaN.
 * Errors: FS_EPARSE for a force with two population rows (name the line;
 * the message suggests choosing a year), a population that is not a
 * number.  FS_EDOM when no population row is selected at all. */
fs_status_t fs_join_population(const fs_table_t *t, const fs_description_t *d,
                               const fs_table_t *pop, size_t pop_force_col, size_t pop_value_col,
                               size_t year_col, const char *year, double *population,
                               fs_error_t *err);

/* As fs_join_population for a long table: row i takes the population of
 * the year its period names, the first four-digit number in its period
 * columns pcols (in order) plus offset: 2019/20 takes mid-2019, and
 * 2020-03-31 mid-2020 (offset 0).  year_col, the population table's year
 * column, is required.  Errors: FS_EPARSE for a period that names no
 * year; FS_EDOM for a period whose year has no population row at all
 * (naming the period, its line and the year); those of
 * fs_join_population. */
fs_status_t fs_join_population_by_period(const fs_table_t *t, const fs_description_t *d,
                                         const size_t *pcols, size_t npcols, int offset,
                                         const fs_table_t *pop, size_t pop_force_col,
                                         size_t pop_value_col, size_t year_col,
                                         double *population, fs_error_t *err);

/* The same over columns of numbers, for the rows of the table d
 * describes: num[i] (the successes, or the count of a rate) and den[i]
 * (the trials, or the population) of data row i, NaN when missing.  These
 * parse nothing; the table-taking functions above parse each column and
 * call them.  An error about one row carries its index and, in
 * err->column, which input is at fault (line 0, the file untouched):
 * FS_INPUT_NUMERATOR (num, or a population table's force) or
 * FS_INPUT_DENOMINATOR (den, or its population); its message begins
 * "row N: ", which a caller naming the cell may replace.  A force that
 * occurs twice is FS_EPARSE with FS_REASON_DUPLICATE_FORCE and the second
 * row.  Errors otherwise as the table-taking functions'. */
#define FS_INPUT_NUMERATOR 1
#define FS_INPUT_DENOMINATOR 2
fs_status_t fs_compare_proportions_values(const fs_description_t *d, const double *num,
                                          const double *den, fs_ci_method_t method,
                                          double level, fs_comparison_t *out, fs_error_t *err);
fs_status_t fs_compare_rates_values(const fs_description_t *d, const double *count,
                                    const double *population, double per, double level,
                                    fs_comparison_t *out, fs_error_t *err);

/* fs_join_population over columns of numbers: the population table's row
 * k names force pop_force[k] (a registry index; -1 for a row that is no
 * force or is not selected) and holds pop_value[k], which pop_kind[k] says
 * was a number, missing (NaN) or not a number (FS_EPARSE,
 * FS_REASON_NOT_A_NUMBER, at FS_INPUT_DENOMINATOR, when the row is
 * selected).  A second row of one force: FS_EPARSE,
 * FS_REASON_DUPLICATE_FORCE, index the second row.  No row selected:
 * FS_EDOM. */
fs_status_t fs_join_population_values(const fs_description_t *d, const int *pop_force,
                                      const double *pop_value, const fs_field_kind_t *pop_kind,
                                      size_t npop, double *population, fs_error_t *err);

/* fs_join_population_by_period over numbers: data row i takes the
 * population of year[i] (its period's year, the offset applied), the
 * population table's rows of that year (pop_year[k]) joined as by
 * fs_join_population_values, each year once in the order the rows first
 * name it.  A year with no population row at all: FS_EDOM,
 * FS_REASON_MISSING_VALUE, index the first data row naming it.  Errors
 * otherwise those of fs_join_population_values, and FS_ENOMEM. */
fs_status_t fs_join_population_by_year(const fs_description_t *d, const int *year,
                                       const int *pop_force, const int *pop_year,
                                       const double *pop_value, const fs_field_kind_t *pop_kind,
                                       size_t npop, double *population, fs_error_t *err);

/* "missing", "lower", "similar", "higher". */
const char *fs_mark_name(fs_mark_t mark);

void fs_comparison_free(fs_comparison_t *c);

#ifdef __cplusplus
}
#endif

#endif
