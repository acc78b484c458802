/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_svg.h (internal): what an SVG chart says beyond gnuplot's
 * drawing.  The root gets role="img" and a <desc> stating the chart's
 * finding (not "Produced by GNUPLOT"), and each force's mark (a bar, a
 * point) a transparent shape over it whose <title> names the force and its
 * value, so hovering shows them without JavaScript.
 *
 * The marks are placed from gnuplot's own mapping: after plotting, an SVG
 * chart's script prints the plot area in pixels and the axes' ranges
 * (GPVAL_TERM_XMIN ... GPVAL_Y_MAX, whether x is logarithmic and, on the
 * charts that may draw y so, whether y is) into a scratch file, the "map"
 * read here. */
#ifndef FORCESTAT_CHART_SVG_H
#define FORCESTAT_CHART_SVG_H

#include <stddef.h>

#include "render/emit.h"

/* Adds one mark to marks (a list in a buffer): a bar from base to y, or a
 * point at y when base is NaN, at x, in data units; its title, text. */
void fs_svg_mark(fs_buf_t *marks, double x, double y, double base, const char *title);

/* A figure as the marks' titles and the <desc> say it: 4 significant
 * digits (locale-independent), a percentage when percent. */
void fs_svg_figure(fs_buf_t *out, double x, int percent);

/* The decimals of a measure's figures x[0..n-1] (NaN skipped) as its
 * tables print them (fs_render_decimals: three significant digits of the
 * middle one, of a percentage when percent; up to 6, not 3), and a figure
 * with them: the words a chart writes of a value (its subtitle, its
 * marks' titles).  x is overwritten (its magnitudes, sorted); nothing is
 * allocated. */
int fs_svg_decimals(double *x, size_t n, int percent);
void fs_svg_figure_fixed(fs_buf_t *out, double x, int percent, int decimals);

/* Writes svg (len bytes) into out with role="img", desc (escaped) as its
 * <desc>, and the marks placed by map (the text the chart's script
 * printed; NULL or unreadable: no marks).  desc may be NULL (gnuplot's
 * left as it is).  Returns 0, or -1 when svg has no root element (then out
 * is svg unchanged). */
int fs_svg_annotate(fs_buf_t *out, const char *svg, size_t len, const char *map, const char *marks,
                    const char *desc);

/* Writes gnuplot's svg (len bytes) into out without what gnuplot puts
 * in every SVG that a reader should not meet, and drawn as the PNG is:
 * no generic plot titles ("<title>gnuplot_plot_1</title>", which a
 * browser shows on hover and a screen reader reads; forcestat's own
 * marks' titles stay), and its point symbols (the <defs> gnuplot draws
 * each point type from) scaled by FS_SVG_POINT_SCALE, the ratio of a
 * pngcairo point to an svg one of the same size (about 6.1 against 8.5
 * pixels a unit of ps, measured in rendered pictures), so a marker is
 * the PNG's size. */
#define FS_SVG_POINT_SCALE "0.72"
void fs_svg_gnuplot_tidy(fs_buf_t *out, const char *svg, size_t len);

#endif
