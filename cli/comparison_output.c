/* SPDX-License-Identifier: GPL-3.0-or-later */
/* comparison_output.c: shared output of `proportions` and `rates`: each
 * computed comparison handed to its one description
 * (stats/render/result_compare.c). */
#include "comparison_output.h"

#include <stdlib.h>

#include "render/results.h"

/* Writes the n comparisons r[0..n-1]. */
static int write_comparisons(cli_format_t format, const fs_comparison_output_t *o,
                             const fs_comparison_result_t *r, size_t n)
{
    fs_buf_t out;
    fs_buf_init(&out);
    fs_comparison_write(&out, (fs_output_format_t)format, o, r, n);
    int code = cli_write_output(&out, format);
    fs_buf_free(&out);
    return code;
}

int comparison_output(cli_format_t format, const fs_measure_t *m, const char *measure,
                      const fs_groups_t *groups)
{
    fs_comparison_output_t o = {measure, groups, 0, NULL, 0, cli_csv_raw};
    fs_comparison_result_t r = {m->table, m->desc, &m->comparison, m->group_comparison, NULL, NULL};
    return write_comparisons(format, &o, &r, 1);
}

int comparison_output_periods(cli_format_t format, const fs_measure_t *m,
                              const char *const *period_columns, size_t npcols, const char *measure,
                              const fs_groups_t *groups)
{
    size_t n = m->nperiods;
    fs_comparison_result_t *r = calloc(n ? n : 1, sizeof *r);
    const char **values = calloc((n ? n : 1) * (npcols ? npcols : 1), sizeof *values);
    int code = r != NULL && values != NULL ? EXIT_OK : EXIT_DATA;
    for (size_t k = 0; code == EXIT_OK && k < n; k++) {
        const fs_measure_period_t *p = &m->periods[k];
        /* CSV: each period's rows start with its period columns. */
        for (size_t j = 0; j < npcols && code == EXIT_OK; j++) {
            fs_error_t err;
            size_t col;
            if (fs_table_find_column(p->table, period_columns[j], &col, &err) != FS_OK)
                code = cli_report(&err);
            else
                values[k * npcols + j] = fs_table_cell(p->table, 0, col);
        }
        r[k] = (fs_comparison_result_t){
            p->table, p->desc, &p->comparison, p->group_comparison, p->label, values + k * npcols};
    }
    fs_comparison_output_t o = {measure, groups, 1, period_columns, npcols, cli_csv_raw};
    if (code == EXIT_OK)
        code = write_comparisons(format, &o, r, n);
    free(values);
    free(r);
    return code;
}
