/* SPDX-License-Identifier: GPL-3.0-or-later */
/* manifest.c: the measures of a report, from a manifest or a plain force
 * dataset (see manifest.h). */
#include "manifest.h"

#include <stdlib.h>
#include <string.h>

#include "forcestat/measure.h"

/* The cell of column name in row, copied, or NULL when the column is
 * absent or the cell empty (*failed set when out of memory). */
static char *dup_or_null(const fs_table_t *t, size_t row, const char *name, int *failed)
{
    size_t col;
    if (fs_table_find_column(t, name, &col, NULL) != FS_OK)
        return NULL;
    const char *v = fs_table_cell(t, row, col);
    if (!v[0])
        return NULL;
    char *copy = strdup(v);
    if (copy == NULL)
        *failed = 1;
    return copy;
}

void fs_report_spec_free(fs_report_spec_t *s)
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

void fs_report_specs_free(fs_report_specs_t *specs)
{
    for (size_t i = 0; i < specs->n; i++)
        fs_report_spec_free(&specs->v[i]);
    free(specs->v);
    specs->v = NULL;
    specs->n = specs->cap = 0;
}

/* Appends s (taking its strings); frees them when out of memory. */
static fs_status_t add_spec(fs_report_specs_t *specs, fs_report_spec_t *s, fs_error_t *err)
{
    if (specs->n == specs->cap) {
        size_t c = specs->cap ? specs->cap * 2 : 16;
        fs_report_spec_t *p = realloc(specs->v, c * sizeof *p);
        if (p == NULL) {
            fs_report_spec_free(s);
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        }
        specs->v = p;
        specs->cap = c;
    }
    specs->v[specs->n++] = *s;
    return FS_OK;
}

/* file as seen from the current folder: relative to the folder of dir_of
 * unless it is absolute. */
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

/* "FILE:LINE:COLUMN: message ('text')" for a manifest cell. */
static fs_status_t cell_error(const fs_table_t *t, size_t row, const char *column,
                              const char *message, fs_error_t *err)
{
    size_t col = 0;
    fs_table_find_column(t, column, &col, NULL);
    const char *text = fs_table_cell(t, row, col);
    fs_error_clear(err);
    fs_error_at(err, t->name, t->lines[row], (long)col + 1, text, strlen(text));
    return fs_error_set(err, FS_EPARSE, "%s", message);
}

/* An enumerated cell: exact (lower case, as documented), so "BETTER" or
 * "nonsense" is an error naming the cell, never a silent default.  *out
 * is values[k] for the word words[k]; an empty cell leaves it. */
static fs_status_t enum_cell(const fs_table_t *t, size_t row, const char *column,
                             const char *const *words, const int *values, size_t n, int *out,
                             const char *message, fs_error_t *err)
{
    int failed = 0;
    char *cell = dup_or_null(t, row, column, &failed);
    if (failed)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    if (cell == NULL)
        return FS_OK;
    size_t k = 0;
    while (k < n && strcmp(cell, words[k]) != 0)
        k++;
    free(cell);
    if (k == n)
        return cell_error(t, row, column, message, err);
    *out = values[k];
    return FS_OK;
}

/* The manifest's enumerations: kind, higher_is, rolling, census. */
static fs_status_t read_enums(const fs_table_t *t, size_t i, fs_report_spec_t *s, fs_error_t *err)
{
    static const char *const kinds[] = {"value", "proportion", "rate", "trend"};
    static const int kind_values[] = {FS_REPORT_VALUE, FS_REPORT_PROPORTION, FS_REPORT_RATE,
                                      FS_REPORT_TREND};
    static const char *const highers[] = {"better", "worse"};
    static const int higher_values[] = {FS_REPORT_HIGHER_BETTER, FS_REPORT_HIGHER_WORSE};
    static const char *const year[] = {"year"}, *const yes[] = {"yes"};
    static const int one[] = {1};
    int kind = FS_REPORT_VALUE, higher = FS_REPORT_HIGHER_NONE;
    fs_status_t st = enum_cell(t, i, "kind", kinds, kind_values, 4, &kind,
                               "unknown kind (choose value, proportion, rate or trend)", err);
    if (st == FS_OK)
        st = enum_cell(t, i, "higher_is", highers, higher_values, 2, &higher,
                       "unknown higher_is (choose better or worse, or leave it empty)", err);
    if (st == FS_OK)
        st = enum_cell(t, i, "rolling", year, one, 1, &s->year_ending,
                       "unknown rolling (write year when each period is the year ending with it, "
                       "or leave it empty)",
                       err);
    if (st == FS_OK)
        st = enum_cell(t, i, "census", yes, one, 1, &s->census,
                       "unknown census (write yes when every unit is counted, or leave it empty)",
                       err);
    s->kind = (fs_report_kind_t)kind;
    s->higher = (fs_report_higher_t)higher;
    return st;
}

