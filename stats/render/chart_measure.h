/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_measure.h: the comparison charts drawn from a computed measure
 * (measure.h).  Each adapter turns a result into the chart's items and
 * queues it in a batch (chart.h); none computes a figure, prints or
 * exits. */
#ifndef FORCESTAT_CHART_MEASURE_H
#define FORCESTAT_CHART_MEASURE_H

#include "render/chart.h"
#include "forcestat/groups.h"
#include "forcestat/measure.h"
#include "forcestat/ratio_table.h"
#include "forcestat/spine.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fs_chart_style {
    const char *output; /* the chart's name in the batch's stage (.png, .svg, .pdf) */
    const char *title;  /* NULL: a title naming the measure */
    const char *ylabel; /* NULL: the measure's name */
    const char *xlabel; /* funnel: NULL, "Population" for rates, else "Number of cases" */
    const char *source; /* NULL: "Data: FILE. Drawn with forcestat." */
    int keep_script;    /* also stage the .gp script and .dat data */
    int width, height;  /* pixels; 0: the default 1200 by 675 */
    int narrow;         /* drawn for a phone (fs_chart_text_t's narrow) */
    int year_ending;    /* trend: each period is the year ending with it (period.h) */
    int ascending;      /* bars and intervals sorted up (default down) */
    int highlight;      /* the force the chart is about (registry index), or -1 */
    const fs_groups_t *groups; /* bar: outline the highlighted force's most similar group */
    const char *from, *to;     /* change: the two periods' labels; NULL: the first, the last */
    int no_verdict; /* bar: a census, no verdict against England and Wales (its figure only) */
    const char *population; /* ratio: the population table's file, named in the note */
    /* Which way is better: 1 higher, -1 lower, FS_CHART_NEITHER_BETTER
     * neither (a report's measure whose manifest does not say); 0: as the
     * manifest beside the file says (fs_chart_text_t's better). */
    int better;
    /* change-funnel: how its limits are widened for forces' changes that
     * vary more than chance explains (fs_change_dispersion_t);
     * fs_chart_style_init: multiplicative, the report's and chart
     * funnel's default. */
    fs_overdispersion_t overdispersion;
} fs_chart_style_t;

#define FS_CHART_NEITHER_BETTER 2

void fs_chart_style_init(fs_chart_style_t *s);

/* Whether m's periods are each the year ending on its date (period.h's
 * year_ending): given is 1 (a manifest's rolling = year, --year-ending),
 * or every period of m (FS_WANT_PERIODS, else its trend) is a date on one
 * day of the year, each a year after the one before ("2007-03-31",
 * "2008-03-31": a year's figures labelled by the day the year ends). */
int fs_chart_years_ending(const fs_measure_t *m, int given);

/* The decimals of m's figures wherever they are printed, on its charts
 * and its page: fs_svg_decimals' rule (three significant digits of the
 * middle magnitude, of a percentage for a proportion) over the forces'
 * figures its band is over (else its comparison's, its funnel's or its
 * last period's), so a trend that draws City of London's 175 beside
 * England and Wales's 6 writes them as its bar chart and summary do.  -1
 * without any of them (each chart then keeps its own rule). */
int fs_chart_measure_decimals(const fs_measure_t *m);

/* The period a measure's title names at its end, after its last ", ",
 * when that names a year (four digits from 1900 to 2099): "2017/18" of
 * "Outcomes closed as ... (outcome 17), 2017/18", "31 March 2020" of
 * "Police officers (FTE) per 1,000 people, 31 March 2020"; a pointer into
 * title, or "" when it names none (NULL title: ""). */
const char *fs_chart_title_period(const char *title);

/* title into buf, and when it names no year (a manifest's "Outcome 17
 * share of outcomes, rolling year") the span of m's trend periods after
 * it: ", years ending March 2018 to March 2019" (year_ending as
 * fs_chart_years_ending's given). */
void fs_chart_title_span(const char *title, const fs_measure_t *m, int year_ending, char *buf,
                         size_t size);

/* A trend chart's title into buf: "MEASURE: FORCE against COMPARE"
 * ("...: Essex against England and Wales"), broken after "MEASURE:" when
 * longer than about 110 characters, as a chart's default title is: the
 * stand-alone chart's and the report's the same. */
void fs_chart_trend_title(const char *measure, const char *force, const char *compare, char *buf,
                          size_t size);

/* An SPC chart's title into buf: "MEASURE: FORCE, statistical process
 * control" (force NULL: "MEASURE: statistical process control"), broken
 * after "MEASURE:" when longer than about 90 characters (the key beside
 * the plot leaves the title less room). */
void fs_chart_spc_title(const char *measure, const char *force, char *buf, size_t size);

