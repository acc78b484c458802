/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ratio.h: disproportionality, the rate of one group of people against a
 * reference group's ("Black people were 9.7 times as likely as White
 * people to be searched").
 *
 * For a group and a reference group in one area: each group's rate per
 * 1,000 people, count / population * 1000; their rate ratio with the
 * exact conditional interval (the default) or Katz's log interval, as
 * fs_change_rate_ratio (change.h) computes them with the reference group
 * as period 1 and the group as period 2; and how much the ratio depends
 * on the records whose group was not stated.
 *
 * A ratio that is not defined (no one in a group, a zero count in the
 * reference group) is said so by its fs_definition_t, never by a
 * division by zero: every number returned with FS_OK is finite.
 *
 * Contract (status.h): no options, nothing allocated; the outputs are
 * values, unspecified after a failure. */
#ifndef FORCESTAT_RATIO_H
#define FORCESTAT_RATIO_H

#include "forcestat/change.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A group's and the reference group's counts (searches) and populations
 * (people) in one area. */
typedef struct fs_group_counts {
    double count, population;
    double reference_count, reference_population;
} fs_group_counts_t;

typedef struct fs_group_ratio {
    int rate_defined;               /* population > 0 */
    double rate_per_1000;           /* count / population * 1000, 0 when not defined */
    int reference_rate_defined;     /* reference_population > 0 */
    double reference_rate_per_1000; /* 0 when not defined */
    /* The rate ratio, group over reference, its interval and the p-value
     * of the test it inverts (change.h).  FS_NOT_DEFINED when either
     * group has no one, or both counts are 0 (or, for Katz, either is
     * 0); FS_UNBOUNDED_ABOVE when the reference count is 0 and the
     * group's is not (exact method: the lower bound holds). */
    fs_contrast_t ratio;
} fs_group_ratio_t;

/* The rates and the rate ratio of g's group to its reference group at
 * confidence level `level`, by `method` (see fs_change_rate_ratio for the
 * formulas, papers and p-values).  Errors (FS_EINVAL): a count or
 * population negative or not finite, a count not whole (exact method), a
 * level outside (0, 1), an unknown method; FS_ELIMIT: a total count over
 * FS_CHANGE_EXACT_MAX_TOTAL (exact method); FS_EDOM: a rate or bound
 * beyond the largest double. */
fs_status_t fs_group_ratio(const fs_group_counts_t *g, fs_rate_ratio_method_t method, double level,
                           fs_group_ratio_t *out, fs_error_t *err);

/* The sensitivity of a ratio to the records whose group was not stated. */
typedef struct fs_not_stated_ratio {
    /* The rates per 1,000 with the not-stated shared among the groups in
     * proportion to the stated records (each count times 1 + not_stated /
     * stated_total); 0 when not defined (no population, or nothing stated
     * to share in proportion to). */
    int rates_defined;
    double rate_per_1000, reference_rate_per_1000;
    /* The ratio with them shared in proportion, which is the stated ratio
     * (both counts grow by the same factor), and its bounds: low when
     * every not-stated record belonged to the reference group, high when
     * every one belonged to the group.  low <= ratio <= high whenever
     * they are defined. */
    fs_definition_t defined, low_defined, high_defined;
    double ratio, low, high;
} fs_not_stated_ratio_t;

/* The ratio of g's group to its reference group with `not_stated` records
 * of no stated group, out of `stated_total` records of a stated group (of
 * every group, not only these two):
 *     shared = (c / P) / (r / R),
 *     low    = (c / P) / ((r + u) / R),
 *     high   = ((c + u) / P) / (r / R),
 * c, r the counts, P, R the populations, u the not-stated.  A figure whose
 * denominator is 0 is FS_UNBOUNDED_ABOVE (a positive numerator) or
 * FS_NOT_DEFINED (a zero one, or no one in a group).  Errors
 * (FS_EINVAL): a figure negative or not finite, stated_total below count
 * + reference_count; FS_EDOM: a figure beyond the largest double. */
fs_status_t fs_group_ratio_not_stated(const fs_group_counts_t *g, double not_stated,
                                      double stated_total, fs_not_stated_ratio_t *out,
                                      fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif
