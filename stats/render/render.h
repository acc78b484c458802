/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render.h: result tables, described once and rendered by one emitter per
 * format.
 *
 * A result table is a list of named, typed columns and rows of cells.
 * The same description gives the CSV (keys as the header), the JSON (an
 * array of objects with the keys in column order, null for a missing
 * cell), the text table for people (headings, widths, rounding) and the
 * HTML table, so adding a column is one change and every format agrees. */
#ifndef FORCESTAT_RENDER_H
#define FORCESTAT_RENDER_H

#include <stddef.h>

#include "render/emit.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_rtype {
    FS_RT_TEXT = 0, /* a string; NULL is missing */
    FS_RT_NUMBER,   /* a double; NaN is missing */
    FS_RT_SOURCE    /* a number with the text it was read from: CSV writes that text when
                       it is a plain decimal (it reads back as the same double) */
} fs_rtype_t;

/* How a number looks in the text table. */
typedef enum fs_rstyle {
    FS_RS_HUMAN = 0, /* enough digits to tell forces apart: %.0f from 1000, %.2f from 10, else %.4g */
    FS_RS_SIGNED,    /* a z score: %+.2f */
    FS_RS_DIGITS,    /* %.*g with `digits` significant digits */
    FS_RS_SHARE,     /* a proportion as a percentage: %.1f%% (%.3f%% under 1%) */
    FS_RS_FIXED2,    /* %.2f (rates) */
    FS_RS_POINTS     /* a change in a proportion, in percentage points: %+.2f of 100 x */
} fs_rstyle_t;

typedef struct fs_rcol {
    const char *key;     /* the CSV header and JSON key */
    fs_rtype_t type;
    /* The text table: the heading (NULL leaves the column out of text);
     * the width (negative: left-aligned), at most max bytes (0: no
     * limit); what goes before and after the value; and, when optional,
     * nothing at all (not even before/after) for a missing cell. */
    const char *heading;
    int width;
    int max;
    const char *before; /* NULL: one space (none before the first column) */
    const char *after;
    int optional;
    int follows;         /* optional: 1 + the column whose missing cell leaves this one out
                            (0: its own) */
    fs_rstyle_t style;
    int digits;          /* FS_RS_DIGITS */
    int csv_only;        /* in CSV (and HTML) but not JSON: a band repeated on every row */
    int json_only;       /* in JSON but not CSV */
    const char *json_key; /* the JSON key when it differs from the CSV header */
    /* HTML: 1 + the decimals of every cell (a measure's figures, as its
     * page and charts print them); 0: the column's own (fs_render_decimals
     * over the rows shown). */
    int fixed_decimals;
} fs_rcol_t;

typedef struct fs_rcell {
    const char *text; /* FS_RT_TEXT, and FS_RT_SOURCE's text; not owned */
    double number;
} fs_rcell_t;

typedef struct fs_rtable {
    const fs_rcol_t *cols;
    size_t ncols;
    size_t nrows;
    fs_rcell_t *cells; /* nrows * ncols, row after row */
    /* CSV: 0 (the default) writes a text cell that a spreadsheet would run
     * as a formula (=, +, -, @, tab or CR first, and not a number) with a '
     * before it; 1 writes every cell as it is (--csv-raw). */
    int csv_raw;
} fs_rtable_t;

/* A table of nrows rows with every cell missing.  The columns and the
 * cells' texts are not copied: they must outlive the table.  Errors:
 * FS_ENOMEM. */
fs_status_t fs_rtable_init(fs_rtable_t *t, const fs_rcol_t *cols, size_t ncols, size_t nrows,
                           fs_error_t *err);
void fs_rtable_free(fs_rtable_t *t);

static inline void fs_rtable_text(fs_rtable_t *t, size_t row, size_t col, const char *s)
{
    t->cells[row * t->ncols + col].text = s;
}

static inline void fs_rtable_number(fs_rtable_t *t, size_t row, size_t col, double x)
{
    t->cells[row * t->ncols + col].number = x;
}

static inline void fs_rtable_source(fs_rtable_t *t, size_t row, size_t col, const char *s,
                                    double x)
{
    t->cells[row * t->ncols + col].text = s;
    t->cells[row * t->ncols + col].number = x;
}

/* CSV: the header line (the keys), and the rows; text cells and keys
 * through fs_csv_text (safetext.h), numbers as they are. */
void fs_render_csv_header(fs_buf_t *out, const fs_rtable_t *t);
void fs_render_csv_rows(fs_buf_t *out, const fs_rtable_t *t);

/* JSON: "[" then each row as {"key": value, ...} on its own line after
 * row_indent, then a line with end_indent and "]" (no newline after). */
void fs_render_json_rows(fs_buf_t *out, const fs_rtable_t *t, const char *row_indent,
                         const char *end_indent);

/* One row's JSON object, {"key": value, ...}, for output written in
 * pieces (large aggregates). */
void fs_render_json_row(fs_buf_t *out, const fs_rtable_t *t, size_t row);

/* Text: the heading line and the rows, each line starting with indent.
 * Rows are written in the order of order[] (NULL: table order). */
void fs_render_text(fs_buf_t *out, const fs_rtable_t *t, const char *indent,
                    const size_t *order);

/* HTML: a <table class="stack"> of the columns the text table shows
 * (those with a heading; optional ones too, empty where missing), with
 * caption (NULL: none), a <thead> of the headings, and the n rows
 * order[0..n-1] (order NULL: every row, n ignored), each opening with
 * its first column as the row's heading (<th scope="row">) and every cell
 * named by data-label (a phone shows the table stacked); numbers in
 * cells of class "num", with fixed decimals in each column
 * (fs_render_decimals) and a true minus sign; row_class (may be NULL, or
 * hold NULL) gives each row's class. */
void fs_render_html(fs_buf_t *out, const fs_rtable_t *t, const size_t *order, size_t n,
                    const char *const *row_class, const char *caption);

/* The decimals a column of the n figures x shows in style: three
 * significant digits for its middle magnitude (of a percentage for
 * FS_RS_SHARE), from 0 to 3; 2 for FS_RS_SIGNED and FS_RS_FIXED2 and
 * when no figure is finite and non-zero.  x is overwritten (its
 * magnitudes, sorted). */
int fs_render_decimals(double *x, size_t n, fs_rstyle_t style);
/* The rule of fs_render_decimals for figures x (a percentage's when
 * percent), at most cap decimals; reorders x.  The charts' rule
 * (fs_svg_decimals) is this one with a cap of 6. */
int fs_render_middle_decimals(double *x, size_t n, int percent, int cap);

/* x with decimals after the point (a share as a percentage with '%'),
 * negative with a true minus sign (U+2212), FS_RS_SIGNED positive with
 * '+', never "-0"; a magnitude from 1e15 or NaN as fs_render_number. */
void fs_render_fixed(fs_buf_t *out, double x, fs_rstyle_t style, int decimals);

/* A number as the text table shows it. */
void fs_render_number(fs_buf_t *out, double x, fs_rstyle_t style, int digits);

/* Appends s with &, <, >, " and ' escaped for HTML. */
void fs_html_escape(fs_buf_t *out, const char *s);

#ifdef __cplusplus
}
#endif

#endif
