/* SPDX-License-Identifier: GPL-3.0-or-later */
/* columns.h (internal): a table's columns as numbers for the methods,
 * each parsed once, and the methods' errors located in the table. */
#ifndef FORCESTAT_COLUMNS_H
#define FORCESTAT_COLUMNS_H

#include "forcestat/compare.h"
#include "groups_compare.h" /* FS_MEASURE_HIDDEN */

/* Column col of t as numbers (NaN when missing): the description's parse
 * when d describes t and every cell of col parsed, else parsed here for
 * the error naming the first cell that is not a number. */
FS_MEASURE_HIDDEN fs_status_t fs_measure_column(const fs_table_t *t, const fs_description_t *d,
                                                size_t col, double *values, fs_error_t *err);

/* Names, in t, the place of an error st of fs_compare_proportions_values
 * or fs_compare_rates_values (in *err): the cell of num_col or den_col
 * (den_col SIZE_MAX: the population was no column, and its row is named
 * with its force), the row, or the file; a duplicated force as
 * fs_description_check_unique says it.  Returns st. */
FS_MEASURE_HIDDEN fs_status_t fs_measure_locate(const fs_table_t *t, const fs_description_t *d,
                                                size_t num_col, size_t den_col, fs_status_t st,
                                                fs_error_t *err);

#endif
