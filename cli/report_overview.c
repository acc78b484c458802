/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_overview.c: the report's overview, every force on every measure
 * (as PHE Fingertips' "tartan rug"). */
#include <math.h>
#include <string.h>

#include "report.h"
#include "render/safetext.h"

void report_html_number(fs_buf_t *out, double x, fs_rstyle_t style)
{
    /* Digits, a sign, a point, '%' or '-': nothing to escape. */
    fs_render_number(out, x, style, 0);
}

static const char *const class_names[] = {"missing", "above", "within", "below",
                                          "higher", "similar", "lower"};

void report_overview_column(const fs_measure_t *m, result_t *r)
{
    for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
        r->ov_value[f] = NAN;
        r->ov_class[f] = OV_MISSING;
    }
    const fs_outliers_t *o = &m->band;
    for (size_t i = 0; i < o->nrows; i++) {
        const fs_unit_t *u = &m->desc->units[o->rows[i].row];
        if (u->kind != FS_UNIT_FORCE || isnan(o->rows[i].value))
            continue;
        r->ov_value[u->force] = o->rows[i].value;
        r->ov_class[u->force] = o->rows[i].flag == FS_FLAG_ABOVE   ? OV_ABOVE
                                : o->rows[i].flag == FS_FLAG_BELOW ? OV_BELOW
                                                                   : OV_WITHIN;
    }
    /* A sample's verdict is its interval against England and Wales. */
    if (!(m->have & FS_WANT_COMPARISON) || r->spec->census)
        return;
    for (size_t i = 0; i < m->comparison.nrows; i++) {
        const fs_compare_row_t *c = &m->comparison.rows[i];
        const fs_unit_t *u = &m->desc->units[c->row];
        if (u->kind != FS_UNIT_FORCE || isnan(r->ov_value[u->force]))
            continue;
        r->ov_class[u->force] = c->mark == FS_MARK_HIGHER    ? OV_HIGHER
                                : c->mark == FS_MARK_LOWER   ? OV_LOWER
                                : c->mark == FS_MARK_SIMILAR ? OV_SIMILAR
                                                             : OV_MISSING;
    }
}

void report_write_overview(fs_buf_t *h, const result_t *res, size_t n, int highlight,
                           const char *const *force_pages)
{
    fs_buf_printf(h, "<section id=\"overview\">\n<h2>Every force on every measure</h2>\n"
                   "<p>Each cell is the force's figure, coloured by its place: above, within or "
                   "below the band, or, for a sampled proportion or rate, higher, similar or "
                   "lower than England and Wales (by its confidence interval). Click a heading "
                   "to sort%s.</p>\n<p class=\"legend\"><span class=\"ov above\">above the band, or "
                   "higher</span> <span class=\"ov within\">within, or similar</span> <span "
                   "class=\"ov below\">below, or lower</span> <span class=\"ov missing\">no "
                   "figure</span></p>\n<div class=\"scroll\">\n<table class=\"overview\">\n<thead><tr>"
                   "<th data-k=\"0\" data-t=\"text\">Force</th>",
                  force_pages != NULL ? ", and a force to go to its page" : "");
    for (size_t j = 0; j < n; j++) {
        fs_buf_printf(h, "<th data-k=\"%zu\" title=\"", j + 1);
        fs_html_escape(h, res[j].spec->title);
        fs_buf_puts(h, "\">");
        /* At most 40 bytes, cut between characters (never inside one). */
        char shortened[64];
        size_t len = strlen(res[j].spec->title), cut = fs_utf8_cut(res[j].spec->title, len, 40);
        snprintf(shortened, sizeof shortened, "%.*s%s", (int)cut, res[j].spec->title,
                 cut < len ? "..." : "");
        fs_html_escape(h, shortened);
        fs_buf_puts(h, "</th>");
    }
    fs_buf_puts(h, "</tr></thead>\n<tbody>\n");
    for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
        fs_buf_puts(h, (int)f == highlight ? "<tr class=\"hl\"><td data-v=\"" : "<tr><td data-v=\"");
        fs_html_escape(h, fs_registry_display(f));
        fs_buf_puts(h, "\">");
        if (force_pages != NULL && force_pages[f] != NULL) {
            fs_buf_puts(h, "<a href=\"");
            fs_html_escape(h, force_pages[f]);
            fs_buf_puts(h, "\">");
            fs_html_escape(h, fs_registry_display(f));
            fs_buf_puts(h, "</a>");
        } else {
            fs_html_escape(h, fs_registry_display(f));
        }
        fs_buf_puts(h, "</td>");
        for (size_t j = 0; j < n; j++) {
            const result_t *r = &res[j];
            double v = r->ov_value[f];
            fs_buf_printf(h, "<td class=\"ov %s\" data-v=\"", class_names[r->ov_class[f]]);
            if (!isnan(v))
                fs_buf_number(h, v);
            fs_buf_puts(h, "\">");
            if (!isnan(v))
                report_html_number(h, v, r->style);
            else
                fs_buf_puts(h, "&ndash;");
            fs_buf_puts(h, "</td>");
        }
        fs_buf_puts(h, "</tr>\n");
    }
    /* Sorting in the page itself: numbers by value, missing last. */
    fs_buf_puts(h, "</tbody>\n</table>\n</div>\n<script>\n"
                   "document.querySelectorAll('table.overview th').forEach(function(th){"
                   "th.addEventListener('click',function(){"
                   "var b=th.closest('table').tBodies[0],k=+th.dataset.k,"
                   "up=th.dataset.d!=='a';th.dataset.d=up?'a':'d';"
                   "var rows=Array.prototype.slice.call(b.rows);"
                   "rows.sort(function(x,y){var a=x.cells[k].dataset.v,c=y.cells[k].dataset.v;"
                   "if(k===0)return up?a.localeCompare(c):c.localeCompare(a);"
                   "if(a==='')return c===''?0:1;if(c==='')return -1;"
                   "return up?a-c:c-a;});"
                   "rows.forEach(function(x){b.appendChild(x);});});});\n"
                   "</script>\n</section>\n");
}
