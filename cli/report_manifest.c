/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_manifest.c: the measures of `forcestat report`: read from a
 * manifest, every cell checked with FILE:LINE:COLUMN, or inferred from a
 * plain force dataset. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

#ifndef FORCESTAT_DATADIR
#define FORCESTAT_DATADIR "/usr/local/share/forcestat/datasets"
#endif
#ifndef FORCESTAT_DATADIR_FROM_BIN
#define FORCESTAT_DATADIR_FROM_BIN "../share/forcestat/datasets"
#endif

static char *dup_or_null(const fs_table_t *t, size_t row, const char *name)
{
    size_t col;
    if (fs_table_find_column(t, name, &col, NULL) != FS_OK)
        return NULL;
    const char *v = fs_table_cell(t, row, col);
    return v[0] ? strdup(v) : NULL;
}

void report_spec_free(spec_t *s)
{
    free(s->file);
    free(s->title);
    free(s->value);
    free(s->numerator);
    free(s->denominator);
    free(s->period);
    free(s->force);
    free(s->ylabel);
    free(s->xlabel);
    free(s->source);
}

static int add_spec(spec_t **specs, size_t *n, size_t *cap, const spec_t *s)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        spec_t *p = realloc(*specs, c * sizeof *p);
        if (p == NULL)
            return 0;
        *specs = p;
        *cap = c;
    }
    (*specs)[(*n)++] = *s;
    return 1;
}

static char *join_path(const char *dir_of, const char *file)
{
    if (file[0] == '/')
        return strdup(file);
    const char *slash = strrchr(dir_of, '/');
    size_t dl = slash ? (size_t)(slash - dir_of + 1) : 0;
    char *p = malloc(dl + strlen(file) + 1);
    if (p != NULL) {
        memcpy(p, dir_of, dl);
        strcpy(p + dl, file);
    }
    return p;
}

/* Prints "FILE:LINE:COLUMN: message ('text')" for a manifest cell. */
static int manifest_cell_error(const fs_table_t *t, size_t row, const char *column,
                               const char *message)
{
    size_t col = 0;
    fs_table_find_column(t, column, &col, NULL);
    const char *text = fs_table_cell(t, row, col);
    fs_error_t err;
    fs_error_clear(&err);
    fs_error_at(&err, t->name, t->lines[row], (long)col + 1, text, strlen(text));
    fs_error_set(&err, FS_EPARSE, "%s", message);
    return cli_report(&err);
}

