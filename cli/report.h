/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.h: what the parts of `forcestat report` share: the measures a
 * manifest lists (report_manifest.c), their results, and the page
 * (report_html.c). */
#ifndef FORCESTAT_CLI_REPORT_H
#define FORCESTAT_CLI_REPORT_H

#include "common.h"
#include "outliers_output.h"

typedef enum { KIND_VALUE, KIND_PROPORTION, KIND_RATE, KIND_TREND } kind_t;

typedef struct spec {
    char *file, *title, *value, *numerator, *denominator, *period, *force, *ylabel, *source;
    char *xlabel;
    kind_t kind;
    higher_is_t higher;
    int year_ending; /* manifest rolling = year: each period is the year ending with it */
    int census;      /* manifest census = yes: every unit counted, so no interval or funnel */
} spec_t;

/* A chart of a measure, as the page links it. */
typedef enum report_chart_kind {
    RC_BAR, RC_INTERVALS, RC_TREND, RC_SPC, RC_FUNNEL, RC_KINDS
} report_chart_kind_t;

typedef struct result {
    const spec_t *spec;
    char slug[80];
    int has_bar, has_intervals, has_trend, has_funnel, has_spc;
    /* Where the page finds the measure's files: charts drawn for this page
     * start with own (a force page's "essex-"), charts and tables common
     * to the site with common ("../" from a force page); a bit of
     * common_charts (1 << report_chart_kind_t) marks a common chart. */
    char own[72];
    const char *common;
    unsigned common_charts;
    char funnel_note[400];
    char spc_note[600]; /* what the SPC chart shows, or why there is none */
    char *explanation; /* the band's sentence */
    char *section;     /* the section's table rows, HTML */
    /* For the summary. */
    int has_highlight;
    double value, z;
    fs_flag_t flag;
    int has_mark;
    fs_mark_t mark;
    int has_comparator;
    double comparator;
    double lower, upper, centre;
    char period[256];
    fs_rstyle_t style; /* how its figures read: a proportion as a percentage */
    /* Its column of the overview: every force's figure and its class. */
    double ov_value[FS_FORCE_COUNT];
    unsigned char ov_class[FS_FORCE_COUNT]; /* report_ov_class_t */
    /* Its row of the highlighted force's spine chart. */
    int has_spine;
    fs_spine_row_t spine_row;
    char spine_text[4][64];
    fs_spine_item_t spine_item;
} result_t;

/* A force's position on a measure, as the overview shows it. */
typedef enum report_ov_class {
    OV_MISSING = 0,
    OV_ABOVE, OV_WITHIN, OV_BELOW,     /* the band */
    OV_HIGHER, OV_SIMILAR, OV_LOWER    /* an interval against England and Wales */
} report_ov_class_t;

/* The measure's overview column (into r): each force's figure, and its
 * interval's verdict where the measure is a sample, else its band flag. */
void report_overview_column(const fs_measure_t *m, result_t *r);

/* The overview: a table of the forces (rows) by the measures (columns),
 * each cell classed and coloured by its position, sortable by any column
 * with a few lines of inline script (no network). */
void report_write_overview(fs_buf_t *h, const result_t *res, size_t n, int highlight,
                           const char *const *force_pages);

/* The measure's row of the spine chart of force (into r), when it has
 * enough values; the direction of better from the manifest's higher_is. */
void report_spine_row(const fs_measure_t *m, int force, result_t *r);

/* Standard input, read once: a report may need a dataset twice (to see
 * whether it is a manifest, then to compute), and a pipe can be read
 * only once. */
typedef struct report_stdin {
    char *data;
    size_t len;
    int read;
} report_stdin_t;

/* The bundled manifest: datasets/report.csv in the current folder (a
 * checkout), else beside the installed program, else at the configured
 * prefix; buf holds the second. */
const char *report_bundled_manifest(char *buf, size_t size);

/* Reads a dataset ("-": standard input, read once into in); prints any
 * error and returns its exit code. */
int report_load(const char *path, report_stdin_t *in, const char *force, fs_table_t **t,
                size_t *fc);

/* The measures of n manifests or plain datasets, appended to specs;
 * prints any error and returns its exit code. */
int report_read_specs(const char *const *paths, int n, report_stdin_t *in, spec_t **specs,
                      size_t *nspecs, size_t *cap);

/* Reads a manifest's rows into specs (growing *specs, *n of *cap);
 * prints errors with FILE:LINE:COLUMN and returns the exit code. */
int report_read_manifest(const fs_table_t *t, spec_t **specs, size_t *n, size_t *cap);

/* The measures of a plain force dataset: every numeric column, with
 * numerator/denominator and count/population pairs as proportions and
 * rates. */
int report_auto_specs(const char *path, const fs_table_t *t, const fs_description_t *d,
                      spec_t **specs, size_t *n, size_t *cap);

void report_spec_free(spec_t *s);

/* The measure a manifest row stands for: its band always; with a
 * numerator and denominator its intervals and funnel (limits widened for
 * over-dispersion); for a long table (a period) with the force in the data,
 * its trend and SPC chart. */
