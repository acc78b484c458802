/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_change.c: `forcestat change`, each force's change between two
 * periods of a long table, against England and Wales's change. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "population.h"
#include "render/results.h"

/* The options of 'change', parsed and checked. */
typedef struct {
    const char *from, *to;
    const char *num_name, *den_name;   /* proportions */
    const char *count_name, *pop_name; /* rates: the count and a population column */
    cli_population_t pop;              /* rates: or a population file (pop.file) */
    double per;
    fs_adjust_t adjust;
    const char *period;
    cli_periods_t periods;
    int have_offset;
    const char *path;
    cli_shared_t o;
} change_opts_t;

/* The rules between the options and FILE: -1 when they hold, else the
 * usage error's exit code. */
static int change_check(int argc, char **argv, change_opts_t *r)
{
    int proportion = r->num_name != NULL || r->den_name != NULL;
    int rate = r->count_name != NULL || r->pop_name != NULL || r->pop.file != NULL;
    if (r->period == NULL || r->from == NULL || r->to == NULL)
        return cli_usage("change", "--period, --from and --to are required");
    if (strcmp(r->from, r->to) == 0)
        return cli_usage("change", "--from and --to are the same period ('%s')", r->from);
    if (proportion == rate)
        return cli_usage("change", "give --numerator and --denominator (a proportion), or "
                                   "--count with --population or --population-file (a rate)");
    if (proportion && (r->num_name == NULL || r->den_name == NULL))
        return cli_usage("change", "--numerator and --denominator go together");
    if (rate && (r->count_name == NULL || (r->pop_name == NULL) == (r->pop.file == NULL)))
        return cli_usage("change", "a rate takes --count and one of --population COL and "
                                   "--population-file FILE");
    if (r->have_offset && r->pop.file == NULL)
        return cli_usage("change", "--population-offset goes with --population-file");
    if (argc - optind > 1)
        return cli_usage("change", "expected one FILE, got %d", argc - optind);
    r->path = optind < argc ? argv[optind] : "-";
    if (r->pop.file != NULL && strcmp(r->pop.file, "-") == 0 && strcmp(r->path, "-") == 0)
        return cli_usage("change", "FILE and --population-file cannot both be standard input");
    r->pop.periods = &r->periods;
    r->pop.encoding = r->o.encoding;
    return -1;
}

/* One option of change's own: EXIT_OK, or the usage error's code. */
static int change_option(change_opts_t *r, int c, const char *arg)
{
    double x;
    switch (c) {
    case 'f': r->from = arg; break;
    case 't': r->to = arg; break;
    case 'n': r->num_name = arg; break;
    case 'd': r->den_name = arg; break;
    case 'c': r->count_name = arg; break;
    case 'p': r->pop_name = arg; break;
    case 'P': r->pop.file = arg; break;
    case 'C': r->pop.column = arg; break;
    case 'Y': r->pop.year_column = arg; break;
    case 'T': r->period = arg; return cli_split_periods("change", arg, &r->periods);
    case 'O':
        if (fs_parse_number(arg, strlen(arg), &x, NULL) != FS_FIELD_NUMBER || x != floor(x) ||
            fabs(x) > 100)
            return cli_usage("change",
                             "--population-offset must be a whole number from -100 to 100, "
                             "got '%s'",
                             arg);
        r->pop.offset = (int)x;
        r->have_offset = 1;
        break;
    case 'r':
        if (fs_parse_number(arg, strlen(arg), &r->per, NULL) != FS_FIELD_NUMBER || !(r->per > 0))
            return cli_usage("change", "--per must be a number > 0, got '%s'", arg);
        break;
    case 'a':
        if (fs_adjust_parse(arg, &r->adjust) != FS_OK)
            return cli_usage("change", "--adjust must be none, holm or bh, got '%s'", arg);
        break;
    }
    return EXIT_OK;
}

/* Parses argv into r: -1 when the change is to be computed, else the exit
 * code (help shown, or a usage error). */
