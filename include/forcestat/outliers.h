/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outliers.h: a measure of a force dataset against the outlier band:
 * which rows form the band, the band itself, each row's z and flag, and
 * the England and Wales comparator when the file has one.
 *
 * Contract (status.h): opt may be NULL (fs_band_options_init's defaults).
 * After a failure the fs_outliers_t is emptied or still owns what it
 * allocated, so fs_outliers_free is always safe on it (it also accepts
 * NULL). */
#ifndef FORCESTAT_OUTLIERS_H
#define FORCESTAT_OUTLIERS_H

#include <stddef.h>

#include "forcestat/bands.h"
#include "forcestat/dataset.h"
#include "forcestat/describe.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fs_outlier_row {
    size_t row;   /* data row in the table */
    double value; /* NaN when missing */
    double z;     /* NaN when missing */
    fs_flag_t flag;
} fs_outlier_row_t;

typedef struct fs_outliers {
    size_t column;        /* the measure's column */
    fs_band_t band;
    int other_units;      /* 1: no territorial forces, the band is over the unknown rows */
    int has_comparator;   /* the file has an England and Wales row with a value */
    double comparator;
    size_t comparator_row;
    size_t nrows;
    fs_outlier_row_t *rows; /* the band's rows, in file order */
} fs_outliers_t;

/* Computes the band of column `column` of table t, described by d (from
 * fs_describe with the force column).  The band is over the territorial
 * forces; if the file names none, over its unknown rows (other units),
 * so that the method serves other kinds of area too.  England and Wales,
 * regions, BTP and other known non-force rows never enter the band; the
 * first England and Wales row with a value is the comparator, unless it
 * holds the forces' total (fs_description_national_total): then there is
 * none.  Errors:
 * FS_EPARSE for a non-numeric cell (file, line, column) or a force that
 * occurs twice (the second line); FS_EDOM from the band, prefixed with
 * the measure's name; FS_ENOMEM.  Free with fs_outliers_free(). */
fs_status_t fs_outliers_compute(const fs_table_t *t, const fs_description_t *d, size_t column,
                                const fs_band_options_t *opt, fs_outliers_t *out,
                                fs_error_t *err);

/* The same over a column of numbers: values[i] for data row i of the
 * table d describes (NaN when missing); out->column is left 0 for the
 * caller to set.  Parses nothing (fs_outliers_compute parses the column
 * and calls it).  Errors: a force that occurs twice (FS_EPARSE,
 * FS_REASON_DUPLICATE_FORCE, index the second row); the band's, with the
 * band's value index turned into the data row; FS_ENOMEM. */
fs_status_t fs_outliers_compute_values(const fs_description_t *d, const double *values,
                                       const fs_band_options_t *opt, fs_outliers_t *out,
                                       fs_error_t *err);

void fs_outliers_free(fs_outliers_t *o);

#ifdef __cplusplus
}
#endif

#endif
