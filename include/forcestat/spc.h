/* SPDX-License-Identifier: GPL-3.0-or-later */
/* spc.h: statistical process control, the XmR chart as NHS England's
 * "Making Data Count" defines it (NHSRplotthedots is its reference
 * implementation): is a change in one force's series a signal, or noise?
 *
 * A series is split into segments at the rebase points.  In each segment:
 *
 *   centre      the mean of its first `baseline` points (0: all of them)
 *   mR          the moving ranges |x[i] - x[i-1]| within those points, and
 *               mR-bar their mean; with screening (the default) the moving
 *               ranges of 3.267 mR-bar or more are dropped and mR-bar is
 *               recomputed once
 *   limits      centre +/- 2.66 mR-bar (the process limits), and the "near"
 *               lines centre +/- (2/3) 2.66 mR-bar
 *
 * and a point of the segment is special cause when any of these holds
 * (runs never cross a rebase):
 *
 *   outside       it is beyond a process limit (strictly)
 *   shift         it belongs to a run of 7 or more consecutive points on
 *                 the same side of the centre; a point on the centre
 *                 belongs to no run and breaks it
 *   trend         it belongs to 7 or more consecutive points each higher
 *                 than the one before, or each lower (an equal step breaks)
 *   two-in-three  it lies between a near line and its limit (beyond the
 *                 near line, not beyond the limit), and of 3 consecutive
 *                 points all on that side of the centre at least 2 do so;
 *                 the points flagged are those between the lines
 *
 * Variation: a special-cause point is high or low, with an improvement
 * direction "improvement" or "concern", without one "neutral high" or
 * "neutral low".  A point only a trend flags is high in a rising trend and
 * low in a falling one, on whichever side of the centre it lies
 * (NHSRplotthedots 0.2.0 and later); a peak or a trough between two
 * trends takes the trend it ends (the step into it).  A point any other
 * rule flags, with a trend or not, is high or low by its side of the
 * centre.  Everything else is "common cause".
 * Assurance, with a target and a direction: a segment "passes" when its
 * whole process range is on the good side of the target (for "up", the
 * lower limit above the target), "fails" when it is wholly on the bad
 * side, and is "hit or miss" otherwise (the target on or within the
 * limits).
 *
 * Contract (status.h): opt may be NULL (fs_spc_options_init's defaults).
 * After a failure the fs_spc_t is emptied, so fs_spc_free is always safe
 * on it (it also accepts NULL). */
#ifndef FORCESTAT_SPC_H
#define FORCESTAT_SPC_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The constants of the XmR chart: 2.66 = 3 / d2 with d2 = 1.128 for a
 * moving range of 2; 3.267 = D4, the upper limit of the moving ranges. */
#define FS_SPC_LIMIT_FACTOR 2.66
#define FS_SPC_SCREEN_FACTOR 3.267
#define FS_SPC_RUN 7        /* points in a shift or a trend */
#define FS_SPC_MIN_POINTS 12 /* NHS guidance: points for reliable limits */

/* Rules (bits of fs_spc_point_t.rules). */
#define FS_SPC_RULE_OUTSIDE 1u
#define FS_SPC_RULE_SHIFT 2u
#define FS_SPC_RULE_TREND 4u
#define FS_SPC_RULE_TWO_IN_THREE 8u

typedef enum fs_spc_direction {
    FS_SPC_NEUTRAL = 0, /* no direction is better */
    FS_SPC_UP,          /* higher is better */
    FS_SPC_DOWN         /* lower is better */
} fs_spc_direction_t;

typedef enum fs_spc_variation {
    FS_SPC_COMMON = 0,
    FS_SPC_IMPROVEMENT,
    FS_SPC_CONCERN,
    FS_SPC_NEUTRAL_HIGH,
    FS_SPC_NEUTRAL_LOW
} fs_spc_variation_t;

typedef enum fs_spc_assurance {
    FS_SPC_NO_TARGET = 0,
    FS_SPC_PASS,
    FS_SPC_FAIL,
    FS_SPC_HIT_OR_MISS
} fs_spc_assurance_t;

typedef struct fs_spc_options {
    size_t baseline;               /* points of each segment that set its limits; 0: all */
    int screen;                    /* screen the moving ranges (default 1) */
    fs_spc_direction_t improvement; /* default FS_SPC_NEUTRAL */
    int has_target;                /* with a direction: each segment's assurance */
    double target;
    size_t min_points;             /* fewer points are refused (default 12) */
} fs_spc_options_t;

void fs_spc_options_init(fs_spc_options_t *o);

typedef struct fs_spc_point {
    double value;
    size_t segment;
    double mean, lower, upper, near_lower, near_upper; /* its segment's */
    unsigned rules;                /* FS_SPC_RULE_* bits; 0: common cause */
    fs_spc_variation_t variation;
} fs_spc_point_t;

typedef struct fs_spc_segment {
    size_t start, n;        /* its first point and how many it has */
    size_t baseline;        /* the points that set its limits */
    size_t ranges;          /* moving ranges in the baseline */
    size_t screened;        /* of them, dropped by screening */
    double mean;            /* the centre */
    double mr_bar;          /* mean moving range, after screening */
    double mr_bar_unscreened;
    double lower, upper, near_lower, near_upper;
    fs_spc_assurance_t assurance;
} fs_spc_segment_t;

typedef struct fs_spc {
    fs_spc_options_t opt;
    size_t n;
    fs_spc_point_t *points;
    size_t nsegments;
    fs_spc_segment_t *segments;
} fs_spc_t;

/* The XmR chart of the n values x (in time order).  rebase holds the
 * indexes of the points that start a new segment (each in 1..n-1,
 * increasing), nrebase of them; rebase may be NULL when nrebase is 0.
 * Errors: FS_EDOM for fewer than opt->min_points values (the NHS guidance
 * on the points reliable limits need), a missing or non-finite value
 * (naming its index), a segment whose baseline has fewer than 2 points (no
 * moving range) or values beyond 1e150; FS_EINVAL for bad rebase indexes,
 * or a target without a direction; FS_ENOMEM. */
fs_status_t fs_spc_compute(const double *x, size_t n, const size_t *rebase, size_t nrebase,
                           const fs_spc_options_t *opt, fs_spc_t *out, fs_error_t *err);

void fs_spc_free(fs_spc_t *s);

/* "common cause", "improvement", "concern", "neutral high", "neutral low". */
const char *fs_spc_variation_name(fs_spc_variation_t v);
/* "", "pass", "fail", "hit or miss". */
const char *fs_spc_assurance_name(fs_spc_assurance_t a);
/* The rules that hold, joined with "+" ("outside+shift"), "" for none;
 * always NUL-terminated. */
void fs_spc_rule_names(unsigned rules, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
