/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_proportions.c: `forcestat proportions`, each force's proportion and
 * interval against the pooled England and Wales figure. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_output.h"
#include "options.h"

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
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    const char *num_name = NULL, *den_name = NULL, *period = NULL;
    cli_periods_t periods;
    cli_shared_t o;
    cli_shared_init(&o, "proportions", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        int code;
        switch (c) {
        case 'n': num_name = optarg; break;
        case 'd': den_name = optarg; break;
        case 'p':
            period = optarg;
            if ((code = cli_split_periods("proportions", period, &periods)) != EXIT_OK)
                return code;
            break;
        case 'V': return cli_version();
        case 'h':
            return cli_help("proportions");
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
