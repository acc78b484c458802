/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site_internal.h: what the files of the report's site (site.c,
 * site_measure.c, site_page.c) share and nothing else uses. */
#ifndef FORCESTAT_SITE_INTERNAL_H
#define FORCESTAT_SITE_INTERNAL_H

#include "site.h"

/* Fills r's summary and section rows from the computed measure, for
 * highlight_force (or -1): the band's sentence and lines, England and
 * Wales, the force's value, flag and verdict.  FS_ENOMEM, or the
 * section hook's error. */
fs_status_t fs_site_summarise(const fs_site_hooks_t *hooks, const fs_measure_t *m,
                              const fs_band_options_t *band, int highlight_force,
                              fs_site_result_t *r, fs_error_t *err);

/* The measure's overview column (into r): each force's figure, and its
 * interval's verdict where the measure is a sample, else its band flag. */
void fs_site_overview_column(const fs_measure_t *m, fs_site_result_t *r);

/* r's change (change_cell, change_note) for force, from c (the changes
 * of m from its first period to its last; NULL when they could not be
 * computed, then failure says why). */
void fs_site_change(const fs_measure_t *m, const fs_changes_t *c, const char *failure, int force,
                    fs_site_result_t *r);

/* Queues the measure's charts as PREFIXSLUG-KIND.png with force
 * highlighted (or -1): from over_time (when not NULL) its trend and SPC
 * chart, from m its bar chart, intervals (for a sample) and funnel; sets
 * r's has_* and its SPC and funnel sentences. */
fs_status_t fs_site_queue_charts(fs_chart_batch_t *batch, const fs_report_spec_t *s,
                                 const fs_measure_t *m, const fs_measure_t *over_time, int force,
                                 const char *prefix, fs_site_result_t *r, fs_error_t *err);

/* The spine chart's rows over the n measures of res, one a measure, into
 * items[n] (a measure with no row for the force is a row of "-" with its
 * name, period and source).  Returns how many rows hold a figure of the
 * force's. */
size_t fs_site_spine_items(const fs_site_result_t *res, size_t n, fs_spine_item_t *items);

/* Queues the spine chart of force over the measures of res that have a
 * row for it, as name; *height is its height in pixels, 0 when no
 * measure has a row. */
fs_status_t fs_site_queue_spine(fs_chart_batch_t *batch, const fs_site_result_t *res, size_t n,
                                int force, const char *name, int *height, fs_error_t *err);

/* Stages b as name (FS_ENOMEM when b ran out of memory). */
fs_status_t fs_site_stage_text(fs_stage_t *stage, const char *name, const fs_buf_t *b,
                               fs_error_t *err);

/* A site owns what it writes in forces/: forces/manifest.txt lists it.
 * Retires every file an earlier site in outdir listed (the stage keeps
 * those written again), and for a site stages the new list.  Call after
 * every page and chart is staged. */
fs_status_t fs_site_own_pages(fs_stage_t *stage, const char *outdir, int site, fs_error_t *err);

/* Appends text with each "p = X" as the public reads it: "p < 0.001"
 * below 0.001 (a " < 0.05" after it left out: it goes without saying),
 * else X to 3 significant digits. */
void fs_site_plain_p(fs_buf_t *out, const char *text);

#endif
