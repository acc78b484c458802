/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_ratio.c: `forcestat ratio`, each group's rate per 1,000 people
 * against a reference group's, per force and for England and Wales. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "options.h"
#include "render/results.h"

/* The options of 'ratio', parsed and checked. */
typedef struct {
    const char *group, *reference, *count, *pop_file, *pop_column, *pop_group, *not_stated;
    fs_rate_ratio_method_t method;
    const char *path;
    cli_shared_t o;
    int chart; /* chart ratio: the options below too */
    const char *output, *highlight, *compare;
    fs_chart_style_t style;
} ratio_opts_t;

/* Parses argv into r: -1 when the ratios are to be computed, else the
 * exit code (help shown, or a usage error). */
static int ratio_parse(int argc, char **argv, ratio_opts_t *r)
{
    static const struct option options[] = {{"group", required_argument, NULL, 'g'},
                                            {"reference", required_argument, NULL, 'R'},
                                            {"count", required_argument, NULL, 'c'},
                                            {"population", required_argument, NULL, 'P'},
                                            {"population-column", required_argument, NULL, 'C'},
                                            {"population-group", required_argument, NULL, 'G'},
                                            {"not-stated", required_argument, NULL, 'N'},
                                            {"method", required_argument, NULL, 'm'},
                                            {"level", required_argument, NULL, OPT_LEVEL},
                                            CLI_OPT_TABLE,
                                            CLI_OPT_CSV_RAW,
                                            CLI_OPT_HELP,
                                            /* chart ratio's */
                                            {"output", required_argument, NULL, 'o'},
                                            {"highlight", required_argument, NULL, 'H'},
                                            {"compare", required_argument, NULL, 'K'},
                                            {"title", required_argument, NULL, 't'},
                                            {"keep-script", no_argument, NULL, 'k'},
                                            {0, 0, 0, 0}};
    int chart = r->chart;
    memset(r, 0, sizeof *r);
    r->chart = chart;
    r->output = "chart.png";
    fs_chart_style_init(&r->style);
    r->pop_column = "population";
    r->not_stated = "Not stated";
    cli_shared_init(&r->o, "ratio", r->chart ? 0 : FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int c, code;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'g': r->group = optarg; break;
        case 'R': r->reference = optarg; break;
        case 'c': r->count = optarg; break;
        case 'P': r->pop_file = optarg; break;
        case 'C': r->pop_column = optarg; break;
        case 'G': r->pop_group = optarg; break;
        case 'N': r->not_stated = optarg; break;
        case 'm':
            if (strcmp(optarg, "exact") == 0)
                r->method = FS_RATE_RATIO_EXACT;
            else if (strcmp(optarg, "katz") == 0)
                r->method = FS_RATE_RATIO_KATZ;
            else
                return cli_usage("ratio", "unknown --method '%s' (choose exact or katz)", optarg);
            break;
        case 'h':
            if (r->chart)
                return cli_help("chart");
            return cli_help("ratio");
        case 'V': return cli_version();
        case 'o':
        case 'H':
        case 'K':
        case 't':
        case 'k':
            if (!r->chart)
                return cli_usage("ratio", "--output, --highlight, --compare, --title and "
                                          "--keep-script go with 'forcestat chart ratio'");
            if (c == 'o')
                r->output = optarg;
            else if (c == 'H')
                r->highlight = optarg;
            else if (c == 'K')
                r->compare = optarg;
            else if (c == 't')
                r->style.title = optarg;
            else
                r->style.keep_script = 1;
            break;
        default:
            if (c == OPT_FORMAT && r->chart)
                return cli_usage("chart", "chart ratio draws a chart (its format from --output): "
                                          "--format goes with 'forcestat ratio'");
            if ((code = cli_shared_option(&r->o, c, optarg)) != EXIT_OK)
                return code < 0 ? cli_bad_option("ratio") : code;
        }
    }
    if (r->group == NULL || r->reference == NULL || r->count == NULL || r->pop_file == NULL)
        return cli_usage("ratio", "--group, --reference, --count and --population are required");
    if (argc - optind > 1)
        return cli_usage("ratio", "expected one FILE, got %d", argc - optind);
    r->path = optind < argc ? argv[optind] : "-";
    if (strcmp(r->pop_file, "-") == 0 && strcmp(r->path, "-") == 0)
        return cli_usage("ratio", "FILE and --population cannot both be standard input");
    if (r->pop_group == NULL)
        r->pop_group = r->group;
    return -1;
}

/* The columns of both tables into spec; an exit code. */
static int ratio_columns(const ratio_opts_t *r, const fs_table_t *t, const fs_table_t *pop,
                         size_t pfc, fs_ratio_spec_t *spec)
{
    fs_error_t err;
    fs_error_clear(&err);
    spec->pop_force_col = pfc;
    if (fs_table_find_column(t, r->group, &spec->group_col, &err) != FS_OK ||
        fs_table_find_column(t, r->count, &spec->count_col, &err) != FS_OK ||
        fs_table_find_column(pop, r->pop_group, &spec->pop_group_col, &err) != FS_OK ||
        fs_table_find_column(pop, r->pop_column, &spec->pop_value_col, &err) != FS_OK)
        return cli_report(&err);
    return EXIT_OK;
}