/* The bar chart of m's band (FS_WANT_BAND). */
fs_status_t fs_chart_bar_of(fs_chart_batch_t *b, const fs_measure_t *m,
                            const fs_chart_style_t *s, fs_error_t *err);
/* The bar chart's data and marks of m's band drawn by another template
 * (tmpl: the embedded text of plots/NAME.gp, tmpl_name NAME), for a chart
 * kind of its own over a band. */
fs_status_t fs_chart_bar_as_of(fs_chart_batch_t *b, const fs_measure_t *m,
                               const fs_chart_style_t *s, const char *tmpl, const char *tmpl_name,
                               fs_error_t *err);
/* The ratio chart of group `group` of r (fs_ratio_table_t.groups) to the
 * reference group: each force's rate ratio and interval, sorted, on a
 * log axis, with England and Wales's ratio as a line; t is the counts
 * table (the default source). */
fs_status_t fs_chart_ratio_of(fs_chart_batch_t *b, const fs_ratio_table_t *r, size_t group,
                              const char *reference, const fs_table_t *t,
                              const fs_chart_style_t *s, fs_error_t *err);
/* The interval chart of m's comparison (FS_WANT_COMPARISON). */
fs_status_t fs_chart_intervals_of(fs_chart_batch_t *b, const fs_measure_t *m,
                                  const fs_chart_style_t *s, fs_error_t *err);
/* The trend chart of m's trend (FS_WANT_TREND). */
fs_status_t fs_chart_trend_of(fs_chart_batch_t *b, const fs_measure_t *m,
                              const fs_chart_style_t *s, fs_error_t *err);
/* The XmR chart of m's series (FS_WANT_SPC); s->highlight names its force
 * in the title, or is -1 for a table's only series. */
fs_status_t fs_chart_spc_of(fs_chart_batch_t *b, const fs_measure_t *m, const fs_chart_style_t *s,
                            fs_error_t *err);
/* One measure of a spine chart: its computed band (and comparison, when
 * intervals is set: the marker then compares the force's interval with
 * England and Wales), its label and which way is better. */
typedef struct fs_spine_measure {
    const fs_measure_t *m;
    const char *title;
    fs_spine_orientation_t orientation;
    int intervals;
} fs_spine_measure_t;

/* One spine row of a measure for the force `highlight`: row and the four
 * formatted figures (text) are the caller's, and item points into them.
 * Errors: those of fs_spine_compute (FS_EDOM: too few values to draw). */
fs_status_t fs_spine_item_of(const fs_spine_measure_t *sm, int highlight, fs_spine_row_t *row,
                             char (*text)[64], fs_spine_item_t *item, fs_error_t *err);

/* The spine chart's note of its n rows into buf: "Source: ..." with each
 * row's source once, in the rows' order, joined by "; ", with a full stop
 * (none when no row has one), then "Drawn with forcestat.". */
void fs_spine_sources(const fs_spine_item_t *items, size_t n, char *buf, size_t size);

/* The spine chart of s->highlight over n rows, its note s->source (else
 * "Drawn with forcestat.") and then "No data: FORCE." when some row has
 * no value of the force.  FS_EINVAL without a highlighted force or with
 * no row. */
fs_status_t fs_chart_spine_of(fs_chart_batch_t *b, const fs_spine_item_t *items, size_t n,
                              const fs_chart_style_t *s, fs_error_t *err);
/* Each force's change from s->from to s->to (fs_changes_compute, at the
 * level of m's intervals, not adjusted) of m's periods (FS_WANT_PERIODS),
 * as dots and whiskers sorted by the change, coloured by the verdict,
 * with England and Wales's change and no change as lines.  Errors: those
 * of fs_changes_compute (no such period, a force in one period only). */
fs_status_t fs_chart_change_of(fs_chart_batch_t *b, const fs_measure_t *m,
                               const fs_chart_style_t *s, fs_error_t *err);
/* A funnel of changes: each force's change from s->from to s->to (as
 * fs_chart_change_of) against its size (the later period's base), with
 * England and Wales's change as the target and the limits at 95% and
 * 99.8% of fs_change_funnel_limits around it.  Errors: those of
 * fs_changes_compute and fs_change_funnel_limits; FS_EDOM when England
 * and Wales's change is not defined. */
fs_status_t fs_chart_change_funnel_of(fs_chart_batch_t *b, const fs_measure_t *m,
                                      const fs_chart_style_t *s, fs_error_t *err);
/* The funnel plot of m's funnel (FS_WANT_FUNNEL). */
fs_status_t fs_chart_funnel_of(fs_chart_batch_t *b, const fs_measure_t *m,
                               const fs_chart_style_t *s, fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif
