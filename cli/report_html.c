/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_html.c: the page of `forcestat report`, index.html. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "outliers_output.h"
#include "report.h"

const char *report_position_words(fs_flag_t flag)
{
    switch (flag) {
    case FS_FLAG_ABOVE: return "above the band";
    case FS_FLAG_BELOW: return "below the band";
    case FS_FLAG_WITHIN: return "within the band";
    case FS_FLAG_MISSING: break;
    }
    return "no data";
}

size_t report_words_slug(const char *text, char *buf, size_t size)
{
    size_t k = 0;
    int dash = 0;
    for (const char *p = text; *p && k + 2 < size; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            buf[k++] = c;
            dash = 0;
        } else if (!dash && k > 0) {
            buf[k++] = '-';
            dash = 1;
        }
    }
    while (k > 0 && buf[k - 1] == '-')
        k--;
    if (size > 0)
        buf[k] = '\0';
    return k;
}

void report_force_slug(size_t force, char *buf, size_t size)
{
    report_words_slug(fs_registry_display(force), buf, size);
}

static const char *const chart_kinds[RC_KINDS] = {"bar", "intervals", "trend", "spc", "funnel"};

/* A chart, linked to its full-size image: the page's own, or the site's. */
static void chart_figure(fs_buf_t *h, const result_t *r, report_chart_kind_t kind,
                         const char *alt, const char *alt_more)
{
    const char *prefix = (r->common_charts & (1u << kind)) ? r->common : r->own;
    const char *k = chart_kinds[kind];
    fs_buf_puts(h, "<a class=\"chart\" href=\"");
    fs_html_escape(h, prefix);
    fs_buf_printf(h, "%s-%s.png\"><img src=\"", r->slug, k);
    fs_html_escape(h, prefix);
    fs_buf_printf(h, "%s-%s.png\" width=\"1200\" height=\"675\" alt=\"", r->slug, k);
    fs_html_escape(h, alt);
    if (alt_more != NULL)
        fs_html_escape(h, alt_more);
    fs_buf_puts(h, "\"></a>\n");
}

static int by_display_name(const void *a, const void *b)
{
    return strcmp(fs_registry_display(*(const size_t *)a), fs_registry_display(*(const size_t *)b));
}

