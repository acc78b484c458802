/* SPDX-License-Identifier: GPL-3.0-or-later */
/* spine.h: one row of a spine chart (an area profile, as PHE Fingertips
 * draws one): where a force stands among the forces on one measure.
 *
 * The row shows the forces' spread, a light bar from the lowest to the
 * highest and a darker one from the 25th to the 75th percentile, the
 * centre (England and Wales, or the band's centre) as a line in the
 * middle, and the force's value as a marker.  Each row is rescaled as
 * Fingertips rescales its spine: the centre sits at 0.5 and the extreme
 * further from it reaches the edge (0 or 1), so
 *
 *     position(x) = 0.5 + (x - centre) / (2 max(|lowest - centre|, |highest - centre|))
 *
 * and when lower is better the row is mirrored (1 - position), so that
 * better always lies to the right.  Percentiles are R's quantile type 7
 * (the default of R and of numpy): h = (n - 1) p, interpolated between the
 * order statistics either side of h.
 *
 * Contract (status.h): no options; the row is a value (no memory), its
 * fields unspecified after a failure. */
#ifndef FORCESTAT_SPINE_H
#define FORCESTAT_SPINE_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which way is better on a row. */
typedef enum fs_spine_orientation {
    FS_SPINE_NEUTRAL = 0,      /* neither: lower to the left */
    FS_SPINE_HIGHER_BETTER,    /* better (higher) to the right */
    FS_SPINE_LOWER_BETTER      /* better (lower) to the right: the row is mirrored */
} fs_spine_orientation_t;

typedef struct fs_spine_row {
    size_t n;                       /* values used (NaN left out) */
    double lowest, q1, q3, highest; /* of the values */
    double centre;                  /* the middle line */
    double value;                   /* the force's, NaN when it has none */
    fs_spine_orientation_t orientation;
    /* Positions on [0, 1], the centre at 0.5 (NaN where the value is). */
    double at_lowest, at_q1, at_q3, at_highest, at_value;
    /* The left and right ends of the bars on the page (mirrored rows
     * swap lowest and highest). */
    double left, right, box_left, box_right;
} fs_spine_row_t;

/* R's quantile(x, p, type = 7) of the n values of sorted (ascending, no
 * NaN), 0 <= p <= 1. */
double fs_quantile7(const double *sorted, size_t n, double p);

/* The spine row of n values x (NaN: missing), centred on centre, with the
 * force's value (NaN: none).  A centre outside the values' range still
 * sits at 0.5, the values then all on one side.  Errors: FS_EDOM for
 * fewer than 2 values, a non-finite centre, an infinite value (in x or
 * the force's), or a spread about the centre beyond the largest double;
 * FS_EINVAL for an orientation that is not one of the enum's; FS_ENOMEM. */
fs_status_t fs_spine_compute(const double *x, size_t n, double centre, double value,
                             fs_spine_orientation_t orientation, fs_spine_row_t *out,
                             fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif
