/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_similar.c: `forcestat similar`, forcestat's similar forces: each
 * force's nearest peers on standardised features (similar.h). */
#include <float.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "render/results.h"

typedef struct similar_args {
    cli_shared_t so;
    char *features; /* --features COLS, NULL: every numeric column */
    char *weights;  /* --weights W,W,..., NULL: 1 each */
    size_t k;
    const char *path;
} similar_args_t;

/* Parses argv into a: -1 to run, else the exit code (help, usage). */
static int parse(int argc, char **argv, similar_args_t *a)
{
    static const struct option options[] = {{"k", required_argument, NULL, 'k'},
                                            {"features", required_argument, NULL, 'F'},
                                            {"weights", required_argument, NULL, 'W'},
                                            CLI_OPT_TABLE,
                                            CLI_OPT_CSV_RAW,
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    cli_shared_init(&a->so, "similar", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    a->features = a->weights = NULL;
    a->k = FS_SIMILAR_DEFAULT_K;
    int c, shared;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'k': {
            double k;
            if (fs_parse_number(optarg, strlen(optarg), &k, NULL) != FS_FIELD_NUMBER ||
                !(k >= 1 && k <= FS_SIMILAR_MAX_UNITS) || k != (double)(size_t)k)
                return cli_usage("similar", "--k must be a whole number from 1, got '%s'", optarg);
            a->k = (size_t)k;
            break;
        }
        case 'F': a->features = optarg; break;
        case 'W': a->weights = optarg; break;
        case 'h': return cli_help("similar");
        case 'V': return cli_version();
        default:
            if ((shared = cli_shared_option(&a->so, c, optarg)) != EXIT_OK)
                return shared < 0 ? cli_bad_option("similar") : shared;
        }
    }
    if (argc - optind > 1)
        return cli_usage("similar", "expected one FILE, got %d", argc - optind);
    a->path = optind < argc ? argv[optind] : "-";
    return -1;
}

/* The feature columns: those --features names (each a numeric column),
 * else every numeric column but the force column.  Prints any error. */
static int feature_columns(const similar_args_t *a, const fs_table_t *t,
                           const fs_description_t *d, size_t *cols, size_t *n)
{
    fs_error_t err;
    fs_error_clear(&err);
    *n = 0;
    if (a->features == NULL) {
        for (size_t c = 0; c < t->ncols && *n < FS_SIMILAR_MAX_FEATURES; c++) {
            if (d->columns[c].is_measure && c != d->force_column)
                cols[(*n)++] = c;
        }
        if (*n > 0)
            return EXIT_OK;
        fs_error_at(&err, t->name, 1, 0, NULL, 0);
        fs_error_set(&err, FS_EPARSE, "no numeric feature column (use --features COLS)");
        return cli_report(&err);
    }
    size_t nnames;
    char **names = cli_split_list(a->features, &nnames);
    if (names == NULL)
        return cli_usage("similar", "out of memory");
    int code = EXIT_OK;
    for (size_t i = 0; i < nnames && code == EXIT_OK; i++) {
        size_t c;
        if (nnames > FS_SIMILAR_MAX_FEATURES || names[i][0] == '\0') {
            code = cli_usage("similar", "--features takes 1 to %d column names, commas between",
                             FS_SIMILAR_MAX_FEATURES);
        } else if (fs_table_find_column(t, names[i], &c, &err) != FS_OK) {
            code = cli_report(&err);
        } else if (d->columns[c].invalid > 0 || c == d->force_column) {
            size_t row = d->columns[c].first_invalid_row;
            const char *cell = fs_table_cell(t, row, c);
            fs_error_at(&err, t->name, t->lines[row], (long)c + 1, cell, strlen(cell));
            fs_error_set(&err, FS_EPARSE, "feature '%s' is not a number", t->columns[c]);
            code = cli_report(&err);
        } else {
            cols[(*n)++] = c;
        }
    }
    free(names);
    return code;
}

/* --weights: n numbers >= 0, not all 0, one per feature in order. */
static int parse_weights(char *list, size_t n, double *w)
{
    size_t nw;
    char **parts = cli_split_list(list, &nw);
    if (parts == NULL)
        return cli_usage("similar", "out of memory");
    int code = EXIT_OK;
    double sum = 0.0;
    if (nw != n)
        code = cli_usage("similar", "--weights needs %zu numbers (one per feature), got %zu", n,
                         nw);
    for (size_t i = 0; i < nw && code == EXIT_OK; i++) {
        if (fs_parse_number(parts[i], strlen(parts[i]), &w[i], NULL) != FS_FIELD_NUMBER ||
            !(w[i] >= 0 && w[i] <= DBL_MAX))
            code = cli_usage("similar", "--weights: each weight must be a number >= 0, got '%s'",
                             parts[i]);
        else
            sum += w[i];
    }
    if (code == EXIT_OK && !(sum > 0))
        code = cli_usage("similar", "--weights: at least one weight must be above 0");
    free(parts);
    return code;
}

/* A library error named by the table's row (a missing value) or column
 * (a constant feature). */
