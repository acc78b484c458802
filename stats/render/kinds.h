/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kinds.h (internal): the tables of kinds, one per choice a user types:
 * chart kinds, interval methods, over-dispersion adjustments, SPC rules
 * and output formats.  Each row is the name as typed, its enum value and
 * a one-line description (a chart kind also names its template).  Option
 * parsing, "did you mean", the --help lists of choices (and so the man
 * pages), the completion's lists (`forcestat __complete`) all read these
 * tables, so none can drift from another (the interval methods' table is
 * the library's, beside their code in stats/methods/intervals.c, and
 * declared in forcestat/intervals.h); unit.kinds checks them against
 * the library's own names (fs_ci_method_name, fs_overdispersion_name,
 * fs_spc_rule_names) and tests/meta/kinds.sh against the help, the man
 * pages, the completion and plots/README.md.  Adding a kind is a row. */
#ifndef FORCESTAT_KINDS_H
#define FORCESTAT_KINDS_H

#include <stddef.h>

#include "forcestat/intervals.h" /* fs_kinds_ci_method, the methods' own table */
#include "forcestat/kind.h"
#include "render/chart_measure.h"

/* Chart kinds (forcestat chart KIND). */
typedef enum fs_chart_kind {
    FS_CHART_BAR = 0,
    FS_CHART_TREND,
    FS_CHART_INTERVALS,
    FS_CHART_FUNNEL,
    FS_CHART_SPC,
    FS_CHART_SPINE,
    FS_CHART_CHANGE,
    FS_CHART_RATIO,
    FS_CHART_CHANGE_FUNNEL
} fs_chart_kind_t;

/* Output formats (--format), as bits so a command can allow a set. */
typedef enum fs_output_format {
    FS_FORMAT_TEXT = 1,
    FS_FORMAT_CSV = 2,
    FS_FORMAT_JSON = 4
} fs_output_format_t;

extern const fs_kind_table_t fs_kinds_chart;          /* key "chart" */
extern const fs_kind_table_t fs_kinds_overdispersion; /* key "--overdispersion" */
extern const fs_kind_table_t fs_kinds_spc_rule;       /* key "spc-rules" (no option) */
extern const fs_kind_table_t fs_kinds_format;         /* key "--format" */

/* How a chart kind is drawn from one computed measure: what the measure
 * computes and the adapter (chart_measure.h) that queues its chart.  The
 * program draws every kind through its row; a kind with no checks of
 * its own in cli/cmd_chart.c takes --value (ratio 0) or --numerator and
 * --denominator, or --count and --population (ratio 1).  A chart kind is
 * added with its template (plots/), its adapter, its two rows here (in
 * kinds.c) and its test. */
typedef fs_status_t (*fs_chart_draw_fn)(fs_chart_batch_t *b, const fs_measure_t *m,
                                        const fs_chart_style_t *s, fs_error_t *err);
typedef struct fs_chart_draw {
    int kind;      /* its value in fs_kinds_chart */
    int ratio;     /* 1: a proportion or rate; 0: a value */
    unsigned want; /* what the measure computes (FS_WANT_...) */
    fs_chart_draw_fn draw;
    /* Its narrow rendering's height when none is given (chart.h): the
     * charts over the forces, which lie on their side, a row a force,
     * FS_CHART_NARROW_ROWS; the funnels and the SPC chart, whose keys and
     * notes stand above and below the plot, FS_CHART_NARROW_TALL; the
     * trend FS_CHART_NARROW_TREND (the report's: fs_site_narrow_height). */
    int narrow_height;
} fs_chart_draw_t;

/* The drawing row of chart kind `kind`, or NULL (spine: drawn from a
 * manifest, cli/cmd_spine.c). */
const fs_chart_draw_t *fs_chart_draw_of(int kind);

/* Every table, for listings (forcestat __complete); NULL-terminated. */
extern const fs_kind_table_t *const fs_kind_tables[];

/* A mask allowing every row. */
#define FS_KIND_ALL (~0u)

/* The row named name among the rows allowed by mask (bit i: row i), or
 * NULL. */
const fs_kind_t *fs_kind_find(const fs_kind_table_t *t, const char *name, unsigned mask);

/* The row of enum value v, or NULL. */
const fs_kind_t *fs_kind_of(const fs_kind_table_t *t, int value);

/* The allowed row whose name is nearest name within a slip (the limit
 * "did you mean" uses for column and force names; two neighbouring
 * letters swapped count as one slip), or NULL; a tie goes to the earlier
 * row. */
const fs_kind_t *fs_kind_suggest(const fs_kind_table_t *t, const char *name, unsigned mask);

/* The allowed names joined: sep between them, last before the last one
 * (", " and " or " give "a, b or c").  Writes at most size bytes, always
 * terminated; returns the length the whole list needs. */
size_t fs_kind_join(const fs_kind_table_t *t, unsigned mask, const char *sep, const char *last,
                    char *buf, size_t size);

/* The mask of the rows that take option opt (a long option's name,
 * without "--"): those whose takes lists it, or, when no row lists it,
 * every row (an option they all take). */
unsigned fs_kind_takers(const fs_kind_table_t *t, const char *opt);

/* The mask of the rows whose values are bits set in bits (for tables of
 * bit values, as the output formats). */
unsigned fs_kind_mask_of_bits(const fs_kind_table_t *t, unsigned bits);

#endif
