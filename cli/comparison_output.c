/* SPDX-License-Identifier: GPL-3.0-or-later */
/* comparison_output.c: shared output of `proportions` and `rates`: the
 * groups file read and each comparison handed to its one description
 * (stats/render/result_compare.c). */
#include "comparison_output.h"

#include <stdlib.h>
#include <string.h>

#include "render/results.h"

/* The most similar group comparison of c, when groups are given. */
static int group_comparison(const fs_groups_t *groups, const fs_description_t *d,
                            const fs_comparison_t *c, fs_group_comparison_t **gc)
{
    *gc = NULL;
    if (groups == NULL)
        return EXIT_OK;
    fs_error_t err;
    fs_error_clear(&err);
    *gc = calloc(c->nrows ? c->nrows : 1, sizeof **gc);
    if (*gc == NULL)
        return EXIT_DATA;
    if (fs_groups_compare(groups, d, c, *gc, &err) != FS_OK) {
        free(*gc);
        *gc = NULL;
        return cli_report(&err);
    }
    return EXIT_OK;
}

/* Writes the n comparisons and frees their group comparisons. */
static int write_comparisons(cli_format_t format, const fs_comparison_output_t *o,
                             fs_comparison_result_t *r, size_t n, int code)
{
    if (code == EXIT_OK) {
        fs_buf_t out;
        fs_buf_init(&out);
        fs_comparison_write(&out, (fs_output_format_t)format, o, r, n);
        code = cli_write_output(&out, format);
        fs_buf_free(&out);
    }
    for (size_t k = 0; k < n; k++)
        free((void *)r[k].gc);
    return code;
}

int comparison_output(cli_format_t format, const fs_table_t *t, const fs_description_t *d,
                      const fs_comparison_t *c, const char *measure, const char *groups_path)
{
    fs_groups_t *groups;
    int code = cli_load_groups(groups_path, &groups);
    if (code != EXIT_OK)
        return code;
    fs_group_comparison_t *gc;
    code = group_comparison(groups, d, c, &gc);
    fs_comparison_output_t o = {measure, groups, 0, NULL, 0, cli_csv_raw};
    fs_comparison_result_t r = {t, d, c, gc, NULL, NULL};
    code = write_comparisons(format, &o, &r, 1, code);
    fs_groups_free(groups);
    return code;
}

/* Period k's result: its comparison, group comparison and (CSV) the
 * values of its period columns, into values. */
static int period_result(const fs_measure_period_t *p, const fs_groups_t *groups,
                         const char *const *period_columns, size_t npcols, const char **values,
                         fs_comparison_result_t *r)
{
    fs_group_comparison_t *gc;
    int code = group_comparison(groups, p->desc, &p->comparison, &gc);
    for (size_t j = 0; j < npcols && code == EXIT_OK; j++) {
        fs_error_t err;
        size_t col;
        if (fs_table_find_column(p->table, period_columns[j], &col, &err) != FS_OK)
            code = cli_report(&err);
        else
            values[j] = fs_table_cell(p->table, 0, col);
    }
    *r = (fs_comparison_result_t){p->table, p->desc, &p->comparison, gc, p->label, values};
    return code;
}

int comparison_output_periods(cli_format_t format, const fs_measure_t *m,
                              const char *const *period_columns, size_t npcols, const char *measure,
                              const char *groups_path)
{
    fs_groups_t *groups;
    int code = cli_load_groups(groups_path, &groups);
    if (code != EXIT_OK)
        return code;
    size_t n = m->nperiods;
    fs_comparison_result_t *r = calloc(n ? n : 1, sizeof *r);
    const char **values = calloc((n ? n : 1) * (npcols ? npcols : 1), sizeof *values);
    size_t done = 0;
    if (r == NULL || values == NULL)
        code = EXIT_DATA;
    for (; code == EXIT_OK && done < n; done++)
        code = period_result(&m->periods[done], groups, period_columns, npcols,
                             values + done * npcols, &r[done]);
    fs_comparison_output_t o = {measure, groups, 1, period_columns, npcols, cli_csv_raw};
    code = write_comparisons(format, &o, r, r != NULL ? done : 0, code);
    free(values);
    free(r);
    fs_groups_free(groups);
    return code;
}
