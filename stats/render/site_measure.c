/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site_measure.c: a measure's part of a report: its charts, its summary
 * for a force, its column of the overview and its row of the spine
 * chart, all read from its one computation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/results.h"
#include "site_internal.h"

fs_status_t fs_site_summarise(const fs_site_hooks_t *hooks, const fs_measure_t *m,
                              const fs_band_options_t *band, int highlight_force,
                              fs_site_result_t *r, fs_error_t *err)
{
    const fs_outliers_t *o = &m->band;
    char expl[600];
    fs_band_explain(&o->band, band, expl, sizeof expl);
    if ((r->explanation = strdup(expl)) == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    r->band_path = o->band.path;
    r->centre = o->band.centre;
    r->lower = o->band.lower;
    r->upper = o->band.upper;
    r->has_comparator = o->has_comparator;
    r->comparator = o->comparator;
    const fs_comparison_t *cmp = &m->comparison;
    if (cmp->nrows > 0) {
        /* Pooled over the forces: the England and Wales figure the marks use. */
        r->has_comparator = 1;
        r->comparator = cmp->pooled.estimate;
    }
    const fs_description_t *d = m->desc;
    for (size_t k = 0; highlight_force >= 0 && k < o->nrows; k++) {
        const fs_outlier_row_t *row = &o->rows[k];
        if (d->units[row->row].kind != FS_UNIT_FORCE || d->units[row->row].force != highlight_force)
            continue;
        r->has_highlight = 1;
        fs_groups_rank(r->groups, d, o, k, &r->peer_rank, &r->peer_n);
        r->value = row->value;
        r->z = row->z;
        r->flag = row->flag;
        for (size_t j = 0; j < cmp->nrows; j++) {
            if (cmp->rows[j].row == row->row) {
                r->has_mark = 1;
                r->mark = cmp->rows[j].mark;
            }
        }
    }
    if (r->has_highlight && r->spec->higher != FS_REPORT_HIGHER_NONE && r->flag != FS_FLAG_MISSING)
        r->label = hooks->flag_label(r->flag, r->spec->higher);
    /* The section's table: the highlighted force and the forces outside
     * the band, highest first, as the program describes the band. */
    return hooks->section(m, highlight_force, r->style, &r->section, err);
}

void fs_site_overview_column(const fs_measure_t *m, fs_site_result_t *r)
{
    for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
        r->ov_value[f] = NAN;
        r->ov_class[f] = FS_SITE_MISSING;
    }
    const fs_outliers_t *o = &m->band;
    for (size_t i = 0; i < o->nrows; i++) {
        const fs_unit_t *u = &m->desc->units[o->rows[i].row];
        if (u->kind != FS_UNIT_FORCE || isnan(o->rows[i].value))
            continue;
        r->ov_value[u->force] = o->rows[i].value;
        r->ov_class[u->force] = o->rows[i].flag == FS_FLAG_ABOVE   ? FS_SITE_ABOVE
                                : o->rows[i].flag == FS_FLAG_BELOW ? FS_SITE_BELOW
                                                                   : FS_SITE_WITHIN;
    }
    /* A sample's verdict is its interval against England and Wales. */
    if (!(m->have & FS_WANT_COMPARISON) || r->spec->census)
        return;
    for (size_t i = 0; i < m->comparison.nrows; i++) {
        const fs_compare_row_t *c = &m->comparison.rows[i];
        const fs_unit_t *u = &m->desc->units[c->row];
        if (u->kind != FS_UNIT_FORCE || isnan(r->ov_value[u->force]))
            continue;
        r->ov_class[u->force] = c->mark == FS_MARK_HIGHER    ? FS_SITE_HIGHER
                                : c->mark == FS_MARK_LOWER   ? FS_SITE_LOWER
                                : c->mark == FS_MARK_SIMILAR ? FS_SITE_SIMILAR
                                                             : FS_SITE_MISSING;
    }
}

void fs_site_spine_row(const fs_measure_t *m, int force, fs_site_result_t *r)
{
    const fs_report_spec_t *s = r->spec;
    fs_spine_measure_t sm = {m, s->title,
                             s->higher == FS_REPORT_HIGHER_BETTER  ? FS_SPINE_HIGHER_BETTER
                             : s->higher == FS_REPORT_HIGHER_WORSE ? FS_SPINE_LOWER_BETTER
                                                                   : FS_SPINE_NEUTRAL,
                             !s->census};
    fs_error_t err;
    r->has_spine =
        fs_spine_item_of(&sm, force, &r->spine_row, r->spine_text, &r->spine_item, &err) == FS_OK;
    /* The row's period column: the period the band is of, where the
     * measure has periods (r->period is filled by the time it is drawn),
     * else the period its title ends with ("2017/18"), never blank where
     * the title names one. */
    r->spine_item.period = r->period[0] ? r->period : fs_chart_title_period(s->title);
    r->spine_item.source = s->source;
}

