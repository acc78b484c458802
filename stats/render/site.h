/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site.h (internal): what `forcestat report` builds from its computed
 * measures: each measure's charts (queued on a batch), its summary, its
 * column of the overview and its row of the spine chart, and the pages
 * (index.html, and for a site forces/FORCE.html for each force), staged
 * on a stage.  The pages are the templates of plots/site/ filled by
 * site_page.c.  Nothing here computes a figure: every one comes from the
 * measure's one computation (fs_measure_compute).
 *
 * The program supplies what it describes itself (fs_site_hooks_t): the
 * band's result table and the words of a flag. */
#ifndef FORCESTAT_SITE_H
#define FORCESTAT_SITE_H

#include <stddef.h>

#include "forcestat/forcestat.h"
#include "io/manifest.h"
#include "io/stage.h"
#include "render/chart.h"
#include "render/chart_measure.h"
#include "render/render.h"

/* A chart of a measure, as the page links it. */
typedef enum fs_site_chart {
    FS_SITE_BAR,
    FS_SITE_INTERVALS,
    FS_SITE_TREND,
    FS_SITE_SPC,
    FS_SITE_FUNNEL,
    FS_SITE_CHARTS
} fs_site_chart_t;

/* A force's position on a measure, as the overview shows it. */
typedef enum fs_site_position {
    FS_SITE_MISSING = 0,
    FS_SITE_ABOVE, /* the band */
    FS_SITE_WITHIN,
    FS_SITE_BELOW,
    FS_SITE_HIGHER, /* an interval against England and Wales */
    FS_SITE_SIMILAR,
    FS_SITE_LOWER
} fs_site_position_t;

/* One measure on one page. */
typedef struct fs_site_result {
    const fs_report_spec_t *spec;
    char slug[80];
    int has_bar, has_intervals, has_trend, has_funnel, has_spc;
    /* Where the page finds the measure's files: charts drawn for this page
     * start with own (a force page's "essex-"), charts and tables common
     * to the site with common ("../" from a force page); a bit of
     * common_charts (1 << fs_site_chart_t) marks a common chart. */
    char own[72];
    const char *common;
    unsigned common_charts;
    char funnel_note[400];
    char spc_note[600]; /* what the SPC chart shows, or why there is none */
    char *explanation;  /* the band's sentence */
    fs_band_path_t band_path; /* how the band was chosen, for its words */
    char *section;      /* the section's table rows, HTML */

    /* A measure with periods: the force's change from the first period to
     * the last (the summary's cell, the section's sentence), or why there
     * is none; "" for a measure without. */
    char change_cell[200];
    char change_note[800];
    /* For the summary. */
    int has_highlight;
    double value, z;
    fs_flag_t flag;
    const char *label; /* the flag's words when higher_is is set, else NULL */
    int has_mark;
    fs_mark_t mark;
    int has_comparator;
    double comparator;
    double lower, upper, centre;
    char period[256];
    fs_rstyle_t style; /* how its figures read: a proportion as a percentage */
    int fixed_decimals; /* 1 + its figures' decimals (fs_chart_measure_decimals); 0: none */
    /* With --groups: the groups (its bar chart marks the force's), and the
     * force's rank in its group, highest first, of peer_n (0: none). */
    const fs_groups_t *groups;
    size_t peer_rank, peer_n;
    size_t csv_bytes, json_bytes; /* its tables' sizes, for the page's links */
    /* Its column of the overview: every force's figure and its position. */
    double ov_value[FS_FORCE_COUNT];
    unsigned char ov_class[FS_FORCE_COUNT]; /* fs_site_position_t */
    /* Its row of the highlighted force's spine chart. */
    int has_spine;
    fs_spine_row_t spine_row;
    char spine_text[4][64];
    fs_spine_item_t spine_item;
} fs_site_result_t;

/* What one page shows. */
typedef struct fs_site_page {
    int force;                      /* the force the page is about, or -1 (a site's index) */
    int spine_height;               /* the spine chart's height in pixels, 0 for none */
    const char *spine;              /* its file, relative to the page */
    int overview;                   /* with the overview of every force on every measure */
    const char *const *force_pages; /* the overview's link for each force, or NULL */
    const char *home;               /* a link back to the site's index, or NULL */
} fs_site_page_t;

/* A force's page of a site (--all-forces, --forces). */
typedef struct fs_site_force {
    int force;
    char slug[48];         /* "essex": forces/essex.html */
    char href[72];         /* "forces/essex.html", from the index */
    char prefix[72];       /* "forces/essex-": its charts, from the site's folder */
    fs_site_result_t *res; /* one a measure */
    int spine_height;
} fs_site_force_t;

/* What the program describes itself. */
typedef struct fs_site_hooks {
    /* The rows of m's band table a page shows, as HTML (the highlighted
     * force's row, class "hl", and the forces outside the band, highest
     * first; values in style) into *html (malloc'd; "" for no row). */
    fs_status_t (*section)(const fs_measure_t *m, int highlight_force, fs_rstyle_t style,
                           char **html, fs_error_t *err);
    /* The words of a flag for a measure whose higher_is is set ("better
     * than most forces"). */
    const char *(*flag_label)(fs_flag_t flag, fs_report_higher_t higher);
} fs_site_hooks_t;

