/* SPDX-License-Identifier: GPL-3.0-or-later */
/* population.h: --population-file, read and joined to a table's rows by
 * force, and by --population-year or by each row's period (`rates`,
 * `change`). */
#ifndef FORCESTAT_CLI_POPULATION_H
#define FORCESTAT_CLI_POPULATION_H

#include "options.h"

typedef struct cli_population {
    const char *cmd;                /* for messages */
    const char *file, *column;      /* --population-file, --population-column */
    const char *year, *year_column; /* --population-year (NULL: none), --year-column */
    const cli_periods_t *periods;   /* --period, or NULL: a table of one row per force */
    int offset;                     /* --population-offset */
    fs_encoding_t encoding;
} cli_population_t;

/* Fills population (one value a row of t) from the population file: the
 * file is read into *pop (freed by the caller), and joined by force, and
 * by year or by period when asked.  A population of 0 or less in the
 * file is named there.  Returns an exit code. */
int cli_population_file(const cli_population_t *r, const fs_table_t *t, const fs_description_t *d,
                        fs_table_t **pop, double *population);

#endif
