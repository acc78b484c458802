/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site_page.c: a page of the report, the templates plots/site/page.html
 * and overview.html filled with a page's values.  The markup is all in
 * the templates; every value from the data (a force's name, a title, a
 * note) goes in as a string, escaped for HTML (fs_tmpl_init_html). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/number.h"
#include "render/safetext.h"
#include "render/template.h"
#include "site_internal.h"

static const char *const class_names[] = {"missing", "above",   "within", "below",
                                          "higher",  "similar", "lower"};

/* What a class means, as a symbol and in words (the overview's cells
 * never say it by colour alone). */
static const char *const class_symbols[] = {"",       "\u25B2", "\u25CF", "\u25BC",
                                            "\u25B2", "\u25CF", "\u25BC"};
static const char *const class_words[] = {"not compared",
                                          "above the band",
                                          "within the band",
                                          "below the band",
                                          "higher than England and Wales",
                                          "similar to England and Wales",
                                          "lower than England and Wales"};

/* Which way is better for r's measure, as fs_chart_verdict_words takes
 * it: the summary, the overview and the alt texts say a verdict as the
 * spine and the charts do. */
static int better_of(const fs_site_result_t *r)
{
    return r->spec->higher == FS_REPORT_HIGHER_BETTER  ? 1
           : r->spec->higher == FS_REPORT_HIGHER_WORSE ? -1
                                                       : 0;
}

/* r's verdict against England and Wales in words (brief: "worse"). */
static const char *verdict_words(const fs_site_result_t *r, fs_mark_t mark, int brief)
{
    int side = mark == FS_MARK_HIGHER ? 1 : mark == FS_MARK_LOWER ? -1 : 0;
    return fs_chart_verdict_words(side, better_of(r), brief);
}

/* Sets name to the text of b, or fails v. */
static void buf_string(fs_tmpl_vars_t *v, const char *name, fs_buf_t *b)
{
    if (fs_buf_status(b) != FS_OK)
        v->failed = 1;
    fs_tmpl_string(v, name, b->data ? b->data : "");
}

/* A number as the page prints it: decimals fixed, a true minus sign. */
static void number_text(fs_tmpl_vars_t *v, const char *name, double x, fs_rstyle_t style,
                        int decimals)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_fixed(&b, x, style, decimals);
    buf_string(v, name, &b);
    fs_buf_free(&b);
}

/* A file's size as people read it: "5 KB", at least 1 KB. */
static void size_text(fs_tmpl_vars_t *v, const char *name, size_t bytes)
{
    char text[32];
    size_t kb = (bytes + 512) / 1024;
    snprintf(text, sizeof text, "%zu KB", kb > 0 ? kb : 1);
    fs_tmpl_string(v, name, text);
}

/* The decimals of one measure's figures on a page: the measure's, as its
 * charts write them (every force's figure), else its value, band and
 * England and Wales together. */
static int row_decimals(const fs_site_result_t *r)
{
    if (r->fixed_decimals > 0)
        return r->fixed_decimals - 1;
    double x[4] = {r->has_highlight ? r->value : NAN, r->lower, r->upper,
                   r->has_comparator ? r->comparator : NAN};
    return fs_render_decimals(x, 4, r->style);
}

void fs_site_plain_p(fs_buf_t *out, const char *text)
{
    const char *p = text;
    for (const char *at; (at = strstr(p, "p = ")) != NULL;) {
        const char *num = at + 4, *end = num;
        while (*end && strchr("0123456789.e-+", *end) != NULL)
            end++;
        while (end > num && strchr(".e-+", end[-1]) != NULL)
            end--; /* a sentence's full stop is not the number's */
        double x;
        fs_buf_append(out, p, (size_t)(num - p) - 2);
        if (end == num || fs_parse_number(num, (size_t)(end - num), &x, NULL) != FS_FIELD_NUMBER) {
            fs_buf_puts(out, "= ");
        } else if (x < 0.001) {
            /* Below what can be told apart: below any threshold too. */
            fs_buf_puts(out, "< 0.001");
            if (strncmp(end, " < 0.05", 7) == 0)
                end += 7;
            num = end;
        } else {
            fs_buf_printf(out, "= %.3g", x);
            num = end;
        }
        p = num;
    }
    fs_buf_puts(out, p);
}

