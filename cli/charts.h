/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charts.h: what the chart-drawing commands (`chart`, `report`) and the
 * funnel options share. */
#ifndef FORCESTAT_CLI_CHARTS_H
#define FORCESTAT_CLI_CHARTS_H

#include "common.h"

/* The force named by --highlight (any spelling or code) as a registry
 * index in *force, -1 when name is NULL.  Prints an error and returns
 * EXIT_USAGE when the name is no territorial force, EXIT_DATA when the
 * force has no row in the table. */
int cli_find_highlight(const char *cmd, const fs_table_t *t, const fs_description_t *d,
                       const char *name, int *force);

/* The funnel's options, for a command's option table. */
#define CLI_OPT_FUNNEL                                                                            \
    {"type", required_argument, NULL, 'T'}, {"per", required_argument, NULL, 'R'},                \
        {"limits", required_argument, NULL, 'L'},                                                 \
        {"overdispersion", required_argument, NULL, 'O'}, {"target", required_argument, NULL, 'G'}

/* Prints "forcestat CMD: --highlight 'NAME' is not a territorial force"
 * (with "did you mean" for a near miss) and returns EXIT_USAGE. */
int cli_not_a_force(const char *cmd, const char *name);

/* Parses one funnel option (c: 'T' type, 'R' per, 'L' limits, 'O'
 * overdispersion, 'G' target); prints a usage error on failure. */
int parse_funnel_option(const char *cmd, int c, const char *arg, fs_funnel_options_t *o);

#endif