static int report(const fs_error_t *e, const fs_table_t *t, const size_t *rows,
                  const size_t *cols)
{
    fs_error_t err;
    fs_error_clear(&err);
    if (e->reason == FS_REASON_ALL_EQUAL) {
        size_t c = cols[e->index];
        fs_error_at(&err, t->name, 1, (long)c + 1, t->columns[c], strlen(t->columns[c]));
        fs_error_set(&err, FS_EDOM,
                     "feature '%s' has the same value for every force: it tells none apart",
                     t->columns[c]);
        return cli_report(&err);
    }
    if (e->reason == FS_REASON_MISSING_VALUE || e->reason == FS_REASON_NOT_FINITE) {
        size_t row = rows[e->index];
        fs_error_at(&err, t->name, t->lines[row], 0, NULL, 0);
        fs_error_set(&err, FS_EDOM, "a feature of this force is %s: every force needs every "
                                    "feature",
                     e->reason == FS_REASON_MISSING_VALUE ? "missing" : "not finite");
        return cli_report(&err);
    }
    return cli_report(e);
}

/* The selected rows' features into x (row-major), their names into
 * names; the count into *n. */
static void gather(const fs_table_t *t, const fs_description_t *d, const size_t *cols, size_t m,
                   double *x, const char **names, size_t *rows, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        if (!fs_description_selects(d, i))
            continue;
        const fs_unit_t *u = &d->units[i];
        names[*n] = u->kind == FS_UNIT_FORCE ? fs_registry_force((size_t)u->force)->name
                                             : fs_table_cell(t, i, d->force_column);
        for (size_t f = 0; f < m; f++)
            x[*n * m + f] = d->values[cols[f] * t->nrows + i];
        rows[(*n)++] = i;
    }
}

/* Finds the peers and writes them. */
static int run(const similar_args_t *a, const fs_table_t *t, const fs_description_t *d,
               const size_t *cols, size_t m, const double *weights)
{
    size_t nr = t->nrows ? t->nrows : 1;
    double *x = malloc(nr * m * sizeof *x);
    const char **names = malloc(nr * sizeof *names);
    size_t *rows = malloc(nr * sizeof *rows), n = 0;
    const char **features = malloc(m * sizeof *features);
    fs_similar_result_t r;
    memset(&r, 0, sizeof r);
    fs_error_t err;
    fs_error_clear(&err);
    int code = EXIT_OK;
    if (x == NULL || names == NULL || rows == NULL || features == NULL) {
        fs_error_set(&err, FS_ENOMEM, "out of memory");
        code = cli_report(&err);
        goto done;
    }
    gather(t, d, cols, m, x, names, rows, &n);
    for (size_t f = 0; f < m; f++)
        features[f] = t->columns[cols[f]];
    if (a->k >= n) {
        fs_error_at(&err, t->name, 0, 0, NULL, 0);
        fs_error_set(&err, FS_EDOM, "--k %zu peers need more than %zu forces; there are %zu",
                     a->k, a->k, n);
        code = cli_report(&err);
        goto done;
    }
    fs_similar_spec_t spec = {x, n, m, weights, a->k};
    if (fs_similar(&spec, &r, &err) != FS_OK) {
        code = report(&err, t, rows, cols);
        goto done;
    }
    fs_similar_output_t o = {&r, names, features, weights, cli_csv_raw};
    fs_buf_t out;
    fs_buf_init(&out);
    fs_similar_write(&out, (fs_output_format_t)a->so.format, &o);
    code = cli_write_output(&out, a->so.format);
    fs_buf_free(&out);
done:
    fs_similar_result_free(&r);
    free(x);
    free(names);
    free(rows);
    free(features);
    return code;
}

int cmd_similar(int argc, char **argv)
{
    similar_args_t a;
    int code = parse(argc, argv, &a);
    if (code >= 0)
        return code;
    fs_table_t *t;
    size_t fc;
    if ((code = cli_load_table(a.path, a.so.encoding, a.so.force, &a.so.filters, &t, &fc)) !=
        EXIT_OK)
        return code;
    fs_description_t *d = NULL;
    fs_error_t err;
    fs_error_clear(&err);
    size_t *cols = malloc((t->ncols ? t->ncols : 1) * sizeof *cols), m = 0;
    double *weights = NULL;
    if (cols == NULL) {
        fs_error_set(&err, FS_ENOMEM, "out of memory");
        code = cli_report(&err);
    } else if ((code = cli_describe(t, fc, &d)) != EXIT_OK) {
    } else if (fs_description_check_unique(t, d, &err) != FS_OK) {
        code = cli_report_rows(&err, t, d);
    } else if ((code = feature_columns(&a, t, d, cols, &m)) != EXIT_OK) {
    } else if (a.weights != NULL && (weights = malloc(m * sizeof *weights)) == NULL) {
        fs_error_set(&err, FS_ENOMEM, "out of memory");
        code = cli_report(&err);
    } else if (a.weights != NULL && (code = parse_weights(a.weights, m, weights)) != EXIT_OK) {
    } else {
        code = run(&a, t, d, cols, m, weights);
    }
    free(weights);
    free(cols);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}