/* A chart, linked to its full-size image: the page's own, or the site's;
 * alt states what it shows. */
static void chart_item(fs_tmpl_vars_t *m, const fs_site_result_t *r, fs_site_chart_t kind,
                       fs_buf_t *alt)
{
    fs_tmpl_vars_t *c = fs_tmpl_item(m, "charts");
    if (c == NULL)
        return;
    const char *prefix = (r->common_charts & (1u << kind)) ? r->common : r->own;
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_printf(&b, "%s%s-%s.png", prefix, r->slug, fs_site_chart_name(kind));
    fs_tmpl_flag(c, "is_note", 0);
    buf_string(c, "href", &b);
    /* Its narrow rendering, which a phone loads instead. */
    fs_buf_reset(&b);
    fs_buf_printf(&b, "%s%s-%s-narrow.png", prefix, r->slug, fs_site_chart_name(kind));
    buf_string(c, "narrow", &b);
    fs_tmpl_number(c, "narrow_width", FS_CHART_NARROW_WIDTH);
    fs_tmpl_number(c, "narrow_height", fs_site_narrow_height(kind));
    fs_buf_free(&b);
    buf_string(c, "alt", alt);
}

static void note_item(fs_tmpl_vars_t *m, const char *note)
{
    fs_tmpl_vars_t *c = fs_tmpl_item(m, "charts");
    if (c == NULL)
        return;
    fs_tmpl_flag(c, "is_note", 1);
    fs_tmpl_string(c, "note", note);
}

/* "Essex Police 0.377%" (with " per 1,000" for a rate). */
static void force_figure(fs_buf_t *b, const fs_site_result_t *r, const char *force, double x, int d)
{
    fs_buf_printf(b, "%s ", force);
    fs_render_fixed(b, x, r->style, d);
    if (r->spec->kind == FS_REPORT_RATE)
        fs_buf_puts(b, " per 1,000");
}

/* "; England and Wales 0.260%", when the measure has it. */
static void comparator_figure(fs_buf_t *b, const fs_site_result_t *r, int d)
{
    if (!r->has_comparator)
        return;
    fs_buf_puts(b, "; England and Wales ");
    fs_render_fixed(b, r->comparator, r->style, d);
}

/* The bar chart's finding: where the force stands against the band. */
static void bar_alt(fs_buf_t *b, const fs_site_result_t *r, const char *force, int d)
{
    fs_buf_printf(b, "Bar chart of %s", r->spec->title);
    if (r->period[0])
        fs_buf_printf(b, " (%s)", r->period);
    fs_buf_puts(b, ": ");
    if (force != NULL && r->has_highlight) {
        force_figure(b, r, force, r->value, d);
        fs_buf_printf(b, ", %s (", fs_site_position_words(r->flag));
    } else {
        fs_buf_puts(b, "each force's figure against the band (");
    }
    fs_render_fixed(b, r->lower, r->style, d);
    fs_buf_puts(b, " to ");
    fs_render_fixed(b, r->upper, r->style, d);
    fs_buf_putc(b, ')');
    comparator_figure(b, r, d);
    fs_buf_putc(b, '.');
}

/* The force's figure and, with_mark, the verdict of its interval:
 * ": Essex Police 0.377%, higher than England and Wales". */
static void mark_words(fs_buf_t *b, const fs_site_result_t *r, const char *force, int d,
                       int with_mark)
{
    if (force != NULL && r->has_highlight) {
        fs_buf_puts(b, ": ");
        force_figure(b, r, force, r->value, d);
        if (with_mark && r->has_mark && r->mark != FS_MARK_MISSING)
            fs_buf_printf(b, ", %s", verdict_words(r, r->mark, 0));
    }
    comparator_figure(b, r, d);
    fs_buf_putc(b, '.');
}