/* r's sentence on the SPC chart of m (FS_WANT_SPC): how many points are
 * special cause, and what the latest is. */
static void spc_note(const fs_measure_t *m, fs_site_result_t *r)
{
    const fs_spc_t *s = &m->spc;
    size_t special = 0;
    for (size_t i = 0; i < s->n; i++)
        special += s->points[i].rules != 0;
    const fs_spc_point_t *last = &s->points[s->n - 1];
    char rules[64], when[256];
    fs_spc_rule_names(last->rules, rules, sizeof rules);
    fs_period_words(m->trend.periods[s->n - 1], fs_chart_years_ending(m, r->spec->year_ending),
                    when, sizeof when);
    int n = snprintf(r->spc_note, sizeof r->spc_note,
                     "The SPC chart (XmR, as NHS England's Making Data Count draws it: the mean "
                     "and the process limits at 2.66 mean moving ranges) shows %zu of %zu "
                     "points as special cause. The latest, %s, is ",
                     special, s->n, when);
    if (n < 0 || (size_t)n >= sizeof r->spc_note)
        return;
    if (last->rules == 0)
        snprintf(r->spc_note + n, sizeof r->spc_note - (size_t)n,
                 "common cause: within the limits.");
    else
        snprintf(r->spc_note + n, sizeof r->spc_note - (size_t)n, "special cause (%s): %s.", rules,
                 fs_spc_variation_words(last->variation));
}

typedef fs_status_t (*adapter_fn)(fs_chart_batch_t *, const fs_measure_t *,
                                  const fs_chart_style_t *, fs_error_t *);

/* Queues one chart of the measure as PREFIXSLUG-SUFFIX.png, and next to
 * it in the batch (so the same gnuplot process draws both) its narrow
 * rendering for a phone, PREFIXSLUG-SUFFIX-narrow.png. */
static fs_status_t queue_chart(fs_chart_batch_t *batch, const fs_measure_t *m,
                               fs_chart_style_t *style, const char *prefix, const char *slug,
                               fs_site_chart_t kind, const char *title, adapter_fn fn,
                               fs_error_t *err)
{
    char name[240];
    snprintf(name, sizeof name, "%s%s-%s.png", prefix, slug, fs_site_chart_name(kind));
    style->output = name;
    style->title = title;
    fs_error_clear(err);
    fs_status_t st = fn(batch, m, style, err);
    if (st != FS_OK)
        return st;
    snprintf(name, sizeof name, "%s%s-%s-narrow.png", prefix, slug, fs_site_chart_name(kind));
    style->narrow = 1;
    style->width = FS_CHART_NARROW_WIDTH;
    style->height = fs_site_narrow_height(kind);
    st = fn(batch, m, style, err);
    style->narrow = style->width = style->height = 0;
    return st;
}

/* The trend and SPC chart of over_time, or why there is no SPC chart. */
static fs_status_t queue_over_time(fs_chart_batch_t *batch, const fs_report_spec_t *s,
                                   const fs_measure_t *over_time, int force,
                                   fs_chart_style_t *style, const char *prefix, fs_site_result_t *r,
                                   fs_error_t *err)
{
    fs_status_t st;
    /* What and when: a title that names no period gets the trend's span. */
    char what[600];
    fs_chart_title_span(s->title, over_time, s->year_ending, what, sizeof what);
    if (over_time->have & FS_WANT_TREND) {
        /* The force and what it is set against, as the stand-alone
         * chart's title and the SPC chart's name the force. */
        char title[800];
        fs_chart_trend_title(what, fs_registry_display((size_t)force),
                             over_time->trend.compare_name, title, sizeof title);
        if ((st = queue_chart(batch, over_time, style, prefix, r->slug, FS_SITE_TREND, title,
                              fs_chart_trend_of, err)) != FS_OK)
            return st;
        r->has_trend = 1;
    }
    if (over_time->have & FS_WANT_SPC) {
        char title[800];
        fs_chart_spc_title(what, fs_registry_display((size_t)force), title, sizeof title);
        if ((st = queue_chart(batch, over_time, style, prefix, r->slug, FS_SITE_SPC, title,
                              fs_chart_spc_of, err)) != FS_OK)
            return st;
        r->has_spc = 1;
        spc_note(over_time, r);
    } else if (over_time->spc_skipped[0]) {
        snprintf(r->spc_note, sizeof r->spc_note, "No SPC chart: %s.", over_time->spc_skipped);
    }
    return FS_OK;
}

