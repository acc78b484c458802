/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_labels.h: where a chart's names go so that none crosses a line or
 * a marker.  Everything is in the plot's pixels (x right, y up, the plot
 * from (0, 0) to (width, height)), the space the curves, the markers and
 * the labels' boxes share: a label's box is estimated from its font size
 * and its number of characters (fs_label_text_size).
 *
 * Each label is tried, in the order given, at the eight spots around its
 * marker, then further out on rings joined to the marker by a leader
 * line, then anywhere in the plot (the spot nearest its marker whose
 * leader crosses fewest curves, then fewest markers and names); when
 * that leader crosses a marker but no curve, on a leader bent once, its
 * elbow on rings round the marker reached crossing nothing, the name on
 * rings round the elbow, then anywhere in the plot.  A spot is taken only
 * when its box lies inside the plot and crosses no curve, no marker, no
 * label placed before and no leader line drawn before, keeping the
 * scene's room (gap) from the curves, the axes and other markers; a
 * leader running along a curve within that room counts as crossing it.
 * Deterministic: the same scene gives the same places. */
#ifndef FORCESTAT_CHART_LABELS_H
#define FORCESTAT_CHART_LABELS_H

#include <stddef.h>

#include "forcestat/status.h"

/* A polyline (a limit curve, a target line), x increasing; points with
 * a coordinate that is not finite break it. */
typedef struct fs_label_curve {
    const double *x, *y;
    size_t n;
} fs_label_curve_t;

/* A marker: its centre and half its size. */
typedef struct fs_label_marker {
    double x, y, r;
} fs_label_marker_t;

/* A box: left, bottom, right, top. */
typedef struct fs_label_box {
    double x0, y0, x1, y1;
} fs_label_box_t;

typedef struct fs_label_scene {
    double width, height; /* the plot: every box stays inside it */
    const fs_label_curve_t *curves;
    size_t ncurves;
    const fs_label_marker_t *markers;
    size_t nmarkers;
    /* The room (pixels) a box keeps from every curve and from the plot's
     * left and bottom edges (its axes), and a quarter of it from every
     * marker but its own, so that no name sits on a line or touches a
     * marker (fs_label_gap); 0: none. */
    double gap;
} fs_label_scene_t;

/* A label to place: the marker it names and its box's size. */
typedef struct fs_label_request {
    size_t marker;
    double width, height;
} fs_label_request_t;

/* Where a label went: its box, and when it stands away from its marker
 * the leader line from the marker's edge (lx0, ly0) to the box (lx1,
 * ly1), else leader 0.  clear is 1 when the box crosses nothing (0 only
 * when no spot in the plot was free); curve_crossings counts the curves'
 * segments the leader crosses (between the marker's centre and its edge
 * too: a name across a curve from its point), marker_crossings the other
 * markers it crosses or touches, crossings the names and leaders.  A
 * leader crossing a curve is avoided before anything else, then one
 * crossing a marker (neither is taken when a spot without exists), then
 * one crossing a name or leader, then a long one. */
typedef struct fs_label_place {
    fs_label_box_t box;
    int leader, clear;
    double lx0, ly0, lx1, ly1;
    size_t curve_crossings, crossings, marker_crossings;
    /* bent: the leader turns once, at (bx, by) (else NaN): from (lx0,
     * ly0) to there, then on to the box at (lx1, ly1); taken only where
     * the best straight leader crosses a marker (and no curve) and the
     * bent one is cheaper (its first leg crosses nothing; the crossings
     * above are its second leg's, which counts its own marker too). */
    int bent;
    double bx, by;
} fs_label_place_t;

/* The points of the names a chart places: the charts' normal text size
 * (the terminal's font, plots/common.gp's "Sans,10", which the tick
 * labels and the key use too), times a narrow chart's fontscale. */
#define FS_LABEL_POINTS 10.0

/* The size in pixels of a box round `chars` characters of a font of
 * `points` points, with a little room each side: an upper estimate for
 * the charts' sans-serif font. */
void fs_label_text_size(size_t chars, double points, double *width, double *height);

/* The width in pixels of the text s as the charts' sans-serif font (DejaVu
 * Sans) draws it at `points` points: the sum of its characters' advance
 * widths (a character outside ASCII counts 0.62 em).  Where an axis ends
 * just past a name (the funnels' x axes), not the box a name is placed
 * in, which fs_label_text_size makes larger. */
double fs_label_text_width(const char *s, double points);

/* The room a name in a font of `points` points keeps from lines and
 * markers (fs_label_scene_t's gap): 0.4 em, in pixels. */
double fs_label_gap(double points);

/* Whether a box meets the curve (a segment crossing it or inside it). */
int fs_label_box_crosses_curve(const fs_label_box_t *b, const fs_label_curve_t *c);

/* Whether a box meets a marker's square. */
int fs_label_box_hits_marker(const fs_label_box_t *b, const fs_label_marker_t *m);

/* How many segments of the curve the segment (x0, y0)-(x1, y1) crosses. */
size_t fs_label_segment_crossings(double x0, double y0, double x1, double y1,
                                  const fs_label_curve_t *c);

/* Places n labels (requests in the order to place them) into out[n].
 * FS_EINVAL when a request names no marker of the scene or has no size,
 * or the plot has no size; FS_ENOMEM without memory; nothing is placed
 * then. */
fs_status_t fs_labels_place(const fs_label_scene_t *scene, const fs_label_request_t *req, size_t n,
                            fs_label_place_t *out, fs_error_t *err);

#endif