/* Row i of manifest t as a measure, its strings copied. */
static fs_status_t read_row(const fs_table_t *t, size_t i, fs_report_spec_t *s, fs_error_t *err)
{
    memset(s, 0, sizeof *s);
    int failed = 0;
    char *file = dup_or_null(t, i, "file", &failed);
    s->file = file ? join_path(t->name, file) : NULL;
    failed |= file != NULL && s->file == NULL;
    free(file);
    s->title = dup_or_null(t, i, "title", &failed);
    s->value = dup_or_null(t, i, "value", &failed);
    s->numerator = dup_or_null(t, i, "numerator", &failed);
    s->denominator = dup_or_null(t, i, "denominator", &failed);
    s->period = dup_or_null(t, i, "period", &failed);
    s->force = dup_or_null(t, i, "force", &failed);
    s->ylabel = dup_or_null(t, i, "ylabel", &failed);
    s->xlabel = dup_or_null(t, i, "xlabel", &failed);
    s->source = dup_or_null(t, i, "source", &failed);
    if (failed)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_status_t st = read_enums(t, i, s, err);
    if (st == FS_OK && s->period != NULL) {
        size_t periods = 1;
        for (const char *p = s->period; *p; p++)
            periods += *p == ',';
        if (periods > 8)
            st = cell_error(t, i, "period", "a trend takes one to eight period columns", err);
    }
    if (st != FS_OK)
        return st;
    size_t col;
    int has_kind =
        fs_table_find_column(t, "kind", &col, NULL) == FS_OK && fs_table_cell(t, i, col)[0] != '\0';
    int ok = s->file && s->title && s->value && has_kind;
    if (ok && (s->kind == FS_REPORT_PROPORTION || s->kind == FS_REPORT_RATE) &&
        (s->numerator == NULL || s->denominator == NULL))
        ok = 0;
    if (ok && s->kind == FS_REPORT_TREND && s->period == NULL)
        ok = 0;
    if (ok)
        return FS_OK;
    fs_error_clear(err);
    fs_error_at(err, t->name, t->lines[i], 0, NULL, 0);
    return fs_error_set(err, FS_EPARSE,
                        "a manifest row needs file, title, kind (value, proportion, rate, "
                        "trend) and value; proportions and rates need numerator and "
                        "denominator, trends a period");
}

int fs_manifest_is(const fs_table_t *t)
{
    size_t col;
    return fs_table_find_column(t, "file", &col, NULL) == FS_OK &&
           fs_table_find_column(t, "kind", &col, NULL) == FS_OK;
}

fs_status_t fs_manifest_read(const fs_table_t *t, fs_report_specs_t *specs, fs_error_t *err)
{
    static const char *const required[] = {"file", "title", "kind", "value"};
    for (size_t k = 0; k < 4; k++) {
        size_t col;
        fs_status_t st = fs_table_find_column(t, required[k], &col, err);
        if (st != FS_OK)
            return st;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        fs_report_spec_t s;
        fs_status_t st = read_row(t, i, &s, err);
        if (st != FS_OK) {
            fs_report_spec_free(&s);
            return st;
        }
        if ((st = add_spec(specs, &s, err)) != FS_OK)
            return st;
    }
    return FS_OK;
}

fs_status_t fs_manifest_infer(const char *path, const fs_table_t *t, const fs_description_t *d,
                              fs_report_specs_t *specs, unsigned char *constant, fs_error_t *err)
{
    fs_inferred_t *found;
    size_t nfound;
    fs_status_t st = fs_measure_infer_marking(t, d, &found, &nfound, constant, err);
    if (st != FS_OK)
        return st;
    for (size_t k = 0; k < nfound && st == FS_OK; k++) {
        const fs_inferred_t *f = &found[k];
        fs_report_spec_t s = {0};
        s.file = strdup(path);
        s.value = strdup(t->columns[f->value]);
        s.title = strdup(t->columns[f->value]);
        s.kind = f->kind == FS_MEASURE_PROPORTION ? FS_REPORT_PROPORTION
                 : f->kind == FS_MEASURE_RATE     ? FS_REPORT_RATE
                                                  : FS_REPORT_VALUE;
        int failed = s.file == NULL || s.value == NULL || s.title == NULL;
        if (f->kind != FS_MEASURE_VALUE) {
            s.numerator = strdup(t->columns[f->numerator]);
            s.denominator = strdup(t->columns[f->denominator]);
            failed |= s.numerator == NULL || s.denominator == NULL;
        }
        if (failed) {
            fs_report_spec_free(&s);
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
        } else {
            st = add_spec(specs, &s, err);
        }
    }
    free(found);
    return st;
}
