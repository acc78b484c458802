/* SPDX-License-Identifier: GPL-3.0-or-later */
/* band.c: the HMICFRS outlier band of one column of a force table.
 *
 *     band FILE.csv COLUMN
 *
 * Reads the table, finds its force column by content, and prints each
 * force's value, z and flag against the band (mean +/- 1 SD, on logs when
 * Shapiro-Wilk finds them more normal). */
#include <forcestat/forcestat.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: band FILE.csv COLUMN\n");
        return 2;
    }
    fs_error_t err;
    fs_error_clear(&err);
    fs_table_t *t = NULL;
    fs_description_t *d = NULL;
    fs_measure_t m = {0};
    char msg[1200];
    int code = 1;
    if (fs_table_read(&t, argv[1], NULL, &err) != FS_OK)
        goto fail;
    size_t force_col = fs_find_force_column(t, NULL);
    if (fs_describe(t, force_col, &d, &err) != FS_OK)
        goto fail;
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec); /* a value measure, its band */
    spec.value = argv[2];
    if (fs_measure_compute(t, force_col, d, &spec, &m, &err) != FS_OK)
        goto fail;
    const fs_band_t *b = &m.band.band;
    printf("%s: %zu forces, centre %g, lines at %g and %g (%s scale)\n", argv[2], b->n, b->centre,
           b->lower, b->upper, b->scale == FS_SCALE_LOG ? "log" : "raw");
    for (size_t k = 0; k < m.band.nrows; k++) {
        const fs_outlier_row_t *r = &m.band.rows[k];
        printf("  %-28s %12g %+6.2f %s\n", fs_table_cell(t, r->row, force_col), r->value, r->z,
               fs_flag_name(r->flag));
    }
    code = 0;
    goto done;
fail:
    fs_error_format(&err, msg, sizeof msg);
    fprintf(stderr, "band: %s\n", msg);
done:
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}