static int change_parse(int argc, char **argv, change_opts_t *r)
{
    static const struct option options[] = {{"from", required_argument, NULL, 'f'},
                                            {"to", required_argument, NULL, 't'},
                                            {"numerator", required_argument, NULL, 'n'},
                                            {"denominator", required_argument, NULL, 'd'},
                                            {"count", required_argument, NULL, 'c'},
                                            {"population", required_argument, NULL, 'p'},
                                            {"population-file", required_argument, NULL, 'P'},
                                            {"population-column", required_argument, NULL, 'C'},
                                            {"year-column", required_argument, NULL, 'Y'},
                                            {"period", required_argument, NULL, 'T'},
                                            {"population-offset", required_argument, NULL, 'O'},
                                            {"per", required_argument, NULL, 'r'},
                                            {"adjust", required_argument, NULL, 'a'},
                                            {"level", required_argument, NULL, OPT_LEVEL},
                                            CLI_OPT_TABLE,
                                            CLI_OPT_CSV_RAW,
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    memset(r, 0, sizeof *r);
    r->pop.cmd = "change";
    r->pop.column = "population";
    r->per = 1000;
    r->adjust = FS_ADJUST_NONE;
    cli_shared_init(&r->o, "change", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int c, code;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        if (c == 'h')
            return cli_help("change");
        if (c == 'V')
            return cli_version();
        if (c < OPT_FORMAT && c != '?') {
            if ((code = change_option(r, c, optarg)) != EXIT_OK)
                return code;
        } else if ((code = cli_shared_option(&r->o, c, optarg)) != EXIT_OK) {
            return code < 0 ? cli_bad_option("change") : code;
        }
    }
    return change_check(argc, argv, r);
}

/* The measure over every period of t: a proportion, or a rate with its
 * population from a column or the population file (into *pop and
 * population).  Returns an exit code. */
static int change_measure(const change_opts_t *r, const fs_table_t *t, size_t fc,
                          const fs_description_t *d, fs_table_t **pop, double *population,
                          fs_measure_t *m)
{
    fs_error_t err;
    fs_error_clear(&err);
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.want = FS_WANT_PERIODS;
    spec.period = r->period;
    spec.level = r->o.level;
    if (r->num_name != NULL) {
        spec.kind = FS_MEASURE_PROPORTION;
        spec.numerator = r->num_name;
        spec.denominator = r->den_name;
    } else {
        size_t col;
        int code;
        spec.kind = FS_MEASURE_RATE;
        spec.numerator = r->count_name;
        spec.population = population;
        spec.per = r->per;
        if (fs_table_find_column(t, r->count_name, &col, &err) != FS_OK)
            return cli_report(&err);
        if (r->pop_name != NULL) {
            if (fs_table_find_column(t, r->pop_name, &col, &err) != FS_OK ||
                fs_table_numeric_column(t, col, population, &err) != FS_OK)
                return cli_report(&err);
        } else if ((code = cli_population_file(&r->pop, t, d, pop, population)) != EXIT_OK) {
            return code;
        }
    }
    if (fs_measure_compute(t, fc, d, &spec, m, &err) != FS_OK)
        return cli_report_rows(&err, t, d);
    return EXIT_OK;
}

/* Writes the changes, named after the measure's columns. */
static int change_emit(const change_opts_t *r, const fs_measure_t *m, const fs_changes_t *c)
{
    char what[512];
    if (r->num_name != NULL)
        snprintf(what, sizeof what, "%s / %s", r->num_name, r->den_name);
    else
        snprintf(what, sizeof what, "%s per %g", r->count_name, r->per);
    fs_change_output_t o = {m, c, what, cli_csv_raw};
    fs_buf_t out;
    fs_buf_init(&out);
    fs_change_write(&out, (fs_output_format_t)r->o.format, &o);
    int code = cli_write_output(&out, r->o.format);
    fs_buf_free(&out);
    return code;
}

int cmd_change(int argc, char **argv)
{
    change_opts_t r;
    int code = change_parse(argc, argv, &r);
    if (code != -1)
        return code;
    fs_table_t *t = NULL, *pop = NULL;
    size_t fc;
    code = cli_load_table(r.path, r.o.encoding, r.o.force, &r.o.filters, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    fs_description_t *d = NULL;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_changes_t c;
    memset(&c, 0, sizeof c);
    double *population = malloc((t->nrows ? t->nrows : 1) * sizeof *population);
    if (population == NULL) {
        fs_error_set(&err, FS_ENOMEM, "out of memory");
        code = cli_report(&err);
    } else if ((code = cli_describe(t, fc, &d)) != EXIT_OK) {
    } else if ((code = change_measure(&r, t, fc, d, &pop, population, &m)) != EXIT_OK) {
    } else if (fs_changes_compute(&m, r.from, r.to, r.o.level, r.adjust, &c, &err) != FS_OK) {
        code = cli_report(&err);
    } else {
        code = change_emit(&r, &m, &c);
    }
    fs_changes_free(&c);
    free(population);
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(pop);
    fs_table_free(t);
    return code;
}