void report_write_html(fs_buf_t *h, const result_t *res, size_t n, const report_page_t *page)
{
    int force = page->force;
    const char *force_name =
        force >= 0 ? fs_registry_force((size_t)force)->name : "the forces of England and Wales";
    fs_buf_puts(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>forcestat report: ");
    fs_html_escape(h, force_name);
    fs_buf_puts(h, "</title>\n<style>\n"
                   "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
                   "margin:0;color:#1a1a1a;background:#fafafa;line-height:1.45}\n"
                   "header,main,footer{max-width:1240px;margin:0 auto;padding:0 20px}\n"
                   "header{padding-top:24px}h1{font-size:1.7em;margin:0 0 4px}\n"
                   "h2{font-size:1.25em;margin:28px 0 6px;border-bottom:2px solid #1f4e79;"
                   "padding-bottom:4px}\n"
                   ".lede{color:#444;margin:0 0 12px}\n"
                   "table{border-collapse:collapse;margin:8px 0 12px;background:#fff;"
                   "font-size:0.95em}\n"
                   "th,td{border:1px solid #d0d7de;padding:5px 9px;text-align:left;"
                   "vertical-align:top}\n"
                   "th{background:#eef3f8}td.num{text-align:right;font-variant-numeric:"
                   "tabular-nums}\n"
                   "tr.hl td{background:#fde9da;font-weight:600}\n"
                   ".above{color:#9c2b00;font-weight:600}.below{color:#1f4e79;font-weight:600}\n"
                   "img{max-width:100%;height:auto;border:1px solid #ddd;background:#fff;"
                   "margin:6px 0}\n"
                   "nav ol{columns:2;margin:6px 0 0}\n"
                   ".files a{margin-right:12px}footer{color:#555;font-size:0.9em;"
                   "padding-bottom:32px}\n"
                   ".scroll{overflow-x:auto;max-width:100%}.scroll table{margin:0}\n"
                   ".unit{color:#555;font-size:0.85em;white-space:nowrap}\n"
                   "a.chart{display:block}.home{margin:0 0 6px}\n"
                   "ul.forces{columns:3;padding-left:1.2em;margin:6px 0}\n"
                   /* The overview's cells: classes others can restyle; blues and amber,
                    * told apart under the common colour-vision deficiencies. */
                   "table.overview th{cursor:pointer}td.ov{text-align:right;"
                   "font-variant-numeric:tabular-nums;font-weight:400}\n"
                   ".ov.above,.ov.higher{background:#08519c;color:#fff}"
                   ".ov.below,.ov.lower{background:#c6dbef;color:#08306b}"
                   ".ov.within,.ov.similar{background:#fee6c3;color:#1a1a1a}"
                   ".ov.missing{background:#f0f0f0;color:#777}"
                   "span.ov{display:inline-block;padding:1px 6px;margin:2px 4px 2px 0;white-space:nowrap}\n"
                   "@media (max-width:640px){header,main,footer{padding:0 10px}"
                   "nav ol{columns:1}ul.forces{columns:2}table{font-size:0.85em}th,td{padding:4px 6px}}\n"
                   "@media print{@page{size:A4;margin:14mm}body{background:#fff;font-size:10pt}"
                   "header,main,footer{max-width:none;padding:0}nav,.files{display:none}"
                   "section{break-inside:avoid-page}h2{break-after:avoid}"
                   "img{border:none;max-width:100%;break-inside:avoid}"
                   "a{color:inherit;text-decoration:none}}\n"
                   "</style>\n</head>\n<body>\n<header>\n");
    if (page->home != NULL) {
        fs_buf_puts(h, "<p class=\"home\"><a href=\"");
        fs_html_escape(h, page->home);
        fs_buf_puts(h, "\">All forces</a></p>\n");
    }
    fs_buf_puts(h, "<h1>How ");
    fs_html_escape(h, force_name);
    fs_buf_printf(h, " compare%s</h1>\n<p class=\"lede\">%zu measure%s, each against the "
                     "unweighted mean across the territorial forces of England and Wales with "
                     "lines one standard deviation either side, as HMICFRS draws them "
                     "(logs are used when a Shapiro-Wilk test finds them more normal), and "
                     "against England and Wales as a whole.</p>\n</header>\n<main>\n",
                  force >= 0 ? "s" : "", n, n == 1 ? "" : "s");
    /* The page opens with the spine chart: every measure at a glance. */
    if (page->spine_height > 0) {
        fs_buf_puts(h, "<section id=\"spine\">\n<a class=\"chart\" href=\"");
        fs_html_escape(h, page->spine);
        fs_buf_puts(h, "\"><img src=\"");
        fs_html_escape(h, page->spine);
        fs_buf_printf(h, "\" width=\"1200\" height=\"%d\" alt=\"Spine chart: where "
                         "the force stands on every measure\"></a>\n</section>\n",
                      page->spine_height);
    }
    if (force < 0) {
        /* A site's index: a page for each force. */
        if (page->force_pages != NULL) {
            fs_buf_puts(h, "<section id=\"forces\">\n<h2>A page for each force</h2>\n"
                           "<ul class=\"forces\">\n");
            /* In alphabetical order, as a reader looks for a name. */
            size_t order[FS_FORCE_COUNT];
            for (size_t f = 0; f < FS_FORCE_COUNT; f++)
                order[f] = f;
            qsort(order, FS_FORCE_COUNT, sizeof order[0], by_display_name);
            for (size_t k = 0; k < FS_FORCE_COUNT; k++) {
                size_t f = order[k];
                if (page->force_pages[f] == NULL)
                    continue;
                fs_buf_puts(h, "<li><a href=\"");
                fs_html_escape(h, page->force_pages[f]);
                fs_buf_puts(h, "\">");
                fs_html_escape(h, fs_registry_display(f));
                fs_buf_puts(h, "</a></li>\n");
            }
            fs_buf_puts(h, "</ul>\n</section>\n");
        }
    } else {
    fs_buf_puts(h, "<section id=\"summary\">\n<h2>Summary for ");
    fs_html_escape(h, force_name);
    fs_buf_puts(h, "</h2>\n<div class=\"scroll\">\n<table>\n<thead><tr><th>Measure</th><th>Value</th><th>Band "
                   "(lower to upper)</th><th>Position</th><th>England and Wales</th><th>Against "
                   "England and Wales</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const result_t *r = &res[i];
        fs_buf_printf(h, "<tr><td><a href=\"#%s\">", r->slug);
        fs_html_escape(h, r->spec->title);
        if (r->period[0]) {
            fs_buf_puts(h, " (");
            fs_html_escape(h, r->period);
            fs_buf_puts(h, ")");
        }
        fs_buf_puts(h, "</a></td><td class=\"num\">");
        if (r->has_highlight) {
            report_html_number(h, r->value, r->style);
            /* A rate says what it is per; a percentage carries its sign. */
            if (r->spec->kind == KIND_RATE)
                fs_buf_puts(h, "<span class=\"unit\"> per 1,000</span>");
        } else {
            fs_buf_puts(h, "&ndash;");
        }
        fs_buf_puts(h, "</td><td class=\"num\">");
        report_html_number(h, r->lower, r->style);
        fs_buf_puts(h, " to ");
        report_html_number(h, r->upper, r->style);
        fs_buf_printf(h, "</td><td class=\"%s\">%s", r->has_highlight ? fs_flag_name(r->flag) : "",
                      r->has_highlight ? report_position_words(r->flag) : "not in the data");
        if (r->has_highlight && r->spec->higher != HIGHER_NONE && r->flag != FS_FLAG_MISSING)
            fs_buf_printf(h, " (%s)", label_for(r->flag, r->spec->higher));
        fs_buf_puts(h, "</td><td class=\"num\">");
        if (r->has_comparator)
            report_html_number(h, r->comparator, r->style);
        else
            fs_buf_puts(h, "&ndash;");
        fs_buf_puts(h, "</td><td>");
        if (r->has_mark && r->mark != FS_MARK_MISSING)
            fs_buf_printf(h, "%s (confidence interval)", fs_mark_name(r->mark));
        else if (r->has_highlight && r->has_comparator && !isnan(r->value)) {
            /* Without an interval there is no verdict: the difference only. */
            fs_buf_puts(h, "difference ");
            if (r->value > r->comparator)
                fs_buf_putc(h, '+');
            report_html_number(h, r->value - r->comparator, FS_RS_HUMAN);
            fs_buf_puts(h, " (no interval, so no verdict)");
        }
        else
            fs_buf_puts(h, "&ndash;");
        fs_buf_puts(h, "</td></tr>\n");
    }
    fs_buf_puts(h, "</tbody>\n</table>\n</div>\n</section>\n");
    }
    if (page->overview)
        report_write_overview(h, res, n, force, page->force_pages);
    fs_buf_puts(h, "<nav>\n<h2>Measures</h2>\n<ol>\n");
    for (size_t i = 0; i < n; i++) {
        fs_buf_printf(h, "<li><a href=\"#%s\">", res[i].slug);
        fs_html_escape(h, res[i].spec->title);
        fs_buf_puts(h, "</a></li>\n");
    }
    fs_buf_puts(h, "</ol>\n</nav>\n");

    for (size_t i = 0; i < n; i++) {
        const result_t *r = &res[i];
        fs_buf_printf(h, "<section id=\"%s\">\n<h2>", r->slug);
        fs_html_escape(h, r->spec->title);
        fs_buf_puts(h, "</h2>\n<p>");
        fs_html_escape(h, r->explanation ? r->explanation : "");
        fs_buf_puts(h, "</p>\n");
        /* Each chart links to its full-size image: on a phone the page
         * shrinks it, and the names are read at full size. */
        if (r->has_bar)
            chart_figure(h, r, RC_BAR, "Bar chart: ", r->spec->title);
        if (r->has_intervals)
            chart_figure(h, r, RC_INTERVALS, "Confidence intervals by force", NULL);
        if (r->has_trend)
            chart_figure(h, r, RC_TREND, "Trend against England and Wales", NULL);
        if (r->spc_note[0]) {
            fs_buf_puts(h, "<p>");
            fs_html_escape(h, r->spc_note);
            fs_buf_puts(h, "</p>\n");
        }
        if (r->has_spc)
            chart_figure(h, r, RC_SPC, "Statistical process control chart", NULL);
        if (r->has_funnel) {
            fs_buf_puts(h, "<p>");
            fs_html_escape(h, r->funnel_note);
            fs_buf_puts(h, "</p>\n");
            chart_figure(h, r, RC_FUNNEL, "Funnel plot", NULL);
        }
        if (r->section && r->section[0]) {
            fs_buf_puts(h, "<div class=\"scroll\">\n");
            fs_buf_puts(h, r->section);
            fs_buf_puts(h, "</div>\n");
        } else {
            fs_buf_puts(h, "<p>No force is outside the band.</p>\n");
        }
        fs_buf_printf(h, "<p class=\"files\">%s forces outside the band; every force: "
                         "<a href=\"",
                      force >= 0 ? "The highlighted force and the" : "The");
        fs_html_escape(h, r->common);
        fs_buf_printf(h, "%s.csv\">CSV</a> <a href=\"", r->slug);
        fs_html_escape(h, r->common);
        fs_buf_printf(h, "%s.json\">JSON</a>", r->slug);
        if (r->spec->source) {
            fs_buf_puts(h, ". Source: ");
            fs_html_escape(h, r->spec->source);
        }
        fs_buf_puts(h, ".</p>\n</section>\n");
    }
    fs_buf_printf(h, "</main>\n<footer>\n<p>Made by forcestat %s. Crown copyright data under "
                     "the Open Government Licence v3.0. Proportions use Wilson intervals, rates "
                     "Byar's method; England and Wales figures for them are pooled over the "
                     "forces.</p>\n</footer>\n</body>\n</html>\n",
                  FS_VERSION);
}

/* What the page needs of a measure: the summary for the highlighted force
 * and the table rows of the forces outside the band. */
int report_summarise(const fs_measure_t *m, const fs_band_options_t *band, int highlight_force,
                     result_t *r)
{
    const fs_outliers_t *o = &m->band;
    char expl[600];
    fs_band_explain(&o->band, band, expl, sizeof expl);
    r->explanation = strdup(expl);
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
    /* The section's table: the band's result table, with the highlighted
     * force and the forces outside the band, highest first. */
    fs_outlier_row_t *sorted = malloc((o->nrows ? o->nrows : 1) * sizeof *sorted);
    size_t *order = malloc((o->nrows ? o->nrows : 1) * sizeof *order);
    const char **classes = calloc(o->nrows ? o->nrows : 1, sizeof *classes);
    fs_rcol_t cols[OUTLIERS_MAX_COLUMNS];
    fs_rtable_t rt;
    fs_error_t err;
    if (sorted == NULL || order == NULL || classes == NULL || r->explanation == NULL ||
        outliers_table(&rt, cols, m->table, m->desc, o, HIGHER_NONE, NULL, NULL, &err) != FS_OK) {
        free(sorted);
        free(order);
        free(classes);
        fputs("forcestat: out of memory\n", stderr);
        return EXIT_DATA;
    }
    memcpy(sorted, o->rows, o->nrows * sizeof *sorted);
    qsort(sorted, o->nrows, sizeof *sorted, outlier_rows_by_value_desc);
    const fs_description_t *d = m->desc;
    size_t shown = 0;
    for (size_t k = 0; k < o->nrows; k++) {
        const fs_outlier_row_t *row = &sorted[k];
        int is_hl = highlight_force >= 0 && d->units[row->row].kind == FS_UNIT_FORCE &&
                    d->units[row->row].force == highlight_force;
        if (is_hl) {
            r->has_highlight = 1;
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
        if (!is_hl && row->flag != FS_FLAG_ABOVE && row->flag != FS_FLAG_BELOW)
            continue;
        size_t j = 0;
        while (o->rows[j].row != row->row)
            j++;
        classes[shown] = is_hl ? "hl" : NULL;
        order[shown++] = j;
    }
    cols[OUTLIERS_VALUE_COLUMN].style = r->style;
    /* The page names forces as HMICFRS does, whatever the file's spelling. */
    for (size_t k = 0; k < o->nrows; k++) {
        const fs_unit_t *u = &m->desc->units[o->rows[k].row];
        if (u->kind == FS_UNIT_FORCE)
            fs_rtable_text(&rt, k, OUTLIERS_FORCE_COLUMN, fs_registry_display((size_t)u->force));
    }
    fs_buf_t sec;
    fs_buf_init(&sec);
    if (shown > 0)
        fs_render_html(&sec, &rt, order, shown, classes);
    fs_rtable_free(&rt);
    free(sorted);
    free(order);
    free(classes);
    r->section = sec.data ? sec.data : strdup("");
    return EXIT_OK;
}

void report_spc_note(const fs_measure_t *m, result_t *r)
{
    const fs_spc_t *s = &m->spc;
    size_t special = 0;
    for (size_t i = 0; i < s->n; i++)
        special += s->points[i].rules != 0;
    const fs_spc_point_t *last = &s->points[s->n - 1];
    char rules[64], when[256];
    fs_spc_rule_names(last->rules, rules, sizeof rules);
    fs_period_words(m->trend.periods[s->n - 1], r->spec->year_ending, when, sizeof when);
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
        snprintf(r->spc_note + n, sizeof r->spc_note - (size_t)n, "special cause (%s): %s.",
                 rules, fs_spc_variation_name(last->variation));
}

void report_spine_row(const fs_measure_t *m, int force, result_t *r)
{
    const spec_t *s = r->spec;
    fs_spine_measure_t sm = {m, s->title,
                             s->higher == HIGHER_BETTER  ? FS_SPINE_HIGHER_BETTER
                             : s->higher == HIGHER_WORSE ? FS_SPINE_LOWER_BETTER
                                                         : FS_SPINE_NEUTRAL,
                             !s->census};
    fs_error_t err;
    r->has_spine = fs_spine_item_of(&sm, force, &r->spine_row, r->spine_text, &r->spine_item,
                                    &err) == FS_OK;
}
