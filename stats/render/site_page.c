/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site_page.c: a page of the report, the templates plots/site/page.html
 * and overview.html filled with a page's values.  The markup is all in
 * the templates; every value from the data (a force's name, a title, a
 * note) goes in as a string, escaped for HTML (fs_tmpl_init_html). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/safetext.h"
#include "render/template.h"
#include "site_internal.h"

static const char *const chart_kinds[FS_SITE_CHARTS] = {"bar", "intervals", "trend", "spc",
                                                        "funnel"};

static const char *const class_names[] = {"missing", "above",   "within", "below",
                                          "higher",  "similar", "lower"};

/* A number as the report prints it (digits, a sign, a point, '%'). */
static void number_text(fs_tmpl_vars_t *v, const char *name, double x, fs_rstyle_t style)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_number(&b, x, style, 0);
    if (fs_buf_status(&b) != FS_OK)
        v->failed = 1;
    fs_tmpl_string(v, name, b.data ? b.data : "");
    fs_buf_free(&b);
}

/* A chart, linked to its full-size image: the page's own, or the site's. */
static void chart_item(fs_tmpl_vars_t *m, const fs_site_result_t *r, fs_site_chart_t kind,
                       const char *alt, const char *alt_more)
{
    fs_tmpl_vars_t *c = fs_tmpl_item(m, "charts");
    if (c == NULL)
        return;
    const char *prefix = (r->common_charts & (1u << kind)) ? r->common : r->own;
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_printf(&b, "%s%s-%s.png", prefix, r->slug, chart_kinds[kind]);
    fs_tmpl_flag(c, "is_note", 0);
    if (fs_buf_status(&b) != FS_OK)
        c->failed = 1;
    fs_tmpl_string(c, "href", b.data ? b.data : "");
    fs_buf_reset(&b);
    fs_buf_puts(&b, alt);
    if (alt_more != NULL)
        fs_buf_puts(&b, alt_more);
    if (fs_buf_status(&b) != FS_OK)
        c->failed = 1;
    fs_tmpl_string(c, "alt", b.data ? b.data : "");
    fs_buf_free(&b);
}

static void note_item(fs_tmpl_vars_t *m, const char *note)
{
    fs_tmpl_vars_t *c = fs_tmpl_item(m, "charts");
    if (c == NULL)
        return;
    fs_tmpl_flag(c, "is_note", 1);
    fs_tmpl_string(c, "note", note);
}

/* A measure's section: its sentence, its charts (each SPC and funnel
 * chart after the sentence on it), its table and its files. */
static void measure_item(fs_tmpl_vars_t *v, const fs_site_result_t *r)
{
    fs_tmpl_vars_t *m = fs_tmpl_item(v, "measures");
    if (m == NULL)
        return;
    fs_tmpl_string(m, "slug", r->slug);
    fs_tmpl_string(m, "title", r->spec->title);
    fs_tmpl_string(m, "explanation", r->explanation ? r->explanation : "");
    fs_tmpl_section(m, "charts");
    if (r->has_bar)
        chart_item(m, r, FS_SITE_BAR, "Bar chart: ", r->spec->title);
    if (r->has_intervals)
        chart_item(m, r, FS_SITE_INTERVALS, "Confidence intervals by force", NULL);
    if (r->has_trend)
        chart_item(m, r, FS_SITE_TREND, "Trend against England and Wales", NULL);
    if (r->change_note[0])
        note_item(m, r->change_note);
    if (r->spc_note[0])
        note_item(m, r->spc_note);
    if (r->has_spc)
        chart_item(m, r, FS_SITE_SPC, "Statistical process control chart", NULL);
    if (r->has_funnel) {
        note_item(m, r->funnel_note);
        chart_item(m, r, FS_SITE_FUNNEL, "Funnel plot", NULL);
    }
    fs_tmpl_flag(m, "has_section", r->section && r->section[0]);
    fs_tmpl_markup(m, "section", r->section ? r->section : "");
    fs_tmpl_string(m, "common", r->common);
    fs_tmpl_flag(m, "has_source", r->spec->source != NULL);
    fs_tmpl_string(m, "source", r->spec->source ? r->spec->source : "");
}