/* The finding of one chart of a measure, for its alt text. */
static void chart_alt(fs_buf_t *b, const fs_site_result_t *r, fs_site_chart_t kind,
                      const char *force)
{
    int d = row_decimals(r);
    const char *shows = strstr(r->spc_note, " shows ");
    switch (kind) {
    case FS_SITE_BAR: bar_alt(b, r, force, d); break;
    case FS_SITE_INTERVALS:
        fs_buf_printf(b,
                      "95%% confidence intervals of %s for each force, against England and "
                      "Wales",
                      r->spec->title);
        mark_words(b, r, force, d, 1);
        break;
    case FS_SITE_TREND:
        fs_buf_printf(b, "Trend of %s for %s against England and Wales", r->spec->title,
                      force ? force : "the highlighted force");
        if (r->period[0])
            fs_buf_printf(b, " to %s", r->period);
        mark_words(b, r, force, d, 1);
        break;
    case FS_SITE_SPC:
        fs_buf_printf(b, "Statistical process control chart of %s for %s", r->spec->title,
                      force ? force : "the highlighted force");
        if (shows != NULL)
            fs_buf_printf(b, ": it shows %s", shows + 7);
        else
            fs_buf_putc(b, '.');
        break;
    case FS_SITE_FUNNEL:
        fs_buf_printf(b,
                      "Funnel plot of %s: each force's figure against its size, between "
                      "limits widened for over-dispersion",
                      r->spec->title);
        mark_words(b, r, force, d, 0); /* its limits place it, not the interval */
        break;
    case FS_SITE_CHARTS: break;
    }
}

/* Queues the chart kind of the measure with its alt text. */
static void chart_with_alt(fs_tmpl_vars_t *m, const fs_site_result_t *r, fs_site_chart_t kind,
                           const char *force)
{
    fs_buf_t alt;
    fs_buf_init(&alt);
    chart_alt(&alt, r, kind, force);
    chart_item(m, r, kind, &alt);
    fs_buf_free(&alt);
}

/* The band's sentence for the public: what the test behind it found, in
 * words (the p-values stay in "How this was worked out" and the JSON). */
static const char *band_words(fs_band_path_t path)
{
    switch (path) {
    case FS_PATH_RAW_NORMAL:
        return "The forces' figures are spread evenly about their mean, so the band is the mean "
               "with one standard deviation either side.";
    case FS_PATH_LOG_CHOSEN:
        return "The figures are skewed, so the band is worked out on a log scale: it reaches "
               "further above the average than below it.";
    case FS_PATH_LOG_NOT_BETTER:
        return "The figures are skewed, but no less so on a log scale, so the band is the mean "
               "with one standard deviation either side.";
    case FS_PATH_LOG_IMPOSSIBLE:
        return "The figures are skewed, but some are zero or below, so no log scale can be "
               "used: the band is the mean with one standard deviation either side.";
    }
    return "";
}

/* A measure's section: its sentence, its charts (each SPC and funnel
 * chart after the sentence on it), its table and its files. */
static void measure_item(fs_tmpl_vars_t *v, const fs_site_result_t *r, const char *force)
{
    fs_tmpl_vars_t *m = fs_tmpl_item(v, "measures");
    if (m == NULL)
        return;
    fs_tmpl_string(m, "slug", r->slug);
    fs_tmpl_string(m, "title", r->spec->title);
    fs_buf_t b;
    fs_buf_init(&b);
    fs_site_plain_p(&b, r->explanation ? r->explanation : "");
    buf_string(m, "explanation", &b);
    fs_buf_free(&b);
    fs_tmpl_string(m, "band_words", band_words(r->band_path));
    fs_tmpl_section(m, "charts");
    if (r->has_bar)
        chart_with_alt(m, r, FS_SITE_BAR, force);
    if (r->has_intervals)
        chart_with_alt(m, r, FS_SITE_INTERVALS, force);
    if (r->has_trend)
        chart_with_alt(m, r, FS_SITE_TREND, force);
    if (r->change_note[0])
        note_item(m, r->change_note);
    if (r->spc_note[0])
        note_item(m, r->spc_note);
    if (r->has_spc)
        chart_with_alt(m, r, FS_SITE_SPC, force);
    if (r->has_funnel) {
        note_item(m, r->funnel_note);
        chart_with_alt(m, r, FS_SITE_FUNNEL, force);
    }
    fs_tmpl_flag(m, "has_section", r->section && r->section[0]);
    fs_tmpl_markup(m, "section", r->section ? r->section : "");
    fs_tmpl_string(m, "common", r->common);
    size_text(m, "csv_size", r->csv_bytes);
    size_text(m, "json_size", r->json_bytes);
    fs_tmpl_flag(m, "has_source", r->spec->source != NULL);
    fs_tmpl_string(m, "source", r->spec->source ? r->spec->source : "");
}

