/* charts.h: the chart commands' builders, shared by `chart` and `report`:
 * each reads what it needs from the table and queues one chart. */
#ifndef FORCESTAT_CLI_CHARTS_H
#define FORCESTAT_CLI_CHARTS_H

#include "common.h"

typedef enum { CHART_BAR, CHART_TREND, CHART_INTERVALS, CHART_FUNNEL } chart_kind_t;

typedef struct chart_opts {
    chart_kind_t kind;
    const char *path, *output, *highlight, *title, *ylabel, *source, *compare;
    const char *value, *period, *numerator, *denominator, *force, *groups;
    int ascending, keep_script;
    fs_ci_method_t method;
    int is_rate;    /* intervals: numerator is a count, denominator a population */
    double per;     /* rates per this many people */
    double level;
    fs_band_options_t band;
    fs_encoding_t encoding;
    cli_filters_t filters;
    fs_funnel_options_t funnel;
} chart_opts_t;

/* A funnel fitted to a table's forces (or units). */
typedef struct funnel_data {
    size_t n;
    size_t *rows;      /* the table rows of the units */
    double *num, *den; /* their values (NaN: missing) */
    fs_funnel_t fit;
} funnel_data_t;

int funnel_load(const fs_table_t *t, const fs_description_t *d, const char *num_name,
                const char *den_name, const fs_funnel_options_t *opt, funnel_data_t *out);
void funnel_data_free(funnel_data_t *f);

/* Parses one funnel option (c: 'T' type, 'R' per, 'L' limits, 'O'
 * overdispersion, 'G' target); prints a usage error on failure. */
int parse_funnel_option(const char *cmd, int c, const char *arg, fs_funnel_options_t *o);

/* Each returns an exit code, having printed any error. */
int chart_bar(const chart_opts_t *o, const fs_table_t *t, const fs_description_t *d,
              fs_chart_batch_t *batch);
int chart_intervals(const chart_opts_t *o, const fs_table_t *t, const fs_description_t *d,
                    fs_chart_batch_t *batch);
int chart_trend(const chart_opts_t *o, const fs_table_t *t, const fs_description_t *d,
                fs_chart_batch_t *batch);
int chart_funnel(const chart_opts_t *o, const fs_table_t *t, const fs_description_t *d,
                 fs_chart_batch_t *batch);

#endif
