/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_proportions.c: `forcestat proportions`, each force's proportion and
 * interval against the pooled England and Wales figure. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_output.h"
#include "options.h"

static const char help[] =
    "Usage: forcestat proportions [FILE] --numerator COL --denominator COL\n"
    "                             [--period COL[,COL...]]\n"
    "                             [--method M] [--level L] [--force COL]\n"
    "                             [--format text|csv|json] [--encoding E]\n"
    "\n"
    "Each force's proportion numerator/denominator with its confidence interval\n"
    "(methods as in 'forcestat ci --help'; default wilson), the England and\n"
    "Wales figure pooled over the forces (the sum of the numerators over the\n"
    "sum of the denominators: not the mean of the proportions), and each force\n"
    "marked \"higher\", \"lower\" or \"similar\": its interval lies wholly above,\n"
    "wholly below, or covers the England and Wales figure.  The unweighted\n"
    "mean of the forces' proportions is printed beside it, named so the two\n"
    "are not confused.  Rows for England and Wales, regions and BTP in the\n"
    "file are not forces and are left out of the pooled figure.\n"
    "\n"
    "With --period, FILE is a long table (a row per period and force) and\n"
    "every period is compared in one pass, with England and Wales pooled\n"
    "in each period; the output is a long table too, the period columns\n"
    "first, which 'forcestat chart trend', 'outliers --filter', 'funnel'\n"
    "and the report read as it is.\n"
    "\n"
    "Options:\n"
    "  --numerator COL    the count with the property (whole numbers)\n"
    "  --denominator COL  the count examined (whole numbers > 0)\n"
    ;

/* The --method line comes from the methods' table (render/kinds.h). */
static const char help_after_method[] =
    "  --level L          confidence level, strictly between 0 and 1 (default 0.95)\n"
    "  --period COL[,COL...]  the period columns of a long table: every\n"
    "                     period's comparison\n"
    CLI_HELP_FORCE
    "  --format F         text (default), csv or json\n"
    "  --groups FILE      most similar groups (force, group): each force is also\n"
    "                     compared with its group pooled the same way\n"
    CLI_HELP_CSV_RAW
    CLI_HELP_ENCODING
    CLI_FILTER_HELP
    "  --help             show this help\n"
    "\n"
    "CSV: force, code, numerator, denominator, proportion, lower, upper,\n"
    "comparison, one row per force, then an \"England and Wales\" row with the\n"
    "pooled figure, so the output feeds 'forcestat outliers --value proportion'\n"
    "with England and Wales as the comparator.  JSON: {\"schema_version\",\n"
    "\"measure\", \"method\", \"level\", \"n\", \"mean_of_forces\",\n"
    "\"england_and_wales\": {\"numerator\", \"denominator\", \"value\", \"lower\",\n"
    "\"upper\"}, \"forces\": [{\"force\", \"code\", \"numerator\", \"denominator\",\n"
    "\"value\", \"lower\", \"upper\", \"comparison\"}]}.\n"
    "With --period: CSV the same with the period columns first, each\n"
    "period's forces then its England and Wales row; JSON {\"schema_version\",\n"
    "\"measure\", \"method\", \"level\", \"periods\": [{\"period\", then the fields\n"
    "above}]}; text a block per period.\n"
    CLI_HELP_EXIT;

/* The spec, with each force also compared with its most similar group
 * (groups may be NULL). */
static const fs_measure_spec_t *with_groups(fs_measure_spec_t *spec, const fs_groups_t *groups)
{
    spec->groups = groups;
    return spec;
}

int cmd_proportions(int argc, char **argv)
{
    static const struct option options[] = {{"numerator", required_argument, NULL, 'n'},
                                            {"denominator", required_argument, NULL, 'd'},
                                            {"period", required_argument, NULL, 'p'},
                                            CLI_OPT_INTERVALS,
                                            CLI_OPT_TABLE,
                                            CLI_OPT_GROUPS,
                                            CLI_OPT_CSV_RAW,
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *num_name = NULL, *den_name = NULL, *period = NULL;
    cli_periods_t periods;
    cli_shared_t o;
    cli_shared_init(&o, "proportions", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        int code;
        switch (c) {
        case 'n': num_name = optarg; break;
        case 'd': den_name = optarg; break;
        case 'p':
            period = optarg;
            if ((code = cli_split_periods("proportions", period, &periods)) != EXIT_OK)
                return code;
            break;
        case 'h':
            cli_print_help(help);
            cli_help_choices("  --method M         ", &fs_kinds_ci_method, FS_CI_DEFAULT_METHOD, ",");
            return cli_print_help(help_after_method);
        default:
            if ((code = cli_shared_option(&o, c, optarg)) != EXIT_OK)
                return code < 0 ? cli_bad_option("proportions") : code;
        }
    }
    if (num_name == NULL || den_name == NULL)
        return cli_usage("proportions", "--numerator and --denominator are required");
    if (argc - optind > 1)
        return cli_usage("proportions", "expected one FILE, got %d", argc - optind);
    const char *path = optind < argc ? argv[optind] : "-";
    fs_table_t *t;
    size_t fc, num_col, den_col;
    int code = cli_load_table(path, o.encoding, o.force, &o.filters, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    fs_description_t *d = NULL;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_groups_t *groups = NULL;
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.kind = FS_MEASURE_PROPORTION;
    spec.want = period != NULL ? FS_WANT_PERIODS : FS_WANT_COMPARISON;
    spec.period = period;
    spec.numerator = num_name;
    spec.denominator = den_name;
    spec.method = o.method;
    spec.level = o.level;
    if (fs_table_find_column(t, num_name, &num_col, &err) != FS_OK ||
        fs_table_find_column(t, den_name, &den_col, &err) != FS_OK) {
        code = cli_report(&err);
    } else if ((code = cli_describe(t, fc, &d)) != EXIT_OK) {
    } else if ((code = cli_load_groups(o.groups, &groups)) != EXIT_OK) {
    } else if (fs_measure_compute(t, fc, d, with_groups(&spec, groups), &m, &err) != FS_OK) {
        code = cli_report_rows(&err, t, d);
    } else {
        char measure[512];
        snprintf(measure, sizeof measure, "%s / %s", t->columns[num_col], t->columns[den_col]);
        code = period != NULL ? comparison_output_periods(o.format, &m, periods.names, periods.n,
                                                          measure, groups)
                              : comparison_output(o.format, &m, measure, groups);
    }
    fs_groups_free(groups);
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}