/* A row of the summary: where the page's force stands on a measure. */
static void summary_item(fs_tmpl_vars_t *v, const fs_site_result_t *r)
{
    fs_tmpl_vars_t *s = fs_tmpl_item(v, "summary");
    if (s == NULL)
        return;
    int d = row_decimals(r);
    fs_tmpl_string(s, "slug", r->slug);
    fs_tmpl_string(s, "title", r->spec->title);
    fs_tmpl_flag(s, "has_period", r->period[0] != '\0');
    fs_tmpl_string(s, "period", r->period);
    fs_tmpl_flag(s, "has_highlight", r->has_highlight);
    number_text(s, "value", r->value, r->style, d);
    fs_tmpl_flag(s, "is_rate", r->spec->kind == FS_REPORT_RATE);
    number_text(s, "lower", r->lower, r->style, d);
    number_text(s, "upper", r->upper, r->style, d);
    fs_tmpl_string(s, "position_class", r->has_highlight ? fs_flag_name(r->flag) : "");
    fs_tmpl_string(s, "position",
                   r->has_highlight ? fs_site_position_words(r->flag) : "not in the data");
    fs_tmpl_flag(s, "has_label", r->label != NULL);
    fs_tmpl_string(s, "label", r->label ? r->label : "");
    char rank[160];
    fs_site_rank_words(r, rank, sizeof rank);
    fs_tmpl_flag(s, "has_rank", rank[0] != '\0');
    fs_tmpl_string(s, "rank", rank);
    fs_tmpl_flag(s, "has_comparator", r->has_comparator);
    number_text(s, "comparator", r->comparator, r->style, d);
    fs_tmpl_flag(s, "has_mark", r->has_mark && r->mark != FS_MARK_MISSING);
    fs_tmpl_string(s, "mark", verdict_words(r, r->mark, 1));
    /* Without an interval there is no verdict: the difference only. */
    fs_tmpl_flag(s, "has_change", r->change_cell[0] != '\0');
    fs_tmpl_string(s, "change", r->change_cell);
    fs_tmpl_flag(s, "has_difference", r->has_highlight && r->has_comparator && !isnan(r->value));
    fs_buf_t b;
    fs_buf_init(&b);
    double diff = r->value - r->comparator;
    /* A difference of percentages is in percentage points. */
    fs_render_fixed(&b, r->style == FS_RS_SHARE ? 100.0 * diff : diff, FS_RS_SIGNED, d);
    if (r->style == FS_RS_SHARE)
        fs_buf_puts(&b, " percentage points");
    buf_string(s, "difference", &b);
    fs_buf_free(&b);
}

static int by_display_name(const void *a, const void *b)
{
    return strcmp(fs_registry_display(*(const size_t *)a), fs_registry_display(*(const size_t *)b));
}

/* A site's index: a page for each force, in alphabetical order, as a
 * reader looks for a name. */
static void force_page_items(fs_tmpl_vars_t *v, const char *const *force_pages)
{
    fs_tmpl_section(v, "force_pages");
    size_t order[FS_FORCE_COUNT];
    for (size_t f = 0; f < FS_FORCE_COUNT; f++)
        order[f] = f;
    qsort(order, FS_FORCE_COUNT, sizeof order[0], by_display_name);
    for (size_t k = 0; k < FS_FORCE_COUNT; k++) {
        size_t f = order[k];
        if (force_pages[f] == NULL)
            continue;
        fs_tmpl_vars_t *p = fs_tmpl_item(v, "force_pages");
        if (p == NULL)
            return;
        fs_tmpl_string(p, "href", force_pages[f]);
        fs_tmpl_string(p, "name", fs_registry_display(f));
    }
}

