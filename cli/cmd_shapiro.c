/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_shapiro.c: `forcestat shapiro`, the Shapiro-Wilk test. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common.h"
#include "render/results.h"

/* Reads one number per line into a growing array. */
static int read_list(const char *path, fs_encoding_t encoding, double **values, size_t *n,
                     size_t *missing)
{
    fs_read_options_t ropt;
    fs_read_options_init(&ropt);
    ropt.encoding = encoding;
    fs_error_t err;
    fs_error_clear(&err);
    fs_reader_t *r;
    if (fs_reader_open(&r, path, &ropt, &err) != FS_OK)
        return cli_report(&err);
    size_t cap = 0;
    fs_record_t rec;
    fs_status_t st;
    int code = EXIT_OK;
    while ((st = fs_reader_next(r, &rec, &err)) == FS_OK) {
        if (rec.nfields != 1) {
            fs_error_at(&err, fs_reader_name(r), rec.line, 2, NULL, 0);
            fs_error_set(&err, FS_EPARSE,
                         "expected one number per line, found %zu fields (use --column for a "
                         "CSV table)",
                         rec.nfields);
            code = cli_report(&err);
            goto done;
        }
        double v;
        const char *why;
        switch (fs_parse_number(rec.fields[0], rec.lens[0], &v, &why)) {
        case FS_FIELD_MISSING: (*missing)++; continue;
        case FS_FIELD_INVALID:
            fs_error_at(&err, fs_reader_name(r), rec.line, 1, rec.fields[0], rec.lens[0]);
            fs_error_set(&err, FS_EPARSE, "%s", why);
            code = cli_report(&err);
            goto done;
        case FS_FIELD_NUMBER: break;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            double *p = realloc(*values, cap * sizeof *p);
            if (p == NULL) {
                fs_error_set(&err, FS_ENOMEM, "out of memory");
                code = cli_report(&err);
                goto done;
            }
            *values = p;
        }
        (*values)[(*n)++] = v;
    }
    if (st != FS_EOF)
        code = cli_report(&err);
done:
    fs_reader_free(r);
    return code;
}

/* A column of a table, over the rows `outliers` bands: the territorial
 * forces when the table names any (England and Wales, countries, regions
 * and other units left out and counted in *others), else every row. */
static int read_column(const char *path, fs_encoding_t encoding, const char *column,
                       const char *force, const cli_filters_t *filters, double **values, size_t *n, size_t *missing,
                       size_t *others, fs_table_t **tp, fs_description_t **dp)
{
    fs_table_t *t;
    size_t fc;
    int code = cli_load_table(path, encoding, force, filters, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    size_t col;
    fs_description_t *d = NULL;
    *tp = t;
    *values = malloc((t->nrows ? t->nrows : 1) * sizeof **values);
    if (*values == NULL) {
        fs_error_set(&err, FS_ENOMEM, "out of memory");
        code = cli_report(&err);
    } else if (fs_table_find_column(t, column, &col, &err) != FS_OK ||
               fs_table_numeric_column(t, col, *values, &err) != FS_OK) {
        code = cli_report(&err);
    } else if ((code = cli_describe(t, fc, &d)) != EXIT_OK) {
    } else if (d->forces_present > 0 && fs_description_check_unique(t, d, &err) != FS_OK) {
        /* The rows outliers bands: one per force. */
        code = cli_report(&err);
    } else {
        /* The rows every command compares (fs_description_selects). */
        for (size_t i = 0; i < t->nrows; i++) {
            if (!fs_description_selects(d, i))
                (*others)++;
            else if (isnan((*values)[i]))
                (*missing)++;
            else
                (*values)[(*n)++] = (*values)[i];
        }
    }
    *dp = d;
    return code;
}

int cmd_shapiro(int argc, char **argv)
{
    static const struct option options[] = {{"column", required_argument, NULL, 'c'},
                                            CLI_OPT_FORCE,
                                            CLI_OPT_QUIET,
                                            CLI_OPT_FORMAT,
                                            CLI_OPT_ENCODING,
                                            CLI_OPT_FILTER,
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    const char *column = NULL;
    cli_shared_t so;
    cli_shared_init(&so, "shapiro", FORMAT_TEXT | FORMAT_JSON);
    int shared;
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'c': column = optarg; break;
        case 'V': return cli_version();
        case 'h': return cli_help("shapiro");
        default:
            if ((shared = cli_shared_option(&so, c, optarg)) != EXIT_OK)
                return shared < 0 ? cli_bad_option("shapiro") : shared;
        }
    }
    if (so.filters.n > 0 && column == NULL)
        return cli_usage("shapiro", "--filter needs --column: a list of numbers has no columns");
    if (argc - optind > 1)
        return cli_usage("shapiro", "expected one FILE, got %d", argc - optind);
    const char *path = optind < argc ? argv[optind] : "-";
    double *values = NULL;
    size_t n = 0, missing = 0, others = 0;
    fs_table_t *t = NULL;
    fs_description_t *d = NULL;
    int code = column ? read_column(path, so.encoding, column, so.force, &so.filters, &values, &n,
                                    &missing, &others, &t, &d)
                      : read_list(path, so.encoding, &values, &n, &missing);
    fs_swilk_t res;
    fs_error_t err;
    fs_error_clear(&err);
    fs_left_out_t left;
    int have_left = 0;
    if (code == EXIT_OK && fs_swilk(values, 1, n, &res, &err) != FS_OK) {
        fs_error_at(&err, strcmp(path, "-") == 0 ? "<stdin>" : path, 0, 0, NULL, 0);
        code = cli_report(&err);
    } else if (code == EXIT_OK && column != NULL &&
               fs_left_out_init(&left, t, d, &err) != FS_OK) {
        fs_left_out_free(&left);
        code = cli_report(&err);
    } else if (code == EXIT_OK) {
        have_left = column != NULL;
        fs_buf_t out;
        fs_buf_init(&out);
        fs_shapiro_write(&out, (fs_output_format_t)so.format, &res, missing, others, have_left ? &left : NULL);
        code = cli_write_output(&out, so.format);
        fs_buf_free(&out);
    }
    if (have_left)
        fs_left_out_free(&left);
    free(values);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}
