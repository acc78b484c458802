/* SPDX-License-Identifier: GPL-3.0-or-later */
/* population.c: a population file joined to a table's rows, as `rates`
 * and `change` take it (population.h). */
#include "population.h"

#include <string.h>

/* A population of 0 or less in the population file is named there, by
 * the file's name and line, before the join takes it into the dataset's
 * rows (where the error would name the dataset's line instead).  Rows of
 * other years than --population-year, and rows that name no force, are
 * not used and not checked; a cell that is no number is the join's to
 * report. */
static int check_population_file(const fs_table_t *pop, size_t pfc, size_t value_col,
                                 size_t year_col, const char *year)
{
    if (pfc >= pop->ncols)
        return EXIT_OK;
    for (size_t i = 0; i < pop->nrows; i++) {
        if (year != NULL && year_col != (size_t)-1 &&
            strcmp(fs_table_cell(pop, i, year_col), year) != 0)
            continue;
        const char *label = fs_table_cell(pop, i, pfc);
        if (fs_registry_match(label, strlen(label)).kind != FS_UNIT_FORCE)
            continue;
        const char *cell = fs_table_cell(pop, i, value_col);
        double v;
        if (fs_parse_number(cell, strlen(cell), &v, NULL) == FS_FIELD_NUMBER && !(v > 0)) {
            fs_error_t err;
            fs_error_clear(&err);
            fs_error_at(&err, pop->name, pop->lines[i], (long)value_col + 1, cell, strlen(cell));
            fs_error_set(&err, FS_EPARSE, "the population of %s is not > 0", label);
            return cli_report(&err);
        }
    }
    return EXIT_OK;
}

int cli_population_file(const cli_population_t *r, const fs_table_t *t, const fs_description_t *d,
                        fs_table_t **pop, double *population)
{
    fs_error_t err;
    fs_error_clear(&err);
    size_t pfc, value_col, year_col = (size_t)-1;
    int code;
    if ((code = cli_load_table(r->file, r->encoding, NULL, NULL, pop, &pfc)) != EXIT_OK)
        return code;
    if (fs_table_find_column(*pop, r->column, &value_col, &err) != FS_OK)
        return cli_report(&err);
    if (r->year != NULL || r->periods != NULL) {
        const char *yc = r->year_column;
        if (yc == NULL)
            yc = fs_table_find_column(*pop, "mid_year", &year_col, NULL) == FS_OK ? "mid_year"
                                                                                  : "year";
        if (fs_table_find_column(*pop, yc, &year_col, &err) != FS_OK)
            return cli_report(&err);
    }
    if ((code = check_population_file(*pop, pfc, value_col, year_col, r->year)) != EXIT_OK)
        return code;
    if (r->periods != NULL) {
        size_t pcols[FS_MEASURE_MAX_PERIOD_COLUMNS];
        for (size_t k = 0; k < r->periods->n; k++) {
            if (fs_table_find_column(t, r->periods->names[k], &pcols[k], &err) != FS_OK)
                return cli_report(&err);
        }
        if (fs_join_population_by_period(t, d, pcols, r->periods->n, r->offset, *pop, pfc,
                                         value_col, year_col, population, &err) != FS_OK)
            return cli_report(&err);
    } else if (fs_join_population(t, d, *pop, pfc, value_col, year_col, r->year, population,
                                  &err) != FS_OK) {
        code = cli_report(&err);
        if (r->year == NULL && err.status == FS_EPARSE && err.reason == FS_REASON_DUPLICATE_FORCE)
            fprintf(stderr,
                    "forcestat %s: the population file has a row per year: choose one with "
                    "--population-year YEAR\n",
                    r->cmd);
        return code;
    }
    return EXIT_OK;
}
