/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_labels.c: names placed where they cross no line, marker or other
 * name (chart_labels.h).  A greedy search, as cartographers' point
 * labelling does it: the spots around the point first, then further out
 * with a leader line; each name placed is an obstacle for the next. */
#include "render/chart_labels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

void fs_label_text_size(size_t chars, double points, double *width, double *height)
{
    /* A point is 4/3 of a pixel at the terminals' 96 dots an inch; a
     * character of DejaVu Sans averages under 0.62 of the font's em, a
     * line is 1.2 em.  Two pixels of room each side. */
    double em = points * 4.0 / 3.0;
    *width = 0.62 * em * (double)chars + 4.0;
    *height = 1.2 * em + 4.0;
}

double fs_label_text_width(const char *s, double points)
{
    /* DejaVu Sans's advance widths, in 2048ths of an em, from ' ' (32)
     * to '~' (126). */
    static const short advance[95] = {
        651,  821,  942,  1716, 1303, 1946, 1597, 563,  799,  799,  1024, 1716, 651,  739,
        651,  690,  1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690,  690,
        1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604,
        604,  1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025,
        1403, 1251, 1403, 799,  690,  799,  1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260,
        721,  1300, 1298, 569,  569,  1186, 569,  1995, 1298, 1253, 1300, 1300, 842,  1067,
        803,  1298, 1212, 1675, 1212, 1212, 1075, 1303, 690,  1303, 1716};
    double units = 0.0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c >= 32 && *c <= 126)
            units += advance[*c - 32];
        else if ((*c & 0xC0) != 0x80) /* a character's first byte */
            units += 0.62 * 2048.0;
    }
    return units / 2048.0 * points * 4.0 / 3.0;
}

double fs_label_gap(double points)
{
    /* Less than half a line: a name clear of a line by less reads as
     * standing on it (issue 29: "City of London" over the target line). */
    return 0.4 * points * 4.0 / 3.0;
}

/* Liang-Barsky: whether the segment p-q meets the box (inside or across). */
static int segment_meets_box(double px, double py, double qx, double qy, const fs_label_box_t *b)
{
    double dx = qx - px, dy = qy - py;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {px - b->x0, b->x1 - px, py - b->y0, b->y1 - py};
    double t0 = 0.0, t1 = 1.0;
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0.0) {
            if (q[k] < 0.0)
                return 0; /* parallel to this edge and outside it */
            continue;
        }
        double t = q[k] / p[k];
        if (p[k] < 0.0)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 > t1)
            return 0;
    }
    return 1;
}

static int finite_point(const fs_label_curve_t *c, size_t i)
{
    return isfinite(c->x[i]) && isfinite(c->y[i]);
}

/* The first segment of the curve that can reach x (the last point at or
 * left of x, or 0). */
