/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outliers.c: a table's measure against the outlier band. */
#include "forcestat/outliers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/status.h"

void fs_outliers_free(fs_outliers_t *o)
{
    if (o == NULL)
        return;
    free(o->rows);
    o->rows = NULL;
    o->nrows = 0;
}

fs_status_t fs_outliers_compute_values(const fs_description_t *d, const double *values,
                                       const fs_band_options_t *opt, fs_outliers_t *out,
                                       fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    fs_status_t st = FS_OK;
    double *band_values = malloc((d->nrows ? d->nrows : 1) * sizeof *band_values);
    out->rows = malloc((d->nrows ? d->nrows : 1) * sizeof *out->rows);
    if (band_values == NULL || out->rows == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (d->nduplicates > 0) {
        /* One row per force; the table's reader words it
         * (fs_description_check_unique). */
        size_t row = d->duplicate_rows[0];
        st = fs_error_raise(err, FS_EPARSE, FS_REASON_DUPLICATE_FORCE, row,
                            "row %zu: %s appears twice: a comparison needs one row per force",
                            row + 1, d->units[row].name ? d->units[row].name : "a force");
        goto cleanup;
    }
    out->other_units = d->forces_present == 0;
    /* An England and Wales row holding the forces' total is no
     * comparator. */
    int total = fs_description_national_total_values(d, values, NULL);
    for (size_t i = 0; i < d->nrows; i++) {
        if (d->units[i].kind == FS_UNIT_NATIONAL && !total && !out->has_comparator &&
            !isnan(values[i])) {
            out->has_comparator = 1;
            out->comparator = values[i];
            out->comparator_row = i;
        }
        if (!fs_description_selects(d, i))
            continue;
        band_values[out->nrows] = values[i];
        out->rows[out->nrows].row = i;
        out->rows[out->nrows].value = values[i];
        out->nrows++;
    }
    st = fs_band_compute(band_values, out->nrows, opt, &out->band, err);
    if (st != FS_OK) {
        /* The band's value index becomes the table row. */
        if (err != NULL && err->index != FS_ERROR_NO_INDEX)
            err->index = err->index < out->nrows ? out->rows[err->index].row : FS_ERROR_NO_INDEX;
        goto cleanup;
    }
    for (size_t k = 0; k < out->nrows; k++) {
        out->rows[k].z = fs_band_z(&out->band, out->rows[k].value);
        out->rows[k].flag = fs_band_flag(out->rows[k].z);
    }
cleanup:
    free(band_values);
    if (st != FS_OK)
        fs_outliers_free(out);
    return st;
}