/* A report being built: one force's (highlight >= 0), or a site's with a
 * page for each force wanted. */
typedef struct fs_site {
    const fs_report_spec_t *specs;
    size_t nspecs;
    int highlight;
    fs_site_result_t *results; /* one a measure */
    fs_site_force_t *pages;    /* one a wanted force, in registry order */
    size_t npages;
    unsigned char page_forces[FS_FORCE_COUNT];
    const char *force_pages[FS_FORCE_COUNT]; /* each page's link from the index */
    int spine_height;
    fs_site_hooks_t hooks;
    fs_stage_t *stage;       /* borrowed */
    fs_chart_batch_t *batch; /* borrowed */
    const fs_groups_t *groups; /* --groups, or NULL; borrowed, set after fs_site_new */
} fs_site_t;

/* A report of the nspecs measures of specs (which must outlive it): for
 * the force highlight when wanted is NULL, else a site with a page for
 * each force flagged in wanted (FS_FORCE_COUNT flags; highlight is then
 * ignored).  Its files go on stage, its charts on batch.  Each measure's
 * slug is known from here on (results[i].slug).  FS_ENOMEM. */
fs_status_t fs_site_new(fs_site_t **site, const fs_report_spec_t *specs, size_t nspecs,
                        const unsigned char *wanted, int highlight, const fs_site_hooks_t *hooks,
                        fs_stage_t *stage, fs_chart_batch_t *batch, fs_error_t *err);
void fs_site_free(fs_site_t *site);

/* What measure s asks of the library: its band always; with a numerator
 * and denominator its intervals and funnel (limits widened for
 * over-dispersion), or for a census only England and Wales; for a long
 * table (a period) the trend and SPC chart of highlight_force (or -1 for
 * none).  m keeps pointers into s. */
void fs_site_spec_of(const fs_report_spec_t *s, int highlight_force, fs_measure_spec_t *m);

/* fs_site_spec_of for measure index of a table described by d: the
 * highlighted force's series when d has it, or every page force's series
 * of a site, in the same computation.  m keeps pointers into site. */
void fs_site_measure_spec(const fs_site_t *site, size_t index, const fs_description_t *d,
                          fs_measure_spec_t *m);

/* Measure index computed (m, from the spec of fs_site_measure_spec; d the
 * description of its table): queues its charts, and fills its part of
 * every page.  Errors: the chart batch's; FS_ENOMEM. */
fs_status_t fs_site_add(fs_site_t *site, size_t index, const fs_description_t *d,
                        const fs_measure_t *m, const fs_measure_spec_t *spec, fs_error_t *err);

/* Queues the spine chart of each page: where its force stands on every
 * measure.  Call after the last fs_site_add. */
fs_status_t fs_site_queue_spines(fs_site_t *site, fs_error_t *err);

/* After the charts are drawn: stages each force page, retires the files
 * an earlier site in outdir listed that this run does not write again
 * (forces/manifest.txt, written anew for a site), and stages index.html
 * last.  Errors: the stage's; FS_ENOMEM. */
fs_status_t fs_site_stage(fs_site_t *site, const char *outdir, fs_error_t *err);

/* The measure's row of the spine chart of force (into r, whose spec is
 * set), when it has enough values; the direction of better from the
 * manifest's higher_is. */
void fs_site_spine_row(const fs_measure_t *m, int force, fs_site_result_t *r);

/* text's words (letters and digits) in lower case joined by single
 * dashes, into buf (size > 2); returns the length. */
size_t fs_site_words_slug(const char *text, char *buf, size_t size);

/* "mNN-" and the title's words, cut at a word boundary to at most 48
 * characters ("m03-police-officers-fte-per-1-000-people-31"). */
void fs_site_measure_slug(char *buf, size_t size, size_t index, const char *title);

/* A chart's name in its file ("bar": mNN-slug-bar.png). */
const char *fs_site_chart_name(fs_site_chart_t kind);

/* The name of a chart's narrow rendering: NAME.png's is NAME-narrow.png
 * (into buf). */
void fs_site_narrow_name(const char *name, char *buf, size_t size);

/* The height in pixels of a chart's narrow rendering (a phone's,
 * FS_CHART_NARROW_WIDTH wide, mNN-slug-KIND-narrow.png). */
int fs_site_narrow_height(fs_site_chart_t kind);

/* "above the band", "within the band", ... */
const char *fs_site_position_words(fs_flag_t flag);

/* The force's rank in its group as words ("3rd of 8 in its peer group,
 * highest first"; "in its most similar group" for groups that are no
 * peer lists) into buf; "" when r has no rank. */
void fs_site_rank_words(const fs_site_result_t *r, char *buf, size_t size);

/* The page: the summary for its force (with the spine chart), or for a
 * site's index the list of force pages; the overview; one section per
 * measure (site_page.c).  Errors: FS_ENOMEM. */
fs_status_t fs_site_write_page(fs_buf_t *h, const fs_site_result_t *res, size_t n,
                               const fs_site_page_t *page, fs_error_t *err);

#endif