/* Reads a manifest's rows into specs; prints errors. */
int report_read_manifest(const fs_table_t *t, spec_t **specs, size_t *n, size_t *cap)
{
    static const char *const required[] = {"file", "title", "kind", "value"};
    fs_error_t err;
    for (size_t k = 0; k < 4; k++) {
        size_t col;
        if (fs_table_find_column(t, required[k], &col, &err) != FS_OK)
            return cli_report(&err);
    }
    for (size_t i = 0; i < t->nrows; i++) {
        spec_t s;
        memset(&s, 0, sizeof s);
        char *file = dup_or_null(t, i, "file");
        char *kind = dup_or_null(t, i, "kind");
        char *higher = dup_or_null(t, i, "higher_is");
        char *rolling = dup_or_null(t, i, "rolling");
        char *census = dup_or_null(t, i, "census");
        s.file = file ? join_path(t->name, file) : NULL;
        free(file);
        s.title = dup_or_null(t, i, "title");
        s.value = dup_or_null(t, i, "value");
        s.numerator = dup_or_null(t, i, "numerator");
        s.denominator = dup_or_null(t, i, "denominator");
        s.period = dup_or_null(t, i, "period");
        s.force = dup_or_null(t, i, "force");
        s.ylabel = dup_or_null(t, i, "ylabel");
        s.xlabel = dup_or_null(t, i, "xlabel");
        s.source = dup_or_null(t, i, "source");
        /* Enumerations are exact (lower case, as documented): "BETTER" or
         * "nonsense" is an error naming the cell, never a silent default. */
        static const char *const kinds[] = {"value", "proportion", "rate", "trend"};
        static const kind_t kind_values[] = {KIND_VALUE, KIND_PROPORTION, KIND_RATE, KIND_TREND};
        int code = EXIT_OK;
        if (kind != NULL) {
            const size_t nkinds = sizeof kinds / sizeof kinds[0];
            size_t k = 0;
            while (k < nkinds && strcmp(kind, kinds[k]) != 0)
                k++;
            if (k < nkinds)
                s.kind = kind_values[k];
            else
                code = manifest_cell_error(t, i, "kind",
                                           "unknown kind (choose value, proportion, rate or trend)");
        }
        s.higher = HIGHER_NONE;
        if (code == EXIT_OK && higher != NULL) {
            if (strcmp(higher, "better") == 0)
                s.higher = HIGHER_BETTER;
            else if (strcmp(higher, "worse") == 0)
                s.higher = HIGHER_WORSE;
            else
                code = manifest_cell_error(t, i, "higher_is",
                                           "unknown higher_is (choose better or worse, or leave "
                                           "it empty)");
        }
        if (code == EXIT_OK && rolling != NULL) {
            if (strcmp(rolling, "year") == 0)
                s.year_ending = 1;
            else
                code = manifest_cell_error(t, i, "rolling",
                                           "unknown rolling (write year when each period is the "
                                           "year ending with it, or leave it empty)");
        }
        if (code == EXIT_OK && census != NULL) {
            if (strcmp(census, "yes") == 0)
                s.census = 1;
            else
                code = manifest_cell_error(t, i, "census",
                                           "unknown census (write yes when every unit is counted, "
                                           "or leave it empty)");
        }
        if (code == EXIT_OK && s.period != NULL) {
            size_t periods = 1;
            for (const char *p = s.period; *p; p++)
                periods += *p == ',';
            if (periods > 8)
                code = manifest_cell_error(t, i, "period", "a trend takes one to eight period columns");
        }
        int ok = s.file && s.title && s.value && kind;
        if (ok && (s.kind == KIND_PROPORTION || s.kind == KIND_RATE) &&
            (s.numerator == NULL || s.denominator == NULL))
            ok = 0;
        if (ok && s.kind == KIND_TREND && s.period == NULL)
            ok = 0;
        free(kind);
        free(higher);
        free(rolling);
        free(census);
        if (code != EXIT_OK) {
            report_spec_free(&s);
            return code;
        }
        if (!ok) {
            cli_warn("forcestat: %s:%ld: a manifest row needs file, title, kind (value, "
                     "proportion, rate, trend) and value; proportions and rates need numerator "
                     "and denominator, trends a period",
                     t->name, t->lines[i]);
            report_spec_free(&s);
            return EXIT_DATA;
        }
        if (!add_spec(specs, n, cap, &s)) {
            report_spec_free(&s);
            return EXIT_DATA;
        }
    }
    return EXIT_OK;
}

/* Turns a plain dataset into specs: one per numeric measure column. */
int report_auto_specs(const char *path, const fs_table_t *t, const fs_description_t *d,
                      spec_t **specs, size_t *n, size_t *cap)
{
    fs_inferred_t *found;
    size_t nfound;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_measure_infer(t, d, &found, &nfound, &err) != FS_OK)
        return cli_report(&err);
    int code = EXIT_OK;
    for (size_t k = 0; k < nfound && code == EXIT_OK; k++) {
        const fs_inferred_t *f = &found[k];
        spec_t s = {0};
        s.file = strdup(path);
        s.value = strdup(t->columns[f->value]);
        s.title = strdup(t->columns[f->value]);
        s.kind = f->kind == FS_MEASURE_PROPORTION ? KIND_PROPORTION
                                                  : (f->kind == FS_MEASURE_RATE ? KIND_RATE : KIND_VALUE);
        if (f->kind != FS_MEASURE_VALUE) {
            s.numerator = strdup(t->columns[f->numerator]);
            s.denominator = strdup(t->columns[f->denominator]);
        }
        if (!add_spec(specs, n, cap, &s)) {
            report_spec_free(&s);
            code = EXIT_DATA;
        }
    }
    free(found);
    return code;
}

/* The spec a manifest row stands for. */
/* A long table's trend and its SPC chart, when the series is long
 * enough; improvement is the direction higher_is names. */
static void want_series(const spec_t *s, fs_measure_spec_t *m)
{
    m->want |= FS_WANT_TREND | FS_WANT_SPC;
    m->spc_optional = 1;
    m->spc.improvement = s->higher == HIGHER_BETTER  ? FS_SPC_UP
                         : s->higher == HIGHER_WORSE ? FS_SPC_DOWN
                                                     : FS_SPC_NEUTRAL;
}

