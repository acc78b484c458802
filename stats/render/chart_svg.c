/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_svg.c: an SVG chart's role, description and marks (chart_svg.h). */
#include "render/chart_svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/number.h"
#include "render/render.h"

void fs_svg_mark(fs_buf_t *marks, double x, double y, double base, const char *title)
{
    fs_buf_number(marks, x);
    fs_buf_putc(marks, '\t');
    fs_buf_number(marks, y);
    fs_buf_putc(marks, '\t');
    if (isnan(base))
        fs_buf_puts(marks, "NaN");
    else
        fs_buf_number(marks, base);
    fs_buf_putc(marks, '\t');
    /* A title is one field: no tab or line break inside it. */
    for (const char *p = title; *p; p++)
        fs_buf_putc(marks, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
    fs_buf_putc(marks, '\n');
}

void fs_svg_figure(fs_buf_t *out, double x, int percent)
{
    if (isnan(x)) {
        fs_buf_puts(out, "no data");
        return;
    }
    fs_render_number(out, percent ? 100 * x : x, FS_RS_DIGITS, 4);
    if (percent)
        fs_buf_putc(out, '%');
}

int fs_svg_decimals(double *x, size_t n, int percent)
{
    /* fs_render_decimals' rule (three significant digits of the middle
     * magnitude, of a percentage for a share), which the tables and pages
     * use, without its cap of 3 decimals: a chart of small figures (a
     * fraction's 0.00377) keeps its digits; at most 6. */
    return fs_render_middle_decimals(x, n, percent, 6);
}

void fs_svg_figure_fixed(fs_buf_t *out, double x, int percent, int decimals)
{
    if (isnan(x))
        fs_buf_puts(out, "no data");
    else
        fs_render_fixed(out, x, percent ? FS_RS_SHARE : FS_RS_HUMAN, decimals);
}

/* The next number of a line of text at *p (fields split by blanks or
 * tabs), moving *p past it; NaN when there is none. */
static double next_number(const char **p)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == ',')
        s++;
    size_t n = strcspn(s, " \t,\n\"");
    double v = NAN;
    const char *why = NULL;
    if (n == 0 || fs_parse_number(s, n, &v, &why) != FS_FIELD_NUMBER)
        v = NAN;
    *p = s + n;
    return v;
}

/* The plot area in pixels, x and y's ranges, and whether x and y are
 * logarithmic. */
typedef struct svg_map {
    double px0, px1, py0, py1, x0, x1, y0, y1;
    int log_x, log_y;
    double height; /* the picture's, from its viewBox */
} svg_map_t;

/* Nine numbers, and a tenth, whether y is logarithmic, from the charts
 * that may draw it so (none: linear). */
static int map_read(const char *text, svg_map_t *m)
{
    const char *p = text;
    double v[10];
    for (int i = 0; i < 9; i++)
        if (isnan(v[i] = next_number(&p)))
            return -1;
    v[9] = next_number(&p);
    m->px0 = v[0], m->px1 = v[1], m->py0 = v[2], m->py1 = v[3];
    m->x0 = v[4], m->x1 = v[5], m->y0 = v[6], m->y1 = v[7];
    m->log_x = v[8] != 0;
    m->log_y = !isnan(v[9]) && v[9] != 0;
    if (m->log_x && !(m->x0 > 0 && m->x1 > 0))
        return -1;
    if (m->log_y && !(m->y0 > 0 && m->y1 > 0))
        return -1;
    return m->x1 != m->x0 && m->y1 != m->y0 ? 0 : -1;
}

static double px_x(const svg_map_t *m, double x)
{
    double t = m->log_x ? log(x / m->x0) / log(m->x1 / m->x0) : (x - m->x0) / (m->x1 - m->x0);
    return m->px0 + t * (m->px1 - m->px0);
}

/* gnuplot counts y up from the bottom, SVG down from the top; a value off
 * the scale is placed at the plot's edge. */
static double px_y(const svg_map_t *m, double y)
{
    double lo = fmin(m->y0, m->y1), hi = fmax(m->y0, m->y1);
    y = y < lo ? lo : y > hi ? hi : y;
    double t = m->log_y ? log(y / m->y0) / log(m->y1 / m->y0) : (y - m->y0) / (m->y1 - m->y0);
    return m->height - (m->py0 + t * (m->py1 - m->py0));
}

/* A pixel coordinate to two decimals, whatever the locale. */
static void put_px(fs_buf_t *out, double v)
{
    long c = lround(v * 100);
    fs_buf_printf(out, "%s%ld.%02ld", c < 0 ? "-" : "", labs(c) / 100, labs(c) % 100);
}

/* One mark's transparent shape with its title. */
static void put_mark(fs_buf_t *out, const svg_map_t *m, double x, double y, double base,
                     const char *title, size_t title_len)
{
    if (isnan(x) || isnan(y) || (m->log_x && !(x > 0)) || (m->log_y && !(y > 0)))
        return;
    if (isnan(base)) {
        fs_buf_puts(out, "<circle cx='");
        put_px(out, px_x(m, x));
        fs_buf_puts(out, "' cy='");
        put_px(out, px_y(m, y));
        fs_buf_puts(out, "' r='7'");
    } else {
        /* A bar is 0.75 of a step wide (plots/bar.gp). */
        double left = px_x(m, x - 0.375), right = px_x(m, x + 0.375);
        double top = fmin(px_y(m, y), px_y(m, base)), bottom = fmax(px_y(m, y), px_y(m, base));
        fs_buf_puts(out, "<rect x='");
        put_px(out, left);
        fs_buf_puts(out, "' y='");
        put_px(out, top);
        fs_buf_puts(out, "' width='");
        put_px(out, fmax(right - left, 1));
        fs_buf_puts(out, "' height='");
        put_px(out, fmax(bottom - top, 1));
        fs_buf_puts(out, "'");
    }
    fs_buf_puts(out, " fill='#000000' fill-opacity='0'><title>");
    char text[512];
    snprintf(text, sizeof text, "%.*s", (int)(title_len < 511 ? title_len : 511), title);
    fs_html_escape(out, text);
    fs_buf_puts(out, "</title></");
    fs_buf_puts(out, isnan(base) ? "circle>\n" : "rect>\n");
}

