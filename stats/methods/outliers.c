/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outliers.c: a table's measure against the outlier band. */
#include "forcestat/outliers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../io/status_internal.h"

void fs_outliers_free(fs_outliers_t *o)
{
    if (o == NULL)
        return;
    free(o->rows);
    o->rows = NULL;
    o->nrows = 0;
}

fs_status_t fs_outliers_compute(const fs_table_t *t, const fs_description_t *d, size_t column,
                                const fs_band_options_t *opt, fs_outliers_t *out,
                                fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    if (column >= t->ncols)
        return fs_error_set(err, FS_EINVAL, "column %zu out of range", column + 1);
    fs_status_t st = FS_OK;
    double *values = malloc((t->nrows ? t->nrows : 1) * sizeof *values);
    double *band_values = malloc((t->nrows ? t->nrows : 1) * sizeof *band_values);
    out->rows = malloc((t->nrows ? t->nrows : 1) * sizeof *out->rows);
    if (values == NULL || band_values == NULL || out->rows == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (d->values != NULL && d->columns[column].invalid == 0 && d->nrows == t->nrows) {
        /* Parsed by fs_describe already: every cell a number or missing. */
        memcpy(values, d->values + column * t->nrows, t->nrows * sizeof *values);
    } else if ((st = fs_table_numeric_column(t, column, values, err)) != FS_OK) {
        goto cleanup;
    }
    if ((st = fs_description_check_unique(t, d, err)) != FS_OK)
        goto cleanup;
    out->column = column;
    out->other_units = d->forces_present == 0;
    /* An England and Wales row holding the forces' total is no
     * comparator. */
    int total = fs_description_national_total(t, d, column, NULL);
    for (size_t i = 0; i < t->nrows; i++) {
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
        fs_error_at(err, t->name, 0, 0, NULL, 0);
        fs_error_reword(err, st, 0, "measure '%s': ", t->columns[column]);
        goto cleanup;
    }
    for (size_t k = 0; k < out->nrows; k++) {
        out->rows[k].z = fs_band_z(&out->band, out->rows[k].value);
        out->rows[k].flag = fs_band_flag(out->rows[k].z);
    }
cleanup:
    free(values);
    free(band_values);
    if (st != FS_OK)
        fs_outliers_free(out);
    return st;
}
