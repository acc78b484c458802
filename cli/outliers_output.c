/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outliers_output.c: the band's output for `outliers` and `report`, with
 * the program's --csv-raw (outliers_output.h). */
#include "outliers_output.h"

#include <string.h>

fs_status_t outliers_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_table_t *t,
                           const fs_description_t *d, const fs_outliers_t *o, higher_is_t higher,
                           const fs_groups_t *groups, const double *group_mean, fs_error_t *err)
{
    fs_band_result_t r = {t, d, o, NULL, higher, groups, group_mean, cli_csv_raw, NULL, 0};
    return fs_band_table(rt, cols, &r, err);
}

void format_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                 const fs_outliers_t *o, const fs_band_options_t *opt, higher_is_t higher,
                 const fs_groups_t *groups, const double *group_mean, const char *indent)
{
    fs_band_result_t r = {t, d, o, opt, higher, groups, group_mean, cli_csv_raw, NULL, 0};
    fs_band_json(out, &r, (int)strlen(indent));
}

void format_csv_header(fs_buf_t *out, higher_is_t higher, int with_groups)
{
    fs_band_csv_header(out, higher, with_groups, cli_csv_raw);
}

void format_csv_rows(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                     const fs_outliers_t *o, higher_is_t higher, const fs_groups_t *groups,
                     const double *group_mean)
{
    fs_band_result_t r = {t, d, o, NULL, higher, groups, group_mean, cli_csv_raw, NULL, 0};
    fs_band_csv_rows(out, &r);
}
