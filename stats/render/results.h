/* SPDX-License-Identifier: GPL-3.0-or-later */
/* results.h: every command's result, described once and written by one
 * emitter per format.
 *
 * Each result kind has a const table of its JSON fields (result.h) and
 * of its table's columns (render.h) in one file of stats/render/
 * (result_band.c, result_compare.c, result_funnel.c, result_spc.c,
 * result_check.c, result_figures.c); its JSON, CSV and text are written
 * from them.  The program parses options, computes through the measure
 * layer and hands the results here.  Every JSON output starts with
 * "schema_version" (docs/json.md), FS_JSON_SCHEMA_VERSION. */
#ifndef FORCESTAT_RESULTS_H
#define FORCESTAT_RESULTS_H

#include <stddef.h>

#include "forcestat/forcestat.h"
#include "render/emit.h"
#include "render/kinds.h"
#include "render/render.h"
#include "render/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the shape of every JSON output: it goes up when a key
 * changes meaning or goes; an added key keeps it. */
#define FS_JSON_SCHEMA_VERSION 1

/* ---- The note of rows left out: "unrecognised" and "absent" ---- */

/* What a comparison left out of a table that names forces: the names
 * that are no force (with line and "did you mean") and the forces with
 * no row; both empty for a table of other units.  The document (doc)
 * holds the two fields, to be written as another's members. */
typedef struct fs_left_out {
    fs_doc_t doc;
    fs_rtable_t unrecognised;
    const char *absent[FS_FORCE_COUNT];
} fs_left_out_t;

/* Fills l from the table and its description; l must not move while doc
 * is used.  Errors: FS_ENOMEM.  fs_left_out_free frees it (after init
 * failed too). */
fs_status_t fs_left_out_init(fs_left_out_t *l, const fs_table_t *t, const fs_description_t *d,
                             fs_error_t *err);
void fs_left_out_free(fs_left_out_t *l);

/* ---- The outlier band (outliers, report) ---- */

typedef enum fs_higher { FS_HIGHER_NONE, FS_HIGHER_BETTER, FS_HIGHER_WORSE } fs_higher_t;

/* The reader-facing label of a flag ("better than most forces"). */
const char *fs_band_label(fs_flag_t flag, fs_higher_t higher);

/* qsort order of band rows: highest value first, missing last, then file
 * order. */
int fs_band_rows_by_value_desc(const void *pa, const void *pb);

typedef struct fs_band_result {
    const fs_table_t *table;
    const fs_description_t *desc;
    const fs_outliers_t *band;
    const fs_band_options_t *opt;
    fs_higher_t higher;
    const fs_groups_t *groups; /* may be NULL */
    const double *group_mean;  /* one per band row, with groups */
    int csv_raw;
    /* JSON: the measures of the file left out because constant
     * (fs_column_role), "constant_measures" when there are any. */
    const char *const *constant;
    size_t nconstant;
} fs_band_result_t;

/* The band's result table: CSV has every column (measure, force, code,
 * value, z, flag, scale, centre, lower, upper, then label and group,
 * group_mean when asked for), JSON the per-force ones, and the text table
 * Force, Code, Value, z, Flag with the label and group after it.  cols
 * has room for FS_BAND_MAX_COLUMNS. */
#define FS_BAND_MAX_COLUMNS 16
#define FS_BAND_FORCE_COLUMN 1
#define FS_BAND_VALUE_COLUMN 3
fs_status_t fs_band_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_band_result_t *r,
                          fs_error_t *err);

/* One measure's band as a JSON object, after indent spaces; no newline
 * after.  Out of memory: out fails. */
void fs_band_json(fs_buf_t *out, const fs_band_result_t *r, int indent);
/* The CSV header, and one measure's rows. */
void fs_band_csv_header(fs_buf_t *out, fs_higher_t higher, int with_groups, int csv_raw);
void fs_band_csv_rows(fs_buf_t *out, const fs_band_result_t *r);
/* The band for people: its lines, the forces highest first, the counts. */
void fs_band_text(fs_buf_t *out, const fs_band_result_t *r);

/* ---- Comparisons with England and Wales (proportions, rates) ---- */

/* One comparison (one period of a long table). */
typedef struct fs_comparison_result {
    const fs_table_t *table;
    const fs_description_t *desc;
    const fs_comparison_t *comparison;
    const fs_group_comparison_t *gc;  /* one per row, with groups; else NULL */
    const char *label;                /* the period (long tables) */
    const char *const *period_values; /* CSV: the period columns' values */
} fs_comparison_result_t;

typedef struct fs_comparison_output {
    const char *measure;               /* e.g. "searches / population" */
    const fs_groups_t *groups;         /* may be NULL */
    int periods;                       /* a long table: every period */
    const char *const *period_columns; /* CSV: their names */
    size_t nperiod_columns;
    int csv_raw;
} fs_comparison_output_t;

