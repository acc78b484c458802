/* SPDX-License-Identifier: GPL-3.0-or-later */
/* options.h: the options most commands share (--format, --encoding,
 * --force, --filter, --groups; the band's --alpha and --log-rule; the
 * intervals' --method and --level), declared, parsed and documented once. */
#ifndef FORCESTAT_CLI_OPTIONS_H
#define FORCESTAT_CLI_OPTIONS_H

#include <getopt.h>

#include "common.h"

/* getopt codes of the shared options: above every character a command
 * uses for its own. */
enum {
    OPT_FORMAT = 256,
    OPT_ENCODING,
    OPT_FORCE,
    OPT_FILTER,
    OPT_GROUPS,
    OPT_ALPHA,
    OPT_LOG_RULE,
    OPT_METHOD,
    OPT_LEVEL,
    OPT_CSV_RAW,
    OPT_SHEET,
    OPT_RANGE,
    OPT_QUIET
};

/* Entries for a command's option table. */
#define CLI_OPT_FORMAT {"format", required_argument, NULL, OPT_FORMAT}
#define CLI_OPT_ENCODING {"encoding", required_argument, NULL, OPT_ENCODING}, \
    {"sheet", required_argument, NULL, OPT_SHEET}, {"range", required_argument, NULL, OPT_RANGE}
#define CLI_OPT_FORCE {"force", required_argument, NULL, OPT_FORCE}
#define CLI_OPT_FILTER {"filter", required_argument, NULL, OPT_FILTER}
#define CLI_OPT_GROUPS {"groups", required_argument, NULL, OPT_GROUPS}
#define CLI_OPT_CSV_RAW {"csv-raw", no_argument, NULL, OPT_CSV_RAW}
#define CLI_OPT_BAND {"alpha", required_argument, NULL, OPT_ALPHA}, \
    {"log-rule", required_argument, NULL, OPT_LOG_RULE}
#define CLI_OPT_INTERVALS {"method", required_argument, NULL, OPT_METHOD}, \
    {"level", required_argument, NULL, OPT_LEVEL}
/* --quiet: no notes on stderr (cli_quiet). */
#define CLI_OPT_QUIET {"quiet", no_argument, NULL, OPT_QUIET}
/* The table every command reading a force table takes. */
#define CLI_OPT_TABLE CLI_OPT_FORMAT, CLI_OPT_ENCODING, CLI_OPT_FORCE, CLI_OPT_FILTER, CLI_OPT_QUIET

/* What the shared options set. */
typedef struct cli_shared {
    const char *cmd;    /* for messages */
    unsigned formats;   /* the formats the command writes (cli_format_t bits) */
    cli_format_t format;
    fs_encoding_t encoding;
    const char *force;  /* NULL: found by content */
    const char *groups; /* NULL: none */
    cli_filters_t filters;
    fs_band_options_t band;
    fs_ci_method_t method;
    double level;
} cli_shared_t;

/* Defaults: text (or the first format allowed), UTF-8, no force column,
 * no filters, the published band options, Wilson 95% intervals. */
void cli_shared_init(cli_shared_t *s, const char *cmd, unsigned formats);

/* Parses option c when it is a shared one: EXIT_OK, or EXIT_USAGE after
 * printing why; -1 when c is not a shared option. */
int cli_shared_option(cli_shared_t *s, int c, char *arg);

/* --period COL[,COL...]: the names, split into buf (kept by the caller).
 * EXIT_OK, or EXIT_USAGE after saying why (an empty name, more than
 * FS_MEASURE_MAX_PERIOD_COLUMNS). */
typedef struct cli_periods {
    char buf[1024];
    const char *names[FS_MEASURE_MAX_PERIOD_COLUMNS];
    size_t n;
} cli_periods_t;
int cli_split_periods(const char *cmd, const char *list, cli_periods_t *p);

#endif
