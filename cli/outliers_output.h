/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outliers_output.h: the outlier band's output, shared by `outliers` and
 * `report`: the names they call it by, over its one description in
 * stats/render/result_band.c (results.h). */
#ifndef FORCESTAT_CLI_OUTLIERS_OUTPUT_H
#define FORCESTAT_CLI_OUTLIERS_OUTPUT_H

#include "common.h"
#include "render/results.h"

typedef fs_higher_t higher_is_t;
#define HIGHER_NONE FS_HIGHER_NONE
#define HIGHER_BETTER FS_HIGHER_BETTER
#define HIGHER_WORSE FS_HIGHER_WORSE

/* The reader-facing label of a flag ("better than most forces"). */
#define label_for fs_band_label

/* qsort order of band rows: highest value first, missing last, then file
 * order. */
#define outlier_rows_by_value_desc fs_band_rows_by_value_desc

#define OUTLIERS_MAX_COLUMNS FS_BAND_MAX_COLUMNS
#define OUTLIERS_FORCE_COLUMN FS_BAND_FORCE_COLUMN
#define OUTLIERS_VALUE_COLUMN FS_BAND_VALUE_COLUMN

/* The band's result table (fs_band_table); groups and group_mean (one per
 * band row) may be NULL. */
fs_status_t outliers_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_table_t *t,
                           const fs_description_t *d, const fs_outliers_t *o, higher_is_t higher,
                           const fs_groups_t *groups, const double *group_mean, fs_error_t *err);

/* One measure's band as a JSON object (indented by `indent`). */
void format_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                 const fs_outliers_t *o, const fs_band_options_t *opt, higher_is_t higher,
                 const fs_groups_t *groups, const double *group_mean, const char *indent);

/* The CSV header (with a label column when higher is set) and one
 * measure's rows (--csv-raw as given). */
void format_csv_header(fs_buf_t *out, higher_is_t higher, int with_groups);
void format_csv_rows(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                     const fs_outliers_t *o, higher_is_t higher, const fs_groups_t *groups,
                     const double *group_mean);

#endif