/* Reads both tables and computes the ratios into *t, *d and *res (the
 * caller frees them); an exit code. */
static int ratio_compute(const ratio_opts_t *r, fs_table_t **t, fs_description_t **d,
                         fs_ratio_table_t *res)
{
    fs_table_t *pop = NULL;
    size_t fc, pfc;
    fs_ratio_spec_t spec = {0, 0, 0, 0, 0, r->reference, r->not_stated, r->method, r->o.level};
    int code;
    if ((code = cli_load_table(r->path, r->o.encoding, r->o.force, &r->o.filters, t, &fc)) ==
            EXIT_OK &&
        (code = cli_load_table(r->pop_file, r->o.encoding, NULL, NULL, &pop, &pfc)) == EXIT_OK &&
        (code = ratio_columns(r, *t, pop, pfc, &spec)) == EXIT_OK &&
        (code = cli_describe(*t, fc, d)) == EXIT_OK) {
        fs_error_t err;
        fs_error_clear(&err);
        if (fs_ratio_compute(*t, *d, pop, &spec, res, &err) != FS_OK)
            code = cli_report(&err);
    }
    fs_table_free(pop);
    return code;
}

int cmd_ratio(int argc, char **argv)
{
    ratio_opts_t r;
    r.chart = 0;
    int code = ratio_parse(argc, argv, &r);
    if (code != -1)
        return code;
    fs_table_t *t = NULL;
    fs_description_t *d = NULL;
    fs_ratio_table_t res;
    memset(&res, 0, sizeof res);
    if ((code = ratio_compute(&r, &t, &d, &res)) == EXIT_OK) {
        fs_buf_t out;
        fs_buf_init(&out);
        fs_ratio_write(&out, (fs_output_format_t)r.o.format, &res, t, d, r.reference, cli_csv_raw);
        code = cli_write_output(&out, r.o.format);
        fs_buf_free(&out);
    }
    fs_ratio_table_free(&res);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

/* The group chart ratio draws: --compare's, else the first compared;
 * SIZE_MAX after a printed usage error. */
static size_t chart_group(const ratio_opts_t *r, const fs_ratio_table_t *res)
{
    if (r->compare == NULL)
        return 0;
    for (size_t g = 0; g < res->ngroups; g++) {
        if (strcmp(res->groups[g], r->compare) == 0)
            return g;
    }
    cli_usage("chart", "no group '%s' to compare with '%s' in column '%s'", r->compare,
              r->reference, r->group);
    return SIZE_MAX;
}

/* Draws the ratios of r into the stage; an exit code. */
static int draw_ratio(ratio_opts_t *r, const fs_table_t *t, const fs_description_t *d,
                      const fs_ratio_table_t *res, fs_stage_t *stage)
{
    fs_error_t err;
    fs_error_clear(&err);
    size_t group = chart_group(r, res);
    if (group == SIZE_MAX)
        return EXIT_USAGE;
    int code = cli_find_highlight("chart", t, d, r->highlight, &r->style.highlight);
    if (code != EXIT_OK)
        return code;
    fs_chart_batch_t *batch = NULL;
    fs_status_t st = fs_chart_batch_new(&batch, stage, &err);
    if (st == FS_OK)
        st = fs_chart_ratio_of(batch, res, group, r->reference, t, &r->style, &err);
    code = st != FS_OK ? cli_report(&err) : cli_run_charts(batch);
    if (code == EXIT_OK)
        code = cli_commit_stage(stage);
    fs_chart_batch_free(batch);
    return code;
}

int chart_ratio(int argc, char **argv)
{
    ratio_opts_t r;
    r.chart = 1;
    int code = ratio_parse(argc, argv, &r);
    if (code != -1)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    fs_chart_format_t format;
    char folder[4096];
    const char *name;
    if (fs_chart_format_from_path(r.output, &format, &err) != FS_OK)
        return cli_usage("chart", "%s ('%s')", fs_error_message(&err), r.output);
    if (fs_path_folder(r.output, folder, sizeof folder, &name, &err) != FS_OK)
        return cli_usage("chart", "the output path is too long");
    fs_table_t *t = NULL;
    fs_description_t *d = NULL;
    fs_ratio_table_t res;
    memset(&res, 0, sizeof res);
    fs_stage_t *stage = NULL;
    const char *inputs[] = {r.path, r.pop_file, NULL};
    if ((code = ratio_compute(&r, &t, &d, &res)) == EXIT_OK &&
        (code = cli_open_stage(folder, inputs, &stage)) == EXIT_OK) {
        r.style.output = name;
        r.style.population = r.pop_file;
        code = fs_stage_check(stage, name, &err) != FS_OK ? cli_report(&err)
                                                          : draw_ratio(&r, t, d, &res, stage);
    }
    fs_stage_free(stage);
    fs_ratio_table_free(&res);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}