fs_status_t fs_site_queue_charts(fs_chart_batch_t *batch, const fs_report_spec_t *s,
                                 const fs_measure_t *m, const fs_measure_t *over_time, int force,
                                 const char *prefix, fs_site_result_t *r, fs_error_t *err)
{
    fs_chart_style_t style;
    fs_chart_style_init(&style);
    style.highlight = force;
    style.source = s->source;
    style.ylabel = s->ylabel;
    style.xlabel = s->xlabel;
    style.year_ending = s->year_ending;
    style.groups = r->groups;
    style.no_verdict = s->census;
    /* A verdict in better or worse where the manifest says which way is
     * better, as the spine and the summary say it. */
    style.better = s->higher == FS_REPORT_HIGHER_BETTER  ? 1
                   : s->higher == FS_REPORT_HIGHER_WORSE ? -1
                                                         : FS_CHART_NEITHER_BETTER;
    char title[600];
    fs_status_t st;
    if (over_time != NULL &&
        (st = queue_over_time(batch, s, over_time, force, &style, prefix, r, err)) != FS_OK)
        return st;
    /* What and when: the measure's title, and on a second line the
     * period a chart over the forces shows (a trend's latest). */
    char when[300] = "";
    if (r->period[0])
        snprintf(when, sizeof when, "\nLatest: %s", r->period);
    snprintf(title, sizeof title, "%s%s", s->title, when);
    if ((st = queue_chart(batch, m, &style, prefix, r->slug, FS_SITE_BAR, title, fs_chart_bar_of,
                          err)) != FS_OK)
        return st;
    r->has_bar = 1;
    if ((m->have & FS_WANT_COMPARISON) && !s->census) {
        snprintf(title, sizeof title, "%s: 95%% confidence intervals%s", s->title, when);
        if ((st = queue_chart(batch, m, &style, prefix, r->slug, FS_SITE_INTERVALS, title,
                              fs_chart_intervals_of, err)) != FS_OK)
            return st;
        r->has_intervals = 1;
    }
    if (m->have & FS_WANT_FUNNEL) {
        snprintf(title, sizeof title, "%s: funnel plot%s", s->title, when);
        if ((st = queue_chart(batch, m, &style, prefix, r->slug, FS_SITE_FUNNEL, title,
                              fs_chart_funnel_of, err)) != FS_OK)
            return st;
        r->has_funnel = 1;
        /* The over-dispersion in words, for the public: how many times
         * chance's spread the forces show (the square root of phi). */
        double phi = m->funnel.fit.phi;
        if (phi > 1)
            snprintf(r->funnel_note, sizeof r->funnel_note,
                     "In the funnel plot the limits depend on each force's size (Spiegelhalter "
                     "2005). The forces' figures are %.1f times as spread out as chance alone "
                     "would make them (over-dispersion: the forces differ by more than chance), "
                     "so the limits are widened to allow for it, drawn %.1f times as far from "
                     "England and Wales.",
                     sqrt(phi), sqrt(phi));
        else
            snprintf(r->funnel_note, sizeof r->funnel_note,
                     "In the funnel plot the limits depend on each force's size (Spiegelhalter "
                     "2005). The forces' figures are no more spread out than chance alone would "
                     "make them (no over-dispersion), so the limits are as chance alone gives "
                     "them.");
    }
    return FS_OK;
}

size_t fs_site_spine_items(const fs_site_result_t *res, size_t n, fs_spine_item_t *items)
{
    /* Every measure is a row: one the force cannot be placed on (no
     * spread to place it in) reads "-" across, never dropped; one where
     * it has no figure shows the forces and England and Wales, "-" for
     * it. */
    size_t placed = 0;
    for (size_t i = 0; i < n; i++) {
        if (res[i].has_spine) {
            items[i] = res[i].spine_item;
            placed += !isnan(res[i].spine_row.value); /* a row with no figure of its own */
        } else {
            items[i] = (fs_spine_item_t){0};
            items[i].measure = res[i].spec->title;
            items[i].source = res[i].spec->source;
            items[i].period =
                res[i].period[0] ? res[i].period : fs_chart_title_period(res[i].spec->title);
        }
    }
    return placed;
}

