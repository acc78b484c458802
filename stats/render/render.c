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

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int fs_render_middle_decimals(double *x, size_t n, int percent, int cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double a = fabs(percent ? 100.0 * x[i] : x[i]);
        if (isfinite(a) && a > 0.0)
            x[k++] = a;
    }
    if (k == 0)
        return 2;
    /* Three significant digits for the middle value. */
    qsort(x, k, sizeof *x, by_double);
    int d = 2 - (int)floor(log10(x[k / 2]));
    return d < 0 ? 0 : d > cap ? cap : d;
}

int fs_render_decimals(double *x, size_t n, fs_rstyle_t style)
{
    if (style == FS_RS_SIGNED || style == FS_RS_FIXED2)
        return 2;
    return fs_render_middle_decimals(x, n, style == FS_RS_SHARE, 3);
}

void fs_render_fixed(fs_buf_t *out, double x, fs_rstyle_t style, int decimals)
{
    double v = style == FS_RS_SHARE ? 100.0 * x : x;
    if (!isfinite(v) || fabs(v) >= TEXT_EXPONENT_ABOVE) {
        fs_render_number(out, x, style, decimals);
        return;
    }
    char num[64];
    snprintf(num, sizeof num, "%.*f", decimals, fabs(v));
    /* A true minus sign, never "-0.00". */
    int zero = strspn(num, "0.") == strlen(num);
    if (v < 0.0 && !zero)
        fs_buf_puts(out, "\u2212");
    else if (style == FS_RS_SIGNED && v > 0.0 && !zero)
        fs_buf_putc(out, '+');
    fs_buf_puts(out, num);
    if (style == FS_RS_SHARE)
        fs_buf_putc(out, '%');
}

/* The decimals of each numeric column of the rows shown (-1: as text). */
static void html_decimals(const fs_rtable_t *t, const size_t *order, size_t rows, double *x,
                          int *decimals)
{
    for (size_t c = 0; c < t->ncols; c++) {
        const fs_rcol_t *col = &t->cols[c];
        decimals[c] = -1;
        if (col->type == FS_RT_TEXT || col->style == FS_RS_DIGITS)
            continue;
        if (col->fixed_decimals > 0) {
            decimals[c] = col->fixed_decimals - 1;
            continue;
        }
        for (size_t r = 0; r < rows; r++)
            x[r] = cell(t, order ? order[r] : r, c)->number;
        decimals[c] = fs_render_decimals(x, rows, col->style);
    }
}

static void html_head(fs_buf_t *out, const fs_rtable_t *t, const char *caption)
{
    fs_buf_puts(out, "<table class=\"stack\">\n");
    if (caption != NULL) {
        fs_buf_puts(out, "<caption>");
        fs_html_escape(out, caption);
        fs_buf_puts(out, "</caption>\n");
    }
    fs_buf_puts(out, "<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        const fs_rcol_t *col = &t->cols[c];
        if (col->heading == NULL)
            continue;
        fs_buf_puts(out, col->type == FS_RT_TEXT ? "<th scope=\"col\">"
                                                 : "<th scope=\"col\" class=\"num\">");
        fs_html_escape(out, col->heading);
        fs_buf_puts(out, "</th>");
    }
    fs_buf_puts(out, "</tr></thead>\n<tbody>\n");
}

/* One cell: the first column is the row's heading; data-label names the
 * column where a phone stacks the table. */
static void html_cell(fs_buf_t *out, const fs_rcol_t *col, const fs_rcell_t *v, int first,
                      int decimals)
{
    fs_buf_puts(out, first ? "<th scope=\"row\"" : "<td");
    if (col->type != FS_RT_TEXT)
        fs_buf_puts(out, " class=\"num\"");
    fs_buf_puts(out, " data-label=\"");
    fs_html_escape(out, col->heading);
    fs_buf_puts(out, "\">");
    if (col->type == FS_RT_TEXT) {
        fs_html_escape(out, v->text ? v->text : "");
    } else if (!(col->optional && missing(col, v))) {
        fs_buf_t num;
        fs_buf_init(&num);
        if (isnan(v->number))
            fs_buf_puts(&num, "\u2013"); /* an en dash: no figure */
        else if (decimals >= 0)
            fs_render_fixed(&num, v->number, col->style, decimals);
        else
            fs_render_number(&num, v->number, col->style, col->digits);
        if (fs_buf_status(&num) != FS_OK)
            out->failed = 1;
        fs_html_escape(out, num.data ? num.data : "");
        fs_buf_free(&num);
    }
    fs_buf_puts(out, first ? "</th>" : "</td>");
}

void fs_render_html(fs_buf_t *out, const fs_rtable_t *t, const size_t *order, size_t n,
                    const char *const *row_class, const char *caption)
{
    size_t rows = order ? n : t->nrows;
    int *decimals = malloc((t->ncols ? t->ncols : 1) * sizeof *decimals);
    double *x = malloc((rows ? rows : 1) * sizeof *x);
    if (decimals == NULL || x == NULL) {
        free(decimals);
        free(x);
        out->failed = 1;
        return;
    }
    html_decimals(t, order, rows, x, decimals);
    free(x);
    html_head(out, t, caption);
    for (size_t r = 0; r < rows; r++) {
        size_t row = order ? order[r] : r;
        if (row_class != NULL && row_class[r] != NULL) {
            fs_buf_puts(out, "<tr class=\"");
            fs_html_escape(out, row_class[r]);
            fs_buf_puts(out, "\">");
        } else {
            fs_buf_puts(out, "<tr>");
        }
        int first = 1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (t->cols[c].heading == NULL)
                continue;
            html_cell(out, &t->cols[c], cell(t, row, c), first, decimals[c]);
            first = 0;
        }
        fs_buf_puts(out, "</tr>\n");
    }
    fs_buf_puts(out, "</tbody>\n</table>\n");
    free(decimals);
}
