/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_funnel.c: `forcestat funnel`, Spiegelhalter's funnel plot table. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "charts.h"
#include "render/results.h"

int parse_funnel_option(const char *cmd, int c, const char *arg, fs_funnel_options_t *o)
{
    switch (c) {
    case 'T':
        if (strcmp(arg, "proportion") == 0)
            o->type = FS_FUNNEL_PROPORTION;
        else if (strcmp(arg, "rate") == 0)
            o->type = FS_FUNNEL_RATE;
        else
            return cli_usage(cmd, "unknown --type '%s' (choose proportion or rate)", arg);
        return EXIT_OK;
    case 'R':
        if (fs_parse_number(arg, strlen(arg), &o->per, NULL) != FS_FIELD_NUMBER || !(o->per > 0))
            return cli_usage(cmd, "--per must be a number > 0, got '%s'", arg);
        return EXIT_OK;
    case 'L': {
        double a, b;
        char extra;
        if (sscanf(arg, "%lf,%lf%c", &a, &b, &extra) != 2 || !(a > 0 && a < b && b < 100))
            return cli_usage(cmd, "--limits takes two increasing percentages below 100, e.g. 95,99.8; got '%s'", arg);
        o->levels[0] = a / 100.0;
        o->levels[1] = b / 100.0;
        return EXIT_OK;
    }
    case 'O': {
        int od;
        if (!cli_parse_kind(cmd, &fs_kinds_overdispersion, FS_KIND_ALL, arg, ", ", " or ", &od))
            return EXIT_USAGE;
        o->overdispersion = (fs_overdispersion_t)od;
        return EXIT_OK;
    }
    case 'G':
        if (fs_parse_number(arg, strlen(arg), &o->target, NULL) != FS_FIELD_NUMBER)
            return cli_usage(cmd, "--target must be a number, got '%s'", arg);
        o->has_target = 1;
        return EXIT_OK;
    }
    return EXIT_USAGE;
}

int cmd_funnel(int argc, char **argv)
{
    static const struct option options[] = {{"numerator", required_argument, NULL, 'n'},
                                            {"denominator", required_argument, NULL, 'd'},
                                            CLI_OPT_FUNNEL,
                                            CLI_OPT_FORCE,
                                            CLI_OPT_QUIET,
                                            CLI_OPT_FILTER,
                                            CLI_OPT_FORMAT,
                                            CLI_OPT_ENCODING,
                                            CLI_OPT_GROUPS,
                                            CLI_OPT_CSV_RAW,
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    const char *num = NULL, *den = NULL;
    cli_shared_t so;
    cli_shared_init(&so, "funnel", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int shared;
    fs_funnel_options_t opt;
    fs_funnel_options_init(&opt);
    /* The report's adjustment (its funnels widen their limits by sqrt(phi)):
     * the same data give the same flags on the command line. */
    opt.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
    int c, code;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'n': num = optarg; break;
        case 'd': den = optarg; break;
        case 'T':
        case 'R':
        case 'L':
        case 'O':
        case 'G':
            if ((code = parse_funnel_option("funnel", c, optarg, &opt)) != EXIT_OK)
                return code;
            break;
        case 'V': return cli_version();
        case 'h': return cli_help("funnel");
        default:
            if ((shared = cli_shared_option(&so, c, optarg)) != EXIT_OK)
                return shared < 0 ? cli_bad_option("funnel") : shared;
        }
    }
    if (num == NULL || den == NULL)
        return cli_usage("funnel", "--numerator and --denominator are required");
    if (argc - optind > 1)
        return cli_usage("funnel", "expected one FILE, got %d", argc - optind);
    fs_groups_t *groups;
    if ((code = cli_load_groups(so.groups, &groups)) != EXIT_OK)
        return code;
    fs_table_t *t;
    size_t fc;
    code = cli_load_table(optind < argc ? argv[optind] : "-", so.encoding, so.force, &so.filters, &t, &fc);
    if (code != EXIT_OK) {
        fs_groups_free(groups);
        return code;
    }
    fs_description_t *d = NULL;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.kind = opt.type == FS_FUNNEL_RATE ? FS_MEASURE_RATE : FS_MEASURE_PROPORTION;
    spec.want = FS_WANT_FUNNEL;
    spec.numerator = num;
    spec.denominator = den;
    spec.funnel = opt;
    spec.groups = groups;
    fs_error_t err;
    fs_error_clear(&err);
    if ((code = cli_describe(t, fc, &d)) != EXIT_OK) {
    } else if (fs_measure_compute(t, fc, d, &spec, &m, &err) != FS_OK) {
        code = cli_report_rows(&err, t, d);
    } else {
        fs_buf_t out;
        fs_buf_init(&out);
        fs_funnel_write(&out, (fs_output_format_t)so.format, &m, groups, cli_csv_raw);
        code = cli_write_output(&out, so.format);
        fs_buf_free(&out);
    }
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    fs_groups_free(groups);
    return code;
}
