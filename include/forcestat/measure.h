/* SPDX-License-Identifier: GPL-3.0-or-later */
/* measure.h: one measure, computed once.
 *
 * A measure is a spec (what kind of figure, from which columns, over
 * which period, with which band, interval and funnel options) and one
 * call computes every result a command or the report needs from it: the
 * rows compared (fs_description_selects), the outlier band, the
 * comparison with England and Wales, the funnel fit, and the series of a
 * trend.  Every command and the report go through it, so they select the
 * same rows and compute each figure in one place; charts and outputs are
 * drawn from its result and compute nothing themselves.
 *
 * Contract (status.h): spec may not be NULL; described may.  After a
 * failure the fs_measure_t is emptied or still owns what it allocated, so
 * fs_measure_free is always safe on it (it also accepts NULL).  After a
 * failure of fs_measure_infer, *out is NULL and *n is 0. */
#ifndef FORCESTAT_MEASURE_H
#define FORCESTAT_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#include "forcestat/bands.h"
#include "forcestat/compare.h"
#include "forcestat/dataset.h"
#include "forcestat/describe.h"
#include "forcestat/funnel.h"
#include "forcestat/groups.h"
#include "forcestat/intervals.h"
#include "forcestat/outliers.h"
#include "forcestat/spc.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_measure_kind {
    FS_MEASURE_VALUE = 0, /* a figure per force, as published (value) */
    FS_MEASURE_PROPORTION, /* numerator out of denominator */
    FS_MEASURE_RATE        /* a count per `per` people (denominator: population) */
} fs_measure_kind_t;

/* What to compute (bits of fs_measure_spec_t.want and fs_measure_t.have). */
#define FS_WANT_BAND 1u       /* the outlier band over the value column */
#define FS_WANT_COMPARISON 2u /* each force's interval against England and Wales */
#define FS_WANT_FUNNEL 4u     /* the funnel fit */
#define FS_WANT_TREND 8u      /* the series of one force against a comparator */
#define FS_WANT_SPC 16u       /* the XmR chart of the trend's series (implies the trend) */
#define FS_WANT_PERIODS 32u   /* each period's comparison (a long table's proportion or rate) */

/* trend_force for a table of one series (no force column to choose by):
 * every row is the series, and each period may appear once. */
#define FS_TREND_ONLY_SERIES (-2)

/* Period columns a measure may name at most. */
#define FS_MEASURE_MAX_PERIOD_COLUMNS 8

typedef struct fs_measure_spec {
    fs_measure_kind_t kind;
    unsigned want;
    const char *value;       /* FS_WANT_BAND, and a trend of values: the column */
    size_t value_index;      /* the band's column by index instead (SIZE_MAX: by name) */
    const char *numerator;   /* proportions: successes; rates: the count */
    const char *denominator; /* proportions: trials; rates: the population column */
    const double *population; /* rates: one population per data row, in place of a column */
    /* A long table's period columns, comma-separated ("financial_year,
     * financial_quarter"), or NULL for a table of one row per force.  With
     * a period, the trend is over every period and everything else over
     * the last one to appear (in file order). */
    const char *period;
    double per;              /* rates: per this many people (1000) */
    fs_ci_method_t method;   /* proportions' intervals */
    double level;            /* intervals' level */
    fs_band_options_t band;
    fs_funnel_options_t funnel; /* FS_WANT_FUNNEL: as given (type, per, limits) */
    int trend_force;         /* FS_WANT_TREND: the force, a registry index, or
                                FS_TREND_ONLY_SERIES */
    const char *compare;     /* FS_WANT_TREND: the comparison row's label; NULL: England and Wales */
    /* Most similar groups: with FS_WANT_FUNNEL each force's group target,
     * with FS_WANT_BAND each band row's group mean, with
     * FS_WANT_COMPARISON and FS_WANT_PERIODS each force against its
     * group pooled (fs_measure_t.group_mean, .group_comparison). */
    const fs_groups_t *groups;
    /* FS_WANT_SPC: the chart's options, and the periods (labels as the
     * trend's) that start a new segment. */
    fs_spc_options_t spc;
    const char *const *spc_rebase;
    size_t spc_nrebase;
    /* FS_WANT_SPC: a series the chart cannot be drawn for (too short, a
     * gap: FS_EDOM) is no error; the reason goes into spc_skipped. */
    int spc_optional;
    /* FS_WANT_TREND and FS_WANT_SPC for several forces in the same pass:
     * FS_FORCE_COUNT flags, and each force flagged that has rows gets its
     * series (fs_measure_t.series, fs_measure_for_force) beside the trend
     * of trend_force, which may then be -1 (none).  The comparison is
     * computed once for them all, so compare may not name a force.  NULL:
     * only trend_force's. */
    const unsigned char *trend_forces;
} fs_measure_spec_t;

/* Defaults: a value measure wanting its band; Wilson 95% intervals, per
 * 1,000, the published band options, funnel limits 95% and 99.8% without
 * over-dispersion. */
void fs_measure_spec_init(fs_measure_spec_t *s);

typedef struct fs_measure_funnel {
    size_t n;
    size_t *rows;         /* the data rows of the units */
    double *num, *den;    /* their values (NaN: missing) */
    double *group_target; /* with groups: each unit's group figure (NaN: none), else NULL */
    fs_funnel_t fit;
} fs_measure_funnel_t;