static size_t first_segment(const fs_label_curve_t *c, double x)
{
    size_t lo = 0, hi = c->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->x[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int fs_label_box_crosses_curve(const fs_label_box_t *b, const fs_label_curve_t *c)
{
    if (c->n == 0)
        return 0;
    for (size_t i = first_segment(c, b->x0); i < c->n; i++) {
        if (i > 0 && c->x[i - 1] > b->x1)
            break;
        if (!finite_point(c, i))
            continue;
        if (c->n == 1 || i + 1 == c->n || !finite_point(c, i + 1)) {
            if (segment_meets_box(c->x[i], c->y[i], c->x[i], c->y[i], b))
                return 1;
            continue;
        }
        /* Wholly above or below the box: it cannot meet it. */
        if (fmin(c->y[i], c->y[i + 1]) > b->y1 || fmax(c->y[i], c->y[i + 1]) < b->y0)
            continue;
        if (segment_meets_box(c->x[i], c->y[i], c->x[i + 1], c->y[i + 1], b))
            return 1;
    }
    return 0;
}

int fs_label_box_hits_marker(const fs_label_box_t *b, const fs_label_marker_t *m)
{
    return b->x0 <= m->x + m->r && m->x - m->r <= b->x1 && b->y0 <= m->y + m->r &&
           m->y - m->r <= b->y1;
}

static double orient(double ax, double ay, double bx, double by, double cx, double cy)
{
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Whether the segments a-b and c-d meet (touching counts). */
static int segments_meet(double ax, double ay, double bx, double by, double cx, double cy,
                         double dx, double dy)
{
    double d1 = orient(cx, cy, dx, dy, ax, ay), d2 = orient(cx, cy, dx, dy, bx, by);
    double d3 = orient(ax, ay, bx, by, cx, cy), d4 = orient(ax, ay, bx, by, dx, dy);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return 1;
    /* Collinear or touching: the bounding boxes decide. */
    if (d1 == 0 || d2 == 0 || d3 == 0 || d4 == 0) {
        fs_label_box_t box = {fmin(cx, dx), fmin(cy, dy), fmax(cx, dx), fmax(cy, dy)};
        return (d1 == 0 && segment_meets_box(ax, ay, ax, ay, &box)) ||
               (d2 == 0 && segment_meets_box(bx, by, bx, by, &box)) ||
               (d3 == 0 && fmin(ax, bx) <= cx && cx <= fmax(ax, bx) && fmin(ay, by) <= cy &&
                cy <= fmax(ay, by)) ||
               (d4 == 0 && fmin(ax, bx) <= dx && dx <= fmax(ax, bx) && fmin(ay, by) <= dy &&
                dy <= fmax(ay, by));
    }
    return 0;
}

/* Whether the segments a-b and c-d cross, each passing strictly through
 * the other (touching does not count). */
static int segments_cross(double ax, double ay, double bx, double by, double cx, double cy,
                          double dx, double dy)
{
    double d1 = orient(cx, cy, dx, dy, ax, ay), d2 = orient(cx, cy, dx, dy, bx, by);
    double d3 = orient(ax, ay, bx, by, cx, cy), d4 = orient(ax, ay, bx, by, dx, dy);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/* The curve's segments the segment (x0, y0)-(x1, y1) meets, counted up
 * to stop: the count stops there. */
static size_t crossings_upto(double x0, double y0, double x1, double y1, const fs_label_curve_t *c,
                             size_t stop)
{
    size_t hits = 0;
    if (c->n < 2)
        return 0;
    double left = fmin(x0, x1), right = fmax(x0, x1);
    for (size_t i = first_segment(c, left); i + 1 < c->n && hits < stop; i++) {
        if (c->x[i] > right)
            break;
        if (finite_point(c, i) && finite_point(c, i + 1))
            hits +=
                (size_t)segments_meet(x0, y0, x1, y1, c->x[i], c->y[i], c->x[i + 1], c->y[i + 1]);
    }
    return hits;
}

size_t fs_label_segment_crossings(double x0, double y0, double x1, double y1,
                                  const fs_label_curve_t *c)
{
    return crossings_upto(x0, y0, x1, y1, c, SIZE_MAX);
}

/* What a crossing costs, in pixels of a leader's length: a name or a
 * leader crossed is avoided before a long leader, a marker before any
 * number of those, a curve before any number of markers.  A leader
 * across a marker or a curve is taken only when no spot tried has none
 * (each weight is more than the most the lighter ones add up to in a
 * chart of a few hundred names). */
#define COST_CROSSING 1e3
#define COST_MARKER 1e6
#define COST_CURVE 1e9

/* A curve's points in runs of CHUNK segments (CHUNK + 1 points, the
 * last shared with the next run), each run's box round its finite
 * points: a run wholly above or below a leader and its room is passed
 * over whole (contacts_upto, run_far). */
enum { CHUNK = 8 };
typedef struct curve_runs {
    double *lo, *hi, *left, *right; /* NULL: no runs (no memory) */
} curve_runs_t;

/* A bent leader's first leg: from the marker's edge at (x0, y0) to its
 * elbow (ex, ey), len long. */
typedef struct leg {
    double x0, y0, ex, ey, len;
} leg_t;

/* The most elbows a bent leader's search keeps for its grid. */
enum { MAX_ELBOWS = 16 };

/* The search: the scene, the labels placed so far (a box and a leader
 * each) and the label being placed. */
typedef struct search {
    const fs_label_scene_t *scene;
    const fs_label_place_t *placed;
    size_t nplaced, own;
    const fs_label_marker_t *m;
    double w, h;
    const curve_runs_t *runs; /* each curve's (curve_runs) */
    fs_label_place_t best;
    double best_cost;
    int found;
    leg_t elbows[MAX_ELBOWS]; /* the first legs found clear (bent_spots) */
    size_t nelbows;
} search_t;

/* Whether a placed label's leader (both legs when bent) meets a box. */
static int leader_meets_box(const fs_label_place_t *p, const fs_label_box_t *b)
{
    if (!p->bent)
        return segment_meets_box(p->lx0, p->ly0, p->lx1, p->ly1, b);
    return segment_meets_box(p->lx0, p->ly0, p->bx, p->by, b) ||
           segment_meets_box(p->bx, p->by, p->lx1, p->ly1, b);
}

/* Whether a box is free: inside the plot, crossing no curve, no marker,
 * no name and no leader placed before. */
static int box_free(const search_t *s, const fs_label_box_t *b)
{
    const fs_label_scene_t *sc = s->scene;
    double g = sc->gap > 0.0 ? sc->gap : 0.0;
    if (b->x0 < g || b->y0 < g || b->x1 > sc->width || b->y1 > sc->height)
        return 0;
    /* The box with its room round it, for the lines, and a quarter of
     * that for other markers (their squares are drawn smaller than
     * estimated already). */
    fs_label_box_t room = {b->x0 - g, b->y0 - g, b->x1 + g, b->y1 + g};
    fs_label_box_t near = {b->x0 - g / 4, b->y0 - g / 4, b->x1 + g / 4, b->y1 + g / 4};
    for (size_t i = 0; i < sc->nmarkers; i++)
        if (fs_label_box_hits_marker(i == s->own ? b : &near, &sc->markers[i]))
            return 0;
    for (size_t i = 0; i < s->nplaced; i++) {
        const fs_label_place_t *p = &s->placed[i];
        const fs_label_box_t *o = &p->box;
        if (b->x0 <= o->x1 && o->x0 <= b->x1 && b->y0 <= o->y1 && o->y0 <= b->y1)
            return 0;
        if (p->leader && leader_meets_box(p, b))
            return 0;
    }
    for (size_t i = 0; i < sc->ncurves; i++)
        if (fs_label_box_crosses_curve(&room, &sc->curves[i]))
            return 0;
    return 1;
}

/* The fewest curve crossings that keep a spot dist from its marker from
 * beating the best found (a cost of at least best_cost): SIZE_MAX before
 * any is found. */
static size_t losing_curves(const search_t *s, double dist)
{
    if (!s->found)
        return SIZE_MAX;
    double k = ceil((s->best_cost - dist) / COST_CURVE);
    size_t n = k > 0.0 ? (size_t)k : 0;
    /* The cost as consider() sums it decides, not the division above. */
    while (n > 0 && dist + COST_CURVE * (double)(n - 1) >= s->best_cost)
        n--;
    while (dist + COST_CURVE * (double)n < s->best_cost)
        n++;
    return n;
}

/* Whether the segment a (x increasing or not) passes within g pixels of
 * the curve's segment b, measured upright where both are: the gap
 * between two lines over the x they share is least at an end of it, or
 * nothing where they cross. */
static int segments_near(double ax0, double ay0, double ax1, double ay1, double bx0, double by0,
                         double bx1, double by1, double g)
{
    if (ax1 < ax0) {
        double t = ax0;
        ax0 = ax1;
        ax1 = t;
        t = ay0;
        ay0 = ay1;
        ay1 = t;
    }
    double lo = fmax(ax0, bx0), hi = fmin(ax1, bx1);
    if (lo > hi || !(bx1 > bx0))
        return 0;
    double bl = by0 + (by1 - by0) * (lo - bx0) / (bx1 - bx0);
    double bh = by0 + (by1 - by0) * (hi - bx0) / (bx1 - bx0);
    if (!(ax1 > ax0)) /* upright: the curve's height against its span */
        return bl >= fmin(ay0, ay1) - g && bl <= fmax(ay0, ay1) + g;
    double d0 = ay0 + (ay1 - ay0) * (lo - ax0) / (ax1 - ax0) - bl;
    double d1 = ay0 + (ay1 - ay0) * (hi - ax0) / (ax1 - ax0) - bh;
    return (d0 <= 0.0) != (d1 <= 0.0) || fmin(fabs(d0), fabs(d1)) <= g;
}

/* Whether the curve's segment a-b (x increasing) lies wholly above or
 * wholly below the leader (x0, y0)-(x1, y1) by more than g pixels over
 * the x they share, or shares no x with it: then the leader neither
 * meets it nor runs within g of it (contacts_upto), which is decided
 * without the exact tests.  The gap is measured where the shared span
 * ends (both are straight, so it is least at an end), with a margin
 * far above rounding; an upright leader or segment is never far. */
static int segment_far(double x0, double y0, double x1, double y1, double ax, double ay, double bx,
                       double by, double g)
{
    double lx = fmin(x0, x1), rx = fmax(x0, x1);
    if (!(rx - lx >= 1e-3) || !(bx > ax))
        return 0;
    double lo = fmax(lx, ax), hi = fmin(rx, bx);
    if (lo > hi)
        return 1;
    double d_lo = y0 + (y1 - y0) * (lo - x0) / (x1 - x0) - (ay + (by - ay) * (lo - ax) / (bx - ax));
    double d_hi = y0 + (y1 - y0) * (hi - x0) / (x1 - x0) - (ay + (by - ay) * (hi - ax) / (bx - ax));
    double room = g + 1e-6 * (1.0 + fabs(y0) + fabs(y1) + fabs(ay) + fabs(by));
    return (d_lo > room && d_hi > room) || (d_lo < -room && d_hi < -room);
}

static curve_runs_t curve_runs(const fs_label_curve_t *c)
{
    size_t runs = c->n / CHUNK + 1;
    double *v = malloc(4 * runs * sizeof *v);
    if (v == NULL)
        return (curve_runs_t){NULL, NULL, NULL, NULL};
    curve_runs_t r = {v, v + runs, v + 2 * runs, v + 3 * runs};
    for (size_t q = 0; q < runs; q++) {
        r.lo[q] = r.left[q] = INFINITY;
        r.hi[q] = r.right[q] = -INFINITY;
        for (size_t i = q * CHUNK; i <= q * CHUNK + CHUNK && i < c->n; i++)
            if (finite_point(c, i)) {
                r.lo[q] = fmin(r.lo[q], c->y[i]);
                r.hi[q] = fmax(r.hi[q], c->y[i]);
                r.left[q] = fmin(r.left[q], c->x[i]);
                r.right[q] = fmax(r.right[q], c->x[i]);
            }
    }
    return r;
}

/* Whether run q of a curve lies wholly above or below the leader (x0,
 * y0)-(x1, y1) by more than g pixels over the x they share, or shares no
 * x with it, as segment_far asks of each of its segments (which then
 * all are far), with its margin; an upright leader is never far. */
static int run_far(const curve_runs_t *r, size_t q, double x0, double y0, double x1, double y1,
                   double g)
{
    double lx = fmin(x0, x1), rx = fmax(x0, x1);
    if (!(rx - lx >= 1e-3))
        return 0;
    double lo = fmax(lx, r->left[q]), hi = fmin(rx, r->right[q]);
    if (lo > hi)
        return 1;
    double ya = y0 + (y1 - y0) * (lo - x0) / (x1 - x0), yb = y0 + (y1 - y0) * (hi - x0) / (x1 - x0);
    double room = g + 1e-6 * (1.0 + fabs(y0) + fabs(y1) + fabs(r->lo[q]) + fabs(r->hi[q]));
    return r->lo[q] > fmax(ya, yb) + room || r->hi[q] < fmin(ya, yb) - room;
}

/* The curve's segments the leader (x0, y0)-(x1, y1) meets, or, past its
 * first skip pixels (g from its marker, where a marker on a line must
 * leave it; 0 for a bent leader's second leg), passes within g pixels
 * of (running along a line reads as sitting on it), counted up to
 * stop. */
static size_t contacts_upto(double x0, double y0, double x1, double y1, const fs_label_curve_t *c,
                            const curve_runs_t *runs, double g, double skip, size_t stop)
{
    double len = hypot(x1 - x0, y1 - y0);
    if (!(g > 0.0) || len <= skip)
        return crossings_upto(x0, y0, x1, y1, c, stop);
    double sx = x0 + (x1 - x0) * skip / len, sy = y0 + (y1 - y0) * skip / len;
    size_t hits = 0;
    if (c->n < 2)
        return 0;
    double left = fmin(x0, x1) - g, right = fmax(x0, x1) + g;
    double low = fmin(y0, y1) - g, high = fmax(y0, y1) + g;
    for (size_t j = first_segment(c, left); j + 1 < c->n && hits < stop; j++) {
        if (c->x[j] > right)
            break;
        /* A run of segments wholly above or below the leader and its
         * room: far, all of them (its last segment's end is the next
         * run's start). */
        if (runs->lo != NULL && j % CHUNK == 0 && run_far(runs, j / CHUNK, x0, y0, x1, y1, g)) {
            j += CHUNK - 1;
            continue;
        }
        /* A segment wholly above or below the leader and its room: far. */
        if (fmin(c->y[j], c->y[j + 1]) > high || fmax(c->y[j], c->y[j + 1]) < low)
            continue;
        if (finite_point(c, j) && finite_point(c, j + 1) &&
            !segment_far(x0, y0, x1, y1, c->x[j], c->y[j], c->x[j + 1], c->y[j + 1], g))
            hits += (size_t)(segments_meet(x0, y0, x1, y1, c->x[j], c->y[j], c->x[j + 1],
                                           c->y[j + 1]) ||
                             segments_near(sx, sy, x1, y1, c->x[j], c->y[j], c->x[j + 1],
                                           c->y[j + 1], g));
    }
    return hits;
}

/* The curve's segments the line from the marker's centre (mx, my) to
 * the leader's start at its edge (x0, y0) crosses: a marker drawn over a
 * curve hides the crossing, but its leader then leaves it on the curve's
 * far side, and the name reads as across the curve from its point. */
static size_t hidden_crossings(double mx, double my, double x0, double y0,
                               const fs_label_curve_t *c)
{
    size_t hits = 0;
    if (c->n < 2)
        return 0;
    double left = fmin(mx, x0), right = fmax(mx, x0);
    for (size_t j = first_segment(c, left); j + 1 < c->n; j++) {
        if (c->x[j] > right)
            break;
        if (finite_point(c, j) && finite_point(c, j + 1))
            hits +=
                (size_t)segments_cross(mx, my, x0, y0, c->x[j], c->y[j], c->x[j + 1], c->y[j + 1]);
    }
    return hits;
}

/* The curves' segments a leader from (x0, y0) to (x1, y1) crosses or
 * runs close along (contacts_upto), and those between it and its
 * marker's centre (hidden_crossings), counted until there are stop of
 * them (the spot then cannot win). */
static size_t leader_curve_crossings(const search_t *s, double x0, double y0, double x1,
                                     double y1, size_t stop)
{
    const fs_label_scene_t *sc = s->scene;
    size_t curves = 0;
    for (size_t i = 0; i < sc->ncurves && curves < stop; i++) {
        curves += hidden_crossings(s->m->x, s->m->y, x0, y0, &sc->curves[i]);
        if (curves < stop)
            curves += contacts_upto(x0, y0, x1, y1, &sc->curves[i], &s->runs[i], sc->gap,
                                    sc->gap, stop - curves);
    }
    return curves;
}

/* The markers other than its own that a leader from (x0, y0) to (x1,
 * y1) crosses or touches, each with a quarter of the scene's room round
 * it (as a name keeps from them).  A marker that overlaps its own is not
 * counted: a leader may leave through it. */
static size_t leader_marker_crossings(const search_t *s, double x0, double y0, double x1, double y1)
{
    const fs_label_scene_t *sc = s->scene;
    const fs_label_marker_t *own = s->m;
    double g = (sc->gap > 0.0 ? sc->gap : 0.0) / 4;
    size_t hits = 0;
    for (size_t i = 0; i < sc->nmarkers; i++) {
        const fs_label_marker_t *m = &sc->markers[i];
        if (i == s->own ||
            (fabs(m->x - own->x) < m->r + own->r && fabs(m->y - own->y) < m->r + own->r))
            continue;
        double r = m->r + g;
        fs_label_box_t sq = {m->x - r, m->y - r, m->x + r, m->y + r};
        hits += (size_t)segment_meets_box(x0, y0, x1, y1, &sq);
    }
    return hits;
}

/* What a leader from (x0, y0) to (x1, y1) crosses besides the curves and
 * the markers: names and leaders placed before. */
static size_t leader_crossings(const search_t *s, double x0, double y0, double x1, double y1)
{
    size_t hits = 0;
    for (size_t i = 0; i < s->nplaced; i++) {
        const fs_label_place_t *p = &s->placed[i];
        hits += (size_t)segment_meets_box(x0, y0, x1, y1, &p->box);
        if (p->leader && !p->bent)
            hits += (size_t)segments_meet(x0, y0, x1, y1, p->lx0, p->ly0, p->lx1, p->ly1);
        if (p->leader && p->bent)
            hits += (size_t)(segments_meet(x0, y0, x1, y1, p->lx0, p->ly0, p->bx, p->by) ||
                             segments_meet(x0, y0, x1, y1, p->bx, p->by, p->lx1, p->ly1));
    }
    return hits;
}

/* Weighs a free box as a spot for the label: its leader's length, more
 * for each name or leader it crosses, far more for each marker, and more
 * again for each curve (COST_...).  Keeps the cheapest. */
static void consider(search_t *s, const fs_label_box_t *b, int leader)
{
    const fs_label_marker_t *m = s->m;
    double ex = fmin(fmax(m->x, b->x0), b->x1), ey = fmin(fmax(m->y, b->y0), b->y1);
    double dist = hypot(ex - m->x, ey - m->y);
    if (s->found && dist >= s->best_cost)
        return; /* cannot win */
    fs_label_place_t p = {*b, 0, 1, NAN, NAN, NAN, NAN, 0, 0, 0, 0, NAN, NAN};
    if (leader && dist > m->r) {
        p.leader = 1;
        p.lx0 = m->x + m->r * (ex - m->x) / dist;
        p.ly0 = m->y + m->r * (ey - m->y) / dist;
        p.lx1 = ex;
        p.ly1 = ey;
        /* A leader across too many curves cannot win: its box is not
         * even looked at (the grid's spots are mostly such). */
        size_t stop = losing_curves(s, dist);
        p.curve_crossings = leader_curve_crossings(s, p.lx0, p.ly0, ex, ey, stop);
        if (p.curve_crossings >= stop)
            return;
    }
    if (!box_free(s, b))
        return;
    if (p.leader) {
        p.crossings = leader_crossings(s, p.lx0, p.ly0, ex, ey);
        p.marker_crossings = leader_marker_crossings(s, p.lx0, p.ly0, ex, ey);
    }
    double cost = dist + COST_CROSSING * (double)p.crossings +
                  COST_MARKER * (double)p.marker_crossings + COST_CURVE * (double)p.curve_crossings;
    if (!s->found || cost < s->best_cost) {
        s->best = p;
        s->best_cost = cost;
        s->found = 1;
    }
}

/* A box of the label's size with the point (x, y) on the edge facing
 * direction (c, d): its left edge when the direction points right, its
 * right edge when left, else its bottom or top, centred. */
static fs_label_box_t box_towards(const search_t *s, double x, double y, double c, double d)
{
    double w = s->w, h = s->h;
    if (c > 0.38)
        return (fs_label_box_t){x, y - h / 2, x + w, y + h / 2};
    if (c < -0.38)
        return (fs_label_box_t){x - w, y - h / 2, x, y + h / 2};
    if (d > 0)
        return (fs_label_box_t){x - w / 2, y, x + w / 2, y + h};
    return (fs_label_box_t){x - w / 2, y - h, x + w / 2, y};
}

enum { SPOTS = 8, RINGS = 6, ANGLES = 16 };

/* The eight spots touching the marker: right, left, above, below, then
 * the corners.  The first free one wins. */
static int near_spots(search_t *s)
{
    static const double dir[SPOTS][2] = {{1, 0},     {-1, 0},   {0, 1},      {0, -1},
                                         {0.8, 0.8}, {0.8, -1}, {-0.8, 0.8}, {-0.8, -1}};
    const fs_label_marker_t *m = s->m;
    double gap = m->r + 1.0;
    for (int k = 0; k < SPOTS; k++) {
        double x = m->x + gap * dir[k][0], y = m->y + gap * dir[k][1];
        fs_label_box_t b = box_towards(s, x, y, dir[k][0], dir[k][1]);
        if (k >= 4) /* a corner: the box's nearest corner at the spot */
            b = (fs_label_box_t){dir[k][0] > 0 ? x : x - s->w, dir[k][1] > 0 ? y : y - s->h,
                                 dir[k][0] > 0 ? x + s->w : x, dir[k][1] > 0 ? y + s->h : y};
        consider(s, &b, 0);
        if (s->found)
            return 1;
    }
    return 0;
}

/* Rings further out, a label height apart, sixteen directions each: the
 * first spot whose leader crosses nothing wins. */
static int ring_spots(search_t *s)
{
    const fs_label_marker_t *m = s->m;
    for (int ring = 1; ring <= RINGS; ring++) {
        double d = m->r + 1.0 + s->h * ring;
        for (int k = 0; k < ANGLES; k++) {
            double a = 2.0 * M_PI * k / ANGLES, c = cos(a), sn = sin(a);
            fs_label_box_t b = box_towards(s, m->x + d * c, m->y + d * sn, c, sn);
            consider(s, &b, 1);
        }
        if (s->found && s->best.crossings == 0 && s->best.marker_crossings == 0 &&
            s->best.curve_crossings == 0)
            return 1;
    }
    return 0;
}

/* Anywhere in the plot, on a grid of a quarter of a label's height (a
 * name fits between two lines kept its room from each): the cheapest
 * free spot. */
static void grid_spots(search_t *s)
{
    const fs_label_scene_t *sc = s->scene;
    double sy = s->h / 4, sx = 6.0;
    for (double y0 = 0.0; y0 + s->h <= sc->height; y0 += sy)
        for (double x0 = 0.0; x0 + s->w <= sc->width; x0 += sx) {
            fs_label_box_t b = {x0, y0, x0 + s->w, y0 + s->h};
            consider(s, &b, 1);
        }
}

/* The curves' segments a bent leader's second leg, (x0, y0) from its
 * elbow to (x1, y1) at its box, meets or runs within the scene's room
 * of, all along it (contacts_upto), counted up to stop. */
static size_t leg_curve_crossings(const search_t *s, double x0, double y0, double x1, double y1,
                                  size_t stop)
{
    const fs_label_scene_t *sc = s->scene;
    size_t curves = 0;
    for (size_t i = 0; i < sc->ncurves && curves < stop; i++)
        curves += contacts_upto(x0, y0, x1, y1, &sc->curves[i], &s->runs[i], sc->gap, 0.0,
                                stop - curves);
    return curves;
}

/* The markers a bent leader's second leg crosses or touches, its own
 * too, each with a quarter of the scene's room round it. */
static size_t leg_marker_crossings(const search_t *s, double x0, double y0, double x1, double y1)
{
    const fs_label_scene_t *sc = s->scene;
    double g = (sc->gap > 0.0 ? sc->gap : 0.0) / 4;
    size_t hits = 0;
    for (size_t i = 0; i < sc->nmarkers; i++) {
        const fs_label_marker_t *m = &sc->markers[i];
        double r = m->r + g;
        fs_label_box_t sq = {m->x - r, m->y - r, m->x + r, m->y + r};
        hits += (size_t)segment_meets_box(x0, y0, x1, y1, &sq);
    }
    return hits;
}


/* Weighs a box reached by a leader bent at the first leg's elbow (its
 * second leg to the box's nearest point, at least a pixel long, the
 * first leg clear of the box): as consider() does, the legs' lengths
 * and the second leg's crossings (the first crosses nothing). */
static void consider_bent(search_t *s, const fs_label_box_t *b, const leg_t *l)
{
    double px = fmin(fmax(l->ex, b->x0), b->x1), py = fmin(fmax(l->ey, b->y0), b->y1);
    double len2 = hypot(px - l->ex, py - l->ey), dist = l->len + len2;
    if (len2 < 1.0 || dist >= s->best_cost || segment_meets_box(l->x0, l->y0, l->ex, l->ey, b))
        return;
    /* The markers crossed first, the cheaper test: with them alone it may
     * not win. */
    size_t markers = leg_marker_crossings(s, l->ex, l->ey, px, py);
    dist += COST_MARKER * (double)markers;
    if (dist >= s->best_cost)
        return;
    size_t stop = losing_curves(s, dist);
    size_t curves = leg_curve_crossings(s, l->ex, l->ey, px, py, stop);
    if (curves >= stop || !box_free(s, b))
        return;
    fs_label_place_t p = {*b, 1, 1, l->x0, l->y0, px, py, curves, 0, markers, 1, l->ex, l->ey};
    p.crossings = leader_crossings(s, l->ex, l->ey, px, py);
    double cost = dist + COST_CROSSING * (double)p.crossings + COST_CURVE * (double)curves;
    if (cost < s->best_cost) {
        s->best = p;
        s->best_cost = cost;
    }
}

/* When the best leader found crosses a marker (and no curve): leaders
 * bent once, each elbow on rings round the marker (BENT_RINGS, a label
 * height apart, ANGLES directions) reached from it crossing no curve,
 * marker, name or leader, the name then on rings round the elbow as
 * round a marker (ring_spots: RINGS of them, and one touching it), then,
 * still crossing a marker, from the first MAX_ELBOWS elbows anywhere on
 * a grid half as fine as grid_spots' (the time it takes).  The cheapest
 * wins, as consider() weighs them. */
enum { BENT_RINGS = 4 };
static void bent_spots(search_t *s)
{
    const fs_label_marker_t *m = s->m;
    const fs_label_scene_t *sc = s->scene;
    for (int ring = 1; ring <= BENT_RINGS; ring++) {
        double d = m->r + 1.0 + s->h * ring;
        for (int k = 0; k < ANGLES; k++) {
            double a = 2.0 * M_PI * k / ANGLES, c = cos(a), sn = sin(a);
            leg_t l = {m->x + m->r * c, m->y + m->r * sn, m->x + d * c, m->y + d * sn, d - m->r};
            if (l.ex < 0 || l.ey < 0 || l.ex > sc->width || l.ey > sc->height ||
                l.len >= s->best_cost ||
                leader_marker_crossings(s, l.x0, l.y0, l.ex, l.ey) > 0 ||
                leader_curve_crossings(s, l.x0, l.y0, l.ex, l.ey, 1) > 0 ||
                leader_crossings(s, l.x0, l.y0, l.ex, l.ey) > 0)
                continue;
            for (int far = 0; far <= RINGS; far++)
                for (int j = 0; j < ANGLES; j++) {
                    double r = 1.0 + s->h * far, a2 = 2.0 * M_PI * j / ANGLES;
                    double c2 = cos(a2), s2 = sin(a2);
                    fs_label_box_t b = box_towards(s, l.ex + r * c2, l.ey + r * s2, c2, s2);
                    consider_bent(s, &b, &l);
                }
            if (s->nelbows < MAX_ELBOWS)
                s->elbows[s->nelbows++] = l;
        }
    }
    /* Still crossing a marker: anywhere in the plot from each elbow, on
     * the grid (grid_spots). */
    if (s->best.marker_crossings == 0)
        return;
    double sy = s->h / 2, sx = 12.0;
    for (size_t e = 0; e < s->nelbows; e++)
        for (double y0 = 0.0; y0 + s->h <= sc->height; y0 += sy)
            for (double x0 = 0.0; x0 + s->w <= sc->width; x0 += sx) {
                fs_label_box_t b = {x0, y0, x0 + s->w, y0 + s->h};
                consider_bent(s, &b, &s->elbows[e]);
            }
}

fs_status_t fs_labels_place(const fs_label_scene_t *scene, const fs_label_request_t *req, size_t n,
                            fs_label_place_t *out, fs_error_t *err)
{
    if (!(scene->width > 0 && scene->height > 0))
        return fs_error_set(err, FS_EINVAL, "labels need a plot with a size");
    for (size_t k = 0; k < n; k++)
        if (req[k].marker >= scene->nmarkers || !(req[k].width > 0 && req[k].height > 0))
            return fs_error_set(err, FS_EINVAL, "label %zu names no marker or has no size", k + 1);
    /* Each curve's runs (curve_runs; a curve's without memory: none). */
    curve_runs_t *runs = malloc((scene->ncurves ? scene->ncurves : 1) * sizeof *runs);
    if (runs == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < scene->ncurves; i++)
        runs[i] = curve_runs(&scene->curves[i]);
    for (size_t k = 0; k < n; k++) {
        const fs_label_marker_t *m = &scene->markers[req[k].marker];
        search_t s = {scene,
                      out,
                      k,
                      req[k].marker,
                      m,
                      req[k].width,
                      req[k].height,
                      runs,
                      {{0, 0, 0, 0}, 0, 0, NAN, NAN, NAN, NAN, 0, 0, 0, 0, NAN, NAN},
                      0.0,
                      0,
                      {{0, 0, 0, 0, 0}},
                      0};
        if (!near_spots(&s) && !ring_spots(&s))
            grid_spots(&s);
        if (s.found && s.best.leader && s.best.marker_crossings > 0 &&
            s.best.curve_crossings == 0)
            bent_spots(&s);
        if (!s.found) {
            /* No free spot in the whole plot: beside the marker, marked
             * as crossing, so a caller or a test can tell. */
            fs_label_box_t b = box_towards(&s, m->x + m->r + 1.0, m->y, 1, 0);
            s.best = (fs_label_place_t){b, 0, 0, NAN, NAN, NAN, NAN, 0, 0, 0, 0, NAN, NAN};
        }
        out[k] = s.best;
    }
    for (size_t i = 0; i < scene->ncurves; i++)
        free(runs[i].lo);
    free(runs);
    return FS_OK;
}
