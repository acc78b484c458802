/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_rates.c: `forcestat rates`, each force's rate per 1,000 people with
 * its interval against the pooled England and Wales rate. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_output.h"
#include "options.h"

/* A population of 0 or less in the population file is named there, by
 * the file's name and line, before the join takes it into the dataset's
 * rows (where the error would name the dataset's line instead).  Rows of
 * other years than --population-year, and rows that name no force, are
 * not used and not checked; a cell that is no number is the join's to
 * report. */
static int check_population_file(const fs_table_t *pop, size_t pfc, size_t value_col,
                                 size_t year_col, const char *year)
{
    if (pfc >= pop->ncols)
        return EXIT_OK;
    for (size_t i = 0; i < pop->nrows; i++) {
        if (year != NULL && year_col != (size_t)-1 &&
            strcmp(fs_table_cell(pop, i, year_col), year) != 0)
            continue;
        const char *label = fs_table_cell(pop, i, pfc);
        if (fs_registry_match(label, strlen(label)).kind != FS_UNIT_FORCE)
            continue;
        const char *cell = fs_table_cell(pop, i, value_col);
        double v;
        if (fs_parse_number(cell, strlen(cell), &v, NULL) == FS_FIELD_NUMBER && !(v > 0)) {
            fs_error_t err;
            fs_error_clear(&err);
            fs_error_at(&err, pop->name, pop->lines[i], (long)value_col + 1, cell, strlen(cell));
            fs_error_set(&err, FS_EPARSE, "the population of %s is not > 0", label);
            return cli_report(&err);
        }
    }
    return EXIT_OK;
}

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
                return cli_usage("rates", "--population-offset must be a whole number from -100 "
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

/* Fills population (one value a row of t) from --population-file: the
 * file is read into *pop (freed by the caller), and joined by force, and
 * by year or by period when asked.  Returns an exit code. */
static int rates_population_file(const rates_opts_t *r, const fs_table_t *t,
                                 const fs_description_t *d, fs_table_t **pop, double *population)
{
    fs_error_t err;
    fs_error_clear(&err);
    size_t pfc, value_col, year_col = (size_t)-1;
    int code;
    if ((code = cli_load_table(r->pop_file, r->o.encoding, NULL, NULL, pop, &pfc)) != EXIT_OK)
        return code;
    if (fs_table_find_column(*pop, r->pop_column, &value_col, &err) != FS_OK)
        return cli_report(&err);
    if (r->pop_year != NULL || r->period != NULL) {
        const char *yc = r->year_column;
        if (yc == NULL)
            yc = fs_table_find_column(*pop, "mid_year", &year_col, NULL) == FS_OK ? "mid_year"
                                                                                  : "year";
        if (fs_table_find_column(*pop, yc, &year_col, &err) != FS_OK)
            return cli_report(&err);
    }
    if ((code = check_population_file(*pop, pfc, value_col, year_col, r->pop_year)) != EXIT_OK)
        return code;
    if (r->period != NULL) {
        size_t pcols[FS_MEASURE_MAX_PERIOD_COLUMNS];
        for (size_t k = 0; k < r->periods.n; k++) {
            if (fs_table_find_column(t, r->periods.names[k], &pcols[k], &err) != FS_OK)
                return cli_report(&err);
        }
        if (fs_join_population_by_period(t, d, pcols, r->periods.n, r->offset, *pop, pfc, value_col,
                                         year_col, population, &err) != FS_OK)
            return cli_report(&err);
    } else if (fs_join_population(t, d, *pop, pfc, value_col, year_col, r->pop_year, population,
                                  &err) != FS_OK) {
        code = cli_report(&err);
        if (r->pop_year == NULL && err.status == FS_EPARSE &&
            err.reason == FS_REASON_DUPLICATE_FORCE)
            fputs("forcestat rates: the population file has a row per year: choose one with "
                  "--population-year YEAR\n",
                  stderr);
        return code;
    }
    return EXIT_OK;
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
    } else if ((code = rates_population_file(&r, t, d, &pop, population)) != EXIT_OK) {
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
