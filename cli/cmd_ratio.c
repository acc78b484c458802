/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_ratio.c: `forcestat ratio`, each group's rate per 1,000 people
 * against a reference group's, per force and for England and Wales. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "render/results.h"

/* The options of 'ratio', parsed and checked. */
typedef struct {
    const char *group, *reference, *count, *pop_file, *pop_column, *pop_group, *not_stated;
    fs_rate_ratio_method_t method;
    const char *path;
    cli_shared_t o;
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
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    memset(r, 0, sizeof *r);
    r->pop_column = "population";
    r->not_stated = "Not stated";
    cli_shared_init(&r->o, "ratio", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int c, code;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
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
        case 'h': return cli_help("ratio");
        default:
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

int cmd_ratio(int argc, char **argv)
{
    ratio_opts_t r;
    int code = ratio_parse(argc, argv, &r);
    if (code != -1)
        return code;
    fs_table_t *t = NULL, *pop = NULL;
    fs_description_t *d = NULL;
    fs_ratio_table_t result;
    memset(&result, 0, sizeof result);
    size_t fc, pfc;
    fs_ratio_spec_t spec = {0, 0, 0, 0, 0, r.reference, r.not_stated, r.method, r.o.level};
    if ((code = cli_load_table(r.path, r.o.encoding, r.o.force, &r.o.filters, &t, &fc)) !=
            EXIT_OK ||
        (code = cli_load_table(r.pop_file, r.o.encoding, NULL, NULL, &pop, &pfc)) != EXIT_OK ||
        (code = ratio_columns(&r, t, pop, pfc, &spec)) != EXIT_OK ||
        (code = cli_describe(t, fc, &d)) != EXIT_OK)
        goto done;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_ratio_compute(t, d, pop, &spec, &result, &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    fs_buf_t out;
    fs_buf_init(&out);
    fs_ratio_write(&out, (fs_output_format_t)r.o.format, &result, t, d, r.reference, cli_csv_raw);
    code = cli_write_output(&out, r.o.format);
    fs_buf_free(&out);
done:
    fs_ratio_table_free(&result);
    fs_description_free(d);
    fs_table_free(pop);
    fs_table_free(t);
    return code;
}
