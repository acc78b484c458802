/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_outliers.c: `forcestat outliers`, the HMICFRS outlier band. */
#include <getopt.h>
#include <pthread.h>
#include <unistd.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "outliers_output.h"

typedef struct measure_result {
    fs_status_t status;
    fs_error_t err;
    fs_buf_t text;
} measure_result_t;

typedef struct measure_job {
    const fs_table_t *t;
    const fs_description_t *d;
    const size_t *cols;
    const fs_band_options_t *opt;
    higher_is_t higher;
    const fs_groups_t *groups;
    cli_format_t format;
    int many;
    const char *const *constant; /* the measures left out as constant */
    size_t nconstant;
    measure_result_t *results;
} measure_job_t;

typedef struct worker {
    measure_job_t *job;
    size_t from, to;
    pthread_t thread;
    int started;
} worker_t;

/* Computes and formats measures [from, to) into their own buffers. */
static void *run_worker(void *arg)
{
    worker_t *w = arg;
    const measure_job_t *j = w->job;
    for (size_t k = w->from; k < w->to; k++) {
        measure_result_t *r = &j->results[k];
        fs_buf_init(&r->text);
        fs_error_clear(&r->err);
        fs_measure_spec_t spec;
        fs_measure_spec_init(&spec);
        spec.value_index = j->cols[k];
        spec.band = *j->opt;
        spec.groups = j->groups;
        fs_measure_t m;
        r->status = fs_measure_compute((fs_table_t *)j->t, j->d->force_column, j->d, &spec, &m,
                                       &r->err);
        if (r->status != FS_OK) {
            fs_measure_free(&m);
            continue;
        }
        const fs_outliers_t o = m.band;
        const fs_band_result_t res = {j->t,        j->d,        &o,           j->opt,
                                      j->higher,   j->groups,   m.group_mean, cli_csv_raw,
                                      j->constant, j->nconstant};
        if (j->format == FORMAT_JSON)
            fs_band_json(&r->text, &res, 2);
        else if (j->format == FORMAT_CSV)
            fs_band_csv_rows(&r->text, &res);
        else
            fs_band_text(&r->text, &res);
        fs_measure_free(&m);
        if (fs_buf_status(&r->text) != FS_OK)
            r->status = fs_error_set(&r->err, FS_ENOMEM, "out of memory");
    }
    return NULL;
}

/* The options of 'outliers', parsed. */
typedef struct {
    cli_shared_t so;
    const char *value;
    higher_is_t higher;
    const char *path;
} outliers_opts_t;

/* Parses argv into r: -1 when the bands are to be computed, else the exit
 * code (help shown, or a usage error). */
static int outliers_parse(int argc, char **argv, outliers_opts_t *r)
{
    static const struct option options[] = {{"value", required_argument, NULL, 'v'},
                                            CLI_OPT_BAND,
                                            {"higher-is", required_argument, NULL, 'H'},
                                            CLI_OPT_TABLE,
                                            CLI_OPT_GROUPS,
                                            CLI_OPT_CSV_RAW,
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    cli_shared_init(&r->so, "outliers", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    r->value = NULL;
    r->higher = HIGHER_NONE;
    int c, code;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'v': r->value = optarg; break;
        case 'H':
            if (strcmp(optarg, "better") == 0)
                r->higher = HIGHER_BETTER;
            else if (strcmp(optarg, "worse") == 0)
                r->higher = HIGHER_WORSE;
            else
                return cli_usage("outliers", "unknown --higher-is '%s' (choose better or worse)", optarg);
            break;
        case 'V': return cli_version();
        case 'h': return cli_help("outliers");
        default:
            if ((code = cli_shared_option(&r->so, c, optarg)) != EXIT_OK)
                return code < 0 ? cli_bad_option("outliers") : code;
        }
    }
    if (argc - optind > 1)
        return cli_usage("outliers", "expected one FILE, got %d", argc - optind);
    r->path = optind < argc ? argv[optind] : "-";
    return -1;
}

/* The columns to band into cols (room for every column of t): --value's,
 * or every measure column but the constant ones, whose names go into
 * constant (room for every column too) with a note.  A column named with
 * --value is banded whatever it is, so a constant one is an error.
 * Returns an exit code. */
static int chosen_columns(const fs_table_t *t, size_t fc, const fs_description_t *d,
                          const char *value, size_t *cols, size_t *ncols, const char **constant,
                          size_t *nconstant)
{
    fs_error_t err;
    fs_error_clear(&err);
    if (value != NULL) {
        size_t col;
        if (fs_table_find_column(t, value, &col, &err) != FS_OK)
            return cli_report(&err);
        if (col == fc)
            return cli_usage("outliers", "--value names the force column '%s'", t->columns[fc]);
        cols[(*ncols)++] = col;
    } else {
        for (size_t col = 0; col < t->ncols; col++) {
            if (!d->columns[col].is_measure)
                continue;
            if (fs_column_role(t, d, col) == FS_COLUMN_CONSTANT) {
                cli_note_constant(t, d, col);
                constant[(*nconstant)++] = t->columns[col];
            } else {
                cols[(*ncols)++] = col;
            }
        }
        if (*ncols == 0) {
            fs_error_at(&err, t->name, 0, 0, NULL, 0);
            fs_error_set(&err, FS_EPARSE,
                         *nconstant > 0 ? "no numeric measure column but constant ones (use "
                                          "--value COL)"
                                        : "no numeric measure column (use --value COL)");
            return cli_report(&err);
        }
    }
    return EXIT_OK;
}

