/* SPDX-License-Identifier: GPL-3.0-or-later */
/* comparison_output.h: text, CSV and JSON for `proportions` and `rates`. */
#ifndef FORCESTAT_CLI_COMPARISON_OUTPUT_H
#define FORCESTAT_CLI_COMPARISON_OUTPUT_H

#include "common.h"

/* measure: a short description for headings, e.g. "searches / population".
 * groups_path: the most similar groups file (NULL: none), with which each
 * force is also compared with its group's pooled figure. */
/* Reads --groups and formats: the shared tail of `proportions` and
 * `rates`.  Returns an exit code. */
int comparison_output(cli_format_t format, const fs_table_t *t, const fs_description_t *d,
                      const fs_comparison_t *c, const char *measure, const char *groups_path);

/* A long table's comparison in every period (fs_measure_t.periods):
 * CSV one table, the period columns first, each period's forces then its
 * England and Wales row; JSON {"measure", "method", "level", "periods":
 * [{"period": LABEL, ...the one-period fields...}]}; text one block per
 * period under "== LABEL".  Returns an exit code. */
int comparison_output_periods(cli_format_t format, const fs_measure_t *m,
                              const char *const *period_columns, size_t npcols,
                              const char *measure, const char *groups_path);

#endif