void report_measure_spec(const spec_t *s, int highlight_force, fs_measure_spec_t *m);

/* A site's measure: m (from report_measure_spec without a highlighted
 * force) also wants, for a long table, the trend and SPC chart of each
 * force flagged in forces (FS_FORCE_COUNT flags, which must outlive m),
 * in the same computation. */
void report_site_spec(const spec_t *s, const unsigned char *forces, fs_measure_spec_t *m);

/* r's sentence on the SPC chart of m (FS_WANT_SPC): how many points are
 * special cause, and what the latest is. */
void report_spc_note(const fs_measure_t *m, result_t *r);

/* Fills r's summary and section rows from the computed measure; prints
 * any error and returns its exit code. */
int report_summarise(const fs_measure_t *m, const fs_band_options_t *band, int highlight_force,
                     result_t *r);

/* What one page of the report shows. */
typedef struct report_page {
    int force;          /* the force the page is about, or -1 (a site's index) */
    int spine_height;   /* the spine chart's height in pixels, 0 for none */
    const char *spine;  /* its file, relative to the page */
    int overview;       /* with the overview of every force on every measure */
    const char *const *force_pages; /* the overview's link for each force, or NULL */
    const char *home;   /* a link back to the site's index, or NULL */
} report_page_t;

/* A page: the summary for its force (with the spine chart), or for a
 * site's index the list of force pages; the overview; one section per
 * measure. */
void report_write_html(fs_buf_t *h, const result_t *res, size_t n, const report_page_t *page);

/* text's words (letters and digits) in lower case joined by single
 * dashes, into buf (size > 2); returns the length. */
size_t report_words_slug(const char *text, char *buf, size_t size);

/* The page name of force i in a site: its display name in lower case,
 * words joined by dashes ("avon-and-somerset"). */
void report_force_slug(size_t force, char *buf, size_t size);

/* "above the band", "within the band", ... */
const char *report_position_words(fs_flag_t flag);

/* Stages one of the report's text files; prints any error. */
int report_stage_text(fs_stage_t *stage, const char *name, const fs_buf_t *b);

/* Queues the measure's charts as PREFIXSLUG-KIND.png with force
 * highlighted (or -1): from over_time (when not NULL) its trend and SPC
 * chart, from m its bar chart, intervals (for a sample) and funnel; sets
 * r's has_* and its SPC and funnel sentences.  Prints any error. */
int report_queue_charts(fs_chart_batch_t *batch, const spec_t *s, const fs_measure_t *m,
                        const fs_measure_t *over_time, int force, const char *prefix,
                        result_t *r);

/* Queues the spine chart of force over the measures of res that have a
 * row for it, as name; *height is its height in pixels, 0 when no
 * measure has a row. */
int report_queue_spine(fs_chart_batch_t *batch, const result_t *res, size_t n, int force,
                       const char *name, int *height);

/* A force's page of a site (--all-forces, --forces). */
typedef struct page_run {
    int force;
    char slug[48];   /* "essex": forces/essex.html */
    char href[72];   /* "forces/essex.html", from the index */
    char prefix[72]; /* "forces/essex-": its charts, from the site's folder */
    result_t *res;   /* one a measure */
    int spine_height;
} page_run_t;

/* --forces A,B,...: marks each force named in wanted (*n of them); a name
 * that is not a territorial force is a usage error, a near miss
 * suggested. */
int report_parse_forces(const char *list, unsigned char *wanted, size_t *n);

/* Fills pages (one a wanted force, in registry order) and force_pages
 * (each one's link from the index). */
int report_pages_new(const unsigned char *wanted, size_t nspecs, page_run_t *pages,
                     const char **force_pages);
void report_pages_free(page_run_t *pages, size_t npages, size_t nspecs);

/* The measure's part of force page p: its summary and spine row from the
 * site's computation m (d: the description of its whole table), and its
 * highlighted charts, the trend and SPC chart of a measure with periods
 * from m's series of the force (report_site_spec): nothing is computed
 * again. */
int report_page_measure(const spec_t *s, size_t index, const result_t *common,
                        const fs_description_t *d, const fs_measure_t *m,
                        const fs_band_options_t *band, fs_chart_batch_t *batch, page_run_t *p);

/* Queues p's spine chart; stages p's page. */
int report_queue_page_spine(fs_chart_batch_t *batch, page_run_t *p, size_t nspecs);
int report_write_page(fs_stage_t *stage, const page_run_t *p, size_t nspecs);

/* A site owns what it writes in forces/: forces/manifest.txt lists it.
 * Retires every file an earlier site in outdir listed (the stage keeps
 * those written again), and for a site stages the new list.  Call after
 * every page and chart is staged.  Prints any error; the exit code. */
int report_own_pages(fs_stage_t *stage, const char *outdir, int site);

/* Appends a number as the report prints it, HTML-escaped. */
void report_html_number(fs_buf_t *out, double x, fs_rstyle_t style);

#endif