/* Measures are independent: with many of them, workers compute and format
 * contiguous ranges of the job's ncols measures in parallel. */
static void outliers_run_job(measure_job_t *job, size_t ncols)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nworkers = ncols >= 64 && cpus > 1 ? (size_t)(cpus > 8 ? 8 : cpus) : 1;
    worker_t workers[8];
    for (size_t w = 0; w < nworkers; w++) {
        workers[w].job = job;
        workers[w].from = ncols * w / nworkers;
        workers[w].to = ncols * (w + 1) / nworkers;
        workers[w].started = w > 0 && pthread_create(&workers[w].thread, NULL, run_worker,
                                                     &workers[w]) == 0;
        if (w > 0 && !workers[w].started)
            run_worker(&workers[w]);
    }
    run_worker(&workers[0]);
    for (size_t w = 1; w < nworkers; w++) {
        if (workers[w].started)
            pthread_join(workers[w].thread, NULL);
    }
}

/* Joins the job's pieces into out in measure order, writing large batches
 * as they come; a measure with too little data is reported and skipped
 * (counted in *skipped) when there are many, any other error stops.
 * Returns the exit code so far. */
static int outliers_join(measure_job_t *job, size_t ncols, fs_buf_t *out, size_t *skipped)
{
    int code = EXIT_OK;
    size_t done_measures = 0;
    for (size_t k = 0; k < ncols; k++) {
        measure_result_t *r = &job->results[k];
        if (r->status != FS_OK) {
            code = cli_report_rows(&r->err, job->t, job->d);
            if (!job->many || r->status != FS_EDOM)
                break;
            (*skipped)++;
            continue;
        }
        if (done_measures > 0)
            fs_buf_puts(out, job->format == FORMAT_JSON   ? ",\n"
                             : job->format == FORMAT_TEXT ? "\n"
                                                          : "");
        fs_buf_append(out, r->text.data ? r->text.data : "", r->text.len);
        fs_buf_free(&r->text);
        done_measures++;
        /* Large batches go out as they are joined. */
        if (out->len > (1u << 20)) {
            if ((code = cli_write_output(out, job->format)) != EXIT_OK)
                break;
            fs_buf_reset(out);
        }
    }
    return code;
}

int cmd_outliers(int argc, char **argv)
{
    outliers_opts_t po;
    int code = outliers_parse(argc, argv, &po);
    if (code != -1)
        return code;
    /* (The filters point into themselves: read them where they are.) */
    const cli_shared_t *so = &po.so;
    const char *value = po.value, *path = po.path;
    higher_is_t higher = po.higher;
    const cli_format_t format = so->format;
    const fs_band_options_t opt = so->band;
    fs_groups_t *groups;
    code = cli_load_groups(so->groups, &groups);
    if (code != EXIT_OK)
        return code;
    fs_table_t *t;
    size_t fc;
    code = cli_load_table(path, so->encoding, so->force, &so->filters, &t, &fc);
    if (code != EXIT_OK) {
        fs_groups_free(groups);
        return code;
    }
    fs_error_t err;
    fs_error_clear(&err);
    fs_description_t *d = NULL;
    fs_buf_t out;
    fs_buf_init(&out);
    size_t *cols = malloc(t->ncols * sizeof *cols);
    const char **constant = malloc(t->ncols * sizeof *constant);
    size_t ncols = 0, nconstant = 0;
    if (cols == NULL || constant == NULL) {
        fs_error_set(&err, FS_ENOMEM, "out of memory");
        code = cli_report(&err);
        goto done;
    }
    if ((code = cli_describe(t, fc, &d)) != EXIT_OK)
        goto done;
    if ((code = chosen_columns(t, fc, d, value, cols, &ncols, constant, &nconstant)) != EXIT_OK)
        goto done;
    int many = value == NULL;
    /* JSON has one shape whatever the flags: an array of measures, with
     * --value an array of one. */
    if (format == FORMAT_JSON)
        fs_buf_puts(&out, "[\n");
    if (format == FORMAT_CSV)
        format_csv_header(&out, higher, groups != NULL);
    /* The measures are computed in parallel (outliers_run_job), and the
     * pieces are written in measure order. */
    measure_job_t job = {t, d, cols, &opt, higher, groups, format, many, constant, nconstant, NULL};
    job.results = calloc(ncols, sizeof *job.results);
    if (job.results == NULL) {
        code = EXIT_DATA;
        goto done;
    }
    outliers_run_job(&job, ncols);
    size_t skipped = 0;
    code = outliers_join(&job, ncols, &out, &skipped);
    int fatal = 0;
    for (size_t k = 0; k < ncols; k++) {
        fatal |= job.results[k].status != FS_OK && (!many || job.results[k].status != FS_EDOM);
        fs_buf_free(&job.results[k].text);
    }
    free(job.results);
    for (size_t k = 0; k < ncols; k++)
        cli_note_total(t, d, cols[k]);
    if (fatal || (code != EXIT_OK && code != EXIT_DATA))
        goto done;
    if (format == FORMAT_JSON)
        fs_buf_puts(&out, "\n]\n");
    int write_code = cli_write_output(&out, format);
    code = write_code != EXIT_OK ? write_code : (skipped ? EXIT_DATA : EXIT_OK);
done:
    fs_groups_free(groups);
    fs_buf_free(&out);
    free(cols);
    free(constant);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}