typedef struct fs_measure_trend {
    size_t nperiods;
    char **periods;          /* labels, the period columns joined by spaces, in file order */
    int intervals;           /* a trend of proportions or rates: lower and upper are set */
    double per;              /* a trend of rates: per this many people (else 0) */
    double *force_value, *force_lower, *force_upper;       /* nperiods each, NaN for gaps */
    double *compare_value, *compare_lower, *compare_upper; /* likewise */
    int pooled;              /* the comparison is pooled over the forces (the file has no such rows) */
    char compare_name[256];  /* what the comparison is called */
} fs_measure_trend_t;

/* One period of a long table, compared as the whole table would be. */
typedef struct fs_measure_period {
    char *label;                /* the period columns joined by spaces */
    fs_table_t *table;          /* its rows, in file order (a copy) */
    fs_description_t *desc;     /* of table */
    double *population;         /* rates from spec.population: its rows' */
    fs_comparison_t comparison; /* with England and Wales pooled in that period */
    fs_group_comparison_t *group_comparison; /* with spec.groups: one per comparison row */
} fs_measure_period_t;

/* One force's series of a measure with spec.trend_forces: its trend
 * (against the measure's one comparison) and its XmR chart. */
typedef struct fs_measure_series {
    unsigned have;            /* FS_WANT_TREND, FS_WANT_SPC: what it holds */
    fs_measure_trend_t trend;
    fs_spc_t spc;
    char spc_skipped[FS_ERROR_MESSAGE_MAX]; /* spc_optional: why there is none, or "" */
} fs_measure_series_t;

typedef struct fs_measure {
    fs_measure_kind_t kind;   /* the spec's: a proportion is shown as a percentage */
    const fs_table_t *table;  /* the rows compared: the input, or a copy of its last period's */
    fs_description_t *desc;   /* of table */
    char period[256];         /* the last period's label; "" without a period */
    unsigned have;            /* FS_WANT_* bits computed */
    size_t value_col, num_col, den_col;
    fs_outliers_t band;
    fs_comparison_t comparison;
    /* With spec.groups: each band row's group mean (NaN: no group), and
     * each comparison row against its group; else NULL. */
    double *group_mean;
    fs_group_comparison_t *group_comparison;
    fs_measure_funnel_t funnel;
    fs_measure_trend_t trend;
    fs_spc_t spc;             /* FS_WANT_SPC: point k is trend period k */
    char spc_skipped[FS_ERROR_MESSAGE_MAX]; /* spc_optional: why there is none, or "" */
    size_t nperiods;          /* FS_WANT_PERIODS: every period, in file order */
    fs_measure_period_t *periods;
    int owns_desc_;
    fs_measure_series_t *series; /* spec.trend_forces: FS_FORCE_COUNT, else NULL */
    fs_table_t *owns_table_;  /* the copy of the last period's rows table points to */
    int view_;                /* fs_measure_for_force's: it owns nothing */
} fs_measure_t;

/* Computes what spec wants from table t, whose force column is
 * force_col; t is never changed.  described, when not NULL, is t's
 * description (fs_describe), reused for a table without a period; with a
 * period, what is over the last period is computed on a copy of its rows
 * (out->table), described anew.  *out is
 * freed with fs_measure_free, also after an error.  Errors name the file,
 * line and column where they can: a missing column (FS_ENOTFOUND), a
 * force twice or a bad cell (FS_EPARSE), too few values for a band, a
 * funnel with no usable unit or a value beyond double precision (FS_EDOM), a
 * trend with no comparison rows (FS_EDOM), FS_EINVAL for a spec that asks
 * for what its kind cannot give, FS_ENOMEM. */
fs_status_t fs_measure_compute(const fs_table_t *t, size_t force_col,
                               const fs_description_t *described, const fs_measure_spec_t *spec,
                               fs_measure_t *out, fs_error_t *err);

void fs_measure_free(fs_measure_t *m);

/* *view: m as seen from force (a registry index): everything m holds,
 * with the force's trend and SPC chart (spec.trend_forces) in place of
 * m's own, and FS_WANT_TREND and FS_WANT_SPC in have only when the force
 * has them.  The view borrows from m (which must outlive it) and computes
 * nothing; fs_measure_free on it only empties it. */
void fs_measure_for_force(const fs_measure_t *m, int force, fs_measure_t *view);

/* A measure a plain force table holds, found from its columns. */
typedef struct fs_inferred {
    fs_measure_kind_t kind;
    size_t value;       /* the column banded */
    size_t numerator;   /* proportions and rates; SIZE_MAX for values */
    size_t denominator;
} fs_inferred_t;

/* The measures of table t (described by d), in this order: a
 * proportion when it has columns numerator, denominator and proportion; a
 * rate when it has count, population and a rate_per_N column; then every
 * other measure column as a value (lower, upper and rows, which describe
 * the others, aside, and so are columns of periods and identifiers, which
 * are no measure, and constant ones, which have no band: fs_column_role).
 * *out (free it) holds *n of them.  Errors: FS_ENOMEM. */
fs_status_t fs_measure_infer(const fs_table_t *t, const fs_description_t *d, fs_inferred_t **out,
                             size_t *n, fs_error_t *err);

/* fs_measure_infer, marking in constant (the caller's, room for every
 * column of t; may be NULL) with 1 each column it would have taken as a
 * value but left out because constant, 0 every other. */
fs_status_t fs_measure_infer_marking(const fs_table_t *t, const fs_description_t *d,
                                     fs_inferred_t **out, size_t *n, unsigned char *constant,
                                     fs_error_t *err);

/* How many measures fs_measure_compute has computed in this process
 * (successfully or not): lets a test count that the report computes each
 * measure once. */
unsigned long fs_measure_computations(void);

#ifdef __cplusplus
}
#endif

#endif
