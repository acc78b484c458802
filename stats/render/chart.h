/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart.h: comparison charts drawn with gnuplot.
 *
 * This is the only module that starts a process.  Charts are collected in
 * a batch and drawn by one gnuplot process.  Safety: every string that
 * reaches the gnuplot script (titles, labels, force names, paths) is
 * written as a double-quoted string whose every byte outside [A-Za-z0-9 ]
 * (and any digit right after an escape) is an octal escape, so no quote, backtick, '@' macro, newline or pipe
 * character ever appears in the script as itself; terminals are set
 * `noenhanced`, so markup characters are drawn literally.  Data files hold
 * numbers only.  Every path gnuplot is given is absolute (inside the
 * stage's private folder, see stage.h), and every path in a kept script
 * begins with "./", so no path can begin with '|' or '<' (which gnuplot
 * reads as a command).  gnuplot writes only inside the private folder;
 * each chart is checked complete (PNG IEND, PDF %%EOF, SVG </svg>)
 * before the caller commits the stage, so a failed or truncated run
 * leaves existing files as they were. */
#ifndef FORCESTAT_CHART_H
#define FORCESTAT_CHART_H

#include <stddef.h>

#include "forcestat/spc.h"
#include "forcestat/status.h"
#include "io/stage.h"
#include "render/emit.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_chart_format { FS_CHART_PNG = 0, FS_CHART_SVG, FS_CHART_PDF } fs_chart_format_t;

/* The format named by path's extension (.png, .svg, .pdf; any case).
 * FS_EINVAL otherwise.  Any name is safe ("|lpr.png" too): gnuplot is
 * only ever given absolute paths, or "./NAME" in a kept script. */
fs_status_t fs_chart_format_from_path(const char *path, fs_chart_format_t *out, fs_error_t *err);

/* What every chart has. */
typedef struct fs_chart_text {
    const char *output; /* the chart's file name in the batch's stage (no '/') */
    const char *title;  /* may be NULL */
    const char *ylabel; /* may be NULL */
    const char *source; /* a note at the foot, may be NULL */
    int keep_script;    /* also stage OUTPUT.gp and OUTPUT.dat beside it */
    /* The size in pixels (PNG, SVG; a PDF page at 109 pixels to the inch);
     * 0: 1200 by 675, a report page's width at 16:9. */
    int width, height;
    /* The figures are proportions shown as percentages: the y values are
     * drawn (and kept in the .dat file) times 100, the axis reads "12%". */
    int percent;
    /* Drawn for a phone (the report's narrow rendering, offered to a page
     * under 640 px wide): every font FS_CHART_NARROW_FONTSCALE times as
     * large, the texts wrapped, the key above the plot, and the charts
     * over the forces laid on their side (the forces down the page), so
     * the text stays legible when the chart is shown about 380 px wide.
     * The templates see the flag narrow. */
    int narrow;
    /* Which way is better (a manifest's higher_is): 1 higher, -1 lower, 0
     * not known.  Where it is known a force's verdict against England and
     * Wales reads better or worse, as the spine's does, else higher or
     * lower (fs_chart_verdict_words). */
    int better;
    /* 1 + the decimals of the measure's figures (fs_chart_measure_decimals),
     * the same on every chart of it and on its page; 0: the chart's own
     * rule (its figures' middle magnitude, fs_svg_decimals, or four
     * significant digits). */
    int fixed_decimals;
} fs_chart_text_t;

/* A verdict against England and Wales in words: side 1 higher, 0 similar,
 * -1 lower; better as fs_chart_text_t's.  "worse than England and Wales"
 * where which way is better is known, else "higher than England and
 * Wales"; "similar to England and Wales" either way.  With brief, the
 * first word alone ("worse", "similar"). */
const char *fs_chart_verdict_words(int side, int better, int brief);

#define FS_CHART_WIDTH 1200
#define FS_CHART_HEIGHT 675
/* The narrow rendering: 600 pixels wide, its fonts 1.6 times as large, so
 * that shown 380 CSS pixels wide (a 400 px page) its tic labels, 9 point
 * (12 pixels at 1.0), are 12.2 CSS pixels (12 * 1.6 * 380 / 600), and
 * its notes are drawn at 9 point too.  The report draws its charts over
 * the forces (bar, intervals) FS_CHART_NARROW_ROWS high, its funnels
 * FS_CHART_NARROW_TALL, the rest FS_CHART_NARROW_HEIGHT.  The 43 forces'
 * names, a row each at 9 point times 1.6 (an em of 19.2 pixels), each on
 * a line of its own (1.16 em) with spacing, take rows of 25 pixels or
 * more (tests/cli/report.cases); 1900 gives the report's 28 or more under
 * its longest title, finding, key and notes (issue 29: at 1400 the names
 * were set solid, 17 pixels a row). */
#define FS_CHART_NARROW_WIDTH 600
#define FS_CHART_NARROW_HEIGHT 900
#define FS_CHART_NARROW_TALL 1400
#define FS_CHART_NARROW_ROWS 1900
#define FS_CHART_NARROW_FONTSCALE 1.6
/* `forcestat chart trend`'s narrow height (the report's is
 * FS_CHART_NARROW_HEIGHT): a title naming the measure, its years and the
 * force, four lines of figures and a key of wrapped ribbons left its plot
 * 200 pixels at 900, the key's last entry on its top tick label. */
#define FS_CHART_NARROW_TREND 1100
/* `forcestat chart` draws a chart under FS_CHART_NARROW_BELOW pixels
 * wide in the narrow layout (--layout auto, its default): the wide
 * layout's titles, keys and notes, laid out for 1200 pixels, run off the
 * canvas or into each other below about 1000 (issue 29: a reviewer's
 * charts at 600 and 800; the intervals chart's title is cut at 960). */
#define FS_CHART_NARROW_BELOW 1000
#define FS_CHART_MIN_SIDE 200
#define FS_CHART_MAX_SIDE 10000

/* Whether the n bytes at s name a year (four digits from 1900 to 2099
 * standing alone): a title that states its period. */
int fs_chart_names_year(const char *s, size_t n);

/* Whether a chart width pixels wide (0: the default, FS_CHART_WIDTH) is
 * drawn in the narrow layout when its layout is not chosen: 1 under
 * FS_CHART_NARROW_BELOW pixels, 0 from there up.  The rule every chart
 * command applies to --width (`chart`; the spine's to come). */
int fs_chart_narrow_at(int width);

/* The HMICFRS bar chart: one bar per force, the band's centre as a solid
 * line and its edges as dotted lines, England and Wales as its own line. */
typedef struct fs_bar_item {
    const char *label;
    double value;  /* NaN: no bar (missing) */
    int highlight; /* the force the chart is about */
    int outside;   /* outside the band */
    int in_group;  /* in the highlighted force's most similar group: outlined */
    int mark;      /* against England and Wales, by its interval (the highlighted
                      force's subtitle says it): 0 none, 1 similar, 2 higher, 3 lower */
} fs_bar_item_t;

typedef struct fs_bar_chart {
    fs_chart_text_t text;
    const fs_bar_item_t *items; /* in drawing order */
    size_t n;
    double centre, lower, upper;
    int log_scale;        /* the band was computed on logs (legend wording) */
    int has_comparator;
    double comparator;    /* England and Wales */
    const char *comparator_label; /* default "England and Wales" */
    const char *group_label;      /* legend for outlined bars, or NULL */
    /* With per-force peer lists (groups.h): the highlighted force's peer
     * group's average, unweighted (the mean of its forces' values) and
     * pooled (its numerators over its denominators), each drawn as a line
     * when its flag is set. */
    int has_peer_mean, has_peer_pooled;
    double peer_mean, peer_pooled;
    /* England and Wales within a few pixels of the centre line: its line
     * is drawn again over the centre's, so both show (chart_measure.c
     * says so in the note). */
    int lines_close;
} fs_bar_chart_t;

/* Dots with whiskers: each force's estimate and interval, a reference line. */
typedef struct fs_interval_item {
    const char *label;
    double estimate, lower, upper; /* NaN estimate: left out */
    int highlight;
    int mark;      /* against England and Wales: 0 none, 1 similar, 2 higher, 3 lower */
} fs_interval_item_t;

typedef struct fs_interval_chart {
    fs_chart_text_t text;
    const fs_interval_item_t *items;
    size_t n;
    int has_reference;
    double reference;
    const char *reference_label;
    const char *method; /* a note naming the interval method, or NULL */
    /* A ratio chart's reference group, as its marks' titles and its SVG
     * <desc> name it ("3.1 times White people's rate"); NULL: "the
     * reference group's". */
    const char *reference_group;
} fs_interval_chart_t;

/* An interval chart drawn by another template (the embedded text of
 * plots/NAME.gp, and NAME), with a line at no change (null_value) when
 * has_null, on a log axis when log_scale (ratios): chart change. */
typedef struct fs_interval_look {
    const char *tmpl, *tmpl_name;
    int has_null;
    double null_value;
    int log_scale;
    /* What follows a change's figure in its mark's title and the SVG
     * <desc> (" percentage points"); a ratio (log_scale) is called a rate
     * ratio instead. */
    const char *unit;
} fs_interval_look_t;

/* Lines over periods: up to 8 series, optionally with interval ribbons. */
typedef struct fs_trend_series {
    const char *name;
    const double *values; /* nperiods values, NaN for gaps */
    const double *lower;  /* NULL, or nperiods lower bounds */
    const double *upper;
    int highlight;
} fs_trend_series_t;

typedef struct fs_trend_chart {
    fs_chart_text_t text;
    const char *const *periods;
    size_t nperiods;
    const fs_trend_series_t *series;
    size_t nseries;
    /* Each period's place in time (years, increasing), so the axis is
     * proportional to the dates; NULL: evenly spaced. */
    const double *at;
    const char *xlabel; /* the time axis's title, or NULL */
    /* nperiods periods in words (fs_period_words: "year ending March
     * 2022") for the finding and the points' titles; NULL: periods. */
    const char *const *when;
} fs_trend_chart_t;

/* A funnel plot: each force's figure against its denominator, with
 * control limits drawn as curves (computed from the fitted funnel). */
typedef struct fs_funnel_point {
    const char *label;
    double denominator, value; /* NaN value: left out */
    int flag;      /* 0 within, 1 outside the inner limits, 2 outside the outer */
    int highlight; /* labelled and coloured */
    double z;      /* its z against the target: the most extreme are named */
} fs_funnel_point_t;

typedef struct fs_funnel_chart {
    fs_chart_text_t text;
    const fs_funnel_point_t *points;
    size_t n;
    const struct fs_funnel *funnel; /* the fitted funnel, for the limits */
    const char *xlabel;
} fs_funnel_chart_t;

/* A funnel of changes (chart change-funnel): each force's change
 * against its size, England and Wales's change as the target line, and
 * the limits at two levels (fs_change_funnel_limits) as curves over the
 * forces' sizes.  The figures are drawn as given (a change in percentage
 * points, or a rate ratio on a log axis when log_y).  Every force beyond
 * the outer limits, and the highlighted force, is named where its name
 * crosses no curve, marker or other name (chart_labels.h), in a column
 * past xmax when it must. */
typedef struct fs_change_funnel_point {
    const char *label;
    double size, change; /* NaN change: left out */
    int flag;            /* 0 within, 1 outside the inner limits, 2 outside the outer */
    int highlight;
} fs_change_funnel_point_t;

typedef struct fs_change_funnel_chart {
    fs_chart_text_t text;
    const fs_change_funnel_point_t *points;
    size_t n;
    /* nsteps rows of 5: size, inner lower, inner upper, outer lower,
     * outer upper, the sizes increasing from xmin to xmax or past it. */
    const double *curves;
    size_t nsteps;
    double xmin, xmax;
    int log_x, log_y;
    double target, inner, outer; /* the levels in percent */
    const char *target_label, *xlabel, *note;
    /* What follows a change's figure in its mark's title and the SVG
     * <desc> (" percentage points"); a ratio (log_y) is called a rate
     * ratio instead. */
    const char *unit;
} fs_change_funnel_chart_t;

/* An XmR chart (spc.h): the series with its segments' mean and process
 * limits, special-cause points coloured by their variation. */
typedef struct fs_spc_chart {
    fs_chart_text_t text;
    const char *const *periods; /* spc->n tick labels */
    const struct fs_spc *spc;
    /* spc->n periods in words (fs_period_words: "year ending March
     * 2022") for the summary and the points' titles; NULL: periods. */
    const char *const *when;
    const char *xlabel; /* the axis's title, as a trend chart's, or NULL */
    const char *force;  /* the force whose series it is (its finding names it), or NULL */
} fs_spc_chart_t;

/* A special-cause point's variation in words for the public, as the
 * chart's key says it: "improvement", "concern", "higher than usual
 * (neither better nor worse)", ...; "common cause" for the rest. */
const char *fs_spc_variation_words(fs_spc_variation_t v);

/* A spine chart: one row per measure, where one force stands among the
 * forces (spine.h gives each row's positions). */
/* A row's colour is the force against England and Wales (Fingertips'
 * design): better, similar or worse where the row's direction is known,
 * higher, similar or lower where not; never the band. */
typedef enum fs_spine_mark {
    FS_SPINE_MARK_NONE = 0,    /* no value */
    FS_SPINE_MARK_MIDDLE,      /* similar to England and Wales */
    FS_SPINE_MARK_HIGH,        /* higher */
    FS_SPINE_MARK_LOW,         /* lower */
    FS_SPINE_MARK_NOT_COMPARED /* a value, but no interval to compare (a census) */
} fs_spine_mark_t;

typedef struct fs_spine_item {
    const char *measure;     /* the row's label */
    const char *value;       /* the force's value, formatted ("" for none) */
    const char *centre;      /* England and Wales (or the band's centre), formatted */
    const char *lowest, *highest; /* formatted */
    /* The force whose figure each end is (its display name), or NULL when
     * no one force holds it: an end off the scale is named by it, so its
     * figure is never read as the highlighted force's. */
    const char *lowest_force, *highest_force;
    const struct fs_spine_row *row;
    fs_spine_mark_t mark;
    int intervals;           /* the mark compares an interval (else the band) */
    const char *period;      /* the period the row is of, or NULL */
    const char *source;      /* where its figures come from, or NULL */
} fs_spine_item_t;

typedef struct fs_spine_chart {
    fs_chart_text_t text;    /* 0 height: as tall as the rows need */
    const fs_spine_item_t *items;
    size_t n;
    const char *force;       /* whose values the markers are */
} fs_spine_chart_t;

/* Appends the spine chart's finding over its n rows: on how many the
 * force is better, worse, not compared, similar, higher or lower than
 * England and Wales (as its markers say, never the band), and on how
 * many it has no data, each clause " WORDS on N;" and the last ending in
 * "." (nothing for no rows); with name_missing, the rows with no data
 * named after their count, " no data on 1 (Crime severity score)." */
void fs_spine_finding(fs_buf_t *out, const fs_spine_item_t *items, size_t n, int name_missing);

typedef struct fs_chart_batch fs_chart_batch_t;

/* A new, empty batch whose data, script and charts live in `stage` (which
 * the caller owns, commits and frees after the batch). */
fs_status_t fs_chart_batch_new(fs_chart_batch_t **out, fs_stage_t *stage, fs_error_t *err);

/* Add a chart: its data file is written now, its script queued. */
fs_status_t fs_chart_add_bar(fs_chart_batch_t *b, const fs_bar_chart_t *chart, fs_error_t *err);
/* The bar chart's data and marks drawn by another template: tmpl is the
 * text of plots/NAME.gp (its embedded fs_plot_NAME), tmpl_name NAME; a
 * chart kind of its own over a band (stats/render/kinds.c). */
fs_status_t fs_chart_add_bar_as(fs_chart_batch_t *b, const fs_bar_chart_t *chart, const char *tmpl,
                                const char *tmpl_name, fs_error_t *err);
fs_status_t fs_chart_add_intervals(fs_chart_batch_t *b, const fs_interval_chart_t *chart,
                                   fs_error_t *err);
fs_status_t fs_chart_add_intervals_as(fs_chart_batch_t *b, const fs_interval_chart_t *chart,
                                      const fs_interval_look_t *look, fs_error_t *err);
/* Rate ratios as dots and whiskers on a log axis (plots/ratio.gp): an
 * interval chart's items (mark 0 not defined, 1 similar, 2 higher, 3
 * lower than 1), a line at 1 and the reference (England and Wales's
 * ratio). */
fs_status_t fs_chart_add_ratio(fs_chart_batch_t *b, const fs_interval_chart_t *chart,
                               fs_error_t *err);
fs_status_t fs_chart_add_trend(fs_chart_batch_t *b, const fs_trend_chart_t *chart,
                               fs_error_t *err);
fs_status_t fs_chart_add_funnel(fs_chart_batch_t *b, const fs_funnel_chart_t *chart,
                                fs_error_t *err);
fs_status_t fs_chart_add_change_funnel(fs_chart_batch_t *b, const fs_change_funnel_chart_t *chart,
                                       fs_error_t *err);
fs_status_t fs_chart_add_spc(fs_chart_batch_t *b, const fs_spc_chart_t *chart, fs_error_t *err);
fs_status_t fs_chart_add_spine(fs_chart_batch_t *b, const fs_spine_chart_t *chart,
                               fs_error_t *err);
/* The step of a value axis's ticks: the least of 1, 2, 2.5 and 5 times a
 * power of ten that cuts [lo, hi], widened to whole steps as gnuplot's
 * autoscale widens it, into at most parts steps, so that a narrow chart's
 * level tick labels stand side by side; 0 (gnuplot chooses) when the span
 * is empty or not finite, or parts is under 1. */
double fs_chart_tick_step(double lo, double hi, int parts);
/* A spine chart's height in pixels when its text gives none. */
int fs_spine_chart_height(size_t rows);
/* A narrow spine chart's (text.narrow): a row's text over its bar. */
int fs_spine_chart_narrow_height(size_t rows);
/* The least width in pixels a spine chart's columns fit in (its measure's
 * name in two lines, each figure clear of the next, tests/cli/
 * spine_text.awk); a chart asked for narrower is drawn as the narrow
 * rendering, a card of text over each row's bar (issue 29: at 600 to 800
 * pixels the columns ran into one another). */
#define FS_SPINE_WIDE_MIN 1100

/* Draws every queued chart into the stage with one run of the gnuplot
 * executable at gnuplot_path (no shell is involved), checks that each is
 * complete and stages the kept scripts.  Nothing outside the stage is
 * touched: the caller commits it.  On failure (gnuplot missing, failing,
 * or a chart missing or truncated) err carries gnuplot's last error line.
 * Returns FS_OK with nothing to do for an empty batch. */
fs_status_t fs_chart_batch_run(fs_chart_batch_t *b, const char *gnuplot_path, fs_error_t *err);

/* As fs_chart_batch_run, with the charts shared among `jobs` gnuplot
 * processes run at once (at most FS_CHART_MAX_JOBS, at most one a chart),
 * each drawing a run of consecutive charts; 1 is fs_chart_batch_run.
 * Every process is waited for; the first failure is reported. */
#define FS_CHART_MAX_JOBS 16

/* For a signal handler (async-signal-safe): kills (SIGKILL) every gnuplot
 * process a batch of this process is running, and makes the batch (and
 * any later one) fail with FS_EIO "interrupted" instead of starting more.
 * gnuplot processes also die with the process that started them. */
void fs_chart_interrupt(void);
fs_status_t fs_chart_batch_run_jobs(fs_chart_batch_t *b, const char *gnuplot_path, int jobs,
                                    fs_error_t *err);

/* Cuts n charts, chart i costing cost[i], into jobs runs of consecutive
 * charts of costs as even as can be (jobs at least 1, at most n): run k
 * is charts cut[k] to cut[k + 1] - 1, cut[0] = 0 and cut[jobs] = n.
 * Each run has a chart at least, and a chart goes to the earlier run
 * when its middle lies before that run's share of the total. */
void fs_chart_cut_runs(const size_t *cost, size_t n, int jobs, size_t *cut);

/* Finds gnuplot: the GNUPLOT environment variable (a path, or a name
 * looked up on PATH), else "gnuplot" on PATH; writes its path into buf.
 * Returns 0 when not found; *why is then what is wrong with a GNUPLOT
 * that is set ("no such file", "not an executable file", "not found on
 * PATH"), NULL when it is not set. */
int fs_chart_find_gnuplot(char *buf, size_t size, const char **why);

/* The cores online, at least 1 and at most FS_CHART_MAX_JOBS: the number
 * of gnuplot processes a large batch is shared among by default. */
int fs_chart_default_jobs(void);

/* How many charts are queued, a chart's narrow rendering (text.narrow)
 * not counted apart: the charts a reader sees. */
size_t fs_chart_batch_count(const fs_chart_batch_t *b);

/* Frees the batch (its scratch files go with the stage); b may be NULL. */
void fs_chart_batch_free(fs_chart_batch_t *b);

/* A new string: path with its extension replaced by ext (".gp", ".dat"),
 * the names --keep-script writes; NULL when out of memory. */
char *fs_chart_with_extension(const char *path, const char *ext);

/* A chart's finding as its subtitle, appended to out: one line when it
 * fits the chart's width (pixels; 0 the default), else two, broken after
 * a clause (": ", "; ", ". ", else ", ") or at a space, the second cut
 * at a space and ended "..." when it is still too long.  Returns its
 * lines, 0 (and nothing appended) for a NULL or empty finding. */
int fs_chart_subtitle(fs_buf_t *out, const char *finding, int width);

/* Writes s into buf as a gnuplot double-quoted string literal with every
 * byte outside [A-Za-z0-9 ] octal-escaped (buf gets the quotes too).
 * Returns the length needed (excluding the terminator), like snprintf.
 * Exposed for tests. */
size_t fs_chart_quote(const char *s, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