static void put_marks(fs_buf_t *out, const svg_map_t *m, const char *marks)
{
    fs_buf_puts(out, "<g id='forcestat-marks'>\n");
    for (const char *line = marks; line && *line;) {
        const char *end = strchr(line, '\n');
        const char *p = line;
        double x = next_number(&p), y = next_number(&p), base = next_number(&p);
        p += *p == '\t';
        size_t title_len = (size_t)((end ? end : p + strlen(p)) - p);
        put_mark(out, m, x, y, base, p, title_len);
        line = end ? end + 1 : NULL;
    }
    fs_buf_puts(out, "</g>\n");
}

/* The height of the picture from the root's viewBox ("0 0 W H"). */
static double view_height(const char *svg, size_t root_end)
{
    const char *vb = strstr(svg, "viewBox=\"");
    if (vb == NULL || (size_t)(vb - svg) > root_end)
        return NAN;
    const char *p = vb + 9;
    next_number(&p);
    next_number(&p);
    next_number(&p);
    return next_number(&p);
}

int fs_svg_annotate(fs_buf_t *out, const char *svg, size_t len, const char *map, const char *marks,
                    const char *desc)
{
    const char *root = strstr(svg, "<svg");
    const char *root_end = root ? strchr(root, '>') : NULL;
    if (root_end == NULL || (size_t)(root_end - svg) >= len) {
        fs_buf_append(out, svg, len);
        return -1;
    }
    fs_buf_append(out, svg, (size_t)(root_end - svg));
    fs_buf_puts(out, " role=\"img\">");
    const char *rest = root_end + 1;
    const char *gdesc = strstr(rest, "<desc>");
    const char *gdesc_end = gdesc ? strstr(gdesc, "</desc>") : NULL;
    if (desc != NULL && gdesc_end != NULL) {
        fs_buf_append(out, rest, (size_t)(gdesc - rest));
        fs_buf_puts(out, "<desc>");
        fs_html_escape(out, desc);
        rest = gdesc_end;
    }
    const char *close = NULL;
    for (const char *q = strstr(rest, "</svg>"); q; q = strstr(q + 1, "</svg>"))
        close = q;
    svg_map_t m;
    int placed = close != NULL && marks != NULL && map != NULL && map_read(map, &m) == 0;
    if (placed && isnan(m.height = view_height(svg, (size_t)(root_end - svg))))
        placed = 0;
    if (!placed) {
        fs_buf_append(out, rest, len - (size_t)(rest - svg));
        return 0;
    }
    fs_buf_append(out, rest, (size_t)(close - rest));
    put_marks(out, &m, marks);
    fs_buf_append(out, close, len - (size_t)(close - svg));
    return 0;
}

/* The length of gnuplot's generic title of a plot at s,
 * "<title>gnuplot_plot_" digits, a letter or none, "</title>", or 0. */
static size_t plot_title_len(const char *s, const char *end)
{
    static const char open[] = "<title>gnuplot_plot_", close[] = "</title>";
    size_t n = sizeof open - 1;
    if ((size_t)(end - s) < n || memcmp(s, open, n) != 0)
        return 0;
    size_t digits = 0;
    while (s + n < end && s[n] >= '0' && s[n] <= '9')
        n++, digits++;
    if (s + n < end && s[n] >= 'a' && s[n] <= 'z')
        n++;
    if (digits == 0 || (size_t)(end - s) - n < sizeof close - 1 ||
        memcmp(s + n, close, sizeof close - 1) != 0)
        return 0;
    return n + sizeof close - 1;
}

/* Whether s starts a symbol of gnuplot's point types in its <defs> drawn
 * there (a path, rect or circle named gpPt...; a <use> of one is scaled
 * with it). */
static size_t point_def_len(const char *s, const char *end)
{
    static const char *const tags[] = {"<path id='gpPt", "<rect id='gpPt", "<circle id='gpPt"};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
        size_t n = strlen(tags[i]);
        if ((size_t)(end - s) >= n && memcmp(s, tags[i], n) == 0)
            return strcspn(tags[i], " ");
    }
    return 0;
}

void fs_svg_gnuplot_tidy(fs_buf_t *out, const char *svg, size_t len)
{
    const char *end = svg + len, *p = svg, *from = svg;
    const char *defs = strstr(svg, "<defs>");
    const char *defs_end = defs ? strstr(defs, "</defs>") : NULL;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (lt == NULL)
            break;
        size_t n = plot_title_len(lt, end);
        size_t tag = defs_end != NULL && lt > defs && lt < defs_end ? point_def_len(lt, end) : 0;
        if (n > 0) {
            fs_buf_append(out, from, (size_t)(lt - from));
            from = p = lt + n;
        } else if (tag > 0) {
            fs_buf_append(out, from, (size_t)(lt - from) + tag);
            fs_buf_printf(out, " transform='scale(%s)'", FS_SVG_POINT_SCALE);
            from = p = lt + tag;
        } else {
            p = lt + 1;
        }
    }
    fs_buf_append(out, from, (size_t)(end - from));
}