fs_status_t fs_site_queue_spine(fs_chart_batch_t *batch, const fs_site_result_t *res, size_t n,
                                int force, const char *name, int *height, fs_error_t *err)
{
    *height = 0;
    fs_spine_item_t *items = calloc(n ? n : 1, sizeof *items);
    if (items == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    /* A chart needs one row with the force's figure. */
    size_t nitems = n, placed = fs_site_spine_items(res, n, items);
    fs_status_t st = FS_OK;
    if (placed > 0) {
        fs_chart_style_t style;
        fs_chart_style_init(&style);
        style.output = name;
        style.highlight = force;
        char note[1400];
        /* The key names the bars and the line: the note gives the
         * sources (issue 29). */
        fs_spine_sources(items, nitems, note, sizeof note);
        style.source = note;
        fs_error_clear(err);
        st = fs_chart_spine_of(batch, items, nitems, &style, err);
        /* Its narrow rendering, next to it in the batch. */
        char narrow[240];
        fs_site_narrow_name(name, narrow, sizeof narrow);
        style.output = narrow;
        style.narrow = 1;
        style.width = FS_CHART_NARROW_WIDTH;
        if (st == FS_OK)
            st = fs_chart_spine_of(batch, items, nitems, &style, err);
        if (st == FS_OK)
            *height = fs_spine_chart_height(nitems);
    }
    free(items);
    return st;
}

/* The force's change row of c, or NULL when it has none. */
static const fs_change_row_t *change_row_of(const fs_changes_t *c, int force)
{
    for (size_t k = 0; k < c->n; k++) {
        if (c->rows[k].force == force)
            return &c->rows[k];
    }
    return NULL;
}

/* The trend of force f in m: its own series (a site's), else m's (the
 * highlighted force's); NULL without one. */
static const fs_measure_trend_t *trend_of(const fs_measure_t *m, int f)
{
    if (m->series != NULL)
        return (m->series[f].have & FS_WANT_TREND) ? &m->series[f].trend : NULL;
    return (m->have & FS_WANT_TREND) ? &m->trend : NULL;
}

/* x with d decimals as the page prints it, into buf; without memory ""
 * (and b fails). */
static void page_figure(fs_buf_t *b, double x, fs_rstyle_t style, int d, char *buf, size_t size)
{
    fs_buf_t t;
    fs_buf_init(&t);
    fs_render_fixed(&t, x, style, d);
    b->failed |= fs_buf_status(&t) != FS_OK;
    snprintf(buf, size, "%s", fs_buf_status(&t) == FS_OK && t.data ? t.data : "");
    fs_buf_free(&t);
}

/* A value's first (period first) and last (last - 1) figures that read
 * alike at the page's decimals (issue 29: "from 15.9 to 15.9" over a
 * series that dipped between read as flat): "15.9 (year ending March
 * 2003) and 15.9 again (year ending March 2022), lowest 9.3 (year ending
 * March 2013) between them", or "15.9 throughout (... to ...)", into b.
 * Returns 0, writing nothing, when they differ. */
static int value_ends_alike(fs_buf_t *b, const fs_measure_trend_t *tr, size_t first, size_t last,
                            fs_rstyle_t style, int d, int ye, const char *when1, const char *when2)
{
    char a[64], z[64], lo[64], hi[64], w[256];
    const double *v = tr->force_value;
    page_figure(b, v[first], style, d, a, sizeof a);
    page_figure(b, v[last - 1], style, d, z, sizeof z);
    if (strcmp(a, z) != 0 || a[0] == '\0')
        return 0;
    size_t low = first, high = first;
    for (size_t i = first; i < last; i++) {
        low = v[i] < v[low] ? i : low;
        high = v[i] > v[high] ? i : high;
    }
    page_figure(b, v[low], style, d, lo, sizeof lo);
    page_figure(b, v[high], style, d, hi, sizeof hi);
    int dips = strcmp(lo, a) != 0, peaks = strcmp(hi, a) != 0;
    if (!dips && !peaks) {
        fs_buf_printf(b, "%s throughout (%s to %s)", a, when1, when2);
        return 1;
    }
    fs_buf_printf(b, "%s (%s) and %s again (%s), ", a, when1, a, when2);
    if (dips) {
        fs_period_words(tr->periods[low], ye, w, sizeof w);
        fs_buf_printf(b, "lowest %s (%s)%s", lo, w, peaks ? " and " : "");
    }
    if (peaks) {
        fs_period_words(tr->periods[high], ye, w, sizeof w);
        fs_buf_printf(b, "highest %s (%s)", hi, w);
    }
    fs_buf_puts(b, " between them");
    return 1;
}

/* A value's change over its trend (a census or a score: no sampling, so
 * no interval and no verdict): "year ending March 2003: +6.06 (10.43 to
 * 16.49; no interval, so no verdict)", the first and last periods with a
 * figure, and its sentence. */
static void value_change(const fs_measure_t *m, int force, fs_site_result_t *r)
{
    const fs_measure_trend_t *tr = trend_of(m, force);
    size_t first = 0, last = tr != NULL ? tr->nperiods : 0;
    while (first < last && isnan(tr->force_value[first]))
        first++;
    while (last > first && isnan(tr->force_value[last - 1]))
        last--;
    if (last < first + 2)
        return; /* no two periods with a figure */
    double x[3] = {tr->force_value[first], tr->force_value[last - 1], NAN};
    x[2] = x[1] - x[0];
    double y[2] = {x[0], x[1]}; /* fs_render_decimals reorders its figures */
    int d = r->fixed_decimals > 0 ? r->fixed_decimals - 1 : fs_render_decimals(y, 2, r->style);
    char when1[256], when2[256];
    int ye = fs_chart_years_ending(m, r->spec->year_ending);
    fs_period_words(tr->periods[first], ye, when1, sizeof when1);
    fs_period_words(tr->periods[last - 1], ye, when2, sizeof when2);
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_printf(&b, "%s: ", when1);
    fs_render_fixed(&b, x[2], FS_RS_SIGNED, d);
    fs_buf_puts(&b, " (no interval, so no verdict)");
    if (fs_buf_status(&b) == FS_OK)
        snprintf(r->change_cell, sizeof r->change_cell, "%s", b.data);
    fs_buf_reset(&b);
    fs_buf_printf(&b, "%s: ", fs_registry_display((size_t)force));
    if (!value_ends_alike(&b, tr, first, last, r->style, d, ye, when1, when2)) {
        fs_buf_puts(&b, "from ");
        fs_render_fixed(&b, x[0], r->style, d);
        fs_buf_printf(&b, " (%s) to ", when1);
        fs_render_fixed(&b, x[1], r->style, d);
        fs_buf_printf(&b, " (%s), a change of ", when2);
        fs_render_fixed(&b, x[2], FS_RS_SIGNED, d);
    }
    fs_buf_puts(&b, ". The figures are not sampled, so the change has no interval and no "
                    "verdict.");
    if (fs_buf_status(&b) == FS_OK)
        snprintf(r->change_note, sizeof r->change_note, "%s", b.data);
    fs_buf_free(&b);
}

void fs_site_change(const fs_measure_t *m, const fs_changes_t *c, const char *failure, int force,
                    fs_site_result_t *r)
{
    r->change_cell[0] = r->change_note[0] = '\0';
    if (force >= 0 && !(m->have & FS_WANT_PERIODS) && m->kind == FS_MEASURE_VALUE)
        value_change(m, force, r);
    if (!(m->have & FS_WANT_PERIODS) || force < 0)
        return;
    if (c == NULL) {
        snprintf(r->change_note, sizeof r->change_note, "No change over time: %s.", failure);
        return;
    }
    const fs_change_row_t *row = change_row_of(c, force);
    char when1[256], when2[256];
    /* The change chart's words for its periods (years ending on a date:
     * "year ending March 2019"). */
    int ye = fs_chart_years_ending(m, r->spec->year_ending);
    fs_period_words(c->label1, ye, when1, sizeof when1);
    fs_period_words(c->label2, ye, when2, sizeof when2);
    fs_buf_t b;
    fs_buf_init(&b);
    if (row != NULL) {
        /* A proportion's change with its figures' decimals (a share:
         * 0.377% and +0.049 percentage points). */
        double x[2] = {row->value1, row->value2};
        fs_buf_printf(&b, "%s: ", when1);
        fs_change_words(&b, c, row,
                        r->fixed_decimals > 0 ? r->fixed_decimals - 1
                                              : fs_render_decimals(x, 2, r->style));
        if (fs_buf_status(&b) == FS_OK)
            snprintf(r->change_cell, sizeof r->change_cell, "%s", b.data);
        fs_buf_reset(&b);
        fs_change_sentence(&b, c, row, fs_registry_display((size_t)force), when1, when2);
        fs_buf_puts(&b, " ");
    }
    fs_change_sentence(&b, c, &c->total, "England and Wales", when1, when2);
    if (fs_buf_status(&b) == FS_OK)
        snprintf(r->change_note, sizeof r->change_note, "%s", b.data);
    fs_buf_free(&b);
}
