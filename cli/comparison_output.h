/* SPDX-License-Identifier: GPL-3.0-or-later */
/* comparison_output.h: text, CSV and JSON for `proportions` and `rates`. */
#ifndef FORCESTAT_CLI_COMPARISON_OUTPUT_H
#define FORCESTAT_CLI_COMPARISON_OUTPUT_H

#include "common.h"

/* The output of a measure computed with FS_WANT_COMPARISON (and, with
 * groups, spec.groups: each force against its most similar group too):
 * measure is a short description for headings, e.g. "searches /
 * population".  Returns an exit code. */
int comparison_output(cli_format_t format, const fs_measure_t *m, const char *measure,
                      const fs_groups_t *groups);

/* A long table's comparison in every period (FS_WANT_PERIODS):
 * CSV one table, the period columns first, each period's forces then its
 * England and Wales row; JSON {"measure", "method", "level", "periods":
 * [{"period": LABEL, ...the one-period fields...}]}; text one block per
 * period under "== LABEL".  Returns an exit code. */
int comparison_output_periods(cli_format_t format, const fs_measure_t *m,
                              const char *const *period_columns, size_t npcols, const char *measure,
                              const fs_groups_t *groups);

#endif
