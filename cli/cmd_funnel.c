/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_funnel.c: `forcestat funnel`, Spiegelhalter's funnel plot table. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "charts.h"
#include "render/results.h"

static const char help[] =
    "Usage: forcestat funnel [FILE] --numerator COL --denominator COL\n"
    "                        [--type proportion|rate] [--per N] [--limits 95,99.8]\n"
    "                        [--overdispersion none|multiplicative|additive]\n"
    "                        [--target V] [--format text|csv|json]\n"
    "\n"
    "Compare each force with a target through control limits that depend on\n"
    "its size (Spiegelhalter, Statistics in Medicine 2005): the mean +/- 1 SD\n"
    "band treats City of London (11,000 people) like the Metropolitan Police\n"
    "(9 million); a funnel does not.\n"
    "\n"
    "  * Target: England and Wales pooled over the forces (all numerators over\n"
    "    all denominators), or --target (a proportion, or a rate per --per).\n"
    "  * Limits at each force's denominator from the binomial (proportions) or\n"
    "    Poisson (rates) distribution, exact with Spiegelhalter's interpolation;\n"
    "    95% and 99.8% by default (--limits).\n"
    "  * Over-dispersion: z-scores winsorised at 10% in each tail give phi, the\n"
    "    mean squared z.  multiplicative: limits widened by sqrt(phi) when\n"
    "    phi > 1; additive: a between-force variance tau^2 = (n phi - (n - 1)) /\n"
    "    (sum w - sum w^2 / sum w), w = 1/s^2, floored at 0.  phi and tau^2 are\n"
    "    always reported, with a note when the data look over-dispersed (n phi\n"
    "    above the 95th percentile of chi-squared on n - 1 degrees of freedom).\n"
    "  * Flags: high-99.8, high-95, within, low-95, low-99.8 (the most extreme\n"
    "    that applies; the numbers follow --limits).\n"
    "\n"
    "Options:\n"
    "  --numerator COL    successes, or the count of a rate\n"
    "  --denominator COL  trials, or the population of a rate\n"
    "  --type T           proportion (default) or rate\n"
    "  --per N            rates per N people (default 1000)\n"
    "  --limits A,B       inner and outer levels in percent (default 95,99.8)\n"
    ;

/* The --overdispersion line comes from its table (render/kinds.h). */
static const char help_after_od[] =
    "  --target V         compare with V instead of the pooled figure\n"
    CLI_HELP_FORCE
    CLI_FILTER_HELP
    "  --format F         text (default), csv or json: {\"schema_version\",\n"
    "                     \"target\", \"phi\", \"tau2\", \"overdispersion\",\n"
    "                     \"overdispersed\", \"type\", \"per\", \"limits\", \"forces\":\n"
    "                     [{\"force\", \"code\", \"numerator\", \"denominator\",\n"
    "                     \"value\", \"z\", \"flag\"}]}\n"
    "  --groups FILE      most similar groups (force, group): each force also gets\n"
    "                     its group's pooled figure and its z against it\n"
    CLI_HELP_CSV_RAW
    CLI_HELP_ENCODING
    "  --help             show this help\n"
    CLI_HELP_EXIT;

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
                                            CLI_OPT_FILTER,
                                            CLI_OPT_FORMAT,
                                            CLI_OPT_ENCODING,
                                            CLI_OPT_GROUPS,
                                            CLI_OPT_CSV_RAW,
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *num = NULL, *den = NULL;
    cli_shared_t so;
    cli_shared_init(&so, "funnel", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int shared;
    fs_funnel_options_t opt;
    fs_funnel_options_init(&opt);
    int c, code;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
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
        case 'h':
            cli_print_help(help);
            cli_help_choices("  --overdispersion O  ", &fs_kinds_overdispersion,
                             FS_OVERDISPERSION_NONE, " or");
            return cli_print_help(help_after_od);
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