/* A force's row of the overview: its figure on each measure, classed by
 * its position, with the class as a symbol and in words. */
static void overview_row(fs_tmpl_vars_t *v, const fs_site_result_t *res, size_t n, size_t f,
                         int highlight, const char *const *force_pages, const int *decimals)
{
    fs_tmpl_vars_t *row = fs_tmpl_item(v, "forces");
    if (row == NULL)
        return;
    fs_tmpl_flag(row, "hl", (int)f == highlight);
    fs_tmpl_string(row, "name", fs_registry_display(f));
    fs_tmpl_flag(row, "has_page", force_pages != NULL && force_pages[f] != NULL);
    fs_tmpl_string(row, "page", force_pages != NULL && force_pages[f] ? force_pages[f] : "");
    fs_tmpl_section(row, "cells");
    for (size_t j = 0; j < n; j++) {
        fs_tmpl_vars_t *c = fs_tmpl_item(row, "cells");
        if (c == NULL)
            return;
        double x = res[j].ov_value[f];
        unsigned k = res[j].ov_class[f];
        fs_tmpl_string(c, "class", class_names[k]);
        fs_tmpl_string(c, "symbol", class_symbols[k]);
        /* Against England and Wales, better or worse where the measure
         * says which way is better (the symbol and colour stay higher
         * and lower, as the key says). */
        fs_tmpl_string(
            c, "words",
            k == FS_SITE_HIGHER || k == FS_SITE_LOWER
                ? verdict_words(&res[j], k == FS_SITE_HIGHER ? FS_MARK_HIGHER : FS_MARK_LOWER, 0)
                : class_words[k]);
        fs_tmpl_flag(c, "has_value", !isnan(x));
        if (isnan(x))
            fs_tmpl_string(c, "exact", "");
        else
            fs_tmpl_number(c, "exact", x);
        number_text(c, "value", x, res[j].style, decimals[j]);
    }
}

/* The overview's columns: a short label ("M3"), the whole title, and
 * which comparison the column shows; each column's decimals. */
static void overview_columns(fs_tmpl_vars_t *v, const fs_site_result_t *res, size_t n,
                             int *decimals)
{
    fs_tmpl_number(v, "ncolumns", (double)n);
    fs_tmpl_section(v, "columns");
    for (size_t j = 0; j < n; j++) {
        double x[FS_FORCE_COUNT];
        memcpy(x, res[j].ov_value, sizeof x);
        decimals[j] = res[j].fixed_decimals > 0
                          ? res[j].fixed_decimals - 1
                          : fs_render_decimals(x, FS_FORCE_COUNT, res[j].style);
        fs_tmpl_vars_t *c = fs_tmpl_item(v, "columns");
        if (c == NULL)
            continue;
        char label[32];
        snprintf(label, sizeof label, "M%zu", j + 1);
        fs_tmpl_number(c, "k", (double)(j + 1));
        fs_tmpl_string(c, "short", label);
        fs_tmpl_string(c, "title", res[j].spec->title);
        /* A sample's column is its interval against England and Wales. */
        fs_tmpl_flag(c, "is_sample", res[j].has_intervals);
    }
}

/* The overview: a table of the forces (rows) by the measures (columns),
 * each cell classed and coloured by its position, sortable by any column
 * with a few lines of inline script (no network). */
