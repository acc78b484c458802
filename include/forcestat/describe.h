/* SPDX-License-Identifier: GPL-3.0-or-later */
/* describe.h: what a dataset holds, as `forcestat check` reports it:
 * which rows are forces, which are other known units, which are unknown,
 * which forces repeat, and which columns are numeric measures.
 *
 * Contract (status.h): after a failure of fs_describe, *out is NULL;
 * fs_description_free accepts NULL. */
#ifndef FORCESTAT_DESCRIBE_H
#define FORCESTAT_DESCRIBE_H

#include <stddef.h>
#include <stdint.h>

#include "forcestat/dataset.h"
#include "forcestat/registry.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How each column's cells parse. */
typedef struct fs_column_summary {
    size_t numbers;     /* cells that are numbers */
    size_t missing;     /* cells that are missing-value tokens */
    size_t invalid;     /* other cells */
    size_t first_invalid_row; /* row of the first invalid cell (valid when invalid > 0) */
    int is_measure;           /* numbers > 0 and invalid == 0, not the force column, and not a
                                 column of periods or identifiers (fs_column_role) */
} fs_column_summary_t;

#define FS_UNKNOWN_MAX 64

typedef struct fs_description {
    size_t force_column;
    size_t nrows;
    fs_unit_t *units;            /* one per data row */
    fs_column_summary_t *columns; /* one per column */
    size_t *duplicate_rows;      /* rows whose force occurred on an earlier row */
    size_t nduplicates;
    size_t forces_present;       /* distinct forces found */
    unsigned char present[FS_FORCE_COUNT]; /* whether force i has a row */
    /* The first row of each distinct label that names nothing known
     * (blank labels aside), in table order: at most FS_UNKNOWN_MAX, and
     * unknown_more set when there were more. */
    size_t *unknown_rows;
    size_t nunknown;
    int unknown_more;
    /* The column that gives each row's kind of area ("area_type": force,
     * region, country), or SIZE_MAX when there is none. */
    size_t area_type_column;
    /* The parsed cells, column after column (values[c * nrows + i]; NaN
     * for missing and for text), so that commands need not parse again. */
    double *values;
} fs_description_t;

/* Describes table t with force_column as the row label.  When another
 * cell of a row holds an ONS code of a known unit (a code column beside a
 * name column), the code decides: "West Midlands" with E12000005 is the
 * region, with E23000014 the force.  So does a column of area types
 * (a header holding "type" or "level" whose cells say force, region,
 * country or national): "West Midlands" marked region is the region.
 * *out is freed
 * with fs_description_free().  Errors: FS_EINVAL (bad column), FS_ENOMEM. */
fs_status_t fs_describe(const fs_table_t *t, size_t force_column, fs_description_t **out,
                        fs_error_t *err);

void fs_description_free(fs_description_t *d);

/* The force column found by content: the column whose cells name the
 * most distinct territorial forces, by name or by ONS code, over the first
 * FS_FORCE_SCAN_ROWS data rows.  On a tie a column of names wins over a
 * column of codes, then the header decides: a name that holds "force",
 * then "pfa", then "area", then "falls within"; else the leftmost.  When no column names a force, column 0 (the table is of
 * other units).  Never fails; *found (may be NULL) says whether any
 * column named a force. */
#define FS_FORCE_SCAN_ROWS 5000
size_t fs_find_force_column(const fs_table_t *t, int *found);

/* Whether row i is one of the rows every comparison is over: a
 * territorial force, or, in a table that names no force (local
 * authorities, hospitals), a row of an unknown unit.  England and Wales,
 * countries, regions and other forces never are.  Every command selects
 * its rows by this one rule. */
int fs_description_selects(const fs_description_t *d, size_t i);

/* What a column is to the commands that find measures by themselves
 * (outliers without --value; report and chart spine on a plain table). */
typedef enum fs_column_role {
    FS_COLUMN_TEXT,       /* the force column, or cells that are not numbers, or no number */
    FS_COLUMN_MEASURE,    /* numbers and missing values: a measure to band */
    FS_COLUMN_PERIOD,     /* its header names a period AND every number is one */
    FS_COLUMN_IDENTIFIER, /* its header names an identifier AND every number is whole, >= 0 */
    FS_COLUMN_CONSTANT    /* a measure whose selected rows (3 or more) all hold one value */
} fs_column_role_t;

/* Column c's role, by one rule on its header and its content:
 *  - PERIOD: a header word (split at anything but letters and digits, and
 *    where a capital follows a small letter) is year, years, yr, fy,
 *    period, date, quarter, qtr, month or week, AND every number in the
 *    column is a whole number that reads as a period: a year 1900..2100,
 *    yyyymm, yyyymmdd, or under quarter, month or week a number in 1..4,
 *    1..12 or 1..53.  ("2019/20", "2019-20", dates and "Q1 2019" are not
 *    numbers: such columns are TEXT, and no measure either.)
 *  - IDENTIFIER: a header word is id, identifier or code, AND every
 *    number is whole and >= 0.  (Codes like E23000001 are TEXT.)
 *    A header with a word of a measure (count, total, sum, per, rate,
 *    population: "Crimes per year") names neither.
 *  - CONSTANT: otherwise a measure, but fs_column_constant.
 * A header alone, or content alone, is not enough: "2019" heads many a
 * measure, and a count can be 2019.  PERIOD and IDENTIFIER columns are
 * not measures (is_measure is 0); a CONSTANT one is (is_measure is 1),
 * but has no band: commands that pick measures themselves leave it out
 * with a note.  Never fails: TEXT for a column out of range or a
 * description of another table. */
fs_column_role_t fs_column_role(const fs_table_t *t, const fs_description_t *d, size_t c);

/* 1 when the rows fs_description_selects that have a value in column c
 * are 3 or more and all hold the same value (the band's "all equal"
 * refusal, foreseen); else 0.  *n (may be NULL) gets how many rows have
 * a value and *value (may be NULL) the first of them (NaN when none). */
int fs_column_constant(const fs_table_t *t, const fs_description_t *d, size_t c, size_t *n,
                       double *value);

/* An England and Wales row that holds the forces' total. */
typedef struct fs_national_total {
    size_t row;        /* the England and Wales (national) row */
    double value;      /* its value */
    double forces_sum; /* the sum of the territorial forces' values */
    size_t forces;     /* how many forces have a value */
} fs_national_total_t;

/* 1 when the first England and Wales (national: "England and Wales",
 * "England & Wales", "National", every spelling of the registry) row with
 * a value in column c holds the forces' total: its value is within 1% of
 * the sum S of the territorial forces' values (|value - S| <= 0.01 |S|,
 * S != 0, two forces or more with a value); *total (may be NULL) then
 * says so.  Else 0: the row is an average or a rate, or there is none.
 * Such a total is no comparator: fs_outliers_compute does not take it,
 * so no England and Wales line is drawn from it. */
int fs_description_national_total(const fs_table_t *t, const fs_description_t *d, size_t c,
                                  fs_national_total_t *total);
/* The same for a column already parsed: values[i] is row i's (NaN when it
 * has none), for the d->nrows rows d describes. */
int fs_description_national_total_values(const fs_description_t *d, const double *values,
                                         fs_national_total_t *total);

/* FS_OK when no force occurs twice; else FS_EPARSE naming the second
 * occurrence's file, line and column and the line of the first: a
 * comparison needs one row per force. */
fs_status_t fs_description_check_unique(const fs_table_t *t, const fs_description_t *d,
                                        fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif
