/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render.c: result tables rendered as CSV, JSON, text and HTML (render.h). */
#include "render/render.h"
#include "render/safetext.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fs_status_t fs_rtable_init(fs_rtable_t *t, const fs_rcol_t *cols, size_t ncols, size_t nrows,
                           fs_error_t *err)
{
    t->cols = cols;
    t->ncols = ncols;
    t->nrows = nrows;
    t->csv_raw = 0;
    size_t n = nrows * ncols;
    t->cells = malloc((n ? n : 1) * sizeof *t->cells);
    if (t->cells == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        t->cells[i].text = NULL;
        t->cells[i].number = NAN;
    }
    return FS_OK;
}

void fs_rtable_free(fs_rtable_t *t)
{
    free(t->cells);
    t->cells = NULL;
    t->nrows = 0;
}

static const fs_rcell_t *cell(const fs_rtable_t *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

static int missing(const fs_rcol_t *c, const fs_rcell_t *v)
{
    return c->type == FS_RT_TEXT ? v->text == NULL : isnan(v->number);
}

/* ---- CSV ---- */

void fs_render_csv_header(fs_buf_t *out, const fs_rtable_t *t)
{
    int first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->cols[c].json_only)
            continue;
        if (!first)
            fs_buf_putc(out, ',');
        first = 0;
        fs_csv_text(out, t->cols[c].key, t->csv_raw);
    }
    fs_buf_putc(out, '\n');
}

/* A number as the file wrote it when that text is a plain decimal (it
 * parsed to exactly this double, so it reads back exactly), else in its
 * shortest form: saves a conversion per cell of large tables. */
static void put_source(fs_buf_t *out, const char *text, double value)
{
    if (isnan(value))
        return;
    size_t n = text ? strlen(text) : 0;
    int plain = n > 0 && n < 40;
    for (size_t i = 0; plain && i < n; i++) {
        char c = text[i];
        plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }
    if (plain)
        fs_buf_append(out, text, n);
    else
        fs_csv_number(out, value);
}

void fs_render_csv_rows(fs_buf_t *out, const fs_rtable_t *t)
{
    /* A column often repeats one number on every row (a band's lines):
     * each column's last number is formatted once. */
    typedef struct last {
        double x;
        int set;
        char text[40];
    } last_t;
    last_t *last = calloc(t->ncols ? t->ncols : 1, sizeof *last);
    if (last == NULL) {
        out->failed = 1;
        return;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        int first = 1;
        for (size_t c = 0; c < t->ncols; c++) {
            const fs_rcol_t *col = &t->cols[c];
            const fs_rcell_t *v = cell(t, r, c);
            if (col->json_only)
                continue;
            if (!first)
                fs_buf_putc(out, ',');
            first = 0;
            if (col->type == FS_RT_TEXT) {
                fs_csv_text(out, v->text ? v->text : "", t->csv_raw);
            } else if (col->type == FS_RT_SOURCE) {
                put_source(out, v->text, v->number);
            } else if (last[c].set && memcmp(&last[c].x, &v->number, sizeof v->number) == 0) {
                fs_buf_puts(out, last[c].text);
            } else {
                /* Formatted straight into out, then remembered. */
                size_t from = out->len;
                fs_csv_number(out, v->number);
                size_t n = out->len - from;
                if (fs_buf_status(out) == FS_OK && n < sizeof last[c].text) {
                    if (n > 0)
                        memcpy(last[c].text, out->data + from, n);
                    last[c].text[n] = '\0';
                    last[c].x = v->number;
                    last[c].set = 1;
                }
            }
        }
        fs_buf_putc(out, '\n');
    }
    free(last);
}

/* ---- JSON ---- */

void fs_render_json_row(fs_buf_t *out, const fs_rtable_t *t, size_t r)
{
    fs_buf_putc(out, '{');
    int first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        const fs_rcol_t *col = &t->cols[c];
        if (col->csv_only)
            continue;
        const fs_rcell_t *v = cell(t, r, c);
        fs_buf_puts(out, first ? "" : ", ");
        first = 0;
        fs_json_string(out, col->json_key ? col->json_key : col->key);
        fs_buf_puts(out, ": ");
        if (col->type != FS_RT_TEXT)
            fs_json_number(out, v->number);
        else if (v->text != NULL)
            fs_json_string(out, v->text);
        else
            fs_buf_puts(out, "null");
    }
    fs_buf_putc(out, '}');
}

void fs_render_json_rows(fs_buf_t *out, const fs_rtable_t *t, const char *row_indent,
                         const char *end_indent)
{
    fs_buf_putc(out, '[');
    for (size_t r = 0; r < t->nrows; r++) {
        fs_buf_printf(out, "%s\n%s", r ? "," : "", row_indent);
        fs_render_json_row(out, t, r);
    }
    fs_buf_printf(out, "\n%s]", end_indent);
}

/* ---- text ---- */

/* Text rounds for people: a magnitude from 1e15 up (where the fixed
 * forms would print up to 309 digits, most of them noise) or, in the
 * fixed form of rates, a non-zero one under 1e-15 (which would print as
 * 0.00) is shown with an exponent, to 4 significant digits.  CSV and JSON
 * keep their exact shortest forms. */
#define TEXT_EXPONENT_ABOVE 1e15
#define TEXT_EXPONENT_BELOW 1e-15

/* A number as the text table shows it, into buf. */
static void number_text(char *buf, size_t size, double x, fs_rstyle_t style, int digits)
{
    if (isnan(x)) {
        snprintf(buf, size, "-");
        return;
    }
    double mag = fabs(style == FS_RS_SHARE ? 100.0 * x : x); /* points: at most 100 */
    if (style != FS_RS_DIGITS && isfinite(x) &&
        (mag >= TEXT_EXPONENT_ABOVE ||
         (style == FS_RS_FIXED2 && mag > 0.0 && mag < TEXT_EXPONENT_BELOW))) {
        if (style == FS_RS_SHARE)
            snprintf(buf, size, "%.3e%%", 100.0 * x);
        else
            snprintf(buf, size, style == FS_RS_SIGNED ? "%+.3e" : "%.3e", x);
        return;
    }
    switch (style) {
    case FS_RS_SIGNED: snprintf(buf, size, "%+.2f", x); break;
    case FS_RS_DIGITS: snprintf(buf, size, "%.*g", digits, x); break;
    case FS_RS_SHARE:
        snprintf(buf, size, 100.0 * x < 1.0 ? "%.3f%%" : "%.1f%%", 100.0 * x);
        break;
    case FS_RS_FIXED2: snprintf(buf, size, "%.2f", x); break;
    case FS_RS_POINTS: snprintf(buf, size, "%+.2f", 100.0 * x); break;
    case FS_RS_HUMAN:
        if (fabs(x) >= 1000)
            snprintf(buf, size, "%.0f", x);
        else if (fabs(x) >= 10)
            snprintf(buf, size, "%.2f", x);
        else
            snprintf(buf, size, "%.4g", x);
        break;
    }
}

void fs_render_number(fs_buf_t *out, double x, fs_rstyle_t style, int digits)
{
    char buf[400];
    number_text(buf, sizeof buf, x, style, digits);
    fs_buf_puts(out, buf);
}

/* One cell padded to its column's width (and cut at its max, between
 * characters). */
static void put_padded(fs_buf_t *out, const fs_rcol_t *col, const char *s)
{
    size_t len = strlen(s);
    if (col->max > 0 && len > (size_t)col->max)
        len = fs_utf8_cut(s, len, (size_t)col->max);
    size_t width = (size_t)(col->width < 0 ? -col->width : col->width);
    size_t pad = width > len ? width - len : 0;
    if (col->width > 0)
        for (size_t i = 0; i < pad; i++)
            fs_buf_putc(out, ' ');
    fs_buf_append(out, s, len);
    if (col->width < 0)
        for (size_t i = 0; i < pad; i++)
            fs_buf_putc(out, ' ');
}

static void text_line(fs_buf_t *out, const fs_rtable_t *t, const char *indent, size_t row,
                      int heading)
{
    fs_buf_puts(out, indent);
    int first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        const fs_rcol_t *col = &t->cols[c];
        if (col->heading == NULL || (heading && col->optional))
            continue;
        const fs_rcell_t *v = heading ? NULL : cell(t, row, c);
        if (!heading && col->optional) {
            size_t ctl = col->follows > 0 ? (size_t)col->follows - 1 : c;
            if (missing(&t->cols[ctl], cell(t, row, ctl)))
                continue;
        }
        fs_buf_puts(out, col->before ? col->before : (first ? "" : " "));
        first = 0;
        if (heading) {
            put_padded(out, col, col->heading);
        } else if (col->type == FS_RT_TEXT) {
            put_padded(out, col, v->text ? v->text : "");
        } else {
            char num[400];
            number_text(num, sizeof num, v->number, col->style, col->digits);
            put_padded(out, col, num);
        }
        if (col->after && !heading)
            fs_buf_puts(out, col->after);
    }
    fs_buf_putc(out, '\n');
}

void fs_render_text(fs_buf_t *out, const fs_rtable_t *t, const char *indent, const size_t *order)
{
    text_line(out, t, indent, 0, 1);
    for (size_t r = 0; r < t->nrows; r++)
        text_line(out, t, indent, order ? order[r] : r, 0);
}

/* ---- HTML ---- */

void fs_html_escape(fs_buf_t *out, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        const char *as = NULL;
        size_t k = 1;
        switch (s[i]) {
        case '&': as = "&amp;"; break;
        case '<': as = "&lt;"; break;
        case '>': as = "&gt;"; break;
        case '"': as = "&quot;"; break;
        case '\'': as = "&#39;"; break;
        default: {
            /* Valid UTF-8 whatever the text: a byte that is not part of a
             * character, or a control character, is U+FFFD. */
            int ok;
            k = fs_markup_char(s + i, n - i, &ok);
            if (!ok)
                as = "\xEF\xBF\xBD";
        }
        }
        if (as != NULL)
            fs_buf_puts(out, as);
        else
            fs_buf_append(out, s + i, k);
        i += k;
    }
}

void fs_render_html(fs_buf_t *out, const fs_rtable_t *t, const size_t *order, size_t n,
                    const char *const *row_class)
{
    fs_buf_puts(out, "<table>\n<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        const fs_rcol_t *col = &t->cols[c];
        if (col->heading == NULL)
            continue;
        fs_buf_puts(out, col->type == FS_RT_TEXT ? "<th>" : "<th class=\"num\">");
        fs_html_escape(out, col->heading);
        fs_buf_puts(out, "</th>");
    }
    fs_buf_puts(out, "</tr></thead>\n<tbody>\n");
    size_t rows = order ? n : t->nrows;
    for (size_t r = 0; r < rows; r++) {
        size_t row = order ? order[r] : r;
        if (row_class != NULL && row_class[r] != NULL) {
            fs_buf_puts(out, "<tr class=\"");
            fs_html_escape(out, row_class[r]);
            fs_buf_puts(out, "\">");
        } else {
            fs_buf_puts(out, "<tr>");
        }
        for (size_t c = 0; c < t->ncols; c++) {
            const fs_rcol_t *col = &t->cols[c];
            const fs_rcell_t *v = cell(t, row, c);
            if (col->heading == NULL)
                continue;
            if (col->type == FS_RT_TEXT) {
                fs_buf_puts(out, "<td>");
                fs_html_escape(out, v->text ? v->text : "");
            } else {
                fs_buf_puts(out, "<td class=\"num\">");
                if (!(col->optional && missing(col, v))) {
                    char num[400];
                    number_text(num, sizeof num, v->number, col->style, col->digits);
                    fs_html_escape(out, num);
                }
            }
            fs_buf_puts(out, "</td>");
        }
        fs_buf_puts(out, "</tr>\n");
    }
    fs_buf_puts(out, "</tbody>\n</table>\n");
}
