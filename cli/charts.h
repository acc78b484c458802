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

/* `forcestat chart spine` (cmd_spine.c): argv[0] is "spine". */
int chart_spine(int argc, char **argv);
/* `forcestat chart ratio` (cmd_ratio.c): argv[0] is "ratio". */
int chart_ratio(int argc, char **argv);

/* The SPC chart's options ('spc' and 'chart spc'), --target apart: it is
 * the funnel's 'G' too, so each command reads it for the chart it draws. */
#define CLI_OPT_SPC                                                                               \
    {"rebase", required_argument, NULL, 'B'}, {"baseline", required_argument, NULL, 'N'},         \
        {"no-screen", no_argument, NULL, 'Z'}, {"improvement", required_argument, NULL, 'I'},     \
        {"min-points", required_argument, NULL, 'M'}

#define CLI_SPC_MAX_REBASES 64
typedef struct cli_spc {
    fs_spc_options_t opt;
    const char *rebase[CLI_SPC_MAX_REBASES]; /* period labels, into buf */
    size_t nrebase;
    char buf[4096];
    size_t used;
} cli_spc_t;

void cli_spc_init(cli_spc_t *s);

/* Parses one SPC option (c: 'B' rebase, 'N' baseline, 'Z' no-screen, 'I'
 * improvement, 'M' min-points, 'G' target); prints a usage error on
 * failure; -1 when c is none of them. */
int cli_spc_option(const char *cmd, int c, const char *arg, cli_spc_t *s);

/* (Their help lines: cli/help/opt-spc.txt.) */

#endif