void report_site_spec(const spec_t *s, const unsigned char *forces, fs_measure_spec_t *m)
{
    if (s->period == NULL)
        return;
    want_series(s, m);
    m->trend_force = -1;
    m->trend_forces = forces;
}

void report_measure_spec(const spec_t *s, int highlight_force, fs_measure_spec_t *m)
{
    fs_measure_spec_init(m);
    int ratio = s->numerator != NULL && s->denominator != NULL &&
                (s->kind != KIND_VALUE);
    m->kind = s->kind == KIND_RATE ? FS_MEASURE_RATE
                                   : (ratio ? FS_MEASURE_PROPORTION : FS_MEASURE_VALUE);
    m->value = s->value;
    m->numerator = s->numerator;
    m->denominator = s->denominator;
    m->want = FS_WANT_BAND;
    if (s->period != NULL) {
        /* A long table: the trend of the highlighted force (a proportion's
         * or a rate's from the counts, with interval ribbons) and its SPC
         * chart, when the series is long enough; the band and the rest
         * over the last period. */
        m->period = s->period;
        if (highlight_force >= 0)
            want_series(s, m);
        m->trend_force = highlight_force;
    }
    if (ratio && s->census) {
        /* A census (every officer counted) has no sampling error: England
         * and Wales pooled, but no interval, funnel or verdict. */
        m->want |= FS_WANT_COMPARISON;
    } else if (ratio) {
        /* Intervals, and the funnel with its limits widened for
         * over-dispersion. */
        m->want |= FS_WANT_COMPARISON | FS_WANT_FUNNEL;
        m->funnel.type = s->kind == KIND_RATE ? FS_FUNNEL_RATE : FS_FUNNEL_PROPORTION;
        m->funnel.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
    }
}


/* The bundled manifest: datasets/report.csv in the current folder (a
 * checkout), else beside the installed program (PREFIX/bin/forcestat ->
 * PREFIX/share/forcestat/datasets, wherever PREFIX now is), else at the
 * configured prefix. */
const char *report_bundled_manifest(char *buf, size_t size)
{
    if (access("datasets/report.csv", R_OK) == 0)
        return "datasets/report.csv";
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            int w = snprintf(buf, size, "%s/%s/report.csv", exe, FORCESTAT_DATADIR_FROM_BIN);
            if (w > 0 && (size_t)w < size && access(buf, R_OK) == 0)
                return buf;
        }
    }
    return FORCESTAT_DATADIR "/report.csv";
}

/* Standard input, read once: a report may need a dataset twice (to see
 * whether it is a manifest, then to compute), and a pipe can be read
 * only once. */
int report_load(const char *path, report_stdin_t *in, const char *force, fs_table_t **t,
                size_t *fc)
{
    if (strcmp(path, "-") != 0)
        return cli_load_table(path, FS_ENCODING_UTF8, force, NULL, t, fc);
    if (!in->read) {
        fs_error_t err;
        fs_error_clear(&err);
        if (fs_read_file("-", &in->data, &in->len, &err) != FS_OK)
            return cli_report(&err);
        in->read = 1;
    }
    return cli_load_table_memory("<stdin>", in->data, in->len, FS_ENCODING_UTF8, force, NULL, t,
                                 fc);
}

int report_read_specs(const char *const *paths, int n, report_stdin_t *in, spec_t **specs,
                      size_t *nspecs, size_t *cap)
{
    int code = EXIT_OK;
    for (int i = 0; i < n && code == EXIT_OK; i++) {
        fs_table_t *t;
        size_t fc;
        if ((code = report_load(paths[i], in, NULL, &t, &fc)) != EXIT_OK)
            return code;
        size_t col;
        if (fs_table_find_column(t, "file", &col, NULL) == FS_OK &&
            fs_table_find_column(t, "kind", &col, NULL) == FS_OK) {
            code = report_read_manifest(t, specs, nspecs, cap);
        } else {
            fs_description_t *d;
            fs_error_t err;
            if (fs_describe(t, fc, &d, &err) != FS_OK) {
                code = cli_report(&err);
            } else {
                code = report_auto_specs(paths[i], t, d, specs, nspecs, cap);
                fs_description_free(d);
            }
        }
        fs_table_free(t);
    }
    return code;
}
