/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outliers_output.h: the outlier band table in JSON and CSV, shared by
 * `outliers` and `report`. */
#ifndef FORCESTAT_CLI_OUTLIERS_OUTPUT_H
#define FORCESTAT_CLI_OUTLIERS_OUTPUT_H

#include "common.h"

typedef enum { HIGHER_NONE, HIGHER_BETTER, HIGHER_WORSE } higher_is_t;

/* The reader-facing label of a flag ("better than most forces"). */
const char *label_for(fs_flag_t flag, higher_is_t higher);

/* qsort order of band rows: highest value first, missing last, then file
 * order. */
int outlier_rows_by_value_desc(const void *pa, const void *pb);

/* The ONS code of a row's unit, or NULL. */
const char *code_of(const fs_description_t *d, size_t row);

/* Rounds for people: enough digits to tell forces apart, no more. */
void human(fs_buf_t *out, double x);

/* One measure's band as a JSON object (indented by `indent`). */
/* groups and group_mean (one per band row) may be NULL; with them each
 * force also gets its group and the group's mean. */
void format_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                 const fs_outliers_t *o, const fs_band_options_t *opt, higher_is_t higher,
                 const fs_groups_t *groups, const double *group_mean, const char *indent);

/* The band's result table, described once: CSV has every column (measure,
 * force, code, value, z, flag, scale, centre, lower, upper, then label and
 * group, group_mean when asked for), JSON the per-force ones, and the text
 * table Force, Code, Value, z, Flag with the label and group after it. */
#define OUTLIERS_MAX_COLUMNS 16
#define OUTLIERS_FORCE_COLUMN 1
#define OUTLIERS_VALUE_COLUMN 3
size_t outliers_columns(fs_rcol_t *cols, higher_is_t higher, int with_groups, int other_units);
fs_status_t outliers_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_table_t *t,
                           const fs_description_t *d, const fs_outliers_t *o, higher_is_t higher,
                           const fs_groups_t *groups, const double *group_mean, fs_error_t *err);

/* The CSV header (with a label column when higher is set) and one
 * measure's rows. */
void format_csv_header(fs_buf_t *out, higher_is_t higher, int with_groups);
void format_csv_rows(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                     const fs_outliers_t *o, higher_is_t higher, const fs_groups_t *groups,
                     const double *group_mean);

#endif
