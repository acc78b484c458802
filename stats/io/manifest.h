/* SPDX-License-Identifier: GPL-3.0-or-later */
/* manifest.h (internal): the measures of a report, read from a manifest
 * (a table of datasets: file, title, kind, value, and optionally
 * numerator, denominator, period, force, higher_is, ylabel, xlabel,
 * source, rolling, census), every cell checked with FILE:LINE:COLUMN, or
 * inferred from a plain force dataset. */
#ifndef FORCESTAT_MANIFEST_H
#define FORCESTAT_MANIFEST_H

#include <stddef.h>

#include "forcestat/dataset.h"
#include "forcestat/describe.h"
#include "forcestat/status.h"

typedef enum {
    FS_REPORT_VALUE,
    FS_REPORT_PROPORTION,
    FS_REPORT_RATE,
    FS_REPORT_TREND
} fs_report_kind_t;

/* The manifest's higher_is: which way is better, or neither. */
typedef enum {
    FS_REPORT_HIGHER_NONE,
    FS_REPORT_HIGHER_BETTER,
    FS_REPORT_HIGHER_WORSE
} fs_report_higher_t;

/* One measure of a report.  Its strings are its own (NULL when the
 * manifest leaves the cell empty); file is relative to the current folder
 * (the manifest's folder joined to what the manifest says). */
typedef struct fs_report_spec {
    char *file, *title, *value, *numerator, *denominator, *period, *force, *ylabel, *source;
    char *xlabel;
    fs_report_kind_t kind;
    fs_report_higher_t higher;
    int year_ending; /* rolling = year: each period is the year ending with it */
    int census;      /* census = yes: every unit counted, so no interval or funnel */
} fs_report_spec_t;

/* A report's measures, in order. */
typedef struct fs_report_specs {
    fs_report_spec_t *v;
    size_t n, cap;
} fs_report_specs_t;

/* Whether t is a manifest (it has the columns file and kind), not a plain
 * dataset. */
int fs_manifest_is(const fs_table_t *t);

/* Appends the measures of manifest t (named t->name) to specs.  Errors
 * (FS_EPARSE, at the manifest's FILE:LINE:COLUMN): a required column
 * missing, an unknown kind, higher_is, rolling or census, more than eight
 * period columns, a row without what its kind needs; FS_ENOMEM.  The
 * measures appended before an error stay in specs. */
fs_status_t fs_manifest_read(const fs_table_t *t, fs_report_specs_t *specs, fs_error_t *err);

/* Appends the measures of a plain force dataset t (read from path, with
 * its description d): every measure column, numerator/denominator and
 * count/population pairs as proportions and rates; constant columns
 * marked in constant (may be NULL) and left out (fs_measure_infer_marking). */
fs_status_t fs_manifest_infer(const char *path, const fs_table_t *t, const fs_description_t *d,
                              fs_report_specs_t *specs, unsigned char *constant, fs_error_t *err);

void fs_report_spec_free(fs_report_spec_t *s);
/* Frees every measure and the list (not specs itself). */
void fs_report_specs_free(fs_report_specs_t *specs);

#endif