/* A row of the summary: where the page's force stands on a measure. */
static void summary_item(fs_tmpl_vars_t *v, const fs_site_result_t *r)
{
    fs_tmpl_vars_t *s = fs_tmpl_item(v, "summary");
    if (s == NULL)
        return;
    fs_tmpl_string(s, "slug", r->slug);
    fs_tmpl_string(s, "title", r->spec->title);
    fs_tmpl_flag(s, "has_period", r->period[0] != '\0');
    fs_tmpl_string(s, "period", r->period);
    fs_tmpl_flag(s, "has_highlight", r->has_highlight);
    number_text(s, "value", r->value, r->style);
    fs_tmpl_flag(s, "is_rate", r->spec->kind == FS_REPORT_RATE);
    number_text(s, "lower", r->lower, r->style);
    number_text(s, "upper", r->upper, r->style);
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
    number_text(s, "comparator", r->comparator, r->style);
    fs_tmpl_flag(s, "has_mark", r->has_mark && r->mark != FS_MARK_MISSING);
    fs_tmpl_string(s, "mark", fs_mark_name(r->mark));
    /* Without an interval there is no verdict: the difference only. */
    fs_tmpl_flag(s, "has_change", r->change_cell[0] != '\0');
    fs_tmpl_string(s, "change", r->change_cell);
    fs_tmpl_flag(s, "has_difference", r->has_highlight && r->has_comparator && !isnan(r->value));
    fs_buf_t b;
    fs_buf_init(&b);
    if (r->value > r->comparator)
        fs_buf_putc(&b, '+');
    fs_render_number(&b, r->value - r->comparator, FS_RS_HUMAN, 0);
    if (fs_buf_status(&b) != FS_OK)
        s->failed = 1;
    fs_tmpl_string(s, "difference", b.data ? b.data : "");
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
 * its position. */
static void overview_row(fs_tmpl_vars_t *v, const fs_site_result_t *res, size_t n, size_t f,
                         int highlight, const char *const *force_pages)
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
        fs_tmpl_string(c, "class", class_names[res[j].ov_class[f]]);
        fs_tmpl_flag(c, "has_value", !isnan(x));
        if (isnan(x))
            fs_tmpl_string(c, "exact", "");
        else
            fs_tmpl_number(c, "exact", x);
        number_text(c, "value", x, res[j].style);
    }
}

/* The overview: a table of the forces (rows) by the measures (columns),
 * each cell classed and coloured by its position, sortable by any column
 * with a few lines of inline script (no network). */
static fs_status_t write_overview(fs_buf_t *h, const fs_site_result_t *res, size_t n, int highlight,
                                  const char *const *force_pages, fs_error_t *err)
{
    fs_tmpl_vars_t v;
    fs_tmpl_init_html(&v);
    fs_tmpl_flag(&v, "has_force_pages", force_pages != NULL);
    fs_tmpl_section(&v, "columns");
    for (size_t j = 0; j < n; j++) {
        fs_tmpl_vars_t *c = fs_tmpl_item(&v, "columns");
        if (c == NULL)
            break;
        fs_tmpl_number(c, "k", (double)(j + 1));
        fs_tmpl_string(c, "title", res[j].spec->title);
        /* At most 40 bytes, cut between characters (never inside one). */
        char shortened[64];
        size_t len = strlen(res[j].spec->title), cut = fs_utf8_cut(res[j].spec->title, len, 40);
        snprintf(shortened, sizeof shortened, "%.*s%s", (int)cut, res[j].spec->title,
                 cut < len ? "..." : "");
        fs_tmpl_string(c, "short", shortened);
    }
    for (size_t f = 0; f < FS_FORCE_COUNT; f++)
        overview_row(&v, res, n, f, highlight, force_pages);
    fs_status_t st = fs_tmpl_fill(h, fs_plot_overview, "site/overview.html", &v, err);
    fs_tmpl_free(&v);
    return st;
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
    fs_tmpl_section(&v, "summary");
    for (size_t i = 0; force >= 0 && i < n; i++)
        summary_item(&v, &res[i]);
    fs_tmpl_flag(&v, "has_force_pages", force < 0 && page->force_pages != NULL);
    if (force < 0 && page->force_pages != NULL)
        force_page_items(&v, page->force_pages);
    fs_tmpl_markup(&v, "overview", overview.data ? overview.data : "");
    fs_buf_free(&overview);
    fs_tmpl_section(&v, "measures");
    for (size_t i = 0; i < n; i++)
        measure_item(&v, &res[i]);
    fs_tmpl_string(&v, "version", FS_VERSION);
    st = fs_tmpl_fill(h, fs_plot_page, "site/page.html", &v, err);
    fs_tmpl_free(&v);
    return st;
}