static fs_status_t write_overview(fs_buf_t *h, const fs_site_result_t *res, size_t n, int highlight,
                                  const char *const *force_pages, fs_error_t *err)
{
    int *decimals = calloc(n ? n : 1, sizeof *decimals);
    if (decimals == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_tmpl_vars_t v;
    fs_tmpl_init_html(&v);
    fs_tmpl_flag(&v, "has_force_pages", force_pages != NULL);
    overview_columns(&v, res, n, decimals);
    for (size_t f = 0; f < FS_FORCE_COUNT; f++)
        overview_row(&v, res, n, f, highlight, force_pages, decimals);
    fs_status_t st = fs_tmpl_fill(h, fs_plot_overview, "site/overview.html", &v, err);
    fs_tmpl_free(&v);
    free(decimals);
    return st;
}

/* The spine chart's alt text: its finding as the chart draws it, on how
 * many measures the force is better, similar or worse (or higher,
 * similar or lower) than England and Wales, and the measures where it has
 * no data, named (fs_spine_finding). */
static void spine_alt(fs_tmpl_vars_t *v, const fs_site_result_t *res, size_t n, int force)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_spine_item_t *items = calloc(n ? n : 1, sizeof *items);
    fs_buf_printf(&b,
                  "Spine chart of %s on %zu measures, each marker placed among the forces' range "
                  "and marked by how the force compares with England and Wales:",
                  force >= 0 ? fs_registry_display((size_t)force) : "the force", n);
    if (items != NULL)
        fs_site_spine_items(res, n, items);
    else
        b.failed = 1; /* no memory: the page fails */
    fs_spine_finding(&b, items, items ? n : 0, 1);
    fs_buf_puts(&b, " The summary table below gives each figure.");
    free(items);
    buf_string(v, "spine_alt", &b);
    fs_buf_free(&b);
}

fs_status_t fs_site_write_page(fs_buf_t *h, const fs_site_result_t *res, size_t n,
                               const fs_site_page_t *page, fs_error_t *err)
{
    int force = page->force;
    fs_buf_t overview;
    fs_buf_init(&overview);
    fs_status_t st = FS_OK;
    if (page->overview)
        st = write_overview(&overview, res, n, force, page->force_pages, err);
    if (st != FS_OK) {
        fs_buf_free(&overview);
        return st;
    }
    fs_tmpl_vars_t v;
    fs_tmpl_init_html(&v);
    fs_tmpl_string(&v, "force_name",
                   force >= 0 ? fs_registry_force((size_t)force)->name
                              : "the forces of England and Wales");
    fs_tmpl_markup(&v, "css", fs_plot_site);
    fs_tmpl_flag(&v, "has_home", page->home != NULL);
    fs_tmpl_string(&v, "home", page->home ? page->home : "");
    fs_tmpl_flag(&v, "has_force", force >= 0);
    fs_tmpl_number(&v, "nmeasures", (double)n);
    fs_tmpl_flag(&v, "plural", n != 1);
    fs_tmpl_flag(&v, "has_spine", page->spine_height > 0);
    fs_tmpl_string(&v, "spine", page->spine ? page->spine : "");
    fs_tmpl_number(&v, "spine_height", page->spine_height);
    /* Its narrow rendering: every measure is a row of it. */
    char narrow[240];
    fs_site_narrow_name(page->spine ? page->spine : "", narrow, sizeof narrow);
    fs_tmpl_string(&v, "spine_narrow", narrow);
    fs_tmpl_number(&v, "spine_narrow_height", fs_spine_chart_narrow_height(n));
    spine_alt(&v, res, n, force);
    fs_tmpl_section(&v, "summary");
    for (size_t i = 0; force >= 0 && i < n; i++)
        summary_item(&v, &res[i]);
    fs_tmpl_flag(&v, "has_force_pages", force < 0 && page->force_pages != NULL);
    if (force < 0 && page->force_pages != NULL)
        force_page_items(&v, page->force_pages);
    fs_tmpl_markup(&v, "overview", overview.data ? overview.data : "");
    fs_buf_free(&overview);
    fs_tmpl_section(&v, "measures");
    /* The charts, their alt texts and the sentences under them name the
     * force as every chart over the forces does (fs_registry_display); the
     * page's headings, its full name (issue 29: one force, one name in
     * each). */
    const char *name = force >= 0 ? fs_registry_display((size_t)force) : NULL;
    for (size_t i = 0; i < n; i++)
        measure_item(&v, &res[i], name);
    fs_tmpl_string(&v, "version", FS_VERSION);
    st = fs_tmpl_fill(h, fs_plot_page, "site/page.html", &v, err);
    fs_tmpl_free(&v);
    return st;
}