/* The comparisons r[0..n-1] (one unless o->periods): text a block per
 * period under "== LABEL"; CSV one table, the period columns first, each
 * period's forces then its England and Wales row; JSON one object, with
 * "periods" for a long table.  Out of memory: out fails. */
void fs_comparison_write(fs_buf_t *out, fs_output_format_t format, const fs_comparison_output_t *o,
                         const fs_comparison_result_t *r, size_t n);

/* ---- A change between two periods (change) ---- */

typedef struct fs_change_output {
    const fs_measure_t *measure; /* computed with its periods */
    const fs_changes_t *changes; /* over measure */
    const char *what;            /* the measure, e.g. "searches per 1000" */
    int csv_raw;
} fs_change_output_t;

/* Each force's change and England and Wales's: text (the method and the
 * adjustment stated, England and Wales's change, the forces by change,
 * largest first, and the count of each verdict), CSV (a row a force, then
 * England and Wales; the level and the adjustment on every row) or JSON
 * (docs/json.md).  Out of memory: out fails. */
void fs_change_write(fs_buf_t *out, fs_output_format_t format, const fs_change_output_t *o);

/* The report's sentence on one change r (of c), named name, with the
 * periods in words (when1, when2): "NAME: from X (P) to Y (Q), a
 * significant increase (95% interval, not adjusted for multiple
 * comparisons)."  No newline. */
void fs_change_sentence(fs_buf_t *out, const fs_changes_t *c, const fs_change_row_t *r,
                        const char *name, const char *when1, const char *when2);

/* The change of r (of c) in a few words: "+0.049 percentage points,
 * significant increase" (a proportion's difference with decimals after
 * the point, the measure's: its figures' on the page), "rate ratio
 * 0.651, significant decrease" (a ratio at three significant digits, as
 * the charts and the report's sentences give it). */
void fs_change_words(fs_buf_t *out, const fs_changes_t *c, const fs_change_row_t *r, int decimals);

/* ---- The funnel plot ---- */

/* A funnel's limits and each force's place (fs_measure_t with a funnel);
 * with groups, each force's group's figure and z.  Out of memory: out
 * fails. */
void fs_funnel_write(fs_buf_t *out, fs_output_format_t format, const fs_measure_t *m,
                     const fs_groups_t *groups, int csv_raw);

/* ---- Statistical process control ---- */

/* An XmR chart (fs_measure_t with spc) of the series of force (-1: the
 * only series): its segments, points and summary.  Out of memory: out
 * fails. */
void fs_spc_write(fs_buf_t *out, fs_output_format_t format, const fs_measure_t *m, int force,
                  int csv_raw);

/* ---- Rates of groups against a reference group (ratio) ---- */

/* Each force's groups against the reference group, then England and
 * Wales's: CSV and JSON every figure (docs/json.md), text a table and
 * England and Wales in sentences.  t and d are the counts table and its
 * description.  Out of memory: out fails. */
void fs_ratio_write(fs_buf_t *out, fs_output_format_t format, const fs_ratio_table_t *r,
                    const fs_table_t *t, const fs_description_t *d, const char *reference,
                    int csv_raw);

/* ---- A dataset's check ---- */

/* What the table holds, row by row and column by column: JSON, or text
 * for people. */
void fs_check_write(fs_buf_t *out, fs_output_format_t format, const fs_table_t *t,
                    const fs_description_t *d);

/* ---- Figures: an interval, a normality test ---- */

/* A proportion's interval: k of n at level (population 0: none). */
void fs_ci_write(fs_buf_t *out, fs_output_format_t format, double k, double n, double level,
                 double population, fs_ci_method_t method, const fs_interval_t *ci);

/* The Shapiro-Wilk test of n values, with the missing values and rows
 * that are no force left out; left (may be NULL: a list of numbers) is
 * the note of names left out. */
/* `sheets`: a workbook's sheets and the table found in each, as text or
 * JSON (docs/json.md).  Out of memory leaves out failed (fs_buf_status). */
void fs_sheets_write(fs_buf_t *out, fs_output_format_t format, const char *path,
                     const fs_sheet_list_t *l);

void fs_shapiro_write(fs_buf_t *out, fs_output_format_t format, const fs_swilk_t *res,
                      size_t missing, size_t others, const fs_left_out_t *left);

/* ---- forcestat's similar forces (similar) ---- */

typedef struct fs_similar_output {
    const fs_similar_result_t *result;
    const char *const *names;    /* result->nforces: each force's name */
    const char *const *features; /* result->nfeatures: each feature's name */
    const double *weights;       /* result->nfeatures, or NULL: 1 each */
    int csv_raw;
} fs_similar_output_t;

/* Each force's peers, nearest first, their distances and the stability
 * check, labelled as forcestat's, never the Home Office's: text; CSV a
 * row per force and peer (force, peer, rank, distance, stability), a
 * peer list `--groups` reads; JSON (docs/json.md).  Out of memory leaves
 * out failed. */
void fs_similar_write(fs_buf_t *out, fs_output_format_t format, const fs_similar_output_t *o);

#ifdef __cplusplus
}
#endif

#endif
