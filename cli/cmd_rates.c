/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_rates.c: `forcestat rates`, each force's rate per 1,000 people with
 * its interval against the pooled England and Wales rate. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_output.h"
#include "options.h"
#include "population.h"

/* The options of 'rates', parsed and checked. */
typedef struct {
    const char *count_name, *pop_name, *pop_file;
    const char *pop_column, *pop_year, *year_column;
    double per;
    const char *period;
    cli_periods_t periods;
    int offset, have_offset;
    const char *path;
    cli_shared_t o;
} rates_opts_t;

/* The rules between the options of 'rates' and its FILE: -1 when they
 * hold, else the usage error's exit code. */
static int rates_check(int argc, char **argv, rates_opts_t *r)
{
    if (r->count_name == NULL)
        return cli_usage("rates", "--count is required");
    if ((r->pop_name == NULL) == (r->pop_file == NULL))
        return cli_usage("rates", "give one of --population COL and --population-file FILE");
    if (r->pop_file == NULL && (r->pop_year != NULL || r->year_column != NULL))
        return cli_usage("rates", "--population-year and --year-column go with --population-file");
    if (r->period != NULL && r->pop_year != NULL)
        return cli_usage("rates", "with --period each period takes its own year: leave out "
                                  "--population-year (--population-offset shifts it)");
    if (r->have_offset && (r->period == NULL || r->pop_file == NULL))
        return cli_usage("rates", "--population-offset goes with --period and --population-file");
    if (argc - optind > 1)
        return cli_usage("rates", "expected one FILE, got %d", argc - optind);
    r->path = optind < argc ? argv[optind] : "-";
    if (r->pop_file != NULL && strcmp(r->pop_file, "-") == 0 && strcmp(r->path, "-") == 0)
        return cli_usage("rates", "FILE and --population-file cannot both be standard input");
    return -1;
}

/* Parses argv into r: -1 when the rates are to be computed, else the exit
 * code (help shown, or a usage error). */
static int rates_parse(int argc, char **argv, rates_opts_t *r)
{
    static const struct option options[] = {{"count", required_argument, NULL, 'c'},
                                            {"population", required_argument, NULL, 'p'},
                                            {"population-file", required_argument, NULL, 'P'},
                                            {"population-column", required_argument, NULL, 'C'},
                                            {"population-year", required_argument, NULL, 'y'},
                                            {"year-column", required_argument, NULL, 'Y'},
                                            {"period", required_argument, NULL, 'T'},
                                            {"population-offset", required_argument, NULL, 'O'},
                                            {"per", required_argument, NULL, 'r'},
                                            {"level", required_argument, NULL, OPT_LEVEL},
                                            CLI_OPT_TABLE,
                                            CLI_OPT_GROUPS,
                                            CLI_OPT_CSV_RAW,
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    r->count_name = r->pop_name = r->pop_file = NULL;
    r->pop_column = "population";
    r->pop_year = r->year_column = NULL;
    r->per = 1000;
    r->period = NULL;
    r->offset = r->have_offset = 0;
    cli_shared_init(&r->o, "rates", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int c, code;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'c': r->count_name = optarg; break;
        case 'p': r->pop_name = optarg; break;
        case 'P': r->pop_file = optarg; break;
        case 'C': r->pop_column = optarg; break;
        case 'y': r->pop_year = optarg; break;
        case 'Y': r->year_column = optarg; break;
        case 'T':
            r->period = optarg;
            if ((code = cli_split_periods("rates", r->period, &r->periods)) != EXIT_OK)
                return code;
            break;
        case 'O': {
            double k;
            if (fs_parse_number(optarg, strlen(optarg), &k, NULL) != FS_FIELD_NUMBER ||
                k != floor(k) || fabs(k) > 100)
                return cli_usage("rates",
                                 "--population-offset must be a whole number from -100 "
                                 "to 100, got '%s'",
                                 optarg);
            r->offset = (int)k;
            r->have_offset = 1;
            break;
        }
        case 'r':
            if (fs_parse_number(optarg, strlen(optarg), &r->per, NULL) != FS_FIELD_NUMBER ||
                !(r->per > 0))
                return cli_usage("rates", "--per must be a number > 0, got '%s'", optarg);
            break;
        case 'V': return cli_version();
        case 'h': return cli_help("rates");
        default:
            if ((code = cli_shared_option(&r->o, c, optarg)) != EXIT_OK)
                return code < 0 ? cli_bad_option("rates") : code;
        }
    }
    return rates_check(argc, argv, r);
}

int cmd_rates(int argc, char **argv)
{
    rates_opts_t r;
    int code = rates_parse(argc, argv, &r);
    if (code != -1)
        return code;
    fs_table_t *t = NULL, *pop = NULL;
    size_t fc, count_col;
    code = cli_load_table(r.path, r.o.encoding, r.o.force, &r.o.filters, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    fs_description_t *d = NULL;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_groups_t *groups = NULL;
    double *population = malloc((t->nrows ? t->nrows : 1) * sizeof *population);
    if (population == NULL) {
        fs_error_set(&err, FS_ENOMEM, "out of memory");
        code = cli_report(&err);
        goto done;
    }
    if (fs_table_find_column(t, r.count_name, &count_col, &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    if ((code = cli_describe(t, fc, &d)) != EXIT_OK)
        goto done;
    if (r.pop_name != NULL) {
        size_t pop_col;
        if (fs_table_find_column(t, r.pop_name, &pop_col, &err) != FS_OK ||
            fs_table_numeric_column(t, pop_col, population, &err) != FS_OK) {
            code = cli_report(&err);
            goto done;
        }
    } else {
        cli_population_t p = {"rates",    r.pop_file,    r.pop_column,
                              r.pop_year, r.year_column, r.period != NULL ? &r.periods : NULL,
                              r.offset,   r.o.encoding};
        if ((code = cli_population_file(&p, t, d, &pop, population)) != EXIT_OK)
            goto done;
    }
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.kind = FS_MEASURE_RATE;
    spec.want = r.period != NULL ? FS_WANT_PERIODS : FS_WANT_COMPARISON;
    spec.period = r.period;
    spec.numerator = r.count_name;
    spec.population = population;
    spec.per = r.per;
    spec.level = r.o.level;
    if ((code = cli_load_groups(r.o.groups, &groups)) != EXIT_OK)
        goto done;
    spec.groups = groups;
    if (fs_measure_compute(t, fc, d, &spec, &m, &err) != FS_OK) {
        code = cli_report_rows(&err, t, d);
        goto done;
    }
    char measure[512];
    snprintf(measure, sizeof measure, "%s per %g", t->columns[count_col], r.per);
    if (r.period != NULL)
        code = comparison_output_periods(r.o.format, &m, r.periods.names, r.periods.n, measure,
                                         groups);
    else
        code = comparison_output(r.o.format, &m, measure, groups);
done:
    fs_groups_free(groups);
    free(population);
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(pop);
    fs_table_free(t);
    return code;
}
